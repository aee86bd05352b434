"""Hybrid retrieval: the score fusion itself, and what the dense half adds over BM25."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from qa import Settings, ingest, retrieve
from qa.retrieve import fuse, normalised

scored_lists = st.lists(
    st.tuples(st.integers(0, 30), st.floats(0, 50)), max_size=12, unique_by=lambda p: p[0]
)


def best_first(pairs: list[tuple[int, float]]) -> list[tuple[int, float]]:
    return sorted(pairs, key=lambda p: -p[1])


@given(scored_lists, scored_lists, st.floats(0, 1))
def test_fused_scores_are_bounded_and_sorted(lexical: list, dense: list, weight: float) -> None:
    fused = fuse(best_first(lexical), best_first(dense), dense_weight=weight)
    assert {item for item, _ in fused} == {item for item, _ in lexical} | {item for item, _ in dense}
    scores = [score for _, score in fused]
    assert scores == sorted(scores, reverse=True)
    assert all(-1e-9 <= s <= 1 + 1e-9 for s in scores)


def test_weight_zero_keeps_bm25_order_and_one_keeps_dense_order() -> None:
    lexical = [(1, 9.0), (2, 5.0), (3, 1.0)]
    dense = [(3, 0.9), (2, 0.5), (4, 0.1)]
    assert [i for i, s in fuse(lexical, dense, dense_weight=0.0) if s > 0] == [1, 2]
    assert [i for i, s in fuse(lexical, dense, dense_weight=1.0) if s > 0] == [3, 2]


def test_a_dense_vote_breaks_a_bm25_near_tie() -> None:
    lexical = [(1, 10.0), (2, 9.9), (3, 1.0)]
    dense = [(2, 0.8), (1, 0.2)]
    assert fuse(lexical, dense, dense_weight=0.2)[0][0] == 2


def test_normalised_handles_equal_scores() -> None:
    assert normalised([(5, 2.0), (6, 2.0)]) == {5: 1.0, 6: 1.0}
    assert normalised([]) == {}


def test_dense_half_finds_a_paraphrase_bm25_cannot(tmp_path: Path) -> None:
    (tmp_path / "news.jsonl").write_text(
        '{"title": "Snow", "body": "Heavy snowfall closed schools across the region on Monday."}\n'
        '{"title": "Rates", "body": "The central bank raised interest rates by half a point."}\n'
        '{"title": "Transfer", "body": "The football club signed a new striker for a record fee."}\n'
    )
    settings = Settings(store=tmp_path / "store")
    ingest([tmp_path], settings=settings)
    question = "Which team bought a forward?"  # no word in common with the transfer story
    assert retrieve(question, settings=settings.model_copy(update={"dense_weight": 0.0})) == []
    [best, *_] = retrieve(question, settings=settings)
    assert best.title == "Transfer"
