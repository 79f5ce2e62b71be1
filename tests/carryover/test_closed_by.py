"""An area's JSON says how it was closed: signed off, carried over (and to which area), or
closed as addressed, read from what was recorded rather than from its status alone."""

from __future__ import annotations

from datetime import date

import pytest

from domain.areas import progress, queries
from domain.vocabulary import Status
from tests.carryover.conftest import DECIDED, History, World, record_known_history

TODAY = date(2011, 5, 3)


@pytest.fixture
def history(world: World) -> History:
    return record_known_history(world)


def _views(history: History) -> dict[int, dict[str, object]]:
    session = history.world.session
    return {v.id: v.to_dict() for v in queries.list_areas(session, today=TODAY)}


def test_an_area_closed_by_carry_over_names_the_area_it_continues_as(history: History) -> None:
    earlier = _views(history)[history.caf_2010.id or 0]

    assert (earlier["status"], earlier["closed_by"], earlier["carried_to"]) == (
        "closed",
        "carry_over",
        history.caf_2011.id,
    )
    assert (earlier["rag"], earlier["rag_reasons"]) == (
        "",
        [f"carried over to area {history.caf_2011.id} (inspection of 1 February 2011)"],
    )


def test_an_area_closed_as_addressed_says_so_and_is_not_signed_off(history: History) -> None:
    earlier = _views(history)[history.oversight_2010.id or 0]

    assert (earlier["closed_by"], earlier["carried_to"]) == ("addressed", None)
    assert (earlier["rag"], earlier["rag_reasons"]) == (
        "",
        ["closed as addressed at a later inspection"],
    )


def test_a_signed_off_area_says_signed_off(history: History) -> None:
    world = history.world
    area_id = history.conferences_2011.id or 0
    progress.record_progress(
        world.session,
        area_id=area_id,
        by=world.actor(world.manager),
        now=DECIDED,
        note="Conference rates audited",
        status=Status.COMPLETED,
    )
    progress.sign_off(world.session, area_id=area_id, by=world.actor(world.manager), now=DECIDED)

    view = _views(history)[area_id]

    assert (view["closed_by"], view["carried_to"]) == ("sign_off", None)
    assert (view["rag"], view["rag_reasons"]) == ("green", ["closed and signed off"])


def test_areas_still_open_have_no_closing(history: History) -> None:
    views = _views(history)

    assert {v["closed_by"] for i, v in views.items() if v["status"] != "closed"} == {None}
    assert views[history.caf_2011.id or 0]["carried_to"] is None
