"""The words of the answer to a reply: what was recorded, or why nothing was."""

from __future__ import annotations

from dataclasses import dataclass

from domain.labels import label
from domain.vocabulary import Status

HOW_TO_REPLY = (
    "To record progress, reply to a Closeout reminder and write your update above the quoted "
    "reminder. In a reminder about several areas, start each update with the area's number, "
    'for example "2: audit booked for March". The words done, completed, blocked and started '
    "set the status; attached files are kept as evidence."
)
REFUSED_SENDER = (
    "Progress was not recorded: replies are accepted only from the person the reminder was "
    "sent to, or from whoever acts for them while they are away. If this is your reminder, "
    "reply from the address it was sent to."
)
REFUSED_TOKEN = (
    "Progress was not recorded: the reply address of this message was not issued by Closeout "
    "or has been changed. Reply to the reminder itself, keeping its reply address."
)
NOT_A_REPLY = (
    "Progress was not recorded: this message is not a reply to a Closeout reminder (its "
    "address holds no reply token)."
)
NOTHING_READ = "Progress was not recorded: we could not find an update in your reply."


def expired(days: int) -> str:
    return (
        f"Progress was not recorded: replies to a reminder are accepted for {days} days and "
        "this reminder is older. Reply to your latest reminder, or record progress in Closeout."
    )


@dataclass(frozen=True)
class AreaRecorded:
    """What one reply recorded on one area."""

    number: int  # the number the digest gave the area
    area_id: int
    title: str
    note: str
    status: Status | None
    files: tuple[str, ...]

    def line(self) -> str:
        parts = [f"{self.number}. {self.title} (reference {self.area_id}):"]
        if self.note:
            parts.append(f"note “{_short(self.note)}”")
        if self.status is not None:
            parts.append(f"status now {label(self.status).lower()}")
        if self.files:
            parts.append("evidence " + ", ".join(self.files))
        return " ".join(parts[:1]) + " " + "; ".join(parts[1:]) + "."


def _short(text: str, limit: int = 160) -> str:
    """The note on one line, shortened for the answer only (the full note is recorded)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def recorded_summary(recorded: list[AreaRecorded], refused: list[str]) -> str:
    """The answer's lines when something was recorded."""
    lines = ["Recorded from your reply:", *(f"- {r.line()}" for r in recorded)]
    if refused:
        lines += ["", "Not recorded:", *(f"- {why}" for why in refused)]
    return "\n".join(lines)


def refused_summary(reason: str, refused: list[str]) -> str:
    """The answer's lines when nothing was recorded: why, and how to reply."""
    lines = [reason, *(f"- {why}" for why in refused)]
    return "\n".join([*lines, "", HOW_TO_REPLY])
