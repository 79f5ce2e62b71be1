"""Real parts on loopback for the drills: a throwaway PostgreSQL 15 cluster, an SMTP receiver."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, timeout: float = 60.0) -> None:
    """Return once something accepts connections on 127.0.0.1:`port`; raise after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            sock.settimeout(0.5)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listened on 127.0.0.1:{port} within {timeout:.0f} s")


def _binary(name: str) -> str:
    found = PG_BIN / name
    if found.exists():
        return str(found)
    other = shutil.which(name)
    if other is None:
        raise RuntimeError(
            f"PostgreSQL 15's {name} is not installed (apt-get install postgresql-15)"
        )
    return other


@dataclass
class Postgres:
    """One PostgreSQL 15 cluster in a temporary folder, run as `postgres` when we are root."""

    root: Path
    port: int
    as_user: list[str] = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def server_url(self) -> str:
        """SQLAlchemy URL of the cluster's `postgres` database (psycopg 3 driver)."""
        return f"postgresql+psycopg://closeout@127.0.0.1:{self.port}/postgres"

    def url(self, database: str, driver: str = "psycopg") -> str:
        """SQLAlchemy URL of `database` on this cluster (`asyncpg` for the Prefect server)."""
        return f"postgresql+{driver}://closeout@127.0.0.1:{self.port}/{database}"

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.as_user, _binary("pg_ctl"), "-D", str(self.data), *args],
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        """Start (or start again) the server and wait until it accepts connections.

        Commits are synchronous, as in production: with `synchronous_commit=off` a commit is
        acknowledged before its WAL is written, so the crash drill 2 causes loses the last
        fraction of a second of recorded deliveries, and the next run sends them again.
        `fsync=off` only skips flushing to the disk, which a server crash (not a machine's)
        does not need."""
        options = (
            f"-h 127.0.0.1 -p {self.port} -k {self.root} -c max_connections=300"
            " -c fsync=off -c shared_buffers=512MB"
        )
        self._pg_ctl("-o", options, "-l", str(self.root / "log"), "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server; `immediate` is a crash as far as clients can tell."""
        self._pg_ctl("-m", mode, "-w", "stop")

    def restart(self, pause: float = 0.0) -> None:
        """Stop the server hard, wait `pause` seconds, start it again on the same port."""
        self.stop("immediate")
        time.sleep(pause)
        self.start()

    def create_database(self, name: str) -> str:
        """Create an empty database `name` and return its psycopg URL."""
        subprocess.run(
            [
                _binary("psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "closeout",
                "-d",
                "postgres",
                "-q",
                "-c",
                f"CREATE DATABASE {name}",
            ],
            check=True,
            capture_output=True,
        )
        return self.url(name)

    def destroy(self) -> None:
        """Stop the server if it runs and delete its folder."""
        subprocess.run(
            [*self.as_user, _binary("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Postgres:
        return self

    def __exit__(self, *_: object) -> None:
        self.destroy()


def initdb(data: Path, as_user: list[str]) -> None:
    """A new cluster in `data` whose superuser is `closeout`, trusting local connections."""
    command = [_binary("initdb"), "-D", str(data), "-U", "closeout", "--auth=trust"]
    subprocess.run(
        [*as_user, *command, "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True
    )


def start_postgres(port: int | None = None) -> Postgres:
    """initdb a fresh cluster in a temporary folder and start it on `port` (a free one if None).

    initdb refuses to run as root, so as root the cluster belongs to `postgres` (via runuser).
    """
    root = Path(tempfile.mkdtemp(prefix="closeout-drill-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    cluster = Postgres(root, port or free_port(), as_user)
    initdb(cluster.data, as_user)
    try:
        cluster.start()
    except BaseException:
        cluster.destroy()
        raise
    return cluster


class _Counting:
    """aiosmtpd handler: counts each accepted message per recipient and per Message-ID."""

    def __init__(self, receiver: SmtpReceiver) -> None:
        self.receiver = receiver

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
        if self.receiver.delay:  # a slow relay: each message takes this long to accept
            await asyncio.sleep(self.receiver.delay)
        message_id = ""
        for line in bytes(envelope.original_content).split(b"\r\n"):
            if not line:
                break
            if line.lower().startswith(b"message-id:"):
                message_id = line.split(b":", 1)[1].strip().decode()
        with self.receiver.lock:
            self.receiver.messages += 1
            for recipient in envelope.rcpt_tos:
                self.receiver.per_recipient[recipient] += 1
            self.receiver.message_ids[message_id] += 1
        if self.receiver.on_message is not None:
            self.receiver.on_message(self.receiver.messages)
        return "250 Message accepted for delivery"


@dataclass
class SmtpReceiver:
    """An SMTP relay on loopback counting what it accepts; it can go down and come back on
    the same port, as a relay does in an outage."""

    port: int = field(default_factory=free_port)
    messages: int = 0
    per_recipient: Counter[str] = field(default_factory=Counter)
    message_ids: Counter[str] = field(default_factory=Counter)
    on_message: Callable[[int], None] | None = None
    delay: float = 0.0  # seconds to accept each message (small drills slow delivery down)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _controller: Any = None

    @property
    def url(self) -> str:
        """The relay as CLOSEOUT_EMAIL_URL takes it (Apprise; recipients come per digest)."""
        return f"mailto://127.0.0.1:{self.port}?from=closeout@example.org&mode=insecure"

    def start(self) -> SmtpReceiver:
        from aiosmtpd.controller import Controller

        self._controller = Controller(_Counting(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def repeats(self) -> int:
        """Messages beyond the first to the same recipient (each digest goes to one person)."""
        return sum(n - 1 for n in self.per_recipient.values() if n > 1)
