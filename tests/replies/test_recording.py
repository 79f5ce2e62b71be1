"""Recording a reply to a digest, on SQLite and PostgreSQL: what it records, once, and what
it refuses whole."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, col, func, select

from domain.accounts.away import set_absence
from domain.accounts.models import Person
from domain.areas.models import DevelopmentArea, Evidence, ProgressUpdate
from domain.areas.services import assign_area
from domain.permissions import SYSTEM
from domain.replies.issuing import issue_reply_token, may_answer
from domain.replies.models import InboundReply, ReplyOutcome
from domain.replies.recording import ReplySettings, record_reply
from domain.replies.tokens import reply_address
from domain.vocabulary import Role, Status
from tests import factories
from tests.replies.mails import PDF, reply

SETTINGS = ReplySettings(address="closeout@replies.example.org", secret="s" * 32, token_days=30)
NOW = factories.NOW + timedelta(days=1)
TITLES = ["Plans lack timescales.", "Supervision is irregular.", "Audits are not used."]


def _world(session: Session) -> tuple[Person, Person, list[DevelopmentArea], str]:
    """A lead with two of three areas (the third is another lead's), and her digest's
    reply address naming all three."""
    where = factories.authority(session)
    manager = factories.person(session, where, Role.MANAGER)
    lead = factories.person(session, where, Role.LEAD, manager=manager)
    other = factories.person(session, where, Role.LEAD, manager=manager)
    areas = factories.inspection_with_areas(session, where, TITLES)
    for area, owner in zip(areas, (lead, lead, other), strict=True):
        assign_area(session, area_id=area.id or 0, owner_email=owner.email, now=NOW, by=SYSTEM)
    token = issue_reply_token(
        session,
        person_id=lead.id or 0,
        area_ids=[a.id or 0 for a in areas],
        reminder_ids=[11, 12, 13],
        today=NOW.date(),
        now=NOW,
        secret=SETTINGS.secret,
    )
    return lead, manager, areas, reply_address(SETTINGS.address, token)


def _updates(session: Session, area: DevelopmentArea) -> list[ProgressUpdate]:
    return list(
        session.exec(
            select(ProgressUpdate)
            .where(ProgressUpdate.area_id == area.id, col(ProgressUpdate.note) != "")
            .where(col(ProgressUpdate.note).not_like("Lead assigned%"))
        )
    )


def _count(session: Session, table: type) -> int:
    return int(session.exec(select(func.count()).select_from(table)).one())


def test_numbered_lines_record_notes_and_status_once(session: Session) -> None:
    lead, _, areas, address = _world(session)
    raw = reply(
        sender=lead.email.upper(),
        to=address,
        text="Hello,\n\n1: audit booked for March\n2: done, minutes on the drive",
    )
    first = record_reply(session, raw, now=NOW, settings=SETTINGS)
    again = record_reply(session, raw, now=NOW, settings=SETTINGS)

    assert first.outcome == ReplyOutcome.RECORDED and not first.repeated
    assert again.repeated and again.reply_id == first.reply_id
    [note] = _updates(session, areas[0])
    assert note.note == "audit booked for March" and note.status_to is None
    [done] = _updates(session, areas[1])
    assert done.status_to == Status.COMPLETED and done.author_id == lead.id
    assert "Kind regards" not in done.note and "wrote:" not in done.note
    assert f"1. Plans lack timescales (reference {areas[0].id})" in first.summary
    assert "status now completed" in first.summary
    assert _count(session, InboundReply) == 1


def test_an_area_the_sender_may_not_update_is_refused_and_the_others_kept(
    session: Session,
) -> None:
    lead, _, areas, address = _world(session)
    raw = reply(sender=lead.email, to=address, text="1: started\n3: started too")
    result = record_reply(session, raw, now=NOW, settings=SETTINGS)

    assert result.outcome == ReplyOutcome.RECORDED
    [started] = _updates(session, areas[0])
    assert started.status_to == Status.IN_PROGRESS
    assert _updates(session, areas[2]) == []
    assert session.get(DevelopmentArea, areas[2].id).status == Status.OPEN  # type: ignore[union-attr]
    assert "- 3: " in result.summary and "may not" in result.summary


def test_a_token_is_used_once_per_area(session: Session) -> None:
    lead, _, areas, address = _world(session)
    record_reply(
        session, reply(sender=lead.email, to=address, text="1: first"), now=NOW, settings=SETTINGS
    )
    second = record_reply(
        session,
        reply(sender=lead.email, to=address, text="1: again\n2: new"),
        now=NOW,
        settings=SETTINGS,
    )
    assert [u.note for u in _updates(session, areas[0])] == ["first"]
    assert [u.note for u in _updates(session, areas[1])] == ["new"]
    assert "recorded on this area already" in second.summary
    third = record_reply(
        session,
        reply(sender=lead.email, to=address, text=f"3: x\n#{areas[0].id}: y\n1: z"),
        now=NOW,
        settings=SETTINGS,
    )
    assert "named twice" in third.summary


def test_an_attachment_becomes_evidence_of_the_one_area_named(session: Session) -> None:
    lead, _, areas, address = _world(session)
    raw = reply(
        sender=lead.email, to=address, text="2: audit report attached", files=(("audit.pdf", PDF),)
    )
    result = record_reply(session, raw, now=NOW, settings=SETTINGS)
    [evidence] = session.exec(select(Evidence).where(Evidence.area_id == areas[1].id)).all()
    assert evidence.file_name == "audit.pdf" and evidence.content_type == "application/pdf"
    assert "evidence audit.pdf" in result.summary


def test_wrong_sender_tampered_expired_and_empty_replies_record_nothing(session: Session) -> None:
    lead, _, areas, address = _world(session)
    local, _, domain = address.partition("@")
    tampered = local[:-1] + ("a" if local[-1] != "a" else "b") + "@" + domain
    stranger = reply(sender="someone@elsewhere.example", to=address, text="1: done")
    forged = reply(sender=lead.email, to=tampered, text="1: done")
    late = reply(sender=lead.email, to=address, text="1: done")
    empty = reply(sender=lead.email, to=address, text="", signature="-- \nPriya")
    outcomes = [
        record_reply(session, stranger, now=NOW, settings=SETTINGS),
        record_reply(session, forged, now=NOW, settings=SETTINGS),
        record_reply(session, late, now=NOW + timedelta(days=40), settings=SETTINGS),
        record_reply(session, empty, now=NOW, settings=SETTINGS),
    ]
    assert {o.outcome for o in outcomes} == {ReplyOutcome.REFUSED}
    assert all(_updates(session, area) == [] for area in areas)
    assert (
        TITLES[0] not in outcomes[0].summary
        and "person the reminder was sent to" in outcomes[0].summary
    )
    assert "not issued by Closeout" in outcomes[1].summary
    assert "accepted for 30 days" in outcomes[2].summary
    assert "could not find an update" in outcomes[3].summary
    assert [o.answer_to for o in outcomes] == [
        "someone@elsewhere.example",
        lead.email,
        lead.email,
        lead.email,
    ]
    kept = session.exec(select(InboundReply).order_by(col(InboundReply.id))).all()
    assert len(kept) == 4 and all(address.split("+")[1] not in k.summary for k in kept)


def test_the_delegate_of_an_absent_lead_may_reply(session: Session) -> None:
    lead, manager, areas, address = _world(session)
    set_absence(
        session,
        person=lead,
        starts_on=date(2026, 3, 2),
        ends_on=date(2026, 3, 13),
        delegate=None,
        by=SYSTEM,
        today=date(2026, 3, 2),
        now=factories.NOW,
    )
    result = record_reply(
        session,
        reply(sender=manager.email, to=address, text="2: blocked by HR"),
        now=NOW,
        settings=SETTINGS,
    )
    assert result.outcome == ReplyOutcome.RECORDED
    [update] = _updates(session, areas[1])
    assert update.status_to == Status.BLOCKED and update.author_id == manager.id


def test_a_digest_carries_a_token_only_for_a_reader_who_may_record_on_all_its_areas(
    session: Session,
) -> None:
    lead, manager, areas, _ = _world(session)
    ids = [a.id or 0 for a in areas]
    other = session.get(Person, areas[2].owner_id)
    assert other is not None
    assert may_answer(session, lead.id or 0, ids[:2])
    assert not may_answer(session, lead.id or 0, ids)  # the third is another lead's
    assert not may_answer(session, other.id or 0, ids[:2])  # a peer, acting for her, may not
    assert may_answer(session, manager.id or 0, ids)  # an escalation, or acting for her
    assert not may_answer(session, lead.id or 0, [])
    manager.active = False
    session.add(manager)
    session.commit()
    assert not may_answer(session, manager.id or 0, ids)
