"""`closeout import`: documents recorded once, matched to authorities, failures reported."""

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.conftest import Run, as_json
from tests.conftest import SHARED

LETTER = Path(__file__).parent / "fixtures" / "northam_2011_letter.txt"
SEED = SHARED / "seeds" / "000_ffb570a0307ed4b4.txt"


def test_dry_run_json_describes_the_letter_and_records_nothing(closeout: Run) -> None:
    documents = as_json(closeout("import", str(LETTER), "--dry-run", "--format", "json"))
    assert len(documents) == 1
    letter = documents[0]
    assert letter["source"] == str(LETTER)
    assert (letter["authority"], letter["kind"]) == ("London Borough of Northam", "ucra-letter")
    assert (letter["inspection_start"], letter["inspection_end"], letter["published"]) == (
        "2011-03-08",
        "2011-03-09",
        "2011-04-14",
    )
    assert [f["kind"] for f in letter["findings"]].count("area_for_development") == 2
    assert as_json(closeout("inspection", "list", "--format", "json")) == []


def test_importing_records_unassigned_areas_and_matches_the_authority_by_name(
    closeout: Run,
) -> None:
    closeout("authority", "add", "Northam Council")
    result = closeout("import", str(LETTER))
    assert result.exit_code == 0, result.output
    assert "authority recorded" not in result.stdout
    areas = as_json(closeout("area", "list", "--format", "json"))
    assert [a["authority"] for a in areas] == ["Northam Council"] * 2
    assert all(a["owner"] is None for a in areas)
    assert {a["due_date"] for a in areas} == {"2011-10-14"}  # six months after the letter


def test_an_unmatched_authority_is_created_and_the_output_says_so(closeout: Run) -> None:
    result = closeout("import", str(LETTER))
    assert "authority recorded: London Borough of Northam" in result.stdout


def test_importing_the_same_document_twice_changes_nothing_and_says_so(
    closeout: Run, tmp_path: Path
) -> None:
    copy = tmp_path / "renamed.txt"
    shutil.copy(LETTER, copy)
    closeout("import", str(LETTER))
    again = closeout("import", str(copy))
    assert again.exit_code == 0
    assert "already recorded as inspection 1; nothing changed" in again.stdout
    assert len(as_json(closeout("area", "list", "--format", "json"))) == 2


def test_a_folder_with_a_bad_file_reports_it_and_records_the_rest(
    closeout: Run, tmp_path: Path
) -> None:
    shutil.copy(LETTER, tmp_path / "good.txt")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n this is not really a pdf")
    (tmp_path / "shopping.txt").write_text("eggs\nmilk\nbread\n")
    result = closeout("import", str(tmp_path), "--jobs", "2")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2
    assert any("broken.pdf" in line for line in errors)
    assert any("shopping.txt" in line for line in errors)
    assert "2 of 3 document(s) failed" in result.stderr
    assert len(as_json(closeout("area", "list", "--format", "json"))) == 2


def test_the_authority_option_overrides_the_match_and_must_name_a_recorded_one(
    closeout: Run,
) -> None:
    refused = closeout("import", str(LETTER), "--authority", "Nowhere")
    assert refused.exit_code == 2
    assert "authority 'Nowhere' is not recorded" in refused.stderr
    closeout("authority", "add", "Northam Children's Trust")
    assert closeout("import", str(LETTER), "--authority", "Northam Children's Trust").exit_code == 0
    assert as_json(closeout("area", "list", "--format", "json"))[0]["authority"] == (
        "Northam Children's Trust"
    )


@pytest.mark.corpus
def test_the_seed_letter_dry_run_matches_its_expected_values(closeout: Run) -> None:
    if not SEED.exists():
        pytest.skip(f"the seed letter is not at {SEED}; ../shared is absent")
    expected = json.loads((SEED.parent / "expected.json").read_text())
    letter = as_json(closeout("import", str(SEED), "--dry-run", "--format", "json"))[0]
    assert letter["authority"] == expected["authority"]
    assert (letter["inspection_start"], letter["inspection_end"], letter["published"]) == (
        expected["inspection_start"],
        expected["inspection_end"],
        expected["letter_date"],
    )
    assert letter["inspectors"][0] == expected["lead_inspector"]
    texts = {
        kind: [f["text"] for f in letter["findings"] if f["kind"] == kind]
        for kind in ("area_for_development", "strength", "requirement_met")
    }
    assert texts["area_for_development"] == expected["areas_for_development"]
    assert texts["strength"] == expected["strengths"]
    assert texts["requirement_met"] == expected["statutory_requirements_met"]
    assert letter["previous_areas_statement"] == expected["previous_areas_statement"]


def test_importing_a_later_letter_points_to_its_carry_over_suggestions(
    closeout: Run, tmp_path: Path
) -> None:
    closeout("authority", "add", "London Borough of Northam")
    closeout(
        "inspection",
        "add",
        "--authority",
        "Northam",
        "--kind",
        "ucra-letter",
        "--start",
        "2010-05-10",
        "--end",
        "2010-05-11",
    )
    closeout(
        "area",
        "add",
        "--inspection",
        "1",
        "--text",
        "Written plans for children in need lack clear timescales for each action.",
    )
    result = closeout("import", str(LETTER))
    assert result.exit_code == 0, result.output
    assert "1 possible carry-over(s) from earlier open areas" in result.stdout
    assert "closeout carryover suggest --inspection 2" in result.stdout


def test_a_report_s_topic_sub_headings_are_recorded_with_its_findings(closeout: Run) -> None:
    report = Path(__file__).parents[1] / "importers" / "fixtures" / "sif_report.txt"
    dry = as_json(closeout("import", str(report), "--dry-run", "--format", "json"))[0]
    assert [f["topic"] for f in dry["findings"] if f["kind"] == "priority_action"] == [
        "Leadership, management and governance"
    ] * 2
    result = closeout("import", str(report))
    assert result.exit_code == 0, result.output
    findings = as_json(closeout("inspection", "show", "1", "--format", "json"))
    assert [f["topic"] for f in findings if f["kind"] == "area_for_development"][:4] == [
        "Children in need of help",
        "Children in need of help",
        "Care leavers",
        "Care leavers",
    ]


def test_a_document_naming_no_authority_is_refused_with_the_option_that_names_one(
    closeout: Run, tmp_path: Path
) -> None:
    letter = tmp_path / "visit.txt"
    letter.write_text(
        "Focused visit to children’s services\n\nInspection dates: 3 to 4 May 2022\n\n"
        "What needs to improve?\n\n• Improve the quality of plans for children.\n"
    )
    refused = closeout("import", str(letter))
    assert refused.exit_code == 2
    assert refused.stderr.splitlines() == [
        f"error: {letter}: {letter}: no authority named in the document; pass --authority NAME",
        "1 of 1 document(s) failed",
    ]
    closeout("authority", "add", "Ashby Council")
    assert closeout("import", str(letter), "--authority", "Ashby").exit_code == 0
    assert [a["authority"] for a in as_json(closeout("area", "list", "--format", "json"))] == [
        "Ashby Council"
    ]


def test_a_letter_listing_no_areas_says_so_when_recorded(closeout: Run) -> None:
    letter = Path(__file__).parents[1] / "importers" / "fixtures" / "focused_visit_no_list.txt"
    result = closeout("import", str(letter))
    assert result.exit_code == 0, result.output
    assert "0 development area(s); warning: the letter lists no areas for improvement" in (
        result.stdout
    )


def test_a_saved_web_page_is_refused_in_one_line(closeout: Run, tmp_path: Path) -> None:
    page = tmp_path / "report.pdf"
    page.write_text("<!DOCTYPE html>\n<html><body>Report not found</body></html>\n")
    refused = closeout("import", str(page))
    assert refused.exit_code == 2
    assert refused.stderr.splitlines()[0] == (
        f"error: {page}: {page}: not an Ofsted inspection document: a web page (HTML), "
        "not a report or letter; expected the report's PDF"
    )
