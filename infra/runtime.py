"""What a process acts with (settings, engine, clock, delivery), built once at its edge."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from infra.clock import Clock
from infra.db import engine_for
from infra.settings import Settings
from notifications import DeliverySettings, NotificationError


@dataclass(frozen=True, eq=False)
class Runtime:
    """Everything a flow, a request or a command acts with, passed in rather than looked up.

    `delivery` holds the delivery settings, or why the configured ones cannot be used: a run
    still plans and claims, and records that reason on every reminder it holds. It stays out
    of the repr because the relay URL in it may carry a password.
    """

    settings: Settings
    engine: Engine
    clock: Clock
    delivery: DeliverySettings | NotificationError = field(repr=False)


def build_runtime(
    settings: Settings, *, engine: Engine | None = None, clock: Clock | None = None
) -> Runtime:
    """The runtime `settings` describe; tests pass their own engine and clock."""
    return Runtime(
        settings=settings,
        engine=engine or engine_for(settings.sqlalchemy_url),
        clock=clock or Clock(),
        delivery=delivery_of(settings),
    )


def delivery_of(settings: Settings) -> DeliverySettings | NotificationError:
    """The delivery settings `settings` describe, or the reason they cannot be used."""
    try:
        return DeliverySettings(
            email_url=settings.email_url.get_secret_value() if settings.email_url else None,
            config_path=settings.apprise_config,
            outbox_dir=settings.outbox_dir,
            outbox_sender=settings.email_from,
        )
    except NotificationError as problem:
        return problem
