"""The title tells the kind of document, the framework words and, often, the authority."""

from __future__ import annotations

import pytest

from domain.vocabulary import InspectionKind
from importers import parse_text, read_bytes
from tests.importers.pdf_factory import TOP, Printed, column, make_pdf


@pytest.mark.parametrize(
    ("text", "kind", "framework", "authority"),
    [
        (
            "Announced inspection of safeguarding and looked after children services\n"
            "London Borough of Ashby\nInspection dates: 1 – 12 March 2010",
            InspectionKind.LAC_INSPECTION,
            "Announced inspection of safeguarding and looked after children services",
            "London Borough of Ashby",
        ),
        (
            "Unannounced inspection of local authority arrangements for the protection of "
            "children\nAshby County Council\nInspection dates: 4 – 8 March 2013",
            InspectionKind.LAC_INSPECTION,
            "Unannounced inspection of local authority arrangements for the protection of children",
            "Ashby County Council",
        ),
        (
            "Monitoring visit to Ashby children’s services\n\nThis letter summarises the "
            "monitoring visit on 3 and 4 May 2022.",
            InspectionKind.MONITORING_VISIT,
            "Monitoring visit to Ashby children’s services",
            "Ashby",
        ),
        (
            "Joint targeted area inspection of the multi-agency response to\nchildren "
            "living with neglect in Ashby\n\nInspectors visited between 5 and 9 March 2018.",
            InspectionKind.JTAI,
            "Joint targeted area inspection of the multi-agency response to children living "
            "with neglect in Ashby",
            "Ashby",
        ),
        (
            "Re-inspection of services for children in need of help and\nprotection, "
            "children looked after and care leavers\nInspection date: 26 February 2018–22 "
            "March 2018",
            InspectionKind.SIF_INSPECTION,
            "Re-inspection of services for children in need of help and protection, children "
            "looked after and care leavers",
            None,
        ),
    ],
)
def test_title_gives_kind_framework_and_authority(
    text: str, kind: InspectionKind, framework: str, authority: str | None
) -> None:
    document = parse_text(text)
    assert (document.kind, document.framework, document.authority) == (kind, framework, authority)
    assert document.inspection_start is not None


_BODY = [
    "Children’s services have improved since the last inspection.",
    "Leaders know their services well and act on what they find.",
    "Most children receive help that is timely and proportionate.",
    "Managers oversee casework, and social workers feel supported.",
]


def _cover(*lines: tuple[str, float]) -> list[Printed]:
    """Cover lines from the top of a page, each in its own type size, then a few lines of body
    text, as a report's first page has."""
    printed, y = [], TOP
    for text, size in lines:
        printed.append(Printed(text, y, size=size))
        y -= size * 1.6
    return [*printed, *column(_BODY, top=y - 20)]


_DATES = ("Inspection dates: 2 to 13 May 2022", 12.0)


def test_a_cover_title_wrapped_in_large_type_is_read_whole() -> None:
    # Spaced as a real cover: the two title lines a little further apart than the lines below
    # them, so the second reads as a new paragraph and only its size says it carries on.
    page = [
        Printed("Inspection of Ashby Metropolitan", TOP, size=26.0),
        Printed("Borough Council children’s services", TOP - 31.4, size=26.0),
        Printed("Inspection dates: 2 to 13 May 2022", TOP - 60.8, size=12.0),
        Printed("Lead inspector: A Person, His Majesty’s Inspector", TOP - 87.2, size=12.0),
        *column(_BODY, top=TOP - 126),
    ]
    document = read_bytes(make_pdf([page]), source="report.pdf")
    assert (document.kind, document.authority) == (
        InspectionKind.ILACS_INSPECTION,
        "Ashby Metropolitan Borough Council",
    )
    assert (
        document.framework == "Inspection of Ashby Metropolitan Borough Council children’s services"
    )


def test_a_title_that_names_no_authority_takes_it_from_the_cover_line_above() -> None:
    page = _cover(
        ("Ashby City Council", 26.0),
        ("Inspection of local authority children’s services", 16.0),
        _DATES,
    )
    document = read_bytes(make_pdf([page]), source="report.pdf")
    assert (document.kind, document.authority) == (
        InspectionKind.ILACS_INSPECTION,
        "Ashby City Council",
    )


def test_an_older_report_names_its_authority_below_the_title() -> None:
    # Another authority named first in the body must not win.
    page = _cover(
        ("Inspection of looked after children", 26.0),
        ("services", 26.0),
        ("Ashby Council", 18.0),
        ("Inspection dates: 15-19 July 2013", 10.0),
        ("Some children live with Fernley County Council’s foster carers.", 12.0),
    )
    document = read_bytes(make_pdf([page]), source="report.pdf")
    assert (document.kind, document.authority) == (InspectionKind.LAC_INSPECTION, "Ashby Council")


def test_a_letter_title_ending_in_a_full_stop_gives_the_authority_alone() -> None:
    document = parse_text(
        "Focused visit to London Borough of Ashby local authority children’s services.\n\n"
        "This letter summarises the focused visit on 9 and 10 October 2018."
    )
    assert (document.kind, document.authority) == (
        InspectionKind.FOCUSED_VISIT,
        "London Borough of Ashby",
    )
