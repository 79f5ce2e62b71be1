"""Reading many documents at once: files from paths, parsed in parallel across cores."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from domain.errors import InvalidInput
from domain.inspections.services import FindingInput, InspectionInput
from domain.vocabulary import FindingKind, InspectionKind, parse_choice
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


def inspection_input(document: ParsedDocument) -> InspectionInput:
    """What the domain records from a parsed document; missing dates are refused."""
    start = document.inspection_start or document.inspection_end
    end = document.inspection_end or document.inspection_start
    if start is None or end is None:
        raise InvalidInput(
            f"{document.source}: no inspection dates found; an inspection needs its dates"
        )
    return InspectionInput(
        kind=parse_choice(InspectionKind, document.kind, "document kind"),
        start=start,
        end=end,
        published=document.published,
        inspectors=list(document.inspectors),
        judgement=document.judgement,
        framework=document.framework,
        source_name=Path(document.source).name,
        fingerprint=document.fingerprint,
        previous_areas_statement=document.previous_areas_statement,
        findings=[
            FindingInput(FindingKind(f.kind), f.heading, f.text, f.timescale, f.topic)
            for f in document.findings
        ],
    )


def as_json(document: ParsedDocument) -> dict[str, object]:
    """The dry-run JSON object for one document."""
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    return {
        "source": document.source,
        "authority": document.authority,
        "kind": document.kind,
        "framework": document.framework,
        "inspection_start": iso(document.inspection_start),
        "inspection_end": iso(document.inspection_end),
        "published": iso(document.published),
        "inspectors": list(document.inspectors),
        "judgement": document.judgement,
        "previous_areas_statement": document.previous_areas_statement,
        "findings": [
            {
                "kind": f.kind,
                "heading": f.heading,
                "topic": f.topic,
                "text": f.text,
                "timescale": f.timescale,
            }
            for f in document.findings
        ],
        "warnings": list(document.warnings),
    }
