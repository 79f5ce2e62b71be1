"""Exporting the improvement plan to CSV or Excel, and importing a spreadsheet plan."""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from cli.context import acting_as, as_of_date, open_session
from cli.options import AsOf, Authority
from cli.output import check_output, say, write_file
from domain.accounts import people
from domain.areas import plans
from domain.errors import InvalidInput
from domain.permissions import SYSTEM
from domain.spreadsheet_cells import safe_cell
from infra import clock

plan_app = typer.Typer(help="The improvement plan as a spreadsheet.", no_args_is_help=True)


class PlanFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


@plan_app.command("export")
def plan_export(
    authority: Authority,
    fmt: Annotated[PlanFormat, typer.Option("--format")] = PlanFormat.CSV,
    output: Annotated[
        Path | None,
        typer.Option(help="file to write, in a folder that exists (default: stdout for csv)"),
    ] = None,
    as_of: AsOf = None,
) -> None:
    """Write the authority's improvement plan, one row per development area. No cell can run
    as a formula: text starting with = + - @ is written after an apostrophe."""
    if output is not None:
        check_output(output)
    with open_session() as session:
        found = people.authority_named(session, authority, known_to=SYSTEM)
        assert found.id is not None
        rows = plans.plan_rows(session, authority_id=found.id, today=clock.today(as_of_date(as_of)))
    if fmt == PlanFormat.CSV:
        if output is None:
            sys.stdout.write(_csv_text(rows))
            return
        write_file(output, _csv_text(rows))
    else:
        output = output or Path(f"plan-{_file_name(found.name)}.xlsx")
        write_file(output, _xlsx_bytes(rows))
    say(f"{len(rows)} development areas written to {output}")


def _csv_text(rows: Sequence[Mapping[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=plans.PLAN_COLUMNS)
    writer.writeheader()
    writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def _xlsx_bytes(rows: Sequence[Mapping[str, Any]]) -> bytes:
    """The plan as an Excel workbook; every cell is text or empty, none a formula."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Improvement plan"
    sheet.append(plans.PLAN_COLUMNS)
    for row in rows:
        sheet.append([safe_cell(str(row[c])) if row[c] != "" else None for c in plans.PLAN_COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _file_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "authority"


@plan_app.command("import")
def plan_import(path: Path) -> None:
    """Record the new areas of a CSV (UTF-8) or Excel plan; any bad row means nothing is
    imported. Rows recorded already (by id, or by inspection_id and text) are left alone, so
    importing a plan twice changes nothing."""
    rows = _read_rows(path)
    with acting_as(SYSTEM) as (session, acting):
        result = plans.import_plan(session, source=str(path), rows=rows, **acting)
    say(
        f"{len(result.created)} development areas imported from {path}"
        + (f"; {len(result.skipped)} already recorded, left as they are" if result.skipped else "")
    )


def _read_rows(path: Path) -> list[tuple[int, Mapping[str, Any]]]:
    if not path.is_file():
        raise InvalidInput(f"plan file {str(path)!r} does not exist; give a .csv or .xlsx file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix == ".xlsx":
        return _read_xlsx(path)
    raise InvalidInput(f"plan file {str(path)!r} is not .csv or .xlsx; save it as one")


def _read_csv(path: Path) -> list[tuple[int, Mapping[str, Any]]]:
    """The rows of a CSV plan with their line numbers, blank rows left out."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(
            f"plan file {str(path)!r} is not UTF-8 text (byte 0x{error.object[error.start]:02x} "
            f"at offset {error.start}); save it as 'CSV UTF-8'"
        ) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return [(reader.line_num, row) for row in reader if any(v for v in row.values())]
    except csv.Error as error:
        raise InvalidInput(
            f"plan file {str(path)!r} is not readable CSV at line {reader.line_num} ({error}); "
            "save it as 'CSV UTF-8'"
        ) from None


def _read_xlsx(path: Path) -> list[tuple[int, Mapping[str, Any]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
        values = book.worksheets[0].iter_rows(values_only=True)
        header = [str(h or "").strip() for h in next(values, ())]
        return [
            (line, {h: _cell(c) for h, c in zip(header, cells, strict=False) if h})
            for line, cells in enumerate(values, start=2)
            if any(c not in (None, "") for c in cells)
        ]
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise InvalidInput(f"plan file {str(path)!r} is not a readable .xlsx workbook") from exc


def _cell(value: Any) -> Any:
    return value.date().isoformat() if hasattr(value, "date") and callable(value.date) else value
