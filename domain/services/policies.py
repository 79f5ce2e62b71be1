"""The reminder policy in force for an authority."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from domain.errors import AuthorityNotFound
from domain.models import Authority
from domain.rules.policy import Policy


def policy_for(session: Session, authority_id: int) -> Policy:
    """The default policy with the authority's recorded overrides applied."""
    authority = session.get(Authority, authority_id)
    if authority is None:
        raise AuthorityNotFound(f"authority {authority_id} is not recorded")
    return Policy().with_overrides(authority.policy or {})


def set_policy(session: Session, *, authority_id: int, overrides: dict[str, Any]) -> Policy:
    """Record overrides for an authority after checking every name and value."""
    authority = session.get(Authority, authority_id)
    if authority is None:
        raise AuthorityNotFound(f"authority {authority_id} is not recorded")
    merged = {**(authority.policy or {}), **overrides}
    policy = Policy().with_overrides(merged)
    authority.policy = merged
    session.add(authority)
    session.commit()
    return policy
