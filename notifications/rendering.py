"""Render digests into email-ready messages: a subject, a plain-text body and an HTML body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from domain.dates import written_date
from domain.labels import LABEL_FILTERS
from notifications.digests import (
    Digest,
    DigestItem,
    Reason,
    by_urgency,
    count_by_reason,
    group_by_lead,
    numbered,
)

TEMPLATES = Path(__file__).parent / "templates"

SUBJECT_COUNTS: dict[Reason, str] = {
    "escalation": "{n} escalated",
    "overdue": "{n} overdue",
    "due_today": "{n} due today",
    "due_soon": "{n} due soon",
    "stale": "{n} not updated recently",
    "at_risk": "{n} at risk",
}


@dataclass(frozen=True)
class Message:
    """A rendered message: one subject line and the same content as plain text and as HTML."""

    subject: str
    text: str
    html: str


def long_date(value: date | None) -> str:
    """A date as GOV.UK style writes it: 3 March 2025."""
    return "not set" if value is None else written_date(value)


def day_and_date(value: date) -> str:
    """A date with its weekday: Monday 3 March 2025."""
    return f"{value:%A} {long_date(value)}"


def plural(n: int, one: str, many: str) -> str:
    """`n` followed by the singular or plural noun: 1 area, 2 areas."""
    return f"{n} {one if n == 1 else many}"


def headline(item: DigestItem, run_date: date) -> str:
    """Why the item is in the digest, in a few words a lead can act on."""
    overdue = f"overdue by {plural(item.days_overdue, 'day', 'days')}" if item.days_overdue else ""
    if item.reason == "escalation":
        return f"Escalated: {overdue}" if overdue else "Escalated"
    if item.reason == "overdue":
        return overdue.capitalize() if overdue else "Overdue"
    if item.reason == "due_today":
        return "Due today"
    if item.reason == "due_soon":
        if item.due_date is None:
            return "Due soon"
        return f"Due in {plural((item.due_date - run_date).days, 'day', 'days')}"
    if item.reason == "stale":
        if item.last_update_on is None:
            return "No progress update recorded"
        return f"No progress update since {long_date(item.last_update_on)}"
    return "At risk"


def markdown_escape(value: object) -> str:
    """Text on one line with Markdown's inline punctuation escaped, so it cannot become markup."""
    return re.sub(r"([\\`*_{}\[\]<>|~])", r"\\\1", " ".join(str(value).split()))


@cache
def environment() -> Environment:
    """The Jinja environment; HTML templates escape every value, text templates keep them."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        LABEL_FILTERS, long_date=long_date, day_and_date=day_and_date, md=markdown_escape
    )
    env.globals.update(plural=plural, headline=headline, gap=Markup(GAP))
    return env


GAP = "<!--gap-->"


def compact_html(html: str) -> str:
    """HTML without line breaks between tags, and a space where the templates mark a gap.

    Apprise's HTML-to-text conversion (the plain-text part of every email) turns each
    whitespace-only run between block tags into a blank line; a browser ignores them. So the
    templates' own layout whitespace goes, and a single space stands where they want one.
    """
    return re.sub(r">\s*\n\s*<", "><", html).replace(GAP, " ").strip() + "\n"


def digest_subject(digest: Digest) -> str:
    """A subject that says what is inside, e.g. 'Closeout: 2 overdue, 1 due soon — 3 ...'."""
    counted = [SUBJECT_COUNTS[r].format(n=n) for r, n in count_by_reason(digest.items)]
    if digest.notices:
        counted.append(plural(len(digest.notices), "new due date", "new due dates") + " not agreed")
    counts = ", ".join(counted)
    total = len(digest.items)
    if not total:
        return f"Closeout: {counts}"
    areas = plural(total, "development area", "development areas")
    if digest.kind == "escalation":
        leads = len(group_by_lead(digest.items))
        return f"Closeout escalation: {counts} — {areas} across {plural(leads, 'lead', 'leads')}"
    if digest.kind == "readiness":
        return f"Closeout readiness: {counts} — {areas} before the next inspection"
    return f"Closeout: {counts} — {areas} {'needs' if total == 1 else 'need'} you"


def digest_wording(digest: Digest) -> dict[str, str]:
    """The sentences around the items: an introduction, a closing request and a footer."""
    total = len(digest.items)
    areas = plural(total, "development area", "development areas")
    verb = "needs" if total == 1 else "need"
    on_day = day_and_date(digest.run_date)
    if digest.kind == "escalation":
        leads = plural(len(group_by_lead(digest.items)), "lead", "leads")
        return {
            "intro": f"{areas} led by {leads} {verb} your attention on {on_day}. "
            "They are grouped by lead, most urgent first.",
            "closing": "Please follow these up with each lead, or agree a revised due date "
            "where the original can no longer be met.",
            "footer": "Closeout sent you this escalation because you manage the leads named.",
        }
    footer = "Closeout sent you this because you lead development areas from an Ofsted inspection."
    if not total:
        several = len(digest.notices) > 1
        return {
            "intro": "New due dates you asked for were not agreed. The reasons are below."
            if several
            else "A new due date you asked for was not agreed. The reason is below.",
            "closing": "Please record progress using the link, or talk to whoever decided "
            "before you ask for a new date again.",
            "footer": "Closeout sent you this because you asked for a new due date.",
        }
    if digest.kind == "readiness":
        return {
            "intro": f"{areas} you lead {verb} attention before the next inspection. "
            "Inspectors will ask what has changed since the last visit.",
            "closing": "Please record progress and evidence for each area using the links.",
            "footer": footer,
        }
    return {
        "intro": f"{areas} you lead {verb} your attention on {on_day}, most urgent first.",
        "closing": "Please record progress using the links, or ask your manager to agree "
        "a revised due date.",
        "footer": footer,
    }


def reply_hint(digest: Digest) -> str:
    """How to record progress by replying, when a reply does; empty otherwise."""
    return reply_hint_for(len(digest.items)) if digest.replies else ""


def reply_hint_for(areas: int) -> str:
    """How to record progress by replying to a message numbering `areas` areas."""
    if not areas:
        return ""
    if areas == 1:
        return (
            "You can also reply to this email: write your update above this message. The "
            "words done, blocked or started set the status, and attached files are kept as "
            "evidence."
        )
    return (
        "You can also reply to this email: write your updates above this message, each "
        "starting with the area's number, for example “2: audit booked for March”. The "
        "words done, blocked or started set the status."
    )


def away_note(digest: Digest) -> str:
    """The line that says a digest came to its reader for someone away; empty otherwise."""
    return on_behalf_line(digest.away_note)


def on_behalf_line(note: str) -> str:
    """'This was sent to you while <note>: ...' for a message routed to a delegate, from its
    note ('Priya Raman is away until 14 December 2026'); empty without one."""
    if not note:
        return ""
    return f"This was sent to you while {note}: you act for them meanwhile."


def render_digest(digest: Digest) -> Message:
    """Render one person's digest, items ordered by urgency (grouped by lead for escalations)."""
    subject = digest_subject(digest)
    context = {
        "digest": digest,
        "subject": subject,
        "items": by_urgency(digest.items),
        "groups": group_by_lead(digest.items) if digest.kind == "escalation" else (),
        "numbers": {item.area_id: n for n, item in enumerate(numbered(digest), start=1)},
        "reply_hint": reply_hint(digest),
        "away_note": away_note(digest),
        **digest_wording(digest),
    }
    env = environment()
    return Message(
        subject=subject,
        text=env.get_template("digest.txt.j2").render(context),
        html=compact_html(env.get_template("digest.html.j2").render(context)),
    )
