"""Which messages carry a reply token: those whose reader may record progress on their areas
(a manager's escalation, a director's readiness report), not a digest a peer takes for a lead
who is away."""

from __future__ import annotations

import mailbox
import re
from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from domain.accounts.models import Person
from domain.areas.models import ProgressUpdate
from domain.calendar import london_noon
from domain.inspections.models import Inspection
from domain.replies.models import ReplyDigest, ReplyOutcome
from domain.replies.recording import ReplySettings, record_reply
from domain.vocabulary import Status
from flows.daily_check import daily_check
from flows.readiness import readiness_report
from infra.db import session_scope
from infra.runtime import Runtime, build_runtime
from infra.settings import Settings
from tests.flows.example_world import (
    DANA,
    PRIYA,
    SAM,
    TOM,
    away,
    load_example_as_of,
    person_by_email,
)
from tests.replies.mails import reply

pytestmark = pytest.mark.usefixtures("prefect_harness")

DAY = date(2026, 6, 1)  # a Monday
ADDRESS = "closeout@replies.eastmere.example"
SECRET = "a-long-secret-for-signing-reply-tokens"


@pytest.fixture
def replying(runtime: Runtime) -> Runtime:
    """The runtime with replies on."""
    values = {**runtime.settings.model_dump(), "reply_address": ADDRESS, "reply_secret": SECRET}
    return build_runtime(Settings(**values), engine=runtime.engine, clock=runtime.clock)


def _mails_to(runtime: Runtime, email: str) -> list[mailbox.MaildirMessage]:
    box = mailbox.Maildir(runtime.settings.outbox_dir, create=False)
    return [m for m in box if email in str(m["To"])]


def _text(mail: mailbox.MaildirMessage) -> str:
    part = next(p for p in mail.walk() if p.get_content_type() == "text/plain")
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode()


def _answered(
    session: Session, sender: Person, reply_to: str, text: str, *, on: date
) -> ProgressUpdate:
    """Record the sender's reply to `reply_to`; the one progress update it made."""
    result = record_reply(
        session,
        reply(sender=sender.email, to=reply_to, text=text),
        now=london_noon(on),
        settings=ReplySettings(address=ADDRESS, secret=SECRET, token_days=30),
    )
    assert result.outcome == ReplyOutcome.RECORDED, result.summary
    [update] = session.exec(
        select(ProgressUpdate).where(ProgressUpdate.author_id == sender.id)
    ).all()
    return update


def test_a_peer_acting_for_an_away_lead_gets_her_digest_with_no_reply_token(
    replying: Runtime,
) -> None:
    load_example_as_of(replying, DAY)
    with session_scope(replying.engine) as session:
        lead, tom = person_by_email(session, PRIYA), person_by_email(session, TOM)
        away(session, lead, starts_on=DAY, days=6, delegate=tom)

    daily_check.fn(as_of=DAY, runtime=replying)

    [for_priya] = _mails_to(replying, TOM)
    text = _text(for_priya)
    assert "Priya Raman is away" in text and "/areas/1#" in text
    assert for_priya["Reply-To"] is None and "You can also reply" not in text
    with session_scope(replying.engine) as session:
        assert session.exec(select(ReplyDigest)).all() == []


def test_a_manager_s_escalation_carries_a_token_and_their_reply_is_recorded(
    replying: Runtime,
) -> None:
    load_example_as_of(replying, DAY)
    daily_check.fn(as_of=DAY, runtime=replying)
    [lead_s] = _mails_to(replying, PRIYA)
    assert str(lead_s["Reply-To"]).startswith("closeout+")

    later = DAY + timedelta(days=14)  # ten working days on: the manager hears
    daily_check.fn(as_of=later, runtime=replying)
    [escalation] = _mails_to(replying, SAM)
    reply_to = str(escalation["Reply-To"])
    assert reply_to.startswith("closeout+") and "You can also reply" in _text(escalation)

    with session_scope(replying.engine) as session:
        sam = person_by_email(session, SAM)
        update = _answered(
            session, sam, reply_to, "1: blocked until the new auditor starts", on=later
        )
        assert update.status_to == Status.BLOCKED and "new auditor" in update.note


def test_a_readiness_report_carries_a_token_and_the_director_s_reply_is_recorded(
    replying: Runtime,
) -> None:
    load_example_as_of(replying, DAY)
    with session_scope(replying.engine) as session:
        window = session.exec(select(Inspection)).one().next_window_start
    assert window is not None
    day = window - timedelta(days=30)

    readiness_report.fn(as_of=day, runtime=replying)

    [report] = _mails_to(replying, DANA)
    reply_to, text = str(report["Reply-To"]), _text(report)
    assert reply_to.startswith("closeout+") and "You can also reply" in text
    first = re.search(r"^### 1\. .*?Reference: (\d+)", text, re.MULTILINE | re.DOTALL)
    assert first is not None
    with session_scope(replying.engine) as session:
        dana = person_by_email(session, DANA)
        update = _answered(session, dana, reply_to, "1: started, the audit is booked", on=day)
        assert update.area_id == int(first.group(1)) and "audit is booked" in update.note
