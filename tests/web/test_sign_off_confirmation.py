"""Signing off goes through a confirmation page that shows the evidence and the last updates,
warns when there is no evidence, and is the only way a page signs an area off."""

from __future__ import annotations

import html
from collections.abc import Callable

from sqlmodel import col, func, select

from domain.accounts.people import actor_for, get_person
from domain.areas import progress
from domain.areas.models import DevelopmentArea, DueDateChange, Evidence, ProgressUpdate
from domain.permissions import SYSTEM
from domain.reminders import policies
from domain.vocabulary import Priority, Status, UpdateKind
from tests.factories import NOW
from tests.web.conftest import Browser, World


def _lead_records(world: World, area_id: int, notes: list[str], evidence: list[str]) -> None:
    """The lead's updates on the area, then its completion (with `evidence`)."""
    with world.session() as s:
        lead = actor_for(s, get_person(s, world.people["lead"].email))
        for note in notes:
            progress.record_progress(s, area_id=area_id, by=lead, now=NOW, note=note)
        progress.record_progress(
            s,
            area_id=area_id,
            by=lead,
            now=NOW,
            status=Status.COMPLETED,
            note="Work complete",
            evidence=evidence,
        )


def _state(world: World, area_id: int) -> tuple[object, ...]:
    """The rows a sign-off writes, and the area's version and status."""
    with world.session() as s:
        counts = tuple(
            s.exec(select(func.count()).select_from(model)).one()
            for model in (ProgressUpdate, Evidence, DueDateChange)
        )
        area = s.get(DevelopmentArea, area_id)
        assert area is not None
        return (*counts, area.version, area.status)


def test_the_area_page_links_to_the_confirmation_instead_of_signing_off(
    browser: Callable[..., Browser], world: World
) -> None:
    area_id = world.areas[2].id or 0
    _lead_records(world, area_id, [], [])
    page = browser("manager").get(f"/areas/{area_id}")
    assert f'href="/areas/{area_id}/sign-off"' in page.text
    assert f'action="/areas/{area_id}/sign-off"' not in page.text


def test_the_confirmation_shows_the_evidence_the_last_three_updates_and_a_note(
    browser: Callable[..., Browser], world: World
) -> None:
    area_id = world.areas[2].id or 0
    notes = ["Update alpha", "Update bravo", "Update charlie", "Update delta"]
    _lead_records(world, area_id, notes, ["https://intranet.example/supervision-audit"])
    page = browser("manager").get(f"/areas/{area_id}/sign-off")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "https://intranet.example/supervision-audit" in text
    for shown in ("Work complete", "Update delta", "Update charlie"):
        assert shown in text
    assert "Update bravo" not in text and "Update alpha" not in text
    assert "This area has no evidence" not in text
    assert 'name="confirmed" value="yes"' in page.text
    assert 'name="signoff_note"' in page.text
    assert ">Sign off</button>" in page.text


def test_without_evidence_the_confirmation_warns(
    browser: Callable[..., Browser], world: World
) -> None:
    area_id = world.areas[2].id or 0
    _lead_records(world, area_id, [], [])
    page = browser("manager").get(f"/areas/{area_id}/sign-off")
    assert page.status_code == 200
    assert "This area has no evidence" in page.text
    assert ">Sign off</button>" in page.text  # a warning: the authority does not insist


def test_a_sign_off_not_sent_from_the_confirmation_goes_there_and_changes_nothing(
    browser: Callable[..., Browser], world: World
) -> None:
    area_id = world.areas[2].id or 0
    _lead_records(world, area_id, [], [])
    manager = browser("manager").opened(f"/areas/{area_id}")
    before = _state(world, area_id)
    sent = manager.submit(f"/areas/{area_id}/sign-off", {"signoff_note": "Checked"})
    assert (sent.status_code, sent.headers["location"]) == (
        303,
        f"/areas/{area_id}/sign-off?back=%2Fareas%2F{area_id}",
    )
    assert _state(world, area_id) == before


def test_confirming_signs_off_with_the_note_and_goes_back(
    browser: Callable[..., Browser], world: World
) -> None:
    area_id = world.areas[2].id or 0
    _lead_records(world, area_id, [], ["https://intranet.example/supervision-audit"])
    manager = browser("manager").opened(f"/areas/{area_id}/sign-off?back=/dashboard%23sign-off")
    signed = manager.submit(
        f"/areas/{area_id}/sign-off",
        {"confirmed": "yes", "signoff_note": "Audit checked", "back": "/dashboard#sign-off"},
    )
    assert (signed.status_code, signed.headers["location"]) == (303, "/dashboard#sign-off")
    with world.session() as s:
        area = s.get(DevelopmentArea, area_id)
        assert area is not None and area.status == Status.CLOSED
        last = s.exec(select(ProgressUpdate).order_by(col(ProgressUpdate.id).desc())).first()
        assert last is not None and (last.kind, last.note) == (UpdateKind.SIGN_OFF, "Audit checked")


def test_only_someone_who_may_sign_off_a_completed_area_sees_the_page(
    browser: Callable[..., Browser], world: World
) -> None:
    done, open_area = world.areas[2].id or 0, world.areas[1].id or 0
    _lead_records(world, done, [], [])
    assert browser("lead").get(f"/areas/{done}/sign-off").status_code == 403
    assert browser("inspector").get(f"/areas/{done}/sign-off").status_code == 403
    refused = browser("manager").get(f"/areas/{open_area}/sign-off")
    assert refused.status_code == 409
    assert "only an area its lead has marked completed can be signed off" in refused.text


def test_a_priority_action_without_evidence_waits_when_the_authority_asks(
    browser: Callable[..., Browser], world: World
) -> None:
    area_id = world.areas[2].id or 0
    with world.session() as s:
        area = s.get(DevelopmentArea, area_id)
        assert area is not None
        area.priority = Priority.HIGH
        s.add(area)
        s.commit()
        policies.set_policy(
            s,
            authority_id=area.authority_id,
            overrides={"evidence_before_priority_sign_off": "yes"},
            by=SYSTEM,
        )
    _lead_records(world, area_id, [], [])
    message = (
        f"Add evidence before signing off development area {area_id}: it is a priority action, "
        "and Eastmere Borough Council needs evidence before a priority action is signed off"
    )
    manager = browser("manager")
    page = manager.get(f"/areas/{area_id}/sign-off")
    assert page.status_code == 200
    assert message in html.unescape(page.text)
    assert 'name="confirmed"' not in page.text
    before = _state(world, area_id)
    refused = manager.submit(f"/areas/{area_id}/sign-off", {"confirmed": "yes"})
    assert refused.status_code == 422
    assert f'<a href="#evidence">{message}</a>' in html.unescape(refused.text)
    assert _state(world, area_id) == before
