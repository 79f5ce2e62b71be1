"""Behind a reverse proxy, sign-in limits count each client's own address, and only then.

The app is served by a real uvicorn on loopback with the options `closeout web` gives it, and
a wrong password is sent with an X-Forwarded-For header naming another address.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

import httpx
import pytest
from fastapi import FastAPI
from sqlmodel import select

from cli.servers import proxy_options
from domain.accounts.credentials import LoginFailure
from infra.settings import Settings
from tests.web.conftest import _TOKEN, World
from tests.web.loopback import on_loopback

CLIENT = "203.0.113.9"  # the address the proxy says the request came from


def served(app: FastAPI, settings: Settings) -> AbstractContextManager[str]:
    """The app on a free loopback port, with the proxy options `closeout web` gives it."""
    return on_loopback(app, log_level="warning", **proxy_options(settings))


def _wrong_password_through_the_proxy(base: str, email: str) -> int:
    with httpx.Client(base_url=base, follow_redirects=False) as client:
        found = _TOKEN.search(client.get("/sign-in").text)
        assert found is not None
        response = client.post(
            "/sign-in",
            data={"csrf_token": found.group(1), "email": email, "password": "not the password"},
            headers={"X-Forwarded-For": CLIENT},
        )
    return response.status_code


def _counted_clients(world: World) -> set[str | None]:
    with world.session() as s:
        return {row.client for row in s.exec(select(LoginFailure))}


@pytest.mark.parametrize(
    ("trusted", "counted"), [("127.0.0.1", CLIENT), ("", "127.0.0.1"), ("10.0.0.5", "127.0.0.1")]
)
def test_the_forwarded_address_counts_only_from_a_trusted_proxy(
    app: FastAPI, world: World, trusted: str, counted: str
) -> None:
    with served(app, Settings(trusted_proxies=trusted)) as base:
        assert _wrong_password_through_the_proxy(base, world.people["lead"].email) == 401
    assert _counted_clients(world) == {counted}
