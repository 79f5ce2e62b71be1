"""Record ids: whole numbers from 1 to 2**31 - 1, the range every table's id column holds."""

from __future__ import annotations

import re

LARGEST_ID = 2**31 - 1
ID_RANGE = f"ids are whole numbers from 1 to {LARGEST_ID}"
_DIGITS = re.compile(r"[0-9]+")


def is_record_id(number: int) -> bool:
    """Whether `number` can be a recorded id (anything else is recorded nowhere)."""
    return 1 <= number <= LARGEST_ID


def record_id_in(text: str) -> int | None:
    """The id `text` spells in ASCII digits, or None when it spells none (or one too large to
    be recorded, which no database column could hold)."""
    if not _DIGITS.fullmatch(text.strip()):
        return None
    number = int(text)
    return number if is_record_id(number) else None


def whole_number_in(text: str, largest: int = LARGEST_ID) -> int | None:
    """The whole number from 0 to `largest` that `text` spells in ASCII digits, else None
    (`str.isdigit` also takes digits such as '²', which `int` refuses)."""
    if not _DIGITS.fullmatch(text.strip()):
        return None
    number = int(text)
    return number if number <= largest else None
