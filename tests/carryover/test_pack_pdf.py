"""The review pack printed to PDF by headless Chromium, and read back with pypdf."""

from __future__ import annotations

import io
import os
import shutil
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader
from sqlmodel import Session

from domain.carryover.review_pack import build_review_pack
from domain.permissions import SYSTEM
from reviewpack import PdfToolMissing, render_pack_pdf
from reviewpack.pdf import BROWSERS
from tests.carryover.conftest import STATEMENT, build_world, record_known_history


def _require_chromium() -> None:
    if any(shutil.which(name) for name in BROWSERS):
        return
    if os.environ.get("CI"):
        pytest.fail("CI must print the review pack: install Debian's chromium package")
    pytest.skip("no Chromium on this machine to print the PDF with")


@pytest.mark.browser
def test_the_pdf_holds_the_statement_the_carried_area_and_its_history(
    session: Session,
) -> None:
    _require_chromium()
    history = record_known_history(build_world(session, "London Borough of Southwark"))

    pdf = render_pack_pdf(
        build_review_pack(
            session, authority="Southwark", by=SYSTEM, today=date(2011, 5, 3), since=None
        )
    )

    pages = PdfReader(io.BytesIO(pdf)).pages
    # NFKC undoes the ligatures (fi, fl) the PDF's fonts draw with.
    text = " ".join(unicodedata.normalize("NFKC", page.extract_text()) for page in pages)
    text = " ".join(text.split())
    assert pdf.startswith(b"%PDF-")
    assert "Review pack: London Borough of Southwark" in text
    assert " ".join(STATEMENT.split()) in text
    for entry in (
        "Carried over",
        "CAF training for every school",
        "CAF audit begun",
        "CAF champions named in every school",
        "Health partners joined late",
        f"Area {history.caf_2011.id}: Implementation of the CAF",
    ):
        assert entry in text, entry
    assert text.index(f"Area {history.caf_2011.id}:") < text.index(
        f"Area {history.conferences_2011.id}:"
    )


def test_a_missing_chromium_is_one_clear_error(session: Session) -> None:
    world = build_world(session)
    pack = build_review_pack(
        session, authority=world.authority.name, by=SYSTEM, today=date(2011, 5, 3)
    )

    with pytest.raises(PdfToolMissing) as raised:
        render_pack_pdf(pack, browser="no-such-chromium")

    assert str(raised.value) == (
        "no Chromium found (looked for no-such-chromium); install Debian's 'chromium' "
        "package to print the PDF, or choose --format html"
    )
