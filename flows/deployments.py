"""The deployments prefect.yaml declares, built for `serve` so one machine runs them all.

prefect.yaml stays the one place that says what runs when: `closeout serve` reads it and
serves the same flows, schedules, parameters and concurrency limits that `prefect deploy`
would register for a process work pool. Served deployments are named with SERVED_SUFFIX, so
the two never register the same name: after both, each still runs as it was set up.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml
from prefect import Flow, serve
from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron

PROJECT = Path(__file__).resolve().parent.parent
PREFECT_YAML = PROJECT / "prefect.yaml"
SERVED_SUFFIX = "-served"


@dataclass(frozen=True)
class DeploymentSpec:
    """One deployment as prefect.yaml declares it."""

    name: str
    entrypoint: str  # flows/<file>.py:<flow function>
    description: str = ""
    parameters: dict[str, Any] = field(default_factory=dict)
    schedules: tuple[tuple[str, str], ...] = ()  # (cron, timezone)
    concurrency_limit: int | None = None
    tags: tuple[str, ...] = ()


def deployment_specs(path: Path = PREFECT_YAML) -> list[DeploymentSpec]:
    """The deployments in `path`, each schedule with its explicit time zone."""
    declared = yaml.safe_load(path.read_text(encoding="utf-8"))
    specs = []
    for entry in declared.get("deployments", []):
        schedules = []
        for schedule in entry.get("schedules") or []:
            if not schedule.get("timezone"):
                raise ValueError(
                    f"deployment {entry['name']!r} has a schedule without a timezone; "
                    "give one such as Europe/London"
                )
            schedules.append((str(schedule["cron"]), str(schedule["timezone"])))
        specs.append(
            DeploymentSpec(
                name=entry["name"],
                entrypoint=entry["entrypoint"],
                description=entry.get("description", ""),
                parameters=dict(entry.get("parameters") or {}),
                schedules=tuple(schedules),
                concurrency_limit=entry.get("concurrency_limit"),
                tags=tuple(entry.get("tags") or ()),
            )
        )
    return specs


def load_flow(entrypoint: str) -> Flow[..., Any]:
    """The flow an entrypoint such as flows/daily_check.py:daily_check names."""
    file, _, name = entrypoint.partition(":")
    if not file.endswith(".py") or not name:
        raise ValueError(f"entrypoint {entrypoint!r} is not of the form flows/<file>.py:<flow>")
    module = importlib.import_module(file.removesuffix(".py").replace("/", "."))
    found = getattr(module, name)
    if not isinstance(found, Flow):
        raise ValueError(f"entrypoint {entrypoint!r} names {type(found).__name__}, not a flow")
    return found


def runner_deployments(path: Path = PREFECT_YAML) -> list[RunnerDeployment]:
    """Every declared deployment, ready to serve from this process."""
    # Called outside an event loop, Prefect's sync-compatible method returns the deployment.
    return [
        cast(
            RunnerDeployment,
            load_flow(spec.entrypoint).to_deployment(
                name=spec.name + SERVED_SUFFIX,
                description=spec.description or None,
                parameters=spec.parameters,
                schedules=[Cron(cron, timezone=zone) for cron, zone in spec.schedules],
                concurrency_limit=spec.concurrency_limit,
                tags=list(spec.tags),
            ),
        )
        for spec in deployment_specs(path)
    ]


def enter_project() -> dict[str, str]:
    """prefect.yaml's pull step: work in the folder this copy of Closeout is installed in.

    The worker that runs a flow imports this module from its own installation, so the
    entrypoints (flows/<file>.py) are found beside it whatever folder the worker started in.
    """
    os.chdir(PROJECT)
    return {"directory": str(PROJECT)}


def serve_deployments(path: Path = PREFECT_YAML) -> None:
    """Serve every declared deployment until interrupted; paused schedules are not left behind."""
    serve(*runner_deployments(path), pause_on_shutdown=False, print_starting_message=True)
