"""Loads the real carry-over chains and scores a matcher's suggestions against their links."""

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from domain.carryover.matching import DEFAULT_THRESHOLD, Candidate, suggest_links
from tests.carryover.chain_data import Quality

REAL_CHAINS_DIR = Path(__file__).parent / "real_chains"
# Later areas are numbered apart from earlier ones so an id says which document it came from.
LATER_ID_BASE = 1000

# One earlier area: the earlier document's key and the area's index in it.
EarlierRef = tuple[str, int]
# A matcher: later and earlier candidates and a threshold in, (later id, earlier id) pairs out.
Matcher = Callable[[list[Candidate], list[Candidate], float], set[tuple[int, int]]]


@dataclass(frozen=True)
class RealPair:
    """A later document's areas, the areas still open when it came, and the links read."""

    authority: str
    split: str
    later_key: str
    later: tuple[str, ...]
    earlier: tuple[tuple[EarlierRef, str], ...]
    links: dict[tuple[int, EarlierRef], str]  # (later index, earlier area) -> strength

    def later_candidates(self) -> list[Candidate]:
        return [Candidate(LATER_ID_BASE + i, text) for i, text in enumerate(self.later)]

    def earlier_candidates(self) -> list[Candidate]:
        return [Candidate(i, text) for i, (_, text) in enumerate(self.earlier)]

    def as_links(self, found: set[tuple[int, int]]) -> set[tuple[int, EarlierRef]]:
        """Matcher ids turned back into (later index, earlier area) pairs."""
        return {(later - LATER_ID_BASE, self.earlier[earlier][0]) for later, earlier in found}


def load_real_pairs(folder: Path = REAL_CHAINS_DIR) -> list[RealPair]:
    """Every pair of every chain file, in file-name order."""
    pairs = []
    for path in sorted(folder.glob("*.json")):
        pairs += pairs_of(json.loads(path.read_text(encoding="utf-8")))
    return pairs


def pairs_of(data: dict[str, Any]) -> list[RealPair]:
    """A chain's pairs; an area whose text is None is left out with its links (a pair with no
    later area left is dropped), the later areas kept renumbered in order."""
    areas = {d["key"]: d["areas"] for d in data["documents"]}
    pairs = []
    for pair in data["pairs"]:
        kept = [i for i, text in enumerate(areas[pair["later"]]) if text is not None]
        if not kept:
            continue
        renumbered = {old: new for new, old in enumerate(kept)}
        earlier = tuple(
            ((key, j), text)
            for key in pair["earlier"]
            for j, text in enumerate(areas[key])
            if text is not None
        )
        present = {ref for ref, _ in earlier}
        links = {
            (renumbered[link["later"]], (link["earlier"][0], link["earlier"][1])): link["strength"]
            for link in pair["links"]
            if link["later"] in renumbered and tuple(link["earlier"]) in present
        }
        pairs.append(
            RealPair(
                authority=data["authority"],
                split=data["split"],
                later_key=pair["later"],
                later=tuple(areas[pair["later"]][i] for i in kept),
                earlier=earlier,
                links=links,
            )
        )
    return pairs


def lexical_matcher(
    later: list[Candidate], earlier: list[Candidate], threshold: float
) -> set[tuple[int, int]]:
    """The product's matcher, as suggest_links gives it."""
    found = suggest_links(later, earlier, threshold=threshold)
    return {(s.area_id, s.earlier_area_id) for s in found}


_NONE = Quality(suggested=0, true=0, correct=0)


@dataclass(frozen=True)
class RealQuality:
    """The suggestions scored against all links (either strength counts) and the strong ones."""

    all_links: Quality = _NONE
    strong_links: Quality = _NONE

    @property
    def precision(self) -> float:
        return self.all_links.precision

    @property
    def recall(self) -> float:
        return self.all_links.recall

    @property
    def strong_recall(self) -> float:
        return self.strong_links.recall

    def __add__(self, other: "RealQuality") -> "RealQuality":
        return RealQuality(
            _sum(self.all_links, other.all_links), _sum(self.strong_links, other.strong_links)
        )


def _sum(a: Quality, b: Quality) -> Quality:
    return Quality(a.suggested + b.suggested, a.true + b.true, a.correct + b.correct)


def score_pair(pair: RealPair, found: set[tuple[int, EarlierRef]]) -> RealQuality:
    """A suggestion is correct when it is a link of either strength."""
    strong = {link for link, strength in pair.links.items() if strength == "strong"}
    return RealQuality(
        Quality(len(found), len(pair.links), len(found & pair.links.keys())),
        Quality(len(found), len(strong), len(found & strong)),
    )


def measure_real(
    pairs: Iterable[RealPair],
    threshold: float = DEFAULT_THRESHOLD,
    matcher: Matcher = lexical_matcher,
) -> RealQuality:
    """Micro-averaged counts of a matcher's suggestions over the pairs."""
    total = RealQuality()
    for pair in pairs:
        found = matcher(pair.later_candidates(), pair.earlier_candidates(), threshold)
        total += score_pair(pair, pair.as_links(found))
    return total


def of_split(pairs: Sequence[RealPair], split: str) -> list[RealPair]:
    return [pair for pair in pairs if pair.split == split]
