"""Commands on development areas: add, assign, update, revise due dates, list and show."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from cli.context import (
    acting_as,
    actor,
    as_of_date,
    authority_id_of,
    open_session,
    optional_date,
)
from cli.options import (
    AreaId,
    AsOf,
    AuthorityFilter,
    ChangeId,
    Decider,
    DecisionNote,
    FormatOption,
    Owner,
    record_id,
)
from cli.output import Format, emit, say
from domain.accounts import people
from domain.areas import due_dates, progress, queries
from domain.areas import services as areas
from domain.areas.views import HEADLINE_FIELDS, LIST_COLUMNS
from domain.dates import parse_date
from domain.permissions import SYSTEM
from domain.vocabulary import ChangeState, Priority, Rag, Status, parse_choice
from infra import clock

area_app = typer.Typer(help="Development areas: the tracked items.", no_args_is_help=True)


@area_app.command("add")
def area_add(
    inspection: Annotated[
        int, typer.Option(parser=record_id, help="the inspection the area comes from")
    ],
    text: Annotated[str, typer.Option(help="the area for development as worded")],
    owner: Owner = None,
    due: Annotated[str | None, typer.Option(help="due date, YYYY-MM-DD")] = None,
    timescale: Annotated[str | None, typer.Option(help="e.g. 'within three months'")] = None,
    title: Annotated[str | None, typer.Option(help="a short title")] = None,
    priority: Annotated[str, typer.Option(help="normal or high")] = "normal",
) -> None:
    """Record an area for development by hand."""
    if due and timescale:
        raise typer.BadParameter("give --due or --timescale, not both")
    with acting_as(SYSTEM) as (session, acting):
        area = areas.add_area(
            session,
            inspection_id=inspection,
            text=text,
            owner_email=owner,
            due=optional_date(due, "--due"),
            timescale=timescale,
            title=title,
            priority=parse_choice(Priority, priority, "priority"),
            **acting,
        )
        say(f"development area {area.id} recorded, due {area.due_date}")


@area_app.command("assign")
def area_assign(
    area_id: AreaId,
    owner: Annotated[str, typer.Option(help="the lead's email")],
    due: Annotated[str | None, typer.Option(help="agreed due date, YYYY-MM-DD")] = None,
) -> None:
    """Give an area its lead, and optionally its agreed due date."""
    with acting_as(SYSTEM) as (session, acting):
        area = areas.assign_area(
            session, area_id=area_id, owner_email=owner, due=optional_date(due, "--due"), **acting
        )
        say(f"development area {area.id} assigned to {owner.lower()}, due {area.due_date}")


@area_app.command("update")
def area_update(
    area_id: AreaId,
    by: Annotated[str, typer.Option(help="email of the person recording the update")],
    status: Annotated[str | None, typer.Option(help=", ".join(s.value for s in Status))] = None,
    rag: Annotated[str | None, typer.Option(help="red, amber, green, or auto")] = None,
    rag_reason: Annotated[
        str | None,
        typer.Option(help="why the rating differs from the rules' own (needed when it does)"),
    ] = None,
    note: Annotated[str | None, typer.Option(help="what has happened")] = None,
    evidence: Annotated[list[str], typer.Option(help="an evidence link (repeatable)")] = [],  # noqa: B006
    version: Annotated[int | None, typer.Option(help="the version you read (optional)")] = None,
    as_of: AsOf = None,
) -> None:
    """Record progress: a note, a status change, a RAG rating (with --rag-reason when it
    differs from the rules' own), evidence. `--status closed` signs a completed area off."""
    clear = rag is not None and rag.strip().lower() == "auto"
    with open_session() as session:
        update = progress.record_progress(
            session,
            area_id=area_id,
            by=actor(session, by),
            now=clock.moment(as_of_date(as_of)),
            note=note,
            status=parse_choice(Status, status, "status") if status else None,
            rag=parse_choice(Rag, rag, "RAG") if rag and not clear else None,
            rag_reason=rag_reason,
            clear_rag=clear,
            evidence=evidence,
            expected_version=version,
        )
        area = areas.get_area(session, area_id)
        say(
            f"development area {area_id} updated (update {update.id}); "
            f"status {area.status.value}, version {area.version}"
        )


@area_app.command("due-date")
def area_due_date(
    area_id: AreaId,
    to: Annotated[str, typer.Option(help="the revised due date, YYYY-MM-DD")],
    reason: Annotated[str, typer.Option(help="why the date moves")],
    by: Annotated[str, typer.Option(help="email of the person asking")],
) -> None:
    """Revise a due date: at once from a manager, director or admin; else a request."""
    revised = parse_date(to, "--to")
    with acting_as(by) as (session, acting):
        change = due_dates.change_due_date(
            session, area_id=area_id, to=revised, reason=reason, **acting
        )
        if change.state == ChangeState.APPROVED:
            say(f"development area {area_id} now due {change.to_date} (was {change.from_date})")
        else:
            say(
                f"due-date request {change.id} recorded for area {area_id}; "
                "it takes effect when the lead's manager or a director approves it"
            )


def _decide(change_id: int, by: str, approve: bool, note: str | None) -> None:
    with acting_as(by) as (session, acting):
        change = due_dates.decide_due_date(
            session, change_id=change_id, approve=approve, note=note, **acting
        )
        say(f"due-date request {change.id} {change.state.value}")


@area_app.command("approve-date")
def area_approve_date(change_id: ChangeId, by: Decider, note: DecisionNote = None) -> None:
    """Approve a lead's request for a revised due date."""
    _decide(change_id, by, True, note)


@area_app.command("reject-date")
def area_reject_date(
    change_id: ChangeId,
    by: Decider,
    note: Annotated[
        str | None, typer.Option(help="why the new date is not agreed (needed); they read it")
    ] = None,
) -> None:
    """Reject a lead's request for a revised due date, saying why: they read it on the area
    and in their next digest."""
    _decide(change_id, by, False, note)


@area_app.command("list")
def area_list(
    authority: AuthorityFilter = None,
    owner: Owner = None,
    status: Annotated[str | None, typer.Option()] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="only overdue areas")] = False,
    as_of: AsOf = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """List development areas, soonest due first."""
    today = clock.today(as_of_date(as_of))
    with open_session() as session:
        rows = queries.list_areas(
            session,
            today=today,
            authority_id=authority_id_of(session, authority),
            owner_id=people.get_person(session, owner).id if owner else None,
            status=parse_choice(Status, status, "status") if status else None,
            overdue=overdue,
        )
    emit(
        [r.to_dict() for r in rows],
        fmt,
        columns=LIST_COLUMNS,
        title=f"Development areas on {today.isoformat()}",
    )


@area_app.command("show")
def area_show(area_id: AreaId, as_of: AsOf = None, fmt: FormatOption = Format.TABLE) -> None:
    """Show one area with the finding it came from and its whole history."""
    today = clock.today(as_of_date(as_of))
    with open_session() as session:
        detail = queries.area_detail(session, area_id, today)
    if fmt == Format.JSON:
        typer.echo(json.dumps(detail, indent=2, default=str))
        return
    for key in HEADLINE_FIELDS:
        say(f"{key.replace('_', ' ')}: {detail[key]}")
    say(f"rag reasons: {'; '.join(detail['rag_reasons'])}")
    say(f"text: {detail['text']}")
    emit(
        detail["history"],
        Format.TABLE if fmt == Format.TABLE else fmt,
        columns=["at", "type", "by", "note", "status_to", "rag", "to", "state"],
        title="History",
    )
