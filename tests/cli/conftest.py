"""Running the `closeout` command in-process against a fresh SQLite database."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from cli.main import app
from infra.settings import get_settings

Run = Callable[..., Result]


@pytest.fixture
def closeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Run]:
    """`closeout(*args)` runs the command; exit code and output are on the result."""
    monkeypatch.setenv("CLOSEOUT_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("CLOSEOUT_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    yield run
    get_settings.cache_clear()


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)
