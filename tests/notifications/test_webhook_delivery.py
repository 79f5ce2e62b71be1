"""Webhook delivery through Apprise (json://, and tags from a config file) to a real HTTP server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from notifications import (
    ChannelConfigError,
    DeliverySettings,
    PermanentDeliveryError,
    TransientDeliveryError,
    deliver,
)
from tests.notifications.factories import make_envelope
from tests.notifications.http_receiver import (
    HTTPReceiver,
    running_http_receiver,
    self_signed_context,
)
from tests.notifications.smtp_server import SMTPServer


def test_extra_json_url_receives_the_subject_and_plain_text(http_receiver: HTTPReceiver) -> None:
    url = f"json://127.0.0.1:{http_receiver.port}/hooks/closeout"
    envelope = make_envelope(extra_urls=(url,))

    channels = deliver(envelope, DeliverySettings())

    [request] = http_receiver.received
    assert channels == (url,)
    assert request.path == "/hooks/closeout"
    assert request.json()["title"] == envelope.message.subject
    assert request.json()["message"] == "Plain text for person 1"


def test_yaml_config_sends_only_to_the_targets_with_the_envelope_tag(
    http_receiver: HTTPReceiver, tmp_path: Path
) -> None:
    base = f"json://127.0.0.1:{http_receiver.port}"
    config = tmp_path / "apprise.yml"
    config.write_text(
        "urls:\n"
        f"  - {base}/escalations:\n      tag: escalations\n"
        f"  - {base}/readiness:\n      tag: readiness\n"
    )

    deliver(make_envelope(tags=("escalations",)), DeliverySettings(config_path=config))

    assert [r.path for r in http_receiver.received] == ["/escalations"]


def test_text_config_tag_works_alongside_email(
    http_receiver: HTTPReceiver, smtp_server: SMTPServer, tmp_path: Path
) -> None:
    config = tmp_path / "apprise.txt"
    config.write_text(f"directors=json://127.0.0.1:{http_receiver.port}/directors\n")
    settings = DeliverySettings(email_url=smtp_server.relay_url(), config_path=config)

    channels = deliver(make_envelope(tags=("directors",)), settings)

    assert channels[1] == "targets tagged directors in apprise.txt"
    assert [r.path for r in http_receiver.received] == ["/directors"]
    assert [m.rcpt_tos for m in smtp_server.received] == [("person1@example.org",)]


def test_webhook_error_is_retryable_and_names_what_was_delivered(
    http_receiver: HTTPReceiver, smtp_server: SMTPServer
) -> None:
    http_receiver.status = 503
    url = f"json://hookuser:h00k-secret@127.0.0.1:{http_receiver.port}/hooks"
    settings = DeliverySettings(email_url=smtp_server.relay_url())

    with pytest.raises(TransientDeliveryError) as caught:
        deliver(make_envelope(extra_urls=(url,)), settings)

    assert caught.value.delivered == (
        f"email to person1@example.org via {smtp_server.relay_url()}",
    )
    assert f"json://hookuser:****@127.0.0.1:{http_receiver.port}/hooks did not accept" in str(
        caught.value
    )
    assert "h00k-secret" not in str(caught.value)


def test_tag_that_matches_no_configured_target_is_permanent(tmp_path: Path) -> None:
    config = tmp_path / "apprise.yml"
    config.write_text("urls:\n  - json://127.0.0.1:9/x:\n      tag: readiness\n")

    with pytest.raises(PermanentDeliveryError, match="matched no Apprise target"):
        deliver(make_envelope(tags=("escalations",)), DeliverySettings(config_path=config))


def test_extra_url_apprise_cannot_parse_is_a_config_error_without_its_token() -> None:
    envelope = make_envelope(extra_urls=("nosuchservice://Zx81token99Abc/room",))

    with pytest.raises(ChannelConfigError) as caught:
        deliver(envelope, DeliverySettings())

    assert str(caught.value) == (
        "reminder:1: nosuchservice://****/room is not a URL Apprise can use; "
        "check its scheme and fields"
    )


@pytest.mark.integration  # starts its own HTTPS receiver
@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_teams_workflow_tag_posts_an_adaptive_card_over_https(tmp_path: Path) -> None:
    workflow, signature = "4c1a9e07d2b84f3a", "Qm9vdHN0cmFwU2lnbmF0dXJlMTIz"
    with running_http_receiver(tls=self_signed_context(tmp_path)) as receiver:
        config = tmp_path / "apprise.yml"
        # verify=no: the receiver's certificate is self-signed; a real tenant's is not.
        config.write_text(
            "urls:\n"
            f"  - workflows://127.0.0.1:{receiver.port}/{workflow}/{signature}?verify=no:\n"
            "      tag: teams-escalations\n"
        )

        deliver(make_envelope(tags=("teams-escalations",)), DeliverySettings(config_path=config))

    [request] = receiver.received
    assert request.path.startswith(f"/workflows/{workflow}/triggers/manual/paths/invoke?")
    assert f"sig={signature}" in request.path
    card = request.json()["attachments"][0]["content"]
    assert card["type"] == "AdaptiveCard"
    assert "Closeout: 1 overdue — 1 development area needs you (1)" in json.dumps(
        card, ensure_ascii=False
    )
