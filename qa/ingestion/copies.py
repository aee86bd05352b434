"""Wire copies: the same story published by several outlets, found at ingest by MinHash.

Each article's text (not its headline, which outlets rewrite) is cut into overlapping five-word
shingles; its MinHash signature (128 minima of seeded hash permutations) estimates the Jaccard
similarity of two articles' shingle sets by the share of equal minima. An article is a copy of a
stored one when the estimated Jaccard is at least 0.5 (light edits, a different headline, a
trailing copyright line) or when nearly all of the shorter one is in the longer (containment at
least 0.8: a copy cut short). Copies share a story id: the id of the first of them stored.

Stored articles are not compared one by one. The signature is cut into 64 bands of two minima, and
each band is kept as an indexed field of the article's record (locality-sensitive hashing): only
articles sharing a band with the new one are read and compared. Two articles of Jaccard J share
some band with probability 1 - (1 - J^2)^64: 0.98 at J = 0.3 and 0.9999 at J = 0.5, while articles
merely on the same topic (J about 0.01) almost never do.
"""

from __future__ import annotations

import base64
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

PERMUTATIONS = 128
SHINGLE_WORDS = 5
SAME_STORY_JACCARD = 0.5
SAME_STORY_CONTAINMENT = 0.8
FEWEST_SHINGLES = 20  # a brief of a sentence or two is too short to call a copy
BAND_ROWS = 2  # minima per LSH band; PERMUTATIONS // BAND_ROWS bands

_PRIME = np.uint64(4_294_967_311)  # the first prime above 2**32
_RANDOM = np.random.default_rng(20_240_501)  # fixed: signatures must agree across runs and machines
_A = _RANDOM.integers(1, 2**31, PERMUTATIONS, dtype=np.uint64)
_B = _RANDOM.integers(0, 2**31, PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Signature:
    """An article's MinHash signature and how many shingles it was taken over."""

    minima: np.ndarray  # PERMUTATIONS uint32
    shingles: int

    def encoded(self) -> str:
        """The signature as text, for the article's metadata in the store."""
        return f"{self.shingles}:" + base64.b64encode(self.minima.astype("<u4").tobytes()).decode("ascii")

    @classmethod
    def decoded(cls, text: str) -> Signature | None:
        """A signature from its text; None for a record stored before signatures were kept."""
        count, _, packed = text.partition(":")
        try:
            minima = np.frombuffer(base64.b64decode(packed), dtype="<u4")
            shingles = int(count)
        except ValueError:
            return None
        return cls(minima, shingles) if minima.size == PERMUTATIONS else None


def bands(sig: Signature) -> dict[str, str]:
    """The signature's LSH bands as record fields ("lsh0": "…", …); none for a text too short to
    be taken for a copy, so briefs never turn up as candidates."""
    if sig.shingles < FEWEST_SHINGLES:
        return {}
    rows = sig.minima.astype("<u4").reshape(-1, BAND_ROWS)
    return {f"lsh{i}": row.tobytes().hex() for i, row in enumerate(rows)}


def signature(text: str) -> Signature:
    """The MinHash signature of an article's text."""
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    hashes = np.fromiter(
        (zlib.crc32(s.encode("utf-8")) for s in shingles), dtype=np.uint64, count=len(shingles)
    )
    permuted = (hashes[:, None] * _A[None, :] + _B[None, :]) % _PRIME
    return Signature((permuted.min(axis=0) & np.uint64(0xFFFFFFFF)).astype(np.uint32), len(shingles))


class StoryFinder:
    """The stories of the stored articles, and the story a new article belongs to."""

    def __init__(self, stored: Iterable[tuple[str, str, Signature]] = ()) -> None:
        self._ids: list[str] = []
        self._stories: list[str] = []
        self._sizes: list[int] = []
        self._minima: list[np.ndarray] = []
        for article_id, story, sig in stored:
            self.add(article_id, story, sig)

    def add(self, article_id: str, story: str, sig: Signature) -> None:
        """Know an article (and its story) for the articles that come after it."""
        self._ids.append(article_id)
        self._stories.append(story)
        self._sizes.append(sig.shingles)
        self._minima.append(sig.minima)

    def story_of(self, article_id: str, sig: Signature) -> str:
        """The story of the most similar known article that this one is a copy of; else its own id."""
        if not self._minima or sig.shingles < FEWEST_SHINGLES:
            return article_id
        jaccard = (np.vstack(self._minima) == sig.minima[None, :]).mean(axis=1)
        sizes = np.asarray(self._sizes, dtype=np.float64)
        # |A ∩ B| = J (|A| + |B|) / (1 + J); containment divides it by the smaller set.
        shared = jaccard * (sizes + sig.shingles) / (1.0 + jaccard)
        containment = shared / np.maximum(1.0, np.minimum(sizes, sig.shingles))
        copies = (
            ((jaccard >= SAME_STORY_JACCARD) | (containment >= SAME_STORY_CONTAINMENT))
            & (sizes >= FEWEST_SHINGLES)
            & (np.asarray(self._ids) != article_id)  # an updated article is not a copy of its old self
        )
        if not copies.any():
            return article_id
        best = int(np.argmax(np.where(copies, jaccard, -1.0)))
        return self._stories[best]
