"""The offline default: answer with the direct answer and the source sentences that back it.

A wh-question gets the span the pipeline found (`Evidence.short`) and its sentence, plus a
second sentence when it scores nearly as well; a yes/no question gets a verdict with one
sentence per claim (`qa.answer.verdict`).
"""

from __future__ import annotations

from collections.abc import Generator, Sequence

from qa.answer.base import Context, Evidence, Written
from qa.answer.cite import Candidate
from qa.answer.verdict import shown

# A second sentence joins the answer only when it scores nearly as well as the best one;
# otherwise it adds length without adding support.
_SECOND_SENTENCE_RATIO = 0.92


def quoted(sources: Sequence[Candidate]) -> str:
    """The sentences as the answer's text, each with its [n] (n: its place in `sources`)."""
    return " ".join(f"{c.sentence.text} [{n}]" for n, c in enumerate(sources, 1))


class ExtractiveBackend:
    """Answers by quoting the best-supported sentences of the retrieved passages, each cited."""

    name = "extractive"

    def compose(self, evidence: Evidence, *, context: Context) -> Written:
        """The answer for `evidence`, written at once: quoting needs no generation to wait for."""
        settings = context.settings
        found = evidence.verdict
        if found is not None and found.evidence:
            return Written(quoted(found.evidence), found.evidence, short=shown(found, evidence.asked.options))
        ranked = evidence.ranked
        best = ranked[0].score
        floor = max(settings.abstain_below, best * _SECOND_SENTENCE_RATIO)
        chosen = [c for c in ranked[: settings.answer_sentences] if c.score >= floor]
        if evidence.short is not None and settings.direct_answers:
            # The sentence holding the direct answer leads, then the one that answers where that
            # is another (the answer's name cited where its article writes it in full).
            lead = [c for c in (evidence.short.candidate, evidence.short.answering) if c is not None]
            chosen = [*lead, *(c for c in chosen if c not in lead)]
            chosen = chosen[: settings.answer_sentences]
            return Written(quoted(chosen), chosen, short=evidence.short.text)
        # Best article first, but sentences of one article in reading order.
        article_order = {c.passage.article_id: i for i, c in reversed(list(enumerate(chosen)))}
        chosen.sort(key=lambda c: (article_order[c.passage.article_id], c.sentence.index))
        return Written(quoted(chosen), chosen)

    def write(self, evidence: Evidence, *, context: Context) -> Generator[str, None, Written]:
        """The whole answer as one piece."""
        written = self.compose(evidence, context=context)
        yield f"{written.short}\n\n{written.text}" if written.short else written.text
        return written

    def condense(self, question: str, history: Sequence[tuple[str, str]], *, context: Context) -> str:
        """No rewriting: the pipeline's follow-up heuristic is what the extractive backend uses."""
        return ""
