"""A digest that records replies carries a Reply-To, by email and in the outbox, and numbers
its areas as a reply names them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from notifications import DeliverySettings, Envelope, deliver, read_outbox_message, render_digest
from notifications.channels import email_target
from notifications.digests import numbered
from tests.notifications.factories import make_digest, make_item
from tests.notifications.smtp_server import SMTPServer

REPLY_TO = "closeout+abcdefghijklmnopqrstuvwxyz234567@replies.example.org"


def _digest_of_three() -> Envelope:
    items = [
        make_item(area_id="7", title="Supervision is irregular", reason="due_soon", days_overdue=0),
        make_item(area_id="3", title="Plans lack timescales", days_overdue=12),
        make_item(area_id="9", title="Audits are not used", days_overdue=4),
    ]
    digest = make_digest(*items, replies=True)
    return replace(Envelope.for_digest(digest), reply_to=REPLY_TO)


def test_the_reply_address_is_quoted_into_apprise_s_reply_argument() -> None:
    target = email_target("mailto://relay.example.org?from=a@b.org", "x@y.org", REPLY_TO)
    assert target.endswith(
        "&to=x@y.org&reply=closeout%2Babcdefghijklmnopqrstuvwxyz234567@replies.example.org"
    )
    assert "reply=" not in email_target("mailto://relay.example.org", "x@y.org")


def test_areas_are_numbered_most_urgent_first_in_both_bodies() -> None:
    envelope = _digest_of_three()
    message = envelope.message
    assert (
        "1. Plans lack timescales" in message.text and "3. Supervision is irregular" in message.text
    )
    assert ">1. Plans lack timescales</h3>" in message.html
    assert "You can also reply to this email" in message.text
    digest = make_digest(make_item(area_id="3"))
    assert [i.area_id for i in numbered(digest)] == ["3"]
    assert "reply to this email" not in render_digest(digest).text


def test_the_reply_to_arrives_at_the_smtp_receiver(smtp_server: SMTPServer) -> None:
    deliver(_digest_of_three(), DeliverySettings(email_url=smtp_server.relay_url()))
    [mail] = smtp_server.received
    assert mail.email["Reply-To"] == REPLY_TO
    assert "2. Audits are not used" in mail.body("plain")


def test_the_outbox_keeps_the_reply_to(tmp_path: Path) -> None:
    settings = DeliverySettings(outbox_dir=tmp_path / "outbox")
    [label] = deliver(_digest_of_three(), settings, now=datetime(2026, 6, 1, 7, tzinfo=UTC))
    raw = next((tmp_path / "outbox" / "new").iterdir()).read_bytes()
    assert f"Reply-To: {REPLY_TO}".encode() in raw
    assert read_outbox_message(tmp_path / "outbox", label.split(" ", 1)[1]).entry.subject
