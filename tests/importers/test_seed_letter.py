"""The letter the project started from gives exactly its hand-checked answers."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from domain.vocabulary import FindingKind
from importers import ParsedDocument, read_document
from tests.importers.shared_data import SEEDS, require

pytestmark = pytest.mark.corpus

SEED = "000_ffb570a0307ed4b4.txt"


def _seed() -> tuple[ParsedDocument, dict[str, Any]]:
    expected: dict[str, Any] = json.loads(
        (require(SEEDS) / "expected.json").read_text(encoding="utf-8")
    )
    return read_document(require(SEEDS / SEED)), expected


def _texts(document: ParsedDocument, kind: FindingKind) -> list[str]:
    return [finding.text for finding in document.findings if finding.kind == kind]


def test_seed_letter_gives_its_lists_item_for_item() -> None:
    document, expected = _seed()
    assert _texts(document, FindingKind.AREA_FOR_DEVELOPMENT) == expected["areas_for_development"]
    assert _texts(document, FindingKind.STRENGTH) == expected["strengths"]
    assert _texts(document, FindingKind.REQUIREMENT_MET) == expected["statutory_requirements_met"]
    assert _texts(document, FindingKind.PRIORITY_ACTION) == []


def test_seed_letter_gives_its_dates_people_and_statement() -> None:
    document, expected = _seed()
    assert document.authority == expected["authority"]
    assert document.kind == expected["kind"]
    assert document.framework == expected["framework"]
    assert (document.inspection_start, document.inspection_end) == (
        date(2011, 2, 1),
        date(2011, 2, 2),
    )
    assert document.published == date(2011, 3, 2)
    assert document.inspectors == [expected["lead_inspector"]]
    assert document.previous_areas_statement == expected["previous_areas_statement"]
    assert document.warnings == []
