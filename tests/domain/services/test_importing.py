"""The import use case: a parsed document recorded once, against the authority it names."""

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlmodel import Session, select

from domain.accounts.models import Authority
from domain.errors import AuthorityNotFound, InvalidInput, NotPermitted
from domain.inspections import services as inspection_services
from domain.inspections.documents import FindingInput, ParsedDocument, preview
from domain.inspections.importing import record_document
from domain.inspections.models import Finding, Inspection
from domain.permissions import SYSTEM
from domain.vocabulary import FindingKind, InspectionKind, Role
from tests import factories as make
from tests.factories import NOW

PLANS = "Written plans do not always set out timescales for actions."
DECISIONS = "The recording of management decisions on closed contacts is inconsistent."


def _letter(**changes: Any) -> ParsedDocument:
    letter = ParsedDocument(
        source="letters/northam.txt",
        fingerprint="f1",
        authority="London Borough of Northam",
        kind=InspectionKind.UCRA_LETTER,
        framework="Annual unannounced inspection of contact, referral and assessment",
        inspection_start=date(2011, 3, 8),
        inspection_end=date(2011, 3, 9),
        published=date(2011, 4, 14),
        inspectors=["Jane Inspector"],
        judgement=None,
        previous_areas_statement=None,
        findings=[
            FindingInput(FindingKind.STRENGTH, "Strengths", "Referrals are prompt."),
            FindingInput(FindingKind.AREA_FOR_DEVELOPMENT, "Areas for development", PLANS),
            FindingInput(FindingKind.AREA_FOR_DEVELOPMENT, "Areas for development", DECISIONS),
        ],
        warnings=[],
    )
    return replace(letter, **changes)


def _count(session: Session, table: type[Authority] | type[Inspection] | type[Finding]) -> int:
    return len(session.exec(select(table)).all())


def test_a_document_is_recorded_with_its_findings_areas_and_a_new_authority(
    session: Session,
) -> None:
    outcome = record_document(session, _letter(), by=SYSTEM, now=NOW)

    assert (outcome.authority.name, outcome.authority_created) == (
        "London Borough of Northam",
        True,
    )
    assert (outcome.already_recorded, outcome.suggestions) == (False, [])
    assert (outcome.inspection.kind, outcome.inspection.source_name) == (
        InspectionKind.UCRA_LETTER,
        "northam.txt",
    )
    assert [a.text for a in outcome.areas] == [PLANS, DECISIONS]
    assert {a.due_date for a in outcome.areas} == {date(2011, 10, 14)}
    assert (_count(session, Authority), _count(session, Inspection), _count(session, Finding)) == (
        1,
        1,
        3,
    )


def test_the_same_document_a_second_time_records_nothing_and_says_so(session: Session) -> None:
    first = record_document(session, _letter(), by=SYSTEM, now=NOW)
    again = record_document(session, _letter(source="copy.txt"), by=SYSTEM, now=NOW)

    assert (again.already_recorded, again.authority_created) == (True, False)
    assert again.inspection.id == first.inspection.id
    assert [a.id for a in again.areas] == [a.id for a in first.areas]
    assert (_count(session, Authority), _count(session, Inspection), _count(session, Finding)) == (
        1,
        1,
        3,
    )


def test_a_copy_recorded_under_another_authority_adds_no_authority(session: Session) -> None:
    make.authority(session, "Northam Children's Trust")
    record_document(session, _letter(), by=SYSTEM, now=NOW, authority="Northam Children's Trust")

    again = record_document(session, _letter(), by=SYSTEM, now=NOW)

    assert (again.already_recorded, again.authority.name) == (True, "Northam Children's Trust")
    assert _count(session, Authority) == 1


def test_the_name_printed_is_matched_to_a_recorded_authority(session: Session) -> None:
    make.authority(session, "Northam Council")

    outcome = record_document(session, _letter(), by=SYSTEM, now=NOW)

    assert (outcome.authority.name, outcome.authority_created) == ("Northam Council", False)


@pytest.mark.parametrize(
    ("recorded", "printed"),
    [
        ("Northam Metropolitan Borough Council", "Northam MBC"),
        ("Northam upon Tyne City Council", "Northam"),
        ("Northam", "Northam upon Tyne"),
        ("Southam-on-Sea City Council", "Southam"),
    ],
)
def test_a_short_form_of_a_recorded_name_is_the_same_authority(
    session: Session, recorded: str, printed: str
) -> None:
    make.authority(session, recorded)

    outcome = record_document(session, _letter(authority=printed), by=SYSTEM, now=NOW)

    assert (outcome.authority.name, outcome.authority_created) == (recorded, False)


def test_a_short_name_that_two_recorded_authorities_share_matches_neither(
    session: Session,
) -> None:
    make.authority(session, "Kingsmere upon Hull")
    make.authority(session, "Kingsmere upon Thames")

    outcome = record_document(session, _letter(authority="Kingsmere"), by=SYSTEM, now=NOW)

    assert (outcome.authority.name, outcome.authority_created) == ("Kingsmere", True)


def test_an_authority_given_must_be_recorded(session: Session) -> None:
    with pytest.raises(AuthorityNotFound, match="authority 'Nowhere' is not recorded"):
        record_document(session, _letter(), by=SYSTEM, now=NOW, authority="Nowhere")
    assert _count(session, Inspection) == 0


def test_a_document_naming_no_authority_is_refused_naming_the_authority_field(
    session: Session,
) -> None:
    with pytest.raises(InvalidInput) as refused:
        record_document(session, _letter(authority=None), by=SYSTEM, now=NOW)

    assert (refused.value.message, refused.value.field) == (
        "letters/northam.txt: no authority named in the document",
        "authority",
    )


def test_a_document_without_dates_is_refused_and_nothing_is_recorded(session: Session) -> None:
    undated = _letter(inspection_start=None, inspection_end=None)

    with pytest.raises(InvalidInput, match="no inspection dates found"):
        record_document(session, undated, by=SYSTEM, now=NOW)
    assert (_count(session, Authority), _count(session, Inspection)) == (0, 0)


def test_administrators_directors_and_managers_of_the_authority_may_import(
    session: Session,
) -> None:
    where = make.authority(session, "London Borough of Northam")
    make.authority(session, "Westmere Council")
    director = make.actor(session, make.person(session, where, Role.DIRECTOR))
    manager = make.actor(session, make.person(session, where, Role.MANAGER))

    assert record_document(session, _letter(), by=director, now=NOW).authority.id == where.id
    second = _letter(
        fingerprint="f2", inspection_start=date(2012, 3, 8), inspection_end=date(2012, 3, 9)
    )
    assert record_document(session, second, by=manager, now=NOW).already_recorded is False
    assert (_count(session, Authority), _count(session, Inspection)) == (2, 2)


@pytest.mark.parametrize("role", [Role.LEAD, Role.INSPECTOR])
def test_leads_and_inspectors_may_not_import(session: Session, role: Role) -> None:
    where = make.authority(session, "London Borough of Northam")
    person = make.actor(session, make.person(session, where if role == Role.LEAD else None, role))

    with pytest.raises(NotPermitted, match="may not import inspection documents"):
        record_document(session, _letter(), by=person, now=NOW)
    assert (_count(session, Authority), _count(session, Inspection)) == (1, 0)


def test_no_one_imports_for_another_authority_or_adds_one_but_an_administrator_of_all(
    session: Session,
) -> None:
    make.authority(session, "London Borough of Northam")
    elsewhere = make.authority(session, "Westmere Council")
    local_admin = make.actor(session, make.person(session, elsewhere, Role.ADMIN))
    manager_elsewhere = make.actor(session, make.person(session, elsewhere, Role.MANAGER))

    for actor in (local_admin, manager_elsewhere):
        with pytest.raises(NotPermitted, match="may not import inspection documents for"):
            record_document(session, _letter(), by=actor, now=NOW)
        with pytest.raises(NotPermitted, match="may not add authorities"):
            record_document(session, _letter(authority="Eastmere"), by=actor, now=NOW)
    assert (_count(session, Authority), _count(session, Inspection)) == (2, 0)


def test_a_later_document_comes_with_the_carry_overs_it_may_make(session: Session) -> None:
    where = make.authority(session, "London Borough of Northam")
    [earlier] = make.inspection_with_areas(
        session,
        where,
        ["Written plans for children in need lack clear timescales for each action."],
        start=date(2010, 5, 10),
        end=date(2010, 5, 11),
        published=None,
    )

    outcome = record_document(session, _letter(), by=SYSTEM, now=NOW)

    assert [(s.area_id, s.earlier_area_id) for s in outcome.suggestions] == [
        (outcome.areas[0].id, earlier.id)
    ]


def test_the_preview_is_the_dry_run_s_plain_data() -> None:
    shown = preview(_letter(findings=[_letter().findings[1]], warnings=["no authority"]))

    assert shown == {
        "source": "letters/northam.txt",
        "authority": "London Borough of Northam",
        "kind": "ucra-letter",
        "framework": "Annual unannounced inspection of contact, referral and assessment",
        "inspection_start": "2011-03-08",
        "inspection_end": "2011-03-09",
        "published": "2011-04-14",
        "inspectors": ["Jane Inspector"],
        "judgement": None,
        "previous_areas_statement": None,
        "findings": [
            {
                "kind": "area_for_development",
                "heading": "Areas for development",
                "topic": None,
                "text": PLANS,
                "timescale": None,
            }
        ],
        "warnings": ["no authority"],
    }
    assert type(shown["kind"]) is str  # not the enum member, so any JSON encoder takes it


def test_a_document_recorded_by_someone_else_a_moment_ago_changes_nothing(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = record_document(session, _letter(), by=SYSTEM, now=NOW)
    # As if this import had looked for the fingerprint just before the other one committed.
    monkeypatch.setattr(inspection_services, "find_by_fingerprint", lambda *_: None)

    again = record_document(session, _letter(), by=SYSTEM, now=NOW)

    assert (again.already_recorded, again.inspection.id) == (True, first.inspection.id)
    assert [a.id for a in again.areas] == [a.id for a in first.areas]
    assert (_count(session, Inspection), _count(session, Finding)) == (1, 3)
