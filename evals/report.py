"""Eval reports: a console table, and a folder with JSON, a Markdown summary and PNG plots."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# (metric, label) in the order tables and plots show them.
SHOWN = [
    ("passed", "questions passed"),
    ("hit@1", "evidence hit@1"),
    ("hit@4", "evidence hit@4"),
    ("hit@10", "evidence hit@10"),
    ("mrr", "evidence MRR@10"),
    ("answer_contains", "answer contains gold"),
    ("short_exact_match", "short answer exact match"),
    ("short_f1", "short answer token F1"),
    ("yes_no_balanced", "yes/no balanced accuracy (all-Yes: 0.5)"),
    ("yes_recall", "yes/no: Yes recall"),
    ("no_recall", "yes/no: No recall"),
    ("exact_match", "whole answer exact match"),
    ("token_f1", "whole answer token F1"),
    ("citation_precision", "citation precision"),
    ("citation_recall", "citation recall"),
    ("abstain_precision", "abstention precision"),
    ("abstain_recall", "abstention recall"),
    ("wrong_abstentions", "wrong abstentions"),
    ("sentences_supported", "answer sentences supported"),
    ("sentences_flagged", "answer sentences flagged"),
    ("citations_corrected", "citations corrected"),
]


def table(summary: dict[str, Any], *, title: str) -> str:
    """The summary as an aligned plain-text table."""
    rows = [(label, f"{summary[key]:.3f}") for key, label in SHOWN if key in summary]
    rows += [
        ("latency p50", f"{summary['latency_p50_ms']:.0f} ms"),
        ("latency p95", f"{summary['latency_p95_ms']:.0f} ms"),
    ]
    rows += [
        (f"type {kind}: passed / short right", f"{row['passed']:.2f} / {row['short_exact_match']:.2f}")
        for kind, row in summary.get("by_type", {}).items()
    ]
    width = max(len(label) for label, _ in rows)
    lines = [title, "-" * (width + 14)]
    lines += [f"{label:<{width}}  {value:>11}" for label, value in rows]
    return "\n".join(lines)


def markdown(summary: dict[str, Any], results: list[dict[str, Any]], *, title: str) -> str:
    """The Markdown summary: metrics, the per-type breakdown, and every failed question with its reasons."""
    lines = [f"# {title}", "", "| metric | value |", "| --- | --- |"]
    lines += [f"| {label} | {summary[key]:.3f} |" for key, label in SHOWN if key in summary]
    lines += [
        f"| latency p50 | {summary['latency_p50_ms']:.0f} ms |",
        f"| latency p95 | {summary['latency_p95_ms']:.0f} ms |",
        "",
        f"{summary['questions']} questions, {summary['answerable']} answerable.",
        "",
        "| question type | questions | passed | short answer right (abstained, if unanswerable) |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| {kind} | {row['questions']} | {row['passed']:.2f} | {row['short_exact_match']:.2f} |"
        for kind, row in summary["by_type"].items()
    ]
    failed = [r for r in results if not r["passed"]]
    lines += ["", f"## Failed questions ({len(failed)})", ""]
    lines += [f"- `{r['id']}` {r['question']} — {'; '.join(r['reasons'])}" for r in failed]
    return "\n".join(lines) + "\n"


def plots(summary: dict[str, Any], seconds: list[float], folder: Path) -> list[Path]:
    """Metric bars, a latency histogram and a per-question-type pass rate, as PNG files."""
    import matplotlib

    matplotlib.use("Agg")  # files only, no display
    import matplotlib.pyplot as plt

    written = []
    shown = [(label, summary[key]) for key, label in SHOWN if key in summary]
    figure, axis = plt.subplots(figsize=(8, 5))
    axis.barh([label for label, _ in shown][::-1], [value for _, value in shown][::-1], color="#3b82f6")
    axis.set_xlim(0, 1)
    axis.set_title("Metrics")
    figure.tight_layout()
    written.append(_save(figure, folder / "metrics.png"))

    figure, axis = plt.subplots(figsize=(7, 4))
    axis.hist([1000 * s for s in seconds], bins=20, color="#10b981")
    axis.set_xlabel("ms per question")
    axis.set_ylabel("questions")
    axis.set_title(
        f"Latency (p50 {summary['latency_p50_ms']:.0f} ms, p95 {summary['latency_p95_ms']:.0f} ms)"
    )
    figure.tight_layout()
    written.append(_save(figure, folder / "latency.png"))

    kinds = summary["by_type"]
    figure, axis = plt.subplots(figsize=(8, 4.5))
    axis.bar(list(kinds), [row["passed"] for row in kinds.values()], color="#f59e0b")
    axis.set_ylim(0, 1)
    axis.set_ylabel("share passed")
    axis.set_title("Pass rate by question type")
    axis.tick_params(axis="x", rotation=30)
    figure.tight_layout()
    written.append(_save(figure, folder / "by_type.png"))
    return written


def _save(figure: Any, path: Path) -> Path:
    import matplotlib.pyplot as plt

    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


def write(folder: Path, *, summary: dict[str, Any], results: list[dict[str, Any]], title: str) -> None:
    """Write results.json, summary.md and the plots into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    payload = {"summary": summary, "questions": results}
    (folder / "results.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    (folder / "summary.md").write_text(markdown(summary, results, title=title), encoding="utf-8")
    plots(summary, [r["seconds"] for r in results], folder)
