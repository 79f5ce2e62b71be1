"""The system actor in the services: recorded as no person, and never a person's actor."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, col, select

from domain.accounts import services as accounts
from domain.accounts.credentials import TokenPurpose
from domain.accounts.models import Person
from domain.accounts.people import add_authority
from domain.areas import services as areas
from domain.areas.models import DueDateChange, ProgressUpdate
from domain.areas.plans import import_plan
from domain.errors import NotPermitted
from domain.inspections.services import InspectionInput, record_inspection
from domain.permissions import SYSTEM
from domain.reminders.planning import RunClaim, plan_daily_reminders
from domain.reminders.readiness import plan_readiness
from domain.vocabulary import InspectionKind, Role
from tests import factories as make
from tests.factories import NOW

TODAY = date(2026, 3, 2)


def test_what_the_system_actor_does_is_recorded_with_no_person(session: Session) -> None:
    where = make.authority(session)
    first, second = make.person(session, where), make.person(session, where)
    inspector = make.person(session, None, Role.INSPECTOR)
    area = make.inspection_with_areas(session, where, ["Plans lack timescales."])[0]
    assert area.id is not None
    areas.assign_area(session, area_id=area.id, owner_email=first.email, now=NOW, by=SYSTEM)
    areas.assign_area(
        session,
        area_id=area.id,
        owner_email=second.email,
        due=date(2026, 9, 30),
        now=NOW + timedelta(hours=1),
        by=SYSTEM,
    )
    grant = accounts.grant_inspector_access(
        session,
        email=inspector.email,
        authority=where.name,
        until=date(2026, 3, 31),
        today=TODAY,
        now=NOW,
        by=SYSTEM,
    )
    updates = session.exec(select(ProgressUpdate).where(ProgressUpdate.area_id == area.id))
    assert [u.author_id for u in updates] == [None, None]
    [change] = session.exec(select(DueDateChange).where(DueDateChange.area_id == area.id))
    assert (change.requested_by_id, change.decided_by_id) == (None, None)
    assert grant.granted_by_id is None


def test_no_person_signs_in_or_holds_a_token_as_the_system_actor(session: Session) -> None:
    where = make.authority(session)
    everyone = [make.person(session, where, role) for role in Role if role != Role.INSPECTOR]
    everyone.append(make.person(session, None, Role.ADMIN))
    inspector = make.person(session, None, Role.INSPECTOR)
    accounts.grant_inspector_access(
        session,
        email=inspector.email,
        authority=where.name,
        until=TODAY,
        today=TODAY,
        now=NOW,
        by=SYSTEM,
    )
    everyone.append(inspector)
    assert session.get(Person, SYSTEM.person_id) is None
    assert min(session.exec(select(col(Person.id)))) > SYSTEM.person_id
    for person in everyone:
        _, secret = accounts.issue_token(
            session, email=person.email, purpose=TokenPurpose.API, now=NOW, by=SYSTEM
        )
        holder = accounts.person_for_token(
            session, secret=secret, purpose=TokenPurpose.API, now=NOW
        )
        actor = accounts.actor_on(session, holder, TODAY)
        assert (actor.person_id, actor.is_system) == (person.id, False)


def test_only_administrators_set_up_what_the_command_line_sets_up(session: Session) -> None:
    where = make.authority(session)
    assert where.id is not None
    area = make.inspection_with_areas(session, where, ["Plans lack timescales."])[0]
    boss = make.person(session, where, Role.MANAGER)
    lead = make.actor(session, make.person(session, where, manager=boss))
    local_admin = make.actor(session, make.person(session, where, Role.ADMIN))
    director = make.actor(session, make.person(session, where, Role.DIRECTOR))
    data = InspectionInput(InspectionKind.UCRA_LETTER, date(2026, 2, 2), date(2026, 2, 3))
    with pytest.raises(NotPermitted, match=r"\(admin\) may not add authorities$"):
        add_authority(session, name="Westmere", now=NOW, by=local_admin)
    with pytest.raises(NotPermitted, match=r"\(lead\) may not import inspection documents"):
        record_inspection(session, authority_id=where.id, data=data, now=NOW, by=lead)
    with pytest.raises(NotPermitted, match=r"\(lead\) may not assign development areas"):
        areas.add_area(session, inspection_id=area.inspection_id, text="New", now=NOW, by=lead)
    row = {"inspection_id": str(area.inspection_id), "text": "New"}
    with pytest.raises(NotPermitted, match=r"\(lead\) may not assign development areas"):
        import_plan(session, source="plan.csv", rows=[(2, row)], now=NOW, by=lead)
    with pytest.raises(NotPermitted, match=r"\(admin\) may not plan the reminders"):
        plan_daily_reminders(
            session,
            today=TODAY,
            now=NOW,
            run=RunClaim("run", "run"),
            lease_cutoff=NOW,
            by=local_admin,
        )
    with pytest.raises(NotPermitted, match=r"\(director\) may not plan the readiness reports"):
        plan_readiness(session, [], now=NOW, run_id="run", lease_cutoff=NOW, by=director)
    session.rollback()
    assert len(make.inspection_with_areas(session, where, ["Still recorded by the system."])) == 1
