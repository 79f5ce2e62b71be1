"""The letters-say benchmark finds sentences about earlier findings and reads their verdict."""

from __future__ import annotations

from types import ModuleType

import pytest

from importers.prose import sentences
from tests.bench_modules import load_bench


def _bench() -> ModuleType:
    # The bench's own finder, so the test checks what the published figures were counted with.
    return load_bench("matcher_letters_say")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Supervision has been strengthened since the last inspection.", "improved"),
        ("Return home interviews are still not offered to every child.", "not improved"),
        ("Placement stability has not improved since the previous inspection.", "not improved"),
        ("There have been three directors since the last inspection.", "unclear"),
        # The name of a finding is no judgement on it.
        ("Placement stability was an area for improvement at the last inspection.", "unclear"),
        ("Support has not only been sustained but further strengthened.", "improved"),
        ("Housing for care leavers has improved little since the last visit.", "not improved"),
    ],
)
def test_the_verdict_reads_what_the_sentence_says_of_the_finding(text: str, expected: str) -> None:
    assert _bench().verdict(text) == expected


def test_only_sentences_about_an_earlier_inspection_are_kept_with_what_goes_on() -> None:
    paragraph = (
        "Inspectors met twelve social workers during the inspection. "
        "Since the last inspection, the quality of plans has improved. "
        "However, plans for care leavers remain too variable. "
        "Leaders know their services well."
    )
    found = _bench().earlier_findings(paragraph)
    assert found == [
        (
            "Since the last inspection, the quality of plans has improved. "
            "However, plans for care leavers remain too variable.",
            "not improved",
        )
    ]


def test_a_sentence_pointing_back_brings_the_one_it_speaks_of() -> None:
    paragraph = (
        "Children in care now see the same social worker for longer. "
        "This was an area for improvement at the previous inspection in 2019."
    )
    ((text, verdict),) = _bench().earlier_findings(paragraph)
    assert text.startswith("Children in care now see") and text.endswith("in 2019.")
    assert verdict == "improved"


def test_a_dated_inspection_counts_and_a_run_on_table_row_does_not() -> None:
    dated = "Assessments were weak at the March 2018 inspection and are now good."
    row = "Since the last inspection " + "the figures for each team rose; " * 20 + "in all."
    assert [v for _, v in _bench().earlier_findings(dated)] == ["improved"]
    assert _bench().earlier_findings(row) == []


def test_sentences_end_at_full_stops_but_not_after_titles_or_initials() -> None:
    text = "Dr. Patel met Mr. J. Okafor in May. They spoke of plans!  Then it closed"
    assert sentences(text) == [
        "Dr. Patel met Mr. J. Okafor in May.",
        "They spoke of plans!",
        "Then it closed",
    ]
    assert sentences("") == []
