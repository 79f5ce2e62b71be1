"""Migration 0010: grants recorded before it start their history with a "granted" row, and a
revoked one with an "ended" row; downgrading removes the new tables."""

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from infra.db import make_engine
from infra.migrate import alembic_config

pytestmark = pytest.mark.integration


def test_grants_already_recorded_get_their_history(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    command.upgrade(alembic_config(url), "0009")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO authority (id, name, policy, created_at) "
                "VALUES (1, 'Eastmere', '{}', :at)"
            ),
            {"at": "2026-03-01 09:00:00"},
        )
        connection.execute(
            text(
                "INSERT INTO person (id, name, email, role, extra_addresses, active, created_at) "
                "VALUES (1, 'Ruth', 'ruth@example.org', 'inspector', '[]', 1, :at)"
            ),
            {"at": "2026-03-01 09:00:00"},
        )
        connection.execute(
            text(
                "INSERT INTO inspector_access (id, person_id, authority_id, starts_on, ends_on, "
                "granted_by_id, granted_at, revoked_at) VALUES "
                "(1, 1, 1, '2026-03-02', '2026-04-30', NULL, '2026-03-02 10:00:00', NULL), "
                "(2, 1, 1, '2026-03-02', '2026-03-31', 1, '2026-03-03 10:00:00', "
                "'2026-03-04 10:00:00')"
            )
        )
    command.upgrade(alembic_config(url), "0010")
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT grant_id, what, old_ends_on, new_ends_on, by_id, at "
                "FROM inspector_access_change ORDER BY grant_id, at"
            )
        ).all()
    assert [tuple(row) for row in rows] == [
        (1, "granted", None, "2026-04-30", None, "2026-03-02 10:00:00"),
        (2, "granted", None, "2026-03-31", 1, "2026-03-03 10:00:00"),
        (2, "ended", "2026-03-31", None, None, "2026-03-04 10:00:00"),
    ]
    command.downgrade(alembic_config(url), "0009")
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
    engine.dispose()
    assert not tables & {"inspector_access_change", "authority_name_change", "authority_merge"}
    assert "inspector_access" in tables
