"""Commands that shape the chase: pause an area, be away with a delegate, choose channels."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.context import acting_as
from cli.options import AreaId
from cli.output import say
from domain.accounts.away import end_absence, set_absence
from domain.accounts.people import get_person
from domain.accounts.preferences import WEEKDAYS, Rhythm, set_preference
from domain.areas.pausing import pause_area, resume_area
from domain.dates import parse_date, written_date
from domain.permissions import SYSTEM
from domain.reminders.policies import policy_as_read
from domain.reminders.policy import Policy
from infra import clock

By = Annotated[str, typer.Option(help="email of the person acting (the lead or a manager)")]
Email = Annotated[str, typer.Argument(help="the person's email")]


def area_pause(
    area_id: AreaId,
    until: Annotated[str, typer.Option(help="the last day of the pause, YYYY-MM-DD")],
    reason: Annotated[str, typer.Option(help="what the area is waiting for")],
    by: By,
) -> None:
    """Pause the chase of an area until a date; the manager still hears when policy says."""
    last_day = parse_date(until, "--until")
    with acting_as(by) as (session, acting):
        pause = pause_area(
            session, area_id=area_id, until=last_day, reason=reason, today=clock.today(), **acting
        )
        say(f"development area {area_id} paused until {written_date(pause.until)}")


def area_resume(area_id: AreaId, by: By) -> None:
    """End an area's pause: the chase takes up again from today."""
    with acting_as(by) as (session, acting):
        resume_area(session, area_id=area_id, today=clock.today(), **acting)
        say(f"development area {area_id} is chased again from today")


def person_away(
    email: Email,
    starts: Annotated[str, typer.Option("--from", help="the first day away, YYYY-MM-DD")],
    ends: Annotated[str, typer.Option("--to", help="the last day away, YYYY-MM-DD")],
    delegate: Annotated[
        str | None, typer.Option(help="who takes their reminders (default: their manager)")
    ] = None,
) -> None:
    """Record that a person is away; their reminders go to the delegate meanwhile."""
    first, last = parse_date(starts, "--from"), parse_date(ends, "--to")
    with acting_as(SYSTEM) as (session, acting):
        person = get_person(session, email)
        stand_in = get_person(session, delegate) if delegate else None
        absence = set_absence(
            session,
            person=person,
            starts_on=first,
            ends_on=last,
            delegate=stand_in,
            today=clock.today(),
            **acting,
        )
        to = stand_in.email if stand_in else "their line manager"
        say(
            f"{person.email} away from {written_date(absence.starts_on)} to "
            f"{written_date(absence.ends_on)}; reminders go to {to}"
        )


def person_back(email: Email) -> None:
    """End a person's absence (they are back today) or cancel the next one."""
    with acting_as(SYSTEM) as (session, acting):
        person = get_person(session, email)
        end_absence(session, person=person, today=clock.today(), **acting)
        say(f"{person.email} takes their own reminders again from today")


def person_reminders(
    email: Email,
    channels: Annotated[
        str, typer.Option(help="comma-separated: email, teams, slack, webhook")
    ] = "email",
    rhythm: Annotated[str, typer.Option(help="daily or weekly")] = Rhythm.DAILY.value,
    day: Annotated[str | None, typer.Option(help="the weekly day, Monday to Friday")] = None,
) -> None:
    """Choose a person's reminder channels and rhythm, within their authority's policy."""
    with acting_as(SYSTEM) as (session, acting):
        person = get_person(session, email)
        # Someone of no authority (an administrator of all) is offered what the defaults allow.
        policy = policy_as_read(session, person.authority_id) if person.authority_id else Policy()
        stored = set_preference(
            session,
            person=person,
            policy=policy,
            channels=[c for c in channels.split(",") if c.strip()],
            rhythm=rhythm.strip().lower(),
            weekly_day=day,
            **acting,
        )
        day_name = WEEKDAYS[stored.weekly_day] if stored.weekly_day is not None else None
        when = f"weekly on {day_name}" if day_name else "daily"
        say(f"{person.email} takes reminders by {', '.join(stored.channels)}, {when}")
