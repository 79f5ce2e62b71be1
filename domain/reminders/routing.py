"""Who takes each held reminder today: a delegate for someone away, and each person's choice.

The ledger keys a reminder by the person it is owed to; who actually receives it is settled
here, at delivery, so an absence or a preference changed after planning still counts and
nothing planned has to change. A reminder for someone away goes to whoever acts for them
(`domain.accounts.absences`), marked as on their behalf, and the ledger records that delegate.
A person who takes one digest a week has their own reminders held back on other days: the
run lets go of them without counting an attempt, so they stay pending and go on their day.
Escalations are never held back for the rhythm of the person they go to, nor readiness
reports, which are owed once for a threshold and claimed only by their own weekly flow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import and_, true, update
from sqlmodel import Session, col, select

from domain.accounts.absences import absence_on, delegates_on
from domain.accounts.models import Person
from domain.accounts.preferences import (
    Channel,
    Preference,
    ReminderPreference,
    channel_of,
    effective,
)
from domain.reminders.claimed import ClaimedReminder, OnBehalf, Recipient
from domain.reminders.models import ReminderReason
from domain.reminders.planning import CHUNK, IS_PENDING, LEDGER
from domain.reminders.policies import policy_as_read
from domain.reminders.policy import Policy

NEVER_HELD = (
    ReminderReason.ESCALATE_MANAGER,
    ReminderReason.ESCALATE_DIRECTOR,
    ReminderReason.READINESS,
)


@dataclass(frozen=True)
class Routed:
    """The reminders to deliver now, each addressed to who takes it, and those held back."""

    reminders: list[ClaimedReminder]
    held_back: list[int]


def recipient_of(person: Person, preference: Preference) -> Recipient:
    """The person as a recipient, with only the channels they chose."""
    return Recipient(
        person.id or 0,
        person.name,
        person.email,
        tuple(a for a in person.extra_addresses if channel_of(a) in preference.channels),
        by_email=Channel.EMAIL in preference.channels,
    )


class _People:
    """People, their authorities' policies and their preferences, each read once per run."""

    def __init__(self, session: Session, ids: set[int]) -> None:
        self.session = session
        self.by_id: dict[int, Person] = {}
        self._stored: dict[int, ReminderPreference] = {}
        wanted = sorted(ids)
        # In chunks: a run may reach tens of thousands of people, more than SQLite binds.
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            people = session.exec(select(Person).where(col(Person.id).in_(chunk)))
            self.by_id.update((p.id or 0, p) for p in people)
            chosen = select(ReminderPreference).where(col(ReminderPreference.person_id).in_(chunk))
            self._stored.update((p.person_id, p) for p in session.exec(chosen))
        self._policies: dict[int | None, Policy] = {}

    def preference(self, person: Person) -> Preference:
        key = person.authority_id
        if key not in self._policies:
            self._policies[key] = policy_as_read(self.session, key) if key else Policy()
        return effective(self._stored.get(person.id or 0), person, self._policies[key])


def route(session: Session, held: Sequence[ClaimedReminder], today: date) -> Routed:
    """Address each held reminder to whoever takes it today, holding back what waits."""
    owed_to = {r.recipient.id for r in held}
    delegates = delegates_on(session, owed_to, today)
    people = _People(session, owed_to | set(delegates.values()))
    behalf: dict[int, OnBehalf] = {}
    for absent in delegates:
        absence = absence_on(session, absent, today)
        assert absence is not None
        behalf[absent] = OnBehalf(absent, people.by_id[absent].name, absence.ends_on)
    routed, held_back = [], []
    for reminder in held:
        original = reminder.recipient.id
        person = people.by_id.get(delegates.get(original, original))
        if person is None:  # no such person: leave the reminder as it is, to fail visibly
            routed.append(reminder)
            continue
        preference = people.preference(person)
        if reminder.reason not in NEVER_HELD and preference.holds_back(today):
            held_back.append(reminder.id)
            continue
        routed.append(
            replace(
                reminder,
                recipient=recipient_of(person, preference),
                on_behalf_of=behalf.get(original),
            )
        )
    return Routed(routed, held_back)


def record_routing(session: Session, routed: Routed, *, token: str) -> None:
    """Record in the ledger who takes each reminder for someone away, and let go of those
    held back (no attempt counted: they wait for the person's day)."""
    by_delegate: dict[int | None, list[int]] = {}
    for reminder in routed.reminders:
        delegate = reminder.recipient.id if reminder.on_behalf_of else None
        by_delegate.setdefault(delegate, []).append(reminder.id)
    held = and_(LEDGER.c.claim_token == token, IS_PENDING)
    for delegate, ids in by_delegate.items():
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            # A reminder owed to someone back at work is theirs again (a retry, say).
            changed = LEDGER.c.delegate_id.is_not(None) if delegate is None else true()
            session.execute(
                update(LEDGER)
                .where(LEDGER.c.id.in_(chunk), held, changed)
                .values(delegate_id=delegate)
            )
    for start in range(0, len(routed.held_back), CHUNK):
        session.execute(
            update(LEDGER)
            .where(LEDGER.c.id.in_(routed.held_back[start : start + CHUNK]), held)
            # Taking hold counted an attempt (planning and claiming both do); this was none.
            .values(claim_token=None, claimed_at=None, run_id=None, attempts=LEDGER.c.attempts - 1)
        )
    session.commit()
