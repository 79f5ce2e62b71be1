"""Bad input: one line naming the value and what is valid, exit code 2, nothing written."""

import pytest

from cli.errors import exit_code_for
from domain import errors
from tests.cli.conftest import Run, as_json
from tests.cli.test_setup_and_areas import _world


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("area", "assign", "1", "--owner", "ghost@northam.example"),
            "no person has email 'ghost@northam.example'",
        ),
        (("area", "show", "42"), "development area 42 is not recorded"),
        (
            ("area", "update", "42", "--by", "lee@northam.example", "--note", "x"),
            "development area 42 is not recorded",
        ),
        (
            (
                "area",
                "due-date",
                "1",
                "--to",
                "31/13/2026",
                "--reason",
                "r",
                "--by",
                "mia@northam.example",
            ),
            "--to '31/13/2026' is not a date; use YYYY-MM-DD",
        ),
        (
            ("area", "add", "--inspection", "1", "--text", "x", "--due", "2025-01-01"),
            "due date 1 January 2025 is before inspection 1 ended on 13 January 2026",
        ),
        (
            ("area", "update", "1", "--by", "lee@northam.example", "--status", "closed"),
            "status cannot change from open to closed",
        ),
        (
            ("area", "update", "1", "--by", "lee@northam.example", "--status", "finished"),
            "status 'finished' is not valid; use one of: open, in_progress",
        ),
        (
            ("area", "update", "1", "--by", "lee@northam.example", "--note", "x", "--version", "7"),
            "is at version 1, not 7: someone updated it first",
        ),
        (("area", "list", "--as-of", "yesterday"), "--as-of 'yesterday' is not a date"),
        (
            (
                "person",
                "add",
                "X",
                "--email",
                "x@y.example",
                "--role",
                "boss",
                "--authority",
                "Northam",
            ),
            "role 'boss' is not valid; use one of: lead, manager, director",
        ),
        (
            ("area", "update", "1", "--by", "lee@northam.example", "--evidence", "ftp://x"),
            "evidence 'ftp://x' is not a web link",
        ),
    ],
)
def test_bad_input_is_refused_in_one_line_and_nothing_changes(
    closeout: Run, args: tuple[str, ...], message: str
) -> None:
    _world(closeout)
    before = as_json(closeout("area", "show", "1", "--format", "json"))
    result = closeout(*args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert message in lines[0]
    assert as_json(closeout("area", "show", "1", "--format", "json")) == before


def _all_subclasses(cls: type) -> list[type]:
    return [cls, *(s for sub in cls.__subclasses__() for s in _all_subclasses(sub))]


@pytest.mark.parametrize("error", _all_subclasses(errors.DomainError), ids=lambda e: e.__name__)
def test_every_domain_error_maps_to_exit_code_two(error: type[errors.DomainError]) -> None:
    if error is errors.InvalidChoice:
        instance: errors.DomainError = error("role", "x", ["lead"])
    elif error is errors.InvalidPlanRows:
        instance = error("plan.csv", ["line 2: bad"])
    elif error is errors.InvalidPolicy:
        instance = error({"stale_after_days": "must be a whole number", "quiet": "is not known"})
    else:
        instance = error("message")
    assert exit_code_for(instance) == 2
    assert instance.code and "\n" not in instance.message
