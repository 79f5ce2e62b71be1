"""The command line keeps the rules the use cases hold: a RAG override needs --rag-reason, a
rejected date needs --note, and an authority may ask for evidence before a priority action
is signed off. Each refusal is one line, exit code 2, and nothing written."""

from __future__ import annotations

from click.testing import Result
from sqlmodel import Session, func, select

from domain.areas.models import DevelopmentArea, DueDateChange, Evidence, ProgressUpdate
from domain.reminders.models import Reminder
from infra.db import make_engine
from infra.settings import get_settings
from tests.cli.conftest import Run, as_json

LEAD, MANAGER = "lee@northam.example", "mia@northam.example"
NORTHAM = ("--authority", "Northam")
TODAY = ("--as-of", "2026-03-02")
UNDER_MIA = ("--manager", MANAGER)


def _world(closeout: Run) -> None:
    """Northam with a manager and her lead; area 1 is overdue on 2026-03-02 (the rules rate
    it red), area 2 is a priority action."""
    for args in (
        ("authority", "add", "London Borough of Northam"),
        ("person", "add", "Mia Manager", "--email", MANAGER, "--role", "manager", *NORTHAM),
        (
            "person",
            "add",
            "Lee Lead",
            "--email",
            LEAD,
            "--role",
            "lead",
            *NORTHAM,
            "--manager",
            MANAGER,
        ),
        (
            "inspection",
            "add",
            "--authority",
            "Northam",
            "--kind",
            "ucra-letter",
            "--start",
            "2026-01-12",
            "--end",
            "2026-01-13",
        ),
        ("area", "add", "--inspection", "1", "--text", "Plans lack timescales."),
        ("area", "add", "--inspection", "1", "--text", "Visits are late.", "--priority", "high"),
        ("area", "assign", "1", "--owner", LEAD, "--due", "2026-02-18"),
        ("area", "assign", "2", "--owner", LEAD, "--due", "2026-06-30"),
    ):
        result = closeout(*args)
        assert result.exit_code == 0, (args, result.output)


def _state(area_id: int) -> tuple[object, ...]:
    """The rows these rules guard, and the area's version, status and override."""
    engine = make_engine(get_settings().sqlalchemy_url)
    try:
        with Session(engine) as s:
            counts = tuple(
                s.exec(select(func.count()).select_from(model)).one()
                for model in (ProgressUpdate, Evidence, DueDateChange, Reminder)
            )
            area = s.get(DevelopmentArea, area_id)
            assert area is not None
            return (*counts, area.version, area.status, area.rag_override)
    finally:
        engine.dispose()


def _refused(result: Result, message: str) -> None:
    """One line on stderr, exit code 2."""
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {message}"


def test_an_override_needs_rag_reason_not_the_note(closeout: Run) -> None:
    _world(closeout)
    before = _state(1)
    refused = closeout(
        "area", "update", "1", "--by", LEAD, "--rag", "green", "--note", "Audit done", *TODAY
    )
    assert refused.exit_code == 2
    assert refused.stderr.startswith(
        "error: enter why you are changing the rating to green: the rules give red ("
    )
    assert len(refused.stderr.strip().splitlines()) == 1
    assert _state(1) == before
    kept = closeout(
        "area",
        "update",
        "1",
        "--by",
        LEAD,
        "--rag",
        "green",
        "--rag-reason",
        "Panel agreed",
        "--note",
        "Audit done",
        *TODAY,
    )
    assert kept.exit_code == 0, kept.output
    shown = as_json(closeout("area", "show", "1", "--format", "json", *TODAY))
    assert shown["rag_reasons"][0] == "set by a person: Panel agreed"
    [rated] = [h for h in shown["history"] if h.get("rag")]
    assert (rated["note"], rated["rag_reason"]) == ("Audit done", "Panel agreed")


def test_reject_date_needs_a_note(closeout: Run) -> None:
    _world(closeout)
    asked = closeout(
        "area", "due-date", "1", "--to", "2026-04-30", "--reason", "Audit", "--by", LEAD
    )
    assert asked.exit_code == 0, asked.output
    before = _state(1)
    _refused(
        closeout("area", "reject-date", "1", "--by", MANAGER),
        "enter why the new due date of 30 April 2026 is not agreed; "
        "the person who asked for it reads your reason",
    )
    assert _state(1) == before
    rejected = closeout(
        "area", "reject-date", "1", "--by", MANAGER, "--note", "Not before the audit"
    )
    assert rejected.exit_code == 0, rejected.output
    assert "due-date request 1 rejected" in rejected.stdout
    shown = as_json(closeout("area", "show", "1", "--format", "json"))
    [change] = [h for h in shown["history"] if h["type"] == "due_date_change"]
    assert (change["state"], change["decision_note"]) == ("rejected", "Not before the audit")


def test_the_authority_may_ask_for_evidence_before_a_priority_sign_off(closeout: Run) -> None:
    _world(closeout)
    policy = closeout(
        "authority", "policy", "Northam", "--set", "evidence_before_priority_sign_off=yes"
    )
    assert policy.exit_code == 0, policy.output
    assert "evidence_before_priority_sign_off = True" in policy.stdout
    done = closeout("area", "update", "2", "--by", LEAD, "--status", "completed", *TODAY)
    assert done.exit_code == 0, done.output
    before = _state(2)
    _refused(
        closeout("area", "update", "2", "--by", MANAGER, "--status", "closed", *TODAY),
        "add evidence before signing off development area 2: it is a priority action, and "
        "London Borough of Northam needs evidence before a priority action is signed off",
    )
    assert _state(2) == before
    signed = closeout(
        "area",
        "update",
        "2",
        "--by",
        MANAGER,
        "--status",
        "closed",
        "--evidence",
        "https://intranet.example/visits",
        *TODAY,
    )
    assert signed.exit_code == 0, signed.output
    assert as_json(closeout("area", "show", "2", "--format", "json"))["status"] == "closed"
