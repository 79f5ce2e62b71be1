"""Reminder preferences: the channels a person takes reminders on and how often, within policy.

A person with no stored preference takes every channel they have an address for, every day.
The authority's policy says which channels and rhythms are open to its people; a preference
that policy later closes is read as far as it still can be (see `effective`), never refused
at delivery time, so nothing owed is lost to a setting changed afterwards.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import JSON, Column
from sqlmodel import Field, Session, SQLModel

from domain.accounts.models import Person
from domain.columns import UTCDateTime, enum_type
from domain.errors import InvalidInput, NotPermitted
from domain.permissions import Actor, may_administer, recorded_id
from domain.reminders.policy import Policy


class Channel(StrEnum):
    """A kind of place a digest can go."""

    EMAIL = "email"
    TEAMS = "teams"
    SLACK = "slack"
    WEBHOOK = "webhook"


class Rhythm(StrEnum):
    """How often a person's digest goes out."""

    DAILY = "daily"
    WEEKLY = "weekly"


WEEKDAYS = tuple(calendar.day_name[:5])  # Monday to Friday: digests go out on working days
# Apprise schemes by channel; any other web address a person gave is a webhook.
_SCHEMES = {
    Channel.TEAMS: ("msteams", "workflow", "workflows", "powerautomate"),
    Channel.SLACK: ("slack",),
}


class ReminderPreference(SQLModel, table=True):
    """One person's choice of channels and rhythm; `weekly_day` is 0 (Monday) to 4 (Friday)."""

    __tablename__ = "reminder_preference"

    person_id: int = Field(foreign_key="person.id", primary_key=True)
    channels: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    rhythm: Rhythm = Field(default=Rhythm.DAILY, sa_type=enum_type(Rhythm))
    weekly_day: int | None = None
    updated_by_id: int | None = Field(default=None, foreign_key="person.id")
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


def channel_of(address: str) -> Channel:
    """The channel an Apprise URL of a person's reaches, read from its scheme."""
    scheme = urlsplit(address).scheme.lower()
    for channel, schemes in _SCHEMES.items():
        if scheme in schemes:
            return channel
    return Channel.EMAIL if scheme in ("mailto", "mailtos") else Channel.WEBHOOK


def allowed_channels(policy: Policy) -> frozenset[Channel]:
    """The channels the authority's policy opens to its people; email is always open."""
    flags = {
        Channel.TEAMS: policy.allow_teams,
        Channel.SLACK: policy.allow_slack,
        Channel.WEBHOOK: policy.allow_webhook,
    }
    return frozenset({Channel.EMAIL} | {c for c, allowed in flags.items() if allowed})


def available_channels(person: Person) -> frozenset[Channel]:
    """The channels a person has an address for: email, and each of their own targets."""
    return frozenset({Channel.EMAIL} | {channel_of(a) for a in person.extra_addresses})


@dataclass(frozen=True)
class Preference:
    """A person's preference as delivery reads it: channels, rhythm and weekly day."""

    channels: frozenset[Channel]
    rhythm: Rhythm = Rhythm.DAILY
    weekly_day: int | None = None

    @property
    def day_name(self) -> str | None:
        return WEEKDAYS[self.weekly_day] if self.weekly_day is not None else None

    def holds_back(self, today: date) -> bool:
        """Whether the person's own reminders wait today for their weekly day."""
        return self.rhythm == Rhythm.WEEKLY and today.weekday() != self.weekly_day


def effective(stored: ReminderPreference | None, person: Person, policy: Policy) -> Preference:
    """What delivery honours: the stored choice within what policy and addresses allow.

    When nothing chosen is left open, email stands in, so a person is never unreachable;
    a weekly rhythm policy no longer allows is read as daily.
    """
    open_to = allowed_channels(policy) & available_channels(person)
    if stored is None:
        return Preference(open_to)
    chosen = frozenset(Channel(c) for c in stored.channels if c in Channel.__members__.values())
    channels = (chosen & open_to) or frozenset({Channel.EMAIL})
    if stored.rhythm == Rhythm.WEEKLY and policy.allow_weekly_rhythm:
        return Preference(channels, Rhythm.WEEKLY, stored.weekly_day)
    return Preference(channels)


def preference_of(session: Session, person: Person, policy: Policy) -> Preference:
    """The person's effective preference."""
    return effective(session.get(ReminderPreference, person.id), person, policy)


def parse_weekday(value: str | int | None) -> int | None:
    """A weekday by name ('Tuesday', 'tue') or number (0 Monday to 4 Friday)."""
    if value is None or value == "":
        return None
    spelled = str(value).strip().lower()
    for number, name in enumerate(WEEKDAYS):
        if spelled in (str(number), name.lower(), name.lower()[:3]):
            return number
    raise InvalidInput(
        f"weekly day {value!r} is not a working day; use one of: {', '.join(WEEKDAYS)}",
        field="weekly_day",
    )


def _checked(
    person: Person, policy: Policy, channels: list[str], rhythm: str, weekly_day: Any
) -> tuple[list[str], Rhythm, int | None]:
    """The choice as stored, or one InvalidInput naming the first value that is not open."""
    known = ", ".join(c.value for c in Channel)
    if not channels:
        raise InvalidInput(f"choose at least one channel: {known}", field="channels")
    chosen: list[Channel] = []
    for name in channels:
        if name.strip().lower() not in Channel.__members__.values():
            raise InvalidInput(f"channel {name!r} is not known; use {known}", field="channels")
        chosen.append(Channel(name.strip().lower()))
    for channel in chosen:
        if channel not in allowed_channels(policy):
            raise InvalidInput(
                f"channel {channel.value} is not offered by your authority", field="channels"
            )
        if channel not in available_channels(person):
            raise InvalidInput(
                f"{person.email} has no {channel.value} address; ask an administrator to add one",
                field="channels",
            )
    if rhythm not in Rhythm.__members__.values():
        raise InvalidInput(f"rhythm {rhythm!r} is not known; use daily or weekly", field="rhythm")
    day = parse_weekday(weekly_day)
    if rhythm == Rhythm.WEEKLY and not policy.allow_weekly_rhythm:
        raise InvalidInput("your authority sends digests daily only", field="rhythm")
    if rhythm == Rhythm.WEEKLY and day is None:
        raise InvalidInput("a weekly rhythm needs a day, Monday to Friday", field="weekly_day")
    ordered = [c.value for c in Channel if c in chosen]
    return ordered, Rhythm(rhythm), day if rhythm == Rhythm.WEEKLY else None


def set_preference(
    session: Session,
    *,
    person: Person,
    policy: Policy,
    channels: list[str],
    rhythm: str,
    weekly_day: str | int | None = None,
    by: Actor,
    now: datetime,
) -> ReminderPreference:
    """Store a person's channels and rhythm: their own choice, or an administrator's for them."""
    if by.person_id != person.id and not may_administer(by, person.authority_id):
        raise NotPermitted(f"{by.name} may not change the reminder settings of {person.email}")
    stored_channels, stored_rhythm, day = _checked(person, policy, channels, rhythm, weekly_day)
    row = session.get(ReminderPreference, person.id) or ReminderPreference(
        person_id=person.id or 0, updated_at=now
    )
    row.channels, row.rhythm, row.weekly_day = stored_channels, stored_rhythm, day
    row.updated_by_id, row.updated_at = recorded_id(by), now
    session.add(row)
    session.commit()
    session.refresh(row)
    return row
