"""A throwaway PostgreSQL 15 cluster on 127.0.0.1 for the tests that need a real one."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from drills.parts import initdb as make_cluster

BIN_DIRS = [Path("/usr/lib/postgresql/15/bin"), Path("/usr/local/bin"), Path("/usr/bin")]


def _binary(name: str) -> str | None:
    for folder in BIN_DIRS:
        if (folder / name).exists():
            return str(folder / name)
    return shutil.which(name)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Cluster:
    url: str
    data_dir: Path
    pg_ctl: str
    as_user: list[str]

    def stop(self) -> None:
        subprocess.run(
            [*self.as_user, self.pg_ctl, "-D", str(self.data_dir), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)


def missing_reason() -> str | None:
    """Why no cluster can start here, or None when one can."""
    if not (_binary("initdb") and _binary("pg_ctl")):
        return "PostgreSQL 15 server binaries (initdb, pg_ctl) are not installed"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser, so initdb cannot run as postgres"
    return None


def start_cluster() -> Cluster:
    """initdb and start a cluster in a temporary folder (as `postgres` when we are root)."""
    pg_ctl = _binary("pg_ctl")
    assert pg_ctl
    root = Path(tempfile.mkdtemp(prefix="closeout-pg-"))
    data = root / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    make_cluster(data, as_user)
    options = f"-h 127.0.0.1 -p {port} -k {root} -c fsync=off -c synchronous_commit=off"
    subprocess.run(
        [*as_user, pg_ctl, "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start"],
        check=True,
        capture_output=True,
    )
    return Cluster(
        f"postgresql+psycopg://closeout@127.0.0.1:{port}/postgres", data, pg_ctl, as_user
    )


def shared_cluster(run_dir: Path) -> str:
    """The URL of the one cluster of this test run, started by the first process to ask.

    Parallel workers share `run_dir`; a lock file there makes exactly one of them start the
    cluster, and the others read its URL. `stop_shared_cluster` ends it when the run ends.
    """
    state = run_dir / "postgres.json"
    with (run_dir / "postgres.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if state.exists():
            return str(json.loads(state.read_text())["url"])
        cluster = start_cluster()
        state.write_text(
            json.dumps(
                {
                    "url": cluster.url,
                    "data_dir": str(cluster.data_dir),
                    "pg_ctl": cluster.pg_ctl,
                    "as_user": cluster.as_user,
                }
            )
        )
        return cluster.url


def stop_shared_cluster(run_dir: Path) -> None:
    """Stop the cluster `shared_cluster` started in `run_dir`, if it started one."""
    state = run_dir / "postgres.json"
    if state.exists():
        saved = json.loads(state.read_text())
        Cluster(saved["url"], Path(saved["data_dir"]), saved["pg_ctl"], saved["as_user"]).stop()
        state.unlink()


def fresh_database(server_url: str, name: str) -> str:
    """An empty database called `name` on the cluster at `server_url`, and its URL."""
    from sqlalchemy import text

    from infra.db import make_engine

    admin = make_engine(server_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"
