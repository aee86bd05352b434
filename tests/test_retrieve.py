"""Hybrid retrieval: the score fusion itself, and what the dense half adds over BM25."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa import Passage, Settings, ingest, retrieve
from qa.retrieval.lexical import LexicalIndex, tokenize, top
from qa.retrieval.retrieve import fuse, in_context, interleave, normalised

scored_lists = st.lists(
    st.tuples(st.integers(0, 30), st.floats(0, 50)), max_size=12, unique_by=lambda p: p[0]
)


WORDS = "rocket senate merger vaccine harbour drought tariff striker verdict launch".split()
texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)


@settings(deadline=None)  # the first example imports bm25s
@given(st.lists(texts, min_size=1, max_size=25), texts)
def test_bm25_scores_are_those_of_bm25s_itself(documents: list[str], query: str) -> None:
    """The index sums bm25s's precomputed word scores itself (faster); the scores must be its own."""
    index = LexicalIndex([tokenize(d) for d in documents])
    known = [t for t in tokenize(query) if any(t in tokenize(d) for d in documents)]
    scores = index.scores(query)
    if not known:
        assert scores is None
        return
    assert scores is not None and scores.shape == (len(documents),)
    assert np.allclose(scores, index._bm25.get_scores(known), rtol=1e-5, atol=1e-6)


@settings(deadline=None)
@given(st.lists(texts, min_size=1, max_size=10), texts, st.integers(1, 12), st.integers(0, 2**32 - 1))
def test_the_best_texts_are_found_among_those_holding_a_query_word(
    documents: list[str], query: str, n: int, seed: int
) -> None:
    """Ranking only the texts that hold a query word (far fewer than all of millions of sentences)
    finds the texts a scan of every score finds, ties included, with and without a filter of
    allowed texts."""
    # Texts without any query word make the held texts few enough for that path.
    index = LexicalIndex([tokenize(d) for d in [*documents, *["filler text here"] * 500]])
    found = index.query(query)
    if found is None:
        return
    assert len(found.held) * 4 < found.dense.size  # the path under test, not the full scan
    allowed = np.random.default_rng(seed).random(found.dense.size) < 0.5
    for only in (None, allowed):
        assert found.top(n, only) == top(found.dense, n, only)  # same texts, scores and order of ties


@settings(deadline=None)
@given(
    st.lists(texts, min_size=1, max_size=12), st.lists(texts, max_size=4), texts, st.integers(0, 2**32 - 1)
)
def test_scores_of_some_texts_are_those_every_text_gets(
    documents: list[str], appended: list[str], query: str, seed: int
) -> None:
    """Scoring only the texts at some positions (a pool of candidates) gives each the score a query
    of every text gives it, also for texts appended after the build (whose IDF moved the rest)."""
    index = LexicalIndex([tokenize(d) for d in documents])
    vocabulary = dict(index.vocabulary)
    ids = [[vocabulary.setdefault(t, len(vocabulary)) for t in tokenize(d)] for d in appended]
    index = index.extended(ids, vocabulary)
    positions = np.flatnonzero(np.random.default_rng(seed).random(index.size) < 0.6)
    every = index.scores(query)
    some = index.query_among(query, positions)
    if every is None:
        assert some is None
        return
    assert some is not None and np.allclose(some, every[positions], rtol=1e-6)


def best_first(pairs: list[tuple[int, float]]) -> list[tuple[int, float]]:
    return sorted(pairs, key=lambda p: -p[1])


@given(scored_lists, scored_lists, st.floats(0, 1))
def test_fused_scores_are_bounded_and_sorted(lexical: list, dense: list, weight: float) -> None:
    fused = fuse((best_first(lexical), 1 - weight), (best_first(dense), weight))
    assert {item for item, _ in fused} == {item for item, _ in lexical} | {item for item, _ in dense}
    scores = [score for _, score in fused]
    assert scores == sorted(scores, reverse=True)
    assert all(-1e-9 <= s <= 1 + 1e-9 for s in scores)


def test_weight_zero_keeps_bm25_order_and_one_keeps_dense_order() -> None:
    lexical = [(1, 9.0), (2, 5.0), (3, 1.0)]
    dense = [(3, 0.9), (2, 0.5), (4, 0.1)]
    assert [i for i, s in fuse((lexical, 1.0), (dense, 0.0)) if s > 0] == [1, 2]
    assert [i for i, s in fuse((lexical, 0.0), (dense, 1.0)) if s > 0] == [3, 2]


def test_a_dense_vote_breaks_a_bm25_near_tie() -> None:
    lexical = [(1, 10.0), (2, 9.9), (3, 1.0)]
    dense = [(2, 0.8), (1, 0.2)]
    assert fuse((lexical, 0.8), (dense, 0.2))[0][0] == 2


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


def _news(tmp_path: Path) -> Settings:
    """Four articles on one story from two sources and dates, plus an unrelated one."""
    records = [
        ("TechCrunch", "2023-10-05", "Chipmaker deal", "The chipmaker agreed to buy the startup for $2B."),
        ("The Verge", "2023-10-05", "Deal review", "Brussels regulators objected to the chipmaker deal."),
        ("TechCrunch", "2023-11-20", "Deal closes", "The chipmaker deal closed after regulators agreed."),
        ("The Verge", "2023-11-21", "Chipmaker layoffs", "After the deal the chipmaker cut 300 jobs there."),
        ("Polygon", "2023-11-02", "Game awards", "The awards show named its game of the year."),
    ]
    lines = [
        json.dumps({"source": s, "published_at": d, "title": t, "body": b, "url": f"https://x.test/{i}"})
        for i, (s, d, t, b) in enumerate(records)
    ]
    (tmp_path / "news.jsonl").write_text("\n".join(lines))
    settings = Settings(store=tmp_path / "store")
    ingest([tmp_path / "news.jsonl"], settings=settings)
    return settings


def test_a_named_source_and_day_bring_that_article_first(tmp_path: Path) -> None:
    settings = _news(tmp_path)
    assert retrieve("What did The Verge report about the chipmaker deal?", settings=settings)[0].source == (
        "The Verge"
    )
    assert retrieve("What did TechCrunch report about the chipmaker deal?", settings=settings)[0].source == (
        "TechCrunch"
    )
    dated = "What happened to the chipmaker on November 21?"
    assert retrieve(dated, settings=settings)[0].title == "Chipmaker layoffs"
    later = retrieve("What did TechCrunch say about the chipmaker after October 5, 2023?", settings=settings)
    assert later[0].title == "Deal closes"
    # Same words, another day: another article.
    october = retrieve("What happened to the chipmaker on October 5?", settings=settings)[0]
    assert october.published == "2023-10-05"


def test_each_part_of_a_multi_part_question_keeps_its_evidence(tmp_path: Path) -> None:
    settings = _news(tmp_path)
    question = (
        "Did TechCrunch report that the chipmaker agreed to buy the startup, "
        "while The Verge reported that regulators objected?"
    )
    titles = [p.title for p in retrieve(question, k=2, settings=settings)]
    assert sorted(titles) == ["Chipmaker deal", "Deal review"]


def test_a_question_naming_two_sources_gets_each_ones_best_first(tmp_path: Path) -> None:
    records = [
        ("TechCrunch", "Rover lands", "The lunar rover landed near the south pole of the moon on Friday."),
        (
            "TechCrunch",
            "Rover photos",
            "The lunar rover sent photos of the south pole from its landing site.",
        ),
        ("The Verge", "Space roundup", "A rover built in India is now exploring the moon."),
    ]
    lines = [
        json.dumps({"source": s, "title": t, "body": b, "url": f"https://x.test/{i}"})
        for i, (s, t, b) in enumerate(records)
    ]
    (tmp_path / "news.jsonl").write_text("\n".join(lines))
    settings = Settings(store=tmp_path / "store")
    ingest([tmp_path / "news.jsonl"], settings=settings)
    question = "What did TechCrunch and The Verge report about the lunar rover at the south pole?"
    unled = retrieve(question, k=2, settings=settings.model_copy(update={"lead_sources": False}))
    assert [p.source for p in unled] == ["TechCrunch", "TechCrunch"]  # one source's matches crowd out
    assert {p.source for p in retrieve(question, k=2, settings=settings)} == {"TechCrunch", "The Verge"}


def _articles(tmp_path: Path, records: list[tuple[str, str]]) -> Settings:
    lines = [
        json.dumps({"title": t, "body": b, "url": f"https://x.test/{i}"}) for i, (t, b) in enumerate(records)
    ]
    (tmp_path / "news.jsonl").write_text("\n".join(lines))
    settings = Settings(store=tmp_path / "store")
    ingest([tmp_path / "news.jsonl"], settings=settings)
    return settings


FILLER = [f"Fans queued at gate {n} for tickets to the concert on the weekend." for n in range(14)]


@pytest.mark.parametrize("pool", [0, 10])
def test_sentence_bm25_finds_the_passage_that_states_the_claim(tmp_path: Path, pool: int) -> None:
    """Whether sentence BM25 scores every sentence (0) or those of the chunk BM25's best chunks."""
    # "Scattered" has every question word, spread over four sentences; "Stated" says it in one
    # sentence among fourteen unrelated ones, which dilutes its passage's BM25 score.
    scattered = (
        "The mayor spoke on Monday. Later the council met about the budget. "
        "A vote on the stadium was delayed. Critics said the plan would raise taxes."
    )
    stated = " ".join(
        [
            *FILLER[:7],
            "The council delayed the stadium vote because the budget would raise taxes.",
            *FILLER[7:],
        ]
    )
    settings = _articles(tmp_path, [("Scattered", scattered), ("Stated", stated)])
    question = "Did the council delay the stadium vote because the budget would raise taxes?"
    lexical_only = settings.model_copy(update={"dense_weight": 0.0, "sentence_pool": pool})
    chunk_bm25 = retrieve(
        question, k=1, settings=lexical_only.model_copy(update={"sentence_lexical_weight": 0.0})
    )
    sentence_bm25 = retrieve(
        question, k=1, settings=lexical_only.model_copy(update={"sentence_lexical_weight": 1.0})
    )
    assert chunk_bm25[0].title == "Scattered"
    assert sentence_bm25[0].title == "Stated"


def test_an_articles_further_passages_make_way_for_other_articles(tmp_path: Path) -> None:
    # "Long" matches in both of its passages; "Other" matches a little less, in its only one.
    long = " ".join(
        [
            *FILLER[:3],
            "The striker scored twice in the derby.",
            *FILLER[3:14],
            *FILLER[:4],
            "The striker scored twice in the derby again.",
            *FILLER[4:8],
        ]
    )
    other = "The striker scored in the derby, said the coach of the club."
    weak = "Tickets for the derby sold out."
    settings = _articles(tmp_path, [("Long", long), ("Other", other), ("Weak", weak)])
    question = "Which striker scored twice in the derby?"
    plain = retrieve(question, k=2, settings=settings.model_copy(update={"repeat_factor": 1.0}))
    assert [p.title for p in plain] == ["Long", "Long"]
    assert [p.title for p in retrieve(question, k=2, settings=settings)] == ["Long", "Other"]


def test_a_part_is_ranked_in_the_context_of_the_whole_question() -> None:
    part = [(1, 0.9), (2, 0.85), (3, 0.1)]  # a part that names no one: 1 and 2 fit it about equally
    whole = [(2, 5.0), (3, 4.0), (1, 1.0)]  # the whole question prefers 2
    assert [i for i, _ in in_context(part, whole, 0.0)] == [1, 2, 3]
    assert [i for i, _ in in_context(part, whole, 0.5)] == [2, 1, 3]
    assert in_context(part, [], 0.5) == part  # nothing from the question: the part's own order


def test_rankings_merge_by_rounds_then_by_relative_score() -> None:
    passages = [
        Passage(chunk_id=f"a{i}:v:0", article_id=f"a{i}", title="", text="", score=0.0) for i in range(8)
    ]
    whole = [(0, 10.0), (1, 2.0), (2, 1.0)]
    strong = [(3, 1.0), (4, 0.95), (5, 0.9)]  # a part with several good matches
    vague = [(6, 1.0), (7, 0.2)]  # a part that fits one passage and little else
    rankings = [whole, strong, vague]
    by_rounds = interleave(rankings, 5, article_of=lambda i: passages[i].article_id, per_article=0, rounds=0)
    assert [i for i, _ in by_rounds] == [0, 3, 6, 1, 4]
    then_by_score = interleave(
        rankings, 5, article_of=lambda i: passages[i].article_id, per_article=0, rounds=1
    )
    assert [i for i, _ in then_by_score] == [0, 3, 6, 4, 5]
    assert dict(then_by_score)[4] == 0.95  # the passage keeps its own score


def test_cjk_text_is_tokenized_into_character_bigrams() -> None:
    assert tokenize("新地铁线") == ["新地", "地铁", "铁线"]
    assert tokenize("耗资120亿元") == ["耗资", "120", "亿元"]
    assert tokenize("市 Mayor") == ["市", "mayor"]  # a lone character stays a token
    assert tokenize("The mayor said no.") == ["mayor"]  # other text as before


def test_a_question_for_the_latest_news_prefers_newer_articles(tmp_path: Path) -> None:
    """Three equally worded reports of a river's level among other rivers' news; only "the
    latest" orders them by date."""
    days = ["2024-03-01", "2024-03-09", "2024-03-05"]
    records = [
        {
            "title": f"River report {i}",
            "body": f"The Avon river stood {level} metres above normal at the Bristol gauge, the agency said",
            "published_at": day,
            "url": f"https://river.example/{i}",
        }
        for i, (day, level) in enumerate(zip(days, ["two", "three", "four"]))
    ]
    records += [
        {
            "title": f"{river} news",
            "body": f"The {river} river flooded a road near {town}, and the agency closed a footpath.",
            "published_at": "2024-03-07",
            "url": f"https://river.example/{river}",
        }
        for river, town in [("Severn", "Gloucester"), ("Thames", "Oxford"), ("Trent", "Newark")]
    ]
    (tmp_path / "river.json").write_text(json.dumps(records), encoding="utf-8")
    settings = Settings(store=tmp_path / "store")
    ingest([tmp_path / "river.json"], settings=settings)
    latest = retrieve("What is the latest level of the Avon river at the Bristol gauge?", settings=settings)
    assert [p.published for p in latest[:3]] == ["2024-03-09", "2024-03-05", "2024-03-01"]
    # The same question without asking for the latest: no date order imposed.
    plain = retrieve("What is the level of the Avon river at the Bristol gauge?", settings=settings)
    assert [p.published for p in plain[:3]] != ["2024-03-09", "2024-03-05", "2024-03-01"]
    assert {p.title for p in plain[:3]} == {p.title for p in latest[:3]}  # the same reports lead


def test_the_vector_index_searches_as_broadly_as_the_settings_say(tmp_path: Path) -> None:
    """Chroma's default breadth (HNSW ef 100) found 84-89 of the 100 nearest chunks, a different
    set in each process; a store takes the settings' breadth, also one made with another."""
    from qa.store.store import Store

    settings = _articles(
        tmp_path, [("One", "The council met on Monday."), ("Two", "The ferry sails at noon.")]
    )

    def breadth(store: Store) -> int:
        return int(store._client.get_collection(store._chunks.name).configuration["hnsw"]["ef_search"])

    assert breadth(Store(settings)) == settings.dense_search_ef
    assert breadth(Store(settings.model_copy(update={"dense_search_ef": 123}))) == 123
