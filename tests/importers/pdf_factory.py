"""Small PDFs written for the tests with pdfium, so the PDF path runs on our own words."""

from __future__ import annotations

import ctypes
import io
from collections.abc import Sequence
from dataclasses import dataclass

import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

PAGE_WIDTH = 595.0
PAGE_HEIGHT = 842.0
LEFT = 72.0
TOP = 760.0
LEADING = 14.5


@dataclass(frozen=True)
class Printed:
    """One line as it should be printed: text, position, size and weight."""

    text: str
    y: float
    x: float = LEFT
    size: float = 12.0
    bold: bool = False


def column(texts: Sequence[str | tuple[str, str]], *, top: float = TOP) -> list[Printed]:
    """Lay out lines down a page: ("h", text) is a bold heading, "" a paragraph gap."""
    printed: list[Printed] = []
    y = top
    for entry in texts:
        style, text = entry if isinstance(entry, tuple) else ("", entry)
        if text == "":
            y -= LEADING
            continue
        heading = style == "h"
        printed.append(Printed(text, y, size=14.0 if heading else 12.0, bold=heading))
        y -= LEADING * (1.8 if heading else 1.0)
    return printed


def make_pdf(pages: Sequence[Sequence[Printed]]) -> bytes:
    """A PDF with one page per sequence, each line a text object in a standard font."""
    document = pdfium.PdfDocument.new()
    for lines in pages:
        page = document.new_page(PAGE_WIDTH, PAGE_HEIGHT)
        for line in lines:
            _place(document, page, line)
        pdfium_c.FPDFPage_GenerateContent(page)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _place(document: pdfium.PdfDocument, page: pdfium.PdfPage, line: Printed) -> None:
    font = b"Helvetica-Bold" if line.bold else b"Helvetica"
    text_object = pdfium_c.FPDFPageObj_NewTextObj(document, font, line.size)
    wide = (line.text + "\0").encode("utf-16-le")
    pdfium_c.FPDFText_SetText(
        text_object, ctypes.cast(ctypes.c_char_p(wide), ctypes.POINTER(ctypes.c_ushort))
    )
    pdfium_c.FPDFPageObj_Transform(text_object, 1, 0, 0, 1, line.x, line.y)
    pdfium_c.FPDFPage_InsertObject(page, text_object)


def image_only_pdf() -> bytes:
    """A page carrying a filled shape and no text at all, like a scanned page."""
    document = pdfium.PdfDocument.new()
    page = document.new_page(PAGE_WIDTH, PAGE_HEIGHT)
    shape = pdfium_c.FPDFPageObj_CreateNewRect(100, 100, 300, 400)
    pdfium_c.FPDFPath_SetDrawMode(shape, pdfium_c.FPDF_FILLMODE_ALTERNATE, 0)
    pdfium_c.FPDFPage_InsertObject(page, shape)
    pdfium_c.FPDFPage_GenerateContent(page)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def encrypted(data: bytes, password: str = "letmein") -> bytes:
    """The same PDF locked with a user password."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
