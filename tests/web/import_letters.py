"""Letters written for the import tests, in the shape Ofsted's letters take, in our own words."""

from __future__ import annotations

import html
import re
from pathlib import Path

LATER_LETTER = (Path(__file__).parent / "fixtures" / "eastmere_2026_letter.txt").read_text(
    encoding="utf-8"
)


def letter(*, day: int = 11, authority: str = "Eastmere Borough Council") -> bytes:
    """The later letter; another `day` makes another document (another fingerprint)."""
    text = LATER_LETTER.replace("10 and 11 March 2026", f"10 and {day} March 2026")
    return text.replace("Eastmere Borough Council", authority).encode()


def check_form_fields(page: str) -> dict[str, str]:
    """The check form's fields as the page filled them in (checkboxes left unticked)."""
    fields: dict[str, str] = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page):
        if not name.startswith(("join-", "omit-", "csrf")):
            fields[name] = html.unescape(value)
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', page):
        fields[name] = html.unescape(body)
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', options)
        fields[name] = chosen.group(1) if chosen else ""
    return fields
