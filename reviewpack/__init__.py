"""Rendering the review pack: a self-contained HTML page, CSV rows, and a PDF of the page."""

from domain.carryover.review_pack import ReviewPack
from reviewpack.csv_rows import COLUMNS, render_pack_csv
from reviewpack.errors import PackRenderingError, PdfRenderingFailed, PdfToolMissing
from reviewpack.html import render_pack_html
from reviewpack.pdf import html_to_pdf


def render_pack_pdf(pack: ReviewPack, *, browser: str | None = None) -> bytes:
    """The pack as PDF: its stand-alone HTML page printed by headless Chromium."""
    return html_to_pdf(render_pack_html(pack, standalone=True), browser=browser)


__all__ = [
    "COLUMNS",
    "PackRenderingError",
    "PdfRenderingFailed",
    "PdfToolMissing",
    "render_pack_csv",
    "render_pack_html",
    "render_pack_pdf",
]
