"""Lists as downloads: CSV streamed row by row, and Excel workbooks, every cell made safe.

Each value passes through the domain's `safe_cell` (via `cell`), so no cell of either format
runs as a formula and none holds a control character.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from fastapi.responses import Response, StreamingResponse

from domain.spreadsheet_cells import safe_cell

CHUNK_BYTES = 64 * 1024
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell(value: Any) -> Any:
    """A cell: a list joined with semicolons, text made safe by the domain's safe_cell
    (no control characters, nothing a spreadsheet would run as a formula)."""
    if value is None:
        return ""
    return safe_cell("; ".join(str(v) for v in value) if isinstance(value, list) else value)


def csv_lines(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The header and the rows as CSV text, CHUNK_BYTES or so at a time (each piece a
    streaming response sends costs a hop to a worker thread, so not one line at a time)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(v) for v in row])
        if buffer.tell() >= CHUNK_BYTES:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_bytes(sheet_title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A workbook of one sheet: a header row, then the rows; empty values are empty cells."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title[:31])
    sheet.append(list(columns))
    for row in rows:
        sheet.append([None if v in (None, "") else _xlsx_value(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value: Any) -> Any:
    """Numbers and booleans as themselves, everything else as safe text."""
    if isinstance(value, bool | int | float):
        return value
    return cell(value)


def file_name(*parts: str) -> str:
    """A download's name from words: lower case, runs of other characters as one hyphen."""
    return "-".join(re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-") for p in parts if p)


def csv_download(name: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Response:
    """A streamed CSV attachment called `name`.csv."""
    return StreamingResponse(
        csv_lines(columns, rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


def xlsx_download(
    name: str, sheet_title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> Response:
    """An Excel attachment called `name`.xlsx."""
    return Response(
        xlsx_bytes(sheet_title, columns, rows),
        media_type=XLSX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
    )
