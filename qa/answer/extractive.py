"""The offline default: answer with the source sentences that best support the question."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from qa.answer.base import ABSTAIN_TEXT, Context, Draft
from qa.answer.guard import looks_like_instruction
from qa.cite import Candidate, score_sentences
from qa.types import Claim, Passage

# A second sentence joins the answer only when it scores nearly as well as the best one;
# otherwise it adds length without adding support.
_SECOND_SENTENCE_RATIO = 0.92
# A follow-up asks for something new: a sentence already given in this conversation
# only wins again when nothing else comes close.
_REPEAT_PENALTY = 0.8


_ASKS_FOR_NUMBER = re.compile(
    r"\bhow (many|much|long|old|far|big|large|often)\b|\bwhat (number|percentage|share|amount)\b",
    re.IGNORECASE,
)
# Whole numbers ("124", "4,000", "2.5") and number words; a digit inside a name ("K2-418b") is
# part of that name's number, so "124" is new beside it while "418" is not.
_NUMBER = re.compile(
    r"\d+(?:[,.]\d+)*|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|half|a third|a quarter)\b",
    re.IGNORECASE,
)


def _numbers(text: str) -> set[str]:
    return {m.group(0).lower().replace(",", "") for m in _NUMBER.finditer(text)}


def gives_requested_type(question: str, candidate: Candidate) -> bool:
    """A "how many/much" question needs a sentence with a number the question did not bring.

    Without this, "How many tanks did Russia send?" would be answered by a sentence that
    only says Russia sent tanks: on topic, but not an answer.
    """
    if not _ASKS_FOR_NUMBER.search(question):
        return True
    return bool(_numbers(candidate.sentence.text) - _numbers(question))


class ExtractiveBackend:
    """Answers by quoting the best-supported sentences of the retrieved passages, each cited."""

    name = "extractive"

    def rank(self, question: str, passages: Sequence[Passage], *, context: Context) -> list[Candidate]:
        """Source sentences that could answer `question`, best supported first.

        A follow-up is scored both as asked ("What did he tell reporters?") and as made
        standalone with the conversation; each sentence keeps its better score.
        """
        queries = {question, context.search_query or question}
        best: dict[tuple[str, int], Candidate] = {}
        for query in queries:
            for c in score_sentences(
                query,
                passages,
                embedder=context.embedder,
                lexical=context.lexical,
                limit=context.settings.scored_sentences,
                stored=context.stored_vectors,
            ):
                key = (c.passage.article_id, c.sentence.index)
                if key not in best or c.score > best[key].score:
                    best[key] = c
        said = context.said_before
        ranked = [
            replace(c, score=c.score * _REPEAT_PENALTY) if any(c.sentence.text in t for t in said) else c
            for c in best.values()
            if gives_requested_type(question, c) and not looks_like_instruction(c.sentence.text)
        ]
        return sorted(ranked, key=lambda c: (-c.score, c.rank, c.sentence.index))

    def answer(self, question: str, passages: Sequence[Passage], *, context: Context) -> Draft:
        """Pick the sentences that best answer `question`; abstain when none is good enough."""
        candidates = self.rank(question, passages, context=context)
        threshold = context.settings.abstain_below
        if not candidates or candidates[0].score < threshold:
            return Draft(ABSTAIN_TEXT, [], abstained=True)
        best = candidates[0].score
        chosen = [
            c
            for c in candidates[: context.settings.answer_sentences]
            if c.score >= max(threshold, best * _SECOND_SENTENCE_RATIO)
        ]
        # Best article first, but sentences of one article in reading order.
        article_order = {c.passage.article_id: i for i, c in reversed(list(enumerate(chosen)))}
        chosen.sort(key=lambda c: (article_order[c.passage.article_id], c.sentence.index))
        citations = [c.citation(n) for n, c in enumerate(chosen, 1)]
        text = " ".join(f"{c.sentence} [{c.n}]" for c in citations)
        claims = [Claim(c.sentence, (c.n,), supported=True, support=c.score) for c in citations]
        return Draft(text, citations, abstained=False, claims=claims)

    def stream(
        self, question: str, passages: Sequence[Passage], *, context: Context
    ) -> Iterator[str | Draft]:
        """The whole answer at once: quoting needs no generation to wait for."""
        draft = self.answer(question, passages, context=context)
        yield draft.text
        yield draft

    def condense(self, question: str, history: Sequence[tuple[str, str]], *, context: Context) -> str:
        """No rewriting: the pipeline's follow-up heuristic is what the extractive backend uses."""
        return ""
