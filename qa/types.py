"""The value types that flow through the pipeline: articles, sentences, chunks, passages, answers."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field


def stable_hash(text: str, *, length: int = 16) -> str:
    """Return a short hex digest of `text` that is the same on every machine and run."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def normalise(text: str) -> str:
    """Fold Unicode forms and whitespace so cosmetic edits do not change an article's identity."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article, addressed by its index and its character span in the text."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article:
    """A news article as loaded from a file: text plus the metadata shown in citations."""

    title: str
    text: str
    url: str = ""
    source: str = ""
    author: str = ""
    published: str = ""
    origin: str = ""  # where it was loaded from (file path, with #n for a record in a list)
    # What ingest learns of it (not part of its version): the story it is a copy of ("" = its own),
    # and its MinHash signature (qa/ingestion/copies.py), kept to find later copies of it.
    story: str = ""
    fingerprint: str = ""

    @property
    def id(self) -> str:
        """Content-derived id: the URL when there is one, else the normalised text."""
        key = f"url:{self.url.strip()}" if self.url.strip() else f"text:{normalise(self.text)}"
        return stable_hash(key)

    @property
    def version(self) -> str:
        """Hash of everything stored for the article; a new version replaces the old chunks."""
        fields = (self.title, normalise(self.text), self.url, self.source, self.author, self.published)
        return stable_hash("\x1f".join(fields), length=12)


@dataclass(frozen=True)
class Chunk:
    """A window of consecutive sentences of one article, the unit that is embedded and indexed."""

    article_id: str
    version: str
    position: int  # index of the chunk within the article
    sentences: tuple[Sentence, ...]
    text: str  # article.text[start:end]

    @property
    def id(self) -> str:
        """Chunk id; it includes the article version so old and new chunks never collide."""
        return f"{self.article_id}:{self.version}:{self.position}"

    @property
    def start(self) -> int:
        """Character offset of the chunk's first sentence in the article."""
        return self.sentences[0].start

    @property
    def end(self) -> int:
        """Character offset just past the chunk's last sentence in the article."""
        return self.sentences[-1].end


def sentences_of(chunks: Sequence[Chunk]) -> list[Sentence]:
    """An article's sentences in order, from its chunks (windows cover every sentence, some twice)."""
    return sorted({s.index: s for c in chunks for s in c.sentences}.values(), key=lambda s: s.index)


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its article metadata and retrieval score."""

    chunk_id: str
    article_id: str
    title: str
    text: str
    score: float
    sentences: tuple[Sentence, ...] = ()  # spans in article coordinates
    start: int = 0  # article offset of text[0]
    url: str = ""
    source: str = ""
    published: str = ""
    also_in: tuple[str, ...] = ()  # the story's other publications ("Outlet, 2024-03-04"): wire copies

    @property
    def version(self) -> str:
        """The article version the passage belongs to (part of its chunk id)."""
        return self.chunk_id.split(":")[1]


@dataclass(frozen=True)
class ResolvedDay:
    """A relative day as a cited sentence writes it ("Tuesday", "last week") and the date it means
    by its article's publication date ("September 15, 2015")."""

    text: str
    date: str


@dataclass(frozen=True)
class Citation:
    """A source sentence that backs one answer sentence, with its exact text and position."""

    n: int
    article_id: str
    title: str
    url: str
    published: str
    sentence: str
    sentence_index: int
    start: int
    end: int
    score: float
    source: str = ""
    days: tuple[ResolvedDay, ...] = ()  # its relative days, dated (none when the article has no date)
    also_in: tuple[str, ...] = ()  # the story's other publications ("Outlet, 2024-03-04"): wire copies


@dataclass(frozen=True)
class Claim:
    """One sentence of an answer and what the citation check found for it."""

    text: str
    citations: tuple[int, ...]  # the [n] it carries after the check
    supported: bool  # some cited source sentence backs it
    support: float  # the best support score any source gave it
    corrected: bool = False  # the writer's citation was wrong: moved to the right source or dropped


@dataclass(frozen=True)
class ShortSpan:
    """Where a short answer stands: citation `n`'s sentence, article offsets [start, end)."""

    n: int
    start: int
    end: int


@dataclass(frozen=True)
class Answer:
    """An answer: text with [n] markers, the cited sentences, and whether it abstained.

    `short` is the direct answer ("Peter Cook", "Tuesday", "Yes"; "" when abstaining), `text` that
    short answer on its first line, then the supporting sentences. Apart from a verdict (Yes, No,
    "The articles don't settle it."), the short answer is words of a cited sentence: `short_span`.
    """

    question: str
    text: str
    citations: list[Citation] = field(default_factory=list)
    abstained: bool = False
    passages: list[Passage] = field(default_factory=list)
    seconds: float = 0.0
    claims: list[Claim] = field(default_factory=list)  # per answer sentence: cited, supported or not
    # What went wrong on the way and how the answer was still given ("the local model stopped
    # (signal 11); answered from the sources instead").
    notes: tuple[str, ...] = ()
    short: str = ""
    short_span: ShortSpan | None = None

    @property
    def unsupported(self) -> list[str]:
        """Answer sentences no source sentence backs (kept, marked, unless strict mode dropped them)."""
        return [c.text for c in self.claims if not c.supported]


@dataclass(frozen=True)
class StoredArticle:
    """An article's record as committed in the store."""

    id: str
    version: str
    title: str
    url: str
    source: str
    author: str
    published: str
    origin: str
    chunks: int
    language: str = ""  # ISO 639-1, detected at ingest ("" when it could not be told)
    story: str = ""  # the id shared by wire copies of one story (qa/ingestion/copies.py); its own id if none
