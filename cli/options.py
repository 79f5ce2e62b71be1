"""The options several commands share, declared once so that each reads and helps alike."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.output import Format

AsOf = Annotated[str | None, typer.Option("--as-of", help="replay as if today were DATE")]
FormatOption = Annotated[Format, typer.Option("--format", help="table, json or csv")]
AuthorityFilter = Annotated[str | None, typer.Option(help="only this authority's, by name or id")]
Authority = Annotated[str, typer.Option(help="the authority's name or id")]
Owner = Annotated[str | None, typer.Option(help="the lead's email")]
# Decisions on due-date requests and carry-over are a manager's, a director's or an admin's.
Decider = Annotated[str, typer.Option(help="email of the manager, director or admin deciding")]
DecisionNote = Annotated[str | None, typer.Option(help="why, in a sentence")]
