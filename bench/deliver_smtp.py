"""Deliver 10,000 rendered digests through Apprise to an SMTP server on loopback and time it.

Usage (from the repository root):

    .venv/bin/python bench/deliver_smtp.py [--messages 10000] [--workers 8] [--stock-tls]

The script starts its own aiosmtpd server in a child process (a relay is its own process in
production too, and it keeps the server's CPU out of the sender's interpreter), renders one
reminder digest per person, delivers them with `deliver_all`, checks the server received every
one, and prints the figures. `--stock-tls` undoes the per-thread TLS context reuse to show what
Apprise's own SMTP connection costs.
"""

from __future__ import annotations

import argparse
import socket
import ssl
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from notifications import Digest, DigestItem, Envelope
from notifications.batch import DEFAULT_WORKERS, deliver_all
from notifications.channels import DeliverySettings

RUN_DATE = date(2025, 3, 3)
REASONS = ("overdue", "due_today", "due_soon", "stale", "at_risk")


def serve(port: int) -> None:
    """Child process: accept mail on 127.0.0.1:`port` until stdin closes, then print the count."""
    from aiosmtpd.controller import Controller

    class Counter:
        received = 0

        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            Counter.received += 1
            return "250 Message accepted for delivery"

    controller = Controller(Counter(), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    sys.stdin.read()
    controller.stop()
    print(Counter.received, flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def smtp_server() -> tuple[subprocess.Popen[str], int]:
    """This script's `serve` in a child process, and the port it listens on."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(port)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdin and server.stdout and server.stdout.readline().strip() == "ready"
    return server, port


def received_by(server: subprocess.Popen[str]) -> int:
    """Stop the child's server and return how many messages it received."""
    assert server.stdin and server.stdout
    server.stdin.close()
    count = int(server.stdout.readline())
    server.wait(timeout=30)
    return count


def digest_for(person: int) -> Digest:
    """A reminder digest of one to five items, with reasons and dates varying by person."""
    items = []
    for n in range(1 + person % 5):
        reason = REASONS[(person + n) % len(REASONS)]
        overdue = 3 + (person + n) % 40 if reason == "overdue" else 0
        items.append(
            DigestItem(
                area_id=f"AD-{person}-{n}",
                title=f"Strengthen management oversight of referrals, part {n + 1}",
                authority="Southwark",
                status="in_progress",
                reason=reason,  # type: ignore[arg-type]
                update_url=f"https://closeout.example.org/areas/AD-{person}-{n}/update",
                due_date=RUN_DATE + timedelta(days=5 - overdue),
                days_overdue=overdue,
                rag=("red", "amber", "green")[n % 3],
            )
        )
    return Digest(f"Lead {person}", f"lead{person}@example.org", "reminder", RUN_DATE, tuple(items))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--stock-tls", action="store_true")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return

    server, port = smtp_server()
    if args.stock_tls:
        import apprise.plugins.email.smtp as apprise_smtp

        from notifications.delivery import _prepare_apprise

        _prepare_apprise()
        apprise_smtp.ssl = ssl  # type: ignore[attr-defined]

    started = time.perf_counter()
    envelopes = [Envelope.for_digest(digest_for(p)) for p in range(args.messages)]
    rendered = time.perf_counter()
    settings = DeliverySettings(email_url=f"mailto://127.0.0.1:{port}?from=closeout@example.org")
    outcomes = deliver_all(envelopes, settings, max_workers=args.workers)
    finished = time.perf_counter()

    received = received_by(server)
    failed = sum(not o.is_sent for o in outcomes)
    total = finished - started
    print(f"messages: {args.messages}, workers: {args.workers}, stock TLS: {args.stock_tls}")
    print(f"received by the server: {received}, failed outcomes: {failed}")
    print(f"render: {rendered - started:.1f} s, deliver: {finished - rendered:.1f} s")
    print(f"total: {total:.1f} s, {args.messages / total:.0f} messages/second")
    if received != args.messages or failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
