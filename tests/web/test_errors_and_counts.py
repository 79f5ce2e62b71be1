"""Every domain error has its HTTP status; dashboards count in SQL exactly as the rules rate."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlmodel import Session

from domain import errors
from domain.areas import queries
from domain.areas.chart import ChartBar
from domain.areas.dashboard import rag_counts, status_counts
from domain.vocabulary import Rag, Status
from tests import factories
from tests.factories import NOW
from web.chart_svg import nice_top, stacked
from web.errors import status_for


def _all_subclasses(cls: type) -> list[type]:
    return [cls, *(s for sub in cls.__subclasses__() for s in _all_subclasses(sub))]


EXPECTED_STATUS = {
    errors.NotFound: 404,
    errors.InvalidInput: 422,
    errors.Conflict: 409,
    errors.NotPermitted: 403,
    errors.NotAuthenticated: 401,
}


@pytest.mark.parametrize("error", _all_subclasses(errors.DomainError), ids=lambda e: e.__name__)
def test_every_domain_error_maps_to_its_family_status(error: type[errors.DomainError]) -> None:
    instance = error.__new__(error)
    errors.DomainError.__init__(instance, "message")
    if error is errors.DomainError:
        assert status_for(instance) == 400
    elif error is errors.TooManyAttempts:
        assert status_for(instance) == 429
    else:
        family = next(k for k in EXPECTED_STATUS if isinstance(instance, k))
        assert status_for(instance) == EXPECTED_STATUS[family]


def _varied_areas(session: Session, count: int, seed: int) -> int:
    """An authority with areas of every status, due date, activity age, lead and override."""
    rnd = random.Random(seed)
    where = factories.authority(session)
    lead = factories.person(session, where)
    created = factories.inspection_with_areas(
        session,
        where,
        [f"Area {n}" for n in range(count)],
        start=date(2025, 1, 6),
        end=date(2025, 1, 7),
    )
    for area in created:
        area.status = rnd.choice(list(Status))
        area.due_date = rnd.choice([None, date(2026, 3, 2) + timedelta(days=rnd.randint(-40, 120))])
        area.owner_id = rnd.choice([None, lead.id])
        area.created_at = NOW - timedelta(days=rnd.randint(0, 90), hours=rnd.randint(0, 23))
        area.last_progress_at = rnd.choice(
            [None, NOW - timedelta(days=rnd.randint(0, 60), hours=rnd.randint(0, 23))]
        )
        area.rag_override = rnd.choice([None, None, *Rag])
        area.rag_override_reason = "set by hand" if area.rag_override else None
        session.add(area)
    session.commit()
    assert where.id is not None
    return where.id


@pytest.mark.parametrize("day", [date(2026, 3, 2), date(2026, 3, 7), date(2026, 4, 3)])
def test_rag_counts_in_sql_match_the_rules_area_by_area(session: Session, day: date) -> None:
    authority_id = _varied_areas(session, 300, seed=day.toordinal())
    views = queries.list_areas(session, today=day, authority_id=authority_id)
    expected = Counter(v.rag for v in views)
    assert rag_counts(session, authority_id, day) == {
        r: expected[r] for r in ("red", "amber", "green")
    }
    assert sum(expected.values()) == 300 and len(expected) == 3


def test_status_counts_cover_every_status(session: Session) -> None:
    authority_id = _varied_areas(session, 50, seed=7)
    views = queries.list_areas(session, today=NOW.date(), authority_id=authority_id)
    by_status = status_counts(session, authority_id)
    assert by_status == {s.value: sum(v.status == s.value for v in views) for s in Status}
    assert sum(by_status.values()) == 50


def test_chart_axes_use_round_steps() -> None:
    assert [nice_top(n) for n in (0, 1, 3, 6, 11, 49, 120)] == [1, 1, 5, 10, 20, 50, 200]
    shapes, ticks = stacked(
        [ChartBar("a", "A", {"red": 2, "amber": 0, "green": 4}), ChartBar("b", "B", {"red": 3})]
    )
    assert [t.value for t in ticks] == [0, 2, 4, 6]
    heights = [sum(s.height for s in shape.segments) for shape in shapes]
    assert heights[0] == 2 * heights[1]
