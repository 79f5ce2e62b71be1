"""The services behind the administration pages, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from domain.accounts import people
from domain.accounts.models import Authority, Person, PersonUpdate
from domain.errors import InvalidInput, InvalidPolicy, NotPermitted
from domain.permissions import SYSTEM
from domain.reminders import policies
from domain.vocabulary import Role
from tests import factories
from tests.factories import NOW


def test_a_refused_change_changes_nothing_at_all(session: Session) -> None:
    where = factories.authority(session)
    boss = factories.person(session, where, Role.MANAGER)
    lead = factories.person(session, where, manager=boss)
    elsewhere = factories.person(session, factories.authority(session), Role.MANAGER)
    assert lead.id is not None
    with pytest.raises(InvalidInput, match="works for"):
        people.update_person(
            session,
            person_id=lead.id,
            changes=PersonUpdate(role=Role.MANAGER, manager_email=elsewhere.email, active=False),
            by=SYSTEM,
        )
    session.rollback()
    stored = session.get(Person, lead.id)
    assert stored is not None
    assert (stored.role, stored.manager_id, stored.active) == (Role.LEAD, boss.id, True)


def test_fields_left_out_of_a_change_stay_as_they_are(session: Session) -> None:
    where = factories.authority(session)
    boss = factories.person(session, where, Role.MANAGER)
    lead = factories.person(session, where, manager=boss)
    assert lead.id is not None
    changed = people.update_person(
        session, person_id=lead.id, changes=PersonUpdate(active=False), by=SYSTEM
    )
    assert (changed.role, changed.manager_id, changed.active) == (Role.LEAD, boss.id, False)


def test_an_inactive_person_cannot_become_a_line_manager(session: Session) -> None:
    where = factories.authority(session)
    gone = factories.person(session, where, Role.MANAGER)
    assert gone.id is not None
    people.update_person(session, person_id=gone.id, changes=PersonUpdate(active=False), by=SYSTEM)
    with pytest.raises(InvalidInput, match="is inactive; choose an active person") as refused:
        factories.person(session, where, manager=gone)
    assert refused.value.field == "manager_email"


def test_someone_who_is_not_an_administrator_learns_nothing_of_what_is_recorded(
    session: Session,
) -> None:
    director = factories.person(session, factories.authority(session), Role.DIRECTOR)
    by = factories.actor(session, director)
    with pytest.raises(NotPermitted, match=r"\(director\) may not add people$"):
        people.add_person(
            session,
            name="N",
            email="n@example.org",
            role=Role.LEAD,
            now=NOW,
            authority="Nowhere",
            by=by,
        )
    with pytest.raises(NotPermitted, match=r"may not change people$"):
        people.update_person(session, person_id=99999, changes=PersonUpdate(active=False), by=by)
    with pytest.raises(NotPermitted, match=r"may not change reminder policies$"):
        policies.set_policy(session, authority_id=99999, overrides={}, by=by)


def test_a_policy_keeps_only_its_differences_from_the_defaults(session: Session) -> None:
    where = factories.authority(session)
    assert where.id is not None
    policies.set_policy(
        session,
        authority_id=where.id,
        overrides={"due_soon_days": "5, 15", "chase_every_days": 5},
        by=SYSTEM,
    )
    policies.set_policy(
        session, authority_id=where.id, overrides={"stale_after_days": "12"}, by=SYSTEM
    )
    session.expire_all()
    stored = session.get(Authority, where.id)
    assert stored is not None
    assert stored.policy == {"due_soon_days": [15, 5], "stale_after_days": 12}
    replaced = policies.set_policy(
        session,
        authority_id=where.id,
        overrides={"remind_on_non_working_days": "yes"},
        replace=True,
        by=SYSTEM,
    )
    assert (replaced.stale_after_days, replaced.remind_on_non_working_days) == (20, True)
    session.expire_all()
    assert policies.policy_for(session, where.id) == replaced


def test_a_policy_with_any_bad_setting_is_not_recorded(session: Session) -> None:
    where = factories.authority(session)
    assert where.id is not None
    with pytest.raises(InvalidPolicy) as refused:
        policies.set_policy(
            session,
            authority_id=where.id,
            overrides={"stale_after_days": 12, "default_due_months": "forty", "stale_days": 1},
            by=SYSTEM,
        )
    assert set(refused.value.problems) == {"default_due_months", "stale_days"}
    session.rollback()
    stored = session.get(Authority, where.id)
    assert stored is not None and stored.policy == {}
