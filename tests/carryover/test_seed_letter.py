"""The seed letter's carried-over CAF area is suggested for the right one of its two new areas."""

import json

import pytest

from domain.carryover.matching import Candidate, suggest_links
from tests.carryover.chain_data import SHARED_DIR

SEED_ANSWERS = SHARED_DIR / "seeds" / "expected.json"

# Our own wording of the areas left open by the April 2010 inspection.
EARLIER_OPEN_AREAS = (
    "Embed the common assessment framework (CAF) across children's services so that all "
    "agencies use it consistently to identify and meet needs early.",
    "Ensure that initial assessments are completed within the required timescales and are "
    "authorised promptly by managers.",
)

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(
        not SEED_ANSWERS.exists(), reason=f"the seed letter's answers are absent: {SEED_ANSWERS}"
    ),
]


def test_the_caf_area_is_suggested_for_the_second_area_and_not_the_first() -> None:
    seed = json.loads(SEED_ANSWERS.read_text(encoding="utf-8"))
    conferences, caf = seed["areas_for_development"]
    new = [Candidate(area_id=21, text=conferences), Candidate(area_id=22, text=caf)]
    earlier = [Candidate(area_id=i, text=text) for i, text in enumerate(EARLIER_OPEN_AREAS)]

    suggestions = suggest_links(new, earlier)

    assert [(s.area_id, s.earlier_area_id) for s in suggestions] == [(22, 0)]
    assert suggestions[0].matched_words[0] == "common assessment framework"
