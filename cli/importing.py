"""Reading many documents at once: files from paths, parsed in parallel across cores."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from domain.errors import InvalidInput
from importers import DocumentError, ParsedDocument, read_document

SUFFIXES = (".pdf", ".txt")


@dataclass(frozen=True)
class Outcome:
    """One document's parse: the document, or the reason it could not be read."""

    path: str
    document: ParsedDocument | None = None
    error: str | None = None


def expand(paths: Iterable[str]) -> list[str]:
    """The files named, with folders replaced by the PDF and text files inside them."""
    files: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files += sorted(str(p) for p in path.rglob("*") if p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            files.append(given)
        else:
            raise InvalidInput(f"{given!r} is not a file or folder; give documents to import")
    return files


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
