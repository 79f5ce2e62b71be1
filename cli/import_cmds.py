"""`closeout import`: letters and reports in, inspections, findings and areas recorded."""

from __future__ import annotations

import json
from collections import Counter
from typing import Annotated

import typer
from rich.progress import Progress

from cli.context import open_session
from cli.errors import EXIT_BAD_INPUT
from cli.importing import Outcome, as_json, expand, inspection_input, parse_all
from cli.output import Format, emit, say
from domain.carryover import suggest_carry_over
from domain.errors import DomainError
from domain.inspections.services import record_for_authority
from infra import clock


def import_documents(
    paths: Annotated[list[str], typer.Argument(help="PDF or text files, or folders of them")],
    authority: Annotated[str | None, typer.Option(help="record against this authority")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="show, record nothing")] = False,
    fmt: Annotated[Format, typer.Option("--format", help="table or json")] = Format.TABLE,
    jobs: Annotated[int | None, typer.Option(help="parallel workers (default: cores)")] = None,
) -> None:
    """Import inspection letters and reports; each document is one transaction."""
    files = expand(paths)
    outcomes = _parse_with_progress(files, jobs, show=len(files) > 1 and fmt != Format.JSON)
    failures = [o for o in outcomes if o.error]
    if dry_run:
        documents = [o.document for o in outcomes if o.document]
        if fmt == Format.JSON:
            typer.echo(json.dumps([as_json(d) for d in documents], indent=2))
        else:
            emit(
                [_summary(as_json(d)) for d in documents],
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
            name = authority or document.authority
            try:
                if not name:
                    raise _no_authority(outcome.path)
                result = record_for_authority(
                    session,
                    authority_name=name,
                    data=inspection_input(document),
                    now=clock.now(),
                    exact=authority is not None,
                )
            except DomainError as error:
                session.rollback()
                failures.append(Outcome(outcome.path, error=error.message))
                continue
            inspection = result.recorded.inspection
            if not result.recorded.created:
                say(
                    f"{outcome.path}: already recorded as inspection {inspection.id}; "
                    "nothing changed"
                )
                continue
            if result.authority_created:
                say(
                    f"authority recorded: {result.authority.name} (no recorded authority "
                    "matched the document)"
                )
            say(
                f"{outcome.path}: inspection {inspection.id} of {result.authority.name}, "
                f"{len(result.recorded.areas)} development area(s)"
                + "".join(f"; warning: {w}" for w in document.warnings)
            )
            assert inspection.id is not None
            if links := suggest_carry_over(session, inspection_id=inspection.id):
                say(
                    f"  {len(links)} possible carry-over(s) from earlier open areas; review "
                    f"them with: closeout carryover suggest --inspection {inspection.id}"
                )
    return failures


def _no_authority(path: str) -> DomainError:
    from domain.errors import InvalidInput

    return InvalidInput(f"{path}: no authority named in the document; pass --authority NAME")


def _summary(data: dict[str, object]) -> dict[str, object]:
    findings = data["findings"]
    assert isinstance(findings, list)
    counts = Counter(f["kind"] for f in findings)
    return {**data, "findings": ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))}
