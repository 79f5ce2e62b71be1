"""Recording inspections, areas, assignments and progress on SQLite and PostgreSQL."""

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from domain.areas import progress, queries
from domain.areas import services as areas
from domain.areas.models import DevelopmentArea, Evidence, ProgressUpdate
from domain.errors import (
    AreaNotFound,
    DueDateBeforeInspection,
    InvalidTransition,
    MissingReason,
    NotPermitted,
    PersonNotFound,
    StaleVersion,
)
from domain.permissions import SYSTEM
from domain.vocabulary import Rag, Role, Status
from tests import factories as make
from tests.factories import NOW


def test_recording_an_inspection_creates_one_area_per_area_for_development(
    session: Session,
) -> None:
    where = make.authority(session)
    created = make.inspection_with_areas(
        session,
        where,
        ["Plans lack timescales.", "Supervision is irregular."],
        timescales=["within three months", None],
    )
    assert [a.due_date for a in created] == [date(2026, 5, 9), date(2026, 8, 9)]
    assert all(a.original_due_date == a.due_date and a.owner_id is None for a in created)


def test_adding_an_area_by_hand_refuses_a_due_date_before_the_inspection(
    session: Session,
) -> None:
    where = make.authority(session)
    inspection_id = make.inspection_with_areas(session, where, ["x"])[0].inspection_id
    with pytest.raises(DueDateBeforeInspection, match="due date 1 December 2025 is before"):
        areas.add_area(
            session,
            inspection_id=inspection_id,
            text="y",
            due=date(2025, 12, 1),
            now=NOW,
            by=SYSTEM,
        )
    count = len(session.exec(select(DevelopmentArea)).all())
    assert count == 1


def test_assigning_a_lead_records_who_and_agrees_the_original_due_date(session: Session) -> None:
    where = make.authority(session)
    lead = make.person(session, where, name="Ria Patel")
    area = make.inspection_with_areas(session, where, ["x"])[0]
    assert area.id is not None
    assigned = areas.assign_area(
        session, area_id=area.id, owner_email=lead.email, due=date(2026, 4, 30), now=NOW, by=SYSTEM
    )
    assert (assigned.owner_id, assigned.original_due_date, assigned.due_date) == (
        lead.id,
        date(2026, 4, 30),
        date(2026, 4, 30),
    )
    notes = [u.note for u in session.exec(select(ProgressUpdate))]
    assert notes == [
        "Lead assigned: Ria Patel; due date agreed as 30 April 2026 (proposed 9 August 2026)"
    ]


def test_assigning_an_unknown_lead_names_the_email_and_changes_nothing(session: Session) -> None:
    where = make.authority(session)
    area = make.inspection_with_areas(session, where, ["x"])[0]
    assert area.id is not None
    with pytest.raises(PersonNotFound, match="nobody@example.org"):
        areas.assign_area(
            session, area_id=area.id, owner_email="nobody@example.org", now=NOW, by=SYSTEM
        )
    assert session.get(DevelopmentArea, area.id).owner_id is None  # type: ignore[union-attr]


def _owned_area(session: Session) -> tuple[DevelopmentArea, make.Person, make.Person]:
    where = make.authority(session)
    manager = make.person(session, where, Role.MANAGER)
    lead = make.person(session, where, manager=manager)
    area = make.inspection_with_areas(session, where, ["Plans lack timescales."])[0]
    assert area.id is not None
    areas.assign_area(session, area_id=area.id, owner_email=lead.email, now=NOW, by=SYSTEM)
    return area, lead, manager


def test_a_lead_records_progress_with_evidence_and_the_version_moves_on(session: Session) -> None:
    area, lead, _ = _owned_area(session)
    assert area.id is not None
    before = areas.get_area(session, area.id).version
    progress.record_progress(
        session,
        area_id=area.id,
        by=make.actor(session, lead),
        now=NOW + timedelta(days=1),
        note="Template agreed",
        status=Status.IN_PROGRESS,
        evidence=["https://intranet.example.org/plan.docx"],
        expected_version=before,
    )
    after = areas.get_area(session, area.id)
    assert (after.status, after.version) == (Status.IN_PROGRESS, before + 1)
    assert after.last_progress_at == NOW + timedelta(days=1)
    assert [e.url for e in session.exec(select(Evidence))] == [
        "https://intranet.example.org/plan.docx"
    ]


def test_an_update_over_a_newer_version_is_refused_and_nothing_is_written(
    session: Session,
) -> None:
    area, lead, _ = _owned_area(session)
    assert area.id is not None
    stale = areas.get_area(session, area.id).version - 1
    with pytest.raises(StaleVersion, match="someone updated it first"):
        progress.record_progress(
            session,
            area_id=area.id,
            by=make.actor(session, lead),
            now=NOW,
            note="late",
            expected_version=stale,
        )
    assert len(session.exec(select(ProgressUpdate)).all()) == 1  # the assignment only


def test_another_lead_may_not_update_an_area_they_do_not_own(session: Session) -> None:
    area, _, _ = _owned_area(session)
    other = make.person(session, session.get(make.Authority, area.authority_id))
    assert area.id is not None
    with pytest.raises(NotPermitted, match=r"\(lead\) may not record progress on"):
        progress.record_progress(
            session, area_id=area.id, by=make.actor(session, other), now=NOW, note="mine now"
        )


def test_a_lead_cannot_sign_off_but_their_manager_can(session: Session) -> None:
    area, lead, manager = _owned_area(session)
    assert area.id is not None
    progress.record_progress(
        session,
        area_id=area.id,
        by=make.actor(session, lead),
        now=NOW,
        status=Status.COMPLETED,
        note="done",
    )
    with pytest.raises(NotPermitted, match="may not sign off"):
        progress.sign_off(session, area_id=area.id, by=make.actor(session, lead), now=NOW)
    progress.sign_off(session, area_id=area.id, by=make.actor(session, manager), now=NOW)
    assert areas.get_area(session, area.id).status == Status.CLOSED


def test_an_invalid_transition_is_refused_with_nothing_written(session: Session) -> None:
    area, lead, _ = _owned_area(session)
    assert area.id is not None
    with pytest.raises(InvalidTransition):
        progress.record_progress(
            session,
            area_id=area.id,
            by=make.actor(session, lead),
            now=NOW,
            status=Status.CLOSED,
            note="skip ahead",
        )
    assert areas.get_area(session, area.id).status == Status.OPEN


def test_a_rag_override_needs_a_reason_and_is_kept_with_it(session: Session) -> None:
    area, lead, _ = _owned_area(session)
    assert area.id is not None
    who = make.actor(session, lead)
    refused = "enter why you are changing the rating to red: the rules give green"
    with pytest.raises(MissingReason, match=refused):
        progress.record_progress(session, area_id=area.id, by=who, now=NOW, rag=Rag.RED)
    progress.record_progress(
        session,
        area_id=area.id,
        by=who,
        now=NOW,
        rag=Rag.RED,
        rag_reason="partner agency has withdrawn funding",
    )
    view = queries.list_areas(session, today=NOW.date())[0]
    assert (view.rag, view.rag_overridden) == ("red", True)
    assert view.rag_reasons[0] == "set by a person: partner agency has withdrawn funding"


def test_listing_filters_overdue_areas_for_the_day_asked(session: Session) -> None:
    where = make.authority(session)
    make.inspection_with_areas(
        session, where, ["a", "b"], timescales=["within 20 working days", "within six months"]
    )
    on_time = queries.list_areas(session, today=date(2026, 3, 9), overdue=True)
    late = queries.list_areas(session, today=date(2026, 3, 10), overdue=True)
    assert on_time == []
    assert [(v.text, v.days_overdue) for v in late] == [("a", 1)]


def test_an_unknown_area_is_named_in_the_error(session: Session) -> None:
    with pytest.raises(AreaNotFound, match="development area 999 is not recorded"):
        queries.area_detail(session, 999, date(2026, 3, 1))
