"""The status workflow: open → in_progress → completed → closed, with blocked beside it."""

from __future__ import annotations

from domain.errors import InvalidTransition
from domain.vocabulary import Status

# completed → closed is the sign-off; completed → open/in_progress is a reopen.
ALLOWED: dict[Status, frozenset[Status]] = {
    Status.OPEN: frozenset({Status.IN_PROGRESS, Status.BLOCKED, Status.COMPLETED}),
    Status.IN_PROGRESS: frozenset({Status.OPEN, Status.BLOCKED, Status.COMPLETED}),
    Status.BLOCKED: frozenset({Status.OPEN, Status.IN_PROGRESS, Status.COMPLETED}),
    Status.COMPLETED: frozenset({Status.OPEN, Status.IN_PROGRESS, Status.CLOSED}),
    Status.CLOSED: frozenset(),
}


def check_transition(current: Status, new: Status) -> None:
    """Raise InvalidTransition unless the workflow allows `current` → `new`."""
    if new == current or new in ALLOWED[current]:
        return
    allowed = ", ".join(sorted(s.value for s in ALLOWED[current])) or "none (closed is final)"
    raise InvalidTransition(
        f"status cannot change from {current.value} to {new.value}; from {current.value} "
        f"it can change to: {allowed}"
    )


def is_sign_off(current: Status, new: Status) -> bool:
    """Whether the change closes a completed area, which needs a manager's sign-off."""
    return current == Status.COMPLETED and new == Status.CLOSED
