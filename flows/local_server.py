"""A Prefect server on 127.0.0.1 for one machine: started on demand, stopped with its owner.

Schedules need a server that stays up; `closeout run` starts one here (its database and logs
under var/prefect/), or uses the one already answering on the port.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"


EXTRA_LOGGERS = "closeout,notifications,domain,infra,apprise"


def prefect_environment(home: Path) -> dict[str, str]:
    """Prefect settings for a machine that works offline, with its state under `home`."""
    return {
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_API_HOST": HOST,
        # Closeout's own loggers (and Apprise's) reach the Prefect UI with the run's logs.
        "PREFECT_LOGGING_EXTRA_LOGGERS": EXTRA_LOGGERS,
    }


def adopt_environment(home: Path) -> None:
    """Apply the offline Prefect settings to this process, keeping any the user set already.

    Call it before Prefect is first imported: Prefect reads its settings at import.
    """
    for name, value in prefect_environment(home).items():
        os.environ.setdefault(name, value)


def is_up(api_url: str, timeout: float = 2.0) -> bool:
    """Whether a Prefect server answers its health check at `api_url`."""
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@dataclass
class LocalServer:
    """A Prefect server this process started (or found running) on 127.0.0.1."""

    port: int
    home: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def ui_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.ui_url}/api"

    @property
    def log_path(self) -> Path:
        return self.home / "server.log"

    def start(self, timeout: float = 120.0) -> LocalServer:
        """Start the server unless one already answers; wait until it does."""
        if is_up(self.api_url):
            return self
        self.home.mkdir(parents=True, exist_ok=True)
        command = [_prefect_command(), "server", "start", "--host", HOST, "--port", str(self.port)]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                env={**os.environ, **prefect_environment(self.home)},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, stopped as one below
            )
        deadline = time.monotonic() + timeout
        while not is_up(self.api_url):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(
                    f"the Prefect server on port {self.port} did not start; see {self.log_path} "
                    "or set CLOSEOUT_PREFECT_PORT to a free port"
                )
            time.sleep(0.5)
        return self

    def stop(self) -> None:
        """Stop the server if this process started it."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def _prefect_command() -> str:
    """The `prefect` executable of this environment."""
    beside = Path(sys.executable).with_name("prefect")
    return str(beside) if beside.exists() else (shutil.which("prefect") or "prefect")
