"""Carry-over rules: suggestions change nothing, confirmation carries, closed stays closed."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

import pytest
from sqlmodel import select

from domain import carryover
from domain.areas import progress
from domain.areas import services as areas
from domain.areas.models import DevelopmentArea, ProgressUpdate
from domain.carryover.models import CarryOverDecision, CarryOverOutcome
from domain.errors import (
    AreaClosed,
    CarryOverDecided,
    InvalidCarryOver,
    MissingReason,
    NotPermitted,
)
from domain.inspections.models import Finding
from domain.permissions import SYSTEM
from domain.vocabulary import Status, UpdateKind
from tests.carryover.conftest import DECIDED, World, build_world, inspection_of

APRIL_2010 = date(2010, 4, 20)
FEB_2011 = date(2011, 2, 1)
EARLIER = [
    "Ensure that return home interviews are offered to every child who has gone missing.",
    "Improve the timeliness of initial child protection conferences.",
]
LATER = [
    "Return home interviews are still not offered to all children who go missing from home.",
    "Strengthen the oversight of private fostering arrangements.",
]


def _two_letters(world: World) -> tuple[list[DevelopmentArea], list[DevelopmentArea]]:
    earlier = world.letter(EARLIER, start=APRIL_2010)
    later = world.letter(LATER, start=FEB_2011, statement="One area remains to be addressed.")
    return earlier, later


def _updates(world: World, area_id: int | None) -> list[ProgressUpdate]:
    query = select(ProgressUpdate).where(ProgressUpdate.area_id == area_id)
    return list(world.session.exec(query.order_by(ProgressUpdate.id)))


def test_the_repeated_area_is_suggested_and_nothing_changes_until_someone_decides(
    world: World,
) -> None:
    earlier, later = _two_letters(world)

    suggestions = carryover.suggest_carry_over(world.session, inspection_id=later[0].inspection_id)

    assert [(s.area_id, s.earlier_area_id) for s in suggestions] == [(later[0].id, earlier[0].id)]
    assert {"return home interview", "missing"} <= set(suggestions[0].matched_words)
    assert suggestions[0].carry_count == 1 and not suggestions[0].repeat
    for area in (*earlier, *later):
        world.session.refresh(area)
        assert (area.status, area.carried_from_id, area.carry_count) == (Status.OPEN, None, 0)
    assert world.session.exec(select(CarryOverDecision)).all() == []


def test_confirming_a_link_carries_the_area_over_and_closes_the_earlier_one_on_record(
    world: World,
) -> None:
    earlier, later = _two_letters(world)

    decision = world.confirm(later[0], earlier[0])

    new, old = areas.get_area(world.session, later[0].id or 0), earlier[0]
    world.session.refresh(old)
    assert (new.carried_from_id, new.carry_count) == (old.id, 1)
    assert old.status == Status.CLOSED
    closing = _updates(world, old.id)[-1]
    assert (closing.kind, closing.status_from, closing.status_to) == (
        UpdateKind.CARRY_OVER,
        Status.OPEN,
        Status.CLOSED,
    )
    of = partial(inspection_of, world.session)
    assert closing.note == f"Carried over to area {new.id} ({of(new)})"
    assert closing.author_id == world.manager.id
    assert _updates(world, new.id)[-1].note == (
        f"Carried over from area {old.id} ({of(old)}); carried through 1 inspection(s)"
    )
    assert (decision.outcome, decision.decided_by_id, decision.decided_at) == (
        CarryOverOutcome.CONFIRMED,
        world.manager.id,
        DECIDED,
    )
    assert decision.score is not None and decision.score > 0
    assert "return home interview" in (decision.matched_words or "")


def test_a_carried_area_takes_the_earlier_lead_when_it_has_none_and_keeps_its_own_due_date(
    world: World,
) -> None:
    earlier, later = _two_letters(world)
    areas.assign_area(
        world.session,
        area_id=earlier[0].id or 0,
        owner_email=world.lead.email,
        now=DECIDED,
        by=SYSTEM,
    )
    due_from_new_letter = later[0].due_date

    world.confirm(later[0], earlier[0], by=world.director, now=DECIDED + timedelta(hours=1))

    new = areas.get_area(world.session, later[0].id or 0)
    assert new.owner_id == world.lead.id
    assert (new.due_date, new.original_due_date) == (due_from_new_letter, due_from_new_letter)
    assert due_from_new_letter is not None and due_from_new_letter > FEB_2011
    assert _updates(world, new.id)[-1].note.endswith("lead kept from the earlier area: Lee Lead")


def test_a_carried_area_that_has_a_lead_keeps_its_own(world: World) -> None:
    earlier, later = _two_letters(world)
    areas.assign_area(
        world.session,
        area_id=earlier[0].id or 0,
        owner_email=world.lead.email,
        now=DECIDED,
        by=SYSTEM,
    )
    areas.assign_area(
        world.session,
        area_id=later[0].id or 0,
        owner_email=world.other_lead.email,
        now=DECIDED,
        by=SYSTEM,
    )

    world.confirm(later[0], earlier[0], now=DECIDED + timedelta(hours=1))

    assert areas.get_area(world.session, later[0].id or 0).owner_id == world.other_lead.id


def test_a_signed_off_area_stays_closed_and_is_never_suggested_or_carried(world: World) -> None:
    earlier, later = _two_letters(world)
    manager = world.actor(world.manager)
    progress.record_progress(
        world.session, area_id=earlier[0].id or 0, by=manager, now=DECIDED, status=Status.COMPLETED
    )
    progress.sign_off(world.session, area_id=earlier[0].id or 0, by=manager, now=DECIDED)

    suggestions = carryover.suggest_carry_over(world.session, inspection_id=later[0].inspection_id)
    with pytest.raises(
        AreaClosed,
        match=rf"area {earlier[0].id} was signed off on 21 March 2011; a closed area stays closed",
    ):
        world.confirm(later[0], earlier[0])
    with pytest.raises(AreaClosed):
        carryover.carry_as_is(
            world.session, earlier_area_id=earlier[0].id or 0, by=manager, now=DECIDED
        )

    assert suggestions == []
    world.session.refresh(earlier[0])
    assert earlier[0].status == Status.CLOSED
    assert areas.get_area(world.session, later[0].id or 0).carried_from_id is None
    assert world.session.exec(select(CarryOverDecision)).all() == []


def test_a_rejected_pair_is_not_suggested_again_and_cannot_be_confirmed_afterwards(
    world: World,
) -> None:
    earlier, later = _two_letters(world)
    manager = world.actor(world.manager)

    carryover.reject_link(
        world.session,
        area_id=later[0].id or 0,
        earlier_area_id=earlier[0].id or 0,
        by=manager,
        now=DECIDED,
        note="Different cohort of children",
    )

    assert carryover.suggest_carry_over(world.session, inspection_id=later[0].inspection_id) == []
    with pytest.raises(
        CarryOverDecided, match=r"was rejected by [A-Z][a-z]+ [A-Z][a-z]+ on 21 March 2011"
    ):
        world.confirm(later[0], earlier[0])
    world.session.refresh(earlier[0])
    assert earlier[0].status == Status.OPEN


def test_an_area_carries_one_earlier_area_and_a_linked_area_is_not_suggested_again(
    world: World,
) -> None:
    earlier, later = _two_letters(world)
    world.confirm(later[0], earlier[0])

    with pytest.raises(CarryOverDecided, match=f"carries over area {earlier[0].id} already"):
        world.confirm(later[0], earlier[1])
    assert carryover.suggest_carry_over(world.session, inspection_id=later[0].inspection_id) == []


def test_three_inspections_carry_one_area_twice_into_a_repeat_with_its_whole_history(
    world: World,
) -> None:
    first, second = _two_letters(world)
    third = world.letter(
        ["Too few children who go missing are offered a return home interview.", "Audit CIN"],
        start=date(2012, 1, 10),
    )
    manager = world.actor(world.manager)
    progress.record_progress(
        world.session, area_id=first[0].id or 0, by=manager, now=DECIDED, note="Interview pilot"
    )
    world.confirm(second[0], first[0], now=DECIDED + timedelta(days=1))

    suggested = carryover.suggest_carry_over(world.session, inspection_id=third[0].inspection_id)
    world.confirm(third[0], second[0], now=DECIDED + timedelta(days=300))

    assert next((s.earlier_area_id, s.carry_count, s.repeat) for s in suggested) == (
        second[0].id,
        2,
        True,
    )
    latest = areas.get_area(world.session, third[0].id or 0)
    assert latest.carry_count == 2 and carryover.is_repeat(latest.carry_count)
    chain = carryover.lineage(world.session, latest.id or 0)
    assert [a.id for a in chain] == [third[0].id, second[0].id, first[0].id]
    history = carryover.lineage_history(world.session, latest.id or 0)
    of = partial(inspection_of, world.session)
    assert [(e["area_id"], e["note"]) for e in history] == [
        (first[0].id, "Interview pilot"),
        (
            first[0].id,
            f"Carried over to area {second[0].id} ({of(second[0])})",
        ),
        (
            second[0].id,
            f"Carried over from area {first[0].id} ({of(first[0])}); "
            "carried through 1 inspection(s)",
        ),
        (second[0].id, f"Carried over to area {third[0].id} ({of(third[0])})"),
        (
            third[0].id,
            f"Carried over from area {second[0].id} ({of(second[0])}); "
            "carried through 2 inspection(s)",
        ),
    ]
    assert carryover.successor_of(world.session, first[0].id or 0) == second[0]


def test_only_managers_directors_and_admins_may_carry_over(world: World) -> None:
    earlier, later = _two_letters(world)

    for who in (world.inspector, world.lead):
        with pytest.raises(NotPermitted, match=r"may not decide the carry-over of"):
            carryover.confirm_link(
                world.session,
                area_id=later[0].id or 0,
                earlier_area_id=earlier[0].id or 0,
                by=world.actor(who),
                now=DECIDED,
            )
        with pytest.raises(NotPermitted):
            carryover.close_as_addressed(
                world.session, earlier_area_id=earlier[1].id or 0, by=world.actor(who), now=DECIDED
            )
    assert world.session.exec(select(CarryOverDecision)).all() == []


def test_an_area_not_repeated_is_closed_as_addressed_on_the_new_letters_statement(
    world: World,
) -> None:
    earlier, _ = _two_letters(world)

    decision = carryover.close_as_addressed(
        world.session,
        earlier_area_id=earlier[1].id or 0,
        by=world.actor(world.director),
        now=DECIDED,
    )

    world.session.refresh(earlier[1])
    assert earlier[1].status == Status.CLOSED
    assert (decision.outcome, decision.area_id, decision.note) == (
        CarryOverOutcome.ADDRESSED,
        None,
        "One area remains to be addressed.",
    )
    assert _updates(world, earlier[1].id)[-1].note.startswith(
        "Closed as addressed at the inspection of "
    )


def test_closing_as_addressed_needs_a_statement_when_the_letter_has_none(world: World) -> None:
    earlier = world.letter(EARLIER, start=APRIL_2010)
    world.letter(LATER, start=FEB_2011)

    with pytest.raises(MissingReason, match="pass --note TEXT"):
        carryover.close_as_addressed(
            world.session,
            earlier_area_id=earlier[1].id or 0,
            by=world.actor(world.manager),
            now=DECIDED,
        )
    decision = carryover.close_as_addressed(
        world.session,
        earlier_area_id=earlier[1].id or 0,
        by=world.actor(world.manager),
        now=DECIDED,
        note="Conference timeliness audited at 96% in March 2011",
    )
    assert decision.note == "Conference timeliness audited at 96% in March 2011"


def test_carrying_as_is_copies_the_area_onto_the_new_inspection(world: World) -> None:
    earlier, later = _two_letters(world)
    areas.assign_area(
        world.session,
        area_id=earlier[1].id or 0,
        owner_email=world.lead.email,
        now=DECIDED,
        by=SYSTEM,
    )

    decision = carryover.carry_as_is(
        world.session,
        earlier_area_id=earlier[1].id or 0,
        by=world.actor(world.manager),
        now=DECIDED,
    )

    copy = areas.get_area(world.session, decision.area_id or 0)
    assert (copy.inspection_id, copy.text, copy.title) == (
        later[0].inspection_id,
        earlier[1].text,
        earlier[1].title,
    )
    assert (copy.carried_from_id, copy.carry_count, copy.owner_id) == (
        earlier[1].id,
        1,
        world.lead.id,
    )
    assert copy.due_date == later[0].due_date  # the new letter's default due date
    finding = world.session.get(Finding, copy.finding_id)
    assert finding is not None and finding.heading == carryover.CARRIED_AS_IS_HEADING
    world.session.refresh(earlier[1])
    assert earlier[1].status == Status.CLOSED
    assert decision.outcome == CarryOverOutcome.CARRIED_AS_IS


def test_a_link_must_go_from_an_earlier_inspection_of_the_same_authority(world: World) -> None:
    earlier, later = _two_letters(world)
    elsewhere = build_world(world.session, "Elsewhere Council").letter(EARLIER, start=APRIL_2010)
    manager = world.actor(world.manager)

    with pytest.raises(InvalidCarryOver, match=r"give an area of an earlier inspection"):
        world.confirm(earlier[0], later[0])
    for wrong in (later[0], elsewhere[0]):
        with pytest.raises(InvalidCarryOver, match=r"not an earlier and a later area of one"):
            carryover.confirm_link(
                world.session,
                area_id=later[0].id or 0,
                earlier_area_id=wrong.id or 0,
                by=manager,
                now=DECIDED,
            )
    assert world.session.exec(select(CarryOverDecision)).all() == []


def test_no_decision_is_taken_before_the_next_inspection_is_recorded(world: World) -> None:
    earlier = world.letter(EARLIER, start=APRIL_2010)

    with pytest.raises(InvalidCarryOver, match=r"record the next inspection"):
        carryover.carry_as_is(
            world.session,
            earlier_area_id=earlier[0].id or 0,
            by=world.actor(world.manager),
            now=DECIDED,
        )
    assert world.session.exec(select(DevelopmentArea)).all() == earlier
