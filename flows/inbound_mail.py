"""The inbound-mail flow: take in each reply waiting in the IMAP mailbox, once.

Each message is recorded through the one use case both ways in share (`infra.inbound_mail`),
then moved to the done folder (made when missing) or, with no done folder set, flagged seen.
A message whose answer could not be sent stays where it is, so the next poll answers it; the
reply itself is recorded once, however often it is read.
"""

from __future__ import annotations

from dataclasses import dataclass

from prefect import flow
from pydantic.json_schema import SkipJsonSchema

from domain.errors import InvalidInput
from flows.runs import FLOW_TIMEOUT, run_logger, run_name, runtime_from_settings
from infra.imap_box import Mailbox, MailboxError, open_mailbox
from infra.inbound_mail import take_in
from infra.runtime import Runtime


@dataclass(frozen=True)
class InboxReport:
    """What one poll did: messages recorded, refused, seen before, and left for later."""

    recorded: int = 0
    refused: int = 0
    repeated: int = 0
    unreadable: int = 0  # not an email with a From address: nothing to record or answer
    left: int = 0  # recorded, but the answer did not go; answered on a later poll

    def summary(self) -> str:
        return (
            f"{self.recorded} recorded, {self.refused} refused, {self.repeated} seen before, "
            f"{self.unreadable} not emails, {self.left} left to answer"
        )


@flow(name="inbound-mail", flow_run_name=run_name("inbound-mail"), timeout_seconds=FLOW_TIMEOUT)
def inbound_mail(runtime: SkipJsonSchema[Runtime | None] = None) -> InboxReport:
    """Take in every reply waiting in the mailbox of CLOSEOUT_INBOUND_IMAP_URL."""
    runtime = runtime or runtime_from_settings()
    settings = runtime.settings
    if settings.inbound_imap_url is None:
        raise MailboxError("no mailbox is set: set CLOSEOUT_INBOUND_IMAP_URL")
    done = settings.inbound_imap_done_folder.strip()
    counts = {"recorded": 0, "refused": 0, "repeated": 0, "unreadable": 0, "left": 0}
    with open_mailbox(
        settings.inbound_imap_url.get_secret_value(),
        timeout=settings.inbound_imap_timeout_seconds,
    ) as box:
        if done:
            box.ensure_folder(done)
        for uid in box.waiting(unseen_only=not done):
            kind = _take_one(runtime, box, uid)
            if kind != "left":
                _put_away(box, uid, done)
            counts[kind] += 1
    report = InboxReport(**counts)
    run_logger().info("inbound mail: %s", report.summary())
    return report


def _take_one(runtime: Runtime, box: Mailbox, uid: bytes) -> str:
    """Record one message; which count it adds to."""
    raw = box.fetch(uid)
    if raw is None:
        return "repeated"
    try:
        result = take_in(runtime, raw)
    except InvalidInput as problem:
        run_logger().warning("a message in the mailbox was not read: %s", problem.message)
        return "unreadable"
    if result.owes_answer:
        return "left"
    if result.repeated:
        return "repeated"
    return result.outcome.value


def _put_away(box: Mailbox, uid: bytes, done: str) -> None:
    if done:
        box.move(uid, done)
    else:
        box.flag_seen(uid)
