"""Commands for the next inspection: carry-over suggestions and decisions, and the review pack."""

from __future__ import annotations

import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cli.context import acting_as, actor, as_of_date, open_session, optional_date
from cli.errors import EXIT_BAD_INPUT
from cli.options import AreaId, AsOf, Authority, Decider, DecisionNote, FormatOption, record_id
from cli.output import Format, check_output, emit, say, write_file
from domain import carryover
from domain.carryover.review_pack import build_review_pack
from domain.permissions import SYSTEM
from infra import clock
from reviewpack import PackRenderingError, render_pack_csv, render_pack_html, render_pack_pdf

carryover_app = typer.Typer(
    help="Carry unresolved areas over to the next inspection.", no_args_is_help=True
)

SUGGESTION_COLUMNS = [
    "area_id",
    "title",
    "earlier_area_id",
    "earlier_title",
    "score",
    "matched_words",
    "repeat",
]


@carryover_app.command("suggest")
def carryover_suggest(
    inspection: Annotated[int, typer.Option(parser=record_id, help="the new inspection")],
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Suggest which areas of the new inspection carry over which earlier open areas."""
    with open_session() as session:
        rows = [
            s.to_dict() for s in carryover.suggest_carry_over(session, inspection_id=inspection)
        ]
        review = carryover.review_of(session, inspection)
        waiting = [
            f"awaiting a decision: area {area.id}"
            + (" (repeat)" if carryover.is_repeat(area.carry_count) else "")
            + f": {area.title}"
            for area in review.undecided
        ]
    if fmt != Format.TABLE:
        emit(rows, fmt, columns=SUGGESTION_COLUMNS)
        return
    if review.statement:
        say(f"The letter on the previous inspection: {review.statement}")
    emit(
        rows, fmt, columns=SUGGESTION_COLUMNS, title=f"Suggested links for inspection {inspection}"
    )
    for line in waiting:
        say(line)


def _judge_link(confirm: bool, area_id: int, earlier: int, by: str, note: str | None) -> int:
    """Record a decision on a suggested link; the new area's carry count after it."""
    with acting_as(by) as (session, acting):
        carryover.decide_link(
            session,
            area_id=area_id,
            earlier_area_id=earlier,
            confirm=confirm,
            note=note,
            **acting,
        )
        return carryover.lineage(session, area_id)[0].carry_count


@carryover_app.command("confirm")
def carryover_confirm(
    area_id: AreaId,
    earlier: Annotated[
        int, typer.Option("--from", parser=record_id, help="the earlier area it carries over")
    ],
    by: Decider,
    note: DecisionNote = None,
) -> None:
    """Confirm that a new area carries an earlier one over; the earlier area is closed."""
    count = _judge_link(True, area_id, earlier, by, note)
    repeat = "; a repeat area for development" if carryover.is_repeat(count) else ""
    say(
        f"development area {area_id} carries over area {earlier} (carried through "
        f"{count} inspection(s){repeat}); area {earlier} is closed as carried over"
    )


@carryover_app.command("reject")
def carryover_reject(
    area_id: AreaId,
    earlier: Annotated[
        int, typer.Option("--from", parser=record_id, help="the earlier area it does not carry")
    ],
    by: Decider,
    note: DecisionNote = None,
) -> None:
    """Record that a new area does not carry an earlier one over; neither changes."""
    _judge_link(False, area_id, earlier, by, note)
    say(f"link from area {earlier} to area {area_id} rejected; it will not be suggested again")


@carryover_app.command("decide")
def carryover_decide(
    earlier_area_id: AreaId,
    by: Decider,
    addressed: Annotated[
        bool, typer.Option("--addressed", help="close it: the next letter says it was addressed")
    ] = False,
    carry: Annotated[
        bool, typer.Option("--carry", help="carry it over as is to the next inspection")
    ] = False,
    note: Annotated[
        str | None, typer.Option(help="the statement (default: the new letter's own)")
    ] = None,
    inspection: Annotated[
        int | None,
        typer.Option(parser=record_id, help="the new inspection (default: the latest)"),
    ] = None,
) -> None:
    """Decide an earlier open area the new letter does not repeat: addressed, or carried."""
    if addressed == carry:
        raise typer.BadParameter("give exactly one of --addressed or --carry")
    with acting_as(by) as (session, acting):
        decision = carryover.decide_unrepeated(
            session,
            earlier_area_id=earlier_area_id,
            addressed=addressed,
            note=note,
            inspection_id=inspection,
            **acting,
        )
        outcome = (
            "closed as addressed at"
            if addressed
            else f"carried over as is to area {decision.area_id} of"
        )
        say(f"development area {earlier_area_id} {outcome} inspection {decision.inspection_id}")


class PackFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"
    CSV = "csv"


def pack_command(
    authority: Authority,
    since: Annotated[
        str | None, typer.Option(help="mark what changed since DATE (default: last inspection)")
    ] = None,
    fmt: Annotated[PackFormat, typer.Option("--format", help="html, pdf or csv")] = PackFormat.HTML,
    output: Annotated[
        Path | None,
        typer.Option(
            help="file to write, in a folder that exists (default: stdout; a file for pdf)"
        ),
    ] = None,
    by: Annotated[str | None, typer.Option(help="email of the reader (default: admin)")] = None,
    as_of: AsOf = None,
) -> None:
    """Write the review pack for an inspector or a director: every area and its history."""
    today = clock.today(as_of_date(as_of))
    if output is not None:
        check_output(output)
    with open_session() as session:
        pack = build_review_pack(
            session,
            authority=authority,
            by=actor(session, by) if by else SYSTEM,
            today=today,
            since=optional_date(since, "--since"),
        )
    try:
        if fmt == PackFormat.PDF:
            target = output or Path(f"review-pack-{_file_name(pack.authority)}-{today}.pdf")
            write_file(target, render_pack_pdf(pack))
        else:
            text = render_pack_html(pack) if fmt == PackFormat.HTML else render_pack_csv(pack)
            if output is None:
                sys.stdout.write(text)
                return
            target = output
            write_file(target, text)
    except PackRenderingError as error:
        # A missing or failing Chromium is the caller's to fix, like a bad value.
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    say(f"review pack of {pack.authority} ({len(pack.areas)} areas) written to {target}")


def _file_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
