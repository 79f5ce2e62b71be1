"""Drill 5, web load: two web instances on one PostgreSQL behind nginx, under simulated people.

Builds 100,000 areas on a throwaway PostgreSQL 15 cluster, starts two `closeout web`
instances (each with a var folder of its own and no session secret) behind nginx, and runs
locust (`drills/locustfile.py`) with 50 people for 5 minutes: signing in, reading their lists
and areas, recording progress and uploading evidence. Then it checks that every update the
load tool saw accepted is in the database and that every upload reads back, byte for byte,
through the instance that did NOT take it. Prints one verdict line; exit 0 when it held.

    .venv/bin/python -m drills.web_load            # the full drill (about 8 minutes)
    .venv/bin/python -m drills.web_load --short    # 5 people, 20 s, 2,000 areas
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from domain.accounts import services as accounts
from domain.accounts.models import Person
from domain.areas.models import DevelopmentArea
from domain.permissions import SYSTEM
from domain.vocabulary import Role, Status
from drills.load_check import Checked, check_records
from drills.parts import ROOT, free_port, start_postgres
from drills.web_parts import Child, locust_missing, nginx_missing, start_nginx, start_web
from infra.db import make_engine
from infra.migrate import upgrade

PASSWORD = "load drill password 2026"
AREAS_PER_AUTHORITY = 10_000  # bench.web_pages gives each authority 100 leads


@dataclass(frozen=True)
class Load:
    users: int
    seconds: int
    areas: int


FULL, SHORT = Load(50, 300, 100_000), Load(5, 20, 2_000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="5 people, 20 s, 2,000 areas")
    args = parser.parse_args(argv)
    load = SHORT if args.short else FULL
    if problem := nginx_missing() or locust_missing():
        print(f"drill 5 web load: SKIPPED ({problem})")
        return 2
    folder = Path(tempfile.mkdtemp(prefix="closeout-web-load-"))
    with start_postgres() as cluster:
        url = cluster.create_database("closeout")
        engine = _built(url, load.areas)
        people = _people(engine, load.users)
        (folder / "people.json").write_text(json.dumps(people))
        servers: list[Child] = []
        try:
            public = free_port()  # nginx's, so links in pages name the proxy
            servers += start_web(folder, ["a", "b"], url, f"http://127.0.0.1:{public}")
            servers.append(start_nginx(folder, servers[:2], public))
            stats = _run_locust(folder, servers[2].url, load)
            checked = check_records(engine, folder / "records.jsonl", servers[:2], PASSWORD)
        finally:
            for server in reversed(servers):
                server.stop()
            engine.dispose()
    held = _held(stats, checked)
    print(_verdict(load, stats, checked) + ("" if held else f" (logs in {folder})"))
    if held:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if held else 1


def _built(url: str, areas: int) -> Engine:
    """The drill's database: migrated, filled as the web-pages benchmark fills it, analysed."""
    upgrade(url)
    engine = make_engine(url)
    # The web-pages benchmark's builder; bench/ is a folder of scripts, not a package.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from web_pages import build

    build(engine, areas, max(areas // AREAS_PER_AUTHORITY, 1))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE")
    return engine


def _people(engine: Engine, users: int) -> dict[str, object]:
    """As many leads as people (each with up to 20 areas still in hand) and a few managers,
    all with the drill's password."""
    active = col(DevelopmentArea.status).in_([Status.OPEN, Status.IN_PROGRESS])
    leads: list[dict[str, object]] = []
    with Session(engine) as session:
        for lead in session.exec(select(Person).where(Person.role == Role.LEAD)):
            query = select(DevelopmentArea.id).where(DevelopmentArea.owner_id == lead.id, active)
            areas = list(session.exec(query.limit(20)))
            if len(areas) >= 3:
                leads.append({"email": lead.email, "areas": areas})
            if len(leads) == users:
                break
        managers = list(session.exec(select(Person.email).where(Person.role == Role.MANAGER)))
        for email in [str(lead["email"]) for lead in leads] + managers[:users]:
            accounts.set_password(session, email=email, password=PASSWORD, by=SYSTEM)
    return {"password": PASSWORD, "leads": leads, "managers": managers[:users]}


def _run_locust(folder: Path, host: str, load: Load) -> dict[str, str]:
    """Run locust headless against `host`; the aggregated row of its statistics."""
    locust = Path(sys.executable).parent / "locust"
    command = [
        str(locust),
        "-f",
        str(ROOT / "drills" / "locustfile.py"),
        "--headless",
        "--users",
        str(load.users),
        "--spawn-rate",
        str(max(load.users // 10, 1)),
        "--run-time",
        f"{load.seconds}s",
        "--stop-timeout",
        "10",
        "--host",
        host,
        "--csv",
        str(folder / "locust"),
        "--only-summary",
    ]
    environment = {
        "CLOSEOUT_DRILL_PEOPLE": str(folder / "people.json"),
        "CLOSEOUT_DRILL_RECORDS": str(folder / "records.jsonl"),
    }
    with (folder / "locust.log").open("wb") as log:
        subprocess.run(
            command,
            cwd=ROOT,
            env={**os.environ, **environment},
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
    with (folder / "locust_stats.csv").open(newline="") as stats:
        return next(row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")


def _held(stats: dict[str, str], checked: Checked) -> bool:
    return (
        int(stats["Request Count"]) > 0
        and int(stats["Failure Count"]) == 0
        and checked.updates > 0
        and checked.lost == 0
        and checked.uploads > 0
        and checked.unreadable == 0
    )


def _verdict(load: Load, stats: dict[str, str], checked: Checked) -> str:
    word = "PASS" if _held(stats, checked) else "FAIL"
    return (
        f"drill 5 web load: {word} — {load.users} people for {load.seconds} s through nginx "
        f"to 2 instances, {load.areas:,} areas on PostgreSQL 15: "
        f"{int(stats['Request Count']):,} requests "
        f"({float(stats['Requests/s']):.1f}/s), p50 {stats['50%']} ms, "
        f"p95 {stats['95%']} ms, p99 {stats['99%']} ms, {stats['Failure Count']} errors; "
        f"{checked.updates} updates recorded, {checked.lost} lost; {checked.uploads} uploads, "
        f"{checked.uploads - checked.unreadable} read back through the other instance"
    )


if __name__ == "__main__":
    sys.exit(main())
