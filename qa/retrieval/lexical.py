"""BM25 over chunk texts (bm25s), plus the tokenizer and IDF weights sentence scoring shares."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

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


class LexicalIndex:
    """A BM25 index over a fixed list of tokenized texts, addressed by position."""

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

        self.size = len(token_ids)
        self._bm25 = bm25s.BM25()
        self._idf = np.zeros(0, dtype=np.float32)
        if self.size and vocabulary:
            self._bm25.index((list(token_ids), vocabulary), show_progress=False)
            # The score matrix has a column per token with an entry per text that holds it (a BM25
            # score is never 0 for a word a text holds), so its column lengths are the document
            # frequencies.
            frequency = np.diff(self._bm25.scores["indptr"]).astype(np.float64)
            self._idf = np.where(
                frequency > 0, np.log(1 + (self.size - frequency + 0.5) / (frequency + 0.5)), 0.0
            ).astype(np.float32)
        self._rarest = float(self._idf.max()) if np.any(self._idf > 0) else 1.0

    def _id(self, token: str) -> int | None:
        """The token's column, None for a word none of the texts holds."""
        if not self._idf.size:
            return None
        column = self._bm25.vocab_dict.get(token)
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
        columns = [c for t in tokenize(query) if (c := self._id(t)) is not None]
        if not columns:
            return None
        # bm25s keeps each word's precomputed scores as a column of a sparse matrix (`scores`:
        # data, indices, indptr); one bincount over the query words' columns sums them 4x faster
        # than its get_scores (np.add.at, word by word), a sixth of a question's retrieval time.
        matrix = self._bm25.scores
        starts, ends = matrix["indptr"][:-1], matrix["indptr"][1:]
        entries = np.concatenate([np.arange(starts[i], ends[i]) for i in columns])
        # float64 as bincount sums: a float32 copy of millions of sentences' scores costs more
        # than the ranking that reads them.
        summed: np.ndarray = np.bincount(
            matrix["indices"][entries], weights=matrix["data"][entries], minlength=self.size
        )
        return summed


def top(scores: np.ndarray, n: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
    """The `n` best positive scores as (position, score), best first; only `allowed` positions count."""
    if n <= 0:
        return []
    # Only texts holding a query word score above 0: usually a small share of millions of sentences.
    best = np.flatnonzero(scores)  # BM25 sums are never negative
    if allowed is not None:
        best = best[allowed[best]]
    if len(best) > n:
        best = best[np.argpartition(-scores[best], n - 1)[:n]]
    best = best[np.lexsort((best, -scores[best]))]  # best first; ties by position
    return [(int(i), float(scores[i])) for i in best]
