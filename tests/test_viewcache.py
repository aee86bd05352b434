"""The view cache: a new process opens a store from the saved view, and never from a stale one."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from qa import Settings, ask, ingest
from qa.encode.embed import embedder_for
from qa.ingestion.index import chunk_article
from qa.retrieval.lexical import tokenize
from qa.retrieval.view import build_view, view_of
from qa.store.store import Encoded, Store
from qa.types import Article, sentences_of
from tests.conftest import SEED


def _no_rebuild(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("the view was rebuilt instead of read from the cache")

    monkeypatch.setattr(store, "committed", refuse)


def test_a_new_process_reads_the_saved_view_and_a_commit_makes_it_stale(
    tmp_path: Path, empty_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = empty_settings.model_copy(update={"model_cache": tmp_path / "cache"})
    ingest([SEED], settings=settings)
    built = view_of(Store(settings))  # the first opener builds the view and saves it

    again = Store(settings)  # as a new process would open it
    with monkeypatch.context() as patched:
        _no_rebuild(again, patched)
        cached = view_of(again)
    assert cached.chunk_ids == built.chunk_ids
    question = "Peter Cook press secretary"
    assert list(cached.lexical.scores(question)) == list(built.lexical.scores(question))  # type: ignore[arg-type]
    # The saved arrays are mapped from the file, not read into the process: read-only, the same
    # values, and shared by every process that opens the store.
    for saved, made in (
        (cached.vectors.rows, built.vectors.rows),
        (cached.vectors.scales, built.vectors.scales),
        (cached.vectors.row, built.vectors.row),
        (cached.chunk_sentences, built.chunk_sentences),
        (cached.holder_chunks, built.holder_chunks),
    ):
        assert not saved.flags.writeable and made.flags.writeable
        assert np.array_equal(saved, made) and len(saved) > 0
    keys = [(p, s) for p in cached.passages for s in p.sentences]
    assert np.array_equal(cached.stored_vectors(keys), built.stored_vectors(keys))

    (tmp_path / "more.jsonl").write_text(
        json.dumps({"title": "Bridge", "body": "The bridge reopened today."})
    )
    ingest([tmp_path / "more.jsonl"], settings=settings)  # a commit moves the generation on
    assert len(view_of(Store(settings)).articles) == 2  # rebuilt, not the saved one-article view


def test_a_damaged_or_unwritable_cache_only_costs_the_rebuild(tmp_path: Path) -> None:
    settings = Settings(store=tmp_path / "store")
    ingest([SEED], settings=settings)
    view_of(Store(settings))
    [saved] = (tmp_path / "store").glob("qa-view-*.pickle")
    saved.write_bytes(saved.read_bytes()[:1000])  # truncated, as by a crash mid-write elsewhere
    assert len(view_of(Store(settings)).passages) > 0
    saved.unlink()
    saved.mkdir()  # a folder where the file should go: the save fails, the answer does not
    assert len(view_of(Store(settings)).passages) > 0


def test_the_cache_can_be_switched_off(tmp_path: Path) -> None:
    settings = Settings(store=tmp_path / "store", view_cache=False)
    ingest([SEED], settings=settings)
    view_of(Store(settings))
    assert not list((tmp_path / "store").glob("qa-view-*"))


def test_every_commit_moves_the_generation_so_no_saved_view_hides_it(tmp_path: Path) -> None:
    # As when an ingest is killed after committing a group, before it ends: nobody bumps for it.
    settings = Settings(store=tmp_path / "store")
    ingest([SEED], settings=settings)
    store = Store(settings)
    view_of(store)  # saved for this generation
    article = Article(
        title="Bridge", text="The harbor bridge reopened today after repairs.", url="https://x.test/b"
    )
    chunks = chunk_article(article, size=settings.chunk_sentences, overlap=settings.chunk_overlap)
    vectors = embedder_for(settings).encode([s.text for s in sentences_of(chunks)] + [article.title])
    store.commit_articles([Encoded(article, chunks, vectors[:-1], vectors[-1])])
    assert article.id in view_of(Store(settings)).articles  # a new reader sees the commit


def _write_articles(path: Path, *articles: tuple[str, str]) -> Path:
    path.write_text(
        "\n".join(
            json.dumps({"title": t, "body": b, "url": f"https://x.test/{i}"})
            for i, (t, b) in enumerate(articles)
        )
    )
    return path


_HARBOR = (
    "Harbor bridge reopens",
    "The harbor bridge reopened on Tuesday after eight months of repairs. Mayor Lena Ortiz cut the "
    "ribbon at noon. The repairs cost 14 million dollars, the city said. Ferry traffic will return "
    "to its winter timetable next week. Engineers found corrosion in two of the bridge's cables.",
)
_LIBRARY = (
    "Library extends its hours",
    "The central library will open until 10 p.m. from March. Its director, Samuel Okafor, said "
    "students had asked for evening hours. The change costs the city 300,000 dollars a year.",
)


def _reading_new_only(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Refuse the full read of the store, and record the articles whose chunks the reader reads."""
    _no_rebuild(store, monkeypatch)
    read: list[str] = []
    since = store.committed_since

    def recorded(generation: int):  # type: ignore[no-untyped-def]
        changes = since(generation)
        if changes is None:
            return None
        articles, chunks = changes
        return articles, ((read.append(p.article_id), (p, packed))[1] for p, packed in chunks)

    monkeypatch.setattr(store, "committed_since", recorded)
    return read


def test_a_new_reader_extends_the_saved_view_with_only_the_articles_ingested_since(
    tmp_path: Path, empty_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding an article to a store costs the next reader that article, not the store: it extends
    the saved view instead of reading every record again, and answers as a rebuilt view would."""
    settings = empty_settings.model_copy(update={"model_cache": tmp_path / "cache"})
    ingest([SEED], settings=settings)
    view_of(Store(settings))  # built and saved
    report = ingest([_write_articles(tmp_path / "more.jsonl", _HARBOR, _LIBRARY)], settings=settings)
    new = set(report.new)
    assert len(new) == 2

    store = Store(settings)  # as a new process would open it
    with monkeypatch.context() as patched:
        read = _reading_new_only(store, patched)
        extended = view_of(store)
    assert set(read) == new  # the chunks of the new articles only

    rebuilt = build_view(store.generation(), *store.committed())
    assert extended.articles == rebuilt.articles
    assert extended.appended_chunks == sum(rebuilt.articles[i].chunks for i in new) > 0
    assert sorted(extended.chunk_ids) == rebuilt.chunk_ids
    for chunk_id in rebuilt.chunk_ids:  # each position gives back its very passage
        assert extended.passages[extended.position[chunk_id]] == rebuilt.passages[rebuilt.position[chunk_id]]
    by_id = [extended.position[c] for c in rebuilt.chunk_ids]
    for question in (
        "harbor bridge repairs cost",
        "Samuel Okafor library hours",
        "Peter Cook press secretary",
    ):
        ours, theirs = extended.lexical.scores(question), rebuilt.lexical.scores(question)
        assert ours is not None and theirs is not None
        # The same chunks match, in the same order; the scores differ only by the average chunk
        # length, which stays the saved view's.
        assert list(np.argsort(-ours[by_id], kind="stable")) == list(np.argsort(-theirs, kind="stable"))
        assert np.array_equal(ours[by_id] > 0, theirs > 0)
        for word in tokenize(question):  # every word weighs what it does over the whole store
            assert extended.lexical.idf(word) == pytest.approx(rebuilt.lexical.idf(word))
            assert extended.sentence_lexical.idf(word) == pytest.approx(rebuilt.sentence_lexical.idf(word))
    for article_id in new:
        passages = extended.article_passages(article_id)
        assert passages == rebuilt.article_passages(article_id) and passages
        keys = [(p, s) for p in passages for s in p.sentences]
        assert np.array_equal(extended.stored_vectors(keys), rebuilt.stored_vectors(keys))
        assert extended.vectors.held(extended.chunk_sentences)

    answer = ask("How much did the harbor bridge repairs cost?", store=store, settings=settings)
    assert "14 million dollars" in answer.short and answer.citations[0].title == _HARBOR[0]


def test_a_running_reader_extends_its_view_after_another_process_ingests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(store=tmp_path / "store")
    ingest([SEED], settings=settings)
    running = Store(settings)
    before = view_of(running)
    # Another process, with its own Store, ingests.
    ingest([_write_articles(tmp_path / "more.jsonl", _LIBRARY)], store=Store(settings), settings=settings)
    with monkeypatch.context() as patched:
        read = _reading_new_only(running, patched)
        after = view_of(running)
        Store(settings).bump_generation()  # a commit of nothing new
        again = view_of(running)
    assert len(after.articles) == len(before.articles) + 1 and len(set(read)) == 1
    assert again.generation == after.generation + 1 and again.chunk_ids == after.chunk_ids
    # What the view held is where it was: positions given out before do not move.
    assert after.chunk_ids[: len(before.chunk_ids)] == before.chunk_ids


def test_a_removed_or_replaced_article_makes_the_reader_build_its_view_anew(tmp_path: Path) -> None:
    settings = Settings(store=tmp_path / "store")
    more = _write_articles(tmp_path / "more.jsonl", _HARBOR, _LIBRARY)
    ingest([SEED, more], settings=settings)
    view_of(Store(settings))
    [library] = [a for a in Store(settings).articles().values() if a.title == _LIBRARY[0]]
    Store(settings).remove_article(library.id)
    store = Store(settings)
    assert store.committed_since(view_of(Store(settings)).generation - 1) is None
    assert library.id not in view_of(store).articles

    harbor = (_HARBOR[0], _HARBOR[1].replace("14 million", "16 million"))
    ingest([_write_articles(more, harbor)], settings=settings)  # the same URL, a new version
    view = view_of(Store(settings))
    [stored] = [a for a in view.articles.values() if a.title == _HARBOR[0]]
    texts = [p.text for p in view.passages if p.article_id == stored.id]
    assert any("16 million" in t for t in texts) and not any("14 million" in t for t in texts)


@pytest.mark.parametrize("overlap", [4, 0])
def test_the_passage_table_gives_back_every_passage_it_was_built_from(overlap: int) -> None:
    """A chunk's text and sentences are spans of its article's text, held once; whatever order
    Chroma returns the records in, each position gives back the very passage, text and sentences,
    including across the gap between chunks that share no sentence."""
    from qa.retrieval.passages import PassageTable
    from qa.types import Passage

    text = (
        " ".join(f"Sentence {i} says the council met on day {i}.  " for i in range(40)) + "Ünïcode ends it."
    )
    articles = [
        Article(title=f"Council {n}", text=text[n:], url=f"https://news.example/{n}", source=f"Outlet {n}")
        for n in range(3)
    ]
    expected = []
    for article in articles:
        for chunk in chunk_article(article, size=6, overlap=overlap):
            expected.append(
                Passage(
                    chunk_id=chunk.id,
                    article_id=article.id,
                    title=article.title,
                    text=chunk.text,
                    score=0.0,
                    sentences=chunk.sentences,
                    start=chunk.sentences[0].start,
                    url=article.url,
                    source=article.source,
                )
            )
    table = PassageTable(reversed(expected))
    expected.sort(key=lambda p: p.chunk_id)
    assert list(table) == expected
    assert table.chunk_ids == [p.chunk_id for p in expected]
    assert [table.source(i) for i in range(len(table))] == [p.source for p in expected]
    assert all(table.sentence_count(i) == len(p.sentences) for i, p in enumerate(expected))
    assert table[-1] == expected[-1] and table[1:3] == expected[1:3]
    with pytest.raises(IndexError):
        table[len(expected)]


def test_texts_appended_to_a_lexical_index_score_as_in_one_built_over_all() -> None:
    """With texts of equal length (so the average length the appended texts are weighed by is the
    same), appending in two steps gives the scores and weights of an index built at once,
    including for words only the appended texts use."""
    from qa.retrieval.lexical import LexicalIndex

    rng = np.random.default_rng(7)
    words = [f"word{i}" for i in range(60)]
    texts = [rng.choice(words[:50], size=8).tolist() for _ in range(40)]
    texts += [rng.choice(words, size=8).tolist() for _ in range(10)]

    def ids(batch: list[list[str]], vocabulary: dict[str, int]) -> list[list[int]]:
        return [
            [vocabulary.setdefault(t, len(vocabulary)) for t in tokenize(" ".join(text))] for text in batch
        ]

    everything: dict[str, int] = {}
    whole = LexicalIndex.of_ids(ids(texts, everything), everything)
    first: dict[str, int] = {}
    built = LexicalIndex.of_ids(ids(texts[:40], first), first)
    vocabulary = dict(built.vocabulary)
    appended = built.extended(ids(texts[40:45], vocabulary), vocabulary)
    appended = appended.extended(ids(texts[45:], vocabulary), vocabulary)
    assert appended.size == whole.size == 50
    for query in ("word1 word2", "word55", "word59 word3 word7", "word54 word58"):
        assert np.allclose(appended.scores(query), whole.scores(query), atol=1e-6)  # type: ignore[arg-type]
    assert appended.idf("word55") == pytest.approx(whole.idf("word55")) and built.idf("word55") == built.idf(
        "nowhere"
    )
    assert appended.idf("word1") == pytest.approx(whole.idf("word1")) != pytest.approx(built.idf("word1"))
