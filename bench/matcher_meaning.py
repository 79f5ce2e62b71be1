"""How much meaning adds to the carry-over matcher, chosen and scored leaving one authority out.

Usage: bench/matcher_meaning.py

The matcher's score is the shared words' score plus up to a weight for texts whose vectors of
meaning are more alike than a floor (domain/carryover/matching.py, meaning.py). This takes
every later-earlier pair of the real chains, on the chains' restatements and on the documents'
own item texts (read from ../shared at run time), with the two parts apart, and then

- prints precision / strong recall for a grid of weight, floor and cut, summed over all ten
  authorities (in sample), and the setting that is best on both kinds of text together;
- chooses weight, floor and cut on nine authorities and scores the tenth, for each of the ten
  (left one authority out), beside the shared words alone with only the cut chosen that way.

The choice is by the harmonic mean of precision and strong recall, as in matcher_fits.py,
summed over the two kinds of text. The vectors were learned from documents outside the chains.
"""

import itertools
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from chain_texts import imported_pairs
from matcher_fits import CUTS, Counts, Row, counts

from domain.carryover import matching
from domain.carryover.matching_terms import defined_acronyms, forms_with
from domain.carryover.meaning import shipped_meaning
from tests.carryover import real_chain_data as data

SHARED = HERE.parent.parent / "shared"
WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
FLOORS = (0.2, 0.3, 0.4, 0.5, 0.6)
Setting = tuple[float, float, float]  # weight, floor, cut
Kind = tuple[list[Row], list[float], dict[str, int]]  # rows, how alike in meaning, strong links


def rows_of(pairs: Sequence[data.RealPair]) -> Kind:
    """Every later-earlier pair with its shared words' score and how alike the two mean."""
    rows: list[Row] = []
    alike: list[float] = []
    strong: dict[str, int] = {}
    for index, pair in enumerate(pairs):
        strong[pair.authority] = strong.get(pair.authority, 0) + sum(
            1 for s in pair.links.values() if s == "strong"
        )
        later, earlier = pair.later_candidates(), pair.earlier_candidates()
        texts = [c.text for c in (*later, *earlier)]
        forms = forms_with(defined_acronyms(texts))
        profiles = [matching._profile(text, forms) for text in texts]
        weights = matching._weights(profiles)
        vectors = matching.meaning_vectors(profiles)
        meaning = shipped_meaning()
        for i, new in enumerate(later):
            for j, old in enumerate(earlier):
                score, words = matching._compare(profiles[i], profiles[len(later) + j], weights)
                (link,) = pair.as_links({(new.area_id, old.area_id)})
                strength = pair.links.get(link)
                rows.append(
                    Row(pair.authority, pair.split, index, i, score, words, 0, 0, strength, j)
                )
                alike.append(meaning.alike(vectors[i], vectors[len(later) + j]))
    return rows, alike, strong


def scores(kind: Kind, weight: float, floor: float) -> list[float]:
    rows, alike, _ = kind
    return [
        min(1.0, r.score + weight * max(0.0, (a - floor) / (1 - floor)))
        for r, a in zip(rows, alike, strict=True)
    ]


def figures(kind: Kind, setting: Setting, keep: Callable[[Row], bool]) -> Counts:
    rows, _, strong = kind
    scored = scores(kind, *setting[:2])
    chosen = [i for i, r in enumerate(rows) if keep(r)]
    total = sum(n for a, n in strong.items() if any(rows[i].authority == a for i in chosen))
    return counts([rows[i] for i in chosen], [scored[i] for i in chosen], setting[2], total)


def best(kinds: Sequence[Kind], keep: Callable[[Row], bool], weights: Sequence[float]) -> Setting:
    """The setting with the best balance summed over the kinds of text, on the rows kept."""
    grid = [(w, f, c) for w in weights for f in (FLOORS if w else (0.0,)) for c in CUTS]
    return max(grid, key=lambda s: (sum(figures(k, s, keep).balance() for k in kinds), -s[2]))


def _pr(c: Counts) -> str:
    p, r = c.rates()
    return f"{p:.2f}/{r:.2f}"


def left_one_out(kinds: Sequence[Kind], weights: Sequence[float]) -> list[Counts]:
    """Each kind's counts summed over ten folds, each fold's setting chosen on the other nine."""
    authorities = sorted(kinds[0][2])
    totals = [Counts(0, 0, 0, 0) for _ in kinds]
    for authority in authorities:
        setting = best(kinds, _authority_is(authority, False), weights)
        print(f"  without {authority}: weight {setting[0]}, floor {setting[1]}, cut {setting[2]}")
        for n, kind in enumerate(kinds):
            got = figures(kind, setting, _authority_is(authority, True))
            totals[n] = Counts(
                *(a + b for a, b in zip(_fields(totals[n]), _fields(got), strict=True))
            )
    return totals


def _authority_is(authority: str, wanted: bool) -> Callable[[Row], bool]:
    return lambda row: (row.authority == authority) == wanted


def _split_is(split: str) -> Callable[[Row], bool]:
    return lambda row: row.split == split


def _fields(c: Counts) -> tuple[int, int, int, int]:
    return c.suggested, c.correct, c.strong_found, c.strong


def main() -> None:
    if not (SHARED / "corpus").is_dir():
        sys.exit(f"{SHARED} is absent; the documents' own texts are read from it")
    restated = rows_of(data.load_real_pairs())
    imported = rows_of(imported_pairs(data, SHARED)[0])
    kinds = [restated, imported]
    everyone: Callable[[Row], bool] = lambda r: True  # noqa: E731
    print("In sample, all ten (restated | documents' own), precision / strong recall")
    for setting in itertools.product(WEIGHTS, FLOORS[1:4], (0.2, 0.25, 0.275, 0.3, 0.35)):
        if setting[0] or setting[1] == FLOORS[1]:
            print(
                f"  weight {setting[0]:.1f} floor {setting[1]:.1f} cut {setting[2]:.3f}: "
                + " | ".join(_pr(figures(k, setting, everyone)) for k in kinds)
            )
    for weights, name in (((0.0,), "shared words alone"), (WEIGHTS, "with meaning")):
        chosen = best(kinds, everyone, weights)
        print(
            f"\n{name}: best on all ten {chosen}: "
            + " | ".join(_pr(figures(k, chosen, everyone)) for k in kinds)
        )
        for split in ("tune", "holdout"):
            print(
                f"  {split}: "
                + " | ".join(_pr(figures(k, chosen, _split_is(split))) for k in kinds)
            )
        crossed = left_one_out(kinds, weights)
        print(f"{name}, left one authority out: " + " | ".join(_pr(c) for c in crossed))


if __name__ == "__main__":
    main()
