"""The composition root: it starts the servers, runs the flows, and alone imports flows and web.

It builds the runtime the web app is given and starts uvicorn, the local Prefect server and
Prefect's `serve`; the flows it calls build their own runtime, since Prefect records a flow's
arguments. It lives in cli/ rather than at the top level because every server and run starts
from a `closeout` command: `cli.main` lists these commands beside the rest, and the entry point
(`closeout`, `python -m cli.main`) stays where scripts and the tests already find it. Prefect,
FastAPI and Apprise are imported inside the commands that need them, so other commands start
quickly, and Prefect, which reads its settings when first imported, is pointed at var/prefect
first.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

import typer

from cli.context import as_of_date, checked_day, open_session
from cli.errors import EXIT_DELIVERY_FAILED
from cli.example import is_empty, load_example
from cli.flow_cmds import status
from cli.options import AsOf
from cli.output import say
from cli.web_cmds import DEMO_PASSWORD, give_example_logins, print_logins
from infra import clock, migrate
from infra.settings import Settings, get_settings, served_at

if TYPE_CHECKING:
    from flows.report import RunReport


def prepare_prefect() -> None:
    """Keep Prefect's state under var/prefect and its server offline, unless set otherwise."""
    from flows.local_server import adopt_environment

    adopt_environment(get_settings().prefect_home)


def run_daily_check(day: date | None, *, replay: bool = False) -> RunReport:
    """Run the daily check as a Prefect flow run; its report, whether or not it failed."""
    prepare_prefect()
    from flows.daily_check import daily_check
    from flows.report import DeliveriesFailed

    with open_session():
        pass  # a database never set up is migrated before the flow opens its own sessions
    try:
        return daily_check(as_of=day, replay=replay)
    except DeliveriesFailed as failed:
        return failed.report


def print_report(report: RunReport) -> None:
    say(report.summary())
    for name, value in report.extra:
        say(f"  {name}: {value}")
    for item in report.undelivered:
        say(f"  not delivered: {item.reason} to {item.recipient} ({item.state}): {item.error}")
    for name, why in report.skipped:
        say(f"  left out: {name}: {why}")


def check(
    as_of: AsOf = None,
    future: Annotated[
        bool, typer.Option("--future", help="replay a day still to come (drills, demos)")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="show what would be sent; send and record nothing")
    ] = False,
) -> None:
    """Run the daily check and its deliveries once, now; exit 3 when any delivery failed or an
    authority was left out. A day after today is refused unless it is a --future replay
    (recorded as one, and never counted by the schedule's health) or a --dry-run."""
    day = checked_day(as_of_date(as_of), future=future or dry_run)
    if dry_run:
        show_dry_run(day or clock.today())
        return
    replay = day is not None and day > clock.today()
    report = run_daily_check(day, replay=replay)
    print_report(report)
    if report.is_failed:
        raise typer.Exit(EXIT_DELIVERY_FAILED)


def show_dry_run(day: date) -> None:
    """What the daily check would send on `day`; nothing is sent or written."""
    from cli.output import Format, emit
    from flows.dry_run import would_send
    from infra.runtime import build_runtime

    with open_session():
        pass  # a database never set up is migrated first, as for a real run
    rows = [vars(line) for line in would_send(build_runtime(get_settings()), day)]
    emit(
        rows,
        Format.TABLE,
        columns=["to", "message", "area_id", "reason", "title"],
        title=f"The daily check for {day.isoformat()} would send (dry run: nothing sent)",
    )
    people = len({r["to"] for r in rows})
    say(f"dry run: {len(rows)} item(s) in {people} message(s); nothing was sent or recorded")


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


def web(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="port to listen on")] = 8000,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo", help=f"load the example if empty; its people's password: {DEMO_PASSWORD!r}"
        ),
    ] = False,
) -> None:
    """Serve the web app and the REST API (/api, documented at /api/docs)."""
    import uvicorn

    from infra.runtime import build_runtime
    from web import assets
    from web.app import create_app

    settings = served_at(get_settings(), host, port)
    with open_session() as session:  # migrates a database that was never set up
        if demo and is_empty(session):
            load_example(session, today=clock.today())
    if demo:
        print_logins(give_example_logins(DEMO_PASSWORD), DEMO_PASSWORD, settings.base_url)
    try:
        assets.ensure_built()
    except (SystemExit, OSError) as problem:
        say(f"warning: pages will be unstyled: GOV.UK Frontend assets not built ({problem})")
    say(f"Closeout web app on {settings.base_url}/ (API documentation at /api/docs)")
    if urlsplit(settings.base_url).port not in (port, None):
        say(f"listening on {host}:{port}; links in pages use CLOSEOUT_BASE_URL")
    app = create_app(build_runtime(settings))
    uvicorn.run(app, host=host, port=port, **server_options(settings))


def server_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's options for the web app beyond where it listens: logging at info, an access
    line a request with every token masked, and the client's address as `proxy_options`
    says."""
    from web.log_masking import masked_log_config

    return {"log_level": "info", "log_config": masked_log_config(), **proxy_options(settings)}


def proxy_options(settings: Settings) -> dict[str, Any]:
    """How uvicorn learns the client's address: from X-Forwarded-For only when it comes from
    a proxy named in CLOSEOUT_TRUSTED_PROXIES, so a client cannot claim another address."""
    trusted = settings.trusted_proxies.strip()
    if not trusted:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": trusted}


@contextlib.contextmanager
def web_app_beside(host: str = "127.0.0.1", port: int = 8000) -> Iterator[str | None]:
    """Run `closeout web --demo` in a child process while the caller works; yields its URL,
    or None (with a note) when the port is taken, so the main job carries on without it."""
    with socket.socket() as probe:
        if probe.connect_ex((host, port)) == 0:
            say(
                f"note: port {port} is in use, so the web app was not started; "
                "run 'closeout web --demo --port N' yourself"
            )
            yield None
            return
    child = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "web", "--demo", "--host", host, "--port", str(port)]
    )
    try:
        yield f"http://{host}:{port}/"
    finally:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()


def register(app: typer.Typer) -> None:
    """Add the commands that start servers and run flows to the `closeout` command."""
    app.command("web")(web)
    app.command("check")(check)
    app.command("serve")(serve)
    app.command("run")(run)
