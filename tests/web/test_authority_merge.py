"""Renaming authorities and merging one into another: every record moves, nothing is lost,
the merge is recorded, and only the right administrators may do either."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

from domain.accounts import authorities, inspector_access, merge_plan
from domain.accounts import services as accounts
from domain.accounts.changes import AuthorityMerge, AuthorityNameChange
from domain.accounts.credentials import InspectorAccess
from domain.accounts.models import Authority, Person
from domain.areas.models import DevelopmentArea
from domain.carryover.models import CarryOverDecision, CarryOverOutcome
from domain.errors import AuthorityNotFound, Conflict, DuplicateRecord, InvalidInput, NotPermitted
from domain.inspections.models import Inspection
from domain.permissions import SYSTEM
from domain.reminders.models import Reminder, ReminderReason
from domain.reminders.report_store import keep_report
from domain.vocabulary import Role
from tests import factories
from tests.factories import NOW
from tests.web.conftest import PASSWORD, Browser, World

TODAY = date(2026, 3, 2)


@dataclass
class Pair:
    kept: Authority
    absorbed: Authority
    inspector: Person


def _reminder(authority: Authority, area_id: int | None, recipient: Person) -> Reminder:
    assert authority.id is not None and recipient.id is not None
    return Reminder(
        authority_id=authority.id,
        area_id=area_id,
        reason=ReminderReason.READINESS if area_id is None else ReminderReason.OVERDUE,
        window_key=7,
        recipient_id=recipient.id,
        due_date_version="2026-06-01",
        created_at=NOW,
    )


def _pair(session: Session) -> Pair:
    """Two authorities, the absorbed one holding a record in every table that has one."""
    kept = factories.authority(session, "Northshire County Council")
    absorbed = factories.authority(session, "Old Southshire District Council")
    factories.person(session, kept, Role.DIRECTOR)
    director = factories.person(session, absorbed, Role.DIRECTOR)
    factories.person(session, absorbed, Role.LEAD, manager=director)
    factories.person(session, absorbed, Role.ADMIN, name="Sian Southadmin")
    factories.inspection_with_areas(session, kept, ["Kept one.", "Kept two."])
    first = factories.inspection_with_areas(session, absorbed, ["Absorbed one."])
    later = factories.inspection_with_areas(
        session,
        absorbed,
        ["Absorbed two.", "Absorbed three."],
        start=date(2026, 2, 2),
        end=date(2026, 2, 3),
    )
    inspector = factories.person(session, None, Role.INSPECTOR)
    inspector_access.grant_inspector_access(
        session,
        email=inspector.email,
        authority=absorbed.name,
        until=date(2026, 4, 30),
        today=TODAY,
        now=NOW,
        by=SYSTEM,
    )
    session.add(_reminder(absorbed, first[0].id, director))
    session.add(_reminder(absorbed, None, director))
    session.add(
        CarryOverDecision(
            authority_id=absorbed.id or 0,
            earlier_area_id=first[0].id or 0,
            area_id=later[0].id,
            inspection_id=later[0].inspection_id,
            outcome=CarryOverOutcome.REJECTED,
            decided_at=NOW,
        )
    )
    for side in (kept, absorbed):  # the same day's report at each, which both survive a merge
        keep_report(
            session,
            authority_id=side.id or 0,
            run_date=TODAY,
            window_opens=date(2026, 5, 1),
            subject=f"Readiness: {side.name}",
            text="Where each area stands.",
            now=NOW,
        )
    session.commit()
    authorities.rename_authority(
        session, authority_id=absorbed.id or 0, new_name="Southshire", by=SYSTEM, now=NOW
    )
    absorbed.policy = {"stale_after_days": 15}
    session.add(absorbed)
    session.commit()
    return Pair(kept, absorbed, inspector)


def _counts(session: Session, authority_id: int) -> dict[str, int]:
    return merge_plan.counts(session, authority_id)


def _everything(session: Session) -> dict[str, int]:
    """How many rows each table holds."""
    return {
        table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
        for table in SQLModel.metadata.sorted_tables
    }


# --- renaming ----------------------------------------------------------------------------


def test_a_rename_tidies_spaces_and_records_the_old_name(session: Session) -> None:
    where = factories.authority(session, "Eastmere Council")
    admin = factories.person(session, where, Role.ADMIN)
    renamed = authorities.rename_authority(
        session,
        authority_id=where.id or 0,
        new_name="  Eastmere   City Council ",
        by=factories.actor(session, admin),
        now=NOW,
    )
    assert renamed.name == "Eastmere City Council"
    change = session.exec(select(AuthorityNameChange)).one()
    assert (change.old_name, change.new_name, change.by_id, change.at) == (
        "Eastmere Council",
        "Eastmere City Council",
        admin.id,
        NOW,
    )


@pytest.mark.parametrize(
    ("new_name", "error", "message"),
    [
        ("   ", InvalidInput, "new name is empty"),
        ("Eastmere Council", InvalidInput, "is named 'Eastmere Council' already"),
        ("Westmere Council", DuplicateRecord, "authority 'Westmere Council' is recorded already"),
        ("London Borough of Westmere", DuplicateRecord, "would be read as 'Westmere Council'"),
        ("W" * 201, InvalidInput, "201 characters long; the limit is 200"),
    ],
)
def test_a_name_that_is_empty_or_taken_is_refused_and_nothing_changes(
    session: Session, new_name: str, error: type[Exception], message: str
) -> None:
    where = factories.authority(session, "Eastmere Council")
    factories.authority(session, "Westmere Council")
    with pytest.raises(error, match=message):
        authorities.rename_authority(
            session, authority_id=where.id or 0, new_name=new_name, by=SYSTEM, now=NOW
        )
    session.expire_all()
    assert session.get(Authority, where.id).name == "Eastmere Council"  # type: ignore[union-attr]
    assert session.exec(select(AuthorityNameChange)).all() == []


def test_only_an_administrator_of_the_authority_renames_it(session: Session) -> None:
    where, elsewhere = factories.authority(session), factories.authority(session)
    for person in [
        factories.person(session, elsewhere, Role.ADMIN),
        factories.person(session, where, Role.DIRECTOR),
    ]:
        with pytest.raises(NotPermitted):
            authorities.rename_authority(
                session,
                authority_id=where.id or 0,
                new_name="Anything",
                by=factories.actor(session, person),
                now=NOW,
            )
    with pytest.raises(AuthorityNotFound, match="authority 999 is not recorded"):
        authorities.rename_authority(
            session, authority_id=999, new_name="Anything", by=SYSTEM, now=NOW
        )


# --- merging -----------------------------------------------------------------------------


def test_a_merge_moves_every_record_deletes_the_absorbed_authority_and_records_it(
    session: Session,
) -> None:
    pair = _pair(session)
    kept_id, absorbed_id = pair.kept.id or 0, pair.absorbed.id or 0
    kept_before, moving = _counts(session, kept_id), _counts(session, absorbed_id)
    assert all(moving.values()), moving  # every table holding authorities has a row to move
    admin = factories.person(session, None, Role.ADMIN)
    rows_before = _everything(session)
    merge = authorities.merge_authorities(
        session,
        keep_id=kept_id,
        absorb_id=absorbed_id,
        by=factories.actor(session, admin),
        now=NOW + timedelta(days=1),
    )
    assert session.get(Authority, absorbed_id) is None
    after = _counts(session, kept_id)
    assert after == {t: kept_before[t] + moving[t] for t in after}
    assert after["inspection"] == 3 and after["development_area"] == 5
    assert after["readiness_report"] == 2  # both of the day's reports kept
    assert _counts(session, absorbed_id) == dict.fromkeys(after, 0)
    assert (merge.kept_id, merge.absorbed_id, merge.absorbed_name) == (
        kept_id,
        absorbed_id,
        "Southshire",
    )
    assert (merge.moved, merge.absorbed_policy, merge.by_id) == (
        moving,
        {"stale_after_days": 15},
        admin.id,
    )
    rows_after = _everything(session)
    changed = {
        t: rows_after[t] - rows_before[t] for t in rows_after if rows_after[t] != rows_before[t]
    }
    assert changed == {"authority": -1, "authority_merge": 1}
    inspector = session.get(Person, pair.inspector.id)
    assert inspector is not None
    assert accounts.actor_on(session, inspector, TODAY).authority_id == kept_id


def test_the_plan_says_what_moves_who_administers_and_that_the_policy_stops(
    session: Session,
) -> None:
    pair = _pair(session)
    plan = merge_plan.plan_merge(
        session, keep_id=pair.kept.id or 0, absorb_id=pair.absorbed.id or 0, by=SYSTEM, today=TODAY
    )
    assert plan.moving["inspection"] == 2 and plan.moving["person"] == 3
    assert plan.new_administrators == ["Sian Southadmin"]
    assert plan.policy_dropped and plan.clashes == []


def test_an_inspector_with_a_different_window_at_each_is_a_clash_and_nothing_moves(
    session: Session,
) -> None:
    pair = _pair(session)
    inspector_access.grant_inspector_access(
        session,
        email=pair.inspector.email,
        authority=pair.kept.name,
        until=date(2026, 3, 20),
        today=TODAY,
        now=NOW + timedelta(hours=1),
        by=SYSTEM,
    )
    before = _everything(session)
    with pytest.raises(Conflict) as refused:
        authorities.merge_authorities(
            session, keep_id=pair.kept.id or 0, absorb_id=pair.absorbed.id or 0, by=SYSTEM, now=NOW
        )
    older = session.exec(
        select(InspectorAccess).where(InspectorAccess.authority_id == pair.absorbed.id)
    ).one()
    assert f"Southshire until 30 April 2026 (grant {older.id})" in refused.value.message
    assert f"end grant {older.id} first" in refused.value.message
    assert _everything(session) == before
    inspector_access.end_inspector_access(
        session, grant_id=older.id or 0, by=SYSTEM, today=TODAY, now=NOW
    )
    authorities.merge_authorities(
        session, keep_id=pair.kept.id or 0, absorb_id=pair.absorbed.id or 0, by=SYSTEM, now=NOW
    )
    assert session.get(Authority, pair.absorbed.id) is None


def test_the_same_authority_wide_reminder_at_both_is_a_clash(session: Session) -> None:
    pair = _pair(session)
    director = session.exec(
        select(Person).where(Person.authority_id == pair.absorbed.id, Person.role == Role.DIRECTOR)
    ).one()
    session.add(_reminder(pair.kept, None, director))
    session.commit()
    before = _everything(session)
    with pytest.raises(Conflict, match="1 authority-wide reminder"):
        authorities.merge_authorities(
            session, keep_id=pair.kept.id or 0, absorb_id=pair.absorbed.id or 0, by=SYSTEM, now=NOW
        )
    assert _everything(session) == before


def test_a_clash_the_plan_misses_is_caught_by_the_database_and_nothing_moves(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    pair = _pair(session)
    director = session.exec(
        select(Person).where(Person.authority_id == pair.absorbed.id, Person.role == Role.DIRECTOR)
    ).one()
    session.add(_reminder(pair.kept, None, director))
    session.commit()
    monkeypatch.setattr(merge_plan, "_ledger_clashes", lambda *args: [])
    before = _everything(session)
    with pytest.raises(Conflict, match="would be recorded twice; nothing was changed"):
        authorities.merge_authorities(
            session, keep_id=pair.kept.id or 0, absorb_id=pair.absorbed.id or 0, by=SYSTEM, now=NOW
        )
    session.expire_all()
    assert _everything(session) == before
    assert _counts(session, pair.absorbed.id or 0)["inspection"] == 2


def test_a_merge_that_would_leave_an_inspection_behind_is_refused(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    pair = _pair(session)
    every = merge_plan.holding_tables()
    monkeypatch.setattr(
        authorities, "holding_tables", lambda: [t for t in every if t.name != "inspection"]
    )
    with pytest.raises(Conflict, match="would lose 2 inspection\\(s\\); nothing was changed"):
        authorities.merge_authorities(
            session, keep_id=pair.kept.id or 0, absorb_id=pair.absorbed.id or 0, by=SYSTEM, now=NOW
        )
    session.expire_all()
    areas = session.exec(
        select(DevelopmentArea).where(DevelopmentArea.authority_id == pair.absorbed.id)
    ).all()
    assert len(areas) == 3 and session.get(Authority, pair.absorbed.id) is not None
    assert session.exec(select(AuthorityMerge)).all() == []


def test_only_an_administrator_of_every_authority_merges(session: Session) -> None:
    pair = _pair(session)
    kept_id, absorbed_id = pair.kept.id or 0, pair.absorbed.id or 0
    for person in [
        factories.person(session, pair.kept, Role.ADMIN),
        factories.person(session, pair.kept, Role.DIRECTOR),
        pair.inspector,
    ]:
        with pytest.raises(NotPermitted, match="may not merge authorities"):
            authorities.merge_authorities(
                session,
                keep_id=kept_id,
                absorb_id=absorbed_id,
                by=factories.actor(session, person),
                now=NOW,
            )
    with pytest.raises(InvalidInput, match=f"authority {kept_id} cannot be merged into itself"):
        authorities.merge_authorities(
            session, keep_id=kept_id, absorb_id=kept_id, by=SYSTEM, now=NOW
        )
    with pytest.raises(AuthorityNotFound, match="authority 999 is not recorded"):
        authorities.merge_authorities(session, keep_id=kept_id, absorb_id=999, by=SYSTEM, now=NOW)
    assert session.get(Authority, absorbed_id) is not None


# --- the pages ---------------------------------------------------------------------------


def _ids(world: World) -> tuple[int, int]:
    return world.areas[0].authority_id, world.elsewhere_area.authority_id


def _names(world: World) -> list[str]:
    with world.session() as s:
        return sorted(a.name for a in s.exec(select(Authority)))


def test_an_administrator_renames_an_authority_on_its_page(
    browser: Callable[..., Browser], world: World
) -> None:
    eastmere, _ = _ids(world)
    admin = browser("admin").opened(f"/admin/authorities/{eastmere}")
    renamed = admin.submit(f"/admin/authorities/{eastmere}/name", {"name": " Eastmere  Council "})
    assert (renamed.status_code, renamed.headers["location"]) == (
        303,
        f"/admin/authorities/{eastmere}",
    )
    assert "Eastmere Borough Council is now called Eastmere Council" in html.unescape(
        admin.get(renamed.headers["location"]).text
    )
    assert _names(world) == ["Eastmere Council", "Westmere Council"]


@pytest.mark.parametrize(
    ("name", "status", "message"),
    [
        ("", 422, "New name is empty"),
        ("Westmere Council", 409, "Authority 'Westmere Council' is recorded already"),
    ],
)
def test_a_bad_name_is_shown_on_the_form_and_nothing_changes(
    browser: Callable[..., Browser], world: World, name: str, status: int, message: str
) -> None:
    eastmere, _ = _ids(world)
    admin = browser("admin").opened(f"/admin/authorities/{eastmere}")
    response = admin.submit(f"/admin/authorities/{eastmere}/name", {"name": name})
    assert response.status_code == status
    assert f'<a href="#name">{message}' in html.unescape(response.text)
    assert 'id="name-error"' in response.text
    assert _names(world) == ["Eastmere Borough Council", "Westmere Council"]


def test_a_merge_is_confirmed_after_seeing_what_moves(
    browser: Callable[..., Browser], world: World
) -> None:
    eastmere, westmere = _ids(world)
    admin = browser("admin").opened(f"/admin/authorities/{eastmere}")
    shown = admin.get(f"/admin/authorities/{eastmere}/merge?absorb={westmere}")
    assert shown.status_code == 200
    page = html.unescape(shown.text)
    assert "Merge Westmere Council into Eastmere Borough Council" in page
    for words in ["Development areas", "Inspections", "People"]:
        assert f'<td class="govuk-table__cell">{words}</td>' in page
    assert _names(world) == ["Eastmere Borough Council", "Westmere Council"]
    merged = admin.submit(f"/admin/authorities/{eastmere}/merge", {"absorb": str(westmere)})
    assert merged.status_code == 303
    flashed = html.unescape(admin.get(merged.headers["location"]).text)
    assert "Westmere Council merged into Eastmere Borough Council: 3 records moved" in flashed
    assert _names(world) == ["Eastmere Borough Council"]
    with world.session() as s:
        area = s.get(DevelopmentArea, world.elsewhere_area.id)
        outsider = s.get(Person, world.people["outsider"].id)
        assert area is not None and outsider is not None
        assert (area.authority_id, outsider.authority_id) == (eastmere, eastmere)
        inspections = s.exec(select(Inspection).where(Inspection.authority_id == eastmere)).all()
        assert len(inspections) == 2


def test_the_confirmation_page_names_a_clash_and_offers_no_merge(
    browser: Callable[..., Browser], world: World
) -> None:
    eastmere, westmere = _ids(world)
    with world.session() as s:
        inspector = world.people["inspector"]
        westmere_name = s.get(Authority, westmere).name  # type: ignore[union-attr]
        inspector_access.grant_inspector_access(
            s,
            email=inspector.email,
            authority=westmere_name,
            until=date(2026, 3, 31),
            today=TODAY,
            now=NOW + timedelta(hours=1),
            by=SYSTEM,
        )
    admin = browser("admin")
    page = html.unescape(admin.get(f"/admin/authorities/{eastmere}/merge?absorb={westmere}").text)
    assert "These authorities cannot be merged yet" in page
    assert "Eastmere Borough Council until 30 April 2026" in page
    assert "Merge and remove" not in page
    refused = admin.submit(f"/admin/authorities/{eastmere}/merge", {"absorb": str(westmere)})
    assert refused.status_code == 409
    assert _names(world) == ["Eastmere Borough Council", "Westmere Council"]


def test_choosing_no_authority_to_merge_is_shown_on_the_form(
    browser: Callable[..., Browser], world: World
) -> None:
    eastmere, _ = _ids(world)
    response = browser("admin").get(f"/admin/authorities/{eastmere}/merge?absorb=")
    assert response.status_code == 422
    assert '<a href="#absorb">Choose the authority to merge into this one' in response.text


@pytest.mark.parametrize("role", ["lead", "manager", "director", "inspector", "outsider"])
def test_no_one_but_an_administrator_renames_or_merges(
    browser: Callable[..., Browser], world: World, role: str
) -> None:
    eastmere, westmere = _ids(world)
    client = browser(role)
    assert client.get(f"/admin/authorities/{eastmere}").status_code == 403
    assert client.get(f"/admin/authorities/{eastmere}/merge?absorb={westmere}").status_code == 403
    assert client.submit(f"/admin/authorities/{eastmere}/name", {"name": "X"}).status_code == 403
    merged = client.submit(f"/admin/authorities/{eastmere}/merge", {"absorb": str(westmere)})
    assert merged.status_code == 403
    assert _names(world) == ["Eastmere Borough Council", "Westmere Council"]


def test_an_administrator_of_one_authority_renames_it_but_merges_nothing(
    browser: Callable[..., Browser], world: World
) -> None:
    eastmere, westmere = _ids(world)
    with world.session() as s:
        where = s.get(Authority, westmere)
        assert where is not None
        person = factories.person(s, where, Role.ADMIN, name="Wendy Westadmin")
        accounts.set_password(s, email=person.email, password=PASSWORD, by=SYSTEM)
        email = person.email
    client = browser()
    assert client.sign_in(email).status_code == 303
    own = client.get(f"/admin/authorities/{westmere}")
    assert own.status_code == 200 and "Merge another authority" not in own.text
    assert client.submit(f"/admin/authorities/{eastmere}/name", {"name": "X"}).status_code == 403
    merged = client.submit(f"/admin/authorities/{westmere}/merge", {"absorb": str(eastmere)})
    assert merged.status_code == 403
    assert client.get(f"/admin/authorities/{westmere}/merge?absorb={eastmere}").status_code == 403
    renamed = client.submit(f"/admin/authorities/{westmere}/name", {"name": "West Mere"})
    assert renamed.status_code == 303
    assert _names(world) == ["Eastmere Borough Council", "West Mere"]
