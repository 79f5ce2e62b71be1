"""What a run did, as a report the flow returns, publishes as an artifact and the CLI prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from notifications.rendering import plural


@dataclass(frozen=True)
class Undelivered:
    """A reminder the run could not deliver; `error` was redacted before it was stored."""

    reminder_id: int
    area_id: int | None
    reason: str
    recipient: str
    # pending (tried again next run), failed (out of attempts), or sent (its first channel
    # took it, another did not)
    state: str
    attempts: int
    error: str


@dataclass(frozen=True)
class RunReport:
    """The counts of one run and every reminder it could not deliver."""

    flow: str
    run_date: date
    planned: int = 0
    cancelled: int = 0
    claimed: int = 0
    sent: int = 0
    messages: int = 0
    # Owed to a weekly reader and not their day: still pending, they go on that day.
    held_for_weekly_day: int = 0
    undelivered: tuple[Undelivered, ...] = field(default_factory=tuple)
    extra: tuple[tuple[str, str], ...] = ()  # flow-specific lines, such as the reports kept
    skipped: tuple[tuple[str, str], ...] = ()  # authorities left out: (name, why)

    @property
    def is_failed(self) -> bool:
        """Whether any delivery failed or any authority was left out, which ends the flow
        run Failed."""
        return bool(self.undelivered or self.skipped)

    def summary(self) -> str:
        """One line for logs and the command line."""
        return f"{self.flow} for {self.run_date.isoformat()}: {self.counts()}"

    def counts(self) -> str:
        """What the run did, in words: the summary without the flow and the day."""
        line = (
            f"{plural(self.planned, 'reminder', 'reminders')} newly owed, "
            f"{self.cancelled} cancelled, {self.sent} delivered in "
            f"{plural(self.messages, 'message', 'messages')}"
        )
        if self.held_for_weekly_day:
            line += f", {self.held_for_weekly_day} held for a weekly reader's day"
        if self.undelivered:
            states = [u.state for u in self.undelivered]
            parts = [
                f"{states.count('failed')} out of attempts",
                f"{states.count('pending')} to retry next run",
            ]
            if partly := states.count("sent"):
                parts.append(f"{partly} delivered on their first channel only")
            line += f", {len(self.undelivered)} not delivered ({', '.join(parts)})"
        if self.skipped:
            line += f", {plural(len(self.skipped), 'authority', 'authorities')} left out"
        return line

    def markdown(self) -> str:
        """The report as a Prefect artifact shows it."""
        lines = [
            f"# {self.flow} — {self.run_date.isoformat()}",
            "",
            "| | |",
            "|---|---:|",
            f"| reminders newly owed | {self.planned} |",
            f"| pending reminders cancelled | {self.cancelled} |",
            f"| reminders claimed by this run | {self.claimed} |",
            f"| reminders delivered | {self.sent} |",
            f"| messages sent | {self.messages} |",
            f"| reminders not delivered | {len(self.undelivered)} |",
        ]
        if self.held_for_weekly_day:
            lines.append(
                f"| reminders held for a weekly reader's day | {self.held_for_weekly_day} |"
            )
        lines += [f"| {name} | {value} |" for name, value in self.extra]
        if self.undelivered:
            lines += [
                "",
                "## Not delivered",
                "",
                "| reminder | area | reason | recipient | state | attempts | error |",
                "|---:|---:|---|---|---|---:|---|",
            ]
            lines += [
                f"| {u.reminder_id} | {u.area_id or ''} | {u.reason} | {u.recipient} | "
                f"{u.state} | {u.attempts} | {u.error.replace('|', '/')} |"
                for u in self.undelivered
            ]
        if self.skipped:
            lines += ["", "## Left out", "", "| authority | why |", "|---|---|"]
            lines += [f"| {name} | {why.replace('|', '/')} |" for name, why in self.skipped]
        return "\n".join(lines) + "\n"


class DeliveriesFailed(Exception):
    """Some deliveries of a run failed, or some authorities were left out; raised after
    everything else was recorded."""

    def __init__(self, report: RunReport) -> None:
        super().__init__(report.summary())
        self.report = report
