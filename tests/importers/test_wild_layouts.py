"""Layouts seen in the wild, on our own words: area SEND paragraphs with no spacing in a PDF,
an item whose wrapped last line reads like a heading, a board's title wrapped over two lines,
and plain text whose bullets were lost.
"""

from __future__ import annotations

from importers import parse_text, read_bytes
from importers.findings import UNREADABLE_LIST_WARNING
from tests.importers.pdf_factory import TOP, Printed, column, make_pdf

_SIF_TITLE = (
    "Inspection of services for children in need of help and protection, children looked\n"
    "after and care leavers\nFernley Council\n\n"
)


def _send_items(paragraph_lines: list[str]) -> list[str]:
    # An area SEND report in a PDF whose "Areas for improvement" lines have no spacing at all.
    lines = column(
        [
            ("h", "Area SEND inspection of Fernley Local Area Partnership"),
            "Inspection dates: 3 to 7 June 2024",
            "",
            ("h", "Areas for improvement"),
            *paragraph_lines,
            "",
            ("h", "Local area partnership details"),
        ]
    )
    document = read_bytes(make_pdf([lines]), source="send.pdf")
    return [f.text for f in document.findings if f.kind.is_tracked]


def test_area_send_paragraphs_without_spacing_in_a_pdf_open_with_who_should_act() -> None:
    assert _send_items(
        [
            "The local area partnership should make sure that plans are reviewed on time",
            "and that every review is checked by a manager who knows the child well.",
            "Local area partnership leaders should shorten waits for speech therapy. Leaders",
            "should tell families how long they are likely to wait.",
            "Leaders across the partnership should publish their plans.",
        ]
    ) == [
        "The local area partnership should make sure that plans are reviewed on time and that "
        "every review is checked by a manager who knows the child well.",
        "Local area partnership leaders should shorten waits for speech therapy. Leaders should "
        "tell families how long they are likely to wait.",
        "Leaders across the partnership should publish their plans.",
    ]


def test_a_sentence_in_a_paragraph_that_names_no_one_to_act_stays_in_it() -> None:
    assert _send_items(
        [
            "Leaders across the partnership should publish their plans.",
            "Families should be told about them in good time.",
        ]
    ) == [
        "Leaders across the partnership should publish their plans. Families should be told "
        "about them in good time."
    ]


def test_an_item_whose_last_line_reads_like_a_list_heading_does_not_end_the_list() -> None:
    text = (
        f"{_SIF_TITLE}Recommendations\n\n"
        "1. Ensure that decisions about brothers and sisters give a clear reason for the\n"
        "recommendations.\n\n"
        "2. Ensure that every child looked after has a plan.\n\n"
        "Summary for children and young people\n\nChildren are listened to.\n"
    )
    assert [f.text for f in parse_text(text).findings if f.kind.is_tracked] == [
        "Ensure that decisions about brothers and sisters give a clear reason for the "
        "recommendations.",
        "Ensure that every child looked after has a plan.",
    ]


def test_a_board_title_wrapped_over_two_lines_still_makes_the_next_list_the_boards() -> None:
    page = [
        *column(
            [
                ("h", "Inspection of services for children in need of help and protection"),
                "Fernley Council",
                "Inspection dates: 3 to 7 March 2014",
                "",
                ("h", "Recommendations"),
                "1. Ensure that every child looked after has a plan.",
                "",
            ]
        ),
        Printed(
            "Section 2: The effectiveness of the Local Safeguarding",
            TOP - 200,
            size=16.0,
            bold=True,
        ),
        Printed("Children Board", TOP - 219, size=16.0, bold=True),
        *column(
            [("h", "Areas for improvement"), "2. Audit the quality of multi-agency work."],
            top=TOP - 250,
        ),
    ]
    document = read_bytes(make_pdf([page]), source="sif.pdf")
    assert [(f.heading, f.text) for f in document.findings if f.kind.is_tracked] == [
        ("Recommendations", "Ensure that every child looked after has a plan."),
        (
            "Section 2: The effectiveness of the Local Safeguarding Children Board / "
            "Areas for improvement",
            "Audit the quality of multi-agency work.",
        ),
    ]


_VISIT = (
    "Focused visit to Fernley children’s services\n"
    "This letter summarises the focused visit on 3 and 4 June 2024.\n\n"
)


def test_plain_text_items_that_lost_their_bullets_are_told_apart_by_blank_lines() -> None:
    text = (
        f"{_VISIT}What needs to improve in this area of social work practice\n\n"
        "Leaders should address:\n\n"
        "The quality of plans for children, so that they say who will do what\nand by when.\n\n"
        "The timeliness of assessments for children in need of help.\n\n"
        "Main findings\n\nChildren are well supported.\n"
    )
    document = parse_text(text)
    assert [f.text for f in document.findings] == [
        "The quality of plans for children, so that they say who will do what and by when.",
        "The timeliness of assessments for children in need of help.",
    ]
    assert document.warnings == []


def test_one_unmarked_sentence_under_a_list_heading_is_not_taken_for_an_item() -> None:
    text = (
        f"{_VISIT}What needs to improve in this area of social work practice\n\n"
        "Inspectors found nothing that needs to improve.\n\n"
        "Main findings\n\nChildren are well supported.\n"
    )
    document = parse_text(text)
    assert document.findings == []
    assert document.warnings == [UNREADABLE_LIST_WARNING]
