"""Evidence files in and out of the web: an upload checked and read, a download streamed.

Uploads are kept in the database with their progress update (domain.areas.evidence_store);
files recorded before that, under var/evidence/, are served from there until
`closeout evidence move-to-database` moves them in.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.responses import FileResponse, Response, StreamingResponse
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.datastructures import UploadFile

from domain.areas.evidence_files import HEAD_BYTES, MAX_EVIDENCE_BYTES, check_evidence_file
from domain.areas.evidence_store import chunks, is_in_database
from domain.areas.models import Evidence
from domain.areas.progress import EvidenceUpload


async def read_upload(upload: UploadFile) -> EvidenceUpload:
    """The chosen file, checked by type, size and first bytes before it is read whole;
    InvalidEvidenceFile if wrong."""
    head = await upload.read(HEAD_BYTES)
    await upload.seek(0)
    name = upload.filename or "evidence"
    size = upload.size if upload.size is not None else len(head)
    check_evidence_file(name, size, head)
    content = await upload.read(MAX_EVIDENCE_BYTES + 1)
    return EvidenceUpload(file_name=name, content=content)


def download(session: Session, engine: Engine, root: Path, item: Evidence) -> Response:
    """The file as an attachment: streamed from the database, or from the folder for a file
    recorded there before."""
    assert item.id is not None and item.file_name is not None
    media_type = item.content_type or "application/octet-stream"
    if is_in_database(session, item.id):
        size = item.size_bytes or 0
        return StreamingResponse(
            chunks(engine, item.id, size),
            media_type=media_type,
            headers={
                # The stored name holds only letters, digits, '.', '-' and '_'.
                "Content-Disposition": f'attachment; filename="{item.file_name}"',
                "Content-Length": str(size),
            },
        )
    return FileResponse(
        path_of(root, item),
        media_type=media_type,
        filename=item.file_name,
        content_disposition_type="attachment",
    )


def path_of(root: Path, item: Evidence) -> Path:
    """Where a file recorded on disk lives; refuses a recorded path that would leave `root`."""
    assert item.file_path is not None
    resolved = (root / item.file_path).resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise ValueError(f"evidence {item.id} points outside the evidence folder")
    return resolved
