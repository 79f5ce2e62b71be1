"""A digest's or readiness report's envelope with its Reply-To: the reply address and a token
naming the message, for a reader whose reply could record progress on the areas it lists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from domain.reminders.claimed import ClaimedReminder
from domain.replies.issuing import issue_reply_token, may_answer
from domain.replies.tokens import reply_address
from infra.db import session_scope
from infra.inbound_mail import reply_settings_of
from infra.runtime import Runtime
from notifications import (
    DeliverySettings,
    Envelope,
    ReadinessReport,
    render_digest,
    render_readiness_report,
)
from notifications.addressing import AddressedDigest, envelope_for
from notifications.digests import numbered
from notifications.readiness import numbered_areas


def reply_to_for(
    runtime: Runtime,
    today: date,
    person_id: int,
    area_ids: Sequence[int],
    reminder_ids: Sequence[int],
) -> str | None:
    """The Reply-To for a message listing `area_ids` (in the order it numbers them) to the
    person: a signed token naming it, when replies are on and a reply from the person could
    record progress on every one of them (`may_answer`); None otherwise."""
    settings = reply_settings_of(runtime.settings)
    if settings is None or not area_ids:
        return None
    with session_scope(runtime.engine) as session:
        if not may_answer(session, person_id, area_ids):
            return None
        token = issue_reply_token(
            session,
            person_id=person_id,
            area_ids=area_ids,
            reminder_ids=reminder_ids,
            today=today,
            now=runtime.clock.now(),
            secret=settings.secret,
        )
    return reply_address(settings.address, token)


def digest_envelope(
    runtime: Runtime, today: date, one: AddressedDigest, delivery: DeliverySettings
) -> Envelope:
    """`one`'s digest rendered and addressed to its recipient, with a Reply-To when replying
    to it records progress.

    Every digest of the daily check comes here: a lead's, a weekly reader's on their day, an
    escalation to a manager or director, and one taken for someone away. A reader who could
    not record progress on its areas (a lead acting for a peer, `may_answer`) gets it with no
    Reply-To and no invitation to reply.
    """
    key = f"digest {one.recipient.email}"
    area_ids = [int(item.area_id) for item in numbered(one.digest)]
    address = reply_to_for(runtime, today, one.recipient.id, area_ids, one.reminder_ids)
    if address is None:
        return envelope_for(key, render_digest(one.digest), one.recipient, delivery)
    digest = replace(one.digest, replies=True)
    envelope = envelope_for(key, render_digest(digest), one.recipient, delivery)
    return replace(envelope, reply_to=address)


def readiness_envelope(
    runtime: Runtime,
    today: date,
    one: ClaimedReminder,
    report: ReadinessReport,
    delivery: DeliverySettings,
) -> Envelope:
    """The readiness report `one` owes, addressed to whoever takes it; a director (or a
    manager acting for one) may record progress on every area it lists, so it carries a
    Reply-To the same way, its areas numbered for the reply."""
    key = f"readiness {one.recipient.email}"
    area_ids = [int(area.area_id) for area in numbered_areas(report)]
    address = reply_to_for(runtime, today, one.recipient.id, area_ids, (one.id,))
    if address is None:
        return envelope_for(key, render_readiness_report(report), one.recipient, delivery)
    numbered_report = replace(report, replies=True)
    envelope = envelope_for(key, render_readiness_report(numbered_report), one.recipient, delivery)
    return replace(envelope, reply_to=address)
