"""The matcher through the service: recorded letters get the suggestions the chains expect."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from domain import carryover
from tests.carryover.chain_data import Chain, load_chains, suggested_links
from tests.carryover.conftest import build_world

CHAINS = load_chains()


def _recorded_suggestions(session: Session, chain: Chain) -> set[tuple[int, int]]:
    """Record the chain's two letters and return the service's links as (later, earlier) indices."""
    world = build_world(session, chain.authority)
    earlier = world.letter(chain.earlier, start=date(2010, 4, 20))
    later = world.letter(chain.later, start=date(2011, 2, 1))
    index = {area.id: i for i, area in enumerate(earlier)} | {
        area.id: i for i, area in enumerate(later)
    }
    found = carryover.suggest_carry_over(session, inspection_id=later[0].inspection_id)
    return {(index[s.area_id], index[s.earlier_area_id]) for s in found}


@pytest.mark.parametrize("chain", CHAINS, ids=[c.name for c in CHAINS])
def test_the_service_suggests_what_the_matcher_does_for_recorded_letters(
    session: Session, chain: Chain
) -> None:
    assert _recorded_suggestions(session, chain) == suggested_links(chain)


def test_suggestions_on_recorded_letters_reach_precision_and_recall_of_0_8(
    session: Session,
) -> None:
    suggested = true = correct = 0
    for chain in CHAINS:
        found = _recorded_suggestions(session, chain)
        suggested += len(found)
        true += len(chain.links)
        correct += len(found & chain.links)

    assert correct / suggested >= 0.8, (suggested, true, correct)
    assert correct / true >= 0.8, (suggested, true, correct)
