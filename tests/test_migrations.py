"""The migrations build exactly the schema the tables describe, on both databases."""

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from infra.db import make_engine
from infra.migrate import alembic_config, upgrade
from tests.pg import fresh_database

pytestmark = pytest.mark.integration  # each test migrates a database of its own


def _differences(url: str) -> list[object]:
    engine = make_engine(url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        diff = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    return list(diff)


def test_migrating_an_empty_sqlite_database_matches_the_tables(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade(url)
    assert _differences(url) == []


@pytest.mark.postgres
def test_migrating_an_empty_postgres_database_matches_the_tables(postgres_url: str) -> None:
    url = fresh_database(postgres_url, "migrations_check")
    upgrade(url)
    assert _differences(url) == []


def test_upgrading_twice_changes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade(url)
    upgrade(url)
    assert _differences(url) == []


def _ledger_row() -> dict[str, object]:
    return {
        "authority_id": 1,
        "area_id": 1,
        "reason": "overdue",
        "window_key": 7,
        "recipient_id": 1,
        "due_date_version": "2026-06-01",
        "state": "pending",
        "attempts": 0,
        "created_at": "2026-06-01 07:00:00",
    }


def _upgrade_a_database_with_a_reminder_in_it(url: str) -> None:
    """A database at 0005 holding one reminder, then brought up to date."""
    command.upgrade(alembic_config(url), "0005")
    engine = make_engine(url)
    with engine.begin() as connection:
        # The reminder refers to rows that are not there: switch the key checks off to add it.
        if engine.dialect.name == "sqlite":
            connection.execute(text("PRAGMA foreign_keys = OFF"))
        else:
            connection.execute(text("SET session_replication_role = replica"))
        connection.execute(
            text(
                "INSERT INTO reminder (authority_id, area_id, reason, window_key, recipient_id, "
                "due_date_version, state, attempts, created_at) VALUES (:authority_id, :area_id, "
                ":reason, :window_key, :recipient_id, :due_date_version, :state, :attempts, "
                ":created_at)"
            ),
            _ledger_row(),
        )
    engine.dispose()
    upgrade(url)


def test_the_ledger_loses_its_foreign_keys_and_whole_run_index_but_keeps_its_rows(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    _upgrade_a_database_with_a_reminder_in_it(url)
    engine = make_engine(url)
    with engine.connect() as connection:
        assert inspect(connection).get_foreign_keys("reminder") == []
        assert connection.execute(text("SELECT window_key FROM reminder")).scalars().all() == [7]
        index_sql = dict(
            connection.execute(
                text(
                    "SELECT name, sql FROM sqlite_master "
                    "WHERE type = 'index' AND tbl_name = 'reminder'"
                )
            ).all()
        )
    engine.dispose()
    assert "state = 'pending'" in index_sql["ix_reminder_pending_claim"]
    assert "area_id IS NULL" in index_sql["uq_reminder_authority_key"]
    assert "state = 'sent'" in index_sql["ix_reminder_run_sent"]
    assert "last_error IS NOT NULL" in index_sql["ix_reminder_run_errors"]
    assert "ix_reminder_run" not in index_sql
    assert _differences(url) == []


@pytest.mark.postgres
def test_the_postgres_ledger_loses_its_foreign_keys_but_keeps_its_rows(postgres_url: str) -> None:
    url = fresh_database(postgres_url, "ledger_keys_check")
    _upgrade_a_database_with_a_reminder_in_it(url)
    engine = make_engine(url)
    with engine.connect() as connection:
        assert inspect(connection).get_foreign_keys("reminder") == []
        assert connection.execute(text("SELECT window_key FROM reminder")).scalars().all() == [7]
        conditions = dict(
            connection.execute(
                text("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'reminder'")
            ).all()
        )
    engine.dispose()
    assert "'sent'" in conditions["ix_reminder_run_sent"]
    assert "last_error IS NOT NULL" in conditions["ix_reminder_run_errors"]
    assert _differences(url) == []


def test_downgrading_puts_the_ledger_keys_back(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade(url)
    command.downgrade(alembic_config(url), "0005")
    engine = make_engine(url)
    with engine.connect() as connection:
        referred = {
            key["referred_table"] for key in inspect(connection).get_foreign_keys("reminder")
        }
        indexes = {index["name"] for index in inspect(connection).get_indexes("reminder")}
    engine.dispose()
    assert referred == {"authority", "development_area", "person"}
    assert "ix_reminder_run" in indexes and "ix_reminder_run_sent" not in indexes


def test_failed_sign_ins_counted_per_network_move_to_their_own_column(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    command.upgrade(alembic_config(url), "0006")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO login_failure (email, at) VALUES (:email, '2026-06-01 09:00:00')"),
            [{"email": "lead@example.org"}, {"email": "CLIENT 192.0.2.7"}],
        )
    upgrade(url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT email, client FROM login_failure ORDER BY id")).all()
    engine.dispose()
    assert [tuple(row) for row in rows] == [("lead@example.org", None), (None, "192.0.2.7")]
    assert _differences(url) == []
