"""Metrics of the eval suite: pure functions over strings and ranks, unit-tested on hand-made cases."""

from __future__ import annotations

import re
import statistics
import string
from collections import Counter
from collections.abc import Sequence

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_POSSESSIVE = re.compile(r"'s\b")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def normalise_answer(text: str) -> str:
    """Lowercase, unify quotes, drop possessives, punctuation and articles, squeeze spaces (SQuAD-style)."""
    text = _POSSESSIVE.sub("", text.translate(_QUOTES).lower())  # "Assad's" answers "Assad"
    text = "".join(ch for ch in text if ch not in string.punctuation)
    return " ".join(_ARTICLES.sub(" ", text).split())


def contains_answer(prediction: str, answers: Sequence[str]) -> bool:
    """Whether any acceptable answer appears, as whole words, in the prediction."""
    predicted = f" {normalise_answer(prediction)} "
    return any(f" {normalise_answer(a)} " in predicted for a in answers if normalise_answer(a))


def exact_match(prediction: str, answers: Sequence[str]) -> bool:
    """Whether the prediction equals an acceptable answer after normalisation."""
    return any(normalise_answer(prediction) == normalise_answer(a) for a in answers)


def token_f1(prediction: str, answers: Sequence[str]) -> float:
    """Best token-overlap F1 of the prediction against any acceptable answer."""
    predicted = normalise_answer(prediction).split()
    best = 0.0
    for answer in answers:
        gold = normalise_answer(answer).split()
        common = sum((Counter(predicted) & Counter(gold)).values())
        if common:
            precision, recall = common / len(predicted), common / len(gold)
            best = max(best, 2 * precision * recall / (precision + recall))
    return best


def squeeze(text: str) -> str:
    """Text without spaces and newlines: how the MultiHop-RAG scripts match facts inside chunks."""
    return text.replace(" ", "").replace("\n", "")


def evidence_rank(passages: Sequence[str], evidence: Sequence[str]) -> int | None:
    """1-based rank of the first passage containing any evidence sentence, or None."""
    wanted = [squeeze(e) for e in evidence]
    for rank, passage in enumerate(passages, 1):
        flat = squeeze(passage)
        if any(w in flat for w in wanted):
            return rank
    return None


def hit_at(rank: int | None, k: int) -> float:
    """1.0 when the first relevant item is within the top `k`."""
    return float(rank is not None and rank <= k)


def reciprocal_rank(rank: int | None, k: int = 10) -> float:
    """1/rank of the first relevant item within the top `k`, else 0."""
    return 1.0 / rank if rank is not None and rank <= k else 0.0


def average_precision_at_10(passages: Sequence[str], facts: Sequence[str]) -> float:
    """MAP@10 term of one query exactly as MultiHop-RAG's retrieval_evaluate.py computes it.

    At each relevant rank r <= 10, the facts first found there, divided by r, are added; the sum
    is divided by min(#facts, 10).
    """
    gold = [squeeze(f) for f in facts]
    found: list[str] = []
    total = 0.0
    for rank, passage in enumerate(passages[:10], 1):
        flat = squeeze(passage)
        if any(g in flat for g in gold):
            new = [g for g in gold if g in flat and g not in found]
            found.extend(new)
            total += len(new) / rank
    return total / min(len(gold), 10) if gold else 0.0


def fact_recall(passages: Sequence[str], facts: Sequence[str]) -> float:
    """Share of the gold facts that some passage contains."""
    flat = [squeeze(p) for p in passages]
    gold = [squeeze(f) for f in facts]
    return sum(any(g in p for p in flat) for g in gold) / len(gold) if gold else 0.0


def lenient_correct(prediction: str, gold: str) -> bool:
    """MultiHop-RAG's answer rule: the lowercased answer shares a whitespace-separated word with gold."""
    return bool(set(prediction.lower().split()) & set(gold.lower().split()))


def citation_precision(cited: Sequence[str], evidence: Sequence[str], answers: Sequence[str]) -> float | None:
    """Share of cited sentences that are gold evidence or contain a gold answer; None if none cited."""
    if not cited:
        return None
    wanted = {squeeze(e) for e in evidence}
    good = sum(squeeze(c) in wanted or contains_answer(c, answers) for c in cited)
    return good / len(cited)


def citation_recall(cited: Sequence[str], evidence: Sequence[str]) -> float | None:
    """Share of gold evidence sentences that were cited; None when there is no gold evidence."""
    if not evidence:
        return None
    got = {squeeze(c) for c in cited}
    return sum(squeeze(e) in got for e in evidence) / len(evidence)


def abstention_scores(abstained: Sequence[bool], answerable: Sequence[bool]) -> dict[str, float]:
    """Precision and recall of abstaining on unanswerable questions, and wrong abstentions."""
    pairs = list(zip(abstained, answerable, strict=True))
    right = sum(a and not ok for a, ok in pairs)
    abstentions = sum(a for a, _ in pairs)
    unanswerable = sum(not ok for _, ok in pairs)
    answerable_count = sum(ok for _, ok in pairs)
    return {
        "abstain_precision": right / abstentions if abstentions else 1.0,
        "abstain_recall": right / unanswerable if unanswerable else 1.0,
        "wrong_abstentions": sum(a and ok for a, ok in pairs) / answerable_count if answerable_count else 0.0,
    }


def verdict_of(text: str) -> str:
    """"yes", "no" or "" for a short answer or a gold answer of a yes/no question."""
    first = normalise_answer(text).split()[:1]
    return first[0] if first and first[0] in {"yes", "no"} else ""


def yes_no_accuracy(predicted: Sequence[str], gold: Sequence[str]) -> dict[str, float]:
    """Balanced accuracy of yes/no verdicts: the mean of Yes-recall and No-recall.

    A prior cannot score: answering "Yes" to everything gets Yes-recall 1 and No-recall 0, so 0.5,
    whatever the share of Yes questions. An unsettled or abstained answer is wrong either way.
    """
    pairs = [(verdict_of(p), verdict_of(g)) for p, g in zip(predicted, gold, strict=True)]
    recall = {}
    for side in ("yes", "no"):
        wanted = [p for p, g in pairs if g == side]
        recall[side] = sum(p == side for p in wanted) / len(wanted) if wanted else 0.0
    sides = [side for side in ("yes", "no") if any(g == side for _, g in pairs)]
    balanced = sum(recall[s] for s in sides) / len(sides) if sides else 0.0
    return {"yes_recall": recall["yes"], "no_recall": recall["no"], "yes_no_balanced": balanced}


def mean(values: Sequence[float | None]) -> float:
    """Mean of the defined values (0 when there are none)."""
    defined = [v for v in values if v is not None]
    return statistics.fmean(defined) if defined else 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
