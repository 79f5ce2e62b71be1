"""Helpers for the tests of /areas and the dashboard's links: more varied areas in the web
world, and reading a list's rows, count and every page back from its HTML."""

from __future__ import annotations

import html
import random
import re
from datetime import date, timedelta

from sqlmodel import select

from domain.accounts.models import Authority
from domain.areas.facts import facts_of, next_window_start
from domain.areas.models import DevelopmentArea, DueDateChange
from domain.areas.queries import list_areas
from domain.areas.views import AreaView
from domain.reminders.classification import Reason, classify
from domain.reminders.policies import policy_as_read
from domain.vocabulary import ChangeState, Priority, Rag, Status
from tests import factories
from tests.factories import NOW
from tests.web.conftest import TODAY, Browser, World

WORDS = ["supervision", "audit", "health", "housing", "education", "placement"]
_ROW_ID = re.compile(r'<tr class="govuk-table__row">\s*<td class="govuk-table__cell">(\d+)</td>')
_TOTAL = re.compile(r'id="results">(\d+) development area')
_SHOWING = re.compile(r'id="showing">Showing (\d+) to (\d+) of (\d+)\.')


def add_varied_areas(world: World, count: int = 36, seed: int = 5) -> list[int]:
    """`count` more areas in the world's authority, of every status, due date, lead, priority
    and carry-over, with a revised due date pending on a few; their ids."""
    rnd = random.Random(seed)
    with world.session() as s:
        where = s.get(Authority, world.areas[0].authority_id)
        assert where is not None
        texts = [f"Varied area {n}: {rnd.choice(WORDS)} work" for n in range(count)]
        made = factories.inspection_with_areas(
            s, where, texts, start=date(2025, 1, 6), end=date(2025, 1, 7)
        )
        leads = [world.people["lead"].id, world.people["other_lead"].id, None]
        for n, area in enumerate(made):
            area.status = rnd.choice(list(Status))
            area.due_date = rnd.choice([None, TODAY + timedelta(days=rnd.randint(-90, 400))])
            area.owner_id = rnd.choice(leads)
            area.priority = rnd.choice(list(Priority))
            area.carry_count = rnd.choice([0, 0, 1, 2])
            area.rag_override = rnd.choice([None, None, None, *Rag])
            area.rag_override_reason = "set by hand" if area.rag_override else None
            s.add(area)
            if n % 7 == 0 and area.status.is_active:
                s.add(_pending(area))
        s.commit()
        return [a.id or 0 for a in made]


def _pending(area: DevelopmentArea) -> DueDateChange:
    return DueDateChange(
        area_id=area.id or 0,
        from_date=area.due_date,
        to_date=TODAY + timedelta(days=60),
        reason="More time",
        requested_at=NOW,
        state=ChangeState.PENDING,
    )


def views(world: World) -> list[AreaView]:
    """Every area of the world's authority as the rules see it today."""
    with world.session() as s:
        return list_areas(s, today=TODAY, authority_id=world.areas[0].authority_id)


def reasons(world: World) -> dict[int, frozenset[Reason]]:
    """Each area of the world's authority with the reasons the rules give it today."""
    with world.session() as s:
        authority_id = world.areas[0].authority_id
        policy, window = policy_as_read(s, authority_id), next_window_start(s, authority_id)
        areas = s.exec(select(DevelopmentArea).where(DevelopmentArea.authority_id == authority_id))
        return {
            area.id or 0: classify(facts_of(s, area, window_start=window), TODAY, policy).reasons
            for area in areas
        }


def pending_areas(world: World) -> set[int]:
    with world.session() as s:
        query = select(DueDateChange.area_id).where(DueDateChange.state == ChangeState.PENDING)
        return set(s.exec(query))


def ids_on(page: str) -> list[int]:
    """The ids of the areas listed on one page of /areas, in order."""
    return [int(n) for n in _ROW_ID.findall(page)]


def total_of(page: str) -> int:
    """How many areas the /areas page says match."""
    found = _TOTAL.search(page)
    assert found, "no count of areas on the page"
    return int(found.group(1))


def showing(page: str) -> tuple[int, int, int] | None:
    found = _SHOWING.search(page)
    return (int(found[1]), int(found[2]), int(found[3])) if found else None


def all_ids(client: Browser, url: str) -> list[int]:
    """The ids of every page of the list at `url`, in order."""
    joiner = "&" if "?" in url else "?"
    first = client.get(url)
    assert first.status_code == 200, (url, first.text[:300])
    total, found, number = total_of(first.text), ids_on(first.text), 1
    while len(found) < total:
        number += 1
        found += ids_on(client.get(f"{url}{joiner}page={number}").text)
    assert len(found) == total == len(set(found))
    return found


def links(page: str, pattern: str) -> list[tuple[str, str]]:
    """(href, inner text) of the links whose markup matches `pattern`, unescaped."""
    return [(html.unescape(h), t) for h, t in re.findall(pattern, page, flags=re.S)]
