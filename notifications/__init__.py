"""Render reminder digests, escalations and readiness reports, and deliver them.

Rendering is pure: build a `Digest` of `DigestItem`s (or a `ReadinessReport`) and call
`render_digest` (or `render_readiness_report`) for a `Message`. Delivery takes an `Envelope`
and `DeliverySettings`: `deliver` sends one and raises a `DeliveryError`, `deliver_all` sends
many on a bounded thread pool and returns a `DeliveryOutcome` for each. With no channel
configured, messages go to a Maildir outbox read with `list_outbox` and `read_outbox_message`.
"""

# The rows of a readiness report are the domain's own read model, rendered as they are.
from domain.reminders.readiness import ReadinessArea
from notifications.batch import DeliveryOutcome, deliver_all, deliver_one
from notifications.channels import Channel, DeliverySettings, Envelope, plan_channels
from notifications.delivery import deliver
from notifications.digests import Digest, DigestItem, DigestKind, LeadGroup, Reason
from notifications.errors import (
    ChannelConfigError,
    DeliveryError,
    NotificationError,
    OutboxMessageNotFound,
    PermanentDeliveryError,
    TransientDeliveryError,
)
from notifications.outbox import (
    OutboxEntry,
    OutboxMessage,
    list_outbox,
    read_outbox_message,
    write_to_outbox,
)
from notifications.readiness import ReadinessReport, render_readiness_report
from notifications.redaction import redact_text, redact_url
from notifications.rendering import Message, digest_subject, render_digest

__all__ = [
    "Channel",
    "ChannelConfigError",
    "DeliveryError",
    "DeliveryOutcome",
    "DeliverySettings",
    "Digest",
    "DigestItem",
    "DigestKind",
    "Envelope",
    "LeadGroup",
    "Message",
    "NotificationError",
    "OutboxEntry",
    "OutboxMessage",
    "OutboxMessageNotFound",
    "PermanentDeliveryError",
    "ReadinessArea",
    "ReadinessReport",
    "Reason",
    "TransientDeliveryError",
    "deliver",
    "deliver_all",
    "deliver_one",
    "digest_subject",
    "list_outbox",
    "plan_channels",
    "read_outbox_message",
    "redact_text",
    "redact_url",
    "render_digest",
    "render_readiness_report",
    "write_to_outbox",
]
