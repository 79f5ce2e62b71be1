"""The mailbox replies arrive in, over IMAP (stdlib imaplib): list, fetch, then move or flag.

`inbound_imap_url` reads imap://user:password@host[:port][/FOLDER] (imaps:// for TLS); the
folder is INBOX when none is given. Its password never reaches a log or an error: errors
name the host and folder only.
"""

from __future__ import annotations

import imaplib
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

DEFAULT_PORTS = {"imap": 143, "imaps": 993}


class MailboxError(Exception):
    """The mailbox cannot be reached, logged into or read; the message holds no secret."""


@dataclass(frozen=True)
class ImapAddress:
    """Where the mailbox is; `password` stays out of the repr."""

    scheme: str
    host: str
    port: int
    user: str
    password: str = field(repr=False)
    folder: str = "INBOX"

    @property
    def label(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}/{self.folder}"


def parse_imap_url(url: str) -> ImapAddress:
    """The mailbox `url` names; MailboxError (without the URL) when it is not usable."""
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or not parts.username:
        raise MailboxError(
            "the inbound IMAP URL is not usable; give imap:// or imaps://user:password@host"
            "[:port][/FOLDER]"
        )
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError:
        raise MailboxError(f"the inbound IMAP URL for {parts.hostname} has a bad port") from None
    return ImapAddress(
        scheme=parts.scheme,
        host=parts.hostname,
        port=port,
        user=unquote(parts.username),
        password=unquote(parts.password or ""),
        folder=unquote(parts.path.strip("/")) or "INBOX",
    )


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Mailbox:
    """One logged-in IMAP connection, its folder selected."""

    def __init__(self, connection: imaplib.IMAP4, address: ImapAddress) -> None:
        self._imap = connection
        self.address = address

    def waiting(self, *, unseen_only: bool) -> list[bytes]:
        """The UIDs of the messages to handle: every one in the folder, or the unseen ones."""
        status, data = self._imap.uid("SEARCH", "UNSEEN" if unseen_only else "ALL")
        self._check(status, "search")
        return [uid for uid in (data[0] or b"").split() if uid]

    def fetch(self, uid: bytes) -> bytes | None:
        """The raw message, leaving it unseen; None when it went meanwhile."""
        status, data = self._imap.uid("FETCH", uid.decode(), "(BODY.PEEK[])")
        self._check(status, "fetch")
        for item in data:
            if isinstance(item, tuple) and len(item) == 2:
                return bytes(item[1])
        return None

    def ensure_folder(self, folder: str) -> None:
        """Create `folder` unless it exists."""
        status, data = self._imap.list('""', _quoted(folder))
        if status == "OK" and any(d for d in data if d):
            return
        status, _ = self._imap.create(_quoted(folder))
        self._check(status, f"create the folder {folder}")

    def move(self, uid: bytes, folder: str) -> None:
        """Move the message to `folder` (MOVE where the server has it, else copy and delete)."""
        if "MOVE" in self._imap.capabilities:
            status, _ = self._imap.uid("MOVE", uid.decode(), _quoted(folder))
            self._check(status, f"move a message to {folder}")
            return
        status, _ = self._imap.uid("COPY", uid.decode(), _quoted(folder))
        self._check(status, f"copy a message to {folder}")
        self._imap.uid("STORE", uid.decode(), "+FLAGS.SILENT", r"(\Deleted)")
        self._imap.expunge()

    def flag_seen(self, uid: bytes) -> None:
        status, _ = self._imap.uid("STORE", uid.decode(), "+FLAGS.SILENT", r"(\Seen)")
        self._check(status, "flag a message as seen")

    def _check(self, status: str, what: str) -> None:
        if status != "OK":
            raise MailboxError(f"the IMAP server at {self.address.label} would not {what}")


@contextmanager
def open_mailbox(url: str, *, timeout: float) -> Iterator[Mailbox]:
    """The mailbox `url` names, logged in with its folder selected, until the block ends."""
    address = parse_imap_url(url)
    kind = imaplib.IMAP4_SSL if address.scheme == "imaps" else imaplib.IMAP4
    try:
        connection = kind(address.host, address.port, timeout=timeout)
    except OSError as exc:
        raise MailboxError(f"the IMAP server at {address.label} cannot be reached: {exc}") from None
    try:
        try:
            connection.login(address.user, address.password)
            status, _ = connection.select(_quoted(address.folder))
        except imaplib.IMAP4.error as exc:
            detail = re.sub(r"\s+", " ", str(exc))[:200]
            if address.password:
                detail = detail.replace(address.password, "***")
            raise MailboxError(f"the IMAP server at {address.label} refused: {detail}") from None
        if status != "OK":
            raise MailboxError(f"the IMAP folder {address.label} cannot be opened")
        yield Mailbox(connection, address)
    finally:
        with suppress(imaplib.IMAP4.error, OSError):  # the connection is going anyway
            connection.logout()
