"""Held uploads and leads given in bulk, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, func, select

from domain.areas.bulk import Assignment, assign_many
from domain.areas.models import DevelopmentArea, ProgressUpdate
from domain.errors import ImportNotFound, InvalidInput, NotPermitted
from domain.inspections import pending
from domain.inspections.corrections import Corrections
from domain.inspections.models import Inspection, PendingImport
from domain.permissions import SYSTEM
from domain.vocabulary import Role
from importers import read_bytes
from tests import factories as make
from tests.factories import NOW
from tests.web.import_letters import letter


def _count(session: Session, table: type) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


def test_a_held_upload_is_its_uploaders_and_records_once(session: Session) -> None:
    where = make.authority(session, "Eastmere Borough Council")
    manager = make.actor(session, make.person(session, where, Role.MANAGER))
    director = make.actor(session, make.person(session, where, Role.DIRECTOR))
    held = pending.hold_document(
        session, read_bytes(letter(), source="later.txt"), by=manager, now=NOW
    )
    assert (_count(session, Inspection), held.recorded) == (0, None)

    with pytest.raises(ImportNotFound):
        pending.held_document(session, held.id, by=director)
    revised = pending.revise_held(
        session, held.id, Corrections(findings=held.document.findings[3:]), by=manager
    )
    assert len(pending.held_document(session, held.id, by=manager).document.findings) == 3
    outcome = pending.record_pending(session, held.id, by=manager, now=NOW)
    again = pending.record_pending(session, held.id, by=manager, now=NOW)

    assert (len(outcome.areas), outcome.already_recorded, again.already_recorded) == (
        3,
        False,
        True,
    )
    assert again.inspection.id == outcome.inspection.id and len(revised.document.findings) == 3
    assert _count(session, Inspection) == 1


def test_uploads_nobody_records_are_forgotten_after_a_week(session: Session) -> None:
    document = read_bytes(letter(), source="later.txt")
    old = pending.hold_document(session, document, by=SYSTEM, now=NOW - timedelta(days=8))
    pending.hold_document(session, document, by=SYSTEM, now=NOW)

    assert _count(session, PendingImport) == 1
    with pytest.raises(ImportNotFound):
        pending.held_document(session, old.id, by=SYSTEM)


def test_a_lead_may_not_hold_an_upload(session: Session) -> None:
    lead = make.actor(session, make.person(session, make.authority(session), Role.LEAD))
    with pytest.raises(NotPermitted, match="may not import"):
        pending.hold_document(session, read_bytes(letter(), source="l.txt"), by=lead, now=NOW)
    assert _count(session, PendingImport) == 0


def test_leads_are_given_in_one_transaction_or_not_at_all(session: Session) -> None:
    where = make.authority(session)
    lead = make.person(session, where, Role.LEAD)
    first, second = make.inspection_with_areas(session, where, ["Plans.", "Supervision."])
    assert first.id is not None and second.id is not None

    with pytest.raises(InvalidInput, match=rf"1 of 2 not valid.*area {second.id}: due date"):
        assign_many(
            session,
            [
                Assignment(first.id, lead.email, date(2026, 6, 1)),
                Assignment(second.id, lead.email, date(2020, 1, 1)),
            ],
            by=SYSTEM,
            now=NOW,
        )
    session.expire_all()
    assert (session.get(DevelopmentArea, first.id).owner_id, _count(session, ProgressUpdate)) == (  # type: ignore[union-attr]
        None,
        0,
    )

    done = assign_many(
        session,
        [Assignment(first.id, lead.email, date(2026, 6, 1)), Assignment(second.id, lead.email)],
        by=SYSTEM,
        now=NOW,
    )
    assert [(a.owner_id, a.original_due_date) for a in done] == [
        (lead.id, date(2026, 6, 1)),
        (lead.id, second.due_date),
    ]


def test_bulk_assignment_keeps_the_role_rules(session: Session) -> None:
    where = make.authority(session)
    lead = make.person(session, where, Role.LEAD)
    [area] = make.inspection_with_areas(session, where, ["Plans."])
    assert area.id is not None

    with pytest.raises(NotPermitted):
        assign_many(
            session, [Assignment(area.id, lead.email)], by=make.actor(session, lead), now=NOW
        )
    with pytest.raises(InvalidInput, match="named twice"):
        assign_many(
            session,
            [Assignment(area.id, lead.email), Assignment(area.id, lead.email)],
            by=SYSTEM,
            now=NOW,
        )
