"""Cells for spreadsheets: text a spreadsheet would run as a formula is written as plain text.

A lead's note such as `=HYPERLINK("http://x","click")` must never become a live formula in a
CSV or Excel file that someone opens. Every writer of CSV or XLSX passes each value through
`safe_cell`, which follows OWASP's advice on CSV injection: text starting with =, +, -, @, a
tab or a carriage return gains a leading apostrophe, so the spreadsheet shows it as text.

Reading a plan back (`areas/plans.py`), `unquote_cell` takes that apostrophe off again, so an
export imported back records the same words, never with a quote added each time round. To
keep that exact, text that already starts with apostrophes before such a character gains one
more on the way out: `'=x` is written `''=x` and read back as `'=x`.
"""

from __future__ import annotations

from typing import TypeVar

from domain.free_text import without_controls

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
V = TypeVar("V")


def _quoted_on_export(text: str) -> bool:
    """Whether safe_cell puts an apostrophe before `text`."""
    return text.lstrip("'").startswith(FORMULA_START)


def safe_cell(value: V) -> V | str:
    """`value` as it may be written into a CSV or XLSX cell: text loses any control character
    (a spreadsheet cannot hold one) and, when it would run as a formula, starts with an
    apostrophe; numbers, dates and None are left as they are."""
    if not isinstance(value, str):
        return value
    text = without_controls(value)
    return "'" + text if _quoted_on_export(text) else text


def unquote_cell(text: str) -> str:
    """A cell read back from a spreadsheet: the apostrophe `safe_cell` added is taken off."""
    if text.startswith("'") and _quoted_on_export(text[1:]):
        return text[1:]
    return text
