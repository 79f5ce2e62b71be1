"""The carry-over commands and `closeout pack`, end to end on a fresh database."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from reviewpack.pdf import BROWSERS
from tests.cli.conftest import Run, as_json

MANAGER = "mo.manager@southwark.example"
INSPECTOR = "ira.inspector@ofsted.example"


def _two_inspections(closeout: Run) -> None:
    """Southwark with a manager and an inspector, and two letters entered by hand."""
    where = ("--authority", "London Borough of Southwark")
    letter = ("inspection", "add", *where, "--kind", "ucra-letter")
    for args in (
        ("authority", "add", where[1]),
        ("person", "add", "Mo Manager", "--email", MANAGER, "--role", "manager", *where),
        ("person", "add", "Ira Inspector", "--email", INSPECTOR, "--role", "inspector", *where),
        (*letter, "--start", "2010-04-20", "--end", "2010-04-21"),
        (*letter, "--start", "2011-02-01", "--end", "2011-02-02"),
        *(
            ("area", "add", "--inspection", inspection, "--text", text)
            for inspection, text in (
                ("1", "Embed the common assessment framework (CAF) across all partner agencies."),
                ("1", "Improve the recording of management oversight on case files."),
                ("2", "Implementation of the CAF remains underdeveloped across partner agencies."),
                ("2", "Too few child protection enquiries lead to initial conferences."),
            )
        ),
    ):
        result = closeout(*args)
        assert result.exit_code == 0, result.output


def test_suggest_confirm_decide_and_the_pack_from_the_command_line(
    closeout: Run, tmp_path: Path
) -> None:
    _two_inspections(closeout)

    suggested = as_json(closeout("carryover", "suggest", "--inspection", "2", "--format", "json"))
    confirmed = closeout("carryover", "confirm", "3", "--from", "1", "--by", MANAGER)
    again = as_json(closeout("carryover", "suggest", "--inspection", "2", "--format", "json"))
    no_statement = closeout("carryover", "decide", "2", "--addressed", "--by", MANAGER)
    addressed = closeout(
        "carryover", "decide", "2", "--addressed", "--by", MANAGER, "--note", "Audit at 95%"
    )
    pack = closeout("pack", "--authority", "Southwark", "--format", "csv", "--by", INSPECTOR)

    assert [(s["area_id"], s["earlier_area_id"]) for s in suggested] == [(3, 1)]
    assert suggested[0]["matched_words"][0] == "common assessment framework"
    assert suggested[0]["score"] > 0.2 and suggested[0]["repeat"] is False
    assert confirmed.exit_code == 0, confirmed.output
    assert confirmed.stdout == (
        "development area 3 carries over area 1 (carried through 1 inspection(s)); "
        "area 1 is closed as carried over\n"
    )
    assert again == []
    assert no_statement.exit_code == 2
    assert no_statement.stderr.startswith("error: closing development area 2 as addressed needs")
    assert addressed.stdout == "development area 2 closed as addressed at inspection 2\n"
    rows = list(csv.DictReader(io.StringIO(pack.stdout)))
    assert [(r["area_id"], r["status"], r["carried_to"]) for r in rows] == [
        ("3", "open", ""),
        ("1", "closed", "3"),
        ("4", "open", ""),
        ("2", "closed", ""),
    ]


def test_the_suggestion_table_lists_the_areas_awaiting_a_decision(closeout: Run) -> None:
    _two_inspections(closeout)

    table = closeout("carryover", "suggest", "--inspection", "2")

    assert table.exit_code == 0, table.output
    assert "common assessment framework" in table.stdout
    assert table.stdout.splitlines()[-2:] == [
        "awaiting a decision: area 1: Embed the common assessment framework (CAF) across all "
        "partner agencies",
        "awaiting a decision: area 2: Improve the recording of management oversight on case files",
    ]


def test_carrying_as_is_makes_a_copy_on_the_latest_inspection(closeout: Run) -> None:
    _two_inspections(closeout)

    result = closeout("carryover", "decide", "2", "--carry", "--by", MANAGER)
    shown = as_json(closeout("area", "show", "5", "--format", "json"))

    assert result.stdout == "development area 2 carried over as is to area 5 of inspection 2\n"
    assert (shown["carried_from"], shown["carry_count"], shown["inspection_id"]) == (2, 1, 2)


def test_an_inspector_may_not_decide_and_bad_commands_exit_2(closeout: Run) -> None:
    _two_inspections(closeout)

    refused = closeout("carryover", "confirm", "3", "--from", "1", "--by", INSPECTOR)
    both = closeout("carryover", "decide", "2", "--addressed", "--carry", "--by", MANAGER)
    backwards = closeout("carryover", "reject", "1", "--from", "3", "--by", MANAGER)

    assert refused.exit_code == 2
    assert refused.stderr == (
        "error: Ira Inspector (inspector) may not decide the carry-over of development area 3\n"
    )
    assert both.exit_code == 2 and "give exactly one of --addressed or --carry" in both.output
    assert backwards.exit_code == 2 and "give an area of an earlier inspection" in backwards.stderr


@pytest.mark.browser  # prints the PDF with headless Chromium
def test_the_pack_is_written_as_html_and_pdf_files(closeout: Run, tmp_path: Path) -> None:
    _two_inspections(closeout)
    assert closeout("carryover", "confirm", "3", "--from", "1", "--by", MANAGER).exit_code == 0
    page = tmp_path / "pack.html"

    html = closeout("pack", "--authority", "Southwark", "--output", str(page))

    assert html.stdout == (
        f"review pack of London Borough of Southwark (3 areas) written to {page}\n"
    )
    assert "Carried over from: Area 1" in page.read_text(encoding="utf-8")
    if not any(shutil.which(name) for name in BROWSERS):
        pytest.skip("no Chromium on this machine to print the PDF with")
    pdf = tmp_path / "pack.pdf"
    printed = closeout("pack", "--authority", "Southwark", "--format", "pdf", "--output", str(pdf))
    assert printed.exit_code == 0, printed.output
    assert pdf.read_bytes().startswith(b"%PDF-")
