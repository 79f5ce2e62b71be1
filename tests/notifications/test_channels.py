"""Planning channels: which Apprise targets an envelope goes to, and settings that are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from notifications import (
    ChannelConfigError,
    DeliverySettings,
    PermanentDeliveryError,
    plan_channels,
)
from tests.notifications.factories import make_envelope

RELAY = "mailtos://relay:hunter2-pass@smtp.example.org:587?from=closeout@example.org"


def test_email_channel_carries_html_to_the_envelope_recipient_only() -> None:
    envelope = make_envelope(to_email="o'brien+leads@example.org")

    [channel] = plan_channels(envelope, DeliverySettings(email_url=RELAY))

    assert channel.urls == (f"{RELAY}&to=o%27brien%2Bleads@example.org",)
    assert channel.body == envelope.message.html
    assert channel.body_format == "html"
    assert channel.label == (
        "email to o'brien+leads@example.org via "
        "mailtos://relay:****@smtp.example.org:587?from=closeout@example.org"
    )


def test_extra_urls_and_tags_each_get_a_text_channel(tmp_path: Path) -> None:
    config = tmp_path / "apprise.yml"
    config.write_text("urls:\n  - json://localhost:9/:\n    tag: escalations\n")
    envelope = make_envelope(extra_urls=("json://localhost:9/me",), tags=("escalations",))

    channels = plan_channels(envelope, DeliverySettings(email_url=RELAY, config_path=config))

    assert [c.body_format for c in channels] == ["html", "text", "text"]
    assert channels[1].urls == ("json://localhost:9/me",)
    assert (channels[2].config_path, channels[2].tags) == (config, ("escalations",))
    assert channels[2].body == envelope.message.text


def test_nothing_configured_plans_no_channel_so_the_outbox_takes_it() -> None:
    assert plan_channels(make_envelope(), DeliverySettings()) == ()


def test_envelope_that_no_configured_channel_reaches_is_a_permanent_failure() -> None:
    envelope = make_envelope(to_email=None)

    with pytest.raises(PermanentDeliveryError, match="reminder:1 has no channel"):
        plan_channels(envelope, DeliverySettings(email_url=RELAY))


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("json://hooks.example.org/hook", "give a mailto:// or mailtos:// URL"),
        ("mailto://relay:pw-secret-1@smtp.example.org?to=all@example.org", "names recipients"),
        ("mailto://relay:pw-secret-1@smtp.example.org/all@example.org", "names recipients"),
    ],
)
def test_relay_url_that_is_not_a_bare_mailto_is_refused_without_its_password(
    url: str, problem: str
) -> None:
    with pytest.raises(ChannelConfigError, match=problem) as caught:
        DeliverySettings(email_url=url)

    assert "pw-secret-1" not in str(caught.value)


def test_missing_config_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ChannelConfigError, match="apprise.yml does not exist"):
        DeliverySettings(config_path=tmp_path / "apprise.yml")
