"""Arguments that once gave tracebacks: one line naming the value and what is valid, exit 2,
nothing written. Ids too large for any table, bytes that are not UTF-8, a var folder that is
not there yet (made) or cannot be, and named pipes among the documents to import."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import Result

from tests.cli.conftest import Run, as_json
from tests.cli.test_setup_and_areas import _world
from tests.conftest import REPO

LETTER = Path(__file__).parent / "fixtures" / "northam_2011_letter.txt"
RANGE = "ids are whole numbers from 1 to 2147483647"


def _one_line(result: Result) -> str:
    """The refusal's only line, after checking it is exit code 2 and one `error:` line."""
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def _state(closeout: Run) -> tuple[object, ...]:
    """Everything the commands below could have changed."""
    return tuple(
        as_json(closeout(*group, "list", "--format", "json"))
        for group in (("area",), ("authority",), ("person",), ("inspection",))
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("area", "show", "9223372036854775808"), f"'9223372036854775808' is not an id; {RANGE}"),
        (("area", "show", "2147483648"), f"'2147483648' is not an id; {RANGE}"),
        (("area", "show", "0"), f"'0' is not an id; {RANGE}"),
        (
            ("area", "assign", "99999999999999999999", "--owner", "lee@northam.example"),
            f"'99999999999999999999' is not an id; {RANGE}",
        ),
        (
            ("area", "add", "--inspection", "9223372036854775808", "--text", "x"),
            f"invalid value for '--inspection': '9223372036854775808' is not an id; {RANGE}",
        ),
        (
            ("carryover", "suggest", "--inspection", "99999999999999999999"),
            f"'99999999999999999999' is not an id; {RANGE}",
        ),
        (("inspection", "show", "9223372036854775808"), f"is not an id; {RANGE}"),
        (("token", "revoke", "9223372036854775808"), f"is not an id; {RANGE}"),
        (("inspector", "end", "9223372036854775808"), f"is not an id; {RANGE}"),
        (("reminders", "list", "--area", "9223372036854775808"), f"is not an id; {RANGE}"),
        (
            ("area", "list", "--authority", "9223372036854775808"),
            "authority '9223372036854775808' is not recorded; recorded: London Borough of Northam",
        ),
        (
            ("area", "list", "--authority", "²"),
            "authority '²' is not recorded; recorded: London Borough of Northam",
        ),
        (
            ("area", "list", "--authority", "\udcff"),
            "--authority '\\xff' is not UTF-8 text; give every argument in UTF-8",
        ),
        (
            ("authority", "add", "caf\udce9"),
            "'caf\\xe9' is not UTF-8 text; give every argument in UTF-8",
        ),
        (("area", "list", "--bogus"), "no such option: --bogus; see '"),  # '… area list --help'
        (("area", "show"), "missing argument 'area_id'; see '"),
    ],
)
def test_a_bad_argument_is_one_line_and_exit_2(
    closeout: Run, args: tuple[str, ...], message: str
) -> None:
    _world(closeout)
    before = _state(closeout)
    assert message in _one_line(closeout(*args))
    assert _state(closeout) == before


def test_bytes_that_are_not_utf8_in_a_real_argument_are_refused_before_anything_runs(
    tmp_path: Path,
) -> None:
    var = tmp_path / "var"
    env = {**os.environ, "CLOSEOUT_VAR_DIR": str(var)}
    env.pop("CLOSEOUT_DATABASE_URL", None)
    command = [os.fsencode(sys.executable), b"-m", b"cli.main", b"area", b"list", b"--authority"]
    command.append(b"\xff")
    done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "error: --authority '\\xff' is not UTF-8 text; give every argument in UTF-8\n"
    )
    assert not var.exists()  # refused before the settings, the folder or the database


def test_a_var_folder_not_there_yet_is_made_owner_only_for_any_command(
    closeout: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    var = tmp_path / "not" / "yet" / "var"
    monkeypatch.setenv("CLOSEOUT_VAR_DIR", str(var))
    for args in (("outbox", "list"), ("authority", "list")):
        assert closeout(*args).exit_code == 0
        assert stat.S_IMODE(var.stat().st_mode) == 0o700
    assert stat.S_IMODE((var / "closeout.db").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "not").stat().st_mode) == 0o700


def test_a_var_folder_that_cannot_be_made_is_one_line(
    closeout: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CLOSEOUT_VAR_DIR", str(blocker / "var"))
    line = _one_line(closeout("authority", "list"))
    assert line == (
        f"error: CLOSEOUT_VAR_DIR '{blocker / 'var'}' cannot be made a folder (Not a directory); "
        "name a folder Closeout may create and write to"
    )
    assert blocker.read_text() == "not a folder"


def test_a_setting_that_does_not_parse_is_one_line(
    closeout: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CLOSEOUT_DELIVERY_ATTEMPTS", "many")
    line = _one_line(closeout("authority", "list"))
    assert line.startswith("error: CLOSEOUT_DELIVERY_ATTEMPTS 'many' is not valid: ")
    assert not (tmp_path / "var").exists()


def _import(folder: Path, var: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`closeout import` in a process of its own, so that a regression waiting on a pipe
    fails on the timeout instead of hanging the run."""
    env = {**os.environ, "CLOSEOUT_VAR_DIR": str(var)}
    env.pop("CLOSEOUT_DATABASE_URL", None)
    command = [sys.executable, "-m", "cli.main", "import", *args]
    return subprocess.run(
        command, env=env, cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )


def test_a_named_pipe_in_a_folder_is_left_out_with_a_warning(closeout: Run, tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "letter.txt").write_bytes(LETTER.read_bytes())
    os.mkfifo(folder / "pipe.txt")
    done = _import(folder, tmp_path / "var", str(folder))
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"warning: '{folder / 'pipe.txt'}' left out: not a regular file\n"
    assert len(as_json(closeout("area", "list", "--format", "json"))) == 2  # the letter's two


def test_a_named_pipe_named_directly_is_refused_and_nothing_is_recorded(
    closeout: Run, tmp_path: Path
) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    done = _import(tmp_path, tmp_path / "var", str(LETTER), str(pipe))
    assert done.returncode == 2
    assert done.stderr == (
        f"error: '{pipe}' is not a regular file (a named pipe, socket or device); "
        "give PDF or text files, or folders of them\n"
    )
    assert as_json(closeout("inspection", "list", "--format", "json")) == []


def test_a_file_whose_name_is_not_utf8_is_left_out_with_a_warning(
    closeout: Run, tmp_path: Path
) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    odd = os.fsdecode(b"caf\xe9.txt")
    (folder / odd).write_bytes(LETTER.read_bytes())
    result = closeout("import", str(folder))
    assert result.exit_code == 0
    assert (
        result.stderr
        == f"warning: '{folder}/caf\\xe9.txt' left out: its name is not UTF-8; rename it\n"
    )
    assert as_json(closeout("inspection", "list", "--format", "json")) == []
