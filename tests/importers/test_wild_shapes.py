"""Older and newer shapes seen in the wild, on our own words: lists grouped by timescale, area
SEND priority tables and paragraphs, inspections in two parts, dates in the body, and the one
reason every document without items gives."""

from __future__ import annotations

from datetime import date

import pytest

from domain.vocabulary import FindingKind
from importers import NotAnInspectionDocument, parse_text, read_bytes
from importers.findings import NO_AREAS_WARNING, NOT_INSPECTION_WARNING, UNREADABLE_LIST_WARNING
from tests.importers.pdf_factory import LEADING, TOP, Printed, column, make_pdf

_LAC_TITLE = "Inspection of looked after children services\nFernley Council\n"
_LAC_LEAD_IN = (
    "Areas for improvement\n"
    "20. In order to improve the quality of provision and services for looked after\n"
    "children in Fernley, the local authority should take the following action.\n"
)


def _tracked(text: str) -> list[tuple[str | None, str]]:
    document = parse_text(text)
    return [(f.timescale, f.text) for f in document.findings if f.kind.is_tracked]


def test_bullets_grouped_by_timescale_follow_a_numbered_lead_in_that_is_no_item() -> None:
    text = (
        f"{_LAC_TITLE}{_LAC_LEAD_IN}Immediately:\n\uf0a7 ensure every child has a plan\n"
        "\uf0a7 record decisions on file\nWithin three months:\n\uf0a7 Raise the quality of\n"
        "personal education plans.\n\nQuality of provision\nGrade 3 (Adequate)\n"
    )
    assert _tracked(text) == [
        ("Immediately", "ensure every child has a plan"),
        ("Immediately", "record decisions on file"),
        ("Within three months", "Raise the quality of personal education plans."),
    ]


def test_unmarked_lines_under_a_timescale_are_one_item_per_paragraph() -> None:
    text = (
        f"{_LAC_TITLE}{_LAC_LEAD_IN}Immediately:\n\nensure every child has a plan\n"
        "that is reviewed.\n\nrecord decisions on file.\nWithin six months:\n"
        "embed the new recording system.\n"
        "\nOutcomes for looked after children and young people\nGrade 3 (Adequate)\n"
        "Outcomes are adequate.\n"
    )
    assert _tracked(text) == [
        ("Immediately", "ensure every child has a plan that is reviewed."),
        ("Immediately", "record decisions on file."),
        ("Within six months", "embed the new recording system."),
    ]


def test_unmarked_items_without_full_stops_are_told_apart_by_spacing_in_a_pdf() -> None:
    lines = column(
        [
            ("h", "Inspection of looked after children services"),
            ("h", "Areas for improvement"),
            "In order to improve services, the local authority should take the following action.",
            "",
            ("h", "Immediately:"),
            "ensure every child has a plan which is",
            "reviewed by a manager",
            "",
            "record decisions and the reasons for them",
            "",
            ("h", "Leadership and management"),
            "Leaders know the service well.",
        ]
    )
    document = read_bytes(make_pdf([lines]), source="lac.pdf")
    assert [(f.timescale, f.text) for f in document.findings] == [
        ("Immediately", "ensure every child has a plan which is reviewed by a manager"),
        ("Immediately", "record decisions and the reasons for them"),
    ]


def _row(y: float, body: list[str], action: list[str]) -> list[Printed]:
    # As in the published tables, a row's body cell comes first in the content; pdfium joins a
    # one-line cell with the action printed on its baseline, so each cell here has two lines.
    cells = [Printed(text, y - i * LEADING, x=62.0) for i, text in enumerate(body)]
    return cells + [Printed(text, y - i * LEADING, x=224.0) for i, text in enumerate(action)]


def test_a_priority_table_keeps_the_actions_and_leaves_out_the_responsible_body() -> None:
    first = [
        Printed("Area SEND inspection of Fernley Local Area Partnership", TOP, bold=True),
        Printed("Inspection dates: 3 to 7 June 2024", TOP - 30),
        Printed("Areas for priority action", TOP - 70, size=14.0, bold=True),
        Printed("Responsible body Areas for priority action", TOP - 100, x=62.0, bold=True),
        *_row(
            TOP - 125,
            ["Fernley Council and", "NHS Fernley ICB"],
            ["Leaders should urgently improve joint", "planning for children with SEND."],
        ),
        *_row(
            TOP - 170,
            ["Fernley Council", "and NHS"],
            ["Leaders should act urgently to reduce", "the"],
        ),
    ]
    # The second row breaks over the page: its body cell's last words print mid-action.
    second = [
        *_row(TOP, ["Fernley", "ICB"], ["waits for assessment:", "- speech therapy"]),
        Printed("Areas for improvement", TOP - 60, size=14.0, bold=True),
        Printed("Leaders across the partnership should publish clear timescales.", TOP - 85),
    ]
    document = read_bytes(make_pdf([first, second]), source="send.pdf")
    tracked = [(f.kind, f.heading, f.text) for f in document.findings if f.kind.is_tracked]
    priority = FindingKind.PRIORITY_ACTION
    assert tracked == [
        (
            priority,
            "Areas for priority action",
            "Leaders should urgently improve joint planning for children with SEND.",
        ),
        (
            priority,
            "Areas for priority action",
            "Leaders should act urgently to reduce the waits for assessment: speech therapy",
        ),
        (
            FindingKind.AREA_FOR_DEVELOPMENT,
            "Areas for improvement",
            "Leaders across the partnership should publish clear timescales.",
        ),
    ]


def test_a_one_line_body_cell_joined_to_its_action_gives_the_action_back() -> None:
    page = [
        Printed("Area SEND inspection of Fernley Local Area Partnership", TOP, bold=True),
        Printed("Responsible body Areas for priority action", TOP - 40, x=62.0, bold=True),
        *_row(TOP - 65, ["Fernley Council"], ["Leaders should act urgently to", "reduce waits."]),
        *_row(TOP - 110, ["NHS Fernley", "ICB"], ["Leaders should publish data.", ""]),
        Printed("Areas for improvement", TOP - 160, size=14.0, bold=True),
    ]
    document = read_bytes(make_pdf([[line for line in page if line.text]]), source="s.pdf")
    assert [f.text for f in document.findings] == [
        "Leaders should act urgently to reduce waits.",
        "Leaders should publish data.",
    ]


def test_a_priority_table_in_plain_text_keeps_the_blocks_that_say_who_should_act() -> None:
    text = (
        "Area SEND inspection of Fernley Local Area Partnership\n"
        "Inspection dates: 3 to 7 June 2024\n\nResponsible body Areas for priority action\n\n"
        "Fernley Council and\nNHS Fernley ICB\n\nLeaders should urgently improve joint planning\n"
        "for children with\n\nNHS Fernley ICB\n\nSEND and their families.\n\n"
        "Areas for improvement\n"
    )
    assert [f.text for f in parse_text(text).findings if f.kind.is_tracked] == [
        "Leaders should urgently improve joint planning for children with SEND and their families."
    ]


def test_area_send_paragraphs_in_plain_text_open_with_who_should_act() -> None:
    text = (
        "Area SEND inspection of Fernley Local Area Partnership\n"
        "Inspection dates: 3 to 7 June 2024\nAreas for improvement\n"
        "Leaders across the partnership should make sure that plans are reviewed on time and\n"
        "that every review is checked by a manager who knows the child and their family well.\n"
        "The local area partnership should shorten waits for speech and language therapy in\n"
        "every part of the area, and tell families how long they are likely to have to wait.\n"
        "Local area partnership details\n"
    )
    assert [text[:30] for _, text in _tracked(text)] == [
        "Leaders across the partnership",
        "The local area partnership sho",
    ]


@pytest.mark.parametrize(
    ("cover", "expected"),
    [
        (
            "Inspection dates: 4 to 8 March and 22 to 26 April 2019",
            (date(2019, 3, 4), date(2019, 4, 26)),
        ),
        (
            "Inspection dates: 4 to 8 March 2019 (first visit)\n"
            "and 22 to 26 April 2019 (second visit)",
            (date(2019, 3, 4), date(2019, 4, 26)),
        ),
        (
            "Inspection dates: 2 to 6 December 2019\n"
            "Dates of previous inspection: 9 to 12 March 2015",
            (date(2019, 12, 2), date(2019, 12, 6)),
        ),
    ],
)
def test_an_inspection_in_two_parts_runs_from_the_first_day_to_the_last(
    cover: str, expected: tuple[date, date]
) -> None:
    document = parse_text(f"Inspection of Fernley children’s services\n{cover}\n")
    assert (document.inspection_start, document.inspection_end) == expected


def test_dates_printed_only_in_the_body_are_found_and_the_previous_inspection_is_not() -> None:
    filler = "".join(f"Paragraph {n} says how services work for children.\n\n" for n in range(50))
    text = (
        "Inspection of services for children in need of help and protection, children looked\n"
        "after and care leavers\nFernley Council\n\n"
        + filler
        + "The previous inspection took place on 3 to 7 March 2014.\n\n"
        "Information about this inspection\n\nThis inspection was carried out from 30 November\n"
        "to 4 December and 11 to 15 January 2016 by a team of inspectors.\n"
    )
    document = parse_text(text)
    assert (document.inspection_start, document.inspection_end) == (
        date(2015, 11, 30),
        date(2016, 1, 15),
    )


def test_a_letter_without_a_list_says_it_lists_none() -> None:
    document = parse_text(
        "Focused visit to Fernley children’s services\nThis letter summarises the focused visit "
        "on 3 and 4 June 2024.\nMain findings\nChildren are well supported.\n"
    )
    assert document.warnings == [NO_AREAS_WARNING]


def test_a_list_heading_with_nothing_readable_under_it_says_so() -> None:
    document = parse_text(
        "Focused visit to Fernley children’s services\nThis letter summarises the focused visit "
        "on 3 and 4 June 2024.\n\nWhat needs to improve in this area of social work practice\n"
        "\nMain findings\nChildren are well supported.\n"
    )
    assert document.warnings == [UNREADABLE_LIST_WARNING]


def test_text_with_a_date_but_no_inspection_title_is_said_not_to_be_an_inspection() -> None:
    document = parse_text("Minutes of the council meeting\nHeld on 3 June 2024.\nApologies.\n")
    assert NOT_INSPECTION_WARNING in document.warnings
    assert NO_AREAS_WARNING not in document.warnings


def test_a_saved_web_page_is_refused_as_no_inspection_document() -> None:
    page = b"<!DOCTYPE html>\n<html><head><title>Report not found</title></head></html>"
    with pytest.raises(NotAnInspectionDocument, match="not an Ofsted inspection document: a web"):
        read_bytes(page, source="report.pdf")
