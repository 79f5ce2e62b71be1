"""Server time of "My development areas", the dashboard and all areas, with 100,000 areas.

Builds a database of `--areas` areas spread over `--authorities` authorities, each with a
manager, 100 leads, ten inspections, a finding per area, two progress updates per area and
pending due-date requests on about 2% of open areas; then times signed-in requests to the
pages in-process (no network) and prints the median and 95th percentile.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import warnings
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore", message="Using `httpx`")  # Starlette's note on its client

from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from domain.accounts import services as accounts
from domain.accounts.models import Authority, Person
from domain.areas.models import DevelopmentArea, DueDateChange, ProgressUpdate
from domain.inspections.models import Finding, Inspection
from domain.permissions import SYSTEM
from infra.clock import Clock
from infra.db import make_engine
from infra.migrate import upgrade
from infra.runtime import build_runtime
from infra.settings import Settings
from tests import pg
from web.app import create_app

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
TODAY = NOW.date()
LEADS = 100
INSPECTIONS = 10
PASSWORD = "bench password here"
BATCH = 5000
STATUSES = ["open"] * 5 + ["in_progress"] * 5 + ["blocked", "completed"] + ["closed"] * 3
Row = dict[str, Any]


def _insert(engine: Engine, table: type[SQLModel], rows: list[Row]) -> None:
    with engine.begin() as connection:
        for start in range(0, len(rows), BATCH):
            connection.execute(insert(table), rows[start : start + BATCH])


def _person(pid: int, name: str, email: str, role: str, authority: int, manager: int | None) -> Row:
    return {
        "id": pid,
        "name": name,
        "email": email,
        "role": role,
        "authority_id": authority,
        "manager_id": manager,
        "extra_addresses": [],
        "active": True,
        "created_at": NOW,
    }


def people_rows(authorities: int) -> tuple[list[Row], dict[int, list[int]]]:
    """A manager and LEADS leads per authority; the leads' ids by authority."""
    rows: list[Row] = []
    leads: dict[int, list[int]] = {}
    for a in range(1, authorities + 1):
        manager = len(rows) + 1
        rows.append(
            _person(manager, f"Manager {a}", f"manager{a}@bench.example", "manager", a, None)
        )
        leads[a] = list(range(manager + 1, manager + 1 + LEADS))
        for n, pid in enumerate(leads[a]):
            rows.append(
                _person(pid, f"Lead {a}-{n}", f"lead{a}-{n}@bench.example", "lead", a, manager)
            )
    return rows, leads


def inspection_rows(authorities: int) -> list[Row]:
    """INSPECTIONS yearly inspections per authority, the next expected in autumn 2026."""
    rows: list[Row] = []
    for a in range(1, authorities + 1):
        for k in range(INSPECTIONS):
            end = date(2016, 1, 15) + timedelta(days=365 * k)
            rows.append(
                {
                    "id": len(rows) + 1,
                    "authority_id": a,
                    "kind": "ilacs-inspection",
                    "start_date": end - timedelta(days=4),
                    "end_date": end,
                    "inspectors": [],
                    "created_at": NOW,
                    "next_window_start": date(2026, 9, 1),
                    "next_window_end": date(2027, 3, 1),
                }
            )
    return rows


def area_rows(
    areas: int, authorities: int, leads: dict[int, list[int]], rnd: random.Random
) -> dict[type[SQLModel], list[Row]]:
    """Findings, areas, their progress updates and pending due-date requests."""
    made: dict[type[SQLModel], list[Row]] = {
        Finding: [],
        DevelopmentArea: [],
        ProgressUpdate: [],
        DueDateChange: [],
    }
    for n in range(1, areas + 1):
        a = (n - 1) % authorities + 1
        inspection = (a - 1) * INSPECTIONS + rnd.randrange(INSPECTIONS) + 1
        created = NOW - timedelta(days=rnd.randint(1, 900))
        status, owner = rnd.choice(STATUSES), rnd.choice(leads[a])
        due = TODAY + timedelta(days=rnd.randint(-200, 300))
        last = created + timedelta(days=rnd.randint(0, 60)) if rnd.random() < 0.7 else None
        if status == "closed":
            # Signing off is the last change: the second update below closes the area.
            last = created + timedelta(days=10)
        made[Finding].append(
            {
                "id": n,
                "inspection_id": inspection,
                "kind": "area_for_development",
                "heading": "Areas for development",
                "text": f"Area {n}",
                "position": 0,
            }
        )
        made[DevelopmentArea].append(
            {
                "id": n,
                "finding_id": n,
                "inspection_id": inspection,
                "authority_id": a,
                "title": f"Development area {n}",
                "text": f"Area {n}",
                "owner_id": owner,
                "original_due_date": due,
                "due_date": due,
                "priority": "normal",
                "status": status,
                "carry_count": 0,
                "created_at": created,
                "updated_at": last or created,
                "last_progress_at": last,
                "version": 1,
            }
        )
        for k in range(2):
            closing = status == "closed" and k == 1
            made[ProgressUpdate].append(
                {
                    "area_id": n,
                    "author_id": owner,
                    "kind": "sign_off" if closing else "progress",
                    "created_at": created + timedelta(days=k * 10),
                    "note": f"Update {k}",
                    "status_to": "closed" if closing else None,
                }
            )
        if status in ("open", "in_progress") and rnd.random() < 0.02:
            made[DueDateChange].append(
                {
                    "area_id": n,
                    "from_date": due,
                    "to_date": due + timedelta(days=30),
                    "reason": "More time",
                    "requested_by_id": owner,
                    "requested_at": NOW,
                    "state": "pending",
                }
            )
    return made


def build(engine: Engine, areas: int, authorities: int, seed: int = 1) -> None:
    """Fill an empty, migrated database."""
    rnd = random.Random(seed)
    names = [
        {"id": a, "name": f"Authority {a}", "policy": {}, "created_at": NOW}
        for a in range(1, authorities + 1)
    ]
    _insert(engine, Authority, names)
    people, leads = people_rows(authorities)
    _insert(engine, Person, people)
    _insert(engine, Inspection, inspection_rows(authorities))
    for table, rows in area_rows(areas, authorities, leads, rnd).items():
        _insert(engine, table, rows)


def signed_in(app: FastAPI, email: str) -> TestClient:
    client = TestClient(app, follow_redirects=False)
    page = client.get("/sign-in").text
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    form = {"csrf_token": token, "email": email, "password": PASSWORD}
    assert client.post("/sign-in", data=form).status_code == 303
    return client


def timings(client: TestClient, path: str, count: int) -> list[float]:
    """Milliseconds per request, after one warm-up request."""
    assert client.get(path).status_code == 200
    result = []
    for _ in range(count):
        start = time.perf_counter()
        response = client.get(path)
        result.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, path
    return result


def report(name: str, values: list[float]) -> None:
    p95 = statistics.quantiles(values, n=20)[18]
    median = statistics.median(values)
    print(f"| {name} | {len(values)} | {median:.1f} | {p95:.1f} | {max(values):.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--areas", type=int, default=100_000)
    parser.add_argument("--authorities", type=int, default=10)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument(
        "--postgres", action="store_true", help="on a throwaway PostgreSQL 15 cluster"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="closeout-bench-"))
    cluster = pg.start_cluster() if args.postgres else None
    try:
        run(args, folder, cluster.url if cluster else f"sqlite:///{folder / 'bench.db'}")
    finally:
        if cluster:
            cluster.stop()


def run(args: argparse.Namespace, folder: Path, url: str) -> None:
    """Build the database at `url`, then time the pages."""
    upgrade(url)
    engine = make_engine(url)
    started = time.perf_counter()
    build(engine, args.areas, args.authorities)
    backend = engine.url.get_backend_name()
    # Statistics as a settled database has them; on PostgreSQL VACUUM also marks the pages
    # all-visible, as autovacuum would after a bulk load, so index-only scans stay index-only.
    settle = "VACUUM ANALYZE" if backend == "postgresql" else "ANALYZE"
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql(settle)
    took = time.perf_counter() - started
    print(f"{args.areas} areas, {args.authorities} authorities, {backend}, built in {took:.0f} s")
    with Session(engine) as session:
        for email in ("lead1-0@bench.example", "manager1@bench.example"):
            accounts.set_password(session, email=email, password=PASSWORD, by=SYSTEM)
    settings = Settings(var_dir=folder, session_secret=SecretStr("bench"))
    app = create_app(build_runtime(settings, engine=engine, clock=Clock(now=lambda: NOW)))
    lead = signed_in(app, "lead1-0@bench.example")
    manager = signed_in(app, "manager1@bench.example")
    n = args.requests
    print("| page | requests | median ms | p95 ms | max ms |")
    print("|---|---|---|---|---|")
    report("My development areas, open", timings(lead, "/my-areas?show=open", n))
    report("My development areas, overdue", timings(lead, "/my-areas?show=overdue", n))
    report("Authority dashboard", timings(manager, "/dashboard", n))
    report(
        "Authority dashboard, overdue page 20", timings(manager, "/dashboard?overdue_page=20", n)
    )
    report(
        "Authority dashboard, chart by inspection",
        timings(manager, "/dashboard?chart=inspection", n),
    )
    report("My development areas, a manager of 100 leads", timings(manager, "/my-areas", n))
    report("All areas", timings(manager, "/areas", n))
    report("All areas, page 999 (past the end)", timings(manager, "/areas?page=999", n))
    report(
        "All areas, searched, filtered, sorted by lead",
        timings(manager, "/areas?q=area+1&status=active&rag=red&sort=lead&dir=desc", n),
    )
    report(
        "All areas, due soon, sorted by RAG", timings(manager, "/areas?due_soon=yes&sort=rag", n)
    )
    report("All areas as CSV (every page)", timings(manager, "/areas?overdue=yes&format=csv", 5))


if __name__ == "__main__":
    main()
