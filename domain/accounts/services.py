"""Accounts: passwords, sign-in with throttling, bearer and calendar tokens, inspector access."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import or_, update
from sqlmodel import Session, col, delete, select

from domain.accounts.access_rules import grant_in_force, grants_by_authority
from domain.accounts.credentials import AccessToken, InspectorAccess, LoginFailure, TokenPurpose
from domain.accounts.inspector_access import (  # granting moved there; callers use it here
    grant_inspector_access as grant_inspector_access,
)
from domain.accounts.models import Authority, Person
from domain.accounts.people import actor_for, get_person
from domain.accounts.sign_in_rules import (
    FAILURE_WINDOW,
    MAX_FAILURES_PER_CLIENT,
    check_password,
    client_network,
    retry_after,
)
from domain.errors import (
    InvalidInput,
    NotAuthenticated,
    NotPermitted,
    TokenNotFound,
    TooManyAttempts,
)
from domain.permissions import Actor, may_administer, recorded_id, require_administrator
from domain.vocabulary import Role

_hasher = PasswordHasher()
# Verified when the email is unknown, so a wrong email costs as long as a wrong password.
_DECOY_HASH = _hasher.hash("decoy password never used")
TOKEN_PREFIX = {TokenPurpose.API: "co_api_", TokenPurpose.CALENDAR: "co_cal_"}


def set_password(
    session: Session,
    *,
    email: str,
    password: str,
    by: Actor,
    current: str | None = None,
) -> Person:
    """Give a person a new password (stored as an argon2 hash); others sign in afresh.

    An administrator (or SYSTEM, the server's own command line) may set anyone's; a person
    may change their own given their `current` one.
    """
    person = get_person(session, email)
    if not may_administer(by, person.authority_id):
        if by.person_id != person.id or current is None:
            raise NotPermitted(f"{by.name} ({by.role.value}) may not set the password of {email}")
        if not _matches(person.password_hash, current):
            raise NotAuthenticated("the current password is not right")
    check_password(password, person.email)
    person.password_hash = _hasher.hash(password)
    session.add(person)
    session.commit()
    session.refresh(person)
    return person


def _matches(stored: str | None, password: str) -> bool:
    """Whether `password` matches the stored hash (a decoy is checked when there is none)."""
    try:
        _hasher.verify(stored or _DECOY_HASH, password)
    except (VerificationError, InvalidHashError):
        return False
    return stored is not None


def authenticate(
    session: Session, *, email: str, password: str, now: datetime, client: str | None = None
) -> Person:
    """The active person with this email and password; wrong guesses are counted per email
    and per `client` address, and either count pauses sign-in when it reaches its limit.

    A signing-in person's own success clears their email's count, never the address's: else
    one valid account would let a guesser try other emails without end.
    """
    address = email.strip().lower()
    key, network = address[:320], client_network(client) if client else None
    _refuse_while_paused(session, key=key, address=address, network=network, now=now)
    person = session.exec(select(Person).where(Person.email == address)).first()
    stored = person.password_hash if person is not None and person.active else None
    # Nothing is written yet: hand the connection back while the hash is checked, the slow
    # part, so that a burst of sign-ins cannot hold every pooled connection and starve the
    # other requests (seen under drill 5's load).
    session.rollback()
    if not _matches(stored, password) or person is None:
        session.exec(delete(LoginFailure).where(col(LoginFailure.at) < now - FAILURE_WINDOW))
        session.add(LoginFailure(email=key, client=network, at=now))
        session.commit()
        raise NotAuthenticated("that email and password do not match an active account")
    # The email's count starts again; the failures still count against their networks.
    mine = col(LoginFailure.email) == key
    session.exec(delete(LoginFailure).where(mine, col(LoginFailure.client).is_(None)))
    session.exec(update(LoginFailure).where(mine).values(email=None))
    if _hasher.check_needs_rehash(person.password_hash or ""):
        person.password_hash = _hasher.hash(password)
        session.add(person)
    session.commit()
    return person


def _refuse_while_paused(
    session: Session, *, key: str, address: str, network: str | None, now: datetime
) -> None:
    """Refuse a sign-in while recent wrong passwords from the network or for the email
    reach their limit."""
    recent = session.exec(
        select(LoginFailure.email, LoginFailure.client, LoginFailure.at).where(
            or_(col(LoginFailure.email) == key, col(LoginFailure.client) == network)
            if network
            else col(LoginFailure.email) == key,
            col(LoginFailure.at) > now - FAILURE_WINDOW,
        )
    ).all()
    from_network = (at for _, c, at in recent if network and c == network)
    if wait := retry_after(from_network, now, MAX_FAILURES_PER_CLIENT):
        # Says nothing of the email, so the pause cannot tell anyone whether it is recorded.
        raise TooManyAttempts(
            f"too many wrong passwords from this network; try again in {-(-wait // 60)} minute(s)",
            retry_after=wait,
        )
    if wait := retry_after((at for e, _, at in recent if e == key), now):
        raise TooManyAttempts(
            f"too many wrong passwords for {address}; try again in {-(-wait // 60)} minute(s)",
            retry_after=wait,
        )


def session_mark(person: Person) -> str:
    """A short fingerprint of the password hash and the session generation: a new password,
    or signing out, ends older sign-ins."""
    held = f"{person.password_hash or ''}\0{person.session_generation}"
    return hashlib.sha256(held.encode()).hexdigest()[:16]


def end_sessions(session: Session, *, person_id: int, by: Actor) -> None:
    """End every sign-in of the person, in any browser, by moving their session generation on:
    a session cookie kept from before (even a copied one) is refused from now on. A person
    ends their own; an administrator of their authority may end anyone's."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotAuthenticated("that sign-in has ended already")
    if recorded_id(by) != person.id:
        require_administrator(by, person.authority_id, f"sign {person.email} out")
    moved_on = col(Person.session_generation) + 1
    session.exec(
        update(Person).where(col(Person.id) == person_id).values(session_generation=moved_on)
    )
    session.commit()
    session.refresh(person)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(
    session: Session,
    *,
    email: str,
    purpose: TokenPurpose,
    now: datetime,
    by: Actor,
    label: str = "",
) -> tuple[AccessToken, str]:
    """A new token for a person; the secret is returned once and only its digest is kept."""
    person = get_person(session, email)
    assert person.id is not None
    if recorded_id(by) != person.id:
        require_administrator(by, person.authority_id, f"issue tokens for {person.email}")
    if not person.active:
        raise InvalidInput(f"{person.email} is not active; reactivate them before issuing tokens")
    secret = TOKEN_PREFIX[purpose] + secrets.token_urlsafe(32)
    token = AccessToken(
        person_id=person.id,
        purpose=purpose,
        digest=_digest(secret),
        prefix=secret[:12],
        label=label.strip()[:200],
        created_at=now,
    )
    session.add(token)
    session.commit()
    session.refresh(token)
    return token, secret


def revoke_token(session: Session, *, token_id: int, now: datetime, by: Actor) -> AccessToken:
    """Stop a token working from now on; revoking twice changes nothing."""
    token = session.get(AccessToken, token_id)
    if token is None:
        raise TokenNotFound(f"token {token_id} is not recorded; list tokens with 'token list'")
    owner = session.get(Person, token.person_id)
    if recorded_id(by) != token.person_id:
        require_administrator(by, owner.authority_id if owner else None, f"revoke token {token_id}")
    if token.revoked_at is None:
        token.revoked_at = now
        session.add(token)
        session.commit()
        session.refresh(token)
    return token


def tokens_of(session: Session, *, person_id: int, purpose: TokenPurpose) -> list[AccessToken]:
    """A person's live tokens of one purpose, newest first."""
    query = (
        select(AccessToken)
        .where(AccessToken.person_id == person_id, AccessToken.purpose == purpose)
        .where(col(AccessToken.revoked_at).is_(None))
        .order_by(col(AccessToken.created_at).desc(), col(AccessToken.id).desc())
    )
    return list(session.exec(query))


def person_for_token(
    session: Session, *, secret: str, purpose: TokenPurpose, now: datetime
) -> Person:
    """The active person a live token of this purpose belongs to, or NotAuthenticated."""
    token = session.exec(select(AccessToken).where(AccessToken.digest == _digest(secret))).first()
    person = session.get(Person, token.person_id) if token else None
    if token is None or token.purpose != purpose or token.revoked_at or not person:
        raise NotAuthenticated(f"that {purpose.value} token is not valid or has been revoked")
    if not person.active:
        raise NotAuthenticated(f"{person.email} is not active")
    # Record use at most hourly, so a busy client does not write on every request.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 3600:
        token.last_used_at = now
        session.add(token)
        session.commit()
    return person


def access_in_force(session: Session, *, person_id: int, today: date) -> InspectorAccess | None:
    """The inspector's most recent grant that counts and is in force on `today`, if any."""
    grants = session.exec(select(InspectorAccess).where(InspectorAccess.person_id == person_id))
    return grant_in_force(grants, today)


def accesses_in_force(
    session: Session, *, person_id: int, today: date
) -> list[tuple[Authority, InspectorAccess]]:
    """Each authority the inspector may read on `today`, by name, with the grant that counts."""
    grants = session.exec(select(InspectorAccess).where(InspectorAccess.person_id == person_id))
    counting = grants_by_authority(grants, today)
    found = session.exec(select(Authority).where(col(Authority.id).in_(list(counting))))
    return sorted(((a, counting[a.id or 0]) for a in found), key=lambda pair: pair[0].name)


def actor_on(session: Session, person: Person, today: date, chosen: int | None = None) -> Actor:
    """The person as an Actor on `today`. An inspector reads every authority with a grant in
    force, and acts in `chosen` among them, else in the most recently granted."""
    actor = actor_for(session, person)
    if person.role != Role.INSPECTOR:
        return actor
    assert person.id is not None
    grants = list(
        session.exec(select(InspectorAccess).where(InspectorAccess.person_id == person.id))
    )
    readable = set(grants_by_authority(grants, today))
    latest = grant_in_force(grants, today)
    home = chosen if chosen in readable else (latest.authority_id if latest else None)
    return Actor(person.id, person.name, person.role, home, reads=frozenset(readable - {home}))
