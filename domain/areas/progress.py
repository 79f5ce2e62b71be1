"""Recording progress: notes, status changes, RAG ratings, evidence and sign-off."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any
from urllib.parse import urlparse

from sqlmodel import Session

from domain.areas.evidence_files import HEAD_BYTES, EvidenceFile, check_evidence_file
from domain.areas.evidence_store import EvidenceContent
from domain.areas.facts import facts_of, without_override
from domain.areas.models import DevelopmentArea, Evidence, ProgressUpdate
from domain.areas.rag import computed_rag
from domain.areas.services import get_area, guarded_commit, scope_of
from domain.areas.sign_off import check_evidence_for_sign_off
from domain.areas.workflow import check_transition, is_sign_off
from domain.calendar import london_date
from domain.errors import InvalidInput, MissingReason, StaleVersion
from domain.free_text import LINK_LIMIT, NOTE_LIMIT, REASON_LIMIT, checked_optional, checked_text
from domain.labels import label
from domain.permissions import Action, Actor, recorded_id, require
from domain.vocabulary import Rag, Status, UpdateKind


@dataclass(frozen=True)
class EvidenceUpload:
    """An evidence file as uploaded, to be checked and kept in the database with its update."""

    file_name: str
    content: bytes = field(repr=False)


def check_evidence_link(url: str) -> str:
    """Accept an http(s) link to evidence; refuse anything else with the reason."""
    link = checked_text(url, "evidence link", limit=LINK_LIMIT, field="evidence_url")
    parsed = urlparse(link)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or len(link.split()) > 1:
        raise InvalidInput(
            f"evidence {url!r} is not a web link; give an http:// or https:// address",
            field="evidence_url",
        )
    return link


def record_progress(
    session: Session,
    *,
    area_id: int,
    by: Actor,
    now: datetime,
    note: str | None = None,
    status: Status | None = None,
    rag: Rag | None = None,
    rag_reason: str | None = None,
    clear_rag: bool = False,
    evidence: Sequence[str] = (),
    files: Sequence[EvidenceUpload] = (),
    expected_version: int | None = None,
) -> ProgressUpdate:
    """Add one progress update; status, RAG and evidence change with it or not at all.

    A RAG that differs from the rules' own rating is an override and needs its own reason,
    `rag_reason` (the note is what happened, not why the rating differs). Closing a completed
    area is the sign-off, which the authority may refuse for a priority action with no evidence.
    """
    area = get_area(session, area_id)
    require(by, Action.RECORD_PROGRESS, scope_of(area), f"development area {area_id}")
    _check_version(area, expected_version)
    links = [check_evidence_link(url) for url in evidence]
    accepted = [(check_upload(upload), upload.content) for upload in files]
    text, rag_reason = _checked_words(note, rag_reason)
    if status is None and rag is None and not clear_rag and not text and not links and not files:
        raise InvalidInput(
            f"enter a note, a status, a rating or evidence: the update to development area "
            f"{area_id} is empty"
        )
    new_status = status or area.status
    adding = bool(links or files)
    update = _update(session, area, new_status, by=by, now=now, note=text, rag=rag, adding=adding)
    override = (
        (None, None)
        if clear_rag or rag is None
        else _override(session, area, new_status, rag, rag_reason, london_date(now))
    )
    update.rag_reason = override[1]
    with guarded_commit(session, area_id):
        if clear_rag or rag is not None:
            area.rag_override, area.rag_override_reason = override
        area.status = new_status
        area.last_progress_at = area.updated_at = now
        session.add(area)
        session.add(update)
        session.flush()  # one UPDATE of the area, so its version moves on by exactly one
        for url in links:
            session.add(_evidence(update, by, now, url=url))
        for checked, content in accepted:
            fields = {"file_name": checked.name, "content_type": checked.content_type}
            item = _evidence(update, by, now, size_bytes=checked.size_bytes, **fields)
            _keep_file(session, item, content)
    session.refresh(update)
    return update


def _checked_words(note: str | None, rag_reason: str | None) -> tuple[str, str | None]:
    """The note and RAG reason as recorded; refused whole when longer than their limits or
    holding a control character (see free_text), never cut."""
    return (
        checked_text(note or "", "note", limit=NOTE_LIMIT, field="note"),
        checked_optional(rag_reason, "RAG reason", limit=REASON_LIMIT, field="rag_reason"),
    )


def _check_version(area: DevelopmentArea, expected: int | None) -> None:
    if expected is not None and expected != area.version:
        raise StaleVersion(
            f"development area {area.id} is at version {area.version}, not "
            f"{expected}: someone updated it first; reload and apply your change again"
        )


def _update(
    session: Session,
    area: DevelopmentArea,
    new_status: Status,
    *,
    by: Actor,
    now: datetime,
    note: str,
    rag: Rag | None,
    adding: bool,
) -> ProgressUpdate:
    """The history entry of an update that moves `area` to `new_status`: a sign-off when it
    closes a completed area, which needs its own right and, for a priority action, evidence
    where the authority asks for it (`adding` says whether the update brings some)."""
    assert area.id is not None
    kind = UpdateKind.PROGRESS
    moves = new_status != area.status
    if moves:
        check_transition(area.status, new_status)
        if is_sign_off(area.status, new_status):
            require(by, Action.SIGN_OFF, scope_of(area), f"development area {area.id}")
            check_evidence_for_sign_off(session, area, adding=adding)
            kind = UpdateKind.SIGN_OFF
    return ProgressUpdate(
        area_id=area.id,
        author_id=recorded_id(by),
        kind=kind,
        created_at=now,
        note=note,
        status_from=area.status if moves else None,
        status_to=new_status if moves else None,
        rag=rag,
    )


def check_upload(upload: EvidenceUpload) -> EvidenceFile:
    """The upload's name, type and size as recorded, checked as every adapter's are."""
    head = upload.content[:HEAD_BYTES]
    return check_evidence_file(upload.file_name, len(upload.content), head)


def _keep_file(session: Session, item: Evidence, content: bytes) -> None:
    """Record a file's evidence row and its bytes, in the transaction of its update."""
    session.add(item)
    session.flush()
    assert item.id is not None
    session.add(EvidenceContent(evidence_id=item.id, content=content))


def _evidence(update: ProgressUpdate, by: Actor, now: datetime, **source: Any) -> Evidence:
    """Evidence recorded with `update`: a link (`url`) or a stored file's fields."""
    return Evidence(
        area_id=update.area_id,
        update_id=update.id,
        added_by_id=recorded_id(by),
        added_at=now,
        **source,
    )


def _override(
    session: Session,
    area: DevelopmentArea,
    status: Status,
    rag: Rag,
    reason: str | None,
    today: date,
) -> tuple[Rag | None, str | None]:
    """The override to store for `rag`: none when it agrees with the rules' rating, else
    `rag` with its reason, which must be given."""
    facts = replace(without_override(facts_of(session, area)), status=status)
    computed = computed_rag(facts, today)
    if rag == computed.rating:
        return None, None
    if not reason:
        raise MissingReason(
            f"enter why you are changing the rating to {label(rag).lower()}: the rules give "
            f"{label(computed.rating).lower()} ({'; '.join(computed.reasons)})",
            field="rag_reason",
        )
    return rag, reason


def sign_off(
    session: Session, *, area_id: int, by: Actor, now: datetime, note: str | None = None
) -> ProgressUpdate:
    """Close a completed area; only a manager, director or administrator may."""
    return record_progress(
        session, area_id=area_id, by=by, now=now, note=note or "Signed off", status=Status.CLOSED
    )
