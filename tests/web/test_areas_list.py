"""All development areas at /areas: each filter and preset, search, sorting both ways, paging
past the end, downloads equal to the list, the manager's own list and who may list what."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date

import pytest
from openpyxl import load_workbook

from domain.accounts.services import grant_inspector_access
from domain.areas.exports import CSV_COLUMNS
from domain.areas.views import AreaView
from domain.paging import Page, within
from domain.permissions import SYSTEM
from domain.reminders.classification import Reason
from tests.factories import NOW
from tests.web.area_lists import (
    add_varied_areas,
    all_ids,
    ids_on,
    pending_areas,
    reasons,
    showing,
    total_of,
    views,
)
from tests.web.conftest import TODAY, Browser, World

POST_FORM = re.compile(r'<form[^>]*method="post"[^>]*action="([^"]+)"')
ACTIVE = ("open", "in_progress", "blocked")


def _due(view: AreaView) -> date | None:
    return date.fromisoformat(view.due_date) if view.due_date else None


# Each filter of /areas, and which areas the rules say it keeps.
FILTERS: dict[str, Callable[[AreaView, World], bool]] = {
    "status=blocked": lambda v, w: v.status == "blocked",
    "status=active": lambda v, w: v.status in ACTIVE,
    "rag=red": lambda v, w: v.rag == "red",
    "rag=amber": lambda v, w: v.rag == "amber",
    "rag=green": lambda v, w: v.rag == "green",
    "priority=high": lambda v, w: v.priority == "high",
    "carried_over=yes": lambda v, w: v.carry_count > 0,
    "carried_over=no": lambda v, w: v.carry_count == 0,
    "due_after=2026-04-01": lambda v, w: (_due(v) or date.min) >= date(2026, 4, 1),
    "due_before=2026-04-01": lambda v, w: (_due(v) or date.max) <= date(2026, 4, 1),
    "due_after=2026-03-01&due_before=2026-03-31": lambda v, w: (
        date(2026, 3, 1) <= (_due(v) or date.min) <= date(2026, 3, 31)
    ),
    "overdue=yes": lambda v, w: v.overdue,
    "unassigned=yes": lambda v, w: v.owner is None and v.status in ACTIVE,
    "no_due_date=yes": lambda v, w: v.due_date is None,
    "lead=PRIYA": lambda v, w: v.owner == w.people["lead"].email,
    "lead=nobody@example.org": lambda v, w: False,
    "inspection=FIRST": lambda v, w: v.inspection_id == w.areas[0].inspection_id,
    "status=active&rag=red&lead=PRIYA": lambda v, w: (
        v.status in ACTIVE and v.rag == "red" and v.owner == w.people["lead"].email
    ),
}


@pytest.mark.parametrize("query", list(FILTERS))
def test_each_filter_lists_exactly_the_areas_the_rules_pick(
    browser: Callable[..., Browser], world: World, query: str
) -> None:
    add_varied_areas(world)
    wanted = FILTERS[query]
    expected = {v.id for v in views(world) if wanted(v, world)}
    asked = query.replace("PRIYA", world.people["lead"].email.upper()).replace(
        "FIRST", str(world.areas[0].inspection_id)
    )
    assert set(all_ids(browser("manager"), f"/areas?{asked}")) == expected
    assert expected or query == "lead=nobody@example.org"


def test_the_presets_follow_the_reminder_rules_and_pending_requests(
    browser: Callable[..., Browser], world: World
) -> None:
    add_varied_areas(world)
    why = reasons(world)
    manager = browser("manager")
    soon = {a for a, r in why.items() if r & {Reason.DUE_SOON, Reason.DUE_TODAY}}
    assert set(all_ids(manager, "/areas?due_soon=yes")) == soon and soon
    late = {a for a, r in why.items() if Reason.OVERDUE in r}
    assert set(all_ids(manager, "/areas?overdue=yes")) == late and late
    active = {v.id for v in views(world) if v.status in ACTIVE}
    waiting = pending_areas(world) & active
    assert set(all_ids(manager, "/areas?awaiting_decision=yes")) == waiting and waiting


def test_search_finds_every_word_in_any_case_or_an_area_by_id(
    browser: Callable[..., Browser], world: World
) -> None:
    manager = browser("manager")
    first, other = world.areas[0], world.other_area
    assert ids_on(manager.get("/areas?q=HEALTH+colleagues").text) == [first.id]
    assert ids_on(manager.get("/areas?q=health+teams").text) == []
    assert ids_on(manager.get(f"/areas?q={first.id}").text) == [first.id]
    assert ids_on(manager.get(f"/areas?q=%23{first.id}").text) == [first.id]
    # Digits also match words: "72" is area 72 if there were one, and "72 hours" here.
    assert ids_on(manager.get("/areas?q=72").text) == [other.id]
    assert ids_on(manager.get("/areas?q=100%25").text) == []
    assert ids_on(manager.get(f"/areas?q={world.elsewhere_area.id}").text) == []


SORTS = ["due", "title", "lead", "status", "rag", "id"]


@pytest.mark.parametrize("sort", SORTS)
def test_every_column_sorts_both_ways(
    browser: Callable[..., Browser], world: World, sort: str
) -> None:
    add_varied_areas(world)
    manager = browser("manager")
    ascending = all_ids(manager, f"/areas?sort={sort}&dir=asc")
    descending = all_ids(manager, f"/areas?sort={sort}&dir=desc")
    assert descending == ascending[::-1]
    listed = {v.id: v for v in views(world)}
    key = {
        "due": lambda v: (v.due_date is None, v.due_date or "", v.id),
        "title": lambda v: (v.title.lower(), v.due_date is None, v.due_date or "", v.id),
        "status": lambda v: (
            ["open", "in_progress", "blocked", "completed", "closed"].index(v.status),
            v.due_date is None,
            v.due_date or "",
            v.id,
        ),
        "rag": lambda v: (
            ["red", "amber", "green"].index(v.rag),
            v.due_date is None,
            v.due_date or "",
            v.id,
        ),
        "lead": lambda v: (
            v.owner_name is None,
            (v.owner_name or "").lower(),
            v.due_date is None,
            v.due_date or "",
            v.id,
        ),
        "id": lambda v: (v.id,),
    }[sort]
    assert ascending == sorted(listed, key=lambda i: key(listed[i]))  # type: ignore[no-untyped-call]


def test_the_headings_link_to_their_sort_and_say_which_is_sorted(
    browser: Callable[..., Browser],
) -> None:
    page = browser("manager").get("/areas?sort=title&dir=asc").text
    sorted_by = re.findall(
        r'<th scope="col" class="govuk-table__header" aria-sort="(\w+)">'
        r'<a class="govuk-link" href="([^"]+)">([^<]+)',
        page,
    )
    assert len(sorted_by) == 1
    order, href, text = sorted_by[0]
    assert (order, text) == ("ascending", "Development area")
    assert "sort=title&amp;dir=desc" in href
    assert 'href="/areas?authority=1&amp;sort=due&amp;dir=asc#results">Due<' in page
    flipped = browser("manager").get("/areas?sort=title&dir=desc").text
    assert 'aria-sort="descending"' in flipped and 'aria-sort="ascending"' not in flipped


def test_a_page_past_the_end_shows_the_last_page(
    browser: Callable[..., Browser], world: World
) -> None:
    lead = browser("lead").get("/my-areas?page=999").text
    assert "Showing 1 to 3 of 3." in lead
    add_varied_areas(world, count=36)  # 40 areas: two pages
    manager = browser("manager")
    beyond = manager.get("/areas?page=999").text
    assert showing(beyond) == (26, 40, 40)
    assert "Page 2 of 2" in beyond and len(ids_on(beyond)) == 15
    assert ids_on(beyond) == ids_on(manager.get("/areas?page=2").text)
    none = manager.get("/areas?q=nothing+like+this&page=999").text
    assert total_of(none) == 0 and "No development areas match these filters." in none
    assert "Showing" not in none


def test_pages_read_correctly_whatever_number_was_asked_for() -> None:
    assert within(999, 40) == 2 and within(0, 40) == 1 and within(5, 0) == 1
    empty = Page[int]([], 999, 25, 3)
    assert (empty.first, empty.last, empty.pages) == (0, 0, 1)
    assert (Page([1, 2, 3], 1, 25, 3).first, Page([1, 2, 3], 1, 25, 3).last) == (1, 3)


QUERIES = ["status=active&sort=title&dir=desc", "sort=lead&dir=asc&carried_over=no", "rag=amber"]


@pytest.mark.parametrize("query", QUERIES)
def test_csv_and_excel_hold_every_page_of_the_list_in_its_order(
    browser: Callable[..., Browser], world: World, query: str
) -> None:
    add_varied_areas(world, count=40)
    manager = browser("manager")
    shown = all_ids(manager, f"/areas?{query}")
    as_csv = manager.get(f"/areas?{query}&format=csv")
    assert as_csv.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(as_csv.text)))
    assert rows[0] == CSV_COLUMNS
    assert [int(r[0]) for r in rows[1:]] == shown
    as_xlsx = manager.get(f"/areas?{query}&format=xlsx")
    assert (
        'filename="development-areas-eastmere-borough-council-2026-03-02.xlsx"'
        in (as_xlsx.headers["content-disposition"])
    )
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == CSV_COLUMNS
    assert [row[0] for row in values[1:]] == shown
    assert [row[1] for row in values[1:]] == [r[1] for r in rows[1:]]


def test_downloads_never_hold_a_live_formula(browser: Callable[..., Browser], world: World) -> None:
    with world.session() as s:
        from domain.areas.models import DevelopmentArea

        area = s.get(DevelopmentArea, world.areas[0].id)
        assert area is not None
        area.title = '=HYPERLINK("http://x","click")'
        s.add(area)
        s.commit()
    manager = browser("manager")
    rows = list(csv.reader(io.StringIO(manager.get("/areas?q=HYPERLINK&format=csv").text)))
    assert rows[1][1] == '\'=HYPERLINK("http://x","click")'
    book = load_workbook(io.BytesIO(manager.get("/areas?q=HYPERLINK&format=xlsx").content))
    cell = book.active["B2"]  # type: ignore[index]
    assert cell.data_type == "s" and cell.value == '\'=HYPERLINK("http://x","click")'


def test_an_unknown_format_or_a_bad_filter_is_named(browser: Callable[..., Browser]) -> None:
    manager = browser("manager")
    assert manager.get("/areas?format=pdf").status_code == 422
    bad = manager.get("/areas?due_before=31/2/2026&status=finished&overdue=maybe")
    assert bad.status_code == 422
    assert '<a href="#due_before">Due on or before &#39;31/2/2026&#39; is not a date' in bad.text
    assert "use one of: active, open, in_progress" in bad.text
    assert '<a href="#overdue">Overdue &#39;maybe&#39; is not valid; use yes or no' in bad.text
    assert 'id="results"' not in bad.text
    assert manager.get("/areas?due_before=31/3/2026&format=csv").status_code == 200


def test_a_manager_sees_the_areas_of_everyone_they_manage(
    browser: Callable[..., Browser], world: World
) -> None:
    priya = {a.id for a in world.areas}
    manager = browser("manager").get("/my-areas").text
    assert {int(n) for n in re.findall(r'href="/areas/(\d+)"', manager)} == priya
    assert "those led by the people you manage" in manager
    assert '<th scope="col" class="govuk-table__header">Lead</th>' in manager
    director = browser("director").get("/my-areas").text
    everyone = priya | {world.other_area.id}
    assert {int(n) for n in re.findall(r'href="/areas/(\d+)"', director)} == everyone
    lead = browser("lead").get("/my-areas").text
    assert {int(n) for n in re.findall(r'href="/areas/(\d+)"', lead)} == priya
    assert "those led by the people you manage" not in lead
    tom = browser("other_lead").get("/my-areas").text
    assert {int(n) for n in re.findall(r'href="/areas/(\d+)"', tom)} == {world.other_area.id}
    download = browser("manager").get("/areas.csv?owner=me&show=open").text
    assert {int(r["id"]) for r in csv.DictReader(io.StringIO(download))} == priya


def test_a_lead_cannot_list_another_authoritys_areas(
    browser: Callable[..., Browser], world: World
) -> None:
    lead = browser("lead")
    elsewhere = world.elsewhere_area.authority_id
    assert lead.get(f"/areas?authority={elsewhere}").status_code == 403
    assert lead.get(f"/areas?authority={elsewhere}&format=csv").status_code == 403
    assert lead.get("/areas?authority=Westmere+Council").status_code == 403
    own = all_ids(lead, "/areas")
    assert set(own) == {a.id for a in world.areas} | {world.other_area.id}
    outsider = browser("outsider")
    assert all_ids(outsider, "/areas") == [world.elsewhere_area.id]
    assert outsider.get(f"/areas?authority={world.areas[0].authority_id}").status_code == 403


def test_an_inspector_reads_the_list_and_finds_nothing_to_write(
    browser: Callable[..., Browser], world: World
) -> None:
    inspector = browser("inspector")
    page = inspector.get("/areas?sort=rag")
    assert page.status_code == 200
    assert POST_FORM.findall(page.text) == ["/sign-out"]
    assert len(all_ids(inspector, "/areas")) == 4
    assert inspector.get(f"/areas?authority={world.elsewhere_area.authority_id}").status_code == 403


def test_someone_who_reads_several_authorities_switches_between_them(
    browser: Callable[..., Browser], world: World
) -> None:
    admin = browser("admin")
    eastmere, westmere = world.areas[0].authority_id, world.elsewhere_area.authority_id
    first = admin.get("/areas").text
    assert 'id="authority-switcher"' in first
    assert f'<option value="{westmere}">Westmere Council</option>' in first
    assert f'<option value="{eastmere}" selected>Eastmere Borough Council</option>' in first
    chosen = admin.get(f"/areas?authority={westmere}&sort=title").text
    assert ids_on(chosen) == [world.elsewhere_area.id]
    assert f'name="authority" value="{westmere}"' in chosen
    hrefs = re.findall(r'href="(/areas\?[^"]*)"', chosen)
    assert hrefs and all(f"authority={westmere}" in h for h in hrefs)
    board = admin.get(f"/dashboard?authority={westmere}").text
    assert 'id="authority-switcher"' in board
    listed = re.findall(r'href="(/areas\?[^"]*)"', board)
    assert listed and all(
        f"authority={westmere}&amp;" in h or h.endswith(f"={westmere}") for h in listed
    )
    assert 'id="authority-switcher"' not in browser("manager").get("/areas").text
    assert 'id="authority-switcher"' not in browser("lead").get("/areas").text


def test_an_inspector_with_two_grants_switches_between_them(
    browser: Callable[..., Browser], world: World
) -> None:
    with world.session() as s:
        grant_inspector_access(
            s,
            email=world.people["inspector"].email,
            authority="Westmere Council",
            until=date(2026, 4, 30),
            today=TODAY,
            now=NOW,
            by=SYSTEM,
        )
    inspector = browser("inspector")
    westmere = world.elsewhere_area.authority_id
    page = inspector.get("/areas").text
    assert 'id="authority-switcher"' in page and "Westmere Council</option>" in page
    assert ids_on(inspector.get(f"/areas?authority={westmere}").text) == [world.elsewhere_area.id]
    assert browser("lead").get(f"/areas?authority={westmere}").status_code == 403
