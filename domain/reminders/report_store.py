"""Readiness reports kept in the database, one per authority and day, for the web to list.

The weekly flow renders each report and keeps it here (and as a Prefect artifact), so every
web instance shows the same reports and nothing is written to a machine's own disk.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, Session, SQLModel, col, select

from domain.accounts.models import Authority
from domain.accounts.visibility import home_authority
from domain.columns import UTCDateTime
from domain.errors import NotFound, NotPermitted
from domain.permissions import Action, Actor, Scope, require
from domain.vocabulary import Role

READERS = frozenset({Role.DIRECTOR, Role.ADMIN})
LISTED = 100  # the newest reports an authority's list shows


class KeptReport(SQLModel, table=True):
    """One authority's readiness report as rendered on a run's day; a second run of the same
    day replaces it. Not unique by day: merging two authorities keeps both of a day's reports."""

    __tablename__ = "readiness_report"

    id: int | None = Field(default=None, primary_key=True)
    authority_id: int = Field(foreign_key="authority.id", index=True)
    run_date: date
    window_opens: date
    subject: str = Field(max_length=300)
    text: str = Field(sa_column=Column(Text(), nullable=False))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


def keep_report(
    session: Session,
    *,
    authority_id: int,
    run_date: date,
    window_opens: date,
    subject: str,
    text: str,
    now: datetime,
) -> KeptReport:
    """Keep the report of `authority_id` for `run_date`, replacing that day's earlier one."""
    query = select(KeptReport).where(
        KeptReport.authority_id == authority_id, KeptReport.run_date == run_date
    )
    kept = session.exec(query).first() or KeptReport(
        authority_id=authority_id,
        run_date=run_date,
        window_opens=window_opens,
        subject=subject,
        text=text,
        created_at=now,
    )
    kept.window_opens, kept.subject, kept.text, kept.created_at = window_opens, subject, text, now
    session.add(kept)
    session.commit()
    session.refresh(kept)
    return kept


def _require_reader(actor: Actor) -> None:
    if actor.role not in READERS:
        raise NotPermitted(
            f"{actor.name} ({actor.role.value}) may not read readiness reports; "
            "directors and administrators may"
        )


def reports_of(
    session: Session, actor: Actor, authority: str | int | None
) -> tuple[Authority, list[KeptReport]]:
    """The authority asked for (else the reader's own) and its newest reports first."""
    _require_reader(actor)
    found = home_authority(session, actor, authority)
    query = (
        select(KeptReport)
        .where(KeptReport.authority_id == found.id)
        .order_by(col(KeptReport.run_date).desc())
        .limit(LISTED)
    )
    return found, list(session.exec(query))


def kept_report(session: Session, actor: Actor, report_id: int) -> tuple[Authority, KeptReport]:
    """One kept report and its authority, if `actor` may read it."""
    _require_reader(actor)
    kept = session.get(KeptReport, report_id)
    if kept is None:
        raise NotFound(f"readiness report {report_id} is not recorded")
    require(actor, Action.READ, Scope(kept.authority_id), f"readiness report {report_id}")
    authority = session.get(Authority, kept.authority_id)
    assert authority is not None
    return authority, kept
