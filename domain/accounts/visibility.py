"""Which authority a reader may see: the one read check every page and endpoint shares."""

from __future__ import annotations

from sqlmodel import Session, col, select

from domain.accounts.models import Authority
from domain.accounts.people import authority_named
from domain.areas.models import DevelopmentArea
from domain.areas.services import get_area, scope_of
from domain.errors import NotFound, NotPermitted
from domain.permissions import Action, Actor, Scope, readable_authorities, require


def readable_area(session: Session, actor: Actor, area_id: int) -> DevelopmentArea:
    """The area, if the rules let `actor` read it."""
    area = get_area(session, area_id)
    require(actor, Action.READ, scope_of(area), f"development area {area_id}")
    return area


def readable_authority(session: Session, actor: Actor, name_or_id: str | int) -> Authority:
    """The authority, if the rules let `actor` read its records."""
    authority = authority_named(session, name_or_id, known_to=actor)
    assert authority.id is not None
    # Named as asked for, so asking by id tells nobody the name of an authority not theirs.
    asked = (
        f"authority {name_or_id.strip()!r}"
        if isinstance(name_or_id, str)
        else f"authority {name_or_id}"
    )
    require(actor, Action.READ, Scope(authority.id), asked)
    return authority


def home_authority(session: Session, actor: Actor, requested: str | int | None) -> Authority:
    """The authority asked for, else the one the reader acts in (an inspector's choice among
    their grants; for an administrator of every authority, the first by name)."""
    if requested not in (None, ""):
        return readable_authority(session, actor, requested)
    allowed = readable_authorities(actor)
    if allowed is None:
        first = session.exec(select(Authority).order_by(col(Authority.name))).first()
        if first is None:
            raise NotFound("no authority is recorded yet; add one: closeout authority add")
        return first
    if not allowed:
        raise NotPermitted(
            f"{actor.name} ({actor.role.value}) has no authority to read today; "
            "an administrator can grant access with `closeout inspector grant`"
        )
    return readable_authority(session, actor, actor.authority_id or min(allowed))


def authorities_to_choose(session: Session, actor: Actor) -> list[Authority]:
    """Every authority `actor` may read, by name: the choices of the authority switcher."""
    query = select(Authority).order_by(col(Authority.name))
    allowed = readable_authorities(actor)
    if allowed is not None:
        query = query.where(col(Authority.id).in_(allowed))
    return list(session.exec(query))
