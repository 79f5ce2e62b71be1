"""Deliver many envelopes at once with bounded concurrency, one outcome per envelope."""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from notifications.channels import DeliverySettings, Envelope
from notifications.delivery import deliver, deliver_on
from notifications.errors import DeliveryError, TransientDeliveryError

DEFAULT_WORKERS = 8


@dataclass(frozen=True)
class DeliveryOutcome:
    """What happened to one envelope: where it went, or the redacted reason it did not."""

    key: str
    status: Literal["sent", "failed"]
    channels: tuple[str, ...] = ()  # redacted labels of the channels that accepted it
    error: str | None = None
    retryable: bool = False  # True when the failure may pass if the envelope is sent later

    @property
    def is_sent(self) -> bool:
        """Whether every channel planned for the envelope accepted it."""
        return self.status == "sent"


def deliver_one(
    envelope: Envelope, settings: DeliverySettings, *, now: datetime | None = None
) -> DeliveryOutcome:
    """Deliver one envelope and report the outcome instead of raising."""
    try:
        channels = deliver(envelope, settings, now=now)
    except DeliveryError as exc:
        return DeliveryOutcome(
            key=envelope.key,
            status="failed",
            channels=exc.delivered,
            error=str(exc),
            retryable=isinstance(exc, TransientDeliveryError),
        )
    return DeliveryOutcome(key=envelope.key, status="sent", channels=channels)


def deliver_all(
    envelopes: Iterable[Envelope],
    settings: DeliverySettings,
    *,
    max_workers: int = DEFAULT_WORKERS,
    now: datetime | None = None,
) -> list[DeliveryOutcome]:
    """Deliver every envelope on at most `max_workers` threads; outcomes in the input order.

    A failed envelope never stops the others: each gets its own outcome.
    """
    if max_workers < 1:
        raise ValueError(f"max_workers {max_workers} must be 1 or more")
    with ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="deliver") as pool:
        return list(pool.map(lambda e: deliver_one(e, settings, now=now), envelopes))


@dataclass(frozen=True)
class Send:
    """One message on one channel: the envelope and the key of the channel to use."""

    envelope: Envelope
    channel: str
    ref: tuple[int, ...] = ()  # what the caller records the outcome against


def send_each(
    sends: Iterable[Send],
    settings: DeliverySettings,
    *,
    max_workers: int = DEFAULT_WORKERS,
    now: datetime | None = None,
) -> Iterator[list[tuple[Send, DeliveryOutcome]]]:
    """Send each message on its channel, on at most `max_workers` threads, yielding the
    outcomes in batches as they come: whatever has finished since the last batch.

    A new message starts only once the caller has taken the batch before it, so at most
    `max_workers` messages are ever sent and not yet recorded: if the process dies, only
    those are unrecorded.
    """
    if max_workers < 1:
        raise ValueError(f"max_workers {max_workers} must be 1 or more")
    waiting = iter(sends)
    with ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="deliver") as pool:
        running: dict[Future[DeliveryOutcome], Send] = {}

        def fill() -> None:
            while len(running) < max_workers and (send := next(waiting, None)) is not None:
                # Each message runs in a copy of the caller's context, so what it logs is
                # still the caller's (a Prefect run's loggers send it to the run's logs).
                sending = contextvars.copy_context()
                running[pool.submit(sending.run, _send_one, send, settings, now)] = send

        fill()
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            yield [(running.pop(future), future.result()) for future in done]
            fill()  # the caller has recorded the batch


def _send_one(send: Send, settings: DeliverySettings, now: datetime | None) -> DeliveryOutcome:
    """One message on one channel, its outcome reported instead of raised."""
    try:
        label = deliver_on(send.envelope, settings, send.channel, now=now)
    except DeliveryError as exc:
        return DeliveryOutcome(
            key=send.envelope.key,
            status="failed",
            error=str(exc),
            retryable=isinstance(exc, TransientDeliveryError),
        )
    return DeliveryOutcome(key=send.envelope.key, status="sent", channels=(label,))
