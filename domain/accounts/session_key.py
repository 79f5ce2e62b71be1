"""The one key every web instance signs session cookies with, kept in the database."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel

from domain.columns import UTCDateTime

KEY_ID = 1  # there is one key; its row always has this id


class SessionKey(SQLModel, table=True):
    """The session-signing key, made by whichever instance started first. Whoever can read
    this table can sign sessions, as whoever can read the database can read everything."""

    __tablename__ = "session_key"

    id: int = Field(primary_key=True)
    secret: str = Field(max_length=200)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


def shared_session_key(session: Session, candidate: str, now: datetime) -> str:
    """The stored key, else `candidate` stored as the key now. Instances starting together
    each offer their own; the primary key lets only the first in, and every one reads back
    that one."""
    stored = session.get(SessionKey, KEY_ID)
    if stored is not None:
        return stored.secret
    try:
        session.add(SessionKey(id=KEY_ID, secret=candidate, created_at=now))
        session.commit()
    except IntegrityError:
        session.rollback()
    stored = session.get(SessionKey, KEY_ID, populate_existing=True)
    assert stored is not None
    return stored.secret
