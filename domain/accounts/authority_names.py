"""Matching the many ways documents name an authority to one recorded name."""

from __future__ import annotations

import re

_NOISE = re.compile(
    r"\b(the|london borough of|royal borough of|metropolitan borough of|borough of|city of|"
    r"county of|council|county|borough|city|metropolitan|district|unitary|authority|"
    r"corporation|children'?s services|local|mbc)\b"
)
# A place named with its river or sea, which letters often leave off: "Newcastle upon Tyne"
# is "Newcastle", "Southend-on-Sea" is "Southend".
_BY_THE_WATER = re.compile(r" (?:upon|on) [a-z]+$")


def authority_key(name: str) -> str:
    """A comparison key: 'London Borough of Southwark Council' and 'Southwark' share one."""
    text = name.lower().replace("&", " and ").replace("’", "'")
    text = _NOISE.sub(" ", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def keys_match(a: str, b: str) -> bool:
    """Whether two authority keys name one place: equal, or equal once a river or sea is left
    off one of them ("newcastle upon tyne" and "newcastle")."""
    if not a or not b:
        return False
    return a == b or _BY_THE_WATER.sub("", a) == b or _BY_THE_WATER.sub("", b) == a
