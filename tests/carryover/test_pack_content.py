"""The review pack's content against a known history: every entry present, in order."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlmodel import Session

from domain.carryover.review_pack import ReviewPack, build_review_pack
from domain.errors import NotPermitted
from domain.vocabulary import Role
from reviewpack import render_pack_csv, render_pack_html
from tests import factories
from tests.carryover.conftest import (
    CAF_2010,
    History,
    World,
    build_world,
    inspection_of,
    record_known_history,
)

TODAY = date(2011, 5, 3)
SINCE = date(2011, 3, 1)


@pytest.fixture
def history(world: World) -> History:
    return record_known_history(world)


def _pack(history: History, since: date | None = SINCE) -> ReviewPack:
    world = history.world
    return build_review_pack(
        world.session,
        authority=world.authority.name,
        by=world.actor(world.inspector),
        today=TODAY,
        since=since,
    )


def test_carried_areas_come_first_with_their_predecessors_inside(history: History) -> None:
    pack = _pack(history)

    assert [a.view.id for a in pack.areas] == [
        history.caf_2011.id,
        history.conferences_2011.id,
        history.oversight_2010.id,
    ]
    carried = pack.areas[0]
    assert carried.carried and not carried.repeat
    assert [p.view.id for p in carried.predecessors] == [history.caf_2010.id]
    assert carried.predecessors[0].view.text == CAF_2010
    assert [a.view.status for a in pack.areas] == ["open", "open", "closed"]


def test_every_update_of_the_carried_area_and_its_predecessor_is_there_in_order(
    history: History,
) -> None:
    pack = _pack(history)
    carried = pack.areas[0]
    earlier = carried.predecessors[0]

    assert [(u.kind, u.note) for u in earlier.updates] == [
        ("assignment", "Lead assigned: Lee Lead"),
        ("progress", "CAF training for every school"),
        ("progress", "CAF audit begun"),
        (
            "carry_over",
            f"Carried over to area {history.caf_2011.id} "
            f"({inspection_of(history.world.session, history.caf_2011)})",
        ),
    ]
    assert [(u.kind, u.note) for u in carried.updates] == [
        (
            "carry_over",
            f"Carried over from area {history.caf_2010.id} "
            f"({inspection_of(history.world.session, history.caf_2010)}); "
            "carried through 1 inspection(s); "
            "lead kept from the earlier area: Lee Lead",
        ),
        ("progress", "CAF champions named in every school"),
    ]
    assert [u.recent for u in earlier.updates] == [False, False, False, True]
    assert earlier.closing is not None and earlier.closing.kind == "carry_over"
    assert [e.link for e in earlier.evidence] == ["https://intranet.example/caf-training-plan"]
    assert [e.link for e in carried.evidence] == ["https://intranet.example/caf-champions"]


def test_revised_due_dates_show_who_asked_who_approved_and_why(history: History) -> None:
    earlier = _pack(history).areas[0].predecessors[0]
    world = history.world

    [change] = earlier.due_date_changes
    assert (change.from_date, change.to_date, change.reason) == (
        date(2010, 10, 20),
        date(2011, 1, 31),
        "Health partners joined late",
    )
    assert (change.requested_by, change.state, change.decided_by, change.decision_note) == (
        world.lead.name,
        "approved",
        world.manager.name,
        "Agreed at the board",
    )
    assert (earlier.view.original_due_date, earlier.view.due_date) == ("2010-10-20", "2011-01-31")


def test_reminders_sent_and_escalations_are_listed_and_those_still_owed_are_not(
    history: History,
) -> None:
    pack = _pack(history)
    earlier = pack.areas[0].predecessors[0]
    world = history.world

    assert [
        (line.reminder.escalation, line.reminder.recipient, line.reminder.state)
        for line in earlier.reminders
    ] == [(False, world.lead.email, "sent"), (True, world.manager.email, "sent")]


def test_the_letters_statement_sits_beside_the_decisions(history: History) -> None:
    pack = _pack(history)
    world = history.world

    assert pack.statement == history.statement
    assert [
        (d["earlier_area_id"], d["outcome"], d["area_id"], d["by"]) for d in pack.decisions
    ] == [
        (history.caf_2010.id, "confirmed", history.caf_2011.id, world.manager.email),
        (history.oversight_2010.id, "addressed", None, world.director.email),
    ]
    assert pack.undecided == []


def test_what_changed_since_a_date_is_counted_per_area(history: History) -> None:
    changed = {a.view.id: a.recent_count for a in _pack(history).changed}
    by_default = {a.view.id: a.recent_count for a in _pack(history, since=None).changed}

    # Since 1 March: both carry-over updates, the new progress and its evidence; the
    # oversight area's closing update.
    assert changed == {history.caf_2011.id: 4, history.oversight_2010.id: 1}
    # By default: since the end of the latest inspection (1 February 2011), the same.
    assert by_default == changed


def test_the_html_shows_every_entry_in_order_and_fetches_nothing(history: History) -> None:
    pack = _pack(history)
    html = render_pack_html(pack)

    notes = [
        "Lead assigned: Lee Lead",
        "CAF training for every school",
        "CAF audit begun",
        "CAF champions named in every school",
    ]
    positions = [html.index(note) for note in notes]
    assert html.startswith("<!DOCTYPE html>")
    assert history.statement in html
    assert "Health partners joined late" in html and "Agreed at the board" in html
    # The carried area comes first, its predecessor inside it, so its own update comes last.
    assert positions[:3] == sorted(positions[:3]) and html.index("Carried over from:") > 0
    assert "<link" not in html and "src=" not in html and "@import" not in html


def test_the_html_fragment_for_the_web_page_has_its_style_but_no_page(history: History) -> None:
    fragment = render_pack_html(_pack(history), standalone=False)

    assert fragment.startswith("<style>") and "<html" not in fragment
    assert 'class="closeout-pack"' in fragment


def test_the_csv_has_a_row_per_area_with_carried_areas_after_their_successor(
    history: History,
) -> None:
    rows = list(csv.DictReader(io.StringIO(render_pack_csv(_pack(history)))))

    assert [int(r["area_id"]) for r in rows] == [
        history.caf_2011.id,
        history.caf_2010.id,
        history.conferences_2011.id,
        history.oversight_2010.id,
    ]
    assert [r["carried_to"] for r in rows] == ["", str(history.caf_2011.id), "", ""]
    assert [r["carry_count"] for r in rows] == ["1", "0", "0", "0"]
    assert (rows[1]["rag"], rows[1]["rag_reasons"]) == (
        "",
        f"Carried over to area {history.caf_2011.id} "
        f"({inspection_of(history.world.session, history.caf_2011)})",
    )
    assert rows[1]["due_date_changes"] == (
        f"2010-10-20 to 2011-01-31 approved by {history.world.manager.name}: "
        "Health partners joined late"
    )
    assert (rows[1]["reminders"], rows[1]["escalations"]) == ("1", "1")


def test_a_repeat_area_is_flagged_in_the_pack_the_html_and_the_csv(history: History) -> None:
    world = history.world
    [again] = world.letter(
        ["The CAF is still not used consistently by partner agencies."], start=date(2012, 1, 9)
    )
    world.confirm(again, history.caf_2011)

    pack = _pack(history)
    rows = list(csv.DictReader(io.StringIO(render_pack_csv(pack))))

    assert pack.areas[0].view.id == again.id and pack.areas[0].repeat
    assert [p.view.id for p in pack.areas[0].predecessors] == [history.caf_2011.id]
    assert "Repeat: carried through 2 inspections" in render_pack_html(pack)
    assert [(r["area_id"], r["repeat"]) for r in rows[:3]] == [
        (str(again.id), "yes"),
        (str(history.caf_2011.id), "no"),
        (str(history.caf_2010.id), "no"),
    ]


def test_an_inspector_reads_the_pack_but_not_another_authoritys(session: Session) -> None:
    world = build_world(session)
    other = factories.authority(session, "Elsewhere Council")
    outsider = factories.person(session, other, Role.INSPECTOR)

    pack = build_review_pack(
        session, authority=world.authority.name, by=world.actor(world.inspector), today=TODAY
    )
    with pytest.raises(NotPermitted, match=r"may not read the review pack of Southwold"):
        build_review_pack(
            session, authority=world.authority.name, by=world.actor(outsider), today=TODAY
        )

    assert (pack.authority, pack.areas, pack.inspections) == (world.authority.name, [], [])


def test_a_carried_area_links_the_area_it_continues_as_and_says_how_it_closed(
    history: History,
) -> None:
    pack = _pack(history)
    later = history.caf_2011
    said = f"Carried over to area {later.id} ({inspection_of(history.world.session, later)})"

    page = render_pack_html(pack)
    rows = list(csv.DictReader(io.StringIO(render_pack_csv(pack))))

    assert f'Closed: <a href="#area-{later.id}">{said}</a>' in page
    assert f'id="area-{later.id}"' in page
    assert [(r["area_id"], r["closed_by"], r["carried_to"]) for r in rows][:2] == [
        (str(later.id), "", ""),
        (str(history.caf_2010.id), "carry_over", str(later.id)),
    ]
