"""Which words of two areas' texts the matcher matched, as segments to mark on a page.

The matcher reports what two texts share as readable labels: a word as one text spells it, a
term by its first form ("common assessment framework" for "CAF" too), a theme's name, or two
related words, one from each text ("oversight ~ supervision"). This reads each text with the
matcher's own tokeniser, stems, term table and themes, and marks every place a label was
found: a word wherever its stem appears, a term in any of its forms, a theme wherever one of
its triggers does, each of two related words wherever it stands. Pure: no database, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from domain.carryover.matching import RELATED, THEME_TRIGGERS
from domain.carryover.matching_terms import (
    BASE_FORMS,
    CAPITAL_FORMS,
    HEADED_TERMS,
    defined_acronyms,
)
from domain.carryover.matching_themes import CROSS_REFERENCE, TOKEN_PATTERN, Token, read_tokens


@dataclass(frozen=True)
class Segment:
    """A run of a text, and whether it is a matched word or phrase."""

    text: str
    matched: bool


@dataclass(frozen=True)
class _Read:
    """One item of a text as the matcher reads it: a term or a word, and where it stands."""

    key: str  # "term:<label>" or the word's stem
    start: int
    end: int


def _tokens(text: str) -> list[tuple[Token, int, int]]:
    """The matcher's tokens with their places; cross-references are blanked, not removed."""
    blanked = CROSS_REFERENCE.sub(lambda m: " " * len(m.group()), text)
    return [
        (read_tokens(m.group())[0], m.start(), m.end()) for m in TOKEN_PATTERN.finditer(blanked)
    ]


def _read(text: str, forms: dict[tuple[str, ...], str]) -> list[_Read]:
    """Terms first (the longest form wins, its words used up), then words: as the matcher."""
    tokens = _tokens(text)
    longest = max(len(form) for form in forms)
    items: list[_Read] = []
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            form = tuple(token.stem for token, _, _ in tokens[i : i + size])
            if form in forms and (form not in CAPITAL_FORMS or tokens[i][0].in_capitals):
                items.append(_Read(f"term:{forms[form]}", tokens[i][1], tokens[i + size - 1][2]))
                i += size
                break
        else:
            token, start, end = tokens[i]
            items.append(_Read(token.stem, start, end))
            i += 1
    return items


def _wanted(labels: Iterable[str]) -> tuple[set[str], list[tuple[str, ...]]]:
    """The keys to mark (term keys and word stems), and the phrases of matched themes."""
    keys: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    # A pair of related words ("oversight ~ supervision") marks each word wherever it stands.
    labels = [part for label in labels for part in label.split(RELATED)]
    for label in labels:
        keys.add(f"term:{label}")
        words = read_tokens(label)
        if len(words) == 1:
            keys.add(words[0].stem)
        if label in THEME_TRIGGERS:
            terms, padded = THEME_TRIGGERS[label]
            keys.update(f"term:{term}" for term in terms)
            phrases.extend(tuple(p.split()) for p in padded)
    return keys, phrases


# A term that also counts as its last word ("child protection plans" as "plans") is marked whole
# when that word was matched.
_HEADS = {f"term:{label}": key.removeprefix("word:") for label, (key, _) in HEADED_TERMS.items()}


def _marked(items: Sequence[_Read], keys: set[str], phrases: list[tuple[str, ...]]) -> set[int]:
    """Indexes of the items to mark: each one wanted, and each run spelling a theme's phrase."""
    marked = {n for n, item in enumerate(items) if item.key in keys or _HEADS.get(item.key) in keys}
    stream = [item.key for item in items]
    for phrase in phrases:
        size = len(phrase)
        for start in range(len(stream) - size + 1):
            if tuple(stream[start : start + size]) == phrase:
                marked.update(range(start, start + size))
    return marked


def _segments(text: str, items: Sequence[_Read], marked: set[int]) -> list[Segment]:
    """The whole text cut into runs, each marked run joining items next to each other."""
    segments: list[Segment] = []
    at = 0
    n = 0
    while n < len(items):
        if n not in marked:
            n += 1
            continue
        first = n
        while (
            n + 1 < len(items)
            and n + 1 in marked
            and text[items[n].end : items[n + 1].start] == " "
        ):
            n += 1
        if items[first].start > at:
            segments.append(Segment(text[at : items[first].start], False))
        segments.append(Segment(text[items[first].start : items[n].end], True))
        at = items[n].end
        n += 1
    if at < len(text):
        segments.append(Segment(text[at:], False))
    return segments


def highlight(
    text: str, matched_words: Sequence[str], *, read_with: Sequence[str] = ()
) -> list[Segment]:
    """`text` cut into segments, the places the matched words stand in it marked.

    `read_with` are the other texts compared, so an acronym one of them defines in passing
    ("the designated officer (DO)") is read as the matcher read it.
    """
    extra = defined_acronyms((text, *read_with))
    forms = {**BASE_FORMS, **extra}
    keys, phrases = _wanted(matched_words)
    items = _read(text, forms)
    return _segments(text, items, _marked(items, keys, phrases))


def highlight_pair(
    new_text: str, earlier_text: str, matched_words: Sequence[str]
) -> tuple[list[Segment], list[Segment]]:
    """Both texts of a suggested link, each with the words they share marked."""
    return (
        highlight(new_text, matched_words, read_with=(earlier_text,)),
        highlight(earlier_text, matched_words, read_with=(new_text,)),
    )
