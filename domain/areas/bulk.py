"""Giving many areas their leads at once, as straight after a letter is recorded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from domain.areas.models import DevelopmentArea
from domain.areas.services import check_due_date, get_area, give_lead, lead_for, scope_of
from domain.errors import InvalidInput, NotFound, StaleVersion
from domain.inspections.services import get_inspection
from domain.permissions import Action, Actor, require

MAX_AT_ONCE = 500


@dataclass(frozen=True)
class Assignment:
    """One area's lead (by email) and the due date agreed with them (None keeps it)."""

    area_id: int
    lead_email: str
    due: date | None = None


def assign_many(
    session: Session,
    assignments: Sequence[Assignment],
    *,
    by: Actor,
    now: datetime,
    inspection_id: int | None = None,
) -> list[DevelopmentArea]:
    """Give every area its lead and due date in one transaction, or none of them.

    Every assignment is checked first; when any is not valid, one InvalidInput names each
    one and nothing is written. Refusals of permission and unknown areas are raised as they
    are, for the first one met, so a caller can answer 403 or 404. Given `inspection_id`,
    every area must be one of that inspection's.
    """
    if not assignments:
        raise InvalidInput("choose at least one area and its lead")
    if len(assignments) > MAX_AT_ONCE:
        raise InvalidInput(f"{len(assignments)} areas is more than {MAX_AT_ONCE} at once")
    if len({a.area_id for a in assignments}) < len(assignments):
        raise InvalidInput("an area is named twice; give each area once")
    prepared, problems = [], []
    for item in assignments:
        area = get_area(session, item.area_id)
        require(by, Action.ASSIGN, scope_of(area), f"development area {item.area_id}")
        try:
            if inspection_id is not None and area.inspection_id != inspection_id:
                raise InvalidInput(f"it is not an area of inspection {inspection_id}")
            owner = lead_for(session, area, item.lead_email)
            if item.due is not None:
                check_due_date(get_inspection(session, area.inspection_id), item.due)
        except (InvalidInput, NotFound) as error:
            problems.append(f"area {item.area_id}: {error.message}")
            continue
        prepared.append((area, owner, item.due))
    if problems:
        raise InvalidInput(
            f"{len(problems)} of {len(assignments)} not valid, nothing assigned: "
            + "; ".join(problems)
        )
    try:
        for area, owner, due in prepared:
            give_lead(session, area, owner, due=due, by=by, now=now)
        session.commit()
    except StaleDataError as exc:
        session.rollback()
        raise StaleVersion(
            "an area was changed by someone else just now; reload and assign again"
        ) from exc
    except Exception:
        session.rollback()
        raise
    for area, _, _ in prepared:
        session.refresh(area)
    return [area for area, _, _ in prepared]
