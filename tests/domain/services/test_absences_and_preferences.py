"""Who acts for someone away, and which channels and rhythm delivery honours, on real tables."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session

from domain.accounts.absences import acting_for, delegate_for
from domain.accounts.away import end_absence, set_absence
from domain.accounts.models import Authority, Person
from domain.accounts.preferences import Channel, Rhythm, preference_of, set_preference
from domain.errors import Conflict, InvalidInput, NotPermitted
from domain.permissions import SYSTEM
from domain.reminders.claimed import ClaimedReminder, Recipient
from domain.reminders.models import ReminderReason
from domain.reminders.policy import Policy
from domain.reminders.routing import route
from domain.vocabulary import Role
from notifications.addressing import envelope_for
from notifications.channels import DeliverySettings
from notifications.rendering import Message
from tests import factories
from tests.factories import NOW

MONDAY = date(2026, 3, 2)
TEAMS = "msteams://team/token_a/token_b/token_c"
HOOK = "json://hooks.example.org/closeout"


def _team(session: Session) -> tuple[Authority, Person, Person, Person]:
    where = factories.authority(session)
    manager = factories.person(session, where, Role.MANAGER)
    lead = factories.person(session, where, Role.LEAD, manager=manager)
    colleague = factories.person(session, where, Role.LEAD, manager=manager)
    return where, manager, lead, colleague


def _away(session: Session, who: Person, delegate: Person | None, days: int = 4) -> None:
    set_absence(
        session,
        person=who,
        starts_on=MONDAY,
        ends_on=MONDAY + timedelta(days=days),
        delegate=delegate,
        by=SYSTEM,
        today=MONDAY,
        now=NOW,
    )


def test_the_delegate_acts_while_away_and_the_manager_when_none_is_named(
    session: Session,
) -> None:
    _, manager, lead, colleague = _team(session)
    _away(session, lead, colleague)
    assert delegate_for(session, lead.id or 0, MONDAY) == colleague.id
    assert acting_for(session, colleague.id or 0, MONDAY) == [lead.id]
    assert delegate_for(session, lead.id or 0, MONDAY + timedelta(days=5)) is None
    # The delegate away too: whoever acts for them acts for both.
    _away(session, colleague, None, days=1)
    assert delegate_for(session, lead.id or 0, MONDAY) == manager.id
    assert set(acting_for(session, manager.id or 0, MONDAY)) == {lead.id, colleague.id}


def test_absences_do_not_overlap_and_others_may_not_set_them(session: Session) -> None:
    _, manager, lead, colleague = _team(session)
    _away(session, lead, None)
    with pytest.raises(Conflict, match="is away already"):
        _away(session, lead, colleague, days=1)
    colleague_actor = factories.actor(session, colleague)
    with pytest.raises(NotPermitted):
        end_absence(session, person=lead, by=colleague_actor, today=MONDAY, now=NOW)
    # Their manager may end it; a cancelled absence no longer blocks a new one.
    ended = end_absence(
        session, person=lead, by=factories.actor(session, manager), today=MONDAY, now=NOW
    )
    assert ended.is_cancelled and delegate_for(session, lead.id or 0, MONDAY) is None
    _away(session, lead, colleague, days=1)
    assert delegate_for(session, lead.id or 0, MONDAY) == colleague.id


def _held(reminder_id: int, person: Person, reason: ReminderReason) -> ClaimedReminder:
    return ClaimedReminder(
        id=reminder_id,
        reason=reason,
        window_key=1,
        recipient=Recipient(person.id or 0, person.name, person.email, ()),
        authority_id=person.authority_id or 0,
        authority="A",
        area_id=1,
    )


def _teams_weekly(session: Session, lead: Person, day: str, *more: str) -> None:
    """The lead, with a Teams target (and `more`), takes one Teams digest a week on `day`."""
    lead.extra_addresses = [TEAMS, *more]
    session.add(lead)
    session.commit()
    set_preference(
        session,
        person=lead,
        policy=Policy(),
        channels=["teams"],
        rhythm="weekly",
        weekly_day=day,
        by=factories.actor(session, lead),
        now=NOW,
    )


def test_routing_honours_channels_rhythm_and_absence(session: Session) -> None:
    _, manager, lead, colleague = _team(session)
    _teams_weekly(session, lead, "Wednesday", HOOK)
    held = [
        _held(1, lead, ReminderReason.OVERDUE),
        _held(2, manager, ReminderReason.ESCALATE_MANAGER),
    ]
    monday = route(session, held, MONDAY)
    assert monday.held_back == [1] and [r.id for r in monday.reminders] == [2]
    [teams_only] = route(session, held, MONDAY + timedelta(days=2)).reminders[:1]
    assert teams_only.recipient.extra_addresses == (TEAMS,) and not teams_only.recipient.by_email
    envelope = envelope_for(
        "k", Message("s", "t", "<p>t</p>"), teams_only.recipient, DeliverySettings()
    )
    assert envelope.to_email is None and envelope.extra_urls == (TEAMS,)
    # Away: the colleague (daily, by email) takes it at once, marked as the lead's.
    _away(session, lead, colleague)
    [for_lead, _] = route(session, held, MONDAY).reminders
    assert for_lead.recipient.email == colleague.email and for_lead.recipient.by_email
    assert for_lead.on_behalf_of is not None and for_lead.on_behalf_of.person_id == lead.id


def test_a_channel_policy_closes_later_falls_back_to_email(session: Session) -> None:
    _, _, lead, _ = _team(session)
    _teams_weekly(session, lead, "fri")
    actor = factories.actor(session, lead)
    closed = Policy(allow_teams=False, allow_weekly_rhythm=False)
    honoured = preference_of(session, lead, closed)
    assert honoured.channels == frozenset({Channel.EMAIL}) and honoured.rhythm == Rhythm.DAILY
    with pytest.raises(InvalidInput, match="not offered by your authority"):
        set_preference(
            session,
            person=lead,
            policy=closed,
            channels=["teams"],
            rhythm="daily",
            by=actor,
            now=NOW,
        )
