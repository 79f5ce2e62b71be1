"""The local outbox: messages written to a Maildir when no delivery channel is configured."""

from __future__ import annotations

import mailbox
import re
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.parser import BytesHeaderParser, BytesParser
from email.policy import default as default_policy
from email.utils import format_datetime, formataddr, make_msgid, parsedate_to_datetime
from pathlib import Path

from notifications.errors import OutboxMessageNotFound
from notifications.rendering import Message


@dataclass(frozen=True)
class OutboxEntry:
    """One line of an outbox listing."""

    message_id: str
    date: datetime
    to: str
    subject: str


@dataclass(frozen=True)
class OutboxMessage:
    """One outbox message in full: its listing line and both bodies."""

    entry: OutboxEntry
    text: str
    html: str


def build_email(
    message: Message,
    *,
    sender: str,
    to_email: str,
    to_name: str,
    now: datetime,
    message_id: str | None = None,
    reply_to: str | None = None,
) -> EmailMessage:
    """A multipart/alternative email: the plain-text part first, the HTML part preferred."""
    email = EmailMessage()
    email["Subject"] = message.subject
    email["From"] = sender
    email["To"] = formataddr((to_name, to_email)) if to_name else to_email
    email["Date"] = format_datetime(now)
    email["Message-ID"] = message_id or make_msgid(domain="closeout.local")
    if reply_to:
        email["Reply-To"] = reply_to
    email.set_content(message.text)
    email.add_alternative(message.html, subtype="html")
    return email


def _maildir(outbox_dir: Path, *, create: bool) -> mailbox.Maildir:
    """The Maildir at `outbox_dir`, its folders made first so concurrent writers never race."""
    if create:
        outbox_dir.mkdir(mode=0o700, parents=True, exist_ok=True)  # owner-only: it holds mail
        for folder in ("tmp", "new", "cur"):
            (outbox_dir / folder).mkdir(mode=0o700, exist_ok=True)
    return mailbox.Maildir(outbox_dir, factory=None, create=False)


def write_to_outbox(
    outbox_dir: Path,
    message: Message,
    *,
    to_email: str,
    to_name: str = "",
    sender: str,
    now: datetime,
    message_id: str | None = None,
    reply_to: str | None = None,
) -> str:
    """Store `message` in the outbox Maildir and return its outbox id."""
    email = build_email(
        message,
        sender=sender,
        to_email=to_email,
        to_name=to_name,
        now=now,
        message_id=message_id,
        reply_to=reply_to,
    )
    key = _maildir(outbox_dir, create=True).add(email)
    # Python's mailbox writes files anyone may read; the folder is the owner's alone, and the
    # message becomes so too.
    (outbox_dir / "new" / key).chmod(0o600)
    return key


def _parse(raw: bytes, *, headers_only: bool = False) -> EmailMessage:
    """Parse stored bytes with the modern policy, which decodes headers and bodies for us."""
    parser = BytesHeaderParser if headers_only else BytesParser
    parsed = parser(policy=default_policy).parsebytes(raw)
    assert isinstance(parsed, EmailMessage)
    return parsed


def _entry(message_id: str, email: EmailMessage) -> OutboxEntry:
    """The listing line for one stored message."""
    return OutboxEntry(
        message_id=message_id,
        date=parsedate_to_datetime(str(email["Date"])),
        to=str(email["To"]),
        subject=str(email["Subject"]),
    )


def list_outbox(outbox_dir: Path) -> list[OutboxEntry]:
    """Every message in the outbox, oldest first; an outbox never written to is empty."""
    if not (outbox_dir / "new").is_dir():
        return []
    box = _maildir(outbox_dir, create=False)
    entries = [_entry(key, _parse(box.get_bytes(key), headers_only=True)) for key in box.iterkeys()]
    return sorted(entries, key=lambda e: (e.date, _arrival(e.message_id)))


_MAILDIR_KEY = re.compile(r"^(\d+)\.M(\d+)P\d+Q(\d+)\.")


def _arrival(key: str) -> tuple[int, int, int, str]:
    """When a message reached the outbox, read from its Maildir name.

    The Date header counts whole seconds, so two messages written in the same second are put
    in order by the seconds, microseconds and per-process count in the name Python's mailbox
    gives each file; compared as text those would misorder ("M999" after "M100000").
    """
    found = _MAILDIR_KEY.match(key)
    if not found:
        return (0, 0, 0, key)
    seconds, micro, count = (int(part) for part in found.groups())
    return (seconds, micro, count, key)


def read_outbox_message(outbox_dir: Path, message_id: str) -> OutboxMessage:
    """One outbox message with its plain-text and HTML bodies."""
    try:
        email = _parse(_maildir(outbox_dir, create=False).get_bytes(message_id))
    except (KeyError, FileNotFoundError, mailbox.NoSuchMailboxError):
        raise OutboxMessageNotFound(
            f"outbox {outbox_dir} has no message {message_id!r}; "
            "run `closeout outbox list` for the ids"
        ) from None
    return OutboxMessage(
        entry=_entry(message_id, email),
        text=_body(email, "plain"),
        html=_body(email, "html"),
    )


def _body(email: EmailMessage, subtype: str) -> str:
    """The decoded body of the given text subtype, or an empty string when there is none."""
    part = email.get_body(preferencelist=(subtype,))
    return "" if part is None or part.get_content_subtype() != subtype else str(part.get_content())
