"""Leave-one-authority-out cross-validation of what could be fitted to the real carry-over chains.

Each method is fitted on nine authorities' chains and scored on the tenth; its cut (the score a
suggestion needs) is chosen on the nine by the harmonic mean of precision and strong recall.
The features are those a suggestion already shows: its score and its matched words.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

CUTS = tuple(round(0.05 + 0.025 * i, 3) for i in range(37))
PER_NEW = 3
# Pseudo-counts pulling a word's learned link rate towards the rate over all candidate pairs.
_VOCABULARY_PRIOR = 3.0
_L2 = 1.0


@dataclass(frozen=True)
class Row:
    """One candidate pair the matcher scores above zero, with its label read from the chain."""

    authority: str
    split: str
    pair: int  # index of the chain pair
    later: int
    score: float
    words: tuple[str, ...]
    best_for_later: float  # the best score any earlier area gets with this later area
    best_for_earlier: float  # the best score any later area gets with this earlier area
    strength: str | None  # "strong", "weak" or None when the pair is no link
    earlier: int  # the earlier area's index among the pair's earlier candidates


Scorer = Callable[[Row], float]
Method = Callable[[Sequence[Row]], Scorer]


def candidate_rows(pairs: Sequence[Any], matching: Any) -> list[Row]:
    """Every later-earlier pair of every chain with a score above zero."""
    rows = []
    for index, pair in enumerate(pairs):
        later, earlier = pair.later_candidates(), pair.earlier_candidates()
        found = matching.suggest_links(later, earlier, threshold=0.0, per_new=len(earlier))
        best_later: dict[int, float] = {}
        best_earlier: dict[int, float] = {}
        for s in found:
            best_later[s.area_id] = max(best_later.get(s.area_id, 0.0), s.score)
            best_earlier[s.earlier_area_id] = max(best_earlier.get(s.earlier_area_id, 0.0), s.score)
        for s in found:
            (link,) = pair.as_links({(s.area_id, s.earlier_area_id)})
            rows.append(
                Row(
                    pair.authority,
                    pair.split,
                    index,
                    link[0],
                    s.score,
                    s.matched_words,
                    best_later[s.area_id],
                    best_earlier[s.earlier_area_id],
                    pair.links.get(link),
                    s.earlier_area_id,
                )
            )
    return rows


@dataclass(frozen=True)
class Counts:
    """Suggestions at one cut: made, correct, strong links found, and strong links to find."""

    suggested: int
    correct: int
    strong_found: int
    strong: int

    def rates(self) -> tuple[float, float]:
        """Precision and strong recall (1.0 where there is nothing to divide by)."""
        return (
            self.correct / self.suggested if self.suggested else 1.0,
            self.strong_found / self.strong if self.strong else 1.0,
        )

    def balance(self) -> float:
        """The harmonic mean of the two rates."""
        p, r = self.rates()
        return 2 * p * r / (p + r) if p + r else 0.0


def counts(rows: Sequence[Row], scores: Sequence[float], cut: float, strong: int) -> Counts:
    """The suggestions at a cut, at most PER_NEW for each later area, best first."""
    by_later: dict[tuple[int, int], list[tuple[float, str | None]]] = {}
    for row, score in zip(rows, scores, strict=True):
        if score >= cut:
            by_later.setdefault((row.pair, row.later), []).append((score, row.strength))
    kept = [s for found in by_later.values() for s in sorted(found, key=lambda x: -x[0])[:PER_NEW]]
    return Counts(
        len(kept), sum(1 for _, s in kept if s), sum(1 for _, s in kept if s == "strong"), strong
    )


def best_cut(rows: Sequence[Row], scores: Sequence[float], strong: int) -> float:
    return max(CUTS, key=lambda cut: (counts(rows, scores, cut, strong).balance(), -cut))


def the_score(rows: Sequence[Row]) -> Scorer:
    """The matcher's own score; only the cut is chosen from data."""
    return lambda row: row.score


def logistic(features: Callable[[Sequence[Row]], Callable[[Row], list[float]]]) -> Method:
    """A logistic model of 'is a link of either strength' over the given features."""

    def fit(rows: Sequence[Row]) -> Scorer:
        describe = features(rows)
        weights = _newton([describe(r) for r in rows], [1.0 if r.strength else 0.0 for r in rows])
        return lambda row: _sigmoid(_dot(weights, describe(row)))

    return fit


def explainable_features(rows: Sequence[Row]) -> Callable[[Row], list[float]]:
    """Score, share of the best score on either side (one-to-one competition), words matched."""
    return lambda r: [
        r.score,
        r.score / r.best_for_later,
        r.score / r.best_for_earlier,
        math.log1p(len(r.words)),
    ]


def with_vocabulary(rows: Sequence[Row]) -> Callable[[Row], list[float]]:
    """The features above and, learned from the rows, how often a pair sharing each word links."""
    base = sum(1 for r in rows if r.strength) / len(rows)
    seen: dict[str, list[int]] = {}
    for row in rows:
        for word in row.words:
            seen.setdefault(word, [0, 0])
            seen[word][0] += 1
            seen[word][1] += 1 if row.strength else 0
    rate = {
        w: (k + _VOCABULARY_PRIOR * base) / (n + _VOCABULARY_PRIOR) for w, (n, k) in seen.items()
    }
    plain = explainable_features(rows)

    def describe(row: Row) -> list[float]:
        rates = [rate.get(w, base) for w in row.words] or [base]
        return [*plain(row), max(rates), sum(rates) / len(rates)]

    return describe


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _dot(weights: list[float], x: list[float]) -> float:
    return weights[0] + sum(w * v for w, v in zip(weights[1:], x, strict=True))


def _newton(xs: list[list[float]], ys: list[float], rounds: int = 25) -> list[float]:
    """Ridge logistic regression by Newton's method (a handful of features, so no library)."""
    size = len(xs[0]) + 1
    weights = [0.0] * size
    for _ in range(rounds):
        grad = [_L2 * w if i else 0.0 for i, w in enumerate(weights)]
        hess = [[_L2 if i == j and i else 0.0 for j in range(size)] for i in range(size)]
        hess[0][0] = 1e-6
        for x, y in zip(xs, ys, strict=True):
            full = [1.0, *x]
            p = _sigmoid(_dot(weights, x))
            for i in range(size):
                grad[i] += (p - y) * full[i]
                for j in range(size):
                    hess[i][j] += p * (1 - p) * full[i] * full[j]
        weights = [w - s for w, s in zip(weights, _solve(hess, grad), strict=True)]
    return weights


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gauss-Jordan elimination with partial pivoting."""
    n = len(vector)
    rows = [[*matrix[i], vector[i]] for i in range(n)]
    for c in range(n):
        pivot = max(range(c, n), key=lambda r: abs(rows[r][c]))
        rows[c], rows[pivot] = rows[pivot], rows[c]
        for r in range(n):
            if r != c:
                factor = rows[r][c] / rows[c][c]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[c], strict=True)]
    return [rows[i][n] / rows[i][i] for i in range(n)]


_FIELDS = ("suggested", "correct", "strong_found", "strong")


@dataclass(frozen=True)
class Figures:
    """A method's figures for each split: fitted on all ten, and left-one-authority-out."""

    in_sample: dict[str, Counts]
    cross_validated: dict[str, Counts]
    cut: float  # chosen on all ten


def evaluate(method: Method, rows: Sequence[Row], strong: dict[str, int]) -> Figures:
    """In-sample and cross-validated counts per split ('tune', 'holdout', 'all')."""
    fitted = method(rows)
    scores = [fitted(r) for r in rows]
    cut = best_cut(rows, scores, sum(strong.values()))
    held_scores: dict[int, float] = {}
    held_cut: dict[str, float] = {}
    for authority in strong:
        train = [r for r in rows if r.authority != authority]
        scorer = method(train)
        train_strong = sum(n for a, n in strong.items() if a != authority)
        held_cut[authority] = best_cut(train, [scorer(r) for r in train], train_strong)
        held_scores.update({i: scorer(r) for i, r in enumerate(rows) if r.authority == authority})
    in_sample, crossed = {}, {}
    for split in ("tune", "holdout", "all"):
        chosen = [i for i, r in enumerate(rows) if split in ("all", r.split)]
        authorities = {rows[i].authority for i in chosen}
        total = sum(strong[a] for a in authorities)
        picked = [rows[i] for i in chosen]
        in_sample[split] = counts(picked, [scores[i] for i in chosen], cut, total)
        # Each authority's own cut, so summed over authorities; the counts add up.
        parts = [
            counts(
                [r for r in picked if r.authority == a],
                [held_scores[i] for i in chosen if rows[i].authority == a],
                held_cut[a],
                strong[a],
            )
            for a in sorted(authorities)
        ]
        crossed[split] = Counts(
            *(sum(getattr(p, f) for p in parts) for f in Counts.__annotations__)
        )
    return Figures(in_sample, crossed, cut)


METHODS: dict[str, Method] = {
    "the matcher's score, cut chosen": the_score,
    "logistic: score, competition, words": logistic(explainable_features),
    "logistic: those and learned vocabulary": logistic(with_vocabulary),
}
