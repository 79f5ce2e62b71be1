"""Which uploaded evidence files are accepted: known office, PDF, image and text types."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from domain.errors import InvalidEvidenceFile

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
HEAD_BYTES = 16  # enough of a file's start to tell its type by
_ZIP = b"PK\x03\x04"
# Extension → (content type, the bytes such a file starts with; None for plain text).
ACCEPTED: dict[str, tuple[str, bytes | None]] = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", _ZIP),
    ".odt": ("application/vnd.oasis.opendocument.text", _ZIP),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", _ZIP),
    ".csv": ("text/csv", None),
    ".txt": ("text/plain", None),
}


@dataclass(frozen=True)
class EvidenceFile:
    """An accepted file: a name safe to store and the content type it is served with."""

    name: str
    content_type: str
    size_bytes: int


def safe_file_name(name: str) -> str:
    """The file's own name without folders, with only letters, digits, '.', '-' and '_'."""
    base = PurePath(name.replace("\\", "/")).name
    stem, dot, suffix = base.rpartition(".")
    stem, suffix = (stem, suffix) if dot else (base, "")
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:80] or "evidence"
    extension = re.sub(r"[^a-z0-9]+", "", suffix.lower())[:10]
    return f"{cleaned}.{extension}" if extension else cleaned


def check_evidence_file(name: str, size_bytes: int, head: bytes) -> EvidenceFile:
    """Accept a file by its extension, size and first bytes, or raise InvalidEvidenceFile."""
    safe = safe_file_name(name)
    suffix = PurePath(safe).suffix.lower()
    if suffix not in ACCEPTED:
        raise InvalidEvidenceFile(
            f"evidence file {name!r} is not an accepted type; use one of: "
            + ", ".join(sorted(ACCEPTED))
        )
    if size_bytes == 0:
        raise InvalidEvidenceFile(f"evidence file {name!r} is empty; choose the file again")
    if size_bytes > MAX_EVIDENCE_BYTES:
        raise InvalidEvidenceFile(
            f"evidence file {name!r} is {size_bytes / 1048576:.1f} MB; "
            f"the limit is {MAX_EVIDENCE_BYTES // 1048576} MB"
        )
    content_type, magic = ACCEPTED[suffix]
    looks_right = head.startswith(magic) if magic else b"\x00" not in head
    if not looks_right:
        raise InvalidEvidenceFile(
            f"evidence file {name!r} does not look like a {suffix} file; "
            "save it again in that format or choose another file"
        )
    return EvidenceFile(safe, content_type, size_bytes)
