"""The eval suite: metrics on hand-made cases, `qa eval` end to end, and a MultiHop-RAG slice."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from evals import metrics, multihop, runner
from evals.cli import GOLD
from qa import Answer, Citation, Passage, Settings
from qa.cli import main
from tests.conftest import BENCH, CORPUS

EVIDENCE = (
    "Kerry spoke with Russian Foreign Minister Sergey Lavrov on Tuesday, "
    "State Department spokesman John Kirby said."
)
OTHER = "The lack of communications raises concerns about ensuring that Russian and U.S. jets don't collide."
RECORD: dict[str, Any] = {
    "id": "t-1",
    "question": "Who did Kerry speak with?",
    "answers": ["Sergey Lavrov"],
    "evidence": [EVIDENCE],
    "answerable": True,
    "type": "who",
}
UNANSWERABLE = RECORD | {"id": "t-2", "answers": [], "evidence": [], "answerable": False, "type": "off-topic"}


def cite(n: int, sentence: str) -> Citation:
    return Citation(n, "a1", "Title", "", "", sentence, n, 0, len(sentence), 0.9)


def answer(text: str, cited: list[str], *, abstained: bool = False) -> Answer:
    retrieved = [Passage("c1", "a1", "Title", f"{EVIDENCE} {OTHER}", 0.9)]
    citations = [cite(n, s) for n, s in enumerate(cited, 1)]
    return Answer("q", text, citations, abstained=abstained, passages=retrieved)


def test_a_perfect_answer_scores_one_everywhere() -> None:
    result = runner.score(RECORD, answer(f"{EVIDENCE} [1]", [EVIDENCE]))
    assert result.contains_answer and result.passed and result.reasons == []
    assert result.citation_precision == 1.0 and result.citation_recall == 1.0
    assert metrics.exact_match("Sergey Lavrov.", RECORD["answers"])
    assert metrics.token_f1("Sergey Lavrov", RECORD["answers"]) == 1.0


def test_a_wrong_citation_lowers_precision_but_not_recall() -> None:
    result = runner.score(RECORD, answer(f"{EVIDENCE} [1] {OTHER} [2]", [EVIDENCE, OTHER]))
    assert result.citation_precision == 0.5
    assert result.citation_recall == 1.0


def test_citing_only_unrelated_sentences_fails_the_question() -> None:
    result = runner.score(RECORD | {"answers": ["Lavrov"]}, answer(f"{OTHER} [1]", [OTHER]))
    assert result.citation_precision == 0.0 and result.citation_recall == 0.0
    assert not result.passed
    assert any("none of" in reason for reason in result.reasons)


def test_an_abstention_on_an_answerable_question_counts_against_it() -> None:
    abstained = runner.score(RECORD, answer("The articles don't say.", [], abstained=True))
    assert not abstained.passed and "abstained on an answerable question" in abstained.reasons
    assert not abstained.contains_answer and abstained.token_f1 == 0.0
    scores = metrics.abstention_scores([True, True, False], [True, False, False])
    assert scores == {"abstain_precision": 0.5, "abstain_recall": 0.5, "wrong_abstentions": 1.0}
    summary = runner.summarize([abstained, runner.score(UNANSWERABLE, answer("x", [], abstained=True))])
    assert summary["wrong_abstentions"] == 1.0 and summary["abstain_recall"] == 1.0
    assert summary["citation_precision"] == 0.0


def test_answering_an_unanswerable_question_fails_it() -> None:
    result = runner.score(UNANSWERABLE, answer(f"{OTHER} [1]", [OTHER]))
    assert not result.passed and result.reasons[0].startswith("answered instead of abstaining")


def test_answer_matching_normalises_case_quotes_possessives_and_articles() -> None:
    assert metrics.contains_answer("Support for Bashar al-Assad’s government.", ["Bashar al-Assad"])
    assert metrics.contains_answer("He said THE jets don’t collide", ["jets don't collide"])
    assert not metrics.contains_answer("Kirby said", ["Kirb"])  # whole words only
    assert metrics.token_f1("the cat sat", ["cat sat down"]) == pytest.approx(0.8)


def test_retrieval_metrics_follow_the_multihop_scripts() -> None:
    facts = ["fact one here", "fact two here"]
    passages = ["x factone\nhere y", "nothing", "a fact two here b", "fact one here again"]
    assert metrics.evidence_rank(passages, facts) == 1
    # New facts at ranks 1 and 3: (1/1 + 1/3) / min(2, 10)
    assert metrics.average_precision_at_10(passages, facts) == pytest.approx((1 + 1 / 3) / 2)
    assert metrics.fact_recall(passages[:2], facts) == 0.5
    assert metrics.reciprocal_rank(3) == pytest.approx(1 / 3) and metrics.reciprocal_rank(11) == 0.0
    assert metrics.lenient_correct("Yes, it did.", "yes") is False  # the paper splits on spaces only
    assert metrics.lenient_correct("yes it did", "Yes")


def test_percentiles_interpolate() -> None:
    assert metrics.percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert metrics.percentile([5.0], 95) == 5.0
    assert metrics.percentile([], 50) == 0.0


def test_check_lists_every_regression() -> None:
    summary = {"passed": 0.7, "wrong_abstentions": 0.2}
    failures = runner.check(summary, {"min": {"passed": 0.8}, "max": {"wrong_abstentions": 0.1}})
    assert len(failures) == 2 and "passed = 0.700 is below the minimum 0.8" in failures[0]
    assert runner.check(summary, {"min": {"passed": 0.5}}) == []


def test_bad_gold_files_are_refused_with_the_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(RECORD) + "\n{not json\n")
    with pytest.raises(ValueError, match=r"gold.jsonl:2: not JSON"):
        runner.load_gold(gold)
    gold.write_text(json.dumps(RECORD | {"answers": "Lavrov"}) + "\n")
    with pytest.raises(ValueError, match=r":1: field 'answers' must be a list"):
        runner.load_gold(gold)


def test_the_committed_gold_set_is_valid_and_its_evidence_is_exact() -> None:
    gold = runner.load_gold(GOLD)
    assert len(gold) >= 40 and sum(not r["answerable"] for r in gold) >= 8
    assert sum(bool(r.get("history")) for r in gold) >= 3
    for record in gold:
        text = (Path(__file__).resolve().parent.parent / record["article"]).read_text(encoding="utf-8")
        assert all(sentence in text for sentence in record["evidence"]), record["id"]


def test_qa_eval_reports_and_gates_on_thresholds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # the cached eval store goes here
    impossible = tmp_path / "thresholds.json"
    impossible.write_text(json.dumps({"min": {"answer_contains": 1.01}, "max": {"wrong_abstentions": -1}}))
    report = tmp_path / "report"
    assert main(["eval", "--report", str(report), "--check", "--thresholds", str(impossible)]) == 1
    out, err = capsys.readouterr()
    assert "answer contains gold" in out and "check: FAILED" in out
    assert err.count("regression:") == 2
    payload = json.loads((report / "results.json").read_text())
    assert len(payload["questions"]) >= 40
    assert {"answer", "cited", "retrieved", "passed", "reasons"} <= payload["questions"][0].keys()
    for name in ("summary.md", "metrics.png", "latency.png", "by_type.png"):
        assert (report / name).stat().st_size > 500, name
    assert main(["eval", "--report", str(report), "--check"]) == 0  # the committed thresholds hold


@pytest.mark.skipif(not BENCH.exists(), reason="benchmark data not present")
def test_multihop_slice_scores_retrieval_and_answers(tmp_path: Path) -> None:
    queries = json.loads((BENCH / "queries_dev.json").read_text())
    picked = [q for q in queries if q["question_type"] != "null_query"][:6]
    picked += [q for q in queries if q["question_type"] == "null_query"][:2]
    articles = json.loads((BENCH / "corpus.json").read_text())
    needed = {e["title"] for q in picked for e in q["evidence_list"]}
    chosen = [a for a in articles if a["title"] in needed] + [
        a for a in articles if a["title"] not in needed
    ][:10]
    corpus = tmp_path / "slice.json"
    corpus.write_text(json.dumps(chosen))
    summary, records = multihop.run(corpus, picked, Settings(store=tmp_path / "store"))
    assert summary["queries"] == 6 and summary["null_queries"] == 2 and len(records) == 8
    for name in ("hits@4", "hits@10", "map@10", "mrr@10", "fact_recall@10", "all_facts@10", "answer_strict"):
        assert 0.0 <= summary[name] <= 1.0, name
    assert summary["hits@10"] >= 0.5  # every evidence article is among 20-odd: retrieval must find most
    assert summary["all_facts@10"] <= summary["fact_recall@10"] <= 1.0
    assert summary["map@10"] <= summary["hits@10"]


def test_qa_bench_smoke_run_prints_every_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "bench"
    assert main(["bench", "--corpus", str(CORPUS), "--questions", "3", "--report", str(report)]) == 0
    out = capsys.readouterr().out
    for row in (
        "ingest: chunks/s",
        "raw encode",
        "raw encode onnx-int8: chunks/s",
        "answer p50 (3 questions)",
        "llama-index retriever",
        "cold start",
        "cold start, view not cached",
    ):
        assert row in out, row
    result = json.loads((report / "bench.json").read_text())
    assert result["ingest"]["chunks"] == result["encode"]["chunks"] > 0  # the same chunks, both ways
    for backend in ("onnx", "onnx-int8"):
        assert result["encoders"][backend]["chunks"] == result["encode"]["chunks"], backend
    assert result["ask"]["p50_ms"] > 0 and result["llamaindex"]["p50_ms"] > 0
    assert result["cold"]["qa_ask_s"] > result["cold"]["import_s"] > 0
    assert result["cold"]["qa_ask_build_s"] > result["cold"]["import_s"]


def test_scale_run_grows_the_store_by_whole_copies_and_plots(tmp_path: Path) -> None:
    from evals import scale

    kept = tmp_path / "kept"
    rows = scale.run(CORPUS, [1, 5], questions=3, report=tmp_path, keep=kept)
    per_copy = rows[0]["chunks"] // rows[0]["copies"]
    assert per_copy > 0 and rows[0]["copies"] == 1
    assert rows[1]["chunks"] == per_copy * rows[1]["copies"] >= 5  # whole copies until the size is reached
    assert all(row["p50_ms"] > 0 and row["peak_mb"] > 0 and row["view_build_peak_mb"] > 0 for row in rows)
    assert json.loads((tmp_path / "scale.json").read_text()) == rows
    assert (tmp_path / "scale.png").read_bytes().startswith(b"\x89PNG")
    # Run again on the kept store at a size it has reached: measured as it is, not grown (it
    # holds the two one-article ingests of the first run besides its copies).
    [again] = scale.run(CORPUS, [5], questions=3, report=tmp_path, keep=kept)
    assert again["copies"] == rows[1]["copies"] and again["build_s"] < 1
    assert again["chunks"] == rows[1]["chunks"] + 2  # and the first run's two one-chunk articles


def test_the_memory_profile_counts_each_object_once() -> None:
    """evals/memory.py sizes the retrieval view; a buffer two records share is one buffer."""
    import numpy as np

    from evals.memory import deep_bytes

    vector = np.zeros(1000, dtype=np.float64)
    assert deep_bytes(vector) >= 8000
    shared, separate = deep_bytes([vector, vector]), deep_bytes([vector, np.zeros(1000)])
    assert separate - shared >= 8000
    assert deep_bytes({"text": "x" * 5000}) >= 5000
