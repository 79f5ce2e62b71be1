"""Where a person's messages go: their email, their own targets and their tagged config entries."""

from __future__ import annotations

from pathlib import Path

from domain.reminders.ledger import Recipient
from notifications import DeliverySettings, Message
from notifications.addressing import config_tags, envelope_for

MESSAGE = Message(subject="Closeout: 1 overdue", text="text", html="<p>html</p>")
JO = Recipient(7, "Jo Lead", "jo.lead@example.org", ("json://127.0.0.1:9/jo",))


def test_tags_are_read_from_a_yaml_config(tmp_path: Path) -> None:
    config = tmp_path / "apprise.yml"
    config.write_text(
        "urls:\n"
        "  - json://127.0.0.1:9/a:\n"
        "    - tag: Jo.Lead@example.org, managers\n"
        "  - json://127.0.0.1:9/b:\n"
        "    tags: [directors]\n"
    )
    assert config_tags(config) == {"jo.lead@example.org", "managers", "directors"}


def test_tags_are_read_from_a_text_config(tmp_path: Path) -> None:
    config = tmp_path / "apprise.txt"
    config.write_text(
        "# one target per line\nLeads, managers=json://127.0.0.1:9/a\njson://127.0.0.1:9/untagged\n"
    )
    assert config_tags(config) == {"leads", "managers"}


def test_a_config_apprise_cannot_read_gives_no_tags(tmp_path: Path) -> None:
    # Apprise's text format takes no "@" in a tag, so it loads nothing from this file: a tag
    # counted here would match no target and fail every delivery.
    config = tmp_path / "apprise.txt"
    config.write_text("jo.lead@example.org, leads=json://127.0.0.1:9/a\n")
    assert config_tags(config) == frozenset()


def test_a_person_s_tag_is_used_only_when_the_config_has_an_entry_for_it(tmp_path: Path) -> None:
    config = tmp_path / "apprise.yml"
    config.write_text("urls:\n  - json://127.0.0.1:9/a:\n    tag: jo.lead@example.org\n")
    tagged = envelope_for("k", MESSAGE, JO, DeliverySettings(config_path=config))
    other = Recipient(8, "Sam", "sam@example.org", ())
    untagged = envelope_for("k", MESSAGE, other, DeliverySettings(config_path=config))
    assert tagged.tags == ("jo.lead@example.org",)
    assert untagged.tags == ()


def test_the_envelope_carries_the_person_s_email_and_own_targets() -> None:
    envelope = envelope_for("digest jo", MESSAGE, JO, DeliverySettings())
    assert (envelope.to_email, envelope.to_name, envelope.extra_urls) == (
        "jo.lead@example.org",
        "Jo Lead",
        ("json://127.0.0.1:9/jo",),
    )
    assert config_tags(None) == frozenset()
