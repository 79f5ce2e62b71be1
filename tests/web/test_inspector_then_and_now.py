"""The inspector's page shows each area open when the latest inspection began, then and now."""

from __future__ import annotations

from collections.abc import Callable

from domain import carryover
from domain.accounts import people
from domain.areas import progress
from domain.vocabulary import Status
from tests.factories import NOW
from tests.web.carryover_letters import record_later_letter
from tests.web.conftest import Browser, World


def row(html: str, area_id: int) -> str:
    start = html.index(f'id="then-now-{area_id}"')
    return html[start : html.index("</tr>", start)]


def test_the_inspector_reads_each_open_area_then_and_now(
    browser: Callable[..., Browser], world: World
) -> None:
    letters = record_later_letter(world)
    with world.session() as s:
        manager = people.actor_for(s, people.get_person(s, world.people["manager"].email))
        carryover.confirm_link(
            s,
            area_id=letters.strategy,
            earlier_area_id=letters.earlier_strategy,
            by=manager,
            now=NOW,
        )
        carryover.close_as_addressed(s, earlier_area_id=letters.supervision, by=manager, now=NOW)
        progress.record_progress(
            s,
            area_id=letters.strategy,
            by=manager,
            now=NOW,
            status=Status.IN_PROGRESS,
            evidence=["https://intranet.example/health-attendance"],
        )
    shown = browser("inspector").get("/inspector")
    assert shown.status_code == 200
    assert "Then and now" in shown.text
    assert "focused visit of 23 February 2026 began" in shown.text
    carried = row(shown.text, letters.earlier_strategy)
    then, now, since = carried.split('class="govuk-table__cell app-')[1:4]
    # Then (before 23 February): open, and overdue since 20 February.
    assert "Open</strong>" in then and "govuk-tag--red" in then and "20 February 2026" in then
    # Now: the later area it continues as, in progress, with what came since.
    assert f'Carried over to <a class="govuk-link" href="/areas/{letters.strategy}">' in now
    assert "In progress</strong>" in now
    assert "1 progress update, 1 evidence item" in since
    addressed = row(shown.text, letters.supervision)
    assert "Closed as addressed" in addressed.split("app-now")[1]
    assert "Open</strong>" in addressed.split("app-then")[1].split("app-now")[0]
    assert "0 progress updates, 0 evidence items" in addressed
    untouched = row(shown.text, letters.return_home)
    assert "Carried over to" not in untouched
    # Only areas of earlier inspections: none of the later letter's own.
    assert f'id="then-now-{letters.neglect}"' not in shown.text
    assert 'method="post"' not in shown.text.split('id="then-and-now"')[1].split("</table>")[0]


def test_with_one_inspection_there_is_nothing_to_compare(
    browser: Callable[..., Browser],
) -> None:
    shown = browser("inspector").get("/inspector")
    assert shown.status_code == 200
    assert 'id="then-and-now"' not in shown.text
