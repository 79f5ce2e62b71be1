"""Evidence files kept in the database: the bytes of each, beside its evidence record.

Every web instance reads the same database, so a file uploaded through one is served by all.
The bytes sit in a table of their own, so listing an area's evidence never reads them, and
they are read back in slices, so a download is streamed rather than held whole in memory.
Files recorded before (under the var folder, `Evidence.file_path`) are moved in by
`move_file`, one transaction each; until then the web serves them from the folder.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Column, LargeBinary, func
from sqlalchemy.engine import Engine
from sqlmodel import Field, Session, SQLModel, col, select

from domain.areas.models import Evidence

CHUNK_BYTES = 256 * 1024


class EvidenceContent(SQLModel, table=True):
    """The bytes of one uploaded evidence file (at most evidence_files.MAX_EVIDENCE_BYTES)."""

    __tablename__ = "evidence_content"

    evidence_id: int = Field(foreign_key="evidence.id", primary_key=True)
    content: bytes = Field(sa_column=Column(LargeBinary(), nullable=False))


def is_in_database(session: Session, evidence_id: int) -> bool:
    """Whether the file's bytes are kept in the database (else under the var folder)."""
    found = session.exec(
        select(EvidenceContent.evidence_id).where(EvidenceContent.evidence_id == evidence_id)
    ).first()
    return found is not None


def chunks(engine: Engine, evidence_id: int, size_bytes: int) -> Iterator[bytes]:
    """The file's bytes in slices of CHUNK_BYTES, each read in a short session of its own,
    so a slow download holds no connection between slices."""
    start = 1  # SQL counts bytes from 1, on SQLite and PostgreSQL alike
    while start <= size_bytes:
        piece = func.substr(col(EvidenceContent.content), start, CHUNK_BYTES)
        with Session(engine) as session:
            data = session.exec(
                select(piece).where(EvidenceContent.evidence_id == evidence_id)
            ).one()
        if not data:
            return
        yield bytes(data)
        start += CHUNK_BYTES


def files_on_disk(session: Session) -> list[Evidence]:
    """Evidence files still kept under the var folder, oldest first."""
    query = select(Evidence).where(col(Evidence.file_path).is_not(None)).order_by(col(Evidence.id))
    return list(session.exec(query))


def move_file(session: Session, item: Evidence, content: bytes) -> None:
    """Keep `content` as `item`'s bytes in the database and forget its path on disk, in one
    transaction (the file itself is left for the operator to remove)."""
    assert item.id is not None
    if not is_in_database(session, item.id):
        session.add(EvidenceContent(evidence_id=item.id, content=content))
    item.file_path = None
    item.size_bytes = len(content)
    session.add(item)
    session.commit()
