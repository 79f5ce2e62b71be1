"""Generated requests against the OpenAPI schema: whatever comes in, no server error comes out."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from pydantic import SecretStr
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig

from domain.accounts import services as accounts
from domain.accounts.credentials import TokenPurpose
from domain.permissions import SYSTEM
from infra.clock import Clock
from infra.db import make_engine
from infra.runtime import build_runtime
from infra.settings import Settings
from tests.factories import NOW
from tests.web.conftest import World
from web.app import create_app

EXAMPLES = 150

# The schema is read when the module is collected, so the app exists before any fixture;
# each test points it at that test's own database.
APP = create_app(
    build_runtime(
        Settings(var_dir=Path(tempfile.gettempdir()), session_secret=SecretStr("fuzz")),
        engine=make_engine("sqlite://"),
        clock=Clock(now=lambda: NOW),
    )
)
CONFIG = SchemathesisConfig()
CONFIG.projects.default.generation.update(max_examples=EXAMPLES, deterministic=True)
# A relay posts raw email (/api/inbound-mail): generated bodies go as the bytes they are.
schemathesis.serializer.alias("message/rfc822", "application/octet-stream")
# /api/health answers 503 by design while the daily check is behind (tests/web/
# test_schedule_health.py), so a server-error check says nothing about it.
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP, config=CONFIG).exclude(
    path="/api/health"
)


@pytest.fixture
def director_token(world: World) -> Iterator[str]:
    """A director's token on a fresh world that the app under test now uses."""
    with world.session() as s:
        _, secret = accounts.issue_token(
            s, email=world.people["director"].email, purpose=TokenPurpose.API, now=NOW, by=SYSTEM
        )
    APP.state.engine = world.engine
    yield secret


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=5),
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_no_generated_request_gets_a_server_error(
    case: schemathesis.Case, director_token: str
) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {director_token}"}, checks=[not_a_server_error]
    )
