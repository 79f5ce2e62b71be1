"""Who may do what: every role rule in one place, for the web, the API and the CLI alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from domain.errors import NotPermitted
from domain.vocabulary import Role


class Action(StrEnum):
    READ = "read"
    RECORD_PROGRESS = "record progress on"
    REQUEST_DUE_DATE = "ask for a revised due date on"
    CHANGE_DUE_DATE = "change the due date of"
    DECIDE_DUE_DATE = "approve or reject a revised due date on"
    SIGN_OFF = "sign off"
    ASSIGN = "assign"
    CARRY_OVER = "decide the carry-over of"
    IMPORT = "import inspection documents for"
    PAUSE = "pause or resume the chase of"


@dataclass(frozen=True)
class Actor:
    """Who is acting: a person, with the ids of everyone below them in the line, or SYSTEM.

    `authority_id` is the authority they act in (for an inspector, the one they chose to
    read); `reads` holds any further authorities they may read (an inspector's other grants).
    `is_system` marks Closeout itself (SYSTEM below); an Actor made from a person never has it.
    """

    person_id: int
    name: str
    role: Role
    authority_id: int | None
    manages: frozenset[int] = field(default_factory=frozenset)
    reads: frozenset[int] = field(default_factory=frozenset)
    is_system: bool = field(default=False, kw_only=True)


SYSTEM = Actor(0, "Closeout (system)", Role.ADMIN, None, is_system=True)
"""Closeout itself: the scheduled runs and the administrator's command line on the server.

The rules below name it first and allow it everything, as those jobs need. No one signs in
as it: an Actor made from a person never has `is_system`, and person id 0 names no one (ids
start at 1). What it does is recorded with no person (`recorded_id`), as nobody did it.
"""


@dataclass(frozen=True)
class Scope:
    """What an action touches: an authority and, for an area, its lead."""

    authority_id: int
    owner_id: int | None = None


_MANAGER_ACTIONS = frozenset(
    {
        Action.READ,
        Action.RECORD_PROGRESS,
        Action.REQUEST_DUE_DATE,
        Action.SIGN_OFF,
        Action.ASSIGN,
        Action.CARRY_OVER,
        Action.IMPORT,
        Action.PAUSE,
    }
)
_LINE_ACTIONS = frozenset({Action.CHANGE_DUE_DATE, Action.DECIDE_DUE_DATE})
_OWNER_ACTIONS = frozenset(
    {Action.READ, Action.RECORD_PROGRESS, Action.REQUEST_DUE_DATE, Action.PAUSE}
)


def is_allowed(actor: Actor, action: Action, scope: Scope) -> bool:
    """Whether `actor` may take `action` on something in `scope`."""
    if actor.is_system:
        return True
    if actor.role == Role.ADMIN:
        return actor.authority_id in (None, scope.authority_id)
    if action == Action.READ and scope.authority_id in actor.reads:
        return True
    if actor.authority_id != scope.authority_id:
        return False
    if actor.role == Role.DIRECTOR:
        return True
    if actor.role == Role.MANAGER:
        if action in _MANAGER_ACTIONS:
            return True
        return action in _LINE_ACTIONS and (
            scope.owner_id is None or scope.owner_id in actor.manages
        )
    if actor.role == Role.LEAD:
        return action == Action.READ or (
            action in _OWNER_ACTIONS and scope.owner_id == actor.person_id
        )
    return action == Action.READ  # inspectors read, never write


def may_administer(actor: Actor, authority_id: int | None) -> bool:
    """Whether `actor` may manage people, access and settings (of `authority_id`, or all):
    SYSTEM and an administrator of every authority may manage all."""
    if actor.is_system:
        return True
    return actor.role == Role.ADMIN and actor.authority_id in (None, authority_id)


def require_administrator(actor: Actor, authority_id: int | None, what: str) -> None:
    """Raise NotPermitted unless `actor` may administer `authority_id` (SYSTEM always may)."""
    if not may_administer(actor, authority_id):
        raise NotPermitted(f"{actor.name} ({actor.role.value}) may not {what}")


def require_any_administrator(actor: Actor, what: str) -> None:
    """Raise NotPermitted unless `actor` administers something; checked before a record is
    looked up, so that no one else learns from the answer what is recorded."""
    require_administrator(actor, actor.authority_id, what)


IMPORTING_ROLES = frozenset({Role.ADMIN, Role.DIRECTOR, Role.MANAGER})


def require_importer(actor: Actor) -> None:
    """Raise NotPermitted unless `actor` may import documents for some authority (SYSTEM, an
    administrator, a director or a manager); checked before anything is looked up."""
    if not actor.is_system and (
        actor.role not in IMPORTING_ROLES
        or (actor.role != Role.ADMIN and actor.authority_id is None)
    ):
        raise NotPermitted(f"{actor.name} ({actor.role.value}) may not import inspection documents")


def readable_authorities(actor: Actor) -> frozenset[int] | None:
    """The authorities whose records `actor` may read; None means every authority (for
    SYSTEM and an administrator of every authority)."""
    if actor.is_system or (actor.role == Role.ADMIN and actor.authority_id is None):
        return None
    own = frozenset() if actor.authority_id is None else frozenset({actor.authority_id})
    return own | actor.reads


def require(actor: Actor, action: Action, scope: Scope, what: str) -> None:
    """Raise NotPermitted, naming the person, role and action, unless it is allowed."""
    if not is_allowed(actor, action, scope):
        raise NotPermitted(f"{actor.name} ({actor.role.value}) may not {action.value} {what}")


def recorded_id(actor: Actor) -> int | None:
    """The person to record as having acted: none for SYSTEM, since no person did."""
    return None if actor.is_system else actor.person_id
