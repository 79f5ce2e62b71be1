"""The key that signs session cookies: from settings, else the one kept in the database.

Several web instances behind one proxy must sign with the same key, or a cookie set by one
is refused by the next. Keeping it in the database, made once by whichever instance starts
first, needs no setting; `CLOSEOUT_SESSION_SECRET` still overrides it. A key an earlier
version kept in var/session_secret becomes the stored key, so sessions survive the upgrade.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from domain.accounts.session_key import shared_session_key
from domain.errors import InvalidInput
from infra.settings import Settings

KEY_FILE = "session_secret"  # where earlier versions kept the key


def session_secret(settings: Settings, engine: Engine, now: datetime) -> str:
    """The configured secret, or the one every instance shares through the database;
    InvalidInput, in one line, when neither can be had."""
    if settings.session_secret is not None:
        configured = settings.session_secret.get_secret_value()
        if not configured.strip():
            raise InvalidInput(
                "CLOSEOUT_SESSION_SECRET is empty; unset it to share the key kept in the "
                "database, or set it to the same long random value on every web instance"
            )
        return configured
    earlier = settings.var_dir / KEY_FILE
    candidate = (
        earlier.read_text(encoding="utf-8").strip()
        if earlier.is_file()
        else secrets.token_urlsafe(48)
    )
    try:
        with Session(engine) as session:
            return shared_session_key(session, candidate, now)
    except DBAPIError as problem:
        where = engine.url.render_as_string(hide_password=True)
        raise InvalidInput(
            f"the session key cannot be read from or kept in the database {where} "
            f"({type(problem.orig).__name__}); run `closeout db upgrade` if it is not "
            "migrated, or set CLOSEOUT_SESSION_SECRET on every web instance"
        ) from None
