"""The matcher on wording the real chains showed it missing or misreading."""

from domain.carryover.highlight import highlight_pair
from domain.carryover.matching import DEFAULT_THRESHOLD, Candidate, similarity, suggest_links


def test_an_area_naming_several_issues_links_each_earlier_one_it_contains() -> None:
    later = [
        Candidate(
            10,
            "The quality, consistency and timeliness of assessments, plans, supervision and the "
            "recording of management decisions.",
        )
    ]
    earlier = [
        Candidate(1, "The timeliness and quality of assessments, including of disabled children."),
        Candidate(2, "The focus and detail of plans."),
        Candidate(3, "The regularity of supervision for social workers."),
        Candidate(4, "The response to children vulnerable to radicalisation."),
    ]

    linked = {s.earlier_area_id for s in suggest_links(later, earlier)}

    assert linked == {1, 2, 3}


def test_a_kind_of_plan_still_shares_the_word_plan() -> None:
    score, words = similarity(
        "The focus and detail of plans.",
        "Child protection plans with clear timescales that parents understand.",
    )

    assert score >= DEFAULT_THRESHOLD
    assert words == ("plans",)


def test_missing_lessons_is_not_children_going_missing() -> None:
    score, _ = similarity(
        "Visits to children during school hours that make them miss lessons.",
        "Return home interviews for children who go missing.",
    )

    assert score == 0.0


def test_return_conversations_are_return_home_interviews() -> None:
    score, words = similarity(
        "The take-up of return conversations with children who go missing.",
        "Return home interviews are offered to too few children.",
    )

    assert score >= DEFAULT_THRESHOLD
    assert words[0] == "return home interview"


def test_the_genre_qualifier_especially_is_no_match() -> None:
    score, _ = similarity(
        "The quality of plans, especially their timescales.",
        "Educational attainment, especially at key stage 4.",
    )

    assert score == 0.0


def test_sufficiency_is_a_word_that_counts() -> None:
    score, words = similarity(
        "Sufficiency of frontline workers.", "Frontline workforce sufficiency."
    )

    assert score >= DEFAULT_THRESHOLD
    assert set(words) == {"frontline", "sufficiency"}


def test_children_placed_with_family_and_friends_meet_family_and_friends_carers() -> None:
    new = "Support for children placed with family and friends, with carers supported."
    earlier = "Timely assessments of family and friends foster carers."

    score, words = similarity(new, earlier)
    new_marks, earlier_marks = highlight_pair(new, earlier, words)

    assert score >= DEFAULT_THRESHOLD
    assert words[0] == "family and friends carers"
    assert "family and friends" in [s.text for s in new_marks if s.matched]
    assert "family and friends foster carers" in [s.text for s in earlier_marks if s.matched]


def test_a_plan_matched_inside_a_term_is_marked_in_both_texts() -> None:
    new, earlier = "The focus and detail of plans.", "Child protection plans with clear timescales."
    _, words = similarity(new, earlier)

    new_marks, earlier_marks = highlight_pair(new, earlier, words)

    assert [s.text for s in new_marks if s.matched] == ["plans"]
    assert [s.text for s in earlier_marks if s.matched] == ["Child protection plans"]
