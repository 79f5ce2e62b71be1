"""Issuing a digest's reply token: the digest recorded once, its token signed."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime

from sqlmodel import Session, select

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
