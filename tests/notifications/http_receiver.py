"""A real HTTP server on loopback that records webhook requests, for json:// and form:// targets."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

HOST = "127.0.0.1"


@dataclass(frozen=True)
class ReceivedRequest:
    """One request: its path, headers and the body decoded as JSON when it is JSON."""

    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class HTTPReceiver:
    """A running receiver; set `status` to make it answer with an error."""

    port: int
    received: list[ReceivedRequest] = field(default_factory=list)
    status: int = 200


def _handler(receiver: HTTPReceiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            receiver.received.append(ReceivedRequest(self.path, dict(self.headers), body))
            self.send_response(receiver.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output quiet

    return Handler


@contextmanager
def running_http_receiver() -> Iterator[HTTPReceiver]:
    """Serve on 127.0.0.1 on a free port until the block ends."""
    receiver = HTTPReceiver(port=0)
    server = ThreadingHTTPServer((HOST, 0), _handler(receiver))
    receiver.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def http_receiver() -> Iterator[HTTPReceiver]:
    """A fresh webhook receiver on loopback for one test."""
    with running_http_receiver() as receiver:
        yield receiver
