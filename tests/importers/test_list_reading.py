"""Reading one list: markers, lead-ins, topics, sub-points, lone glyphs and timescales."""

from __future__ import annotations

from importers.cleaning import clean_lines
from importers.items import ListItem, ListStyle, read_list
from importers.lines import lines_from_text


def _read(text: str, style: ListStyle | None = None) -> list[ListItem]:
    lines = clean_lines(lines_from_text(text))
    items, _ = read_list(lines, 0, style or ListStyle())
    return items


def test_a_glyph_on_a_line_of_its_own_still_opens_an_item() -> None:
    items = _read("◼\nThe quality of plans for\nchildren in need.\n◼\nThe timeliness of visits.")
    assert [item.text for item in items] == [
        "The quality of plans for children in need.",
        "The timeliness of visits.",
    ]


def test_lettered_points_inside_a_numbered_item_stay_in_that_item() -> None:
    items = _read("1. Improve plans by:\n(a) naming who acts\n(b) setting dates.\n2. Visit often.")
    assert [item.text for item in items] == [
        "Improve plans by: naming who acts setting dates.",
        "Visit often.",
    ]


def test_topic_lines_between_numbered_items_are_kept_as_topics_not_text() -> None:
    items = _read("Care leavers\n1. Improve pathway plans.\nQuality of practice\n2. Audit cases.")
    assert [(item.topic, item.text) for item in items] == [
        ("Care leavers", "Improve pathway plans."),
        ("Quality of practice", "Audit cases."),
    ]


def test_a_sentence_introducing_the_bullets_is_not_an_item() -> None:
    items = _read(
        "The council must act on the following\nareas of practice:\n◼ allocation\n◼ oversight."
    )
    assert [item.text for item in items] == ["allocation", "oversight."]


def test_an_unmarked_paragraph_after_the_items_ends_a_list_of_plain_text() -> None:
    items = _read(
        "◼ The timeliness of visits.\n\nInspectors also met the chief executive and leaders."
    )
    assert [item.text for item in items] == ["The timeliness of visits."]


def test_paragraph_style_keeps_bullets_as_sub_points_of_the_paragraph() -> None:
    style = ListStyle(paragraph_items=True, bullet_items=False)
    items = _read(
        "Leaders should focus on:\n▪ waiting times\n▪ plans.\n\nLeaders should publish data.",
        style,
    )
    assert [item.text for item in items] == [
        "Leaders should focus on: waiting times plans.",
        "Leaders should publish data.",
    ]


def test_timescale_lines_group_the_items_below_them() -> None:
    items = _read("Immediately:\n• ensure a plan\nWithin 3 months:\n• review plans\n• audit files")
    assert [(item.timescale, item.text) for item in items] == [
        ("Immediately", "ensure a plan"),
        ("Within 3 months", "review plans"),
        ("Within 3 months", "audit files"),
    ]


def test_a_line_ending_in_a_hyphen_joins_the_next_without_a_space() -> None:
    items = _read("◼ Support for ser-\nvices and multi-\nagency work.")
    assert [item.text for item in items] == ["Support for ser-vices and multi-agency work."]


def test_a_timescale_and_its_first_item_may_share_a_line() -> None:
    items = _read(
        "Immediately: ensure a plan\nfor every child\n• review plans\nWithin six months:\n• audit"
    )
    assert [(item.timescale, item.text) for item in items] == [
        ("Immediately", "ensure a plan for every child"),
        ("Immediately", "review plans"),
        ("Within six months", "audit"),
    ]


def test_a_sentence_opening_with_immediately_is_not_a_timescale() -> None:
    items = _read("• ensure a plan\nImmediately after a referral, check the file.")
    assert [(item.timescale, item.text) for item in items] == [
        (None, "ensure a plan Immediately after a referral, check the file.")
    ]


def test_any_private_use_or_shape_glyph_is_a_bullet_and_word_sub_bullets_are_sub_points() -> None:
    items = _read("\ue0f1 Plans for every child:\no named workers\no dates.\n\ue0f1 Audit files.")
    assert [item.text for item in items] == [
        "Plans for every child: named workers dates.",
        "Audit files.",
    ]
