"""Sentence support: how well a source sentence backs a claim (or answers a question), and the
citation check that holds every sentence of a generated answer to the source it cites.

The score mixes embedding similarity with lexical evidence, because each fails alone: MiniLM
rates topically close sentences highly even when the asked-for fact is missing, and word
overlap misses paraphrases. A claim is only backed by a source that also holds its hard facts:
its numbers and names, and its negation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from qa.encode.embed import Embedder
from qa.retrieval.lexical import LexicalIndex, tokenize
from qa.text import split_sentences
from qa.types import Citation, Claim, Passage, Sentence

DENSE_WEIGHT = 0.6
LEXICAL_WEIGHT = 0.4


@dataclass(frozen=True)
class Candidate:
    """A source sentence with the passage it came from and its support score."""

    sentence: Sentence
    passage: Passage
    score: float
    rank: int  # rank of its passage in retrieval, 0 = best

    def citation(self, n: int) -> Citation:
        """This sentence as the n-th citation of an answer."""
        return Citation(
            n=n,
            article_id=self.passage.article_id,
            title=self.passage.title,
            url=self.passage.url,
            published=self.passage.published,
            source=self.passage.source,
            sentence=self.sentence.text,
            sentence_index=self.sentence.index,
            start=self.sentence.start,
            end=self.sentence.end,
            score=round(self.score, 4),
            also_in=self.passage.also_in,
        )


def claim_weights(claim: str, lexical: LexicalIndex) -> dict[str, float]:
    """How much each of the claim's words counts as evidence (see LexicalIndex.weight)."""
    return {token: lexical.weight(token) for token in tokenize(claim)}


def support(cosine: float, weights: Mapping[str, float], sentence: str, *, refers_to: str = "") -> float:
    """The support score: embedding similarity blended with IDF-weighted word coverage (the words
    of `refers_to`, whom the sentence's opening pronoun stands for, count as the sentence's own)."""
    return _blend(cosine, coverage(weights, words_of(sentence) | words_of(refers_to)))


def _blend(cosine: float, overlap: float) -> float:
    return DENSE_WEIGHT * min(max(cosine, 0.0), 1.0) + LEXICAL_WEIGHT * overlap


# A sentence opening with a pronoun, also after a preposition ("In his 16 years in the NFL, ...") or
# a short opening phrase ("To that end, he’s recently created ...", "Over the last nine months, they
# traded ...").
PRONOUN_START = re.compile(
    r"^\W*(?:(?:in|at|for|during|after|before|throughout|since|despite|with)\s+|[A-Z][\w’']*(?:\s+[\w’']+){0,3},\s+"
    # (a longer one that times it: "Over the last nine months, they traded ...")
    r"|(?:over|during|in|within|throughout|since|across)\s+(?:the|this|that|its|their)\s+[\w’']+(?:\s+[\w’']+){0,3},\s+)?"
    r"(?:he|she|it|they|his|her|its|their|this|that)\b",
    re.IGNORECASE,
)
# A sentence in the first person: the speaker the article quotes ("So we sold our home in February").
FIRST_PERSON_START = re.compile(r"^\W*(?:(?:so|and|but|then)\W+)?(?:i|we|my|our|me|us)\b", re.IGNORECASE)


# A sentence that opens by describing whom the one before named: "The former talk show host, 52,
# spoke ...", "The 47-year-old engineer moved ...", "The company said ...".
_RELATIVE_BEFORE = re.compile(
    r"\b(?:wife|husband|son|daughter|mother|father|brother|sister|partner|girlfriend|boyfriend|fianc[ée]e?|"
    r"children|child|friend|ex-wife|ex-husband)\W{0,3}$",
    re.IGNORECASE,
)
_NAME_RUN = re.compile(r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*")
_DESCRIBED_START = re.compile(
    r"^\W*(?:(?:However|But|Still|Yet|And|So|Meanwhile|Instead),?\s+(?:the|this|that|each|both|these|those|such)"
    # "However, that deal has not ...", "The C$20 billion transaction was ...", 'The "Jolene" songstress'
    r"|The|This|That|Each|Both|These|Those|Such)\s+(?:[“\"][^”\"]{1,40}[”\"]\s+)?(?:[A-Z]{1,3}\$|[$£€])?"
    # ("The English midfielder": a nationality before the noun)
    r"(?:[A-Z][a-z]+(?:an|ish|ese|ch)\s+(?=[a-z]))?[a-z\d][\w’'-]*"
)
# An item of a list of labelled facts ("Earnings per share: 94 cents vs. 75 cents expected"): a short
# label, a colon, its value.
_LIST_ITEM = re.compile(r"^[A-Z][\w’'&/()-]*(?:\s+[\w’'&/()-]+){0,4}:\s+\S")
_LIST_ITEMS = 8  # items read back to the sentence that opens the list


def list_opening(passage: Passage, sentence: Sentence) -> str:
    """The sentence that opens the list a labelled item belongs to ("Here's how the sneaker giant
    performed during its fiscal first quarter ...:"), which says what every item is about; "" for
    a sentence that is no such item or whose list opens outside the passage."""
    if not _LIST_ITEM.match(sentence.text):
        return ""
    before = [s for s in passage.sentences if s.index < sentence.index]
    for item in reversed(before[-_LIST_ITEMS:]):
        if item.text.rstrip().endswith(":"):
            return item.text
        if not _LIST_ITEM.match(item.text):
            return ""
    return ""


def goes_on(text: str) -> bool:
    """Whether a sentence goes on from the one before it: it opens with a pronoun ("He finally saw
    the news online ..."), or is a quote a pronoun says ('“...,” he told The Associated Press.')."""
    return bool(PRONOUN_START.match(text) or _PRONOUN_SPEAKER.search(text))


# A quote said by a pronoun: '“... I’m trying to get some sleep, basically,” he told The Associated
# Press.' is said by whom the sentence before names.
_PRONOUN_SPEAKER = re.compile(
    r"[,”\"]\s*(?:he|she|they)\s+(?:said|says|told|added|explained|recalled|continued|wrote)\b"
)
_HOPS = 2  # sentences back an opening pronoun is followed ("... MXene sheet ... It ... Each sheet")


def antecedent(passage: Passage, sentence: Sentence) -> str:
    """For a sentence that opens with a pronoun or a description ("He has been with the company for
    more than 20 years", "Each sheet is ..."), the names of the sentence before it in the passage,
    whom the opening most likely stands for ("Boston Dynamics CTO, Aaron Saunders"); when that
    sentence opens so too ("It may look like MXM"), the names of the one before it as well; "" for
    any other sentence. An item of a labelled list refers to the sentence that opens the list."""
    if opening := list_opening(passage, sentence):
        return opening
    if not (_DESCRIBED_START.match(sentence.text) or goes_on(sentence.text)):
        return ""  # most sentences: decided by their opening, or who says them, alone
    held = passage.sentences
    first = held[0].index if held else 0

    def text_at(index: int) -> str:  # the passage's sentences run in order, one per index
        at = index - first
        return held[at].text if 0 <= at < len(held) and held[at].index == index else ""

    names: list[str] = []
    index = sentence.index
    # "The woman then died in 2000." after "Ada Lin tracked down the woman she thought was her
    # mother": the description stands for the one the sentence before described, not for Ada Lin.
    described = re.match(r"\W*The\s+([a-z]+)\b(?![’']s?\b)", sentence.text)
    if described and re.search(rf"(?<=\S)\s+the\s+{described.group(1)}\b", text_at(index - 1)):
        return ""
    for hop in range(_HOPS):
        # the sentence itself was checked above; one before it refers back only by its opening
        text = text_at(index)
        if hop and not (_DESCRIBED_START.match(text) or PRONOUN_START.match(text)):
            break
        index -= 1
        before = text_at(index)
        names += [
            m.group(0)
            for m in _NAME_RUN.finditer(before)
            # not the capital of an opening "This" (an opening "AOG" is a name, and so is one the
            # passage writes capitalised mid-sentence too: "Bellingham gave the visitors the lead")
            if (
                m.start() > 0
                or " " in m.group(0)
                or (len(m.group(0)) > 1 and m.group(0).isupper())
                or _written_mid_sentence(m.group(0), passage.text)
            )
            # "Will Smith ... with his wife, Jada Pinkett Smith": "The 55-year-old actor" is not the wife
            and not _RELATIVE_BEFORE.search(before[: m.start()])
        ]
    return " ".join(names)


def _written_mid_sentence(name: str, text: str) -> bool:
    """Whether `text` writes `name` after a word or a comma ("... cancelled out Jude Bellingham’s
    strike"), not only where a sentence opens."""
    at = text.find(name)
    while at != -1:
        end = at + len(name)
        if (
            at >= 2
            and text[at - 1] == " "
            and (text[at - 2].isalnum() or text[at - 2] in ",;:")
            and not (end < len(text) and text[end].isalnum())
        ):
            return True
        at = text.find(name, at + 1)
    return False


@lru_cache(maxsize=8192)
def words_of(text: str) -> frozenset[str]:
    """The tokens of a sentence or passage, cached: the top passages and their sentences recur from
    question to question (and every follow-up), and each answer reads them several times."""
    return frozenset(tokenize(text))


_SENTENCE_WORDS: dict[tuple[str, int], frozenset[str]] = {}
_SENTENCE_WORDS_KEPT = 16384


def sentence_words(passage: Passage, sentence: Sentence) -> frozenset[str]:
    """The words a sentence of `passage` counts as its own: its tokens and those of its antecedent.
    Kept by chunk id (which names the article's version) and sentence: a question scores the same
    sentences for itself, each of its facts and each claim of a yes/no check, and they recur from
    question to question, while only the claim's words change."""
    key = (passage.chunk_id, sentence.index)
    words = _SENTENCE_WORDS.get(key)
    if words is None:
        words = words_of(sentence.text) | words_of(antecedent(passage, sentence))
        if len(_SENTENCE_WORDS) >= _SENTENCE_WORDS_KEPT:
            _SENTENCE_WORDS.pop(next(iter(_SENTENCE_WORDS)), None)  # the oldest
        _SENTENCE_WORDS[key] = words
    return words


def coverage(weights: Mapping[str, float], sentence_tokens: Set[str]) -> float:
    """IDF-weighted share of the claim's words (`weights`) that the sentence contains (0 to 1)."""
    total = sum(weights.values())
    if total == 0:
        return 0.0
    return sum(w for t, w in weights.items() if t in sentence_tokens) / total


def unique_sentences(passages: Sequence[Passage]) -> list[tuple[Sentence, Passage, int]]:
    """Sentences of the passages, each once (overlapping windows repeat them), with passage rank."""
    seen: set[tuple[str, int]] = set()
    found = []
    for rank, passage in enumerate(passages):
        for sentence in passage.sentences:
            key = (passage.article_id, sentence.index)
            if key not in seen:
                seen.add(key)
                found.append((sentence, passage, rank))
    return found


StoredVectors = Callable[[Sequence[tuple[Passage, Sentence]]], np.ndarray | None]


def score_sentences(
    claim: str,
    passages: Sequence[Passage],
    *,
    embedder: Embedder,
    lexical: LexicalIndex,
    limit: int = 24,
    stored: StoredVectors | None = None,
    claim_vector: np.ndarray | None = None,
) -> list[Candidate]:
    """Score the sentences of `passages` as support for `claim` (embedded as `claim_vector` when
    the caller has it already), best first.

    Only the first `limit` sentences in passage order are scored. Their vectors come from the
    store (`stored`, embedded at ingest) when it has them all; otherwise they are encoded here,
    which costs about 3 ms a sentence on two cores.
    """
    found = unique_sentences(passages)[:limit]
    if not found:
        return []
    if claim_vector is None:
        claim_vector = embedder.encode([claim])[0]
    vectors = stored([(p, s) for s, p, _ in found]) if stored else None
    if vectors is None:
        vectors = embedder.encode([s.text for s, _, _ in found])
    similarity = vectors @ claim_vector
    weights = claim_weights(claim, lexical)
    spelled = _spelled_out(passages)
    candidates = []
    for (sentence, passage, rank), cosine in zip(found, similarity):
        words = sentence_words(passage, sentence)
        # "NAR chief economist Lawrence Yun" after "the National Association of Realtors (NAR)"
        if acronyms := spelled.get(passage.article_id):
            used = [long for acronym, long in acronyms.items() if re.search(rf"\b{acronym}\b", sentence.text)]
            words |= words_of(" ".join(used))
        score = _blend(float(cosine), coverage(weights, words))
        candidates.append(Candidate(sentence, passage, score, rank))
    candidates.sort(key=lambda c: (-c.score, c.rank, c.sentence.index))
    return candidates


# A name of several capitalised words ("Consumer Financial Protection Bureau", "National Association
# of Realtors"), and one spelled out with its acronym in parentheses: "... of Realtors (NAR)".
SPELLED_OUT = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:of|and|for|the|on|&)\s+)*[A-Z][\w’'-]*)+")
_ACRONYM_DEFINED = re.compile(rf"({SPELLED_OUT.pattern})\s+\(([A-Z]{{2,6}})\)")


def initials(name: str) -> str:
    """The capitals that open a name's words ("NAR" of "National Association of Realtors")."""
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _spelled_out(passages: Sequence[Passage]) -> dict[str, dict[str, str]]:
    """Per article, the acronyms its passages define ("NAR") and the names they stand for."""
    defined: dict[str, dict[str, str]] = {}
    for passage in passages:
        for acronym, long in _acronyms(passage.text):
            defined.setdefault(passage.article_id, {})[acronym] = long
    return defined


@lru_cache(maxsize=4096)
def _acronyms(text: str) -> tuple[tuple[str, str], ...]:
    """The acronyms a passage defines, with their names (read once: a question scores the same
    passages for itself, its facts and its claims)."""
    return tuple(
        (match.group(2), match.group(1))
        for match in _ACRONYM_DEFINED.finditer(text)
        if initials(match.group(1)).endswith(match.group(2))
    )


_MARKERS = re.compile(r"\s*\[(\d+(?:\s*,\s*\d+)*)\]")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NAME = re.compile(r"\b[A-Z][\w’'.-]*")
# Words that start sentences without being names ("The", "He" and other stopwords never count).
_OPENERS = {
    "according",
    "yes",
    "however",
    "despite",
    "although",
    "while",
    "after",
    "before",
    "since",
    "also",
    "meanwhile",
    "officials",
    "reportedly",
    "both",
    "neither",
    "when",
    "where",
    "why",
    "how",
}
_NEGATION = re.compile(r"\b(not|no|never|none|nobody|nothing)\b|n[’']t\b", re.IGNORECASE)


def parse_claims(text: str) -> list[tuple[str, tuple[int, ...]]]:
    """Split generated text into sentences, each with the [n] markers it carries (markers removed)."""
    claims = []
    # A marker ends its sentence: "... in 2020. [1] And if ..." is two claims whatever the splitter
    # makes of a full stop followed by a marker.
    text = re.sub(r"(\[\d+(?:\s*,\s*\d+)*\])[ \t]+(?=\S)", "\\1\n", text)
    for sentence in split_sentences(text):
        markers = tuple(int(n) for group in _MARKERS.findall(sentence.text) for n in group.split(","))
        plain = _plain(_MARKERS.sub(" ", sentence.text))
        if re.search(r"\w", plain):
            claims.append((plain, markers))
        elif claims and markers:  # markers on a line of their own belong to the sentence before
            claims[-1] = (claims[-1][0], claims[-1][1] + markers)
    return claims


def _plain(text: str) -> str:
    """A sentence as `parse_claims` leaves it: spaces squeezed, none before punctuation."""
    return re.sub(r"\s+([.,;:!?])", r"\1", " ".join(text.split()))


def missing_facts(claim: str, source: str) -> list[str]:
    """The claim's numbers and names the source lacks, and a negation it does not share."""
    source_tokens = set(tokenize(source))
    source_digits = {n.replace(",", "") for n in _NUMBER.findall(source)}
    missing = [n for n in _NUMBER.findall(claim) if n.replace(",", "") not in source_digits]
    names = _NAME.findall(claim)
    if names and claim.startswith(names[0]) and names[0].lower() in _OPENERS:
        names = names[1:]  # capitalised only because it starts the sentence
    for name in names:
        tokens = tokenize(name)
        if tokens and not all(t in source_tokens for t in tokens):
            missing.append(name)
    if _NEGATION.search(claim) and not _NEGATION.search(source):
        missing.append("(negation)")
    return missing


def support_scores(
    claims: Sequence[str], sources: Sequence[str], *, embedder: Embedder, lexical: LexicalIndex
) -> list[list[float]]:
    """How well each source backs each claim (rows: claims); 0 for a source missing a hard fact.

    Claims and sources are embedded together, once.
    """
    vectors = embedder.encode([*claims, *sources])
    cosines = vectors[: len(claims)] @ vectors[len(claims) :].T
    weights = [claim_weights(claim, lexical) for claim in claims]
    return [
        [
            0.0 if missing_facts(claim, source) else support(float(cosine), claim_words, source)
            for source, cosine in zip(sources, row)
        ]
        for claim, claim_words, row in zip(claims, weights, cosines)
    ]


def check_claims(
    text: str,
    sources: Sequence[Candidate],
    *,
    embedder: Embedder,
    lexical: LexicalIndex,
    threshold: float,
) -> list[tuple[Claim, list[Candidate]]]:
    """Hold each sentence of `text` to the numbered `sources` ([n] is sources[n-1]).

    A cited source that backs the claim is kept; a citation that points at a source not backing
    it is moved to the best source that does (or dropped); a claim no source backs is unsupported.
    """
    parsed = parse_claims(text)
    if not parsed or not sources:
        return [(Claim(c, (), supported=False, support=0.0), []) for c, _ in parsed]
    texts = [s.sentence.text for s in sources]
    quoted = [_plain(t) for t in texts]
    if all(_plain(claim) in quoted for claim, _ in parsed):
        # Every sentence quotes a source word for word (the extractive answer): each is backed by the
        # sources it is, fully, and by no other; nothing needs embedding.
        matrix = [[1.0 if _plain(claim) == q else 0.0 for q in quoted] for claim, _ in parsed]
    else:
        matrix = support_scores([claim for claim, _ in parsed], texts, embedder=embedder, lexical=lexical)
    checked = []
    for (claim, markers), scores in zip(parsed, matrix):
        backed = [n for n in dict.fromkeys(markers) if 1 <= n <= len(sources) and scores[n - 1] >= threshold]
        best = int(np.argmax(scores))
        corrected = False
        if not backed and scores[best] >= threshold:
            backed, corrected = [best + 1], True
        claim_record = Claim(
            text=claim,
            citations=tuple(backed),
            supported=bool(backed),
            support=round(max(scores), 4),
            corrected=corrected or len(backed) < len(set(markers)),
        )
        checked.append((claim_record, [sources[n - 1] for n in backed]))
    return checked
