"""Ofsted inspection documents in, findings out: one entry for every document family.

``read_document`` reads a PDF or text file, ``parse_text`` parses text already extracted; both
return a ``ParsedDocument`` or raise a ``DocumentError``::

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
from importers.reader import parse_text, read_document

__all__ = [
    "CorruptDocument",
    "DocumentError",
    "EncryptedDocument",
    "FindingInput",
    "NoTextLayer",
    "NotAnInspectionDocument",
    "ParsedDocument",
    "parse_text",
    "read_document",
]
