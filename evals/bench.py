"""`qa bench`: speed and memory of ingest, answers and start-up, each next to its baseline, one run.

Every measurement runs in its own process so its peak memory is its own (as the child reads it,
or from os.wait4);
the parent only collects the JSON each child prints and lays out one table.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from evals import metrics
from qa.config import Settings

BENCH_CORPUS = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "multihop_rag" / "corpus.json"
)
DEFAULT_CORPUS = Path(__file__).resolve().parent / "corpus"  # the packaged seed article (a link to corpus/)


def default_corpus() -> Path:
    """The MultiHop-RAG corpus beside the project when it is there, else corpus/."""
    return BENCH_CORPUS if BENCH_CORPUS.exists() else DEFAULT_CORPUS


def run_child(args: list[str], *, env: dict[str, str] | None = None) -> tuple[dict[str, Any], float, float]:
    """Run a command; return (the JSON it printed last, wall seconds, peak RSS in MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert process.stdout is not None
    output = process.stdout.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:4])} failed with exit code {process.returncode}")
    lines = [line for line in output.splitlines() if line.startswith("{")]
    found = json.loads(lines[-1]) if lines else {}
    # The child's own figure where it gives one (evals.bench_phases.own_peak_mb says why).
    return found, seconds, found.get("peak_mb") or usage.ru_maxrss / 1024


def _encoder_choice() -> str:
    """The encoder qa uses here, and for `auto` what this machine's timing found."""
    from qa.encode.embed import backend_for, machine_choice

    settings = Settings()
    backend = backend_for(settings)
    if settings.embedding_backend != "auto":
        return f"{backend} (set)"
    speeds = machine_choice(settings)["sentences_per_s"]
    return f"{backend} (chosen on this machine; sentences/s: {speeds})"


def _phase(name: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "evals.bench_phases", name, *args]


def questions_for(corpus: Path, count: int) -> list[str]:
    """Questions to time: the benchmark's own when the corpus is MultiHop-RAG, else the gold set's."""
    queries = corpus.parent / "queries_dev.json"
    if corpus.name == "corpus.json" and queries.exists():
        pool = [q["query"] for q in json.loads(queries.read_text(encoding="utf-8"))]
    else:
        from evals.cli import GOLD

        pool = [
            json.loads(line)["question"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line
        ]
    return [pool[i % len(pool)] for i in range(count)]


def run(corpus: Path, *, questions: int, articles: int | None) -> dict[str, Any]:
    """All measurements on `corpus` (its first `articles` articles when given)."""
    with tempfile.TemporaryDirectory() as folder:
        store = str(Path(folder) / "store")
        limit = [] if articles is None else ["--articles", str(articles)]
        ingested, _, ingest_mb = run_child(_phase("ingest", str(corpus), store, *limit))
        encoded, _, encode_mb = run_child(_phase("encode", str(corpus), *limit))
        faster = {
            backend: run_child(_phase("encode", str(corpus), *limit, "--backend", backend))
            for backend in ("onnx", "onnx-int8")
        }
        asked_file = Path(folder) / "questions.json"
        asked_file.write_text(json.dumps(questions_for(corpus, questions)))
        answered, _, ask_mb = run_child(_phase("ask", store, str(asked_file)))
        baseline, _, baseline_mb = run_child(_phase("llamaindex", store, str(asked_file)))
        env = os.environ | {"HF_HUB_OFFLINE": "1"}
        first = json.loads(asked_file.read_text())[0]
        command = [sys.executable, "-m", "qa.cli", "ask", first, "--store", store]
        # The first process after an ingest builds the retrieval view; later ones read it from the cache.
        _, cold_build, cold_build_mb = run_child(command, env=env | {"QA_VIEW_CACHE": "false"})
        _, cold_ask, cold_ask_mb = run_child(command, env=env)
        _, cold_import, import_mb = run_child([sys.executable, "-c", "import qa"], env=env)
    return {
        "corpus": str(corpus),
        "ingest": ingested | {"peak_mb": ingest_mb},
        "encode": encoded | {"peak_mb": encode_mb},
        "encoders": {backend: found | {"peak_mb": mb} for backend, (found, _, mb) in faster.items()},
        "backend": _encoder_choice(),
        "ask": answered | {"peak_mb": ask_mb},
        "llamaindex": baseline | {"peak_mb": baseline_mb},
        "cold": {
            "qa_ask_s": cold_ask,
            "qa_ask_mb": cold_ask_mb,
            "qa_ask_build_s": cold_build,
            "qa_ask_build_mb": cold_build_mb,
            "import_s": cold_import,
            "import_mb": import_mb,
        },
    }


def table(result: dict[str, Any]) -> str:
    """One table: each measurement next to its baseline."""
    ingest, encode, ask, base, cold = (result[k] for k in ("ingest", "encode", "ask", "llamaindex", "cold"))
    rows = [
        (
            "ingest: chunks/s",
            f"{ingest['chunks_per_s']:.1f}",
            f"{encode['chunks_per_s']:.1f} raw encode",
            f"{ingest['chunks_per_s'] / encode['chunks_per_s']:.2f}",
        ),
        (
            "ingest: tokens/s",
            f"{ingest['tokens_per_s']:.0f}",
            f"{encode['tokens_per_s']:.0f} raw encode",
            f"{ingest['tokens_per_s'] / encode['tokens_per_s']:.2f}",
        ),
        ("ingest: peak memory", f"{ingest['peak_mb']:.0f} MB", f"{encode['peak_mb']:.0f} MB", ""),
        *(
            (
                f"raw encode {backend}: chunks/s",
                f"{found['chunks_per_s']:.1f}",
                f"{encode['chunks_per_s']:.1f} torch fp32",
                f"{found['chunks_per_s'] / encode['chunks_per_s']:.2f}",
            )
            for backend, found in result["encoders"].items()
        ),
        (
            f"answer p50 ({ask['questions']} questions)",
            f"{ask['p50_ms']:.0f} ms",
            f"{base['p50_ms']:.0f} ms llama-index retriever",
            f"{ask['p50_ms'] / base['p50_ms']:.2f}",
        ),
        (
            "answer p95",
            f"{ask['p95_ms']:.0f} ms",
            f"{base['p95_ms']:.0f} ms",
            f"{ask['p95_ms'] / base['p95_ms']:.2f}",
        ),
        ("answer: peak memory", f"{ask['peak_mb']:.0f} MB", f"{base['peak_mb']:.0f} MB", ""),
        ("cold start", f"{cold['qa_ask_s']:.1f} s `qa ask`", f"{cold['import_s']:.1f} s `import qa`", ""),
        ("cold start: peak memory", f"{cold['qa_ask_mb']:.0f} MB", f"{cold['import_mb']:.0f} MB", ""),
        ("cold start, view not cached", f"{cold['qa_ask_build_s']:.1f} s `qa ask`", "", ""),
        ("  its peak memory", f"{cold['qa_ask_build_mb']:.0f} MB", "", ""),
    ]
    header = ("measure", "qa", "baseline", "qa/baseline")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(4)]
    lines = [
        f"corpus: {result['corpus']}; {ingest['articles']} articles, {ingest['chunks']} chunks; "
        f"qa's encoder: {result['backend']}"
    ]
    for row in [header, *rows]:
        lines.append("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)))
        if row is header:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def latency_summary(seconds: list[float]) -> dict[str, float]:
    """p50 and p95 in milliseconds."""
    return {
        "p50_ms": 1000 * metrics.percentile(seconds, 50),
        "p95_ms": 1000 * metrics.percentile(seconds, 95),
    }
