"""Commands that run the flows: the daily check now, the schedules, and the main job.

Prefect (and Apprise) are imported only inside the commands that need them: Prefect reads its
settings when first imported, so they are pointed at var/prefect first.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from cli.context import as_of_date, open_session
from cli.errors import EXIT_BAD_INPUT, EXIT_DELIVERY_FAILED
from cli.example import is_empty, load_example
from cli.output import Format, emit, say
from domain.accounts.people import get_person
from domain.reminders.history import reminders_of
from domain.reminders.models import ReminderState
from domain.vocabulary import parse_choice
from infra import clock, migrate
from infra.settings import get_settings

if TYPE_CHECKING:
    from flows.report import RunReport

reminders_app = typer.Typer(help="The reminder ledger: who was chased, when.", no_args_is_help=True)
outbox_app = typer.Typer(help="Messages kept locally when no channel is set.", no_args_is_help=True)

AsOf = Annotated[str | None, typer.Option("--as-of", help="replay this day (YYYY-MM-DD)")]
FormatOption = Annotated[Format, typer.Option("--format", help="table, json or csv")]
REMINDER_COLUMNS = [
    "id",
    "area_id",
    "reason",
    "window_opened",
    "recipient",
    "state",
    "attempts",
    "planned_at",
    "sent_at",
    "last_error",
]


def prepare_prefect() -> None:
    """Keep Prefect's state under var/prefect and its server offline, unless set otherwise."""
    from flows.local_server import adopt_environment

    adopt_environment(get_settings().prefect_home)


def run_daily_check(day: date | None) -> RunReport:
    """Run the daily check as a Prefect flow run; its report, whether or not it failed."""
    prepare_prefect()
    from flows.daily_check import daily_check
    from flows.report import DeliveriesFailed

    with open_session():
        pass  # a database never set up is migrated before the flow opens its own sessions
    try:
        return daily_check(as_of=day)
    except DeliveriesFailed as failed:
        return failed.report


def print_report(report: RunReport) -> None:
    say(report.summary())
    for item in report.undelivered:
        say(f"  not delivered: {item.reason} to {item.recipient} ({item.state}): {item.error}")
    for name, why in report.skipped:
        say(f"  left out: {name}: {why}")


def check(as_of: AsOf = None) -> None:
    """Run the daily check and its deliveries once, now; exit 3 when any delivery failed or an
    authority was left out."""
    report = run_daily_check(as_of_date(as_of))
    print_report(report)
    if report.is_failed:
        raise typer.Exit(EXIT_DELIVERY_FAILED)


def serve() -> None:
    """Serve the deployments in prefect.yaml on this machine until Ctrl-C (needs a server)."""
    prepare_prefect()
    from flows.deployments import serve_deployments

    serve_deployments()


def set_up(today: date) -> None:
    """Bring the database up to date and load the example authority into an empty one."""
    migrate.upgrade()
    with open_session() as session:
        if is_empty(session):
            authority = load_example(session, today=today)
            say(f"example loaded: {authority.name}")


def show_where_to_look(today: date, ui_url: str | None) -> None:
    """The area list, then where the messages and the schedules can be seen."""
    from cli.main import status
    from notifications import list_outbox

    status(as_of=today.isoformat())
    outbox = get_settings().outbox_dir
    count = len(list_outbox(outbox))
    say(f"outbox: {count} message{'' if count == 1 else 's'} in {outbox} (closeout outbox list)")
    if ui_url:
        say(f"Prefect UI: {ui_url} (deployments at {ui_url}/deployments)")


@contextlib.contextmanager
def local_prefect_server() -> Iterator[str]:
    """A Prefect server on 127.0.0.1 for as long as the block runs; yields its UI address."""
    prepare_prefect()
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.local_server import LocalServer

    settings = get_settings()
    server = LocalServer(settings.prefect_port, settings.prefect_home)
    say(f"starting the Prefect server on {server.ui_url} ...")
    server.start()
    try:
        with temporary_settings({PREFECT_API_URL: server.api_url}):
            yield server.ui_url
    finally:
        server.stop()


def run(
    once: Annotated[bool, typer.Option("--once", help="set up, check once and exit")] = False,
) -> None:
    """The main job: set up, run today's daily check, show the areas, then serve the schedules
    and the web app.

    Serving keeps running in the foreground until Ctrl-C; with --once it exits after the check
    (exit 3 when a delivery failed), for scripts and CI.
    """
    today = clock.today()
    set_up(today)
    if once:
        report = run_daily_check(None)
        print_report(report)
        show_where_to_look(today, None)
        if report.is_failed:
            raise typer.Exit(EXIT_DELIVERY_FAILED)
        return
    from cli.web_cmds import web_app_beside

    with local_prefect_server() as ui_url, web_app_beside() as web_url:
        print_report(run_daily_check(None))
        show_where_to_look(today, ui_url)
        if web_url:
            say(
                f"web app: {web_url} (sign in as priya.raman@eastmere.example, "
                "password 'eastmere example')"
            )
        say("serving the scheduled deployments; press Ctrl-C to stop")
        from flows.deployments import serve_deployments

        with contextlib.suppress(KeyboardInterrupt):
            serve_deployments()


@reminders_app.command("list")
def reminders_list(
    area: Annotated[int | None, typer.Option("--area", help="only this area's reminders")] = None,
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
    emit(rows, fmt, columns=REMINDER_COLUMNS, title=title)


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
    """Add the flow commands and their groups to the `closeout` command."""
    app.command("check")(check)
    app.command("serve")(serve)
    app.command("run")(run)
    app.add_typer(reminders_app, name="reminders")
    app.add_typer(outbox_app, name="outbox")
