"""The carry-over page: suggestions beside earlier areas with the shared words marked,
deciding links and unrepeated areas, the decisions read back, and who may decide."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from sqlmodel import select

from domain.accounts import people
from domain.areas import progress
from domain.areas.models import DevelopmentArea
from domain.carryover.models import CarryOverDecision, CarryOverOutcome
from domain.vocabulary import Status
from tests.factories import NOW
from tests.web.carryover_letters import (
    STATEMENT,
    Letters,
    decisions_count,
    record_later_letter,
    record_letter,
    statuses,
)
from tests.web.conftest import Browser, World

Browse = Callable[..., Browser]


@pytest.fixture
def letters(world: World) -> Letters:
    return record_later_letter(world)


def page_of(letters: Letters) -> str:
    return f"/inspections/{letters.inspection_id}/carryover"


def area(world: World, area_id: int | None) -> DevelopmentArea:
    with world.session() as s:
        found = s.get(DevelopmentArea, area_id)
        assert found is not None
        return found


def card(html: str, element_id: str) -> str:
    """The summary card with this id, up to the next card or section."""
    start = html.index(f'id="{element_id}"')
    ends = [
        html.find(m, start + 1)
        for m in ('class="govuk-summary-card ', "<h2", '<h3 class="govuk-heading-s')
    ]
    return html[start : min(e for e in ends if e > 0)]


def test_each_new_area_sits_beside_its_suggestion_with_the_shared_words_marked(
    browser: Browse, world: World, letters: Letters
) -> None:
    with world.session() as s:
        lead = people.actor_for(s, people.get_person(s, world.people["lead"].email))
        progress.record_progress(s, area_id=letters.earlier_strategy, by=lead, now=NOW, note="Met")
    shown = browser("manager").get(page_of(letters))
    assert shown.status_code == 200
    assert shown.text.count("<h1") == 1
    link = card(shown.text, f"link-{letters.strategy}-{letters.earlier_strategy}")
    assert (
        "<mark>Strategy discussions</mark> still do not include <mark>health colleagues</mark>."
        in link
    )
    assert (
        "<mark>Strategy discussions</mark> do not always include <mark>health colleagues</mark>."
        in link
    )
    assert "100%" in link
    assert (
        "Inspection of 12 January 2026 · lead Priya Lead · 1 update, last 2 March 2026 · Red · "
        "due 20 February 2026" in link
    )
    assert f'action="{page_of(letters)}/confirm"' in link
    assert f'formaction="{page_of(letters)}/reject"' in link
    note = f"note-{letters.strategy}-{letters.earlier_strategy}"
    assert f'<label class="govuk-label" for="{note}">' in link
    assert f'<textarea class="govuk-textarea" id="{note}" name="note"' in link
    neglect = shown.text[shown.text.index(f'href="/areas/{letters.neglect}"') :]
    assert neglect.index("No earlier open area looks like this one") < neglect.index("<h2")
    for waiting in (letters.supervision, letters.return_home):
        unrepeated = card(shown.text, f"earlier-{waiting}")
        assert f"{STATEMENT}</textarea>" in unrepeated
        assert 'name="outcome" value="carry"' in unrepeated
    assert f'id="earlier-{letters.earlier_strategy}"' not in shown.text
    assert "No decision has been made yet." in shown.text


def test_the_inspection_page_links_to_its_carry_over(
    browser: Browse, world: World, letters: Letters
) -> None:
    shown = browser("director").get(f"/inspections/{letters.inspection_id}")
    assert f'href="{page_of(letters)}"' in shown.text


def test_confirming_a_link_closes_the_earlier_area_and_the_page_then_says_so(
    browser: Browse, world: World, letters: Letters
) -> None:
    manager = browser("manager").opened(page_of(letters))
    sent = manager.submit(
        f"{page_of(letters)}/confirm",
        {"area_id": letters.strategy, "earlier_area_id": letters.earlier_strategy, "note": "Same"},
    )
    assert (sent.status_code, sent.headers["location"]) == (303, page_of(letters))
    after = manager.get(page_of(letters)).text
    assert (
        f"Area {letters.strategy} “Strategy discussions still do not include health colleagues” "
        f"carries over area {letters.earlier_strategy} “Strategy discussions do not always "
        "include health colleagues”, now closed" in after
    )
    assert f'id="link-{letters.strategy}-{letters.earlier_strategy}"' not in after
    decided = after[after.index('id="decisions"') :]
    assert "Carried over (link confirmed)" in decided
    assert world.people["manager"].email in decided and "Same" in decided
    assert "2 March 2026 at 10:00am" in decided
    assert area(world, letters.strategy).carried_from_id == letters.earlier_strategy
    assert area(world, letters.earlier_strategy).status == Status.CLOSED


def test_rejecting_a_link_leaves_both_open_and_the_earlier_one_awaits_a_decision(
    browser: Browse, world: World, letters: Letters
) -> None:
    manager = browser("director").opened(page_of(letters))
    sent = manager.submit(
        f"{page_of(letters)}/reject",
        {"area_id": letters.plans, "earlier_area_id": letters.earlier_plans, "note": ""},
    )
    assert sent.status_code == 303
    after = manager.get(page_of(letters)).text
    assert (
        f"Link from area {letters.earlier_plans} “Written plans for children in need are too "
        f"general” to area {letters.plans}" in after
    )
    assert f'id="link-{letters.plans}-{letters.earlier_plans}"' not in after
    assert f'id="earlier-{letters.earlier_plans}"' in after
    assert "Link rejected" in after[after.index('id="decisions"') :]
    assert area(world, letters.earlier_plans).status != Status.CLOSED
    assert area(world, letters.plans).carried_from_id is None


def test_an_unrepeated_area_closes_as_addressed_on_the_letters_statement(
    browser: Browse, world: World, letters: Letters
) -> None:
    admin = browser("admin").opened(page_of(letters))
    sent = admin.submit(
        f"{page_of(letters)}/decide",
        {"earlier_area_id": letters.supervision, "outcome": "addressed", "statement": STATEMENT},
    )
    assert sent.status_code == 303
    after = admin.get(page_of(letters)).text
    assert (
        f"Area {letters.supervision} “Supervision records vary between teams” closed as addressed"
        in after
    )
    assert f'id="earlier-{letters.supervision}"' not in after
    assert "Closed as addressed" in after[after.index('id="decisions"') :]
    with world.session() as s:
        decision = s.exec(
            select(CarryOverDecision).where(
                CarryOverDecision.earlier_area_id == letters.supervision
            )
        ).one()
    assert (decision.outcome, decision.note) == (CarryOverOutcome.ADDRESSED, STATEMENT)
    assert area(world, letters.supervision).status == Status.CLOSED


def test_carrying_an_area_over_as_is_copies_it_onto_the_new_inspection(
    browser: Browse, world: World, letters: Letters
) -> None:
    manager = browser("manager").opened(page_of(letters))
    sent = manager.submit(
        f"{page_of(letters)}/decide", {"earlier_area_id": letters.return_home, "outcome": "carry"}
    )
    assert sent.status_code == 303
    with world.session() as s:
        copy = s.exec(
            select(DevelopmentArea).where(DevelopmentArea.carried_from_id == letters.return_home)
        ).one()
    assert copy.inspection_id == letters.inspection_id
    after = manager.get(page_of(letters)).text
    assert f"carried over as is, as area {copy.id} “Return home interviews" in after
    assert "Carried over as is" in after[after.index('id="decisions"') :]


def test_addressed_with_no_statement_is_refused_on_the_field_and_nothing_changes(
    browser: Browse, world: World
) -> None:
    letters = record_later_letter(world, statement=None)
    manager = browser("manager").opened(page_of(letters))
    with world.session() as s:
        before = statuses(s)
    refused = manager.submit(
        f"{page_of(letters)}/decide",
        {"earlier_area_id": letters.supervision, "outcome": "addressed", "statement": ""},
    )
    assert refused.status_code == 422
    field = f"statement-{letters.supervision}"
    assert f'<a href="#{field}">Closing development area {letters.supervision}' in refused.text
    assert f'id="{field}-error"' in refused.text
    assert "govuk-textarea--error" in card(refused.text, f"earlier-{letters.supervision}")
    with world.session() as s:
        assert statuses(s) == before and decisions_count(s) == 0


def test_a_link_decided_already_or_not_of_this_inspection_is_refused_with_a_message(
    browser: Browse, world: World, letters: Letters
) -> None:
    manager = browser("manager").opened(page_of(letters))
    pair = {"area_id": letters.plans, "earlier_area_id": letters.earlier_plans}
    assert manager.submit(f"{page_of(letters)}/reject", pair).status_code == 303
    again = manager.submit(f"{page_of(letters)}/confirm", {**pair, "note": "Changed my mind"})
    assert again.status_code == 409
    assert "There is a problem" in again.text
    assert re.search(r"was rejected by Sam Manager on 2 March 2026", again.text)
    foreign = manager.submit(
        f"{page_of(letters)}/confirm",
        {"area_id": letters.earlier_strategy, "earlier_area_id": letters.supervision},
    )
    assert foreign.status_code == 422
    assert f"is not an area of inspection {letters.inspection_id}" in foreign.text
    bad = manager.submit(f"{page_of(letters)}/confirm", {"area_id": "x", "earlier_area_id": "1"})
    assert bad.status_code == 422
    with world.session() as s:
        assert decisions_count(s) == 1


@pytest.mark.parametrize("role", ["lead", "inspector"])
def test_leads_and_inspectors_read_the_page_without_its_forms(
    browser: Browse, world: World, letters: Letters, role: str
) -> None:
    shown = browser(role).get(page_of(letters))
    assert shown.status_code == 200
    assert "You can read this page" in shown.text
    assert "<mark>" in shown.text
    assert f'action="{page_of(letters)}' not in shown.text
    assert "<textarea" not in shown.text


def test_a_manager_of_another_authority_may_not_read_the_page(
    browser: Browse, letters: Letters
) -> None:
    assert browser("outsider").get(page_of(letters)).status_code == 403


def writes(letters: Letters) -> list[tuple[str, dict[str, object]]]:
    link: dict[str, object] = {
        "area_id": letters.strategy,
        "earlier_area_id": letters.earlier_strategy,
    }
    return [
        ("confirm", link),
        ("reject", link),
        ("decide", {"earlier_area_id": letters.supervision, "outcome": "addressed"}),
        ("decide", {"earlier_area_id": letters.return_home, "outcome": "carry"}),
    ]


@pytest.mark.parametrize("role", ["lead", "other_lead", "inspector", "outsider"])
def test_everyone_but_managers_directors_and_administrators_is_refused_and_nothing_changes(
    browser: Browse, world: World, letters: Letters, role: str
) -> None:
    client = browser(role)
    with world.session() as s:
        before = (statuses(s), decisions_count(s))
    for action, data in writes(letters):
        refused = client.submit(f"{page_of(letters)}/{action}", {**data, "statement": STATEMENT})
        assert refused.status_code == 403, (role, action)
        # Refused by the rules, not for want of a form token.
        assert "may not decide the carry-over of" in refused.text
    with world.session() as s:
        assert (statuses(s), decisions_count(s)) == before


@pytest.mark.parametrize("role", ["manager", "director", "admin"])
def test_managers_directors_and_administrators_may_decide(
    browser: Browse, world: World, letters: Letters, role: str
) -> None:
    client = browser(role).opened(page_of(letters))
    for action, data in writes(letters)[::2]:
        assert client.submit(f"{page_of(letters)}/{action}", data).status_code == 303
    with world.session() as s:
        assert decisions_count(s) == 2


def test_a_repeat_in_other_words_shows_the_related_words_that_raised_it(
    browser: Browse, world: World
) -> None:
    # "Oversight" for the earlier "supervision": one plain word shared, and a theme.
    text = "Managers' oversight of casework is inconsistent between teams."
    inspection_id, [new] = record_letter(world, [text])
    supervision = world.areas[2].id

    shown = browser("manager").get(f"/inspections/{inspection_id}/carryover")

    link = card(shown.text, f"link-{new}-{supervision}")
    related = re.search(r'app-related">([^<]*)<', link)
    assert related and "oversight ~ supervision" in related.group(1)
    # Both related words are marked where they stand, with the theme's words and the one shared.
    assert "<mark>Managers&#39; oversight</mark> of casework" in link
    assert "<mark>Supervision</mark> records vary between <mark>teams</mark>." in link
