"""Rules no screen can bypass, held in the use cases themselves (SQLite and PostgreSQL):

- a RAG rating set against the rules' own needs its own reason, never the progress note;
- a revised due date is rejected only with a reason, which reaches the person who asked;
- an authority may ask for evidence before a priority action is signed off.

Each refusal leaves the database as it was: the same rows, the area at the same version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlmodel import Session, func, select

from domain.accounts.models import Person
from domain.areas import due_dates, progress
from domain.areas import services as areas
from domain.areas.models import DevelopmentArea, DueDateChange, Evidence, ProgressUpdate
from domain.areas.sign_off_page import sign_off_page
from domain.carryover.review_pack import build_review_pack
from domain.errors import InvalidTransition, MissingEvidence, MissingReason, NotPermitted
from domain.inspections import services as inspections
from domain.inspections.documents import FindingInput
from domain.permissions import SYSTEM, Actor
from domain.reminders import policies
from domain.reminders.models import Reminder, ReminderReason, ReminderState
from domain.vocabulary import ChangeState, FindingKind, InspectionKind, Priority, Rag, Role, Status
from notifications.addressing import digests_for
from notifications.rendering import render_digest
from reviewpack.html import render_pack_html
from tests import factories as make
from tests.factories import NOW
from tests.flows.ledger_steps import daily_run

OVERDUE_SINCE = date(2026, 2, 18)  # twelve days before NOW


@dataclass
class World:
    authority: str
    lead: Person
    manager: Person
    area: int  # an area for development, led by `lead`, overdue
    priority: int  # an area for priority action, led by `lead`, due later

    def actor(self, session: Session, who: Person) -> Actor:
        return make.actor(session, who)


def _world(session: Session) -> World:
    where = make.authority(session)
    director = make.person(session, where, Role.DIRECTOR)
    manager = make.person(session, where, Role.MANAGER, manager=director)
    lead = make.person(session, where, manager=manager)
    assert where.id is not None
    recorded = inspections.record_inspection(
        session,
        authority_id=where.id,
        now=NOW,
        data=inspections.InspectionInput(
            kind=InspectionKind.UCRA_LETTER,
            start=date(2026, 1, 12),
            end=date(2026, 1, 13),
            published=date(2026, 2, 9),
            findings=[
                FindingInput(FindingKind.AREA_FOR_DEVELOPMENT, "Areas", "Plans are too general."),
                FindingInput(FindingKind.PRIORITY_ACTION, "Priority", "Visits are not on time."),
            ],
        ),
        by=SYSTEM,
    )
    normal, priority = (a.id or 0 for a in recorded.areas)
    for area_id, due in ((normal, OVERDUE_SINCE), (priority, date(2026, 6, 30))):
        areas.assign_area(
            session, area_id=area_id, owner_email=lead.email, due=due, now=NOW, by=SYSTEM
        )
    assert areas.get_area(session, priority).priority == Priority.HIGH
    return World(where.name, lead, manager, normal, priority)


def _state(session: Session, area_id: int) -> dict[str, object]:
    """Every row that a refused use case might have written, and the area's version."""
    counts: dict[str, object] = {
        model.__name__: session.exec(select(func.count()).select_from(model)).one()
        for model in (ProgressUpdate, Evidence, DueDateChange, Reminder)
    }
    area = session.exec(
        select(DevelopmentArea.version, DevelopmentArea.status, DevelopmentArea.rag_override).where(
            DevelopmentArea.id == area_id
        )
    ).one()
    return {**counts, "area": tuple(area)}


# An override needs its own reason.


def test_an_override_without_its_own_reason_is_refused_even_with_a_note(session: Session) -> None:
    w = _world(session)
    before = _state(session, w.area)
    for note in (None, "Audit finished last week"):
        with pytest.raises(MissingReason) as refused:
            progress.record_progress(
                session,
                area_id=w.area,
                by=w.actor(session, w.lead),
                now=NOW,
                rag=Rag.GREEN,
                note=note,
            )
        assert refused.value.message.startswith(
            "enter why you are changing the rating to green: the rules give red ("
        )
        assert refused.value.field == "rag_reason"
        assert _state(session, w.area) == before


def test_the_override_keeps_its_own_reason_and_the_pack_prints_that(session: Session) -> None:
    w = _world(session)
    update = progress.record_progress(
        session,
        area_id=w.area,
        by=w.actor(session, w.lead),
        now=NOW,
        rag=Rag.GREEN,
        rag_reason="The panel agreed the plan is on track",
        note="Audit finished last week",
    )
    area = areas.get_area(session, w.area)
    assert (area.rag_override, area.rag_override_reason) == (
        Rag.GREEN,
        "The panel agreed the plan is on track",
    )
    assert (update.note, update.rag_reason) == (
        "Audit finished last week",
        "The panel agreed the plan is on track",
    )
    pack = build_review_pack(session, authority=w.authority, by=SYSTEM, today=NOW.date())
    [shown] = [a for a in pack.areas if a.view.id == w.area]
    assert shown.view.rag_reasons[0] == "set by a person: The panel agreed the plan is on track"
    assert not any("Audit finished" in reason for reason in shown.view.rag_reasons)
    assert [u.rag_reason for u in shown.updates if u.rag] == [
        "The panel agreed the plan is on track"
    ]
    page = render_pack_html(pack)
    assert "set by a person: The panel agreed the plan is on track" in page
    assert "set by a person: Audit finished" not in page


def test_a_rating_that_agrees_with_the_rules_needs_no_reason(session: Session) -> None:
    w = _world(session)
    progress.record_progress(
        session, area_id=w.area, by=w.actor(session, w.lead), now=NOW, rag=Rag.RED
    )
    area = areas.get_area(session, w.area)
    assert (area.rag_override, area.rag_override_reason) == (None, None)


# A rejected date needs a reason, and the person who asked hears it.


def _request(session: Session, w: World) -> int:
    change = due_dates.change_due_date(
        session,
        area_id=w.area,
        to=date(2026, 4, 30),
        reason="The audit needs a second month",
        by=w.actor(session, w.lead),
        now=NOW,
    )
    assert change.id is not None and change.state == ChangeState.PENDING
    return change.id


def test_a_rejection_without_a_reason_is_refused_and_nothing_changes(session: Session) -> None:
    w = _world(session)
    change_id = _request(session, w)
    before = _state(session, w.area)
    for note in (None, "", "   "):
        with pytest.raises(MissingReason) as refused:
            due_dates.decide_due_date(
                session,
                change_id=change_id,
                approve=False,
                by=w.actor(session, w.manager),
                now=NOW,
                note=note,
            )
        assert refused.value.message == (
            "enter why the new due date of 30 April 2026 is not agreed; "
            "the person who asked for it reads your reason"
        )
        assert _state(session, w.area) == before
    change = session.get(DueDateChange, change_id)
    assert change is not None and change.state == ChangeState.PENDING


def test_an_approval_needs_no_reason(session: Session) -> None:
    w = _world(session)
    change_id = _request(session, w)
    due_dates.decide_due_date(
        session, change_id=change_id, approve=True, by=w.actor(session, w.manager), now=NOW
    )
    assert areas.get_area(session, w.area).due_date == date(2026, 4, 30)
    assert session.exec(select(Reminder)).all() == []


def test_the_reason_for_a_rejection_reaches_the_next_digest_once(session: Session) -> None:
    w = _world(session)
    change_id = _request(session, w)
    due_dates.decide_due_date(
        session,
        change_id=change_id,
        approve=False,
        by=w.actor(session, w.manager),
        now=NOW,
        note="Not before the audit is reviewed",
    )
    notice = session.exec(
        select(Reminder).where(Reminder.reason == ReminderReason.DATE_NOT_AGREED)
    ).one()
    assert (notice.recipient_id, notice.window_key, notice.state) == (
        w.lead.id,
        change_id,
        ReminderState.PENDING,
    )
    first = daily_run(session, date(2026, 3, 3))  # planning leaves the notice alone
    [digest] = [d for d in digests_for(first.claimed, today=first.today, base_url="https://x")]
    assert digest.recipient.id == w.lead.id
    [told] = digest.digest.notices
    assert (told.asked_for, told.because) == (date(2026, 4, 30), "Not before the audit is reviewed")
    text = render_digest(digest.digest).text
    assert (
        "Your request for a new due date of 30 April 2026 was not agreed: "
        "Not before the audit is reviewed" in text
    )
    again = daily_run(session, date(2026, 3, 4))
    assert all(c.reason != ReminderReason.DATE_NOT_AGREED for c in again.claimed)
    session.refresh(notice)
    assert notice.state == ReminderState.SENT


# Evidence before a priority action is signed off, when the authority asks for it.


def _completed(session: Session, w: World, area_id: int, evidence: list[str] = []) -> None:  # noqa: B006
    progress.record_progress(
        session,
        area_id=area_id,
        by=w.actor(session, w.lead),
        now=NOW,
        status=Status.COMPLETED,
        note="Done",
        evidence=evidence,
    )


def _ask_for_evidence(session: Session, w: World) -> None:
    authority_id = areas.get_area(session, w.priority).authority_id
    policies.set_policy(
        session,
        authority_id=authority_id,
        overrides={"evidence_before_priority_sign_off": True},
        by=SYSTEM,
    )


def test_a_priority_action_without_evidence_is_not_signed_off(session: Session) -> None:
    w = _world(session)
    _ask_for_evidence(session, w)
    _completed(session, w, w.priority)
    before = _state(session, w.priority)
    message = (
        f"add evidence before signing off development area {w.priority}: it is a priority "
        f"action, and {w.authority} needs evidence before a priority action is signed off"
    )
    manager = w.actor(session, w.manager)
    with pytest.raises(MissingEvidence) as refused:
        progress.sign_off(session, area_id=w.priority, by=manager, now=NOW, note="Checked")
    assert refused.value.message == message
    with pytest.raises(MissingEvidence):  # the same through a status change (the CLI's way)
        progress.record_progress(
            session, area_id=w.priority, by=manager, now=NOW, status=Status.CLOSED
        )
    assert _state(session, w.priority) == before
    assert sign_off_page(session, manager, w.priority).blocked == message


def test_evidence_added_before_or_with_the_sign_off_lets_it_through(session: Session) -> None:
    w = _world(session)
    _ask_for_evidence(session, w)
    _completed(session, w, w.priority)
    progress.record_progress(
        session,
        area_id=w.priority,
        by=w.actor(session, w.manager),
        now=NOW,
        status=Status.CLOSED,
        evidence=["https://intranet.example/visits-audit"],
    )
    assert areas.get_area(session, w.priority).status == Status.CLOSED


def test_areas_the_rule_does_not_cover_are_signed_off_without_evidence(session: Session) -> None:
    w = _world(session)
    manager = w.actor(session, w.manager)
    _completed(session, w, w.priority)
    progress.sign_off(session, area_id=w.priority, by=manager, now=NOW)  # the rule is off
    _ask_for_evidence(session, w)
    _completed(session, w, w.area)
    progress.sign_off(session, area_id=w.area, by=manager, now=NOW)  # not a priority action
    assert {areas.get_area(session, a).status for a in (w.area, w.priority)} == {Status.CLOSED}


def test_the_confirmation_shows_evidence_and_the_last_three_updates(session: Session) -> None:
    w = _world(session)
    lead = w.actor(session, w.lead)
    for note in ("First", "Second", "Third"):
        progress.record_progress(session, area_id=w.priority, by=lead, now=NOW, note=note)
    _completed(session, w, w.priority, ["https://intranet.example/visits-audit"])
    page = sign_off_page(session, w.actor(session, w.manager), w.priority)
    assert [e.url for e in page.evidence] == ["https://intranet.example/visits-audit"]
    assert [u.update.note for u in page.last_updates] == ["Done", "Third", "Second"]
    assert page.blocked is None and page.lead == w.lead.name
    with pytest.raises(NotPermitted):
        sign_off_page(session, lead, w.priority)
    with pytest.raises(InvalidTransition, match="only an area its lead has marked completed"):
        sign_off_page(session, w.actor(session, w.manager), w.area)
