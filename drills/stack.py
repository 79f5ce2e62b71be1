"""The deployed system on loopback for the drills: PostgreSQL for the app and for Prefect, a
Prefect server, Closeout deployed to its work pool, process workers and an SMTP receiver."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drills.parts import ROOT, Postgres, SmtpReceiver, free_port, start_postgres

BIN = Path(sys.executable).parent
POOL = "closeout-process"
FINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


@dataclass
class Stack:
    """Every part of one drill, and how to start, stop, break and trigger them."""

    folder: Path
    pg: Postgres  # the app's database, which drill 2 restarts
    prefect_pg: Postgres  # the Prefect server's, on a cluster of its own
    relay: SmtpReceiver
    settings: dict[str, str]
    api_port: int = field(default_factory=free_port)
    server: subprocess.Popen[bytes] | None = None
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}/api"

    @property
    def app_url(self) -> str:
        return self.pg.url("closeout")

    def env(self) -> dict[str, str]:
        """The environment of the Prefect commands and workers (and so of every flow run)."""
        return {
            **os.environ,
            "PREFECT_API_URL": self.api_url,
            "PREFECT_HOME": str(self.folder / "prefect-home"),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_WORKER_QUERY_SECONDS": "1",
            "PREFECT_WORKER_PREFETCH_SECONDS": "2",
            "PREFECT_LOGGING_LEVEL": "WARNING",
            "CLOSEOUT_DATABASE_URL": self.app_url,
            "CLOSEOUT_EMAIL_URL": self.relay.url,
            "CLOSEOUT_VAR_DIR": str(self.folder / "var"),
            **self.settings,
        }

    def start_server(self) -> None:
        """`prefect server start` on its own PostgreSQL database; return once it answers."""
        env = {
            **self.env(),
            "PREFECT_API_DATABASE_CONNECTION_URL": self.prefect_pg.url("prefect", driver="asyncpg"),
            "PREFECT_UI_ENABLED": "false",
        }
        log = (self.folder / "prefect-server.log").open("ab")
        self.server = subprocess.Popen(
            [
                str(BIN / "prefect"),
                "server",
                "start",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.api_port),
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise TimeoutError("the Prefect server did not answer within three minutes")

    def stop_server(self) -> None:
        if self.server is not None:
            os.killpg(self.server.pid, signal.SIGTERM)
            self.server.wait(timeout=60)
            self.server = None

    def prefect(self, *args: str) -> subprocess.CompletedProcess[str]:
        """A `prefect` command against the drill's server, run from the project folder."""
        return subprocess.run(
            [str(BIN / "prefect"), *args],
            env=self.env(),
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )

    def deploy(self) -> None:
        """What `make deploy` does: the work pool if missing, then every deployment."""
        if self.prefect("work-pool", "inspect", POOL).returncode != 0:
            created = self.prefect("work-pool", "create", POOL, "--type", "process")
            if created.returncode != 0:
                raise RuntimeError(f"work pool not created: {created.stderr[-400:]}")
        deployed = self.prefect("--no-prompt", "deploy", "--all")
        if deployed.returncode != 0:
            raise RuntimeError(f"prefect deploy failed: {deployed.stdout[-800:]}")
        # Only the runs a drill starts should run: the schedules wait.
        self.prefect("--no-prompt", "deployment", "schedule", "pause", "--all")

    def running_pids(self, flow_name: str) -> list[int]:
        """The process ids of the running flow runs of `flow_name` (as the workers report)."""
        from prefect.client.schemas.filters import (
            FlowFilter,
            FlowFilterName,
            FlowRunFilter,
            FlowRunFilterStateType,
        )
        from prefect.client.schemas.objects import StateType

        with self.client() as client:
            runs = client.read_flow_runs(
                flow_filter=FlowFilter(name=FlowFilterName(any_=[flow_name])),
                flow_run_filter=FlowRunFilter(
                    state=dict(type=FlowRunFilterStateType(any_=[StateType.RUNNING]))
                ),
            )
        found = [str(r.infrastructure_pid or "").rpartition(":")[2] for r in runs]
        return [int(pid) for pid in found if pid.isdigit()]

    def worker_of(self, pid: int) -> subprocess.Popen[bytes] | None:
        """The worker that started the flow run process `pid`."""
        with _quietly():
            parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
            return next((w for w in self.workers if w.pid == parent), None)
        return None

    def kill_run_and_worker(self, pid: int) -> bool:
        """kill -9 a flow run's process and the worker that started it, as a dying machine
        would; whether there was such a worker."""
        worker = self.worker_of(pid)
        with _quietly():
            os.killpg(os.getpgid(pid), signal.SIGKILL)
        if worker is not None:
            self.kill_worker(worker)
        return worker is not None

    def start_workers(self, count: int) -> None:
        """`count` process workers, each started in an empty folder of its own."""
        for n in range(count):
            where = self.folder / f"worker-{len(self.workers) + 1}"
            where.mkdir(exist_ok=True)
            log = (where / "worker.log").open("ab")
            self.workers.append(
                subprocess.Popen(
                    [
                        str(BIN / "prefect"),
                        "worker",
                        "start",
                        "--pool",
                        POOL,
                        "--type",
                        "process",
                        "--name",
                        f"drill-{n + 1}-{uuid.uuid4().hex[:6]}",
                    ],
                    env=self.env(),
                    cwd=where,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )

    def kill_worker(self, worker: subprocess.Popen[bytes]) -> None:
        """kill -9 the worker and every flow run it started (its whole process group)."""
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
        self.workers.remove(worker)

    def stop_workers(self) -> None:
        for worker in list(self.workers):
            with _quietly():
                os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=30)
        self.workers.clear()

    def trigger(self, day: str) -> str:
        """Start the daily-check deployment for `day` on the pool; its flow run id."""
        with self.client() as client:
            found = client.read_deployment_by_name("daily-check/daily-check")
            run = client.create_flow_run_from_deployment(found.id, parameters={"as_of": day})
            return str(run.id)

    def state_of(self, run_id: str) -> str:
        with self.client() as client:
            run = client.read_flow_run(uuid.UUID(run_id))
            return run.state_type.value if run.state_type else "UNKNOWN"

    def wait(self, run_id: str, timeout: float) -> str:
        """The run's final state (COMPLETED, FAILED, ...), or its state when `timeout` ends."""
        deadline, state = time.monotonic() + timeout, "UNKNOWN"
        while time.monotonic() < deadline:
            with _quietly():
                state = self.state_of(run_id)
                if state in FINAL:
                    return state
            time.sleep(1)
        return state

    @contextmanager
    def client(self) -> Iterator[Any]:
        from prefect.client.orchestration import get_client
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with (
            temporary_settings({PREFECT_API_URL: self.api_url}),
            get_client(sync_client=True) as client,
        ):
            yield client

    def close(self) -> None:
        self.stop_workers()
        with _quietly():
            self.stop_server()
        self.relay.stop()
        self.pg.destroy()
        self.prefect_pg.destroy()
        shutil.rmtree(self.folder, ignore_errors=True)


def _quietly() -> contextlib.suppress:
    """Errors from a part already gone, which a drill expects, ignored."""
    return contextlib.suppress(Exception)


@contextmanager
def stack(areas: int, workers: int, **settings: str) -> Iterator[Stack]:
    """Everything started, the data generated and Closeout deployed; torn down after."""
    folder = Path(tempfile.mkdtemp(prefix="closeout-drill-"))
    pg, prefect_pg = start_postgres(), start_postgres()
    built = Stack(
        folder,
        pg,
        prefect_pg,
        SmtpReceiver().start(),
        {f"CLOSEOUT_{k.upper()}": v for k, v in settings.items()},
    )
    try:
        prefect_pg.create_database("prefect")
        generate_data(pg.create_database("closeout"), areas)
        built.start_server()
        built.deploy()
        built.start_workers(workers)
        yield built
    finally:
        built.close()


def generate_data(url: str, areas: int) -> None:
    """The benchmark's seeded world of `areas` areas (bench/daily_check_data.py)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from daily_check_data import generate

    import domain.tables  # noqa: F401  (every table, created with the data)

    generate(url, areas)


DAY = "2026-06-03"  # the generated data's day (bench/daily_check_data.TODAY)
