"""Bad input to spreadsheets, text and plan import (issue 13): one line naming the value and
what would be valid, exit code 2, nothing written; and no export runs a formula or breaks on
a control character recorded before they were refused."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest
from click.testing import Result
from openpyxl import Workbook, load_workbook

from tests.cli.conftest import Run, as_json
from tests.cli.test_setup_and_areas import _world

LEAD = "lee@northam.example"
MANAGER = "mia@northam.example"
FORMULA = '=HYPERLINK("http://x","click")'
DUE_DATE = ("area", "due-date", "1", "--to", "2026-06-30", "--by", MANAGER)
TABLES = ("development_area", "finding", "progress_update", "due_date_change", "evidence")


def _database(tmp_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(tmp_path / "var" / "closeout.db")


def _counts(tmp_path: Path) -> dict[str, int]:
    with _database(tmp_path) as db:
        return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def _refused(result: Result, message: str) -> None:
    """One line on stderr holding `message`, exit code 2, nothing on stdout."""
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.output


def _files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if "var" not in p.parts}


# 1. Formulas neutralised in every export


def _formulas_recorded(closeout: Run) -> None:
    _world(closeout)
    assert closeout("area", "update", "1", "--by", LEAD, "--note", FORMULA).exit_code == 0
    added = closeout("area", "add", "--inspection", "1", "--text", "=SUM(1+2)", "--title", "@x")
    assert added.exit_code == 0, added.output


def test_the_plan_csv_writes_formulas_as_text(closeout: Run, tmp_path: Path) -> None:
    _formulas_recorded(closeout)
    out = tmp_path / "plan.csv"
    assert closeout("plan", "export", "--authority", "Northam", "--output", str(out)).exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["latest_note"] == "'" + FORMULA
    assert (rows[2]["text"], rows[2]["title"]) == ("'=SUM(1+2)", "'@x")


def test_the_plan_workbook_holds_formulas_as_text_cells(closeout: Run, tmp_path: Path) -> None:
    _formulas_recorded(closeout)
    out = tmp_path / "plan.xlsx"
    exported = closeout(
        "plan", "export", "--authority", "Northam", "--format", "xlsx", "--output", str(out)
    )
    assert exported.exit_code == 0, exported.output
    sheet = load_workbook(out).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert {c.data_type for c in cells} == {"s"}
    assert "'" + FORMULA in [c.value for c in cells]


def test_the_area_list_csv_writes_formulas_as_text(closeout: Run) -> None:
    _formulas_recorded(closeout)
    listed = closeout("area", "list", "--format", "csv")
    assert listed.exit_code == 0
    titles = [r["title"] for r in csv.DictReader(io.StringIO(listed.stdout))]
    assert "'@x" in titles
    assert not any(t.startswith(("=", "+", "-", "@")) for t in titles)


def test_the_review_pack_csv_writes_formulas_as_text(closeout: Run) -> None:
    _formulas_recorded(closeout)
    pack = closeout("pack", "--authority", "Northam", "--format", "csv")
    assert pack.exit_code == 0, pack.output
    titles = [r["title"] for r in csv.DictReader(io.StringIO(pack.stdout))]
    assert "'@x" in titles


def test_an_exported_plan_imported_back_records_each_text_once_without_a_quote(
    closeout: Run, tmp_path: Path
) -> None:
    _formulas_recorded(closeout)
    path = tmp_path / "back.csv"
    path.write_text("inspection_id,text,title\n1,'=SUM(1+2),'@x\n1,'+NEW(1),'-new\n")
    imported = closeout("plan", "import", str(path))
    assert imported.exit_code == 0, imported.output
    assert "1 development areas imported" in imported.stdout
    assert "1 already recorded" in imported.stdout
    areas = as_json(closeout("area", "list", "--format", "json"))
    assert sorted(a["title"] for a in areas if a["title"] in ("@x", "-new")) == ["-new", "@x"]
    shown = as_json(closeout("area", "show", str(max(a["id"] for a in areas)), "--format", "json"))
    assert shown["text"] == "+NEW(1)"


# 2. Control characters: refused on the way in, taken out of what was stored before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("area", "update", "1", "--by", LEAD, "--note", "Red\x1b[31m text"),
            "note contains the control character U+001B at character 4; remove it",
        ),
        (
            ("area", "update", "1", "--by", LEAD, "--note", "ring\x07"),
            "note contains the control character U+0007 at character 5",
        ),
        (
            ("area", "update", "1", "--by", LEAD, "--note", "x" * 10_001),
            "note is 10,001 characters long; shorten it to at most 10,000",
        ),
        (
            ("area", "add", "--inspection", "1", "--text", "Plans\x00 lag"),
            "area text contains the control character U+0000 at character 6",
        ),
        (
            ("area", "add", "--inspection", "1", "--text", "Plans lag", "--title", "t" * 201),
            "title is 201 characters long; shorten it to at most 200",
        ),
        (
            (*DUE_DATE, "--reason", "r" * 10_001),
            "due-date reason is 10,001 characters long; shorten it to at most 10,000",
        ),
        (
            (*DUE_DATE, "--reason", "late\x1b"),
            "due-date reason contains the control character U+001B",
        ),
    ],
)
def test_control_characters_and_overlong_text_are_refused_whole(
    closeout: Run, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    _world(closeout)
    before = _counts(tmp_path)
    _refused(closeout(*args), message)
    assert _counts(tmp_path) == before


def test_a_note_of_exactly_the_limit_is_kept_whole(closeout: Run) -> None:
    _world(closeout)
    note = "y" * 10_000
    assert closeout("area", "update", "1", "--by", LEAD, "--note", note).exit_code == 0
    history = as_json(closeout("area", "show", "1", "--format", "json"))["history"]
    assert note in [h["note"] for h in history]


def test_a_decision_note_over_its_limit_is_refused(closeout: Run, tmp_path: Path) -> None:
    _world(closeout)
    asked = closeout(
        "area", "due-date", "1", "--to", "2026-06-30", "--reason", "more time", "--by", LEAD
    )
    assert asked.exit_code == 0, asked.output
    before = _counts(tmp_path)
    decided = closeout("area", "approve-date", "1", "--by", MANAGER, "--note", "n" * 1001)
    _refused(decided, "decision note is 1,001 characters long; shorten it to at most 1,000")
    assert _counts(tmp_path) == before
    with _database(tmp_path) as db:
        assert db.execute("SELECT state FROM due_date_change").fetchone() == ("pending",)


def _old_controls_recorded(closeout: Run, tmp_path: Path) -> None:
    """Text holding control characters, as recorded before they were refused."""
    _world(closeout)
    assert closeout("area", "update", "1", "--by", LEAD, "--note", "placeholder").exit_code == 0
    with _database(tmp_path) as db:
        db.execute("UPDATE progress_update SET note = ?", ("Red\x1b[31m alert\x00\x07 done\x0b",))
        db.execute("UPDATE development_area SET title = ? WHERE id = 1", ("Plans\x1b[2J lag",))


def test_exports_of_old_text_with_control_characters_do_not_fail(
    closeout: Run, tmp_path: Path
) -> None:
    _old_controls_recorded(closeout, tmp_path)
    out = tmp_path / "plan.xlsx"
    exported = closeout(
        "plan", "export", "--authority", "Northam", "--format", "xlsx", "--output", str(out)
    )
    assert exported.exit_code == 0, exported.output
    sheet = load_workbook(out).active
    assert sheet is not None
    values = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "Red[31m alert done" in values and "Plans[2J lag" in values
    listed = closeout("plan", "export", "--authority", "Northam", "--format", "csv")
    pack = closeout("pack", "--authority", "Northam", "--format", "csv")
    for printed in (listed, pack, closeout("area", "list", "--format", "csv")):
        assert printed.exit_code == 0, printed.output
        assert not any(ch in printed.stdout for ch in "\x1b\x00\x07\x0b")


def test_the_terminal_never_gets_a_raw_escape_sequence(closeout: Run, tmp_path: Path) -> None:
    _old_controls_recorded(closeout, tmp_path)
    for args in (("area", "show", "1"), ("area", "list")):
        shown = closeout(*args)
        assert shown.exit_code == 0, shown.output
        assert "\x1b" not in shown.stdout and "\x07" not in shown.stdout
        assert "Plans[2J lag" in shown.stdout


def test_a_note_that_looks_like_rich_markup_is_shown_as_written(closeout: Run) -> None:
    _world(closeout)
    assert closeout("area", "update", "1", "--by", LEAD, "--note", "see [/] and [b]").exit_code == 0
    shown = closeout("area", "show", "1")
    assert shown.exit_code == 0, shown.output
    assert "see [/] and [b]" in shown.stdout


# 4. Plan import


def test_a_plan_row_with_a_control_character_imports_nothing(closeout: Run, tmp_path: Path) -> None:
    _world(closeout)
    path = tmp_path / "plan.csv"
    path.write_text("inspection_id,text\n1,Fine row\n1,Bell\x07 row\n", encoding="utf-8")
    before = _counts(tmp_path)
    _refused(
        closeout("plan", "import", str(path)),
        "1 bad row(s), nothing imported: line 3: area text contains the control character U+0007",
    )
    assert _counts(tmp_path) == before


def test_a_plan_with_repeated_rows_is_refused_naming_both_lines(
    closeout: Run, tmp_path: Path
) -> None:
    _world(closeout)
    path = tmp_path / "plan.csv"
    path.write_text(
        "inspection_id,text\n"
        "1,Return home interviews are late.\n"
        "1,Audits are not acted upon.\n"
        "1,return home  interviews are LATE.\n"
    )
    before = _counts(tmp_path)
    _refused(
        closeout("plan", "import", str(path)),
        "line 4: same inspection_id and text as line 2; keep one of them",
    )
    assert _counts(tmp_path) == before


@pytest.mark.parametrize("content", ["inspection_id,text,lead\n", "", "\ufeffid,text\n\n"])
def test_a_plan_with_no_rows_is_refused(closeout: Run, tmp_path: Path, content: str) -> None:
    _world(closeout)
    path = tmp_path / "plan.csv"
    path.write_text(content, encoding="utf-8")
    before = _counts(tmp_path)
    _refused(closeout("plan", "import", str(path)), "has no rows under its header")
    assert _counts(tmp_path) == before


def test_a_workbook_with_only_its_header_is_refused(closeout: Run, tmp_path: Path) -> None:
    _world(closeout)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["inspection_id", "text"])
    path = tmp_path / "plan.xlsx"
    book.save(path)
    _refused(closeout("plan", "import", str(path)), "has no rows under its header")


def test_importing_the_same_plan_twice_changes_nothing(closeout: Run, tmp_path: Path) -> None:
    _world(closeout)
    path = tmp_path / "council.csv"
    path.write_text(
        "inspection_id,text,lead\n"
        f"1,Return home interviews are late.,{LEAD}\n"
        "1,Audit findings are not acted upon.,\n"
    )
    first = closeout("plan", "import", str(path))
    assert first.exit_code == 0 and "2 development areas imported" in first.stdout
    after_first = _counts(tmp_path)
    again = closeout("plan", "import", str(path))
    assert again.exit_code == 0, again.output
    assert "0 development areas imported" in again.stdout
    assert "2 already recorded, left as they are" in again.stdout
    assert _counts(tmp_path) == after_first


def test_a_plan_that_is_not_utf8_is_refused_in_one_line(closeout: Run, tmp_path: Path) -> None:
    _world(closeout)
    path = tmp_path / "latin1.csv"
    path.write_bytes("inspection_id,text\n1,Café staff are not trained.\n".encode("latin-1"))
    before = _counts(tmp_path)
    _refused(
        closeout("plan", "import", str(path)),
        f"plan file {str(path)!r} is not UTF-8 text (byte 0xe9 at offset 24); "
        "save it as 'CSV UTF-8'",
    )
    assert _counts(tmp_path) == before


# 5. An output folder that does not exist


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "export", "--authority", "Northam", "--format", "xlsx"),
        ("plan", "export", "--authority", "Northam", "--format", "csv"),
        ("pack", "--authority", "Northam", "--format", "pdf"),
        ("pack", "--authority", "Northam", "--format", "csv"),
    ],
)
def test_an_output_in_a_missing_folder_is_refused_and_nothing_is_written(
    closeout: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    _world(closeout)
    monkeypatch.chdir(tmp_path)
    before = _files(tmp_path)
    _refused(
        closeout(*args, "--output", "missing/dir/out.file"),
        "--output 'missing/dir/out.file' is in a folder that does not exist ('missing/dir'); "
        "create the folder first or choose another",
    )
    assert _files(tmp_path) == before


def test_an_output_that_is_a_folder_is_refused(closeout: Run, tmp_path: Path) -> None:
    _world(closeout)
    _refused(
        closeout("plan", "export", "--authority", "Northam", "--output", str(tmp_path)),
        f"--output {str(tmp_path)!r} is a folder; give a file name in it",
    )
