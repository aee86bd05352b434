"""Ingestion into real Chroma with the real model: idempotent, replacing, and safe on bad input."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from qa import Settings, ask, ingest, remove
from qa.encode.embed import embedder_for
from qa.ingestion.index import chunk_article
from qa.pipeline import open_library, open_store
from qa.retrieval import viewcache
from qa.retrieval.retrieve import nearest
from qa.retrieval.view import view_of
from qa.store.store import Store
from qa.types import Article
from tests.conftest import SEED, free_port


def chunk_ids(settings: Settings) -> list[str]:
    return sorted(view_of(open_store(settings=settings)).chunk_ids)


def test_reingesting_the_same_article_changes_nothing(empty_settings: Settings) -> None:
    first = ingest([SEED], settings=empty_settings)
    assert (len(first.new), len(first.updated), len(first.unchanged)) == (1, 0, 0)
    assert first.chunks > 0
    before = chunk_ids(empty_settings)
    second = ingest([SEED], settings=empty_settings)
    assert (len(second.new), len(second.updated), len(second.unchanged), second.chunks) == (0, 0, 1, 0)
    assert chunk_ids(empty_settings) == before
    assert open_store(settings=empty_settings).counts() == (1, len(before))
    assert "0 new, 0 updated, 1 unchanged" in second.summary()


def test_changed_article_replaces_its_old_chunks(tmp_path: Path, empty_settings: Settings) -> None:
    record = {
        "title": "Budget",
        "url": "https://news.example/budget",
        "body": "The council passed the budget. It was late.",
    }
    path = tmp_path / "budget.json"
    path.write_text(json.dumps(record))
    ingest([path], settings=empty_settings)
    old = chunk_ids(empty_settings)
    path.write_text(
        json.dumps(record | {"body": "The council rejected the budget. A new vote is set for May."})
    )
    report = ingest([path], settings=empty_settings)
    assert (len(report.new), len(report.updated)) == (0, 1)
    new = chunk_ids(empty_settings)
    assert new and not set(new) & set(old)
    store = open_store(settings=empty_settings)
    assert store.counts() == (1, len(new))
    assert "rejected the budget" in store.article_text(report.updated[0])
    # Nothing of the old version is left in Chroma either, visible or not.
    assert store.repair() == 0


def test_edited_text_file_replaces_its_previous_version(tmp_path: Path, empty_settings: Settings) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Bridge Closed\n\nThe bridge closed on Monday.")
    ingest([tmp_path], settings=empty_settings)
    path.write_text("Bridge Closed\n\nThe bridge closed on Monday for repairs until June.")
    report = ingest([tmp_path], settings=empty_settings)
    assert (len(report.new), len(report.updated), len(report.removed)) == (0, 1, 0)
    store = open_store(settings=empty_settings)
    [article] = store.articles().values()
    assert "until June" in store.article_text(article.id)
    path.unlink()
    (tmp_path / "other.txt").write_text("Other\n\nSomething else happened.")
    assert ingest([tmp_path], settings=empty_settings).removed == []  # a deleted file is not a removal


def test_bad_files_are_reported_and_the_store_is_left_intact(
    tmp_path: Path, empty_settings: Settings
) -> None:
    ingest([SEED], settings=empty_settings)
    before = chunk_ids(empty_settings)
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text("Port Reopens\n\nThe port reopened on Friday after the strike ended.")
    (folder / "empty.txt").write_text("")
    (folder / "latin1.txt").write_bytes("Caf\xe9".encode("latin-1"))
    (folder / "broken.json").write_text('{"title": "x", "body": ')
    report = ingest([folder], settings=empty_settings)
    assert len(report.new) == 1
    assert sorted(Path(e.path).name for e in report.errors) == ["broken.json", "empty.txt", "latin1.txt"]
    after = chunk_ids(empty_settings)
    assert set(before) < set(after)
    assert open_store(settings=empty_settings).counts()[0] == 2


def test_a_broken_edit_never_deletes_the_good_version(tmp_path: Path, empty_settings: Settings) -> None:
    path = tmp_path / "feed.json"
    path.write_text(
        json.dumps([{"title": "A", "body": "Alpha happened."}, {"title": "B", "body": "Beta happened."}])
    )
    ingest([path], settings=empty_settings)
    path.write_text(json.dumps([{"title": "A", "body": "Alpha happened."}, {"title": "B"}]))
    report = ingest([path], settings=empty_settings)
    assert report.errors and not report.removed
    assert open_store(settings=empty_settings).counts()[0] == 2


def test_chunks_are_overlapping_windows_that_cover_every_sentence() -> None:
    article = Article(title="Seed", text=SEED.read_text(encoding="utf-8"))
    chunks = chunk_article(article, size=4, overlap=1)
    covered = sorted({s.index for c in chunks for s in c.sentences})
    assert covered == list(range(20))
    for chunk, following in pairwise(chunks):
        assert chunk.sentences[-1] == following.sentences[0]
    for chunk in chunks:
        assert article.text[chunk.start : chunk.end] == chunk.text
        assert len(chunk.sentences) <= 4


class _CrashingAtCommit:
    """An articles collection whose record writes fail, as a crash at the commit point would."""

    def __init__(self, collection: Any) -> None:
        self._collection = collection

    def __getattr__(self, name: str) -> Any:
        return getattr(self._collection, name)

    def upsert(self, **_: Any) -> None:
        raise RuntimeError("power cut")


def test_an_interrupted_write_is_journaled_and_repair_removes_only_its_leftovers(
    tmp_path: Path, empty_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest([SEED], settings=empty_settings)
    store = open_store(settings=empty_settings)
    visible = chunk_ids(empty_settings)
    before = store._chunks.count()
    path = tmp_path / "ferry.txt"
    path.write_text("Ferry fares rise\n\nFerry fares rose on Monday. The council approved the rise.")
    with monkeypatch.context() as patched:
        patched.setattr(store, "_articles", _CrashingAtCommit(store._articles))
        with pytest.raises(RuntimeError, match="power cut"):
            ingest([path], store=store)
    # The new article's chunk was written, but no record commits it: invisible.
    assert store._chunks.count() == before + 1
    assert chunk_ids(empty_settings) == visible
    [[pending]] = store._journal().values()  # the one write begun, with the one article it touched
    assert pending not in store.articles() and store.articles([pending]) == {}
    assert store.repair() == 1
    assert store._chunks.count() == before
    assert store._journal() == {} and store.repair() == 0
    assert chunk_ids(empty_settings) == visible


def test_a_store_refuses_a_different_embedding_model(seed_settings: Settings) -> None:
    other = seed_settings.model_copy(update={"embedding_model": "some-other-model"})
    with pytest.raises(ValueError, match="built with embedding model 'all-MiniLM-L6-v2'"):
        Store(other)


def test_a_chroma_server_is_shared_and_every_reader_sees_its_writes(
    chroma_server: str, tmp_path: Path
) -> None:
    collection = f"shared{uuid.uuid4().hex[:8]}"
    writer = Settings(store=tmp_path / "writer", chroma_url=chroma_server, collection=collection)
    reader = Store(Settings(store=tmp_path / "reader", chroma_url=chroma_server, collection=collection))
    assert reader.counts() == (0, 0)
    report = ingest([SEED], settings=writer)
    # The reader's BM25 index is rebuilt from the server when the store's generation moves on.
    assert reader.counts() == (1, report.chunks)
    assert view_of(reader).lexical.size == report.chunks
    assert reader.article_text(report.new[0]).startswith("Despite a ban")
    viewcache.path_for(writer).unlink(missing_ok=True)  # it sits in the user's cache folder


def test_an_unreachable_chroma_server_is_a_clear_error(tmp_path: Path) -> None:
    dead = Settings(store=tmp_path, chroma_url=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(
        ValueError, match=r"cannot reach the Chroma server at http://127\.0\.0\.1:\d+.*chroma run"
    ):
        Store(dead)


def test_every_sentence_is_embedded_once_and_served_back(empty_settings: Settings) -> None:
    ingest([SEED], settings=empty_settings)
    store = open_store(settings=empty_settings)
    passages = view_of(store).passages
    sentences = {(p.article_id, s.index): (p, s) for p in passages for s in p.sentences}
    assert len(sentences) == 20
    keys = list(sentences.values())
    stored = store.sentence_vectors(keys)
    assert stored is not None and stored.shape == (20, 384)
    encoded = embedder_for(empty_settings).encode([s.text for _, s in keys])
    # The same vectors as encoding the sentences now, up to int8's noise: dynamic quantization scales
    # each batch's activations by that batch, and ingest batched these sentences with others (in
    # batches of 16 where this machine encodes fastest so, the same sentence in two groupings meets
    # at cosine 0.986 or more; int8 against fp32 at 0.965 or more). Another sentence's vector is far
    # further off.
    assert np.all(np.sum(stored * encoded, axis=1) > 0.98)
    # The retrieval view holds the same vectors by sentence, for answers to read without Chroma.
    held = view_of(store).stored_vectors(keys)
    assert held is not None and np.allclose(held, stored, atol=1e-6)
    # Dense search scores chunks by their best sentence: the nearest holds the sentence asked about.
    [near, *_] = nearest(store, view_of(store), encoded[[5]], 10)[0]
    assert 5 in {s.index for s in passages[near[0]].sentences} and near[1] > 0.99
    # Only chunks are in Chroma's vector index; sentence vectors are in the chunk records.
    assert [c.name for c in store._client.list_collections()].count("news_sentences") == 0


def test_a_sentence_two_articles_share_is_encoded_once(tmp_path: Path, empty_settings: Settings) -> None:
    boilerplate = "Sign up for our daily newsletter to get the latest news."
    for name, story in (("ferry", "The ferry strike ended on Monday."), ("bridge", "The bridge reopened.")):
        (tmp_path / f"{name}.txt").write_text(f"{name.title()}\n\n{story} {boilerplate}\n", encoding="utf-8")
    library = open_library(settings=empty_settings)
    encoded: list[str] = []
    encode = library.embedder.encode

    def recording(texts: Sequence[str]) -> np.ndarray:
        encoded.extend(texts)
        return encode(texts)

    library.embedder.encode = recording  # type: ignore[method-assign]
    ingest([tmp_path], store=library)
    assert encoded.count(boilerplate) == 1 and len(encoded) == len(set(encoded)) == 3
    # Both articles cite it, with the one vector.
    keys = [(p, s) for p in view_of(library.store).passages for s in p.sentences if s.text == boilerplate]
    vectors = library.store.sentence_vectors(keys)
    assert len(keys) == 2 and vectors is not None and np.allclose(vectors[0], vectors[1])


def test_chunk_records_are_what_llama_index_writes_and_a_llama_index_retriever_reads_them(
    empty_settings: Settings,
) -> None:
    from llama_index.core import VectorStoreIndex
    from llama_index.core.embeddings import BaseEmbedding
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode
    from llama_index.core.vector_stores.utils import node_to_metadata_dict
    from llama_index.vector_stores.chroma import ChromaVectorStore

    ingest([SEED], settings=empty_settings)
    store = open_store(settings=empty_settings)
    record = store._chunks.get(limit=1, include=["metadatas", "documents"])
    chunk_id, meta, text = record["ids"][0], dict(record["metadatas"][0]), record["documents"][0]
    # The record llama-index's ChromaVectorStore would write for the same node (the packed sentence
    # vectors are the store's own field beside it).
    own = {
        k: v for k, v in meta.items() if k != "vectors" and not k.startswith("_") and not k.endswith("doc_id")
    }
    own.pop("document_id")
    node = TextNode(
        id_=chunk_id,
        text=text,
        metadata=own,
        relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=meta["article_id"])},
    )
    theirs = node_to_metadata_dict(node, remove_text=True, flat_metadata=True)
    ours = {k: v for k, v in meta.items() if k != "vectors"}
    # Chroma hands metadata back in its own key order: the node JSON is compared as data.
    assert json.loads(theirs.pop("_node_content")) == json.loads(ours.pop("_node_content"))
    assert theirs == ours

    embedder = embedder_for(empty_settings)

    class Encoder(BaseEmbedding):  # the store's own encoder, so the query vector matches the chunks'
        def _get_query_embedding(self, query: str) -> list[float]:
            return [float(x) for x in embedder.encode([query])[0]]

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._get_query_embedding(text)

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

    index = VectorStoreIndex.from_vector_store(
        ChromaVectorStore(chroma_collection=store._chunks), embed_model=Encoder()
    )
    (found,) = index.as_retriever(similarity_top_k=1).retrieve(text)  # a chunk's own text finds it
    assert found.node.node_id == chunk_id and found.node.get_content() == text
    assert found.node.ref_doc_id == meta["article_id"] and found.node.metadata["title"] == meta["title"]


def test_a_new_version_replaces_its_sentence_vectors(tmp_path: Path, empty_settings: Settings) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nThe first version has this sentence. And another one here.")
    ingest([article], settings=empty_settings)
    article.write_text("Title\n\nThe second version is different. It has three sentences. Really.")
    ingest([article], settings=empty_settings)
    store = open_store(settings=empty_settings)
    [passage] = view_of(store).passages
    keys = [(passage, s) for s in passage.sentences]
    encoded = embedder_for(empty_settings).encode([s.text for s in passage.sentences])
    for stored in (store.sentence_vectors(keys), view_of(store).stored_vectors(keys)):
        assert stored is not None and stored.shape == (3, 384)
        assert np.all(np.sum(stored * encoded, axis=1) > 0.99)
    assert store._chunks.count() == 1 and store.repair() == 0


def test_a_store_of_an_older_layout_is_refused_with_what_to_do(tmp_path: Path) -> None:
    import chromadb

    old = chromadb.PersistentClient(path=str(tmp_path / "old"))
    old.create_collection("news_chunks", metadata={"embedding_model": "all-MiniLM-L6-v2"})
    with pytest.raises(ValueError, match=r"older version of qa \(layout 1, now 3\).*ingest the articles"):
        Store(Settings(store=tmp_path / "old"))


def write_article(folder: Path, name: str, title: str, body: str, url: str = "") -> Path:
    path = folder / name
    front = f"---\ntitle: {title}\nurl: {url}\n---\n" if url else f"{title}\n\n"
    path.write_text(front + body + "\n", encoding="utf-8")
    return path


def test_articles_are_removed_by_id_url_or_file_and_an_unknown_target_is_named(
    empty_settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    write_article(
        folder, "ferry.txt", "Ferry fares rise", "Ferry fares in Dunmore rose by ten percent on Monday."
    )
    bridge = write_article(
        folder, "bridge.txt", "Bridge closes", "The Dunmore bridge closed for repairs on Friday."
    )
    write_article(
        folder, "park.txt", "Park opens", "Dunmore opened a skate park.", url="https://x.example/park"
    )
    ingest([folder], settings=empty_settings)
    store = open_store(settings=empty_settings)
    ferry_id = next(i for i, a in store.articles().items() if a.title == "Ferry fares rise")

    removed, unknown = remove(
        [ferry_id, "https://x.example/park", str(bridge), "nope"], settings=empty_settings
    )
    assert sorted(a.title for a in removed) == ["Bridge closes", "Ferry fares rise", "Park opens"]
    assert unknown == ["nope"]
    assert store.articles() == {} and store.counts() == (0, 0)
    assert ask("When did the Dunmore bridge close?", settings=empty_settings).abstained


def test_removing_articles_loads_no_encoder(tmp_path: Path) -> None:
    """`qa remove` encodes nothing, so it does not wait for a model to load (a second or two)."""
    settings = Settings(store=tmp_path / "store")
    assert remove(["nope"], settings=settings) == ([], ["nope"])
    for warming in [t for t in threading.enumerate() if t.name == "qa-encoder-warm"]:
        warming.join()  # had it started loading a model, it has now
    assert not open_library(settings=settings).embedder.loaded


def test_ingest_sync_mirrors_a_folder(empty_settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    kept = write_article(
        folder, "ferry.txt", "Ferry fares rise", "Ferry fares in Dunmore rose by ten percent."
    )
    gone = write_article(
        folder, "bridge.txt", "Bridge closes", "The Dunmore bridge closed for repairs on Friday."
    )
    ingest([folder, SEED], settings=empty_settings)
    gone.unlink()
    assert ingest([folder], settings=empty_settings).removed == []  # without --sync nothing goes
    report = ingest([folder], settings=empty_settings, sync=True)
    assert [report.titles[i] for i in report.removed] == ["Bridge closes"]
    titles = sorted(a.title for a in open_store(settings=empty_settings).articles().values())
    assert "Bridge closes" not in titles and "Ferry fares rise" in titles and len(titles) == 2  # seed stays
    assert kept.exists()


def test_a_layout_2_store_is_upgraded_in_place_when_opened(tmp_path: Path) -> None:
    import chromadb

    from qa.store.vectors import unpacked

    settings = Settings(store=tmp_path / "store")
    folder = tmp_path / "news"
    folder.mkdir()
    ferry = write_article(folder, "ferry.txt", "Ferry fares rise", "Ferry fares in Dunmore rose on Monday.")
    ingest([folder, SEED], settings=settings)
    before = {p.chunk_id: [s.text for s in p.sentences] for p, _ in Store(settings).committed()[1]}
    # Turn it into what qa wrote before layout 3: sentence vectors in a collection of their own, no
    # vectors in the chunk records, no lookup fields in the article records.
    raw = chromadb.PersistentClient(path=str(settings.store))
    chunks, articles = raw.get_collection("news_chunks"), raw.get_collection("news_articles")
    sentences = raw.create_collection("news_sentences", configuration={"hnsw": {"space": "cosine"}})
    found = chunks.get(include=["metadatas"])
    vectors = {}
    for meta in found["metadatas"]:
        spans = json.loads(str(meta["spans"]))
        rows = unpacked(str(meta["vectors"]), len(spans))
        ids = [
            f"{meta['article_id']}:{meta['version']}:s{int(meta['first_sentence']) + i}"
            for i in range(len(spans))
        ]
        sentences.upsert(ids=ids, embeddings=rows.tolist())
        vectors |= dict(zip(ids, rows))
    chunks.update(ids=found["ids"], metadatas=[{"vectors": None} for _ in found["ids"]])  # None deletes
    ids = articles.get()["ids"]
    lookup = {"file", "folder", "url_key"} | {f"lsh{i}" for i in range(64)}
    articles.update(ids=ids, metadatas=[dict.fromkeys(lookup) for _ in ids])
    chunks.modify(metadata={**(chunks.metadata or {}), "layout": 2})
    del raw

    store = Store(settings)  # upgrades
    assert store._chunks.metadata["layout"] == 3
    assert "news_sentences" not in [c.name for c in store._client.list_collections()]
    assert len([d for d in settings.store.iterdir() if d.is_dir()]) == 2  # chunks' and articles' indexes
    passages = view_of(store).passages
    assert {p.chunk_id: [s.text for s in p.sentences] for p in passages} == before
    keys = [(p, s) for p in passages for s in p.sentences]
    moved = store.sentence_vectors(keys)
    kept = np.asarray([vectors[f"{p.article_id}:{p.version}:s{s.index}"] for p, s in keys])
    assert moved is not None and np.all(np.sum(moved * kept, axis=1) > 0.999)
    assert [a.title for a in store.articles_from(files=[str(ferry)]).values()] == ["Ferry fares rise"]
    assert "Peter Cook" in ask("Who is the Pentagon press secretary?", settings=settings).text


def _made_up_articles(folder: Path, count: int, seed: int) -> None:
    """`count` articles of different made-up words, so none is taken for a copy of another."""
    rng = np.random.default_rng(seed)
    letters = list("abcdefghijklmnoprstuvw")
    folder.mkdir()
    for n in range(count):
        sentences = [
            " ".join("".join(rng.choice(letters, 6)) for _ in range(9)).capitalize() + "." for _ in range(6)
        ]
        (folder / f"a{n}.txt").write_text(f"Report {n}\n\n" + " ".join(sentences))


def test_ingesting_one_article_reads_as_many_records_whatever_the_store_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chromadb.api.models.Collection import Collection

    read: list[int] = []
    get, query = Collection.get, Collection.query

    def counted_get(self: Collection, *args: Any, **kwargs: Any) -> Any:
        found = get(self, *args, **kwargs)
        read.append(len(found["ids"]))
        return found

    def counted_query(self: Collection, *args: Any, **kwargs: Any) -> Any:
        found = query(self, *args, **kwargs)
        read.append(sum(len(ids) for ids in found["ids"]))
        return found

    def records_read(stored: int) -> int:
        """Records read from Chroma to add one article to a store of `stored` and edit another."""
        settings = Settings(store=tmp_path / f"store{stored}")
        folder = tmp_path / f"news{stored}"
        _made_up_articles(folder, stored, seed=stored)
        ingest([folder], settings=settings)
        (folder / "a0.txt").write_text((folder / "a0.txt").read_text() + " Edited later.")
        write_article(folder, "new.txt", "Ferry fares rise", "Ferry fares in Dunmore rose on Monday.")
        read.clear()
        with monkeypatch.context() as patched:
            patched.setattr(Collection, "get", counted_get)
            patched.setattr(Collection, "query", counted_query)
            report = ingest([folder / "a0.txt", folder / "new.txt"], settings=settings)
        assert (len(report.new), len(report.updated), len(report.unchanged)) == (1, 1, 0)
        return sum(read)

    small, large = records_read(3), records_read(60)
    assert small == large  # the edited article's record, found by id and by its file
    assert large < 10
