"""Reading many documents at once: files from paths, parsed in parallel across cores."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from cli.errors import is_utf8, shown
from domain.errors import InvalidInput
from importers import DocumentError, ParsedDocument, read_document

SUFFIXES = (".pdf", ".txt")


@dataclass(frozen=True)
class Outcome:
    """One document's parse: the document, or the reason it could not be read."""

    path: str
    document: ParsedDocument | None = None
    error: str | None = None


def expand(paths: Iterable[str], warn: Callable[[str], None] = lambda _: None) -> list[str]:
    """The files named, with folders replaced by the PDF and text files inside them.

    Only regular files are read: anything else in a folder (a named pipe, socket, device or
    broken link, which reading could wait on for ever) is skipped, each named to `warn`;
    such a thing named directly is refused."""
    files: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files += _documents_in(path, warn)
        elif path.is_file():
            files.append(given)
        elif path.exists():
            raise InvalidInput(
                f"{given!r} is not a regular file (a named pipe, socket or device); "
                "give PDF or text files, or folders of them"
            )
        else:
            raise InvalidInput(
                f"{given!r} is not a file or folder; give PDF or text files, or folders of them"
            )
    return files


def _documents_in(folder: Path, warn: Callable[[str], None]) -> list[str]:
    """The PDF and text files anywhere under `folder`, by path; the rest that is not a folder
    or a regular file is named to `warn` and left out."""
    found: list[str] = []
    for path in sorted(folder.rglob("*"), key=str):
        if path.is_dir():
            continue
        if not path.is_file():
            warn(f"{shown(str(path))} left out: not a regular file")
        elif not is_utf8(str(path)):
            warn(f"{shown(str(path))} left out: its name is not UTF-8; rename it")
        elif path.suffix.lower() in SUFFIXES:
            found.append(str(path))
    return found


def _parse(path: str) -> Outcome:
    try:
        return Outcome(path, document=read_document(path))
    except DocumentError as error:
        return Outcome(path, error=str(error))


def parse_all(
    paths: list[str], *, jobs: int | None = None, advance: Callable[[], None] = lambda: None
) -> Iterator[Outcome]:
    """Parse every file, in parallel when there are several; yields in the order given."""
    workers = min(jobs or os.cpu_count() or 1, len(paths))
    if workers <= 1:
        for path in paths:
            yield _parse(path)
            advance()
        return
    done: dict[str, Outcome] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_parse, path): path for path in paths}
        for future in as_completed(futures):
            done[futures[future]] = future.result()
            advance()
    yield from (done[path] for path in paths)
