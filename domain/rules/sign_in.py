"""When sign-in waits after wrong passwords, and which passwords are too weak to set."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime, timedelta

from domain.errors import WeakPassword

MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
_COMMON = frozenset(
    {"password", "password1", "password12", "password123", "1234567890", "qwertyuiop"}
)


def retry_after(failures: Iterable[datetime], now: datetime) -> int:
    """Seconds before sign-in may be tried again: 0 unless MAX_FAILURES fell in the window.

    The pause ends FAILURE_WINDOW after the oldest of the latest MAX_FAILURES failures,
    so a patient guesser gets at most MAX_FAILURES tries per window.
    """
    recent = sorted(at for at in failures if timedelta(0) <= now - at < FAILURE_WINDOW)
    if len(recent) < MAX_FAILURES:
        return 0
    unlock = recent[-MAX_FAILURES] + FAILURE_WINDOW
    return max(0, math.ceil((unlock - now).total_seconds()))


def check_password(password: str, email: str) -> None:
    """Raise WeakPassword unless the password is long enough and not an obvious guess."""
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise WeakPassword(
            f"a password of {len(password)} characters is not accepted; use "
            f"{MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters"
        )
    lowered = password.lower()
    if lowered in _COMMON or len(set(password)) < 4 or lowered == email.strip().lower():
        raise WeakPassword(
            "that password is too easy to guess; use a longer phrase of unrelated words"
        )
