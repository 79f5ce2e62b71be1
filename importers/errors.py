"""Errors raised when a file cannot be read as an inspection document."""

from __future__ import annotations


class DocumentError(Exception):
    """A file could not be turned into a parsed inspection document.

    The hierarchy::

        DocumentError
        ├── EncryptedDocument        the PDF needs a password
        ├── CorruptDocument          the bytes are not a readable PDF or text file
        ├── NoTextLayer              the PDF has pages but no extractable text (scanned images)
        └── NotAnInspectionDocument  readable text, but nothing an inspection document carries

    Every message is one line that names the file and the reason.
    """

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        # Keep the message on one line whatever the file name or the underlying library says.
        super().__init__(" ".join(f"{source}: {reason}".splitlines()))

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str]]:
        # Errors cross process boundaries when documents are parsed in parallel.
        return (type(self), (self.source, self.reason))


class EncryptedDocument(DocumentError):
    """The PDF is encrypted and cannot be opened without a password."""


class CorruptDocument(DocumentError):
    """The file is damaged, truncated, or neither a PDF nor UTF-8 text."""


class NoTextLayer(DocumentError):
    """The PDF opens but carries no text layer, as with scanned page images."""


class NotAnInspectionDocument(DocumentError):
    """The text carries no title, dates or findings of an Ofsted inspection document."""
