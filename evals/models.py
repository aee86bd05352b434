"""Local models compared on the same questions: which GGUF should `llamacpp` use by default?

    python -m evals.models [--multihop N] [--passages 0,2]

For each packaged model (and each prompt shape: the best sentences, or whole top passages) it
answers the gold set about corpus/ and N MultiHop-RAG dev queries (spread over the file, when
../shared has the benchmark) through `ask_stream`, and reports per model: answer accuracy (the
gold answer in the answer's text, abstentions counting as wrong; the benchmark's null queries
count as right when abstained), the share of answer sentences a source backs, how often the model
had to be replaced, and latency p50/p95 with the time to the first streamed piece. The table
lands in evals/reports/models/.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals import metrics, multihop, runner
from evals.cli import GOLD, SEED_CORPUS
from qa import Answer, Settings, ask_stream, ingest
from qa.answer.llamacpp import gemma_model, smollm2_model

BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "multihop_rag"
MODELS: dict[str, Callable[[], Path]] = {
    "SmolLM2-135M-Instruct Q4_1": smollm2_model,
    "Gemma 3 270M (base) Q4_K_M": gemma_model,
}


def timed(question: str, settings: Settings) -> tuple[Answer, float, float]:
    """The answer, seconds to its first streamed piece, and seconds in all."""
    started = time.perf_counter()
    first = 0.0
    stream = ask_stream(question, backend="llamacpp", settings=settings)
    for piece in stream:
        if piece.strip() and not first:
            first = time.perf_counter() - started
    return stream.answer, first or time.perf_counter() - started, time.perf_counter() - started


def measure(questions: list[tuple[str, list[str] | None]], settings: Settings) -> dict[str, Any]:
    """Answer each (question, gold answers or None when it should abstain); the summary row."""
    right, claims, supported, stopped, firsts, totals = 0, 0, 0, 0, [], []
    for question, gold in questions:
        answer, first, total = timed(question, settings)
        firsts.append(first)
        totals.append(total)
        stopped += bool(answer.notes)
        claims += len(answer.claims)
        supported += sum(c.supported for c in answer.claims)
        if gold is None:
            right += answer.abstained
        else:
            right += not answer.abstained and metrics.contains_answer(answer.text, gold)
    return {
        "questions": len(questions),
        "accuracy": right / max(1, len(questions)),
        "supported": supported / max(1, claims),
        "stopped": stopped,
        "p50_s": metrics.percentile(totals, 50),
        "p95_s": metrics.percentile(totals, 95),
        "first_piece_p50_s": metrics.percentile(firsts, 50),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m evals.models", description=__doc__)
    parser.add_argument("--multihop", type=int, default=200, help="MultiHop-RAG dev queries (0: none)")
    parser.add_argument("--passages", default="0", help="llm_passages values to try, e.g. 0,2")
    parser.add_argument("--models", default=",".join(MODELS), help="which of the packaged models")
    parser.add_argument("--report", type=Path, default=Path("evals/reports/models"))
    args = parser.parse_args()

    suites: dict[str, tuple[Settings, list[tuple[str, list[str] | None]]]] = {}
    gold_settings = Settings().model_copy(
        update={"store": runner.cached_store([SEED_CORPUS], Settings(), root=Path(".qa-eval"))}
    )
    ingest([SEED_CORPUS], settings=gold_settings)
    gold = [r for r in runner.load_gold(GOLD) if not r.get("history")]
    suites["gold"] = (
        gold_settings,
        [(r["question"], r["answers"] if r["answerable"] else None) for r in gold],
    )
    if args.multihop and (BENCH / "corpus.json").is_file():
        queries = multihop.load_queries(BENCH / "queries_dev.json")
        queries = queries[:: max(1, len(queries) // args.multihop)][: args.multihop]
        store = runner.cached_store([BENCH / "corpus.json"], Settings(), root=multihop.BENCH_STORES)
        bench_settings = Settings().model_copy(update={"store": store})
        ingest([BENCH / "corpus.json"], settings=bench_settings)
        suites["multihop"] = (
            bench_settings,
            [(q["query"], None if q["question_type"] == "null_query" else [q["answer"]]) for q in queries],
        )

    rows = []
    for name in args.models.split(","):
        path = MODELS[name]()
        for passages in [int(p) for p in args.passages.split(",")]:
            row: dict[str, Any] = {"model": name, "llm_passages": passages}
            for suite, (settings, questions) in suites.items():
                tuned = settings.model_copy(
                    update={"llm_model": str(path), "llm_passages": passages, "llm_context": 4096}
                )
                row[suite] = measure(questions, tuned)
                print(json.dumps(row), flush=True)
            rows.append(row)
    args.report.mkdir(parents=True, exist_ok=True)
    (args.report / "models.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print(table(rows))


def table(rows: list[dict[str, Any]]) -> str:
    """The README's table: one line per model and prompt shape."""
    lines = [
        "| model | prompt | suite | accuracy | supported sentences | p50 | p95 | first piece p50 "
        "| model stopped |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        shape = f"{row['llm_passages']} whole passages" if row["llm_passages"] else "8 best sentences"
        for suite in ("gold", "multihop"):
            if suite in row:
                m = row[suite]
                lines.append(
                    f"| {row['model']} | {shape} | {suite} ({m['questions']}) | {m['accuracy']:.3f} | "
                    f"{m['supported']:.3f} | {m['p50_s']:.1f} s | {m['p95_s']:.1f} s | "
                    f"{m['first_piece_p50_s']:.1f} s | {m['stopped']} |"
                )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
