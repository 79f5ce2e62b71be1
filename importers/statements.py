"""Statements read from the prose: the overall judgement and what became of earlier findings."""

from __future__ import annotations

import re
from collections.abc import Sequence

from domain.vocabulary import InspectionKind
from importers.headings import heading_key
from importers.lines import Line
from importers.prose import first_sentence, paragraphs
from importers.titles import Title

_GRADE = (
    r"(outstanding|good|requires? improvement(?: to be good)?|inadequate|adequate"
    r"|grade\s+\d(?:\s*\([a-z ]+\))?)"
)
_OVERALL_LABEL = re.compile(
    rf"(?i)^overall effectiveness(?: of (?:the )?[a-z ’']+?)?(?:\s+is)?\s*:?\s*{_GRADE}?(?=\W|$)"
)
_GRADE_ONLY = re.compile(rf"(?i)^{_GRADE}\b")
_SIF_SUMMARY = re.compile(
    rf"(?i)(?:children[’']s services in .+? (?:are |is )?|"
    rf"the overall judgement is(?: that children[’']s services)?\s+){_GRADE}"
)
_EARLIER = r"(?:areas? (?:of|for) (?:development|improvement)|recommendations|priority actions?)"
_PREVIOUS = r"(?:previous|last|earlier|prior) (?:inspection|visit|letter)"
# Both phrases in one sentence, close together: "the areas for improvement identified at the
# last inspection", "since the previous inspection, the recommendations have been addressed".
_CARRIED = re.compile(
    rf"(?i){_EARLIER}[^.]{{0,80}}\b{_PREVIOUS}|{_PREVIOUS}[^.]{{0,120}}\b{_EARLIER}"
)
_ITEM_NUMBER = re.compile(r"^\d{1,3}\.\s+")
_COVER_LINES = 60
_COVER_CHARACTERS = 6000  # bounds the search however long the first lines are
_LONGEST_STATEMENT = 1500
_LETTERS_WITHOUT_GRADE = frozenset(
    {InspectionKind.FOCUSED_VISIT, InspectionKind.UCRA_LETTER, InspectionKind.MONITORING_VISIT}
)


def find_judgement(lines: Sequence[Line], title: Title | None) -> str | None:
    """The overall effectiveness grade, or for area SEND reports the outcome's first sentence."""
    kind = title.kind if title else InspectionKind.OTHER
    if kind in _LETTERS_WITHOUT_GRADE:
        return None
    if kind == InspectionKind.AREA_SEND_INSPECTION:
        return _send_outcome(lines)
    for index, line in enumerate(lines):
        match = _OVERALL_LABEL.match(line.text)
        if not match:
            continue
        grade = match.group(1)
        following = lines[index + 1] if index + 1 < len(lines) else None
        if not grade and following:
            on_next_line = _GRADE_ONLY.match(following.text)
            grade = on_next_line.group(1) if on_next_line else None
        elif (
            grade
            and following
            and not following.break_before
            and following.text.lower().startswith("to be good")
        ):
            grade = f"{grade} to be good"  # the grade cell wrapped onto a second line
        if grade:
            return _as_grade(grade)
    cover = " ".join(line.text for line in lines[:_COVER_LINES])[:_COVER_CHARACTERS]
    match = _SIF_SUMMARY.search(cover)
    return _as_grade(match.group(1)) if match else None


def _as_grade(text: str) -> str:
    text = " ".join(text.split()).lower()
    if text.startswith("require "):
        text = "requires " + text[len("require ") :]
    return text[:1].upper() + text[1:]


def _send_outcome(lines: Sequence[Line]) -> str | None:
    for index, line in enumerate(lines):
        if heading_key(line.text) in ("inspection outcome", "inspection outcomes"):
            found = paragraphs(lines[index + 1 :])
            return first_sentence(found[0].text) if found else None
    for paragraph in paragraphs(lines[:_COVER_LINES]):
        if paragraph.text.startswith("The local area partnership"):
            return first_sentence(paragraph.text)
    return None


def find_previous_areas_statement(lines: Sequence[Line]) -> str | None:
    """The paragraph that says what became of the previous inspection's areas for development."""
    for paragraph in paragraphs(lines):
        text = _ITEM_NUMBER.sub("", paragraph.text)
        if len(text) > _LONGEST_STATEMENT or not text.endswith("."):
            continue
        lowered = text.lower()
        if (
            "inspection" in lowered or "visit" in lowered or "letter" in lowered
        ) and _CARRIED.search(text):
            return text
    return None
