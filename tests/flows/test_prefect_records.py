"""What Prefect records of a run started by `closeout check`: its day, and never a secret."""

from __future__ import annotations

import json

import pytest
from prefect import get_client

from cli.errors import EXIT_DELIVERY_FAILED
from tests.cli.conftest import Run
from tests.flows.conftest import use_cli_settings
from tests.notifications.smtp_server import closed_port

pytestmark = pytest.mark.usefixtures("prefect_harness")

D = "2026-06-01"
SECRET = "Sup3rSecretRelayPassw0rd"


def recorded() -> tuple[list[dict[str, object]], str]:
    """The daily check's flow runs as Prefect holds them, and everything it holds, as text."""
    with get_client(sync_client=True) as client:
        flow_runs = [r for r in client.read_flow_runs() if r.name and r.parameters.get("as_of")]
        everything = [
            *flow_runs,
            *client.read_task_runs(),
            *client.read_artifacts(),
            *client.read_logs(),
        ]
    text = json.dumps([item.model_dump(mode="json") for item in everything])
    return [{**r.parameters, "name": r.name} for r in flow_runs], text


def test_a_run_records_its_day_but_neither_its_runtime_nor_the_relay_password(
    closeout: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    relay = f"mailto://closeout:{SECRET}@127.0.0.1:{closed_port()}?from=a@example.org"
    use_cli_settings(monkeypatch, email_url=relay, delivery_retry_delay_seconds="0")
    closeout("example", "load", "--as-of", D)

    checked = closeout("check", "--as-of", D)

    assert checked.exit_code == EXIT_DELIVERY_FAILED
    parameters, text = recorded()
    # The run is named by what it is and the day it acts for.
    assert {"as_of": D, "replay": False, "runtime": None, "name": f"daily-check-{D}"} in parameters
    assert SECRET not in text
    assert SECRET not in checked.output
