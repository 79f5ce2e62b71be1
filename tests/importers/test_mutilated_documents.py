"""Whatever is done to a document, the importer returns a ParsedDocument or a DocumentError."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.vocabulary import InspectionKind
from importers import DocumentError, ParsedDocument, parse_text, read_document
from tests.importers.pdf_factory import column, make_pdf
from tests.importers.shared_data import fixture_text

_FIXTURES = (
    "ucra_letter.txt",
    "lac_report.txt",
    "sif_report.txt",
    "ilacs_report.txt",
    "focused_visit.txt",
    "focused_visit_no_list.txt",
    "area_send_report.txt",
)
_MODEST = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _outcome_of_text(text: str) -> ParsedDocument | DocumentError:
    try:
        return parse_text(text, source="mutilated")
    except DocumentError as error:
        return error


def _outcome_of_file(path: Path) -> ParsedDocument | DocumentError:
    try:
        return read_document(path)
    except DocumentError as error:
        return error


@_MODEST
@given(name=st.sampled_from(_FIXTURES), seed=st.integers(0, 2**32 - 1))
def test_shuffled_pages_still_give_a_document_or_a_document_error(name: str, seed: int) -> None:
    pages = fixture_text(name).split("\f")
    random.Random(seed).shuffle(pages)
    assert isinstance(_outcome_of_text("\f".join(pages)), ParsedDocument | DocumentError)


@_MODEST
@given(name=st.sampled_from(_FIXTURES), cut=st.floats(0, 1))
def test_truncated_text_still_gives_a_document_or_a_document_error(name: str, cut: float) -> None:
    text = fixture_text(name)
    assert isinstance(
        _outcome_of_text(text[: int(len(text) * cut)]), ParsedDocument | DocumentError
    )


@_MODEST
@given(name=st.sampled_from(_FIXTURES), data=st.data())
def test_lines_dropped_or_repeated_at_random_are_survived(name: str, data: st.DataObject) -> None:
    lines = fixture_text(name).split("\n")
    picks = data.draw(st.lists(st.integers(0, len(lines) - 1), max_size=len(lines) * 2))
    assert isinstance(
        _outcome_of_text("\n".join(lines[i] for i in picks)), ParsedDocument | DocumentError
    )


@_MODEST
@given(text=st.text(max_size=3000))
def test_arbitrary_text_gives_a_document_or_a_document_error(text: str) -> None:
    assert isinstance(_outcome_of_text(text), ParsedDocument | DocumentError)


@_MODEST
@given(blob=st.binary(max_size=4000))
def test_random_bytes_on_disk_give_a_document_or_a_document_error(
    tmp_path: Path, blob: bytes
) -> None:
    path = tmp_path / "random.bin"
    path.write_bytes(blob)
    assert isinstance(_outcome_of_file(path), ParsedDocument | DocumentError)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(keep=st.integers(0, 4000), flips=st.lists(st.integers(0, 4000), max_size=20))
def test_damaged_pdf_bytes_give_a_document_or_a_document_error(
    tmp_path: Path, keep: int, flips: list[int]
) -> None:
    pdf = bytearray(
        make_pdf([column(["Focused visit to Ashby children’s services", "What needs to improve?"])])
    )
    for position in flips:
        if position < len(pdf):
            pdf[position] ^= 0xFF
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(pdf[: max(keep, 8)]))
    assert isinstance(_outcome_of_file(path), ParsedDocument | DocumentError)


def test_a_huge_document_is_read_to_the_end() -> None:
    body = fixture_text("ilacs_report.txt")
    filler = "Managers know their teams well and visit children often.\n" * 20_000
    document = parse_text(body + filler + "◼ A last bullet that belongs to no list.\n")
    assert document.kind == InspectionKind.ILACS_INSPECTION
    assert [f.text for f in document.findings][-1] == (
        "The consistency of management oversight in the disabled children’s team."
    )


def test_a_huge_list_of_bullets_is_read_whole() -> None:
    bullets = "".join(f"◼ Item number {n} needs attention.\n" for n in range(20_000))
    document = parse_text(
        f"Focused visit to Ashby children’s services\nWhat needs to improve?\n{bullets}"
    )
    assert len(document.findings) == 20_000


def test_a_paragraph_of_tens_of_thousands_of_wrapped_lines_is_joined_whole() -> None:
    line = "Managers know their teams well and visit children often."
    document = parse_text(fixture_text("ilacs_report.txt") + f"{line}\n" * 50_000)
    assert document.kind == InspectionKind.ILACS_INSPECTION
    assert len(document.findings) == 3


@pytest.mark.parametrize(
    "text",
    [
        "Children’s services in " * 50_000,
        "on 1 and 2 February 2011 " * 40_000,
        "London Borough of Ashby and North West London " * 20_000,
        "◼ " * 200_000,
        "-\n" * 100_000,
    ],
)
def test_a_megabyte_of_repeated_phrases_gives_a_document_or_a_document_error(text: str) -> None:
    assert isinstance(_outcome_of_text(text), ParsedDocument | DocumentError)
