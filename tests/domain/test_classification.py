"""Classifying areas as overdue, due today, due soon, stale or at risk, and their RAG."""

from datetime import date

from domain.areas.rag import assess_rag, computed_rag
from domain.reminders.classification import AreaFacts, Reason, classify, most_urgent
from domain.reminders.policy import Policy
from domain.vocabulary import Rag, Status

TODAY = date(2026, 3, 10)  # a Tuesday


def facts(**changes: object) -> AreaFacts:
    base: dict[str, object] = {
        "status": Status.OPEN,
        "due_date": date(2026, 6, 1),
        "last_activity": TODAY,
    }
    base.update(changes)
    return AreaFacts(**base)  # type: ignore[arg-type]


def test_an_area_due_yesterday_is_overdue_by_one_day() -> None:
    found = classify(facts(due_date=date(2026, 3, 9)), TODAY)
    assert found.reasons == {Reason.OVERDUE}
    assert (found.days_overdue, found.working_days_overdue) == (1, 1)


def test_overdue_working_days_leave_out_the_weekend() -> None:
    found = classify(facts(due_date=date(2026, 3, 6)), TODAY)  # the Friday before
    assert (found.days_overdue, found.working_days_overdue) == (4, 2)


def test_an_area_due_today_is_due_today_not_overdue() -> None:
    assert classify(facts(due_date=TODAY), TODAY).reasons == {Reason.DUE_TODAY}


def test_due_soon_reaches_exactly_the_policy_horizon_in_working_days() -> None:
    ten_working_days = date(2026, 3, 24)
    eleven_working_days = date(2026, 3, 25)
    assert classify(facts(due_date=ten_working_days), TODAY).reasons == {Reason.DUE_SOON}
    assert classify(facts(due_date=eleven_working_days), TODAY).reasons == frozenset()


def test_stale_after_twenty_working_days_without_an_update() -> None:
    nineteen = classify(facts(last_activity=date(2026, 2, 11)), TODAY)
    twenty = classify(facts(last_activity=date(2026, 2, 10)), TODAY)
    assert Reason.STALE not in nineteen.reasons
    assert Reason.STALE in twenty.reasons


def test_at_risk_when_due_after_a_window_that_opens_within_ninety_working_days() -> None:
    found = classify(facts(due_date=date(2026, 7, 1), next_window_start=date(2026, 6, 1)), TODAY)
    assert Reason.AT_RISK in found.reasons
    far_window = facts(due_date=date(2027, 7, 1), next_window_start=date(2027, 6, 1))
    assert Reason.AT_RISK not in classify(far_window, TODAY).reasons


def test_completed_and_closed_areas_need_no_attention_even_when_late() -> None:
    for status in (Status.COMPLETED, Status.CLOSED):
        late = facts(status=status, due_date=date(2025, 1, 1), last_activity=date(2025, 1, 1))
        assert classify(late, TODAY).reasons == frozenset()


def test_blocked_areas_are_still_chased() -> None:
    found = classify(facts(status=Status.BLOCKED, due_date=date(2026, 3, 1)), TODAY)
    assert found.is_overdue


def test_most_urgent_prefers_overdue_over_stale() -> None:
    assert most_urgent(frozenset({Reason.STALE, Reason.OVERDUE})) == Reason.OVERDUE
    assert most_urgent(frozenset()) is None


def test_a_stricter_policy_changes_the_horizon() -> None:
    strict = Policy(due_soon_days=(20,))
    assert classify(facts(due_date=date(2026, 4, 1)), TODAY, strict).reasons == {Reason.DUE_SOON}


def test_rag_is_red_when_overdue_and_explains_how_late() -> None:
    rating = computed_rag(facts(due_date=date(2026, 3, 2)), TODAY)
    assert rating.rating == Rag.RED
    assert rating.reasons == ("8 days overdue",)


def test_rag_is_red_when_blocked_even_if_on_time() -> None:
    assert computed_rag(facts(status=Status.BLOCKED), TODAY).reasons == ("blocked",)


def test_rag_is_amber_when_due_soon_and_not_started_but_green_once_in_progress() -> None:
    soon = facts(due_date=date(2026, 3, 17))
    assert computed_rag(soon, TODAY).rating == Rag.AMBER
    started = facts(status=Status.IN_PROGRESS, due_date=date(2026, 3, 17))
    assert computed_rag(started, TODAY).rating == Rag.GREEN


def test_rag_reasons_say_one_day_not_one_days() -> None:
    assert computed_rag(facts(due_date=date(2026, 3, 9)), TODAY).reasons == ("1 day overdue",)
    soon = computed_rag(facts(due_date=date(2026, 3, 11)), TODAY)
    assert soon.reasons == ("due in 1 working day and not started",)


def test_rag_is_amber_without_a_lead() -> None:
    assert computed_rag(facts(has_owner=False), TODAY).reasons == ("no lead assigned",)


def test_rag_is_green_and_on_track_with_the_working_days_left() -> None:
    rating = computed_rag(facts(due_date=date(2026, 3, 24)), TODAY.replace(day=3))
    assert rating.rating == Rag.GREEN
    assert rating.reasons == ("on track: due in 15 working days",)


def test_a_recorded_override_wins_and_keeps_the_rules_reasons_beside_it() -> None:
    overridden = facts(
        due_date=date(2026, 3, 2),
        rag_override=Rag.AMBER,
        rag_override_reason="recovery plan agreed with the director",
    )
    rating = assess_rag(overridden, TODAY)
    assert rating.rating == Rag.AMBER
    assert rating.overridden and rating.computed == Rag.RED
    assert rating.reasons == (
        "set by a person: recovery plan agreed with the director",
        "8 days overdue",
    )


def test_an_override_no_longer_applies_once_the_area_is_closed() -> None:
    closed = facts(status=Status.CLOSED, rag_override=Rag.RED, rag_override_reason="x")
    assert assess_rag(closed, TODAY).rating == Rag.GREEN
