"""The interface every answer backend implements."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from qa.cite import StoredVectors
from qa.config import Settings
from qa.embed import Embedder
from qa.lexical import LexicalIndex
from qa.types import Citation, Claim, Passage

ABSTAIN_TEXT = "The articles don't say. I found nothing in them that answers this question."


@dataclass(frozen=True)
class Draft:
    """What a backend produced: answer text with [n] markers and the citations they point to."""

    text: str
    citations: list[Citation]
    abstained: bool
    claims: list[Claim] = field(default_factory=list)
    notes: tuple[str, ...] = ()  # what went wrong on the way and how the answer was still given


@dataclass(frozen=True)
class Context:
    """What a backend may use besides the question and passages."""

    settings: Settings
    embedder: Embedder
    lexical: LexicalIndex
    stored_vectors: StoredVectors | None = None  # sentence vectors embedded at ingest
    said_before: tuple[str, ...] = ()  # earlier answers in the conversation
    search_query: str = ""  # a follow-up question made standalone with the conversation


class BackendError(RuntimeError):
    """An answer backend cannot run: its extra is not installed or its server does not answer.

    The message says what to install or start.
    """


class ModelStopped(RuntimeError):
    """The model died or hung in the middle of an answer (its worker is replaced for the next one).

    The message says what happened, e.g. "the local model stopped (signal 11)".
    """


class AnswerBackend(Protocol):
    """Writes an answer to a question from retrieved passages, citing source sentences."""

    name: str

    def stream(
        self, question: str, passages: Sequence[Passage], *, context: Context
    ) -> Iterator[str | Draft]:
        """Answer `question` from `passages`: text pieces as they are written, then the checked Draft."""
        ...

    def condense(self, question: str, history: Sequence[tuple[str, str]], *, context: Context) -> str:
        """`question` rewritten to stand alone given the conversation, or "" to keep the default."""
        ...


def final(stream: Iterator[str | Draft]) -> Draft:
    """The Draft a backend's stream ends with."""
    tail = deque(stream, maxlen=1)
    last = tail[0] if tail else None
    if not isinstance(last, Draft):
        raise RuntimeError("an answer backend's stream ended without a Draft")
    return last
