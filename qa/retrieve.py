"""Hybrid retrieval: dense (Chroma) and BM25 rankings merged by weighted reciprocal-rank fusion."""

from __future__ import annotations

from dataclasses import replace

from qa.config import Settings
from qa.embed import Embedder
from qa.store import Store
from qa.types import Passage


def fuse(rankings: list[tuple[list[int], float]], *, rrf_k: int) -> list[tuple[int, float]]:
    """Weighted reciprocal-rank fusion of several rankings of the same items, best first."""
    scores: dict[int, float] = {}
    for ranking, weight in rankings:
        for rank, item in enumerate(ranking):
            scores[item] = scores.get(item, 0.0) + weight / (rrf_k + rank + 1)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))


def search(store: Store, question: str, *, k: int, settings: Settings) -> list[Passage]:
    """Retrieve the `k` best passages for `question` from `store`."""
    view = store.view()
    if not view.passages or not question.strip():
        return []
    rankings: list[tuple[list[int], float]] = []
    if settings.lexical_weight > 0:
        lexical = view.lexical.search(question, settings.candidates)
        rankings.append(([i for i, _ in lexical], settings.lexical_weight))
    if settings.dense_weight > 0:
        embedder = Embedder(settings.resolved_model())
        dense = store.dense(embedder.encode([question])[0], settings.candidates)
        rankings.append(([i for i, _ in dense], settings.dense_weight))
    fused = fuse(rankings, rrf_k=settings.rrf_k)[:k]
    return [replace(view.passages[i], score=score) for i, score in fused]
