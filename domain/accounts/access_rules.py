"""Inspectors' time-limited access: which grant counts, and whether it is in force on a day.

The rule: for each inspector and authority, only the grant made last counts (by when it was
granted, then by id). A newer grant replaces every older one for the same inspector and
authority, whatever their dates: granting a shorter window shortens access, granting a later
one leaves no access until it starts. The grant that counts gives read-only access from its
first day to its last, inclusive, unless it was ended early (`revoked_at`). Ending it does not
bring an older, replaced grant back.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from enum import StrEnum

from domain.accounts.credentials import InspectorAccess
from domain.dates import written_date
from domain.errors import InvalidInput


class GrantState(StrEnum):
    """Where a grant stands on a day."""

    UPCOMING = "upcoming"
    IN_FORCE = "in force"
    ENDED = "ended"
    REPLACED = "replaced"


def grant_order(grant: InspectorAccess) -> tuple[datetime, int]:
    """What orders grants from the first made to the last: when granted, then id."""
    return grant.granted_at, grant.id or 0


def latest_grants(grants: Iterable[InspectorAccess]) -> dict[tuple[int, int], InspectorAccess]:
    """The grant that counts for each (inspector, authority): the one made last."""
    latest: dict[tuple[int, int], InspectorAccess] = {}
    for grant in grants:
        key = (grant.person_id, grant.authority_id)
        held = latest.get(key)
        if held is None or grant_order(grant) > grant_order(held):
            latest[key] = grant
    return latest


def is_in_force(grant: InspectorAccess, today: date) -> bool:
    """Whether the grant is not ended and `today` lies within its dates, inclusive (whether
    a newer grant replaced it is for `latest_grants` to say)."""
    return grant.revoked_at is None and grant.starts_on <= today <= grant.ends_on


def grant_state(grant: InspectorAccess, latest: InspectorAccess, today: date) -> GrantState:
    """Where `grant` stands on `today`, given the grant that counts for its inspector and
    authority."""
    if latest is not grant and (grant.id is None or latest.id != grant.id):
        return GrantState.REPLACED
    if grant.revoked_at is not None or grant.ends_on < today:
        return GrantState.ENDED
    return GrantState.UPCOMING if grant.starts_on > today else GrantState.IN_FORCE


def grants_by_authority(
    grants: Iterable[InspectorAccess], today: date
) -> dict[int, InspectorAccess]:
    """For each authority one inspector may read on `today`, the grant that counts there."""
    return {
        authority_id: grant
        for (_, authority_id), grant in latest_grants(grants).items()
        if is_in_force(grant, today)
    }


def grant_in_force(grants: Iterable[InspectorAccess], today: date) -> InspectorAccess | None:
    """Of the grants that count and are in force on `today`, the one made last, if any."""
    live = list(grants_by_authority(grants, today).values())
    return max(live, key=grant_order) if live else None


def check_window(starts_on: date, ends_on: date, *, longest_days: int = 366) -> None:
    """Refuse a window that ends before it starts or lasts longer than a year."""
    if ends_on < starts_on:
        raise InvalidInput(
            f"access until {ends_on.isoformat()} ends before it starts on "
            f"{starts_on.isoformat()}; give an end date on or after the start"
        )
    if (ends_on - starts_on).days > longest_days:
        raise InvalidInput(
            f"access until {ends_on.isoformat()} is longer than {longest_days} days; "
            "grant a shorter window and renew it when the next visit is due"
        )


def check_shorter(grant: InspectorAccess, until: date, today: date) -> None:
    """Refuse a new last day that is not earlier than the grant's, or earlier than both its
    first day and yesterday (access cannot end before it began or in the past)."""
    earliest = max(grant.starts_on, today - timedelta(days=1))
    if until >= grant.ends_on or until < earliest:
        if earliest >= grant.ends_on:
            raise InvalidInput(
                f"new last day {written_date(until)} cannot shorten access that ends on "
                f"{written_date(grant.ends_on)}; end access now instead"
            )
        raise InvalidInput(
            f"new last day {written_date(until)} is not valid; give a day from "
            f"{written_date(earliest)} to {written_date(grant.ends_on - timedelta(days=1))}"
        )
