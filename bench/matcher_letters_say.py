"""Whether what later letters say of earlier findings could improve the carry-over matcher.

Usage: .venv/bin/python bench/matcher_letters_say.py [--details]

For each pair of the real chains it reads the later document from ../shared through the
importer, keeps the sentences that speak of an earlier inspection's findings, and gives each a
verdict: improved, not improved or unclear. It prints how many there are, how many links a
sentence names on both sides (one sentence alike to both areas), and what simple rules would
give that raise a pair's score when a sentence says its area did not improve, or lower it when
one says it did: the best rule chosen on all ten authorities, and chosen leaving one authority
out, beside the matcher as it stands. --details prints each letter's sentences to the terminal.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The project first, as a script run from bench/ would not find it; bench/ last, for its helpers.
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
if str(REPO / "bench") not in sys.path:
    sys.path.append(str(REPO / "bench"))

from matcher_fits import Counts, Row, candidate_rows, counts

from domain.carryover import matching
from importers.cleaning import clean_lines
from importers.lines import lines_from_pdf
from importers.pdf_text import extract_pdf_lines
from importers.prose import paragraphs, sentences
from tests.carryover.real_chain_data import REAL_CHAINS_DIR, RealPair, load_real_pairs

SHARED = REPO.parent / "shared"
SPLITS = ("tune", "holdout", "all")
# A sentence and an area "name" each other when the matcher scores them this alike.
NAMES = 0.2
# Longer "sentences" are table rows or lists run together, not a remark on one finding.
LONGEST = 400
IMPROVED, NOT_IMPROVED, UNCLEAR = "improved", "not improved", "unclear"

_KIND = r"(?:full |standard |ILACS |SIF |single inspection framework |focused |monitoring )?"
# Words that point back to an earlier inspection or to what it found.
_EARLIER = re.compile(
    rf"(?i)\b(?:(?:last|previous|earlier|prior|most recent) {_KIND}"
    r"(?:inspection|visit|letter|report|JTAI|ILACS|SIF)s?"
    rf"|since the (?:(?:\w+ )?20\d\d )?{_KIND}(?:inspection|visit)"
    # Without "since" or a year, "during the inspection" is the one the letter reports.
    rf"|(?:at|in|during) the (?:\w+ )?20\d\d {_KIND}(?:inspection|visit)"
    r"|(?:was|were|remains?|remained|continues? to be) (?:an? |one of the )?(?:areas?|issues?)"
    r" (?:for|of) (?:improvement|development|concern)"
    r"|recommendations? (?:from|made|of)"
    r"|(?:focused|monitoring) visits? (?:in|of) (?:\w+ )?20\d\d)"
)
# A sentence starting so continues the one before it, or qualifies it.
_GOES_ON = re.compile(r"(?i)(?:this|these|it|they|however|despite)\b")
# Names of findings, not judgements on them; "improved little" is a judgement the wrong way.
_LABELS = re.compile(r"(?i)areas? (?:for|of) (?:improvement|development)|requir\w* improvement")
_NOT_YET = re.compile(
    r"(?i)\b(?:improved little|not (?:yet )?(?:improved|been (?:fully )?"
    r"(?:addressed|resolved|implemented)|sufficiently|consistently|made)"
    r"|remains?|remained|still|despite|continues? to (?:be|need)|(?:has|have|had) not(?! only)"
    r"|limited progress|slow|insufficient|uneven|deteriorat\w+|declin\w+|weaken\w*|persist\w*"
    r"|yet to|too (?:slow|variable)|inconsistent|further (?:work|improvement))"
)
_BETTER = re.compile(
    r"(?i)\b(?:improved|improvements?|addressed|strengthened|progress|better|stronger"
    r"|resolved|effective|now \w+|successfully|significant)"
)


def verdict(text: str) -> str:
    """Improved, not improved (any sign of it wins), or unclear when the sentence says neither."""
    text = _LABELS.sub("", text)
    if _NOT_YET.search(text):
        return NOT_IMPROVED
    return IMPROVED if _BETTER.search(text) else UNCLEAR


def earlier_findings(paragraph: str) -> list[tuple[str, str]]:
    """The sentences of a paragraph about earlier findings, with the sentence that goes on."""
    cut = sentences(paragraph)
    found = []
    for k, sentence in enumerate(cut):
        if len(sentence) >= LONGEST or not _EARLIER.search(sentence):
            continue
        before = cut[k - 1] if k and _GOES_ON.match(sentence) else ""
        after = cut[k + 1] if k + 1 < len(cut) and _GOES_ON.match(cut[k + 1]) else ""
        text = " ".join(part for part in (before, sentence, after) if part)
        found.append((text, verdict(text)))
    return found


def letter_says(path: Path) -> list[tuple[str, str]]:
    """Every sentence about earlier findings in one PDF, read as the importer reads it."""
    lines = clean_lines(lines_from_pdf(extract_pdf_lines(path.read_bytes(), path.name)))
    return [found for p in paragraphs(lines) for found in earlier_findings(p.text)]


def later_files() -> dict[tuple[str, str], Path]:
    """Each chain document's PDF in ../shared, by authority and document key."""
    files = {}
    for path in sorted(REAL_CHAINS_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for document in data["documents"]:
            files[data["authority"], document["key"]] = SHARED / document["file"]
    return files


@dataclass(frozen=True)
class Said:
    """One pair's sentences and how alike each is to each of its later and earlier areas."""

    sentences: list[tuple[str, str]]
    to_later: list[list[float]]  # [later area][sentence]
    to_earlier: list[list[float]]  # [earlier area][sentence]

    def naming(self, later: int, earlier: int, level: float, both: bool) -> list[str]:
        """The verdicts of the sentences naming the earlier area (and the later, if both)."""
        return [
            v
            for (_, v), e, n in zip(
                self.sentences, self.to_earlier[earlier], self.to_later[later], strict=True
            )
            if e >= level and (n >= level or not both)
        ]


def said_of(pair: RealPair, found: list[tuple[str, str]]) -> Said:
    def alike(texts: Sequence[str]) -> list[list[float]]:
        return [[matching.similarity(s, t)[0] for s, _ in found] for t in texts]

    return Said(found, alike(pair.later), alike([t for _, t in pair.earlier]))


def print_counts(pairs: list[RealPair], said: list[Said]) -> None:
    verdicts = Counter(v for s in said for _, v in s.sentences)
    print(f"Later letters: {len(pairs)}; sentences about earlier findings: {verdicts.total()}")
    print("  " + ", ".join(f"{v} {verdicts[v]}" for v in (IMPROVED, NOT_IMPROVED, UNCLEAR)))
    print(f"  letters with none: {sum(1 for s in said if not s.sentences)}")


def print_coverage(pairs: list[RealPair], said: list[Said]) -> None:
    """How many pairs of areas of each kind a sentence names on both sides."""
    groups: dict[str, list[int]] = {}
    for pair, s in zip(pairs, said, strict=True):
        found = matching.suggest_links(pair.later_candidates(), pair.earlier_candidates())
        suggested = pair.as_links({(x.area_id, x.earlier_area_id) for x in found})
        for i, j in itertools.product(range(len(pair.later)), range(len(pair.earlier))):
            link = (i, pair.earlier[j][0])
            kind = pair.links.get(link, "no link")
            kinds = [kind]
            if kind == "no link" and link in suggested:
                kinds.append("suggested wrongly")
            if kind == "strong" and link not in suggested:
                kinds.append("strong, missed")
            named = s.naming(i, j, NAMES, both=True)
            for k in kinds:
                tally = groups.setdefault(k, [0, 0, 0, 0])
                tally[0] += 1
                tally[1] += bool(named)
                tally[2] += IMPROVED in named
                tally[3] += NOT_IMPROVED in named
    print(f"\nPairs of areas a sentence names on both sides (alike >= {NAMES} to each)")
    print(f"{'pairs':<20}{'all':>6}{'named':>7}{'as improved':>13}{'as not improved':>17}")
    for kind in ("strong", "weak", "no link", "suggested wrongly", "strong, missed"):
        total, any_named, better, worse = groups.get(kind, [0, 0, 0, 0])
        print(f"{kind:<20}{total:>6}{any_named:>7}{better:>13}{worse:>17}")


# A rule: which verdicts move a score ("lift" not improved, "lower" improved, or both), by how
# much, how alike a sentence must be, and whether it must name the later area too.
Rule = tuple[str, float, float, bool]
BASELINE: Rule = ("none", 0.0, 1.0, False)
GRID: list[Rule] = [BASELINE] + [
    (mode, step, level, both)
    for mode in ("lift", "lower", "both")
    for step in (0.05, 0.1, 0.2)
    for level in (0.15, 0.2, 0.3)
    for both in (False, True)
]


def adjusted(row: Row, said: Said, rule: Rule) -> float:
    """The row's score moved by the first sentence the rule acts on."""
    mode, step, level, both = rule
    for v in said.naming(row.later, row.earlier, level, both):
        if v == NOT_IMPROVED and mode in ("lift", "both"):
            return row.score + step
        if v == IMPROVED and mode in ("lower", "both"):
            return row.score - step
    return row.score


def scored(rows: Sequence[Row], said: list[Said], rule: Rule, strong: dict[str, int]) -> Counts:
    """The suggestions a rule gives at the default threshold, three at most per later area."""
    total = sum(strong[a] for a in {r.authority for r in rows})
    scores = [adjusted(r, said[r.pair], rule) for r in rows]
    return counts(rows, scores, matching.DEFAULT_THRESHOLD, total)


def best_rule(rows: Sequence[Row], said: list[Said], strong: dict[str, int]) -> Rule:
    """The rule with the best harmonic mean of precision and strong recall (ties: the first)."""
    return max(GRID, key=lambda rule: scored(rows, said, rule, strong).balance())


def print_rules(rows: list[Row], said: list[Said], strong: dict[str, int]) -> None:
    chosen = best_rule(rows, said, strong)
    held: dict[str, list[Counts]] = {split: [] for split in SPLITS}
    picks: Counter[Rule] = Counter()
    for authority in sorted(strong):
        rule = best_rule([r for r in rows if r.authority != authority], said, strong)
        picks[rule] += 1
        own = [r for r in rows if r.authority == authority]
        for split in ("all", own[0].split):
            held[split].append(scored(own, said, rule, strong))
    splits = " | ".join(SPLITS)
    print(f"\nRules at the threshold {matching.DEFAULT_THRESHOLD}: P / R strong ({splits})")
    print(f"{'matcher as it stands':<36}{_figures(rows, said, BASELINE, strong)}")
    print(f"{'best rule on all ten (in sample)':<36}{_figures(rows, said, chosen, strong)}")
    print(f"  which is: {_name(chosen)}")
    summed = [Counts(*map(sum, zip(*map(astuple, held[s]), strict=True))) for s in SPLITS]
    print(f"{'chosen leaving one authority out':<36}" + " | ".join(_pr(c) for c in summed))
    for rule, n in picks.most_common():
        print(f"  chosen in {n} of {len(strong)} folds: {_name(rule)}")


def _figures(rows: list[Row], said: list[Said], rule: Rule, strong: dict[str, int]) -> str:
    groups = [[r for r in rows if split in ("all", r.split)] for split in SPLITS]
    return " | ".join(_pr(scored(g, said, rule, strong)) for g in groups)


def _pr(c: Counts) -> str:
    precision, strong_recall = c.rates()
    return f"{precision:.2f}/{strong_recall:.2f}"


def _name(rule: Rule) -> str:
    mode, step, level, both = rule
    if mode == "none":
        return "no change"
    sides = "both areas" if both else "the earlier area"
    return f"{mode} {step} when a sentence names {sides} at {level}"


def details(pairs: list[RealPair], said: list[Said]) -> None:
    """Each letter's sentences with their verdicts, for the terminal only."""
    for pair, s in zip(pairs, said, strict=True):
        print(f"\n== {pair.authority}, {pair.later_key}: {len(s.sentences)} sentences")
        for text, v in s.sentences:
            print(f"  [{v}] {text}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="print each letter's sentences")
    args = parser.parse_args(argv)
    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent; the real documents live in ../shared beside the repo")
        return
    pairs = load_real_pairs()
    files = later_files()
    said = [said_of(p, letter_says(files[p.authority, p.later_key])) for p in pairs]
    if args.details:
        details(pairs, said)
        return
    strong: dict[str, int] = Counter()
    for pair in pairs:
        strong[pair.authority] += sum(1 for v in pair.links.values() if v == "strong")
    print_counts(pairs, said)
    print_coverage(pairs, said)
    print_rules(candidate_rows(pairs, matching), said, dict(strong))


if __name__ == "__main__":
    main()
