"""The reminder and due-date policy, with defaults an authority may override."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from domain.errors import InvalidInput


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

    @property
    def due_soon_horizon(self) -> int:
        """The furthest ahead, in working days, that an area counts as due soon."""
        return max(self.due_soon_days, default=0)

    def with_overrides(self, overrides: dict[str, Any]) -> Policy:
        """This policy with an authority's overrides applied; unknown names are refused."""
        known = {f.name: f for f in fields(self)}
        changes: dict[str, Any] = {}
        for name, value in overrides.items():
            if name not in known:
                raise InvalidInput(
                    f"policy setting {name!r} is not known; use one of: {', '.join(known)}"
                )
            if name == "due_soon_days":
                value = tuple(sorted((int(v) for v in value), reverse=True))
            elif name == "remind_on_non_working_days":
                value = bool(value)
            else:
                value = int(value)
                if value < 0:
                    raise InvalidInput(f"policy setting {name}={value} must be 0 or more")
            changes[name] = value
        return replace(self, **changes)
