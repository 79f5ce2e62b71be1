"""What the words of inspection findings mean, learned from inspection documents themselves.

Two areas can name the same issue in different words: "management oversight" and "supervision
by managers", "children's voice" and "wishes and feelings". The carry-over matcher's word
lists catch some of these by hand; the rest it misses. Here each word stem has a vector learned
from which words stand in the same sentences across public Ofsted documents (positive pointwise
mutual information, reduced by a singular value decomposition: classic latent semantic
analysis), so that words used alike lie close. A text's vector is the sum of its words',
each weighted by how rare the word is in those documents; two texts are alike in meaning when
their vectors point the same way.

The vectors ship in `meaning_vectors.npz` beside this module, built by
`bench/build_meaning_model.py`; nothing is fetched at run time. Pure: no database, no clock.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

MODEL_PATH = Path(__file__).with_name("meaning_vectors.npz")

# What meaning adds to the matcher's score: up to this weight, for texts whose vectors are more
# alike than the floor, in proportion to how far above it they are.
_WEIGHT = 0.3
_FLOOR = 0.4
# Two words are offered as an explanation ("oversight ~ supervision") only when this alike.
_EXPLAIN_AT = 0.6
_EXPLAIN_PAIRS = 2

Vector = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Meaning:
    """Word stems, one unit vector each, and each stem's weight (its rarity, as an IDF)."""

    index: dict[str, int]
    vectors: Vector  # one row per stem, unit length
    weights: Vector

    @classmethod
    def from_arrays(cls, stems: Sequence[str], vectors: Vector, weights: Vector) -> Meaning:
        if not (len(stems) == len(vectors) == len(weights)):
            raise ValueError(
                f"{len(stems)} stems, {len(vectors)} vectors and {len(weights)} weights; "
                "each stem needs one of each"
            )
        return cls({stem: i for i, stem in enumerate(stems)}, vectors, weights)

    def text_vector(self, stems: Iterable[str]) -> Vector:
        """The unit vector of a text's stems (each counted once); zero when none is known."""
        rows = sorted({self.index[s] for s in stems if s in self.index})
        if not rows:
            return np.zeros(self.vectors.shape[1], dtype=np.float32)
        summed = self.weights[rows] @ self.vectors[rows]
        norm = float(np.linalg.norm(summed))
        return (summed / norm).astype(np.float32) if norm else summed.astype(np.float32)

    def alike(self, a: Vector, b: Vector) -> float:
        """The cosine of two text vectors (0 when either text had no known word)."""
        return float(a @ b)

    def closest_words(
        self, ours: dict[str, str], theirs: dict[str, str], *, least: int = 0
    ) -> tuple[tuple[str, str], ...]:
        """Pairs of words, one from each text and in neither's other, that mean most alike.

        `ours` and `theirs` map a text's stems to the word as it is spelled there; a word is used
        in one pair at most, best pairs first. The best `least` pairs are given however alike,
        so that a score raised by meaning alone can always say by which words.
        """
        left = [s for s in ours if s in self.index and s not in theirs]
        right = [s for s in theirs if s in self.index and s not in ours]
        if not left or not right:
            return ()
        sims = (
            self.vectors[[self.index[s] for s in left]]
            @ self.vectors[[self.index[s] for s in right]].T
        )
        pairs: list[tuple[str, str]] = []
        used_left: set[int] = set()
        used_right: set[int] = set()
        for flat in np.argsort(-sims, axis=None):
            i, j = divmod(int(flat), len(right))
            if (len(pairs) >= least and sims[i, j] < _EXPLAIN_AT) or len(pairs) == _EXPLAIN_PAIRS:
                break
            if i in used_left or j in used_right:
                continue
            used_left.add(i)
            used_right.add(j)
            pairs.append((ours[left[i]], theirs[right[j]]))
        return tuple(pairs)


def lift(alike: float) -> float:
    """What two texts this alike in meaning (a cosine) add to the shared words' score."""
    return max(0.0, _WEIGHT * (alike - _FLOOR) / (1 - _FLOOR))


@cache
def shipped_meaning() -> Meaning:
    """The vectors that ship with Closeout."""
    return load_meaning(MODEL_PATH)


def load_meaning(path: Path) -> Meaning:
    with np.load(path) as stored:
        stems = [str(s) for s in stored["stems"]]
        vectors = stored["vectors"].astype(np.float32)
        weights = stored["weights"].astype(np.float32)
    return Meaning.from_arrays(stems, vectors, weights)


def save_meaning(path: Path, stems: Sequence[str], vectors: Vector, weights: Vector) -> None:
    """Store vectors compactly (half precision is ample for cosines)."""
    np.savez_compressed(
        path,
        stems=np.array(stems),
        vectors=vectors.astype(np.float16),
        weights=weights.astype(np.float16),
    )


def learn_meaning(
    sentences: Iterable[Iterable[str]], *, dimensions: int = 100, min_sentences: int = 3
) -> tuple[list[str], Vector, Vector]:
    """Stems, unit vectors and IDF weights learned from sentences given as their word stems.

    Two stems co-occur when they stand in one sentence. Their positive pointwise mutual
    information (with the context counts smoothed by the power 0.75, as is usual) is reduced to
    `dimensions` by a singular value decomposition; a stem in fewer than `min_sentences`
    sentences is left out.
    """
    kept = [frozenset(s) for s in sentences]
    counts: dict[str, int] = {}
    for sentence in kept:
        for stem in sentence:
            counts[stem] = counts.get(stem, 0) + 1
    stems = sorted(s for s, n in counts.items() if n >= min_sentences)
    if len(stems) < 2:
        raise ValueError(
            f"only {len(stems)} stems are in {min_sentences} sentences or more; give more sentences"
        )
    index = {stem: i for i, stem in enumerate(stems)}
    together = np.zeros((len(stems), len(stems)), dtype=np.float64)
    for sentence in kept:
        rows = [index[s] for s in sentence if s in index]
        together[np.ix_(rows, rows)] += 1.0
    np.fill_diagonal(together, 0.0)
    word = together.sum(axis=1, keepdims=True)
    context = together.sum(axis=0, keepdims=True) ** 0.75
    context /= context.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(together / (word * context))
    ppmi = np.where(together > 0, np.maximum(pmi, 0.0), 0.0)
    left, strengths, _ = np.linalg.svd(ppmi, full_matrices=False)
    size = min(dimensions, len(stems))
    vectors = left[:, :size] * np.sqrt(strengths[:size])
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
    weights = np.array([math.log(len(kept) / counts[s]) for s in stems])
    return stems, vectors.astype(np.float32), weights.astype(np.float32)
