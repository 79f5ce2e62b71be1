"""prefect.yaml declares the deployments that `closeout serve` serves, each in London time."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from flows.daily_check import daily_check, daily_check_batch
from flows.deployments import PREFECT_YAML, deployment_specs, load_flow, runner_deployments
from flows.inbound_mail import inbound_mail
from flows.readiness import readiness_report


def test_prefect_yaml_declares_the_daily_check_the_readiness_report_and_inbound_mail() -> None:
    specs = {spec.name: spec for spec in deployment_specs()}
    assert sorted(specs) == ["daily-check", "daily-check-batch", "inbound-mail", "readiness-report"]
    assert specs["daily-check"].schedules == (("0 7 * * 1-5", "Europe/London"),)
    assert specs["readiness-report"].schedules == (("30 6 * * 1", "Europe/London"),)
    # Batches of one day run side by side; only the daily check starts them, never a schedule.
    batch = specs.pop("daily-check-batch")
    assert (batch.schedules, batch.concurrency_limit) == ((), None)
    assert load_flow(batch.entrypoint) is daily_check_batch
    assert {spec.concurrency_limit for spec in specs.values()} == {1}
    assert load_flow(specs["daily-check"].entrypoint) is daily_check
    assert load_flow(specs["readiness-report"].entrypoint) is readiness_report
    assert specs["inbound-mail"].schedules == (("*/2 * * * *", "Europe/London"),)
    assert load_flow(specs["inbound-mail"].entrypoint) is inbound_mail


def test_every_deployment_runs_on_the_process_work_pool() -> None:
    declared = yaml.safe_load(PREFECT_YAML.read_text())
    pools = {d["name"]: d["work_pool"]["name"] for d in declared["deployments"]}
    assert set(pools) == {"daily-check", "daily-check-batch", "inbound-mail", "readiness-report"}
    assert set(pools.values()) == {"closeout-process"}
    # The project's loggers reach the Prefect UI from every worker's flow runs.
    env = {
        d["work_pool"]["job_variables"]["env"]["PREFECT_LOGGING_EXTRA_LOGGERS"]
        for d in declared["deployments"]
    }
    assert {"closeout", "notifications", "apprise"} <= set(env.pop().split(","))


def test_a_worker_runs_flows_in_its_own_installation_whatever_folder_it_started_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    declared = yaml.safe_load(PREFECT_YAML.read_text())
    assert declared["pull"] == [{"flows.deployments.enter_project": {}}]
    assert "/" not in yaml.safe_dump(declared["pull"])  # no machine's path is recorded
    monkeypatch.chdir(tmp_path)
    from flows.deployments import enter_project

    assert enter_project() == {"directory": str(PREFECT_YAML.parent)}
    assert Path.cwd() == PREFECT_YAML.parent
    assert load_flow("flows/daily_check.py:daily_check") is daily_check


def test_served_deployments_carry_the_schedules_and_limits_of_prefect_yaml() -> None:
    served = {d.name: d for d in runner_deployments()}
    # Named apart from prefect.yaml's, so `closeout serve` and `prefect deploy` never clash.
    assert sorted(served) == [
        "daily-check-batch-served",
        "daily-check-served",
        "inbound-mail-served",
        "readiness-report-served",
    ]
    daily = served["daily-check-served"]
    [schedule] = daily.schedules or []
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("0 7 * * 1-5", "Europe/London")
    assert daily.parameters == {"as_of": None}


def test_every_flow_and_task_has_a_timeout_and_runs_are_named_by_their_day() -> None:
    from prefect import Task

    import flows.daily_check
    import flows.fan_out
    import flows.ledger_tasks
    import flows.readiness
    import flows.runs

    for flow in (daily_check, daily_check_batch, readiness_report, inbound_mail):
        assert flow.timeout_seconds and flow.timeout_seconds <= 2 * 60 * 60
        assert callable(flow.flow_run_name)
    tasks = [
        value
        for module in (
            flows.daily_check,
            flows.fan_out,
            flows.ledger_tasks,
            flows.readiness,
            flows.runs,
        )
        for value in vars(module).values()
        if isinstance(value, Task)
    ]
    assert len(tasks) >= 8
    assert all(t.timeout_seconds for t in tasks), [t.name for t in tasks if not t.timeout_seconds]


def test_a_schedule_without_a_time_zone_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "prefect.yaml"
    broken.write_text(
        "deployments:\n  - name: x\n    entrypoint: flows/daily_check.py:daily_check\n"
        "    schedules:\n      - cron: '0 7 * * *'\n"
    )
    with pytest.raises(ValueError, match="deployment 'x' has a schedule without a timezone"):
        deployment_specs(broken)


def test_an_entrypoint_must_name_a_flow() -> None:
    with pytest.raises(ValueError, match="names function, not a flow"):
        load_flow("flows/runs.py:start")


@pytest.mark.parametrize(
    ("deployment", "batches", "target"),
    [
        ("daily-check", 3, "daily-check-batch/daily-check-batch"),
        ("daily-check-served", 2, "daily-check-batch/daily-check-batch-served"),
        ("daily-check", 1, None),  # one batch: the day runs in one process, as before
        ("", 3, None),  # not deployed (a test, `closeout check`): the day runs here
    ],
)
def test_the_day_is_split_only_when_deployed_with_batches_and_beside_its_own_deployment(
    monkeypatch: pytest.MonkeyPatch, deployment: str, batches: int, target: str | None
) -> None:
    from types import SimpleNamespace
    from typing import cast

    from flows.fan_out import batch_deployment
    from infra.runtime import Runtime
    from infra.settings import Settings

    monkeypatch.setenv("PREFECT__RUNTIME__DEPLOYMENT__NAME", deployment)
    runtime = cast(Runtime, SimpleNamespace(settings=Settings(daily_check_batches=batches)))
    assert batch_deployment(runtime) == target
