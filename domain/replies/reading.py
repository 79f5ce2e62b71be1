"""Reading a reply's words: its own new text, the areas it names and the status words in it.

Pure rules on text. The new text is what comes before the quoted digest ("On … wrote:",
"-----Original Message-----", an Outlook "From:" block, lines starting with ">") and before
the signature ("-- ", "Sent from my …", or a short sign-off such as "Kind regards" ending the
message). A line starting with the number the digest gave an area ("2: audit booked for
March", "Area 2 - done", "2) started") gives that area a note, as does one starting with its
reference ("#12: done", "Ref 12: done"); the lines after it belong to it until the next such
line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.vocabulary import Status

QUOTE_STARTS = (
    re.compile(r"^\s*on\b.{0,300}\bwrote:\s*$", re.IGNORECASE),
    re.compile(r"^\s*-{2,}\s*original message\s*-{2,}\s*$", re.IGNORECASE),
    re.compile(r"^\s*_{10,}\s*$"),
    re.compile(r"^\s*from:\s.+$", re.IGNORECASE),
    re.compile(r"^\s*(le|am|el|op)\b.{0,300}(a écrit|schrieb|escribió|schreef)\s*:\s*$", re.I),
)
SIGNATURE_STARTS = (
    re.compile(r"^-- ?$"),
    re.compile(r"^\s*sent from my\b", re.IGNORECASE),
    re.compile(r"^\s*get outlook for\b", re.IGNORECASE),
)
SIGN_OFF = re.compile(
    r"^\s*(kind(est)? regards|best regards|warm regards|regards|best wishes|many thanks|"
    r"thanks( again)?|thank you|with thanks|cheers|best|all the best|yours sincerely)[,.!]?\s*$",
    re.IGNORECASE,
)
SIGN_OFF_TAIL = 6  # a sign-off counts when at most this many lines follow it
# "2: text", "2. text", "2) text", "2 - text", "Area 2: text"; "#12: text", "Ref 12: text"
# name the area by its reference. The mark after the number must be followed by a space or
# the end of the line, so "14.30 meeting" is not area 14.
AREA_LINE = re.compile(
    r"^\s*(?:(?:area|item)\s*|(?P<ref>ref(?:erence)?\.?\s*|#\s*))?(?P<n>\d{1,9})"
    r"\s*(?:[:.)](?=\s|$)|\s[-–—](?=\s|$))\s*(?P<text>.*)$",
    re.IGNORECASE,
)
# Status words, each with the status it sets; "complete" and "finished" read as "completed".
STATUS_WORDS: dict[str, Status] = {
    "done": Status.COMPLETED,
    "completed": Status.COMPLETED,
    "complete": Status.COMPLETED,
    "finished": Status.COMPLETED,
    "blocked": Status.BLOCKED,
    "started": Status.IN_PROGRESS,
}
_WORD = re.compile(r"[a-z']+")
_NEGATIONS = frozenset(
    {"not", "no", "never", "isn't", "isnt", "wasn't", "hasn't", "haven't", "nearly", "almost"}
)


@dataclass(frozen=True)
class AreaText:
    """The words a reply gives one area, and the status they ask for. `number` is the
    number the digest gave it, or its reference when `by_reference`."""

    number: int
    by_reference: bool
    text: str
    status: Status | None
    status_words: tuple[str, ...]  # every status word found, to explain a disagreement


@dataclass(frozen=True)
class ReadReply:
    """A reply's new text, what it says per area, and any text before the first area line."""

    text: str
    areas: tuple[AreaText, ...]
    general: str


def new_text(body: str) -> str:
    """The reply's own words: quoted text, the quoted digest and the signature removed."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    for line in lines:
        if any(p.match(line) for p in QUOTE_STARTS) or any(p.match(line) for p in SIGNATURE_STARTS):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line.rstrip())
    kept = _without_sign_off(kept)
    return "\n".join(kept).strip()


def _without_sign_off(lines: list[str]) -> list[str]:
    """The lines without a closing sign-off ("Kind regards,") and the short lines after it."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for index in reversed(filled):
        if SIGN_OFF.match(lines[index]):
            if len([i for i in filled if i > index]) <= SIGN_OFF_TAIL:
                return lines[:index]
            break
    return lines


def status_in(text: str) -> tuple[Status | None, tuple[str, ...]]:
    """The status `text` asks for, and the status words found; None when there are none, when
    each is negated ("not done yet") or when they disagree ("started … blocked")."""
    words = _WORD.findall(text.lower())
    found: list[str] = []
    for index, word in enumerate(words):
        if word in STATUS_WORDS and not (set(words[max(0, index - 2) : index]) & _NEGATIONS):
            found.append(word)
    statuses = {STATUS_WORDS[w] for w in found}
    return (statuses.pop() if len(statuses) == 1 else None), tuple(found)


def read_reply(body: str, single: bool) -> ReadReply:
    """What a reply says: its new text split by the areas its lines name.

    In a digest of one area (`single`) with no line naming an area, the whole new text is
    about it (number 1). Text before the first line naming an area is `general`.
    """
    text = new_text(body)
    general: list[str] = []
    by_area: dict[tuple[int, bool], list[str]] = {}
    current: list[str] = general
    for line in text.split("\n"):
        match = AREA_LINE.match(line)
        if match:
            key = (int(match.group("n")), match.group("ref") is not None)
            current = by_area.setdefault(key, [])
            current.append(match.group("text"))
        else:
            current.append(line)
    if single and not by_area:
        return ReadReply(text, (_area_text(1, False, text),), "")
    areas = tuple(_area_text(n, ref, "\n".join(lines)) for (n, ref), lines in by_area.items())
    return ReadReply(text, areas, "\n".join(general).strip())


def _area_text(number: int, by_reference: bool, text: str) -> AreaText:
    note = text.strip()
    status, words = status_in(note)
    return AreaText(number, by_reference, note, status, words)
