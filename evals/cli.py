"""`qa eval` (the gold set) and `qa eval multihop` (the benchmark): arguments and console output.

Only argparse is imported at module level, so building the `qa` parser stays instant.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

EVALS = Path(__file__).resolve().parent
CLAIMS = EVALS / "claims.jsonl"
MULTIHOP_THRESHOLDS = EVALS / "thresholds_multihop.json"
REPORTS = Path("evals") / "reports"  # under the working directory
SEED_CORPUS = EVALS / "corpus"  # the seed article, packaged (a link to corpus/ in the source tree)
# The packaged gold sets: (questions, thresholds, the articles they are about; None: pass --corpus).
GOLD_SETS: dict[str, tuple[Path, Path, Path | None]] = {
    "seed": (EVALS / "gold.jsonl", EVALS / "thresholds.json", SEED_CORPUS),
    "news": (EVALS / "gold_news.jsonl", EVALS / "thresholds_news.json", None),
    "trial": (EVALS / "gold_trial.jsonl", EVALS / "thresholds_trial.json", None),
}
GOLD = GOLD_SETS["seed"][0]


def add_commands(commands: Any) -> None:
    """Add `eval` (and its `multihop` subcommand) to the `qa` command's subparsers."""
    gold = commands.add_parser(
        "eval",
        help="score ask() on the gold Q&A set (or: qa eval multihop --corpus ... --queries ...)",
        description="Run every gold question through ask() and report retrieval, answer, citation, "
        "abstention and latency metrics.",
    )
    gold.add_argument(
        "--gold",
        default="seed",
        help="a packaged gold set: seed (about corpus/, the default), news (25 MultiHop-RAG articles) or "
        "trial (23 more; for both pass --corpus .../multihop_rag/corpus.json), or a gold JSONL file's path",
    )
    gold.add_argument(
        "--corpus",
        dest="gold_corpus",
        type=Path,
        help="the articles the gold set is about, ingested into a cached eval store (default: the seed "
        "set's packaged article)",
    )
    gold.add_argument("--store", type=Path, help="use this store as it is instead of a cached eval store")
    gold.add_argument("--backend", help="answer backend (default: $QA_BACKEND or extractive)")
    gold.add_argument("--report", type=Path, help="report folder (default: evals/reports/<set>)")
    gold.add_argument("--check", action="store_true", help="exit 1 if a metric regresses past its threshold")
    gold.add_argument("--thresholds", type=Path, help="default: the packaged set's own")
    gold.set_defaults(run=run_gold)

    suites = gold.add_subparsers(dest="suite")
    bench = suites.add_parser(
        "multihop",
        help="the MultiHop-RAG benchmark",
        description="Ingest the MultiHop-RAG corpus into its own cached store and score retrieval "
        "and answers as the paper's scripts do.",
    )
    bench.add_argument("--corpus", type=Path, required=True, help="MultiHop-RAG corpus.json")
    bench.add_argument("--queries", type=Path, required=True, help="MultiHop-RAG queries JSON")
    bench.add_argument("--limit", type=int, help="only the first N query records")
    bench.add_argument("--every", type=int, default=1, help="only every N-th query record (a CI slice)")
    bench.add_argument("--store", type=Path, help="store folder (default: .qa-eval/<hash of the corpus>)")
    bench.add_argument("--retrieval-only", action="store_true", help="skip ask(): retrieval metrics only")
    bench.add_argument("--report", type=Path, default=REPORTS / "multihop", help="report folder")
    bench.add_argument("--check", action="store_true", help="exit 1 if a metric is under its threshold")
    bench.add_argument("--thresholds", type=Path, default=MULTIHOP_THRESHOLDS)
    bench.set_defaults(run=run_multihop)

    speed = commands.add_parser(
        "bench",
        help="time ingest, answers and start-up next to their baselines",
        description="Speed and memory of ingest (vs raw sentence-transformers encode), ask() (vs a plain "
        "llama-index retriever) and a cold `qa ask` (vs `import qa`), all in one run.",
    )
    speed.add_argument(
        "--corpus", type=Path, help="default: the MultiHop-RAG corpus in ../shared if present, else corpus/"
    )
    speed.add_argument("--articles", type=int, help="only the first N articles of the corpus")
    speed.add_argument("--questions", type=int, default=100, help="questions timed (default 100)")
    speed.add_argument("--report", type=Path, default=REPORTS / "bench", help="report folder")
    speed.set_defaults(run=run_bench)


def _settings(store: Path | None, corpus: list[Path], *, root: Path) -> Any:
    from evals.runner import cached_store
    from qa import Settings

    settings = Settings()
    return settings.model_copy(update={"store": store or cached_store(corpus, settings, root=root)})


def run_gold(args: argparse.Namespace) -> int:
    """`qa eval`: the gold set, with a progress bar, a table, a report folder and an optional check."""
    from tqdm import tqdm

    from evals import report, runner
    from qa import ingest

    questions, thresholds, corpus = _gold_set(args.gold)
    args.thresholds = args.thresholds or thresholds
    args.report = args.report or REPORTS / (args.gold if args.gold in GOLD_SETS else questions.stem)
    corpus = args.gold_corpus or corpus
    if corpus is None and args.store is None:
        print(f"error: the {args.gold} gold set needs --corpus (the articles it is about)", file=sys.stderr)
        return 2
    gold = runner.load_gold(questions)
    settings = _settings(args.store, [corpus] if corpus else [], root=Path(".qa-eval"))
    if args.store is None and corpus is not None:
        ingest([corpus], settings=settings)
    results = [
        runner.evaluate(record, settings=settings, backend=args.backend)
        for record in tqdm(gold, desc="gold questions", unit="question", disable=not sys.stderr.isatty())
    ]
    summary = runner.summarize(results)
    title = f"Gold set {questions.name}: backend {args.backend or settings.backend}"
    print(report.table(summary, title=title))
    report.write(args.report, summary=summary, results=runner.as_json(results), title=title)
    print(f"report: {args.report}/ (summary.md, results.json, metrics.png, latency.png, by_type.png)")
    return _checked(summary, args) if args.check else 0


def _gold_set(name: str) -> tuple[Path, Path | None, Path | None]:
    """(questions, thresholds, corpus) of a packaged set, or of a gold file given by its path."""
    if name in GOLD_SETS:
        return GOLD_SETS[name]
    path = Path(name)
    if not path.is_file():
        raise SystemExit(f"error: no gold set {name!r}: name one of {', '.join(GOLD_SETS)} or a JSONL file")
    return path, None, None


def run_multihop(args: argparse.Namespace) -> int:
    """`qa eval multihop`: the benchmark's metrics, printed as JSON and written as a report."""
    from evals import multihop

    queries = multihop.load_queries(args.queries, limit=args.limit)[:: max(1, args.every)]
    settings = _settings(args.store, [args.corpus], root=multihop.BENCH_STORES)
    summary, records = multihop.run(
        args.corpus, queries, settings, answers=not args.retrieval_only, progress=sys.stderr.isatty()
    )
    args.report.mkdir(parents=True, exist_ok=True)
    payload = {"summary": summary, "queries": records}
    (args.report / "results.json").write_text(
        json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    (args.report / "summary.md").write_text(multihop.markdown(summary), encoding="utf-8")
    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in summary.items()}, indent=2))
    return _checked(summary, args) if args.check else 0


def _checked(summary: dict[str, Any], args: argparse.Namespace) -> int:
    """Print each regression past the committed thresholds; 1 if there is any."""
    from evals import runner

    if args.thresholds is None:
        print("check: no thresholds for this gold file (pass --thresholds)", file=sys.stderr)
        return 1
    failures = runner.check(summary, json.loads(args.thresholds.read_text(encoding="utf-8")))
    for failure in failures:
        print(f"regression: {failure}", file=sys.stderr)
    print("check: " + ("FAILED" if failures else f"passed ({args.thresholds.name})"))
    return 1 if failures else 0


def run_bench(args: argparse.Namespace) -> int:
    """`qa bench`: one table of speed and memory, each figure beside its baseline."""
    from evals import bench

    result = bench.run(
        args.corpus or bench.default_corpus(), questions=args.questions, articles=args.articles
    )
    text = bench.table(result)
    print(text)
    args.report.mkdir(parents=True, exist_ok=True)
    (args.report / "bench.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    (args.report / "bench.md").write_text(f"```\n{text}\n```\n", encoding="utf-8")
    return 0
