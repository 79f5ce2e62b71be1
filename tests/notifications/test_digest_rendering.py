"""Rendering digests: subject counts, urgency order, grouping by lead, safe HTML, plain text."""

from __future__ import annotations

import re
from datetime import date

import pytest

from notifications import Digest, render_digest
from tests.notifications.factories import RUN_DATE, make_digest, make_item


def titles_in(text: str) -> list[str]:
    """Item titles in the order the plain-text body numbers them."""
    return re.findall(r"^\d+\. (.+)$", text, flags=re.MULTILINE)


def test_subject_counts_items_by_reason_most_urgent_first() -> None:
    digest = make_digest(
        make_item(area_id="AD-1", reason="due_soon", due_date=date(2025, 3, 6), days_overdue=0),
        make_item(area_id="AD-2", reason="overdue"),
        make_item(area_id="AD-3", reason="overdue", days_overdue=3),
    )

    subject = render_digest(digest).subject

    assert subject == "Closeout: 2 overdue, 1 due soon — 3 development areas need you"


def test_subject_for_a_single_item_is_singular() -> None:
    digest = make_digest(make_item(reason="due_today", days_overdue=0, due_date=RUN_DATE))

    assert render_digest(digest).subject == "Closeout: 1 due today — 1 development area needs you"


def test_items_are_ordered_by_reason_then_by_days_overdue() -> None:
    digest = make_digest(
        make_item(area_id="AD-1", title="Stale", reason="stale", days_overdue=0),
        make_item(area_id="AD-2", title="Overdue by 2", reason="overdue", days_overdue=2),
        make_item(area_id="AD-3", title="At risk", reason="at_risk", days_overdue=0),
        make_item(area_id="AD-4", title="Overdue by 9", reason="overdue", days_overdue=9),
        make_item(area_id="AD-5", title="Due today", reason="due_today", days_overdue=0),
    )

    text = render_digest(digest).text

    assert titles_in(text) == ["Overdue by 9", "Overdue by 2", "Due today", "Stale", "At risk"]


def test_escalation_groups_items_by_lead_with_the_most_urgent_lead_first() -> None:
    digest = make_digest(
        make_item(area_id="AD-1", title="Cara's stale", lead_name="Cara Lee", reason="stale"),
        make_item(area_id="AD-2", title="Ben's overdue", lead_name="Ben Ross", days_overdue=4),
        make_item(
            area_id="AD-3", title="Cara's escalated", lead_name="Cara Lee", reason="escalation"
        ),
        make_item(area_id="AD-4", title="Unowned", lead_name=None, reason="at_risk"),
        kind="escalation",
    )

    message = render_digest(digest)

    assert message.subject == (
        "Closeout escalation: 1 escalated, 1 overdue, 1 not updated recently, 1 at risk"
        " — 4 development areas across 3 leads"
    )
    headings = re.findall(r"^LED BY (.+)$", message.text, flags=re.MULTILINE)
    assert headings == ["CARA LEE (2)", "BEN ROSS (1)", "NO LEAD ASSIGNED (1)"]
    assert titles_in(message.text) == [
        "Cara's escalated",
        "Cara's stale",
        "Ben's overdue",
        "Unowned",
    ]
    html_headings = re.findall(r"<h2[^>]*>(.*?)</h2>", message.html)
    assert html_headings == [
        "Led by Cara Lee (2)",
        "Led by Ben Ross (1)",
        "Led by No lead assigned (1)",
    ]


def test_hostile_title_is_escaped_in_html_and_kept_verbatim_in_text() -> None:
    hostile = '<script>alert("x")</script> & <a href="http://evil">'
    message = render_digest(make_digest(make_item(title=hostile)))

    assert "<script>" not in message.html
    assert '<a href="http://evil">' not in message.html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;a href=" in message.html
    assert f"1. {hostile}" in message.text


def test_plain_text_part_carries_every_item_with_its_link_and_dates() -> None:
    item = make_item(
        area_id="AD-7",
        due_date=date(2025, 2, 21),
        original_due_date=date(2025, 1, 31),
        last_update_on=date(2025, 1, 6),
    )
    text = render_digest(make_digest(item)).text

    assert "Dear Alice Okafor," in text
    assert "   Overdue by 10 days\n" in text
    assert "   Due date: 21 February 2025 (revised from 31 January 2025)\n" in text
    assert "   Last progress update: 6 January 2025\n" in text
    assert "   Update it: https://closeout.example.org/areas/AD-7/update\n" in text
    assert "<" not in text


def test_due_soon_says_how_many_days_remain() -> None:
    item = make_item(reason="due_soon", due_date=date(2025, 3, 6), days_overdue=0)

    assert "   Due in 3 days\n" in render_digest(make_digest(item)).text


def test_html_is_plain_accessible_email() -> None:
    html = render_digest(make_digest(make_item(title="Review CIN plans"))).html

    assert html.startswith('<!DOCTYPE html><html lang="en-GB">')
    assert "<title>Closeout: 1 overdue — 1 development area needs you</title>" in html
    assert 'role="presentation"' in html
    assert "<img" not in html
    assert "<style" not in html  # inline styles only: many mail clients drop style blocks
    assert ">Update “Review CIN plans”</a>" in html
    assert ">https://closeout.example.org/areas/AD-1/update</p>" in html  # shown, not only linked


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("reason", "late", "reason 'late' is not one of escalation, overdue"),
        ("rag", "purple", "RAG rating 'purple' is not one of red, amber, green"),
        ("update_url", "javascript:alert(1)", "must start with https:// or http://"),
        ("days_overdue", -1, "days overdue -1 is negative"),
    ],
)
def test_item_rejects_values_outside_the_allowed_set(
    field: str, value: object, message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        make_item(**{field: value})


def test_digest_without_items_is_rejected() -> None:
    with pytest.raises(ValueError, match="has no items"):
        Digest("Alice Okafor", "alice.okafor@example.org", "reminder", RUN_DATE, ())
