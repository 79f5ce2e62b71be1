"""The chains are well formed, and the matcher finds their true links at the default threshold."""

import json
from pathlib import Path

import pytest

from domain.carryover.matching import DEFAULT_THRESHOLD
from tests.carryover.chain_data import CHAINS_DIR, Chain, load_chains, measure, of_split

SPLITS = {"tune", "held-out-1", "held-out-2"}
CHAIN_FILES = sorted(CHAINS_DIR.glob("*.json"))


@pytest.mark.parametrize("path", CHAIN_FILES, ids=[p.stem for p in CHAIN_FILES])
def test_each_chain_file_is_well_formed(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))

    assert data["split"] in SPLITS
    assert data["authority"] and data["notes"]
    assert len(data["earlier"]["areas"]) >= 3
    later = data["later"]
    assert len(later.get("areas", [])) >= 3 or set(later["areas_from_shared"]) == {"file", "field"}
    links = [(link["later"], link["earlier"]) for link in data["links"]]
    assert links and len(set(links)) == len(links)
    assert all(0 <= earlier < len(data["earlier"]["areas"]) for _, earlier in links)
    if "areas" in later:
        assert all(0 <= new < len(later["areas"]) for new, _ in links)
        assert len({new for new, _ in links}) < len(later["areas"]), "no new area that is new"


def test_there_are_at_least_ten_chains_and_some_are_held_out() -> None:
    assert len(CHAIN_FILES) >= 10
    splits = [json.loads(p.read_text(encoding="utf-8"))["split"] for p in CHAIN_FILES]
    assert splits.count("held-out-2") >= 3


def chains_of(split: str | None = None) -> list[Chain]:
    chains = load_chains()
    return of_split(chains, split) if split else chains


def test_the_matcher_reaches_precision_and_recall_of_0_8_over_all_chains() -> None:
    quality = measure(chains_of(), DEFAULT_THRESHOLD)

    assert quality.precision >= 0.8, quality
    assert quality.recall >= 0.8, quality


def test_the_matcher_reaches_precision_and_recall_of_0_8_on_chains_never_tuned_on() -> None:
    quality = measure(chains_of("held-out-2"), DEFAULT_THRESHOLD)

    assert quality.precision >= 0.8, quality
    assert quality.recall >= 0.8, quality
