"""Where a message goes: delivery settings, addressed envelopes and the channels for each."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Literal
from urllib.parse import quote, urlsplit

from notifications.digests import Digest
from notifications.errors import ChannelConfigError, PermanentDeliveryError
from notifications.redaction import redact_url
from notifications.rendering import Message, render_digest

EMAIL_SCHEMES = ("mailto", "mailtos")
OUTBOX_KEY = "outbox"


@dataclass(frozen=True)
class DeliverySettings:
    """The channel settings the application reads from its environment and passes in.

    `email_url` is an Apprise ``mailto://`` or ``mailtos://`` relay URL without recipients;
    each message's recipient is added to it. `config_path` is an Apprise config file (YAML
    or text) whose entries are chosen by tag. With neither set, and no extra URL on an
    envelope, messages are written to the Maildir at `outbox_dir` instead.
    """

    email_url: str | None = None
    config_path: Path | None = None
    outbox_dir: Path | None = None
    outbox_sender: str = "Closeout <closeout@localhost>"

    def __post_init__(self) -> None:
        if self.email_url is not None:
            check_relay_url(self.email_url)
        if self.config_path is not None and not Path(self.config_path).is_file():
            raise ChannelConfigError(
                f"Apprise config file {self.config_path} does not exist; give a readable "
                "YAML or text config file"
            )

    @property
    def has_channels(self) -> bool:
        """Whether any delivery channel is configured beyond the local outbox."""
        return self.email_url is not None or self.config_path is not None


@dataclass(frozen=True)
class Envelope:
    """A rendered message addressed to one person, with a key the caller uses to match outcomes."""

    key: str
    message: Message
    to_email: str | None = None
    to_name: str = ""
    extra_urls: tuple[str, ...] = ()  # the person's own Apprise URLs, e.g. a Teams workflow
    tags: tuple[str, ...] = ()  # tags of entries in the Apprise config file to notify as well
    # The email's Message-ID, stable for the same message, so a relay or mailbox can drop a
    # repeat; None lets the sender make one up.
    message_id: str | None = None
    # Where a reply to the email goes (closeout+TOKEN@domain), when a reply records progress.
    reply_to: str | None = None

    @classmethod
    def for_digest(
        cls,
        digest: Digest,
        *,
        key: str | None = None,
        extra_urls: tuple[str, ...] = (),
        tags: tuple[str, ...] = (),
    ) -> Envelope:
        """Render `digest` and address it to its recipient."""
        return cls(
            key=key or f"{digest.kind}:{digest.recipient_email}:{digest.run_date.isoformat()}",
            message=render_digest(digest),
            to_email=digest.recipient_email,
            to_name=digest.recipient_name,
            extra_urls=tuple(extra_urls),
            tags=tuple(tags),
        )


@dataclass(frozen=True)
class Channel:
    """One Apprise notification to make for an envelope; `label` is safe to show and log, and
    `key` names the channel stably without holding a secret (the ledger keeps it)."""

    key: str
    label: str
    body: str
    body_format: Literal["html", "text"]
    urls: tuple[str, ...] = ()
    config_path: Path | None = None
    tags: tuple[str, ...] = ()


def check_relay_url(url: str) -> None:
    """Raise ChannelConfigError unless `url` is a mailto(s):// URL that names no recipient."""
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = urlsplit("")
    if parts.scheme not in EMAIL_SCHEMES or not parts.netloc:
        raise ChannelConfigError(
            f"email relay URL {redact_url(url)} is not usable; give a mailto:// or mailtos:// URL"
        )
    names_recipient = parts.path.strip("/") or any(
        pair.partition("=")[0].lower() in ("to", "cc", "bcc") for pair in parts.query.split("&")
    )
    if names_recipient:
        raise ChannelConfigError(
            f"email relay URL {redact_url(url)} names recipients; give it without a path, "
            "to=, cc= or bcc= so each message goes only to its own recipient"
        )


def email_target(relay_url: str, to_email: str, reply_to: str | None = None) -> str:
    """The relay URL with `to_email` as its only recipient, as Apprise's ``to=`` argument,
    and `reply_to` as its Reply-To (Apprise's ``reply=``) when given."""
    separator = "&" if urlsplit(relay_url).query else "?"
    target = f"{relay_url}{separator}to={quote(to_email, safe='@')}"
    # Quoted: a bare "+" in a query would be read as a space.
    return f"{target}&reply={quote(reply_to, safe='@')}" if reply_to else target


def plan_channels(envelope: Envelope, settings: DeliverySettings) -> tuple[Channel, ...]:
    """The channels `envelope` goes to; empty means the local outbox takes it.

    Email carries the HTML body (Apprise adds a plain-text part converted from it); chat and
    webhook targets carry the plain-text body.
    """
    if not settings.has_channels and not envelope.extra_urls:
        return ()
    message = envelope.message
    as_text = partial(Channel, body=message.text, body_format="text")
    channels = []
    if settings.email_url and envelope.to_email:
        channels.append(
            Channel(
                key="email",
                label=f"email to {envelope.to_email} via {redact_url(settings.email_url)}",
                body=message.html,
                body_format="html",
                urls=(email_target(settings.email_url, envelope.to_email, envelope.reply_to),),
            )
        )
    channels.extend(
        as_text(key=_key("url", url), label=redact_url(url), urls=(url,))
        for url in envelope.extra_urls
    )
    if settings.config_path and envelope.tags:
        channels.append(
            as_text(
                key=_key("tags", ",".join(envelope.tags)),
                label=f"targets tagged {', '.join(envelope.tags)} in {settings.config_path.name}",
                config_path=settings.config_path,
                tags=envelope.tags,
            )
        )
    if not channels:
        raise PermanentDeliveryError(
            f"{envelope.key} has no channel: give it an email address, an extra Apprise URL "
            "or a tag from the Apprise config file"
        )
    return tuple(channels)


def _key(kind: str, value: str) -> str:
    """A channel's stable name: its kind and a digest of its target, which may hold a secret."""
    return f"{kind}:{hashlib.sha256(value.encode()).hexdigest()[:12]}"


def message_id_for(channel: str, reminder_ids: tuple[int, ...], domain: str) -> str:
    """The Message-ID of the message carrying these reminders on this channel: the same
    whenever the same reminders are sent again, so a repeat can be recognised and dropped."""
    basis = f"{channel}:{','.join(str(i) for i in sorted(reminder_ids))}"
    return f"<closeout.{hashlib.sha256(basis.encode()).hexdigest()[:32]}@{domain}>"
