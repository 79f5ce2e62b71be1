"""Commands that show what the flows did: the schedule's health, the reminder ledger, the outbox."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from cli.context import as_of_date, open_session
from cli.errors import EXIT_BAD_INPUT
from cli.options import AsOf, FormatOption, record_id
from cli.output import Format, emit, say
from domain.accounts.people import get_person
from domain.areas import queries
from domain.areas.views import LIST_COLUMNS
from domain.reminders.history import LEDGER_COLUMNS, reminders_of
from domain.reminders.models import ReminderState
from domain.reminders.run_records import schedule_health
from domain.vocabulary import Status, parse_choice
from infra import clock
from infra.settings import get_settings

reminders_app = typer.Typer(help="The reminder ledger: who was chased, when.", no_args_is_help=True)
outbox_app = typer.Typer(help="Messages kept locally when no channel is set.", no_args_is_help=True)


def status(as_of: AsOf = None) -> None:
    """Show every open development area, soonest due first."""
    today = clock.today(as_of_date(as_of))
    with open_session() as session:
        rows = [
            v.to_dict()
            for v in queries.list_areas(session, today=today)
            if v.status != Status.CLOSED
        ]
        health = schedule_health(session, today=today)
    emit(
        rows, Format.TABLE, columns=LIST_COLUMNS, title=f"Development areas on {today.isoformat()}"
    )
    say(("" if health.is_healthy else "warning: ") + health.describe())


@reminders_app.command("list")
def reminders_list(
    area: Annotated[
        int | None, typer.Option("--area", parser=record_id, help="only this area's reminders")
    ] = None,
    person: Annotated[str | None, typer.Option("--person", help="only to this email")] = None,
    state: Annotated[str | None, typer.Option("--state", help="pending, sent, ...")] = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """How often and when each reminder went out: one line per ledger row, oldest first."""
    with open_session() as session:
        recipient = get_person(session, person).id if person else None
        rows = reminders_of(
            session,
            area_id=area,
            recipient_id=recipient,
            state=parse_choice(ReminderState, state, "state") if state else None,
        )
    title = f"Reminders about area {area}" if area is not None else "Reminders"
    emit([asdict(r) for r in rows], fmt, columns=LEDGER_COLUMNS, title=title)


@outbox_app.command("list")
def outbox_list(fmt: FormatOption = Format.TABLE) -> None:
    """The messages in the local outbox, oldest first."""
    from notifications import list_outbox

    rows = [
        {"id": e.message_id, "date": e.date.isoformat(), "to": e.to, "subject": e.subject}
        for e in list_outbox(get_settings().outbox_dir)
    ]
    emit(rows, fmt, columns=["id", "date", "to", "subject"], title="Outbox")


@outbox_app.command("show")
def outbox_show(
    message_id: str,
    html: Annotated[bool, typer.Option("--html", help="the HTML part, not the text")] = False,
) -> None:
    """One outbox message: its headers and its plain-text (or HTML) body."""
    from notifications import OutboxMessageNotFound, read_outbox_message

    try:
        message = read_outbox_message(get_settings().outbox_dir, message_id)
    except OutboxMessageNotFound as missing:
        typer.echo(f"error: {missing}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    entry = message.entry
    say(f"To: {entry.to}\nDate: {entry.date.isoformat()}\nSubject: {entry.subject}\n")
    say(message.html if html else message.text)


def register(app: typer.Typer) -> None:
    """Add the status command and the ledger and outbox groups to the `closeout` command."""
    app.command("status")(status)
    app.add_typer(reminders_app, name="reminders")
    app.add_typer(outbox_app, name="outbox")
