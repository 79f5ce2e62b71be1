"""Authorities grouped by the reminder policy in force, so each group is planned in one query."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from domain.accounts.models import Authority
from domain.errors import InvalidPolicy
from domain.reminders.policy import Policy
from domain.reminders.rules_sql import table_of


@dataclass(frozen=True)
class PolicyGroup:
    """Authorities sharing one policy; `authority_ids` None means every authority."""

    policy: Policy
    authority_ids: tuple[int, ...] | None


@dataclass
class PolicyGroups:
    """The authorities grouped by policy, and those whose stored policy cannot be read."""

    groups: list[PolicyGroup]
    unreadable: list[tuple[str, str]]  # (authority, why)


def policy_groups(session: Session) -> PolicyGroups:
    """Authorities grouped by the policy in force, so each group is planned in one query.

    An authority whose stored policy cannot be read (written by hand, or by an older version
    with other limits) is set apart, so the rest are still planned.
    """
    grouped: dict[Policy, list[int]] = defaultdict(list)
    unreadable: list[tuple[str, str]] = []
    authorities = table_of(Authority)
    rows = session.execute(select(authorities.c.id, authorities.c.name, authorities.c.policy)).all()
    for authority_id, name, overrides in rows:
        try:
            grouped[Policy().with_overrides(overrides or {})].append(authority_id)
        except InvalidPolicy as bad:
            unreadable.append((name, str(bad)))
    if len(grouped) == 1 and not unreadable:
        return PolicyGroups([PolicyGroup(policy, None) for policy in grouped], [])
    groups = [PolicyGroup(policy, tuple(ids)) for policy, ids in grouped.items()]
    return PolicyGroups(groups, unreadable)
