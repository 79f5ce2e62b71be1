"""Accounts on a real database: passwords, throttled sign-in, tokens and inspector access."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from domain.accounts import services as accounts
from domain.accounts.credentials import InspectorAccess, LoginFailure, TokenPurpose
from domain.accounts.models import Authority, Person
from domain.accounts.sign_in_rules import MAX_FAILURES, MAX_FAILURES_PER_CLIENT
from domain.errors import (
    InvalidInput,
    NotAuthenticated,
    NotPermitted,
    TokenNotFound,
    TooManyAttempts,
)
from domain.permissions import SYSTEM, Actor
from domain.vocabulary import Role
from tests import factories
from tests.factories import NOW

PASSWORD = "harbour kettle violet"


def test_a_person_signs_in_with_the_password_they_were_given(session: Session) -> None:
    lead = factories.person(session, factories.authority(session))
    accounts.set_password(session, email=lead.email, password=PASSWORD, by=SYSTEM)
    assert (
        accounts.authenticate(session, email=lead.email.upper(), password=PASSWORD, now=NOW).id
        == lead.id
    )
    assert lead.password_hash is not None and PASSWORD not in lead.password_hash


def test_a_wrong_password_and_an_unknown_email_are_refused_alike(session: Session) -> None:
    lead = factories.person(session, factories.authority(session))
    accounts.set_password(session, email=lead.email, password=PASSWORD, by=SYSTEM)
    with pytest.raises(NotAuthenticated) as wrong:
        accounts.authenticate(session, email=lead.email, password="wrong wrong wrong", now=NOW)
    with pytest.raises(NotAuthenticated) as unknown:
        accounts.authenticate(session, email="nobody@example.org", password=PASSWORD, now=NOW)
    assert wrong.value.message == unknown.value.message


def test_an_inactive_person_cannot_sign_in(session: Session) -> None:
    lead = factories.person(session, factories.authority(session))
    accounts.set_password(session, email=lead.email, password=PASSWORD, by=SYSTEM)
    lead.active = False
    session.add(lead)
    session.commit()
    with pytest.raises(NotAuthenticated):
        accounts.authenticate(session, email=lead.email, password=PASSWORD, now=NOW)


def test_repeated_wrong_passwords_pause_sign_in_even_with_the_right_one(
    session: Session,
) -> None:
    lead = factories.person(session, factories.authority(session))
    accounts.set_password(session, email=lead.email, password=PASSWORD, by=SYSTEM)
    for n in range(MAX_FAILURES):
        with pytest.raises(NotAuthenticated):
            accounts.authenticate(
                session, email=lead.email, password="not it at all", now=NOW + timedelta(seconds=n)
            )
    with pytest.raises(TooManyAttempts) as paused:
        accounts.authenticate(
            session, email=lead.email, password=PASSWORD, now=NOW + timedelta(minutes=1)
        )
    assert paused.value.retry_after == 14 * 60
    later = NOW + timedelta(minutes=16)
    assert (
        accounts.authenticate(session, email=lead.email, password=PASSWORD, now=later).id == lead.id
    )
    assert session.exec(select(LoginFailure)).all() == []


def test_a_lead_changes_only_their_own_password_given_the_current_one(
    session: Session,
) -> None:
    where = factories.authority(session)
    lead, other = factories.person(session, where), factories.person(session, where)
    admin = factories.person(session, None, Role.ADMIN)
    with pytest.raises(NotPermitted, match="may not set the password of"):
        accounts.set_password(
            session, email=other.email, password=PASSWORD, by=factories.actor(session, lead)
        )
    accounts.set_password(
        session, email=other.email, password=PASSWORD, by=factories.actor(session, admin)
    )
    accounts.set_password(session, email=lead.email, password=PASSWORD, by=SYSTEM)
    with pytest.raises(NotPermitted):
        accounts.set_password(
            session, email=lead.email, password="new kettle here", by=factories.actor(session, lead)
        )
    with pytest.raises(NotAuthenticated, match="current password is not right"):
        accounts.set_password(
            session,
            email=lead.email,
            password="new kettle here",
            by=factories.actor(session, lead),
            current="wrong one",
        )
    accounts.set_password(
        session,
        email=lead.email,
        password="new kettle here",
        by=factories.actor(session, lead),
        current=PASSWORD,
    )


def test_a_token_finds_its_person_until_it_is_revoked(session: Session) -> None:
    lead = factories.person(session, factories.authority(session))
    token, secret = accounts.issue_token(
        session, email=lead.email, purpose=TokenPurpose.API, now=NOW, label="scripts", by=SYSTEM
    )
    assert secret.startswith("co_api_") and token.prefix == secret[:12]
    assert secret not in token.digest
    found = accounts.person_for_token(session, secret=secret, purpose=TokenPurpose.API, now=NOW)
    assert found.id == lead.id and token.last_used_at is not None
    with pytest.raises(NotAuthenticated):
        accounts.person_for_token(session, secret=secret, purpose=TokenPurpose.CALENDAR, now=NOW)
    assert token.id is not None
    accounts.revoke_token(session, token_id=token.id, now=NOW, by=SYSTEM)
    with pytest.raises(NotAuthenticated, match="not valid or has been revoked"):
        accounts.person_for_token(session, secret=secret, purpose=TokenPurpose.API, now=NOW)
    assert accounts.tokens_of(session, person_id=lead.id or 0, purpose=TokenPurpose.API) == []


def test_revoking_an_unknown_token_names_it(session: Session) -> None:
    with pytest.raises(TokenNotFound, match="token 999 is not recorded"):
        accounts.revoke_token(session, token_id=999, now=NOW, by=SYSTEM)


def _grant_march(
    session: Session, who: Person, where: Authority, by: Actor = SYSTEM
) -> InspectorAccess:
    return accounts.grant_inspector_access(
        session,
        email=who.email,
        authority=where.name,
        until=date(2026, 3, 31),
        today=date(2026, 3, 2),
        now=NOW,
        by=by,
    )


def test_an_inspector_reads_an_authority_only_within_the_granted_window(session: Session) -> None:
    where = factories.authority(session)
    inspector = factories.person(session, None, Role.INSPECTOR)
    grant = _grant_march(session, inspector, where)
    assert (grant.starts_on, grant.ends_on) == (date(2026, 3, 2), date(2026, 3, 31))
    assert accounts.actor_on(session, inspector, date(2026, 3, 31)).authority_id == where.id
    assert accounts.actor_on(session, inspector, date(2026, 4, 1)).authority_id is None
    assert accounts.actor_on(session, inspector, date(2026, 3, 1)).authority_id is None


def test_access_windows_are_for_inspectors_only(session: Session) -> None:
    where = factories.authority(session)
    lead = factories.person(session, where)
    with pytest.raises(InvalidInput, match="access windows are for inspectors only"):
        _grant_march(session, lead, where)


def test_a_manager_may_not_grant_inspector_access(session: Session) -> None:
    where = factories.authority(session)
    manager = factories.person(session, where, Role.MANAGER)
    inspector = factories.person(session, None, Role.INSPECTOR)
    with pytest.raises(NotPermitted, match="may not grant access"):
        _grant_march(session, inspector, where, by=factories.actor(session, manager))


OFFICE, HOME = "203.0.113.7", "198.51.100.20"


def _guess(session: Session, email: str, client: str, at_second: int) -> None:
    with pytest.raises(NotAuthenticated):
        accounts.authenticate(
            session,
            email=email,
            password="guessed wrongly",
            now=NOW + timedelta(seconds=at_second),
            client=client,
        )


def _sign_in(session: Session, email: str, client: str, minutes: int) -> Person:
    return accounts.authenticate(
        session,
        email=email,
        password=PASSWORD,
        now=NOW + timedelta(minutes=minutes),
        client=client,
    )


def _lead(session: Session) -> Person:
    lead = factories.person(session, factories.authority(session))
    accounts.set_password(session, email=lead.email, password=PASSWORD, by=SYSTEM)
    return lead


def test_one_address_trying_many_emails_is_paused_whatever_the_email(session: Session) -> None:
    lead = _lead(session)
    for n in range(MAX_FAILURES_PER_CLIENT):
        _guess(session, f"guess{n}@example.org", OFFICE, n)
    refusals = []
    for email in [lead.email, "nobody@example.org"]:
        with pytest.raises(TooManyAttempts) as paused:
            _sign_in(session, email, OFFICE, 1)
        refusals.append((paused.value.message, paused.value.retry_after))
    expected = ("too many wrong passwords from this network; try again in 14 minute(s)", 14 * 60)
    assert refusals == [expected, expected]
    assert _sign_in(session, lead.email, HOME, 1).id == lead.id


def test_signing_in_does_not_clear_the_count_of_the_address(session: Session) -> None:
    lead = _lead(session)
    for n in range(MAX_FAILURES_PER_CLIENT - 1):
        _guess(session, f"guess{n}@example.org", OFFICE, n)
    _sign_in(session, lead.email, OFFICE, 0)
    _guess(session, "one.more@example.org", OFFICE, 30)
    with pytest.raises(TooManyAttempts, match="from this network"):
        _sign_in(session, lead.email, OFFICE, 1)
    assert _sign_in(session, lead.email, OFFICE, 16).id == lead.id


def test_an_email_typed_to_look_like_an_address_counts_only_as_an_email(
    session: Session,
) -> None:
    lead = _lead(session)
    for n in range(MAX_FAILURES_PER_CLIENT):
        _guess(session, f"CLIENT {OFFICE}", HOME, n)
    assert _sign_in(session, lead.email, OFFICE, 1).id == lead.id
    recorded = {(row.email, row.client) for row in session.exec(select(LoginFailure))}
    assert recorded == {(f"client {OFFICE}", HOME)}


def test_an_inspector_reads_every_authority_granted_and_acts_in_the_one_chosen(
    session: Session,
) -> None:
    north, south = factories.authority(session, "Northam"), factories.authority(session, "Southam")
    closed = factories.authority(session, "Eastham")
    inspector = factories.person(session, None, Role.INSPECTOR)
    _grant_march(session, inspector, south)
    later = accounts.grant_inspector_access(
        session,
        email=inspector.email,
        authority=north.name,
        until=date(2026, 3, 20),
        today=date(2026, 3, 2),
        now=NOW + timedelta(hours=1),
        by=SYSTEM,
    )
    _grant_march(session, inspector, closed)
    assert closed.id is not None
    revoked = session.exec(
        select(InspectorAccess).where(InspectorAccess.authority_id == closed.id)
    ).one()
    revoked.revoked_at = NOW
    session.add(revoked)
    session.commit()
    day = date(2026, 3, 10)
    latest = accounts.actor_on(session, inspector, day)
    assert (latest.authority_id, latest.reads) == (north.id, frozenset({south.id}))
    chosen = accounts.actor_on(session, inspector, day, chosen=south.id)
    assert (chosen.authority_id, chosen.reads) == (south.id, frozenset({north.id}))
    not_granted = accounts.actor_on(session, inspector, day, chosen=closed.id)
    assert not_granted.authority_id == north.id
    listed = accounts.accesses_in_force(session, person_id=inspector.id or 0, today=day)
    assert [(a.name, g.ends_on) for a, g in listed] == [
        ("Northam", later.ends_on),
        ("Southam", date(2026, 3, 31)),
    ]
    after_north = accounts.actor_on(session, inspector, date(2026, 3, 25), chosen=north.id)
    assert (after_north.authority_id, after_north.reads) == (south.id, frozenset())
