"""The development-area page: progress, conflicts, RAG overrides, evidence, revised dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlmodel import select

from domain.areas.evidence_store import EvidenceContent
from domain.areas.models import DevelopmentArea, DueDateChange, Evidence, ProgressUpdate
from domain.inspections.models import Finding
from domain.reminders.models import Reminder, ReminderReason, ReminderState
from domain.vocabulary import ChangeState
from tests.factories import NOW
from tests.web.conftest import Browser, World


def _area(world: World, area_id: int | None) -> DevelopmentArea:
    with world.session() as s:
        found = s.get(DevelopmentArea, area_id)
        assert found is not None
        return found


def test_a_lead_completes_an_overdue_area_and_it_leaves_the_overdue_list(
    browser: Callable[..., Browser], world: World
) -> None:
    lead = browser("lead")
    overdue = world.areas[0]
    assert f'href="/areas/{overdue.id}"' in lead.get("/my-areas?show=overdue").text
    page = lead.get(f"/areas/{overdue.id}")
    assert f'name="version" value="{overdue.version}"' in page.text
    saved = lead.submit(
        f"/areas/{overdue.id}/updates",
        {"note": "Audit done", "status": "completed", "rag": "keep", "version": overdue.version},
    )
    # The page opens at its top, where the banner names the area.
    assert (saved.status_code, saved.headers["location"]) == (303, f"/areas/{overdue.id}")
    shown = lead.get(f"/areas/{overdue.id}")
    assert "Progress recorded" in shown.text and "Audit done" in shown.text
    assert overdue.title in shown.text.split("govuk-notification-banner__content", 1)[1][:600]
    listed = lead.get("/my-areas?show=overdue")
    assert f'href="/areas/{overdue.id}"' not in listed.text
    assert "Overdue (0)" in listed.text
    assert _area(world, overdue.id).status.value == "completed"


def test_a_stale_version_keeps_what_the_lead_typed_and_says_why(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[1]
    lead, manager = browser("lead"), browser("manager")
    lead.get(f"/areas/{area.id}")
    first = manager.submit(
        f"/areas/{area.id}/updates", {"note": "Chased the partners", "version": area.version}
    )
    assert first.status_code == 303
    clash = lead.submit(
        f"/areas/{area.id}/updates",
        {"note": "My careful words", "status": "in_progress", "version": area.version},
    )
    assert clash.status_code == 409
    assert "Someone else updated this area after you opened it" in clash.text
    assert "My careful words</textarea>" in clash.text
    assert 'value="in_progress" checked' in clash.text
    assert "Chased the partners" in clash.text
    newer = _area(world, area.id).version
    assert f'name="version" value="{newer}"' in clash.text
    resent = lead.submit(
        f"/areas/{area.id}/updates",
        {"note": "My careful words", "status": "in_progress", "version": newer},
    )
    assert resent.status_code == 303


def test_an_override_without_a_reason_is_refused_with_the_field_named(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[2]
    lead = browser("lead")
    refused = lead.submit(
        f"/areas/{area.id}/updates", {"rag": "red", "note": "", "version": area.version}
    )
    assert refused.status_code == 422
    assert '<a href="#rag_reason">Enter why you are changing the rating to red' in refused.text
    assert 'id="rag_reason-error"' in refused.text
    with world.session() as s:
        assert s.exec(select(ProgressUpdate).where(ProgressUpdate.kind == "progress")).all() == []


def test_an_empty_update_is_refused_on_the_note(
    browser: Callable[..., Browser], world: World
) -> None:
    lead = browser("lead")
    area = world.areas[2]
    refused = lead.submit(f"/areas/{area.id}/updates", {"version": area.version})
    assert refused.status_code == 422
    assert '<a href="#note">Enter a note, a status, a rating or evidence' in refused.text


def test_an_uploaded_file_is_stored_and_can_be_downloaded(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[0]
    lead = browser("lead").opened(f"/areas/{area.id}")
    content = b"%PDF-1.4 audit of strategy discussions"
    saved = lead.submit(
        f"/areas/{area.id}/updates",
        {"version": area.version},
        files={"evidence_file": ("../Strategy audit.pdf", content, "application/pdf")},
    )
    assert saved.status_code == 303
    with world.session() as s:
        item = s.exec(select(Evidence)).one()
        update = s.get(ProgressUpdate, item.update_id)
    assert (item.file_name, item.content_type, item.size_bytes) == (
        "Strategy-audit.pdf",
        "application/pdf",
        len(content),
    )
    assert update is not None and update.note == "Evidence added: Strategy-audit.pdf"
    download = lead.get(f"/evidence/{item.id}")
    assert download.status_code == 200 and download.content == content
    assert download.headers["content-disposition"].startswith("attachment")


def test_a_file_of_the_wrong_type_is_refused_and_nothing_is_recorded(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[0]
    lead = browser("lead").opened(f"/areas/{area.id}")
    refused = lead.submit(
        f"/areas/{area.id}/updates",
        {"note": "see file", "version": area.version},
        files={"evidence_file": ("run.exe", b"MZ\x90\x00", "application/octet-stream")},
    )
    assert refused.status_code == 422
    assert '<a href="#evidence_file">Evidence file' in refused.text
    assert "see file</textarea>" in refused.text
    with world.session() as s:
        assert s.exec(select(Evidence)).all() == []
        assert _area(world, area.id).version == area.version


def test_a_file_sent_over_a_newer_update_leaves_no_file_and_no_record(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[0]
    lead = browser("lead").opened(f"/areas/{area.id}")
    refused = lead.submit(
        f"/areas/{area.id}/updates",
        {"note": "audit attached", "version": area.version - 1},
        files={"evidence_file": ("audit.pdf", b"%PDF-1.4 audit", "application/pdf")},
    )
    assert refused.status_code == 409
    with world.session() as s:
        assert s.exec(select(Evidence)).all() == []
        assert s.exec(select(EvidenceContent)).all() == []


def test_a_lead_asks_for_a_revised_date_and_the_manager_approves_it(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[1]
    lead, manager = browser("lead"), browser("manager")
    lead.get(f"/areas/{area.id}")
    asked = lead.submit(
        f"/areas/{area.id}/due-date",
        {"to-day": "30", "to-month": "4", "to-year": "2026", "reason": "Partners need a month"},
    )
    assert asked.status_code == 303
    assert "sent for approval" in lead.get(f"/areas/{area.id}").text
    assert _area(world, area.id).due_date == date(2026, 3, 5)
    board = manager.get("/dashboard")
    assert "Partners need a month" in board.text
    with world.session() as s:
        change = s.exec(select(DueDateChange)).one()
    decided = manager.submit(
        f"/due-date-requests/{change.id}/decision", {"decision": "approve", "back": "/dashboard"}
    )
    assert (decided.status_code, decided.headers["location"]) == (303, "/dashboard")
    changed = _area(world, area.id)
    assert (changed.due_date, changed.original_due_date) == (date(2026, 4, 30), date(2026, 3, 5))
    shown = lead.get(f"/areas/{area.id}").text
    assert "30 April 2026" in shown and "originally 5 March 2026" in shown


def test_a_revised_date_needs_a_real_date_and_a_reason(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[1]
    lead = browser("lead").opened(f"/areas/{area.id}")
    refused = lead.submit(
        f"/areas/{area.id}/due-date",
        {"to-day": "31", "to-month": "2", "to-year": "2026", "reason": ""},
    )
    assert refused.status_code == 422
    assert '<a href="#to-day">The new due date must be a real date' in refused.text
    assert '<a href="#reason">Enter why the due date needs to change</a>' in refused.text
    assert 'value="31"' in refused.text
    with world.session() as s:
        assert s.exec(select(DueDateChange)).all() == []


def test_a_manager_signs_off_a_completed_area_from_the_dashboard(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[2]
    lead, manager = browser("lead"), browser("manager")
    lead.get(f"/areas/{area.id}")
    lead.submit(
        f"/areas/{area.id}/updates",
        {"status": "completed", "note": "Done", "version": area.version},
    )
    board = manager.get("/dashboard")
    assert f"/areas/{area.id}/sign-off" in board.text
    # The dashboard's button leads to the confirmation page, which signs off.
    asked = manager.submit(f"/areas/{area.id}/sign-off", {"back": "/dashboard#sign-off"})
    assert (asked.status_code, asked.headers["location"]) == (
        303,
        f"/areas/{area.id}/sign-off?back=%2Fdashboard%23sign-off",
    )
    assert _area(world, area.id).status.value == "completed"
    manager.get(asked.headers["location"])
    signed = manager.submit(
        f"/areas/{area.id}/sign-off", {"back": "/dashboard#sign-off", "confirmed": "yes"}
    )
    assert (signed.status_code, signed.headers["location"]) == (303, "/dashboard#sign-off")
    assert _area(world, area.id).status.value == "closed"
    assert "Nothing is waiting for sign-off" in manager.get("/dashboard").text


def test_a_manager_assigns_a_lead_from_the_area_page(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[0]
    manager = browser("manager").opened(f"/areas/{area.id}")
    other = world.people["other_lead"]
    moved = manager.submit(f"/areas/{area.id}/assign", {"owner": other.email})
    assert moved.status_code == 303
    assert _area(world, area.id).owner_id == other.id
    assert "Lead changed from Priya Lead to Tom Lead" in manager.get(f"/areas/{area.id}").text


def test_a_decided_request_cannot_be_decided_again(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[1]
    lead, manager = browser("lead"), browser("manager")
    lead.get(f"/areas/{area.id}")
    lead.submit(
        f"/areas/{area.id}/due-date",
        {"to-day": "30", "to-month": "4", "to-year": "2026", "reason": "More time"},
    )
    with world.session() as s:
        change = s.exec(select(DueDateChange)).one()
    manager.get("/dashboard")
    manager.submit(
        f"/due-date-requests/{change.id}/decision",
        {"decision": "reject", "decision_note": "Not before the audit"},
    )
    again = manager.submit(f"/due-date-requests/{change.id}/decision", {"decision": "approve"})
    assert again.status_code == 409
    with world.session() as s:
        assert s.exec(select(DueDateChange)).one().state == ChangeState.REJECTED


def test_reminders_sent_about_an_area_appear_in_its_history(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[0]
    lead = world.people["lead"]
    with world.session() as s:
        for state, attempts in ((ReminderState.SENT, 1), (ReminderState.FAILED, 3)):
            s.add(
                Reminder(
                    authority_id=area.authority_id,
                    area_id=area.id,
                    reason=ReminderReason.OVERDUE,
                    window_key=attempts,
                    recipient_id=lead.id or 0,
                    due_date_version=str(area.due_date),
                    state=state,
                    attempts=attempts,
                    created_at=NOW,
                    sent_at=NOW if state == ReminderState.SENT else None,
                )
            )
        s.commit()
    page = browser("lead").get(f"/areas/{area.id}").text
    assert f"Sent to {lead.name}: overdue." in page
    assert f"Not delivered after 3 attempts to {lead.name}: overdue." in page


def test_the_topic_a_finding_was_printed_under_is_shown_with_it(
    browser: Callable[..., Browser], world: World
) -> None:
    area = world.areas[0]
    with world.session() as s:
        finding = s.get(Finding, area.finding_id)
        assert finding is not None
        finding.topic = "Care leavers"
        s.add(finding)
        s.commit()
    lead = browser("lead")
    assert "Areas for development: Care leavers</p>" in lead.get(f"/areas/{area.id}").text
    inspection = lead.get(f"/inspections/{area.inspection_id}").text
    assert '<span class="govuk-!-font-weight-bold app-topic">Care leavers:</span>' in inspection
