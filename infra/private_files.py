"""Files and folders that hold data or secrets, made readable by their owner only.

Each is created with its mode in the same call (os.open and mkdir take one), never created
first and narrowed after, so there is no moment at which another account could open it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_folder(path: Path) -> Path:
    """`path` as a folder: it and any missing parents are made owner-only; a folder that is
    there already keeps the mode its owner gave it. NotADirectoryError if a file is there."""
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made by another process meanwhile
            folder.mkdir(mode=FOLDER_MODE)
    if not path.is_dir():
        raise NotADirectoryError(f"{path} is not a folder")
    return path


def create_private_file(path: Path) -> int:
    """A new file at `path`, owner-only, opened for writing; FileExistsError if it is there.
    Returns the descriptor: wrap it with os.fdopen."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)


def touch_private(path: Path) -> None:
    """Make `path` an empty owner-only file unless it is there already (so a program that
    then opens it, such as SQLite, keeps that mode, and gives it to its journals too)."""
    private_folder(path.parent)
    with contextlib.suppress(FileExistsError):
        os.close(create_private_file(path))


def write_private_text(path: Path, text: str) -> None:
    """Write `text` to `path` (UTF-8), the file owner-only if it is new."""
    private_folder(path.parent)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
