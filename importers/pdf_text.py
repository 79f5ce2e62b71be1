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
_MEASURED_LAST_LINES = 8
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
        return _PageReader(textpage).lines()
    finally:
        textpage.close()
        page.close()


def _is_bold(textpage: pdfium.PdfTextPage, index: int) -> bool:
    weight = int(pdfium_c.FPDFText_GetFontWeight(textpage, index))
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


class _PageReader:
    """Reads one text page, reusing its ctypes buffers for every line."""

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self.textpage = textpage
        self.text = textpage.get_text_range()
        # Text and character indices agree unless pdfium dropped or added characters.
        self.aligned = len(self.text) == textpage.count_chars()
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.edges = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top

    def lines(self) -> list[PdfLine]:
        spans: list[tuple[str, int]] = []
        start = 0
        for match in [*_LINE_BREAK.finditer(self.text), None]:
            end = match.start() if match else len(self.text)
            line_text = self.text[start:end]
            if match and match.group() in _SOFT_HYPHENS:
                line_text += "-"
            if line_text.strip():
                spans.append((line_text, start))
            if match:
                start = match.end()
        # Only the last lines of a page need their right edge: it tells whether a paragraph
        # runs on over the page break.
        edge_from = len(spans) - _MEASURED_LAST_LINES
        return [
            self._positioned(text, begin, measure_right=number >= edge_from)
            for number, (text, begin) in enumerate(spans)
        ]

    def _char(self, text_index: int) -> int:
        if self.aligned:
            return text_index
        return int(pdfium_c.FPDFText_GetCharIndexFromTextIndex(self.textpage, text_index))

    def _positioned(self, line_text: str, start: int, *, measure_right: bool) -> PdfLine:
        # The first word character gives a baseline unaffected by bullet glyphs in larger fonts.
        word = _WORD_CHAR.search(line_text)
        first = self._char(
            start + (word.start() if word else len(line_text) - len(line_text.lstrip()))
        )
        left = baseline = right = size = 0.0
        bold = False
        if first >= 0 and pdfium_c.FPDFText_GetCharOrigin(
            self.textpage, first, ctypes.byref(self.x), ctypes.byref(self.y)
        ):
            left, baseline = self.x.value, self.y.value
            size = pdfium_c.FPDFText_GetFontSize(self.textpage, first)
            bold = _is_bold(self.textpage, first)
        last = self._char(start + len(line_text.rstrip()) - 1)
        if measure_right and last >= 0:
            edges = (ctypes.byref(edge) for edge in self.edges)
            if pdfium_c.FPDFText_GetCharBox(self.textpage, last, *edges):
                right = self.edges[1].value
        return PdfLine(line_text.replace("\x00", ""), left, baseline, right, size, bold)
