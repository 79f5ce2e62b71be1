"""A digest's envelope with its Reply-To: the reply address and a token naming the digest."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.replies.issuing import issue_reply_token
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
    """`one`'s digest rendered and addressed to its recipient; when replies are on and it
    names areas, replying to it records progress (its Reply-To carries a signed token)."""
    key = f"digest {one.recipient.email}"
    settings = reply_settings_of(runtime.settings)
    if settings is None or not one.digest.items:
        return envelope_for(key, render_digest(one.digest), one.recipient, delivery)
    digest = replace(one.digest, replies=True)
    with session_scope(runtime.engine) as session:
        token = issue_reply_token(
            session,
            person_id=one.recipient.id,
            area_ids=[int(item.area_id) for item in numbered(digest)],
            reminder_ids=one.reminder_ids,
            today=today,
            now=runtime.clock.now(),
            secret=settings.secret,
        )
    envelope = envelope_for(key, render_digest(digest), one.recipient, delivery)
    return replace(envelope, reply_to=reply_address(settings.address, token))
