"""`closeout import`: letters and reports in, inspections, findings and areas recorded."""

from __future__ import annotations

import json
from collections import Counter
from typing import Annotated

import typer
from rich.progress import Progress

from cli.context import open_session
from cli.errors import EXIT_BAD_INPUT
from cli.importing import Outcome, expand, parse_all
from cli.output import Format, emit, say
from domain.errors import DomainError, InvalidInput
from domain.inspections.documents import ParsedDocument, preview
from domain.inspections.importing import ImportOutcome, record_document
from domain.permissions import SYSTEM
from infra import clock


def import_documents(
    paths: Annotated[list[str], typer.Argument(help="PDF or text files, or folders of them")],
    authority: Annotated[str | None, typer.Option(help="record against this authority")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="show, record nothing")] = False,
    fmt: Annotated[Format, typer.Option("--format", help="table or json")] = Format.TABLE,
    jobs: Annotated[int | None, typer.Option(help="parallel workers (default: cores)")] = None,
) -> None:
    """Import inspection letters and reports; each document is one transaction."""
    files = expand(paths, warn=lambda line: typer.echo(f"warning: {line}", err=True))
    outcomes = _parse_with_progress(files, jobs, show=len(files) > 1 and fmt != Format.JSON)
    failures = [o for o in outcomes if o.error]
    if dry_run:
        documents = [o.document for o in outcomes if o.document]
        if fmt == Format.JSON:
            typer.echo(json.dumps([preview(d) for d in documents], indent=2))
        else:
            emit(
                [_summary(preview(d)) for d in documents],
                Format.TABLE,
                columns=[
                    "source",
                    "authority",
                    "kind",
                    "inspection_start",
                    "inspection_end",
                    "findings",
                    "warnings",
                ],
                title="Would record",
            )
    else:
        failures += _record(outcomes, authority)
    for failure in failures:
        typer.echo(f"error: {failure.path}: {failure.error}", err=True)
    if failures:
        typer.echo(f"{len(failures)} of {len(files)} document(s) failed", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)


def _parse_with_progress(files: list[str], jobs: int | None, *, show: bool) -> list[Outcome]:
    if not show:
        return list(parse_all(files, jobs=jobs))
    with Progress(transient=True) as progress:
        task = progress.add_task("Reading documents", total=len(files))
        return list(parse_all(files, jobs=jobs, advance=lambda: progress.advance(task)))


def _record(outcomes: list[Outcome], authority: str | None) -> list[Outcome]:
    failures: list[Outcome] = []
    with open_session() as session:
        for outcome in outcomes:
            document = outcome.document
            if document is None:
                continue
            try:
                result = record_document(
                    session, document, by=SYSTEM, now=clock.now(), authority=authority
                )
            except DomainError as error:
                session.rollback()
                failures.append(Outcome(outcome.path, error=_in_cli_words(error)))
                continue
            _say_recorded(outcome.path, document, result)
    return failures


def _say_recorded(path: str, document: ParsedDocument, result: ImportOutcome) -> None:
    inspection = result.inspection
    if result.already_recorded:
        say(f"{path}: already recorded as inspection {inspection.id}; nothing changed")
        return
    if result.authority_created:
        say(
            f"authority recorded: {result.authority.name} (no recorded authority "
            "matched the document)"
        )
    say(
        f"{path}: inspection {inspection.id} of {result.authority.name}, "
        f"{len(result.areas)} development area(s)"
        + "".join(f"; warning: {w}" for w in document.warnings)
    )
    if links := result.suggestions:
        say(
            f"  {len(links)} possible carry-over(s) from earlier open areas; review "
            f"them with: closeout carryover suggest --inspection {inspection.id}"
        )


def _in_cli_words(error: DomainError) -> str:
    # The domain says the authority is missing; on the command line it is given this way.
    if isinstance(error, InvalidInput) and error.field == "authority":
        return f"{error.message}; pass --authority NAME"
    return error.message


def _summary(data: dict[str, object]) -> dict[str, object]:
    findings = data["findings"]
    assert isinstance(findings, list)
    counts = Counter(f["kind"] for f in findings)
    return {**data, "findings": ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))}
