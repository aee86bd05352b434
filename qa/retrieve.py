"""Hybrid retrieval: dense (Chroma) and BM25 candidates merged by a weighted sum of normalised scores."""

from __future__ import annotations

from dataclasses import replace

from qa.config import Settings
from qa.embed import Embedder
from qa.store import Store
from qa.types import Passage

Scored = list[tuple[int, float]]


def normalised(scored: Scored) -> dict[int, float]:
    """Min-max scale a best-first candidate list to [0, 1]; the weakest candidate gets 0."""
    if not scored:
        return {}
    high, low = scored[0][1], scored[-1][1]
    if high - low < 1e-9:
        return {item: 1.0 for item, _ in scored}
    return {item: (score - low) / (high - low) for item, score in scored}


def fuse(lexical: Scored, dense: Scored, *, dense_weight: float) -> Scored:
    """Convex combination of the two retrievers' normalised scores, best first.

    Score fusion rather than reciprocal-rank fusion: on the MultiHop-RAG dev set RRF let the
    weaker dense ranking push BM25's good hits out of the top 10, while a small dense share of
    the score only reorders near-ties (see README, "Measuring").
    """
    scores: dict[int, float] = {}
    for part, weight in ((normalised(lexical), 1.0 - dense_weight), (normalised(dense), dense_weight)):
        for item, score in part.items():
            scores[item] = scores.get(item, 0.0) + weight * score
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))


def search(store: Store, question: str, *, k: int, settings: Settings) -> list[Passage]:
    """Retrieve the `k` best passages for `question` from `store`."""
    view = store.view()
    if not view.passages or not question.strip():
        return []
    lexical = view.lexical.search(question, settings.candidates) if settings.dense_weight < 1 else []
    dense: Scored = []
    if settings.dense_weight > 0:
        embedder = Embedder(settings.resolved_model())
        dense = store.dense(embedder.encode([question])[0], settings.candidates)
    fused = fuse(lexical, dense, dense_weight=settings.dense_weight)[:k]
    return [replace(view.passages[i], score=score) for i, score in fused]
