"""The store: chunks, their vectors and article records in Chroma, and the commit protocol.

Chroma is the single source of truth. What retrieval derives from it (the BM25 view, qa/retrieval/view.py)
is brought up to date when the store's generation changes (`derived`), so the two never disagree.

Every sentence is embedded once, at ingest. Chroma's vector index holds a vector per chunk (the
normalised mean of its sentences', readable by any plain llama-index retriever); each chunk's
record also carries its sentences' vectors (qa/store/vectors.py), which the retrieval view holds
by sentence. Dense search takes the chunks nearest to the question and scores each by its best
sentence (a question's clause matches the one sentence that states it better than a
sixteen-sentence average), and answers score candidate sentences with the stored vectors instead
of encoding them per question.

Writes are ordered so a crash at any point leaves a readable store: an article's new chunks
go in first, then its record (the commit), then its old chunks go. Readers only see chunks
whose (article, version) matches a committed record. Before a write touches any record it
journals the ids of the articles it is about to write (in the articles collection's metadata,
beside the generation), and clears them when done; `repair()` reads that journal and deletes the
leftovers of those articles only, so its cost is that of the interrupted write, not of the store.

What an ingest asks of the store (is this article stored, which articles came from this file or
folder or URL, which might this one be a wire copy of) is answered through Chroma's metadata index
(SQLite, by key and value), never by reading every record.
"""

from __future__ import annotations

import contextlib
import json
import sys
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from qa.config import Settings
from qa.ingestion.copies import Signature, bands
from qa.ingestion.feeds import canonical_url
from qa.ingestion.fetch import is_url
from qa.ingestion.language import detect as detect_language
from qa.store.connection import drop_leftover_segments, folder_lock, open_client
from qa.store.nodes import chunk_metadata
from qa.store.vectors import chunk_vectors, packed, unpacked
from qa.types import Article, Chunk, Passage, Sentence, StoredArticle

T = TypeVar("T")

_PAGE = 1000  # records per Chroma `get` call: a page of chunks with their vectors is tens of MB
_UPGRADE_GROUP = 300  # chunks whose sentence vectors a layout upgrade moves at a time
_IN_LIMIT = 500  # values per `$in` filter, well under SQLite's limit on bound parameters
# Version of what a store holds; 2 added the sentences collection. An older store cannot be
# searched the same way, so opening one says to rebuild it rather than answering worse. 3 moved the
# sentence vectors into the chunk records (no vector index of sentences) and added the indexed
# lookup fields of article records (file, folder, url_key, the copy bands); a layout 2 store is
# upgraded in place when it is opened.
LAYOUT = 3
OPENABLE = (2, 3)  # layouts this qa opens (2 is upgraded first)


@dataclass(frozen=True)
class Encoded:
    """An article ready to commit: its chunks, a vector per sentence of the article (in order) and
    the vector its record in the articles collection holds (Chroma wants one; nothing searches it)."""

    article: Article
    chunks: Sequence[Chunk]
    sentence_vectors: np.ndarray
    record_vector: np.ndarray


class Store:
    """A persistent Chroma store of article chunks, their vectors, and article records."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._warming: threading.Thread | None = None  # loads the vector index (`_load_index`)
        self._lock = threading.RLock()
        self._derived: dict[str, tuple[int, Any]] = {}  # name -> (generation, value), see derived()
        self._client = open_client(settings)
        self._open_collections()
        # The generation this process's copy of an embedded folder was loaded at (qa/store/connection.py).
        self._loaded_at = self._generation()
        if self._layout() != LAYOUT:
            with self._writing():
                self._upgrade()
        # Chroma loads a collection's vector index on its first query or write (~1 s at 200k
        # chunks); a thread has it do so now, while the caller loads its view and encoder.
        self._warming = threading.Thread(target=self._load_index, name="qa-store-warm")
        self._warming.start()

    def _load_index(self) -> None:
        with contextlib.suppress(Exception):  # a store closed or removed meanwhile: nothing to warm
            found = self._chunks.get(limit=1, include=["embeddings"])
            if len(found["ids"]):
                self._chunks.query(query_embeddings=[list(found["embeddings"][0])], n_results=1, include=[])

    def _index_loaded(self) -> None:
        """Wait for the thread that loads the vector index (one index load, and no race with it)."""
        if self._warming is not None:
            self._warming.join()

    def _open_collections(self) -> None:
        settings = self.settings
        self._chunks = self._client.get_or_create_collection(
            f"{settings.collection}_chunks",
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine", "ef_search": settings.dense_search_ef}},
            metadata={"embedding_model": settings.embedding_model, "layout": LAYOUT},
        )
        self._search_ef_set()
        where = settings.chroma_url or settings.store
        built_with = (self._chunks.metadata or {}).get("embedding_model", settings.embedding_model)
        if built_with != settings.embedding_model:
            # Vectors of two models are not comparable: refuse rather than answer badly.
            raise ValueError(
                f"store {where} was built with embedding model {built_with!r}, "
                f"not {settings.embedding_model!r}: use another store folder or the same model"
            )
        layout = int((self._chunks.metadata or {}).get("layout", 1))
        if layout not in OPENABLE:
            raise ValueError(
                f"store {where} was built by an older version of qa (layout {layout}, now {LAYOUT}): "
                "ingest the articles again into a new store folder (or delete this one)"
            )
        self._articles = self._client.get_or_create_collection(
            f"{settings.collection}_articles",
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine"}},
        )

    def _search_ef_set(self) -> None:
        """Give the chunk index the search breadth of the settings (a store made before they held
        one, or with another, searches with its own): at Chroma's default of 100, a search for the
        100 nearest chunks found only 84-89 of them, and another set in each process, since each
        process rebuilds the part of the index written after its last save in its own order."""
        wanted = self.settings.dense_search_ef
        held = (self._chunks.configuration or {}).get("hnsw") or {}
        if held.get("ef_search") == wanted:
            return
        try:
            self._chunks.modify(configuration={"hnsw": {"ef_search": wanted}})
        except Exception as error:  # a read-only store still answers, with its own breadth
            print(f"qa: could not set the vector index's search breadth: {error}", file=sys.stderr)

    def _catch_up(self, generation: int) -> None:
        """Reload an embedded folder that another process committed to since this copy was loaded."""
        if self.settings.chroma_url or generation == self._loaded_at:
            return
        with folder_lock(self.settings, exclusive=False):
            self._reload()
            self._loaded_at = generation

    def _reload(self) -> None:
        """This process's copy of an embedded folder, loaded anew from disk (qa/store/connection.py)."""
        self._index_loaded()  # not while the warming thread reads the copy being replaced
        self._client = open_client(self.settings, fresh=True)
        self._open_collections()

    @contextmanager
    def _writing(self) -> Iterator[int]:
        """One writer at a time across processes, always writing on top of the latest commit; gives
        the generation the write makes."""
        self._index_loaded()
        with self._lock, folder_lock(self.settings, exclusive=True):
            generation = self._generation()
            if generation != self._loaded_at and not self.settings.chroma_url:
                self._reload()
            yield generation + 1
            # Every commit moves the generation, so no reader (nor a saved view) misses it, even
            # when the ingest that made it is killed before it ends.
            self._loaded_at = self._bump_generation()

    # --- reading ----------------------------------------------------------------------------

    def _generation(self) -> int:
        return int(self._articles_metadata().get("generation", 0))

    def generation(self) -> int:
        """The store's generation (moved by every commit), with this process's copy of an embedded
        folder brought up to it."""
        generation = self._generation()
        with self._lock:
            self._catch_up(generation)
        return generation

    def derived(self, name: str, build: Callable[[int, T | None], T]) -> T:
        """What `build(generation, previous)` derives from the committed state (the retrieval view),
        kept until another commit moves the generation: readers update it only after a writer, from
        what they held before (None the first time)."""
        generation = self.generation()
        with self._lock:
            held = self._derived.get(name)
            if held is None or held[0] != generation:
                held = (generation, build(generation, None if held is None else held[1]))
                self._derived[name] = held
            value: T = held[1]
            return value

    def identity(self) -> str:
        """What tells this store's collections from any other's (new ids when a store is recreated)."""
        return f"{self._chunks.id}:{self._articles.id}"

    def committed(self) -> tuple[dict[str, StoredArticle], Iterator[tuple[Passage, str]]]:
        """The committed articles, and their chunks as passages, each with its sentences' vectors
        as packed (qa/store/vectors.py; "" when missing), read page by page in Chroma's order
        (chunks of an interrupted write are left out: invisible until repaired)."""
        articles = self.articles()
        records = self._scan(self._chunks, include=["documents", "metadatas"])
        return articles, _committed_passages(articles, records)

    def committed_since(
        self, generation: int
    ) -> tuple[dict[str, StoredArticle], Iterator[tuple[Passage, str]]] | None:
        """What `committed()` gives, for the articles committed after `generation` only (found
        through the metadata index: the cost is that of the new articles, not of the store); None
        when an article was removed since, which a reader of the new articles alone cannot see.
        An article replaced since comes back in its new version."""
        if int(self._articles_metadata().get("removed", 0)) > generation:
            return None
        rows = self._get(self._articles, where={"committed": {"$gt": generation}})
        articles = {article_id: _stored_article(article_id, meta) for article_id, _, meta in rows}

        def records() -> Iterator[tuple[str, str | None, dict[str, Any]]]:
            for group in _batches(sorted(articles), _IN_LIMIT):
                page = self._chunks.get(
                    where={"article_id": {"$in": list(group)}}, include=["documents", "metadatas"]
                )
                yield from zip(page["ids"], page["documents"] or [], page["metadatas"] or [])

        return articles, _committed_passages(articles, records())

    def _scan(
        self, collection: Any, *, include: list[str]
    ) -> Iterator[tuple[str, str | None, dict[str, Any]]]:
        """Every record of `collection`, a page at a time (a whole store's records at once would
        take more memory than the view built from them)."""
        offset = 0
        while True:
            page = collection.get(include=include, limit=_PAGE, offset=offset)
            ids = page["ids"]
            documents = page.get("documents") or [None] * len(ids)
            yield from zip(ids, documents, page["metadatas"] or [{}] * len(ids))
            if len(ids) < _PAGE:
                return
            offset += _PAGE

    def articles(self, ids: Sequence[str] | None = None) -> dict[str, StoredArticle]:
        """Committed article records by id: those of `ids` that are stored, or all of them."""
        rows: Iterable[tuple[str, str | None, dict[str, Any]]]
        if ids is None:
            rows = self._scan(self._articles, include=["metadatas"])
        else:
            rows = self._get(self._articles, ids=list(dict.fromkeys(ids)))
        return {article_id: _stored_article(article_id, meta) for article_id, _, meta in rows}

    def articles_from(
        self, *, files: Sequence[str] = (), folders: Sequence[str] = (), urls: Sequence[str] = ()
    ) -> dict[str, StoredArticle]:
        """Committed articles read from one of these files, from a file directly in one of these
        folders, or published at one of these URLs (compared canonically:
        qa.ingestion.feeds.canonical_url)."""
        found: dict[str, StoredArticle] = {}
        for key, values in (("file", files), ("folder", folders), ("url_key", urls)):
            for group in _batches(list(dict.fromkeys(values)), _IN_LIMIT):
                rows = self._get(self._articles, where={key: {"$in": list(group)}})
                found |= {article_id: _stored_article(article_id, meta) for article_id, _, meta in rows}
        return found

    def fingerprints(self, near: Sequence[Signature]) -> list[tuple[str, str, Signature]]:
        """(article id, story, MinHash signature) of the stored articles that share an LSH band
        with one of the signatures `near` (qa/ingestion/copies.py): the only ones that can be their copies."""
        wanted: dict[str, set[str]] = {}
        for sig in near:
            for key, value in bands(sig).items():
                wanted.setdefault(key, set()).add(value)
        clauses: list[dict[str, Any]] = [
            {key: {"$in": sorted(values)[i : i + _IN_LIMIT]}}
            for key, values in wanted.items()
            for i in range(0, len(values), _IN_LIMIT)
        ]
        found: dict[str, tuple[str, str, Signature]] = {}
        for group in _batches(clauses, 64):
            where = group[0] if len(group) == 1 else {"$or": list(group)}
            for article_id, _, meta in self._get(self._articles, where=where):
                stored = Signature.decoded(str(meta.get("fingerprint", "")))
                if stored is not None:
                    found[article_id] = (article_id, str(meta.get("story", "")) or article_id, stored)
        return list(found.values())

    def _get(
        self, collection: Any, *, ids: list[str] | None = None, where: dict[str, Any] | None = None
    ) -> list[tuple[str, str | None, dict[str, Any]]]:
        """(id, None, metadata) of the records with these ids (in groups) or matching `where`."""
        rows: list[tuple[str, str | None, dict[str, Any]]] = []
        if ids is not None:
            for group in _batches(ids, _IN_LIMIT):
                page = collection.get(ids=list(group), include=["metadatas"])
                rows.extend((i, None, m or {}) for i, m in zip(page["ids"], page["metadatas"] or []))
            return rows
        page = collection.get(where=where, include=["metadatas"])
        return [(i, None, m or {}) for i, m in zip(page["ids"], page["metadatas"] or [])]

    def article_text(self, article_id: str) -> str:
        """The full text of a stored article (empty when there is no such article)."""
        found = self._articles.get(ids=[article_id], include=["documents"])
        documents = found.get("documents") or []
        return str(documents[0]) if documents else ""

    def counts(self) -> tuple[int, int]:
        """(articles, chunks) stored; chunks an interrupted write left count until the next ingest
        removes them."""
        return self._articles.count(), self._chunks.count()

    def nearest_chunks(self, vectors: np.ndarray, n: int) -> list[list[str]]:
        """For each vector, the ids of the `n` chunks whose vectors are nearest to it, nearest first.

        One batched call for all vectors. Filters (by source) are the caller's: Chroma's filtered
        search is 20x slower than this. The ids may include chunks of an interrupted write.
        """
        if not len(vectors):
            return []
        # Chroma returns what it holds when that is fewer than `n` (counting first costs 13 ms).
        self._index_loaded()
        found = self._chunks.query(query_embeddings=vectors.tolist(), n_results=n, include=[])
        return [list(ids) for ids in found["ids"]]

    def sentence_vectors(self, keys: Sequence[tuple[Passage, Sentence]]) -> np.ndarray | None:
        """The stored vectors of these sentences (rows in order), read from their chunks' records,
        or None if any is missing. (An answer reads them from its retrieval view, which holds
        every committed sentence's vector.)"""
        if not keys:
            return None
        counts = {p.chunk_id: len(p.sentences) for p, _ in keys}
        held = {
            chunk_id: unpacked(str(meta["vectors"]), counts[chunk_id])
            for chunk_id, _, meta in self._get(self._chunks, ids=sorted(counts))
            if meta.get("vectors")
        }
        if any(p.chunk_id not in held for p, _ in keys):
            return None
        return np.asarray(
            [held[p.chunk_id][s.index - p.sentences[0].index] for p, s in keys], dtype=np.float32
        )

    # --- writing ----------------------------------------------------------------------------

    def commit_articles(self, encoded: Sequence[Encoded]) -> None:
        """Store articles' sentences, chunks and records, replacing earlier versions of them.

        Batched: a few Chroma writes for the lot, not five an article (with hundreds of
        thousands of chunks stored, each write's cost grows). The order keeps a crash harmless: the
        new sentences and chunks, then the records (the commit), then the old versions' leftovers.
        """
        if not encoded:
            return
        ids: list[str] = []
        texts: list[str] = []
        vectors: list[list[float]] = []
        records: list[dict[str, Any]] = []
        for item in encoded:
            article, chunks, sentence_vectors = item.article, item.chunks, item.sentence_vectors
            for chunk, vector in zip(chunks, chunk_vectors(chunks, sentence_vectors)):
                ids.append(chunk.id)
                texts.append(chunk.text)
                vectors.append(vector.tolist())
                record = chunk_metadata(chunk.id, article.id, _chunk_metadata(article, chunk))
                # The packed sentence vectors stay out of the node JSON, which would hold them twice.
                records.append(
                    record | {"vectors": packed(sentence_vectors[[s.index for s in chunk.sentences]])}
                )
        size = self._client.get_max_batch_size()
        with self._writing() as made, self._journaled([item.article.id for item in encoded]):
            # In the layout llama-index's Chroma store writes (qa/store/nodes.py), so the collection
            # stays readable by any llama-index retriever (the benchmark's baseline reads it as a
            # VectorStoreIndex).
            for batch in _batches(list(range(len(ids))), size):
                self._chunks.add(
                    ids=[ids[i] for i in batch],
                    documents=[texts[i] for i in batch],
                    embeddings=[vectors[i] for i in batch],
                    metadatas=[records[i] for i in batch],
                )
            for items in _batches(list(encoded), size):
                self._articles.upsert(
                    ids=[item.article.id for item in items],
                    documents=[item.article.text for item in items],
                    embeddings=[item.record_vector.tolist() for item in items],
                    metadatas=[_article_metadata(item.article, len(item.chunks), made) for item in items],
                )
                # Versions are content hashes, so "another version of these articles" is exact.
                stale: Any = {
                    "$and": [
                        {"article_id": {"$in": [item.article.id for item in items]}},
                        {"version": {"$nin": [item.article.version for item in items]}},
                    ]
                }
                self._chunks.delete(where=stale)

    def remove_article(self, article_id: str) -> None:
        """Delete an article: its record first (so readers stop seeing it), then its chunks."""
        with self._writing() as made, self._journaled([article_id]):
            # Marked before anything goes: a reader's view built before this write must be built
            # anew, as it cannot tell a removed article from the new ones alone (`committed_since`).
            self._set_articles_metadata(removed=made)
            self._articles.delete(ids=[article_id])
            self._chunks.delete(where={"article_id": article_id})

    def repair(self) -> int:
        """Make the store ready for an ingest: delete the chunks that interrupted writes left (those
        of articles still in the journal that no committed version owns); return how many went.

        The journal is read first without the write lock: almost always it is empty, and then
        nothing is written, so the generation stays and no reader has to reload.
        """
        if not self._journal():
            return 0
        removed = 0
        with self._writing():
            journal = self._journal()
            touched = sorted({article_id for ids in journal.values() for article_id in ids})
            for group in _batches(touched, _IN_LIMIT):
                versions = sorted({a.version for a in self.articles(group).values()})
                leftovers: dict[str, Any] = {"article_id": {"$in": list(group)}}
                if versions:
                    leftovers = {"$and": [leftovers, {"version": {"$nin": versions}}]}
                removed += len(self._chunks.get(where=leftovers, include=[])["ids"])
                self._chunks.delete(where=leftovers)
            self._write_journal({token: None for token in journal})
        return removed

    # --- the journal of writes in progress ----------------------------------------------------

    @contextmanager
    def _journaled(self, article_ids: list[str]) -> Iterator[None]:
        """Journal the articles a write is about to touch, until it has ended without error."""
        token = uuid.uuid4().hex[:16]
        self._write_journal({token: article_ids})
        yield
        self._write_journal({token: None})

    def _journal(self) -> dict[str, list[str]]:
        """Writes begun and not ended: token -> ids of the articles each touches."""
        return dict(json.loads(str(self._articles_metadata().get("journal", "{}"))))

    def _write_journal(self, changes: dict[str, list[str] | None]) -> None:
        """Add entries to the journal, or drop those mapped to None."""
        journal = self._journal()
        for token, ids in changes.items():
            if ids is None:
                journal.pop(token, None)
            else:
                journal[token] = ids
        self._set_articles_metadata(journal=json.dumps(journal))

    def _articles_metadata(self) -> dict[str, Any]:
        """The articles collection's metadata as stored now (another process may have changed it)."""
        collection = self._client.get_collection(self._articles.name, embedding_function=None)
        return dict(collection.metadata or {})

    def _set_articles_metadata(self, **values: Any) -> None:
        collection = self._client.get_collection(self._articles.name, embedding_function=None)
        metadata = dict(collection.metadata or {}) | values
        metadata.pop("hnsw:space", None)  # legacy key chroma refuses in modify()
        collection.modify(metadata=metadata)

    def _layout(self) -> int:
        chunks = self._client.get_collection(self._chunks.name, embedding_function=None)
        return int((chunks.metadata or {}).get("layout", LAYOUT))

    def _upgrade(self) -> None:
        """Bring a layout 2 store to layout 3 (under the write lock), once: move the sentence vectors
        from their own collection (and its vector index) into the chunk records, and give every
        article record its lookup fields."""
        if self._layout() == LAYOUT:
            return
        where = self.settings.chroma_url or self.settings.store
        print(f"qa: upgrading the store at {where} to layout {LAYOUT}, once", file=sys.stderr)
        chunks = self._client.get_collection(self._chunks.name, embedding_function=None)
        size = self._client.get_max_batch_size()
        sentences = f"{self.settings.collection}_sentences"
        old = self._client.get_collection(sentences, embedding_function=None)
        for group in _batches(list(self._scan(chunks, include=["metadatas"])), _UPGRADE_GROUP):
            moved = _moved_vectors(old, group)
            for ids in _batches(list(moved), size):
                chunks.update(ids=list(ids), metadatas=[{"vectors": moved[i]} for i in ids])
        rows = list(self._scan(self._articles, include=["metadatas"]))
        for group in _batches(rows, size):
            self._articles.update(
                ids=[article_id for article_id, *_ in group],
                metadatas=[_lookup_fields(meta) for *_, meta in group],
            )
        # Views read from the old layout lack the sentence vectors: every reader builds its anew.
        self._set_articles_metadata(removed=self._generation() + 1)
        metadata = dict(chunks.metadata or {}) | {"layout": LAYOUT}
        metadata.pop("hnsw:space", None)
        chunks.modify(metadata=metadata)
        self._chunks = chunks
        self._client.delete_collection(sentences)
        if not self.settings.chroma_url:
            drop_leftover_segments(self.settings.store)

    def bump_generation(self) -> None:
        """Tell every reader (in any process) that the store changed."""
        with self._writing():
            pass

    def _bump_generation(self) -> int:
        """Tell every reader (in any process) that the store changed; return the new generation."""
        generation = self._generation() + 1
        self._set_articles_metadata(generation=generation)
        return generation


def _batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _moved_vectors(old: Any, chunks: Sequence[tuple[str, str | None, dict[str, Any]]]) -> dict[str, str]:
    """Chunk id -> its sentences' vectors, packed, read from a layout 2 store's sentences collection
    (ids "article:version:s<index>"); none for a chunk whose sentences are not all there."""
    wanted = {}
    for chunk_id, _, meta in chunks:
        first, count = int(meta.get("first_sentence", 0)), len(json.loads(str(meta.get("spans", "[]"))))
        prefix = f"{meta.get('article_id')}:{meta.get('version')}:s"
        wanted[chunk_id] = [f"{prefix}{first + i}" for i in range(count)]
    # Consecutive chunks share sentences: each is read once.
    found = old.get(
        ids=list(dict.fromkeys(i for ids in wanted.values() for i in ids)), include=["embeddings"]
    )
    by_id = dict(zip(found["ids"], found["embeddings"]))
    return {
        chunk_id: packed(np.asarray([by_id[i] for i in ids], dtype=np.float32))
        for chunk_id, ids in wanted.items()
        if ids and all(i in by_id for i in ids)
    }


def _described(article: Article) -> dict[str, Any]:
    """What both chunks and article records say about their article."""
    return {
        "version": article.version,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "published": article.published,
        "language": detect_language(article.text),
    }


def _chunk_metadata(article: Article, chunk: Chunk) -> dict[str, Any]:
    return _described(article) | {
        "article_id": article.id,
        "position": chunk.position,
        "start": chunk.start,
        "first_sentence": chunk.sentences[0].index,
        # Sentence spans in article coordinates: the unit of citation.
        "spans": json.dumps([[s.start, s.end] for s in chunk.sentences]),
    }


def _article_metadata(article: Article, chunks: int, committed: int) -> dict[str, Any]:
    described = _described(article) | {
        # The generation whose commit wrote it: readers find what is new since theirs by it.
        "committed": committed,
        "author": article.author,
        "origin": article.origin,
        "chunks": chunks,
        "story": article.story or article.id,
        "fingerprint": article.fingerprint,
    }
    return described | _lookup_fields(described)


def _lookup_fields(meta: dict[str, Any]) -> dict[str, Any]:
    """The indexed fields an ingest finds an article record by: the file (or page) it was read from,
    that file's folder, its canonical URL, and its copy-finding LSH bands."""
    file = str(meta.get("origin", "")).split("#", 1)[0]  # the page's address for a web article
    url = str(meta.get("url", ""))
    sig = Signature.decoded(str(meta.get("fingerprint", "")))
    return {
        "file": file,
        "folder": str(Path(file).parent) if file and not is_url(file) else "",
        "url_key": canonical_url(url) if url else "",
    } | (bands(sig) if sig is not None else {})


def _stored_article(article_id: str, meta: dict[str, Any]) -> StoredArticle:
    return StoredArticle(
        id=article_id,
        version=str(meta.get("version", "")),
        title=str(meta.get("title", "")),
        url=str(meta.get("url", "")),
        source=str(meta.get("source", "")),
        author=str(meta.get("author", "")),
        published=str(meta.get("published", "")),
        origin=str(meta.get("origin", "")),
        chunks=int(meta.get("chunks", 0)),
        language=str(meta.get("language", "")),
        story=str(meta.get("story", "")) or article_id,
    )


def _committed_passages(
    articles: dict[str, StoredArticle], records: Iterable[tuple[str, str | None, dict[str, Any]]]
) -> Iterator[tuple[Passage, str]]:
    """The chunk records of a committed version of `articles`, as passages with their sentences'
    packed vectors ("" when missing); chunks of an interrupted write are left out."""
    for chunk_id, text, meta in records:
        article = articles.get(str(meta.get("article_id")))
        if article is not None and article.version == meta.get("version"):
            yield _passage(chunk_id, text or "", meta, article), str(meta.get("vectors") or "")


def _passage(chunk_id: str, text: str, meta: dict[str, Any], article: StoredArticle) -> Passage:
    start = int(meta.get("start", 0))
    first = int(meta.get("first_sentence", 0))
    spans = json.loads(str(meta.get("spans", "[]")))
    sentences = tuple(
        Sentence(first + i, s, e, text[s - start : e - start]) for i, (s, e) in enumerate(spans)
    )
    return Passage(
        chunk_id=chunk_id,
        article_id=article.id,
        title=article.title,
        text=text,
        score=0.0,
        sentences=sentences,
        start=start,
        url=article.url,
        source=article.source,
        published=article.published,
    )
