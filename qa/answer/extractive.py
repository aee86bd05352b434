"""The offline default: answer with the source sentences that best support the question."""

from __future__ import annotations

from collections.abc import Sequence

from qa.answer.base import ABSTAIN_TEXT, Context, Draft
from qa.cite import score_sentences
from qa.types import Passage

# A second sentence joins the answer only when it scores nearly as well as the best one;
# otherwise it adds length without adding support.
_SECOND_SENTENCE_RATIO = 0.92


class ExtractiveBackend:
    """Answers by quoting the best-supported sentences of the retrieved passages, each cited."""

    name = "extractive"

    def answer(self, question: str, passages: Sequence[Passage], *, context: Context) -> Draft:
        """Pick the sentences that best answer `question`; abstain when none is good enough."""
        candidates = score_sentences(
            question, passages, embedder=context.embedder, lexical=context.lexical
        )
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
        return Draft(text, citations, abstained=False)
