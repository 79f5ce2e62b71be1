"""The 36 real Ofsted documents: improvement items, priority actions and dates as hand-checked."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest

from domain.vocabulary import FindingKind
from importers import ParsedDocument
from tests.importers.shared_data import corpus_expectations, imported, normalised

pytestmark = pytest.mark.corpus

_BOARD = re.compile(r"(?i)\blscb\b|safeguarding children(?:’s|'s)? board")
_REQUIRED = 0.98


def _main_list(document: ParsedDocument) -> Counter[tuple[str, str]]:
    return Counter(
        (finding.kind, normalised(finding.text))
        for finding in document.findings
        if finding.kind == FindingKind.PRIORITY_ACTION
        or (finding.kind == FindingKind.AREA_FOR_DEVELOPMENT and not _BOARD.search(finding.heading))
    )


def _expected_main_list(entry: dict[str, object]) -> Counter[tuple[str, str]]:
    improvement = entry["improvement_items"]
    priority = entry["priority_actions"]
    assert isinstance(improvement, list) and isinstance(priority, list)
    return Counter(
        [(FindingKind.AREA_FOR_DEVELOPMENT, normalised(text)) for text in improvement]
        + [(FindingKind.PRIORITY_ACTION, normalised(text)) for text in priority]
    )


def test_corpus_improvement_items_and_priority_actions_reach_required_precision_and_recall() -> (
    None
):
    matched = found = wanted = 0
    for entry in corpus_expectations():
        got = _main_list(imported(str(entry["file"])))
        expected = _expected_main_list(entry)
        matched += sum((got & expected).values())
        found += sum(got.values())
        wanted += sum(expected.values())
    assert matched / found >= _REQUIRED
    assert matched / wanted >= _REQUIRED


def _names() -> list[str]:
    try:
        return [str(entry["file"]) for entry in corpus_expectations()]
    except pytest.skip.Exception:
        return ["corpus-absent"]


def _entry(name: str) -> dict[str, object]:
    if name == "corpus-absent":
        pytest.skip("../shared/corpus/ofsted is absent")
    return next(entry for entry in corpus_expectations() if entry["file"] == name)


@pytest.mark.parametrize("name", _names())
def test_inspection_dates_are_read_from_each_document(name: str) -> None:
    entry = _entry(name)
    document = imported(name)
    assert document.inspection_start == date.fromisoformat(str(entry["inspection_start"]))
    assert document.inspection_end == date.fromisoformat(str(entry["inspection_end"]))


@pytest.mark.parametrize("name", _names())
def test_board_lists_are_told_apart_from_the_main_list_by_heading(name: str) -> None:
    entry = _entry(name)
    document = imported(name)
    board = [
        normalised(f.text)
        for f in document.findings
        if f.kind == FindingKind.AREA_FOR_DEVELOPMENT and _BOARD.search(f.heading)
    ]
    others = entry.get("other_lists") or []
    assert isinstance(others, list)
    assert board == [normalised(text) for other in others for text in other["items"]]


@pytest.mark.parametrize("name", _names())
def test_items_keep_the_topic_sub_heading_they_were_printed_under_and_no_other(
    name: str,
) -> None:
    entry = _entry(name)
    topics = entry.get("item_topics") or {}
    assert isinstance(topics, dict)
    document = imported(name)
    for kind, key in (
        (FindingKind.AREA_FOR_DEVELOPMENT, "improvement_items"),
        (FindingKind.PRIORITY_ACTION, "priority_actions"),
    ):
        got = [
            f.topic for f in document.findings if f.kind == kind and not _BOARD.search(f.heading)
        ]
        assert got == topics.get(key, [None] * len(got)), key


def test_a_letter_without_an_improvement_list_warns_and_guesses_nothing() -> None:
    for entry in corpus_expectations():
        if entry["improvement_items"] or entry["priority_actions"]:
            continue
        document = imported(str(entry["file"]))
        assert [
            f
            for f in document.findings
            if f.kind in (FindingKind.AREA_FOR_DEVELOPMENT, FindingKind.PRIORITY_ACTION)
        ] == []
        assert document.warnings == ["the letter lists no areas for improvement"]


def test_area_send_findings_lists_are_not_taken_for_improvement_items() -> None:
    for entry in corpus_expectations():
        findings_lists = entry.get("findings_lists") or []
        assert isinstance(findings_lists, list)
        weaknesses = {normalised(text) for found in findings_lists for text in found["items"]}
        if not weaknesses:
            continue
        document = imported(str(entry["file"]))
        assert not weaknesses & {normalised(f.text) for f in document.findings}
