"""The deployed daily check as operators run it, a smoke of the drills (docs/reliability.md):
a Prefect server and the app on PostgreSQL, `make deploy`'s steps, three process workers each
started in an empty folder, the day split in three batches; the SMTP relay down for the first
run and back for the next, which delivers every digest exactly once (drill 4 in small); then,
on the same stack, a batch's worker killed mid-delivery (drill 1 in small): the others and
the next run finish its batch once its lease passes."""

from __future__ import annotations

import pytest

from drills.checks import outcome
from drills.phases import fresh_day
from drills.stack import DAY, stack
from drills.worker_killed import KILLED_SETTINGS, killed_day
from tests import pg

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.slow]


AREAS = 2_000
SLOW_RELAY = 1.0  # seconds per message: with so few digests, delivery lasts long enough to break


def test_a_day_split_across_three_workers_survives_a_relay_outage_and_a_killed_worker() -> None:
    if reason := pg.missing_reason():
        pytest.skip(reason)
    with stack(AREAS, workers=3, **KILLED_SETTINGS) as s:
        fresh_day(s)
        s.relay.stop()
        down = s.trigger(DAY)
        assert s.wait(down, timeout=600) == "FAILED"
        s.relay.start()
        back = s.trigger(DAY)
        assert s.wait(back, timeout=600) == "COMPLETED"
        seen = outcome(s.app_url, s.relay)
        with s.client() as client:
            names = sorted(run.name for run in client.read_flow_runs())
            loggers = {log.name for log in client.read_logs(limit=200)}
        s.relay.delay = SLOW_RELAY
        killed = killed_day(s, after=AREAS // 50 // 3)  # a third of the digests owed
    assert seen.settled and seen.repeats == 0 and seen.owed > 10, seen.figures()
    assert names.count("daily-check-2026-06-03") == 2
    for batch in (1, 2, 3):
        assert names.count(f"daily-check-2026-06-03-batch-{batch}-of-3") == 2
    # The refused deliveries were logged by Closeout's own logger, and reached Prefect.
    assert "notifications.delivery" in loggers, loggers
    # The worker died while its batch was still delivering; the day was finished after it.
    assert killed.broken_after is not None and killed.broken_after < killed.seen.owed, (
        killed.words()
    )
    assert killed.passed, killed.words()
