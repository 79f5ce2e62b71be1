"""Text extraction from PDF bytes with pypdfium2, keeping each line's position and weight."""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from importers.errors import CorruptDocument, EncryptedDocument, NoTextLayer

# pdfium marks a hyphen it joined across a line end with U+FFFE (and U+0002 in some builds);
# the physical line really ends there, so split and keep a visible hyphen.
_SOFT_HYPHENS = "\ufffe\x02"
_LINE_BREAK = re.compile(r"\r\n|\r|\n|[\ufffe\x02]")
_WORD_CHAR = re.compile(r"\w")
_BOLD_WEIGHT = 600
_FORCE_BOLD = 1 << 18
_FONT_NAME_BYTES = 128
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")


@dataclass(frozen=True)
class PdfLine:
    """One physical line of a page: text plus where and how it was printed."""

    text: str
    left: float
    baseline: float
    right: float
    size: float
    bold: bool


def is_pdf(data: bytes) -> bool:
    """Tell a PDF from other bytes by its header, which may follow a little junk."""
    return b"%PDF-" in data[:1024]


def extract_pdf_lines(data: bytes, source: str) -> list[list[PdfLine]]:
    """Return the lines of every page in content order; raise a DocumentError on failure."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedDocument(source, "the PDF is encrypted; supply it unlocked") from None
        raise CorruptDocument(source, f"not a readable PDF ({error})") from None
    try:
        pages = [_page_lines(document, index, source) for index in range(len(document))]
    finally:
        document.close()
    if not pages:
        raise CorruptDocument(source, "the PDF has no pages")
    if not any(pages):
        raise NoTextLayer(source, "the PDF has no text layer (scanned images?); run OCR first")
    return pages


def _page_lines(document: pdfium.PdfDocument, index: int, source: str) -> list[PdfLine]:
    try:
        page = document[index]
        textpage = page.get_textpage()
    except pdfium.PdfiumError as error:
        raise CorruptDocument(source, f"page {index + 1} cannot be read ({error})") from None
    try:
        text = textpage.get_text_range()
        return list(_lines_of(textpage, text))
    finally:
        textpage.close()
        page.close()


def _lines_of(textpage: pdfium.PdfTextPage, text: str) -> list[PdfLine]:
    lines: list[PdfLine] = []
    start = 0
    for match in [*_LINE_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        line_text = text[start:end]
        if match and match.group() in _SOFT_HYPHENS:
            line_text += "-"
        if line_text.strip():
            lines.append(_positioned(textpage, line_text, start))
        if match:
            start = match.end()
    return lines


def _is_bold(textpage: pdfium.PdfTextPage, index: int) -> bool:
    weight = pdfium_c.FPDFText_GetFontWeight(textpage, index)
    if weight > 0:
        return weight >= _BOLD_WEIGHT
    # Fonts without a weight in their descriptor still say so in their name or flags.
    flags = ctypes.c_int()
    name = ctypes.create_string_buffer(_FONT_NAME_BYTES)
    length = pdfium_c.FPDFText_GetFontInfo(
        textpage, index, name, _FONT_NAME_BYTES, ctypes.byref(flags)
    )
    font = name.raw[: max(0, min(length, _FONT_NAME_BYTES) - 1)].decode("latin-1").lower()
    return bool(flags.value & _FORCE_BOLD) or any(word in font for word in _BOLD_NAMES)


def _positioned(textpage: pdfium.PdfTextPage, line_text: str, start: int) -> PdfLine:
    # The first word character gives a baseline unaffected by bullet glyphs in larger fonts.
    word = _WORD_CHAR.search(line_text)
    first = start + (word.start() if word else len(line_text) - len(line_text.lstrip()))
    last = start + len(line_text.rstrip()) - 1
    first_char = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, first)
    last_char = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, last)
    x, y = ctypes.c_double(), ctypes.c_double()
    left = bottom = right = 0.0
    size = 0.0
    bold = False
    if first_char >= 0 and pdfium_c.FPDFText_GetCharOrigin(
        textpage, first_char, ctypes.byref(x), ctypes.byref(y)
    ):
        left = x.value
        bottom = y.value
        size = pdfium_c.FPDFText_GetFontSize(textpage, first_char)
        bold = _is_bold(textpage, first_char)
    if last_char >= 0:
        edges = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top
        if pdfium_c.FPDFText_GetCharBox(textpage, last_char, *(ctypes.byref(e) for e in edges)):
            right = edges[1].value
    return PdfLine(
        text=line_text.replace("\x00", ""),
        left=left,
        baseline=bottom,
        right=right,
        size=size,
        bold=bold,
    )
