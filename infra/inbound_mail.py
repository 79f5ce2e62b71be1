"""Taking in one reply to a digest, as both ways in do: record it, then answer its sender.

The IMAP flow and `POST /api/inbound-mail` call `take_in`; it records the reply in one
transaction (`domain.replies.recording.record_reply`), then sends the answer through the
same delivery as digests (the relay, or the outbox), and records that the answer went. A
message handled again whose answer did not go is answered then; one answered is not.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from urllib.parse import urlsplit

from domain.replies.recording import ReplyResult, ReplySettings, mark_answered, record_reply
from infra.db import session_scope
from infra.runtime import Runtime
from infra.settings import Settings
from notifications import DeliveryError, Envelope, NotificationError, deliver
from notifications.channels import message_id_for
from notifications.replies import render_reply_answer

log = logging.getLogger(__name__)


class RepliesNotConfigured(Exception):
    """The reply address or the secret signing reply tokens is not set."""


def reply_settings_of(settings: Settings) -> ReplySettings | None:
    """The reply settings, or None when replies are not switched on."""
    if not settings.reply_address or settings.reply_secret is None:
        return None
    return ReplySettings(
        address=settings.reply_address,
        secret=settings.reply_secret.get_secret_value(),
        token_days=settings.reply_token_days,
    )


def take_in(runtime: Runtime, raw: bytes) -> ReplyResult:
    """Record the reply `raw` once and answer its sender once; what became of it.

    Raises RepliesNotConfigured when replies are off, and NotAMessage when `raw` is not an
    email; whether the answer went is in the result's `answered`.
    """
    settings = reply_settings_of(runtime.settings)
    if settings is None:
        raise RepliesNotConfigured(
            "replies are not set up: set CLOSEOUT_REPLY_ADDRESS and CLOSEOUT_REPLY_SECRET"
        )
    with session_scope(runtime.engine) as session:
        result = record_reply(session, raw, now=runtime.clock.now(), settings=settings)
    if not result.owes_answer:
        return result
    if _answer(runtime, result):
        with session_scope(runtime.engine) as session:
            mark_answered(session, result.reply_id, now=runtime.clock.now())
        return replace(result, answered=True)
    return result


def _answer(runtime: Runtime, result: ReplyResult) -> bool:
    """Send the answer to the reply's sender; whether it went (a failure is logged)."""
    if isinstance(runtime.delivery, NotificationError):
        log.warning("the answer to reply %s was not sent: %s", result.reply_id, runtime.delivery)
        return False
    domain = urlsplit(runtime.settings.base_url).hostname or "closeout.local"
    envelope = Envelope(
        key=f"answer to reply {result.reply_id}",
        message=render_reply_answer(result.summary, result.subject),
        to_email=result.answer_to,
        message_id=message_id_for("reply-answer", (result.reply_id,), domain),
    )
    try:
        deliver(envelope, runtime.delivery, now=runtime.clock.now())
    except DeliveryError as exc:
        log.warning("the answer to reply %s was not sent: %s", result.reply_id, exc)
        return False
    return True
