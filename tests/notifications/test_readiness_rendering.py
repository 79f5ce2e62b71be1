"""Rendering readiness reports: counts, one heading per area, Markdown and HTML that stay safe."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from notifications import ReadinessArea, ReadinessReport, render_readiness_report
from notifications.readiness import numbered_areas

RUN_DATE = date(2025, 3, 3)


def area(area_id: str, **overrides: Any) -> ReadinessArea:
    fields: dict[str, Any] = {
        "area_id": area_id,
        "title": f"Area {area_id}",
        "status": "in_progress",
        "lead_name": "Priya Shah",
        "due_date": date(2025, 6, 30),
    }
    fields.update(overrides)
    return ReadinessArea(**fields)


def report(*areas: ReadinessArea) -> ReadinessReport:
    return ReadinessReport("Southwark", RUN_DATE, date(2025, 4, 1), areas)


def test_each_area_is_listed_once_under_its_most_serious_heading() -> None:
    message = render_readiness_report(
        report(
            area("AD-1"),
            area("AD-2", days_overdue=5, is_at_risk=True),
            area("AD-3", is_at_risk=True),
            area("AD-4", days_overdue=40, is_likely_carried_over=True),
        )
    )

    sections = re.findall(r"^## (.+)$|^### (.+)$", message.text, flags=re.MULTILINE)
    assert [heading or title for heading, title in sections] == [
        "Likely to be carried over (1)",
        "Area AD-4",
        "Overdue (1)",
        "Area AD-2",
        "At risk (1)",
        "Area AD-3",
        "Other open areas (1)",
        "Area AD-1",
    ]
    assert "- Open development areas: 4\n- Overdue: 2\n- At risk: 2\n" in message.text
    assert "- Likely to be carried over: 1\n" in message.text


def test_subject_names_authority_counts_and_window() -> None:
    message = render_readiness_report(report(area("AD-1", days_overdue=3), area("AD-2")))

    assert message.subject == (
        "Closeout readiness: Southwark — 2 open areas, 1 overdue, 0 likely carried over; "
        "window opens 1 April 2025"
    )
    assert "The next inspection window opens on 1 April 2025, in 29 days." in message.text


def test_last_update_is_shown_with_its_note_or_as_missing() -> None:
    text = render_readiness_report(
        report(
            area("AD-1", last_update_on=date(2025, 2, 10), last_update_note="Audit of 40 plans"),
            area("AD-2"),
        )
    ).text

    assert "- Last update: 10 February 2025: Audit of 40 plans\n" in text
    assert "- Last update: none recorded\n" in text


def test_markdown_escapes_titles_and_html_escapes_them() -> None:
    hostile = "Plans [see](http://evil) *now* <b>\nsecond line"
    message = render_readiness_report(report(area("AD-1", title=hostile)))

    assert "### Plans \\[see\\](http://evil) \\*now\\* \\<b\\> second line\n" in message.text
    assert "Plans [see](http://evil) *now* &lt;b&gt;" in message.html
    assert "<b>" not in message.html


def test_report_with_no_open_areas_says_so() -> None:
    message = render_readiness_report(report())

    assert "No development areas are open." in message.text
    assert "No development areas are open." in message.html


def test_window_before_the_run_date_is_rejected() -> None:
    with pytest.raises(ValueError, match="inspection window opening 2025-03-01 is before"):
        ReadinessReport("Southwark", RUN_DATE, date(2025, 3, 1), ())


def test_a_report_for_someone_away_is_headed_as_sent_on_their_behalf() -> None:
    note = "Dana <Okafor> is away until 14 March 2025"
    routed = replace(report(area("AD-1")), away_note=note)
    message = render_readiness_report(routed)
    line = "This was sent to you while Dana \\<Okafor\\> is away until 14 March 2025"
    assert line in message.text.split("\n\n")[1]
    assert "Dana &lt;Okafor&gt; is away until 14 March 2025: you act for them" in message.html
    plain = render_readiness_report(report(area("AD-1")))
    assert "sent to you while" not in plain.text + plain.html


def test_a_report_that_takes_replies_numbers_its_areas_as_it_lists_them() -> None:
    listed = report(area("AD-1"), area("AD-2", days_overdue=5), area("AD-3", is_at_risk=True))
    assert [a.area_id for a in numbered_areas(listed)] == ["AD-2", "AD-3", "AD-1"]
    message = render_readiness_report(replace(listed, replies=True))
    assert "### 1. Area AD-2" in message.text and "### 3. Area AD-1" in message.text
    assert "“2: audit booked for March”" in message.text
    assert ">2. Area AD-3</h3>" in message.html and "You can also reply" in message.html
    plain = render_readiness_report(listed)
    assert "### Area AD-2" in plain.text and "You can also reply" not in plain.text
