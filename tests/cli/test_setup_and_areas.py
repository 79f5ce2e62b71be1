"""The command line end to end: set-up, areas, updates, due dates and listing."""

from tests.cli.conftest import Run, as_json


def _world(closeout: Run) -> None:
    for args in (
        ("authority", "add", "London Borough of Northam"),
        (
            "person",
            "add",
            "Dee Rector",
            "--email",
            "dee@northam.example",
            "--role",
            "director",
            "--authority",
            "Northam",
        ),
        (
            "person",
            "add",
            "Mia Manager",
            "--email",
            "mia@northam.example",
            "--role",
            "manager",
            "--authority",
            "Northam",
            "--manager",
            "dee@northam.example",
        ),
        (
            "person",
            "add",
            "Lee Lead",
            "--email",
            "lee@northam.example",
            "--role",
            "lead",
            "--authority",
            "Northam",
            "--manager",
            "mia@northam.example",
        ),
        (
            "inspection",
            "add",
            "--authority",
            "Northam Council",
            "--kind",
            "ucra-letter",
            "--start",
            "2026-01-12",
            "--end",
            "2026-01-13",
            "--published",
            "2026-02-09",
            "--inspector",
            "Ann Example",
        ),
        (
            "area",
            "add",
            "--inspection",
            "1",
            "--text",
            "Plans lack timescales.",
            "--owner",
            "lee@northam.example",
            "--due",
            "2026-04-30",
        ),
        (
            "area",
            "add",
            "--inspection",
            "1",
            "--text",
            "Supervision is irregular.",
            "--timescale",
            "within six months",
        ),
    ):
        result = closeout(*args)
        assert result.exit_code == 0, (args, result.output)


def test_area_list_json_shows_overdue_for_the_day_asked(closeout: Run) -> None:
    _world(closeout)
    before = as_json(closeout("area", "list", "--format", "json", "--as-of", "2026-04-30"))
    after = as_json(closeout("area", "list", "--format", "json", "--as-of", "2026-05-01"))
    assert [(a["id"], a["overdue"]) for a in before] == [(1, False), (2, False)]
    assert [(a["id"], a["overdue"], a["days_overdue"]) for a in after] == [
        (1, True, 1),
        (2, False, 0),
    ]
    first = after[0]
    assert first["owner"] == "lee@northam.example"
    assert (first["due_date"], first["original_due_date"]) == ("2026-04-30", "2026-04-30")
    assert {
        "id",
        "title",
        "text",
        "owner",
        "status",
        "rag",
        "due_date",
        "original_due_date",
        "overdue",
    } <= set(first)


def test_overdue_filter_and_owner_filter_combine(closeout: Run) -> None:
    _world(closeout)
    rows = as_json(
        closeout(
            "area",
            "list",
            "--overdue",
            "--owner",
            "LEE@northam.example",
            "--as-of",
            "2026-06-01",
            "--format",
            "json",
        )
    )
    assert [r["id"] for r in rows] == [1]


def test_update_then_show_returns_the_history_in_order(closeout: Run) -> None:
    _world(closeout)
    assert (
        closeout(
            "area",
            "update",
            "1",
            "--by",
            "lee@northam.example",
            "--status",
            "in_progress",
            "--note",
            "Template drafted",
            "--evidence",
            "https://docs.example/t1",
        ).exit_code
        == 0
    )
    assert (
        closeout(
            "area",
            "due-date",
            "1",
            "--to",
            "2026-06-30",
            "--reason",
            "waiting for the new case system",
            "--by",
            "lee@northam.example",
        ).exit_code
        == 0
    )
    shown = as_json(closeout("area", "show", "1", "--format", "json"))
    assert shown["inspection_id"] == 1 and shown["carried_from"] is None
    assert [h["type"] for h in shown["history"]] == ["progress", "due_date_change"]
    assert shown["history"][0]["evidence"] == ["https://docs.example/t1"]
    assert shown["history"][1]["state"] == "pending"
    assert shown["due_date"] == "2026-04-30"


def test_a_manager_moves_a_due_date_at_once_and_the_original_is_kept(closeout: Run) -> None:
    _world(closeout)
    result = closeout(
        "area",
        "due-date",
        "1",
        "--to",
        "2026-06-30",
        "--reason",
        "board agreed",
        "--by",
        "mia@northam.example",
    )
    assert result.exit_code == 0
    assert "now due 2026-06-30 (was 2026-04-30)" in result.stdout
    row = as_json(closeout("area", "list", "--format", "json"))[0]
    assert (row["original_due_date"], row["due_date"]) == ("2026-04-30", "2026-06-30")


def test_sign_off_by_the_manager_closes_a_completed_area(closeout: Run) -> None:
    _world(closeout)
    closeout(
        "area",
        "update",
        "1",
        "--by",
        "lee@northam.example",
        "--status",
        "completed",
        "--note",
        "done",
    )
    refused = closeout("area", "update", "1", "--by", "lee@northam.example", "--status", "closed")
    assert refused.exit_code == 2
    assert (
        closeout(
            "area", "update", "1", "--by", "mia@northam.example", "--status", "closed"
        ).exit_code
        == 0
    )
    assert as_json(closeout("area", "show", "1", "--format", "json"))["status"] == "closed"


def test_csv_output_has_a_header_and_one_line_per_area(closeout: Run) -> None:
    _world(closeout)
    lines = closeout("area", "list", "--format", "csv").stdout.strip().splitlines()
    assert lines[0].startswith("id,title,owner,status,rag,due_date")
    assert len(lines) == 3


def test_the_example_loads_with_overdue_due_soon_and_on_track_areas(closeout: Run) -> None:
    assert closeout("example", "load", "--as-of", "2026-03-02").exit_code == 0
    rows = as_json(closeout("area", "list", "--format", "json", "--as-of", "2026-03-02"))
    assert sum(r["overdue"] for r in rows) == 2
    assert {r["rag"] for r in rows} == {"red", "amber", "green"}
    again = closeout("example", "load", "--if-empty")
    assert "already holds data" in again.stdout
