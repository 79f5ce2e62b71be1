"""Exporting the improvement plan to CSV or Excel, and importing a spreadsheet plan."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from cli.context import acting_as, as_of_date, open_session
from cli.options import AsOf, Authority
from cli.output import say
from domain.accounts import people
from domain.areas import plans
from domain.errors import InvalidInput
from domain.permissions import SYSTEM
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
        Path | None, typer.Option(help="file to write (default: stdout for csv)")
    ] = None,
    as_of: AsOf = None,
) -> None:
    """Write the authority's improvement plan, one row per development area."""
    with open_session() as session:
        found = people.get_authority(session, authority)
        assert found.id is not None
        rows = plans.plan_rows(session, authority_id=found.id, today=clock.today(as_of_date(as_of)))
    if fmt == PlanFormat.CSV:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=plans.PLAN_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
        if output is None:
            sys.stdout.write(buffer.getvalue())
            return
        output.write_text(buffer.getvalue(), encoding="utf-8")
    else:
        from openpyxl import Workbook

        target = output or Path(f"plan-{found.name.lower().replace(' ', '-')}.xlsx")
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Improvement plan"
        sheet.append(plans.PLAN_COLUMNS)
        for row in rows:
            sheet.append([str(row[c]) if row[c] != "" else None for c in plans.PLAN_COLUMNS])
        book.save(target)
        output = target
    say(f"{len(rows)} development areas written to {output}")


@plan_app.command("import")
def plan_import(path: Path) -> None:
    """Record the new areas of a CSV or Excel plan; any bad row means nothing is imported."""
    rows = list(_read_rows(path))
    with acting_as(SYSTEM) as (session, acting):
        result = plans.import_plan(session, source=str(path), rows=rows, **acting)
    say(
        f"{len(result.created)} development areas imported from {path}"
        + (f"; {len(result.skipped)} already recorded, left as they are" if result.skipped else "")
    )


def _read_rows(path: Path) -> Iterator[tuple[int, Mapping[str, Any]]]:
    if not path.is_file():
        raise InvalidInput(f"plan file {str(path)!r} does not exist; give a .csv or .xlsx file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as handle:
            yield from enumerate(csv.DictReader(handle), start=2)
    elif suffix == ".xlsx":
        yield from _read_xlsx(path)
    else:
        raise InvalidInput(f"plan file {str(path)!r} is not .csv or .xlsx; save it as one")


def _read_xlsx(path: Path) -> Iterator[tuple[int, Mapping[str, Any]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise InvalidInput(f"plan file {str(path)!r} is not a readable .xlsx workbook") from exc
    sheet = book.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    header = [str(h or "").strip() for h in next(values, ())]
    for line, cells in enumerate(values, start=2):
        if any(c not in (None, "") for c in cells):
            yield line, {h: _cell(c) for h, c in zip(header, cells, strict=False) if h}


def _cell(value: Any) -> Any:
    return value.date().isoformat() if hasattr(value, "date") and callable(value.date) else value
