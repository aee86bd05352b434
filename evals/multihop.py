"""The MultiHop-RAG benchmark (Tang & Yang, 2024), scored as the paper's own scripts score it.

Retrieval: a retrieved chunk is a hit when it contains a gold fact (spaces and newlines removed);
null queries are skipped; Hits@4, Hits@10, MAP@10 and MRR@10. Beyond the paper: fact recall@10
(share of gold facts in the top 10) and all-facts@10 (share of queries with every fact there).
Answers: the paper's lenient rule (a shared word with the gold answer) and strict containment, over
the non-null queries; null queries are scored on whether `ask()` abstained. The data stays outside
the project: pass its paths (see the README for where it comes from).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from evals import metrics
from qa import Settings, ask, ingest, retrieve

BENCH_STORES = Path(".qa-eval")  # shared with the gold sets: stores are keyed by their content
SHORT_WORDS = 12


def load_queries(path: Path, *, limit: int | None = None) -> list[dict[str, Any]]:
    """The benchmark's queries (the first `limit` records, null ones included, as the paper counts)."""
    queries = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(queries, list) or not all("query" in q and "question_type" in q for q in queries):
        raise ValueError(f"{path}: not a MultiHop-RAG query list ({{query, question_type, ...}} records)")
    return queries[:limit]


def score_query(query: dict[str, Any], *, settings: Settings, answers: bool) -> dict[str, Any]:
    """Retrieve (and, with `answers`, answer) one query and score it."""
    facts = [e["fact"] for e in query.get("evidence_list", [])]
    record: dict[str, Any] = {
        "query": query["query"],
        "type": query["question_type"],
        "gold": query["answer"],
    }
    if answers:
        answer = ask(query["query"], settings=settings)
        passages = [p.text for p in answer.passages[:10]]
        record |= {
            "answer": answer.text,
            "short": answer.short,
            "abstained": answer.abstained,
            "seconds": answer.seconds,
        }
        if facts:
            correct = not answer.abstained
            record["lenient"] = correct and metrics.lenient_correct(answer.text, query["answer"])
            record["strict"] = correct and metrics.contains_answer(answer.text, [query["answer"]])
            # The short answer as the prediction: the gold answer as whole words in at most 12.
            short = answer.short if len(answer.short.split()) <= SHORT_WORDS else ""
            record["short_strict"] = correct and metrics.contains_answer(short, [query["answer"]])
    else:
        passages = [p.text for p in retrieve(query["query"], k=10, settings=settings)]
    if facts:
        rank = metrics.evidence_rank(passages, facts)
        recall = metrics.fact_recall(passages, facts)
        record |= {
            "rank": rank,
            "hits@4": metrics.hit_at(rank, 4),
            "hits@10": metrics.hit_at(rank, 10),
            "map@10": metrics.average_precision_at_10(passages, facts),
            "mrr@10": metrics.reciprocal_rank(rank),
            "fact_recall@10": recall,
            "all_facts@10": float(recall == 1.0),
        }
    return record


def summarize(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Benchmark metrics over the scored queries, overall and per question type."""
    scored = [r for r in records if "rank" in r]
    nulls = [r for r in records if r["type"] == "null_query"]
    names = ["hits@4", "hits@10", "map@10", "mrr@10", "fact_recall@10", "all_facts@10"]
    summary: dict[str, Any] = {"queries": len(scored), "null_queries": len(nulls)}
    summary |= {name: metrics.mean([r[name] for r in scored]) for name in names}
    if records and "answer" in records[0]:
        summary["answer_lenient"] = metrics.mean([float(r["lenient"]) for r in scored])
        summary["answer_strict"] = metrics.mean([float(r["strict"]) for r in scored])
        summary["null_abstained"] = metrics.mean([float(r["abstained"]) for r in nulls])
        summary["answerable_abstained"] = metrics.mean([float(r["abstained"]) for r in scored])
        summary["short_strict"] = metrics.mean([float(r["short_strict"]) for r in scored])
        yes_no = [r for r in scored if metrics.verdict_of(r["gold"])]
        summary |= metrics.yes_no_accuracy([r["short"] for r in yes_no], [r["gold"] for r in yes_no])
        seconds = [r["seconds"] for r in records]
        summary["latency_p50_ms"] = 1000 * metrics.percentile(seconds, 50)
        summary["latency_p95_ms"] = 1000 * metrics.percentile(seconds, 95)
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in scored:
        by_type[r["type"]].append(r)
    summary["by_type"] = {
        kind: {"queries": len(group), "hits@10": metrics.mean([r["hits@10"] for r in group])}
        | (
            {"short_strict": metrics.mean([float(r["short_strict"]) for r in group])}
            if "short_strict" in group[0]
            else {}
        )
        for kind, group in sorted(by_type.items())
    }
    return summary


def run(
    corpus: Path,
    queries: list[dict[str, Any]],
    settings: Settings,
    *,
    answers: bool = True,
    progress: bool = False,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Ingest `corpus` into its store (idempotent) and score `queries`; returns (summary, records)."""
    from tqdm import tqdm

    report = ingest([corpus], settings=settings, progress=progress)
    if report.errors:
        raise ValueError(f"{corpus}: {report.errors[0]}")
    records = [
        score_query(q, settings=settings, answers=answers)
        for q in tqdm(queries, desc="queries", unit="query", disable=not progress)
    ]
    return summarize(records), records


def markdown(summary: dict[str, Any]) -> str:
    """The benchmark summary as a Markdown table."""
    lines = ["# MultiHop-RAG", "", "| metric | value |", "| --- | --- |"]
    lines += [f"| {k} | {v:.4f} |" for k, v in summary.items() if isinstance(v, float)]
    lines += ["", f"{summary['queries']} scored queries, {summary['null_queries']} null queries.", ""]
    lines += ["| question type | queries | hits@10 | short answer right |", "| --- | --- | --- | --- |"]
    lines += [
        f"| {k} | {v['queries']} | {v['hits@10']:.3f} | {v.get('short_strict', float('nan')):.3f} |"
        for k, v in summary["by_type"].items()
    ]
    return "\n".join(lines) + "\n"
