"""The real chains with the documents' own item texts, read by the importer from ../shared at
run time and never written anywhere, in place of the chains' short restatements."""

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from importers.errors import DocumentError
from importers.reader import read_document

# The share of an area's words an item must hold for the two to be paired.
MIN_OVERLAP = 0.3
# Words this short or this common say nothing about which item is meant.
_FUNCTION_WORDS = frozenset(
    {"and", "are", "for", "from", "into", "its", "that", "the", "their", "this", "with"}
    | {"ensure", "improve", "should", "more", "they", "have", "been", "all", "who", "when"}
)
_STEM = 5


@dataclass
class Coverage:
    """How the documents' areas found their items, and which were left out."""

    by_index: int = 0  # documents aligned by index
    by_overlap: int = 0  # documents aligned by word overlap
    areas: int = 0
    unread: list[str] = field(default_factory=list)  # documents the importer could not read
    # "<authority> <key> area <i>", those of unread documents too
    left_out: list[str] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return self.by_index + self.by_overlap + len(self.unread)

    @property
    def aligned(self) -> int:
        return self.areas - len(self.left_out)

    def lines(self) -> list[str]:
        return [
            f"documents with areas: {self.documents}; aligned by index {self.by_index},"
            f" by word overlap {self.by_overlap}; unread {len(self.unread)}"
            + (f" ({', '.join(self.unread)})" if self.unread else ""),
            f"areas: {self.areas}; aligned {self.aligned}; left out {len(self.left_out)}"
            + (f" ({', '.join(self.left_out)})" if self.left_out else ""),
        ]


def stems(text: str) -> frozenset[str]:
    words = re.findall(r"[a-z]+", text.lower())
    return frozenset(w[:_STEM] for w in words if len(w) > 2 and w not in _FUNCTION_WORDS)


def overlap(area: str, item: str) -> float:
    """The share of the area's word stems the item holds."""
    mine = stems(area)
    return len(mine & stems(item)) / len(mine) if mine else 0.0


def align(areas: Sequence[str], items: Sequence[str]) -> list[int | None]:
    """For each area, the index of its item, or None: by index when the counts agree."""
    # Both lists are in document order. Otherwise the pairing, one to one and in order, that
    # holds most word overlap; the overlap is plain words, not the matcher's score, which is
    # what is measured on the result.
    if len(areas) == len(items):
        return list(range(len(areas)))
    # best[i][j]: the most overlap pairing the first i areas within the first j items in order.
    best = [[0.0] * (len(items) + 1) for _ in range(len(areas) + 1)]
    for i, area in enumerate(areas, 1):
        for j, item in enumerate(items, 1):
            paired = overlap(area, item)
            paired = best[i - 1][j - 1] + paired if paired >= MIN_OVERLAP else -1.0
            best[i][j] = max(best[i - 1][j], best[i][j - 1], paired)
    found: list[int | None] = [None] * len(areas)
    i, j = len(areas), len(items)
    while i and j:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            found[i - 1] = j - 1
            i, j = i - 1, j - 1
    return found


def imported_items(path: Path) -> list[str]:
    """The items the importer makes development areas of, in document order."""
    return [f.text for f in read_document(path).findings if f.kind.is_tracked]


def imported_chain(data: dict[str, Any], shared: Path, coverage: Coverage) -> dict[str, Any]:
    """The chain with each area's text replaced by its item's, or None where left out."""
    documents = []
    for document in data["documents"]:
        areas = document["areas"]
        if not areas:
            documents.append(document)
            continue
        coverage.areas += len(areas)
        name = f"{data['authority']} {document['key']}"
        try:
            items = imported_items(shared / document["file"])
        except (DocumentError, OSError):
            coverage.unread.append(name)
            items = []  # so every area of the document is left out
        else:
            coverage.by_index += len(areas) == len(items)
            coverage.by_overlap += len(areas) != len(items)
        found = align(areas, items)
        coverage.left_out += [f"{name} area {i}" for i, j in enumerate(found) if j is None]
        texts = [None if j is None else items[j] for j in found]
        documents.append({**document, "areas": texts})
    return {**data, "documents": documents}


def imported_pairs(data: Any, shared: Path) -> tuple[list[Any], Coverage]:
    """The real chains' pairs on the documents' own item texts; `data` is real_chain_data."""
    coverage = Coverage()
    pairs = []
    for path in sorted(Path(data.REAL_CHAINS_DIR).glob("*.json")):
        chain = json.loads(path.read_text(encoding="utf-8"))
        pairs += data.pairs_of(imported_chain(chain, shared, coverage))
    return pairs, coverage
