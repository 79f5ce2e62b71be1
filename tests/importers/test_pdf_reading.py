"""PDFs written for the tests: layout cues read from positions and weights, and refusals."""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

import pytest

from domain.vocabulary import InspectionKind
from importers import (
    CorruptDocument,
    DocumentError,
    EncryptedDocument,
    NotAnInspectionDocument,
    NoTextLayer,
    read_document,
)
from tests.importers.pdf_factory import Printed, column, encrypted, image_only_pdf, make_pdf

_HEADER = "Area SEND inspection report: Ashby Local Area Partnership"


def _send_report() -> bytes:
    first = column(
        [
            "Area SEND inspection of Ashby Local",
            "Area Partnership",
            "Inspection dates: 5 to 9 February 2024",
            "",
            ("h", "Inspection outcome"),
            "The local area partnership’s arrangements typically lead to positive experiences.",
            "",
            ("h", "Areas for improvement"),
            "Leaders should improve how quickly children with SEND are seen by",
        ]
    )
    # Paragraphs below are set apart only by 3 pt of extra spacing, as in some real reports.
    second = [
        Printed(_HEADER, 40, size=10),
        Printed("5 to 9 February 2024 6", 28, size=10),
        Printed("therapists, and how families are told about ser-", 760),
        Printed("vices while they wait.", 745.5),
        Printed("Leaders should make sure that plans are updated after", 728),
        Printed("each annual review.", 713.5),
        Printed("Local area partnership details", 680, size=14, bold=True),
    ]
    third = [Printed(_HEADER, 40, size=10), Printed("5 to 9 February 2024 7", 28, size=10)]
    third += column(["Ashby Borough Council NHS Ashby Integrated Care Board"])
    return make_pdf([first, second, third])


def _write(tmp_path: Path, data: bytes, name: str = "report.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_pdf_paragraph_items_split_on_spacing_and_join_across_the_page_break(
    tmp_path: Path,
) -> None:
    document = read_document(_write(tmp_path, _send_report()))
    assert [finding.text for finding in document.findings] == [
        "Leaders should improve how quickly children with SEND are seen by therapists, and how "
        "families are told about ser-vices while they wait.",
        "Leaders should make sure that plans are updated after each annual review.",
    ]


def test_pdf_details_come_from_the_title_and_partnership_table(tmp_path: Path) -> None:
    document = read_document(_write(tmp_path, _send_report()))
    assert document.kind == InspectionKind.AREA_SEND_INSPECTION
    assert document.framework == "Area SEND inspection of Ashby Local Area Partnership"
    assert document.authority == "Ashby Borough Council"
    assert (document.inspection_start, document.inspection_end) == (
        date(2024, 2, 5),
        date(2024, 2, 9),
    )
    assert len(document.fingerprint) == 64


def test_pdf_list_ends_at_a_bold_heading_the_vocabulary_does_not_know(tmp_path: Path) -> None:
    page = column(
        [
            "Inspection of Ashby local authority children’s services",
            "Inspection dates: 5 to 9 February 2024",
            "",
            ("h", "What needs to improve?"),
            "• The timeliness of assessments.",
            "",
            ("h", "Help for families in crisis"),
            "Families receive a prompt service.",
        ]
    )
    document = read_document(_write(tmp_path, make_pdf([page])))
    assert [f.text for f in document.findings] == ["The timeliness of assessments."]


def test_an_encrypted_pdf_is_refused_with_its_own_error(tmp_path: Path) -> None:
    path = _write(tmp_path, encrypted(_send_report()))
    with pytest.raises(EncryptedDocument, match=r"report\.pdf: the PDF is encrypted"):
        read_document(path)


def test_a_truncated_pdf_is_corrupt(tmp_path: Path) -> None:
    path = _write(tmp_path, _send_report()[:400])
    with pytest.raises(CorruptDocument, match=r"^.*report\.pdf: not a readable PDF"):
        read_document(path)


def test_a_pdf_of_images_has_no_text_layer(tmp_path: Path) -> None:
    with pytest.raises(NoTextLayer, match="no text layer"):
        read_document(_write(tmp_path, image_only_pdf()))


def test_a_pdf_with_unrelated_text_is_not_an_inspection_document(tmp_path: Path) -> None:
    path = _write(tmp_path, make_pdf([column(["Minutes of the allotment society"])]))
    with pytest.raises(NotAnInspectionDocument, match="no inspection title, dates or findings"):
        read_document(path)


def test_binary_that_is_not_a_pdf_is_corrupt(tmp_path: Path) -> None:
    path = _write(tmp_path, bytes(range(256)) * 4, name="blob.bin")
    with pytest.raises(CorruptDocument, match=r"blob\.bin: neither a PDF nor UTF-8 text"):
        read_document(path)


def test_a_missing_file_is_a_document_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"absent\.pdf: cannot be read"):
        read_document(tmp_path / "absent.pdf")


def test_every_error_message_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as caught:
        read_document(_write(tmp_path, b"%PDF-1.7\n" + b"\x00" * 50 + b"\n%%EOF\n"))
    assert "\n" not in str(caught.value)


def test_pdf_footnotes_and_their_markers_stay_out_of_a_list_crossing_pages(tmp_path: Path) -> None:
    first = column(
        [
            "Inspection of Ashby local authority children’s services",
            "Inspection dates: 5 to 9 February 2024",
            "",
            ("h", "What needs to improve?"),
            "• The timeliness of assessments for children who are",
        ]
    )
    first += [
        Printed("1", 720, x=240, size=8),  # the heading's footnote marker, set on its own line
        Printed("1 The areas for improvement are cross-referenced to the national", 60, size=8),
        Printed("framework.", 50, size=8),
    ]
    second = column(["new to the service.", "• Supervision of newly qualified social workers."])
    second += [Printed("Help and protection: good", 600, size=14, bold=True)]
    document = read_document(_write(tmp_path, make_pdf([first, second])))
    assert [f.text for f in document.findings] == [
        "The timeliness of assessments for children who are new to the service.",
        "Supervision of newly qualified social workers.",
    ]


def test_document_errors_survive_pickling_for_parallel_imports() -> None:
    error = EncryptedDocument("a.pdf", "the PDF is encrypted; supply it unlocked")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.source) == (EncryptedDocument, str(error), "a.pdf")
