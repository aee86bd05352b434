"""BM25 over chunk texts (bm25s), plus the tokenizer and IDF weights sentence scoring shares."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np

_TOKEN = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*")
# Function words carry no evidence; kept short so names such as "Who" in a band name survive
# in the text while question words never count as matches.
_STOPWORDS = frozenset(
    """
    a an the and or but if then else of to in on at by for with from as into onto about over
    under after before between during through than that this these those there here it its
    is are was were be been being am do does did done have has had having will would shall
    should can could may might must not no nor so such too very just also only own same
    i me my we our you your he him his she her they them their what which who whom whose
    when where why how all any both each few more most other some s t said says say
    """.split()
)


# News writes the same country or body both ways ("U.S." / "United States"); match them.
_ALIASES = {
    "United States": r"\bU\.S\.A?\.?(?=\W|$)|\bUSA?\b",
    "United Kingdom": r"\bU\.K\.(?=\W|$)|\bUK\b",
    "United Nations": r"\bU\.N\.(?=\W|$)|\bUN\b",
    "European Union": r"\bE\.U\.(?=\W|$)|\bEU\b",
}
# One pattern, one pass over the text (tokenizing is most of the time it takes to open a store).
_ALIAS = re.compile("|".join(f"(?P<a{i}>{form})" for i, form in enumerate(_ALIASES.values())))
_ALIAS_NAMES = {f"a{i}": name for i, name in enumerate(_ALIASES)}


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer  # PyStemmer: a C Snowball stemmer, 100x faster than pure Python ones

    return Stemmer.Stemmer("english")


# Chinese, Japanese and Korean scripts: no spaces between words, so a run of them is one "word" to
# the pattern above. Overlapping character pairs (bigrams) are the usual unit for BM25 over them.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")


def _cjk_split(word: str) -> list[str]:
    """A word with CJK characters as its other parts plus the bigrams of each CJK run."""
    parts: list[str] = []
    position = 0
    for run in _CJK.finditer(word):
        parts.append(word[position : run.start()])
        chars = run.group(0)
        parts += [chars] if len(chars) == 1 else [chars[i : i + 2] for i in range(len(chars) - 1)]
        position = run.end()
    parts.append(word[position:])
    return [part for part in parts if part]


def tokenize(text: str) -> list[str]:
    """Lowercase, drop function words and stem; the same tokens feed BM25 and sentence scoring.

    CJK text becomes character bigrams (a single character stays as it is).
    """
    text = _ALIAS.sub(lambda match: _ALIAS_NAMES[match.lastgroup or ""], text)
    words = [w.replace("’", "'").replace(".", "") for w in _TOKEN.findall(text.lower())]
    if _CJK.search(text):
        words = [part for w in words for part in (_cjk_split(w) if _CJK.search(w) else [w])]
    words = [w for w in words if (w not in _STOPWORDS and len(w) > 1) or w.isdigit() or _CJK.match(w)]
    return list(_stemmer().stemWords(words))


# bm25s's defaults (its "lucene" variant), which the indexes are built with; texts appended to an
# index later are scored the same way here.
_K1, _B = 1.5, 0.75


def _idf(size: int, frequency: np.ndarray) -> np.ndarray:
    """BM25 (lucene) inverse document frequency of each word, 0 for a word no text holds."""
    frequency = frequency.astype(np.float64)
    return np.where(
        frequency > 0, np.log(1 + (size - frequency + 0.5) / (np.maximum(frequency, 0) + 0.5)), 0.0
    ).astype(np.float32)


@dataclass(frozen=True)
class _Appended:
    """Texts added to an index after it was built (the articles ingested since, qa/retrieval/view.py):
    their tokens, kept so that more can be added, and a column per word of their BM25 term weights
    without the IDF, which changes as texts are added and is applied when a query is scored."""

    tokens: np.ndarray  # int32 token ids of every appended text, one text after another
    lengths: np.ndarray  # int64 tokens per appended text
    indptr: np.ndarray  # int64, a column per word: entries indptr[w] : indptr[w + 1]
    indices: np.ndarray  # int32 position (in the whole index) of each entry's text
    data: np.ndarray  # float32 term weight of each entry

    @classmethod
    def of(
        cls, tokens: np.ndarray, lengths: np.ndarray, first: int, columns: int, average: float
    ) -> _Appended:
        """The appended texts `tokens` (`lengths` each), the first at position `first`, with
        lengths normalised by the built texts' `average` length."""
        count = len(lengths)
        text = np.repeat(np.arange(count, dtype=np.int64), lengths)
        pairs, frequency = np.unique(tokens.astype(np.int64) * count + text, return_counts=True)
        words, texts = pairs // count, pairs % count  # sorted by word, then by text: column order
        norm = _K1 * (1 - _B + _B * lengths[texts] / average)
        return cls(
            tokens=tokens,
            lengths=lengths,
            indptr=np.concatenate([[0], np.cumsum(np.bincount(words, minlength=columns))]).astype(np.int64),
            indices=(texts + first).astype(np.int32),
            data=(frequency / (frequency + norm)).astype(np.float32),
        )


class LexicalIndex:
    """A BM25 index over a list of tokenized texts, addressed by position; texts can be appended
    (`extended`) without building it again."""

    def __init__(self, token_lists: Sequence[list[str]]) -> None:
        vocabulary: dict[str, int] = {}
        self._build(
            [[vocabulary.setdefault(t, len(vocabulary)) for t in tokens] for tokens in token_lists],
            vocabulary,
        )

    @classmethod
    def of_ids(cls, token_ids: Sequence[Sequence[int]], vocabulary: dict[str, int]) -> LexicalIndex:
        """The index of texts given as token ids of `vocabulary` (token -> id, ids 0..n-1): a view
        tokenizes a sentence once for both its indexes, and holds ids, not a str per token."""
        index = cls.__new__(cls)
        index._build(token_ids, dict(vocabulary))  # bm25s adds its empty token to the dict it gets
        return index

    def _build(self, token_ids: Sequence[Sequence[int]], vocabulary: dict[str, int]) -> None:
        import bm25s

        self.size = self._built_size = len(token_ids)
        self._bm25 = bm25s.BM25(k1=_K1, b=_B)
        self.vocabulary = vocabulary  # bm25s keeps (and uses) this same dict as its vocab_dict
        self._frequency = np.zeros(0, dtype=np.int32)
        self._average_length = 1.0
        if self.size and vocabulary:
            self._bm25.index((list(token_ids), vocabulary), show_progress=False)
            self.vocabulary = self._bm25.vocab_dict
            # The score matrix has a column per token with an entry per text that holds it (a BM25
            # score is never 0 for a word a text holds), so its column lengths are the document
            # frequencies.
            self._frequency = np.diff(self._bm25.scores["indptr"]).astype(np.int32)
            self._average_length = sum(map(len, token_ids)) / self.size or 1.0
        # The IDF the built score matrix holds (its entries are IDF times term weight).
        self._built_idf = _idf(self.size, self._frequency)
        self._appended: _Appended | None = None
        self._set_idf(self._built_idf)

    def _set_idf(self, idf: np.ndarray) -> None:
        self._idf = idf
        self._rarest = float(self._idf.max()) if np.any(self._idf > 0) else 1.0

    def extended(self, token_ids: Sequence[Sequence[int]], vocabulary: dict[str, int]) -> LexicalIndex:
        """This index with `token_ids` appended as texts at positions size, size + 1, ...;
        `vocabulary` is this index's, with the new words added. The built part is shared, not
        copied: adding a few texts to millions costs what the added texts (and the texts added
        before them) cost. Scores match an index built over all the texts at once but for the
        average text length, which stays the built texts' (a view builds anew rather than extend an
        empty one)."""
        if not token_ids:
            return self
        index = LexicalIndex.__new__(LexicalIndex)
        index.__dict__.update(self.__dict__)
        index.vocabulary = vocabulary
        added = [np.asarray(ids, dtype=np.int32) for ids in token_ids]
        before = self._appended
        tokens = np.concatenate([before.tokens if before else np.zeros(0, np.int32), *added])
        lengths = np.concatenate(
            [before.lengths if before else np.zeros(0, np.int64), [len(ids) for ids in added]]
        ).astype(np.int64)
        columns = max(len(self._frequency), max(vocabulary.values(), default=-1) + 1)
        index._appended = _Appended.of(tokens, lengths, self._built_size, columns, self._average_length)
        index.size = self._built_size + len(lengths)
        frequency = np.diff(index._appended.indptr).astype(np.int64)
        frequency[: len(self._frequency)] += self._frequency
        index._set_idf(_idf(index.size, frequency))
        return index

    def _id(self, token: str) -> int | None:
        """The token's column, None for a word none of the texts holds."""
        if not self._idf.size:
            return None
        column = self.vocabulary.get(token)
        return column if column is not None and column < self._idf.size and self._idf[column] > 0 else None

    def idf(self, token: str) -> float:
        """BM25 inverse document frequency; a word the corpus never uses weighs like its rarest one."""
        column = self._id(token)
        return self._rarest if column is None else float(self._idf[column])

    def weight(self, token: str) -> float:
        """How much a word counts as evidence: 1 plus its IDF, so in a small corpus, where
        every word is 'common', words still count and filler words cannot dominate."""
        return 1.0 + self.idf(token)

    def scores(self, query: str) -> np.ndarray | None:
        """BM25 score of every text for `query` (None when no query word is in the corpus)."""
        found = self.query(query)
        return None if found is None else found.dense

    def query(self, query: str) -> QueryScores | None:
        """The BM25 scores of every text for `query`, with the texts that hold a query word
        (None when no query word is in the corpus)."""
        columns = [c for t in tokenize(query) if (c := self._id(t)) is not None]
        if not columns:
            return None
        # bm25s keeps each word's precomputed scores as a column of a sparse matrix (`scores`:
        # data, indices, indptr); one bincount over the query words' columns sums them 4x faster
        # than its get_scores (np.add.at, word by word), a sixth of a question's retrieval time.
        matrix = self._bm25.scores
        built = [c for c in columns if c < len(self._frequency)]
        entries, lengths = _entries(matrix["indptr"], built)
        indices, weights = matrix["indices"][entries], matrix["data"][entries]
        if self._appended is not None:
            # Texts appended since the build changed every word's IDF: the built scores are
            # rescaled to it, and the appended texts' term weights multiplied by it.
            # (A word no built text held has no entries to rescale: its ratio is never used.)
            rescale = self._idf[built] / np.maximum(self._built_idf[built], np.float32(1e-9))
            weights = weights * np.repeat(rescale, lengths)
            appended, counts = _entries(self._appended.indptr, columns)
            indices = np.concatenate([indices, self._appended.indices[appended]])
            weights = np.concatenate(
                [weights, self._appended.data[appended] * np.repeat(self._idf[columns], counts)]
            )
        # float64 as bincount sums: a float32 copy of millions of sentences' scores costs more
        # than the ranking that reads them.
        summed: np.ndarray = np.bincount(indices, weights=weights, minlength=self.size)
        return QueryScores(summed, indices, len(columns))

    def query_among(self, query: str, positions: np.ndarray) -> np.ndarray | None:
        """The BM25 scores for `query` of the texts at `positions` (sorted, unique) alone, as
        `query` gives them (None when no query word is in the corpus). Each query word's column
        is searched for the positions (its entries are sorted by position), so the cost is that
        of the positions, not of every text holding the word."""
        columns = [c for t in tokenize(query) if (c := self._id(t)) is not None]
        if not columns:
            return None
        scores = np.zeros(len(positions), dtype=np.float64)
        matrix = self._bm25.scores
        for column in columns:
            if column < len(self._frequency):
                # Rescaled to the IDF of the texts appended since the build (1.0 when none were).
                rescale = self._idf[column] / max(self._built_idf[column], np.float32(1e-9))
                start, end = int(matrix["indptr"][column]), int(matrix["indptr"][column + 1])
                _add_found(
                    scores, positions, matrix["indices"][start:end], matrix["data"][start:end], rescale
                )
            if self._appended is not None:
                start, end = int(self._appended.indptr[column]), int(self._appended.indptr[column + 1])
                entries = slice(start, end)
                _add_found(
                    scores,
                    positions,
                    self._appended.indices[entries],
                    self._appended.data[entries],
                    self._idf[column],
                )
        return scores


def _add_found(
    scores: np.ndarray, positions: np.ndarray, held: np.ndarray, weights: np.ndarray, factor: float
) -> None:
    """Add `factor` x the weight of each of `positions` found in `held` (sorted) to its score."""
    if not len(held):
        return
    at = np.minimum(np.searchsorted(held, positions), len(held) - 1)
    found = held[at] == positions
    scores[found] += weights[at[found]] * factor


def _entries(indptr: np.ndarray, columns: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """The entries of a column-sparse matrix's `columns`, and how many each column has."""
    if not columns:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    starts, ends = indptr[columns], indptr[np.asarray(columns, dtype=np.int64) + 1]
    return np.concatenate([np.arange(s, e) for s, e in zip(starts.tolist(), ends.tolist())]), ends - starts


@dataclass(frozen=True)
class QueryScores:
    """A query's BM25 score of every text (`dense`), and the positions of the texts that hold a
    query word (`held`: a position once for each query word it holds, so at most `words` times)."""

    dense: np.ndarray
    held: np.ndarray
    words: int
    # The best texts found so far over all positions: a part's ranking asks for its 50 best and then
    # for the 200 that pool sentences, and the first n of the n + k best are the n best.
    _best: list[tuple[int, float]] = field(default_factory=list, compare=False, repr=False)

    @cached_property
    def _positive(self) -> np.ndarray:
        """The positions of the texts that hold a query word (scanning millions of scores took a
        few milliseconds each time the ranking asked)."""
        return np.flatnonzero(self.dense)

    def top(self, n: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The `n` best texts as (position, score), best first; only `allowed` positions count."""
        if allowed is None and n <= len(self._best):
            return self._best[:n]
        found = self._top(n, allowed)
        if allowed is None:
            self._best[:] = found
        return found

    def _top(self, n: int, allowed: np.ndarray | None) -> list[tuple[int, float]]:
        if len(self.held) * 4 >= self.dense.size or n <= 0:
            return top(self.dense, n, allowed, among=self._positive)
        # Millions of sentences, of which a few hundred thousand hold a query word: those are
        # ranked, not the whole array (a scan of it took 20 ms of a question at 4.8M sentences).
        # Each text's entries share its score, so the n * words best entries hold the n best texts.
        held = self.held if allowed is None else self.held[allowed[self.held]]
        entries = n * self.words
        if len(held) > entries:
            # (every entry as good as the last one kept: a tie there is decided by position below)
            cut = -np.partition(-self.dense[held], entries - 1)[entries - 1]
            held = held[self.dense[held] >= cut]
        return top(self.dense, n, allowed, among=np.unique(held))


def top(
    scores: np.ndarray, n: int, allowed: np.ndarray | None = None, *, among: np.ndarray | None = None
) -> list[tuple[int, float]]:
    """The `n` best positive scores as (position, score), best first, ties by position (also at the
    n-th place); only `allowed` positions count, and only those `among` when given."""
    if n <= 0:
        return []
    # Only texts holding a query word score above 0 (BM25 sums are never negative).
    best = np.flatnonzero(scores) if among is None else among[scores[among] > 0]
    if allowed is not None:
        best = best[allowed[best]]
    if len(best) > n:
        # Ties at the n-th place go to the first positions too, as everywhere else in the ranking.
        nth = -np.partition(-scores[best], n - 1)[n - 1]
        above, tied = best[scores[best] > nth], np.sort(best[scores[best] == nth])
        best = np.concatenate([above, tied[: n - len(above)]])
    best = best[np.lexsort((best, -scores[best]))]  # best first; ties by position
    return [(int(i), float(scores[i])) for i in best]
