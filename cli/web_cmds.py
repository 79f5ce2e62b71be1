"""Commands for the web app's people: passwords, API and calendar tokens, inspector access."""

from __future__ import annotations

import getpass
import sys
from datetime import timedelta
from typing import Annotated

import typer
from sqlmodel import col, select

from cli.context import acting_as, open_session, optional_date
from cli.options import FormatOption, TokenId
from cli.output import Format, emit, say
from domain.accounts import people
from domain.accounts import services as accounts
from domain.accounts.credentials import TokenPurpose
from domain.accounts.models import Authority
from domain.dates import parse_date
from domain.permissions import SYSTEM
from domain.vocabulary import Role, parse_choice
from infra import clock
from infra.settings import get_settings

token_app = typer.Typer(help="Bearer tokens for the API and calendar links.", no_args_is_help=True)
inspector_app = typer.Typer(help="Inspectors' read-only access windows.", no_args_is_help=True)

# The example authority's documented password, for trying the web app on a laptop only.
DEMO_PASSWORD = "eastmere example"
DEMO_ACCESS_DAYS = 90


def _read_password(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


def person_set_password(email: str) -> None:
    """Set a person's password, read from stdin (hidden when typed at a terminal)."""
    password = _read_password(f"New password for {email}: ")
    with open_session() as session:
        person = accounts.set_password(session, email=email, password=password, by=SYSTEM)
        say(f"password set for {person.email}")


@token_app.command("create")
def token_create(
    email: str,
    purpose: Annotated[str, typer.Option(help="api or calendar")] = "api",
    label: Annotated[str, typer.Option(help="what the token is for")] = "",
) -> None:
    """Make a token for a person and print it once; only its digest is kept."""
    chosen = parse_choice(TokenPurpose, purpose, "purpose")
    with acting_as(SYSTEM) as (session, acting):
        token, secret = accounts.issue_token(
            session, email=email, purpose=chosen, label=label, **acting
        )
        token_id = token.id
    if chosen == TokenPurpose.CALENDAR:
        secret = f"{get_settings().base_url.rstrip('/')}/calendar/{secret}.ics"
    typer.echo(secret)
    typer.echo(
        f"token {token_id} created for {email.lower()}; it is shown only this once", err=True
    )


@token_app.command("revoke")
def token_revoke(token_id: TokenId) -> None:
    """Stop a token working."""
    with acting_as(SYSTEM) as (session, acting):
        token = accounts.revoke_token(session, token_id=token_id, **acting)
        say(f"token {token.id} ({token.prefix}…) revoked")


@token_app.command("list")
def token_list(email: str, fmt: FormatOption = Format.TABLE) -> None:
    """List a person's live tokens (their first characters only)."""
    with open_session() as session:
        person = people.get_person(session, email)
        rows = [
            {
                "id": t.id,
                "purpose": t.purpose.value,
                "starts": t.prefix,
                "label": t.label,
                "created": t.created_at,
                "last_used": t.last_used_at,
            }
            for purpose in TokenPurpose
            for t in accounts.tokens_of(session, person_id=person.id or 0, purpose=purpose)
        ]
    emit(rows, fmt, columns=["id", "purpose", "starts", "label", "created", "last_used"])


@inspector_app.command("grant")
def inspector_grant(
    email: str,
    authority: Annotated[str, typer.Option(help="the authority they may read")],
    until: Annotated[str, typer.Option(help="last day of access, YYYY-MM-DD")],
    starts: Annotated[str | None, typer.Option("--from", help="first day (default today)")] = None,
) -> None:
    """Let an inspector read one authority's records, read-only, until a date."""
    with acting_as(SYSTEM) as (session, acting):
        grant = accounts.grant_inspector_access(
            session,
            email=email,
            authority=authority,
            until=parse_date(until, "--until"),
            starts_on=optional_date(starts, "--from"),
            today=clock.today(),
            **acting,
        )
        say(f"{email.lower()} may read authority {grant.authority_id} until {grant.ends_on}")


def example_passwords(
    password: Annotated[str, typer.Option(help="the password to give")] = DEMO_PASSWORD,
) -> None:
    """Give people without a password this one, and inspectors access to the first authority."""
    print_logins(give_example_logins(password), password)


def give_example_logins(password: str) -> list[str]:
    """Set `password` for everyone without one; grant inspectors without access 90 days.

    Returns a line per person given the password."""
    today, now = clock.today(), clock.now()
    given = []
    with open_session() as session:
        first = session.exec(select(Authority).order_by(col(Authority.id))).first()
        for person in people.list_people(session):
            assert person.id is not None
            if person.password_hash is None:
                accounts.set_password(session, email=person.email, password=password, by=SYSTEM)
                given.append(f"  {person.email:40} {person.role.value}")
            if (
                person.role == Role.INSPECTOR
                and first is not None
                and accounts.access_in_force(session, person_id=person.id, today=today) is None
            ):
                accounts.grant_inspector_access(
                    session,
                    email=person.email,
                    authority=str(first.id),
                    until=today + timedelta(days=DEMO_ACCESS_DAYS),
                    today=today,
                    now=now,
                    by=SYSTEM,
                )
    return given


def print_logins(given: list[str], password: str, base_url: str | None = None) -> None:
    """Say who was given `password` and where they sign in (at `base_url`, the web app's
    address; the configured one when not given)."""
    if not given:
        say("every person already has a password; none changed")
        return
    base = (base_url or get_settings().base_url).rstrip("/")
    say(f"Sign in at {base}/sign-in with password {password!r} as:")
    for line in given:
        say(line)
