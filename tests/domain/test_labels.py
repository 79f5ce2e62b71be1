"""One table of labels: every member of every labelled vocabulary reads as words people use."""

from enum import StrEnum

import pytest

from domain.labels import LABELLED, label, label_of
from domain.vocabulary import (
    ClosedBy,
    FindingKind,
    InspectionKind,
    Rag,
    ReminderReason,
    Role,
    Status,
    UpdateKind,
)


def test_the_table_labels_the_vocabularies_people_read() -> None:
    assert set(LABELLED) == {
        InspectionKind,
        FindingKind,
        Status,
        Rag,
        Role,
        UpdateKind,
        ReminderReason,
        ClosedBy,
    }


@pytest.mark.parametrize("enum", LABELLED, ids=lambda enum: enum.__name__)
def test_every_member_has_a_label_of_its_own(enum: type[StrEnum]) -> None:
    labels = [label(member) for member in enum]
    assert all(text and text[0].isupper() and text == text.strip() for text in labels)
    assert len(set(labels)) == len(labels)


def test_labels_are_the_words_the_pages_print() -> None:
    assert [label(s) for s in Status] == ["Open", "In progress", "Blocked", "Completed", "Closed"]
    assert [label(r) for r in Rag] == ["Red", "Amber", "Green"]
    assert label(InspectionKind.FOCUSED_VISIT) == "Focused visit"
    assert label(InspectionKind.OTHER) == "Inspection"
    assert label(FindingKind.PRIORITY_ACTION) == "Areas for priority action"
    assert label(Role.ADMIN) == "Administrator"
    assert label(UpdateKind.SIGN_OFF) == "Signed off"
    assert label(ReminderReason.STALE) == "No recent progress"


def test_a_stored_code_reads_as_its_member_s_label_and_no_value_as_nothing() -> None:
    assert label_of(Status, "in_progress") == "In progress"
    assert label_of(InspectionKind, InspectionKind.UCRA_LETTER) == (
        "Unannounced inspection of contact, referral and assessment"
    )
    assert (label_of(Rag, None), label_of(Rag, "")) == ("", "")


def test_a_code_outside_the_vocabulary_is_refused_rather_than_guessed() -> None:
    with pytest.raises(ValueError, match="'purple' is not a valid Rag"):
        label_of(Rag, "purple")
