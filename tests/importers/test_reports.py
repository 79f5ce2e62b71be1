"""Reports in the shapes of looked-after-children, single, ILACS and area SEND inspections."""

from __future__ import annotations

from datetime import date

import pytest

from domain.vocabulary import FindingKind, InspectionKind
from importers import ParsedDocument, parse_text
from tests.importers.shared_data import FIXTURES, fixture_text
from tests.importers.shared_data import parsed_fixture as _parsed


def _items(document: ParsedDocument, kind: FindingKind) -> list[tuple[str, str]]:
    return [(f.heading, f.text) for f in document.findings if f.kind == kind]


def test_looked_after_children_report_gives_each_item_its_timescale() -> None:
    document = _parsed("lac_report.txt")
    assert [(f.timescale, f.text) for f in document.findings] == [
        (
            "Immediately",
            "ensure that every child subject to a child protection plan has a named social worker",
        ),
        (
            "Within three months",
            "ensure that strategy discussions are recorded on the child's file",
        ),
        ("Within three months", "improve the timeliness of initial assessments"),
        ("Within six months", "develop a workforce plan that reduces reliance on agency staff."),
        ("Within three months", "ensure that pathway plans are reviewed with each young person"),
        ("Within six months", "increase the number of local foster placements for teenagers."),
    ]
    assert {f.kind for f in document.findings} == {FindingKind.AREA_FOR_DEVELOPMENT}


def test_looked_after_children_report_ignores_its_contents_page() -> None:
    document = _parsed("lac_report.txt")
    assert document.kind == InspectionKind.LAC_INSPECTION
    assert document.authority == "Marlow Vale County Council"
    assert document.judgement == "Adequate"
    assert document.inspectors == ["Gareth Lowe"]
    assert (document.inspection_start, document.inspection_end, document.published) == (
        date(2011, 3, 7),
        date(2011, 3, 18),
        date(2011, 4, 29),
    )


def test_single_inspection_splits_priority_actions_from_areas_for_improvement() -> None:
    document = _parsed("sif_report.txt")
    container = "What does the local authority need to improve?"
    assert _items(document, FindingKind.PRIORITY_ACTION) == [
        (
            f"{container} / Priority and immediate action",
            "Reduce the caseloads of social workers in the assessment teams.",
        ),
        (
            f"{container} / Priority and immediate action",
            "Improve the quality of supervision so that it challenges practice and sets clear "
            "actions for each child.",
        ),
    ]
    main = [
        text
        for heading, text in _items(document, FindingKind.AREA_FOR_DEVELOPMENT)
        if "LSCB" not in heading
    ]
    assert main == [
        "Ensure that assessments consider the history of each family and the views of every "
        "child (page 12, paragraph 20).",
        "Improve plans for children in need by: setting out who will do what and by when "
        "reviewing progress at every meeting.",
        "Ensure that every care leaver has a pathway plan that is reviewed with them and sets "
        "out where they will live.",
        "Improve access to emotional health services for care leavers.",
    ]


def test_single_inspection_keeps_strengths_apart_even_when_numbering_runs_on() -> None:
    document = _parsed("sif_report.txt")
    assert _items(document, FindingKind.STRENGTH) == [
        (
            "The local authority’s strengths",
            "The early help offer is well known to schools, and families say it helps them.",
        ),
        ("The local authority’s strengths", "Adoption services are timely and effective."),
    ]


def test_single_inspection_names_the_board_in_the_heading_of_the_boards_list() -> None:
    document = _parsed("sif_report.txt")
    board = [(h, t) for h, t in _items(document, FindingKind.AREA_FOR_DEVELOPMENT) if "LSCB" in h]
    assert board == [
        (
            "The Local Safeguarding Children Board (LSCB) / Recommendations",
            "Ensure that the board's business plan sets out measurable priorities and who is "
            "responsible for each of them.",
        ),
        (
            "The Local Safeguarding Children Board (LSCB) / Recommendations",
            "Evaluate the impact of multi-agency training on frontline practice.",
        ),
    ]


def test_single_inspection_gives_its_cover_details_and_team() -> None:
    document = _parsed("sif_report.txt")
    assert document.authority == "Harrowgate Borough Council"
    assert document.framework == (
        "Inspection of services for children in need of help and protection, children looked "
        "after and care leavers and Review of the effectiveness of the Local Safeguarding "
        "Children Board"
    )
    assert document.judgement == "Requires improvement"
    assert document.published == date(2015, 5, 12)
    assert document.inspectors == [
        "Helen Marsh",
        "Owen Kirby",
        "Ruth Adeyemi",
        "Simon Clarke",
        "Jo Fenwick",
    ]


def test_ilacs_report_reads_a_heading_with_a_footnote_marker_and_drops_running_heads() -> None:
    document = _parsed("ilacs_report.txt")
    assert _items(document, FindingKind.AREA_FOR_DEVELOPMENT) == [
        (
            "What needs to improve?",
            "The timeliness of return home interviews for children who go missing, and how "
            "leaders use what children say in them (Principle 2).",
        ),
        (
            "What needs to improve?",
            "Support for care leavers who are not in education, employment or training.",
        ),
        (
            "What needs to improve?",
            "The consistency of management oversight in the disabled children’s team.",
        ),
    ]


def test_ilacs_report_gives_grade_lead_inspector_and_what_became_of_earlier_areas() -> None:
    document = _parsed("ilacs_report.txt")
    assert document.authority == "Fallowfield"
    assert document.judgement == "Requires improvement to be good"
    assert document.inspectors == ["Anna Brookes"]
    assert document.published is None
    assert document.previous_areas_statement == (
        "Children in Fallowfield receive help at the right time. The few areas for improvement "
        "identified at the last inspection have been addressed."
    )


def test_area_send_report_reads_paragraph_items_and_keeps_sub_points_inside_them() -> None:
    document = _parsed("area_send_report.txt")
    assert _items(document, FindingKind.AREA_FOR_DEVELOPMENT) == [
        (
            "Areas for improvement",
            "Leaders should make sure that children and young people who wait for therapy "
            "receive support while they wait, and that families know how to get help.",
        ),
        (
            "Areas for improvement",
            "Leaders across the partnership should improve the quality of education, health and "
            "care plans. This includes: making sure that plans are updated after every annual "
            "review using the views of children and young people when plans are written.",
        ),
        (
            "Areas for improvement",
            "The local area partnership should check how well its local offer is known to "
            "families.",
        ),
    ]


def test_area_send_report_gives_outcome_sentence_authority_and_both_lead_inspectors() -> None:
    document = _parsed("area_send_report.txt")
    assert document.kind == InspectionKind.AREA_SEND_INSPECTION
    assert document.judgement == (
        "The local area partnership’s arrangements lead to inconsistent experiences and outcomes "
        "for children and young people with special educational needs and/or disabilities (SEND)."
    )
    assert document.authority == "Kingsmere City Council"
    assert document.inspectors[:2] == ["Nadia Farouk", "Liam Porter"]
    assert (document.inspection_start, document.inspection_end) == (
        date(2024, 3, 4),
        date(2024, 3, 8),
    )


@pytest.mark.parametrize("name", sorted(path.name for path in FIXTURES.glob("*.txt")))
def test_the_same_findings_come_out_when_page_breaks_are_lost(name: str) -> None:
    text = fixture_text(name)
    assert parse_text(text.replace("\f", "\n")).findings == parse_text(text).findings


def test_each_item_keeps_the_topic_sub_heading_it_was_printed_under() -> None:
    document = _parsed("sif_report.txt")
    topics = [
        (f.kind, f.topic, f.text[:20])
        for f in document.findings
        if f.kind in (FindingKind.AREA_FOR_DEVELOPMENT, FindingKind.PRIORITY_ACTION)
        and "board" not in f.heading.lower()
    ]
    assert topics == [
        (
            FindingKind.PRIORITY_ACTION,
            "Leadership, management and governance",
            "Reduce the caseloads",
        ),
        (
            FindingKind.PRIORITY_ACTION,
            "Leadership, management and governance",
            "Improve the quality ",
        ),
        (FindingKind.AREA_FOR_DEVELOPMENT, "Children in need of help", "Ensure that assessme"),
        (FindingKind.AREA_FOR_DEVELOPMENT, "Children in need of help", "Improve plans for ch"),
        (FindingKind.AREA_FOR_DEVELOPMENT, "Care leavers", "Ensure that every ca"),
        (FindingKind.AREA_FOR_DEVELOPMENT, "Care leavers", "Improve access to em"),
    ]
    assert {f.topic for f in _parsed("ucra_letter.txt").findings} == {None}
