"""Reading an uploaded letter or report, for the import page and the API alike."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from domain.inspections.documents import ParsedDocument
from importers import DocumentError, read_bytes

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
SUFFIXES = (".pdf", ".txt")


class UploadRefused(Exception):
    """An upload that is not a readable letter or report: the message says which and why."""


async def read_upload(chosen: UploadFile) -> ParsedDocument:
    """The reading of one uploaded document; UploadRefused names the file and the fault.

    Reading a PDF takes a while, so it happens off the event loop.
    """
    name = (chosen.filename or "document").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    if not name.lower().endswith(SUFFIXES):
        raise UploadRefused(f"{name}: not a PDF or text file; choose a .pdf or .txt letter")
    data = await chosen.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise UploadRefused(f"{name}: over {MAX_DOCUMENT_BYTES // 1048576} MB; is it a letter?")
    if not data:
        raise UploadRefused(f"{name}: the file is empty; choose the letter again")
    try:
        return await run_in_threadpool(read_bytes, data, source=name)
    except DocumentError as error:
        raise UploadRefused(str(error)) from None
