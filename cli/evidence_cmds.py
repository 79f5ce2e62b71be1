"""`closeout evidence move-to-database`: evidence files kept under var/evidence moved in."""

from __future__ import annotations

import typer

from cli.context import open_session
from cli.output import say
from domain.areas.evidence_store import files_on_disk, move_file
from infra.settings import get_settings

evidence_app = typer.Typer(help="Evidence files.", no_args_is_help=True)


@evidence_app.command("move-to-database")
def move_to_database() -> None:
    """Move each evidence file still kept under var/evidence into the database, one
    transaction each, so every web instance serves it. Running it again moves only what is
    left; the files themselves stay until you remove them."""
    root = get_settings().evidence_dir.resolve()
    moved, missing = 0, []
    with open_session() as session:
        for item in files_on_disk(session):
            assert item.file_path is not None
            path = (root / item.file_path).resolve()
            if not path.is_relative_to(root) or not path.is_file():
                missing.append(f"evidence {item.id} ({item.file_path})")
                continue
            move_file(session, item, path.read_bytes())
            moved += 1
    say(f"{moved} evidence files moved into the database")
    for line in missing:
        say(f"not found under {root}: {line}; it stays recorded where it was")
