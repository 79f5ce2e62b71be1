"""The carry-over matcher's behaviour on small areas written for each case."""

import ast
import sys
from pathlib import Path

import pytest

from domain.carryover import matching
from domain.carryover.matching import (
    DEFAULT_THRESHOLD,
    RELATED,
    Candidate,
    Suggestion,
    similarity,
    suggest_links,
)

CAF_EARLIER = (
    "Embed the common assessment framework (CAF) across children's services so that all "
    "agencies use it consistently."
)
CONFERENCES_NEW = (
    "Too many child protection enquiries end without an initial conference, and few conferences "
    "lead to a child protection plan; the reasons need to be understood."
)
CAF_NEW = (
    "The CAF is still not well established. Partner agencies do not contribute to it "
    "consistently, so some families are referred to social care when they need not be."
)


def areas(*texts: str, first_id: int = 1) -> list[Candidate]:
    return [Candidate(area_id=first_id + i, text=text) for i, text in enumerate(texts)]


def test_suggests_the_open_caf_area_for_the_new_caf_area_only() -> None:
    suggestions = suggest_links(areas(CONFERENCES_NEW, CAF_NEW, first_id=10), areas(CAF_EARLIER))

    assert [(s.area_id, s.earlier_area_id) for s in suggestions] == [(11, 1)]
    assert suggestions[0].matched_words[0] == "common assessment framework"


def test_an_acronym_meets_its_full_form_either_way_round() -> None:
    short = "Ensure that the IRO challenges drift in children's plans."
    full = "Independent reviewing officers do not challenge delay in plans for children in care."

    forwards, backwards = similarity(short, full), similarity(full, short)

    assert forwards[0] == backwards[0] >= DEFAULT_THRESHOLD
    assert forwards[1][0] == backwards[1][0] == "independent reviewing officer"


def test_an_acronym_defined_in_the_text_meets_its_later_use() -> None:
    earlier = "Decisions of the family support panel (FSP) are not recorded on children's files."
    new = "FSP decisions are still not recorded."

    score, words = similarity(new, earlier)

    assert score >= DEFAULT_THRESHOLD
    assert words[0] == "family support panel"


def test_an_acronym_that_is_also_a_word_counts_only_in_capitals() -> None:
    written_in_capitals = similarity(
        "Support for children with SEND.", "Special educational needs and disabilities."
    )
    written_as_a_verb = similarity(
        "Managers send plans to parents late.", "Special educational needs and disabilities."
    )

    assert "special educational needs and disabilities" in written_in_capitals[1]
    assert written_in_capitals[0] >= DEFAULT_THRESHOLD
    # The verb shares no word with the other text; what their words mean is far apart.
    assert not [w for w in written_as_a_verb[1] if RELATED not in w]
    assert written_as_a_verb[0] < DEFAULT_THRESHOLD / 4


def test_different_wordings_of_one_theme_meet() -> None:
    score, words = similarity(
        "Plans for children in need do not say what will happen if things do not improve.",
        "Contingency planning in child in need plans.",
    )

    assert score >= DEFAULT_THRESHOLD
    assert "contingency planning" in words


@pytest.mark.parametrize(
    ("new", "earlier"),
    [
        (
            "Ensure that the quality of return home interviews is consistently good.",
            "Ensure that the quality of foster carer training is consistently good.",
        ),
        (
            "Further work is required to improve the timeliness of life-story work for children.",
            "Further work is required to improve the timeliness of strategy discussions.",
        ),
        (
            "Leaders should ensure that the quality of audits is effective.",
            "Leaders should ensure that the quality of pathway plans is effective.",
        ),
    ],
)
def test_areas_that_share_only_boilerplate_are_not_suggested(new: str, earlier: str) -> None:
    assert suggest_links(areas(new, first_id=10), areas(earlier)) == []
    assert similarity(new, earlier)[0] < DEFAULT_THRESHOLD


def test_suggestions_are_ranked_best_first_and_limited_per_new_area() -> None:
    new = areas(
        "Supervision of social workers is infrequent and is not reflective.",
        "Private fostering arrangements are not identified.",
        first_id=10,
    )
    earlier = areas(
        "Ensure that supervision is regular, reflective and recorded.",
        "Ensure that supervision of social workers is recorded.",
        "Improve the management oversight of social workers' decisions.",
        "Raise awareness of private fostering in schools.",
    )

    suggestions = suggest_links(new, earlier, threshold=0.05, per_new=2)

    scores = [s.score for s in suggestions]
    assert scores == sorted(scores, reverse=True)
    assert sum(s.area_id == 10 for s in suggestions) == 2
    assert {s.earlier_area_id for s in suggestions if s.area_id == 11} == {4}
    assert len(suggest_links(new, earlier, threshold=0.05, per_new=3)) == 4


def test_the_threshold_leaves_out_weaker_suggestions() -> None:
    new = areas("Supervision is not reflective and is rarely recorded.", first_id=10)
    earlier = areas("Ensure that supervision is reflective.", "Ensure that visits are recorded.")

    everything = suggest_links(new, earlier, threshold=0.0)
    above = suggest_links(new, earlier, threshold=everything[0].score)

    assert len(everything) == 2
    assert above == everything[:1]


@pytest.mark.parametrize(
    ("new", "earlier"),
    [([], areas(CAF_EARLIER)), (areas(CAF_NEW, first_id=10), []), ([], [])],
)
def test_no_areas_on_either_side_gives_no_suggestions(
    new: list[Candidate], earlier: list[Candidate]
) -> None:
    assert suggest_links(new, earlier) == []


def test_empty_texts_are_alike_in_nothing() -> None:
    assert similarity("", CAF_EARLIER) == (0.0, ())
    assert similarity("", "") == (0.0, ())
    assert suggest_links(areas("", first_id=10), areas("", "  ")) == []


def test_an_area_is_never_suggested_as_carrying_over_itself() -> None:
    same = Candidate(area_id=5, text=CAF_EARLIER)

    assert suggest_links([same], [same], threshold=0.0) == []


def test_equal_texts_score_one_and_scores_stay_between_zero_and_one() -> None:
    assert similarity(CAF_NEW, CAF_NEW)[0] == 1.0
    assert 0.0 < similarity(CAF_NEW, CAF_EARLIER)[0] < 1.0


def test_the_title_counts_with_the_text() -> None:
    new = [Candidate(area_id=10, text="Not enough progress since the last visit.", title="CAF")]

    assert [s.earlier_area_id for s in suggest_links(new, areas(CAF_EARLIER))] == [1]


def test_matched_words_are_readable_words_terms_and_themes() -> None:
    score, words = similarity(
        "Assessments of children missing from care lack analysis of risks.",
        "Return home interviews are not analysed, and assessments ignore family histories.",
    )

    # Shared words and themes come most telling first; assessments are a practice of their own.
    # Then related words, one from each text, that the inspection documents use together.
    assert score > 0.0
    assert words == (
        "analysis",
        "assessments",
        "missing from home, care or education",
        "missing ~ interviews",
    )


def test_output_is_the_same_whatever_the_order_of_earlier_areas() -> None:
    new = areas(CAF_NEW, CONFERENCES_NEW, first_id=10)
    earlier = areas(
        CAF_EARLIER,
        "Ensure that initial child protection conferences are held within 15 working days.",
        "Ensure that partner agencies use the CAF before they refer to social care.",
    )

    first = suggest_links(new, earlier, threshold=0.0)

    assert suggest_links(new, earlier[::-1], threshold=0.0) == first
    assert suggest_links(new, earlier, threshold=0.0) == first
    assert all(isinstance(s, Suggestion) for s in first)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"threshold": 1.5}, "threshold 1.5 is out of range; use a number from 0 to 1"),
        ({"threshold": -0.1}, "threshold -0.1 is out of range; use a number from 0 to 1"),
        ({"per_new": 0}, "per_new 0 is too small; use 1 or more"),
    ],
)
def test_bad_options_are_refused_with_the_value_named(
    options: dict[str, float], message: str
) -> None:
    with pytest.raises(ValueError) as refused:
        suggest_links(areas(CAF_NEW), areas(CAF_EARLIER), **options)  # type: ignore[arg-type]

    assert str(refused.value) == message


@pytest.mark.parametrize("module", ["matching.py", "matching_terms.py", "matching_themes.py"])
def test_the_matcher_imports_only_the_standard_library(module: str) -> None:
    source = (Path(matching.__file__).parent / module).read_text(encoding="utf-8")
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])

    assert imported - {"domain"} <= sys.stdlib_module_names


def test_similarity_gives_the_score_of_two_areas_compared_alone() -> None:
    suggestion = suggest_links(areas(CAF_NEW, first_id=10), areas(CAF_EARLIER), threshold=0.0)[0]

    assert similarity(CAF_NEW, CAF_EARLIER) == (suggestion.score, suggestion.matched_words)
