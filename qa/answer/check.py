"""The one check every answer passes, whichever backend wrote it.

Each sentence of the written answer is held to the source it cites (`qa.answer.cite.check_claims`): a
citation that points at a source not backing it is moved to one that does or dropped, and a
sentence no source backs is marked (or dropped in strict mode); nothing backed is an abstention.
The short answer must be a Yes/No verdict of a yes/no question or words of a cited sentence; one
that is neither is replaced by the direct answer found in the cited sentences, with a note. A
verdict the rule's (`Evidence.verdict`) contradicts is noted; a missing one is the rule's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from qa.answer.base import ABSTAIN_LEAD, ABSTAIN_TEXT, Context, Evidence, Written
from qa.answer.cite import Candidate, check_claims
from qa.answer.direct import short_answer
from qa.answer.spans import relative_days, resolve_day
from qa.answer.verdict import UNSETTLED_TEXT, shown
from qa.types import Answer, Citation, Claim, ShortSpan

VERDICTS = ("Yes", "No", UNSETTLED_TEXT)
# How models say "the sources don't tell".
_DECLINES = re.compile(
    r"\b(don[’']?t|do not|does not|doesn[’']?t) (say|mention|state)\b|\binsufficient information\b"
    r"|\bnot (mentioned|stated|specified|provided)\b|\bno information\b|\bcan(no|[’']?)t answer\b",
    re.IGNORECASE,
)


def abstention(
    evidence: Evidence, *, reason: str = "", notes: tuple[str, ...] = (), seconds: float = 0.0
) -> Answer:
    """The answer that says the articles don't answer (and, given a `reason`, why not), with the
    passages that were looked at."""
    return Answer(
        question=evidence.question,
        text=f"{ABSTAIN_LEAD} {reason}" if reason else ABSTAIN_TEXT,
        abstained=True,
        passages=evidence.passages,
        notes=notes,
        seconds=seconds,
    )


def check(written: Written, evidence: Evidence, *, context: Context, seconds: float = 0.0) -> Answer:
    """The written answer with every citation verified, corrected or removed, unsupported sentences
    marked (or dropped in strict mode), and the short answer found in a cited sentence."""
    if not isinstance(written, Written):
        raise TypeError(f"an answer backend must return Written, not {type(written).__name__}")
    text = written.text.strip()
    if not text or _DECLINES.search(text) or _DECLINES.search(written.short):
        return abstention(evidence, notes=written.notes, seconds=seconds)
    checked = check_claims(
        text,
        written.sources,
        embedder=context.embedder,
        lexical=context.lexical,
        threshold=context.settings.support_threshold,
    )
    if context.settings.strict_citations:
        checked = [(claim, backing) for claim, backing in checked if claim.supported]
    if not any(claim.supported for claim, _ in checked):
        return abstention(evidence, notes=written.notes, seconds=seconds)
    # Renumber by first appearance, so the answer's markers run [1], [2], ...
    numbers: dict[int, int] = {}
    for claim, _ in checked:
        for n in claim.citations:
            numbers.setdefault(n, len(numbers) + 1)
    cited = [written.sources[old - 1] for old in numbers]
    citations = [source.citation(new) for source, new in zip(cited, numbers.values())]
    citations = [replace(c, days=relative_days(c.sentence, c.published)) for c in citations]
    claims = [
        Claim(c.text, tuple(numbers[n] for n in c.citations), c.supported, c.support, c.corrected)
        for c, _ in checked
    ]
    short, span, notes = _short(written, evidence, cited, citations, context=context)
    # "Tuesday" in an article of Thursday, September 17, 2015 -> "Tuesday (September 15, 2015)".
    if (
        span is not None
        and evidence.asked.kind == "date"
        and (resolved := resolve_day(short, citations[span.n - 1].published))
    ):
        short = f"{short} ({resolved})"
    body = " ".join(c.text + "".join(f" [{n}]" for n in c.citations) for c in claims)
    head = short + (f" [{span.n}]" if span else "")
    return Answer(
        question=evidence.question,
        text=f"{head}\n\n{body}" if short else body,
        citations=citations,
        passages=evidence.passages,
        claims=claims,
        notes=written.notes + notes,
        short=short,
        short_span=span,
        seconds=seconds,
    )


def _short(
    written: Written,
    evidence: Evidence,
    cited: list[Candidate],
    citations: list[Citation],
    *,
    context: Context,
) -> tuple[str, ShortSpan | None, tuple[str, ...]]:
    """The short answer and where it stands in a cited sentence, with a note if the writer's was
    not backed."""
    if not context.settings.direct_answers:
        return "", None, ()
    short = " ".join(written.short.split()).rstrip(".") if written.short not in VERDICTS else written.short
    if evidence.asked.kind in {"yesno", "choice"}:
        return _checked_verdict(short, evidence)
    if short:
        for citation in citations:
            at = citation.sentence.lower().find(short.lower())
            if at >= 0:
                start = citation.start + at
                return (
                    citation.sentence[at : at + len(short)],
                    ShortSpan(citation.n, start, start + len(short)),
                    (),
                )
    notes = (
        (f"the short answer “{short}” is not in the cited sentences; shown: the one they hold",)
        if short
        else ()
    )
    best_first = sorted(cited, key=lambda c: -c.score)
    found = short_answer(
        evidence.question,
        evidence.asked,
        best_first,
        lexical=context.lexical,
        threshold=0.0,
        query=context.search_query or evidence.question,
        catalog=context.catalog,
    )
    if found is None:
        return "", None, notes
    n = cited.index(found.candidate) + 1
    start = citations[n - 1].start + found.start
    return found.text, ShortSpan(n, start, start + len(found.text)), notes


def _checked_verdict(short: str, evidence: Evidence) -> tuple[str, ShortSpan | None, tuple[str, ...]]:
    """A yes/no or choice answer held to the rule's verdict (`Evidence.verdict`): a writer's verdict
    that the rule contradicts stands, with a note that says what the rule found (the rule sees
    negations, numbers, sources and dates, not every meaning); a writer that gave none gets the
    rule's."""
    found = evidence.verdict
    ruled = shown(found, evidence.asked.options) if found is not None and found.evidence else ""
    options = {option.split()[-1].lower() for option in evidence.asked.options}
    if short in VERDICTS or short.lower() in options:
        if ruled and ruled != UNSETTLED_TEXT and short != UNSETTLED_TEXT and ruled.lower() != short.lower():
            return short, None, (f"the sources' check answers “{ruled}”, not “{short}”",)
        return short, None, ()
    return ruled, None, ()
