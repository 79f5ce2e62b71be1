"""Corrections to a document's reading: checked one field at a time, then applied whole."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import InvalidInput
from domain.inspections.corrections import Corrections, corrected, corrections_from_data
from domain.inspections.documents import FindingInput, ParsedDocument
from domain.vocabulary import FindingKind, InspectionKind

READ = ParsedDocument(
    source="later.txt",
    fingerprint="f",
    authority="Eastmere",
    kind=InspectionKind.UCRA_LETTER,
    framework=None,
    inspection_start=date(2026, 3, 10),
    inspection_end=date(2026, 3, 11),
    published=None,
    inspectors=["Jane Inspector"],
    judgement=None,
    previous_areas_statement=None,
    findings=[FindingInput(FindingKind.STRENGTH, "Strengths", "Contacts are answered.")],
    warnings=[],
)


def test_no_corrections_leave_the_reading_as_it_was() -> None:
    assert corrected(READ, corrections_from_data(None)) == READ
    assert corrected(READ, Corrections()) == READ


def test_corrections_replace_the_authority_dates_and_the_whole_list() -> None:
    given = corrections_from_data(
        {
            "authority": "  Eastmere   Borough Council ",
            "inspection_end": "2026-03-12",
            "findings": [
                {"kind": "priority_action", "heading": " Areas  for priority action", "text": "A"},
                {"kind": "area_for_development", "text": "B  b", "topic": "Care leavers"},
            ],
        }
    )

    fixed = corrected(READ, given)

    assert (fixed.authority, fixed.inspection_start, fixed.inspection_end) == (
        "Eastmere Borough Council",
        date(2026, 3, 10),
        date(2026, 3, 12),
    )
    assert fixed.findings == [
        FindingInput(FindingKind.PRIORITY_ACTION, "Areas for priority action", "A"),
        FindingInput(
            FindingKind.AREA_FOR_DEVELOPMENT, "area_for_development", "B b", topic="Care leavers"
        ),
    ]
    assert (fixed.fingerprint, fixed.inspectors) == (READ.fingerprint, READ.inspectors)


def test_an_empty_list_leaves_every_finding_out() -> None:
    assert corrected(READ, corrections_from_data({"findings": []})).findings == []


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ("findings", "must be a JSON object"),
        ({"findings": "A; B"}, "findings must be a list"),
        ({"findings": ["A"]}, "finding 1 must be an object"),
        (
            {"findings": [{"kind": "strength", "text": "A"}, {"kind": "x", "text": "B"}]},
            "finding 2",
        ),
        ({"findings": [{"kind": "strength", "text": "x" * 10_001}]}, "longer than 10000"),
        ({"findings": [{"kind": "strength", "text": "A"}] * 201}, "more than 200"),
        ({"authority": ""}, "authority must be a name"),
        ({"inspection_start": "next Tuesday"}, "inspection_start 'next Tuesday' is not a date"),
        ({"source": "other.txt"}, "'source' is not known"),
    ],
)
def test_each_bad_value_is_named(data: object, says: str) -> None:
    with pytest.raises(InvalidInput, match=says):
        corrections_from_data(data)
