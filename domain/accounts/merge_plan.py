"""What merging one authority into another would move, and what would stop it.

Every table with an `authority_id` column moves, found from the tables' own metadata so that
a table added later moves too. A merge is refused when it would lose something:

- an inspector with access to both whose two windows would become one: only the newer grant
  counts afterwards (see `access_rules`), so the older one must be ended first unless both
  give the same dates;
- an authority-wide reminder recorded for both to the same person for the same window, which
  the ledger's unique key could not hold twice.

The kept authority's reminder policy applies afterwards; the absorbed one's own settings are
not refused but named, and kept in the record of the merge.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Table, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, SQLModel, col, select

import domain.tables  # noqa: F401  (every table registered, so that every one moves)
from domain.accounts.access_rules import GrantState, grant_order, grant_state, latest_grants
from domain.accounts.credentials import InspectorAccess
from domain.accounts.models import Authority, Person
from domain.dates import written_date
from domain.errors import AuthorityNotFound, InvalidInput
from domain.permissions import Actor, require_administrator
from domain.reminders.models import Reminder
from domain.vocabulary import Role

_OPEN = (GrantState.UPCOMING, GrantState.IN_FORCE)


@dataclass(frozen=True)
class MergePlan:
    """Merging `absorbed` into `kept`: rows to move by table, who will administer the kept
    authority, whether the absorbed reminder policy stops applying, and any clashes."""

    kept: Authority
    absorbed: Authority
    moving: dict[str, int]
    new_administrators: list[str]
    policy_dropped: bool
    clashes: list[str]

    @property
    def total(self) -> int:
        return sum(self.moving.values())


def holding_tables() -> list[Table]:
    """Every table with an `authority_id` column, by name."""
    tables = SQLModel.metadata.tables.values()
    return sorted((t for t in tables if "authority_id" in t.c), key=lambda t: t.name)


def counts(session: Session, authority_id: int) -> dict[str, int]:
    """The rows of each holding table that belong to one authority."""
    return {
        table.name: int(
            session.execute(
                select(func.count()).select_from(table).where(table.c.authority_id == authority_id)
            ).scalar_one()
        )
        for table in holding_tables()
    }


def _window(grant: InspectorAccess, name: str) -> str:
    return f"{name} until {written_date(grant.ends_on)}"


def _access_clashes(
    session: Session, kept: Authority, absorbed: Authority, today: date
) -> list[str]:
    """Inspectors whose open access to one side would be replaced by their grant at the other."""
    grants = session.exec(
        select(InspectorAccess).where(col(InspectorAccess.authority_id).in_([kept.id, absorbed.id]))
    )
    latest = latest_grants(grants)
    names = {kept.id: kept.name, absorbed.id: absorbed.name}
    clashes = []
    for (person_id, authority_id), theirs in latest.items():
        ours = latest.get((person_id, kept.id or 0))
        if authority_id != absorbed.id or ours is None:
            continue
        newer, older = sorted((theirs, ours), key=grant_order, reverse=True)
        if grant_state(older, older, today) not in _OPEN:
            continue
        same = (newer.starts_on, newer.ends_on) == (older.starts_on, older.ends_on)
        if same and grant_state(newer, newer, today) in _OPEN:
            continue
        person = session.get(Person, person_id)
        clashes.append(
            f"{person.name if person else 'an inspector'} has access to "
            f"{_window(older, names[older.authority_id])} (grant {older.id}), which their newer "
            f"grant at {names[newer.authority_id]} would replace; end grant {older.id} first"
        )
    return clashes


def _ledger_clashes(session: Session, kept_id: int, absorbed_id: int) -> list[str]:
    """Authority-wide reminders recorded for both to the same person for the same window."""
    other = aliased(Reminder)
    same = session.execute(
        select(func.count())
        .select_from(Reminder)
        .join(
            other,
            (col(other.reason) == col(Reminder.reason))
            & (col(other.window_key) == col(Reminder.window_key))
            & (col(other.recipient_id) == col(Reminder.recipient_id))
            & (col(other.due_date_version) == col(Reminder.due_date_version)),
        )
        .where(col(Reminder.authority_id) == absorbed_id, col(Reminder.area_id).is_(None))
        .where(col(other.authority_id) == kept_id, col(other.area_id).is_(None))
    ).scalar_one()
    if not same:
        return []
    return [f"{same} authority-wide reminder(s) were sent for both to the same person"]


def plan_merge(
    session: Session, *, keep_id: int, absorb_id: int, by: Actor, today: date
) -> MergePlan:
    """What merging authority `absorb_id` into `keep_id` would do; only an administrator of
    every authority may see it."""
    require_administrator(by, None, "merge authorities")
    if keep_id == absorb_id:
        raise InvalidInput(
            f"authority {keep_id} cannot be merged into itself; choose a different authority"
        )
    kept, absorbed = session.get(Authority, keep_id), session.get(Authority, absorb_id)
    for wanted, found in ((keep_id, kept), (absorb_id, absorbed)):
        if found is None:
            raise AuthorityNotFound(f"authority {wanted} is not recorded")
    assert kept is not None and absorbed is not None
    admins = session.exec(
        select(Person.name).where(Person.authority_id == absorb_id, Person.role == Role.ADMIN)
    )
    return MergePlan(
        kept,
        absorbed,
        {name: n for name, n in counts(session, absorb_id).items() if n},
        sorted(admins),
        bool(absorbed.policy) and absorbed.policy != kept.policy,
        _access_clashes(session, kept, absorbed, today)
        + _ledger_clashes(session, keep_id, absorb_id),
    )
