"""The options several commands share, declared once so that each reads and helps alike."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.output import Format
from domain.ids import ID_RANGE, record_id_in


def record_id(value: str) -> int:
    """A record's id: a whole number from 1 to 2**31 - 1, the range every id column holds, so
    a larger one is refused here (in one line) rather than overflowing the database."""
    number = record_id_in(value)
    if number is None:
        raise typer.BadParameter(f"{value!r} is not an id; {ID_RANGE}")
    return number


AsOf = Annotated[str | None, typer.Option("--as-of", help="replay as if today were DATE")]
FormatOption = Annotated[Format, typer.Option("--format", help="table, json or csv")]
AuthorityFilter = Annotated[str | None, typer.Option(help="only this authority's, by name or id")]
Authority = Annotated[str, typer.Option(help="the authority's name or id")]
Owner = Annotated[str | None, typer.Option(help="the lead's email")]
# Decisions on due-date requests and carry-over are a manager's, a director's or an admin's.
Decider = Annotated[str, typer.Option(help="email of the manager, director or admin deciding")]
DecisionNote = Annotated[str | None, typer.Option(help="why, in a sentence")]

# Ids given as arguments or options: refused in one line unless 1 to 2**31 - 1.
AreaId = Annotated[int, typer.Argument(parser=record_id, help="the area's id")]
GrantId = Annotated[int, typer.Argument(parser=record_id, help="the grant's id")]
ChangeId = Annotated[int, typer.Argument(parser=record_id, help="the due-date change's id")]
TokenId = Annotated[int, typer.Argument(parser=record_id, help="the token's id")]
InspectionId = Annotated[int, typer.Argument(parser=record_id, help="the inspection's id")]
