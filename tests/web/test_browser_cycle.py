"""The whole inspection cycle in headless Chromium, with no terminal: an administrator imports
the seed letter and a later one, corrects a finding and gives leads; a manager decides the
carry-over; an inspector reads what was carried over, truthfully, then and now."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.importers.shared_data import SEEDS, require
from tests.web.conftest import World
from tests.web.southwark import LATER, SOUTHWARK, southwark
from tests.web.test_browser import Visit, live_app, page  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


def _banner(tab: Any) -> str:
    text: str = tab.locator(".govuk-notification-banner").inner_text()
    return text


def _import_both(tab: Any, visit: Visit, seed: str) -> None:
    tab.goto("/inspections")
    tab.get_by_role("button", name="Import letters and reports").click()
    visit.check("upload")
    tab.get_by_label("Letters or reports").set_input_files([seed, LATER])
    tab.get_by_role("button", name="Read the documents").click()
    results = tab.locator("#upload-results li")
    results.nth(1).get_by_role("link", name="Check and record").wait_for()
    assert "Read" in results.nth(0).inner_text() and "2 finding" not in results.nth(0).inner_text()
    visit.check("read")


def _record_seed_with_a_correction(tab: Any, visit: Visit) -> None:
    tab.locator("#upload-results li").nth(0).get_by_role("link", name="Check and record").click()
    assert (
        tab.get_by_label("Authority", exact=True).input_value() != ""
    )  # the authority it names, found
    first = tab.get_by_label("Text").nth(1)
    assert "colocated" in first.input_value()
    first.fill(first.input_value().replace("colocated", "co-located"))
    visit.check("check-seed")
    tab.get_by_role("button", name="Record this inspection").click()
    assert "recorded with 2 development area(s)" in _banner(tab)


def _give_leads(tab: Any, visit: Visit, leads: list[str]) -> None:
    """Tick every area and give them all the first lead, then move the last to the second."""
    visit.check("assign")
    boxes = tab.locator("input[name^='pick-']")
    for n in range(boxes.count()):
        boxes.nth(n).check()
    tab.get_by_label("Lead for every selected area").select_option(label=leads[0])
    tab.get_by_role("button", name="Give the selected areas this lead").click()
    assert f"Leads given to {boxes.count()} development area(s)" in _banner(tab)
    tab.locator("select[name^='lead-']").last.select_option(label=leads[1])
    tab.get_by_role("button", name="Save leads and due dates").click()
    assert "Leads given to 1 development area(s)" in _banner(tab)
    visit.check("assigned")


def _decide_carry_over(tab: Any, visit: Visit, inspection_path: str) -> None:
    tab.goto(inspection_path)
    tab.get_by_role("link", name="Carry-over from earlier inspections").click()
    cards = tab.locator(".app-suggestion")
    assert cards.count() == 2
    assert tab.locator(".app-suggestion mark").count() >= 4  # matched words marked
    visit.check("carryover")
    caf = cards.filter(has_text="common assessment framework")
    caf.get_by_role("button", name=re.compile("^Confirm")).click()
    assert "carries over" in _banner(tab).lower()
    conference = tab.locator(".app-suggestion").filter(has_text="conferences")
    conference.get_by_role("button", name=re.compile("^Reject")).click()
    assert "rejected" in _banner(tab).lower()
    visit.check("decided-links")
    earlier = tab.locator(".app-unrepeated").filter(has_text="child protection enquiries")
    statement = earlier.get_by_label("Statement that it was addressed")
    assert statement.input_value().startswith("One of the two areas for development")
    earlier.get_by_role("button", name=re.compile("^Addressed")).click()
    assert "addressed" in _banner(tab).lower()
    assert tab.locator(".app-decisions tbody tr").count() == 3
    visit.check("decided-all")


def test_the_whole_cycle_runs_in_the_browser(page: Any, world: World) -> None:  # noqa: F811
    seed = str(require(SEEDS / "000_ffb570a0307ed4b4.txt"))
    emails = southwark(world)
    page.set_default_timeout(10_000)

    admin = Visit(page, "cycle-admin")
    admin.sign_in(world.people["admin"].email)
    _import_both(page, admin, seed)
    _record_seed_with_a_correction(page, admin)
    _give_leads(page, admin, ["Lena Lead (Lead)", "Leo Lead (Lead)"])
    page.goto("/imports")
    page.get_by_role("link", name=re.compile("^Check and record")).click()
    page.get_by_role("button", name="Record this inspection").click()
    assert "recorded with 3 development area(s)" in _banner(page)
    later_path = page.url.rsplit("/assign", 1)[0].replace(page.url.split("/inspections")[0], "")
    _give_leads(page, admin, ["Leo Lead (Lead)", "Lena Lead (Lead)"])

    page.context.clear_cookies()
    manager = Visit(page, "cycle-manager")
    manager.sign_in(emails["manager"])
    _decide_carry_over(page, manager, later_path)

    page.context.clear_cookies()
    inspector = Visit(page, "cycle-inspector")
    inspector.sign_in(world.people["inspector"].email)
    page.goto("/inspector")
    if page.get_by_role("link", name=SOUTHWARK).count():
        page.get_by_role("link", name=SOUTHWARK).first.click()
    inspector.check("inspector")
    then_and_now = page.locator(".app-then-and-now")
    assert then_and_now.locator("tbody tr").count() >= 1
    body = page.locator("main").inner_text()
    assert "Signed off" not in body and "signed off" not in body
    page.get_by_role("link", name=re.compile("^Carried over to area")).first.click()
    inspector.check("later-area")
    assert "Carried over from area" in page.locator("main").inner_text()
    page.get_by_role("link", name=re.compile("^Carried over from area")).first.click()
    earlier_text = page.locator("main").inner_text()
    assert re.search(r"Carried over to area \d+ \(inspection of 7 February 2012\)", earlier_text)
    assert "Green" not in earlier_text
    inspector.check("earlier-area")
