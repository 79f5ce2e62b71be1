"""The improvement plan as a spreadsheet: export, and import validated row by row."""

import csv
from pathlib import Path

from openpyxl import Workbook, load_workbook

from tests.cli.conftest import Run, as_json
from tests.cli.test_setup_and_areas import _world


def test_export_csv_has_one_row_per_area_with_original_and_revised_dates(
    closeout: Run, tmp_path: Path
) -> None:
    _world(closeout)
    closeout(
        "area",
        "due-date",
        "1",
        "--to",
        "2026-06-30",
        "--reason",
        "agreed",
        "--by",
        "mia@northam.example",
    )
    closeout("area", "update", "1", "--by", "lee@northam.example", "--note", "First audit done")
    out = tmp_path / "plan.csv"
    assert (
        closeout(
            "plan", "export", "--authority", "Northam", "--format", "csv", "--output", str(out)
        ).exit_code
        == 0
    )
    rows = list(csv.DictReader(out.open()))
    assert [r["id"] for r in rows] == ["1", "2"]
    assert (rows[0]["original_due_date"], rows[0]["due_date"]) == ("2026-04-30", "2026-06-30")
    assert rows[0]["latest_note"] == "First audit done"
    assert rows[0]["lead"] == "lee@northam.example"


def test_export_xlsx_round_trips_and_recorded_rows_are_left_alone(
    closeout: Run, tmp_path: Path
) -> None:
    _world(closeout)
    out = tmp_path / "plan.xlsx"
    assert (
        closeout(
            "plan", "export", "--authority", "Northam", "--format", "xlsx", "--output", str(out)
        ).exit_code
        == 0
    )
    sheet = load_workbook(out).active
    assert sheet is not None and sheet.max_row == 3
    result = closeout("plan", "import", str(out))
    assert result.exit_code == 0
    assert "0 development areas imported" in result.stdout
    assert "2 already recorded" in result.stdout


def test_import_records_new_rows_from_a_councils_sheet(closeout: Run, tmp_path: Path) -> None:
    _world(closeout)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["inspection_id", "text", "lead", "due_date"])
    sheet.append([1, "Return home interviews are late.", "lee@northam.example", "2026-07-31"])
    sheet.append([1, "Audit findings are not acted upon.", None, None])
    path = tmp_path / "council.xlsx"
    book.save(path)
    assert closeout("plan", "import", str(path)).exit_code == 0
    texts = [a["text"] for a in as_json(closeout("area", "list", "--format", "json"))]
    assert "Return home interviews are late." in texts
    assert "Audit findings are not acted upon." in texts


def test_a_plan_with_bad_rows_imports_nothing_and_lists_every_bad_row(
    closeout: Run, tmp_path: Path
) -> None:
    _world(closeout)
    path = tmp_path / "bad.csv"
    path.write_text(
        "inspection_id,text,lead,due_date\n"
        "1,Good row,lee@northam.example,2026-07-31\n"
        "1,Unknown lead,ghost@northam.example,2026-07-31\n"
        "1,Bad date,,31/02/2026\n"
        ",No inspection,,\n"
        "1,Before the inspection,,2025-12-31\n"
    )
    result = closeout("plan", "import", str(path))
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "4 bad row(s), nothing imported" in message
    for fragment in (
        "line 3: no person has email 'ghost@northam.example'",
        "line 4: due_date '31/02/2026' is not a date",
        "line 5: missing inspection_id",
        "line 6: due date 31 December 2025 is before inspection 1",
    ):
        assert fragment in message
    assert len(as_json(closeout("area", "list", "--format", "json"))) == 2


def test_importing_a_file_that_is_not_a_spreadsheet_is_refused(
    closeout: Run, tmp_path: Path
) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("hello")
    result = closeout("plan", "import", str(path))
    assert result.exit_code == 2
    assert "is not .csv or .xlsx" in result.stderr
