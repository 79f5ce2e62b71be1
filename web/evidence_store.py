"""Keeping uploaded evidence files under var/evidence/, one folder per area and upload."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from pathlib import Path

from starlette.datastructures import UploadFile

from domain.areas.evidence_files import EvidenceFile, check_evidence_file
from domain.areas.models import Evidence
from domain.areas.progress import StoredFile
from infra.private_files import create_private_file, private_folder

HEAD_BYTES = 16


async def accept(upload: UploadFile) -> EvidenceFile:
    """Check the chosen file's type, size and first bytes; InvalidEvidenceFile if wrong."""
    head = await upload.read(HEAD_BYTES)
    await upload.seek(0)
    size = upload.size if upload.size is not None else len(head)
    return check_evidence_file(upload.filename or "evidence", size, head)


def write(root: Path, *, area_id: int, upload: UploadFile, accepted: EvidenceFile) -> StoredFile:
    """Write the file into a folder of its own; the caller records it with the update and
    calls `discard` if that fails, so no evidence row ever points at a missing file."""
    relative = Path(str(area_id)) / secrets.token_hex(8) / accepted.name
    target = root / relative
    private_folder(target.parent)  # each folder owner-only, as is the file
    with os.fdopen(create_private_file(target), "wb") as out:
        shutil.copyfileobj(upload.file, out)
    return StoredFile(
        file_path=relative.as_posix(),
        file_name=accepted.name,
        content_type=accepted.content_type,
        size_bytes=accepted.size_bytes,
    )


def discard(root: Path, stored: StoredFile) -> None:
    """Remove a written file whose update was not recorded."""
    target = root / stored.file_path
    target.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # the folder holds only this file
        target.parent.rmdir()


def path_of(root: Path, item: Evidence) -> Path:
    """Where a stored file lives; refuses a recorded path that would leave `root`."""
    assert item.file_path is not None
    resolved = (root / item.file_path).resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise ValueError(f"evidence {item.id} points outside the evidence folder")
    return resolved
