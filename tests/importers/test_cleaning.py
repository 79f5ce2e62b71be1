"""Print furniture is removed before lists are read; page breaks are told from paragraph breaks."""

from __future__ import annotations

from importers.cleaning import clean_lines
from importers.lines import Line, lines_from_text


def _texts(text: str) -> list[str]:
    return [line.text for line in clean_lines(lines_from_text(text))]


def test_running_heads_that_repeat_on_most_pages_are_dropped_with_their_page_numbers() -> None:
    pages = [
        "Inspection of Ashby local authority children’s services\nFirst page text.",
        "Inspection of Ashby local authority children’s services\n12 to 16 June 2023 2\nMiddle.",
        "Inspection of Ashby local authority children’s services\n12 to 16 June 2023 3\nLast.",
    ]
    assert _texts("\f".join(pages)) == [
        "Inspection of Ashby local authority children’s services",
        "First page text.",
        "Middle.",
        "Last.",
    ]


def test_a_heading_that_opens_two_pages_of_many_is_not_a_running_head() -> None:
    pages = ["Cover"] + [f"Body text on page {n}." for n in range(2, 9)]
    pages[3] = "Recommendations\n" + pages[3]
    pages[6] = "Recommendations\n" + pages[6]
    assert _texts("\f".join(pages)).count("Recommendations") == 2


def test_ofsted_address_block_inside_a_sentence_is_removed() -> None:
    text = (
        "Leaders know what needs\nPiccadilly Gate\nStore Street\nManchester M1 2WD\n"
        "T 0300 123 1231\nTextphone 0161 618 8524\nenquiries@ofsted.gov.uk\n"
        "www.gov.uk/ofsted\nto be done next."
    )
    assert _texts(text) == ["Leaders know what needs", "to be done next."]


def test_bare_numbers_are_dropped_anywhere() -> None:
    assert _texts("What needs to improve?\n1\n◼ The first item.\n7") == [
        "What needs to improve?",
        "◼ The first item.",
    ]


def test_a_sentence_running_across_blank_lines_is_one_paragraph() -> None:
    lines = clean_lines(lines_from_text("Staff at all\n\n\n\nlevels agree.\n\nA new paragraph."))
    assert [(line.text, line.break_before) for line in lines] == [
        ("Staff at all", True),
        ("levels agree.", False),
        ("A new paragraph.", True),
    ]


def test_a_page_starting_mid_sentence_continues_the_previous_page() -> None:
    lines = clean_lines(
        [
            Line("The plan sets out who", page=0, break_before=True),
            Line("will act, and when.", page=1, page_top=True),
            Line("Another point.", page=2, page_top=True),
        ]
    )
    assert [line.break_before for line in lines] == [True, False, True]


def test_an_address_block_naming_a_city_alone_goes_but_the_sentence_around_it_stays() -> None:
    text = (
        "Leaders must improve the way\nAgora\n6 Cumberland Place\nNottingham\nNG1 6HJ\n"
        "T 0300 123 1231\nenquiries@ofsted.gov.uk\nchildren are seen."
    )
    assert _texts(text) == ["Leaders must improve the way", "children are seen."]
