"""The API and the pages keep the rules the use cases hold: an override needs its own reason,
a rejected date needs a reason (which the lead then reads), and an authority may ask for
evidence before a priority action is signed off. A refusal changes nothing."""

from __future__ import annotations

import html
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlmodel import func, select

from domain.areas.models import DevelopmentArea, DueDateChange, Evidence, ProgressUpdate
from domain.permissions import SYSTEM
from domain.reminders import policies
from domain.reminders.models import Reminder, ReminderReason
from domain.vocabulary import ChangeState, Priority
from tests.web.conftest import Browser, World

Api = Callable[[str], TestClient]
NOT_AGREED = (
    "enter why the new due date of 30 April 2026 is not agreed; "
    "the person who asked for it reads your reason"
)


def _state(world: World, area_id: int | None) -> tuple[object, ...]:
    """The rows these rules guard, and the area's version, status and override."""
    with world.session() as s:
        counts = tuple(
            s.exec(select(func.count()).select_from(model)).one()
            for model in (ProgressUpdate, Evidence, DueDateChange, Reminder)
        )
        area = s.get(DevelopmentArea, area_id)
        assert area is not None
        return (*counts, area.version, area.status, area.rag_override)


def _requested(api: Api, world: World) -> int:
    asked = api("lead").post(
        f"/api/areas/{world.areas[1].id}/due-date-requests",
        json={"to": "2026-04-30", "reason": "Partners need longer"},
    )
    assert asked.status_code == 201
    return int(asked.json()["id"])


def test_the_api_refuses_an_override_without_its_own_reason(api: Api, world: World) -> None:
    area = world.areas[0]  # overdue: the rules rate it red
    before = _state(world, area.id)
    refused = api("lead").post(
        f"/api/areas/{area.id}/updates", json={"rag": "green", "note": "Audit finished"}
    )
    assert refused.status_code == 422
    assert refused.json()["code"] == "missing_reason"
    assert refused.json()["message"].startswith(
        "enter why you are changing the rating to green: the rules give red ("
    )
    assert _state(world, area.id) == before
    kept = api("lead").post(
        f"/api/areas/{area.id}/updates",
        json={"rag": "green", "rag_reason": "Panel agreed", "note": "Audit finished"},
    )
    assert kept.status_code == 201
    assert (kept.json()["note"], kept.json()["rag_reason"]) == ("Audit finished", "Panel agreed")


def test_the_api_refuses_a_rejection_without_a_reason(api: Api, world: World) -> None:
    change_id = _requested(api, world)
    before = _state(world, world.areas[1].id)
    for body in ({"approve": False}, {"approve": False, "note": "  "}):
        refused = api("manager").post(f"/api/due-date-requests/{change_id}/decision", json=body)
        assert refused.status_code == 422
        assert refused.json() == {"code": "missing_reason", "message": NOT_AGREED}
    assert _state(world, world.areas[1].id) == before
    decided = api("manager").post(
        f"/api/due-date-requests/{change_id}/decision",
        json={"approve": False, "note": "Not before the audit"},
    )
    assert decided.status_code == 200
    assert (decided.json()["state"], decided.json()["decision_note"]) == (
        "rejected",
        "Not before the audit",
    )
    history = api("lead").get(f"/api/areas/{world.areas[1].id}").json()["history"]
    [change] = [h for h in history if h["type"] == "due_date_change"]
    assert (change["state"], change["decision_note"]) == ("rejected", "Not before the audit")
    with world.session() as s:
        notice = s.exec(select(Reminder)).one()
        assert (notice.reason, notice.recipient_id) == (
            ReminderReason.DATE_NOT_AGREED,
            world.people["lead"].id,
        )


def _priority_completed_without_evidence(api: Api, world: World) -> int:
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
            overrides={"evidence_before_priority_sign_off": True},
            by=SYSTEM,
        )
    done = api("lead").post(f"/api/areas/{area_id}/updates", json={"status": "completed"})
    assert done.status_code == 201
    return area_id


def test_the_api_refuses_to_sign_off_a_priority_action_without_evidence(
    api: Api, world: World
) -> None:
    area_id = _priority_completed_without_evidence(api, world)
    before = _state(world, area_id)
    message = (
        f"add evidence before signing off development area {area_id}: it is a priority action, "
        "and Eastmere Borough Council needs evidence before a priority action is signed off"
    )
    manager = api("manager")
    for path, body in (
        (f"/api/areas/{area_id}/sign-off", {"note": "Checked"}),
        (f"/api/areas/{area_id}/updates", {"status": "closed"}),
    ):
        refused = manager.post(path, json=body)
        assert refused.status_code == 422
        assert refused.json() == {"code": "missing_evidence", "message": message}
    assert _state(world, area_id) == before
    signed = manager.post(
        f"/api/areas/{area_id}/updates",
        json={"status": "closed", "evidence": ["https://intranet.example/visits"]},
    )
    assert signed.status_code == 201 and signed.json()["status_to"] == "closed"


def test_a_rejection_from_the_dashboard_without_a_reason_asks_for_one(
    api: Api, browser: Callable[..., Browser], world: World
) -> None:
    change_id = _requested(api, world)
    area_id = world.areas[1].id
    manager = browser("manager").opened("/dashboard")
    before = _state(world, area_id)
    refused = manager.submit(
        f"/due-date-requests/{change_id}/decision", {"decision": "reject", "back": "/dashboard"}
    )
    assert refused.status_code == 422
    text = html.unescape(refused.text)
    assert '<a href="#decision_note">Enter why the new due date of 30 April 2026' in text
    assert 'id="decision_note-error"' in text
    assert _state(world, area_id) == before
    decided = manager.submit(
        f"/due-date-requests/{change_id}/decision",
        {"decision": "reject", "decision_note": "Not before the audit", "back": "/dashboard"},
    )
    assert (decided.status_code, decided.headers["location"]) == (303, "/dashboard")
    with world.session() as s:
        change = s.get(DueDateChange, change_id)
        assert change is not None and change.state == ChangeState.REJECTED
    page = html.unescape(browser("lead").get(f"/areas/{area_id}").text)
    assert "Revised due date not agreed" in page
    assert (
        "The request to move the due date to <strong>30 April 2026</strong> was not agreed" in page
    )
    assert "Reason: Not before the audit" in page


def test_the_progress_form_refuses_an_override_that_gives_only_a_note(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[0]
    lead = browser("lead").opened(f"/areas/{area.id}")
    before = _state(world, area.id)
    refused = lead.submit(
        f"/areas/{area.id}/updates",
        {"rag": "green", "note": "Audit finished", "version": area.version},
    )
    assert refused.status_code == 422
    text = html.unescape(refused.text)
    assert '<a href="#rag_reason">Enter why you are changing the rating to green' in text
    assert "Audit finished</textarea>" in text  # what was typed is kept
    assert _state(world, area.id) == before
