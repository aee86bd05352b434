"""What the pipeline finds before any backend writes: the source sentences ranked by how well they
answer, the direct answer among them, and whether the sources answer at all.

The sources do not answer, whatever backend would write, when:
- no sentence is supported well enough (`abstain_below`);
- the question names someone or something no retrieved passage mentions ("the Millbrook flood"
  over articles about a wildfire), or cites an outlet the store holds nothing from ("according to
  a Bloomberg report");
- no good sentence holds an answer of the asked-for kind that the question did not bring itself:
  a person for "who", a date for "when", a number for "how many", a reason for "why", the named
  speaker's own words for "what did X say" (see `qa.answer.direct`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from qa.answer import fits, spans
from qa.answer.asked import asked
from qa.answer.base import Context, Evidence
from qa.answer.cite import Candidate, score_sentences
from qa.answer.direct import TYPED, TYPED_SLACK, short_answer
from qa.answer.guard import looks_like_instruction
from qa.answer.verdict import claims_of, content, verdict
from qa.ingestion.language import detect
from qa.retrieval.lexical import tokenize
from qa.retrieval.query import SourceCatalog, split_parts
from qa.types import Passage

# A follow-up asks for something new: a sentence already given in this conversation
# only wins again when nothing else comes close.
_REPEAT_PENALTY = 0.8


def rank(question: str, passages: Sequence[Passage], *, context: Context) -> list[Candidate]:
    """Source sentences that could answer `question`, best supported first; sentences that
    address an AI (`looks_like_instruction`) are never among them.

    A follow-up is scored both as asked ("What did he tell reporters?") and as made
    standalone with the conversation; each sentence keeps its better score.
    """
    queries = {question, context.search_query or question}
    best: dict[tuple[str, int], Candidate] = {}
    for query in queries:
        for c in _scored(query, passages, context=context):
            key = (c.passage.article_id, c.sentence.index)
            if key not in best or c.score > best[key].score:
                best[key] = c
    said = context.said_before
    ranked = [
        replace(c, score=c.score * _REPEAT_PENALTY) if any(c.sentence.text in t for t in said) else c
        for c in best.values()
        if not looks_like_instruction(c.sentence.text)
    ]
    return sorted(ranked, key=lambda c: (-c.score, c.rank, c.sentence.index))


# Best sentences that may relay an outlet the store does not hold ("..., Bloomberg reported").
_RELAYS = 3


def unheld_outlets(evidence: Evidence, catalog: SourceCatalog | None) -> list[str]:
    """Outlets the question cites as its source that the store holds nothing from ("a Bloomberg
    article" over articles from elsewhere), unless the sentences that answer best relay them
    (`fits.relays`): what those outlets wrote is unknown here."""
    if catalog is None:
        return []
    answering = [c.sentence.text for c in evidence.ranked[:_RELAYS]]
    if evidence.short is not None:
        answering.append(evidence.short.candidate.sentence.text)
    unheld = catalog.unheld(evidence.question)
    return [name for name in unheld if not any(fits.relays(text, name) for text in answering)]


def unmentioned_names(question: str, passages: Sequence[Passage], catalog: SourceCatalog | None) -> list[str]:
    """Names in the question that no passage mentions (source names, which are metadata, aside)."""
    texts = [f"{p.title}\n{p.text}\n{p.source}" for p in passages]
    missing = []
    for span in spans.names(question):
        name = question[span.start : span.end]
        if catalog is not None and catalog.find(name):
            continue
        if not any(spans.mentions(text, name) for text in texts):
            missing.append(name)
    return missing


# A question that names its answer by several facts is long and has several parts ("Which company,
# reported by TechCrunch for X and by The Verge for Y, ...?"); "Besides Iranian airspace, whose
# airspace ...?" has two parts but asks one fact.
_FACTS_WORDS = 10


def describes_by_facts(question: str, catalog: SourceCatalog | None) -> bool:
    """Whether a wh-question describes its answer by several facts (see `short_answer`)."""
    return len(tokenize(question)) >= _FACTS_WORDS and len(split_parts(question, catalog)) > 1


# The best sentences of each fact that vote on the name a question of several facts describes.
_FACT_SENTENCES = 3


def fact_evidence(question: str, passages: Sequence[Passage], *, context: Context) -> list[list[Candidate]]:
    """The best sentences for each fact of a question that describes its answer by several facts
    ("Who is the individual ... who persuaded a colleague ... and is accused of ...?"): the name
    the answer is shows up in the evidence of most of them."""
    facts = [content(claim, context.catalog) or claim for claim in claims_of(question, context.catalog)]
    if len(facts) < 2:
        return []
    vectors = context.embedder.encode(facts)
    return [
        [
            c
            for c in _scored(fact, passages, context=context, vector=vector)
            if not looks_like_instruction(c.sentence.text)
        ][:_FACT_SENTENCES]
        for fact, vector in zip(facts, vectors)
    ]


def _scored(
    text: str, passages: Sequence[Passage], *, context: Context, vector: np.ndarray | None = None
) -> list[Candidate]:
    """The passages' sentences scored as support for `text` (embedded as `vector` when given)."""
    return score_sentences(
        text,
        passages,
        embedder=context.embedder,
        lexical=context.lexical,
        limit=context.settings.scored_sentences,
        stored=context.stored_vectors,
        claim_vector=vector,
    )


def in_english(question: str) -> bool:
    """Whether the direct-answer rules, written for English, apply ("" = too short to tell: yes).
    Names and titles are left out ("How many streams has Lo Que Queda de Mí had?" is English)."""
    first, *rest = question.split() or [""]
    return detect(" ".join([first, *(w for w in rest if not w[:1].isupper())])) in {"en", ""}


def gather(question: str, passages: Sequence[Passage], *, context: Context) -> Evidence:
    """Rank the passages' sentences for `question` and find the direct answer among them: a span,
    or for a yes/no question the rule's verdict, which every backend's own is checked against."""
    kind = asked(question)
    ranked = rank(question, passages, context=context)
    short = None
    if kind.kind in {"yesno", "choice"} and context.settings.direct_answers:
        found = verdict(
            question,
            passages,
            catalog=context.catalog,
            embedder=context.embedder,
            lexical=context.lexical,
            support=context.settings.verdict_support,
            stored=context.stored_vectors,
        )
        return Evidence(question, kind, list(passages), ranked, verdict=found)
    if kind.kind not in {"yesno", "choice"} and in_english(question):
        several_facts = describes_by_facts(question, context.catalog)
        facts = fact_evidence(question, passages, context=context) if several_facts else []
        short = short_answer(
            question,
            kind,
            ranked,
            lexical=context.lexical,
            threshold=context.settings.abstain_below,
            several_facts=several_facts,
            facts=facts,
            query=context.search_query or question,
            catalog=context.catalog,
            article_passages=context.article_passages,
        )
    return Evidence(question, kind, list(passages), ranked, short)


def answerable(evidence: Evidence, *, context: Context) -> bool:
    """Whether the evidence can answer at all (see the module docstring)."""
    settings = context.settings
    if not evidence.ranked:
        return False
    top = evidence.ranked[0].score
    if not settings.direct_answers or not in_english(evidence.question):
        # Quote-only answers, or a question in another language: the support score alone decides.
        return top >= settings.abstain_below
    # A typed answer found just under the threshold stands on its kind and constraint checks.
    typed = evidence.asked.kind in TYPED and evidence.short is not None
    if top < settings.abstain_below - (TYPED_SLACK if typed else 0.0):
        return False
    if unheld_outlets(evidence, context.catalog):
        return False
    missing = unmentioned_names(evidence.question, evidence.passages, context.catalog)
    named = len(list(spans.names(evidence.question)))
    # One missing name sinks a focused question ("the Millbrook flood"); a question describing its
    # answer by many named facts may word one of them differently from the articles.
    if missing and len(missing) * 2 >= named:
        return False
    return evidence.asked.kind in {"yesno", "choice"} or evidence.short is not None
