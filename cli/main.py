"""The `closeout` command: administrators' and scripts' way into every use case."""

from __future__ import annotations

from typing import Annotated

import typer

from cli import servers
from cli.area_cmds import area_app
from cli.authority_cmds import authority_merge, authority_rename
from cli.carryover_cmds import carryover_app, pack_command
from cli.chase_cmds import area_pause, area_resume, person_away, person_back, person_reminders
from cli.context import as_of_date, open_session
from cli.errors import CloseoutGroup
from cli.evidence_cmds import evidence_app
from cli.example import is_empty, load_example
from cli.flow_cmds import register as register_flow_commands
from cli.import_cmds import import_documents
from cli.inspector_cmds import inspector_end, inspector_list, inspector_shorten
from cli.options import AsOf
from cli.output import say
from cli.plan_cmds import plan_app
from cli.setup_cmds import authority_app, db_app, inspection_app, person_app
from cli.web_cmds import example_passwords, inspector_app, person_set_password, token_app
from infra import clock

app = typer.Typer(
    cls=CloseoutGroup,
    help="Closeout: follow inspection findings through to closure.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(db_app, name="db")
app.add_typer(authority_app, name="authority")
app.add_typer(person_app, name="person")
app.add_typer(inspection_app, name="inspection")
app.add_typer(area_app, name="area")
app.add_typer(evidence_app, name="evidence")
app.add_typer(plan_app, name="plan")
app.add_typer(carryover_app, name="carryover")
app.command("pack")(pack_command)
app.command("import")(import_documents)
app.add_typer(token_app, name="token")
app.add_typer(inspector_app, name="inspector")
servers.register(app)
register_flow_commands(app)
person_app.command("set-password")(person_set_password)
# Renaming and merging authorities, and listing, shortening and ending inspectors' access.
authority_app.command("rename")(authority_rename)
authority_app.command("merge")(authority_merge)
inspector_app.command("list")(inspector_list)
inspector_app.command("shorten")(inspector_shorten)
inspector_app.command("end")(inspector_end)
# Pausing an area's chase, being away with a delegate, and choosing channels and rhythm.
area_app.command("pause")(area_pause)
area_app.command("resume")(area_resume)
person_app.command("away")(person_away)
person_app.command("back")(person_back)
person_app.command("reminders")(person_reminders)

example_app = typer.Typer(help="The bundled example authority.", no_args_is_help=True)
app.add_typer(example_app, name="example")
example_app.command("passwords")(example_passwords)


@example_app.command("load")
def example_load(
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="only into an empty database")
    ] = False,
    as_of: AsOf = None,
) -> None:
    """Load the example authority, its people, letter and development areas."""
    with open_session() as session:
        if not is_empty(session) and if_empty:
            say("example not loaded: the database already holds data")
            return
        authority = load_example(session, today=clock.today(as_of_date(as_of)))
        say(f"example loaded: {authority.name}")


if __name__ == "__main__":
    app()
