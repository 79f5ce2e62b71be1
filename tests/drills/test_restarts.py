"""Drills 2 and 3 in small, as CI runs them (the full ones: `make drills`,
docs/reliability.md). The whole stack on loopback with 2,000 areas; the SMTP receiver takes a
second per message, so that with so few digests a part is still broken while delivery is under
way. Drills 1 and 4 in small are tests/drills/test_deployed_day.py."""

from __future__ import annotations

import pytest

from drills.phases import SETTINGS, after_messages, broken_day, when_batches_run
from drills.postgres_restart import restart_postgres
from drills.prefect_restart import restart_prefect
from drills.stack import stack
from tests import pg

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.slow]

AREAS = 2_000
THIRD = AREAS // 50 // 3  # about a third of the digests owed (a lead per 50 areas)
SLOW_RELAY = 1.0  # seconds per message


def test_restarting_postgresql_or_the_prefect_server_loses_and_doubles_nothing() -> None:
    if reason := pg.missing_reason():
        pytest.skip(reason)
    with stack(AREAS, workers=3, **SETTINGS) as s:
        s.relay.delay = SLOW_RELAY
        planning = broken_day(s, when_batches_run, restart_postgres)
        delivering = broken_day(s, after_messages(THIRD), restart_postgres)
        prefect = broken_day(s, after_messages(THIRD), restart_prefect)
    for phase in (planning, delivering, prefect):
        assert phase.passed, phase.words()
    assert planning.broken_after == 0, planning.words()  # before the first message went
    for phase in (delivering, prefect):
        assert phase.broken_after is not None and phase.broken_after < phase.seen.owed
