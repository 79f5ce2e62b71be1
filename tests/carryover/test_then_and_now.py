"""Then and now: each area open when the latest inspection began, as recorded before that day
beside today, rebuilt from the history for every area at once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import event
from sqlmodel import Session

from domain.areas import due_dates, progress
from domain.areas import services as areas
from domain.carryover.then_and_now import ThenAndNow, ThenAndNowView, then_and_now
from domain.permissions import SYSTEM
from domain.vocabulary import Rag, Status
from tests.carryover.conftest import World, at, build_world, record_known_history

LATER = date(2011, 2, 1)
TODAY = date(2011, 5, 3)


def rows_of(view: ThenAndNowView) -> dict[int, ThenAndNow]:
    return {row.area.id: row for row in view.rows}


def test_a_carried_area_is_shown_then_and_as_the_area_it_continues_as_now(world: World) -> None:
    history = record_known_history(world)
    assert world.authority.id is not None
    view = then_and_now(world.session, world.authority.id, TODAY)
    assert view.later is not None and view.later.start_date == LATER
    caf, oversight = view.rows
    assert (caf.area.id, oversight.area.id) == (history.caf_2010.id, history.oversight_2010.id)
    # Before 1 February 2011: in progress since June, due 31 January (the revised date): overdue.
    assert (caf.then.status, caf.then.due_date, caf.then.rag) == (
        "in_progress",
        "2011-01-31",
        "red",
    )
    assert caf.then.rag_reasons[0] == "1 day overdue"
    assert caf.carried and caf.now.id == history.caf_2011.id
    assert (caf.now.status, caf.now.carry_count) == ("open", 1)
    # Since then: the later area's progress and its evidence; carry-over entries do not count.
    assert (caf.updates_since, caf.evidence_since) == (1, 1)
    assert (oversight.then.status, oversight.then.due_date, oversight.then.rag) == (
        "open",
        "2010-10-20",
        "red",
    )
    assert "104 days overdue" in oversight.then.rag_reasons
    assert not oversight.carried
    assert (oversight.now.status, oversight.now.closed_by) == ("closed", "addressed")
    assert (oversight.updates_since, oversight.evidence_since) == (0, 0)


def _letter_with_history(world: World) -> dict[str, int]:
    """Three areas with known histories either side of the later inspection's first day."""
    s = world.session
    lead, manager = world.actor(world.lead), world.actor(world.manager)
    slipped, rated, signed = world.letter(
        [
            "Embed the common assessment framework across partner agencies.",
            "Improve the recording of management oversight on case files.",
            "Private fostering arrangements are not always checked.",
        ],
        start=date(2010, 4, 20),
    )
    ids = {"slipped": slipped.id or 0, "rated": rated.id or 0, "signed": signed.id or 0}
    for key in ids.values():
        areas.assign_area(
            s,
            area_id=key,
            owner_email=world.lead.email,
            due=date(2010, 10, 29),
            now=at(date(2010, 5, 4)),
            by=SYSTEM,
        )
    # Rated green when green was the rules' own: no override, so overdue shows red by February.
    progress.record_progress(
        s, area_id=ids["slipped"], by=lead, now=at(date(2010, 5, 28)), note="Plan drafted"
    )
    progress.record_progress(
        s,
        area_id=ids["slipped"],
        by=lead,
        now=at(date(2010, 6, 1)),
        status=Status.IN_PROGRESS,
        rag=Rag.GREEN,
    )
    # Rated red against the rules' green, with a reason: the override stood.
    progress.record_progress(
        s,
        area_id=ids["rated"],
        by=lead,
        now=at(date(2010, 7, 1)),
        rag=Rag.RED,
        rag_reason="No staff",
        note="Recruitment drive under way",
    )
    progress.record_progress(
        s, area_id=ids["signed"], by=lead, now=at(date(2010, 8, 2)), status=Status.IN_PROGRESS
    )
    progress.record_progress(
        s, area_id=ids["signed"], by=lead, now=at(date(2010, 8, 3)), status=Status.COMPLETED
    )
    progress.sign_off(s, area_id=ids["signed"], by=manager, now=at(date(2010, 8, 4)))
    world.letter(["Too few conferences are held on time."], start=LATER)
    # After the later inspection began: blocked, evidence, a new date agreed.
    progress.record_progress(
        s,
        area_id=ids["slipped"],
        by=lead,
        now=at(date(2011, 2, 10)),
        status=Status.BLOCKED,
        note="Schools withdrew",
        evidence=["https://intranet.example/caf-board-minutes"],
    )
    due_dates.change_due_date(
        s,
        area_id=ids["slipped"],
        to=date(2011, 6, 30),
        reason="Schools rejoin in June",
        by=manager,
        now=at(date(2011, 2, 11)),
    )
    return ids


def test_status_due_date_and_rating_are_rebuilt_as_they_stood_then(world: World) -> None:
    ids = _letter_with_history(world)
    assert world.authority.id is not None
    found = rows_of(then_and_now(world.session, world.authority.id, TODAY))
    assert set(found) == {ids["slipped"], ids["rated"]}  # signed off before: not open then
    slipped = found[ids["slipped"]]
    assert (slipped.then.status, slipped.then.due_date) == ("in_progress", "2010-10-29")
    assert (slipped.then.rag, slipped.then.rag_overridden) == ("red", False)
    assert (slipped.now.status, slipped.now.due_date) == ("blocked", "2011-06-30")
    assert (slipped.updates_since, slipped.evidence_since) == (1, 1)
    rated = found[ids["rated"]]
    assert (rated.then.status, rated.then.rag, rated.then.rag_overridden) == ("open", "red", True)
    assert rated.then.rag_reasons[0] == "set by a person: No staff"
    assert (rated.updates_since, rated.evidence_since) == (0, 0)


def test_one_inspection_alone_has_nothing_to_compare(world: World) -> None:
    world.letter(["Return home interviews are not offered."], start=date(2010, 4, 20))
    assert world.authority.id is not None
    assert then_and_now(world.session, world.authority.id, TODAY) == ThenAndNowView(None, [])


@contextmanager
def counted(session: Session) -> Iterator[list[str]]:
    statements: list[str] = []
    engine = session.get_bind()

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _authority_with(session: Session, name: str, n: int) -> int:
    """An authority whose first letter left `n` areas open, each with an update, then a second."""
    world = build_world(session, name)
    for area in world.letter(
        [f"Area number {i} needs work." for i in range(n)], start=LATER.replace(year=2010)
    ):
        progress.record_progress(
            session,
            area_id=area.id or 0,
            by=world.actor(world.manager),
            now=at(date(2010, 6, 1)),
            note="Begun",
            evidence=["https://intranet.example/plan"],
        )
    world.letter(["Something else entirely."], start=LATER)
    assert world.authority.id is not None
    return world.authority.id


def test_the_queries_do_not_grow_with_the_number_of_areas(session: Session) -> None:
    few, many = (
        _authority_with(session, "Few Council", 2),
        _authority_with(session, "Many Council", 9),
    )
    session.expunge_all()
    with counted(session) as for_few:
        assert len(then_and_now(session, few, TODAY).rows) == 2
    session.expunge_all()
    with counted(session) as for_many:
        assert len(then_and_now(session, many, TODAY).rows) == 9
    assert len(for_many) == len(for_few) <= 15
