"""Whether a candidate span fits the question: the rules that make a direct answer an answer and not
just a phrase of an on-topic sentence (who is quoted, which role, which counted noun, whose article).
"""

from __future__ import annotations

import re

from qa.answer import spans
from qa.answer.asked import Asked
from qa.cite import Candidate, words_of
from qa.lexical import tokenize

# Words on either side of a span where the question's own words must show (`in_context`).
CONTEXT_WORDS = 10
# A relative clause between a subject and its verb ("The United States, which has made ..., has said").
_RELATIVE = re.compile(r",\s*(?:which|who|whose|where)\b[^,]*,")
WORD = re.compile(r"[\w’'.-]*\w")  # a word of a sentence, with its inner apostrophes, dots and hyphens
_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|tell|added|stated|announced|wrote|according to|asked|argued|claimed|"
    r"warned|"
    r"shared|posted|tweeted)\b",
    re.IGNORECASE,
)
_ROLE_WORD = re.compile(r"[\w.-]+")


def in_context(text: str, span: spans.Span, question_tokens: set[str], kind: str) -> bool:
    """A typed span answers only with some of the question's words within a few words of it, or,
    for a person, in an attribution ("spokesman Josh Earnest said") that speaks for the whole
    sentence. ("..., a spokesman said Tuesday" does not date the invasion the sentence began with.)"""
    start, end = spans.clause(text, span.start, span.end)
    if kind == "person" and _SPEECH.search(text[start:end]):
        return True
    before = WORD.findall(text[: span.start])[-CONTEXT_WORDS:]
    after = WORD.findall(text[span.end :])[:CONTEXT_WORDS]
    # A reason clause may itself carry what the question is about ("ensuring that Russian and U.S.
    # jets don't collide" for "Why are officials worried about Russian and U.S. jets?").
    inside = WORD.findall(text[span.start : span.end]) if kind == "reason" else []
    return bool(set(tokenize(" ".join(before + after + inside))) & question_tokens)


def role_fits(text: str, span: spans.Span, roles: set[str]) -> bool:
    """A question naming a role is answered by a name written with that role beside it: "Foreign
    Minister Sergey Lavrov" is no answer to "Who is the Russian defense minister?"."""
    if not roles:
        return True
    # A role before the name modifies it only when nothing separates them ("press secretary Peter
    # Cook"; not "the new CEO, Zhao shared"); after it, an apposition may run on ("Richard Teng,
    # Binance's former head of markets, will be the exchange's new CEO").
    segments = re.split(r"[,;:—()]", text[max(0, span.start - 80) : span.start])
    lead = segments[-1]
    if not lead.strip() and len(segments) > 1 and not _SPEECH.match(text[span.end :].strip()):
        lead = segments[-2]  # "Everton's director of football, Kevin Thelwell" (not "..., Zhao shared")
    before = _ROLE_WORD.findall(lead)[-10:]
    after = _ROLE_WORD.findall(text[span.end : span.end + 160])[:15]
    return roles <= set(tokenize(" ".join(before + after)))


def roles(question: str) -> set[str]:
    """The role words a question names ("press secretary", "defense minister", "CEO"), stemmed."""
    words = _ROLE_WORD.findall(question.lower())
    roles = {
        w for w in words if w in spans.TITLES and w not in {"state", "department", "former", "head", "star"}
    }
    return set(tokenize(" ".join(roles)))


def speakers(question: str) -> list[str]:
    """Who a "what did X say/tell" question wants quoted: the names before its speech verb."""
    verb = _SPEECH.search(question) or re.search(
        r"\b(?:tell|say|describe|call|think)\b", question, re.IGNORECASE
    )
    if verb is None:
        return []
    return [question[s.start : s.end] for s in spans.names(question[: verb.start()]) if s.start > 0]


def speaks(text: str, speaker: str) -> bool:
    """Whether the sentence gives words of `speaker` ("Lavrov said", "said Lavrov", "according to
    Lavrov", "The United States ... has said" for "the U.S."): the speaker's words sit just before
    a speech verb (its subject) or just after it."""
    wanted = set(tokenize(speaker))
    for verb in _SPEECH.finditer(text):
        # The subject is the last name before the verb, once relative clauses are set aside.
        before = _RELATIVE.sub(" ", text[: verb.start()])
        names = [before[n.start : n.end] for n in spans.names(before)]
        after = WORD.findall(text[verb.end() :])[:4]
        if (names and wanted <= set(tokenize(names[-1]))) or wanted <= set(tokenize(" ".join(after))):
            return True
    return False


def counted_right_after(text: str, span: spans.Span, kind: Asked) -> bool:
    """Whether the counted noun follows the number ("43 homes", "10-point penalty")."""
    if not kind.counted:
        return False
    following = WORD.findall(text[span.start : span.end + 40])[:4]
    return bool(set(tokenize(kind.counted)) & set(tokenize(" ".join(following).replace("-", " "))))


def counts(text: str, span: spans.Span, kind: Asked) -> bool:
    """A number answers "how many X" only in a sentence that speaks of X ("15 conceded" in a
    sentence about goals, not a table row), and shows the asked-for measure (money for "how much
    did it cost", a duration for "how long")."""
    appositive = re.search(r",\s*$", text[: span.start]) and text[span.end : span.end + 1] == ","
    if kind.measure == "age" and appositive:
        return True  # "Andrew Sutch, 73, is stepping down"
    if not spans.measures(text[span.start : span.end], kind.measure):
        return False
    return not kind.counted or bool(set(tokenize(kind.counted)) & set(tokenize(text)))


def organisation(name: str) -> bool:
    return name.split()[-1].lower().strip(".,") in spans.ORGANISATION_WORDS


_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:an|ian|ese|ish|ch|i)$")


def could_be_person(text: str, span: spans.Span, question: str, question_names: list[str]) -> bool:
    """Not a nationality ("German", unless the question asks "whose"), not a place ("in Syria"), and
    not a phrase around a name the question gives ("Hamburg-based Hapag-Lloyd AG" for "Who is the
    chief executive of Hapag-Lloyd?")."""
    name = text[span.start : span.end]
    if name.replace(".", "").isupper() or organisation(name):
        return False  # "USMNT", "FTX", "Alameda Research": an organisation, not a person
    whose = bool(re.search(r"\bwhose\b", question, re.IGNORECASE))
    if _DEMONYM.match(name) and not whose:
        return False
    if not whose and spans.after_place_word(text, span.start):
        return False
    return not any(given in name for given in question_names)


_PRONOUN_START = re.compile(r"^\W*(?:he|she|it|they|his|her|its|their|this|that)\b", re.IGNORECASE)


def names_given(candidate: Candidate, names: list[str]) -> bool:
    """Whether the sentence, or the title of its article, names everyone and everything the question
    names (by surname, and "Russia" for "Russian"): the article's own subject need not be repeated
    ("Construction will begin in March" in "Harborview council approves bridge plan"), anyone else
    must be ("Binance agreed to pay $4.3 billion" says nothing of what Richard Teng is paid). A
    sentence that starts with a pronoun may leave them to its passage."""
    text = candidate.sentence.text
    if _PRONOUN_START.match(text):
        return about(candidate, names)
    words = words_of(text) | words_of(candidate.passage.title)
    for name in names:
        last = tokenize(name.split()[-1])
        if last and not any(same_word(last[-1], w) for w in words):
            return False
    return True


def same_word(one: str, other: str) -> bool:
    """Equal, or one the start of the other and at least five letters ("russia", "russian")."""
    shorter = min(one, other, key=len)
    return one == other or (len(shorter) >= 5 and (one.startswith(other) or other.startswith(one)))


def about(candidate: Candidate, names: list[str]) -> bool:
    """Whether the candidate's passage (title and text) mentions every name the question gives."""
    passage = candidate.passage
    return all(spans.mentions(f"{passage.title}\n{passage.text}\n{passage.source}", name) for name in names)


def quoted(text: str, span: spans.Span) -> bool:
    """Whether the span lies inside quotation marks."""
    return (
        text[: span.start].count("“") > text[: span.start].count("”")
        or text[: span.start].count('"') % 2 == 1
    )
