"""Inspectors' time-limited access: which grant, if any, is in force on a day."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain.accounts.credentials import InspectorAccess
from domain.errors import InvalidInput


def is_in_force(grant: InspectorAccess, today: date) -> bool:
    """Whether the grant is unrevoked and `today` lies within its dates, inclusive."""
    return grant.revoked_at is None and grant.starts_on <= today <= grant.ends_on


def grant_in_force(grants: Iterable[InspectorAccess], today: date) -> InspectorAccess | None:
    """The most recently granted access in force on `today`, if any."""
    live = [g for g in grants if is_in_force(g, today)]
    return max(live, key=lambda g: (g.granted_at, g.id or 0)) if live else None


def grants_by_authority(
    grants: Iterable[InspectorAccess], today: date
) -> dict[int, InspectorAccess]:
    """For each authority with access in force on `today`, the grant that lasts longest."""
    longest: dict[int, InspectorAccess] = {}
    for grant in grants:
        held = longest.get(grant.authority_id)
        if is_in_force(grant, today) and (held is None or grant.ends_on > held.ends_on):
            longest[grant.authority_id] = grant
    return longest


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
