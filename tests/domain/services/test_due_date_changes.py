"""Revised due dates: requests, approvals, immediate changes and their record."""

from datetime import date

import pytest
from sqlmodel import Session

from domain.areas import due_dates, queries
from domain.areas import services as areas
from domain.errors import AlreadyDecided, MissingReason, NotPermitted
from domain.permissions import SYSTEM
from domain.vocabulary import ChangeState, Role
from tests import factories as make
from tests.factories import NOW


def _world(session: Session) -> dict[str, object]:
    where = make.authority(session)
    director = make.person(session, where, Role.DIRECTOR)
    manager = make.person(session, where, Role.MANAGER, manager=director)
    lead = make.person(session, where, manager=manager)
    other_manager = make.person(session, where, Role.MANAGER)
    inspector = make.person(session, where, Role.INSPECTOR)
    area = make.inspection_with_areas(session, where, ["Plans lack timescales."])[0]
    assert area.id is not None
    areas.assign_area(session, area_id=area.id, owner_email=lead.email, now=NOW, by=SYSTEM)
    return {
        "area": area.id,
        "lead": lead,
        "manager": manager,
        "director": director,
        "other_manager": other_manager,
        "inspector": inspector,
    }


def test_a_leads_request_waits_for_approval_and_then_takes_effect(session: Session) -> None:
    w = _world(session)
    request = due_dates.change_due_date(
        session,
        area_id=w["area"],
        to=date(2026, 10, 30),
        reason="recruitment delayed",
        by=make.actor(session, w["lead"]),
        now=NOW,
    )
    assert request.state == ChangeState.PENDING
    assert areas.get_area(session, w["area"]).due_date == date(2026, 8, 9)
    due_dates.decide_due_date(
        session, change_id=request.id, approve=True, by=make.actor(session, w["manager"]), now=NOW
    )
    area = areas.get_area(session, w["area"])
    assert (area.original_due_date, area.due_date) == (date(2026, 8, 9), date(2026, 10, 30))


def test_the_leads_manager_and_the_director_change_dates_at_once(session: Session) -> None:
    w = _world(session)
    for who, day in (("manager", date(2026, 9, 1)), ("director", date(2026, 9, 15))):
        change = due_dates.change_due_date(
            session,
            area_id=w["area"],
            to=day,
            reason="agreed at board",
            by=make.actor(session, w[who]),
            now=NOW,
        )
        assert change.state == ChangeState.APPROVED
    history = [e for e in queries.history_of(session, w["area"]) if e["type"] == "due_date_change"]
    assert [(e["from"], e["to"]) for e in history] == [
        ("2026-08-09", "2026-09-01"),
        ("2026-09-01", "2026-09-15"),
    ]


def test_a_manager_outside_the_line_may_only_ask(session: Session) -> None:
    w = _world(session)
    change = due_dates.change_due_date(
        session,
        area_id=w["area"],
        to=date(2026, 9, 1),
        reason="r",
        by=make.actor(session, w["other_manager"]),
        now=NOW,
    )
    assert change.state == ChangeState.PENDING
    with pytest.raises(NotPermitted):
        due_dates.decide_due_date(
            session,
            change_id=change.id,
            approve=True,
            by=make.actor(session, w["other_manager"]),
            now=NOW,
        )


def test_an_inspector_may_not_even_ask(session: Session) -> None:
    w = _world(session)
    with pytest.raises(NotPermitted, match=r"\(inspector\) may not ask for a revised due date"):
        due_dates.change_due_date(
            session,
            area_id=w["area"],
            to=date(2026, 9, 1),
            reason="r",
            by=make.actor(session, w["inspector"]),
            now=NOW,
        )


def test_a_change_without_a_reason_is_refused(session: Session) -> None:
    w = _world(session)
    with pytest.raises(MissingReason, match="needs a reason"):
        due_dates.change_due_date(
            session,
            area_id=w["area"],
            to=date(2026, 9, 1),
            reason=" ",
            by=make.actor(session, w["manager"]),
            now=NOW,
        )


def test_a_decided_request_cannot_be_decided_again(session: Session) -> None:
    w = _world(session)
    request = due_dates.change_due_date(
        session,
        area_id=w["area"],
        to=date(2026, 9, 1),
        reason="r",
        by=make.actor(session, w["lead"]),
        now=NOW,
    )
    due_dates.decide_due_date(
        session,
        change_id=request.id,
        approve=False,
        by=make.actor(session, w["director"]),
        now=NOW,
        note="no",
    )
    with pytest.raises(AlreadyDecided, match="was rejected already"):
        due_dates.decide_due_date(
            session,
            change_id=request.id,
            approve=True,
            by=make.actor(session, w["director"]),
            now=NOW,
        )
    assert areas.get_area(session, w["area"]).due_date == date(2026, 8, 9)
