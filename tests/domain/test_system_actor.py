"""The system actor: named by the permission rules, and required of every service."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import domain
from domain.errors import NotPermitted
from domain.permissions import (
    SYSTEM,
    Action,
    Actor,
    Scope,
    is_allowed,
    may_administer,
    readable_authorities,
    recorded_id,
    require_administrator,
    require_any_administrator,
)
from domain.vocabulary import Role

ROOT = Path(__file__).resolve().parents[2]
# The use cases that act for someone; each must be told who, with no default.
SERVICES = {
    "domain.accounts.people": ["add_authority", "add_person", "update_person"],
    "domain.accounts.services": [
        "set_password",
        "issue_token",
        "revoke_token",
        "grant_inspector_access",
    ],
    "domain.areas.services": ["add_area", "assign_area"],
    "domain.areas.plans": ["import_plan"],
    "domain.areas.progress": ["record_progress", "sign_off"],
    "domain.areas.due_dates": ["change_due_date", "decide_due_date"],
    "domain.inspections.services": ["record_inspection"],
    "domain.carryover.decisions": [
        "confirm_link",
        "reject_link",
        "close_as_addressed",
        "carry_as_is",
    ],
    "domain.carryover.review_pack": ["build_review_pack"],
    "domain.reminders.policies": ["set_policy"],
    "domain.reminders.planning": ["plan_daily_reminders"],
    "domain.reminders.readiness": ["plan_readiness"],
}


def _functions_of_the_domain() -> list[tuple[str, Callable[..., Any]]]:
    found = []
    for info in pkgutil.walk_packages(domain.__path__, "domain."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if inspect.isfunction(value) and value.__module__ == info.name:
                found.append((f"{info.name}.{name}", value))
    return found


def _actor_parameters(function: Callable[..., Any]) -> list[inspect.Parameter]:
    return [
        p for p in inspect.signature(function).parameters.values() if "Actor" in str(p.annotation)
    ]


@pytest.mark.parametrize("action", list(Action))
def test_the_rules_let_the_system_actor_take_every_action_in_every_authority(
    action: Action,
) -> None:
    for scope in (Scope(1), Scope(2, owner_id=5), Scope(3, owner_id=None)):
        assert is_allowed(SYSTEM, action, scope)


def test_the_rules_let_the_system_actor_administer_and_read_everything() -> None:
    assert may_administer(SYSTEM, None) and may_administer(SYSTEM, 7)
    require_administrator(SYSTEM, 7, "change it")
    require_any_administrator(SYSTEM, "change it")
    assert readable_authorities(SYSTEM) is None


def test_the_system_actor_is_recorded_as_no_person_and_a_person_as_themselves() -> None:
    assert recorded_id(SYSTEM) is None
    assert recorded_id(Actor(4, "Priya", Role.LEAD, 1)) == 4


def test_an_actor_made_from_a_person_is_never_the_system_actor() -> None:
    everywhere = Actor(0, "Closeout (system)", Role.ADMIN, None)
    assert not everywhere.is_system
    assert everywhere != SYSTEM
    assert not may_administer(Actor(2, "Lou", Role.ADMIN, 7), 8)


def test_a_lead_and_an_inspector_are_still_refused_what_they_were_refused() -> None:
    lead = Actor(4, "Priya", Role.LEAD, 1)
    inspector = Actor(5, "Ruth", Role.INSPECTOR, 1)
    assert not is_allowed(lead, Action.SIGN_OFF, Scope(1, owner_id=4))
    assert not is_allowed(inspector, Action.RECORD_PROGRESS, Scope(1, owner_id=5))
    with pytest.raises(NotPermitted, match=r"^Priya \(lead\) may not change it$"):
        require_administrator(lead, 1, "change it")
    with pytest.raises(NotPermitted, match=r"^Ruth \(inspector\) may not change it$"):
        require_any_administrator(inspector, "change it")


def test_no_domain_function_takes_an_optional_actor_or_a_default_one() -> None:
    loose = [
        f"{name}({p.name}: {p.annotation})"
        for name, function in _functions_of_the_domain()
        for p in _actor_parameters(function)
        if "None" in str(p.annotation) or p.default is not inspect.Parameter.empty
    ]
    assert loose == []


@pytest.mark.parametrize(
    ("module", "name"), [(m, n) for m, names in SERVICES.items() for n in names]
)
def test_every_service_is_told_who_acts(module: str, name: str) -> None:
    function = getattr(importlib.import_module(module), name)
    [who] = _actor_parameters(function)
    assert who.kind is inspect.Parameter.KEYWORD_ONLY
    assert who.default is inspect.Parameter.empty
    everything_else = {
        p.name: None
        for p in inspect.signature(function).parameters.values()
        if p.default is inspect.Parameter.empty and p.name != who.name
    }
    with pytest.raises(TypeError, match=f"missing 1 required keyword-only argument: '{who.name}'"):
        function(**everything_else)


def test_the_type_checker_refuses_a_service_called_without_its_actor(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    mypy = pytest.importorskip("mypy.api")
    caller = tmp_path / "caller.py"
    caller.write_text(
        textwrap.dedent(
            """\
            from datetime import datetime

            from sqlmodel import Session

            from domain.areas.services import assign_area
            from domain.reminders.policies import set_policy


            def forget(session: Session, now: datetime) -> None:
                set_policy(session, authority_id=1, overrides={})
                assign_area(session, area_id=1, owner_email="a@example.org", now=now)
            """
        )
    )
    cache = request.config.cache.mkdir("mypy-system-actor") if request.config.cache else tmp_path
    report, _, status = mypy.run(
        [
            str(caller),
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(cache),
            "--follow-imports=silent",
            "--no-sqlite-cache",
        ]
    )
    assert status == 1
    assert 'Missing named argument "by" for "set_policy"' in report
    assert 'Missing named argument "by" for "assign_area"' in report
