"""The real carry-over chains: every file well formed, the matcher's figures on them, and on
the documents' own item texts aligned with their areas."""

import json
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlmodel import Session, SQLModel

from domain.carryover.matching import DEFAULT_THRESHOLD
from domain.inspections.importing import record_document
from domain.permissions import SYSTEM
from importers.reader import read_document
from infra.db import make_engine
from tests.bench_modules import load_bench
from tests.carryover import real_chain_data
from tests.carryover.chain_data import SHARED_DIR, Quality
from tests.carryover.real_chain_data import (
    REAL_CHAINS_DIR,
    RealPair,
    RealQuality,
    load_real_pairs,
    measure_real,
    of_split,
    pairs_of,
    score_pair,
)

CHAIN_FILES = sorted(REAL_CHAINS_DIR.glob("*.json"))
TUNE = {"brent", "cornwall", "dudley", "hampshire", "kent"}
HOLDOUT = {"liverpool", "newcastle-upon-tyne", "norfolk", "southend-on-sea", "worcestershire"}
KINDS = {"inspection", "focused-visit", "area-send", "monitoring"}


def read(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_the_five_tuning_chains_are_there() -> None:
    assert {path.stem for path in CHAIN_FILES} >= TUNE


@pytest.mark.parametrize("path", CHAIN_FILES, ids=lambda p: p.stem)
def test_documents_are_well_formed(path: Path) -> None:
    data = read(path)
    assert data["split"] == ("tune" if path.stem in TUNE else "holdout")
    assert path.stem in TUNE | HOLDOUT
    documents = data["documents"]
    keys = [d["key"] for d in documents]
    assert len(keys) == len(set(keys)), "document keys repeat"
    published = [date.fromisoformat(d["published"]) for d in documents]
    assert published == sorted(published), "documents are not oldest first"
    for document in documents:
        assert document["kind"] in KINDS
        assert document["file"].startswith(("corpus/wild/", "corpus/ofsted/"))
        assert all(isinstance(area, str) and area.strip() for area in document["areas"])


@pytest.mark.parametrize("path", CHAIN_FILES, ids=lambda p: p.stem)
def test_pairs_name_documents_and_areas_that_exist(path: Path) -> None:
    data = read(path)
    documents = {d["key"]: d for d in data["documents"]}
    for pair in data["pairs"]:
        later = documents[pair["later"]]
        assert later["areas"], f"{pair['later']} has no areas to pair"
        assert pair["earlier"], f"{pair['later']} has no earlier documents"
        for key in pair["earlier"]:
            assert documents[key]["published"] < later["published"], f"{key} is not earlier"
            assert (documents[key]["kind"] == "area-send") == (later["kind"] == "area-send")
        seen = set()
        for link in pair["links"]:
            key, index = link["earlier"]
            assert key in pair["earlier"], f"{key} is not among the pair's earlier documents"
            assert 0 <= index < len(documents[key]["areas"])
            assert 0 <= link["later"] < len(later["areas"])
            assert link["strength"] in {"strong", "weak"}
            assert link["why"].strip()
            assert (link["later"], key, index) not in seen, "a link repeats"
            seen.add((link["later"], key, index))
        assert all(isinstance(line, str) for line in pair["said_by_letter"])


@pytest.mark.parametrize("path", CHAIN_FILES, ids=lambda p: p.stem)
def test_documents_are_in_shared_when_it_is_present(path: Path) -> None:
    if not SHARED_DIR.exists():
        pytest.skip(f"{SHARED_DIR} is absent, so the documents' files cannot be checked")
    missing = [d["file"] for d in read(path)["documents"] if not (SHARED_DIR / d["file"]).exists()]
    assert missing == []


def test_a_suggestion_counts_when_it_is_a_link_of_either_strength() -> None:
    pair = RealPair(
        authority="A",
        split="tune",
        later_key="later",
        later=("x", "y"),
        earlier=((("e", 0), "p"), (("e", 1), "q"), (("e", 2), "r")),
        links={(0, ("e", 0)): "strong", (1, ("e", 1)): "weak"},
    )

    quality = score_pair(pair, {(0, ("e", 0)), (1, ("e", 1)), (1, ("e", 2))})

    assert quality == RealQuality(Quality(3, 2, 2), Quality(3, 1, 1))
    assert round(quality.precision, 2) == 0.67
    assert quality.strong_recall == 1.0


def test_the_matcher_meets_its_targets_on_the_tuning_chains() -> None:
    pairs = of_split(load_real_pairs(), "tune")

    quality = measure_real(pairs, DEFAULT_THRESHOLD)

    assert quality.strong_links.true >= 30, "the tuning chains have lost links"
    assert quality.precision >= 0.85, quality
    assert quality.strong_recall >= 0.85, quality


def test_the_matcher_holds_its_figures_on_the_holdout_and_all_chains() -> None:
    pairs = load_real_pairs()
    holdout = measure_real(of_split(pairs, "holdout"), DEFAULT_THRESHOLD)
    every = measure_real(pairs, DEFAULT_THRESHOLD)

    # Below the targets: the figures as they hold (docs/benchmarks.md says why), kept from falling.
    assert holdout.strong_links.true >= 50, "the holdout chains have lost links"
    assert holdout.precision >= 0.74, holdout
    assert holdout.strong_recall >= 0.77, holdout
    assert every.precision >= 0.79, every
    assert every.strong_recall >= 0.84, every


def _texts() -> ModuleType:
    # The bench's own alignment, so the test checks what the published figures were counted with.
    return load_bench("chain_texts")


def test_areas_and_items_alike_in_number_are_aligned_by_index() -> None:
    assert _texts().align(["a", "b"], ["something else", "and more"]) == [0, 1]


def test_more_items_than_areas_are_aligned_by_words_in_order() -> None:
    areas = ["Timely health assessments", "Return home interviews", "Foster carer recruitment"]
    items = [
        "Improve the timeliness of health assessments for children in care.",
        "Strengthen the board's links with the health and wellbeing board.",
        "Ensure children who go missing are offered a return home interview.",
        "Increase the recruitment of foster carers.",
    ]

    assert _texts().align(areas, items) == [0, 2, 3]


def test_an_area_no_item_shares_words_with_is_left_out() -> None:
    areas = ["Timely health assessments", "Care leavers' accommodation"]
    items = ["Improve the timeliness of health assessments.", "Audit", "Scrutiny"]

    assert _texts().align(areas, items) == [0, None]


def test_an_area_left_out_takes_its_links_and_the_rest_are_renumbered() -> None:
    chain = {
        "authority": "A",
        "split": "tune",
        "documents": [
            {"key": "old", "areas": ["p", None]},
            {"key": "new", "areas": [None, "x"]},
        ],
        "pairs": [
            {
                "later": "new",
                "earlier": ["old"],
                "links": [
                    {"later": 1, "earlier": ["old", 0], "strength": "strong"},
                    {"later": 1, "earlier": ["old", 1], "strength": "weak"},
                    {"later": 0, "earlier": ["old", 0], "strength": "strong"},
                ],
            }
        ],
    }

    (pair,) = pairs_of(chain)

    assert pair.later == ("x",)
    assert pair.earlier == ((("old", 0), "p"),)
    assert pair.links == {(0, ("old", 0)): "strong"}


def test_a_document_the_importer_cannot_read_has_all_its_areas_left_out(tmp_path: Path) -> None:
    chain = {"authority": "A", "documents": [{"key": "k", "file": "gone.pdf", "areas": ["a", "b"]}]}
    coverage = _texts().Coverage()

    read = _texts().imported_chain(chain, tmp_path, coverage)

    assert read["documents"][0]["areas"] == [None, None]
    assert coverage.unread == ["A k"]
    assert (coverage.documents, coverage.areas, coverage.aligned) == (1, 2, 0)
    assert coverage.left_out == ["A k area 0", "A k area 1"]


@cache
def _imported() -> tuple[list[RealPair], Any]:
    pairs, coverage = _texts().imported_pairs(real_chain_data, SHARED_DIR)
    return pairs, coverage


def test_every_area_finds_its_item_in_the_imported_documents() -> None:
    if not SHARED_DIR.exists():
        pytest.skip(f"{SHARED_DIR} is absent, so the documents cannot be imported")

    pairs, coverage = _imported()

    assert (coverage.documents, coverage.by_index, coverage.by_overlap) == (56, 46, 10)
    assert (coverage.areas, coverage.aligned) == (344, 344)
    assert coverage.unread == [] and coverage.left_out == []
    assert [(p.later_key, p.links) for p in pairs] == [
        (p.later_key, p.links) for p in load_real_pairs()
    ]


def test_the_matcher_holds_its_figures_on_the_documents_own_texts() -> None:
    if not SHARED_DIR.exists():
        pytest.skip(f"{SHARED_DIR} is absent, so the documents cannot be imported")
    pairs, _ = _imported()

    tune = measure_real(of_split(pairs, "tune"), DEFAULT_THRESHOLD)
    holdout = measure_real(of_split(pairs, "holdout"), DEFAULT_THRESHOLD)
    every = measure_real(pairs, DEFAULT_THRESHOLD)

    # Floors just below the figures measured (docs/benchmarks.md), which are below those on
    # the restatements.
    assert tune.precision >= 0.84 and tune.strong_recall >= 0.87, tune
    assert holdout.precision >= 0.74 and holdout.strong_recall >= 0.70, holdout
    assert every.precision >= 0.78 and every.strong_recall >= 0.77, every


IMPORTED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.mark.integration
def test_each_authoritys_documents_imported_together_file_under_one_authority(
    tmp_path: Path,
) -> None:
    # Carry-over compares an inspection with the earlier ones of its authority: a document
    # filed under another name would start a chain of its own.
    if not SHARED_DIR.exists():
        pytest.skip(f"{SHARED_DIR} is absent, so the documents cannot be imported")
    engine = make_engine(f"sqlite:///{tmp_path / 'chains.db'}")
    SQLModel.metadata.create_all(engine)
    filed: dict[str, set[str]] = {}
    for path in sorted(real_chain_data.REAL_CHAINS_DIR.glob("*.json")):
        chain = json.loads(path.read_text(encoding="utf-8"))
        for document in chain["documents"]:
            parsed = read_document(SHARED_DIR / document["file"])
            with Session(engine, expire_on_commit=False) as session:
                outcome = record_document(session, parsed, by=SYSTEM, now=IMPORTED)
            filed.setdefault(chain["authority"], set()).add(outcome.authority.name)
    engine.dispose()
    assert len(filed) == 10
    assert {a: names for a, names in filed.items() if len(names) != 1} == {}
    assert len(set().union(*filed.values())) == 10, filed
