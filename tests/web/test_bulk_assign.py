"""Straight after recording: every new area given its lead and due date from one table."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date

import pytest
from sqlmodel import select

from domain.areas.models import DevelopmentArea, ProgressUpdate
from domain.vocabulary import UpdateKind
from tests.web.carryover_letters import record_later_letter
from tests.web.conftest import Browser, World


def _areas(world: World, inspection_id: int) -> list[DevelopmentArea]:
    with world.session() as s:
        query = select(DevelopmentArea).where(DevelopmentArea.inspection_id == inspection_id)
        return list(s.exec(query.order_by(DevelopmentArea.id)))


def _rows(page: str) -> dict[str, str]:
    """The table's hidden ids and prefilled due dates, as the page sends them back."""
    fields = dict(re.findall(r'name="((?:area|due)-\d+)"[^>]*value="([^"]*)"', page))
    fields["rows"] = re.search(r'name="rows" value="(\d+)"', page).group(1)  # type: ignore[union-attr]
    return fields


def test_the_table_prefills_due_dates_and_saves_each_chosen_lead(
    browser: Callable[..., Browser], world: World
) -> None:
    later = record_later_letter(world)
    manager = browser("manager")
    page = manager.get(f"/inspections/{later.inspection_id}/assign").text
    fields = _rows(page)
    areas = _areas(world, later.inspection_id)
    assert [fields[f"due-{n}"] for n in range(3)] == [a.due_date.isoformat() for a in areas]

    lead, other = world.people["lead"].email, world.people["other_lead"].email
    fields |= {"lead-0": lead, "lead-2": other, "due-2": "2026-09-30", "action": "save"}
    response = manager.submit(f"/inspections/{later.inspection_id}/assign", fields)

    assert response.status_code == 303
    assert "Leads given to 2 development area(s)" in manager.get(response.headers["location"]).text
    first, second, third = _areas(world, later.inspection_id)
    assert (first.owner_id, second.owner_id, third.owner_id) == (
        world.people["lead"].id,
        None,
        world.people["other_lead"].id,
    )
    # The first agreed date is the plan's original date.
    assert third.due_date == third.original_due_date == date(2026, 9, 30)


def test_the_same_lead_goes_to_every_selected_area(
    browser: Callable[..., Browser], world: World
) -> None:
    later = record_later_letter(world)
    director = browser("director")
    fields = _rows(director.get(f"/inspections/{later.inspection_id}/assign").text)
    fields |= {
        "pick-0": "yes",
        "pick-1": "yes",
        "same_lead": world.people["other_lead"].email,
        "action": "same",
    }

    assert director.submit(f"/inspections/{later.inspection_id}/assign", fields).status_code == 303

    owners = [a.owner_id for a in _areas(world, later.inspection_id)]
    assert owners == [world.people["other_lead"].id] * 2 + [None]
    with world.session() as s:
        notes = s.exec(
            select(ProgressUpdate.note).where(ProgressUpdate.kind == UpdateKind.ASSIGNMENT)
        ).all()
    assert notes.count("Lead assigned: Tom Lead") >= 2


def test_one_bad_row_assigns_nothing_and_names_the_area(
    browser: Callable[..., Browser], world: World
) -> None:
    later = record_later_letter(world)
    manager = browser("manager")
    fields = _rows(manager.get(f"/inspections/{later.inspection_id}/assign").text)
    fields |= {
        "lead-0": world.people["lead"].email,
        "lead-1": world.people["lead"].email,
        "due-1": "2025-01-01",  # before the inspection ended
        "action": "save",
    }

    response = manager.submit(f"/inspections/{later.inspection_id}/assign", fields)

    assert response.status_code == 422
    page = html.unescape(response.text)
    assert f"area {later.plans}: due date 1 January 2025 is before inspection" in page
    assert [a.owner_id for a in _areas(world, later.inspection_id)] == [None, None, None]


def test_a_lead_of_another_authority_is_refused(
    browser: Callable[..., Browser], world: World
) -> None:
    later = record_later_letter(world)
    manager = browser("manager")
    fields = _rows(manager.get(f"/inspections/{later.inspection_id}/assign").text)
    fields |= {"lead-0": world.people["outsider"].email, "action": "save"}

    response = manager.submit(f"/inspections/{later.inspection_id}/assign", fields)

    assert response.status_code == 422
    assert "works for another authority" in html.unescape(response.text)
    assert _areas(world, later.inspection_id)[0].owner_id is None


@pytest.mark.parametrize("role", ["lead", "inspector", "outsider"])
def test_only_those_who_assign_may_use_the_table(
    browser: Callable[..., Browser], world: World, role: str
) -> None:
    later = record_later_letter(world)
    client = browser(role)
    assert client.get(f"/inspections/{later.inspection_id}/assign").status_code == 403
    client.opened("/account")
    fields = {"rows": "1", "area-0": str(later.strategy), "lead-0": world.people["lead"].email}

    response = client.submit(f"/inspections/{later.inspection_id}/assign", fields)

    assert response.status_code == 403
    assert _areas(world, later.inspection_id)[0].owner_id is None


def test_with_nobody_to_assign_the_page_says_to_add_people_first(
    browser: Callable[..., Browser], world: World
) -> None:
    later = record_later_letter(world)
    with world.session() as s:
        for person in world.people.values():
            if person.authority_id is not None:
                person.active = False
                s.add(person)
        s.commit()

    page = browser("admin").get(f"/inspections/{later.inspection_id}/assign")

    assert page.status_code == 200
    assert "Add people first" in page.text and 'href="/admin/people/new"' in page.text
    assert 'name="lead-0"' not in page.text


def test_saving_again_with_nothing_changed_says_so(
    browser: Callable[..., Browser], world: World
) -> None:
    later = record_later_letter(world)
    manager = browser("manager")
    fields = _rows(manager.get(f"/inspections/{later.inspection_id}/assign").text)
    fields |= {"lead-0": world.people["lead"].email, "action": "save"}
    manager.submit(f"/inspections/{later.inspection_id}/assign", fields)
    with world.session() as s:
        updates = len(s.exec(select(ProgressUpdate)).all())

    again = manager.submit(f"/inspections/{later.inspection_id}/assign", fields)

    assert again.status_code == 303
    assert "Nothing changed" in manager.get(again.headers["location"]).text
    with world.session() as s:
        assert len(s.exec(select(ProgressUpdate)).all()) == updates
