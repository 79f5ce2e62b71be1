"""Build the carry-over matcher's word vectors (domain/carryover/meaning_vectors.npz).

Usage: bench/build_meaning_model.py [--dimensions 100] [--out PATH]

Reads every document in ../shared/corpus (the labelled set and the wild set) except those of
the ten real carry-over chains (tests/carryover/real_chains), so the chains the matcher is
measured on taught it nothing; cuts each document's text into sentences and learns the vectors
from which word stems share a sentence (domain/carryover/meaning.py). Nothing of the documents
is stored but stems, their vectors and their weights.
"""

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

from domain.carryover.matching import content_stems
from domain.carryover.meaning import MODEL_PATH, learn_meaning, save_meaning
from importers.cleaning import clean_lines
from importers.errors import DocumentError
from importers.lines import lines_from_pdf, lines_from_text
from importers.pdf_text import extract_pdf_lines, is_pdf
from importers.prose import sentences

SHARED = HERE.parent / "shared"
CHAINS = HERE / "tests" / "carryover" / "real_chains"
# A sentence of fewer content words says too little about which words go together.
_MIN_WORDS = 4


def chain_files() -> set[str]:
    """The documents of the real chains, as paths under ../shared."""
    files: set[str] = set()
    for path in CHAINS.glob("*.json"):
        files.update(d["file"] for d in json.loads(path.read_text(encoding="utf-8"))["documents"])
    return files


def document_text(path: Path) -> str:
    data = path.read_bytes()
    source = str(path)
    if is_pdf(data):
        lines = lines_from_pdf(extract_pdf_lines(data, source))
    else:
        lines = lines_from_text(data.decode("utf-8", errors="replace"))
    return " ".join(line.text for line in clean_lines(lines))


def corpus_sentences(shared: Path) -> tuple[list[list[str]], int]:
    """Each sentence's content stems, and how many documents they came from."""
    left_out = chain_files()
    found: list[list[str]] = []
    documents = 0
    for path in sorted([*shared.glob("corpus/ofsted/*"), *shared.glob("corpus/wild/*")]):
        relative = str(path.relative_to(shared))
        if path.suffix.lower() not in (".pdf", ".txt") or relative in left_out:
            continue
        try:
            text = document_text(path)
        except (DocumentError, OSError) as error:
            print(f"{relative}: skipped ({error})", file=sys.stderr)
            continue
        documents += 1
        for sentence in sentences(text):
            stems = list(content_stems(sentence))
            if len(stems) >= _MIN_WORDS:
                found.append(stems)
    return found, documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dimensions", type=int, default=100)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    if not (SHARED / "corpus").is_dir():
        sys.exit(f"{SHARED / 'corpus'} is absent; it holds the documents to learn from")
    started = time.process_time()
    found, documents = corpus_sentences(SHARED)
    stems, vectors, weights = learn_meaning(found, dimensions=args.dimensions)
    save_meaning(args.out, stems, vectors, weights)
    print(
        f"{documents} documents, {len(found)} sentences, {len(stems)} stems, "
        f"{vectors.shape[1]} dimensions -> {args.out} "
        f"({args.out.stat().st_size // 1024} KB, {time.process_time() - started:.0f} s CPU)"
    )


if __name__ == "__main__":
    main()
