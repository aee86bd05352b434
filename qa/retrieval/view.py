"""The retrieval view of a store: its committed passages with the BM25 indexes, sentence vectors
and lookups that retrieval and answers read, built from what Chroma holds (qa/store/store.py) once per
store generation, and kept on disk between processes (qa/retrieval/viewcache.py)."""

from __future__ import annotations

import contextlib
import ctypes
import gc
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from qa.retrieval import viewcache
from qa.retrieval.lexical import LexicalIndex, tokenize
from qa.retrieval.passages import PassageTable
from qa.retrieval.query import SourceCatalog
from qa.store.vectors import quantized
from qa.types import Passage, Sentence, StoredArticle

if TYPE_CHECKING:
    from qa.store.store import Store


@dataclass(frozen=True)
class SentenceVectors:
    """The vector every sentence was stored with at ingest: int8 rows, each with the scale that
    makes it a unit vector, in the order the build read them, and the row of each sentence
    position. Reading them here costs microseconds; reading them from the chunks' records in Chroma
    cost 20-100 ms a question."""

    rows: np.ndarray  # (rows, dimensions) int8; the last row is zeros, for sentences without one
    scales: np.ndarray  # (rows + appended rows,) float32; 0 for the zero row
    row: np.ndarray  # (sentences,) int32: sentence position -> its row
    # The rows of sentences added after the build (`extended`), numbered on after `rows`: the
    # built rows, most of a view's size, stay where they are (mapped from the view cache).
    appended: np.ndarray | None = None

    def of(self, positions: np.ndarray) -> np.ndarray:
        """The unit vectors of the sentences at `positions`, as float32 rows (zeros where the
        store held none)."""
        rows = self.row[positions]
        if self.appended is None:
            vectors: np.ndarray = self.rows[rows].astype(np.float32) * self.scales[rows, None]
            return vectors
        built = rows < len(self.rows)
        gathered = np.empty((len(rows), self.rows.shape[1]), dtype=np.float32)
        gathered[built] = self.rows[rows[built]]
        gathered[~built] = self.appended[rows[~built] - len(self.rows)]
        gathered *= self.scales[rows, None]
        return gathered

    def held(self, positions: np.ndarray) -> bool:
        """Whether every sentence at `positions` has a stored vector."""
        return bool(self.scales[self.row[positions]].all())

    def extended(self, added: SentenceVectors) -> SentenceVectors:
        """These vectors and then `added`'s, for the sentence positions after these."""
        zero = len(self.rows) - 1
        if added.rows.shape[1] != self.rows.shape[1]:  # stored without vectors: none to add
            return replace(self, row=np.concatenate([self.row, np.full(len(added.row), zero, np.int32)]))
        first = len(self.rows) + (0 if self.appended is None else len(self.appended))
        added_count = len(added.rows) - 1  # `added`'s own zero row is dropped for this one
        row = np.where(added.row == added_count, zero, added.row + first).astype(np.int32)
        appended = (
            added.rows[:added_count]
            if self.appended is None
            else np.concatenate([self.appended, added.rows[:added_count]])
        )
        return SentenceVectors(
            self.rows,
            np.concatenate([self.scales, added.scales[:added_count]]),
            np.concatenate([self.row, row]),
            appended,
        )


@dataclass(frozen=True)
class View:
    """Everything retrieval reads, loaded once per store generation."""

    generation: int
    articles: dict[str, StoredArticle]
    passages: PassageTable
    position: dict[str, int]  # chunk id -> its position in `passages`
    lexical: LexicalIndex
    catalog: SourceCatalog  # the news sources stored, for recognising them in questions
    source_rows: dict[str, np.ndarray]  # source -> positions of its passages, for filters
    # BM25 over single sentences: a question's clause usually restates one sentence of an article,
    # which a 16-sentence chunk's BM25 score dilutes with the words of the other fifteen.
    sentence_lexical: LexicalIndex
    # The chunks holding each sentence (one, or two where consecutive chunks overlap), as one
    # array: sentence s is held by holder_chunks[holder_starts[s] : holder_starts[s + 1]].
    holder_starts: np.ndarray
    holder_chunks: np.ndarray
    sentence_source_rows: dict[str, np.ndarray]  # source -> positions of its sentences
    copies: dict[str, tuple[str, ...]]  # story -> its articles, for stories stored more than once
    # The sentence positions of each chunk, in order, in the passage table's sentence rows: chunk c
    # holds chunk_sentences[chunk_sentence_starts[c] : chunk_sentence_starts[c + 1]].
    chunk_sentences: np.ndarray
    vectors: SentenceVectors
    appended_chunks: int = 0  # chunks added by `extended` since the view was built

    def extended(
        self, generation: int, articles: dict[str, StoredArticle], chunks: Iterable[tuple[Passage, str]]
    ) -> View:
        """This view with newly committed `articles` and their chunks (read once, in any order)
        after its own: what is already in it keeps its position, and the work is that of the new
        chunks plus copying the view's small per-sentence arrays (its BM25 matrices and vectors
        are shared, not copied)."""
        vectors = _VectorsBuilder()
        table = self.passages.extended(_reading(chunks, vectors), {a.id: a.chunks for a in articles.values()})
        vocabulary = dict(self.sentence_lexical.vocabulary)
        read = _read(table, len(self.passages), self.sentence_count, vocabulary, vectors)
        every = self.articles | articles
        return View(
            generation=generation,
            articles=every,
            passages=table,
            position=self.position | {table.chunk_ids[i]: i for i in range(len(self.passages), len(table))},
            lexical=self.lexical.extended(read.chunk_tokens, vocabulary),
            catalog=SourceCatalog.of(a.source for a in every.values()),
            source_rows=_joined_rows(self.source_rows, read.chunk_sources, len(self.passages)),
            sentence_lexical=self.sentence_lexical.extended(read.sentence_tokens, vocabulary),
            holder_starts=np.concatenate(
                [self.holder_starts, read.holder_starts[1:] + self.holder_starts[-1]]
            ),
            holder_chunks=np.concatenate([self.holder_chunks, read.holder_chunks]),
            sentence_source_rows=_joined_rows(
                self.sentence_source_rows, read.sentence_sources, self.sentence_count
            ),
            copies=_copies(every),
            chunk_sentences=np.concatenate([self.chunk_sentences, read.chunk_sentences]),
            vectors=self.vectors.extended(vectors.built()),
            appended_chunks=self.appended_chunks + len(table) - len(self.passages),
        )

    @property
    def chunk_ids(self) -> list[str]:
        return self.passages.chunk_ids

    @property
    def sentence_count(self) -> int:
        return len(self.holder_starts) - 1

    def chunks_holding(self, sentence: int) -> np.ndarray:
        """The positions of the chunks that hold sentence `sentence` of the sentence index."""
        return self.holder_chunks[self.holder_starts[sentence] : self.holder_starts[sentence + 1]]

    @property
    def chunk_sentence_starts(self) -> np.ndarray:
        return self.passages.sentence_starts

    def stored_vectors(self, keys: Sequence[tuple[Passage, Sentence]]) -> np.ndarray | None:
        """The stored vectors of these sentences of this view's passages (rows in order), or None
        when one is not in the view or was stored without a vector."""
        positions = []
        for passage, sentence in keys:
            chunk = self.position.get(passage.chunk_id)
            offset = sentence.index - passage.sentences[0].index if passage.sentences else -1
            if chunk is None or not 0 <= offset < self.passages.sentence_count(chunk):
                return None
            positions.append(self.chunk_sentences[self.chunk_sentence_starts[chunk] + offset])
        at = np.asarray(positions, dtype=np.int64)
        if not len(at) or not self.vectors.held(at):
            return None
        return self.vectors.of(at)

    def article_passages(self, article_id: str) -> list[Passage]:
        """Every chunk of one stored article, in reading order (answers look in the whole article
        for how it first names someone)."""
        return sorted(
            (self.passages[i] for i in self.passages.positions_of(article_id)), key=lambda p: p.start
        )

    def from_sources(self, sources: frozenset[str]) -> np.ndarray:
        """A mask of the passages whose article comes from one of `sources`."""
        return _mask(self.source_rows, len(self.passages), sources)

    def sentences_from_sources(self, sources: frozenset[str]) -> np.ndarray:
        """A mask of the sentences whose article comes from one of `sources`."""
        return _mask(self.sentence_source_rows, self.sentence_count, sources)


def view_of(store: Store) -> View:
    """The store's current retrieval view: brought up to date only when another writer committed
    since, and read from the view cache when a process already built it."""
    return store.derived("view", lambda generation, held: _current(store, generation, held))


# A view is extended with the articles committed since it was built until these hold a quarter
# as many chunks as it was built from (and at least a thousand); then it is built anew (amortised,
# a build costs a chunk a few milliseconds wherever it comes in).
_EXTEND_UP_TO = 0.25
_EXTEND_AT_LEAST = 1000
# A view extended by at least this share of its chunks is saved to the view cache, so the next
# process need not read them again; a smaller extension is cheaper to redo in each new process
# (reading and tokenizing the new articles) than writing the whole view (at 200k chunks, ~2 GB).
_SAVE_SHARE = 0.005


def _current(store: Store, generation: int, held: View | None) -> View:
    cache = viewcache.path_for(store.settings) if store.settings.view_cache else None
    key = f"{store.identity()}:{viewcache.code_version()}"
    if held is None and cache is not None:
        loaded = viewcache.load(cache, key)
        held = loaded if isinstance(loaded, View) else None
    if held is not None and held.generation >= generation:
        return held  # (a newer one: another process saved it since this one read the generation)
    if held is not None and (view := _extended(store, held, generation)) is not None:
        worth_saving = len(view.passages) - len(held.passages) >= _SAVE_SHARE * len(view.passages)
    else:
        view, worth_saving = _built(store, generation), True
    if cache is not None and worth_saving:
        viewcache.save(cache, key, view)
    return view


def _extended(store: Store, view: View, generation: int) -> View | None:
    """`view` with the articles committed since it was built, or None when it must be built anew:
    an article was removed or replaced since, or too much was added."""
    changes = store.committed_since(view.generation)
    if changes is None or not len(view.passages):
        return None
    articles, chunks = changes
    new = {i: article for i, article in articles.items() if i not in view.articles}
    if any(view.articles[i].version != article.version for i, article in articles.items() if i not in new):
        return None  # replaced: its old chunks are in the view
    if not new:  # (a commit of nothing new, or of what the view already held)
        return replace(view, generation=generation)
    built = len(view.passages) - view.appended_chunks
    if view.appended_chunks + sum(a.chunks for a in new.values()) > max(
        _EXTEND_UP_TO * built, _EXTEND_AT_LEAST
    ):
        return None
    return view.extended(generation, new, ((p, packed) for p, packed in chunks if p.article_id in new))


def _built(store: Store, generation: int) -> View:
    view = build_view(generation, *store.committed())
    _release_freed_memory()
    return view


def _release_freed_memory() -> None:
    """Give the memory the build freed back to the system. glibc's allocator keeps freed blocks
    for reuse, so a process that built a view would otherwise go on holding the build's peak
    (at 54k chunks: 1.4 GB resident for a 0.2 GB view)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc (macOS, musl): nothing to trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _mask(rows: dict[str, np.ndarray], size: int, sources: frozenset[str]) -> np.ndarray:
    # Set by stored positions: comparing every row's source string costs ~30 ms at 2M sentences.
    mask = np.zeros(size, dtype=bool)
    for source in sources:
        mask[rows.get(source, np.zeros(0, dtype=np.int64))] = True
    return mask


def _rows_by_source(sources: list[str], first: int = 0) -> dict[str, np.ndarray]:
    """The positions (counted from `first`) of each source's rows."""
    rows: dict[str, list[int]] = {}
    for position, source in enumerate(sources, start=first):
        rows.setdefault(source, []).append(position)
    return {source: np.asarray(found, dtype=np.int64) for source, found in rows.items()}


def _joined_rows(rows: dict[str, np.ndarray], sources: list[str], first: int) -> dict[str, np.ndarray]:
    """`rows` with the rows of `sources`, numbered from `first`, added."""
    added = _rows_by_source(sources, first)
    return rows | {s: np.concatenate([rows[s], found]) if s in rows else found for s, found in added.items()}


def build_view(
    generation: int, articles: dict[str, StoredArticle], chunks: Iterable[tuple[Passage, str]]
) -> View:
    """The view of committed `articles` and their chunks: passages, each with its sentences'
    vectors as the store packs them (read once, in any order)."""
    vectors = _VectorsBuilder()
    table = PassageTable(
        _reading(chunks, vectors), {article.id: article.chunks for article in articles.values()}
    )
    vocabulary: dict[str, int] = {}
    read = _read(table, 0, 0, vocabulary, vectors)
    return View(
        generation=generation,
        articles=articles,
        passages=table,
        position={chunk_id: i for i, chunk_id in enumerate(table.chunk_ids)},
        lexical=LexicalIndex.of_ids(read.chunk_tokens, vocabulary),
        catalog=SourceCatalog.of(a.source for a in articles.values()),
        source_rows=_rows_by_source(read.chunk_sources),
        sentence_lexical=LexicalIndex.of_ids(read.sentence_tokens, vocabulary),
        holder_starts=read.holder_starts,
        holder_chunks=read.holder_chunks,
        sentence_source_rows=_rows_by_source(read.sentence_sources),
        copies=_copies(articles),
        chunk_sentences=read.chunk_sentences,
        vectors=vectors.built(),
    )


def _reading(chunks: Iterable[tuple[Passage, str]], vectors: _VectorsBuilder) -> Iterable[Passage]:
    """The passages of `chunks`, handing each one's packed sentence vectors to `vectors` on the way."""
    for passage, packed in chunks:
        vectors.read(passage, packed)
        yield passage


@dataclass(frozen=True)
class _Read:
    """What one pass over a passage table's chunks gives the view's indexes (for the chunks from a
    position on: a build reads them all, an extension the new ones)."""

    chunk_tokens: list[array[int]]  # each chunk's BM25 tokens: its article's title and source, its sentences
    chunk_sources: list[str]
    sentence_tokens: list[array[int]]  # each sentence's, once, in the order the chunks hold them
    sentence_sources: list[str]
    holder_starts: np.ndarray  # sentence s (counted from the first read) is held by the chunks ...
    holder_chunks: np.ndarray  # ... holder_chunks[holder_starts[s] : holder_starts[s + 1]]
    chunk_sentences: np.ndarray  # each chunk's sentence positions, chunk after chunk


def _read(
    table: PassageTable, start: int, first_sentence: int, vocabulary: dict[str, int], vectors: _VectorsBuilder
) -> _Read:
    """Read `table`'s chunks from position `start` on, numbering their sentences from
    `first_sentence`. Each sentence is tokenized once, into ids of `vocabulary` (which gains the new
    words); tokenizing is most of the time it takes to build a view."""

    def token_ids(text: str) -> array[int]:  # 4 bytes a token, not a list's 8
        return array("i", [vocabulary.setdefault(token, len(vocabulary)) for token in tokenize(text)])

    sentence_position: dict[tuple[int, int], int] = {}
    sentence_tokens: list[array[int]] = []
    sentence_sources: list[str] = []
    holders = array("q")  # (sentence position, chunk position) pairs, both counted from the first read
    chunk_sentences = array("i")
    headers: dict[str, array[int]] = {}
    chunk_tokens: list[array[int]] = []
    chunk_sources: list[str] = []
    for i in range(start, len(table)):
        article, source = table.article_id(i), table.source(i)
        if article not in headers:
            headers[article] = token_ids(f"{table.title(i)}\n{source}")
        tokens = array("i", headers[article])
        for key, sentence in zip(table.sentence_keys(i), table.sentences(i)):
            position = sentence_position.setdefault(key, len(sentence_tokens))
            if position == len(sentence_tokens):
                sentence_tokens.append(token_ids(sentence.text))
                sentence_sources.append(source)
                vectors.place(article, sentence.index)
            holders.extend((position, i - start))
            chunk_sentences.append(first_sentence + position)
            tokens += sentence_tokens[position]
        chunk_tokens.append(tokens)
        chunk_sources.append(source)
    pairs = np.frombuffer(holders, dtype=np.int64).reshape(-1, 2)
    by_sentence = np.argsort(pairs[:, 0], kind="stable")  # each sentence's chunks in position order
    per_sentence = np.bincount(pairs[:, 0], minlength=len(sentence_tokens))
    return _Read(
        chunk_tokens=chunk_tokens,
        chunk_sources=chunk_sources,
        sentence_tokens=sentence_tokens,
        sentence_sources=sentence_sources,
        holder_starts=np.concatenate([[0], np.cumsum(per_sentence)]).astype(np.int64),
        holder_chunks=(pairs[by_sentence, 1] + start).astype(np.int32),
        chunk_sentences=np.frombuffer(chunk_sentences, dtype=np.int32),
    )


class _VectorsBuilder:
    """Every sentence's int8 row and scale, kept once each in the order the chunks are read (a
    sentence two chunks share comes once), and the row of each sentence position as the view
    places them. Nothing is kept per chunk: a store's sentences are 12 a chunk, its chunks' rows 16."""

    def __init__(self) -> None:
        self._row_of: dict[tuple[str, int], int] = {}  # (article id, sentence index) -> its row
        self._rows = bytearray()
        self._scales = array("f")
        self._width = 0
        self._placed = array("i")  # sentence position -> its row; -1: the store held no vector

    def read(self, passage: Passage, packed: str) -> None:
        if not packed:
            return
        rows, scales = quantized(packed, len(passage.sentences))
        self._width = rows.shape[1]
        new: list[int] = []  # offsets in this chunk of sentences not read before
        for offset, sentence in enumerate(passage.sentences):
            key = (passage.article_id, sentence.index)
            if key not in self._row_of:
                self._row_of[key] = len(self._scales) + len(new)
                new.append(offset)
        if new:
            self._rows += rows[new].tobytes()
            self._scales.extend(scales[new].tolist())

    def place(self, article_id: str, index: int) -> None:
        """The next sentence position is this article's sentence `index`."""
        self._placed.append(self._row_of.get((article_id, index), -1))

    def built(self) -> SentenceVectors:
        self._row_of.clear()
        count = len(self._scales)
        self._rows += bytes(self._width)  # the zero row, for sentences without a vector
        self._scales.append(0.0)
        row = np.frombuffer(self._placed, dtype=np.int32).copy()
        row[row < 0] = count
        rows = np.frombuffer(self._rows, dtype=np.int8).reshape(count + 1, self._width)
        return SentenceVectors(rows, np.frombuffer(self._scales, dtype=np.float32), row)


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
