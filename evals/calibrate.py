"""Calibrate the abstention threshold (`Settings.abstain_below`) on a gold Q&A set.

For every gold question the extractive backend's best support score is recorded; the threshold
is the midpoint of the score interval that classifies answerable vs unanswerable questions best
(balanced accuracy, so the few unanswerable questions weigh as much as the many answerable ones).

The citation check's `support_threshold` is calibrated the same way on `claims.jsonl`: claims that
restate a sentence of the corpus, and on-topic claims it does not back.

    python -m evals.calibrate [--gold evals/gold.jsonl] [--claims evals/claims.jsonl] [--corpus corpus]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from itertools import pairwise
from pathlib import Path
from typing import Any

from evals.cli import CLAIMS, GOLD, SEED_CORPUS
from evals.runner import conversation, load_gold
from qa import Settings, ingest, retrieve
from qa.answer import Context
from qa.answer.cite import support_scores
from qa.answer.evidence import rank
from qa.pipeline import open_library, standalone_query
from qa.retrieval.view import view_of

CORPUS = SEED_CORPUS


def best_scores(gold: list[dict[str, Any]], settings: Settings) -> list[tuple[float, bool]]:
    """(best sentence support score, answerable) for each gold question."""
    library = open_library(settings=settings)
    store, embedder = library.store, library.embedder
    scored = []
    for record in gold:
        turns = conversation(record, settings=settings)  # a follow-up is scored inside its conversation
        query = standalone_query(record["question"], turns)
        context = Context(
            settings=settings,
            embedder=embedder,
            lexical=view_of(store).lexical,
            said_before=tuple(text for _, text in turns),
            search_query=query,
        )
        passages = retrieve(query, k=settings.k, settings=settings)
        candidates = rank(record["question"], passages, context=context)
        scored.append((candidates[0].score if candidates else 0.0, bool(record["answerable"])))
    return scored


def best_threshold(scored: list[tuple[float, bool]]) -> tuple[float, float]:
    """The threshold with the best balanced accuracy, and that accuracy."""
    values = sorted({s for s, _ in scored})
    cuts = [values[0] - 0.01] + [(a + b) / 2 for a, b in pairwise(values)] + [values[-1] + 0.01]
    answerable = [s for s, a in scored if a]
    unanswerable = [s for s, a in scored if not a]

    def balanced(cut: float) -> float:
        hit = sum(s >= cut for s in answerable) / max(1, len(answerable))
        rejected = sum(s < cut for s in unanswerable) / max(1, len(unanswerable))
        return (hit + rejected) / 2

    best = max(cuts, key=lambda c: (balanced(c), -abs(c - 0.5)))
    return best, balanced(best)


def claim_scores(claims: list[dict[str, Any]], settings: Settings) -> list[tuple[float, bool]]:
    """(support, should be supported) per gold claim: its own source's score, or the best of any."""
    library = open_library(settings=settings)
    store, embedder = library.store, library.embedder
    lexical = view_of(store).lexical
    sentences = [s.text for passage in view_of(store).passages for s in passage.sentences]
    matrix = support_scores([r["claim"] for r in claims], sentences, embedder=embedder, lexical=lexical)
    scored = []
    for record, scores in zip(claims, matrix):
        gold = record["supported_by"]
        scored.append((scores[sentences.index(gold)] if gold else max(scores), gold is not None))
    return scored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--claims", type=Path, default=CLAIMS, help="gold claims for the citation check")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    gold = load_gold(args.gold)
    lines = args.claims.read_text(encoding="utf-8").splitlines()
    claims = [json.loads(line) for line in lines if line.strip()]
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(store=Path(folder))
        ingest([args.corpus], settings=settings)
        scored = best_scores(gold, settings)
        supported = claim_scores(claims, settings)
    for (score, answerable), record in zip(scored, gold):
        print(f"{score:.3f} {'answerable  ' if answerable else 'unanswerable'} {record['question']}")
    threshold, accuracy = best_threshold(scored)
    print(f"abstain_below = {threshold:.3f} (balanced accuracy {accuracy:.2f} on {len(gold)} questions)")
    for (score, backed), record in zip(supported, claims):
        print(f"{score:.3f} {'supported  ' if backed else 'unsupported'} {record['claim']}")
    threshold, accuracy = best_threshold(supported)
    print(f"support_threshold = {threshold:.3f} (balanced accuracy {accuracy:.2f} on {len(claims)} claims)")


if __name__ == "__main__":
    main()
