"""Run a gold Q&A set through `ask()` and score retrieval, answers, citations, abstention and latency."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from evals import metrics
from qa import Answer, Settings, ask
from qa.encode.embed import backend_for
from qa.store.store import LAYOUT

GOLD_FIELDS = {"id": str, "question": str, "answers": list, "evidence": list, "answerable": bool, "type": str}


@dataclass
class Result:
    """One gold question: what came back, how it scored, and why it passed or failed."""

    id: str
    question: str
    type: str
    answerable: bool
    history: list[str]
    gold_answers: list[str]
    gold_evidence: list[str]
    answer: str
    short: str
    abstained: bool
    cited: list[str]
    retrieved: list[dict[str, Any]]
    evidence_rank: int | None
    contains_answer: bool
    exact_match: bool
    token_f1: float
    short_exact_match: bool
    short_f1: float
    citation_precision: float | None
    citation_recall: float | None
    seconds: float
    claims: list[dict[str, Any]] = field(default_factory=list)  # the citation check, per answer sentence
    passed: bool = False
    reasons: list[str] = field(default_factory=list)


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Read and check a gold JSONL file; a bad line is a ValueError naming the line and the field."""
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}:{number}: not JSON ({error.msg})") from None
        for name, kind in GOLD_FIELDS.items():
            if not isinstance(record.get(name), kind):
                raise ValueError(f"{path}:{number}: field {name!r} must be a {kind.__name__}")
        if record["answerable"] and not (record["answers"] and record["evidence"]):
            raise ValueError(f"{path}:{number}: an answerable question needs answers and evidence")
        records.append(record)
    if not records:
        raise ValueError(f"{path}: no gold questions")
    return records


def cached_store(paths: list[Path], settings: Settings, *, root: Path) -> Path:
    """A store folder keyed by the content of `paths` and the index settings, so none goes stale."""
    digest = hashlib.sha1(
        f"{settings.embedding_model}/{backend_for(settings)}/{settings.chunk_sentences}/"
        # "stories": stores from before wire copies were recorded at ingest are not reused.
        f"{settings.chunk_overlap}/{LAYOUT}/stories".encode()
    )
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(file.name.encode())
            digest.update(file.read_bytes())
    return root / digest.hexdigest()[:12]


def conversation(
    record: dict[str, Any], *, settings: Settings, backend: str | None = None
) -> list[tuple[str, str]]:
    """The turns before a gold question: its `history` questions asked in order, with their answers."""
    turns: list[tuple[str, str]] = []
    for earlier in record.get("history", []):
        turns.append((earlier, ask(earlier, settings=settings, backend=backend, history=turns).text))
    return turns


def evaluate(record: dict[str, Any], *, settings: Settings, backend: str | None) -> Result:
    """Ask one gold question (after its conversation, if any) and score what came back."""
    turns = conversation(record, settings=settings, backend=backend)
    answer = ask(record["question"], settings=settings, backend=backend, history=turns)
    return score(record, answer)


def score(record: dict[str, Any], answer: Answer) -> Result:
    """Score one answer against its gold record."""
    answers, evidence = record["answers"], record["evidence"]
    cited = [c.sentence for c in answer.citations]
    passages = [p.text for p in answer.passages]
    result = Result(
        id=record["id"],
        question=record["question"],
        type=record["type"],
        answerable=record["answerable"],
        history=record.get("history", []),
        gold_answers=answers,
        gold_evidence=evidence,
        answer=answer.text,
        short=answer.short,
        abstained=answer.abstained,
        cited=cited,
        retrieved=[{"title": p.title, "score": round(p.score, 4), "text": p.text} for p in answer.passages],
        evidence_rank=metrics.evidence_rank(passages, evidence) if evidence else None,
        contains_answer=not answer.abstained and metrics.contains_answer(answer.text, answers),
        exact_match=not answer.abstained and metrics.exact_match(answer.text, answers),
        token_f1=0.0 if answer.abstained else metrics.token_f1(answer.text, answers),
        short_exact_match=not answer.abstained and metrics.exact_match(answer.short, answers),
        short_f1=0.0 if answer.abstained else metrics.token_f1(answer.short, answers),
        citation_precision=metrics.citation_precision(cited, evidence, answers) if answers else None,
        citation_recall=metrics.citation_recall(cited, evidence),
        seconds=answer.seconds,
        claims=[asdict(claim) for claim in answer.claims],
    )
    result.reasons = _failures(result)
    result.passed = not result.reasons
    return result


def _failures(r: Result) -> list[str]:
    if not r.answerable:
        return [] if r.abstained else [f"answered instead of abstaining, citing: {r.cited[:1]}"]
    reasons = []
    if r.evidence_rank is None:
        reasons.append("no retrieved passage holds the gold evidence")
    if r.abstained:
        return [*reasons, "abstained on an answerable question"]
    if not r.contains_answer:
        reasons.append(f"answer contains none of {r.gold_answers}")
    if not r.citation_precision:
        reasons.append("no cited sentence is gold evidence or holds a gold answer")
    return reasons


def summarize(results: list[Result]) -> dict[str, Any]:
    """Aggregate metrics; retrieval, answer and citation scores are over answerable questions."""
    answerable = [r for r in results if r.answerable]
    ranks = [r.evidence_rank for r in answerable]
    seconds = [r.seconds for r in results]
    summary: dict[str, Any] = {
        "questions": len(results),
        "answerable": len(answerable),
        "passed": metrics.mean([float(r.passed) for r in results]),
        "hit@1": metrics.mean([metrics.hit_at(rank, 1) for rank in ranks]),
        "hit@4": metrics.mean([metrics.hit_at(rank, 4) for rank in ranks]),
        "hit@10": metrics.mean([metrics.hit_at(rank, 10) for rank in ranks]),
        "mrr": metrics.mean([metrics.reciprocal_rank(rank) for rank in ranks]),
        "answer_contains": metrics.mean([float(r.contains_answer) for r in answerable]),
        "exact_match": metrics.mean([float(r.exact_match) for r in answerable]),
        "token_f1": metrics.mean([r.token_f1 for r in answerable]),
        "short_exact_match": metrics.mean([float(r.short_exact_match) for r in answerable]),
        "short_f1": metrics.mean([r.short_f1 for r in answerable]),
        # An abstention on an answerable question cites nothing: it counts as 0 precision there.
        "citation_precision": metrics.mean([r.citation_precision or 0.0 for r in answerable]),
        "citation_recall": metrics.mean([r.citation_recall for r in answerable]),
        **metrics.abstention_scores([r.abstained for r in results], [r.answerable for r in results]),
        **claim_shares([claim for r in results for claim in r.claims]),
        "latency_p50_ms": 1000 * metrics.percentile(seconds, 50),
        "latency_p95_ms": 1000 * metrics.percentile(seconds, 95),
    }
    yes_no = [r for r in answerable if metrics.verdict_of(r.gold_answers[0])]
    if yes_no:
        summary |= metrics.yes_no_accuracy([r.short for r in yes_no], [r.gold_answers[0] for r in yes_no])
    by_type: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_type[r.type].append(r)
    summary["by_type"] = {
        kind: {
            "questions": len(group),
            "passed": metrics.mean([float(r.passed) for r in group]),
            # unanswerable types: the share abstained; others: the short answer's exact match
            "short_exact_match": metrics.mean(
                [float(r.short_exact_match if r.answerable else r.abstained) for r in group]
            ),
        }
        for kind, group in sorted(by_type.items())
    }
    return summary


def claim_shares(claims: list[dict[str, Any]]) -> dict[str, float]:
    """Of all answer sentences: backed by their citation, flagged unsupported, with a corrected citation."""
    total = max(1, len(claims))
    return {
        "sentences_supported": sum(c["supported"] for c in claims) / total,
        "sentences_flagged": sum(not c["supported"] for c in claims) / total,
        "citations_corrected": sum(c["corrected"] for c in claims) / total,
    }


def check(summary: dict[str, Any], thresholds: dict[str, dict[str, float]]) -> list[str]:
    """Regressions: each metric under its committed minimum or over its maximum."""
    failures = [
        f"{name} = {summary[name]:.3f} is below the minimum {low}"
        for name, low in thresholds.get("min", {}).items()
        if summary[name] < low
    ]
    failures += [
        f"{name} = {summary[name]:.3f} is above the maximum {high}"
        for name, high in thresholds.get("max", {}).items()
        if summary[name] > high
    ]
    return failures


def as_json(results: list[Result]) -> list[dict[str, Any]]:
    """Every question's record, for the report."""
    return [asdict(r) for r in results]
