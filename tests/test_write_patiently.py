"""Recording what has already happened elsewhere waits out a database that cannot be reached."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session

from infra.db import make_engine, write_patiently

pytestmark = pytest.mark.integration


class Outage:
    """A SQLite database that cannot be opened (a folder stands where its file goes) until
    `ends_after` pauses have been waited."""

    def __init__(self, database: Path, ends_after: int) -> None:
        self.database, self.ends_after = database, ends_after
        self.pauses: list[float] = []
        self.clock = 0.0

    def begin(self) -> None:
        self.database.unlink(missing_ok=True)
        self.database.mkdir()

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.clock += seconds
        if len(self.pauses) == self.ends_after:
            self.database.rmdir()

    def monotonic(self) -> float:
        return self.clock


def _note(session: Session) -> int:
    session.execute(text("CREATE TABLE IF NOT EXISTS sent (id INTEGER PRIMARY KEY)"))
    session.execute(text("INSERT INTO sent (id) VALUES (1)"))
    session.commit()
    return 1


def test_a_write_made_while_the_database_is_unreachable_lands_once_it_is_back(
    tmp_path: Path,
) -> None:
    outage = Outage(tmp_path / "closeout.db", ends_after=3)
    engine = make_engine(f"sqlite:///{outage.database}")
    outage.begin()

    written = write_patiently(
        engine, _note, patience_seconds=60, sleep=outage.sleep, monotonic=outage.monotonic
    )

    assert written == 1
    assert outage.pauses == [0.5, 1.0, 2.0]
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM sent")).scalar() == 1


def test_an_outage_longer_than_the_patience_raises_the_database_error(tmp_path: Path) -> None:
    outage = Outage(tmp_path / "closeout.db", ends_after=100)
    engine = make_engine(f"sqlite:///{outage.database}")
    outage.begin()

    with pytest.raises(OperationalError):
        write_patiently(
            engine, _note, patience_seconds=10, sleep=outage.sleep, monotonic=outage.monotonic
        )

    assert sum(outage.pauses) <= 10
    assert len(outage.pauses) >= 3


def test_a_write_that_is_wrong_is_not_tried_again(tmp_path: Path) -> None:
    outage = Outage(tmp_path / "closeout.db", ends_after=100)
    engine = make_engine(f"sqlite:///{outage.database}")
    write_patiently(engine, _note, patience_seconds=60, sleep=outage.sleep)

    with pytest.raises(IntegrityError):
        write_patiently(engine, _note, patience_seconds=60, sleep=outage.sleep)

    assert outage.pauses == []
