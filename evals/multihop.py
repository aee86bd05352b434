"""Retrieval on the MultiHop-RAG benchmark, scored as the paper's scripts score it.

A retrieved chunk is a hit when it contains a gold evidence fact (whitespace removed); null
queries are skipped. The data stays outside the project; pass its paths:

    python -m evals.multihop --corpus ../shared/bench/multihop_rag/corpus.json \\
        --queries ../shared/bench/multihop_rag/queries_dev.json [--limit N] [--store DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import time
from pathlib import Path
from typing import Any

from qa import Settings, ask, ingest, retrieve


def squeeze(text: str) -> str:
    """Text without any whitespace: the paper's way of matching facts inside chunks."""
    return "".join(text.split())


def first_hit_rank(passages: list[str], facts: list[str]) -> int | None:
    """1-based rank of the first passage that contains any fact, or None."""
    squeezed = [squeeze(f) for f in facts]
    for rank, text in enumerate(passages, 1):
        flat = squeeze(text)
        if any(f in flat for f in squeezed):
            return rank
    return None


def retrieval_metrics(ranks: list[int | None]) -> dict[str, float]:
    """Hits@4, Hits@10 and MRR@10 from the first-hit rank of each query."""
    n = max(1, len(ranks))
    return {
        "hits@4": sum(r is not None and r <= 4 for r in ranks) / n,
        "hits@10": sum(r is not None and r <= 10 for r in ranks) / n,
        "mrr@10": sum(1 / r for r in ranks if r is not None and r <= 10) / n,
    }


def default_store(corpus: Path, settings: Settings) -> Path:
    """A store folder per corpus content and chunking, so nothing stale is ever reused."""
    digest = hashlib.sha1(corpus.read_bytes())
    digest.update(f"{settings.embedding_model}/{settings.chunk_sentences}/{settings.chunk_overlap}".encode())
    return Path(".qa-bench") / digest.hexdigest()[:12]


def run(corpus: Path, queries: list[dict[str, Any]], settings: Settings) -> dict[str, float]:
    """Ingest `corpus` (idempotent) and score retrieval of the non-null `queries`."""
    report = ingest([corpus], settings=settings, progress=True)
    print(report.summary())
    ranks: list[int | None] = []
    seconds: list[float] = []
    for query in queries:
        if query["question_type"] == "null_query":
            continue
        started = time.perf_counter()
        passages = retrieve(query["query"], k=10, settings=settings)
        seconds.append(time.perf_counter() - started)
        ranks.append(first_hit_rank([p.text for p in passages], [e["fact"] for e in query["evidence_list"]]))
    metrics = retrieval_metrics(ranks)
    metrics["queries"] = len(ranks)
    metrics["latency_p50_ms"] = 1000 * statistics.median(seconds) if seconds else 0.0
    return metrics


def abstention(queries: list[dict[str, Any]], settings: Settings) -> dict[str, float]:
    """How often `ask()` abstains on null queries (should) and on answerable ones (should not)."""
    null = [q for q in queries if q["question_type"] == "null_query"]
    answerable = [q for q in queries if q["question_type"] != "null_query"]

    def abstained(group: list[dict[str, Any]]) -> float:
        return sum(ask(q["query"], settings=settings).abstained for q in group) / max(1, len(group))

    return {"abstained_on_null": abstained(null), "abstained_on_answerable": abstained(answerable)}


def main() -> None:
    parser = argparse.ArgumentParser(description="MultiHop-RAG retrieval metrics")
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--queries", type=Path, required=True)
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N queries")
    parser.add_argument("--abstention", action="store_true", help="also run ask() on every query")
    parser.add_argument("--dense-weight", type=float, default=None)
    args = parser.parse_args()
    overrides: dict[str, Any] = {}
    if args.dense_weight is not None:
        overrides["dense_weight"] = args.dense_weight
    settings = Settings(**overrides)
    settings = settings.model_copy(update={"store": args.store or default_store(args.corpus, settings)})
    queries = json.loads(args.queries.read_text())[: args.limit]
    metrics = run(args.corpus, queries, settings)
    if args.abstention:
        metrics |= abstention(queries, settings)
    print(json.dumps({k: round(v, 4) for k, v in metrics.items()}))


if __name__ == "__main__":
    main()
