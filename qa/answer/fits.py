"""Whether a candidate span fits the question: the rules that make a direct answer an answer and not
just a phrase of an on-topic sentence (who is quoted, which role, which counted noun, whose article).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from qa.answer import spans
from qa.answer.asked import AUX_WORDS, Asked
from qa.answer.cite import FIRST_PERSON_START, PRONOUN_START, Candidate, antecedent, list_opening, words_of
from qa.retrieval.lexical import tokenize
from qa.retrieval.query import published_date

# Words on either side of a span where the question's own words must show (`in_context`).
CONTEXT_WORDS = 10
# A relative clause between a subject and its verb ("The United States, which has made ..., has said").
_RELATIVE = re.compile(r",\s*(?:which|who|whose|where)\b[^,]*,")
WORD = re.compile(r"[\w’'.-]*\w")  # a word of a sentence, with its inner apostrophes, dots and hyphens
SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|tell|added|stated|announced|wrote|according to|asked|argued|claimed|"
    r"warned|answered|replied|responded|explained|noted|insisted|admitted|recalled|joked|quipped|"
    r"shared|posted|tweeted)\b",
    re.IGNORECASE,
)
_ROLE_WORD = re.compile(r"[\w.-]+")


def in_context(
    text: str, span: spans.Span, question_tokens: set[str], kind: str, refers_to: str = ""
) -> bool:
    """A typed span answers only with some of the question's words within a few words of it (or in
    `refers_to`, whom the sentence's opening pronoun stands for: the subject of all of it), or,
    for a person, in an attribution ("spokesman Josh Earnest said") that speaks for the whole
    sentence. ("..., a spokesman said Tuesday" does not date the invasion the sentence began with.)"""
    start, end = spans.clause(text, span.start, span.end)
    if kind == "person" and SPEECH.search(text[start:end]):
        return True
    # (and what stands before an aside closed just before it: "lowered its price — which was ... —
    # by 15%")
    before = (
        WORD.findall(text[: span.start])[-CONTEXT_WORDS:]
        + WORD.findall(_before_aside(text, span))[-CONTEXT_WORDS:]
    )
    after = (
        WORD.findall(text[span.end :])[:CONTEXT_WORDS] + WORD.findall(_past_aside(text, span))[:CONTEXT_WORDS]
    )
    # A reason clause may itself carry what the question is about ("ensuring that Russian and U.S.
    # jets don't collide" for "Why are officials worried about Russian and U.S. jets?").
    inside = WORD.findall(text[span.start : span.end]) if kind == "reason" else []
    asked_for = {base_form(t) for t in question_tokens}
    nearby = " ".join(before + after + inside + [refers_to])
    near = {base_form(t) for t in tokenize(nearby)} | event_words(nearby)
    if near & asked_for:  # "sold" is near "sell", "passed away" near "die"
        return True
    # A sentence that words the whole question differently ("The lack of communications raises
    # concerns about ..." for "Why is the absence of contact a worry?") has no part that is about
    # something else: its support score alone placed it, and its reason is the one it gives.
    return kind == "reason" and not {base_form(t) for t in tokenize(text)} & asked_for


# A question about what happened ("How much was X fined?") against a clause that only supposes it
# ("as an example, that would result in a fine of up to $180 million"); a question that itself
# supposes or looks ahead ("How much could X be fined?", "What will it cost?") takes either. A
# "would" supposes only beside a condition: "Raibert would found Boston Dynamics in 1992" tells.
_SUPPOSING = re.compile(r"\b(?:could|might)\b", re.IGNORECASE)
_WOULD = re.compile(r"\bwould\b", re.IGNORECASE)
_CONDITION = re.compile(
    r"\b(?:if|unless|example|potential|potentially|hypothetical\w*|up to)\b", re.IGNORECASE
)
_ASKS_HAPPENED = re.compile(r"\b(?:did|was|were|had)\b", re.IGNORECASE)
_LOOKS_AHEAD = re.compile(
    r"\b(?:will|would|could|can|may|might|should|shall|going to|expected|likely|if)\b", re.IGNORECASE
)


def asks_what_happened(question: str) -> bool:
    """Whether a question asks a fact, not what may or will be (`supposed` applies to it)."""
    return bool(_ASKS_HAPPENED.search(question)) and not _LOOKS_AHEAD.search(question)


def supposed(text: str, span: spans.Span) -> bool:
    """Whether the span's clause only supposes something (for a question that `asks_what_happened`)."""
    start, _ = spans.clause(text, span.start, span.end)
    # The modal governs the span from close by ("would result in a fine of up to $180 million");
    # far before it, it is about something else ("That drop could be explained by the decrease of
    # trips from 1.4 billion in 2019 to 650 million in 2020").
    lead = " ".join(WORD.findall(text[start : span.start])[-_SUPPOSED_REACH:])
    if stands_now(text, span):
        return False  # "could increase debt from the current P14.24 trillion": where it stands now
    return bool(_SUPPOSING.search(lead) or (_WOULD.search(lead) and _CONDITION.search(text)))


_NOW_AT = re.compile(
    r"\b(?:from\s+)?(?:the\s+|its\s+|their\s+)?current(?:ly)?\s+(?:level\s+of\s+)?$", re.IGNORECASE
)


def stands_now(text: str, span: spans.Span) -> bool:
    """Whether a number is written as the current level ("from the current P14.24 trillion")."""
    return bool(_NOW_AT.search(text[: span.start]))


_SUPPOSED_REACH = 8  # words before a span a modal verb may stand


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def years_in(question: str) -> set[str]:
    """The years a question names ("in 2022")."""
    return set(_YEAR.findall(question))


def counted_elsewhen(text: str, span: spans.Span, asked: set[str], published: str = "") -> bool:
    """Whether a number's clause dates it to another year than the ones the question asks about
    (`asked`, `years_in`): "peaked at $1 billion in 2009" for "How much did Israel spend in 2022?";
    "by the end of the year" in an article `published` in 2023 for "by the end of 2024?"."""
    start, end = spans.clause(text, span.start, span.end)
    found = set(_YEAR.findall(text[start:end]))
    if _THIS_YEAR.search(text[start:end]) and (day := published_date(published)):
        found.add(str(day.year))
    return bool(asked and found and not asked & found)


# A season or year told apart from the one before it: "last season", "so far this term".
_PERIOD = r"(?:season|term|campaign|year)"
_LAST_PERIOD = re.compile(rf"\b(?:last|previous|the\s+previous)\s+{_PERIOD}\b", re.IGNORECASE)
_THIS_PERIOD = re.compile(rf"\b(?:this|so\s+far\s+this)\s+{_PERIOD}\b|\bso\s+far\b", re.IGNORECASE)


_WEEKDAY_NAMES = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ON_WEEKDAY = re.compile(rf"\bon\s+{_WEEKDAY_NAMES}\b")
# A day or a month a clause dates its figure by: "on Tuesday", "in September".
_WHEN_WRITTEN = re.compile(
    rf"\bon\s+{_WEEKDAY_NAMES}\b|\bin\s+(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b"
)


def counted_in_other_period(question: str, text: str, span: spans.Span) -> bool:
    """Whether the question asks about last season (or year) and the number's clause about this
    one, or the reverse ("one goal so far this term" for "How many goals did he score last season?"),
    or about a weekday and the clause about another day or a month ("dropped 4.9 per cent in
    September" for how much it fell on Tuesday)."""
    start, end = spans.clause(text, span.start, span.end)
    clause = text[start:end]
    day = _ON_WEEKDAY.search(question)
    if day and (other := _WHEN_WRITTEN.search(clause)) and other.group(0).lower() != day.group(0).lower():
        return True  # "dropped 4.9 per cent in September" is not how much it fell on Tuesday
    if _LAST_PERIOD.search(question):
        return bool(_THIS_PERIOD.search(clause)) and not _LAST_PERIOD.search(clause)
    if _THIS_PERIOD.search(question):
        return bool(_LAST_PERIOD.search(clause)) and not _THIS_PERIOD.search(clause)
    return False


_SHARE_PRICE_BEFORE = re.compile(
    r"\b(?:share|stock)\s+price\s+(?:to|of|at|from)\s+$|\bshares\s+(?:to|at)\s+$"
)
_SHARE_PRICE_AFTER = re.compile(r"\s+(?:a|per)\s+share\b")
_ABOUT_SHARES = frozenset(tokenize("share shares stock stocks price priced"))


def share_price_of_other(question_tokens: set[str], text: str, span: spans.Span) -> bool:
    """Whether an amount is a share's price ("more than doubled its share price to 16¢") and the
    question asks about no share or price ("How much is Dimerix's licensing deal worth?")."""
    priced = _SHARE_PRICE_BEFORE.search(
        text[max(0, span.start - 30) : span.start]
    ) or _SHARE_PRICE_AFTER.match(text, span.end)
    return bool(priced) and not question_tokens & _ABOUT_SHARES


_CALLED = re.compile(
    r"\b(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,2}?([a-z]+)\s+(?:called|named|dubbed|known as)\s+$"
)


def named_as_other_kind(text: str, span: spans.Span, asked_noun: str) -> bool:
    """Whether the sentence names the span as a kind of thing other than the one asked for ("a
    kidney disease called Focal Segmental Glomerulosclerosis" for "Which company ...?")."""
    called = _CALLED.search(text[max(0, span.start - 60) : span.start])
    return called is not None and not set(tokenize(called.group(1))) & set(tokenize(asked_noun))


def dated_beside(text: str, span: spans.Span, asked: set[str]) -> bool:
    """Whether a number is written with one of the `asked` years, closer than its clause's other
    words: among the three words before it ("the current (2023) budget of P5.268 trillion", "the
    2023 level of") or right after it ("P3.5 trillion in 2023")."""
    start, _ = spans.clause(text, span.start, span.end)  # (not "in 2020, and about 77%")
    before = WORD.findall(text[start : span.start])[-3:]
    after = re.match(r"\s+(?:in|for|of)\s+((?:19|20)\d\d)\b", text[span.end :])
    return bool(asked & ({after.group(1)} if after else set(before)))


_THIS_YEAR = re.compile(
    r"\b(?:this\s+year|(?:the\s+)?end\s+of\s+(?:the|this)\s+year|year-end)\b", re.IGNORECASE
)


_COUNTED_IN = re.compile(r"\s*(?:[\w’'-]+\s+){0,3}?(?:in|at)\s+((?:[A-Z][\w’'.-]*\s*)+)")


def place_words(question: str) -> set[str]:
    """The words of the places a question names ("in Taiwan")."""
    return {w for p in spans.places(question) for w in tokenize(question[p.start : p.end])}


def counted_elsewhere(text: str, span: spans.Span, asked: set[str]) -> bool:
    """Whether a number counts something in another place than the ones the question asks about
    (`asked`, `place_words`): "launching 30 stations in Delhi" for "How many stations does Gogoro
    have in Taiwan?"."""
    found = _COUNTED_IN.match(text, span.end)
    return bool(asked and found and not set(tokenize(found.group(1))) & asked)


# An aside set off by commas or dashes right after a name ("CFM, a joint venture between GE and
# Safran that manufactures engines, is now pursuing a legal case"): what follows it is the name's.
_ASIDE = re.compile(r"\s*([,—–])[^,;:—–.!?]{3,150}?(?:,|[—–])(?=\s)")


def aside_after(text: str, span: spans.Span) -> int:
    """Where an aside that follows the span ends, or the span's end when none does. Only a span
    that opens its sentence is its subject ("Executive produced by Cate Blanchett, Niasari's movie
    tells ..." is no aside to Cate Blanchett)."""
    if text[: span.start].strip(" “\"'‘(") != "":
        return span.end
    aside = _ASIDE.match(text, span.end)
    return aside.end() if aside else span.end


# A dashed or bracketed aside closed a few words before a span: "lowered its price — which was
# originally an all-cash offer of $1.7 billion — by 15%" says "lowered its price" of the 15%.
_CLOSED_ASIDE = re.compile(r"\s(?:[—–]\s[^—–]{1,240}\s[—–]|\([^()]{1,240}\))\s+((?:\S+\s+){0,4})$")


def _before_aside(text: str, span: spans.Span) -> str:
    """The text before the span, without an aside closed just before it ("" when none is)."""
    aside = _CLOSED_ASIDE.search(text[: span.start])
    return f"{text[: aside.start()]} {aside.group(1)}" if aside else ""


def _past_aside(text: str, span: spans.Span) -> str:
    """The text after an aside that follows the span, or "" when none does."""
    past = aside_after(text, span)
    return text[past:] if past > span.end else ""


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
    if not lead.strip() and len(segments) > 1 and not SPEECH.match(text[span.end :].strip()):
        lead = segments[-2]  # "Everton's director of football, Kevin Thelwell" (not "..., Zhao shared")
    before = _ROLE_WORD.findall(lead)[-10:]
    # (not a role written before someone else's name: "..., Arizona head coach Jedd Fisch designed")
    # (nor a role after another speaker: "... IoT asset connectivity,” said Junichi Miyakawa, CEO")
    following = _ROLE_OF_NEXT.sub(
        # (also a capitalised one: "... hearing, Finance Secretary Benjamin Diokno")
        lambda m: " " if set(m.group(1).lower().split()) & spans.TITLES else m.group(0),
        _ANOTHER_SPEAKER.split(text[span.end : span.end + 160])[0],
    )
    after = _ROLE_WORD.findall(following)[:15]
    # Role words as written, not stemmed: "the backing of the management" names no manager.
    written = {_singular(part) for w in before + after for part in w.lower().split("-")}  # "chief-executive"
    return roles <= _with_abbreviations(written, _ROLE_ABBREVIATIONS)


_ANOTHER_SPEAKER = re.compile(r"[,”\"]\s*(?:said|says|told|added|wrote)\s+(?=[A-Z])")


# (the words between are the role's own: "Arizona head coach", not "Logan Costa and beat goalkeeper")
_OWNED_ROLE = re.compile(
    r"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)(?:[’']s?)?\s+"
    r"((?:(?!(?:and|or|but|then|who|which|that|as|of|to|with|from|by|for|in|on|at)\s)[a-z-]+\s+){1,3})$"
)


def role_of_another(text: str, span: spans.Span, names: list[str]) -> bool:
    """Whether the role written before the name is someone else's than the question names
    ("Arizona head coach Jedd Fisch" for "Who is Utah's head coach?")."""
    owned = _OWNED_ROLE.search(re.split(r"[,;:—()“”\"]", text[max(0, span.start - 80) : span.start])[-1])
    if owned is None or not names or not set(owned.group(2).split()) & spans.TITLES:
        return False
    owner = owned.group(1)
    if owner.isupper() or owner.lower() in spans.TITLES:
        return False  # "said CEO and co-founder Brian Bagdasarian": a role, not whose it is
    if " " not in owner and not text[: span.start - len(owned.group(0))].strip(" “\"‘'("):
        return False  # "Fire chief Laura Meyers said ...": a sentence's capital, not a name
    return not any(spans.mentions(owner, n) or spans.mentions(n, owner) for n in names)


# ", president & CEO of SoftBank Corp.": a role after the name, and whose it is
_ROLE_OF_OWNER = re.compile(
    r"(?:[’']s?)?\s*,\s*(?:the\s+)?((?:[A-Za-z-]+|&)(?:\s+(?:[A-Za-z-]+|&)){0,4}?)\s+(?:of|at)\s+(?:the\s+)?"
    r"([A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*)*)"
)


def role_at_another(text: str, span: spans.Span, names: list[str]) -> bool:
    """Whether the role written after the name is held at another organisation than the question
    names ("Junichi Miyakawa, president & CEO of SoftBank Corp." for "Who is the CEO of Cubic
    Telecom?")."""
    written = _ROLE_OF_OWNER.match(text, span.end)
    if written is None or not names or not set(written.group(1).lower().split()) & spans.TITLES:
        return False
    owner = written.group(2)
    return not any(spans.mentions(owner, n) or spans.mentions(n, owner) for n in names)


def owns_role(text: str, span: spans.Span) -> bool:
    """Whether the name is whose role the words after it write, before another name ("Arizona head
    coach Jedd Fisch": Arizona is no person)."""
    after = re.match(r"(?:[’']s?)?\s+((?:[a-z-]+\s+){1,3})[A-Z]", text[span.end :])
    return after is not None and bool(set(after.group(1).split()) & spans.TITLES)


# (a role written with its organisation, "president of the American Chemical Society", is the
# name's own: no word of it is a preposition)
_ROLE_OF_NEXT = re.compile(
    r"\b((?:(?!(?:of|at|for|in|with|to|from|by)\s)[A-Za-z-]+\s+){0,2}"
    r"(?!(?:of|at|for|in|with|to|from|by)\s)[A-Za-z-]+\s+)(?=[A-Z][a-z])"
)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


# Roles news writes both ways: "Wild GM Bill Guerin" is the general manager.
_ABBREVIATED = (
    ("gm", "general manager"),
    ("ceo", "chief executive"),
    ("cfo", "chief financial officer"),
    ("cto", "chief technology officer"),
    ("coo", "chief operating officer"),
)
_ROLE_ABBREVIATIONS = {short: frozenset(long.split()) for short, long in _ABBREVIATED}
_STEMMED_ABBREVIATIONS = {tokenize(short)[0]: frozenset(tokenize(long)) for short, long in _ABBREVIATED}


def _with_abbreviations(words: set[str], abbreviations: dict[str, frozenset[str]]) -> set[str]:
    """Words with each abbreviation's words and each spelled-out role's abbreviation added."""
    found = set(words)
    for short, long in abbreviations.items():
        if short in words:
            found |= long
        if long <= words:
            found.add(short)
    return found


_REPORTED_CLAUSE = re.compile(r"\s(?:that|whether|if|about|because)\s", re.IGNORECASE)


# A capitalised "The" inside a question opens the title of a work ("in The King of Comedy").
_WORK_TITLE = re.compile(r"(?<=\w\s)The(?:\s+(?:[A-Z][\w’'-]*|of|the|and|in|on|a))+")


# A phrase a preposition opens, up to three words: "by Australia's information commissioner".
_OBJECT_WORD = r"(?!(?:by|to|for|against|from|with|about|of|in|on|at)\b)[\w-]+"
_ROLE_OF_OBJECT = re.compile(
    r"\b(?:by|to|for|against|from|with|about)\s+(?:(?:the|a|an|his|her|their|its|[A-Z][\w’'.-]*[’']s?)\s+)?"
    rf"(?:{_OBJECT_WORD}\s+){{0,2}}{_OBJECT_WORD}",
    re.IGNORECASE,
)


def roles(question: str) -> set[str]:
    """The role words a question names ("press secretary", "defense minister", "CEO"), lowercase;
    not those of a clause it reports ("Who said that the secretary would ...?")."""
    asked_part = _REPORTED_CLAUSE.split(question, maxsplit=1)[0]
    # "Who starred in The King of Comedy?": a role word in a work's title names no role.
    asked_part = _WORK_TITLE.sub(" ", asked_part)
    # "a probe by Australia's information commissioner", "press secretary for President Biden": the
    # role of someone the answer acts on, not the answer's own
    asked_part = _ROLE_OF_OBJECT.sub(" ", asked_part)
    words = _ROLE_WORD.findall(asked_part.lower())
    # "Who is the Budget Secretary?": the portfolio is part of the role ("Finance Secretary" is another)
    portfolios = {m.group(1).lower() for m in _PORTFOLIO.finditer(asked_part)}
    return portfolios | {
        _singular(w)
        for w in words
        if w in spans.TITLES and w not in {"state", "department", "former", "head", "star"}
    }


# A government portfolio named before its office ("Budget Secretary", "Health Minister").
_PORTFOLIO = re.compile(
    r"\b(budget|finance|treasury|health|education|interior|home|justice|labou?r|energy|environment|"
    r"agriculture|trade|commerce|transport|transportation|housing|culture|tourism|immigration)\s+"
    r"(?:secretary|minister|spokesman|spokeswoman|spokesperson|chief|commissioner)\b",
    re.IGNORECASE,
)


def speakers(question: str) -> list[str]:
    """Who a "what did X say/tell" question wants quoted: the names before its speech verb."""
    verb = _speech_verb(question)
    if verb is None:
        return []
    return [question[s.start : s.end] for s in spans.names(question[: verb.start()]) if s.start > 0]


def spoken_of(question: str) -> list[str]:
    """Whom or what a "what did X say about Y" question wants the words to be about: the names after
    its speech verb ("Converse" of "What did John Donahoe say about Converse?")."""
    verb = _speech_verb(question)
    if verb is None:
        return []
    return [question[verb.end() :][s.start : s.end] for s in spans.names(question[verb.end() :])]


def _speech_verb(question: str) -> re.Match[str] | None:
    return SPEECH.search(question) or re.search(
        r"\b(?:tell|say|describe|call|think)\b", question, re.IGNORECASE
    )


def speaks(text: str, speaker: str) -> bool:
    """Whether the sentence gives words of `speaker` ("Lavrov said", "said Lavrov", "according to
    Lavrov", "The United States ... has said" for "the U.S."): the speaker's words sit just before
    a speech verb (its subject) or just after it."""
    return any(_spoken_by(text, verb, speaker) for verb in _speech_verbs(text))


def said_by_another(text: str, span: spans.Span, speaker: str) -> bool:
    """Whether the words at `span` follow a speech verb of someone other than `speaker` ("Bronze
    calling them “the rudest thing” and Corsie calling it “disrespectful”": Corsie's word)."""
    verbs = [verb for verb in _speech_verbs(text) if verb.end() <= span.start]
    return bool(verbs) and not _spoken_by(text, max(verbs, key=lambda verb: verb.end()), speaker)


def _speech_verbs(text: str) -> Iterator[re.Match[str]]:
    return itertools.chain(SPEECH.finditer(text), _NAMING.finditer(text))


def _spoken_by(text: str, verb: re.Match[str], speaker: str) -> bool:
    """Whether `speaker` is the subject of the speech verb: the last name before it, once relative
    clauses are set aside, or the words right after it ("said Lavrov")."""
    wanted = set(tokenize(speaker))
    # News names a person in full once and by surname after ("Bronze calling accusations “the
    # rudest thing I’ve ever heard”" for "What did Lucy Bronze call them?").
    surname = set(tokenize(speaker.split()[-1])) or wanted
    before = _RELATIVE.sub(" ", text[: verb.start()])
    names = [set(tokenize(before[n.start : n.end])) for n in spans.names(before)]
    if names and (wanted <= names[-1] or surname <= names[-1] <= wanted):
        return True
    return wanted <= set(tokenize(" ".join(WORD.findall(text[verb.end() :])[:4])))


# What a person calls something is their words too ("called the claims “outrageous”").
_NAMING = re.compile(r"\b(?:call(?:s|ed|ing)?|describ(?:es|ed|ing))\b", re.IGNORECASE)


def counted_right_after(text: str, span: spans.Span, kind: Asked, question_tokens: set[str]) -> bool:
    """Whether the counted noun follows the number ("43 homes", "10-point penalty"); for a price,
    the unit it is paid for ("$3.80 a share"); for an age, the one asked about comes right before
    it ("Harry, then 12," for "How old was Harry?")."""
    if kind.measure == "price":  # "$3.80 a share", "$25 per ticket", "$2 each"
        return bool(re.match(r"\s*(?:(?:a|an|per|each)\s+[\w-]+|each|apiece)\b", text[span.end :]))
    if kind.measure == "age":
        return bool(set(tokenize(_apposed_to(text, span))) & question_tokens)
    if not kind.counted:
        return False
    # The span's own words ("10-point") and up to three after it, adjectives before the noun
    # ("1.8 million monthly active users").
    following = WORD.findall(text[span.start : span.end]) + WORD.findall(text[span.end : span.end + 40])[:3]
    return bool(_counted(kind) & set(tokenize(" ".join(following).replace("-", " "))))


# What news counts people as: "How many people were killed?" is answered by "killing all 55
# passengers and crew", "12 civilians", "300 workers".
_PEOPLE = frozenset(
    tokenize(
        "people persons passengers crew civilians residents workers employees staff soldiers troops "
        "victims patients children adults students fans spectators migrants refugees players members "
        "customers users visitors tourists hostages prisoners inmates officers firefighters"
    )
)


def initials(phrase: str) -> str:
    """The initials a phrase is abbreviated by ("vlop" of "very large online platforms"), or ""."""
    return "".join(word[0] for word in phrase.split())


def abbreviations(kind: Asked) -> dict[str, frozenset[str]]:
    """The abbreviations a sentence may state a question's words by, stemmed: roles ("CEO") and the
    initials of a counted noun of several words ("VLOPs")."""
    short = tokenize(initials(kind.counted_phrase))
    if not short:
        return _STEMMED_ABBREVIATIONS
    return _STEMMED_ABBREVIATIONS | {short[0]: frozenset(tokenize(kind.counted_phrase))}


def _counted(kind: Asked) -> set[str]:
    """The stems of the noun a how-many question counts, with every word for people when it counts
    people."""
    counted = set(tokenize(f"{kind.counted} {initials(kind.counted_phrase)}"))
    return counted | _PEOPLE if counted & set(tokenize("people persons")) else counted


# A bare number said to be someone's age: "is only 21," (a number with nothing counted after it).
_AGE_STATED = re.compile(r"\b(?:is|turned|turns)\s+(?:only\s+|just\s+|now\s+|still\s+)?$", re.IGNORECASE)
_AGE_WAS = re.compile(
    r"\b(?:she|he|they|i|we)\s+(?:was|were)\s+(?:only\s+|just\s+|still\s+)?$", re.IGNORECASE
)
_NAMED_WAS = re.compile(
    r"\b(?!(?:She|He|They|It|We|You|I)\b)([A-Z][\w’'-]+)\s+(?:was|were)\s+(?:only\s+|just\s+|still\s+)?$"
)
_HOW_OLD = re.compile(
    r"\bhow old (?:is|was|were|are)\s+([^?]+?)(?:\s+(?:when|at|in|on)\b|\?|$)", re.IGNORECASE
)


def age_of_another(question: str, text: str, span: spans.Span) -> bool:
    """Whether an age is written "NAME was N" of someone other than whom "How old was X ...?" asks
    about ("Federline was 26 years old at the time, while Spears was just 22": Spears is 22)."""
    named, asked = _NAMED_WAS.search(text[: span.start]), _HOW_OLD.search(question)
    return bool(named and asked and not set(tokenize(named.group(1))) & set(tokenize(asked.group(1))))


def patient_of_asked(text: str, span: spans.Span, question_tokens: set[str]) -> bool:
    """Whether the span is what the question's event was done to, named after it ("covered the
    founding of Spill" for "Who founded Kapor Capital?", "the acquisition of Dig"): not who did it."""
    event = re.search(r"\bthe\s+([a-z]+)\s+of\s+$", text[: span.start])
    asked = {base_form(t) for t in question_tokens}
    return event is not None and any(base_form(t) in asked for t in tokenize(event.group(1)))


# "Who was ousted as speaker?": the question asks whom its event was done to.
_PATIENT_ASKED = re.compile(
    r"^\W*who\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been|will\s+be|got|gets)\s+"
    r"(?:(?:just|recently|reportedly|then|later|also|first)\s+)?[a-z]+(?:ed|en|wn)\b",
    re.IGNORECASE,
)


def asks_patient(question: str) -> bool:
    """Whether a who-question asks whom its (passive) verb was done to."""
    return _PATIENT_ASKED.match(question) is not None


_ENDS_CLAUSE = re.compile(r"\s*(?:[,.;)]|and\b|$)")


def _apposed_to(text: str, span: spans.Span) -> str:
    """The word a span in apposition follows ("Harry" in "Harry, then 12,", "Curry" in "Curry (35)"),
    or ""."""
    before = WORD.findall(re.sub(r"[,(]\s*(?:then|now|aged)?\s*$", "", text[: span.start]))
    return before[-1] if before else ""


# People a "-year-old" may describe instead of the one asked about ("share a 30-year-old son").
RELATIVES = frozenset(
    tokenize(
        "son sons daughter daughters child children wife husband partner girlfriend boyfriend mother father "
        "brother sister grandson granddaughter mum mom dad friend teammate fiance fiancee"
    )
)


# An amount a clause gives as what something was at first, and the question words that ask for that.
_ONCE = re.compile(r"\b(?:originally|initially)\b[^.;:—–()]{0,60}$", re.IGNORECASE)
_ASKS_ONCE = frozenset(
    tokenize("original originally initial initially first previous previously former formerly")
)

# Words before an amount that make it a level (what something went from or came to, or was), not a change.
_LEVEL_BEFORE = re.compile(
    r"\b(?:to|from|of|at|is|was|were|reached|hit|totalled|totaled)\s+"
    r"(?:(?:about|around|nearly|roughly|almost|some|over|under|just|more than|less than)\s+)?$",
    re.IGNORECASE,
)


_RANKING = re.compile(
    r"\b(?:rank(?:ed|s|ing)?|place[ds]?|finish(?:ed|es|ing)?|position|standings?|seed(?:ed)?|"
    r"in the (?:world|league|table|country|nation|division|group))\b",
    re.IGNORECASE,
)


def counts(text: str, span: spans.Span, kind: Asked, question_tokens: set[str]) -> bool:
    """A number answers "how many X" only in a sentence that speaks of X ("15 conceded" in a
    sentence about goals, not a table row), and shows the asked-for measure (money for "how much
    did it cost", a duration for "how long")."""
    # ("Kelly, 34,", "Curry (35)")
    opening = re.search(r"([,(])\s*(?:then\s+|now\s+|aged\s+|both\s+)?$", text[: span.start])
    # ("... her birth father, Victor Rebeck, 84."): an age may close the sentence
    appositive = opening and (
        text[span.end : span.end + 1] in ({",", ")"} if opening.group(1) == "," else {")"})
        or (opening.group(1) == "," and re.fullmatch(r"\s*[.;]?\s*", text[span.end :]) is not None)
    )
    if kind.measure == "age" and re.search(
        r"\b(?:at the age of|at age|aged|died at|dies at|passed away at)\s+$",
        text[: span.start],
        re.IGNORECASE,
    ):
        return True  # "has died at the age of 78", "sworn in again at age 59", "who died at 14"
    if (
        kind.measure == "age"
        and _AGE_STATED.search(text[: span.start])
        and _ENDS_CLAUSE.match(text[span.end :])
    ):
        return True  # "Kuminga, though he’s had flashes and is only 21, is ..."
    if (
        kind.measure == "age"
        and _AGE_WAS.search(text[: span.start])
        and re.match(r"\s*(?:[,.;)]|when\b|at the time\b|$)", text[span.end :])
    ):
        return True  # "since she was 10.", "She was 15 when she told me", "when they were six and eight"
    if (
        kind.measure == "age"
        and (named := _NAMED_WAS.search(text[: span.start]))
        and set(tokenize(named.group(1))) & question_tokens
        and re.match(r"\s*(?:[,.;)]|when\b|and\b|at the time\b|$)", text[span.end :])
    ):
        return True  # "when Taylor was 9 and Mikaela was 7": the age of whom the question names
    if kind.measure == "age" and appositive:
        # "Andrew Sutch, 73, is stepping down", "Harry, then 12, asks ...", "The former talk show
        # host, 52, spoke": the age of whom it follows, unless that is someone the question does
        # not name ("alongside their children, Jaden, 25," is no answer to how old Will Smith is).
        before = _apposed_to(text, span)
        return not (before[:1].isupper() and not set(tokenize(before)) & question_tokens)
    if kind.measure == "age" and text[span.start : span.end].endswith("-old"):
        # "-year-old" describes the noun after it; "2½ years old when her mother died" is the age
        # of whom the sentence is about.
        described = set(tokenize(" ".join(WORD.findall(text[span.end : span.end + 30])[:1])))
        if (described | question_tokens) & RELATIVES:
            # "a 30-year-old son" is the son's age: not the father's, nor the wife's
            return bool(described & question_tokens & RELATIVES)
    if "vote" in question_tokens and (side := tally_side(text, span)):
        # "voted 296 against three": how many voted for it, and (the second) how many against
        return side == ("against" if "against" in question_tokens else "for")
    if _ONCE.search(text[: span.start]) and not question_tokens & _ASKS_ONCE:
        return False  # "originally an all-cash offer of $1.7 billion" is not what it will pay now
    if kind.measure == "change" and _LEVEL_BEFORE.search(text[: span.start]):
        # "lowered its price ... by 15%", not "an offer of $1.7 billion" or "to ₹1.77 lakh crore"
        return False
    if kind.measure == "identifier":  # "House Bill (HB) No. 8980", "flight number 370", "#23"
        return bool(re.search(r"(?:\bNo\.?|\bNos?\.|\bnumber|#)\s*$", text[: span.start], re.IGNORECASE))
    if not spans.measures(text[span.start : span.end], kind.measure):
        return False
    if kind.measure == "rank":  # "ranked 23rd", "fourth in the world": not "for the first time"
        return bool(_RANKING.search(text[max(0, span.start - 40) : span.end + 30]))
    if kind.counted and kind.measure != "percent" and spans.measures(text[span.start : span.end], "percent"):
        # A share counts what it is a share of: "54% of voters" answers how many voters back it;
        # "82 percent of business leaders" does not say how many employees a company has.
        return counted_right_after(text, span, kind, question_tokens)
    if kind.counted and re.match(r"\s+of\s", text[span.end :]):
        # So does a number "of" something: "thousands of university professors" are no nominations
        # ("360km of slopes" is kilometres).
        unit = _unit_words(text[span.start : span.end])
        return counted_right_after(text, span, kind, question_tokens) or bool(_counted(kind) & unit)
    return not kind.counted or bool(_counted(kind) & (set(tokenize(text)) | _unit_words(text)))


_TALLY_OPENS = r"\b(?:voted|vote\s+of|votes\s+of|by)\s+"
_TALLY_JOINS = r"\s+(?:votes?\s+)?(?:against|to)\s+"
_TALLY_NUMBER = r"(?:\d[\d,]*|[a-z]+(?:-[a-z]+)?)"


def tally_side(text: str, span: spans.Span) -> str:
    """Which side of a vote's tally a number is: "for" (296 of "voted 296 against three", "by a
    vote of 52 to 47"), "against" (the second), or "" for a number that is no tally's."""
    before, after = text[: span.start], text[span.end :]
    if re.search(rf"{_TALLY_OPENS}$", before, re.I) and re.match(
        rf"{_TALLY_JOINS}{_TALLY_NUMBER}\b", after, re.I
    ):
        return "for"
    if re.search(rf"{_TALLY_OPENS}{_TALLY_NUMBER}{_TALLY_JOINS}$", before, re.I):
        return "against"
    return ""


# Units written against a number, as the words a question counts them in ("360km": kilometres).
_UNIT_NAMES = {
    "km": "kilometres kilometers",
    "kg": "kilograms",
    "mph": "miles",
    "ft": "feet",
    "cm": "centimetres",
    "mm": "millimetres",
    "lb": "pounds",
    "lbs": "pounds",
    "pp": "person",
    "kmh": "kilometres",
    "kph": "kilometres",
}


_UNIT_AFTER_DIGIT = re.compile(r"\d(" + "|".join(sorted(_UNIT_NAMES, key=len, reverse=True)) + r")\b")


def _unit_words(text: str) -> set[str]:
    units = _UNIT_AFTER_DIGIT.findall(text.lower())
    return set(tokenize(" ".join(_UNIT_NAMES[u] for u in units)))


def named_elsewhere(candidate: Candidate, span: spans.Span) -> bool:
    """A lone capitalised word that opens its sentence is a name only where its article also writes
    it capitalised mid-sentence ("Lopez told reporters." after "named Maria Lopez"; not
    "Passengers crowd the boat.")."""
    text = candidate.sentence.text
    word = text[span.start : span.end]
    if " " in word or text[: span.start].strip(" “\"'‘(") != "":
        return True
    passage = f"{candidate.passage.title}\n{candidate.passage.text}"
    return re.search(rf"[\w,;:]\s+{re.escape(word)}\b", passage) is not None


def only_in_longer_name(text: str, name: str) -> bool:
    """Whether the sentence writes `name` only as the start of another organisation's name ("the
    Boston Dynamics AI Institute" is not Boston Dynamics)."""
    found = list(re.finditer(rf"\b{re.escape(name)}\b((?:\s+[A-Z][\w’'.-]*)*)", text))
    return bool(found) and all(organisation(f"{name}{m.group(1)}") and m.group(1) for m in found)


def organisation(name: str) -> bool:
    return name.split()[-1].lower().strip(".,") in spans.ORGANISATION_WORDS


# A common noun right before a name that makes it a company or a work, not a person.
_NAMED_THING = re.compile(
    r"\b(?:company|firm|retailer|startup|brand|bank|app|platform|network|outlet|chain|maker|giant|service|"
    r"operator|publisher|studio|label|book|memoir|novel|film|movie|album|song|single|show|series|game|"
    r"podcast|documentary)[,:]?\s+[\"“‘']?$",
    re.IGNORECASE,
)
# A picture credit before the span: "(Photo: Stacy Revere / Getty Images)", "Photograph: ...".
_CREDIT = re.compile(r"\b(?:Photo(?:graph)?|Image|Picture|Credit)s?:[^)]*$", re.IGNORECASE)
DEMONYM = re.compile(r"^[A-Z][a-z]+(?:an|ian|ese|ish|ch|i)$")
# Peoples whose name does not start like their country's.
_OTHER_DEMONYMS = frozenset(
    "french dutch british welsh scottish swiss greek thai filipino irish american spanish polish danish "
    "finnish korean argentine".split()
)


def demonym(name: str) -> bool:
    """Whether a one-word name is a people's ("German", "Israeli", "French"): it ends like one and
    starts like a country's name; not "Napoli", "Ancelotti" or "Sullivan"."""
    word = name.lower()
    return word in _OTHER_DEMONYMS or (
        DEMONYM.match(name) is not None
        and word not in spans.COUNTRIES
        and any(country[:4] == word[:4] for country in spans.COUNTRIES)
    )


# Languages whose names do not end like a people's.
_LANGUAGES = frozenset(
    "arabic hebrew urdu mandarin latin greek tamil welsh gaelic basque swahili farsi".split()
)


# Words right before a name that make it a person's ("his wife, Jada Pinkett Smith", "CEO Tim Cook").
_PERSON_MARKS = RELATIVES | frozenset(
    tokenize(
        "mr mrs ms dr ceo cfo coo cto president senator minister coach spokesman spokeswoman spokesperson "
        "founder chairman chairwoman actor actress singer rapper player"
    )
)


def marked_person(text: str, span: spans.Span) -> bool:
    """Whether the sentence marks a name as a person's, by the relative or title right before it: no
    answer to "Which newspaper ...?"."""
    # in its own sentence (a title's period ends none: "Dr. Gregg Sylvester")
    near = re.split(
        r"(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bSen)(?<!\bRep)[.!?]\s",
        text[max(0, span.start - 40) : span.start],
    )[-1]
    before = WORD.findall(near)[-2:]
    if before and before[-1].lower() in {"for", "at", "of", "with", "from", "to", "by"}:
        return False  # "A spokesman for CFM": the name is whom the person works for
    if len(before) == 2 and before[-1][:1].islower() and not set(tokenize(before[-1])) & _PERSON_MARKS:
        return False  # "All three players left Nice": a verb between, so the mark is not the name's
    return bool(set(tokenize(" ".join(before))) & _PERSON_MARKS)


@lru_cache(maxsize=4096)
def a_person(passage_text: str, name: str) -> bool:
    """Whether the passage marks `name`, or a name it is part of ("Jada" of "his wife, Jada Pinkett
    Smith"), as a person's."""
    words = set(name.split())
    return any(
        words <= set(passage_text[n.start : n.end].split()) and marked_person(passage_text, n)
        for n in spans.names(passage_text)
    )


def labels(text: str, names: Sequence[str], *, whoever: bool = False) -> Iterator[spans.Span]:
    """The labels written with the names: set after one by a comma ("Paterson, the Coalition’s
    cybersecurity spokesman,") or the title words right before it ("NAR chief economist Lawrence
    Yun", "Beeper co-founder and CEO Eric Migicovsky"). A label after the name holds a title word,
    unless the question asks `whoever` the person is ("Parks, a licensed clinical social worker")."""
    for name in names:
        for found in re.finditer(rf"\b{re.escape(name)}\b", text):
            after = _LABEL_AFTER.match(text, found.end()) or (
                _BARE_LABEL_AFTER.match(text, found.end()) if whoever else None
            )
            if after and (whoever or set(tokenize(after.group(1))) & _TITLE_STEMS):
                yield spans.Span(after.start(1), after.end(1), "label")
            words = list(WORD.finditer(text[: found.start()]))
            last = len(words)  # the name may be written whole before ("Eric" of "Eric Migicovsky")
            while last and words[last - 1].group(0)[:1].isupper() and not _title(words[last - 1].group(0)):
                last -= 1
            first = last
            while first and _label_word(words[first - 1].group(0)):
                first -= 1
            titled = any(_title(w.group(0)) for w in words[first:last])
            if (
                first < last
                and titled
                and re.fullmatch(r"[\s\w’'.-]*", text[words[last - 1].end() : found.start()])
            ):
                yield spans.Span(words[first].start(), words[last - 1].end(), "label")


_LABEL_AFTER = re.compile(r",\s+((?:the|a|an|his|her|its|their)\s+[^,.;:()—“”\"]{3,80})(?=[,.;—]|$)")
# A label with no article, of where the person works: "Jim Rowan, principal at Deloitte, ..."
_BARE_LABEL_AFTER = re.compile(
    r",\s+([a-z][\w’'-]*(?:\s+[\w’'-]+){0,4}?\s+(?:at|of|for|with)\s+[A-Z][^,.;:()—“”\"]{1,60})(?=[,.;—]|$)"
)
_TITLE_STEMS = frozenset(tokenize(" ".join(spans.TITLES)))


def _label_word(word: str) -> bool:
    """Whether a word before a name can be part of its label: a title, a capitalised word of the
    organisation ("NAR", "Beeper"), "and" between titles."""
    return _title(word) or word.lower() in {"and", "&"} or word[:1].isupper()


def _title(word: str) -> bool:
    """A title word, also as part of a hyphenated one ("then-GM", "co-founder")."""
    return word.lower() in spans.TITLES or any(part in spans.TITLES for part in word.lower().split("-"))


def labels_given(text: str, span: spans.Span, names: Sequence[str]) -> bool:
    """Whether the span is the label written with a name the question gives: right before it ("NAR
    chief economist Lawrence Yun") or set after it by a comma ("Lawrence Yun, NAR's chief
    economist")."""
    after, before = text[span.end :], text[: span.start]
    return any(
        re.match(rf"\s+{re.escape(name)}\b", after)
        or re.search(rf"\b{re.escape(name)},\s+(?:the\s+)?$", before)
        for name in names
    )


def in_asked_title(text: str, span: spans.Span, question_tokens: set[str]) -> bool:
    """Whether a span lies inside a quoted title the question names ("Who published Our Fragile
    Moment?" is not answered by "Past Can Help Us" of “Our Fragile Moment: How Lessons from Earth's
    Past Can Help Us ...”)."""
    for quote in re.finditer(r"[\"“]([^\"“”]{3,200})[\"”]", text):
        words = quote.group(1).split()
        if sum(w[:1].isupper() for w in words) < len(words) / 2:
            continue  # a quoted statement ("Amazon’s marketplace is a particularly important ..."): no title
        if quote.start(1) <= span.start and span.end <= quote.end(1):
            inside = set(tokenize(quote.group(1))) - set(tokenize(text[span.start : span.end]))
            return len(inside & question_tokens) >= 2
    return False


# Who a side played, beat or lost to: a team, which may be called by its country.
_CONTEST = re.compile(
    r"\b(?:beat|beats|beaten|defeat\w*|play|plays|played|face|faces|faced|meet|meets|met|lost to|lose to|"
    r"knocked out|eliminated|drew with|draw with)\b",
    re.IGNORECASE,
)


_RESULT_VERB = (
    r"(?:beat|beats|defeated|defeats|thrashed|routed|pulveri[sz]ed|trounced|edged|drew with|lost to|"
    r"lose to|loses to)"
)


def _beat_or_beaten(text: str, span: spans.Span) -> bool:
    """Whether a name is a side a result names, with its score: who beat ("RB Leipzig beat 10-man
    Borussia Dortmund 3-2") or was beaten ("a 1-0 home win over champions Napoli"; not the
    goalkeeper of "beat goalkeeper Guillaume Restes with a confident finish")."""
    near = text[max(0, span.start - 40) : span.end + 60]
    return bool(_SCORE.search(near)) and bool(
        re.match(rf"\s+{_RESULT_VERB}\b", text[span.end :])
        or re.search(
            rf"\b(?:{_RESULT_VERB}|(?:win|victory|defeat|loss)\s+(?:over|to|against))\s+"
            r"(?:the\s+)?(?:[a-z\d][\w-]*\s+){0,2}$",
            text[: span.start],
        )
    )


_SCORE = re.compile(r"\b\d{1,2}[-–]\d{1,2}\b")


@lru_cache(maxsize=4096)
def _written_with(article: str, name: str) -> tuple[spans.Span, ...]:
    """Where the article writes `name`, each with the capitalised words around it ("RB Leipzig" for
    "Leipzig", "Eintracht Frankfurt" for "Eintracht"); read once per article and name, since every
    candidate sentence of a person question asks."""
    return tuple(
        spans.Span(m.start(), m.end(), "name")
        for m in re.finditer(rf"(?:[A-Z][\w’'.-]*\s+)*\b{re.escape(name)}\b(?:\s+[A-Z][\w’'.-]*)*", article)
    )


def _a_side_in(article: str, name: str) -> bool:
    """Whether the article writes `name` (or a longer name with it) as a side of a result."""
    return any(_beat_or_beaten(article, written) for written in _written_with(article, name))


def _a_side(text: str, span: spans.Span) -> bool:
    """Whether a name stands as a side of a contest: whom one lost to or played against ("a loss to
    Eddie Jones' England"), or who beat or played ("England have beaten ..."); not "in South Africa,
    they face" nor "as Saudi Arabia continues to pour money into boxing"."""
    against = re.search(r"\b(?:to|against|over|by|vs\.?|v)\s+(?:[\w’'-]+\s+){0,3}$", text[: span.start])
    return bool(against) or bool(
        re.match(rf"\s+(?:\w+\s+)?{_CONTEST.pattern}", text[span.end :], re.IGNORECASE)
    )


_CAPTION_WORDS = frozenset(
    "credit credits photo photograph image picture source video watch read related".split()
)


def could_be_person(
    text: str, span: spans.Span, question: str, question_names: list[str], article: Callable[[], str] = str
) -> bool:
    """Not a nationality ("German", unless the question asks "whose"), not a place ("in Syria"), not
    a phrase around a name the question gives ("Hamburg-based Hapag-Lloyd AG" for "Who is the
    chief executive of Hapag-Lloyd?"), nor a short form of one in its article ("Eintracht" where
    the article writes "Eintracht Frankfurt", for "Who scored Frankfurt's first goal?")."""
    name = text[span.start : span.end]
    if re.match(r"\s+\d{1,2}\b(?![,.:\d])", text[span.end :]):
        return False  # "Ligue 1", "Formula 1": a name with its number is a league or a product
    if _short_for_asked(name, question_names, article):
        return False
    if not _CONTEST.search(question) and (_beat_or_beaten(text, span) or _a_side_in(article(), name)):
        # "RB Leipzig beat 10-man Borussia Dortmund": a side, not who scored (nor is "Leipzig" in
        # "until Leipzig scored again", where the article writes that result)
        return False
    if name.replace(".", "").isupper() or organisation(name):
        return False  # "USMNT", "FTX", "Alameda Research": an organisation, not a person
    if _PLAYED_FOR.search(text[max(0, span.start - 40) : span.start]):
        return False  # "Starring mainly for Wigan and MK Dons": a club
    # "Who beat the All Blacks?" "a loss to England": a country's team plays
    team = name.lower() in spans.COUNTRIES and bool(_CONTEST.search(question)) and _a_side(text, span)
    if (name.lower() in spans.COUNTRIES and not team) or _CREDIT.search(text[: span.start]):
        return False  # "South Africa"; "(Photo: Michael Owens / Getty Images)" credits a picture
    if _NAMED_THING.search(text[max(0, span.start - 40) : span.start]):
        return False  # "the Chinese-founded retailer Shein", "her book, Worthy": a company, a title
    if re.search(r"\d\s+$", text[max(0, span.start - 12) : span.start]):
        return False  # "(26-3, 23 KOs)": a counted noun
    if re.match(r"\s+[a-z]+(?:man|woman|er|or|ist|ian)\s+[A-Z]", text[span.end :]):
        return False  # "Nashville businessman Carl Thomas Dean", "Trump lawyer Alina Habba": not the person
    if name.lower() in _CAPTION_WORDS and text[span.end : span.end + 1] == ":":
        return False  # "Credit: ...", "Photo: ...": a caption's label
    if re.search(
        r"\b(?:a|an)\s+(?:new\s+)?$", text[max(0, span.start - 12) : span.start], re.IGNORECASE
    ) and not _deed_of(question, text, span):
        return False  # "a new TikTok challenge", "an Apple spokesperson": a name that describes a thing
    whose = bool(re.search(r"\bwhose\b", question, re.IGNORECASE))
    if (demonym(name) or name.lower() in _LANGUAGES) and not whose:
        return False  # "German", "(fluent) Hebrew (speakers)": a people or a language
    if not whose and not team and spans.after_place_word(text, span.start):
        return False  # "in Syria" (but "a loss to England"; "in South Africa, they face" is a place)
    return not any(given in name for given in question_names)


# Whom a player plays for: a club or a country.
_PLAYED_FOR = re.compile(
    r"\b(?:starr\w*|play\w*|sign\w*|appear\w*|debut\w*|captain\w*)\s+(?:[a-z]+\s+)?for\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _deed_of(question: str, text: str, span: spans.Span) -> bool:
    """Whether the words right after the span name the deed the question asks the doer of ("a Ramy
    Bensebaini own goal" for "Who scored an own goal?": he scored it)."""
    asked_verb = _DOER_ASKED.match(question)
    following = re.match(r"[’']?s?\s+((?:[a-z][\w-]*\s+)?[a-z][\w-]*)", text[span.end :])
    if asked_verb is None or following is None:
        return False
    verb = {base_form(t) for t in tokenize(asked_verb.group(1))}
    return bool(verb & {base_form(t) for t in tokenize(following.group(1))})


def _short_for_asked(name: str, question_names: list[str], article: Callable[[], str]) -> bool:
    """Whether the article writes `name` as part of a longer name with a name the question gives
    ("Eintracht" of "Eintracht Frankfurt", asked about "Frankfurt")."""
    if not question_names or " " in name.strip():
        return False
    text = article()
    for longer in _written_with(text, name):
        whole = text[longer.start : longer.end]
        if whole != name and any(re.search(rf"\b{re.escape(given)}\b", whole) for given in question_names):
            return True
    return False


def possessed_by(question: str, name: str) -> str:
    """The word a question has a name own ("signatories" of "the Code's signatories", "sales" of
    "Converse sales"), or ""."""
    found = re.search(rf"\b{re.escape(name)}(?:[’']s?\s+([\w-]+)|\s+([a-z][\w-]*))", question)
    return (found.group(1) or found.group(2)) if found else ""


def _opens_with(text: str, noun: str) -> bool:
    """Whether the sentence's subject is `noun` itself ("Here, signatories have ...", "The
    signatories ...")."""
    return bool(re.match(rf"\W*(?:\w+,\s*)?(?:the\s+)?{re.escape(noun)}\b", text, re.IGNORECASE))


_FIRST_PERSON_SUBJECT = re.compile(r"(?:^|,\s+)(?:we|our)\s+[a-z]+", re.IGNORECASE)


# A sentence that asks: it ends with a question mark, or quotes a question ("“Is it fair to say
# that Citi is still a profitable bank?” Menendez asked Fraser."; "“Did removing overdraft fees
# upend your business model,” Menendez continued.").
_QUOTED_QUESTION = re.compile(
    rf"^[“\"]\s*(?:{'|'.join(sorted(AUX_WORDS))})\b[^”\"]*[”\"]|\?\s*[”\"]", re.IGNORECASE
)


def asks(sentence: str) -> bool:
    """Whether the sentence asks rather than states: it answers no question and backs no claim."""
    return sentence.rstrip(" ”\"’')").endswith("?") or bool(_QUOTED_QUESTION.search(sentence))


# A sentence that is itself a question ("Will its fans enjoy the movie more?"), not one that
# reports a question ("... asking each how much they had “returned to customers?”").
_QUESTION_SENTENCE = re.compile(
    rf"^\W*(?:{'|'.join(sorted(AUX_WORDS))}|what|who|when|where|why|how|which)\b[^“”\"]*\?\W*$", re.IGNORECASE
)


def is_question(sentence: str) -> bool:
    """Whether the sentence is a question of the article's own: it states nothing to answer with."""
    return bool(_QUESTION_SENTENCE.match(sentence))


def names_given(
    candidate: Candidate,
    names: list[str],
    possessed: dict[str, str] | None = None,
    article: Callable[[], str] = str,
    described: frozenset[str] = frozenset(),
) -> bool:
    """Whether the sentence, or the title of its article, names everyone and everything the question
    names (by surname, and "Russia" for "Russian"): the article's own subject need not be repeated
    ("Construction will begin in March" in "Harborview council approves bridge plan"), anyone else
    must be ("Binance agreed to pay $4.3 billion" says nothing of what Richard Teng is paid). A
    sentence that starts with a pronoun may leave them to its passage, one that starts with a
    description ("The 47-year-old engineer") to the names of the sentence before it. A name the
    question has own something (`possessed`: "the Code's signatories") may be left to the passage by
    a sentence that opens with that thing, unqualified ("Here, signatories have decided to run a
    pilot phase"; not "Ten Hag's line manager" for Newcastle's). A sentence whose subject is what
    the question describes by a noun (`described`: "The woman then died in 2000." for "When did the
    woman Bazella thought was her birth mother die?") may leave the names of that description to the
    sentences before it."""
    text = candidate.sentence.text
    if PRONOUN_START.match(text):
        return about(candidate, names)
    if FIRST_PERSON_START.match(text) or _FIRST_PERSON_SUBJECT.search(text):
        # (a first-person account may have named its speaker in an earlier passage: `article()`;
        # "In the case of Iñigo, we identified Acqustic ...": the interviewee's company speaking)
        return about(candidate, names) or all(spans.mentions(article(), n) for n in names)
    # "The 47-year-old engineer ..." is whom the sentence before named; a speaker's words may go on
    # after the sentence that names him (`quote_continued`).
    texts = (
        text,
        candidate.passage.title,
        antecedent(candidate.passage, candidate.sentence),
        *quote_continued(candidate),
    )
    # A one-word name is written with its capital: "Converse" is not the "conversions" of another
    # story (a longer one's last word may stand for it in lower case: "the nation" for the Cherokee Nation).
    capitalised, written = _capitalised_words(texts), frozenset().union(*map(words_of, texts))
    for name in names:
        # "Moscow" is also written "Russia" or "Russian" (`spans.CAPITALS`).
        forms = [_key_word(name), *spans.CAPITALS.get(name.lower(), "").split()[-1:]]
        keys = [stems[-1] for stems in map(tokenize, forms) if stems]
        one_word = " " not in name.strip() and forms[0][:1].isupper()
        in_words = capitalised if one_word else written
        if one_word and any(re.search(rf"\b{re.escape(name.strip())}\b", t, re.IGNORECASE) for t in texts):
            continue  # the very word ("Until" of a question's start is "until")
        if keys and not any(same_word(key, w) for key in keys for w in in_words):
            if by_first_name(candidate, name, article) or any(spans.abbreviated(t, name) for t in texts):
                continue  # ("the Consumer Financial Protection Bureau" for the CFPB)
            if _shortened(name, written):
                continue  # "the Swedish academy" for the Royal Swedish Academy of Sciences
            if _described_after(candidate, name) or _described_as_asked(candidate, name, described):
                continue  # "the item on Chewy cost $48.54" after a sentence about the Ripple Rug
            owned = (possessed or {}).get(name, "")
            if not (owned and _opens_with(text, owned) and about(candidate, [name])):
                return False
    return True


# A thing or a pair named before, referred to by what it is ("his product", "the item", "the couple").
# (Only words that stand for one thing or one pair: "the game" or "the company" is as often another.)
_DESCRIPTION = re.compile(
    r"\b(?:the|his|her|its|their)\s+(?:[a-z][\w-]*\s+)?(?:product|item|toy|device|gadget|couple|pair|duo)\b"
    # "The two tied the knot in 2010", "After three months, the two tied the knot" (not "the two
    # heavyweights", "The two companies"), "on 10 of her husband's songs"
    r"|(?:^\W*|,\s+)[Tt]he two\b(?!\s+[a-z]*[^s\W]s\b)|\b(?:[Hh]er husband|[Hh]is wife)\b"
)
_DESCRIBED_HOPS = 5  # sentences back such a description is followed (a paragraph)


def _described_after(candidate: Candidate, name: str) -> bool:
    """Whether the sentence refers by a description (`_DESCRIPTION`) to what the name names, written
    in one of the few sentences before it in the passage."""
    if not _DESCRIPTION.search(candidate.sentence.text):
        return False
    index = candidate.sentence.index
    return any(
        index - _DESCRIBED_HOPS <= s.index < index and spans.mentions(s.text, name)
        for s in candidate.passage.sentences
    )


# "the woman Bazella thought was her birth mother", "the man who shot Lennon": whom a question
# describes by a noun and what sets it apart.
_DESCRIBED_IN_QUESTION = re.compile(r"\bthe\s+([a-z]{3,})\s+(?=[A-Z]|(?:who|whom|that)\b)")


def described_nouns(question: str) -> frozenset[str]:
    """The nouns by which a question describes whom it asks about (`_DESCRIBED_IN_QUESTION`)."""
    return frozenset(_DESCRIBED_IN_QUESTION.findall(question))


def described_before(candidate: Candidate, described: frozenset[str]) -> list[str]:
    """When the sentence's subject is the question's description ("The woman then died"; not "The
    woman's father"), the few sentences before it that describe the same ("the woman she thought
    was her birth mother"): what they say of it, the sentence need not repeat."""
    opening = re.match(r"\W*The\s+([a-z]+)\b(?![’']s?\b)", candidate.sentence.text)
    if opening is None or opening.group(1) not in described:
        return []
    index, noun = candidate.sentence.index, re.compile(rf"\bthe\s+{opening.group(1)}\b", re.IGNORECASE)
    return [
        s.text
        for s in candidate.passage.sentences
        if index - _DESCRIBED_HOPS <= s.index < index and noun.search(s.text)
    ]


def _described_as_asked(candidate: Candidate, name: str, described: frozenset[str]) -> bool:
    """Whether the sentence is about the question's description and one of the sentences before it
    that describe the same names the name (`described_before`)."""
    return any(spans.mentions(text, name) for text in described_before(candidate, described))


# "When was X released?": the making of a thing, whose year news writes before its name.
_MAKING = re.compile(
    r"\b(?:released|published|launched|founded|built|written|recorded|made|produced|introduced|debuted|"
    r"premiered|established|created)\b",
    re.IGNORECASE,
)


def asks_making(question: str) -> bool:
    """Whether a question asks when a thing was made, released or founded."""
    return _MAKING.search(question) is not None


def dates_named(text: str, names: list[str]) -> bool:
    """Whether the sentence dates a name the question gives by a year right before it ("his 2005
    “Redneck Yacht Club”", "the 1983 King of Comedy"): the year the thing was made."""
    return any(re.search(rf"\b(?:19|20)\d\d\s+[“\"‘']?{re.escape(name)}", text) for name in names)


def told(text: str, span: spans.Span) -> bool:
    """Whether the span is whom someone spoke to ("Morgan told Fox News Digital", "told reporters")."""
    return re.search(r"\b(?:told|tells|telling)\s+$", text[: span.start], re.IGNORECASE) is not None


def by_first_name(candidate: Candidate, name: str, article: Callable[[], str] = str) -> bool:
    """Whether the sentence calls a person by the first name alone where its passage, or else its
    article, gives the whole name ("So, Blake actually had to do his vocals out in Los Angeles" after
    "Blake Shelton"; "Jeff had sustained a head injury" pages after "Eileen and Jeff Shiffrin"): in
    the sentence, capitalised, and not the start of another name ("Blake Snell")."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not re.fullmatch(r"[A-Z][a-z]{2,}", words[0]):
        return False
    passage = f"{candidate.passage.title}\n{candidate.passage.text}"
    alone = rf"(?:(?<=[\w,;:]\s)|^[\"“‘']?){words[0]}\b(?!\s+[A-Z])"  # ("Emily woke up ...")
    return re.search(alone, candidate.sentence.text) is not None and (name in passage or name in article())


# Last words that qualify a name rather than make it ("Gemini Pro", "Ken Griffey Jr.", "Apple Inc.").
_QUALIFIERS = frozenset("pro max plus mini ultra lite jr sr ii iii inc ltd corp co plc".split())


@lru_cache(maxsize=8192)
def _capitalised_words(texts: tuple[str, ...]) -> frozenset[str]:
    """The stems of the words the texts write with a capital."""
    return frozenset(t for text in texts for w in WORD.findall(text) if w[:1].isupper() for t in tokenize(w))


def _shortened(name: str, written: frozenset[str]) -> bool:
    """Whether a name of three words or more is written short, by its head noun and another of its
    words ("the Swedish academy" for the Royal Swedish Academy of Sciences; "New York" alone does not
    write the New York Stock Exchange)."""
    words = [w for w in re.findall(r"[\w’'-]+", name) if w.lower() not in {"of", "the", "and", "for", "&"}]
    if len(words) < 3:
        return False
    head = re.split(r"\s+of\s+", name, maxsplit=1)[0].split()[-1]  # "Academy" of "... Academy of Sciences"
    stems = [next(iter(tokenize(w)), "") for w in words]
    head_stem = next(iter(tokenize(head)), "")
    return head_stem in written and sum(1 for s in stems if s and s != head_stem and s in written) >= 1


def _key_word(name: str) -> str:
    """The word a name is known by: its last, unless that only qualifies it ("Gemini" of "Gemini Pro")."""
    words = name.split()
    if len(words) > 1 and words[-1].lower().strip(".,") in _QUALIFIERS:
        return words[-2]
    return words[-1]


def same_word(one: str, other: str) -> bool:
    """Equal, or one the start of the other and at least five letters ("russia", "russian")."""
    shorter = min(one, other, key=len)
    return one == other or (len(shorter) >= 5 and (one.startswith(other) or other.startswith(one)))


def about(candidate: Candidate, names: list[str]) -> bool:
    """Whether the candidate's passage (title and text) mentions every name the question gives, at
    least by the word it is known by ("Molden believes ..." for Nick Molden)."""
    passage = candidate.passage
    text = f"{passage.title}\n{passage.text}\n{passage.source}"
    return all(spans.mentions(text, name) or spans.mentions(text, _key_word(name)) for name in names)


def quoted(text: str, span: spans.Span) -> bool:
    """Whether the span lies inside quotation marks."""
    return (
        text[: span.start].count("“") > text[: span.start].count("”")
        or text[: span.start].count('"') % 2 == 1
    )


# Question words that name the kind of answer or a frame of time rather than what the answer is
# about: "How much did X pay", "How old is Y", "in which city", "last season", "the new bridge".
# The answer's kind checks them, or they only say which one.
_ASKING_WORDS = frozenset(
    tokenize(
        "old age much many long far cost costs paid pay pays spend spent worth price value money amount "
        "number total time times year years season day date place city town country nation location "
        "new current latest recent first last next former "
        "happen happened happens occur occurred occurs"  # "When did the Great Dying happen?": any event
        " held located situated"  # "Where is the card held?": "... card from Kingdom Arena"
        " since"  # "Since when had Arizona not beaten Utah?"
    )
)
# Past forms a stemmer leaves apart from their verb ("won" / "win"): a question in one tense and
# a sentence in another still state the same thing.
_IRREGULAR = {
    stem: base
    for entry in (
        "won:win led:lead wrote,written:write bought:buy sold:sell ran:run took,taken:take "
        "gave,given:give met:meet began,begun:begin became:become chose,chosen:choose "
        "fell,fallen:fall held:hold kept:keep lost:lose made:make saw,seen:see sent:send "
        "spoke,spoken:speak stole,stolen:steal struck:strike threw,thrown:throw built:build "
        "brought:bring caught:catch fought:fight taught:teach thought:think sought:seek "
        "drew,drawn:draw grew,grown:grow shot:shoot rose,risen:rise flew,flown:fly left:leave hit:hit "
        "beat,beaten:beat broke,broken:break drove,driven:drive got,gotten:get sang,sung:sing swam:swim "
        "wore,worn:wear knew,known:know backward,backwards:back forwards:forward "
    ).split()
    for base in tokenize(entry.split(":")[1])
    for stem in tokenize(entry.split(":")[0].replace(",", " "))
}


# Words news writes for the same event, in groups ("When did Belushi die?" / "Belushi's death in
# 1982"; "Who will replace Hale?" / "the successor to Hale"): a question's word is stated by any word
# of its group. Kept to events whose words mean nothing else.
_SAME_EVENT = tuple(
    frozenset(tokenize(group))
    for group in (
        "replace replaced replacement succeed succeeded successor",
        "fire fired sack sacked dismiss dismissed oust ousted ouster ousting",
        "resign resigned quit",
        "die died death dead",
        "buy bought acquire acquired acquisition purchase purchased",
        # "How much is SoftBank investing?" / "SoftBank is taking a 51% stake ..."
        "invest invested investing investment investor investors stake funding",
        "lead leads captain skipper",
        "own owns owned owner owners ownership",
        "receive received award awarded",
        "sing sings song songs singer",
        "found founded founder founding establish established form formed",
        "write writes writer author authored",  # "Who wrote Wake Up to Sleep?" / "Morley, author of ..."
        # "had not beaten Utah" / "their first win over the Utes since 2015" / "Frankfurt pulverised Bayern"
        "beat beats win wins winner victory thrashed routed trounced pulverised pulverized outclassed",
        # "Who scored the winner?" / "Kolo Muani's late goal"
        "score scores scored scoring scorer goal goals",
        "draft drafted pick picked select selected",  # "When was Looney drafted?" / "Looney, picked in 2015"
        "marry married marriage wedding",
        "sue sued lawsuit suit",  # "How long is the FTC's lawsuit?" / "the 172-page suit"
        "child children kid kids",  # "Who coached the children?" / "began to coach the kids"
        "lose loses losing lost loss losses",  # "Did England lose to ...?" / "a 2-1 loss to ..."
        "born birth",
    )
)
_EVENT_BASE = {word: min(group) for group in _SAME_EVENT for word in group}
# Events news writes as a phrase whose words mean other things alone ("passed away", "tied the knot").
_PHRASED_EVENTS = tuple(
    (re.compile(pattern, re.IGNORECASE), _EVENT_BASE[next(iter(tokenize(word)))])
    for pattern, word in (
        (r"\bpass(?:ed|es|ing)?\s+away\b", "died"),
        (r"\b(?:tied|tie|ties|tying)\s+the\s+knot\b", "married"),
        # "welcomed their first child, son Sean Preston, ... and their second son Jayden James in 2006"
        (
            r"\bwelcom(?:e|ed|es|ing)\s+(?:their|a|his|her)\s+(?:\w+\s+)?(?:child|son|daughter|baby|twins)\b",
            "born",
        ),
    )
)


@lru_cache(maxsize=8192)
def event_words(text: str) -> frozenset[str]:
    """The base forms (`base_form`) of the events a text tells by a phrase ("passed away": died)."""
    return frozenset(base for pattern, base in _PHRASED_EVENTS if pattern.search(text))


@dataclass(frozen=True)
class Converse:
    """An event news tells from either side: who buys is whom another sold to, who beat or took
    from someone is whom they lost to. `verbs` are the other side's words, `preposition` the one
    that introduces the asked party after them."""

    verbs: re.Pattern[str]
    preposition: str

    def subject(self, text: str, span: spans.Span) -> bool:
        """Whether the span does the other side's verb ("Kenwright sold ...", "Moshiri agreed to
        sell ..."): not the answer."""
        return bool(re.match(rf"\s+(?:\w+\s+){{0,2}}?(?:{self.verbs.pattern})", text[span.end :]))

    def other_side(self, text: str, span: spans.Span) -> bool:
        """Whether the span is whom the other side's verb goes to ("sold a stake to Moshiri")."""
        start, _ = spans.clause(text, span.start, span.end)
        verb = next(reversed(list(self.verbs.finditer(text, start, span.start))), None)
        return verb is not None and bool(
            re.search(rf"\b{self.preposition}\s+(?:[\w’'-]+\s+){{0,3}}$", text[verb.end() : span.start])
        )


_CONVERSES = (
    (
        re.compile(r"\b(?:buy|buys|bought|buying|purchas\w*|acquir\w*)\b", re.IGNORECASE),
        r"\b(?:sold|sells?|selling)\b",
        "to",
    ),
    (
        re.compile(r"\b(?:sell|sells|sold|selling)\b", re.IGNORECASE),
        r"\b(?:bought|buys?|buying|acquired)\b",
        "from",
    ),
    (
        re.compile(r"\b(?:beat|beats|defeat\w*|took|take|takes)\b", re.IGNORECASE),
        r"\b(?:lost|loses?|losing|loss|losses|defeats?)\b",  # "suffered a semi-final loss to England"
        "to",
    ),
)


# "Who did Argentina beat?": the question's subject does its verb, and the answer is whom to.
# So does "What technology does Daye's tampon use?": the answer is what it uses, not what does.
_OBJECT_ASKED = re.compile(
    r"^\W*(?i:who|whom|what(?:\s+[a-z]+)?|which\s+[a-z]+)\s+(?:did|does|do|will|would|can|could|has|have|had|should)\s+"
    r"(?:the\s+)?(?:[A-Z][\w’'.-]*\s+)+([a-z]+)\b"
)


def does_asked_verb(question: str, text: str, span: spans.Span, *, inflected: bool = False) -> bool:
    """Whether the span does the verb a question asks the object of ("England have beaten all of
    them" for "Who did Argentina beat?"): it is someone else doing it, not whom it was done to.
    `inflected`: only a form other than the question's counts as the verb ("the service uses" for
    "What does it use?"; "their French Cup win" is a noun)."""
    asked_verb = _OBJECT_ASKED.match(question)
    if asked_verb is None:
        return False
    verb = {base_form(t) for t in tokenize(asked_verb.group(1))}
    following = WORD.findall(text[span.end : span.end + 40])[:3]
    if inflected:  # (nor is an agent noun: "French Cup winners Toulouse")
        following = [
            w for w in following if w.lower() != asked_verb.group(1).lower() and not re.search(r"ers?$", w)
        ]
    return bool(verb & {base_form(t) for t in tokenize(" ".join(following))})


# "Who scored ...?": the verb a who-question asks the doer of (not "Who is", "Who did X beat").
_DOER_ASKED = re.compile(
    r"^\W*who\s+(?!(?:is|are|was|were|be|been|has|have|had|did|does|do|will|would|can|could|should|might|may|must)\b)([a-z]+)\b",
    re.IGNORECASE,
)


def asks_doer(question: str) -> bool:
    """Whether a who-question asks who did its verb ("Who scored ...?", not "Who is ...?")."""
    return _DOER_ASKED.match(question) is not None


# A verb's -ing or past form right before a name: its object (not a verb that names or lists:
# "a man named John Smith", "players including Messi").
_OBJECT_OF = re.compile(
    r"\b(?!(?:named|called|dubbed|nicknamed|titled|including|featuring|starring|according|during|"
    r"following|regarding|concerning|notwithstanding)\b)[a-z]{3,}(?:ing|ed)\s+$"
)
# A name a preposition governs is not the subject that does a verb ("slots the ball past Guillaume
# Restes to give Liverpool the lead"); "by" and "from" name doers ("a header from Endo").
_GOVERNED = re.compile(
    r"\b(?:past|to|against|beyond|behind|towards?|into|onto|over|with|at|for|under)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def governed(text: str, span: spans.Span) -> bool:
    """Whether a preposition other than "by" or "from" comes right before the span."""
    return _GOVERNED.search(text[max(0, span.start - 20) : span.start]) is not None


def object_of_verb(text: str, span: spans.Span) -> bool:
    """Whether a verb's -ing or past form comes right before the span: the name is its object
    ("with Ebimbe beating Manuel Neuer": Neuer did not score)."""
    return _OBJECT_OF.search(text[max(0, span.start - 20) : span.start]) is not None


def possesses_doer(question: str, text: str, span: spans.Span) -> bool:
    """Whether the span only owns the one who does the asked verb ("Sarina Wiegman’s Lionesses ...
    scoring six goals" for "Who scored?": the Lionesses scored, not their manager). What it owns
    may be the deed itself ("Randal Kolo Muani’s late goal": he scored)."""
    asked_verb = _DOER_ASKED.match(question)
    if (
        asked_verb is None
        or not re.match(r"[’']s\s+[A-Za-z]", text[span.end :])
        or _deed_of(question, text, span)
    ):
        return False
    verb = {base_form(t) for t in tokenize(asked_verb.group(1))}
    return bool(verb & {base_form(t) for t in tokenize(text[span.end :])})


def done_to(question: str, text: str, span: spans.Span) -> bool:
    """Whether the verb a question asks the object of comes a few words before the span, in its
    clause ("with McMillan finding a wide-open fifth-year senior Michael Wiley" for "Who did
    McMillan find?")."""
    asked_verb = _OBJECT_ASKED.match(question)
    if asked_verb is None:
        return False
    verb = {base_form(t) for t in tokenize(asked_verb.group(1))}
    start, _ = spans.clause(text, span.start, span.end)
    before = tokenize(" ".join(WORD.findall(text[start : span.start])[-_OBJECT_REACH:]))
    return bool(verb & {base_form(t) for t in before})


_OBJECT_REACH = 5  # words between a verb and its object ("finding a wide-open fifth-year senior")


def converse(question: str) -> Converse | None:
    """The other side of the event a who-question asks about, if news often tells it that way."""
    for asked, other, preposition in _CONVERSES:
        if asked.search(question):
            return Converse(re.compile(other, re.IGNORECASE), preposition)
    return None


def base_form(stem: str) -> str:
    """A past form's base ("fell": "fall", "sold": "sell"), and one word for all the words of an
    event (`_SAME_EVENT`: "song" and "sing"); any other stem as it is."""
    base = _IRREGULAR.get(stem, stem)
    return _EVENT_BASE.get(base, base)


_GAME_WORDS = frozenset(tokenize("final score game match contest meeting against versus play played"))
_PLAYED = re.compile(r"\bplay(?:ed|s|ing)?\s+(?:against\s+)?(?:the\s+)?[A-Z]")
_CURRENT_PERIOD = re.compile(
    r"\b(?:during|in|over|for|throughout) the (quarter|year|season|month|week|period)\b"
    r"(?!\s+(?:of|before|after|ended|ending))",
    re.IGNORECASE,
)


def constraint(question: str, kind: Asked, names: list[str], weights: dict[str, float]) -> dict[str, float]:
    """What a question says of its answer beyond whom it is about and the kind it asks for ("founded"
    in "Who founded ASOS?", "defer" in "How much did the Dodgers defer?"), with each word's weight:
    the question's own words less its names, the counted or asked noun and the words that ask."""
    left_out = set(tokenize(" ".join(names))) | _ASKING_WORDS | set(tokenize(f"{kind.counted} {kind.noun}"))
    left_out.add("co")  # "co-founded" is stated by "founded by ... Luke and Matt Taylor"
    left_out |= _LIGHT_VERBS  # "How much money does the prize come with?" / "carry a cash award of ..."
    # "during the quarter": the period the article reports on, which its sentences need not repeat
    # ("Sales in China grew ... to $1.7 billion"); "last season" or "the previous quarter" is stated.
    left_out |= set(tokenize(" ".join(_CURRENT_PERIOD.findall(question))))
    # "the final score of Arizona's game against Utah", "Where did Arizona play Utah?": the game is
    # what the article reports ("blowing out No. 22 Utah, 42-18, ... at Arizona Stadium")
    if kind.measure == "score" or _PLAYED.search(question):
        left_out |= _GAME_WORDS
    asked_words = set(tokenize(question)) - left_out
    # "How long did she spend in hospital after waking up?": a closing clause that only times the
    # event is often said otherwise ("By the time I came out of it ... She spent another two months
    # in the hospital"), so its words count half.
    timing = _TIMING_CLAUSE.search(question)
    timed = set(tokenize(timing.group(1))) if timing else set()
    # "What is Cubic Telecom valued at after the deal?": the names and kind are the question (not
    # "How much will Amazon pay after lowering its price?", whose clause is an event of its own)
    if (
        timing is not None
        and asked_words
        and asked_words <= timed
        and timing.group(1).split()[0].lower() in {"the", "this", "that", "its", "their", "his", "her"}
    ):
        return {}
    return {t: w * (0.5 if t in timed else 1.0) for t, w in weights.items() if t in asked_words}


# Verbs that say little of their own: what a sentence says instead ("carry", "got to") is as good.
_LIGHT_VERBS = frozenset(tokenize("come comes came coming get gets got getting go goes went going"))
_TIMING_CLAUSE = re.compile(
    r"\b(?:after|before|while|since|upon|until|following)\s+"
    # "... after the deal?", "... after the loss to the Kings?"
    r"(\w+ing\b[^?]*|(?:the|this|that|its|their|his|her)\s+\w+"
    r"(?:\s+(?:to|of|against|at|in|with|over)\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)?\s*\??\s*$)\??\s*$",
    re.IGNORECASE,
)


# Words a market report writes for one move (for what a sentence states; a verdict reads "rose"
# and "climbed" as they are, so that one about another stock is not taken for the claim's).
_MOVES = tuple(
    frozenset(base_form(t) for t in tokenize(group))
    for group in (
        "fall falls fell fallen falling drop drops dropped down slump slumped slip slipped shed decline "
        "declined tumble tumbled sink sank plunge plunged",
        "rise rises rose risen rising climb climbed gain gains gained advance advanced jump jumped surge "
        "surged soar soared",
    )
)


def states(
    candidate: Candidate,
    wanted: dict[str, float],
    shortened: dict[str, frozenset[str]] | None = None,
    *,
    title: bool = True,
    described: frozenset[str] = frozenset(),
) -> float:
    """IDF-weighted share of the question's constraint (`constraint`) that the sentence, its
    article's title (unless `title` is False), the start of a quote it ends, the opening of a
    list it is an item of or the sentences before that describe its subject as the question does
    (`described_before`) states: a word, its other form ("founder" for "founded"), its tense, or
    an abbreviation (`shortened`, by default roles')."""
    total = sum(wanted.values())
    if not total:
        return 1.0
    texts = [
        candidate.sentence.text,
        candidate.passage.title if title else "",
        *quote_opening(candidate),
        *quote_continued(candidate),
        list_opening(candidate.passage, candidate.sentence),
        _period_referred_to(candidate),
        *described_before(candidate, described),
    ]
    words = _with_abbreviations(
        {base_form(w) for text in texts for w in words_of(text)}.union(*map(event_words, texts)),
        _STEMMED_ABBREVIATIONS if shortened is None else shortened,
    )
    if _PLACED_APPOSITIVE.search(candidate.sentence.text):
        words |= _BASED  # "CSL Seqirus, a New Jersey biopharmaceutical company": where it is based
    if _STAFFED.search(candidate.sentence.text):
        words |= _WORKING  # "Beeper is a 25-person distributed team": how many work there
    if _RECORD_GIVEN.search(candidate.sentence.text):
        words.add("record")  # "The Warriors are 8-10 following ...": their record
    for moves in _MOVES:  # "Aristocrat Leisure (down 3.7 per cent)" states how much it fell
        if words & moves:
            words |= moves
    held = sum(weight for token, weight in wanted.items() if _stated(base_form(token), words))
    return held / total


# A time the sentence before gave, referred back to: "Existing-home sales dropped 50% during that
# period" after "... plummeted from 1978 to 1982".
_THAT_PERIOD = re.compile(
    r"\b(?:during|in|over|for|throughout|across)\s+(?:that|this|the same)\s+"
    r"(?:period|time|span|stretch|decade|era)\b",
    re.IGNORECASE,
)


_AT_THE_TIME = re.compile(r"\bat (?:the|that) time\b", re.IGNORECASE)


def _period_referred_to(candidate: Candidate) -> str:
    """The years of the sentence before, for a sentence that refers back to their period; the whole
    sentence before, for one that refers back to its event ("Federline was 26 years old at the time"
    after "... the two tied the knot in September 2004"); else ""."""
    period, event = _THAT_PERIOD.search(candidate.sentence.text), _AT_THE_TIME.search(candidate.sentence.text)
    if not (period or event):
        return ""
    before = [s.text for s in candidate.passage.sentences if s.index == candidate.sentence.index - 1]
    if not before:
        return ""
    return before[0] if event else " ".join(_YEAR.findall(before[0]))


# An apposition that places what it describes: ", a New Jersey biopharmaceutical company".
_PLACED_APPOSITIVE = re.compile(
    r",\s+an?\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*\s+[a-z][\w-]*\s+[a-z]"
    # ("U.K. femcare-turned-health startup, Daye, ...": a place before the kind of company named)
    r"|(?:^|\s)[A-Z][\w.-]*(?:\s+[a-z][\w-]*){0,3}\s+(?:startup|company|firm|group|maker|brand),\s+[A-Z]"
)
_BASED = frozenset(tokenize("based headquartered"))
# A team or company told by its size in people: "a 25-person distributed team", "a 40-strong staff".
_STAFFED = re.compile(
    r"\b\d[\d,]*-(?:person|people|member|strong)\s+(?:[a-z-]+\s+){0,2}"
    r"(?:team|company|firm|startup|staff|workforce|operation|outfit|newsroom)\b"
)
# A side's win-loss record said as what it is: "The Warriors are 8-10", "improved to 5-2".
_RECORD_GIVEN = re.compile(
    r"\b(?:is|are|was|were|sits?|stands?|(?:improved|fell|dropped|moved|went)\s+to)\s+(?:now\s+)?"
    r"\d{1,2}-\d{1,2}(?:-\d{1,2})?\b"
)
_WORKING = frozenset(tokenize("work works working employ employs employed staff employee employees"))


def _stated(word: str, words: set[str]) -> bool:
    """Whether `words` state `word`: it or another form of it (both read by `base_form`, so another
    word for its event too)."""
    return any(same_word(word, w) for w in words)


# Sentences back to where a quote began: '“... if it makes sense. ... that’s not happening,” Cook
# told reporters.' is one statement over several sentences.
_QUOTE_SENTENCES = 3


def quote_opening(candidate: Candidate) -> list[str]:
    """The earlier sentences of a quote the candidate's sentence ends ("...,” Cook said." without
    its “), up to the one that opens it; [] for a sentence that ends no quote."""
    text = candidate.sentence.text
    if "”" not in text or (text.find("“") != -1 and text.find("“") < text.find("”")):
        return []
    before = [s for s in candidate.passage.sentences if s.index < candidate.sentence.index]
    opening = []
    for sentence in reversed(before[-_QUOTE_SENTENCES:]):
        opening.append(sentence.text)
        if "“" in sentence.text:
            return opening
    return []


def quote_continued(candidate: Candidate) -> list[str]:
    """The sentences after an attributed quote that carry on its speaker's words (“There is no
    need for an explanation,” said Thomas Müller. “We have to congratulate Frankfurt ...”): a new
    quote opened right after, until it closes; [] for any other sentence."""
    text = candidate.sentence.text
    if "”" not in text or not SPEECH.search(text[text.rfind("”") :]):
        return []
    after = [s for s in candidate.passage.sentences if s.index > candidate.sentence.index]
    carried: list[str] = []
    for sentence in after[:_QUOTE_SENTENCES]:
        if sentence.index != candidate.sentence.index + 1 + len(carried):
            break
        if not carried and not sentence.text.lstrip().startswith("“"):
            break
        carried.append(sentence.text)
        if "”" in sentence.text:
            break
    return carried


# Content words a sentence needs besides an outlet's name to relay what it reported ("First
# reported by The Wall Street Journal." and "What Bloomberg Economics Says…" relay nothing).
_RELAYED_WORDS = 5
_REPORTING = frozenset(tokenize("report reported first according news"))
_REPORTED = re.compile(r"\b(?:reported|reports|reporting|cited|citing)\b", re.IGNORECASE)


def relays(text: str, outlet: str) -> bool:
    """Whether the sentence passes on a claim of `outlet`: it names the outlet beside a reporting
    verb ("Bloomberg reported on April 3 that Apple is laying off ...") and says something besides."""
    if not spans.mentions(text, outlet) or not (SPEECH.search(text) or _REPORTED.search(text)):
        return False
    besides = set(tokenize(text)) - set(tokenize(outlet)) - _REPORTING
    return len(besides) >= _RELAYED_WORDS
