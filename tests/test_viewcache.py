"""The view cache: a new process opens a store from the saved view, and never from a stale one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa import Settings, ingest
from qa.store import Store
from tests.conftest import SEED


def _no_rebuild(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(generation: int) -> None:
        raise AssertionError("the view was rebuilt instead of read from the cache")

    monkeypatch.setattr(store, "_build_view", refuse)


def test_a_new_process_reads_the_saved_view_and_a_commit_makes_it_stale(
    tmp_path: Path, empty_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = empty_settings.model_copy(update={"model_cache": tmp_path / "cache"})
    ingest([SEED], settings=settings)
    built = Store(settings).view()  # the first opener builds the view and saves it

    again = Store(settings)  # as a new process would open it
    with monkeypatch.context() as patched:
        _no_rebuild(again, patched)
        cached = again.view()
    assert cached.chunk_ids == built.chunk_ids
    question = "Peter Cook press secretary"
    assert list(cached.lexical.scores(question)) == list(built.lexical.scores(question))  # type: ignore[arg-type]

    (tmp_path / "more.jsonl").write_text(
        json.dumps({"title": "Bridge", "body": "The bridge reopened today."})
    )
    ingest([tmp_path / "more.jsonl"], settings=settings)  # a commit moves the generation on
    assert len(Store(settings).view().articles) == 2  # rebuilt, not the saved one-article view


def test_a_damaged_or_unwritable_cache_only_costs_the_rebuild(tmp_path: Path) -> None:
    settings = Settings(store=tmp_path / "store")
    ingest([SEED], settings=settings)
    Store(settings).view()
    [saved] = (tmp_path / "store").glob("qa-view-*.pickle")
    saved.write_bytes(saved.read_bytes()[:1000])  # truncated, as by a crash mid-write elsewhere
    assert len(Store(settings).view().passages) > 0
    saved.unlink()
    saved.mkdir()  # a folder where the file should go: the save fails, the answer does not
    assert len(Store(settings).view().passages) > 0


def test_the_cache_can_be_switched_off(tmp_path: Path) -> None:
    settings = Settings(store=tmp_path / "store", view_cache=False)
    ingest([SEED], settings=settings)
    Store(settings).view()
    assert not list((tmp_path / "store").glob("qa-view-*"))
