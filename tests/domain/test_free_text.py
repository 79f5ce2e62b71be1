"""Free text: one limit per field refused whole, no control characters, and spreadsheet cells
that never run as formulas and read back as they were written."""

from __future__ import annotations

import pytest

from domain.errors import InvalidInput
from domain.free_text import NOTE_LIMIT, checked_optional, checked_text, without_controls
from domain.spreadsheet_cells import safe_cell, unquote_cell

FORMULAS = [
    '=HYPERLINK("http://x","click")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A2)",
    "\tthen a tab",
    "=cmd|' /C calc'!A0",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_text_a_spreadsheet_would_run_starts_with_an_apostrophe(text: str) -> None:
    cell = safe_cell(text)
    assert cell == "'" + text
    assert unquote_cell(cell) == text


@pytest.mark.parametrize(
    "text", ["", "Audit done", "'quoted already", "2026-04-30", "'", "a = b", "'=x", "''+y"]
)
def test_every_text_reads_back_as_it_was_written(text: str) -> None:
    assert unquote_cell(safe_cell(text)) == text


def test_an_apostrophe_before_a_formula_character_gains_one_more() -> None:
    assert safe_cell("'=x") == "''=x"


def test_a_carriage_return_at_the_start_is_a_line_break_not_a_formula() -> None:
    assert safe_cell("\r=1+1") == "\n=1+1"


def test_values_that_are_not_text_are_left_alone() -> None:
    assert [safe_cell(v) for v in (-3, 2.5, None, True)] == [-3, 2.5, None, True]


def test_cells_lose_control_characters_but_keep_line_breaks_and_tabs() -> None:
    assert safe_cell("\x1b[31mred\x1b[0m\x00\x07 a\r\nb\tc\x9b") == "[31mred[0m a\nb\tc"
    assert without_controls("x\ry") == "x\ny"


@pytest.mark.parametrize(
    ("value", "position", "code"),
    [("ab\x1b[31m", 3, "U+001B"), ("\x00", 1, "U+0000"), ("ring\x07", 5, "U+0007")],
)
def test_a_control_character_is_refused_naming_the_field_and_where(
    value: str, position: int, code: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        checked_text(value, "note", limit=NOTE_LIMIT, field="note")
    assert refused.value.message == (
        f"note contains the control character {code} at character {position}; "
        "remove it (line breaks and tabs are the only ones allowed)"
    )
    assert refused.value.field == "note"


def test_line_breaks_from_a_browser_are_kept_as_line_breaks() -> None:
    assert checked_text(" one\r\ntwo\rthree\tfour ", "note", limit=50) == "one\ntwo\nthree\tfour"


def test_text_longer_than_the_limit_is_refused_whole_not_cut() -> None:
    assert checked_text("x" * NOTE_LIMIT, "note", limit=NOTE_LIMIT) == "x" * NOTE_LIMIT
    with pytest.raises(InvalidInput) as refused:
        checked_text("x" * (NOTE_LIMIT + 1), "note", limit=NOTE_LIMIT)
    assert refused.value.message == "note is 10,001 characters long; shorten it to at most 10,000"


def test_an_optional_field_left_empty_is_none() -> None:
    assert checked_optional(None, "decision note", limit=10) is None
    assert checked_optional("   ", "decision note", limit=10) is None


def test_import_corrections_refuse_a_control_character_naming_the_finding() -> None:
    from domain.inspections.corrections import corrections_from_data

    finding = {"kind": "area_for_development", "heading": "Areas", "text": "Plans\x1b lag"}
    with pytest.raises(InvalidInput) as refused:
        corrections_from_data({"findings": [finding]})
    assert refused.value.message.startswith(
        "finding 1: its text contains the control character U+001B at character 6"
    )
    assert refused.value.field == "text"
