"""A raw RFC 822 message read into what a reply is made of, with the standard library only."""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default as default_policy
from email.utils import getaddresses, parseaddr

from domain.errors import InvalidInput

MAX_MESSAGE_BYTES = 25 * 1024 * 1024  # a reply with up to 10 MB of evidence, base64 and all
RECIPIENT_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To")


class NotAMessage(InvalidInput):
    """Bytes that are not an RFC 822 email (no From header, or no headers at all)."""

    code = "not_a_message"


@dataclass(frozen=True)
class Attachment:
    """A file attached to a reply, as the sender named it."""

    file_name: str
    content: bytes = field(repr=False)


@dataclass(frozen=True)
class InboundMail:
    """What Closeout reads of one incoming email."""

    key: str  # names the message however often it arrives (sender and Message-ID, or bytes)
    message_id: str | None
    sender: str  # the From address, lower case
    recipients: tuple[str, ...]
    subject: str
    body: str  # the plain-text body, or the HTML body as text
    attachments: tuple[Attachment, ...]
    automatic: bool = False  # an auto-reply or a bounce, which is never answered


def read_mail(raw: bytes) -> InboundMail:
    """The message `raw` holds; NotAMessage when it is not an email."""
    if len(raw) > MAX_MESSAGE_BYTES:
        raise NotAMessage(
            f"the message is {len(raw) / 1048576:.1f} MB; the limit is "
            f"{MAX_MESSAGE_BYTES // 1048576} MB"
        )
    parsed = BytesParser(policy=default_policy).parsebytes(raw)
    assert isinstance(parsed, EmailMessage)
    sender = parseaddr(str(parsed.get("From", "")))[1].strip().lower()
    if "@" not in sender:
        raise NotAMessage(
            "the body is not an RFC 822 email with a From address; send the raw message "
            "as Content-Type message/rfc822"
        )
    message_id = str(parsed.get("Message-ID", "")).strip() or None
    # The sender with the Message-ID, so another sender reusing an id cannot mask a reply.
    basis = f"{sender}\n{message_id}".encode() if message_id else raw
    return InboundMail(
        key=hashlib.sha256(basis).hexdigest(),
        message_id=message_id,
        sender=sender,
        recipients=_recipients(parsed),
        subject=" ".join(str(parsed.get("Subject", "")).split())[:300],
        body=_body(parsed),
        attachments=tuple(_attachments(parsed)),
        automatic=_is_automatic(parsed, sender),
    )


def _is_automatic(parsed: EmailMessage, sender: str) -> bool:
    """Whether the message was sent by a machine (RFC 3834), so answering it could loop."""
    submitted = str(parsed.get("Auto-Submitted", "no")).strip().lower()
    precedence = str(parsed.get("Precedence", "")).strip().lower()
    local = sender.partition("@")[0]
    return (
        submitted != "no"
        or precedence in ("bulk", "junk", "list", "auto_reply")
        or local in ("mailer-daemon", "postmaster", "noreply", "no-reply")
    )


def _recipients(parsed: EmailMessage) -> tuple[str, ...]:
    values = [str(v) for name in RECIPIENT_HEADERS for v in parsed.get_all(name, [])]
    found = [address.strip().lower() for _, address in getaddresses(values) if address]
    return tuple(dict.fromkeys(found))


def _body(parsed: EmailMessage) -> str:
    part = parsed.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = str(part.get_content())
    except (LookupError, ValueError):  # an unknown charset or a broken transfer encoding
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return html_as_text(content) if part.get_content_subtype() == "html" else content


def html_as_text(markup: str) -> str:
    """An HTML body as lines of text, a quoted block kept as lines starting with '>'."""
    text = re.sub(r"(?is)<(script|style|head).*?</\1>", "", markup)
    text = re.sub(r"(?is)<blockquote.*", "\n>", text)  # everything quoted, to the end
    text = re.sub(r"(?i)<br\s*/?>|</(p|div|li|tr|h\d)>", "\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text)


def _attachments(parsed: EmailMessage) -> list[Attachment]:
    found = []
    for part in parsed.iter_attachments():
        if not isinstance(part, EmailMessage) or part.get_content_maintype() == "multipart":
            continue
        if part.get_content_disposition() == "inline" and part.get("Content-ID"):
            continue  # an image shown in the body, such as a signature's logo
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            found.append(Attachment(part.get_filename() or "attachment", payload))
    return found
