"""An SMTP relay on a fixed loopback port that a test can stop and start again, as outages do."""

from __future__ import annotations

from dataclasses import dataclass, field
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default as default_policy
from typing import Any

from aiosmtpd.controller import Controller

from tests.notifications.smtp_server import HOST, SENDER, closed_port


@dataclass(frozen=True)
class Accepted:
    """One message the relay accepted: its recipients and the parsed email."""

    rcpt_tos: tuple[str, ...]
    email: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.email["Subject"])


@dataclass
class Inbox:
    """Every message the relay accepted, across its restarts."""

    received: list[Accepted] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        email = BytesParser(policy=default_policy).parsebytes(envelope.original_content)
        assert isinstance(email, EmailMessage)
        self.received.append(Accepted(tuple(envelope.rcpt_tos), email))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Accepted]:
        """The messages addressed to `address`, oldest first."""
        return [mail for mail in self.received if address in mail.rcpt_tos]


@dataclass
class Relay:
    """A relay that keeps its port while stopped, so the same relay URL works once it is back."""

    inbox: Inbox = field(default_factory=Inbox)
    port: int = field(default_factory=closed_port)
    controller: Controller | None = None

    @property
    def url(self) -> str:
        """The Apprise relay URL (no recipients), as CLOSEOUT_EMAIL_URL takes it."""
        return f"mailto://{HOST}:{self.port}?from={SENDER}&mode=insecure"

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname=HOST, port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
