"""Keeping uploaded evidence files under var/evidence/, one folder per area and upload."""

from __future__ import annotations

import secrets
import shutil
from datetime import datetime
from pathlib import Path

from sqlmodel import Session
from starlette.datastructures import UploadFile

from domain.models import Evidence
from domain.rules.evidence_files import EvidenceFile, check_evidence_file

HEAD_BYTES = 16


async def accept(upload: UploadFile) -> EvidenceFile:
    """Check the chosen file's type, size and first bytes; InvalidEvidenceFile if wrong."""
    head = await upload.read(HEAD_BYTES)
    await upload.seek(0)
    size = upload.size if upload.size is not None else len(head)
    return check_evidence_file(upload.filename or "evidence", size, head)


def store(
    session: Session,
    *,
    root: Path,
    area_id: int,
    update_id: int,
    added_by_id: int,
    now: datetime,
    upload: UploadFile,
    accepted: EvidenceFile,
) -> Evidence:
    """Write the file beside no other and record it against the progress update it came with.

    Called only after progress.record_progress accepted the update, so the rules that let
    the person record progress on the area have already been applied.
    """
    relative = Path(str(area_id)) / secrets.token_hex(8) / accepted.name
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as out:
        shutil.copyfileobj(upload.file, out)
    item = Evidence(
        area_id=area_id,
        update_id=update_id,
        added_by_id=added_by_id,
        added_at=now,
        file_path=relative.as_posix(),
        file_name=accepted.name,
        content_type=accepted.content_type,
        size_bytes=accepted.size_bytes,
    )
    try:
        session.add(item)
        session.commit()
    except Exception:
        session.rollback()
        target.unlink(missing_ok=True)
        raise
    session.refresh(item)
    return item


def path_of(root: Path, item: Evidence) -> Path:
    """Where a stored file lives; refuses a recorded path that would leave `root`."""
    assert item.file_path is not None
    resolved = (root / item.file_path).resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise ValueError(f"evidence {item.id} points outside the evidence folder")
    return resolved
