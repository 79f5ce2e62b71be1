"""Word vectors learned from inspection documents, and what they add to the matcher."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from domain.carryover.matching import (
    DEFAULT_THRESHOLD,
    RELATED,
    Candidate,
    content_stems,
    similarity,
    suggest_links,
)
from domain.carryover.meaning import (
    MODEL_PATH,
    Meaning,
    learn_meaning,
    load_meaning,
    save_meaning,
    shipped_meaning,
)

# Our own sentences: supervision and oversight keep the same company, schools another.
_SENTENCES = [
    *(["supervision", "managers", "casework", "reflective", f"team{n % 3}"] for n in range(12)),
    *(["oversight", "managers", "casework", "reflective", f"team{n % 3}"] for n in range(12)),
    *(["school", "attendance", "exclusions", "pupils", f"term{n % 3}"] for n in range(12)),
]


def _alike(meaning: Meaning, a: str, b: str) -> float:
    return float(meaning.vectors[meaning.index[a]] @ meaning.vectors[meaning.index[b]])


def test_words_kept_in_the_same_company_come_out_alike() -> None:
    stems, vectors, weights = learn_meaning(_SENTENCES, dimensions=4)
    meaning = Meaning.from_arrays(stems, vectors, weights)

    assert _alike(meaning, "supervision", "oversight") > 0.9
    assert _alike(meaning, "supervision", "school") < 0.2
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # The rarer a word across the sentences, the more it weighs in a text.
    assert weights[meaning.index["school"]] > weights[meaning.index["managers"]]


def test_too_few_sentences_are_refused_by_what_they_lack() -> None:
    with pytest.raises(ValueError, match="only 0 stems are in 3 sentences or more"):
        learn_meaning([["supervision", "oversight"]])


def test_vectors_saved_and_loaded_give_the_same_cosines(tmp_path: Path) -> None:
    stems, vectors, weights = learn_meaning(_SENTENCES, dimensions=4)
    save_meaning(tmp_path / "m.npz", stems, vectors, weights)
    loaded = load_meaning(tmp_path / "m.npz")
    learned = Meaning.from_arrays(stems, vectors, weights)

    assert list(loaded.index) == stems
    assert _alike(loaded, "supervision", "oversight") == pytest.approx(
        _alike(learned, "supervision", "oversight"), abs=0.01
    )


def test_a_text_with_no_known_word_is_alike_to_nothing() -> None:
    meaning = shipped_meaning()
    unknown = meaning.text_vector(["zzxq", "qqzv"])
    known = meaning.text_vector(content_stems("Supervision is irregular."))
    assert meaning.alike(unknown, known) == 0.0
    assert meaning.alike(known, known) == pytest.approx(1.0, abs=1e-5)


def test_related_words_pair_each_word_once_and_leave_shared_ones_out() -> None:
    meaning = shipped_meaning()
    ours = content_stems("Management oversight and supervision of casework.")
    theirs = content_stems("Supervision is irregular and managers do not challenge drift.")

    pairs = meaning.closest_words(ours, theirs, least=2)

    words = [w for pair in pairs for w in pair]
    assert len(pairs) == 2 and len(words) == len(set(words))
    assert "supervision" not in words  # in both texts: a shared word, not a related one


def test_the_shipped_vectors_know_the_services_words() -> None:
    meaning = shipped_meaning()
    assert MODEL_PATH.stat().st_size < 1_000_000
    assert len(meaning.index) > 2000 and meaning.vectors.shape[1] == 100
    stems = {w: next(iter(content_stems(w))) for w in ("oversight", "supervision", "school")}
    assert _alike(meaning, stems["oversight"], stems["supervision"]) > 0.6
    assert _alike(meaning, stems["oversight"], stems["school"]) < 0.3


def test_meaning_lifts_a_repeat_worded_differently_over_the_threshold() -> None:
    earlier = [
        Candidate(1, "Supervision is irregular and does not challenge drift."),
        Candidate(2, "Too few children in care attend school every day."),
    ]
    new = [Candidate(10, "Management oversight of casework is not consistent.")]

    [suggestion] = suggest_links(new, earlier)

    assert suggestion.earlier_area_id == 1 and suggestion.score >= DEFAULT_THRESHOLD
    # Explained by the theme both reach and by the related words that raised it.
    assert suggestion.matched_words == (
        "supervision and management oversight",
        f"oversight{RELATED}supervision",
    )


def test_a_score_raised_by_meaning_alone_still_names_words() -> None:
    score, words = similarity(
        "Managers do not oversee casework closely enough.",
        "Supervision is irregular and does not challenge drift.",
    )
    assert 0.0 < score < DEFAULT_THRESHOLD
    assert words and all(RELATED in w for w in words)
