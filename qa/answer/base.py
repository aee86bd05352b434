"""The interface every answer backend implements."""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from typing import Protocol

from qa.answer.asked import Asked
from qa.answer.cite import Candidate, StoredVectors
from qa.answer.direct import Short
from qa.answer.verdict import Verdict
from qa.config import Settings
from qa.encode.embed import Embedder
from qa.retrieval.lexical import LexicalIndex
from qa.retrieval.query import SourceCatalog
from qa.types import Passage

ABSTAIN_LEAD = "The articles don't say."
ABSTAIN_TEXT = f"{ABSTAIN_LEAD} I found nothing in them that answers this question."


@dataclass(frozen=True)
class Written:
    """What a backend wrote, before the pipeline checks it.

    `text` is the answer's sentences with [n] markers, where [n] is `sources[n-1]`; `short` is the
    direct answer ("Peter Cook", "Yes"), or "" to let the pipeline find it in the cited sentences.
    """

    text: str
    sources: list[Candidate]
    short: str = ""
    notes: tuple[str, ...] = ()  # what went wrong on the way and how the answer was still given


@dataclass(frozen=True)
class Evidence:
    """What the pipeline found for a question before any backend writes: what it asks for, the
    retrieved passages, their sentences ranked by support, and the direct answer among them (a
    span, or for a yes/no question the verdict of `qa.answer.verdict`)."""

    question: str
    asked: Asked
    passages: list[Passage]
    ranked: list[Candidate]
    short: Short | None = None  # the best span of the asked-for kind (None for yes/no questions)
    verdict: Verdict | None = None  # a yes/no or choice question's verdict by the rule


@dataclass(frozen=True)
class Context:
    """What a backend may use besides the question and passages."""

    settings: Settings
    embedder: Embedder
    lexical: LexicalIndex
    stored_vectors: StoredVectors | None = None  # sentence vectors embedded at ingest
    said_before: tuple[str, ...] = ()  # earlier answers in the conversation
    search_query: str = ""  # a follow-up question made standalone with the conversation
    catalog: SourceCatalog | None = None  # the stored sources, to recognise them in questions
    # Every chunk of a stored article, by article id: where a short answer finds the full form of a
    # name a sentence gives only in part ("Bankman-Fried", "the Fed").
    article_passages: Callable[[str], Sequence[Passage]] | None = None


class BackendError(RuntimeError):
    """An answer backend cannot run: its extra is not installed or its server does not answer.

    The message says what to install or start.
    """


class ModelStopped(RuntimeError):
    """The model died or hung in the middle of an answer (its worker is replaced for the next one).

    The message says what happened, e.g. "the local model stopped (signal 11)".
    """


class AnswerBackend(Protocol):
    """Writes an answer from the evidence the pipeline found; the pipeline then checks it."""

    name: str

    def write(self, evidence: Evidence, *, context: Context) -> Generator[str, None, Written]:
        """Yield the answer's text pieces as they are written; return what was written."""
        ...

    def condense(self, question: str, history: Sequence[tuple[str, str]], *, context: Context) -> str:
        """`question` rewritten to stand alone given the conversation, or "" to keep the default."""
        ...
