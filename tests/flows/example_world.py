"""The bundled example authority, loaded as of a given day into a runtime's database."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from cli.example import load_example
from domain.accounts.models import Person
from infra.db import session_scope
from infra.runtime import Runtime


def load_example_as_of(runtime: Runtime, day: date) -> None:
    with session_scope(runtime.engine) as session:
        load_example(session, today=day)


def person_by_email(session: Session, email: str) -> Person:
    return session.exec(select(Person).where(Person.email == email)).one()


PRIYA = "priya.raman@eastmere.example"  # a lead: two areas overdue and one due soon
TOM = "tom.hargreaves@eastmere.example"  # a lead whose areas are on track
SAM = "sam.whitlock@eastmere.example"  # their manager
DANA = "dana.okafor@eastmere.example"  # the director
