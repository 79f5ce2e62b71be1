"""No browser session or bearer token acts as the system actor: only recorded people sign in."""

from __future__ import annotations

import base64
import json
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner

from domain.accounts import services as accounts
from domain.accounts.models import Person
from domain.permissions import SYSTEM
from tests.web.conftest import World
from web.keys import session_secret


def _signed_session(app: FastAPI, data: dict[str, Any]) -> str:
    """A session cookie as the app itself would sign it."""
    payload = base64.b64encode(json.dumps(data).encode())
    secret = session_secret(app.state.settings, app.state.engine, app.state.clock.now())
    return TimestampSigner(secret).sign(payload).decode()


def _page_for(app: FastAPI, session: dict[str, Any]) -> int:
    cookie = {"closeout_session": _signed_session(app, session)}
    client = TestClient(app, follow_redirects=False, cookies=cookie)
    response = client.get("/my-areas")
    if response.status_code == 303:
        assert response.headers["location"] == "/sign-in?next=/my-areas"
    return response.status_code


def test_a_session_naming_the_system_actors_id_is_sent_to_sign_in(
    app: FastAPI, world: World
) -> None:
    lead = world.people["lead"]
    with world.session() as s:
        stored = s.get(Person, lead.id)
        assert stored is not None
        mark = accounts.session_mark(stored)
    assert _page_for(app, {"person": lead.id, "mark": mark}) == 200  # the cookie is genuine
    nobody = accounts.session_mark(Person())
    assert _page_for(app, {"person": SYSTEM.person_id, "mark": nobody}) == 303
    assert _page_for(app, {"person": SYSTEM.person_id, "mark": mark}) == 303


def test_a_bearer_token_is_always_a_recorded_persons(app: FastAPI, world: World) -> None:
    for secret in ("", "co_api_", "system", SYSTEM.name):
        client = TestClient(app, headers={"Authorization": f"Bearer {secret}"})
        assert client.get("/api/me").status_code == 401
