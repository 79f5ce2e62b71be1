"""Loads the carry-over chains and scores the matcher's suggestions against their true links."""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from domain.carryover.matching import DEFAULT_THRESHOLD, Candidate, suggest_links

CHAINS_DIR = Path(__file__).parent / "chains"
SHARED_DIR = Path(__file__).resolve().parents[3] / "shared"
# Later areas are numbered apart from earlier ones so an id says which letter it came from.
LATER_ID_BASE = 1000


@dataclass(frozen=True)
class Chain:
    """An earlier letter's open areas, a later letter's areas and the true carry-over links."""

    name: str
    authority: str
    split: str
    earlier: tuple[str, ...]
    later: tuple[str, ...]
    links: frozenset[tuple[int, int]]

    def earlier_candidates(self) -> list[Candidate]:
        return [Candidate(area_id=i, text=text) for i, text in enumerate(self.earlier)]

    def later_candidates(self) -> list[Candidate]:
        return [
            Candidate(area_id=LATER_ID_BASE + i, text=text) for i, text in enumerate(self.later)
        ]


@dataclass(frozen=True)
class Quality:
    """Counts of suggested and true links, micro-averaged over chains."""

    suggested: int
    true: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.suggested if self.suggested else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.true if self.true else 1.0


def _later_areas(later: dict[str, object], shared_dir: Path) -> tuple[str, ...] | None:
    """The later letter's areas, from the chain or from a document in ../shared when present."""
    if "areas" in later:
        return tuple(str(a) for a in later["areas"])  # type: ignore[attr-defined]
    source = later["areas_from_shared"]
    path = shared_dir / source["file"]  # type: ignore[index]
    if not path.exists():
        return None
    document = json.loads(path.read_text(encoding="utf-8"))
    return tuple(document[source["field"]])  # type: ignore[index]


def load_chains(shared_dir: Path = SHARED_DIR) -> list[Chain]:
    """Every chain whose texts are available, in file-name order."""
    chains = []
    for path in sorted(CHAINS_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        later = _later_areas(data["later"], shared_dir)
        if later is None:
            continue
        chains.append(
            Chain(
                name=path.stem,
                authority=data["authority"],
                split=data["split"],
                earlier=tuple(data["earlier"]["areas"]),
                later=later,
                links=frozenset((link["later"], link["earlier"]) for link in data["links"]),
            )
        )
    return chains


def suggested_links(chain: Chain, threshold: float = DEFAULT_THRESHOLD) -> set[tuple[int, int]]:
    """The (later index, earlier index) pairs the matcher suggests for one chain."""
    suggestions = suggest_links(
        chain.later_candidates(), chain.earlier_candidates(), threshold=threshold
    )
    return {(s.area_id - LATER_ID_BASE, s.earlier_area_id) for s in suggestions}


def measure(chains: Iterable[Chain], threshold: float = DEFAULT_THRESHOLD) -> Quality:
    """Precision and recall counts of the matcher's suggestions over the chains."""
    suggested = true = correct = 0
    for chain in chains:
        found = suggested_links(chain, threshold)
        suggested += len(found)
        true += len(chain.links)
        correct += len(found & chain.links)
    return Quality(suggested=suggested, true=true, correct=correct)


def of_split(chains: Sequence[Chain], split: str) -> list[Chain]:
    return [chain for chain in chains if chain.split == split]
