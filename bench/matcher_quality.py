"""Measures the carry-over matcher: precision and recall over the chains, time per comparison."""

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from domain.carryover.matching import DEFAULT_THRESHOLD, Candidate, suggest_links
from tests.carryover.chain_data import SHARED_DIR, Chain, load_chains, measure, of_split

SWEEP = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
CORPUS_ANSWERS = SHARED_DIR / "corpus" / "ofsted" / "expected.json"
TIMING_ROUNDS = 3


def quality_table(chains: list[Chain]) -> None:
    """Precision and recall at the default threshold for each split and for all chains."""
    print(f"Quality at the default threshold {DEFAULT_THRESHOLD}")
    print(f"{'chains':<14}{'n':>4}{'links':>7}{'suggested':>11}{'correct':>9}{'P':>7}{'R':>7}")
    groups = [(split, of_split(chains, split)) for split in sorted({c.split for c in chains})]
    for name, group in [*groups, ("all", chains)]:
        q = measure(group)
        print(
            f"{name:<14}{len(group):>4}{q.true:>7}{q.suggested:>11}{q.correct:>9}"
            f"{q.precision:>7.2f}{q.recall:>7.2f}"
        )


def threshold_sweep(chains: list[Chain]) -> None:
    """Precision and recall over all chains as the threshold moves."""
    print("\nThreshold sweep, all chains")
    print(f"{'threshold':>10}{'P':>7}{'R':>7}")
    for threshold in SWEEP:
        q = measure(chains, threshold)
        print(f"{threshold:>10.2f}{q.precision:>7.2f}{q.recall:>7.2f}")


def timing_texts(chains: list[Chain]) -> tuple[str, list[str]]:
    """The real letters' improvement items when ../shared is present, else the chains' areas."""
    if CORPUS_ANSWERS.exists():
        documents = json.loads(CORPUS_ANSWERS.read_text(encoding="utf-8"))
        items = [item for d in documents for item in d["improvement_items"] + d["priority_actions"]]
        return "improvement items of the real letters in ../shared", items
    return "areas of the chains", [text for c in chains for text in (*c.earlier, *c.later)]


def time_per_comparison(chains: list[Chain]) -> None:
    """Every text against every other text, timed end to end (profiling, IDF and scoring)."""
    source, texts = timing_texts(chains)
    new = [Candidate(area_id=i, text=t) for i, t in enumerate(texts)]
    earlier = [Candidate(area_id=len(texts) + i, text=t) for i, t in enumerate(texts)]
    comparisons = len(new) * len(earlier)
    best = float("inf")
    for _ in range(TIMING_ROUNDS):
        start = time.perf_counter()
        suggest_links(new, earlier)
        best = min(best, time.perf_counter() - start)
    print(f"\nTiming: {len(texts)} x {len(texts)} = {comparisons} comparisons ({source})")
    print(f"best of {TIMING_ROUNDS}: {best:.3f} s in all, {best / comparisons * 1e6:.1f} µs each")
    one_letter = [Candidate(area_id=i, text=t) for i, t in enumerate(texts[:8])]
    start = time.perf_counter()
    suggest_links(one_letter, earlier[:12])
    print(
        f"a letter of 8 areas against 12 open areas: {(time.perf_counter() - start) * 1e3:.1f} ms"
    )


def main() -> None:
    chains = load_chains()
    if not any(c.authority == "London Borough of Southwark" for c in chains):
        print("note: ../shared is absent, so the Southwark chain (seed letter) is left out\n")
    quality_table(chains)
    threshold_sweep(chains)
    time_per_comparison(chains)


if __name__ == "__main__":
    main()
