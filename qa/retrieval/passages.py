"""The committed chunks a retrieval view reads, held as columns instead of one object per chunk.

A chunk's text and its sentences' texts are slices of its article's text, so each article's text is
held once (consecutive chunks share sentences) and a chunk is a few integers: its article, its
span, and the rows of its sentences' spans. A `Passage` object is made only when one is read. At
54k chunks this holds a chunk in 0.9 KB (0.5 KB of it text), where a `Passage` with its `Sentence`
objects and their copied texts took 9.8 KB.
"""

from __future__ import annotations

import bisect
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import overload

import numpy as np

from qa.types import Passage, Sentence


class PassageTable(Sequence[Passage]):
    """Passages by position, in chunk id order; `table[i]` makes the i-th `Passage`."""

    def __init__(
        self, passages: Iterable[Passage], chunks_per_article: Mapping[str, int] | None = None
    ) -> None:
        """The table of `passages`, read once in any order. With `chunks_per_article`, an
        article's text is put together and compressed as soon as its last chunk is read, so the
        chunk texts of a whole store are never held at once."""
        article_row: dict[str, int] = {}
        self._articles: list[tuple[str, str, str, str, str]] = []  # id, title, url, source, published
        pieces: list[list[tuple[int, str]]] = []  # per article: (article offset, chunk text)
        self._origin: list[int] = []
        # Each article's text once, compressed: news text has curly quotes or a dash, which makes
        # a Python str of it two bytes a character (an emoji: four); zlib'd UTF-8 takes under half.
        self.article_texts: list[bytes] = []
        chunk_ids: list[str] = []
        # Flat int arrays while reading: a tuple per sentence would cost more than the table.
        articles, spans, counts, sentences = array("i"), array("i"), array("q"), array("i")
        for passage in passages:
            row = article_row.setdefault(passage.article_id, len(article_row))
            if row == len(self._articles):
                p = passage
                self._articles.append((p.article_id, p.title, p.url, p.source, p.published))
                pieces.append([])
                self._origin.append(0)
                self.article_texts.append(b"")
            pieces[row].append((passage.start, passage.text))
            if chunks_per_article and len(pieces[row]) == chunks_per_article.get(passage.article_id):
                self._put_text(row, pieces[row])
                pieces[row] = []
            chunk_ids.append(passage.chunk_id)
            articles.append(row)
            spans.extend((passage.start, passage.start + len(passage.text)))
            counts.append(len(passage.sentences))
            for s in passage.sentences:
                sentences.extend((s.index, s.start, s.end))
        # Chroma hands records back in its own order; positions follow chunk ids, so they are the
        # same in every process whatever order the records were written in.
        order = np.asarray(sorted(range(len(chunk_ids)), key=chunk_ids.__getitem__), dtype=np.int64)
        read_counts = np.frombuffer(counts, dtype=np.int64)
        read_first = np.concatenate([[0], np.cumsum(read_counts)])[:-1]
        sorted_counts = read_counts[order]
        self._first = np.concatenate([[0], np.cumsum(sorted_counts)]).astype(np.int64)
        moved = np.repeat(read_first[order] - self._first[:-1], sorted_counts)
        self._sentences = np.frombuffer(sentences, dtype=np.int32).reshape(-1, 3)[
            np.arange(len(moved), dtype=np.int64) + moved
        ]
        self.chunk_ids = [chunk_ids[i] for i in order]
        # Where each run of positions in chunk id order starts: one run for a built table, one more
        # for each batch of articles appended (`extended`).
        self._runs = [0]
        self._article = np.frombuffer(articles, dtype=np.int32)[order]
        self._span = np.frombuffer(spans, dtype=np.int32).reshape(-1, 2)[order]
        for row, held in enumerate(pieces):
            if held:
                self._put_text(row, held)

    def extended(
        self, passages: Iterable[Passage], chunks_per_article: Mapping[str, int] | None = None
    ) -> PassageTable:
        """This table with the chunks of newly stored articles after its own (positions already
        given out stay), as `PassageTable(passages, chunks_per_article)` would hold them."""
        added = PassageTable(passages, chunks_per_article)
        table = PassageTable.__new__(PassageTable)
        table._articles = self._articles + added._articles
        table.article_texts = self.article_texts + added.article_texts
        table._origin = self._origin + added._origin
        table.chunk_ids = self.chunk_ids + added.chunk_ids
        table._runs = self._runs + [len(self) + run for run in added._runs]
        table._article = np.concatenate([self._article, added._article + len(self._articles)])
        table._span = np.concatenate([self._span, added._span])
        table._sentences = np.concatenate([self._sentences, added._sentences])
        table._first = np.concatenate([self._first, added._first[1:] + self._first[-1]])
        return table

    def positions_of(self, article_id: str) -> list[int]:
        """The positions of an article's chunks. Chunk ids start with their article's id, so in each
        run of positions in chunk id order an article's chunks sit together."""
        prefix = f"{article_id}:"
        ids = self.chunk_ids
        for start, end in zip(self._runs, [*self._runs[1:], len(ids)]):
            first = bisect.bisect_left(ids, prefix, start, end)
            last = first
            while last < end and ids[last].startswith(prefix):
                last += 1
            if last > first:
                return list(range(first, last))
        return []

    def _put_text(self, row: int, pieces: list[tuple[int, str]]) -> None:
        self._origin[row], text = _joined(pieces)
        self.article_texts[row] = zlib.compress(text.encode("utf-8"))

    def __len__(self) -> int:
        return len(self.chunk_ids)

    @overload
    def __getitem__(self, item: int) -> Passage: ...

    @overload
    def __getitem__(self, item: slice) -> list[Passage]: ...

    def __getitem__(self, item: int | slice) -> Passage | list[Passage]:
        if isinstance(item, slice):
            return [self[i] for i in range(*item.indices(len(self)))]
        if not -len(self) <= item < len(self):
            raise IndexError(item)
        item %= len(self)
        row = int(self._article[item])
        article_id, title, url, source, published = self._articles[row]
        text = self._text_of(row)
        start, end = self._span[item].tolist()
        return Passage(
            chunk_id=self.chunk_ids[item],
            article_id=article_id,
            title=title,
            text=text[start - self._origin[row] : end - self._origin[row]],
            score=0.0,
            sentences=tuple(self._sentences_in(item, row, text)),
            start=int(self._span[item, 0]),
            url=url,
            source=source,
            published=published,
        )

    def __iter__(self) -> Iterator[Passage]:
        return (self[i] for i in range(len(self)))

    # Columns read without making a Passage (retrieval reads them for hundreds of candidates).

    def article_id(self, item: int) -> str:
        return self._articles[int(self._article[item])][0]

    def title(self, item: int) -> str:
        return self._articles[int(self._article[item])][1]

    def source(self, item: int) -> str:
        return self._articles[int(self._article[item])][3]

    def published(self, item: int) -> str:
        return self._articles[int(self._article[item])][4]

    @property
    def sentence_starts(self) -> np.ndarray:
        """Where each chunk's sentences start in the table's sentence rows: chunk i has rows
        sentence_starts[i] to sentence_starts[i + 1]."""
        return self._first

    def sentence_count(self, item: int) -> int:
        return int(self._first[item + 1] - self._first[item])

    def sentences(self, item: int) -> Iterator[Sentence]:
        """The chunk's sentences, in order, with their texts."""
        row = int(self._article[item])
        return self._sentences_in(item, row, self._text_of(row))

    def sentence_keys(self, item: int) -> list[tuple[int, int]]:
        """(article row, sentence index) of the chunk's sentences: equal for a sentence that
        consecutive chunks share."""
        article = int(self._article[item])
        return [(article, int(i)) for i in self._sentences[self._first[item] : self._first[item + 1], 0]]

    def _text_of(self, row: int) -> str:
        return zlib.decompress(self.article_texts[row]).decode("utf-8")

    def _sentences_in(self, item: int, row: int, text: str) -> Iterator[Sentence]:
        origin = self._origin[row]
        for index, start, end in self._sentences[self._first[item] : self._first[item + 1]].tolist():
            yield Sentence(index, start, end, text[start - origin : end - origin])


def _joined(pieces: list[tuple[int, str]]) -> tuple[int, str]:
    """An article's text rebuilt from its chunks' (offset, text): the offset it starts at and the
    text. Chunks are slices of the article, overlapping; a gap between two (chunks that share no
    sentence) is filled with spaces, which no slice of a chunk ever reads."""
    pieces = sorted(pieces)
    origin = pieces[0][0]
    parts: list[str] = []
    end = origin
    for start, text in pieces:
        if start > end:
            parts.append(" " * (start - end))
            end = start
        if start + len(text) > end:
            parts.append(text[end - start :])
            end = start + len(text)
    return origin, "".join(parts)
