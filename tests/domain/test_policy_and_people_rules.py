"""Reading policy settings as people type them, and lines of management without loops."""

from dataclasses import fields, replace
from typing import Any

import pytest

from domain.accounts.people_rules import check_role_in_authority, reports_to
from domain.errors import InvalidInput, InvalidPolicy, NotPermitted
from domain.permissions import SYSTEM, Actor, require_administrator, require_any_administrator
from domain.reminders.policy import SETTINGS, Policy, parse_setting
from domain.vocabulary import Role


def test_every_policy_setting_is_described_once_in_order() -> None:
    assert [s.name for s in SETTINGS] == [f.name for f in fields(Policy)]


@pytest.mark.parametrize(
    ("name", "typed", "value"),
    [
        ("due_soon_days", "10, 3", (10, 3)),
        ("due_soon_days", "3 10 3", (10, 3)),
        ("due_soon_days", "[5,15]", (15, 5)),
        ("due_soon_days", [0], (0,)),
        ("stale_after_days", " 15 ", 15),
        ("stale_after_days", 250, 250),
        ("remind_on_non_working_days", "Yes", True),
        ("remind_on_non_working_days", "off", False),
        ("remind_on_non_working_days", False, False),
        ("default_due_months", "36", 36),
        ("at_risk_before_window_days", "750", 750),
    ],
)
def test_settings_are_read_from_what_people_type(name: str, typed: Any, value: Any) -> None:
    assert parse_setting(name, typed) == value


@pytest.mark.parametrize(
    ("name", "typed", "problem"),
    [
        ("stale_after_days", "", "must be a whole number from 0 to 250, not ''"),
        ("stale_after_days", "1.5", "must be a whole number from 0 to 250, not '1.5'"),
        ("stale_after_days", 251, "must be a whole number from 0 to 250, not 251"),
        ("stale_after_days", True, "must be a whole number from 0 to 250, not True"),
        ("default_due_months", 0, "must be a whole number from 1 to 36, not 0"),
        ("due_soon_days", "", "must be 1 to 5 whole numbers from 0 to 250 (for example 10, 3)"),
        ("due_soon_days", "10, -3", "not '10, -3'"),
        ("due_soon_days", [1, 2, 3, 4, 5, 6], "not [1, 2, 3, 4, 5, 6]"),
        ("remind_on_non_working_days", "sometimes", "must be yes or no, not 'sometimes'"),
        ("remind_on_non_working_days", None, "must be yes or no, not None"),
        ("stale_days", 3, "is not known; use one of: due_soon_days, stale_after_days,"),
    ],
)
def test_a_bad_setting_says_what_would_be_valid(name: str, typed: Any, problem: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_setting(name, typed)
    assert problem in str(refused.value)


def test_overrides_report_every_bad_setting_at_once() -> None:
    with pytest.raises(InvalidPolicy) as refused:
        Policy().with_overrides({"stale_after_days": "x", "chase_every_days": 2, "quiet": 1})
    assert list(refused.value.problems) == ["stale_after_days", "quiet"]
    assert refused.value.message.startswith(
        "policy setting 'stale_after_days' must be a whole number from 0 to 250, not 'x'; "
        "policy setting 'quiet' is not known"
    )


def test_overrides_are_the_differences_from_the_defaults_as_json() -> None:
    assert Policy().overrides() == {}
    changed = Policy(due_soon_days=(5,), stale_after_days=20, remind_on_non_working_days=True)
    assert changed.overrides() == {"due_soon_days": [5], "remind_on_non_working_days": True}


def test_staff_belong_to_an_authority_and_others_need_not() -> None:
    with pytest.raises(InvalidInput, match="a manager belongs to an authority") as refused:
        check_role_in_authority(Role.MANAGER, None)
    assert refused.value.field == "authority"
    check_role_in_authority(Role.INSPECTOR, None)
    check_role_in_authority(Role.ADMIN, None)


def test_someone_below_a_person_in_the_line_reports_to_them() -> None:
    managers = {1: None, 2: 1, 3: 2, 4: None}
    assert reports_to(3, 1, managers)
    assert reports_to(1, 1, managers)
    assert not reports_to(1, 3, managers)
    assert not reports_to(4, 1, managers)


def test_a_loop_already_recorded_does_not_hang_the_check() -> None:
    assert not reports_to(2, 9, {2: 3, 3: 2})


def test_only_administrators_of_the_authority_administer_it() -> None:
    everywhere = Actor(1, "Ada", Role.ADMIN, None)
    local = Actor(2, "Lou", Role.ADMIN, 7)
    director = Actor(3, "Di", Role.DIRECTOR, 7)
    require_administrator(everywhere, 8, "change it")
    require_administrator(local, 7, "change it")
    require_administrator(SYSTEM, 8, "change it")
    require_any_administrator(local, "change it")
    with pytest.raises(NotPermitted, match=r"^Lou \(admin\) may not change it$"):
        require_administrator(local, 8, "change it")
    with pytest.raises(NotPermitted, match=r"^Di \(director\) may not change it$"):
        require_any_administrator(director, "change it")


def test_reading_a_stored_policy_keeps_what_it_can_and_names_the_rest() -> None:
    policy, problems = Policy().read_stored({"stale_after_days": 15, "chase_every_days": 999})
    assert policy.stale_after_days == 15
    assert policy.chase_every_days == Policy().chase_every_days
    assert problems == {"chase_every_days": "must be a whole number from 0 to 250, not 999"}
    assert Policy().read_stored({"stale_after_days": 15}) == (
        replace(Policy(), stale_after_days=15),
        {},
    )
