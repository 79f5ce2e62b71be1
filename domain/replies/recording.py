"""The one use case for a reply to a digest: read it, check its token and sender, record it.

`record_reply` keeps every message that reaches the reply address (`InboundReply`), whatever
becomes of it, in one transaction with what it records; the same message (by Message-ID,
else by its bytes) handled again records nothing more. What is recorded and why anything was
not is kept as the answer's text, for the caller to send to the sender (`answer_to`, None for
an automatic message, which is never answered).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from domain.accounts.absences import delegate_for
from domain.accounts.models import Person
from domain.calendar import london_date
from domain.replies.answers import (
    NOT_A_REPLY,
    NOTHING_READ,
    REFUSED_SENDER,
    REFUSED_TOKEN,
    expired,
    recorded_summary,
    refused_summary,
)
from domain.replies.applying import apply_reply, person_by_email
from domain.replies.mail import InboundMail, read_mail
from domain.replies.models import InboundReply, ReplyDigest, ReplyOutcome
from domain.replies.reading import read_reply
from domain.replies.tokens import BadToken, read_token, token_in


@dataclass(frozen=True)
class ReplySettings:
    """The reply address (`closeout@domain`), the secret signing tokens, and their life."""

    address: str
    secret: str = ""
    token_days: int = 30


@dataclass(frozen=True)
class ReplyResult:
    """What became of one message, and the answer owed to its sender."""

    reply_id: int
    outcome: ReplyOutcome
    summary: str  # the answer's text
    subject: str  # the subject of the message answered
    answer_to: str | None  # None: the message is never answered
    message_id: str | None
    repeated: bool  # handled before: nothing more was recorded
    answered: bool

    @property
    def owes_answer(self) -> bool:
        return self.answer_to is not None and not self.answered


def record_reply(
    session: Session, raw: bytes, *, now: datetime, settings: ReplySettings
) -> ReplyResult:
    """Record what the reply `raw` says, once, and keep it with its outcome.

    Raises NotAMessage (InvalidInput) when `raw` is not an email with a From address;
    nothing is kept then, as there is no one to answer.
    """
    mail = read_mail(raw)
    kept = _kept(session, mail.key)
    if kept is not None:
        return result_of(kept, repeated=True)
    reply = InboundReply(
        message_key=mail.key,
        message_id=(mail.message_id or "")[:998] or None,
        received_at=now,
        sender=mail.sender[:320],
        subject=mail.subject,
        outcome=ReplyOutcome.REFUSED,
        answer_to=None if mail.automatic else mail.sender[:320],
    )
    try:
        session.add(reply)
        # The insert opens the transaction that each area's savepoint sits in (on SQLite
        # the driver begins a transaction only at the first write).
        session.flush()
        _read_into(session, reply, mail, now, settings)
        session.add(reply)
        session.commit()
    except IntegrityError:
        session.rollback()  # the same message, recorded meanwhile by the other way in
        kept = _kept(session, mail.key)
        if kept is None:
            raise
        return result_of(kept, repeated=True)
    return result_of(reply, repeated=False)


def _kept(session: Session, key: str) -> InboundReply | None:
    return session.exec(select(InboundReply).where(InboundReply.message_key == key)).first()


def _read_into(
    session: Session,
    reply: InboundReply,
    mail: InboundMail,
    now: datetime,
    settings: ReplySettings,
) -> None:
    """Check the token and sender, then record what the reply says, onto `reply`."""
    sender = person_by_email(session, mail.sender)
    reply.sender_id = sender.id if sender else None
    checked = _checked_digest(session, mail, sender, now, settings)
    if isinstance(checked, str):
        reply.reason = checked
        reply.summary = refused_summary(checked, [])
        return
    assert sender is not None and reply.id is not None
    reply.digest_id = checked.id
    read = read_reply(mail.body, single=len(checked.areas) == 1)
    reply.text = read.text
    applied = apply_reply(
        session, read, mail.attachments, digest=checked, sender=sender, reply_id=reply.id, now=now
    )
    if applied.recorded:
        reply.outcome = ReplyOutcome.RECORDED
        reply.summary = recorded_summary(applied.recorded, applied.refused)
        return
    reply.reason = NOTHING_READ if not applied.refused else "nothing in the reply could be recorded"
    reply.summary = refused_summary(
        NOTHING_READ if not applied.refused else "Progress was not recorded:", applied.refused
    )


def _checked_digest(
    session: Session,
    mail: InboundMail,
    sender: Person | None,
    now: datetime,
    settings: ReplySettings,
) -> ReplyDigest | str:
    """The digest the reply's token names, or why the reply is refused as a whole."""
    text = next(
        (t for address in mail.recipients if (t := token_in(address, settings.address))), None
    )
    if text is None:
        return NOT_A_REPLY
    try:
        token = read_token(text, settings.secret)
    except BadToken:
        return REFUSED_TOKEN
    digest = session.get(ReplyDigest, token.digest_id)
    if digest is None or digest.person_id != token.person_id:
        return REFUSED_TOKEN
    today = london_date(now)
    allowed = {token.person_id, delegate_for(session, token.person_id, today)}
    if sender is None or not sender.active or sender.id not in allowed:
        return REFUSED_SENDER
    if token.is_expired(today, settings.token_days):
        return expired(settings.token_days)
    return digest


def result_of(reply: InboundReply, *, repeated: bool) -> ReplyResult:
    assert reply.id is not None
    return ReplyResult(
        reply_id=reply.id,
        outcome=reply.outcome,
        summary=reply.summary,
        subject=reply.subject,
        answer_to=reply.answer_to,
        message_id=reply.message_id,
        repeated=repeated,
        answered=reply.answered_at is not None,
    )


def mark_answered(session: Session, reply_id: int, *, now: datetime) -> None:
    """Record that the answer to a reply went."""
    reply = session.get(InboundReply, reply_id)
    if reply is not None and reply.answered_at is None:
        reply.answered_at = now
        session.add(reply)
        session.commit()
