"""The view cache: a new process opens a store from the saved view, and never from a stale one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa import Settings, ingest
from qa.embed import embedder_for
from qa.index import chunk_article
from qa.store import Encoded, Store
from qa.types import Article, sentences_of
from qa.view import view_of
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
