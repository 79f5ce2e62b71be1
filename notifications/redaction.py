"""Hide passwords, tokens and query secrets in notification URLs before they reach text or logs."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import SplitResult, unquote, unquote_plus, urlsplit

MASK = "****"

# Query parameters whose values describe behaviour, not identity; every other value is masked,
# because services put their keys under names we cannot list in advance (+Authorization, -key).
HARMLESS_PARAMS = frozenset(
    {
        "to", "cc", "bcc", "from", "name", "reply", "mode", "smtp", "format", "overflow",
        "tz", "lang", "rto", "cto", "verify", "method", "image", "retry", "wait", "optional",
        "api-version", "tag", "template", "wrap", "mention", "footer", "inline",
    }
)  # fmt: skip

EMAIL = re.compile(r"^[^@\s/]+@[^@\s/]+\.[^@\s/]+$")
PLAIN_WORD = re.compile(r"^[A-Za-z][A-Za-z_-]*$")
URL_IN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s\"'<>]+")
# A value given to a secret-sounding name, as in Apprise's trace dump `password="..."`.
SECRET_ASSIGNMENT = re.compile(
    r"""(\b[\w-]*(?:pass|pwd|token|secret|key|sig|auth)[\w-]*\s*[=:]\s*)"""
    r"""("[^"]*"|'[^']*'|[^\s,;&"']+)""",
    flags=re.IGNORECASE,
)


def looks_secret(part: str) -> bool:
    """Whether a host, path segment or fragment could be a token rather than a plain name."""
    if not part or EMAIL.match(part):
        return False
    if PLAIN_WORD.match(part):
        return len(part) >= 24
    has_letter = any(c.isalpha() for c in part)
    has_digit = any(c.isdigit() for c in part)
    return len(part) >= 16 or (has_letter and has_digit and len(part) >= 6)


def _netloc(parts: SplitResult, secrets: list[str]) -> str:
    """User, password, host and port, with the password and anything token-like masked."""
    try:
        port = parts.port
    except ValueError:  # a token where the port belongs, e.g. tgram://123456:ABCdef/
        secrets.append(parts.netloc)
        return MASK
    # .hostname is lower-cased; keep the host as written so a masked token matches the raw text.
    host = parts.netloc.rpartition("@")[2]
    host = host.removesuffix(f":{port}") if port is not None else host
    host = host.removeprefix("[").removesuffix("]")
    is_name = "." in host or ":" in host or host == "localhost"
    shown = host if is_name or not looks_secret(host) else MASK
    shown = f"[{host}]" if ":" in host else shown
    netloc = f"{shown}:{port}" if port is not None else shown
    if shown == MASK:
        secrets.append(host)
    if parts.username is None:
        return netloc
    user = parts.username
    if looks_secret(user):
        secrets.append(user)
        user = MASK
    if parts.password is None:
        return f"{user}@{netloc}"
    secrets.extend((parts.password, unquote(parts.password)))
    return f"{user}:{MASK}@{netloc}"


def _mask_parts(parts: Iterable[str], secrets: list[str]) -> list[str]:
    """Path segments (or a fragment) with each token-like one masked and recorded."""
    shown = []
    for part in parts:
        if looks_secret(unquote(part)):
            secrets.extend((part, unquote(part)))
            part = MASK
        shown.append(part)
    return shown


def _query(query: str, secrets: list[str]) -> str:
    """The query with every value masked unless its key is known to be harmless."""
    shown = []
    # Split by hand: parse_qsl would turn the '+' of Apprise's +Header=value keys into a space.
    for pair in query.split("&"):
        key, has_value, value = pair.partition("=")
        if has_value and value and unquote(key).lower() not in HARMLESS_PARAMS:
            secrets.extend((value, unquote_plus(value), unquote(value)))
            value = MASK
        shown.append(f"{key}{'=' if has_value else ''}{value}")
    return "&".join(shown)


def _redact(url: str) -> tuple[str, list[str]]:
    """The redacted URL and the raw values it hides."""
    secrets: list[str] = []
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return MASK, [url]
    redacted = f"{parts.scheme}://{_netloc(parts, secrets)}"
    redacted += "/".join(_mask_parts(parts.path.split("/"), secrets))
    if parts.query:
        redacted += "?" + _query(parts.query, secrets)
    if parts.fragment:
        redacted += "#" + _mask_parts([parts.fragment], secrets)[0]
    return redacted, secrets


def redact_url(url: str) -> str:
    """The URL with its password, token-like parts and non-harmless query values masked.

    Keeps what identifies the target to a person reading a log (scheme, user name, host,
    port, plain path words, email recipients) and masks the rest, e.g.
    ``mailtos://relay:****@smtp.example.org:587?from=closeout%40example.org``.
    Anything that does not parse as a URL is masked whole.
    """
    try:
        return _redact(url)[0]
    except ValueError:
        return MASK


def secrets_in(url: str) -> tuple[str, ...]:
    """The values `redact_url` hides in `url`, longest first, to hide them in free text too."""
    try:
        found = _redact(url)[1]
    except ValueError:
        found = [url]
    # Very short values (a one-letter password) would mask ordinary words, so they are left out.
    return tuple(sorted({s for s in found if len(s) >= 4}, key=len, reverse=True))


def _mask_assignment(match: re.Match[str]) -> str:
    """The name and `=` of a secret assignment with its value masked, quotes kept."""
    value = match.group(2)
    quote = value[0] if value[0] in "\"'" else ""
    return f"{match.group(1)}{quote}{MASK}{quote}"


def redact_text(text: str, secrets: Iterable[str] = ()) -> str:
    """Free text (an exception message, a log line) with secrets masked.

    Masks every URL's secrets, every value assigned to a secret-sounding name
    (``password="..."``, ``token: ...``) and each of the given `secrets` wherever it appears.
    """
    text = URL_IN_TEXT.sub(lambda m: redact_url(m.group(0)), text)
    text = SECRET_ASSIGNMENT.sub(_mask_assignment, text)
    for secret in sorted(set(secrets), key=len, reverse=True):
        if secret:
            text = text.replace(secret, MASK)
    return text
