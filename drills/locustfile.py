"""The people of the web-load drill, for locust: leads who sign in, read their lists and areas,
record progress and upload evidence, and managers who read the authority's lists.

`drills/web_load.py` runs it. It reads the people from the JSON file named by
CLOSEOUT_DRILL_PEOPLE and appends each progress update and upload the app accepted, as one
JSON line, to the file named by CLOSEOUT_DRILL_RECORDS, for the check afterwards.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import random
import re
import uuid
from typing import Any

from locust import HttpUser, between, task
from locust.clients import ResponseContextManager

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
with open(os.environ["CLOSEOUT_DRILL_PEOPLE"], encoding="utf-8") as _people:
    PEOPLE: dict[str, Any] = json.load(_people)
RECORDS = os.environ["CLOSEOUT_DRILL_RECORDS"]
_leads = itertools.cycle(PEOPLE["leads"])
_managers = itertools.cycle(PEOPLE["managers"])


def record(line: dict[str, Any]) -> None:
    """Append what the app accepted, at once, so a drill cut short still knows it."""
    with open(RECORDS, "a", encoding="utf-8") as out:
        out.write(json.dumps(line) + "\n")


class Person(HttpUser):
    """Someone signed in; pauses one to three seconds between steps, as a person reads."""

    abstract = True
    wait_time = between(1, 3)
    email = ""
    token = ""

    def page(self, path: str, name: str) -> str:
        """GET a page (200 expected) and keep its form token."""
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{path}: {response.status_code}")
                return ""
            if found := TOKEN.search(response.text):
                self.token = found.group(1)
            return str(response.text)

    def sign_in(self) -> None:
        self.page("/sign-in", "/sign-in")
        form = {"csrf_token": self.token, "email": self.email, "password": PEOPLE["password"]}
        with self.client.post(
            "/sign-in", data=form, allow_redirects=False, catch_response=True
        ) as response:
            _expect_redirect(response, "sign-in")


class Lead(Person):
    weight = 9

    def on_start(self) -> None:
        me = next(_leads)
        self.email, self.areas = me["email"], me["areas"]
        self.sign_in()

    @task(3)
    def my_open_areas(self) -> None:
        self.page("/my-areas?show=open", "/my-areas?show=open")

    @task(2)
    def my_overdue_areas(self) -> None:
        self.page("/my-areas?show=overdue", "/my-areas?show=overdue")

    @task(3)
    def an_area(self) -> None:
        self.page(f"/areas/{random.choice(self.areas)}", "/areas/[id]")

    @task(2)
    def record_progress(self) -> None:
        area = random.choice(self.areas)
        note = f"Load drill {uuid.uuid4().hex}"
        if self._post_update(area, {"note": note}, None, "progress"):
            record({"kind": "note", "area": area, "note": note, "email": self.email})

    @task(1)
    def upload_evidence(self) -> None:
        area = random.choice(self.areas)
        name = f"drill-{uuid.uuid4().hex}.pdf"
        content = b"%PDF-1.4\n" + random.randbytes(random.randint(10_000, 200_000))
        upstream = self._post_update(area, {}, (name, content), "evidence")
        if upstream:
            digest = hashlib.sha256(content).hexdigest()
            line = {"kind": "file", "area": area, "name": name, "sha256": digest}
            record({**line, "email": self.email, "via": upstream})

    def _post_update(
        self, area: int, fields: dict[str, str], upload: tuple[str, bytes] | None, name: str
    ) -> str:
        """Open the area, post the update with the page's version; the instance that took it
        ("" when refused)."""
        found = VERSION.search(self.page(f"/areas/{area}", "/areas/[id]"))
        if not found:
            return ""
        form = {"csrf_token": self.token, "version": found.group(1), **fields}
        files = {"evidence_file": (upload[0], upload[1], "application/pdf")} if upload else None
        with self.client.post(
            f"/areas/{area}/updates",
            data=form,
            files=files,
            name=f"/areas/[id]/updates ({name})",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if _expect_redirect(response, name):
                return str(response.headers.get("X-Upstream", "?"))
        return ""


class Manager(Person):
    weight = 1

    def on_start(self) -> None:
        self.email = next(_managers)
        self.sign_in()

    @task(2)
    def dashboard(self) -> None:
        self.page("/dashboard", "/dashboard")

    @task(2)
    def all_areas(self) -> None:
        self.page(f"/areas?page={random.randint(1, 40)}", "/areas?page=[n]")

    @task(1)
    def overdue_areas(self) -> None:
        self.page("/areas?overdue=yes&sort=lead", "/areas?overdue=yes")


def _expect_redirect(response: ResponseContextManager, what: str) -> bool:
    """A form accepted answers 303; anything else is a failure of the drill."""
    if response.status_code == 303:
        response.success()  # type: ignore[no-untyped-call]
        return True
    response.failure(f"{what}: {response.status_code}")  # type: ignore[no-untyped-call]
    return False
