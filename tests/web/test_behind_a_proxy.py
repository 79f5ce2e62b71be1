"""Behind a reverse proxy, sign-in limits count each client's own address, and only then.

The app is served by a real uvicorn on loopback with the options `closeout web` gives it, and
a wrong password is sent with an X-Forwarded-For header naming another address.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from sqlmodel import select

from cli.servers import proxy_options
from domain.accounts.credentials import LoginFailure
from infra.settings import Settings
from tests.pg import free_port
from tests.web.conftest import _TOKEN, World

CLIENT = "203.0.113.9"  # the address the proxy says the request came from


@contextmanager
def served(app: FastAPI, settings: Settings) -> Iterator[str]:
    """The app on a free loopback port, with the proxy options `closeout web` gives it."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    for name, value in proxy_options(settings).items():
        setattr(config, name, value)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


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
