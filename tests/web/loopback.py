"""A real uvicorn serving an app on a free loopback port, for tests that need real HTTP."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from fastapi import FastAPI

from tests.pg import free_port


@contextmanager
def on_loopback(app: FastAPI, **options: Any) -> Iterator[str]:
    """`app` served on 127.0.0.1 while the block runs (uvicorn `options` as `closeout web`
    would give them); yields its base URL. Fails if uvicorn has not started in 10 seconds."""
    config = uvicorn.Config(app, host="127.0.0.1", port=free_port(), **options)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the web app did not start within 10 seconds"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
