"""The dashboard to act from: every count links to the list it counts, the chart dates areas
by when they are due and splits each bar red, amber and green, its table repeats its numbers,
and the plan links each area, flags the overdue ones and downloads as Excel."""

from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter
from collections.abc import Callable
from datetime import date

from openpyxl import load_workbook

from domain.areas.plans import PLAN_COLUMNS
from tests.web.area_lists import add_varied_areas, all_ids, total_of, views
from tests.web.conftest import Browser, World

TILE = re.compile(
    r'<li class="app-count[^"]*"><a [^>]*href="([^"]+)"><span class="app-count__value">(\d+)</span>'
    r'<span class="app-count__label">([^<]+)</span>'
)
NUMBER_LINK = re.compile(r'<a class="govuk-link" href="(/areas\?[^"]+)">(\d+)<span')
SEGMENT = re.compile(r'<rect class="app-chart__segment"[^>]*><title>([^<]+): (\d+) (\w+)</title>')
CHART_ROW = re.compile(
    r'<th scope="row" class="govuk-table__header">([^<]+)</th>(.*?)</tr>', flags=re.S
)


def _listed(client: Browser, href: str) -> int:
    page = client.get(html.unescape(href))
    assert page.status_code == 200, href
    return total_of(page.text)


def test_every_count_on_the_dashboard_is_a_link_to_a_list_that_long(
    browser: Callable[..., Browser], world: World
) -> None:
    add_varied_areas(world)
    manager = browser("manager")
    board = manager.get("/dashboard").text
    tiles = TILE.findall(board)
    labels = {label for _, _, label in tiles}
    assert {"Overdue", "Due soon", "No lead", "Blocked", "Awaiting sign-off"} <= labels
    assert {"Awaiting a due date decision", "Red", "Amber", "Green", "Closed"} <= labels
    for href, count, label in tiles:
        assert _listed(manager, href) == int(count), label
    assert sum(int(c) for h, c, _ in tiles if "rag=" in h) == len(views(world))
    assert all(int(c) for _, c, label in tiles if label != "Blocked")


def test_the_work_of_each_lead_links_to_their_lists(
    browser: Callable[..., Browser], world: World
) -> None:
    add_varied_areas(world)
    manager = browser("manager")
    board = manager.get("/dashboard").text
    section = board.split('id="by-lead"', 1)[1].split("</table>", 1)[0]
    assert "Priya Lead" in section and "Tom Lead" in section and "No lead" in section
    found = NUMBER_LINK.findall(section)
    assert len(found) >= 4
    for href, count in found:
        assert _listed(manager, href) == int(count), href
    active = [v for v in views(world) if v.status in ("open", "in_progress", "blocked")]
    priya = world.people["lead"].email
    listed = all_ids(manager, f"/areas?lead={priya}&status=active")
    assert sorted(listed) == sorted(v.id for v in active if v.owner == priya)


def _chart_rows(board: str) -> dict[str, dict[str, int]]:
    """The chart's table: each row's name and its red, amber, green and total counts."""
    table = board.split('id="chart-numbers"', 1)[1].split("</table>", 1)[0]
    rows = {}
    for name, cells in CHART_ROW.findall(table):
        numbers = [int(n) for n in re.findall(r">(\d+)(?:<span|</td>)", cells)]
        rows[name] = dict(zip(["red", "amber", "green", "total"], numbers, strict=True))
    return rows


def test_the_chart_counts_areas_by_due_month_and_its_table_matches_the_bars(
    browser: Callable[..., Browser], world: World
) -> None:
    add_varied_areas(world, count=60)
    manager = browser("manager")
    board = manager.get("/dashboard").text
    rows = _chart_rows(board)
    drawn: dict[str, Counter[str]] = {}
    for name, value, rating in SEGMENT.findall(board):
        drawn.setdefault(name, Counter())[rating] += int(value)
    for name, counts in rows.items():
        assert {r: counts[r] for r in ("red", "amber", "green") if counts[r]} == drawn.get(
            name, {}
        ), name
        assert counts["total"] == counts["red"] + counts["amber"] + counts["green"]
    active = [v for v in views(world) if v.status in ("open", "in_progress", "blocked")]
    expected: dict[str, Counter[str]] = {}
    for v in active:
        due = date.fromisoformat(v.due_date) if v.due_date else None
        if due is None:
            name = "No due date"
        elif due < date(2026, 3, 1):
            name = "Due before March 2026"
        elif due >= date(2027, 3, 1):
            name = "Due in March 2027 or later"
        else:
            name = f"{due:%B %Y}"
        expected.setdefault(name, Counter())[v.rag] += 1
    shown = {
        name: Counter({r: c[r] for r in ("red", "amber", "green") if c[r]})
        for name, c in rows.items()
    }
    assert {n: c for n, c in shown.items() if c} == expected
    # Axis labels carry their years; the months run on from this one.
    years = re.findall(r'<tspan>(\w+) </tspan><tspan x="[\d.]+" dy="14">(\d{4})?</tspan>', board)
    assert ("Mar", "2026") in years and ("Feb", "2027") in years
    assert all(
        int(rows[name]["total"]) == _listed(manager, href) for href, name in _total_links(board)
    )


def _total_links(board: str) -> list[tuple[str, str]]:
    table = board.split('id="chart-numbers"', 1)[1].split("</table>", 1)[0]
    return re.findall(
        r'href="([^"]+)">\d+<span class="govuk-visually-hidden"> in all, ([^<]+)</span>', table
    )


def test_the_chart_by_inspection_counts_each_inspections_open_areas(
    browser: Callable[..., Browser], world: World
) -> None:
    add_varied_areas(world)
    manager = browser("manager")
    board = manager.get("/dashboard?chart=inspection").text
    rows = _chart_rows(board)
    active = [v for v in views(world) if v.status in ("open", "in_progress", "blocked")]
    per_inspection = Counter(v.inspection_id for v in active)
    assert sorted(r["total"] for r in rows.values()) == sorted(per_inspection.values())
    assert any(name.endswith("ending 13 January 2026") for name in rows)
    for href, name in _total_links(board):
        assert "inspection=" in href and _listed(manager, href) == rows[name]["total"]
    assert manager.get("/dashboard?chart=pie").status_code == 422


def test_the_plan_links_each_area_flags_the_overdue_and_downloads_as_excel(
    browser: Callable[..., Browser], world: World
) -> None:
    director = browser("director")
    plan = director.get("/plan").text
    for area in [*world.areas, world.other_area]:
        assert f'<a class="govuk-link" href="/areas/{area.id}">{area.title}</a>' in plan
    flags = re.findall(
        r'href="/areas/(\d+)">[^<]*</a></strong> <strong class="govuk-tag '
        r'govuk-tag--red app-overdue">Overdue by (\d+) days',
        plan,
    )
    assert flags == [(str(world.areas[0].id), "10")]
    authority = world.areas[0].authority_id
    assert f'href="/plan.xlsx?authority={authority}"' in plan
    assert f'href="/plan.csv?authority={authority}"' in plan
    workbook = director.get(f"/plan.xlsx?authority={authority}")
    assert workbook.status_code == 200
    assert workbook.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == PLAN_COLUMNS
    ids = sorted(int(str(row[0])) for row in values[1:])
    assert ids == sorted(a.id or 0 for a in [*world.areas, world.other_area])
    table = list(csv.DictReader(io.StringIO(director.get("/plan.csv").text)))
    assert sorted(int(r["id"]) for r in table) == ids
    assert director.get("/plan.pdf").status_code == 404
    elsewhere = world.elsewhere_area.authority_id
    assert browser("lead").get(f"/plan.xlsx?authority={elsewhere}").status_code == 403
