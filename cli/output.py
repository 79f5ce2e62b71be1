"""Printing rows as a Rich table for people, or JSON and CSV for scripts, and writing files.

Nothing printed carries a control character recorded before they were refused (it would
change the terminal), and no CSV cell can run as a formula (domain/spreadsheet_cells.py).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from domain.errors import InvalidInput
from domain.free_text import without_controls
from domain.spreadsheet_cells import safe_cell


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


def emit(
    rows: Sequence[Mapping[str, Any]],
    fmt: Format,
    *,
    columns: Sequence[str],
    title: str | None = None,
) -> None:
    """Print `rows`: all fields as JSON, or `columns` as CSV or a table."""
    if fmt == Format.JSON:
        typer.echo(json.dumps(list(rows), indent=2, default=str))
    elif fmt == Format.CSV:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: safe_cell(_cell(row.get(k))) for k in columns})
        sys.stdout.write(buffer.getvalue())
    else:
        table = Table(title=title, show_lines=False)
        for column in columns:
            table.add_column(column.replace("_", " "), overflow="fold")
        for row in rows:
            # Text, not markup: a note reading "[/]" or "[link=...]" is shown as written.
            table.add_row(*(Text(_cell(row.get(c))) for c in columns))
        Console(width=160).print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(without_controls(str(v)) for v in value)
    return without_controls(str(value))


def say(message: str) -> None:
    """One line for a person on stdout, without control characters."""
    typer.echo(without_controls(message))


def check_output(path: Path, option: str = "--output") -> Path:
    """`path` when a file can be written there; else InvalidInput naming it, before any work
    is done: its folder must exist (it is not made) and it must not be a folder itself."""
    if path.is_dir():
        raise InvalidInput(f"{option} {str(path)!r} is a folder; give a file name in it")
    if not path.parent.is_dir():
        raise InvalidInput(
            f"{option} {str(path)!r} is in a folder that does not exist "
            f"({str(path.parent)!r}); create the folder first or choose another"
        )
    return path


def write_file(path: Path, content: bytes | str) -> None:
    """Write `content` (text as UTF-8), made whole beforehand, to `path`; a file that cannot
    be written is one line of InvalidInput, not a traceback."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        check_output(path).write_bytes(data)
    except OSError as error:
        raise InvalidInput(
            f"{str(path)!r} cannot be written ({error.strerror or error}); choose another file"
        ) from None
