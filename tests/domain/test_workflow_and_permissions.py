"""The status workflow, the reminder policy and who may do what."""

import pytest

from domain.areas.workflow import ALLOWED, check_transition, is_sign_off
from domain.errors import InvalidInput, InvalidTransition, NotPermitted
from domain.permissions import Action, Actor, Scope, is_allowed, readable_authorities, require
from domain.reminders.policy import Policy
from domain.vocabulary import Role, Status


@pytest.mark.parametrize(
    ("current", "new"),
    [
        (Status.OPEN, Status.IN_PROGRESS),
        (Status.IN_PROGRESS, Status.COMPLETED),
        (Status.COMPLETED, Status.CLOSED),
        (Status.COMPLETED, Status.IN_PROGRESS),
        (Status.BLOCKED, Status.IN_PROGRESS),
        (Status.OPEN, Status.BLOCKED),
    ],
)
def test_the_workflow_allows_its_transitions(current: Status, new: Status) -> None:
    check_transition(current, new)


@pytest.mark.parametrize(
    ("current", "new"),
    [
        (Status.OPEN, Status.CLOSED),
        (Status.IN_PROGRESS, Status.CLOSED),
        (Status.CLOSED, Status.OPEN),
        (Status.BLOCKED, Status.CLOSED),
    ],
)
def test_the_workflow_refuses_other_transitions_and_says_what_is_allowed(
    current: Status, new: Status
) -> None:
    with pytest.raises(InvalidTransition, match=f"from {current.value} to {new.value}"):
        check_transition(current, new)


def test_closed_is_final() -> None:
    assert ALLOWED[Status.CLOSED] == frozenset()
    with pytest.raises(InvalidTransition, match="none \\(closed is final\\)"):
        check_transition(Status.CLOSED, Status.IN_PROGRESS)


def test_only_completed_to_closed_is_a_sign_off() -> None:
    assert is_sign_off(Status.COMPLETED, Status.CLOSED)
    assert not is_sign_off(Status.IN_PROGRESS, Status.COMPLETED)


AREA = Scope(authority_id=1, owner_id=10)
LEAD = Actor(10, "Lee", Role.LEAD, 1)
OTHER_LEAD = Actor(11, "Olu", Role.LEAD, 1)
MANAGER = Actor(20, "Mo", Role.MANAGER, 1, frozenset({10}))
OTHER_MANAGER = Actor(21, "Max", Role.MANAGER, 1, frozenset({11}))
DIRECTOR = Actor(30, "Di", Role.DIRECTOR, 1)
INSPECTOR = Actor(40, "Ian", Role.INSPECTOR, 1)
ADMIN = Actor(50, "Ada", Role.ADMIN, None)
ELSEWHERE = Actor(60, "Eve", Role.DIRECTOR, 2)

EXPECTED = {
    LEAD: {Action.READ, Action.RECORD_PROGRESS, Action.REQUEST_DUE_DATE, Action.PAUSE},
    OTHER_LEAD: {Action.READ},
    MANAGER: set(Action),
    OTHER_MANAGER: set(Action) - {Action.CHANGE_DUE_DATE, Action.DECIDE_DUE_DATE},
    DIRECTOR: set(Action),
    INSPECTOR: {Action.READ},
    ADMIN: set(Action),
    ELSEWHERE: set(),
}


@pytest.mark.parametrize("who", list(EXPECTED), ids=lambda a: f"{a.name}-{a.role.value}")
def test_every_role_may_take_exactly_its_actions(who: Actor) -> None:
    assert {a for a in Action if is_allowed(who, a, AREA)} == EXPECTED[who]


def test_a_refusal_names_the_person_their_role_and_the_action() -> None:
    with pytest.raises(NotPermitted, match=r"^Ian \(inspector\) may not sign off area 7$"):
        require(INSPECTOR, Action.SIGN_OFF, AREA, "area 7")


def test_policy_overrides_replace_defaults_and_unknown_names_are_refused() -> None:
    policy = Policy().with_overrides({"stale_after_days": "15", "due_soon_days": [3, 10, 5]})
    assert policy.stale_after_days == 15
    assert policy.due_soon_days == (10, 5, 3)
    with pytest.raises(InvalidInput, match="'stale_days' is not known"):
        Policy().with_overrides({"stale_days": 3})
    with pytest.raises(InvalidInput, match="must be a whole number from 0 to 250, not -1"):
        Policy().with_overrides({"chase_every_days": -1})


def test_an_inspector_reads_every_authority_granted_and_writes_in_none() -> None:
    visiting = Actor(40, "Ian", Role.INSPECTOR, 1, reads=frozenset({2, 3}))
    assert readable_authorities(visiting) == frozenset({1, 2, 3})
    for authority in (1, 2, 3):
        assert is_allowed(visiting, Action.READ, Scope(authority, 10))
        assert not any(
            is_allowed(visiting, action, Scope(authority, 10))
            for action in Action
            if action != Action.READ
        )
    assert not is_allowed(visiting, Action.READ, Scope(4))
