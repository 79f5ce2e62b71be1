"""Letters in the shapes of 2009–2012 contact-referral-assessment letters and focused visits."""

from __future__ import annotations

from datetime import date

from domain.vocabulary import FindingKind, InspectionKind
from importers import ParsedDocument, parse_text
from tests.importers.shared_data import parsed_fixture as _parsed


def _texts(document: ParsedDocument, kind: FindingKind) -> list[str]:
    return [finding.text for finding in document.findings if finding.kind == kind]


def test_contact_referral_letter_reads_strength_paragraphs_as_items() -> None:
    document = _parsed("ucra_letter.txt")
    assert _texts(document, FindingKind.STRENGTH) == [
        "Duty managers review every new contact on the day it arrives, and their recorded "
        "reasons make later decisions easy to follow.",
        "Social workers know the families on their caseloads well and describe risks clearly.",
    ]


def test_contact_referral_letter_joins_an_item_across_a_page_break_and_keeps_a_lost_bullet() -> (
    None
):
    requirements = _texts(_parsed("ucra_letter.txt"), FindingKind.REQUIREMENT_MET)
    assert requirements == [
        "Contacts are screened promptly by qualified staff.",
        "Children are seen and spoken to alone where this is appropriate, and their wishes "
        "are written into their records.",
        "Strategy discussions take place quickly and involve the police and health "
        "professionals when they are needed.",
        "Thresholds for a social care service are understood by partner agencies.",
    ]


def test_contact_referral_letter_stops_its_areas_for_development_before_the_closing_sentence() -> (
    None
):
    document = _parsed("ucra_letter.txt")
    assert _texts(document, FindingKind.AREA_FOR_DEVELOPMENT) == [
        "Core assessments are not always completed within the expected timescale, and the "
        "reasons for delay are seldom recorded.",
        "The quality of written plans varies; too many lack measurable outcomes.",
    ]
    assert {f.heading for f in document.findings if f.kind == FindingKind.AREA_FOR_DEVELOPMENT} == {
        "Areas for development"
    }


def test_contact_referral_letter_gives_its_details() -> None:
    document = _parsed("ucra_letter.txt")
    assert document.kind == InspectionKind.UCRA_LETTER
    assert document.authority == "Wexcombe Borough Council"
    assert document.framework == (
        "Annual unannounced inspection of contact, referral and assessment arrangements"
    )
    assert (document.inspection_start, document.inspection_end) == (
        date(2010, 9, 21),
        date(2010, 9, 22),
    )
    assert document.published == date(2010, 10, 14)
    assert document.inspectors == ["Priya Natarajan"]
    assert document.judgement is None
    assert document.previous_areas_statement == (
        "Two of the three areas for development identified at the previous inspection in May "
        "2009 have been addressed. Work remains to be done on the timeliness of core assessments."
    )


def test_focused_visit_leaves_out_the_priority_lead_in_and_the_address_block() -> None:
    document = _parsed("focused_visit.txt")
    assert _texts(document, FindingKind.PRIORITY_ACTION) == [
        "the allocation of every child referred for an assessment to a qualified social worker "
        "without delay",
        "the oversight by managers of decisions to close cases.",
    ]
    assert _texts(document, FindingKind.AREA_FOR_DEVELOPMENT) == [
        "The quality of written plans, so that families understand what must change.",
        "The timeliness of visits to children after a referral.",
    ]


def test_focused_visit_stops_at_findings_printed_with_the_same_bullet() -> None:
    document = _parsed("focused_visit.txt")
    texts = {finding.text for finding in document.findings}
    assert "Leaders have increased the number of social workers." not in texts
    assert len(document.findings) == 4


def test_focused_visit_scope_bullets_are_not_findings() -> None:
    document = _parsed("focused_visit.txt")
    assert all("Decision-making when children" not in f.text for f in document.findings)


def test_focused_visit_gives_signatory_first_then_the_team_and_the_letter_date() -> None:
    document = _parsed("focused_visit.txt")
    assert document.kind == InspectionKind.FOCUSED_VISIT
    assert document.authority == "Brackley Heath Council"
    assert document.framework == "Focused visit to Brackley Heath Council children’s services"
    assert document.inspectors == ["Tom Ellery", "Sara Quint"]
    assert document.published == date(2021, 11, 3)
    assert (document.inspection_start, document.inspection_end) == (
        date(2021, 10, 5),
        date(2021, 10, 6),
    )


def test_letter_without_an_improvement_list_warns_instead_of_guessing() -> None:
    document = _parsed("focused_visit_no_list.txt")
    assert document.findings == []
    assert document.warnings == ["the letter lists no areas for improvement"]
    assert document.authority == "Oakhurst"
    assert document.inspectors == ["Carla Reyes", "Ben Adair"]


def test_a_bare_list_is_read_and_what_is_missing_is_said() -> None:
    document = parse_text("What needs to improve?\n◼ The timeliness of visits.")
    assert document.kind == InspectionKind.OTHER
    assert [f.text for f in document.findings] == ["The timeliness of visits."]
    assert document.warnings == [
        "no inspection title found; kind set to other",
        "no inspection dates found",
        "no authority name found",
    ]
