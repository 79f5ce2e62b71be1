"""`closeout authority rename | merge`: changing which authorities are recorded."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.context import acting_as
from cli.output import say
from domain.accounts import authorities, merge_plan, people
from domain.errors import Conflict
from domain.permissions import SYSTEM
from infra import clock


def authority_rename(
    authority: Annotated[str, typer.Argument(help="the authority's present name or id")],
    new_name: Annotated[str, typer.Argument(help="its new name")],
) -> None:
    """Give an authority a new name (the old one is recorded)."""
    with acting_as(SYSTEM) as (session, acting):
        found = people.authority_named(session, authority, known_to=SYSTEM)
        assert found.id is not None
        old = found.name
        renamed = authorities.rename_authority(
            session, authority_id=found.id, new_name=new_name, **acting
        )
        say(f"authority {renamed.id} renamed: {old} is now {renamed.name}")


def authority_merge(
    keep: Annotated[str, typer.Argument(help="the authority to keep, by name or id")],
    absorb: Annotated[str, typer.Argument(help="the authority merged into it and removed")],
    yes: Annotated[
        bool, typer.Option("--yes", help="merge; without it, only say what would move")
    ] = False,
) -> None:
    """Move every record of ABSORB to KEEP and remove ABSORB; says what would move unless
    --yes is given."""
    with acting_as(SYSTEM) as (session, acting):
        kept = people.authority_named(session, keep, known_to=SYSTEM)
        absorbed = people.authority_named(session, absorb, known_to=SYSTEM)
        assert kept.id is not None and absorbed.id is not None
        plan = merge_plan.plan_merge(
            session, keep_id=kept.id, absorb_id=absorbed.id, by=SYSTEM, today=clock.today()
        )
        moving = ", ".join(f"{n} {table}" for table, n in plan.moving.items()) or "no records"
        if plan.clashes:
            raise Conflict(
                f"{absorbed.name} cannot be merged into {kept.name}: " + "; ".join(plan.clashes)
            )
        if plan.policy_dropped:
            say(f"{absorbed.name}'s own reminder policy stops applying; {kept.name}'s applies")
        if not yes:
            say(f"would move {moving} from {absorbed.name} to {kept.name}; add --yes to merge")
            return
        merge = authorities.merge_authorities(
            session, keep_id=kept.id, absorb_id=absorbed.id, **acting
        )
        say(f"merged {merge.absorbed_name} into {merge.kept_name}: moved {moving}")
