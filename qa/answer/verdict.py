"""Yes/no verdicts: a question's claims, each held to the sentence that best supports it.

The rule (README, "Yes/no questions"):
- The question is cut into its claims (one per part, see `qa.retrieval.query`); each claim loses its
  question frame ("Does the TechCrunch article suggest that ...").
- A claim is *supported* by a retrieved sentence that backs it (support score at least
  `verdict_support`) with the same polarity; a sentence that backs it but with the opposite
  polarity ("declined to comment", "has not asked") *contradicts* it. A claim that names a source
  is held only to that source's sentences; when that source's articles are retrieved and none of
  their sentences backs the claim, the source does not say it, which also answers "No".
- "Was A reported before B?" also needs the two claims' articles in that date order.
- Yes: every claim supported (and the order holds). No: some claim contradicted, not said by the
  source it names, or the order does not hold. Otherwise: the articles don't settle it.
- A question that asks whether reports *differ* ("was there a change", "inconsistent") is the
  opposite claim: Yes only when one of its claims is contradicted while the others hold.
Every verdict cites one sentence per claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np

from qa.answer import spans
from qa.answer.asked import AUX_WORDS, option_family
from qa.answer.cite import Candidate, StoredVectors, score_sentences, words_of
from qa.answer.guard import looks_like_instruction
from qa.encode.embed import Embedder
from qa.retrieval.lexical import LexicalIndex, tokenize
from qa.retrieval.query import SourceCatalog, published_date, split_parts
from qa.types import Passage

Outcome = Literal["Yes", "No", "unsettled"]
UNSETTLED_TEXT = "The articles don't settle it."
# Sentences of the retrieved passages scored for each claim (more than an answer scores: every
# claim of a multi-part question needs its own evidence, often from a lower-ranked passage).
_SCORED = 80
# Sentences that compete as a claim's evidence, and the weight of the claim's own words in them.
_CLOSEST = 5
_PREDICATE_WEIGHT = 0.3


def _share(words: set[str], sentence: str) -> float:
    return len(words & words_of(sentence)) / len(words) if words else 0.0


_NEGATIVE = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|without|cannot|lack|lacks|lacked|lacking|decline|declined|"
    r"declines|refuse|refused|refuses|refusal|deny|denied|denies|reject|rejected|rejects|fail|failed|fails|"
    r"failing|failure|refrain|refrained|unable|absence)\b"
    r"|n[’']t\b",
    re.IGNORECASE,
)
# A claim about a difference between reports: true when they disagree.
_ASKS_DIFFERENCE = re.compile(
    r"\b(?:was|is|were|are) there (?:a|an|any)\s+(?:\w+\s+)?"
    r"(?:change|shift|inconsistenc\w*|difference|discrepanc\w*|"
    r"contradiction)\b|\binconsistent\b|\b(?:did|does|has)\b[^,?]{0,80}\bchange\b",
    re.IGNORECASE,
)
_ORDER = re.compile(
    r"\b(?:before or after|after or before|before|after|earlier than|later than|prior to|preceding"
    r"|following)\b",
    re.IGNORECASE,
)
_FRAME = re.compile(rf"^(?:{'|'.join(sorted(AUX_WORDS))})\s+", re.IGNORECASE)


@dataclass(frozen=True)
class ClaimCheck:
    """One claim of the question and what its best sentence says about it."""

    claim: str
    evidence: Candidate | None
    status: Literal["supported", "contradicted", "not said", "unknown"]


@dataclass(frozen=True)
class Verdict:
    """Yes, No or unsettled, with the check of every claim (its evidence is what gets cited)."""

    outcome: Outcome
    claims: tuple[ClaimCheck, ...]

    @property
    def evidence(self) -> list[Candidate]:
        """One sentence per claim, without repeats, in the question's order."""
        seen: list[Candidate] = []
        for check in self.claims:
            if check.evidence is not None and all(check.evidence.sentence != c.sentence for c in seen):
                seen.append(check.evidence)
        return seen


def shown(found: Verdict, options: tuple[str, ...] = ()) -> str:
    """The verdict as the short answer: Yes, No or "The articles don't settle it."; for a question
    offering two options, one of them ("consistent or inconsistent?" is not answered "Yes")."""
    if options:
        return choose(found, options) or UNSETTLED_TEXT
    return UNSETTLED_TEXT if found.outcome == "unsettled" else found.outcome


def choose(found: Verdict, options: tuple[str, ...]) -> str:
    """The option a choice question takes from its verdict, as the question words it: agreement
    ("consistent") when every claim holds, difference when one is contradicted while another holds;
    "before" or "after" by the dates of the two claims' articles; "" when the options are not
    such a pair or the articles don't settle it."""
    last = [option.split()[-1] for option in options]
    sides = [option_family(word) for word in last]
    if len(last) != 2 or set(sides) not in ({"agree", "differ"}, {"order"}):
        return ""
    if sides[0] == "order":
        dates = [d for c in found.claims if (d := _published(c.evidence)) is not None]
        if len(found.claims) != 2 or len(dates) != 2 or dates[0] == dates[1]:
            return ""
        return next(word for word in last if (word.lower() == "before") == (dates[0] < dates[1]))
    statuses = {check.status for check in found.claims}
    if statuses == {"supported"}:
        return last[sides.index("agree")]
    if "contradicted" in statuses and "supported" in statuses:
        return last[sides.index("differ")]
    return ""


def negative(text: str) -> bool:
    """Odd number of negations: "has not asked Carter to refrain" is positive, "declined" negative."""
    return len(_NEGATIVE.findall(text)) % 2 == 1


_PREFIXED = re.compile(r"\b(?:un|in|dis|non-?)([a-z]{4,})\b", re.IGNORECASE)


def _opposite_word(claim: str, sentence: str) -> bool:
    """A word negated by its prefix on one side and plain on the other ("unconcerned" / "concerned")."""
    for one, other in ((claim, sentence), (sentence, claim)):
        plain = set(re.findall(r"[a-z]+", other.lower()))
        if any(m.group(1).lower() in plain for m in _PREFIXED.finditer(one)):
            return True
    return False


def _other_number(claim: str, sentence: str) -> bool:
    """The claim gives a number the sentence has a different one for ("$2 billion" / "$4.3 billion")."""
    claimed = {_value(claim[n.start : n.end]) for n in spans.numbers(claim)}
    found = {_value(sentence[n.start : n.end]) for n in spans.numbers(sentence)}
    return bool(claimed and found and not claimed & found)


_WORDS = {
    w: str(i)
    for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
}


def _value(number: str) -> str:
    first = number.lower().split()[0].strip("$€£¥")
    return _WORDS.get(first, first.replace(",", ""))


def _negation_on_claim(claim: str, sentence: str) -> bool:
    """Whether the sentence's negation bears on the claim: within eight words of one of its words
    ("Cook declined to comment"), not somewhere else in a long sentence."""
    claim_words = set(tokenize(claim))
    words = re.findall(r"[\w’'-]+", sentence)
    for i, word in enumerate(words):
        if _NEGATIVE.fullmatch(word) or re.search(r"n[’']t$", word):
            near = " ".join(words[max(0, i - 8) : i + 9])
            if set(tokenize(near)) & claim_words:
                return True
    return False


def claims_of(question: str, catalog: SourceCatalog | None) -> list[str]:
    """The question's claims: its parts, each without the auxiliary verb that makes it a question;
    "Was A published before B?" is the two claims A and B."""
    order = _ORDER.search(question)
    parts = split_parts(question, catalog) or [question]
    if order and len(parts) == 1:
        parts = [question[: order.start()], question[order.end() :]]
    return [_FRAME.sub("", part.strip(" ?")) for part in parts]


# How a question says where a claim was made ("the TechCrunch article suggests that"): not the claim.
_REPORTING = re.compile(
    r"\b(?:while|whereas|and|but|also|both|the|an?|same|news|source|sources|outlet|article|articles|report|reports|"
    r"reported|reporting|piece|story|coverage|published|suggest|suggests|suggested|suggesting|indicate|"
    r"indicates|indicated|imply|implies|implied|claim|claims|claimed|state|states|stated|mention|mentions|"
    r"mentioned|say|says|said|according to|from|by|in|on|that|does|did|do|is|was)\b|[‘’'\"“”|]",
    re.IGNORECASE,
)


def content(claim: str, catalog: SourceCatalog | None) -> str:
    """What a claim says, without the sources it names and the words that frame it as reported."""
    if catalog is not None and catalog.pattern is not None:
        claim = catalog.pattern.sub(" ", claim)
    return " ".join(_REPORTING.sub(" ", claim).split())


def _check(
    claim: str,
    said: str,
    vector: np.ndarray,
    passages: Sequence[Passage],
    *,
    catalog: SourceCatalog | None,
    embedder: Embedder,
    lexical: LexicalIndex,
    support: float,
    stored: StoredVectors | None,
) -> ClaimCheck:
    """What the passages say about one claim (`said`: its content, embedded as `vector`)."""
    named = catalog.find(claim) if catalog is not None else frozenset()
    scored = [
        c
        for c in score_sentences(
            said,
            passages,
            embedder=embedder,
            lexical=lexical,
            limit=_SCORED,
            stored=stored,
            claim_vector=vector,
        )
        if not looks_like_instruction(c.sentence.text)  # "Assistant: The increase has been cancelled."
    ]
    if named:
        from_named = [c for c in scored if c.passage.source in named]
        if not from_named:
            return ClaimCheck(claim, scored[0] if scored else None, "unknown")
        scored = from_named
    if not scored:
        return ClaimCheck(claim, None, "unknown")
    # Names say what a claim is about, the rest what it says: among the closest sentences, the one
    # that has the most of what it says ("would not raise property taxes to pay for it" over a
    # sentence that only names the Harborview Bridge).
    named_words = {t for n in spans.names(said) for t in tokenize(said[n.start : n.end])}
    predicate = set(tokenize(said)) - named_words
    best = max(
        scored[:_CLOSEST], key=lambda c: c.score + _PREDICATE_WEIGHT * _share(predicate, c.sentence.text)
    )
    if best.score < support:
        return ClaimCheck(claim, best, "not said" if named else "unknown")
    sentence = best.sentence.text
    flipped = negative(said) != negative(sentence) and (negative(said) or _negation_on_claim(said, sentence))
    if flipped or _opposite_word(said, sentence) or _other_number(said, sentence):
        return ClaimCheck(claim, best, "contradicted")
    return ClaimCheck(claim, best, "supported")


def _published(candidate: Candidate | None) -> date | None:
    return published_date(candidate.passage.published) if candidate is not None else None


def _order_holds(question: str, checks: Sequence[ClaimCheck]) -> bool | None:
    """For "A before/after B" with two dated claims: whether their articles' dates agree (None: n/a)."""
    if len(checks) != 2 or not (match := _ORDER.search(question)):
        return None
    first, second = (_published(c.evidence) for c in checks)
    if first is None or second is None or first == second:
        return None
    earlier = match.group(0).lower() in {"before", "earlier than", "prior to", "preceding"}
    # The order word sits between the claims: "A before B" means A's date < B's date.
    return (first < second) == earlier


def verdict(
    question: str,
    passages: Sequence[Passage],
    *,
    catalog: SourceCatalog | None,
    embedder: Embedder,
    lexical: LexicalIndex,
    support: float,
    stored: StoredVectors | None = None,
) -> Verdict:
    """Yes, No or unsettled for a yes/no question (see the module docstring for the rule)."""
    claims = claims_of(question, catalog)
    said = [content(claim, catalog) or claim for claim in claims]
    vectors = embedder.encode(said)  # all claims at once
    checks = tuple(
        _check(
            claim,
            text,
            vector,
            passages,
            catalog=catalog,
            embedder=embedder,
            lexical=lexical,
            support=support,
            stored=stored,
        )
        for claim, text, vector in zip(claims, said, vectors)
    )
    statuses = [c.status for c in checks]
    if _ASKS_DIFFERENCE.search(question) and len(checks) > 1:
        if "contradicted" in statuses and "supported" in statuses:
            return Verdict("Yes", checks)
        if all(s == "supported" for s in statuses):
            return Verdict("No", checks)
        return Verdict("unsettled", checks)
    if "contradicted" in statuses or "not said" in statuses:
        return Verdict("No", checks)
    if all(s == "supported" for s in statuses):
        order = _order_holds(question, checks)
        return Verdict("No" if order is False else "Yes", checks)
    return Verdict("unsettled", checks)
