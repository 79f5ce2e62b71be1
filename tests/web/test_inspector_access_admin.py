"""Inspectors' access: a newer grant replaces older ones, administrators shorten and end
grants, every change is recorded with who and when, on the pages, the API and the services."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from domain.accounts import access_reads, inspector_access
from domain.accounts import services as accounts
from domain.accounts.access_rules import GrantState, grant_state
from domain.accounts.changes import AccessChangeKind, InspectorAccessChange
from domain.accounts.credentials import InspectorAccess
from domain.accounts.models import Authority, Person
from domain.errors import InvalidInput, NotFound, NotPermitted
from domain.permissions import SYSTEM, Actor
from domain.vocabulary import Role
from tests import factories
from tests.factories import NOW
from tests.web.conftest import PASSWORD, TODAY, Browser, World

LATER = NOW + timedelta(hours=2)


def _grant(
    session: Session,
    who: Person,
    where: Authority,
    until: date,
    *,
    now: datetime = NOW,
    by: Actor = SYSTEM,
    starts: date | None = None,
) -> InspectorAccess:
    return inspector_access.grant_inspector_access(
        session,
        email=who.email,
        authority=where.name,
        until=until,
        starts_on=starts,
        today=TODAY,
        now=now,
        by=by,
    )


def _changes(session: Session) -> list[tuple[int, AccessChangeKind, date | None, date | None]]:
    rows = session.exec(select(InspectorAccessChange).order_by(col(InspectorAccessChange.id)))
    return [(c.grant_id, c.what, c.old_ends_on, c.new_ends_on) for c in rows]


def _setting(session: Session) -> tuple[Authority, Person, Person]:
    where = factories.authority(session)
    inspector = factories.person(session, None, Role.INSPECTOR)
    admin = factories.person(session, where, Role.ADMIN)
    return where, inspector, admin


# --- the rule --------------------------------------------------------------------------


def test_a_grant_is_upcoming_in_force_ended_or_replaced() -> None:
    def grant(ends: date, granted: datetime, gid: int, revoked: datetime | None = None) -> object:
        return InspectorAccess(
            id=gid,
            person_id=1,
            authority_id=1,
            starts_on=date(2026, 3, 10),
            ends_on=ends,
            granted_at=granted,
            revoked_at=revoked,
        )

    first = grant(date(2026, 4, 30), NOW, 1)
    second = grant(date(2026, 3, 20), LATER, 2)
    assert grant_state(first, second, date(2026, 3, 12)) == GrantState.REPLACED  # type: ignore[arg-type]
    assert grant_state(second, second, date(2026, 3, 9)) == GrantState.UPCOMING  # type: ignore[arg-type]
    assert grant_state(second, second, date(2026, 3, 20)) == GrantState.IN_FORCE  # type: ignore[arg-type]
    assert grant_state(second, second, date(2026, 3, 21)) == GrantState.ENDED  # type: ignore[arg-type]
    ended = grant(date(2026, 4, 30), LATER, 3, revoked=LATER)
    assert grant_state(ended, ended, date(2026, 3, 12)) == GrantState.ENDED  # type: ignore[arg-type]


# --- the services ------------------------------------------------------------------------


def test_a_shorter_newer_grant_shortens_access_and_the_older_one_is_recorded_as_replaced(
    session: Session,
) -> None:
    where, inspector, admin = _setting(session)
    first = _grant(session, inspector, where, date(2026, 4, 30))
    second = _grant(
        session,
        inspector,
        where,
        date(2026, 3, 10),
        now=LATER,
        by=factories.actor(session, admin),
    )
    assert accounts.actor_on(session, inspector, date(2026, 3, 10)).authority_id == where.id
    assert accounts.actor_on(session, inspector, date(2026, 3, 11)).authority_id is None
    listed = accounts.accesses_in_force(session, person_id=inspector.id or 0, today=TODAY)
    assert [g.ends_on for _, g in listed] == [date(2026, 3, 10)]
    assert _changes(session) == [
        (first.id, AccessChangeKind.GRANTED, None, date(2026, 4, 30)),
        (first.id, AccessChangeKind.REPLACED, date(2026, 4, 30), None),
        (second.id, AccessChangeKind.GRANTED, None, date(2026, 3, 10)),
    ]
    recorded = session.exec(select(InspectorAccessChange)).all()
    assert [c.by_id for c in recorded] == [None, admin.id, admin.id]
    assert {c.at for c in recorded} == {NOW, LATER}


def test_shortening_moves_the_last_day_forward_and_records_who_and_when(
    session: Session,
) -> None:
    where, inspector, admin = _setting(session)
    grant = _grant(session, inspector, where, date(2026, 4, 30))
    by = factories.actor(session, admin)
    shortened = inspector_access.shorten_inspector_access(
        session, grant_id=grant.id or 0, until=date(2026, 3, 15), by=by, today=TODAY, now=LATER
    )
    assert shortened.ends_on == date(2026, 3, 15)
    assert accounts.actor_on(session, inspector, date(2026, 3, 16)).authority_id is None
    last = session.exec(
        select(InspectorAccessChange).order_by(col(InspectorAccessChange.id))
    ).all()[-1]
    assert (last.what, last.old_ends_on, last.new_ends_on, last.by_id, last.at) == (
        AccessChangeKind.SHORTENED,
        date(2026, 4, 30),
        date(2026, 3, 15),
        admin.id,
        LATER,
    )


@pytest.mark.parametrize(
    ("until", "message"),
    [
        (date(2026, 4, 30), "new last day 30 April 2026 is not valid; give a day from 2 March"),
        (date(2026, 5, 9), "new last day 9 May 2026 is not valid; give a day from"),
        (date(2026, 2, 27), "new last day 27 February 2026 is not valid; give a day from"),
    ],
)
def test_a_last_day_that_does_not_shorten_is_refused_naming_the_days_allowed(
    session: Session, until: date, message: str
) -> None:
    where, inspector, _ = _setting(session)
    grant = _grant(session, inspector, where, date(2026, 4, 30))
    before = _changes(session)
    with pytest.raises(InvalidInput, match=message) as refused:
        inspector_access.shorten_inspector_access(
            session, grant_id=grant.id or 0, until=until, by=SYSTEM, today=TODAY, now=LATER
        )
    assert "to 29 April 2026" in refused.value.message
    session.expire_all()
    assert session.get(InspectorAccess, grant.id).ends_on == date(2026, 4, 30)  # type: ignore[union-attr]
    assert _changes(session) == before


def test_an_upcoming_grant_may_not_be_shortened_to_before_it_starts(session: Session) -> None:
    where, inspector, _ = _setting(session)
    grant = _grant(session, inspector, where, date(2026, 6, 30), starts=date(2026, 6, 1))
    with pytest.raises(InvalidInput, match="give a day from 1 June 2026 to 29 June 2026"):
        inspector_access.shorten_inspector_access(
            session,
            grant_id=grant.id or 0,
            until=date(2026, 5, 1),
            by=SYSTEM,
            today=TODAY,
            now=LATER,
        )


def test_ending_access_stops_it_now_and_an_older_grant_does_not_come_back(
    session: Session,
) -> None:
    where, inspector, admin = _setting(session)
    _grant(session, inspector, where, date(2026, 4, 30))
    newer = _grant(session, inspector, where, date(2026, 3, 31), now=LATER)
    by = factories.actor(session, admin)
    ended = inspector_access.end_inspector_access(
        session, grant_id=newer.id or 0, by=by, today=TODAY, now=LATER
    )
    assert ended.revoked_at == LATER
    assert accounts.actor_on(session, inspector, TODAY).authority_id is None
    assert access_reads.access_windows(session, person_id=inspector.id or 0, today=TODAY) == []
    assert _changes(session)[-1] == (newer.id, AccessChangeKind.ENDED, date(2026, 3, 31), None)
    with pytest.raises(InvalidInput, match=f"inspector access {newer.id} ended on 2 March 2026"):
        inspector_access.end_inspector_access(
            session, grant_id=newer.id or 0, by=by, today=TODAY, now=LATER
        )


def test_a_replaced_grant_cannot_be_shortened_or_ended(session: Session) -> None:
    where, inspector, _ = _setting(session)
    older = _grant(session, inspector, where, date(2026, 4, 30))
    newer = _grant(session, inspector, where, date(2026, 4, 20), now=LATER)
    message = f"inspector access {older.id} was replaced by a newer grant \\({newer.id}\\)"
    with pytest.raises(InvalidInput, match=message):
        inspector_access.end_inspector_access(
            session, grant_id=older.id or 0, by=SYSTEM, today=TODAY, now=LATER
        )
    with pytest.raises(NotFound, match="inspector access 999 is not recorded"):
        inspector_access.end_inspector_access(
            session, grant_id=999, by=SYSTEM, today=TODAY, now=LATER
        )


def test_only_an_administrator_of_the_authority_lists_shortens_or_ends(
    session: Session,
) -> None:
    where, inspector, _ = _setting(session)
    elsewhere = factories.authority(session)
    grant = _grant(session, inspector, where, date(2026, 4, 30))
    before = _changes(session)
    others = [
        factories.person(session, elsewhere, Role.ADMIN),
        factories.person(session, where, Role.MANAGER),
        factories.person(session, where, Role.DIRECTOR),
        inspector,
    ]
    for person in others:
        by = factories.actor(session, person)
        with pytest.raises(NotPermitted):
            inspector_access.shorten_inspector_access(
                session,
                grant_id=grant.id or 0,
                until=date(2026, 3, 5),
                by=by,
                today=TODAY,
                now=LATER,
            )
        with pytest.raises(NotPermitted):
            inspector_access.end_inspector_access(
                session, grant_id=grant.id or 0, by=by, today=TODAY, now=LATER
            )
        with pytest.raises(NotPermitted):
            access_reads.access_grants(session, authority_id=where.id or 0, by=by, today=TODAY)
    session.expire_all()
    assert session.get(InspectorAccess, grant.id).ends_on == date(2026, 4, 30)  # type: ignore[union-attr]
    assert _changes(session) == before


def test_the_list_puts_open_grants_first_and_names_who_granted(session: Session) -> None:
    where, inspector, admin = _setting(session)
    other = factories.person(session, None, Role.INSPECTOR, name="Omar Other")
    old = _grant(session, inspector, where, date(2026, 4, 30))
    _grant(session, inspector, where, date(2026, 6, 30), now=LATER, starts=date(2026, 6, 1))
    _grant(session, other, where, date(2026, 3, 31), by=factories.actor(session, admin))
    rows = access_reads.access_grants(session, authority_id=where.id or 0, by=SYSTEM, today=TODAY)
    assert [(r.inspector, r.state, r.granted_by) for r in rows] == [
        (inspector.name, GrantState.UPCOMING, SYSTEM.name),
        (other.name, GrantState.IN_FORCE, admin.name),
        (inspector.name, GrantState.REPLACED, SYSTEM.name),
    ]
    assert rows[-1].id == old.id and not rows[-1].is_open
    windows = access_reads.access_windows(session, person_id=inspector.id or 0, today=TODAY)
    assert [(w.authority, w.starts_on, w.ends_on, w.state) for w in windows] == [
        (where.name, date(2026, 6, 1), date(2026, 6, 30), GrantState.UPCOMING)
    ]


# --- the pages ---------------------------------------------------------------------------


def _grants(world: World) -> list[InspectorAccess]:
    with world.session() as s:
        return list(s.exec(select(InspectorAccess).order_by(col(InspectorAccess.id))))


def _history(world: World) -> list[tuple[int, AccessChangeKind, int | None]]:
    with world.session() as s:
        rows = s.exec(select(InspectorAccessChange).order_by(col(InspectorAccessChange.id)))
        return [(c.grant_id, c.what, c.by_id) for c in rows]


def _eastmere(world: World) -> int:
    return world.areas[0].authority_id


def test_an_administrator_grants_shortens_and_ends_access_and_sees_who_did_it(
    browser: Callable[..., Browser], world: World
) -> None:
    admin = browser("admin").opened(f"/admin/access?authority={_eastmere(world)}")
    inspector = world.people["inspector"]
    [existing] = _grants(world)
    shortened = admin.submit(
        f"/admin/access/{existing.id}/shorten",
        {
            "authority": _eastmere(world),
            f"until-{existing.id}-day": "20",
            f"until-{existing.id}-month": "3",
            f"until-{existing.id}-year": "2026",
        },
    )
    assert shortened.status_code == 303
    page = admin.get(shortened.headers["location"]).text
    assert f"Access {existing.id} now ends on 20 March 2026" in page
    granted = admin.submit(
        "/admin/access/grant",
        {
            "authority": _eastmere(world),
            "inspector": inspector.email,
            "until-day": "31",
            "until-month": "3",
            "until-year": "2026",
        },
    )
    assert granted.status_code == 303
    new = _grants(world)[-1]
    ended = admin.submit(f"/admin/access/{new.id}/end", {"authority": _eastmere(world)})
    assert ended.status_code == 303
    page = html.unescape(admin.get(ended.headers["location"]).text)
    assert "Shortened from 30 April 2026 to 20 March 2026" in page
    assert "Replaced by a newer grant (was until 20 March 2026)" in page
    assert "Ended (was until 31 March 2026)" in page
    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', page, re.S)
    shortening = next(row for row in rows if "Shortened from" in row)
    assert "Alex Admin" in shortening and "2 March 2026 at 10:00am" in shortening
    admin_id = world.people["admin"].id
    assert _history(world)[1:] == [
        (existing.id, AccessChangeKind.SHORTENED, admin_id),
        (existing.id, AccessChangeKind.REPLACED, admin_id),
        (new.id, AccessChangeKind.GRANTED, admin_id),
        (new.id, AccessChangeKind.ENDED, admin_id),
    ]
    with world.session() as s:
        person = s.get(Person, inspector.id)
        assert person is not None
        assert accounts.actor_on(s, person, TODAY).authority_id is None


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("31", "The new last day of access must be a real date"),
        ("", "Give the new last day of access"),
        ("15", "New last day 15 May 2026 is not valid; give a day from 2 March 2026 to 29"),
    ],
)
def test_a_bad_last_day_is_shown_on_its_form_with_nothing_changed(
    browser: Callable[..., Browser], world: World, day: str, message: str
) -> None:
    admin = browser("admin").opened("/admin/access")
    [grant] = _grants(world)
    name = f"until-{grant.id}"
    month = "5" if day == "15" else "2" if day else ""
    response = admin.submit(
        f"/admin/access/{grant.id}/shorten",
        {
            "authority": _eastmere(world),
            f"{name}-day": day,
            f"{name}-month": month,
            f"{name}-year": "2026" if day else "",
        },
    )
    assert response.status_code == 422
    page = html.unescape(response.text)
    assert f'<a href="#{name}">{message}' in page
    assert f'id="{name}-error"' in page
    assert [g.ends_on for g in _grants(world)] == [date(2026, 4, 30)]
    assert len(_history(world)) == 1


def test_a_grant_to_someone_who_is_not_an_inspector_is_refused_on_the_form(
    browser: Callable[..., Browser], world: World
) -> None:
    admin = browser("admin").opened("/admin/access")
    response = admin.submit(
        "/admin/access/grant",
        {
            "authority": _eastmere(world),
            "inspector": world.people["lead"].email,
            "until-day": "31",
            "until-month": "3",
            "until-year": "2026",
        },
    )
    assert response.status_code == 422
    assert "access windows are for inspectors only" in response.text
    assert 'href="#inspector"' in response.text
    assert len(_grants(world)) == 1


@pytest.mark.parametrize("role", ["lead", "manager", "director", "inspector", "outsider"])
def test_no_one_but_an_administrator_sees_or_changes_access(
    browser: Callable[..., Browser], world: World, role: str
) -> None:
    client = browser(role)
    assert client.get("/admin/access").status_code == 403
    [grant] = _grants(world)
    posts: list[tuple[str, dict[str, object]]] = [
        (
            f"/admin/access/{grant.id}/shorten",
            {
                f"until-{grant.id}-day": "5",
                f"until-{grant.id}-month": "3",
                f"until-{grant.id}-year": "2026",
            },
        ),
        (f"/admin/access/{grant.id}/end", {}),
        (
            "/admin/access/grant",
            {
                "authority": _eastmere(world),
                "inspector": world.people["inspector"].email,
                "until-day": "5",
                "until-month": "3",
                "until-year": "2026",
            },
        ),
    ]
    for url, data in posts:
        assert client.submit(url, data).status_code == 403, url
    assert [(g.ends_on, g.revoked_at) for g in _grants(world)] == [(date(2026, 4, 30), None)]
    assert len(_history(world)) == 1


def _westmere_admin(world: World) -> str:
    """The email of a new administrator of Westmere only, who can sign in."""
    with world.session() as s:
        westmere = s.exec(select(Authority).where(Authority.name == "Westmere Council")).one()
        person = factories.person(s, westmere, Role.ADMIN, name="Wendy Westadmin")
        accounts.set_password(s, email=person.email, password=PASSWORD, by=SYSTEM)
        return person.email


def test_an_administrator_of_another_authority_is_refused(
    browser: Callable[..., Browser], world: World
) -> None:
    email = _westmere_admin(world)
    client = browser()
    assert client.sign_in(email).status_code == 303
    page = client.get(f"/admin/access?authority={_eastmere(world)}")
    assert page.status_code == 200
    assert "Access to Westmere Council" in page.text and "Eastmere" not in page.text
    [grant] = _grants(world)
    assert client.submit(f"/admin/access/{grant.id}/end", {}).status_code == 403
    assert _grants(world)[0].revoked_at is None


def test_the_inspector_sees_their_windows_on_their_account_page(
    browser: Callable[..., Browser], world: World
) -> None:
    with world.session() as s:
        westmere = s.exec(select(Authority).where(Authority.name == "Westmere Council")).one()
        inspector = s.get(Person, world.people["inspector"].id)
        assert inspector is not None
        _grant(s, inspector, westmere, date(2026, 7, 31), starts=date(2026, 7, 1))
    page = html.unescape(browser("inspector").get("/account").text)
    section = page[page.index("Your access") :]
    assert section.index("Eastmere Borough Council") < section.index("Westmere Council")
    assert "2 March 2026" in section and "30 April 2026" in section
    assert "1 July 2026" in section and "31 July 2026" in section and "Upcoming" in section


def test_the_menu_offers_inspector_access_to_administrators_only(
    browser: Callable[..., Browser],
) -> None:
    assert 'href="/admin/access"' in browser("admin").get("/account").text
    assert 'href="/admin/access"' not in browser("manager").get("/account").text


# --- the API -----------------------------------------------------------------------------


def test_the_api_lists_shortens_and_ends_access_for_administrators_only(
    api: Callable[[str], TestClient], world: World
) -> None:
    base = f"/api/authorities/{_eastmere(world)}/inspector-access"
    [grant] = _grants(world)
    assert api("manager").get(base).status_code == 403
    refused = api("lead").post(f"{base}/{grant.id}/end")
    assert (refused.status_code, refused.json()["code"]) == (403, "not_permitted")
    admin = api("admin")
    listed = admin.get(base).json()
    assert [(g["id"], g["state"], g["ends_on"]) for g in listed] == [
        (grant.id, "in force", "2026-04-30")
    ]
    bad = admin.post(f"{base}/{grant.id}/shorten", json={"until": "2026-05-01"})
    assert (bad.status_code, bad.json()["code"]) == (422, "invalid_input")
    short = admin.post(f"{base}/{grant.id}/shorten", json={"until": "2026-03-20"})
    assert (short.status_code, short.json()["ends_on"]) == (200, "2026-03-20")
    ended = admin.post(f"{base}/{grant.id}/end")
    assert (ended.status_code, ended.json()["state"]) == (200, "ended")
    westmere = world.elsewhere_area.authority_id
    assert (
        admin.post(f"/api/authorities/{westmere}/inspector-access/{grant.id}/end").status_code
        == 404
    )
