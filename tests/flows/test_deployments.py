"""prefect.yaml declares the deployments that `closeout serve` serves, each in London time."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from flows.daily_check import daily_check
from flows.deployments import PREFECT_YAML, deployment_specs, load_flow, runner_deployments
from flows.readiness import readiness_report


def test_prefect_yaml_declares_the_daily_check_and_the_readiness_report() -> None:
    specs = {spec.name: spec for spec in deployment_specs()}
    assert sorted(specs) == ["daily-check", "readiness-report"]
    assert specs["daily-check"].schedules == (("0 7 * * 1-5", "Europe/London"),)
    assert specs["readiness-report"].schedules == (("30 6 * * 1", "Europe/London"),)
    assert {spec.concurrency_limit for spec in specs.values()} == {1}
    assert load_flow(specs["daily-check"].entrypoint) is daily_check
    assert load_flow(specs["readiness-report"].entrypoint) is readiness_report


def test_every_deployment_runs_on_the_process_work_pool() -> None:
    declared = yaml.safe_load(PREFECT_YAML.read_text())
    pools = {d["name"]: d["work_pool"]["name"] for d in declared["deployments"]}
    assert pools == {"daily-check": "closeout-process", "readiness-report": "closeout-process"}


def test_served_deployments_carry_the_schedules_and_limits_of_prefect_yaml() -> None:
    served = {d.name: d for d in runner_deployments()}
    # Named apart from prefect.yaml's, so `closeout serve` and `prefect deploy` never clash.
    assert sorted(served) == ["daily-check-served", "readiness-report-served"]
    daily = served["daily-check-served"]
    [schedule] = daily.schedules or []
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("0 7 * * 1-5", "Europe/London")
    assert daily.parameters == {"as_of": None}


def test_every_flow_and_task_has_a_timeout_and_runs_are_named_by_their_day() -> None:
    from prefect import Task

    import flows.daily_check
    import flows.ledger_tasks
    import flows.readiness
    import flows.runs

    for flow in (daily_check, readiness_report):
        assert flow.timeout_seconds and flow.timeout_seconds <= 2 * 60 * 60
        assert callable(flow.flow_run_name)
    tasks = [
        value
        for module in (flows.daily_check, flows.ledger_tasks, flows.readiness, flows.runs)
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
