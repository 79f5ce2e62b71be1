"""Suggests which new development area repeats an earlier, still-open one, by text similarity."""

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from domain.carryover.matching_themes import (
    CAPITALS_ONLY,
    GENERIC_TERMS,
    GENERIC_WORDS,
    STOP_WORDS,
    TERMS,
    THEMES,
    Token,
    phrase_of,
    read_tokens,
    stem,
)


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


DEFAULT_THRESHOLD = 0.2

# Weight of each kind of feature before IDF: a named term (often an acronym) is the strongest
# sign of the same issue, a theme the weakest because it is only a grouping.
_TERM_WEIGHT = 1.5
_WORD_WEIGHT = 1.0
_GENERIC_WEIGHT = 0.4
_THEME_WEIGHT = 0.7
# Imaginary texts that contain no feature: they keep IDF steady when only a few areas are compared.
_PSEUDO_TEXTS = 8

_DEFINED_ACRONYM = re.compile(r"((?:[A-Za-z][\w'’-]*\s+){1,8})\(([A-Za-z]{2,8})\)")
_LINK_WORDS = frozenset({"and", "of", "the", "for", "in", "or", "to"})
_STOP_STEMS = frozenset(STOP_WORDS) | {stem(word) for word in STOP_WORDS}
_GENERIC_STEMS = frozenset(stem(word) for word in GENERIC_WORDS)
BASE_FORMS = {phrase_of(form): forms[0] for forms in TERMS for form in forms}
CAPITAL_FORMS = frozenset(phrase_of(form) for form in CAPITALS_ONLY)


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


def defined_acronyms(texts: Iterable[str]) -> dict[tuple[str, ...], str]:
    """Acronyms a text defines in passing, 'the designated officer (DO)', with their full forms."""
    defined: dict[tuple[str, ...], set[str]] = {}
    for text in texts:
        for words_before, acronym in _DEFINED_ACRONYM.findall(text):
            words = re.split(r"[\s-]+", words_before.strip())
            letters = acronym.lower()
            for start in range(len(words) - 1, -1, -1):
                initials = "".join(
                    w[0].lower() for w in words[start:] if w.lower() not in _LINK_WORDS
                )
                if initials == letters:
                    full = " ".join(words[start:]).lower()
                    label = BASE_FORMS.get(phrase_of(full), full)
                    defined.setdefault(phrase_of(acronym), set()).add(label)
                    defined.setdefault(phrase_of(full), set()).add(label)
                    break
    # Where texts define one acronym differently, the choice must not hang on their order.
    return {form: min(labels) for form, labels in defined.items() if form not in BASE_FORMS}


@dataclass(frozen=True)
class _Profile:
    """A text's features, keyed 'term:', 'word:' or 'theme:', and how it reached each theme."""

    labels: dict[str, str]
    reached_by: dict[str, frozenset[str]]


def _profile(text: str, extra_forms: dict[tuple[str, ...], str]) -> _Profile:
    """Terms first (longest form wins, its words used up), then the other words, then themes."""
    forms = {**BASE_FORMS, **extra_forms}
    longest = max(len(form) for form in forms)
    tokens = read_tokens(text)
    labels: dict[str, str] = {}
    stream: list[str] = []
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            form = tuple(token.stem for token in tokens[i : i + size])
            if form in forms and (form not in CAPITAL_FORMS or tokens[i].in_capitals):
                labels.setdefault(f"term:{forms[form]}", forms[form])
                stream.append(f"term:{forms[form]}")
                i += size
                break
        else:
            token = tokens[i]
            stream.append(token.stem)
            if not _is_stop(token):
                labels.setdefault(f"word:{token.stem}", token.word)
            i += 1
    padded = f" {' '.join(stream)} "
    reached_by = {}
    for theme, (terms, phrases) in THEME_TRIGGERS.items():
        found = {f"term:{t}" for t in terms if f"term:{t}" in labels}
        found.update(p for p in phrases if p in padded)
        if found:
            labels[f"theme:{theme}"] = theme
            reached_by[f"theme:{theme}"] = frozenset(found)
    return _Profile(labels, reached_by)


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
    score = min(1.0, overlap / math.sqrt(size_new * size_earlier))
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
    """How alike two areas' words are (0..1), and the words and themes they share.

    The score is the one suggest_links gives when these are the only two areas compared.
    """
    extra = defined_acronyms((a, b))
    profiles = [_profile(a, extra), _profile(b, extra)]
    return _compare(profiles[0], profiles[1], _weights(profiles))


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
    extra = defined_acronyms(texts)
    profiles = [_profile(text, extra) for text in texts]
    weights = _weights(profiles)
    new_profiles, earlier_profiles = profiles[: len(new)], profiles[len(new) :]
    suggestions: list[Suggestion] = []
    for candidate, profile in zip(new, new_profiles, strict=True):
        found = []
        for other, other_profile in zip(earlier, earlier_profiles, strict=True):
            if other.area_id == candidate.area_id:
                continue
            score, words = _compare(profile, other_profile, weights)
            if score >= threshold and score > 0.0:
                found.append(Suggestion(candidate.area_id, other.area_id, score, words))
        found.sort(key=lambda s: (-s.score, s.earlier_area_id))
        suggestions.extend(found[:per_new])
    suggestions.sort(key=lambda s: (-s.score, s.area_id, s.earlier_area_id))
    return suggestions


def _joined(candidate: Candidate) -> str:
    return f"{candidate.title}. {candidate.text}" if candidate.title else candidate.text
