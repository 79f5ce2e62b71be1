"""A throwaway Dovecot IMAP server on 127.0.0.1 for the tests that read a real mailbox.

One user with a plain password, mail in a Maildir under a temporary folder, no TLS (loopback
only). Run as root, Dovecot's own processes and the mail run as `nobody`.
"""

from __future__ import annotations

import grp
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

DOVECOT = "/usr/sbin/dovecot"
HOST = "127.0.0.1"
USER = "replies"
PASSWORD = "imap-test-pass"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
instance_name = closeout-test-{port}
protocols = imap
listen = {host}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = {root}/dovecot.log
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = {host}
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service stats {{
  inet_listener http {{
    port = 0
  }}
}}
"""


def missing_reason() -> str | None:
    """Why no Dovecot can start here, or None when one can."""
    if not Path(DOVECOT).exists():
        return "Dovecot (Debian's dovecot-imapd) is not installed"
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class ImapServer:
    """A running Dovecot: where it listens, its one user, and a client for the tests."""

    port: int
    root: Path

    def url(self, folder: str = "") -> str:
        """The mailbox as CLOSEOUT_INBOUND_IMAP_URL reads it."""
        return f"imap://{USER}:{PASSWORD}@{HOST}:{self.port}/{folder}"

    @contextmanager
    def client(self) -> Iterator[imaplib.IMAP4]:
        connection = imaplib.IMAP4(HOST, self.port, timeout=10)
        connection.login(USER, PASSWORD)
        try:
            yield connection
        finally:
            connection.logout()

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        """Put a message in the box, unseen, as a delivery would."""
        with self.client() as imap:
            status, _ = imap.append(folder, "", imaplib.Time2Internaldate(time.time()), raw)
            assert status == "OK"

    def count(self, folder: str = "INBOX", criteria: str = "ALL") -> int:
        with self.client() as imap:
            status, _ = imap.select(f'"{folder}"', readonly=True)
            if status != "OK":
                return 0
            _, data = imap.search(None, criteria)
            return len((data[0] or b"").split())


def _accounts(root: Path) -> tuple[str, str, int, int]:
    """The user and group Dovecot's processes and the mail run as, with their ids."""
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        shutil.chown(root, nobody.pw_uid, nobody.pw_gid)
        root.chmod(0o755)
        return "nobody", "nogroup", nobody.pw_uid, nobody.pw_gid
    me = pwd.getpwuid(os.geteuid())
    group = grp.getgrgid(os.getegid()).gr_name
    return me.pw_name, group, os.geteuid(), os.getegid()


def _wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Dovecot stopped: {log.read_text() if log.exists() else ''}")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"Dovecot did not listen on {port}")


@contextmanager
def running_imap_server() -> Iterator[ImapServer]:
    """Start Dovecot in a temporary folder until the block ends."""
    root = Path(tempfile.mkdtemp(prefix="cdove-"))
    user, group, uid, gid = _accounts(root)
    port = _free_port()
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    config = root / "dovecot.conf"
    config.write_text(
        CONFIG.format(root=root, host=HOST, port=port, user=user, group=group, uid=uid, gid=gid)
    )
    for folder in ("run", "state", "mail"):
        (root / folder).mkdir()
    if os.geteuid() == 0:
        shutil.chown(root / "mail", uid, gid)
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(config)], stderr=subprocess.PIPE)
    try:
        _wait_for(port, process, root / "dovecot.log")
        yield ImapServer(port, root)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def imap_server() -> Iterator[ImapServer]:
    """A fresh Dovecot on loopback for one test, or the test skipped saying why."""
    reason = missing_reason()
    if reason:
        pytest.skip(reason)
    with running_imap_server() as server:
        yield server
