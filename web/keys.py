"""The key that signs session cookies: from settings, else generated once into var/."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from infra.private_files import create_private_file, private_folder
from infra.settings import Settings

KEY_FILE = "session_secret"


def session_secret(settings: Settings) -> str:
    """The configured secret, or the one kept in var/session_secret (made on first use)."""
    if settings.session_secret is not None:
        return settings.session_secret.get_secret_value()
    path: Path = settings.var_dir / KEY_FILE
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    private_folder(path.parent)
    secret = secrets.token_urlsafe(48)
    # Created owner-only in one step, so the key is never readable by others even briefly.
    with os.fdopen(create_private_file(path), "w", encoding="utf-8") as handle:
        handle.write(secret)
    return secret
