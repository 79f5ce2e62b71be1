"""Pure rules for accounts: sign-in pauses, weak passwords, access windows, evidence files."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from domain.accounts.access_rules import (
    check_window,
    grant_in_force,
    grants_by_authority,
    is_in_force,
)
from domain.accounts.credentials import InspectorAccess
from domain.accounts.sign_in_rules import (
    FAILURE_WINDOW,
    MAX_FAILURES,
    MAX_FAILURES_PER_CLIENT,
    check_password,
    client_network,
    retry_after,
)
from domain.areas.evidence_files import MAX_EVIDENCE_BYTES, check_evidence_file, safe_file_name
from domain.errors import InvalidEvidenceFile, InvalidInput, WeakPassword

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def test_sign_in_is_not_paused_below_the_failure_limit() -> None:
    failures = [NOW - timedelta(minutes=n) for n in range(MAX_FAILURES - 1)]
    assert retry_after(failures, NOW) == 0


def test_sign_in_pauses_until_the_window_after_the_oldest_counted_failure() -> None:
    failures = [NOW - timedelta(minutes=n) for n in range(MAX_FAILURES)]
    oldest = NOW - timedelta(minutes=MAX_FAILURES - 1)
    expected = int((oldest + FAILURE_WINDOW - NOW).total_seconds())
    assert retry_after(failures, NOW) == expected == 11 * 60


def test_failures_older_than_the_window_do_not_count() -> None:
    old = [NOW - FAILURE_WINDOW - timedelta(seconds=n + 1) for n in range(10)]
    assert retry_after(old, NOW) == 0


@pytest.mark.parametrize("password", ["short", "password123", "aaaaaaaaaaaaaa", "x" * 201])
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(WeakPassword):
        check_password(password, "lead@example.org")


def test_a_password_equal_to_the_email_is_refused() -> None:
    with pytest.raises(WeakPassword, match="too easy to guess"):
        check_password("Lead@Example.org", "lead@example.org")


def test_a_long_phrase_is_accepted() -> None:
    check_password("harbour kettle violet", "lead@example.org")


def _grant(
    starts: date,
    ends: date,
    granted: datetime,
    revoked: datetime | None = None,
    authority_id: int = 1,
) -> Any:
    return InspectorAccess(
        id=1,
        person_id=1,
        authority_id=authority_id,
        starts_on=starts,
        ends_on=ends,
        granted_at=granted,
        revoked_at=revoked,
    )


def test_access_is_in_force_on_both_end_dates_and_not_after() -> None:
    grant = _grant(date(2026, 3, 1), date(2026, 3, 31), NOW)
    assert is_in_force(grant, date(2026, 3, 1))
    assert is_in_force(grant, date(2026, 3, 31))
    assert not is_in_force(grant, date(2026, 4, 1))
    assert not is_in_force(grant, date(2026, 2, 28))


def test_the_grant_made_last_counts_even_when_it_is_shorter_or_ended() -> None:
    revoked = _grant(date(2026, 3, 1), date(2026, 3, 31), NOW, revoked=NOW)
    earlier = _grant(date(2026, 3, 1), date(2026, 3, 31), NOW - timedelta(days=3))
    later = _grant(date(2026, 3, 1), date(2026, 3, 20), NOW - timedelta(days=1))
    assert not is_in_force(revoked, date(2026, 3, 5))
    # Ending the newest grant does not bring an older one back.
    assert grant_in_force([revoked, earlier, later], date(2026, 3, 5)) is None
    assert grant_in_force([earlier, later], date(2026, 3, 5)) is later
    # The shorter grant made later shortens access: the longer one it replaced is gone.
    assert grant_in_force([earlier, later], date(2026, 3, 25)) is None
    assert grant_in_force([revoked], date(2026, 3, 5)) is None


def test_a_window_must_not_end_before_it_starts_or_last_over_a_year() -> None:
    with pytest.raises(InvalidInput, match="ends before it starts"):
        check_window(date(2026, 3, 2), date(2026, 3, 1))
    with pytest.raises(InvalidInput, match="longer than 366 days"):
        check_window(date(2026, 3, 2), date(2027, 3, 10))


def test_file_names_lose_folders_and_odd_characters() -> None:
    assert safe_file_name("../../etc/passwd") == "passwd"
    assert safe_file_name("C:\\Users\\me\\Audit report (final).PDF") == "Audit-report-final.pdf"
    assert safe_file_name("...") == "evidence"


def test_an_accepted_file_gets_its_content_type_from_its_extension() -> None:
    accepted = check_evidence_file("audit.pdf", 2048, b"%PDF-1.7\n")
    assert (accepted.name, accepted.content_type, accepted.size_bytes) == (
        "audit.pdf",
        "application/pdf",
        2048,
    )


@pytest.mark.parametrize(
    ("name", "size", "head", "message"),
    [
        ("script.exe", 10, b"MZ", "not an accepted type"),
        ("audit.pdf", 0, b"", "is empty"),
        ("audit.pdf", MAX_EVIDENCE_BYTES + 1, b"%PDF-", "the limit is 10 MB"),
        ("audit.pdf", 10, b"<html>", "does not look like a .pdf file"),
        ("notes.txt", 10, b"ab\x00cd", "does not look like a .txt file"),
    ],
)
def test_unaccepted_files_are_refused_with_the_reason(
    name: str, size: int, head: bytes, message: str
) -> None:
    with pytest.raises(InvalidEvidenceFile, match=message):
        check_evidence_file(name, size, head)


def test_sign_in_from_one_client_pauses_at_its_own_higher_limit() -> None:
    failures = [NOW - timedelta(seconds=n) for n in range(MAX_FAILURES_PER_CLIENT - 1)]
    assert retry_after(failures, NOW, MAX_FAILURES_PER_CLIENT) == 0
    assert retry_after(failures, NOW) > 0
    one_more = [*failures, NOW - timedelta(minutes=2)]
    assert retry_after(one_more, NOW, MAX_FAILURES_PER_CLIENT) == 13 * 60


@pytest.mark.parametrize(
    ("host", "network"),
    [
        ("203.0.113.7", "203.0.113.7"),
        (" 203.0.113.7 ", "203.0.113.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("testclient", "testclient"),
    ],
)
def test_failures_count_per_ipv4_address_and_per_ipv6_network(host: str, network: str) -> None:
    assert client_network(host) == network


def test_each_authority_in_force_comes_with_the_grant_made_last() -> None:
    short = _grant(date(2026, 3, 1), date(2026, 3, 20), NOW)
    long = _grant(date(2026, 3, 1), date(2026, 4, 30), NOW - timedelta(days=5))
    elsewhere = _grant(date(2026, 3, 1), date(2026, 3, 31), NOW, authority_id=2)
    ended = _grant(date(2026, 1, 1), date(2026, 2, 28), NOW, authority_id=3)
    revoked = _grant(date(2026, 3, 1), date(2026, 3, 31), NOW, NOW, authority_id=4)
    found = grants_by_authority([short, long, elsewhere, ended, revoked], date(2026, 3, 5))
    assert found == {1: short, 2: elsewhere}
    assert grants_by_authority([short, long], date(2026, 3, 25)) == {}
