"""Commands for administrators: the database, authorities, people and inspections."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from cli.context import acting_as, authority_id_of, open_session
from cli.options import Authority, AuthorityFilter, FormatOption, InspectionId
from cli.output import Format, emit, say
from domain.accounts import people
from domain.dates import parse_date
from domain.inspections import services as inspections
from domain.permissions import SYSTEM
from domain.reminders import policies
from domain.vocabulary import InspectionKind, Role, parse_choice
from infra import migrate

db_app = typer.Typer(help="Set up and upgrade the database.", no_args_is_help=True)
authority_app = typer.Typer(help="Local authorities.", no_args_is_help=True)
person_app = typer.Typer(
    help="People: leads, managers, directors, inspectors.", no_args_is_help=True
)
inspection_app = typer.Typer(help="Inspections and their findings.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply every database migration not yet applied."""
    migrate.upgrade()
    say("database is up to date")


@authority_app.command("add")
def authority_add(name: str) -> None:
    """Record a local authority."""
    with acting_as(SYSTEM) as (session, acting):
        authority = people.add_authority(session, name=name, **acting)
        say(f"authority {authority.id} recorded: {authority.name}")


@authority_app.command("list")
def authority_list(fmt: FormatOption = Format.TABLE) -> None:
    """List the recorded authorities."""
    from sqlmodel import select

    from domain.accounts.models import Authority

    with open_session() as session:
        rows = [
            {"id": a.id, "name": a.name, "policy": json.dumps(a.policy)}
            for a in session.exec(select(Authority).order_by(Authority.name))
        ]
    emit(rows, fmt, columns=["id", "name", "policy"], title="Authorities")


@authority_app.command("policy")
def authority_policy(
    name: str,
    setting: Annotated[
        list[str],
        typer.Option("--set", help="NAME=VALUE, e.g. stale_after_days=15 or due_soon_days=[10,3]"),
    ] = [],  # noqa: B006
) -> None:
    """Show an authority's reminder policy, or change settings with --set NAME=VALUE."""
    with open_session() as session:
        authority = people.authority_named(session, name, known_to=SYSTEM)
        assert authority.id is not None
        overrides = dict(_setting(item) for item in setting)
        policy = (
            policies.set_policy(session, authority_id=authority.id, overrides=overrides, by=SYSTEM)
            if overrides
            else policies.policy_for(session, authority.id)
        )
    for key, value in vars(policy).items():
        say(f"{key} = {value}")


def _setting(item: str) -> tuple[str, object]:
    key, _, raw = item.partition("=")
    try:
        return key.strip(), json.loads(raw)
    except json.JSONDecodeError:
        return key.strip(), raw.strip()


@person_app.command("add")
def person_add(
    name: str,
    email: Annotated[str, typer.Option(help="their work email (also their login)")],
    role: Annotated[str, typer.Option(help="lead, manager, director, inspector or admin")],
    authority: Annotated[str | None, typer.Option(help="the authority they work for")] = None,
    manager: Annotated[str | None, typer.Option(help="their line manager's email")] = None,
    notify: Annotated[list[str], typer.Option(help="an extra Apprise URL (Teams, Slack...)")] = [],  # noqa: B006
) -> None:
    """Record a person."""
    with acting_as(SYSTEM) as (session, acting):
        person = people.add_person(
            session,
            name=name,
            email=email,
            role=parse_choice(Role, role, "role"),
            authority=authority,
            manager_email=manager,
            extra_addresses=notify,
            **acting,
        )
        say(f"person {person.id} recorded: {person.name} <{person.email}> ({person.role.value})")


@person_app.command("list")
def person_list(authority: AuthorityFilter = None, fmt: FormatOption = Format.TABLE) -> None:
    """List people, optionally of one authority."""
    with open_session() as session:
        managers = {p.id: p.email for p in people.list_people(session)}
        rows = [
            {
                "id": p.id,
                "name": p.name,
                "email": p.email,
                "role": p.role.value,
                "manager": managers.get(p.manager_id),
                "active": p.active,
            }
            for p in people.list_people(session, authority=authority)
        ]
    emit(rows, fmt, columns=["id", "name", "email", "role", "manager"], title="People")


@inspection_app.command("add")
def inspection_add(
    authority: Authority,
    kind: Annotated[str, typer.Option(help=", ".join(k.value for k in InspectionKind))],
    start: Annotated[str, typer.Option(help="first day, YYYY-MM-DD")],
    end: Annotated[str, typer.Option(help="last day, YYYY-MM-DD")],
    published: Annotated[str | None, typer.Option(help="letter or report date")] = None,
    inspector: Annotated[list[str], typer.Option(help="an inspector's name (repeatable)")] = [],  # noqa: B006
    judgement: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Record an inspection entered by hand (imports record theirs themselves)."""
    data = inspections.InspectionInput(
        kind=parse_choice(InspectionKind, kind, "kind"),
        start=parse_date(start, "--start"),
        end=parse_date(end, "--end"),
        published=parse_date(published, "--published") if published else None,
        inspectors=inspector,
        judgement=judgement,
    )
    with acting_as(SYSTEM) as (session, acting):
        found = people.authority_named(session, authority, known_to=SYSTEM)
        assert found.id is not None
        recorded = inspections.record_inspection(
            session, authority_id=found.id, data=data, **acting
        )
        say(f"inspection {recorded.inspection.id} recorded for {found.name}")


@inspection_app.command("list")
def inspection_list(authority: AuthorityFilter = None, fmt: FormatOption = Format.TABLE) -> None:
    """List inspections, newest first."""
    with open_session() as session:
        authority_id = authority_id_of(session, authority)
        rows = [
            {
                "id": i.id,
                "authority_id": i.authority_id,
                "kind": i.kind.value,
                "start": i.start_date,
                "end": i.end_date,
                "published": i.published,
                "inspectors": i.inspectors,
                "judgement": i.judgement,
                "next_window": f"{i.next_window_start} to {i.next_window_end}",
            }
            for i in inspections.list_inspections(session, authority_id=authority_id)
        ]
    emit(
        rows,
        fmt,
        columns=["id", "kind", "start", "end", "published", "judgement", "next_window"],
        title="Inspections",
    )


@inspection_app.command("show")
def inspection_show(inspection_id: InspectionId, fmt: FormatOption = Format.TABLE) -> None:
    """Show an inspection's findings, grouped as the letter gives them."""
    with open_session() as session:
        rows = [
            {
                "position": f.position,
                "kind": f.kind.value,
                "heading": f.heading,
                "topic": f.topic,
                "text": f.text,
                "timescale": f.timescale,
            }
            for f in inspections.findings_of(session, inspection_id)
        ]
    emit(
        rows,
        fmt,
        columns=["kind", "heading", "topic", "text", "timescale"],
        title=f"Findings of inspection {inspection_id}",
    )
