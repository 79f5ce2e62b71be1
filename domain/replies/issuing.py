"""Issuing a digest's reply token: the digest recorded once, its token signed."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime

from sqlmodel import Session, col, select

from domain.accounts.models import Person
from domain.areas.models import DevelopmentArea
from domain.areas.services import scope_of
from domain.permissions import Action, Actor, is_allowed
from domain.replies.models import ReplyDigest
from domain.replies.tokens import ReplyToken, mint_token


def digest_basis(reminder_ids: Sequence[int]) -> str:
    """What names a digest: the ledger rows it carries, in any order."""
    joined = ",".join(str(i) for i in sorted(set(reminder_ids)))
    return hashlib.sha256(f"reply-digest:{joined}".encode()).hexdigest()


def issue_reply_token(
    session: Session,
    *,
    person_id: int,
    area_ids: Sequence[int],
    reminder_ids: Sequence[int],
    today: date,
    now: datetime,
    secret: str,
) -> str:
    """The signed token for the digest of `reminder_ids` sent to `person_id`, its areas in
    the order the digest numbers them; the digest sent again gets the token it got first."""
    basis = digest_basis(reminder_ids)
    digest = session.exec(select(ReplyDigest).where(ReplyDigest.basis == basis)).first()
    if digest is None:
        digest = ReplyDigest(
            basis=basis,
            person_id=person_id,
            issued_on=today,
            area_ids=",".join(str(a) for a in area_ids),
            created_at=now,
        )
        session.add(digest)
        session.commit()
        session.refresh(digest)
    assert digest.id is not None
    return mint_token(ReplyToken(digest.person_id, digest.id, digest.issued_on), secret)


def may_answer(session: Session, person_id: int, area_ids: Sequence[int]) -> bool:
    """Whether a reply from the person could record progress on every area a digest lists,
    so the digest should carry a reply token.

    A lead may, on their own areas; a manager or director may, on their authority's (their
    escalation digests, and digests they take for someone away). A lead taking the digest of
    a peer who is away may not: only an area's own lead records progress on it among leads,
    so every line of their reply would be refused. Their digest goes without a token.
    """
    person = session.get(Person, person_id)
    if person is None or not person.active or person.id is None:
        return False
    # Recording progress never turns on the line of management (Actor.manages), so the
    # actor is made without reading the authority's people for it.
    actor = Actor(person.id, person.name, person.role, person.authority_id)
    wanted = set(area_ids)
    areas = session.exec(select(DevelopmentArea).where(col(DevelopmentArea.id).in_(wanted)))
    found = [a for a in areas if is_allowed(actor, Action.RECORD_PROGRESS, scope_of(a))]
    return bool(wanted) and len(found) == len(wanted)
