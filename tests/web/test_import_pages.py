"""Importing in the browser: upload, check and correct, record once, then give the leads."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pytest
from sqlmodel import func, select

from domain.areas.models import DevelopmentArea
from domain.inspections.models import Finding, Inspection, PendingImport
from tests.web.conftest import Browser, World
from tests.web.import_letters import check_form_fields, letter

Counts = tuple[int, int, int]


def _counts(world: World) -> Counts:
    with world.session() as s:
        return tuple(  # type: ignore[return-value]
            s.exec(select(func.count()).select_from(table)).one()
            for table in (Inspection, Finding, DevelopmentArea)
        )


def _held(world: World) -> int:
    with world.session() as s:
        return s.exec(select(func.count()).select_from(PendingImport)).one()


def _upload(client: Browser, *files: tuple[str, bytes], **headers: str) -> Any:
    client.opened("/imports/new")
    return client.submit(
        "/imports",
        files=[("file", (name, data, "application/octet-stream")) for name, data in files],
        headers=headers,
    )


def _checked(admin: Browser, import_id: int) -> tuple[str, dict[str, str]]:
    page = admin.get(f"/imports/{import_id}")
    assert page.status_code == 200
    return page.text, check_form_fields(page.text)


def _import_id(response: Any) -> int:
    assert response.status_code == 303, response.text
    return int(response.headers["location"].rsplit("/", 1)[1])


def test_an_upload_shows_what_was_read_and_records_nothing(
    browser: Callable[..., Browser], world: World
) -> None:
    before = _counts(world)
    admin = browser("admin")
    import_id = _import_id(_upload(admin, ("later.txt", letter())))

    page, fields = _checked(admin, import_id)

    assert "Check what was read from later.txt" in page
    assert "Eastmere Borough Council" in page and "10 March 2026 to 11 March 2026" in page
    assert "All areas for development identified at the previous inspection" in page
    assert fields["findings"] == "6"
    assert [fields[f"kind-{n}"] for n in range(6)] == ["strength"] + ["requirement_met"] * 2 + [
        "area_for_development"
    ] * 3
    assert fields["text-5"].startswith("Schools do not recognise neglect")
    assert _counts(world) == before


def test_corrections_change_kinds_split_join_and_leave_out_before_recording(
    browser: Callable[..., Browser], world: World
) -> None:
    before = _counts(world)
    admin = browser("admin")
    import_id = _import_id(_upload(admin, ("later.txt", letter())))
    _, fields = _checked(admin, import_id)
    fields |= {
        "kind-0": "area_for_development",  # the strength was really a development area
        "omit-2": "yes",  # a decoy
        "join-4": "yes",  # the plans item continues the strategy item
        "text-5": "Schools do not recognise neglect early enough.\n\n"
        "Training for designated staff has not yet started.",
        "action": "record",
    }

    response = admin.submit(f"/imports/{import_id}", fields)

    assert response.status_code == 303
    inspection_id = int(response.headers["location"].split("/")[2])
    assert response.headers["location"] == f"/inspections/{inspection_id}/assign"
    with world.session() as s:
        findings = s.exec(
            select(Finding).where(Finding.inspection_id == inspection_id).order_by(Finding.position)
        ).all()
        areas = s.exec(
            select(DevelopmentArea).where(DevelopmentArea.inspection_id == inspection_id)
        ).all()
    assert [(f.kind.value, f.text[:30]) for f in findings] == [
        ("area_for_development", "The front door team answers ev"),
        ("requirement_met", "Referrals are acknowledged wit"),
        ("area_for_development", "Strategy discussions still do "),
        ("area_for_development", "Schools do not recognise negle"),
        ("area_for_development", "Training for designated staff "),
    ]
    assert findings[2].text.endswith("remain too general to guide families.")
    assert len(areas) == 4
    assert _counts(world) == (before[0] + 1, before[1] + 5, before[2] + 4)


def test_applying_changes_keeps_them_for_another_look_without_recording(
    browser: Callable[..., Browser], world: World
) -> None:
    before = _counts(world)
    admin = browser("admin")
    import_id = _import_id(_upload(admin, ("later.txt", letter())))
    _, fields = _checked(admin, import_id)

    fields |= {"omit-0": "yes", "action": "check"}
    assert admin.submit(f"/imports/{import_id}", fields).status_code == 303
    page, again = _checked(admin, import_id)

    assert again["findings"] == "5" and "front door team" not in page
    assert _counts(world) == before


def test_a_document_recorded_before_says_so_and_changes_nothing(
    browser: Callable[..., Browser], world: World
) -> None:
    admin = browser("admin")
    first = _import_id(_upload(admin, ("later.txt", letter())))
    _, fields = _checked(admin, first)
    admin.submit(f"/imports/{first}", {**fields, "action": "record"})
    recorded = _counts(world)

    second = _import_id(_upload(admin, ("copy.txt", letter())))
    page, fields = _checked(admin, second)
    assert "This document was recorded before" in page
    response = admin.submit(f"/imports/{second}", {**fields, "omit-3": "yes", "action": "record"})

    assert response.status_code == 303
    assert "nothing changed" in admin.get(response.headers["location"]).text
    assert _counts(world) == recorded


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("notes.docx", b"PK\x03\x04 not a letter", "not a PDF or text file"),
        ("broken.pdf", b"%PDF-1.7\n garbage", "broken.pdf"),
        ("empty.txt", b"", "the file is empty"),
        ("shopping.txt", b"Milk, eggs and bread.\n", "shopping.txt"),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_nothing_is_held_or_recorded(
    browser: Callable[..., Browser], world: World, name: str, data: bytes, says: str
) -> None:
    before = _counts(world)
    response = _upload(browser("admin"), (name, data))

    assert response.status_code == 422
    assert says in html.unescape(response.text) and "Not read" in response.text
    assert (_counts(world), _held(world)) == (before, 0)


def test_several_files_report_each_one_and_the_good_ones_go_on(
    browser: Callable[..., Browser], world: World
) -> None:
    response = _upload(
        browser("admin"),
        ("first.txt", letter(day=11)),
        ("bad.docx", b"nothing"),
        ("second.txt", letter(day=12)),
    )

    assert response.status_code == 200
    page = html.unescape(response.text)
    assert page.count("Check and record") == 2 and "bad.docx: not a PDF or text file" in page
    assert _held(world) == 2


def test_the_page_script_sends_one_file_at_a_time_and_reads_json(
    browser: Callable[..., Browser], world: World
) -> None:
    response = _upload(browser("admin"), ("later.txt", letter()), accept="application/json")

    assert response.status_code == 200
    body = response.json()
    assert (body["source"], body["authority"], body["findings"]) == (
        "later.txt",
        "Eastmere Borough Council",
        6,
    )
    assert body["error"] is None and body["recorded_inspection_id"] is None


def test_a_manager_imports_for_their_own_authority(
    browser: Callable[..., Browser], world: World
) -> None:
    manager = browser("manager")
    import_id = _import_id(_upload(manager, ("later.txt", letter())))
    page, fields = _checked(manager, import_id)

    assert "A new authority" not in page  # only an administrator of every authority adds one
    response = manager.submit(f"/imports/{import_id}", {**fields, "action": "record"})
    assert response.status_code == 303 and response.headers["location"].endswith("/assign")


@pytest.mark.parametrize("role", ["lead", "inspector"])
def test_leads_and_inspectors_may_not_import(
    browser: Callable[..., Browser], world: World, role: str
) -> None:
    before = _counts(world)
    client = browser(role)
    assert client.get("/imports/new").status_code == 403
    client.opened("/account")
    response = client.submit("/imports", files=[("file", ("l.txt", letter(), "text/plain"))])

    assert response.status_code == 403
    assert (_counts(world), _held(world)) == (before, 0)


def test_someone_elses_upload_reads_as_not_held(
    browser: Callable[..., Browser], world: World
) -> None:
    import_id = _import_id(_upload(browser("admin"), ("later.txt", letter())))
    director = browser("director")

    assert director.get(f"/imports/{import_id}").status_code == 404
    director.opened("/account")
    response = director.submit(f"/imports/{import_id}", {"findings": "0", "action": "record"})
    assert response.status_code == 404


def test_a_manager_of_another_authority_cannot_record_this_one(
    browser: Callable[..., Browser], world: World
) -> None:
    before = _counts(world)
    outsider = browser("outsider")
    import_id = _import_id(_upload(outsider, ("later.txt", letter())))
    page, fields = _checked(outsider, import_id)
    # Their only choice is their own authority; the page says which one the letter names.
    assert "The document names Eastmere Borough Council" in page
    eastmere = world.areas[0].authority_id
    response = outsider.submit(
        f"/imports/{import_id}", {**fields, "authority": str(eastmere), "action": "record"}
    )

    assert response.status_code == 422
    assert "choose the authority" in html.unescape(response.text).lower()
    assert _counts(world) == before


def test_a_correction_that_is_not_valid_is_shown_with_what_was_typed(
    browser: Callable[..., Browser], world: World
) -> None:
    before = _counts(world)
    admin = browser("admin")
    import_id = _import_id(_upload(admin, ("later.txt", letter())))
    _, fields = _checked(admin, import_id)

    fields |= {"text-3": "   ", "text-4": "Plans edited by hand", "action": "record"}
    response = admin.submit(f"/imports/{import_id}", fields)

    assert response.status_code == 422
    page = html.unescape(response.text)
    assert "finding 4 has no text" in page.lower() and "Plans edited by hand" in page
    assert _counts(world) == before


def test_the_uploads_page_lists_each_upload_and_whether_it_is_recorded(
    browser: Callable[..., Browser], world: World
) -> None:
    admin = browser("admin")
    first = _import_id(_upload(admin, ("first.txt", letter(day=11))))
    _upload(admin, ("second.txt", letter(day=12)))
    _, fields = _checked(admin, first)
    admin.submit(f"/imports/{first}", {**fields, "action": "record"})

    page = html.unescape(admin.get("/imports").text)
    others = html.unescape(browser("director").get("/imports").text)

    assert page.index("second.txt") < page.index("first.txt")  # newest first
    assert page.count("Check and record") == 1 and page.count(">Recorded<") == 1
    assert "first.txt" not in others and "You have no uploads" in others


def test_a_body_over_the_cap_gets_a_page_in_the_browser_and_json_for_the_script(
    browser: Callable[..., Browser], world: World
) -> None:
    admin = browser("admin")
    huge = ("huge.txt", b"a" * (12 * 1024 * 1024))

    page = _upload(admin, huge)
    script = _upload(admin, huge, accept="application/json")

    assert (page.status_code, page.headers["content-type"]) == (413, "text/html; charset=utf-8")
    assert "What you sent is too large" in page.text
    assert (script.status_code, script.json()["code"]) == (413, "too_large")
    assert _held(world) == 0


def test_a_tampered_count_of_findings_is_refused_not_a_server_error(
    browser: Callable[..., Browser], world: World
) -> None:
    admin = browser("admin")
    import_id = _import_id(_upload(admin, ("later.txt", letter())))
    _, fields = _checked(admin, import_id)

    for count in ("²", "-1", "99999999999999999999"):
        response = admin.submit(f"/imports/{import_id}", {**fields, "findings": count})
        assert response.status_code == 422, count
