"""Redaction: passwords, tokens and query secrets never survive into text we show or log."""

from __future__ import annotations

import pytest

from notifications import redact_text, redact_url


@pytest.mark.parametrize(
    ("url", "redacted", "secrets"),
    [
        (
            "mailtos://relay:Sup3r%2Fsecret@smtp.example.org:587?from=closeout@example.org",
            "mailtos://relay:****@smtp.example.org:587?from=closeout@example.org",
            ["Sup3r", "Sup3r%2Fsecret"],
        ),
        (
            "workflows://prod-21.uksouth.logic.azure.com:443/7d9f2c41a0b84e6f/"
            "Kx3bQ9sP1mVt8wLz2YdH6nRfA0cJ5uE4?api-version=2016-06-01",
            "workflows://prod-21.uksouth.logic.azure.com:443/****/****?api-version=2016-06-01",
            ["7d9f2c41a0b84e6f", "Kx3bQ9sP1mVt8wLz2YdH6nRfA0cJ5uE4"],
        ),
        (
            "json://hookuser:w3bh00k-pass@hooks.example.org:8443/closeout/notify",
            "json://hookuser:****@hooks.example.org:8443/closeout/notify",
            ["w3bh00k-pass"],
        ),
        (
            "slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ/#children-services",
            "slack://****/****/****/#children-services",
            ["T1JJ3T3L2", "A1BRTD4JD", "TIiajkdnlazkcOXrIdevi7FQ"],
        ),
        (
            "json://hooks.example.org/notify?+Authorization=Bearer%20abc123def&-token=zz9zz9",
            "json://hooks.example.org/notify?+Authorization=****&-token=****",
            ["abc123def", "zz9zz9"],
        ),
        (
            "tgram://123456789:ABCdefGhIJKlmnOPQRsTUVwxyz/",
            "tgram://****/",
            ["ABCdefGhIJKlmnOPQRsTUVwxyz"],
        ),
    ],
)
def test_redact_url_masks_secrets_and_keeps_what_identifies_the_target(
    url: str, redacted: str, secrets: list[str]
) -> None:
    shown = redact_url(url)

    assert shown == redacted
    for secret in secrets:
        assert secret not in shown


def test_plain_names_in_path_and_harmless_parameters_are_kept() -> None:
    url = "form://localhost:9000/hooks/escalations?method=POST&to=lead@example.org"

    assert redact_url(url) == url


def test_text_that_is_not_a_url_is_masked_whole() -> None:
    assert redact_url("relay with password hunter2") == "****"


def test_redact_text_masks_urls_and_named_secrets_in_free_text() -> None:
    text = "login to mailto://relay:pa55word@smtp.example.org failed; pa55word was refused"

    shown = redact_text(text, secrets=["pa55word"])

    assert shown == "login to mailto://relay:****@smtp.example.org failed; **** was refused"


def test_redact_text_masks_values_given_to_secret_sounding_names() -> None:
    text = 'user="relay"\npassword="l0gged-pa55"\ntoken_a: T1JJ3T3L2 host=smtp.example.org'

    assert redact_text(text) == 'user="relay"\npassword="****"\ntoken_a: **** host=smtp.example.org'
