"""End to end in headless Chromium: a lead clears an overdue area, a manager decides, an
inspector finds nothing to write with; basic accessibility checks on every page visited."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from domain.accounts import services as accounts
from domain.permissions import SYSTEM
from tests.factories import NOW
from tests.web.conftest import PASSWORD, TODAY, World
from tests.web.loopback import on_loopback
from web import assets

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Labels, headings and the language, as a screen reader would need them.
AUDIT = (Path(__file__).with_name("accessibility_audit.js")).read_text(encoding="utf-8")


def _chromium() -> Any:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing; install Debian's chromium package"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    return sync_playwright


@pytest.fixture
def live_app(app: FastAPI) -> Iterator[str]:
    """The app served on a free loopback port for the length of one test."""
    assets.ensure_built()
    with on_loopback(app, log_level="warning") as url:
        yield url


@pytest.fixture
def page(live_app: str) -> Iterator[Any]:
    with _chromium()() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(base_url=live_app, viewport={"width": 1100, "height": 900})
        yield context.new_page()
        context.close()
        browser.close()


class Visit:
    """Drives one person's pages, auditing and photographing each one it lands on."""

    def __init__(self, page: Any, name: str) -> None:
        self.page, self.name, self.count = page, name, 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def check(self, step: str) -> None:
        # A click that follows a link returns once the next page is on its way, not loaded;
        # auditing then could read a document still being replaced.
        self.page.wait_for_load_state("load")
        assert self.page.evaluate(AUDIT) == [], f"{self.page.url}: accessibility"
        self.count += 1
        path = SCREENSHOTS / f"{self.name}-{self.count:02d}-{step}.png"
        self.page.screenshot(path=str(path), full_page=True)

    def sign_in(self, email: str) -> None:
        self.page.goto("/sign-in")
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_load_state()


def test_a_lead_clears_an_overdue_area_in_the_browser(page: Any, world: World) -> None:
    visit = Visit(page, "lead")
    visit.sign_in(world.people["lead"].email)
    page.get_by_role("link", name="Overdue (1)").click()
    visit.check("overdue")
    overdue = page.get_by_role("link", name=world.areas[0].title)
    overdue.click()
    assert page.locator("h1").inner_text() == world.areas[0].title
    visit.check("area")
    page.get_by_label("What has happened since the last update?").fill("Health now attends.")
    page.get_by_label("Completed").check()
    page.get_by_role("button", name="Save progress update").click()
    assert "Progress recorded" in page.locator(".govuk-notification-banner").inner_text()
    assert "Health now attends." in page.locator("#history ~ .app-timeline").inner_text()
    visit.check("recorded")
    page.get_by_role("link", name="My development areas").click()
    page.get_by_role("link", name="Overdue (0)").click()
    assert page.locator("#no-areas").inner_text() == "None of your development areas is overdue."
    visit.check("none-overdue")


def test_an_invalid_form_focuses_the_error_summary(page: Any, world: World) -> None:
    visit = Visit(page, "errors")
    visit.sign_in(world.people["lead"].email)
    page.goto(f"/areas/{world.areas[1].id}")
    page.get_by_role("button", name="Send request").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert page.title().startswith("Error: ")
    links = summary.get_by_role("link").all_inner_texts()
    assert links == ["Enter the new due date", "Enter why the due date needs to change"]
    summary.get_by_role("link", name="Enter why the due date needs to change").click()
    assert page.evaluate("document.activeElement.id") == "reason"
    visit.check("summary")


def test_a_revised_date_is_asked_for_and_approved_in_the_browser(
    page: Any, world: World, live_app: str
) -> None:
    lead = Visit(page, "revised-date")
    lead.sign_in(world.people["lead"].email)
    page.goto(f"/areas/{world.areas[1].id}")
    page.get_by_label("Day").first.fill("30")
    page.get_by_label("Month").first.fill("4")
    page.get_by_label("Year").first.fill("2026")
    page.get_by_label("Why does the due date need to change?").fill("Partners need April.")
    page.get_by_role("button", name="Send request").click()
    assert "sent for approval" in page.locator(".govuk-notification-banner").inner_text()
    lead.check("asked")
    page.context.clear_cookies()
    manager = Visit(page, "revised-date-manager")
    manager.sign_in(world.people["manager"].email)
    assert page.url.endswith("/dashboard")
    manager.check("dashboard")
    page.get_by_role("button", name=f"Approve new due date for {world.areas[1].title}").click()
    assert "approved" in page.locator(".govuk-notification-banner").inner_text()
    assert "No revised due dates are waiting" in page.content()
    manager.check("approved")


def test_an_inspector_reads_everything_and_finds_no_form_to_write(page: Any, world: World) -> None:
    visit = Visit(page, "inspector")
    visit.sign_in(world.people["inspector"].email)
    assert page.url.endswith("/inspector")
    visit.check("areas")
    for path in ["/inspector", "/plan", *(f"/areas/{a.id}" for a in world.areas)]:
        page.goto(path)
        actions = page.eval_on_selector_all(
            "form", "forms => forms.filter(f => f.method === 'post').map(f => f.action)"
        )
        assert [a.rsplit("/", 1)[-1] for a in actions] == ["sign-out"], path
        assert page.locator("main textarea, main input[type=file]").count() == 0
    page.goto(f"/areas/{world.areas[0].id}")
    visit.check("area")
    page.goto("/inspector")
    page.get_by_role("link", name="Review pack").click()
    assert page.locator("h1").inner_text() == "Review pack: Eastmere Borough Council"
    actions = page.eval_on_selector_all(
        "form", "forms => forms.filter(f => f.method === 'post').map(f => f.action)"
    )
    assert [a.rsplit("/", 1)[-1] for a in actions] == ["sign-out"]
    # The pack's own style sheet applies: the page allows it by its hash.
    border = page.eval_on_selector(
        ".closeout-pack .area", "e => getComputedStyle(e).borderLeftWidth"
    )
    assert border == "6px"
    visit.check("pack")


def test_an_administrator_adds_a_person_and_changes_a_reminder_policy(
    page: Any, world: World
) -> None:
    visit = Visit(page, "admin")
    visit.sign_in(world.people["admin"].email)
    page.get_by_role("link", name="People").click()
    page.get_by_role("button", name="Add a person").click()
    visit.check("add-person")
    page.get_by_label("Full name").fill("Nia Newlead")
    page.get_by_label("Email address").fill("nia.newlead@example.org")
    page.get_by_label("Lead", exact=True).check()
    page.get_by_label("Authority").select_option(label="Eastmere Borough Council")
    page.get_by_label("Line manager").select_option(label="Sam Manager (Eastmere Borough Council)")
    page.get_by_role("button", name="Add person").click()
    assert (
        "Nia Newlead added; set their password below"
        in page.locator(".govuk-notification-banner").inner_text()
    )
    visit.check("person-added")
    page.get_by_role("link", name="Change Nia Newlead").click()
    visit.check("change-person")
    page.get_by_role("link", name="Reminder policies").first.click()
    visit.check("policies")
    page.get_by_role(
        "link", name=re.compile(r"^Eastmere Borough Council\s*: reminder policy")
    ).click()
    page.get_by_label("Working days between chases of an overdue area").fill("often")
    page.get_by_role("button", name="Save policy").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert summary.get_by_role("link").all_inner_texts() == [
        "Working days between chases of an overdue area must be a whole number from 0 to 250, "
        "not 'often'"
    ]
    visit.check("policy-error")
    page.get_by_label("Working days between chases of an overdue area").fill("3")
    page.get_by_role("button", name="Save policy").click()
    assert "Reminder policy saved" in page.locator(".govuk-notification-banner").inner_text()


def test_an_inspector_with_two_authorities_chooses_between_them(page: Any, world: World) -> None:
    with world.session() as s:
        accounts.grant_inspector_access(
            s,
            email=world.people["inspector"].email,
            authority="Westmere Council",
            until=date(2026, 4, 15),
            today=TODAY,
            now=NOW + timedelta(hours=1),
            by=SYSTEM,
        )
    visit = Visit(page, "inspector-choice")
    visit.sign_in(world.people["inspector"].email)
    table = page.get_by_role("table", name="Authorities you can read")
    assert table.get_by_role("row").all_inner_texts()[1:] == [
        "Eastmere Borough Council\t30 April 2026",
        "Westmere Council (shown below)\t15 April 2026",
    ]
    visit.check("westmere")
    table.get_by_role("link", name="Eastmere Borough Council").click()
    assert page.locator(".govuk-caption-l").inner_text() == "Eastmere Borough Council"
    page.get_by_role("link", name="Improvement plan").click()
    assert "Eastmere Borough Council" in page.locator("h1, .govuk-caption-l").all_inner_texts()
    visit.check("eastmere-plan")
