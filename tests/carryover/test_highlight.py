"""Marking the matched words in both texts of a suggested link, as the matcher read them."""

from __future__ import annotations

import itertools

import pytest

from domain.carryover.highlight import Segment, highlight, highlight_pair
from domain.carryover.matching import similarity


def shown(segments: list[Segment]) -> str:
    """The text with each marked run in brackets."""
    return "".join(f"[{s.text}]" if s.matched else s.text for s in segments)


def test_a_term_is_marked_in_each_of_its_forms_and_words_by_their_stems() -> None:
    new = "Implementation of the CAF remains underdeveloped across partner agencies (page 13)."
    earlier = "Embed the common assessment framework (CAF) across all partner agencies."
    score, words = similarity(new, earlier)
    assert score > 0.5
    assert set(words) == {"common assessment framework", "partner", "agencies"}
    marked_new, marked_earlier = highlight_pair(new, earlier, words)
    assert shown(marked_new) == (
        "Implementation of the [CAF] remains underdeveloped across [partner agencies] (page 13)."
    )
    assert shown(marked_earlier) == (
        "Embed the [common assessment framework] ([CAF]) across all [partner agencies]."
    )


def test_stems_meet_across_spellings() -> None:
    assert shown(highlight("Assessed risks are not analysed well.", ["assessments"])) == (
        "[Assessed] risks are not analysed well."
    )
    assert shown(highlight("Auditing is rare; audits are late.", ["audit"])) == (
        "[Auditing] is rare; [audits] are late."
    )


def test_a_theme_marks_the_words_that_reach_it_in_each_text() -> None:
    new = "Children absent from school are not tracked by the virtual school."
    earlier = "Too many children in care go missing from education."
    _, words = similarity(new, earlier)
    assert words == ("missing from home, care or education",)
    marked_new, marked_earlier = highlight_pair(new, earlier, words)
    assert shown(marked_new) == (
        "Children [absent] from school are not tracked by the virtual school."
    )
    assert shown(marked_earlier) == "Too many children in care go [missing] from education."


def test_an_acronym_a_text_defines_is_read_as_the_matcher_reads_it() -> None:
    new = "The designated officer (DO) does not record allegations."
    earlier = "Allegations against staff are not always passed to the DO."
    _, words = similarity(new, earlier)
    marked_new, marked_earlier = highlight_pair(new, earlier, words)
    assert shown(marked_new) == "The [designated officer] ([DO]) does not record [allegations]."
    assert shown(marked_earlier) == "[Allegations] against staff are not always passed to the [DO]."


def test_an_acronym_that_is_also_a_word_counts_only_in_capitals() -> None:
    send = ["special educational needs and disabilities"]
    assert shown(highlight("We send letters home.", send)) == "We send letters home."
    assert shown(highlight("SEND support is patchy.", send)) == "[SEND] support is patchy."


def test_cross_references_and_stop_words_are_never_marked() -> None:
    text = "Plans are weak (page 13) and the plans are late."
    assert shown(highlight(text, ["page", "plans"])) == (
        "[Plans] are weak (page 13) and the [plans] are late."
    )
    assert shown(highlight(text, [])) == text


@pytest.mark.parametrize(
    ("new", "earlier"),
    [
        (
            "Children who go missing from care are not always offered a return home interview.",
            "Return interviews after missing episodes are not consistently completed.",
        ),
        (
            "SEND support plans are late.",
            "Education, health and care plans (EHCPs) are not completed within 20 weeks.",
        ),
        ("Assessments lack analysis of family history.", "Assessed risks are not analysed well."),
        (
            "Strategy discussions still do not include health colleagues.",
            "Strategy discussions do not always include health colleagues.",
        ),
    ],
)
def test_every_matched_word_is_marked_in_both_texts_and_the_texts_kept_whole(
    new: str, earlier: str
) -> None:
    _, words = similarity(new, earlier)
    assert words
    for text, segments in zip((new, earlier), highlight_pair(new, earlier, words), strict=True):
        assert "".join(s.text for s in segments) == text
        assert any(s.matched for s in segments)
        # Runs alternate: two marked runs are never left side by side without a gap.
        assert all(not (a.matched and b.matched) for a, b in itertools.pairwise(segments))
    assert not any(s.matched for s in highlight(new, ["unrelated"]))
