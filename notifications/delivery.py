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
from functools import cache
from typing import Any

import apprise
import apprise.plugins.email.smtp as apprise_smtp

from notifications.channels import Channel, DeliverySettings, Envelope, plan_channels
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


@cache
def _prepare_apprise() -> None:
    """Install the log redaction and the TLS context reuse, once per process."""
    logging.getLogger("apprise").addFilter(_RedactingFilter())
    apprise_smtp.ssl = _ReusedTLSContexts()  # type: ignore[attr-defined]


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


def _failure_detail(result: Any) -> str:
    """The last warning Apprise recorded for a failed notification, if it kept one."""
    entries = list(result.logs()) if hasattr(result, "logs") else []
    warnings = [e.message for e in entries if e.level in ("WARNING", "ERROR", "CRITICAL")]
    return f": {warnings[-1]}" if warnings else ""


def _notify(channel: Channel, subject: str) -> None:
    """Send one channel's notification; the one place Apprise outcomes become our errors."""
    secrets = tuple(s for url in channel.urls for s in secrets_in(url))
    reset = _channel_secrets.set(secrets)
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


def deliver(
    envelope: Envelope, settings: DeliverySettings, *, now: datetime | None = None
) -> tuple[str, ...]:
    """Deliver one envelope to every channel planned for it; return their (redacted) labels.

    With no channel configured the message goes to the outbox Maildir instead. Raises a
    DeliveryError naming the channels that failed (and, in `.delivered`, those that did not)
    when any channel fails: TransientDeliveryError when every failure may pass with time,
    PermanentDeliveryError otherwise.
    """
    channels = plan_channels(envelope, settings)
    if not channels:
        return (_deliver_to_outbox(envelope, settings, now or datetime.now(UTC)),)
    _prepare_apprise()
    delivered: list[str] = []
    failures: list[DeliveryError] = []
    for channel in channels:
        try:
            _notify(channel, envelope.message.subject)
        except DeliveryError as exc:
            failures.append(exc)
            log.warning("delivery of %s failed: %s", envelope.key, exc)
        else:
            delivered.append(channel.label)
    if failures:
        raise _combined(envelope.key, failures, delivered)
    log.info("delivered %s via %s", envelope.key, "; ".join(delivered))
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
    )
    return f"{OUTBOX_LABEL} {message_id}"
