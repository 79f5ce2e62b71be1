"""Writing an iCalendar feed of due dates as all-day events (RFC 5545), with `icalendar`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, vText


@dataclass(frozen=True)
class DueEvent:
    """One area's due date, as a calendar shows it."""

    uid: str
    day: date
    summary: str
    description: str
    url: str


def _event(due: DueEvent, stamp: datetime) -> Event:
    """One all-day VEVENT, free time (TRANSPARENT), linking to the area."""
    event = Event()
    event.add("uid", due.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", due.day)
    event.add("dtend", due.day + timedelta(days=1))
    event.add("summary", due.summary)
    event.add("description", due.description)
    event.add("url", due.url)
    event.add("transp", "TRANSPARENT")
    return event


def calendar(name: str, events: Iterable[DueEvent], stamp: datetime) -> str:
    """A VCALENDAR with one all-day VEVENT per due date: text escaped and lines folded at 75
    octets as RFC 5545 asks, by the `icalendar` package."""
    feed = Calendar()
    feed.add("version", "2.0")
    feed.add("prodid", "-//Closeout//Due dates//EN")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", vText(name))  # text, escaped like any other
    stamped = stamp.astimezone(UTC)
    for due in events:
        feed.add_component(_event(due, stamped))
    written: bytes = feed.to_ical()
    return written.decode("utf-8")
