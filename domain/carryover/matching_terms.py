"""How the carry-over matcher finds terms in a text: their written forms and acronyms defined."""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from domain.carryover.matching_themes import (
    CAPITALS_ONLY,
    HEAD_WORDS,
    TERMS,
    Token,
    phrase_of,
    stem,
)

_ACRONYM_IN_BRACKETS = re.compile(r"(?<=\s)\(([A-Za-z]{2,8})\)")
_WORD_BEFORE = re.compile(r"[A-Za-z][\w'’-]*")
_LINK_WORDS = frozenset({"and", "of", "the", "for", "in", "or", "to"})
BASE_FORMS = {phrase_of(form): forms[0] for forms in TERMS for form in forms}
CAPITAL_FORMS = frozenset(phrase_of(form) for form in CAPITALS_ONLY)
# Terms naming a kind of plan also count as the word "plan": letters restate "child protection
# plans with clear timescales" as "the focus and detail of plans".
HEADED_TERMS = {
    label: (f"word:{stem(label.split()[-1])}", label.split()[-1])
    for label in set(BASE_FORMS.values())
    if label.split()[-1] in HEAD_WORDS
}


def defined_acronyms(texts: Iterable[str]) -> dict[tuple[str, ...], str]:
    """Acronyms a text defines in passing, 'the designated officer (DO)', with their full forms."""
    defined: dict[tuple[str, ...], set[str]] = {}
    for text in texts:
        for acronym, words_before in _bracketed(text):
            words = re.split(r"[\s-]+", words_before)
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


def _bracketed(text: str) -> Iterator[tuple[str, str]]:
    """Each acronym in brackets with up to eight words straight before it, read backwards from
    the bracket (a pattern run over the whole text would try every position)."""
    for match in _ACRONYM_IN_BRACKETS.finditer(text):
        words: list[str] = []
        for word in reversed(text[: match.start()].split()[-8:]):
            if not _WORD_BEFORE.fullmatch(word):
                break
            words.insert(0, word)
        if words:
            yield match.group(1), " ".join(words)


@dataclass(frozen=True)
class Forms:
    """Every written form of a term, and the lengths of the forms that start with each stem."""

    labels: dict[tuple[str, ...], str]
    sizes: dict[str, tuple[int, ...]]  # longest first


def _built_forms(extra_forms: dict[tuple[str, ...], str]) -> Forms:
    labels = {**BASE_FORMS, **extra_forms}
    sizes: dict[str, set[int]] = {}
    for form in labels:
        sizes.setdefault(form[0], set()).add(len(form))
    return Forms(labels, {first: tuple(sorted(n, reverse=True)) for first, n in sizes.items()})


_BASE_FORMS_READ = _built_forms({})


def forms_with(extra_forms: dict[tuple[str, ...], str]) -> Forms:
    """The terms' forms with those the texts define; most texts define none."""
    return _built_forms(extra_forms) if extra_forms else _BASE_FORMS_READ


def term_at(tokens: list[Token], i: int, forms: Forms) -> tuple[str, int] | None:
    """The longest term starting at token i, and how many tokens it takes."""
    for size in forms.sizes.get(tokens[i].stem, ()):
        form = tuple(token.stem for token in tokens[i : i + size])
        if form in forms.labels and (form not in CAPITAL_FORMS or tokens[i].in_capitals):
            return forms.labels[form], size
    return None
