"""Where the real documents live (../shared beside the repository), and skipping without them."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from importers import ParsedDocument, parse_text, read_document

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
CORPUS = SHARED / "corpus" / "ofsted"
SEEDS = SHARED / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

_DASHES = re.compile(r"[-‐‑–—]")
_NON_WORD = re.compile(r"[^\w\s]")


def require(path: Path) -> Path:
    """The path, or skip the test saying what is missing."""
    if not path.exists():
        pytest.skip(
            f"{path} is absent: the real Ofsted documents live in ../shared beside the repo"
        )
    return path


@cache
def corpus_expectations() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(
        (require(CORPUS) / "expected.json").read_text(encoding="utf-8")
    )
    return data


@cache
def imported(name: str) -> ParsedDocument:
    """Each corpus document is parsed once per test session."""
    return read_document(require(CORPUS / name))


def normalised(text: str) -> str:
    """Case, punctuation, hyphens and whitespace removed, as the corpus comparison asks."""
    text = _DASHES.sub("", text.lower().replace("’", "'"))
    return " ".join(_NON_WORD.sub(" ", text).split())


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def parsed_fixture(name: str) -> ParsedDocument:
    """One of our own fixture documents, parsed as text."""
    return parse_text(fixture_text(name), source=name)
