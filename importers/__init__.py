"""Ofsted inspection documents in, findings out: one entry for every document family.

``read_document`` reads a PDF or text file, ``read_bytes`` the same given its bytes, and
``parse_text`` parses text already extracted; each returns a ``ParsedDocument`` or raises a
``DocumentError``::

    DocumentError
    ├── EncryptedDocument
    ├── CorruptDocument
    ├── NoTextLayer
    └── NotAnInspectionDocument
"""

from domain.inspections.documents import FindingInput, ParsedDocument
from importers.errors import (
    CorruptDocument,
    DocumentError,
    EncryptedDocument,
    NotAnInspectionDocument,
    NoTextLayer,
)
from importers.reader import parse_text, read_bytes, read_document

__all__ = [
    "CorruptDocument",
    "DocumentError",
    "EncryptedDocument",
    "FindingInput",
    "NoTextLayer",
    "NotAnInspectionDocument",
    "ParsedDocument",
    "parse_text",
    "read_bytes",
    "read_document",
]
