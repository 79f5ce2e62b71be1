"""Matching the many ways documents name an authority to one recorded name."""

from __future__ import annotations

import re

_NOISE = re.compile(
    r"\b(the|london borough of|royal borough of|metropolitan borough of|borough of|city of|"
    r"county of|council|county|borough|city|metropolitan|district|unitary|authority|"
    r"corporation|children'?s services|local)\b"
)


def authority_key(name: str) -> str:
    """A comparison key: 'London Borough of Southwark Council' and 'Southwark' share one."""
    text = name.lower().replace("&", " and ").replace("’", "'")
    text = _NOISE.sub(" ", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())
