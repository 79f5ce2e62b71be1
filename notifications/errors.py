"""Every error notifications raise, with one-line messages that never contain a secret.

The hierarchy::

    NotificationError                 base of everything below
    ├── DeliveryError                 a message did not reach one of its channels
    │   ├── TransientDeliveryError    worth trying again later: the relay or webhook was
    │   │                             unreachable, refused the message or timed out
    │   └── PermanentDeliveryError    trying again will not help until someone changes
    │       │                         the settings: no recipient, no tag matched
    │       └── ChannelConfigError    a channel setting is unusable: a URL Apprise cannot
    │                                 parse, a relay URL that names recipients, a missing
    │                                 config file
    └── OutboxMessageNotFound         no message in the outbox has the id asked for

Apprise reports failure by returning a false result rather than raising; `notifications.delivery`
is the one place that turns those results, and any exception Apprise raises, into these types.
Every URL in a message has been through `redact_url` first.
"""

from __future__ import annotations

from collections.abc import Sequence


class NotificationError(Exception):
    """Base class for the errors of the notifications package."""


class DeliveryError(NotificationError):
    """A message was not delivered to every channel it was meant for.

    `delivered` names (redacted) the channels that did accept it, so a caller retrying the
    message knows it would repeat those.
    """

    def __init__(self, message: str, *, delivered: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.delivered = tuple(delivered)


class TransientDeliveryError(DeliveryError):
    """Delivery failed in a way that may succeed later, so the caller should retry."""


class PermanentDeliveryError(DeliveryError):
    """Delivery cannot succeed as configured; retrying without a settings change is pointless."""


class ChannelConfigError(PermanentDeliveryError):
    """A delivery setting (relay URL, extra URL, config file) cannot be used as given."""


class OutboxMessageNotFound(NotificationError, LookupError):
    """The outbox holds no message with the id asked for."""
