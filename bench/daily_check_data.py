"""Generates the daily-check benchmark's data: authorities, leads, inspections and areas.

Rows are written in bulk (COPY on PostgreSQL), seeded, so every run measures the same world.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Engine, text
from sqlmodel import Session, SQLModel

from domain.accounts.models import Authority, Person
from domain.areas.models import DevelopmentArea
from domain.inspections.models import Finding, Inspection
from domain.reminders.calendar_table import ensure_working_days
from infra.db import make_engine

TODAY = date(2026, 6, 3)  # a Wednesday; the run before it is Tuesday's
AUTHORITIES = 153
AREAS_PER_LEAD = 50
CHUNK = 20_000
STAMP = datetime(2025, 1, 6, 9, tzinfo=UTC)


def generate(url: str, areas: int, seed: int = 7) -> None:
    """Authorities with a director and managers, leads, one inspection each, and the areas."""
    rng = random.Random(seed)
    engine = make_engine(url)
    SQLModel.metadata.create_all(engine)
    leads = max(areas // AREAS_PER_LEAD, 1)
    with engine.begin() as db:
        db.execute(
            Authority.__table__.insert(),  # type: ignore[attr-defined]
            [
                {"id": a, "name": f"Authority {a}", "policy": {}, "created_at": STAMP}
                for a in range(1, AUTHORITIES + 1)
            ],
        )
        people = [_person(a, a, "director", None) for a in range(1, AUTHORITIES + 1)]
        managers = max(leads // 20, AUTHORITIES)
        base = AUTHORITIES + 1
        people += [
            _person(base + m, m % AUTHORITIES + 1, "manager", m % AUTHORITIES + 1)
            for m in range(managers)
        ]
        first_lead = base + managers
        people += [
            _person(first_lead + n, (n % managers) % AUTHORITIES + 1, "lead", base + n % managers)
            for n in range(leads)
        ]
        db.execute(Person.__table__.insert(), people)  # type: ignore[attr-defined]
        # One authority in twenty expects its next inspection within three months.
        db.execute(
            Inspection.__table__.insert(),  # type: ignore[attr-defined]
            [
                _inspection(a, TODAY + timedelta(days=40 if a % 20 == 0 else 400))
                for a in range(1, AUTHORITIES + 1)
            ],
        )
        db.execute(
            Finding.__table__.insert(),  # type: ignore[attr-defined]
            [
                {
                    "id": a,
                    "inspection_id": a,
                    "kind": "area_for_development",
                    "heading": "Areas",
                    "text": "An area for development.",
                    "position": 0,
                }
                for a in range(1, AUTHORITIES + 1)
            ],
        )
    rows = (_area(rng, n, first_lead, leads, managers) for n in range(areas))
    if engine.dialect.name == "postgresql":
        _copy_areas(engine, rows)
    else:
        while chunk := list(itertools.islice(rows, CHUNK)):
            with engine.begin() as db:
                db.execute(DevelopmentArea.__table__.insert(), chunk)  # type: ignore[attr-defined]
    with Session(engine) as session:
        ensure_working_days(session, TODAY)
    if engine.dialect.name == "postgresql":
        with engine.connect() as db:
            db.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as db:
            db.execute(text("ANALYZE"))
    engine.dispose()


def _copy_areas(engine: Engine, rows: Iterator[dict[str, object]]) -> None:
    """Stream the areas into PostgreSQL with COPY: a million rows in seconds, not minutes."""
    first = next(rows)
    columns = list(first)
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        names = ", ".join(columns)
        with cursor.copy(f"COPY development_area ({names}) FROM STDIN") as copy:
            for row in itertools.chain([first], rows):
                copy.write_row([row[name] for name in columns])
        raw.commit()
    finally:
        raw.close()


def _person(pid: int, authority: int, role: str, manager: int | None) -> dict[str, object]:
    return {
        "id": pid,
        "name": f"Person {pid}",
        "email": f"p{pid}@example.org",
        "role": role,
        "authority_id": authority or None,
        "manager_id": manager,
        "extra_addresses": [],
        "active": True,
        "created_at": STAMP,
    }


def _inspection(authority: int, window: date) -> dict[str, object]:
    return {
        "id": authority,
        "authority_id": authority,
        "kind": "ilacs-inspection",
        "start_date": date(2025, 1, 6),
        "end_date": date(2025, 1, 10),
        "inspectors": [],
        "next_window_start": window,
        "next_window_end": window + timedelta(days=300),
        "created_at": STAMP,
    }


STATUSES = (("closed", 0.3), ("completed", 0.1), ("in_progress", 0.3), ("open", 0.3))


def _area(
    rng: random.Random, n: int, first_lead: int, leads: int, managers: int
) -> dict[str, object]:
    """An area: 40% done; of the rest 8% overdue, 4% due soon, 15% gone quiet, most on track."""
    lead = n % leads
    authority = (lead % managers) % AUTHORITIES + 1  # the lead's own authority
    [status] = rng.choices([s for s, _ in STATUSES], weights=[w for _, w in STATUSES])
    shape = rng.random()
    if shape < 0.08:
        due = TODAY - timedelta(days=rng.randint(1, 90))
    elif shape < 0.12:
        due = TODAY + timedelta(days=rng.randint(0, 14))
    else:
        due = TODAY + timedelta(days=rng.randint(30, 700))
    quiet = rng.random() < 0.15
    updated = TODAY - timedelta(days=rng.randint(35, 120) if quiet else rng.randint(0, 20))
    return {
        "id": n + 1,
        "finding_id": authority,
        "inspection_id": authority,
        "authority_id": authority,
        "title": f"Area {n + 1}",
        "text": "An area.",
        "owner_id": first_lead + lead,
        "original_due_date": due,
        "due_date": due,
        "priority": "normal",
        "status": status,
        "carry_count": 0,
        "last_progress_at": datetime.combine(updated, time(rng.randint(7, 18)), UTC),
        "created_at": STAMP,
        "updated_at": STAMP,
        "version": 1,
    }
