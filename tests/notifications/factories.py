"""Factories for digest items, digests and envelopes; each call builds fresh objects."""

from __future__ import annotations

from datetime import date
from typing import Any

from notifications import Digest, DigestItem, Envelope, Message

RUN_DATE = date(2025, 3, 3)  # a Monday


def make_item(**overrides: Any) -> DigestItem:
    """An overdue item in Southwark; override any field."""
    area_id = overrides.get("area_id", "AD-1")
    fields: dict[str, Any] = {
        "area_id": area_id,
        "title": "Strengthen management oversight of referrals",
        "authority": "Southwark",
        "status": "in_progress",
        "reason": "overdue",
        "update_url": f"https://closeout.example.org/areas/{area_id}/update",
        "due_date": date(2025, 2, 21),
        "days_overdue": 10,
        "rag": "red",
        "lead_name": "Priya Shah",
    }
    fields.update(overrides)
    return DigestItem(**fields)


def make_digest(*items: DigestItem, **overrides: Any) -> Digest:
    """A reminder digest for Alice Okafor holding `items` (one overdue item when none given)."""
    fields: dict[str, Any] = {
        "recipient_name": "Alice Okafor",
        "recipient_email": "alice.okafor@example.org",
        "kind": "reminder",
        "run_date": RUN_DATE,
        "items": items or (make_item(),),
    }
    fields.update(overrides)
    return Digest(**fields)


def make_envelope(number: int = 1, **overrides: Any) -> Envelope:
    """An envelope with a small message for person `number`."""
    fields: dict[str, Any] = {
        "key": f"reminder:{number}",
        "message": Message(
            subject=f"Closeout: 1 overdue — 1 development area needs you ({number})",
            text=f"Plain text for person {number}",
            html=f"<p>HTML for person <strong>{number}</strong></p>",
        ),
        "to_email": f"person{number}@example.org",
        "to_name": f"Person {number}",
    }
    fields.update(overrides)
    return Envelope(**fields)
