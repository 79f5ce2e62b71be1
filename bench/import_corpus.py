"""Import the Ofsted corpus and measure speed, memory, item precision/recall and date accuracy.

Usage: .venv/bin/python bench/import_corpus.py [CORPUS_DIR] [--repeat N] [--extractor pypdf]
(CORPUS_DIR defaults to ../shared/corpus/ofsted relative to the repository root.)
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from domain.vocabulary import FindingKind
from importers import DocumentError, ParsedDocument, parse_text, read_document

DEFAULT_CORPUS = REPO / ".." / "shared" / "corpus" / "ofsted"
_AREA, _PRIORITY = FindingKind.AREA_FOR_DEVELOPMENT, FindingKind.PRIORITY_ACTION
_BOARD = re.compile(r"(?i)\blscb\b|safeguarding children(?:’s|'s)? board")
_DASHES = re.compile(r"[-‐‑–—]")
_NON_WORD = re.compile(r"[^\w\s]")


def normalise(text: str) -> str:
    """Case, punctuation, hyphens and whitespace removed, as the comparison requires."""
    text = _DASHES.sub("", text.lower().replace("’", "'"))
    return " ".join(_NON_WORD.sub(" ", text).split())


def main_list(document: ParsedDocument) -> list[tuple[str, str]]:
    """Improvement items and priority actions, leaving out the board's own lists."""
    return [
        (finding.kind, normalise(finding.text))
        for finding in document.findings
        if finding.kind.is_tracked and not _BOARD.search(finding.heading)
    ]


def board_list(document: ParsedDocument) -> list[str]:
    return [
        normalise(f.text)
        for f in document.findings
        if f.kind.is_tracked and _BOARD.search(f.heading)
    ]


def expected_main(entry: dict[str, Any]) -> list[tuple[FindingKind, str]]:
    return [(_AREA, normalise(t)) for t in entry["improvement_items"]] + [
        (_PRIORITY, normalise(t)) for t in entry["priority_actions"]
    ]


def expected_board(entry: dict[str, Any]) -> list[str]:
    return [normalise(t) for other in entry.get("other_lists") or [] for t in other["items"]]


def compare(found: list[Any], wanted: list[Any]) -> tuple[int, list[Any], list[Any]]:
    """Matched count, unexpected found items and missing wanted items (multiset comparison)."""
    found_counts, wanted_counts = Counter(found), Counter(wanted)
    matched = sum((found_counts & wanted_counts).values())
    return (
        matched,
        list((found_counts - wanted_counts).elements()),
        list((wanted_counts - found_counts).elements()),
    )


def import_with_pypdf(path: Path) -> ParsedDocument:
    """The comparison extractor: pypdf's text layer, pages joined by form feeds, parsed as text."""
    import hashlib

    import pypdf

    data = path.read_bytes()
    text = "\f".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)
    return parse_text(text, source=str(path), fingerprint=hashlib.sha256(data).hexdigest())


def run(corpus: Path, repeat: int, extractor: str) -> int:
    importer = import_with_pypdf if extractor == "pypdf" else read_document
    entries = json.loads((corpus / "expected.json").read_text(encoding="utf-8"))
    documents: dict[str, ParsedDocument] = {}
    timings: list[float] = []
    cpu_timings: list[float] = []
    failures: list[str] = []
    started = time.perf_counter()
    for _ in range(repeat):
        for entry in entries:
            begin, begin_cpu = time.perf_counter(), time.process_time()
            try:
                documents[entry["file"]] = importer(corpus / entry["file"])
            except DocumentError as error:
                failures.append(str(error))
            timings.append(time.perf_counter() - begin)
            cpu_timings.append(time.process_time() - begin_cpu)
    elapsed = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    totals = Counter[str]()
    mismatches: list[str] = []
    for entry in entries:
        name = entry["file"]
        document = documents.get(name)
        if document is None:
            mismatches.append(f"{name}: not imported")
            continue
        matched, extra, missing = compare(main_list(document), expected_main(entry))
        totals["matched"] += matched
        totals["found"] += matched + len(extra)
        totals["wanted"] += matched + len(missing)
        mismatches += [f"{name}: unexpected {kind}: {text[:110]}" for kind, text in extra]
        mismatches += [f"{name}: missing {kind}: {text[:110]}" for kind, text in missing]
        b_matched, b_extra, b_missing = compare(board_list(document), expected_board(entry))
        totals["board_matched"] += b_matched
        totals["board_found"] += b_matched + len(b_extra)
        totals["board_wanted"] += b_matched + len(b_missing)
        mismatches += [f"{name}: unexpected board item: {t[:100]}" for t in b_extra]
        mismatches += [f"{name}: missing board item: {t[:100]}" for t in b_missing]
        for field, got, want in _metadata(document, entry):
            totals[f"{field}_checked"] += 1
            if got == want:
                totals[f"{field}_right"] += 1
            else:
                mismatches.append(f"{name}: {field} {got!r} != expected {want!r}")

    count = len(timings)
    print(f"documents: {len(entries)} x {repeat} = {count}, failures: {len(failures)}")
    print(
        f"throughput: {count / elapsed:.1f} documents/s, {1000 * elapsed / count:.1f} ms/document"
    )
    # CPU time of this one process: what a document costs on one core, whatever else runs.
    cpu = sorted(cpu_timings)
    print(
        f"CPU per document: mean {1000 * sum(cpu) / count:.1f} ms, "
        f"median {1000 * cpu[count // 2]:.1f} ms, slowest {1000 * cpu[-1]:.1f} ms"
    )
    print(f"slowest wall time: {1000 * max(timings):.1f} ms, peak RSS: {peak_mib:.0f} MiB")
    print(_ratio("main list", totals["matched"], totals["found"], totals["wanted"]))
    print(
        _ratio("board list", totals["board_matched"], totals["board_found"], totals["board_wanted"])
    )
    for field in _FIELDS:
        right, checked = totals[f"{field}_right"], totals[f"{field}_checked"]
        print(f"{field}: {right}/{checked} right")
    print(f"mismatches: {len(mismatches)}")
    for line in [*failures, *mismatches]:
        print(f"  {line}")
    return 0


def _metadata(document: ParsedDocument, entry: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    dates = (
        document.inspection_start and document.inspection_start.isoformat(),
        document.inspection_end and document.inspection_end.isoformat(),
    )
    published = document.published.isoformat() if document.published else None
    lead = document.inspectors[0] if document.inspectors else None
    return [
        ("inspection_dates", dates, (entry["inspection_start"], entry["inspection_end"])),
        ("kind", document.kind, entry["kind"]),
        ("framework", document.framework, entry["framework"]),
        ("published", published, entry["publication_date"]),
        ("authority", document.authority, entry["authority"]),
        ("lead_inspector", lead, entry["lead_inspector"]),
        ("judgement", document.judgement, entry["overall_judgement"]),
    ]


_FIELDS = (
    "inspection_dates",
    "kind",
    "framework",
    "published",
    "authority",
    "lead_inspector",
    "judgement",
)


def _ratio(label: str, matched: int, found: int, wanted: int) -> str:
    precision = matched / found if found else 1.0
    recall = matched / wanted if wanted else 1.0
    return (
        f"{label}: precision {precision:.3f} ({matched}/{found}), "
        f"recall {recall:.3f} ({matched}/{wanted})"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=1, help="import the corpus this many times")
    parser.add_argument(
        "--extractor",
        choices=("pdfium", "pypdf"),
        default="pdfium",
        help="pdfium: read_document as shipped; pypdf: pypdf's text fed to parse_text",
    )
    arguments = parser.parse_args()
    sys.exit(run(arguments.corpus.resolve(), max(1, arguments.repeat), arguments.extractor))
