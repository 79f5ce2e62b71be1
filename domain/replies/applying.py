"""Applying a read reply to its digest's areas: one progress update per area it names.

Each area's update goes through `record_progress`, with its checks, in a savepoint of the
reply's one transaction: an area refused (not the sender's to update, a status the workflow
does not allow from where it is, a file that is not evidence) leaves the others recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from domain.accounts.models import Person
from domain.accounts.people import actor_for
from domain.areas.models import DevelopmentArea
from domain.areas.progress import EvidenceUpload, check_upload, record_progress
from domain.areas.workflow import ALLOWED
from domain.errors import DomainError
from domain.labels import label
from domain.permissions import Actor
from domain.replies.answers import AreaRecorded
from domain.replies.mail import Attachment
from domain.replies.models import ReplyDigest, ReplyTokenUse
from domain.replies.reading import AreaText, ReadReply
from domain.vocabulary import Status


@dataclass(frozen=True)
class Target:
    """An area a reply names: its number in the digest, its id, and the words for it."""

    number: int
    area_id: int
    words: AreaText


@dataclass
class Applied:
    """What a reply recorded, and each thing it asked for that was not recorded, and why."""

    recorded: list[AreaRecorded]
    refused: list[str]


def targets_of(read: ReadReply, digest: ReplyDigest, refused: list[str]) -> list[Target]:
    """The digest's areas the reply names; a name outside the digest is refused."""
    areas = digest.areas
    found: list[Target] = []
    for words in read.areas:
        if words.by_reference:
            if words.number in areas:
                found.append(Target(areas.index(words.number) + 1, words.number, words))
            else:
                refused.append(f"reference {words.number} is not one of this reminder's areas.")
        elif 1 <= words.number <= len(areas):
            found.append(Target(words.number, areas[words.number - 1], words))
        else:
            refused.append(
                f"{words.number}: this reminder has no area numbered {words.number} "
                f"(its areas are numbered 1 to {len(areas)})."
            )
    found = _once_each(found, refused)
    if not read.areas and read.general and len(areas) > 1:
        refused.append(
            f"this reminder is about {len(areas)} areas and your reply names none of them; "
            'start each update with the area\'s number, for example "2: audit booked".'
        )
    return found


def _once_each(targets: list[Target], refused: list[str]) -> list[Target]:
    """The targets, an area named twice (by number and by reference) taken the first time."""
    seen: set[int] = set()
    kept = []
    for target in targets:
        if target.area_id in seen:
            refused.append(f"{target.number}: this area is named twice; the first was used.")
            continue
        seen.add(target.area_id)
        kept.append(target)
    return kept


def apply_reply(
    session: Session,
    read: ReadReply,
    attachments: Sequence[Attachment],
    *,
    digest: ReplyDigest,
    sender: Person,
    reply_id: int,
    now: datetime,
) -> Applied:
    """Record what the reply says on each area it names, as `sender`, once per area."""
    applied = Applied([], [])
    targets = targets_of(read, digest, applied.refused)
    if attachments and len(targets) != 1:
        names = ", ".join(a.file_name for a in attachments)
        applied.refused.append(
            f"the attached files ({names}) were not kept: name exactly one area in your reply "
            "to attach them to it."
        )
    used = set(
        session.exec(select(ReplyTokenUse.area_id).where(ReplyTokenUse.digest_id == digest.id))
    )
    by = actor_for(session, sender)
    # Commits inside record_progress release a savepoint of the reply's transaction.
    with Session(
        bind=session.connection(), join_transaction_mode="create_savepoint", expire_on_commit=False
    ) as inner:
        for target in targets:
            files = attachments if len(targets) == 1 else ()
            if target.area_id in used:
                applied.refused.append(
                    f"{target.number}: a reply to this reminder was recorded on this area "
                    "already; reply to a newer reminder or record progress in Closeout."
                )
                continue
            _one_area(inner, target, files, by, (digest.id or 0, reply_id), now, applied)
    return applied


def _one_area(
    session: Session,
    target: Target,
    attachments: Sequence[Attachment],
    by: Actor,
    ids: tuple[int, int],
    now: datetime,
    applied: Applied,
) -> None:
    """Record one area's words, status and files, or say in `applied` why not."""
    number = target.number
    area = session.get(DevelopmentArea, target.area_id)
    if area is None:
        applied.refused.append(f"{number}: this area is no longer recorded.")
        return
    status = _status_for(area.status, target.words, number, applied.refused)
    files = _checked_files(attachments, number, applied.refused)
    if not target.words.text and status is None and not files:
        applied.refused.append(f"{number}: nothing was written for this area.")
        return
    try:
        update = record_progress(
            session,
            area_id=target.area_id,
            by=by,
            now=now,
            note=target.words.text or None,
            status=status,
            files=files,
        )
    except DomainError as refused:
        session.rollback()
        applied.refused.append(f"{number}: {refused.message}")
        return
    assert update.id is not None
    session.add(
        ReplyTokenUse(
            digest_id=ids[0], area_id=target.area_id, reply_id=ids[1], update_id=update.id
        )
    )
    session.commit()
    names = tuple(f.file_name for f in files)
    applied.recorded.append(
        AreaRecorded(number, target.area_id, area.title, target.words.text, status, names)
    )


def _status_for(current: Status, words: AreaText, number: int, refused: list[str]) -> Status | None:
    """The status the words ask for, when the workflow allows it from `current`."""
    wanted = words.status
    if wanted is None:
        if len(set(words.status_words)) > 1:
            refused.append(
                f"{number}: the status was left as it was: your words "
                f"({', '.join(words.status_words)}) ask for different ones."
            )
        return None
    if wanted == current:
        return None
    if wanted not in ALLOWED[current]:
        refused.append(
            f"{number}: the status stays {label(current).lower()}: it cannot change to "
            f"{label(wanted).lower()} from there."
        )
        return None
    return wanted


def _checked_files(
    attachments: Sequence[Attachment], number: int, refused: list[str]
) -> list[EvidenceUpload]:
    """The attachments that pass the evidence checks uploads pass; the others refused."""
    kept = []
    for attachment in attachments:
        upload = EvidenceUpload(attachment.file_name, attachment.content)
        try:
            check_upload(upload)
        except DomainError as problem:
            refused.append(f"{number}: {attachment.file_name} was not kept: {problem.message}")
            continue
        kept.append(upload)
    return kept


def person_by_email(session: Session, email: str) -> Person | None:
    """The person with this email, whatever its case."""
    lowered = email.strip().lower()
    return session.exec(select(Person).where(func.lower(col(Person.email)) == lowered)).first()
