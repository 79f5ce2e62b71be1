"""A small authority on SQLite behind the web app, and a browser-like client per person."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from domain.accounts import services as accounts
from domain.accounts.credentials import TokenPurpose
from domain.accounts.models import Person
from domain.areas.models import DevelopmentArea
from domain.areas.services import assign_area
from domain.permissions import SYSTEM
from domain.vocabulary import Role
from infra.clock import Clock
from infra.db import make_engine
from infra.runtime import build_runtime
from infra.settings import Settings
from tests import factories
from tests.factories import NOW
from web.app import create_app

PASSWORD = "correct horse battery"
TODAY = date(2026, 3, 2)
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=256)
CHEAP_DECOY = CHEAP_HASHER.hash("decoy password never used")


@pytest.fixture(autouse=True)
def quick_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheaper argon2 parameters: the tests check behaviour, not the hash's cost."""
    monkeypatch.setattr(accounts, "_hasher", CHEAP_HASHER)
    monkeypatch.setattr(accounts, "_DECOY_HASH", CHEAP_DECOY)


@dataclass
class World:
    """An authority with a director, a manager, two leads, an inspector and an administrator."""

    engine: Engine
    people: dict[str, Person]
    areas: list[DevelopmentArea]  # overdue, due soon, due later: all led by "lead"
    other_area: DevelopmentArea  # led by "other_lead"
    elsewhere_area: DevelopmentArea  # in another authority

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)


def build_world(engine: Engine) -> World:
    with Session(engine, expire_on_commit=False) as s:
        where = factories.authority(s, "Eastmere Borough Council")
        director = factories.person(s, where, Role.DIRECTOR, name="Dana Director")
        manager = factories.person(s, where, Role.MANAGER, manager=director, name="Sam Manager")
        lead = factories.person(s, where, Role.LEAD, manager=manager, name="Priya Lead")
        other_lead = factories.person(s, where, Role.LEAD, manager=director, name="Tom Lead")
        inspector = factories.person(s, None, Role.INSPECTOR, name="Ruth Inspector")
        admin = factories.person(s, None, Role.ADMIN, name="Alex Admin")
        elsewhere = factories.authority(s, "Westmere Council")
        outsider = factories.person(s, elsewhere, Role.MANAGER, name="Olu Outsider")
        created = factories.inspection_with_areas(
            s,
            where,
            [
                "Strategy discussions do not always include health colleagues.",
                "Written plans for children in need are too general.",
                "Supervision records vary between teams.",
                "Return home interviews are not always offered within 72 hours.",
            ],
        )
        dues = [date(2026, 2, 20), date(2026, 3, 5), date(2026, 6, 30), date(2026, 5, 29)]
        for area, due, owner in zip(created, dues, [lead, lead, lead, other_lead], strict=True):
            assert area.id is not None
            assign_area(s, area_id=area.id, owner_email=owner.email, now=NOW, due=due, by=SYSTEM)
        far = factories.inspection_with_areas(s, elsewhere, ["Case audits are not completed."])
        people = {
            "director": director,
            "manager": manager,
            "lead": lead,
            "other_lead": other_lead,
            "inspector": inspector,
            "admin": admin,
            "outsider": outsider,
        }
        for person in people.values():
            accounts.set_password(s, email=person.email, password=PASSWORD, by=SYSTEM)
        accounts.grant_inspector_access(
            s,
            email=inspector.email,
            authority=where.name,
            until=date(2026, 4, 30),
            today=TODAY,
            now=NOW,
            by=SYSTEM,
        )
        for area in [*created, *far]:
            s.refresh(area)
        return World(engine, people, created[:3], created[3], far[0])


@pytest.fixture(scope="session")
def world_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    """The world built once into a SQLite file; each test gets its own copy."""
    path = tmp_path_factory.mktemp("world") / "world.db"
    engine = make_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    real, accounts._hasher = accounts._hasher, CHEAP_HASHER
    try:
        built = build_world(engine)
    finally:
        accounts._hasher = real
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path, built


@pytest.fixture
def world(world_template: tuple[Path, World], tmp_path: Path) -> Iterator[World]:
    template, built = world_template
    copy = tmp_path / "web.db"
    shutil.copyfile(template, copy)
    engine = make_engine(f"sqlite:///{copy}")
    yield replace(built, engine=engine)
    engine.dispose()


@pytest.fixture
def app(world: World, tmp_path: Path) -> FastAPI:
    settings = Settings(var_dir=tmp_path / "var", base_url="http://testserver")
    return create_app(build_runtime(settings, engine=world.engine, clock=Clock(now=lambda: NOW)))


class Browser:
    """A TestClient that signs in like a person and sends each form with its page's token."""

    def __init__(self, app: FastAPI, address: str = "testclient") -> None:
        self.client = TestClient(app, follow_redirects=False, client=(address, 50000))
        self.token = ""

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        response = self.client.get(url, **kwargs)
        if found := _TOKEN.search(response.text):
            self.token = found.group(1)
        return response

    def opened(self, url: str) -> Browser:
        """This client after it has shown `url`, holding that page's form token."""
        assert self.get(url).status_code == 200
        return self

    def submit(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> httpx.Response:
        if not self.token:
            self.get("/sign-in")
        response = self.client.post(url, data={"csrf_token": self.token, **(data or {})}, **kwargs)
        if found := _TOKEN.search(response.text):
            self.token = found.group(1)
        return response

    def sign_in(self, email: str, password: str = PASSWORD) -> httpx.Response:
        self.get("/sign-in")
        response = self.submit("/sign-in", {"email": email, "password": password})
        self.token = ""
        if response.status_code == 303:
            self.get("/account")
        return response


@pytest.fixture
def browser(app: FastAPI, world: World) -> Callable[..., Browser]:
    """browser(role) is a client signed in as that person of the world (None: signed out)."""

    def make(role: str | None = None) -> Browser:
        client = Browser(app)
        if role is not None:
            assert client.sign_in(world.people[role].email).status_code == 303
        return client

    return make


@pytest.fixture
def api(app: FastAPI, world: World) -> Callable[[str], TestClient]:
    """api(role) is a client sending that person's bearer token."""

    def make(role: str) -> TestClient:
        with world.session() as s:
            _, secret = accounts.issue_token(
                s, email=world.people[role].email, purpose=TokenPurpose.API, now=NOW, by=SYSTEM
            )
        return TestClient(app, headers={"Authorization": f"Bearer {secret}"})

    return make


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=NOW.tzinfo)
