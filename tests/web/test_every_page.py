"""Every page, as every role that may see it, at 1280 and 375 pixels wide, in headless Chromium.

Each page is opened as each role: one the role may see answers 200, holds nothing that scrolls
the page sideways, and has no serious or critical violation by axe-core (injected before the
page's own scripts, so the page's content security policy stays as it is); one it may not see
answers 403. Every page is photographed into var/screenshots/ as PAGE-ROLE-WIDTH.png. One
browser serves the module and one signed-in tab each role, so the whole tour takes a minute.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from sqlmodel import select

from domain.accounts import people
from domain.areas import due_dates, progress
from domain.areas.models import DevelopmentArea
from domain.inspections import pending
from domain.inspections.models import Inspection
from domain.inspections.rules import short_title
from domain.reminders.report_store import keep_report
from domain.vocabulary import Rag, Role, Status
from importers import read_bytes
from infra.clock import Clock
from infra.db import make_engine
from infra.runtime import build_runtime
from infra.settings import Settings
from tests.factories import NOW
from tests.web.conftest import PASSWORD, World
from tests.web.import_letters import letter
from tests.web.loopback import on_loopback
from tests.web.test_browser import ARGS, CHROMIUM, SCREENSHOTS, _chromium
from web import assets
from web.app import create_app
from web.menu import MENU, menu_for
from web.templating import SERVICE_OWNER

pytestmark = pytest.mark.browser

ROLES = ("lead", "manager", "director", "admin", "inspector")
WIDTHS = (1280, 375)
IMPORTERS = ("manager", "director", "admin")
STAFF = frozenset({"manager", "director", "admin"})
EVERYONE = frozenset(ROLES)
# A long unbroken address in an area's history: it must wrap, not widen the page.
LONG_LINK = "https://intranet.eastmere.example/children/audits/" + "supervision-" * 12 + "final"
# A finding whose first sentence is longer than a short title: lists cut it, headings do not.
LONG_FINDING = (
    "Return home interviews are not always offered within 72 hours of a child coming home, "
    "and the learning from them is not used to plan the help that each child needs next."
)
SERIOUS = ("serious", "critical")
ASK_ADMIN = re.compile(r"ask (your|an) administrator", re.IGNORECASE)
AXE_RUN = """async (serious) => {
  const found = await axe.run(document, {resultTypes: ["violations"]});
  return found.violations.filter(v => serious.includes(v.impact)).map(v => {
    const where = v.nodes.slice(0, 4).map(n => n.target.join(" ")).join(", ");
    return `${v.impact} ${v.id}: ${v.help} at ${where}`;
  });
}"""
SIDEWAYS = "document.documentElement.scrollWidth - window.innerWidth"
# One look: the typeface everywhere, dates and times as GOV.UK writes them, headings whole,
# tags apart, and the same words at the top of every page.
LOOK = r"""() => {
  const found = [];
  const shown = el => el.getClientRects().length > 0;
  for (const el of document.querySelectorAll("body *")) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const face = getComputedStyle(el).fontFamily.toLowerCase();
    if (own && shown(el) && !face.includes("arial") && !face.includes("monospace"))
      found.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}" in ${face}`);
  }
  const main = document.querySelector("main");
  if (!main) found.push("no main landmark");
  const words = main ? main.innerText : "";
  for (const odd of words.match(/\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}(?![ap]m|\d)/g) || [])
    found.push(`"${odd}" is not written as GOV.UK writes dates and times`);
  for (const h of document.querySelectorAll("h1, h2, h3, h4, h5, h6"))
    if (h.textContent.includes("…")) found.push(`heading cut short: "${h.textContent.trim()}"`);
  const tags = [...document.querySelectorAll(".govuk-tag")].filter(shown);
  for (const a of tags) for (const b of tags) {
    if (a === b || a.parentElement !== b.parentElement) continue;
    const p = a.getBoundingClientRect(), q = b.getBoundingClientRect();
    const across = Math.max(q.left - p.right, p.left - q.right);
    const down = Math.max(q.top - p.bottom, p.top - q.bottom);
    if (across < 2 && down < 2) found.push(`tags touch: "${a.textContent}" and "${b.textContent}"`);
  }
  const header = document.querySelector(".govuk-generic-header__homepage-link");
  found.push(`header: ${header ? header.textContent.trim() : "none"}`);
  return found;
}"""
# The outermost elements reaching past the right edge (none inside a scrolling region).
WIDE = r"""() => {
  const edge = window.innerWidth + 1, found = [];
  const clipped = el => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement)
      if (["auto", "scroll", "hidden"].includes(getComputedStyle(up).overflowX)) return true;
    return false;
  };
  for (const el of document.querySelectorAll("body *")) {
    const parent = el.parentElement;
    if (el.getBoundingClientRect().right <= edge || clipped(el)) continue;
    if (parent && parent !== document.body && parent.getBoundingClientRect().right > edge) continue;
    const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
      [...el.classList].map(c => "." + c).join("");
    found.push(`${name} "${el.textContent.replace(/\s+/g, " ").trim().slice(0, 40)}"`);
  }
  return found.slice(0, 4);
}"""


@dataclass(frozen=True)
class Ids:
    """The records the pages are opened on."""

    area: int
    other_area: int
    completed_area: int
    inspection: int
    authority: int
    person: int
    imports: dict[str, int]  # the upload each importer holds (uploads are their own)
    report: int  # a readiness report kept by the weekly flow

    def values(self, role: str) -> dict[str, int]:
        """What fills in each route's {names}, for `role`."""
        return {
            "area_id": self.area,
            "inspection_id": self.inspection,
            "authority_id": self.authority,
            "person_id": self.person,
            "import_id": self.imports.get(role, 1),
            "report_id": self.report,
        }


@dataclass(frozen=True)
class Shown:
    """A page: its name in screenshots, its route, who may open it, and how it answers them;
    `area` opens an area route on another area than the first."""

    name: str
    route: str
    roles: frozenset[str]
    status: int = 200
    area: str = "area"

    def address(self, ids: Ids, role: str) -> str:
        values = ids.values(role)
        values["area_id"] = getattr(ids, self.area)
        return self.route.format(**values)


def menu_roles(href: str) -> frozenset[str]:
    """The roles whose menu holds `href`: exactly those that may open it."""
    item = next(item for item in MENU if item.href == href)
    return frozenset(role for role in ROLES if Role(role) in item.roles)


ADMINS = frozenset({"admin"})
PAGES = (
    *(Shown(i.href.strip("/").replace("/", "-"), i.href, menu_roles(i.href)) for i in MENU),
    Shown("areas", "/areas", EVERYONE),  # the whole list, where the app has it
    Shown("area", "/areas/{area_id}", EVERYONE),
    Shown("area-other-lead", "/areas/{area_id}", EVERYONE, area="other_area"),
    Shown("area-completed", "/areas/{area_id}", EVERYONE, area="completed_area"),
    Shown("sign-off", "/areas/{area_id}/sign-off", STAFF, area="completed_area"),
    Shown("inspection", "/inspections/{inspection_id}", EVERYONE),
    Shown("carry-over", "/inspections/{inspection_id}/carryover", EVERYONE),
    Shown("assign-leads", "/inspections/{inspection_id}/assign", STAFF),
    Shown("review-pack", "/authorities/{authority_id}/pack", EVERYONE),
    Shown("admin-person", "/admin/people/{person_id}", ADMINS),
    Shown("admin-person-new", "/admin/people/new", ADMINS),
    Shown("admin-authority", "/admin/authorities/{authority_id}", ADMINS),
    Shown("admin-policy", "/admin/authorities/{authority_id}/policy", ADMINS),
    Shown("import-upload", "/imports/new", STAFF),
    Shown("import-list", "/imports", STAFF),
    Shown("import-check", "/imports/{import_id}", STAFF),
    Shown("readiness-report", "/reports/{report_id}", frozenset({"director", "admin"})),
    Shown("not-found", "/no-such-page", EVERYONE, 404),
)
# Addresses that are not pages (files, feeds, redirects) or that need a form to reach.
NOT_PAGES = {
    "/",
    "/sign-in",  # toured signed out, below
    "/areas.csv",
    "/plan.{fmt}",  # added by the /areas work (issue 12): the plan as CSV or Excel, a download
    "/calendar/{secret}.ics",
    "/evidence/{evidence_id}",
    "/authorities/{authority_id}/pack.{kind}",
    "/admin/authorities/{authority_id}/merge",  # opened from the authority page's form
}


def _more_to_show(world: World) -> dict[str, int]:
    """A history with a long link, a request waiting, an area awaiting sign-off, an area
    whose short title is cut, and an upload held by each importer; returns the uploads' ids
    by role."""
    with world.session() as s:
        cut = s.get(DevelopmentArea, world.other_area.id)
        assert cut is not None
        cut.text = LONG_FINDING
        cut.title = short_title(LONG_FINDING)
        s.add(cut)
        s.commit()
        lead = people.actor_for(s, people.get_person(s, world.people["lead"].email))
        first, second, third = (a.id or 0 for a in world.areas)
        progress.record_progress(
            s, area_id=first, by=lead, now=NOW, note="Health now attends.", evidence=[LONG_LINK]
        )
        progress.record_progress(
            s,
            area_id=second,
            by=lead,
            now=NOW,
            note="Plans rewritten.",
            rag=Rag.GREEN,
            rag_reason="Every plan audited",
        )
        due_dates.change_due_date(
            s,
            area_id=second,
            to=NOW.date().replace(month=5),
            reason="Partners need May.",
            by=lead,
            now=NOW,
        )
        progress.record_progress(s, area_id=third, by=lead, now=NOW, status=Status.COMPLETED)
        held = {}
        for day, role in enumerate(IMPORTERS, start=12):
            actor = people.actor_for(s, people.get_person(s, world.people[role].email))
            document = read_bytes(letter(day=day), source=f"letter-{role}.txt")
            held[role] = pending.hold_document(s, document, by=actor, now=NOW).pending.id or 0
        return held


def _kept_report(world: World) -> int:
    """A readiness report as the weekly flow keeps it, with a line too long for a phone."""
    with world.session() as s:
        kept = keep_report(
            s,
            authority_id=world.areas[0].authority_id,
            run_date=NOW.date(),
            window_opens=NOW.date().replace(month=5),
            subject="Readiness for inspection: Eastmere Borough Council",
            text=f"# Readiness for inspection\n\n- {LONG_LINK}\n- 3 areas open, 1 overdue\n",
            now=NOW,
        )
        return kept.id or 0


@pytest.fixture(scope="module")
def tour(
    world_template: tuple[Path, World], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[World, Ids]]:
    """The web tests' world, with more to show, for the whole module."""
    template, built = world_template
    folder = tmp_path_factory.mktemp("every-page")
    shutil.copyfile(template, folder / "web.db")
    engine = make_engine(f"sqlite:///{folder / 'web.db'}")
    world = replace(built, engine=engine)
    held = _more_to_show(world)
    with world.session() as s:
        inspection = s.exec(select(Inspection).order_by(Inspection.id)).first()  # type: ignore[arg-type]
        assert inspection is not None and inspection.id is not None
    ids = Ids(
        area=world.areas[0].id or 0,
        other_area=world.other_area.id or 0,
        completed_area=world.areas[2].id or 0,
        inspection=inspection.id,
        authority=world.areas[0].authority_id,
        person=world.people["lead"].id or 0,
        imports=held,
        report=_kept_report(world),
    )
    yield world, ids
    engine.dispose()


@pytest.fixture(scope="module")
def tour_app(tour: tuple[World, Ids], tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    settings = Settings(var_dir=tmp_path_factory.mktemp("var"), base_url="http://testserver")
    return create_app(build_runtime(settings, engine=tour[0].engine, clock=Clock(now=lambda: NOW)))


@pytest.fixture(scope="module")
def served(tour_app: FastAPI) -> Iterator[str]:
    """The app on a free loopback port for the whole module."""
    assets.ensure_built()
    with on_loopback(tour_app, log_level="warning") as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the module, with axe-core at hand."""
    if not assets.AXE.is_file():
        assets.install_package()
    playwright = _chromium()().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
    yield browser
    browser.close()
    playwright.stop()


def _tab(chromium: Any, served: str, email: str | None) -> Any:
    """A tab of a fresh context with axe-core loaded into every document, signed in as `email`."""
    context = chromium.new_context(base_url=served, viewport={"width": WIDTHS[0], "height": 900})
    context.add_init_script(path=str(assets.AXE))
    tab = context.new_page()
    if email is not None:
        tab.goto("/sign-in")
        tab.get_by_label("Email address").fill(email)
        tab.get_by_label("Password").fill(PASSWORD)
        tab.get_by_role("button", name="Sign in").click()
        tab.wait_for_load_state()
        assert "/sign-in" not in tab.url, f"{email} could not sign in"
    return tab


def looked_at(tab: Any, name: str, role: str, width: int) -> list[str]:
    """What is wrong with the page on screen, photographed as NAME-ROLE-WIDTH.png."""
    tab.wait_for_load_state("load")
    looks = tab.evaluate(LOOK)
    header = looks.pop()
    if header != f"header: {SERVICE_OWNER}":
        looks.append(f"the {header}, not {SERVICE_OWNER}")
    problems = [
        f"{name} as {role} at {width}px: {v}"
        for v in [*tab.evaluate(AXE_RUN, list(SERIOUS)), *looks]
    ]
    if role == "admin" and ASK_ADMIN.search(tab.locator("main").inner_text()):
        problems.append(f"{name} as admin at {width}px tells an administrator to ask one")
    sideways = tab.evaluate(SIDEWAYS)
    if sideways > 0:
        wide = "; ".join(tab.evaluate(WIDE))
        problems.append(f"{name} as {role} at {width}px scrolls {sideways}px sideways: {wide}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}-{role}-{width}.png"), full_page=True)
    return problems


def _tour_as(tab: Any, role: str, ids: Ids, present: set[str]) -> list[str]:
    menu = tab.locator("#navigation a").evaluate_all("links => links.map(a => a.pathname)")
    problems = [f"{role}'s menu: {menu}"] if menu != [i.href for i in menu_for(Role(role))] else []
    forbidden_shown = False
    for shown in (shown for shown in PAGES if shown.route in present or shown.status == 404):
        address = shown.address(ids, role)
        allowed = role in shown.roles
        for width in WIDTHS:
            tab.set_viewport_size({"width": width, "height": 900})
            status = tab.goto(address).status
            expected = shown.status if allowed else 403
            if status != expected:
                problems.append(f"{address} as {role}: {status}, not {expected}")
            if allowed:
                problems += looked_at(tab, shown.name, role, width)
            elif not forbidden_shown:
                problems += looked_at(tab, "forbidden", role, width)
        forbidden_shown = forbidden_shown or not allowed
    return problems


@pytest.mark.parametrize("role", ROLES)
def test_every_page_fits_and_passes_axe_for(
    role: str, tour: tuple[World, Ids], tour_app: FastAPI, served: str, chromium: Any
) -> None:
    world, ids = tour
    tab = _tab(chromium, served, world.people[role].email)
    try:
        problems = _tour_as(tab, role, ids, set(_page_routes(tour_app.routes)))
    finally:
        tab.context.close()
    assert problems == [], "\n".join(problems)


def test_the_sign_in_page_fits_and_passes_axe(served: str, chromium: Any) -> None:
    tab = _tab(chromium, served, None)
    try:
        problems = []
        for width in WIDTHS:
            tab.set_viewport_size({"width": width, "height": 900})
            assert tab.goto("/sign-in").status == 200
            problems += looked_at(tab, "sign-in", "signed-out", width)
    finally:
        tab.context.close()
    assert problems == [], "\n".join(problems)


def _page_routes(routes: list[Any], prefix: str = "") -> Iterator[str]:
    """The paths of the GET routes among `routes`, through any included routers."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from _page_routes(included.routes, prefix + route.include_context.prefix)
        elif isinstance(route, APIRoute) and "GET" in (route.methods or ()):
            yield prefix + route.path


def test_every_page_of_the_app_is_on_the_tour(tour_app: FastAPI) -> None:
    """A new page must join PAGES above (or NOT_PAGES), so it is looked at too."""
    routes = {path for path in _page_routes(tour_app.routes) if not path.startswith("/api")}
    assert len(routes) > 20
    toured = {shown.route for shown in PAGES} | NOT_PAGES
    assert sorted(routes - toured) == []


def test_after_a_form_its_confirmation_is_the_first_thing_in_view(
    tour: tuple[World, Ids], served: str, chromium: Any
) -> None:
    world, ids = tour
    tab = _tab(chromium, served, world.people["lead"].email)
    try:
        for width in WIDTHS:
            tab.set_viewport_size({"width": width, "height": 900})
            tab.goto(f"/areas/{ids.area}#record-progress")
            tab.get_by_label("What has happened since the last update?").fill(f"At {width}px.")
            tab.get_by_role("button", name="Save progress update").click()
            banner = tab.locator(".govuk-notification-banner--success")
            banner.wait_for()
            tab.wait_for_load_state("load")
            box = banner.bounding_box()
            assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 900, box
            assert "#" not in tab.url
    finally:
        tab.context.close()
