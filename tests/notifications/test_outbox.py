"""The local outbox: messages land in a Maildir as multipart emails and can be listed and read."""

from __future__ import annotations

import mailbox
from datetime import UTC, datetime
from itertools import chain, repeat
from pathlib import Path
from types import SimpleNamespace

import pytest

from notifications import (
    ChannelConfigError,
    DeliverySettings,
    Envelope,
    OutboxMessageNotFound,
    deliver,
    deliver_all,
    list_outbox,
    read_outbox_message,
    write_to_outbox,
)
from tests.notifications.factories import make_digest, make_envelope

MORNING = datetime(2025, 3, 3, 7, 30, tzinfo=UTC)


def test_digest_round_trips_through_the_outbox(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    envelope = Envelope.for_digest(make_digest())

    [label] = deliver(envelope, DeliverySettings(outbox_dir=outbox), now=MORNING)

    [entry] = list_outbox(outbox)
    assert label == f"outbox {entry.message_id}"
    assert (entry.date, entry.to, entry.subject) == (
        MORNING,
        "Alice Okafor <alice.okafor@example.org>",
        "Closeout: 1 overdue — 1 development area needs you",
    )
    stored = read_outbox_message(outbox, entry.message_id)
    assert stored.entry == entry
    assert stored.text == envelope.message.text
    assert stored.html == envelope.message.html


def test_outbox_file_is_a_multipart_alternative_email(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    deliver(make_envelope(), DeliverySettings(outbox_dir=outbox), now=MORNING)

    [path] = (outbox / "new").iterdir()
    raw = path.read_text()

    assert "Content-Type: multipart/alternative;" in raw
    assert raw.index("Content-Type: text/plain") < raw.index("Content-Type: text/html")
    assert "From: Closeout <closeout@localhost>" in raw


def test_listing_is_oldest_first_and_a_batch_writes_every_message(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    settings = DeliverySettings(outbox_dir=outbox)
    deliver(make_envelope(99), settings, now=datetime(2025, 3, 4, tzinfo=UTC))

    outcomes = deliver_all([make_envelope(n) for n in range(1, 6)], settings, now=MORNING)

    assert all(o.is_sent for o in outcomes)
    assert [e.to for e in list_outbox(outbox)][-1] == "Person 99 <person99@example.org>"
    assert sorted(e.to for e in list_outbox(outbox)[:-1]) == [
        f"Person {n} <person{n}@example.org>" for n in range(1, 6)
    ]


def test_messages_dated_the_same_second_list_in_the_order_they_were_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A Date header counts whole seconds, and a run writes many messages within one. The
    # Maildir names then differ by microseconds, which sort wrongly as text: .09 s ("M90000")
    # after .5 s ("M500000").
    instants = chain([1_780_000_000.09, 1_780_000_000.5], repeat(1_780_000_000.75))
    monkeypatch.setattr(mailbox, "time", SimpleNamespace(time=lambda: next(instants)))
    outbox = tmp_path / "outbox"
    for n in (1, 2, 3):
        deliver(make_envelope(n), DeliverySettings(outbox_dir=outbox), now=MORNING)

    assert [e.to for e in list_outbox(outbox)] == [
        f"Person {n} <person{n}@example.org>" for n in (1, 2, 3)
    ]


def test_outbox_never_written_to_lists_nothing(tmp_path: Path) -> None:
    assert list_outbox(tmp_path / "outbox") == []


def test_unknown_outbox_id_is_reported_by_name(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    deliver(make_envelope(), DeliverySettings(outbox_dir=outbox), now=MORNING)

    with pytest.raises(OutboxMessageNotFound, match="has no message 'nope'"):
        read_outbox_message(outbox, "nope")


def test_nothing_configured_and_no_outbox_is_a_config_error() -> None:
    with pytest.raises(ChannelConfigError, match="no email relay URL, Apprise config file"):
        deliver(make_envelope(), DeliverySettings())


def test_outbox_messages_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    key = write_to_outbox(
        outbox,
        make_envelope(1).message,
        to_email="jo@example.org",
        sender="Closeout <closeout@localhost>",
        now=MORNING,
    )
    assert (outbox / "new" / key).stat().st_mode & 0o777 == 0o600
    assert outbox.stat().st_mode & 0o777 == 0o700
