"""Replies end to end on loopback: a digest goes out through a real SMTP receiver, the lead's
reply lands in a real Dovecot mailbox, the inbound-mail flow (its function, without a Prefect
server) records it once and answers; the same reply posted by a relay to /api/inbound-mail is
recorded the same way."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import select

from domain.accounts import people
from domain.accounts.credentials import TokenPurpose
from domain.accounts.services import issue_token
from domain.areas.models import DevelopmentArea, Evidence, ProgressUpdate
from domain.carryover.pack_history import HistoryReader
from domain.permissions import SYSTEM
from domain.reminders.planning import DAILY_REASONS
from domain.reminders.run_records import DAILY_CHECK
from domain.replies.mail import MAX_MESSAGE_BYTES
from domain.vocabulary import Role, Status
from flows.daily_check import deliver_digests, plan_reminders
from flows.inbound_mail import inbound_mail
from flows.ledger_tasks import claim, release
from flows.runs import start
from infra.clock import Clock
from infra.db import session_scope
from infra.runtime import Runtime, build_runtime
from infra.settings import Settings
from tests.dovecot import ImapServer
from tests.flows.example_world import PRIYA, SAM, load_example_as_of
from tests.notifications.smtp_server import ReceivedMail, SMTPServer
from tests.replies.mails import PDF, reply
from web.app import create_app

DAY = date(2026, 6, 1)
NEXT_MORNING = datetime(2026, 6, 2, 8, 30, tzinfo=UTC)
REPLY_ADDRESS = "closeout@replies.eastmere.example"
DONE = "Closeout-handled"


def _replying(runtime: Runtime, smtp: SMTPServer, **more: Any) -> Runtime:
    """The runtime with the relay, replies on, and the clock the morning after the digest."""
    values = {
        **runtime.settings.model_dump(),
        "email_url": smtp.relay_url(),
        "reply_address": REPLY_ADDRESS,
        "reply_secret": "a-long-secret-for-signing-reply-tokens",
        **more,
    }
    return build_runtime(
        Settings(**values), engine=runtime.engine, clock=Clock(lambda: NEXT_MORNING)
    )


@dataclass(frozen=True)
class Digest:
    reply_to: str
    first_area: int  # the area the digest numbers 1
    titles: tuple[str, ...]


def _priya_s_digest(runtime: Runtime, smtp: SMTPServer) -> Digest:
    load_example_as_of(runtime, DAY)
    # The daily check's steps, as its flow runs them, without a Prefect server.
    run = start(DAILY_CHECK, DAY, runtime)
    plan = plan_reminders.fn(run, runtime)
    claim.fn(run, runtime, DAILY_REASONS, plan.active_authorities)
    deliver_digests.fn(run, runtime)
    release(run, runtime)
    [mail] = [m for m in smtp.received if m.rcpt_tos == (PRIYA,)]
    reply_to = str(mail.email["Reply-To"])
    assert re.fullmatch(r"closeout\+[a-z2-7]{32}@replies\.eastmere\.example", reply_to)
    text = mail.body("plain")
    assert "You can also reply to this email" in text
    first = re.search(r"^1\. .*?Reference: (\d+)", text, re.MULTILINE | re.DOTALL)
    assert first is not None
    titles = tuple(re.findall(r"^\d+\. (.+)$", text, re.MULTILINE))
    assert len(titles) == 3
    return Digest(reply_to, int(first.group(1)), titles)


def _priya_s_reply(digest: Digest) -> bytes:
    return reply(
        sender=f"Priya Raman <{PRIYA}>",
        to=digest.reply_to,
        text="1: Done. The audit report is attached.",
        files=(("audit-report.pdf", PDF),),
        message_id="<reply-1@mail.eastmere.example>",
    )


def _recorded(runtime: Runtime, area_id: int) -> tuple[list[tuple[Status | None, str]], list[str]]:
    """The area's updates from the reply (status set, note) and its evidence files' names."""
    with session_scope(runtime.engine) as session:
        updates = session.exec(
            select(ProgressUpdate).where(
                ProgressUpdate.area_id == area_id,
                ProgressUpdate.note.contains("audit report"),  # type: ignore[attr-defined]
            )
        ).all()
        evidence = session.exec(select(Evidence).where(Evidence.area_id == area_id)).all()
        area = session.get(DevelopmentArea, area_id)
        assert area is not None and area.status == Status.COMPLETED
        return [(u.status_to, u.note) for u in updates], [e.file_name or "" for e in evidence]


def _answers(smtp: SMTPServer, to: str) -> list[ReceivedMail]:
    return [m for m in smtp.received if m.rcpt_tos == (to,) and "Reply-To" not in m.email]


def test_a_reply_in_the_mailbox_is_recorded_once_and_answered(
    runtime: Runtime, smtp_server: SMTPServer, imap_server: ImapServer
) -> None:
    runtime = _replying(runtime, smtp_server, inbound_imap_url=imap_server.url())
    digest = _priya_s_digest(runtime, smtp_server)
    tampered = re.sub(
        r"\+(.)", lambda m: "+" + ("b" if m.group(1) == "a" else "a"), digest.reply_to
    )
    imap_server.append(_priya_s_reply(digest))
    imap_server.append(
        reply(sender="someone@elsewhere.example", to=digest.reply_to, text="1: done")
    )
    imap_server.append(reply(sender=PRIYA, to=tampered, text="2: started"))
    imap_server.append(reply(sender=SAM, to=digest.reply_to, text="", signature="-- \nSam"))

    first = inbound_mail.fn(runtime=runtime)
    imap_server.append(_priya_s_reply(digest))  # the same message delivered twice
    second = inbound_mail.fn(runtime=runtime)

    assert (first.recorded, first.refused, first.left) == (1, 3, 0)
    assert (second.recorded, second.repeated) == (0, 1)
    assert imap_server.count("INBOX") == 0 and imap_server.count(DONE) == 5
    [(status, note)], files = _recorded(runtime, digest.first_area)
    assert status == Status.COMPLETED and note == "Done. The audit report is attached."
    assert files == ["audit-report.pdf"]
    [confirmation] = _answers(smtp_server, PRIYA)[:1]
    told = confirmation.body("plain")
    assert "status now completed" in told and "evidence audit-report.pdf" in told
    [_, to_tampered] = _answers(smtp_server, PRIYA)
    assert "not issued by Closeout" in to_tampered.body("plain")
    [stranger] = _answers(smtp_server, "someone@elsewhere.example")
    assert "person the reminder was sent to" in stranger.body("plain")
    assert not any(title in stranger.body("plain") for title in digest.titles)
    [to_sam] = _answers(smtp_server, SAM)  # Sam may reply for Priya only while she is away
    assert "not recorded" in to_sam.body("plain")


def test_the_same_reply_posted_by_a_relay_is_recorded_the_same_way(
    runtime: Runtime, smtp_server: SMTPServer
) -> None:
    runtime = _replying(runtime, smtp_server)
    digest = _priya_s_digest(runtime, smtp_server)
    with session_scope(runtime.engine) as session:
        people.add_person(
            session,
            name="Ada Admin",
            email="ada@eastmere.example",
            role=Role.ADMIN,
            now=NEXT_MORNING,
            by=SYSTEM,
        )
        _, admin = issue_token(
            session,
            email="ada@eastmere.example",
            purpose=TokenPurpose.API,
            now=NEXT_MORNING,
            by=SYSTEM,
        )
        _, lead = issue_token(
            session, email=PRIYA, purpose=TokenPurpose.API, now=NEXT_MORNING, by=SYSTEM
        )
    client = TestClient(create_app(runtime))
    raw = _priya_s_reply(digest)

    def post(body: bytes, token: str | None, kind: str = "message/rfc822") -> Any:
        headers = {"Content-Type": kind} | ({"Authorization": f"Bearer {token}"} if token else {})
        return client.post("/api/inbound-mail", content=body, headers=headers)

    assert post(raw, None).status_code == 401
    assert post(raw, "not-a-token").status_code == 401
    assert post(raw, lead).status_code == 403
    assert post(raw, admin, "text/plain").status_code == 415
    assert post(b"x" * (MAX_MESSAGE_BYTES + 1), admin).status_code == 413
    assert post(b"no headers at all", admin).status_code == 422
    first, again = post(raw, admin), post(raw, admin)

    assert first.status_code == 200 and first.json()["outcome"] == "recorded"
    assert again.json()["repeated"] is True and again.json()["answered"] is True
    [(status, _)], files = _recorded(runtime, digest.first_area)
    assert status == Status.COMPLETED and files == ["audit-report.pdf"]
    [confirmation] = _answers(smtp_server, PRIYA)
    assert "evidence audit-report.pdf" in confirmation.body("plain")
    shown = client.get(
        f"/api/areas/{digest.first_area}", headers={"Authorization": f"Bearer {admin}"}
    )
    assert [e["note"] for e in shown.json()["history"] if e.get("by_reply")] == [
        "Done. The audit report is attached."
    ]
    with session_scope(runtime.engine) as session:
        lines = HistoryReader(session, date(2000, 1, 1), [digest.first_area]).updates(
            digest.first_area
        )
    assert [line.note for line in lines if line.by_reply] == ["Done. The audit report is attached."]


def test_with_no_done_folder_a_handled_message_is_flagged_seen_and_left(
    runtime: Runtime, smtp_server: SMTPServer, imap_server: ImapServer
) -> None:
    runtime = _replying(
        runtime, smtp_server, inbound_imap_url=imap_server.url(), inbound_imap_done_folder=""
    )
    imap_server.append(reply(sender="lead@eastmere.example", to=REPLY_ADDRESS, text="1: done"))

    first = inbound_mail.fn(runtime=runtime)
    second = inbound_mail.fn(runtime=runtime)

    assert (first.refused, second.refused, second.repeated) == (1, 0, 0)
    assert imap_server.count("INBOX") == 1 and imap_server.count("INBOX", "UNSEEN") == 0
    [answer] = _answers(smtp_server, "lead@eastmere.example")
    assert "not a reply to a Closeout reminder" in answer.body("plain")
