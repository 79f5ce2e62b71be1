"""Letters written for the import tests, in the shape Ofsted's letters take, in our own words."""

from __future__ import annotations

from pathlib import Path

LATER_LETTER = (Path(__file__).parent / "fixtures" / "eastmere_2026_letter.txt").read_text(
    encoding="utf-8"
)


def letter(*, day: int = 11, authority: str = "Eastmere Borough Council") -> bytes:
    """The later letter; another `day` makes another document (another fingerprint)."""
    text = LATER_LETTER.replace("10 and 11 March 2026", f"10 and {day} March 2026")
    return text.replace("Eastmere Borough Council", authority).encode()
