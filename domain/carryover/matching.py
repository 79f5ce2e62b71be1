"""Suggests which new development area repeats an earlier, still-open one, by text similarity."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from domain.carryover.matching_terms import (
    BASE_FORMS,
    HEADED_TERMS,
    Forms,
    defined_acronyms,
    forms_with,
    term_at,
)
from domain.carryover.matching_themes import (
    GENERIC_TERMS,
    GENERIC_WORDS,
    STOP_WORDS,
    THEMES,
    Token,
    phrase_of,
    read_tokens,
    stem,
)
from domain.carryover.meaning import Vector, lift, shipped_meaning


@dataclass(frozen=True)
class Candidate:
    """A development area's identity and words."""

    area_id: int
    text: str
    title: str = ""


@dataclass(frozen=True)
class Suggestion:
    """A new development area that may carry over an earlier, still-open one."""

    area_id: int
    earlier_area_id: int
    score: float
    matched_words: tuple[str, ...]


DEFAULT_THRESHOLD = 0.275
RELATED = " ~ "  # joins two related words in an explanation: "oversight ~ supervision"

# Weight of each kind of feature before IDF: a named term (often an acronym) is the strongest
# sign of the same issue, a theme the weakest because it is only a grouping.
_TERM_WEIGHT = 1.5
_WORD_WEIGHT = 1.0
_GENERIC_WEIGHT = 0.4
_THEME_WEIGHT = 0.7
# How far the score leans to the text more fully shared (0.5 is the cosine): a later area that
# names several issues ("assessments, plans and supervision") repeats each one it contains.
_CONTAINMENT = 0.6
# Imaginary texts that contain no feature: they keep IDF steady when only a few areas are compared.
_PSEUDO_TEXTS = 8

_STOP_STEMS = frozenset(STOP_WORDS) | {stem(word) for word in STOP_WORDS}
_GENERIC_STEMS = frozenset(stem(word) for word in GENERIC_WORDS)


def _theme_triggers() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """Each theme's term labels and its phrases (as padded stem strings for substring search)."""
    compiled = {}
    for theme, triggers in THEMES.items():
        labels = frozenset(BASE_FORMS[phrase_of(t)] for t in triggers if phrase_of(t) in BASE_FORMS)
        phrases = tuple(
            f" {' '.join(phrase_of(t))} " for t in triggers if phrase_of(t) not in BASE_FORMS
        )
        compiled[theme] = (labels, phrases)
    return compiled


THEME_TRIGGERS = _theme_triggers()


@dataclass(frozen=True)
class _Profile:
    """A text's features, keyed 'term:', 'word:' or 'theme:', how it reached each theme, and its
    content stems (those in terms too) with their spelling, which its meaning is read from."""

    labels: dict[str, str]
    reached_by: dict[str, frozenset[str]]
    stems: dict[str, str]


def _triggers_by_first() -> dict[str, tuple[tuple[str, str], ...]]:
    """Each theme trigger (a term's key or a padded phrase), under the feature it starts with, so
    that a text is searched only for the phrases whose first word it has."""
    index: dict[str, list[tuple[str, str]]] = {}
    for theme, (terms, phrases) in THEME_TRIGGERS.items():
        for term in terms:
            index.setdefault(f"term:{term}", []).append((theme, f"term:{term}"))
        for phrase in phrases:
            index.setdefault(phrase.split()[0], []).append((theme, phrase))
    return {first: tuple(triggers) for first, triggers in index.items()}


_TRIGGERS_BY_FIRST = _triggers_by_first()


def _profile(text: str, forms: Forms) -> _Profile:
    """Terms first (longest form wins, its words used up), then the other words, then themes."""
    tokens = read_tokens(text)
    labels: dict[str, str] = {}
    stream: list[str] = []
    i = 0
    while i < len(tokens):
        at = term_at(tokens, i, forms)
        if at:
            term, size = at
            labels.setdefault(f"term:{term}", term)
            if term in HEADED_TERMS:
                labels.setdefault(*HEADED_TERMS[term])
            stream.append(f"term:{term}")
            i += size
        else:
            token = tokens[i]
            stream.append(token.stem)
            if not _is_stop(token):
                labels.setdefault(f"word:{token.stem}", token.word)
            i += 1
    reached = _themes(stream)
    reached_by = {}
    for theme in THEME_TRIGGERS:
        if theme in reached:
            labels[f"theme:{theme}"] = theme
            reached_by[f"theme:{theme}"] = frozenset(reached[theme])
    return _Profile(labels, reached_by, _stems_of(tokens))


def _themes(stream: list[str]) -> dict[str, set[str]]:
    """The themes a text's terms and stems reach, each with the triggers that reached it."""
    padded = f" {' '.join(stream)} "
    reached: dict[str, set[str]] = {}
    for first in set(stream):
        for theme, trigger in _TRIGGERS_BY_FIRST.get(first, ()):
            if trigger.startswith("term:") or trigger in padded:
                reached.setdefault(theme, set()).add(trigger)
    return reached


def _is_stop(token: Token) -> bool:
    return token.word in STOP_WORDS or token.stem in _STOP_STEMS or token.stem.isdigit()


def _kind_weight(key: str) -> float:
    kind, _, stem = key.partition(":")
    if kind == "term":
        return _GENERIC_WEIGHT if stem in GENERIC_TERMS else _TERM_WEIGHT
    if kind == "theme":
        return _THEME_WEIGHT
    return _GENERIC_WEIGHT if stem in _GENERIC_STEMS else _WORD_WEIGHT


def _weights(profiles: Sequence[_Profile]) -> dict[str, float]:
    """Feature weights, with IDF over the texts compared so that common phrasing weighs little."""
    counts: dict[str, int] = {}
    for profile in profiles:
        for key in profile.labels:
            counts[key] = counts.get(key, 0) + 1
    total = len(profiles) + _PSEUDO_TEXTS + 1
    return {key: _kind_weight(key) * math.log(total / (n + 1)) for key, n in counts.items()}


def _compare(
    new: _Profile, earlier: _Profile, weights: dict[str, float]
) -> tuple[float, tuple[str, ...]]:
    """Weighted cosine of two feature sets, with the shared features most telling first."""
    shared = sorted(
        (key for key in new.labels.keys() & earlier.labels.keys() if _meets(key, new, earlier)),
        key=lambda key: (-weights[key], key),
    )
    if not shared:
        return 0.0, ()
    # A theme left out of the overlap is left out of both sizes too, so equal texts score 1.
    unmet = {k for k in new.reached_by.keys() & earlier.reached_by.keys() if k not in shared}
    overlap = sum(weights[key] for key in shared)
    size_new = sum(weights[key] for key in new.labels.keys() - unmet)
    size_earlier = sum(weights[key] for key in earlier.labels.keys() - unmet)
    smaller, larger = sorted((overlap / size_new, overlap / size_earlier))
    score = min(1.0, larger**_CONTAINMENT * smaller ** (1 - _CONTAINMENT))
    return round(score, 4), _explained(shared, new.labels)


def _meets(key: str, new: _Profile, earlier: _Profile) -> bool:
    """Whether a shared feature counts: a theme only when each text reaches it in its own words."""
    if key not in new.reached_by:
        return True
    # Reached through the same words on one side, the theme adds nothing those words do not.
    ours, theirs = new.reached_by[key], earlier.reached_by[key]
    return not (ours <= theirs or theirs <= ours)


def _explained(shared: list[str], labels: dict[str, str]) -> tuple[str, ...]:
    """Readable labels of the shared features, leaving out a theme that a word already names."""
    named = tuple(labels[key] for key in shared if not key.startswith("theme:"))
    kept = [
        labels[key]
        for key in shared
        if not key.startswith("theme:") or not labels[key].startswith(named)
    ]
    return tuple(dict.fromkeys(kept))


def similarity(a: str, b: str) -> tuple[float, tuple[str, ...]]:
    """How alike two areas are (0..1), and the words and themes they share.

    The score is the one suggest_links gives when these are the only two areas compared.
    """
    forms = forms_with(defined_acronyms((a, b)))
    ours, theirs = _profile(a, forms), _profile(b, forms)
    vectors = meaning_vectors([ours, theirs])
    return _score(ours, theirs, _weights([ours, theirs]), *vectors)


def content_stems(text: str) -> dict[str, str]:
    """A text's word stems less stop words, each with the word as first spelled there."""
    return _stems_of(read_tokens(text))


def _stems_of(tokens: list[Token]) -> dict[str, str]:
    stems: dict[str, str] = {}
    for token in tokens:
        if not _is_stop(token):
            stems.setdefault(token.stem, token.word)
    return stems


def meaning_vectors(profiles: Sequence[_Profile]) -> list[Vector]:
    """Each text's vector of meaning, read from its content stems."""
    return [shipped_meaning().text_vector(profile.stems) for profile in profiles]


def _score(
    new: _Profile,
    earlier: _Profile,
    weights: dict[str, float],
    ours: Vector,
    theirs: Vector,
    *,
    explain_from: float = 0.0,
) -> tuple[float, tuple[str, ...]]:
    """The shared words' score raised where the two texts mean alike, explained by the words
    shared, then related pairs, one word from each text ("oversight ~ supervision")."""
    score, words = _compare(new, earlier, weights)
    lifted = lift(shipped_meaning().alike(ours, theirs))
    if not lifted:
        return score, words
    raised = round(min(1.0, score + lifted), 4)
    if raised < explain_from:
        return raised, words  # not suggested: no need to say which words
    pairs = shipped_meaning().closest_words(new.stems, earlier.stems, least=0 if words else 1)
    return raised, words + tuple(f"{a}{RELATED}{b}" for a, b in pairs)


def suggest_links(
    new: Sequence[Candidate],
    earlier: Sequence[Candidate],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    per_new: int = 3,
) -> list[Suggestion]:
    """Earlier, still-open areas each new area may carry over, best first, at most per_new each."""
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold {threshold!r} is out of range; use a number from 0 to 1")
    if per_new < 1:
        raise ValueError(f"per_new {per_new!r} is too small; use 1 or more")
    texts = [_joined(c) for c in (*new, *earlier)]
    forms = forms_with(defined_acronyms(texts))
    profiles = [_profile(text, forms) for text in texts]
    weights = _weights(profiles)
    vectors = meaning_vectors(profiles)
    new_profiles, earlier_profiles = profiles[: len(new)], profiles[len(new) :]
    suggestions: list[Suggestion] = []
    for candidate, profile, ours in zip(new, new_profiles, vectors[: len(new)], strict=True):
        found = []
        for other, other_profile, theirs in zip(
            earlier, earlier_profiles, vectors[len(new) :], strict=True
        ):
            if other.area_id == candidate.area_id:
                continue
            score, words = _score(
                profile, other_profile, weights, ours, theirs, explain_from=threshold
            )
            if score >= threshold and score > 0.0:
                found.append(Suggestion(candidate.area_id, other.area_id, score, words))
        found.sort(key=lambda s: (-s.score, s.earlier_area_id))
        suggestions.extend(found[:per_new])
    suggestions.sort(key=lambda s: (-s.score, s.area_id, s.earlier_area_id))
    return suggestions


def _joined(candidate: Candidate) -> str:
    return f"{candidate.title}. {candidate.text}" if candidate.title else candidate.text
