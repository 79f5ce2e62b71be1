"""Measures the carry-over matcher on real chains of one authority's documents over the years.

Usage: bench/matcher_real_chains.py [--code ROOT] [--texts restated|imported] [--details]; ROOT
is the tree whose `domain` is measured (another checkout, to measure the code as it was), the
chains always come from this tree; --texts imported measures on the documents' own item texts
as the importer reads them from ../shared (bench/chain_texts.py) instead of the chains' short
restatements; --details lists every wrong suggestion and every strong link missed.
"""

import argparse
import importlib.util
import json
import re
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from matcher_fits import METHODS, Counts, candidate_rows, evaluate

HERE = Path(__file__).resolve().parents[1]
CHAIN_DATA = HERE / "tests" / "carryover" / "real_chain_data.py"
SHARED = HERE.parent / "shared"
CORPUS_ANSWERS = SHARED / "corpus" / "ofsted" / "expected.json"
SWEEP = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
TIMING_ROUNDS = 51
BASELINE_THRESHOLD = 0.2
# The plain baseline leaves out only function words; everything else counts alike.
_FUNCTION_WORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it"}
    | {"its", "of", "on", "or", "that", "the", "their", "to", "with"}
)


def load_chain_data(code_root: Path) -> ModuleType:
    """The chain loader of this tree, bound to the `domain` of code_root."""
    sys.path.insert(0, str(code_root))
    spec = importlib.util.spec_from_file_location("real_chain_data", CHAIN_DATA)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def word_overlap(later: list[Any], earlier: list[Any], threshold: float) -> set[tuple[int, int]]:
    """Baseline: Jaccard overlap of lower-case words, the best three per later area."""
    words = {c.area_id: _words(c.text) for c in (*later, *earlier)}
    found: set[tuple[int, int]] = set()
    for new in later:
        scored = []
        for old in earlier:
            union = words[new.area_id] | words[old.area_id]
            score = len(words[new.area_id] & words[old.area_id]) / len(union) if union else 0.0
            if score >= threshold and score > 0:
                scored.append((-score, old.area_id))
        found.update((new.area_id, old_id) for _, old_id in sorted(scored)[:3])
    return found


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _FUNCTION_WORDS)


def quality_table(data: ModuleType, pairs: list[Any], threshold: float) -> None:
    print(f"Real chains at the default threshold {threshold}")
    header = f"{'split':<9}{'pairs':>6}{'links':>7}{'strong':>8}{'suggested':>11}{'correct':>9}"
    print(f"{header}{'P':>7}{'R strong':>10}{'R all':>7}")
    for name in ("tune", "holdout", "all"):
        group = pairs if name == "all" else data.of_split(pairs, name)
        q = data.measure_real(group, threshold)
        links, strong = q.all_links, q.strong_links
        print(
            f"{name:<9}{len(group):>6}{links.true:>7}{strong.true:>8}{links.suggested:>11}"
            f"{links.correct:>9}{q.precision:>7.2f}{q.strong_recall:>10.2f}{q.recall:>7.2f}"
        )


def sweep(data: ModuleType, pairs: list[Any]) -> None:
    print("\nThreshold sweep (tune | holdout | all): P, R strong, R all")
    for threshold in SWEEP:
        cells = []
        for name in ("tune", "holdout", "all"):
            group = pairs if name == "all" else data.of_split(pairs, name)
            q = data.measure_real(group, threshold)
            cells.append(f"{q.precision:.2f} {q.strong_recall:.2f} {q.recall:.2f}")
        print(f"{threshold:>6.2f}   " + "  |  ".join(cells))


def baseline(data: ModuleType, pairs: list[Any]) -> None:
    print(f"\nPlain word overlap (Jaccard, threshold {BASELINE_THRESHOLD}, best 3 each)")
    for name in ("tune", "holdout", "all"):
        group = pairs if name == "all" else data.of_split(pairs, name)
        q = data.measure_real(group, BASELINE_THRESHOLD, word_overlap)
        print(
            f"{name:<9}suggested {q.all_links.suggested:>3}  P {q.precision:.2f}"
            f"  R strong {q.strong_recall:.2f}  R all {q.recall:.2f}"
        )


def cross_validation(data: ModuleType, pairs: list[Any]) -> None:
    """What fitting to the chains would give, in sample and left-one-authority-out."""
    matching = sys.modules["domain.carryover.matching"]
    rows = candidate_rows(pairs, matching)
    strong: dict[str, int] = {}
    for pair in pairs:
        count = sum(1 for s in pair.links.values() if s == "strong")
        strong[pair.authority] = strong.get(pair.authority, 0) + count
    print("\nFitted to all ten authorities (in) and left-one-authority-out (cv): P / R strong")
    print(f"{'method':<40}{'cut':>6}   {'tune':^19}{'holdout':^19}{'all':^19}")
    for name, method in METHODS.items():
        figures = evaluate(method, rows, strong)
        cells = [
            f"{_pr(figures.in_sample[s])} {_pr(figures.cross_validated[s])}"
            for s in ("tune", "holdout", "all")
        ]
        print(f"{name:<40}{figures.cut:>6.3f}   " + "  ".join(cells))


def _pr(counts: Counts) -> str:
    precision, strong_recall = counts.rates()
    return f"{precision:.2f}/{strong_recall:.2f}"


def details(pairs: list[Any], threshold: float) -> None:
    """Each wrong suggestion and each strong link missed, with the score and words shared."""
    matching = sys.modules["domain.carryover.matching"]
    for pair in pairs:
        print(f"\n== {pair.authority} ({pair.split}), {pair.later_key}")
        earlier_text = dict(pair.earlier)
        found = matching.suggest_links(
            pair.later_candidates(), pair.earlier_candidates(), threshold=threshold
        )
        suggested = set()
        for s in found:
            (link,) = pair.as_links({(s.area_id, s.earlier_area_id)})
            suggested.add(link)
            if link not in pair.links:
                texts = (pair.later[link[0]], earlier_text[link[1]])
                _detail("wrong", (s.score, s.matched_words), texts)
        for link, strength in pair.links.items():
            if strength == "strong" and link not in suggested:
                texts = (pair.later[link[0]], earlier_text[link[1]])
                _detail("missed", matching.similarity(*texts), texts)


def _detail(what: str, scored: tuple[float, tuple[str, ...]], texts: tuple[str, str]) -> None:
    (score, words), (later, earlier) = scored, texts
    print(f"  {what:<7}{score:.2f} [{', '.join(words)}]")
    print(f"    later:   {later}\n    earlier: {earlier}")


def timing(pairs: list[Any], imported: bool) -> None:
    """A letter of 10 areas against 20 open ones, the median of many runs."""
    matching = sys.modules["domain.carryover.matching"]
    texts = _chain_texts(pairs) if imported else _timing_texts(pairs)
    source = "imported chain items" if imported else "labelled letters' items, or chain labels"
    new = [matching.Candidate(i, t) for i, t in enumerate(texts[:10])]
    old = [matching.Candidate(100 + i, t) for i, t in enumerate(texts[10:30])]
    wall, cpu = [], []
    for _ in range(TIMING_ROUNDS):
        start, start_cpu = time.perf_counter(), time.process_time()
        matching.suggest_links(new, old)
        wall.append((time.perf_counter() - start) * 1e3)
        cpu.append((time.process_time() - start_cpu) * 1e3)
    # CPU time as well, because wall time on a shared machine counts the other processes too.
    print(
        f"\nTiming ({source}): 10 new areas against 20 open ones, median of {TIMING_ROUNDS}:"
        f" {statistics.median(wall):.2f} ms wall (min {min(wall):.2f}),"
        f" {statistics.median(cpu):.2f} ms CPU"
    )


def _timing_texts(pairs: list[Any]) -> list[str]:
    """Full items of the real letters in ../shared when present, else the chains' labels."""
    if CORPUS_ANSWERS.exists():
        documents = json.loads(CORPUS_ANSWERS.read_text(encoding="utf-8"))
        return [i for d in documents for i in d["improvement_items"] + d["priority_actions"]][:30]
    return _chain_texts(pairs)


def _chain_texts(pairs: list[Any]) -> list[str]:
    return [text for p in pairs for text in (*p.later, *(t for _, t in p.earlier))][:30]


def load_pairs(data: ModuleType, texts: str) -> list[Any]:
    """The chains' pairs on the texts asked for; for the imported ones, how they were aligned."""
    if texts == "restated":
        return list(data.load_real_pairs())
    if not SHARED.is_dir():
        print(f"--texts imported: {SHARED} is absent; it holds the documents", file=sys.stderr)
        sys.exit(2)
    from chain_texts import imported_pairs  # after load_chain_data: the importer of --code

    pairs, coverage = imported_pairs(data, SHARED)
    print("\n".join(["Imported texts, aligned with the chains' areas:", *coverage.lines()]))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=HERE, help="tree whose domain is measured")
    parser.add_argument("--details", action="store_true", help="list wrong and missed links")
    parser.add_argument(
        "--texts",
        choices=("restated", "imported"),
        default="restated",
        help="the chains' short restatements, or the documents' own items as imported",
    )
    args = parser.parse_args()
    data = load_chain_data(args.code.resolve())
    pairs = load_pairs(data, args.texts)
    if args.details:
        details(pairs, data.DEFAULT_THRESHOLD)
        return
    print(
        f"code: {args.code.resolve()}; chain files: {data.REAL_CHAINS_DIR}; texts: {args.texts}\n"
    )
    quality_table(data, pairs, data.DEFAULT_THRESHOLD)
    sweep(data, pairs)
    baseline(data, pairs)
    cross_validation(data, pairs)
    timing(pairs, args.texts == "imported")


if __name__ == "__main__":
    main()
