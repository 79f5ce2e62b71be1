"""Readiness reports: where an authority's open development areas stand before inspection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.reminders.readiness import ReadinessArea
from notifications.rendering import (
    Message,
    compact_html,
    environment,
    long_date,
    on_behalf_line,
    plural,
    reply_hint_for,
)

# Each area is listed once, under the first of these headings that applies to it.
SECTIONS = (
    ("likely_carried_over", "Likely to be carried over"),
    ("overdue", "Overdue"),
    ("at_risk", "At risk"),
    ("open", "Other open areas"),
)


def section_of(area: ReadinessArea) -> str:
    """The key of the heading the area is listed under."""
    if area.is_likely_carried_over:
        return "likely_carried_over"
    if area.is_overdue:
        return "overdue"
    return "at_risk" if area.is_at_risk else "open"


@dataclass(frozen=True)
class ReadinessReport:
    """An authority's open areas on `run_date`, ahead of a window that opens on `window_opens`."""

    authority: str
    run_date: date
    window_opens: date
    areas: tuple[ReadinessArea, ...]
    # Set when it goes to a delegate: "Dana Okafor is away until 14 December 2026".
    away_note: str = ""
    # Set when a reply to it records progress: its areas are then numbered for the reply.
    replies: bool = False

    def __post_init__(self) -> None:
        if self.window_opens < self.run_date:
            raise ValueError(
                f"inspection window opening {self.window_opens} is before the run date "
                f"{self.run_date}; give a window that opens on or after it"
            )
        object.__setattr__(self, "areas", tuple(self.areas))

    @property
    def days_to_window(self) -> int:
        """Calendar days from the run date until the window opens."""
        return (self.window_opens - self.run_date).days

    def counts(self) -> dict[str, int]:
        """How many areas are open, overdue, at risk and likely to be carried over."""
        return {
            "open": len(self.areas),
            "overdue": sum(a.is_overdue for a in self.areas),
            "at_risk": sum(a.is_at_risk for a in self.areas),
            "likely_carried_over": sum(a.is_likely_carried_over for a in self.areas),
        }

    def sections(self) -> tuple[tuple[str, tuple[ReadinessArea, ...]], ...]:
        """Headings with their areas, most overdue first within each; empty headings left out."""
        ordered = sorted(
            self.areas,
            key=lambda a: (-a.days_overdue, a.due_date or date.max, a.title.casefold()),
        )
        found = []
        for key, heading in SECTIONS:
            members = tuple(a for a in ordered if section_of(a) == key)
            if members:
                found.append((heading, members))
        return tuple(found)


def numbered_areas(report: ReadinessReport) -> tuple[ReadinessArea, ...]:
    """The areas in the order the report lists them, 1 first: a reply's "2: ..." names the
    second."""
    return tuple(area for _, areas in report.sections() for area in areas)


def readiness_subject(report: ReadinessReport) -> str:
    """A subject naming the authority, the window and the most pressing counts."""
    counts = report.counts()
    areas = plural(counts["open"], "open area", "open areas")
    return (
        f"Closeout readiness: {report.authority} — {areas}, {counts['overdue']} overdue, "
        f"{counts['likely_carried_over']} likely carried over; "
        f"window opens {long_date(report.window_opens)}"
    )


def render_readiness_report(report: ReadinessReport) -> Message:
    """Render the report as Markdown (the plain-text body) and as HTML."""
    subject = readiness_subject(report)
    context = {
        "report": report,
        "subject": subject,
        "counts": report.counts(),
        "sections": report.sections(),
        "away_note": on_behalf_line(report.away_note),
        "numbers": (
            {a.area_id: n for n, a in enumerate(numbered_areas(report), start=1)}
            if report.replies
            else {}
        ),
        "reply_hint": reply_hint_for(len(report.areas)) if report.replies else "",
    }
    env = environment()
    return Message(
        subject=subject,
        text=env.get_template("readiness.md.j2").render(context),
        html=compact_html(env.get_template("readiness.html.j2").render(context)),
    )
