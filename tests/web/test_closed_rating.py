"""Where a page shows an area's rating, a closed area says how it was closed instead."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from web.templating import env

RATING = env.from_string('{% from "macros.html" import rating %}{{ rating(view) }}')


def _view(**closing: object) -> SimpleNamespace:
    return SimpleNamespace(
        **{
            "rag": "green",
            "rag_overridden": False,
            "rag_reasons": ["on track"],
            "closed_by": None,
            "carried_to": None,
        }
        | closing
    )


def test_an_area_carried_over_links_to_the_later_area_and_has_no_colour() -> None:
    reason = "carried over to area 10 (inspection of 20 November 2026)"
    html = RATING.render(view=_view(closed_by="carry_over", carried_to=10, rag_reasons=[reason]))

    assert html == (
        '<a class="govuk-link" href="/areas/10">'
        "Carried over to area 10 (inspection of 20 November 2026)</a>"
    )


def test_an_area_closed_as_addressed_says_so_without_a_rating() -> None:
    html = RATING.render(view=_view(closed_by="addressed"))

    assert "Closed as addressed" in html
    assert "Green" not in html


@pytest.mark.parametrize("closed_by", [None, "sign_off"])
def test_other_areas_show_their_rating(closed_by: str | None) -> None:
    html = RATING.render(view=_view(closed_by=closed_by))

    assert "govuk-tag--green" in html and ">Green<" in html
