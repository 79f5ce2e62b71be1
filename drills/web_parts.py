"""Web instances (`closeout web`) and an nginx in front of them, started on loopback for drills."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx

from drills.parts import ROOT, free_port, wait_for_port

NGINX = "/usr/sbin/nginx"

# A round-robin upstream of the instances; nothing sticks a person to one instance, so every
# request may land on either. POSTs are never retried on the other instance (nginx's default),
# and each response names the instance that answered, so a drill can tell them apart. Idle
# upstream connections are dropped before uvicorn's own 5 s keep-alive ends them: else nginx
# may send a request down a connection uvicorn is closing, and a POST then fails with 502.
NGINX_CONF = """\
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    client_max_body_size 12m;
    client_body_buffer_size 12m;
    upstream closeout {{
{servers}
        keepalive 32;
        keepalive_timeout 4s;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://closeout;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


@dataclass
class Child:
    """A server started as a child process, its output in a log file."""

    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: IO[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def nginx_missing() -> str | None:
    """Why nginx cannot run here, or None."""
    return None if Path(NGINX).exists() else "nginx is not installed (apt-get install nginx-light)"


def start_web(folder: Path, names: list[str], database_url: str, public_url: str) -> list[Child]:
    """`closeout web` instances on free loopback ports, started together, each with a var
    folder of its own and no session secret: they share nothing but the database."""
    children = [_launch_web(folder, name, database_url, public_url) for name in names]
    try:
        for child in children:
            _wait_until_up(child)
    except BaseException:
        for child in children:
            child.stop()
        raise
    return children


def _launch_web(folder: Path, name: str, database_url: str, public_url: str) -> Child:
    port = free_port()
    environment = {
        **os.environ,
        "CLOSEOUT_DATABASE_URL": database_url,
        "CLOSEOUT_VAR_DIR": str(folder / name),
        "CLOSEOUT_BASE_URL": public_url,
        "CLOSEOUT_TRUSTED_PROXIES": "127.0.0.1",
    }
    environment.pop("CLOSEOUT_SESSION_SECRET", None)
    log = (folder / f"{name}.log").open("wb")
    command = [sys.executable, "-m", "cli.main", "web", "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(
        command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
    )
    return Child(name, port, process, log)


def start_nginx(folder: Path, upstreams: list[Child], port: int) -> Child:
    """nginx on `port` in front of `upstreams`, configured and logging under `folder`."""
    home = folder / "nginx"
    home.mkdir()
    home.chmod(0o755)  # nginx's workers run as nobody when we are root
    servers = "\n".join(f"        server 127.0.0.1:{u.port};" for u in upstreams)
    conf = home / "nginx.conf"
    conf.write_text(NGINX_CONF.format(folder=home, servers=servers, port=port))
    log = (folder / "nginx.log").open("wb")
    command = [NGINX, "-p", str(home), "-c", str(conf), "-e", str(home / "error.log")]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    child = Child("nginx", port, process, log)
    try:
        _wait_until_up(child)
    except BaseException:
        child.stop()
        raise
    return child


def _wait_until_up(child: Child, timeout: float = 90.0) -> None:
    """Return once `child` answers its sign-in page; raise, naming its log, if it ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.process.poll() is not None:
            raise RuntimeError(f"{child.name} ended at start; see {child.log.name}")
        try:
            wait_for_port(child.port, timeout=1)
            if httpx.get(f"{child.url}/sign-in", timeout=5).status_code == 200:
                return
        except (TimeoutError, httpx.HTTPError):
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{child.name} did not answer within {timeout:.0f} s; see {child.log.name}")


def locust_missing() -> str | None:
    """Why the load tool cannot run here, or None."""
    if shutil.which("locust", path=str(Path(sys.executable).parent)) is None:
        return "locust is not installed (pip install -e '.[dev]')"
    return None
