"""When sign-in waits after wrong passwords, and which passwords are too weak to set."""

from __future__ import annotations

import ipaddress
import math
from collections.abc import Iterable
from datetime import datetime, timedelta

from domain.errors import WeakPassword

MAX_FAILURES = 5
# From one client address, across every email tried: several people behind one office's
# address may each mistype, so it is higher than the limit per email.
MAX_FAILURES_PER_CLIENT = 20
FAILURE_WINDOW = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
_COMMON = frozenset(
    {"password", "password1", "password12", "password123", "1234567890", "qwertyuiop"}
)


def retry_after(failures: Iterable[datetime], now: datetime, limit: int = MAX_FAILURES) -> int:
    """Seconds before sign-in may be tried again: 0 unless `limit` failures fell in the window.

    The pause ends FAILURE_WINDOW after the oldest of the latest `limit` failures, so a
    patient guesser gets at most `limit` tries per window.
    """
    recent = sorted(at for at in failures if timedelta(0) <= now - at < FAILURE_WINDOW)
    if len(recent) < limit:
        return 0
    unlock = recent[-limit] + FAILURE_WINDOW
    return max(0, math.ceil((unlock - now).total_seconds()))


def client_network(host: str) -> str:
    """The address whose failures count together: an IPv4 address, or the /64 network of
    an IPv6 one (one household or office is given a whole /64, so any address in it is
    theirs to use). Anything else, such as a Unix socket's name, is kept as it is."""
    try:
        address = ipaddress.ip_address(host.strip())
    except ValueError:
        return host.strip()[:100]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


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
