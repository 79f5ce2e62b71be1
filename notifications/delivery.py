"""Deliver envelopes through Apprise, the only module that imports it, or to the local outbox.

Apprise reports a failed notification by returning a false result rather than raising; this
module turns that result, and any exception Apprise raises, into our own DeliveryError types in
one function, `_notify`. Messages and logs carry only redacted URLs.

Two Apprise behaviours shape the design:

* Each Apprise plugin object throttles itself: after its first send, it sleeps so that sends
  are at least `request_rate_per_sec` seconds apart (5.5 s for email and Teams workflows).
  Reusing one object for many digests would therefore send one every 5.5 seconds, so every
  channel of every message gets a fresh Apprise object; its first send never waits.
* Apprise's SMTP connection builds a new TLS context for every connection, even for plain
  SMTP, and loading the system's CA bundle costs about 15 ms of CPU each time. `_prepare_apprise`
  gives Apprise's SMTP module `_ReusedTLSContexts`, one context per thread (restored to
  verifying defaults before each use), which lifts loopback delivery from about 40 to about
  300 messages a second on two cores (docs/benchmarks.md, "Delivering digests").
"""

from __future__ import annotations

import logging
import ssl
import threading
import types
from collections.abc import Sequence
from contextvars import ContextVar
from datetime import UTC, datetime
from email.utils import make_msgid
from functools import cache
from pathlib import Path
from typing import Any

import apprise
import apprise.plugins.email.base as apprise_email
import apprise.plugins.email.smtp as apprise_smtp

from notifications.channels import OUTBOX_KEY, Channel, DeliverySettings, Envelope, plan_channels
from notifications.errors import (
    ChannelConfigError,
    DeliveryError,
    PermanentDeliveryError,
    TransientDeliveryError,
)
from notifications.outbox import write_to_outbox
from notifications.redaction import redact_text, secrets_in

log = logging.getLogger(__name__)

OUTBOX_LABEL = "outbox"


# The secrets of the channel being sent on this thread; Apprise logs parsed URL fields (at
# trace level) under plugin-specific names, so the filter masks these values wherever they are.
_channel_secrets: ContextVar[tuple[str, ...]] = ContextVar("channel_secrets", default=())
# The Message-ID of the email being sent on this thread, when the envelope names one.
_message_id: ContextVar[str | None] = ContextVar("message_id", default=None)


class _RedactingFilter(logging.Filter):
    """Rewrites each Apprise log record with its secrets masked, so no handler sees one."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            text = record.getMessage()
        except (TypeError, ValueError):
            text = str(record.msg)
        record.msg = redact_text(text, _channel_secrets.get())
        record.args = None
        return True


class _ReusedTLSContexts(types.ModuleType):
    """Stands in for `ssl` inside Apprise's SMTP module, handing out one context per thread."""

    def __init__(self) -> None:
        super().__init__("ssl")
        self._local = threading.local()

    def __getattr__(self, name: str) -> Any:
        return getattr(ssl, name)

    def create_default_context(self, *args: Any, **kwargs: Any) -> ssl.SSLContext:
        if args or kwargs:
            return ssl.create_default_context(*args, **kwargs)
        context: ssl.SSLContext | None = getattr(self._local, "context", None)
        if context is None:
            context = self._local.context = ssl.create_default_context()
        # Apprise switches verification off on the context for URLs with verify=no; restore
        # the defaults so the next connection made on this thread verifies again.
        context.verify_mode = ssl.CERT_REQUIRED
        context.check_hostname = True
        return context


def _stable_msgid(*args: Any, **kwargs: Any) -> str:
    """Apprise's Message-ID maker, giving the envelope's own id when it has one."""
    return _message_id.get() or make_msgid(*args, **kwargs)


@cache
def _prepare_apprise() -> None:
    """Install the log redaction, the TLS context reuse and the stable Message-IDs, once per
    process. Apprise makes each email's Message-ID itself; the envelope's replaces it."""
    logging.getLogger("apprise").addFilter(_RedactingFilter())
    apprise_smtp.ssl = _ReusedTLSContexts()  # type: ignore[attr-defined]
    apprise_email.make_msgid = _stable_msgid  # type: ignore[attr-defined]


def _fresh_apprise(channel: Channel) -> apprise.Apprise:
    """A new Apprise object holding only this channel's targets (see the throttling note)."""
    # async_mode off: a notification's few services go one after another; concurrency comes
    # from the caller's thread pool (deliver_all), which bounds it.
    asset = apprise.AppriseAsset(async_mode=False, storage_mode="memory")
    apobj = apprise.Apprise(asset=asset)
    for url in channel.urls:
        if not apobj.add(url):
            raise ChannelConfigError(
                f"{channel.label} is not a URL Apprise can use; check its scheme and fields"
            )
    if channel.config_path is not None:
        config = apprise.AppriseConfig(asset=asset)
        if not config.add(str(channel.config_path)):
            raise ChannelConfigError(
                f"Apprise config file {channel.config_path} cannot be read; give a YAML or "
                "text config file"
            )
        apobj.add(config)
    return apobj


def config_tags(path: Path) -> frozenset[str]:
    """Every tag the Apprise config file at `path` gives a target, as Apprise itself reads the
    file (YAML or text), in lower case; none when Apprise cannot read it."""
    asset = apprise.AppriseAsset(async_mode=False, storage_mode="memory")
    config = apprise.AppriseConfig(asset=asset)
    if not config.add(str(path)):
        return frozenset()
    return frozenset(str(tag).lower() for service in config.services() for tag in service.tags)


def _failure_detail(result: Any) -> str:
    """The last warning Apprise recorded for a failed notification, if it kept one."""
    entries = list(result.logs()) if hasattr(result, "logs") else []
    warnings = [e.message for e in entries if e.level in ("WARNING", "ERROR", "CRITICAL")]
    return f": {warnings[-1]}" if warnings else ""


def _notify(channel: Channel, subject: str, message_id: str | None = None) -> None:
    """Send one channel's notification; the one place Apprise outcomes become our errors."""
    secrets = tuple(s for url in channel.urls for s in secrets_in(url))
    reset = _channel_secrets.set(secrets)
    named = _message_id.set(message_id)
    try:
        apobj = _fresh_apprise(channel)
        result = apobj.notify(
            body=channel.body,
            title=subject,
            body_format=channel.body_format,
            tag=list(channel.tags) if channel.tags else apprise.common.MATCH_ALL_TAG,
        )
    except DeliveryError:
        raise
    except OSError as exc:
        raise TransientDeliveryError(
            redact_text(f"{channel.label} could not be reached: {exc}", secrets)
        ) from None
    except Exception as exc:
        raise PermanentDeliveryError(
            redact_text(f"{channel.label} failed with {type(exc).__name__}: {exc}", secrets)
        ) from None
    finally:
        _channel_secrets.reset(reset)
        _message_id.reset(named)
    if result is None or getattr(result, "status", None) == apprise.AppriseResultStatus.NOMATCH:
        raise PermanentDeliveryError(
            f"{channel.label} matched no Apprise target; check the tags and URLs configured"
        )
    try:
        if not result:
            # Apprise cannot tell a refused message from an unreachable server, and either
            # may pass, so the caller should try again later.
            detail = redact_text(_failure_detail(result), secrets)
            raise TransientDeliveryError(f"{channel.label} did not accept the message{detail}")
    finally:
        if hasattr(result, "close"):
            result.close()  # releases any temporary files holding the captured logs


def channel_keys(envelope: Envelope, settings: DeliverySettings) -> tuple[str, ...]:
    """The keys of the channels `envelope` goes to, the first first; the outbox's alone when
    no channel is configured."""
    return tuple(c.key for c in plan_channels(envelope, settings)) or (OUTBOX_KEY,)


def deliver_on(
    envelope: Envelope, settings: DeliverySettings, key: str, *, now: datetime | None = None
) -> str:
    """Deliver `envelope` on its one channel named `key`; the channel's (redacted) label.

    Raises TransientDeliveryError when the failure may pass with time, and another
    DeliveryError when it will not.
    """
    if key == OUTBOX_KEY:
        return _deliver_to_outbox(envelope, settings, now or datetime.now(UTC))
    found = [c for c in plan_channels(envelope, settings) if c.key == key]
    if not found:
        raise PermanentDeliveryError(f"{envelope.key} has no channel {key} any more")
    _prepare_apprise()
    channel = found[0]
    try:
        _notify(channel, envelope.message.subject, envelope.message_id)
    except DeliveryError as exc:
        log.warning("delivery of %s failed: %s", envelope.key, exc)
        raise
    log.info("delivered %s via %s", envelope.key, channel.label)
    return channel.label


def deliver(
    envelope: Envelope, settings: DeliverySettings, *, now: datetime | None = None
) -> tuple[str, ...]:
    """Deliver one envelope to every channel planned for it; return their (redacted) labels.

    With no channel configured the message goes to the outbox Maildir instead. Raises a
    DeliveryError naming the channels that failed (and, in `.delivered`, those that did not)
    when any channel fails: TransientDeliveryError when every failure may pass with time,
    PermanentDeliveryError otherwise.
    """
    delivered: list[str] = []
    failures: list[DeliveryError] = []
    for key in channel_keys(envelope, settings):
        try:
            delivered.append(deliver_on(envelope, settings, key, now=now))
        except DeliveryError as exc:
            failures.append(exc)
    if failures:
        raise _combined(envelope.key, failures, delivered)
    return tuple(delivered)


def _combined(
    key: str, failures: Sequence[DeliveryError], delivered: Sequence[str]
) -> DeliveryError:
    """One error for all of an envelope's failed channels, of their shared type if they have one."""
    kinds = {type(f) for f in failures}
    kind: type[DeliveryError]
    if len(kinds) == 1:
        kind = kinds.pop()
    elif all(isinstance(f, TransientDeliveryError) for f in failures):
        kind = TransientDeliveryError
    else:
        kind = PermanentDeliveryError
    return kind(f"{key}: " + "; ".join(str(f) for f in failures), delivered=delivered)


def _deliver_to_outbox(envelope: Envelope, settings: DeliverySettings, now: datetime) -> str:
    """Write the envelope to the outbox Maildir and return a label naming the stored id."""
    if settings.outbox_dir is None:
        raise ChannelConfigError(
            "no email relay URL, Apprise config file or outbox directory is configured; "
            "set one of them"
        )
    message_id = write_to_outbox(
        settings.outbox_dir,
        envelope.message,
        to_email=envelope.to_email or "undisclosed-recipients:;",
        to_name=envelope.to_name,
        sender=settings.outbox_sender,
        now=now,
        message_id=envelope.message_id,
        reply_to=envelope.reply_to,
    )
    return f"{OUTBOX_LABEL} {message_id}"
