"""`closeout inspector list | shorten | end` and `closeout authority rename | merge`."""

from __future__ import annotations

from sqlmodel import col, select

from cli.context import open_session
from domain.accounts.changes import AccessChangeKind, AuthorityMerge, InspectorAccessChange
from domain.accounts.models import Authority
from tests.cli.conftest import Run, as_json, closeout  # noqa: F401  (the fixture)

INSPECTOR = "ruth.ellison@ofsted.example"
EASTMERE = "Eastmere Borough Council"


def _grant(closeout: Run) -> int:  # noqa: F811
    closeout("example", "load")
    granted = closeout(
        "inspector",
        "grant",
        INSPECTOR,
        "--authority",
        "Eastmere",
        "--from",
        "2098-06-01",
        "--until",
        "2099-01-01",
    )
    assert granted.exit_code == 0, granted.output
    [row] = as_json(closeout("inspector", "list", "--authority", "Eastmere", "--format", "json"))
    assert (row["inspector"], row["from"], row["until"], row["state"]) == (
        INSPECTOR,
        "2098-06-01",
        "2099-01-01",
        "upcoming",
    )
    return int(row["id"])


def test_a_grant_is_listed_shortened_and_ended_from_the_command_line(
    closeout: Run,  # noqa: F811
) -> None:
    grant_id = _grant(closeout)
    shortened = closeout("inspector", "shorten", str(grant_id), "--until", "2098-12-01")
    assert shortened.stdout.strip() == f"inspector access {grant_id} now ends on 1 December 2098"
    ended = closeout("inspector", "end", str(grant_id))
    assert ended.stdout.strip() == f"inspector access {grant_id} ended"
    [row] = as_json(closeout("inspector", "list", "--authority", "Eastmere", "--format", "json"))
    assert (row["until"], row["state"]) == ("2098-12-01", "ended")
    with open_session() as session:
        changes = session.exec(
            select(InspectorAccessChange).order_by(col(InspectorAccessChange.id))
        )
        assert [(c.what, c.by_id) for c in changes] == [
            (AccessChangeKind.GRANTED, None),
            (AccessChangeKind.SHORTENED, None),
            (AccessChangeKind.ENDED, None),
        ]


def test_a_bad_shortening_or_a_second_end_exits_2_in_one_line(closeout: Run) -> None:  # noqa: F811
    grant_id = _grant(closeout)
    longer = closeout("inspector", "shorten", str(grant_id), "--until", "2099-02-01")
    assert longer.exit_code == 2
    assert longer.stderr.strip() == (
        "error: new last day 1 February 2099 is not valid; "
        "give a day from 1 June 2098 to 31 December 2098"
    )
    assert closeout("inspector", "end", str(grant_id)).exit_code == 0
    again = closeout("inspector", "end", str(grant_id))
    assert again.exit_code == 2 and f"inspector access {grant_id} ended on" in again.stderr
    missing = closeout("inspector", "end", "999")
    assert (missing.exit_code, missing.stderr.strip()) == (
        2,
        "error: inspector access 999 is not recorded; list the grants first",
    )


def test_an_authority_is_renamed_and_another_merged_into_it_only_with_yes(
    closeout: Run,  # noqa: F811
) -> None:
    closeout("example", "load")
    assert closeout("authority", "add", "Westmere Council").exit_code == 0
    renamed = closeout("authority", "rename", "Westmere Council", "  West   Mere ")
    assert renamed.stdout.strip().endswith("renamed: Westmere Council is now West Mere")
    clash = closeout("authority", "rename", "West Mere", EASTMERE)
    assert (clash.exit_code, clash.stderr.strip()) == (
        2,
        f"error: authority '{EASTMERE}' is recorded already; choose another name, or merge the two",
    )
    planned = closeout("authority", "merge", "Eastmere", "West Mere")
    assert planned.stdout.strip() == (
        f"would move 1 authority_name_change from West Mere to {EASTMERE}; add --yes to merge"
    )
    with open_session() as session:
        assert len(session.exec(select(Authority)).all()) == 2
    merged = closeout("authority", "merge", "Eastmere", "West Mere", "--yes")
    assert merged.stdout.strip() == (
        f"merged West Mere into {EASTMERE}: moved 1 authority_name_change"
    )
    with open_session() as session:
        assert [a.name for a in session.exec(select(Authority))] == [EASTMERE]
        record = session.exec(select(AuthorityMerge)).one()
        assert (record.absorbed_name, record.by_id) == ("West Mere", None)
    itself = closeout("authority", "merge", "Eastmere", "Eastmere", "--yes")
    assert itself.exit_code == 2 and "cannot be merged into itself" in itself.stderr
