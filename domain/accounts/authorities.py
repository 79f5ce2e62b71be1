"""Renaming an authority, and merging one authority into another (see `merge_plan` for what
moves and what stops a merge)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from domain.accounts.authority_names import authority_key, keys_match
from domain.accounts.changes import AuthorityMerge, AuthorityNameChange
from domain.accounts.merge_plan import counts, holding_tables, plan_merge
from domain.accounts.models import Authority
from domain.calendar import london_date
from domain.errors import AuthorityNotFound, Conflict, DuplicateRecord, InvalidInput
from domain.permissions import Actor, recorded_id, require_administrator, require_any_administrator

NAME_LIMIT = 200


def _clean_name(session: Session, authority: Authority, new_name: str) -> str:
    """The new name with its spaces tidied, or an error naming what is wrong with it."""
    clean = " ".join(new_name.split())
    if not clean:
        raise InvalidInput("new name is empty; give the authority's name as printed on letters")
    if len(clean) > NAME_LIMIT:
        raise InvalidInput(f"new name is {len(clean)} characters long; the limit is {NAME_LIMIT}")
    if clean == authority.name:
        raise InvalidInput(f"authority {authority.id} is named {clean!r} already; give a new name")
    key = authority_key(clean)
    for other in session.exec(select(Authority).where(col(Authority.id) != authority.id)):
        if other.name == clean:
            raise DuplicateRecord(
                f"authority {clean!r} is recorded already; choose another name, or merge the two"
            )
        if keys_match(authority_key(other.name), key):
            raise DuplicateRecord(
                f"new name {clean!r} would be read as {other.name!r} in letters; "
                "choose a name that differs more, or merge the two"
            )
    return clean


def rename_authority(
    session: Session, *, authority_id: int, new_name: str, by: Actor, now: datetime
) -> Authority:
    """Give an authority a new name, unique and not read as another's in letters; the old
    name is recorded. An administrator of the authority (or of every one) may rename it."""
    require_any_administrator(by, "rename authorities")
    authority = session.get(Authority, authority_id)
    if authority is None:
        raise AuthorityNotFound(f"authority {authority_id} is not recorded")
    require_administrator(by, authority_id, f"rename {authority.name}")
    clean = _clean_name(session, authority, new_name)
    session.add(
        AuthorityNameChange(
            authority_id=authority_id,
            old_name=authority.name,
            new_name=clean,
            by_id=recorded_id(by),
            at=now,
        )
    )
    authority.name = clean
    session.add(authority)
    session.commit()
    session.refresh(authority)
    return authority


def merge_authorities(
    session: Session, *, keep_id: int, absorb_id: int, by: Actor, now: datetime
) -> AuthorityMerge:
    """Move every record of authority `absorb_id` to `keep_id`, record the merge and delete
    the absorbed authority, in one transaction: all of it or, on any clash, none of it.
    Only an administrator of every authority (or SYSTEM) may merge."""
    plan = plan_merge(session, keep_id=keep_id, absorb_id=absorb_id, by=by, today=london_date(now))
    kept, absorbed = plan.kept, plan.absorbed
    if plan.clashes:
        raise Conflict(
            f"{absorbed.name} cannot be merged into {kept.name}: " + "; ".join(plan.clashes)
        )
    try:
        # Two merges at once (A into B, B into A) wait for each other on PostgreSQL.
        both = select(Authority.id).where(col(Authority.id).in_([keep_id, absorb_id]))
        session.execute(both.with_for_update())
        before, moved = counts(session, keep_id), counts(session, absorb_id)
        for table in holding_tables():
            session.execute(
                update(table).where(table.c.authority_id == absorb_id).values(authority_id=keep_id)
            )
        _check_nothing_lost(session, kept, absorbed, before, moved)
        merge = _record(kept, absorbed, moved, by, now)
        session.add(merge)
        session.delete(absorbed)
        session.commit()
    except IntegrityError:
        session.rollback()
        raise Conflict(
            f"{absorbed.name} cannot be merged into {kept.name}: some of their records would "
            "be recorded twice; nothing was changed"
        ) from None
    except BaseException:
        session.rollback()
        raise
    # Records the caller loaded before may name the absorbed authority: read them afresh.
    session.expire_all()
    session.refresh(merge)
    return merge


def _record(
    kept: Authority, absorbed: Authority, moved: dict[str, int], by: Actor, now: datetime
) -> AuthorityMerge:
    assert kept.id is not None and absorbed.id is not None
    return AuthorityMerge(
        kept_id=kept.id,
        kept_name=kept.name,
        absorbed_id=absorbed.id,
        absorbed_name=absorbed.name,
        absorbed_policy=dict(absorbed.policy or {}),
        moved=moved,
        by_id=recorded_id(by),
        at=now,
    )


def _check_nothing_lost(
    session: Session,
    kept: Authority,
    absorbed: Authority,
    before: dict[str, int],
    moved: dict[str, int],
) -> None:
    """Refuse (the caller rolls back) unless every row moved and the kept authority holds
    what both held: above all, every inspection of both."""
    assert kept.id is not None and absorbed.id is not None
    after, left = counts(session, kept.id), counts(session, absorbed.id)
    for table, held in after.items():
        expected = before.get(table, 0) + moved.get(table, 0)
        if held != expected or left.get(table, 0):
            missing = max(expected - held, left.get(table, 0))
            what = "inspection(s)" if table == "inspection" else f"row(s) of {table}"
            raise Conflict(
                f"merging {absorbed.name} into {kept.name} would lose {missing} {what}; "
                "nothing was changed"
            )
