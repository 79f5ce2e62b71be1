"""The bundled example authority, loaded as of a given day into a runtime's database."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from cli.example import load_example
from domain.accounts.away import set_absence
from domain.accounts.models import Person
from domain.accounts.preferences import set_preference
from domain.calendar import london_noon
from domain.permissions import SYSTEM
from domain.reminders.policies import policy_for
from infra.db import session_scope
from infra.runtime import Runtime


def load_example_as_of(runtime: Runtime, day: date) -> None:
    with session_scope(runtime.engine) as session:
        load_example(session, today=day)


def person_by_email(session: Session, email: str) -> Person:
    return session.exec(select(Person).where(Person.email == email)).one()


def away(
    session: Session, person: Person, *, starts_on: date, days: int, delegate: Person | None
) -> None:
    """Record the person away from `starts_on` for `days` more days, `delegate` (else their
    line manager) acting for them."""
    set_absence(
        session,
        person=person,
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=days),
        delegate=delegate,
        by=SYSTEM,
        today=starts_on,
        now=london_noon(starts_on),
    )


def reads_weekly(session: Session, person: Person, weekday: str, *, now: datetime) -> None:
    """The person takes their digest by email once a week, on `weekday` ("wednesday")."""
    set_preference(
        session,
        person=person,
        policy=policy_for(session, person.authority_id or 0),
        channels=["email"],
        rhythm="weekly",
        weekly_day=weekday,
        by=SYSTEM,
        now=now,
    )


PRIYA = "priya.raman@eastmere.example"  # a lead: two areas overdue and one due soon
TOM = "tom.hargreaves@eastmere.example"  # a lead whose areas are on track
SAM = "sam.whitlock@eastmere.example"  # their manager
DANA = "dana.okafor@eastmere.example"  # the director
