"""The reminder policy in force for an authority, and changing it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from domain.accounts.models import Authority
from domain.errors import AuthorityNotFound
from domain.permissions import Actor, require_administrator, require_any_administrator
from domain.reminders.policy import Policy


def _authority(session: Session, authority_id: int) -> Authority:
    authority = session.get(Authority, authority_id)
    if authority is None:
        raise AuthorityNotFound(f"authority {authority_id} is not recorded")
    return authority


def policy_for(session: Session, authority_id: int) -> Policy:
    """The default policy with the authority's recorded overrides applied."""
    return Policy().with_overrides(_authority(session, authority_id).policy or {})


def policy_as_read(session: Session, authority_id: int) -> Policy:
    """The policy to show an authority's areas by: every readable override applied, and a
    setting that cannot be read taken as its default (the policy page names it, and the daily
    check leaves the authority out until it is put right)."""
    policy, _ = Policy().read_stored(_authority(session, authority_id).policy or {})
    return policy


def set_policy(
    session: Session,
    *,
    authority_id: int,
    overrides: Mapping[str, Any],
    by: Actor,
    replace: bool = False,
) -> Policy:
    """Check every name and value, then record the settings that differ from the defaults.

    A setting given as None returns to its default; with `replace`, so does every setting
    not given. Nothing is recorded unless every setting is valid.
    """
    require_any_administrator(by, "change reminder policies")
    authority = _authority(session, authority_id)
    require_administrator(by, authority_id, f"change the reminder policy of {authority.name}")
    kept = {} if replace else dict(authority.policy or {})
    merged = {**kept, **overrides}
    policy = Policy().with_overrides({k: v for k, v in merged.items() if v is not None})
    authority.policy = policy.overrides()
    session.add(authority)
    session.commit()
    return policy
