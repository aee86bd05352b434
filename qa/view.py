"""The retrieval view of a store: its committed passages with the BM25 indexes and lookups that
retrieval reads, built from what Chroma holds (qa/store.py) once per store generation, and kept on
disk between processes (qa/viewcache.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from qa import viewcache
from qa.lexical import LexicalIndex, tokenize
from qa.query import SourceCatalog
from qa.types import Passage, StoredArticle

if TYPE_CHECKING:
    from qa.store import Store


@dataclass(frozen=True)
class View:
    """Everything retrieval reads, loaded once per store generation."""

    generation: int
    articles: dict[str, StoredArticle]
    chunk_ids: list[str]
    position: dict[str, int]
    passages: list[Passage]
    lexical: LexicalIndex
    catalog: SourceCatalog  # the news sources stored, for recognising them in questions
    source_rows: dict[str, np.ndarray]  # source -> positions of its passages, for filters
    # BM25 over single sentences: a question's clause usually restates one sentence of an article,
    # which a 16-sentence chunk's BM25 score dilutes with the words of the other fifteen.
    sentence_lexical: LexicalIndex
    sentence_chunks: list[list[int]]  # sentence position -> positions of the chunks holding it
    sentence_source_rows: dict[str, np.ndarray]  # source -> positions of its sentences
    copies: dict[str, tuple[str, ...]]  # story -> its articles, for stories stored more than once

    def from_sources(self, sources: frozenset[str]) -> np.ndarray:
        """A mask of the passages whose article comes from one of `sources`."""
        return _mask(self.source_rows, len(self.passages), sources)

    def sentences_from_sources(self, sources: frozenset[str]) -> np.ndarray:
        """A mask of the sentences whose article comes from one of `sources`."""
        return _mask(self.sentence_source_rows, len(self.sentence_chunks), sources)


def view_of(store: Store) -> View:
    """The store's current retrieval view: rebuilt only when another writer committed since, and
    read from the view cache when a process already built it for this generation."""
    return store.derived("view", lambda generation: _cached_view(store, generation))


def _cached_view(store: Store, generation: int) -> View:
    if not store.settings.view_cache:
        return build_view(generation, *store.committed())
    key = f"{store.identity()}:{generation}:{viewcache.code_version()}"
    path = viewcache.path_for(store.settings)
    view = viewcache.load(path, key)
    if not isinstance(view, View):
        view = build_view(generation, *store.committed())
        viewcache.save(path, key, view)
    return view


def _mask(rows: dict[str, np.ndarray], size: int, sources: frozenset[str]) -> np.ndarray:
    # Set by stored positions: comparing every row's source string costs ~30 ms at 2M sentences.
    mask = np.zeros(size, dtype=bool)
    for source in sources:
        mask[rows.get(source, np.zeros(0, dtype=np.int64))] = True
    return mask


def _rows_by_source(sources: list[str]) -> dict[str, np.ndarray]:
    rows: dict[str, list[int]] = {}
    for position, source in enumerate(sources):
        rows.setdefault(source, []).append(position)
    return {source: np.asarray(found, dtype=np.int64) for source, found in rows.items()}


def build_view(generation: int, articles: dict[str, StoredArticle], passages: list[Passage]) -> View:
    """The view of committed `articles` and their `passages` (in a stable order)."""
    # Each sentence is tokenized once; a chunk's BM25 tokens are its article's title and source
    # and its sentences' tokens (tokenizing is most of the time it takes to open a store).
    holders: dict[str, list[int]] = {}
    sentence_tokens: dict[str, list[str]] = {}
    sentence_sources: list[str] = []
    headers: dict[str, list[str]] = {}
    chunk_tokens: list[list[str]] = []
    for i, passage in enumerate(passages):
        if passage.article_id not in headers:
            headers[passage.article_id] = tokenize(f"{passage.title}\n{passage.source}")
        tokens = list(headers[passage.article_id])
        for sentence in passage.sentences:
            key = f"{passage.article_id}:{passage.version}:{sentence.index}"
            if key not in holders:
                holders[key] = []
                sentence_tokens[key] = tokenize(sentence.text)
                sentence_sources.append(passage.source)
            holders[key].append(i)
            tokens += sentence_tokens[key]
        chunk_tokens.append(tokens)
    return View(
        generation=generation,
        articles=articles,
        chunk_ids=[p.chunk_id for p in passages],
        position={p.chunk_id: i for i, p in enumerate(passages)},
        passages=passages,
        lexical=LexicalIndex(chunk_tokens),
        catalog=SourceCatalog.of(a.source for a in articles.values()),
        source_rows=_rows_by_source([p.source for p in passages]),
        sentence_lexical=LexicalIndex(list(sentence_tokens.values())),
        sentence_chunks=list(holders.values()),  # dicts keep insertion order: one entry a sentence
        sentence_source_rows=_rows_by_source(sentence_sources),
        copies=_copies(articles),
    )


def _copies(articles: dict[str, StoredArticle]) -> dict[str, tuple[str, ...]]:
    """The stories held by several articles (wire copies), each with its articles, earliest first."""
    stories: dict[str, list[StoredArticle]] = {}
    for article in articles.values():
        stories.setdefault(article.story or article.id, []).append(article)
    return {
        story: tuple(a.id for a in sorted(held, key=lambda a: (a.published or "9999", a.id)))
        for story, held in stories.items()
        if len(held) > 1
    }
