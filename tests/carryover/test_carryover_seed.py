"""The seed letter: its CAF area is suggested as the carry-over of the April 2010 CAF area."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from sqlmodel import Session

from domain import carryover
from domain.areas import services as areas
from domain.areas.models import DevelopmentArea
from domain.carryover.models import CarryOverOutcome
from domain.vocabulary import Status
from tests.carryover.chain_data import SHARED_DIR
from tests.carryover.conftest import DECIDED, World, build_world

SEED_ANSWERS = SHARED_DIR / "seeds" / "expected.json"

# Our own wording of the April 2010 letter's areas for development.
APRIL_2010_AREAS = [
    "Ensure that the common assessment framework is used by all partner agencies so that "
    "children's needs are identified and met early.",
    "Reduce the number of re-referrals to children's social care.",
    "Ensure that managers record the reasons for their decisions on case files.",
]

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(
        not SEED_ANSWERS.exists(), reason=f"the seed letter's answers are absent: {SEED_ANSWERS}"
    ),
]


def _two_letters(
    session: Session,
) -> tuple[World, dict[str, Any], list[DevelopmentArea], list[DevelopmentArea]]:
    """The April 2010 letter in our words and the seed letter of February 2011, recorded."""
    seed = json.loads(SEED_ANSWERS.read_text(encoding="utf-8"))
    world = build_world(session, seed["authority"])
    april = world.letter(APRIL_2010_AREAS, start=date(2010, 4, 20))
    february = world.letter(
        seed["areas_for_development"],
        start=date.fromisoformat(seed["inspection_start"]),
        published=date.fromisoformat(seed["letter_date"]),
        statement=seed["previous_areas_statement"],
    )
    return world, seed, april, february


def test_the_seed_letters_caf_area_is_suggested_for_the_april_2010_caf_area(
    session: Session,
) -> None:
    _, _, april, (conferences, caf) = _two_letters(session)

    suggestions = carryover.suggest_carry_over(session, inspection_id=caf.inspection_id)

    assert [(s.area_id, s.earlier_area_id) for s in suggestions] == [(caf.id, april[0].id)]
    assert suggestions[0].matched_words[0] == "common assessment framework"
    assert conferences.id not in {s.area_id for s in suggestions}


def test_confirming_the_caf_link_and_closing_the_rest_on_the_letters_statement(
    session: Session,
) -> None:
    world, seed, april, (_, caf) = _two_letters(session)

    world.confirm(caf, april[0])
    for addressed in april[1:]:
        carryover.close_as_addressed(
            session, earlier_area_id=addressed.id or 0, by=world.actor(world.director), now=DECIDED
        )

    review = carryover.review_of(session, caf.inspection_id)
    assert review.statement == seed["previous_areas_statement"]
    assert review.undecided == []
    assert [(d["earlier_area_id"], d["outcome"], d["note"]) for d in review.decisions] == [
        (april[0].id, CarryOverOutcome.CONFIRMED.value, None),
        (april[1].id, CarryOverOutcome.ADDRESSED.value, seed["previous_areas_statement"]),
        (april[2].id, CarryOverOutcome.ADDRESSED.value, seed["previous_areas_statement"]),
    ]
    assert areas.get_area(session, caf.id or 0).carry_count == 1
    assert {areas.get_area(session, a.id or 0).status for a in april} == {Status.CLOSED}
