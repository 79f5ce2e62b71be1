"""The reminder, due-date and sign-off policy, with defaults an authority may override."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from domain.errors import InvalidPolicy


@dataclass(frozen=True)
class Policy:
    """Thresholds in working days unless the name says otherwise."""

    due_soon_days: tuple[int, ...] = (10, 3)
    stale_after_days: int = 20
    chase_every_days: int = 5
    quiet_after_update_days: int = 5
    escalate_to_manager_after_days: int = 10
    escalate_to_director_after_days: int = 20
    remind_on_non_working_days: bool = False
    at_risk_before_window_days: int = 90
    immediately_working_days: int = 10
    default_due_months: int = 6
    evidence_before_priority_sign_off: bool = False
    max_lead_pause_days: int = 10
    allow_weekly_rhythm: bool = True
    allow_teams: bool = True
    allow_slack: bool = True
    allow_webhook: bool = True

    @property
    def due_soon_horizon(self) -> int:
        """The furthest ahead, in working days, that an area counts as due soon."""
        return max(self.due_soon_days, default=0)

    def with_overrides(self, overrides: Mapping[str, Any]) -> Policy:
        """This policy with an authority's overrides applied; every bad name or value is
        refused at once, in one InvalidPolicy naming each."""
        changes: dict[str, Any] = {}
        problems: dict[str, str] = {}
        for name, value in overrides.items():
            try:
                changes[name] = parse_setting(name, value)
            except ValueError as bad:
                problems[name] = str(bad)
        if problems:
            raise InvalidPolicy(problems)
        return replace(self, **changes)

    def read_stored(self, overrides: Mapping[str, Any]) -> tuple[Policy, dict[str, str]]:
        """This policy with every readable stored override applied, and what is wrong with
        the others (by setting name), for readers that must carry on regardless."""
        try:
            return self.with_overrides(overrides), {}
        except InvalidPolicy as bad:
            readable = {k: v for k, v in overrides.items() if k not in bad.problems}
            return self.with_overrides(readable), bad.problems

    def overrides(self) -> dict[str, Any]:
        """The settings that differ from the defaults, as JSON values."""
        default = Policy()
        return {
            f.name: list(value) if isinstance(value, tuple) else value
            for f in fields(self)
            if (value := getattr(self, f.name)) != getattr(default, f.name)
        }


@dataclass(frozen=True)
class Setting:
    """How a setting is described to people, and the values it may take: yes or no, else
    whole numbers from `lowest` to `highest`."""

    name: str
    label: str
    hint: str = ""
    lowest: int = 0
    highest: int = 250  # about a year of working days
    yes_or_no: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "due_soon_days",
        "Working days before the due date to remind the lead",
        "One reminder at each number, for example 10, 3; up to 5 numbers.",
    ),
    Setting(
        "stale_after_days",
        "Working days without a progress update before the lead is chased",
        "They are chased again after each further period as long.",
    ),
    Setting(
        "chase_every_days",
        "Working days between chases of an overdue area",
        "0 chases once, on the first day overdue.",
    ),
    Setting(
        "quiet_after_update_days",
        "Working days after a progress update with no reminders",
    ),
    Setting(
        "escalate_to_manager_after_days",
        "Working days without an answer before the line manager is told",
    ),
    Setting(
        "escalate_to_director_after_days",
        "Working days without an answer before the Director of Children's Services is told",
    ),
    Setting(
        "remind_on_non_working_days",
        "Reminders at weekends and on bank holidays",
        yes_or_no=True,
    ),
    Setting(
        "at_risk_before_window_days",
        "Working days before the next inspection window that an open area is at risk",
        highest=750,  # about three years: the longest time between full inspections
    ),
    Setting(
        "immediately_working_days",
        "Working days after the inspection to do an item marked 'immediately'",
    ),
    Setting(
        "default_due_months",
        "Months after the inspection to do an item with no timescale",
        lowest=1,
        highest=36,
    ),
    Setting(
        "evidence_before_priority_sign_off",
        "Evidence needed before a priority action is signed off",
        "With yes, an area for priority action with no evidence cannot be signed off.",
        yes_or_no=True,
    ),
    Setting(
        "max_lead_pause_days",
        "Working days a lead's own pause may hold back escalations to their manager",
        "The lead is not chased while paused; after this many days the manager hears again.",
    ),
    Setting(
        "allow_weekly_rhythm",
        "People may choose one digest a week instead of one a day",
        "Escalations to managers are never held for a lead's weekly day.",
        yes_or_no=True,
    ),
    Setting("allow_teams", "People may take reminders in Microsoft Teams", yes_or_no=True),
    Setting("allow_slack", "People may take reminders in Slack", yes_or_no=True),
    Setting("allow_webhook", "People may take reminders at a webhook", yes_or_no=True),
)
_BY_NAME = {s.name: s for s in SETTINGS}
_YES, _NO = {"yes", "true", "on", "1"}, {"no", "false", "off", "0"}
MAX_DUE_SOON = 5


def parse_setting(name: str, value: Any) -> Any:
    """The value of setting `name`, from JSON or from text as typed in a form or a command.

    ValueError says which values are valid: its message reads after the setting's name.
    """
    setting = _BY_NAME.get(name)
    if setting is None:
        raise ValueError(f"is not known; use one of: {', '.join(_BY_NAME)}")
    if setting.yes_or_no:
        return _yes_or_no(value)
    if name == "due_soon_days":
        return _thresholds(value, setting)
    return _whole_number(value, setting)


def _yes_or_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    spelled = str(value).strip().lower() if isinstance(value, str | int) else ""
    if spelled in _YES | _NO:
        return spelled in _YES
    raise ValueError(f"must be yes or no, not {value!r}")


def _whole_number(value: Any, setting: Setting) -> int:
    valid = f"a whole number from {setting.lowest} to {setting.highest}"
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,6}\s*", value):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"must be {valid}, not {value!r}")
    if not setting.lowest <= value <= setting.highest:
        raise ValueError(f"must be {valid}, not {value}")
    return value


def _thresholds(value: Any, setting: Setting) -> tuple[int, ...]:
    valid = (
        f"1 to {MAX_DUE_SOON} whole numbers from {setting.lowest} to {setting.highest} "
        "(for example 10, 3)"
    )
    items = re.split(r"[\s,;\[\]]+", value) if isinstance(value, str) else value
    items = [item for item in items if item != ""] if isinstance(items, list | tuple) else None
    try:
        if items is None or not 1 <= len(items) <= MAX_DUE_SOON:
            raise ValueError
        numbers = {_whole_number(item, setting) for item in items}
    except ValueError:
        raise ValueError(f"must be {valid}, not {value!r}") from None
    return tuple(sorted(numbers, reverse=True))
