"""Email delivery through Apprise to a real SMTP server on loopback."""

from __future__ import annotations

import ssl

import pytest

from notifications import DeliverySettings, Envelope, TransientDeliveryError, deliver, deliver_all
from tests.notifications.factories import make_digest, make_envelope, make_item
from tests.notifications.smtp_server import SMTPServer, closed_port, running_smtp_server

pytestmark = pytest.mark.integration  # every test talks SMTP to a server on loopback


def test_digest_reaches_its_recipient_as_html_with_a_plain_text_alternative(
    smtp_server: SMTPServer,
) -> None:
    envelope = Envelope.for_digest(make_digest(make_item(title="Audit <supervision> records")))

    channels = deliver(envelope, DeliverySettings(email_url=smtp_server.relay_url()))

    [mail] = smtp_server.received
    assert channels == (f"email to alice.okafor@example.org via {smtp_server.relay_url()}",)
    assert mail.rcpt_tos == ("alice.okafor@example.org",)
    assert mail.email["To"] == "alice.okafor@example.org"
    assert mail.email["Subject"] == "Closeout: 1 overdue — 1 development area needs you"
    assert mail.email.get_content_type() == "multipart/alternative"
    assert "<h3" in mail.body("html")
    assert "Audit &lt;supervision&gt; records" in mail.body("html")
    # Apprise converts the HTML into the plain-text part; the item must survive as lines,
    # numbered as a reply names it.
    plain = mail.body("plain").splitlines()
    assert plain[plain.index("1. Audit <supervision> records") :][:2] == [
        "1. Audit <supervision> records",
        "Overdue by 10 days",
    ]
    assert "https://closeout.example.org/areas/AD-1/update" in plain


def test_relay_that_requires_a_login_accepts_the_password_from_the_url() -> None:
    with running_smtp_server(login=("relay", "c0rrect-h0rse")) as server:
        deliver(
            make_envelope(), DeliverySettings(email_url=server.relay_url(password="c0rrect-h0rse"))
        )

        assert [(m.rcpt_tos, m.login) for m in server.received] == [
            (("person1@example.org",), "relay")
        ]


def test_wrong_password_fails_without_the_password_in_the_error() -> None:
    with running_smtp_server(login=("relay", "c0rrect-h0rse")) as server:
        settings = DeliverySettings(email_url=server.relay_url(password="wr0ng-pa55word"))

        with pytest.raises(TransientDeliveryError) as caught:
            deliver(make_envelope(), settings)

        assert server.received == []
    assert "wr0ng-pa55word" not in str(caught.value)
    assert "relay:****@127.0.0.1" in str(caught.value)


def test_relay_down_gives_a_retryable_error_with_the_password_redacted() -> None:
    relay = f"mailto://relay:d0wn-pa55word@127.0.0.1:{closed_port()}?from=closeout@example.org"

    with pytest.raises(TransientDeliveryError) as caught:
        deliver(make_envelope(), DeliverySettings(email_url=relay))

    message = str(caught.value)
    assert message.startswith("reminder:1: email to person1@example.org via mailto://relay:****@")
    assert "did not accept the message" in message
    assert "d0wn-pa55word" not in message
    assert caught.value.delivered == ()


def test_batch_reports_each_failure_as_an_outcome_without_stopping() -> None:
    relay = f"mailto://relay:d0wn-pa55word@127.0.0.1:{closed_port()}?from=closeout@example.org"

    outcomes = deliver_all([make_envelope(1), make_envelope(2)], DeliverySettings(email_url=relay))

    assert [(o.key, o.status, o.retryable) for o in outcomes] == [
        ("reminder:1", "failed", True),
        ("reminder:2", "failed", True),
    ]
    assert all(o.error and "d0wn-pa55word" not in o.error for o in outcomes)


def test_batch_delivers_each_person_their_own_message(smtp_server: SMTPServer) -> None:
    envelopes = [make_envelope(n) for n in range(1, 13)]

    outcomes = deliver_all(
        envelopes, DeliverySettings(email_url=smtp_server.relay_url()), max_workers=3
    )

    assert [o.key for o in outcomes] == [e.key for e in envelopes]
    assert all(o.is_sent for o in outcomes)
    received = {m.rcpt_tos[0]: m.email["Subject"] for m in smtp_server.received}
    assert received == {e.to_email: e.message.subject for e in envelopes}


def test_reused_tls_context_verifies_again_after_a_url_switched_verification_off(
    smtp_server: SMTPServer,
) -> None:
    import apprise.plugins.email.smtp as apprise_smtp

    deliver(make_envelope(), DeliverySettings(email_url=smtp_server.relay_url()))
    context = apprise_smtp.ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE

    again = apprise_smtp.ssl.create_default_context()

    assert again is context  # one context per thread, not a new CA load per connection
    assert (again.verify_mode, again.check_hostname) == (ssl.CERT_REQUIRED, True)


def test_no_log_record_at_any_level_contains_the_password(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(1)  # everything, Apprise's own debug and trace lines included
    with running_smtp_server(login=("relay", "c0rrect-h0rse")) as server:
        settings = DeliverySettings(email_url=server.relay_url(password="l0gged-pa55word"))
        outcome = deliver_all([make_envelope()], settings)[0]

    assert outcome.status == "failed"
    assert "apprise" in {r.name for r in caplog.records}
    assert "l0gged-pa55word" not in caplog.text
