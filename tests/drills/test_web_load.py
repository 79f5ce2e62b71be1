"""Drill 5 in small: PostgreSQL, two `closeout web` instances behind nginx, and locust with
five people for 20 seconds; nothing lost, every upload read through the other instance."""

from __future__ import annotations

import pytest

from drills import web_load
from drills.web_parts import locust_missing, nginx_missing
from tests import pg


@pytest.mark.e2e
@pytest.mark.slow
def test_the_short_web_load_drill_holds(capsys: pytest.CaptureFixture[str]) -> None:
    if problem := nginx_missing() or locust_missing() or pg.missing_reason():
        pytest.skip(problem)

    code = web_load.main(["--short"])

    [verdict] = capsys.readouterr().out.splitlines()
    assert verdict.startswith("drill 5 web load: PASS"), verdict
    assert ", 0 errors;" in verdict and ", 0 lost;" in verdict
    assert code == 0
