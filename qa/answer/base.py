"""The interface every answer backend implements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from qa.config import Settings
from qa.embed import Embedder
from qa.lexical import LexicalIndex
from qa.types import Citation, Passage

ABSTAIN_TEXT = "The articles don't say. I found nothing in them that answers this question."


@dataclass(frozen=True)
class Draft:
    """What a backend produced: answer text with [n] markers and the citations they point to."""

    text: str
    citations: list[Citation]
    abstained: bool


@dataclass(frozen=True)
class Context:
    """What a backend may use besides the question and passages."""

    settings: Settings
    embedder: Embedder
    lexical: LexicalIndex
    said_before: tuple[str, ...] = ()  # earlier answers in the conversation
    search_query: str = ""  # a follow-up question made standalone with the conversation


class AnswerBackend(Protocol):
    """Writes an answer to a question from retrieved passages, citing source sentences."""

    name: str

    def answer(self, question: str, passages: Sequence[Passage], *, context: Context) -> Draft:
        """Answer `question` from `passages`, or abstain when they do not hold the answer."""
        ...
