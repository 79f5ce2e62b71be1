"""Import the unlabelled wild documents: item scores on a labels file, and crashes over them all.

Usage: .venv/bin/python bench/import_wild.py [--labels FILE] [--wild DIR] [--code ROOT]
    [--details] [--repeat N]

With --labels (a file in the form of the labelled set's expected.json, its PDFs in the wild
folder) it prints item precision, recall and F1 and whether the inspection dates are right, per
document with --details and overall. It always imports every document of the wild folder and
counts crashes, rejected documents (and which are 2012–2013), documents without items and the
warning each gives, and the median and 95th percentile CPU milliseconds per document (each
document's fastest of --repeat runs, as other work on the machine only adds). --code ROOT
imports `importers` from another checkout of the repository, for a before-and-after figure.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import statistics
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_WILD = REPO / ".." / "shared" / "corpus" / "wild"
ITEMLESS_REASONS = (
    "the letter lists no areas for improvement",
    "the list could not be read",
    "not an Ofsted inspection document",
)
_OLD_YEAR = re.compile(r"-(2012|2013)\.pdf$")


@dataclass
class Scores:
    """Matched, found and wanted items, and dates and authorities right out of documents."""

    matched: int = 0
    found: int = 0
    wanted: int = 0
    dates_right: int = 0
    documents: int = 0
    authority_right: int = 0

    def add(self, other: Scores) -> None:
        self.matched += other.matched
        self.found += other.found
        self.wanted += other.wanted
        self.dates_right += other.dates_right
        self.documents += other.documents
        self.authority_right += other.authority_right

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.wanted if self.wanted else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def dates_share(self) -> float:
        return self.dates_right / self.documents if self.documents else 0.0

    def line(self) -> str:
        return (
            f"precision {self.precision:.3f} ({self.matched}/{self.found}), "
            f"recall {self.recall:.3f} ({self.matched}/{self.wanted}), F1 {self.f1:.3f}, "
            f"dates right {100 * self.dates_share:.0f}% ({self.dates_right}/{self.documents}), "
            f"authority as labelled {self.authority_right}/{self.documents}"
        )


@dataclass
class Sweep:
    """What importing every wild document gave."""

    crashes: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    itemless: dict[str, list[str]] = field(default_factory=dict)
    milliseconds: list[float] = field(default_factory=list)
    documents: dict[str, Any] = field(default_factory=dict)


def load_code(root: Path) -> tuple[ModuleType, ModuleType]:
    """`importers` from the given checkout, and the labelled-set bench's comparison functions."""
    sys.path.insert(0, str(root))
    importers = importlib.import_module("importers")
    # The labelled-set bench puts this repository first on the path, but `importers` and the
    # domain are already loaded from `root` by then, so its functions compare that code.
    sys.path.insert(0, str(REPO / "bench"))
    corpus_bench = importlib.import_module("import_corpus")
    return importers, corpus_bench


def sweep(importers: ModuleType, wild: Path, repeat: int = 1) -> Sweep:
    """Import every PDF-named file of the folder; each time is its fastest of `repeat` runs."""
    result = Sweep()
    for path in sorted(wild.glob("*.pdf")):
        times: list[float] = []
        outcome: Any = None
        for _ in range(repeat):
            begin = time.process_time()
            outcome = _import_one(importers, path)
            # CPU time of this process: what a document costs on one core, whatever else runs.
            times.append(1000 * (time.process_time() - begin))
        result.milliseconds.append(min(times))
        if isinstance(outcome, str):
            (result.crashes if outcome.startswith("crash") else result.rejected).append(
                f"{path.name}: {outcome.removeprefix('crash: ')}"
            )
            continue
        result.documents[path.name] = outcome
        if not any(finding.kind.is_tracked for finding in outcome.findings):
            result.itemless[path.name] = list(outcome.warnings)
    return result


def _import_one(importers: ModuleType, path: Path) -> Any:
    """The parsed document, or why there is none: the rejection's reason, or "crash: ..."."""
    try:
        return importers.read_document(path)
    except importers.DocumentError as error:
        return str(error.reason)
    except Exception:  # a crash is what this bench counts, whatever its type
        return f"crash: {traceback.format_exc(limit=1).splitlines()[-1]}"


def score(document: Any, entry: dict[str, Any], corpus_bench: ModuleType) -> Scores:
    wanted = corpus_bench.expected_main(entry)
    found = corpus_bench.main_list(document) if document is not None else []
    matched, _extra, _missing = corpus_bench.compare(found, wanted)
    # A rejected document has no dates, which is right only when the labels give none.
    got = (_iso(document.inspection_start), _iso(document.inspection_end)) if document else None
    dates = (got or (None, None)) == (entry["inspection_start"], entry["inspection_end"])
    authority = (document.authority if document else None) == entry["authority"]
    return Scores(matched, len(found), len(wanted), int(dates), 1, int(authority))


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None


def score_labels(
    entries: list[dict[str, Any]], result: Sweep, corpus_bench: ModuleType
) -> tuple[Scores, list[Scores]]:
    """The overall scores on a labels file, and each document's."""
    total = Scores()
    each = [score(result.documents.get(e["file"]), e, corpus_bench) for e in entries]
    for scores in each:
        total.add(scores)
    return total, each


def report_labels(labels: Path, result: Sweep, corpus_bench: ModuleType, details: bool) -> None:
    entries = json.loads(labels.read_text(encoding="utf-8"))
    total, each = score_labels(entries, result, corpus_bench)
    for entry, scores in zip(entries, each, strict=True) if details else ():
        print(f"  {entry['file']}: {scores.line()}")
        document = result.documents.get(entry["file"])
        if document is not None:
            _print_differences(document, entry, corpus_bench)
    print(f"labels {labels.name} ({len(entries)} documents): {total.line()}")


def _print_differences(document: Any, entry: dict[str, Any], corpus_bench: ModuleType) -> None:
    _, extra, missing = corpus_bench.compare(
        corpus_bench.main_list(document), corpus_bench.expected_main(entry)
    )
    for kind, text in extra:
        print(f"      unexpected {kind}: {text[:100]}")
    for kind, text in missing:
        print(f"      missing {kind}: {text[:100]}")
    got = (_iso(document.inspection_start), _iso(document.inspection_end))
    if got != (entry["inspection_start"], entry["inspection_end"]):
        print(f"      dates {got} != {(entry['inspection_start'], entry['inspection_end'])}")
    if document.authority != entry["authority"]:
        print(f"      authority {document.authority!r} != {entry['authority']!r}")


def report_sweep(result: Sweep) -> None:
    count = len(result.milliseconds)
    old_rejected = [line for line in result.rejected if _OLD_YEAR.search(line.split(":")[0])]
    explained = Counter(
        next((reason for reason in ITEMLESS_REASONS if reason in warnings), "no reason given")
        for warnings in result.itemless.values()
    )
    times = sorted(result.milliseconds)
    p95 = times[min(count - 1, int(0.95 * count))] if times else 0.0
    print(f"wild documents: {count}, crashes: {len(result.crashes)}")
    print(f"rejected: {len(result.rejected)} (2012-2013: {len(old_rejected)})")
    print(f"itemless: {len(result.itemless)}, by reason: {dict(sorted(explained.items()))}")
    median = statistics.median(times) if times else 0.0
    print(f"CPU ms per document: median {median:.1f}, p95 {p95:.1f}, slowest {max(times):.1f}")
    for line in [*result.crashes, *result.rejected]:
        print(f"  {line}")
    for name, warnings in sorted(result.itemless.items()):
        print(f"  itemless {name}: {'; '.join(warnings) or 'no warning'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, action="append", default=[])
    parser.add_argument("--wild", type=Path, default=DEFAULT_WILD)
    parser.add_argument("--code", type=Path, default=REPO, help="checkout whose importers to run")
    parser.add_argument("--details", action="store_true", help="per-document scores and misses")
    parser.add_argument("--repeat", type=int, default=1, help="time each document's fastest run")
    arguments = parser.parse_args()
    importers, corpus_bench = load_code(arguments.code.resolve())
    print(f"code: {Path(str(importers.__file__)).resolve().parents[1]}")
    result = sweep(importers, arguments.wild.resolve(), max(1, arguments.repeat))
    for labels in arguments.labels:
        report_labels(labels.resolve(), result, corpus_bench, arguments.details)
    report_sweep(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
