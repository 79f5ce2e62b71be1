"""Finding development areas by authority, lead, status and urgency, and their history."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from domain.accounts.absences import absence_entries
from domain.accounts.models import Authority, Person
from domain.areas.closings import closings_of
from domain.areas.facts import facts_of, next_window_start
from domain.areas.models import DevelopmentArea, DueDateChange, Evidence, ProgressUpdate
from domain.areas.pauses import pause_entries
from domain.areas.services import get_area
from domain.areas.views import AreaView, view_of
from domain.inspections.models import Finding
from domain.reminders.history import reminder_history
from domain.reminders.policy import Policy
from domain.replies.models import ReplyTokenUse
from domain.vocabulary import Status

ACTIVE = [s.value for s in Status if s.is_active]


def list_areas(
    session: Session,
    *,
    today: date,
    authority_id: int | None = None,
    owner_id: int | None = None,
    status: Status | None = None,
    overdue: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[AreaView]:
    """Areas matching every filter given, soonest due first, as seen on `today`."""
    query = select(DevelopmentArea)
    if authority_id is not None:
        query = query.where(DevelopmentArea.authority_id == authority_id)
    if owner_id is not None:
        query = query.where(DevelopmentArea.owner_id == owner_id)
    if status is not None:
        query = query.where(DevelopmentArea.status == status)
    if overdue:
        query = query.where(col(DevelopmentArea.status).in_(ACTIVE)).where(
            col(DevelopmentArea.due_date) < today
        )
    query = query.order_by(col(DevelopmentArea.due_date), col(DevelopmentArea.id))
    if limit is not None:
        query = query.limit(limit).offset(offset)
    return views_of(session, list(session.exec(query)), today)


def views_of(session: Session, areas: list[DevelopmentArea], today: date) -> list[AreaView]:
    """Read models for many areas, reading each owner, authority and window once."""
    owner_ids = {a.owner_id for a in areas if a.owner_id is not None}
    owners = {p.id: p for p in session.exec(select(Person).where(col(Person.id).in_(owner_ids)))}
    authorities: dict[int, tuple[Authority, Policy, date | None]] = {}
    closed = [a for a in areas if a.status == Status.CLOSED and a.id]
    closings = closings_of(session, [a.id or 0 for a in closed], {a.authority_id for a in closed})
    views = []
    for area in areas:
        if area.authority_id not in authorities:
            authority = session.get(Authority, area.authority_id)
            assert authority is not None
            policy, _ = Policy().read_stored(authority.policy or {})  # as the dashboard
            authorities[area.authority_id] = (
                authority,
                policy,
                next_window_start(session, area.authority_id),
            )
        authority, policy, window = authorities[area.authority_id]
        facts = facts_of(session, area, window_start=window)
        owner = owners.get(area.owner_id) if area.owner_id is not None else None
        views.append(
            view_of(
                area,
                owner=owner,
                authority=authority,
                facts=facts,
                today=today,
                policy=policy,
                closing=closings.get(area.id or 0),
            )
        )
    return views


def area_detail(session: Session, area_id: int, today: date) -> dict[str, Any]:
    """One area with the finding it came from and its whole history, oldest first."""
    area = get_area(session, area_id)
    view = views_of(session, [area], today)[0].to_dict()
    finding = session.get(Finding, area.finding_id)
    assert finding is not None
    view["finding"] = {
        "kind": finding.kind.value,
        "heading": finding.heading,
        "text": finding.text,
        "timescale": finding.timescale,
        "topic": finding.topic,
    }
    view["history"] = history_of(session, area_id)
    return view


def history_of(session: Session, area_id: int) -> list[dict[str, Any]]:
    """Progress updates, status changes and due-date changes of an area, oldest first."""
    updates = list(session.exec(select(ProgressUpdate).where(ProgressUpdate.area_id == area_id)))
    changes = list(session.exec(select(DueDateChange).where(DueDateChange.area_id == area_id)))
    people = (
        {u.author_id for u in updates}
        | {c.requested_by_id for c in changes}
        | {c.decided_by_id for c in changes}
    )
    # People are named as they are called, not by their email address.
    names = dict(
        session.exec(select(Person.id, Person.name).where(col(Person.id).in_(people))).all()
    )
    evidence: dict[int | None, list[str]] = {}
    for item in session.exec(select(Evidence).where(Evidence.area_id == area_id)):
        evidence.setdefault(item.update_id, []).append(item.url or item.file_name or "")
    # Updates recorded from an email reply to a digest say so.
    by_reply = set(
        session.exec(select(ReplyTokenUse.update_id).where(ReplyTokenUse.area_id == area_id))
    )
    entries = [
        {**_update_entry(u, names, evidence.get(u.id, [])), "by_reply": u.id in by_reply}
        for u in updates
    ]
    entries += [_change_entry(c, names) for c in changes]
    entries += _named_recipients(session, reminder_history(session, area_id))
    entries += pause_entries(session, area_id)
    area = session.get(DevelopmentArea, area_id)
    if area is not None and area.owner_id is not None:
        entries += absence_entries(session, area.owner_id)  # the current lead's absences
    entries.sort(key=lambda e: e["_order"])
    for entry in entries:
        del entry["_order"]
    return entries


def _named_recipients(session: Session, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reminder entries with the name of each one's recipient (`to` stays their address)."""
    emails = {entry["to"] for entry in entries}
    found = select(Person.email, Person.name).where(col(Person.email).in_(emails))
    called = dict(session.exec(found).all()) if emails else {}
    return [{**entry, "to_name": called.get(entry["to"], entry["to"])} for entry in entries]


# Each entry carries `_order` until history_of sorts by it: the moment, then updates before
# due-date changes before reminders made at the same moment.
def _update_entry(
    u: ProgressUpdate, names: dict[int | None, str], evidence: list[str]
) -> dict[str, Any]:
    return {
        "at": u.created_at.isoformat(),
        "type": u.kind.value,
        "by": names.get(u.author_id),
        "note": u.note,
        "status_from": u.status_from.value if u.status_from else None,
        "status_to": u.status_to.value if u.status_to else None,
        "rag": u.rag.value if u.rag else None,
        "rag_reason": u.rag_reason,
        "evidence": evidence,
        "_order": (u.created_at, 0, u.id),
    }


def _change_entry(c: DueDateChange, names: dict[int | None, str]) -> dict[str, Any]:
    return {
        "at": c.requested_at.isoformat(),
        "type": "due_date_change",
        "by": names.get(c.requested_by_id),
        "from": c.from_date.isoformat() if c.from_date else None,
        "to": c.to_date.isoformat(),
        "reason": c.reason,
        "state": c.state.value,
        "decided_by": names.get(c.decided_by_id),
        "decided_at": c.decided_at.isoformat() if c.decided_at else None,
        "decision_note": c.decision_note,
        "_order": (c.requested_at, 1, c.id),
    }
