"""The RAG rating as a SQL expression, so dashboards count ratings in the database.

It restates domain.areas.rag with the cutoffs of domain.areas.rag_cutoffs; a test checks the
two agree on every kind of area.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, and_, case, cast, func, not_, or_
from sqlmodel import col

from domain.areas.models import DevelopmentArea
from domain.areas.rag_cutoffs import RagCutoffs
from domain.vocabulary import Status

ACTIVE = [s.value for s in Status if s.is_active]


def is_active() -> Any:
    return col(DevelopmentArea.status).in_(ACTIVE)


def is_overdue(today: Any) -> Any:
    return and_(is_active(), col(DevelopmentArea.due_date) < today)


def rag_expression(cut: RagCutoffs) -> Any:
    """'red', 'amber' or 'green' for each area, as `assess_rag` rates it on `cut.today`."""
    area = DevelopmentArea
    due = col(area.due_date)
    activity = func.coalesce(col(area.last_progress_at), col(area.created_at))
    amber = [
        activity < cut.stale_before,
        due.is_(None),
        col(area.owner_id).is_(None),
        # Due today or soon and not started.
        and_(col(area.status) == Status.OPEN, due >= cut.today, due <= cut.due_soon_until),
    ]
    if cut.at_risk_from is not None:
        amber.append(due >= cut.at_risk_from)
    return case(
        (not_(is_active()), "green"),
        (col(area.rag_override).is_not(None), cast(col(area.rag_override), String)),
        (or_(col(area.status) == Status.BLOCKED, due < cut.today), "red"),
        (or_(*amber), "amber"),
        else_="green",
    )
