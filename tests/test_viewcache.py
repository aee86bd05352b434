"""The view cache: a new process opens a store from the saved view, and never from a stale one."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from qa import Settings, ingest
from qa.encode.embed import embedder_for
from qa.ingestion.index import chunk_article
from qa.retrieval.view import view_of
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
