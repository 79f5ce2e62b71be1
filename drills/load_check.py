"""The web-load drill's check afterwards: nothing the load tool saw accepted is missing, and
every upload reads back whole through the instance that did not take it."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from domain.areas.models import Evidence, ProgressUpdate
from drills.web_parts import Child

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass(frozen=True)
class Checked:
    updates: int  # progress notes the load tool saw accepted
    lost: int  # of those, not in the database
    uploads: int  # evidence files the load tool saw accepted
    unreadable: int  # of those, not read back whole through the other instance


def check_records(engine: Engine, records: Path, servers: list[Child], password: str) -> Checked:
    """Compare what locust recorded with the database and with downloads."""
    lines = (
        [json.loads(line) for line in records.read_text().splitlines()] if records.exists() else []
    )
    notes = {line["note"] for line in lines if line["kind"] == "note"}
    files = [line for line in lines if line["kind"] == "file"]
    with Session(engine) as session:
        query = select(ProgressUpdate.note).where(col(ProgressUpdate.note).in_(notes))
        found = set(session.exec(query))
        names = [line["name"] for line in files]
        ids = dict(
            session.exec(
                select(Evidence.file_name, Evidence.id).where(col(Evidence.file_name).in_(names))
            ).all()
        )
    unreadable = sum(
        not _reads_back(line, ids.get(line["name"]), servers, password) for line in files
    )
    return Checked(len(notes), len(notes - found), len(files), unreadable)


_cookies: dict[tuple[str, int], str] = {}


def _reads_back(
    line: dict[str, str], evidence_id: int | None, servers: list[Child], password: str
) -> bool:
    """Signed in at the instance that took the upload, download it from the other one with
    the same cookie: the shared session key and the shared bytes, both at once."""
    if evidence_id is None:
        return False
    took = next((s for s in servers if line["via"].endswith(f":{s.port}")), servers[0])
    other = next(s for s in servers if s is not took)
    cookie = _signed_in(took, line["email"], password)
    response = httpx.get(
        f"{other.url}/evidence/{evidence_id}", headers={"Cookie": cookie}, timeout=30
    )
    return (
        response.status_code == 200
        and hashlib.sha256(response.content).hexdigest() == line["sha256"]
        and response.headers.get("content-type") == "application/pdf"
    )


def _signed_in(server: Child, email: str, password: str) -> str:
    """A session cookie from signing in as `email` at `server` (kept for the next upload)."""
    key = (email, server.port)
    if key not in _cookies:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            token = TOKEN.search(client.get("/sign-in").text)
            assert token is not None
            form = {"csrf_token": token.group(1), "email": email, "password": password}
            answer = client.post("/sign-in", data=form)
            assert answer.status_code == 303, answer.status_code
            _cookies[key] = f"closeout_session={client.cookies['closeout_session']}"
    return _cookies[key]
