"""Hybrid retrieval: chunk BM25, sentence BM25 and dense candidates merged by a weighted sum of
normalised scores, for the whole question and for each of its parts (each also scored in the
context of the whole question); the rankings merged so every part keeps its best."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

import numpy as np

from qa.config import Settings
from qa.encode.embed import Embedder
from qa.retrieval.lexical import QueryScores
from qa.retrieval.query import Part, plan, published_date
from qa.retrieval.view import View, view_of
from qa.store.store import Store
from qa.types import Passage

Scored = list[tuple[int, float]]

# Added to a passage's fused score (which lies in [0, 1]) when its article comes from a source the
# question names, or was published on a day it names: strong enough to lift a named article above
# an equally worded other one, not enough to bring in an unrelated article of that source.
SOURCE_BOOST = 0.3
DATE_BOOST = 0.3
# Added, in proportion to how new an article is among the candidates (the newest gets all of it),
# when the question asks for the latest news: it orders equally good passages by date, and cannot
# bring in a new article that does not fit the question.
RECENCY_BOOST = 0.15
# A wire copy counts as fitting a question as well as the best copy when its passage scores at
# least this share of the best one's: an identical passage, or one with light edits.
COPY_MARGIN = 0.95


def best_first(scored: Iterable[tuple[int, float]]) -> Scored:
    """Highest score first; ties by position, so rankings are deterministic."""
    return sorted(scored, key=lambda pair: (-pair[1], pair[0]))


def normalised(scored: Scored) -> dict[int, float]:
    """Min-max scale a best-first candidate list to [0, 1]; the weakest candidate gets 0."""
    if not scored:
        return {}
    high, low = scored[0][1], scored[-1][1]
    if high - low < 1e-9:
        return {item: 1.0 for item, _ in scored}
    return {item: (score - low) / (high - low) for item, score in scored}


def fuse(*weighted: tuple[Scored, float]) -> Scored:
    """Convex combination of several retrievers' normalised scores, best first.

    Score fusion rather than reciprocal-rank fusion: on the MultiHop-RAG dev set RRF let the
    weaker dense ranking push BM25's good hits out of the top 10, while a small dense share of
    the score only reorders near-ties (see README, "Measuring").
    """
    scores: dict[int, float] = {}
    for ranking, weight in weighted:
        for item, score in normalised(ranking).items():
            scores[item] = scores.get(item, 0.0) + weight * score
    return best_first(scores.items())


def search(
    store: Store,
    question: str,
    *,
    k: int,
    settings: Settings,
    embedder: Embedder,
    view: View | None = None,
) -> list[Passage]:
    """Retrieve the `k` best passages for `question` from `store` (from `view`, the snapshot of
    it the caller reads, when given), encoding the question with `embedder`."""
    view = view_of(store) if view is None else view
    if not view.passages or not question.strip():
        return []
    query = plan(
        question,
        view.catalog,
        sources=settings.query_sources,
        dates=settings.query_dates,
        split=settings.split_questions,
    )
    parts = (query.question, *query.parts)
    dense: list[Scored] = [[] for _ in parts]
    if settings.dense_weight > 0:
        vectors = embedder.encode_in_context(query.question.text, [p.span for p in query.parts])
        dense = nearest(store, view, vectors, settings.dense_chunks)
    rankings = [
        rank(view, part, near, settings, restrict=i > 0) for i, (part, near) in enumerate(zip(parts, dense))
    ]
    if view.copies:
        named = frozenset().union(*(part.sources for part in parts))
        rankings = [one_copy_each(view, ranking, named) for ranking in rankings]
    if settings.part_context > 0 and len(rankings) > 1:
        rankings = [rankings[0], *(in_context(r, rankings[0], settings.part_context) for r in rankings[1:])]
    picked = interleave(
        rankings,
        k,
        article_of=view.passages.article_id,
        per_article=settings.per_article,
        rounds=settings.merge_rounds,
    )
    return [replace(view.passages[i], score=score, also_in=_also_in(view, i)) for i, score in picked]


def nearest(store: Store, view: View, vectors: np.ndarray, n: int) -> list[Scored]:
    """For each query vector, the `n` chunks of `view` nearest to it, each scored by its best
    sentence's cosine, best first: a question's clause matches the one sentence that states it
    better than a sixteen-sentence average does (the chunk vector only finds the candidates)."""
    if not view.passages or view.vectors.rows.shape[1] != vectors.shape[1]:
        return [[] for _ in vectors]
    # A chunk of an uncommitted version is in Chroma's index but not in the view: skipped.
    nearest_ids = store.nearest_chunks(vectors, n)
    found = [[view.position[i] for i in ids if i in view.position] for ids in nearest_ids]
    chunks, firsts, sentences = _sentences_of(view, [p for near in found for p in near])
    if not len(chunks):
        return [[] for _ in vectors]
    cosines = view.vectors.of(sentences) @ vectors.T
    best = np.maximum.reduceat(cosines, firsts, axis=0)  # each chunk's best sentence, per vector
    row_of = {int(p): r for r, p in enumerate(chunks)}
    return [
        best_first((p, float(best[row_of[p], v])) for p in near if p in row_of)
        for v, near in enumerate(found)
    ]


def _sentences_of(view: View, positions: Iterable[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct chunks at `positions` that hold sentences, where each one's sentences start in
    the third array, and the sentence positions of all of them, chunk after chunk."""
    chunks = np.unique(np.asarray(list(positions), dtype=np.int64))
    starts = view.chunk_sentence_starts[chunks]
    lengths = view.chunk_sentence_starts[chunks + 1] - starts
    chunks, starts, lengths = chunks[lengths > 0], starts[lengths > 0], lengths[lengths > 0]
    firsts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    rows = np.repeat(starts - firsts, lengths) + np.arange(int(lengths.sum()))
    return chunks, firsts, view.chunk_sentences[rows]


def one_copy_each(view: View, ranked: Scored, named: frozenset[str]) -> Scored:
    """A ranking with each wire story once: its place goes to the earliest publication among the
    copies that fit the question about as well as the best one (within COPY_MARGIN), so a copy
    that differs where the question looks (a later update) keeps its place. Copies from a source
    the question names are kept, so a question naming an outlet still finds that outlet's copy."""
    by_story: dict[str, list[tuple[int, float]]] = {}
    for item, score in ranked:
        article = view.passages.article_id(item)
        story = view.articles[article].story or article
        if story in view.copies:
            by_story.setdefault(story, []).append((item, score))
    if not by_story:
        return ranked
    stand_in: dict[int, int] = {}  # a story's best item -> the item that takes its place
    dropped: set[int] = set()
    for story, held in by_story.items():
        best_item, best = held[0]
        close = [item for item, score in held if score >= COPY_MARGIN * best]
        if view.passages.source(best_item) in named:  # the question asked for this outlet's copy
            close = [best_item]
        chosen = min(close, key=lambda item: view.copies[story].index(view.passages.article_id(item)))
        stand_in[best_item] = chosen
        representative = view.passages.article_id(chosen)
        for item, _ in held:
            if item == chosen and item != best_item:
                dropped.add(item)  # it moves up to the best item's place
            elif view.passages.article_id(item) != representative and view.passages.source(item) not in named:
                dropped.add(item)
    # The ranking's order is kept as it is (named sources may lead it), places only change hands.
    return [
        (stand_in.get(item, item), score) for item, score in ranked if item in stand_in or item not in dropped
    ]


def _also_in(view: View, item: int) -> tuple[str, ...]:
    """Where else a passage's story was published: each other copy's outlet and date."""
    article = view.articles[view.passages.article_id(item)]
    others = [view.articles[i] for i in view.copies.get(article.story, ()) if i != article.id]
    return tuple(", ".join(p for p in (a.source or a.title, a.published[:10]) if p) for a in others)


def rank(view: View, part: Part, dense: Scored, settings: Settings, *, restrict: bool) -> Scored:
    """Fused ranking of the candidates for one part of a question.

    A part (`restrict`) that names sources is searched only in them; the whole question is
    searched everywhere, with the best candidates of the named sources added, and boosted.
    """
    n = settings.candidates
    named = view.from_sources(part.sources) if part.sources else None
    lexical: Scored = []
    scores = view.lexical.query(part.text) if settings.dense_weight < 1 else None
    pooling = scores is not None and settings.sentence_lexical_weight > 0 and settings.sentence_pool > 0
    # (the pool first: the n best chunks are the first n of its ranking, not ranked again)
    pooled = (
        _candidates(scores, settings.sentence_pool, named, restrict=restrict)
        if scores is not None and pooling
        else []
    )
    if scores is not None:
        lexical = _candidates(scores, n, named, restrict=restrict)
    sentences: Scored = []
    if scores is not None and settings.sentence_lexical_weight > 0:
        if pooling:
            pool = pooled + dense
            sentences = _pooled_sentence_lexical(
                view, part, [i for i, _ in pool], n, named, restrict=restrict
            )
        else:
            sentences = _sentence_lexical(view, part, n, restrict=restrict)
    if named is not None:
        in_named = [(i, s) for i, s in dense if named[i]]
        dense = in_named[:n] if restrict else _union(dense[:n], in_named[:n])
    else:
        dense = dense[:n]
    lexical_weight = 1.0 - settings.dense_weight
    fused = fuse(
        (lexical, lexical_weight * (1.0 - settings.sentence_lexical_weight)),
        (sentences, lexical_weight * settings.sentence_lexical_weight),
        (dense, settings.dense_weight),
    )
    if settings.repeat_factor < 1:
        fused = _repeats_discounted(view, fused, settings.repeat_factor)
    if not part.sources and not part.dates and not part.recent:
        return fused
    ranked = _boosted(view, part, fused)
    if settings.lead_sources and len(part.sources) > 1:
        ranked = _each_source_first(view, ranked, part.sources)
    return ranked


def _sentence_lexical(view: View, part: Part, n: int, *, restrict: bool) -> Scored:
    """Chunks scored by the BM25 score of their best sentence for the part (the `n` best chunks;
    restricted to the named sources like the chunk search)."""
    scores = view.sentence_lexical.query(part.text)
    if scores is None:
        return []
    named = view.sentences_from_sources(part.sources) if part.sources else None
    found = _candidates(scores, 4 * n, named, restrict=restrict)  # sentences: several per chunk
    best: dict[int, float] = {}
    for sentence, score in found:  # best first, so a chunk keeps its best sentence's score
        for position in view.chunks_holding(sentence).tolist():
            best.setdefault(position, score)
    return best_first(best.items())[:n]


def _pooled_sentence_lexical(
    view: View, part: Part, pool: list[int], n: int, named: np.ndarray | None, *, restrict: bool
) -> Scored:
    """Chunks of `pool` scored by the BM25 score of their best sentence for the part (the `n` best;
    restricted to the named sources like the chunk search): `_sentence_lexical` over the chunks the
    other searches found, which costs what their sentences cost, not what every sentence holding
    a question word does (millions in a large store)."""
    chunks, firsts, held = _sentences_of(view, pool)
    if not len(chunks):
        return []
    sentences, where = np.unique(held, return_inverse=True)  # (overlapping chunks share sentences)
    scores = view.sentence_lexical.query_among(part.text, sentences)
    if scores is None:
        return []
    best = np.zeros(len(view.passages))  # each pooled chunk's best sentence; 0 elsewhere
    best[chunks] = np.maximum.reduceat(scores[where], firsts)
    return _candidates(QueryScores(best, chunks, 1), n, named, restrict=restrict)


def in_context(part: Scored, whole: Scored, weight: float) -> Scored:
    """A part's ranking with `weight` x the whole question's normalised score added: a part such
    as "recognized for his generosity" names no one, and the evidence it wants is the passage
    that also fits the rest of the question (OpenAI, its departure), not any generous person's."""
    context = normalised(whole)
    blended = [(item, score + weight * context.get(item, 0.0)) for item, score in part]
    return best_first(blended)


def _repeats_discounted(view: View, ranked: Scored, factor: float) -> Scored:
    """Scale the score of each passage whose article already holds a better place in the ranking:
    one claim is usually stated once, so a ranking's places go to other articles first."""
    seen: set[str] = set()
    discounted = []
    for item, score in ranked:
        article = view.passages.article_id(item)
        discounted.append((item, score * factor if article in seen else score))
        seen.add(article)
    return best_first(discounted)


def _boosted(view: View, part: Part, fused: Scored) -> Scored:
    """Lift passages from the sources and days the part names, and newer ones when it asks for
    the latest; an article without a date gets no recency."""
    days = {i: published_date(view.passages.published(i)) for i, _ in fused} if part.recent else {}
    dated = [d.toordinal() for d in days.values() if d is not None]
    oldest, span = (min(dated), max(dated) - min(dated)) if dated else (0, 0)
    boosted = []
    for i, score in fused:
        if view.passages.source(i) in part.sources:
            score += SOURCE_BOOST
        if any(d.matches(view.passages.published(i)) for d in part.dates):
            score += DATE_BOOST
        if (day := days.get(i)) is not None and span:
            score += RECENCY_BOOST * (day.toordinal() - oldest) / span
        boosted.append((i, score))
    return best_first(boosted)


def _each_source_first(view: View, ranked: Scored, sources: frozenset[str]) -> Scored:
    """A question that names several sources ("as reported by both The Verge and TechCrunch")
    needs evidence from each: every named source's best passage leads, in score order, so one
    source's many good matches cannot push another's out of the top k."""
    leaders: dict[str, tuple[int, float]] = {}
    for item, score in ranked:
        source = view.passages.source(item)
        if source in sources and source not in leaders:
            leaders[source] = (item, score)
    led = {item for item, _ in leaders.values()}
    return list(leaders.values()) + [pair for pair in ranked if pair[0] not in led]


def _candidates(scores: QueryScores, n: int, named: np.ndarray | None, *, restrict: bool) -> Scored:
    """The `n` best by `scores`: only among `named` when restricted to it, else overall plus the
    `n` best of `named` (so a named source's candidates are there to be boosted)."""
    if named is None:
        return scores.top(n)
    if restrict:
        return scores.top(n, named)
    return _union(scores.top(n), scores.top(n, named))


def _union(first: Scored, second: Scored) -> Scored:
    merged = dict(first) | dict(second)
    return best_first(merged.items())


def interleave(
    rankings: list[Scored], k: int, *, article_of: Callable[[int], str], per_article: int, rounds: int = 0
) -> Scored:
    """Merge rankings by depth, then by score.

    In each of the first `rounds` rounds (all of them when 0) every ranking places its next
    passage, the whole question's first; a passage already taken is not replaced by the next of
    the same ranking, so a part whose evidence is in does not crowd out another part. The places
    left go to the best remaining passages by score relative to their ranking's best, so a part
    with several strong matches gets more of them than a vague part ("was there a change?").

    With `per_article`, no article holds more than that many places while others are left.
    """
    levels = max((len(r) for r in rankings), default=0)
    by_depth = [
        [ranking[level] for ranking in rankings if level < len(ranking)]
        for level in range(min(levels, rounds) if rounds else levels)
    ]
    by_score: dict[int, tuple[float, float]] = {}  # item -> (score relative to its ranking's best, score)
    for ranking in rankings:
        best = ranking[0][1] if ranking and ranking[0][1] > 0 else 1.0
        for item, score in ranking[len(by_depth) :]:
            by_score[item] = max(by_score.get(item, (0.0, 0.0)), (score / best, score))
    order = [pair for level in by_depth for pair in level]
    order += [(item, score) for item, (_, score) in sorted(by_score.items(), key=lambda p: (-p[1][0], p[0]))]
    picked: Scored = []
    seen: set[int] = set()
    held: dict[str, int] = {}
    for capped in (True, False) if per_article else (False,):
        for item, score in order:
            if len(picked) >= k:
                return picked
            article = article_of(item)
            if item in seen or (capped and held.get(article, 0) >= per_article):
                continue
            picked.append((item, score))
            seen.add(item)
            held[article] = held.get(article, 0) + 1
    return picked
