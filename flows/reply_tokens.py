"""A digest's envelope with its Reply-To: the reply address and a token naming the digest."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.replies.issuing import issue_reply_token, may_answer
from domain.replies.tokens import reply_address
from infra.db import session_scope
from infra.inbound_mail import reply_settings_of
from infra.runtime import Runtime
from notifications import DeliverySettings, Envelope, render_digest
from notifications.addressing import AddressedDigest, envelope_for
from notifications.digests import numbered


def digest_envelope(
    runtime: Runtime, today: date, one: AddressedDigest, delivery: DeliverySettings
) -> Envelope:
    """`one`'s digest rendered and addressed to its recipient; when replies are on, it names
    areas and its reader may record progress on them, replying to it records progress (its
    Reply-To carries a signed token).

    Every digest of the daily check comes here: a lead's, a weekly reader's on their day, an
    escalation to a manager or director, and one taken for someone away. A reader who could
    not record progress on its areas (a lead acting for a peer, `may_answer`) gets it with no
    Reply-To and no invitation to reply. Readiness reports carry no token: they number no
    areas for a reply to name, and the director acts on them in the web app.
    """
    key = f"digest {one.recipient.email}"
    settings = reply_settings_of(runtime.settings)
    token = None
    if settings is not None and one.digest.items:
        area_ids = [int(item.area_id) for item in numbered(one.digest)]
        with session_scope(runtime.engine) as session:
            if may_answer(session, one.recipient.id, area_ids):
                token = issue_reply_token(
                    session,
                    person_id=one.recipient.id,
                    area_ids=area_ids,
                    reminder_ids=one.reminder_ids,
                    today=today,
                    now=runtime.clock.now(),
                    secret=settings.secret,
                )
    if settings is None or token is None:
        return envelope_for(key, render_digest(one.digest), one.recipient, delivery)
    digest = replace(one.digest, replies=True)
    envelope = envelope_for(key, render_digest(digest), one.recipient, delivery)
    return replace(envelope, reply_to=reply_address(settings.address, token))
