"""The inspectors named in a document, lead inspector first, without their role titles."""

from __future__ import annotations

import re
from collections.abc import Sequence

from importers.lines import Line
from importers.prose import paragraphs

_NAME_WORD = r"(?:[A-Z][a-zA-Z’'\-]+|Mc[A-Z][a-z]+|O’[A-Z][a-z]+)"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}"
_ROLE = re.compile(
    r"(?i)[,\s]*(?:\((?:[^)]*)\)|(?:senior\s+)?hmi\b|s?hmi\b|(?:her|his) majesty[’']s inspectors?"
    r"|additional inspector|designated hmi|ofsted inspector|social care regulatory inspector"
    r"|contracted inspector|seconded inspector|(?:two|three|four) of)\s*$"
)
_LABELLED = re.compile(
    r"(?i)^(lead inspector|lead hmi|deputy lead inspector|team inspectors?|shadow inspectors?|"
    r"reporting inspector|additional inspectors?)\s*:\s*(.*)$"
)
_TEAM_ROW = re.compile(
    rf"(?P<name>{_NAME})(?:\s+HMI)?,\s*(?P<org>Ofsted|CQC)(?P<role>(?:\s+HMI)?,?(?:\s+[Ll]ead)?"
    rf"(?:\s+[Ii]nspector)?)"
)
_TEAM_HEADING = re.compile(r"(?i)^(the )?inspection team$")
_TEAM_ROWS = 12
_PROSE_CHARACTERS = 3000
_NOT_NAME_WORDS = {"lead", "inspector", "inspectors", "hmi", "ofsted", "cqc", "team", "quality"}
_PROSE_TEAM = re.compile(
    r"(?i)(?:carried out by|inspectors for this visit were|inspectors were|visit was led by)\s+(.+)"
)
_SPLIT_NAMES = re.compile(r"\s*(?:,|\band\b)\s*")
_SIGN_OFF = re.compile(r"(?i)^yours (sincerely|faithfully)")
_ROLE_PHRASE = re.compile(
    r"(?i)\b(?:two|three|four) of\b|(?:her|his) majesty[’']s inspectors?|\bs?hmi\b"
)


def find_inspectors(lines: Sequence[Line]) -> list[str]:
    """Lead inspector first (the signatory where no lead is labelled), then the rest of the team."""
    labelled = _labelled_team(lines)
    team_table = _team_table(lines)
    signatory = _signatory(lines)
    prose = _prose_team(lines)
    ordered = labelled or team_table
    if not ordered and signatory:
        ordered = [signatory]
    names: list[str] = []
    for name in [*ordered, *prose]:
        if name and name not in names:
            names.append(name)
    return names


def strip_role(text: str) -> str:
    """A name without the role words printed around it ("Linda Steele HMI" -> "Linda Steele")."""
    text = text.strip(" ,.;")
    previous = None
    while previous != text:
        previous = text
        text = _ROLE.sub("", text).strip(" ,.;")
    return text


def _names(text: str) -> list[str]:
    found: list[str] = []
    for part in _SPLIT_NAMES.split(strip_role(text)):
        name = strip_role(part)
        if re.fullmatch(_NAME, name) and name.split()[0].lower() not in _NOT_NAME_WORDS:
            found.append(name)
    return found


def _labelled_team(lines: Sequence[Line]) -> list[str]:
    names: list[str] = []
    for index, line in enumerate(lines):
        match = _LABELLED.match(line.text)
        if not match:
            continue
        text = match.group(2)
        # A team list may wrap onto following lines without a label of their own.
        probe = index + 1
        while (
            probe < len(lines)
            and not lines[probe].break_before
            and ":" not in lines[probe].text
            and not text.rstrip().endswith(".")
        ):
            text = f"{text} {lines[probe].text}"
            probe += 1
        found = _names(text)
        if match.group(1).lower().startswith(("lead", "reporting")):
            names = [*found[:1], *names]
        else:
            names.extend(found)
    return list(dict.fromkeys(names))


def _team_table(lines: Sequence[Line]) -> list[str]:
    leads: list[str] = []
    others: list[str] = []
    starts = [i for i, line in enumerate(lines) if _TEAM_HEADING.match(line.text.strip(" :"))]
    rows = [line for start in starts for line in lines[start + 1 : start + 1 + _TEAM_ROWS]]
    for line in rows:
        for match in _TEAM_ROW.finditer(line.text):
            name = _drop_leading_role_words(strip_role(match["name"]))
            if not name:
                continue
            is_lead = "lead" in match["role"].lower()
            (leads if is_lead else others).append(name)
    return list(dict.fromkeys([*leads, *others]))


def _drop_leading_role_words(name: str) -> str:
    words = name.split()
    while words and words[0].lower() in _NOT_NAME_WORDS:
        words.pop(0)
    return " ".join(words) if len(words) >= 2 else ""


def _signatory(lines: Sequence[Line]) -> str | None:
    for index, line in enumerate(lines):
        match = _SIGN_OFF.match(line.text)
        if not match:
            continue
        rest = line.text[match.end() :].strip(" ,")
        candidates = [rest] if rest else []
        candidates += [following.text for following in lines[index + 1 : index + 3]]
        for candidate in candidates:
            names = _names(candidate)
            if names:
                return names[0]
    return None


def _prose_team(lines: Sequence[Line]) -> list[str]:
    for paragraph in paragraphs(lines[:120]):
        match = _PROSE_TEAM.search(paragraph.text[:_PROSE_CHARACTERS])
        if match:
            sentence = re.split(r"\.(?:\s|$)", match.group(1))[0]
            return _names(_ROLE_PHRASE.sub(",", sentence))
    return []
