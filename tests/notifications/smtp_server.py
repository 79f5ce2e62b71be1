"""A real SMTP server on loopback for tests: aiosmtpd on a free port, recording what arrives.

Use the `smtp_server` fixture, or `running_smtp_server()` as a context manager::

    with running_smtp_server(login=("relay", "s3cret-pass")) as server:
        deliver(..., DeliverySettings(email_url=server.relay_url(password="s3cret-pass")))
        [mail] = server.received
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default as default_policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

HOST = "127.0.0.1"
SENDER = "closeout@example.org"


@dataclass(frozen=True)
class ReceivedMail:
    """One message as the server received it: the SMTP envelope and the parsed email."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    email: EmailMessage
    login: str | None  # the user name the client authenticated as, if it did

    def body(self, subtype: str) -> str:
        """The decoded text/`subtype` part, or an empty string when there is none."""
        part = self.email.get_body(preferencelist=(subtype,))
        if part is None or part.get_content_subtype() != subtype:
            return ""
        return str(part.get_content())


@dataclass
class _Recorder:
    received: list[ReceivedMail] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        email = BytesParser(policy=default_policy).parsebytes(envelope.original_content)
        assert isinstance(email, EmailMessage)
        login = session.auth_data.decode() if session.authenticated else None
        self.received.append(
            ReceivedMail(envelope.mail_from, tuple(envelope.rcpt_tos), email, login)
        )
        return "250 Message accepted for delivery"


class _LoopbackController(Controller):
    """Binds port 0 and reads the port the system chose, so parallel test runs never collide."""

    def _trigger_server(self) -> None:
        assert self.server is not None
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@dataclass
class SMTPServer:
    """A running server: where it listens and what it has received so far."""

    port: int
    recorder: _Recorder
    login: tuple[str, str] | None

    @property
    def received(self) -> list[ReceivedMail]:
        return self.recorder.received

    def relay_url(self, *, password: str | None = None, scheme: str = "mailto") -> str:
        """An Apprise relay URL (no recipients) for this server, with the login if it needs one."""
        auth = f"{self.login[0]}:{password}@" if self.login and password is not None else ""
        return f"{scheme}://{auth}{HOST}:{self.port}?from={SENDER}&mode=insecure"


def _authenticator(login: tuple[str, str]) -> Any:
    def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
            login[0].encode(),
            login[1].encode(),
        )
        return AuthResult(success=ok, handled=False, auth_data=data.login if ok else None)

    return check


@contextmanager
def running_smtp_server(login: tuple[str, str] | None = None) -> Iterator[SMTPServer]:
    """Run an SMTP server on 127.0.0.1 until the block ends; with `login`, it offers AUTH."""
    recorder = _Recorder()
    options: dict[str, Any] = {}
    if login:
        # Loopback only, so plain-text AUTH without TLS is acceptable here. AUTH is offered,
        # not required (aiosmtpd warns about requiring it without TLS): tests check `login`.
        options = {"authenticator": _authenticator(login), "auth_require_tls": False}
    controller = _LoopbackController(recorder, hostname=HOST, port=0, **options)
    controller.start()
    try:
        yield SMTPServer(port=controller.port, recorder=recorder, login=login)
    finally:
        controller.stop()


def closed_port() -> int:
    """A loopback port nothing listens on: bound by the system, then released."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[SMTPServer]:
    """A fresh SMTP server on loopback for one test."""
    with running_smtp_server() as server:
        yield server
