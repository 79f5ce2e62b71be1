"""`closeout inspector list | shorten | end`: inspectors' access windows, seen and changed as
the administrator's access page does (`grant` lives beside the other web-app commands)."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.context import acting_as
from cli.options import FormatOption, GrantId
from cli.output import Format, emit, say
from domain.accounts import access_reads, inspector_access, people
from domain.dates import parse_date, written_date
from domain.permissions import SYSTEM
from infra import clock


def inspector_list(
    authority: Annotated[str, typer.Option(help="the authority's name or id")],
    fmt: FormatOption = Format.TABLE,
) -> None:
    """List the grants of access to one authority, those still open first."""
    with acting_as(SYSTEM) as (session, acting):
        found = people.authority_named(session, authority, known_to=SYSTEM)
        assert found.id is not None
        title = f"Inspector access to {found.name}"
        grants = access_reads.access_grants(
            session, authority_id=found.id, by=acting["by"], today=clock.today()
        )
        rows = [
            {
                "id": g.id,
                "inspector": g.inspector_email,
                "from": g.starts_on,
                "until": g.ends_on,
                "state": g.state.value,
                "granted_by": g.granted_by,
                "granted_at": g.granted_at,
            }
            for g in grants
        ]
    emit(
        rows,
        fmt,
        columns=["id", "inspector", "from", "until", "state", "granted_by"],
        title=title,
    )


def inspector_shorten(
    grant_id: GrantId,
    until: Annotated[str, typer.Option(help="the new last day of access, YYYY-MM-DD")],
) -> None:
    """Bring a grant's last day forward."""
    last_day = parse_date(until, "--until")
    with acting_as(SYSTEM) as (session, acting):
        grant = inspector_access.shorten_inspector_access(
            session, grant_id=grant_id, until=last_day, today=clock.today(), **acting
        )
        say(f"inspector access {grant.id} now ends on {written_date(grant.ends_on)}")


def inspector_end(grant_id: GrantId) -> None:
    """End a grant now: the inspector reads nothing more through it."""
    with acting_as(SYSTEM) as (session, acting):
        grant = inspector_access.end_inspector_access(
            session, grant_id=grant_id, today=clock.today(), **acting
        )
        say(f"inspector access {grant.id} ended")
