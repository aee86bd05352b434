"""The direct answer to a wh-question: the span of a ranked source sentence that answers it.

For each of the best-supported sentences, the spans of the asked-for kind (a name for "who", a date
for "when", ...) that the question did not already bring are scored by the sentence's support and
by how close they sit to the question's own words in it: "Pentagon press secretary Peter Cook said"
answers "Who is the Pentagon press secretary?" with the name right after the matched words. No span
of the asked kind in any good sentence means the sources do not answer, however on-topic they are.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache, partial

from qa.answer import fits, spans
from qa.answer.asked import ASKS_TERM, PLACE_NOUNS, WHO_IS_NAMED, Asked
from qa.answer.cite import Candidate, antecedent, goes_on
from qa.answer.outcomes import outcome
from qa.retrieval.lexical import LexicalIndex, tokenize
from qa.retrieval.query import FRAMING, SourceCatalog
from qa.text import LINK_LINE
from qa.types import Passage, Sentence

# Sentences looked at for a span: the best few, and only those nearly as well supported as the best.
_SENTENCES = 6
_SCORE_RATIO = 0.7
# Content words of a question about one thing: a what-question this short is answered by a sentence
# that names all it names.
_FOCUSED_WORDS = 10
_TYPED_SCORE_RATIO = 0.5
# How much a span's closeness to the question's words counts beside its sentence's support.
_PROXIMITY_WEIGHT = 0.35
_STATES_BONUS = 0.1  # for a which-question's name in a sentence that states what it asks
_MAX_WORDS = 12
# Kinds of things whose names end with the kind ("the French Cup", "the Judiciary Committee").
_KIND_IN_NAMES = frozenset(
    "cup trophy league award prize committee party act treaty festival championship tournament "
    "conference council office agency fund index university college school hospital stadium park "
    "bridge river lake island street square station airport society foundation institute museum club".split()
)
# Things that are words: a question asking one is answered by a quote.
_SAYING_NOUNS = frozenset(
    "message messages slogan motto phrase catchphrase sign note warning caption headline tagline "
    "nickname chant inscription".split()
)
_META_NOUNS = frozenset(tokenize("word words term phrase name thing things one way part kind type sort"))
# "In which conflict ...?", "For which team ...?": a preposition before the asked noun. The answer is
# what the same preposition introduces in the sentence ("in the country's civil war"), which need
# not use the question's noun (a war is a conflict). Not a manner or degree ("In what way", "To
# what extent").
_FRONTED = re.compile(
    r"^\s*(in|at|on|from|for|during|against|into|under|through|with)\s+(?:which|what)\s+"
    r"(?!(?:way|ways|extent|degree|manner|sense|respect|capacity|form|context)\b)",
    re.IGNORECASE,
)
# What a question word counts for anywhere in the sentence, however far from the span ("founded in
# 2000 by Intel programmer Kevin Lewandowski" still says who founded it).
_PRESENT = 0.25
_ARTICLES = frozenset({"a", "an", "the"})
# A code, not an organisation: "PD-L1", "COVID-19", "F-35", "GPT-4"
_CODE = re.compile(r"[A-Z]+-[A-Z]*\d+[A-Z]*")
_TIE_BREAK = 0.02  # how much nearness counts beyond the floor: it orders names the floor ties
# Share of the question's constraint (`fits.constraint`) a typed answer's sentence must state.
_STATED = 0.5
# How much more the words of that share count than the question's names in `_proximity`.
_STATED_NEARNESS = 3.0
_OTHER_CLAUSE = 0.5  # how much a question word in another clause of the sentence counts (`_proximity`)
# Sentences that vote on the name a question of several facts describes (`_voted_name`).
_VOTERS = 12
# A plural noun, a word of its own ("Sportsbooks", "bettors"; not "business", "bus", "analysis").
_PLURAL = re.compile(r"\b[A-Za-z][a-z]+(?<![su])s\b")
# Plurals that say how long or how often, never who or what.
_GENERIC_PLURALS = frozenset(tokenize("years months weeks days hours minutes times things ways others"))
# A kind of people or businesses is what does something: a plural noun that opens a sentence, comes
# before a verb's auxiliary ("bettors can"), or names doers ("bettors", "investors", "retailers").
_DOERS = re.compile(r"(?:er|or|ist|ian|ant|ent)s$", re.IGNORECASE)
_AUXILIARIES = frozenset(
    "will would can could may might must should shall are were have had do did often also typically usually "
    "generally tend need want".split()
)
# Nouns of organisations: "Which newspaper ...?" wants one's name, and a person is no answer.
_ORGANISATIONS = (
    r"company|companies|firm|group|team|club|organi[sz]ation|party|agency|band|brand|network|platform|outlet|"
    r"newspaper|publication|broadcaster|league|university|school|bank|exchange|startup|manufacturer|retailer|automaker|"
    r"airline|studio|society|association|foundation|charity|institute|college|museum|hospital|committee"
)
_WHICH = r"\b(?:which|what)\s+(?:\w+\s+)?"
# Kinds of organisation a sentence says when it names one (unlike "company" or "group").
_NAMED_KINDS = frozenset(
    "hospital university school college museum airline newspaper league studio charity foundation "
    "institute committee agency".split()
)
_ORGANISATION_NOUN = re.compile(rf"{_WHICH}(?:{_ORGANISATIONS})\b", re.IGNORECASE)
# "Which company/team/film ...?" wants a name; "which conflict" may not.
_ENTITY_NOUN = re.compile(
    rf"{_WHICH}(?:{_ORGANISATIONS}|country|countries|city|cities|state|series|film|movie|show|game|product|app|device|model|"
    r"court|government|nation|region|province|county|town|venue|stadium|event|tournament|"
    r"law|act|bill|regulation|treaty|directive)\b",
    re.IGNORECASE,
)
# "What does iRobot make?": what the company is known for making.
_ASKS_PRODUCT = re.compile(
    r"^\W*what\s+(?:does|do|did)\s+.+?\s+(?:make|manufacture|produce|build)\W*$", re.IGNORECASE
)
_SEVERAL_PLACES = re.compile(rf"\b(?:which|what) {PLACE_NOUNS}\b", re.IGNORECASE)
# "Who led Spill's extension round?" asks for an investor, which may be a firm.
_ASKS_FUNDER = re.compile(
    r"\bwho\s+(?:led|backed|funded|financed)\b.*\b(?:round|funding|raise|investment)\b", re.IGNORECASE
)
# "Where does Diane Bazella live?" is answered by where news says she is from ("Diane Bazella, 64,
# of Minnetonka"), a sentence that never says "live".
_ASKS_HOME = re.compile(
    r"^\W*where\s+(?:does|did|do|is|was)\b.*\b(?:live|lives|reside|resides|from)\W*$", re.I
)
# Nouns news writes short (by stem): "uses Polymerase Chain Reaction (PCR) testing tech" for "What
# technology does it use?"
_SHORT_HEADS = dict(
    zip(
        tokenize("technology application laboratory photograph advertisement telephone"),
        tokenize("tech app lab photo ad phone"),
    )
)
# "Who beat Napoli on Friday?", "Who defeated the All Blacks?": the side beaten.
_ASKS_WINNER = re.compile(
    r"^\W*(?:who|which \w+)\s+(?:beat|beats|defeated|defeats|knocked out|eliminated|won against|won over)\s+"
    r"((?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)",
    re.IGNORECASE,
)
# A city with its state or country ("in Baltimore, Maryland"): a place, never an organisation.
_PER_UNIT = re.compile(r"\b(?:a|an|per|each)\s+(day|week|month|year|hour|night|person|head|share)\b", re.I)
_CITY = r"\b(?:in|at)\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*"
_CITY_FIRST = re.compile(rf"{_CITY}$")
_CITY_STATE = re.compile(rf"{_CITY},\s*$")
ArticlePassages = Callable[[str], Sequence[Passage]]  # every chunk of a stored article, by its id
# How far under the support threshold a typed answer's sentence may be: a span of the asked kind
# that passes the kind, context and constraint rules is evidence the score alone does not see
# ("founded in 2000 by Intel programmer Kevin Lewandowski" in a long sentence about something else;
# "concerns about ... jets don't collide" for "Why is the absence of contact a worry?").
TYPED_SLACK = 0.03
# Kinds whose answer must be a span of that kind: without one, the sources do not answer.
TYPED = frozenset({"person", "date", "number", "place", "reason"})
# Kinds whose answer's sentence states what the question says of it; a reason often does not
# repeat the question ("Why has Carter decided not to call?" "Kerry is taking the lead").
STATED = TYPED - {"reason"}


@dataclass(frozen=True)
class Short:
    """A direct answer: `candidate.sentence.text[start:end]`."""

    candidate: Candidate
    start: int
    end: int
    score: float
    # The sentence that answers, when the answer's name is cited where its article writes it in
    # full (`_fullest`): "Bankman-Fried came across as a leading figure" beside "Sam Bankman-Fried".
    answering: Candidate | None = None

    @property
    def text(self) -> str:
        """The answer's words, as the source writes them."""
        return self.candidate.sentence.text[self.start : self.end]


def _spans(
    kind: str,
    text: str,
    question_tokens: set[str],
    *,
    conditional: bool = False,
    sayings: bool = False,
    ranked: bool = False,
) -> Iterator[spans.Span]:
    if kind == "person":
        yield from spans.people(text)
    elif kind == "date":
        yield from spans.dates(text)
        if conditional:  # "When would the president call Putin?": "when it would advance our interests"
            yield from spans.when_clauses(text)
    elif kind == "number":
        if ranked:
            yield from spans.ranks(text)
        else:
            yield from spans.numbers(text)
            yield from spans.counted_by_ordinal(text)
    elif kind == "place":
        yield from spans.places(text)
        yield from _apposed(text, question_tokens)
    elif kind == "reason":
        yield from spans.reasons(text)
    else:  # thing, statement, choice: a name the question asks about ("which company"), or what is new
        if kind == "statement" or sayings:
            yield from spans.quotes(text)  # "What did Scorsese say it means?" “no lying”
        yield from spans.names(text)
        yield from spans.domains(text)
        yield from spans.gaps(text, question_tokens)


_ASKS_ROLE = re.compile(
    r"\b(?:job|role|title|position|post|occupation|profession|work as)\b"
    r"|\bwhat does (?:[A-Z][\w’'.-]*\s+)+do\W*$"
)
# "What is Paterson's role in the Coalition?", "What is Lena Ortiz's job?": a named person's label.
_ROLE_OF_NAMED = re.compile(
    r"^\W*[Ww]hat(?:\s+is|\s+was|’s|'s)\s+(?:[A-Z][\w’'.-]*\s+)*[A-Z][\w.-]*[’']s?\s+"
    r"(?:job|role|title|position|post|occupation)\b"
)


# What a name's appositive opens with: "North America, its largest market", "Cook, Apple's chief".
_APPOSITIVE = re.compile(r",\s+((?:its|his|her|their|the|[A-Z][\w’'.-]*[’']s)\s+[^,.;:()—]{3,80})")


def _apposed(text: str, question_tokens: set[str]) -> Iterator[spans.Span]:
    """Names whose appositive says at least two things the question says of its answer ("every
    region besides North America, its largest market by revenue" for "Which region is Nike's
    largest market by revenue?"), wherever they stand."""
    for span in spans.names(text):
        appositive = _APPOSITIVE.match(text, span.end)
        if appositive and len(set(tokenize(appositive.group(1))) & question_tokens) >= 2:
            yield spans.Span(span.start, span.end, "place")


def _new(span_text: str, kind: str, question: str, question_tokens: set[str]) -> bool:
    """Whether a span brings something the question did not (a name or number it lacks)."""
    # A month written like a function word ("May") is still a word the question may lack.
    # ("flipboard.social" is new beside the question's "Flipboard": a web address's parts are words)
    words = re.sub(r"(?<=[a-z])\.(?=[a-z])", " ", span_text)
    tokens = set(tokenize(words)) or {w.lower() for w in fits.WORD.findall(span_text)}
    if kind == "number":
        return not re.search(rf"(?<![\w.]){re.escape(span_text.split()[0])}(?![\w])", question)
    # "Russia" is not new beside the question's "Russian" (one word's stem starts the other's).
    return any(not any(fits.same_word(t, q) for q in question_tokens) for t in tokens - question_tokens)


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """A sentence's words with their offsets and stems, articles left out (they are no distance:
    "grown in the Southwestern US" is as near as "grown in Southeast Asia"); every span of the
    sentence reads them."""
    return tuple(
        (w.start(), w.end(), tuple(tokenize(w.group(0))))
        for w in fits.WORD.finditer(text)
        if w.group(0).lower() not in _ARTICLES
    )


def _proximity(text: str, start: int, end: int, weights: dict[str, float], *, before: float = 1.0) -> float:
    """Share of the question's word weight near the span: 1/d for a word d words away, times
    `before` for words after the span (below 1: the answer usually follows what the question says).
    `weights` is keyed by base form (`fits.base_form`), as the sentence's words are read."""
    total = sum(weights.values())
    if not total:
        return 0.0
    words = _words(text)
    inside = [i for i, (s, e, _) in enumerate(words) if s >= start and e <= end]
    if not inside:
        return 0.0
    first, last = inside[0], inside[-1]
    # Words past a comma or a dash are another clause's ("Osprey fell 2.1 per cent, while Heron
    # fell 0.4 per cent"): they say less about the span than its own clause's words.
    # An attribution ("..., the Bay Gazette reports") speaks for the whole sentence.
    left, right = spans.clause(text, start, end)
    if fits.SPEECH.search(text[left:right]) or re.search(r"\breport(?:s|ed)\b", text[left:right]):
        left, right = 0, len(text)
    # An aside after a name ("CFM, a joint venture between GE and Safran, is now pursuing ...")
    # describes it: the clause goes on after it, as near the name as if the aside were not there.
    aside_end = fits.aside_after(text, spans.Span(start, end, ""))
    aside = sum(1 for s, _, _ in words if end <= s < aside_end)
    if aside:
        right = spans.clause(text, aside_end, aside_end)[1]
    best: dict[str, float] = {}
    for i, (word_start, _, stems) in enumerate(words):
        if first <= i <= last:
            continue
        distance = first - i if i < first else i - last - (aside if word_start >= aside_end else 0)
        near_by = 1.0 / distance if i < first else before / distance
        closeness = max(_PRESENT, near_by) + _TIE_BREAK * near_by  # (nearer still counts past the floor)
        if not left <= word_start < right:
            closeness = max(_PRESENT, closeness * _OTHER_CLAUSE)
        for stem in map(fits.base_form, stems):
            if stem in weights:
                best[stem] = max(best.get(stem, 0.0), closeness)
    return sum(weights[s] * v for s, v in best.items()) / total


def _voted_name(
    question: str,
    candidates: Sequence[Candidate],
    question_tokens: set[str],
    *,
    person: bool,
    facts: Sequence[Sequence[Candidate]] = (),
    article_passages: ArticlePassages | None = None,
) -> Short | None:
    """The name the most good sentences mention, for a question that describes its answer by
    several facts ("Who is the individual ... reported by Fortune ... and by TechCrunch ...?"):
    each fact's sentence names the answer, in full or by surname, and no single sentence has them
    all. Each sentence votes with its support once per surname; the form shown is the one most
    mentions write, in full as its article introduces it ("Sam Altman", not his brother "Jack
    Altman")."""
    votes: dict[str, float] = {}
    forms: dict[str, dict[str, tuple[float, Short]]] = {}  # surname -> its forms' votes and a place
    initials = _initials(candidates[:_VOTERS]) if person else {}

    def keys_in(candidate: Candidate) -> Iterator[tuple[str, spans.Span]]:
        """The surname of each name the sentence gives that could be the answer ("SBF": the
        surname of the Sam Bankman-Fried the other sentences name)."""
        text = candidate.sentence.text
        for span in spans.names(text):
            name = text[span.start : span.end]
            if not _new(name, "person", question, question_tokens):
                continue
            if person and name in initials:
                yield initials[name], span
                continue
            if person and (name.isupper() or name.lower() in spans.TITLES or fits.organisation(name)):
                continue  # "FTX", "Alameda Research": an organisation, not the person asked for
            yield name.split()[-1].lower(), span

    for candidate in candidates[:_VOTERS]:
        voted: set[str] = set()
        for key, span in keys_in(candidate):
            name = candidate.sentence.text[span.start : span.end]
            held = forms.setdefault(key, {})  # every mention counts for its form
            if name not in initials:
                earlier = held.get(name, (0.0, Short(candidate, span.start, span.end, 0.0)))
                held[name] = (earlier[0] + candidate.score, earlier[1])
            if key in voted:
                continue
            voted.add(key)
            weight = 1.5 if person and len(name.split()) > 1 else 1.0
            votes[key] = votes.get(key, 0.0) + candidate.score * weight
    # Each fact's best sentences vote again: the answer is the one name that ties the facts
    # together, where a name beside it (a witness, a colleague) comes up in one or two of them.
    for evidence in facts:
        best: dict[str, float] = {}
        for candidate in evidence:
            for key, _ in keys_in(candidate):
                best[key] = max(best.get(key, 0.0), candidate.score)
        for key, score in best.items():
            if forms.get(key):
                votes[key] = votes.get(key, 0.0) + score
    if not votes:
        return None
    key = max(votes, key=lambda k: votes[k])
    held = forms[key]
    form = max(held, key=lambda name: (held[name][0], len(name)))  # the form most mentions use
    # A longer form that ends with it and is written at least half as often is the name in full
    # ("All Blacks" where some sentences make it "Blacks"); "Android ChatGPT", written once, is not.
    longer = [n for n in held if n.endswith(f" {form}") and held[n][0] >= held[form][0] / 2]
    if longer and not person:
        form = max(longer, key=lambda name: held[name][0])
    short = held[form][1]
    if person:  # the surname, written out as the passages write it in full (`_fullest`)
        short = replace(short, start=short.end - len(short.text.split()[-1]))
    article = article_passages(short.candidate.passage.article_id) if article_passages else ()
    return replace(_fullest(short, candidates, article, person=person, broad=True), score=votes[key])


def _initials(candidates: Sequence[Candidate]) -> dict[str, str]:
    """Initials that stand for a name the sentences write in full ("SBF" for Sam Bankman-Fried),
    each with that name's surname."""
    found: dict[str, str] = {}
    for candidate in candidates:
        text = candidate.sentence.text
        for span in spans.names(text):
            words = re.split(r"[\s-]+", text[span.start : span.end])
            if len(words) > 1 and all(w[:1].isupper() for w in words):
                found.setdefault(
                    "".join(w[0] for w in words), text[span.start : span.end].split()[-1].lower()
                )
    return found


def _voted_kind(candidates: Sequence[Candidate], question_tokens: set[str]) -> Short | None:
    """For "What type of establishments adjust their betting lines?": the plural noun most good
    sentences use ("Sportsbooks adjust their lines when ..."). Each sentence votes with its support
    once per noun; the question's own nouns and capitalised names ("the Bears") do not count."""
    votes: dict[str, float] = {}
    shown: dict[str, Short] = {}
    for candidate in candidates[:_VOTERS]:
        text = candidate.sentence.text
        voted: set[str] = set()
        for match in _PLURAL.finditer(text):
            opens = not text[: match.start()].strip(" “\"'‘(—-")
            if match.group(0)[0].isupper() and not opens:
                continue  # capitalised inside a sentence: a name
            following = text[match.end() :].split(maxsplit=1)
            acts = bool(following) and following[0].lower() in _AUXILIARIES
            if not (opens or acts or _DOERS.search(match.group(0))):
                continue
            key = next(iter(tokenize(match.group(0))), "")
            if not key or key in question_tokens or key in _GENERIC_PLURALS or key in voted:
                continue
            voted.add(key)
            votes[key] = votes.get(key, 0.0) + candidate.score
            shown.setdefault(key, Short(candidate, match.start(), match.end(), 0.0))
    if not votes:
        return None
    key = max(votes, key=lambda k: votes[k])
    return replace(shown[key], score=votes[key])


def _fullest(
    short: Short,
    candidates: Sequence[Candidate],
    article: Sequence[Passage] = (),
    *,
    person: bool,
    broad: bool = False,
) -> Short:
    """A short name as its article introduces it. News writes a name in full at its first
    mention and shortens it after: "Sam Bankman-Fried", then "Bankman-Fried"; "Manchester United",
    then "United"; "the Federal Reserve", then "the Fed". The answer points at the sentence that
    writes the full form. `broad` (a person several articles vote for): first the full form the
    retrieved passages write most often, so one sentence about "Gabe Bankman-Fried" does not make
    him the "Bankman-Fried" voted for."""
    words = short.text.split()
    if len(words) != 1 and (person or len(words) > 3):
        return short
    supported = {(c.passage.article_id, c.sentence.index): c for c in candidates}

    def at(passage: Passage, sentence: Sentence, span: spans.Span) -> Short:
        holder = supported.get((passage.article_id, sentence.index))
        if holder is None:
            holder = Candidate(sentence, passage, short.candidate.score, short.candidate.rank)
        answering = short.candidate if holder.sentence != short.candidate.sentence else None
        return Short(holder, span.start, span.end, short.score, answering)

    if broad and person:
        retrieved = {c.passage.chunk_id: c.passage for c in candidates}.values()
        mentions = [m for m in _mentions(retrieved) if _longer_form(m[0], words, person=True)]
        if mentions:
            counts = Counter(name for name, *_ in mentions)
            best = max(counts, key=lambda name: counts[name])  # ties: the first written
            written = [m for m in mentions if m[0] == best]
            backed = [m for m in written if (m[1].article_id, m[2].index) in supported]
            if backed:  # the best-supported sentence that writes it
                written = [max(backed, key=lambda m: supported[(m[1].article_id, m[2].index)].score)]
            _, passage, sentence, span = written[0]
            return at(passage, sentence, span)
    for name, passage, sentence, span in _mentions(article):
        if name == short.text:
            return short  # first written as the answer writes it
        if _longer_form(name, words, person=person):
            return at(passage, sentence, span)
    return short


def _mentions(passages: Iterable[Passage]) -> Iterator[tuple[str, Passage, Sentence, spans.Span]]:
    """Every name the passages write, in reading order, each sentence once (consecutive chunks
    share sentences)."""
    seen: set[tuple[str, int]] = set()
    for passage in sorted(passages, key=lambda p: (p.article_id, p.start)):
        for sentence in passage.sentences:
            if (passage.article_id, sentence.index) in seen:
                continue
            seen.add((passage.article_id, sentence.index))
            for span in spans.names(sentence.text):
                yield sentence.text[span.start : span.end], passage, sentence, span


# The words a company's, club's or party's full name ends with after the word it is also called
# by: "Alameda Research" then "Alameda", "Everton Football Club" then "Everton". ("Google Cloud"
# is another thing than Google, so not any capitalised word counts; nor do words a place is named
# by in another name, as "City" in "Manchester City" or "University" in "Oxford University".)
_BODY_WORDS = frozenset(
    """
    Research Capital Group Holdings Partners Labs Technologies Technology Systems Industries
    Entertainment Studios Media Networks Ventures Corporation Corp Company Co Inc Ltd LLC PLC AG SA
    Football Club FC Airlines Motors Pharmaceuticals Therapeutics Foundation Association Party
    """.split()
)


def _longer_form(name: str, short: list[str], *, person: bool) -> bool:
    """Whether `name` is a fuller form of the `short` name: for a one-word short, the same last word
    after others ("Sam Bankman-Fried"; "Trump Park Avenue Trump" is a building, not a longer name);
    for what is not a person, also a clipped word written out ("Federal Reserve" for "Fed",
    "Manchester United" for "Man United"; "ChatGPT-powered AI" is not "ChatGPT" written out) or
    the same word before what names a body ("Alameda Research" for "Alameda")."""
    words = name.split()
    if not 1 < len(words) <= 4:
        return False
    if len(short) > 1:
        return (
            not person
            and len(words) == len(short)
            and all(w == s or _clipped(s, w) for s, w in zip(short, words))
            and words != short
        )
    word = short[0]
    if words[-1] == word and word not in words[:-1]:
        # "Rohit Sharma-led India" is India described, not its name.
        return not any(re.search(r"-[a-z]+$", w) for w in words[:-1])
    if person:
        return False
    if words[0] == word and all(w.rstrip(".,") in _BODY_WORDS for w in words[1:]):
        return True
    return _clipped(word, words[0])


def _clipped(short: str, word: str) -> bool:
    """Whether `short` is `word` cut short ("Fed" of "Federal"; not an acronym, not two letters)."""
    return (
        len(short) >= 3
        and not short.isupper()
        and re.fullmatch(rf"{re.escape(short)}[a-z]+", word) is not None
    )


# What introduces a cause itself, not a purpose or a setting.
_CAUSE_BEFORE = re.compile(r"\b(?:because(?: of)?|due to|owing to)\s+$", re.IGNORECASE)


def _year_of_another_name(text: str, span: spans.Span, question: str) -> bool:
    """Whether the span is a year that opens a name the question does not ask about ("the 2008
    Financial Crisis", "the 2022 World Cup"): it dates that event, not the one asked about."""
    if not re.fullmatch(r"(?:1[89]|20)\d\d", text[span.start : span.end]):
        return False
    named = re.match(r"\s+([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)", text[span.end :])
    return named is not None and not spans.mentions(question, named.group(1))


def short_answer(
    question: str,
    kind: Asked,
    candidates: Sequence[Candidate],
    *,
    lexical: LexicalIndex,
    threshold: float,
    several_facts: bool = False,
    facts: Sequence[Sequence[Candidate]] = (),
    query: str = "",
    catalog: SourceCatalog | None = None,
    article_passages: ArticlePassages | None = None,
) -> Short | None:
    """The best span of the asked-for kind among the best candidates, or None when none has one.

    `several_facts`: the question describes its answer by several facts (it has several parts),
    so a name is the one most of the good sentences share (`_voted_name`). `query`: a follow-up
    made standalone; its words (the conversation's) count as the question's, while who is to be
    quoted and the names an answer must be about come from `question` as asked. `catalog`: the
    store's outlets, which a question may cite without the answer's sentence naming them.
    `article_passages`: where a name the answer's sentence gives in part is found in full."""
    if not candidates:
        return None
    question_tokens = set(tokenize(query or question))
    # Words that say where a claim was made ("reportedly", "according to") say nothing about the answer.
    weights = {t: lexical.weight(t) for t in question_tokens - FRAMING}
    roles = fits.roles(question) if kind.kind == "person" else set()
    # "Who is Utah's head coach?" asks who holds it now; "Who is set to become ...?" may be answered
    # by someone who holds another side's
    holds_role = bool(
        re.match(r"\s*who\s+(?:is|are)\s+(?!set\b|going\b|expected\b|likely\b)", question, re.I)
    )
    # The outlets a question cites ("According to a Harborview Herald article") are metadata.
    question_names = [
        name
        for name in (question[n.start : n.end] for n in spans.names(question))
        if catalog is None or not catalog.find(name)
    ]
    possessed = {name: noun for name in question_names if (noun := fits.possessed_by(question, name))}
    full_names = [name for name in question_names if len(name.split()) > 1]
    whose = re.match(r"\s*whose\s+(\w+)", question, re.IGNORECASE) if kind.kind == "person" else None
    wants_name = kind.kind == "thing" and bool(_ENTITY_NOUN.search(question))
    wants_organisation = wants_name and bool(_ORGANISATION_NOUN.search(question))
    # The noun a which-question names its answer by ("regulation"), which the article may write right
    # before the name ("competition regulation, the Digital Markets Act"); not an organisation's
    # ("Google's parent company, Alphabet" is not Google).
    entity = _ENTITY_NOUN.search(question) if wants_name and not wants_organisation else None
    entity_noun = entity.group(0).split()[-1] if entity else ""
    asked_noun = kind.noun.split()[-1] if kind.noun else ""  # "society" of "What honor society ...?"
    named_by_kind = kind.kind == "thing" and asked_noun.lower().rstrip("s") in _KIND_IN_NAMES
    # "What message does the app show?" "a message that says “get some fresh air.”": words quoted
    sayings = kind.kind == "thing" and asked_noun.lower() in _SAYING_NOUNS
    # "What is the name of Jada's book?": a name, in a sentence that still speaks of the book.
    asks_name = kind.kind == "thing" and bool(re.search(r"\bnames? of\b", question, re.IGNORECASE))
    called = bool(
        re.search(r"\b(?:called|named|dubbed|known as)\W*$", question, re.IGNORECASE)
        or ASKS_TERM.search(question)
    )
    # "What is Lawrence Yun's job?", "What does Lena Ortiz do?": the label of whom it names
    asks_role = bool(_ASKS_ROLE.search(question))
    who_is_named = bool(WHO_IS_NAMED.match(question))  # "Who is Mackenzie Parks?": what the article calls her
    role_of_named = kind.kind == "thing" and (who_is_named or bool(_ROLE_OF_NAMED.search(question)))
    # A thing's noun is written beside it ("his salary of £1m"); a person's role may not be.
    head_words = tokenize(kind.noun.split()[-1]) if kind.noun and kind.kind == "thing" else []
    # A meta-noun ("What word did the U.S. use ...") says nothing about the answer's sentence.
    head = head_words[0] if head_words and head_words[0] not in _META_NOUNS else ""
    if role_of_named:
        head = ""  # a role is written as its title ("the Coalition’s cybersecurity spokesman"), not "role"
    valued = next(iter(tokenize(kind.valued)), "")
    if wants_name:
        head = ""  # "Which company ...?" is answered by "Google announced ...", which never says "company"
    fronted = _FRONTED.match(question) if head else None
    speakers = fits.speakers(question) if kind.kind == "statement" else []
    spoken_of = fits.spoken_of(question) if kind.kind == "statement" else []
    # What the question says of its answer beyond its names ("founded" in "Who founded ASOS?"): a
    # typed answer's sentence must state most of it. A question of several facts spreads them over
    # several sentences, each naming its answer (`_voted_name`).
    wanted = fits.constraint(question, kind, question_names, weights) if not several_facts else {}
    shortened = fits.abbreviations(
        kind
    )  # "CEO", "VLOPs" state "chief executive", "very large online platforms"
    # An answer sits next to what the question says of it ("married in 1997"), more than next to
    # whom it is about ("Jada explained ..., published on 13 October").
    # "fell" is near what "How much did Origin Energy fall?" asks (`_proximity` reads base forms).
    near: dict[str, float] = {}
    for t, w in weights.items():
        base = fits.base_form(t)
        near[base] = near.get(base, 0.0) + w * (_STATED_NEARNESS if t in wanted else 1.0)

    @cache
    def article_text(article_id: str) -> str:
        """The whole text of a candidate's article, where a sentence's pronoun may find its name."""
        return "\n".join(p.text for p in article_passages(article_id)) if article_passages else ""

    # What the question fixes of its answer, read once for every span: a fact rather than a
    # supposition, the places and years it asks about.
    asks_product = kind.kind == "thing" and bool(_ASKS_PRODUCT.search(question))
    asks_fact = fits.asks_what_happened(question)
    making = kind.kind == "date" and fits.asks_making(question)  # "When was X released?"
    asks_speech = fits.SPEECH.search(question) is not None
    asked_places, asked_years = fits.place_words(question), fits.years_in(question)
    one_year = bool(asked_years) or re.search(r"\bthis year\b", question, re.IGNORECASE) is not None
    # "How much could consumers save a day ...?": an amount for each day
    per_unit = _PER_UNIT.search(question) if kind.kind == "number" else None
    # "Who bought X?" over "A sold X to B": the same event from its other side (`fits.Converse`)
    converse = fits.converse(question) if kind.kind == "person" or wants_name else None
    what_is = kind.kind == "thing" and bool(
        re.match(r"\s*what (?:is|are|was|were)\b", question, re.IGNORECASE)
    )
    doer = kind.kind == "person" and fits.asks_doer(question)
    patient_asked = kind.kind == "person" and fits.asks_patient(question)
    # "What does Goodyear source silica from?": the answer is what that preposition introduces
    stranded = re.search(r"\b(of|from|with|about|for|on|in|at|into|to|as)\W*$", question, re.IGNORECASE)
    conditional = bool(re.search(r"\bwhen (?:would|will|could|should|might|can)\b", question, re.IGNORECASE))
    funds = kind.kind == "person" and _ASKS_FUNDER.search(question) is not None
    # "Who beat Napoli?": a side a sentence has win over Napoli, not one it has lose
    beaten = _ASKS_WINNER.match(question) if kind.kind in {"person", "thing"} else None
    beaten_words = set(tokenize(beaten.group(1))) if beaten else set()
    asks_home = kind.kind == "place" and _ASKS_HOME.search(question) is not None
    described = fits.described_nouns(question)  # "When did the woman Bazella thought was ... die?"
    if kind.category and (voted_kind := _voted_kind(candidates, question_tokens)) is not None:
        return voted_kind
    if (kind.kind == "person" or wants_name or (kind.kind == "thing" and kind.noun)) and several_facts:
        voted = _voted_name(
            question,
            candidates,
            question_tokens,
            person=kind.kind == "person",
            facts=facts,
            article_passages=article_passages,
        )
        if voted is not None:
            return voted
    # A typed answer may come from further down ("At just 36 years old, Nagelsmann ..." under
    # sentences that only name him): its kind, context and role rules already hold it.
    typed = kind.kind in TYPED
    if kind.kind == "person":
        candidates = _speakers_lifted(candidates)
    if kind.kind == "reason":
        candidates = _follow_ups_lifted(candidates)
    floor = max(
        threshold - (TYPED_SLACK if typed else 0.0),
        candidates[0].score * (_TYPED_SCORE_RATIO if typed or wants_name else _SCORE_RATIO),
    )
    best: Short | None = None
    # So may a name a which-question asks for, from a sentence that states what the question says
    # of it ("He attended the University of Maine" under the sentences about his birth), which also
    # counts for more; the best few sentences need not state it ("Opdivo (from Bristol-Myers
    # Squibb)" for which company makes it).
    top = candidates[0].score * _SCORE_RATIO
    for rank, candidate in enumerate(candidates if typed or wants_name else candidates[:_SENTENCES]):
        states = wants_name and bool(wanted) and fits.states(candidate, wanted, shortened) >= _STATED
        if not typed and (rank >= _SENTENCES or candidate.score < top) and not states:
            continue
        if candidate.score < floor:
            # "Who is the CEO of Nike?": "..., said CEO John Donahoe" is a quote about China that
            # scores under the sentences about Nike, none of which names a chief. Down to the
            # threshold, a sentence still answers when it states all the question says of its answer.
            if candidate.score < threshold - TYPED_SLACK or kind.kind not in STATED or not wanted:
                break
            if fits.states(candidate, wanted, shortened) < 1.0:
                continue
        text = candidate.sentence.text
        if LINK_LINE.match(text):
            continue  # "Also Read: ... Prize Money: How much ...": a pointer to another story
        if fits.is_question(text):
            continue  # "Will Five Nights at Freddy’s experts enjoy the movie more?" states nothing
        if (
            kind.kind == "thing"
            and not (kind.noun or asks_product)  # ("robot vacuum maker, iRobot" says what it makes)
            and wanted
            and not fits.states(candidate, wanted, shortened)
        ):
            continue  # "What is Five Nights at Freddy's rated?" is answered where it is "rated"
        if speakers and not any(fits.speaks(text, s) for s in speakers):
            continue  # "What did Lavrov tell Kerry?" needs Lavrov's words, not a sentence about him
        if spoken_of and not all(
            any(spans.mentions(said, n) for said in (text, *fits.quote_opening(candidate))) for n in spoken_of
        ):
            continue  # "What did Donahoe say about Converse?" is not answered by his words on China
        # "What is Kevin Thelwell's salary?" needs a sentence about a salary, or, for "In which
        # conflict ...?", a phrase the same preposition introduces ("in the country's civil war").
        introduced_by = ""
        # "Arizona (8-3, 6-2 Pac-12) will take on ...": a side's record, written after its name
        records = list(_records_after(text, question_names)) if head == "record" else []
        if head and not {head, _SHORT_HEADS.get(head, head)} & set(tokenize(text)) and not records:
            if fronted is None:
                continue
            introduced_by = fronted.group(1)
        whole_article = partial(article_text, candidate.passage.article_id)
        if kind.kind in TYPED and not fits.names_given(
            candidate, question_names, possessed, whole_article, described
        ):
            continue  # "How much did Dust raise?" is not answered by a sentence about Mistral
        # Nor is "Which university does Alexei Ekimov teach at?" by one about Sinha: a short
        # what-question is about the full names it gives (a long one describes its answer by facts
        # other sentences tell; "the Russian buildup" may be Russia's in the sentence before).
        if (
            kind.kind == "thing"
            and len(question_tokens) < _FOCUSED_WORDS
            and not fits.names_given(candidate, full_names, possessed, whole_article)
        ):
            continue
        if asks_name and not fits.names_given(candidate, question_names, possessed, whole_article):
            continue  # "the name of Daye's partner lab" is not MIT's Leg Lab
        if kind.kind in TYPED and any(fits.only_in_longer_name(text, n) for n in question_names):
            continue  # "When was Boston Dynamics founded?": not when the Boston Dynamics AI Institute was
        refers_to = antecedent(candidate.passage, candidate.sentence)
        homes = list(spans.residences(text, question_tokens)) if asks_home else []
        if (
            kind.kind in STATED
            and not homes
            # (the date of an event is in a sentence that tells of it: a title's "since Russia
            # invaded Ukraine" does not date the "Last week, Russia began to fly ..." below it)
            and fits.states(candidate, wanted, shortened, title=kind.kind != "date", described=described)
            < _STATED
            and not (making and fits.dates_named(text, question_names))
        ):
            continue  # "Who founded ASOS?" is not answered by a sentence about its chief executive
        found = _spans(
            kind.kind,
            text,
            question_tokens,
            conditional=conditional,
            sayings=sayings,
            ranked=kind.measure == "rank",
        )
        made = (spans.products(text, n) for n in question_names) if asks_product else ()
        labels = fits.labels(text, question_names, whoever=who_is_named) if role_of_named else ()
        for span in homes or itertools.chain(
            found, _figures_beside(text, head) if head else (), records, labels, *made
        ):
            if role_of_named and span.kind != "label":
                continue  # a role is a label written with the name, or the articles don't give it
            span_text = text[span.start : span.end]
            words = span_text.split()
            if not words or len(words) > (spans.REASON_WORDS if kind.kind == "reason" else _MAX_WORDS):
                continue
            if not _new(span_text, kind.kind, question, question_tokens):
                continue
            if introduced_by and not _introduced(text, span, introduced_by):
                continue
            aged = kind.measure == "age" and spans.measures(span_text, "age")  # "He is now 80 years old"
            placed = aged or fits.in_context(text, span, question_tokens, kind.kind, refers_to)
            if kind.kind in TYPED and not placed:
                continue
            if asks_fact and kind.kind in STATED and fits.supposed(text, span):
                continue  # "How much was X fined?" is not "that would result in a fine of up to $180m"
            if kind.kind == "number" and not fits.counts(text, span, kind, question_tokens):
                continue
            if kind.measure == "age" and (
                _aged_when_another_died(question, text, span) or fits.age_of_another(question, text, span)
            ):
                continue
            if kind.kind == "number" and fits.counted_elsewhere(text, span, asked_places):
                continue  # "30 stations in Delhi" is not how many Gogoro has in Taiwan
            if kind.kind == "number" and fits.counted_elsewhen(
                text, span, asked_years, candidate.passage.published
            ):
                continue  # "$1 billion in 2009" is not what was spent in 2022
            if kind.measure == "money" and fits.share_price_of_other(question_tokens, text, span):
                continue  # "its share price to 16¢" is not what the licensing deal is worth
            if kind.kind == "number" and fits.counted_in_other_period(question, text, span):
                continue  # "one goal so far this term" is not how many he scored last season
            if (
                kind.kind == "date"
                and asked_years
                and (years := fits.years_in(span_text))
                and not years & asked_years
            ):
                continue  # "Sunday 31 March 2024" is not when the clocks go back in 2023
            if kind.kind == "date" and one_year and spans.recurring(span_text):
                continue  # "the fourth Thursday of the month" is no date of this year's
            counted_here = kind.kind == "number" and (
                fits.counted_right_after(text, span, kind, question_tokens)
                or _changed_to(text, span, kind)
                or bool(valued and _beside(text, span, valued))  # "Revenue: $12.94 billion"
            )
            # "Who led the round?" "a $2 million extension round led by Collide Capital": a firm
            funder = bool(funds) and re.search(
                r"\b(?:led|backed|funded|financed)\s+by\s+$", text[: span.start]
            )
            if (
                kind.kind == "person"
                and not funder
                and not fits.could_be_person(text, span, question, question_names, whole_article)
            ):
                continue
            if kind.kind == "person" and catalog is not None and catalog.find(span_text):
                continue  # "TechCrunch covered the founding of Spill": an outlet the store holds
            done_to_it = kind.kind == "person" and fits.patient_of_asked(text, span, question_tokens)
            if done_to_it and not patient_asked:
                continue  # nor is Spill who founded Kapor Capital
            if kind.kind == "person" and not fits.named_elsewhere(candidate, span):
                continue
            if converse is not None and converse.subject(text, span):
                continue  # "Kenwright sold a stake to Moshiri": not who bought it
            if kind.kind == "person" and fits.possesses_doer(question, text, span):
                continue  # "Sarina Wiegman’s Lionesses ... scoring six goals": not who scored
            if kind.kind in {"person", "thing"} and fits.does_asked_verb(
                question, text, span, inflected=kind.kind == "thing"
            ):
                continue  # "England have beaten all of them": not whom Argentina beat
            if (kind.kind == "person" or asks_name) and not asks_speech and fits.told(text, span):
                continue  # "Morgan told Fox News Digital ...": whom he spoke to did nothing asked
            if span.kind == "name" and not fits.role_fits(text, span, roles):
                continue
            if roles and holds_role and fits.role_of_another(text, span, question_names):
                continue  # "Arizona head coach Jedd Fisch" is not Utah's
            if roles and holds_role and fits.role_at_another(text, span, question_names):
                continue  # nor is "Junichi Miyakawa, president & CEO of SoftBank Corp." Cubic Telecom's
            if kind.kind == "person" and fits.owns_role(text, span):
                continue  # nor is Arizona a coach
            won_over = _won_over(text, span, beaten_words) if beaten_words else None
            if won_over is False:
                continue  # "Braga ... after losing to Napoli" did not beat Napoli
            # "Which newspaper ...?" takes an organisation's name: not a quote, not "his wife, Jada
            # Pinkett Smith" (nor "Jada" where the passage says so), not "in Baltimore, Maryland"
            if (
                wants_organisation
                and (
                    span.kind != "name"
                    or fits.marked_person(text, span)
                    or fits.a_person(candidate.passage.text, text[span.start : span.end])
                    or _in_city_and_state(text, span)
                    or _in_place_list(text, span)  # "in Europe, the UK, Switzerland": places
                    or _left_unnamed(text, span, asked_noun)
                    or _CODE.fullmatch(span_text) is not None
                    # "Which hospital ...?" is answered where the hospital is said to be one; a company
                    # may go unnamed as one ("Zelmira is sold by Vossberg")
                    or (
                        asked_noun.lower() in _NAMED_KINDS
                        and not set(tokenize(asked_noun)) <= set(tokenize(text))
                    )
                    # (or where its article introduced the person: "spokesperson Sarah Schmidt")
                    or fits.a_person(whole_article(), text[span.start : span.end])
                )
            ):
                continue
            if wants_name and asked_noun and fits.named_as_other_kind(text, span, asked_noun):
                continue  # "a kidney disease called Focal Segmental Glomerulosclerosis" is no company
            if asks_name and (
                span.kind == "gap"
                or (span.kind == "name" and _left_unnamed(text, span, asked_noun))
                or re.search(r"\b(?:a|an)\s+$", text[: span.start], re.IGNORECASE)
            ):
                # "the name of the agency he co-founded" is neither "helps merchants run their
                # storefronts" nor another name beside "co-founder of an agency that ...", nor one
                # brought in as any of its kind ("via an API")
                continue
            if fits.in_asked_title(text, span, question_tokens):
                continue
            if (
                kind.kind == "thing"
                # ("Kestrel, the electric scooter maker": what it makes)
                and not (asks_role or role_of_named or asks_product)
                and fits.labels_given(text, span, question_names)
            ):
                continue  # "NAR chief economist Lawrence Yun" says who he is, not what he expects
            if (
                span.kind == "quote"
                and speakers
                and all(fits.said_by_another(text, span, s) for s in speakers)
            ):
                continue  # "Corsie calling it “disrespectful”" is not what Bronze called it
            gap = span.kind == "gap"
            closeness = _proximity(text, span.start, span.end, near, before=0.5 if gap else 1.0)
            score = candidate.score + _PROXIMITY_WEIGHT * closeness
            if gap:  # what the span says, in content words, up to three
                score += 0.02 * min(3, len(tokenize(span_text)))
            # (a gap's noun right after it is its object: "were even creating usernames" names none;
            # set off by a comma or a dash, it says what the gap is: "Macy's and DSW – accounts it cut")
            set_off = re.match(r"\s*[,–—]", text[span.end :]) is not None
            if head and _beside(text, span, head, after=span.kind != "gap" or set_off):
                score += 0.1  # "promo code “TSN”", "his salary of £1m": the thing's noun names it
            # "What is the greatest extinction event called?" "... called the Great Dying"; "What is the
            # new app ...?" "a new app called Beeper Mini"
            if re.search(r"\b(?:called|named|dubbed|known as)\s+(?:the\s+)?[“\"]?$", text[: span.start]) and (
                called or (asked_noun and _named_after(text, span, asked_noun))
            ):
                score += 0.2
            # "Opdivo (from Bristol-Myers Squibb)", "Tecentriq (a PD-L1 inhibitor by Roche)"
            if _aside_to_asked(text, span, question_tokens):
                score += 0.05
            if stranded and kind.kind == "thing" and _introduced(text, span, stranded.group(1)):
                score += 0.1  # "a rebirth of live gatherings" for what we will see a rebirth of
            if what_is and re.search(r"\b(?:is|are|was|were)\s+$", text[: span.start]):
                score += 0.1  # "What is one of the key reasons ...?" "... is demographics"
            if span.kind == "label":
                score += 0.3  # "Paterson, the Coalition’s cybersecurity spokesman": his role, as written
            if span.kind == "product":
                score += 0.3  # "robot vacuum maker, iRobot": what iRobot makes, as the article calls it
            if span.kind == "figure":
                score += 0.2  # the figure that describes the asked noun itself ("a 5-10-4 record")
            if span.kind == "name" and (wants_name or asks_name):
                score += 0.2  # "Which outlet ...?" wants a name; what else the sentence says is a fallback
            if (
                named_by_kind
                and span.kind == "name"
                and _says_its_kind(span_text, asked_noun, question_tokens)
            ):
                score += 0.2  # "French Cup" for "Which cup ...?": a name that says its kind
            if span.kind == "name" and entity_noun and _named_after(text, span, entity_noun):
                score += 0.1  # "... regulation, the Digital Markets Act": the noun asked about, named
            if span.kind == "name" and " " in kind.noun and _named_after(text, span, kind.noun):
                score += 0.1  # "spyware maker NSO Group" for "Which spyware maker ...?": all its words
            if span.kind == "name" and asked_noun and _described_as(text, span, asked_noun):
                score += 0.2  # "Nice, the French club owned by Ratcliffe": the name, then what it is
            if converse is not None and converse.other_side(text, span):
                score += 0.15  # "... sold a 49.9% stake to Farhad Moshiri": who bought it
            if counted_here:
                score += 0.15  # "43 homes" for "how many homes", over a number of something else
            if kind.kind == "number" and kind.measure != "change" and fits.stands_now(text, span):
                score += 0.15  # "from the current P14.24 trillion ... to P16 trillion": where it stands
            if kind.measure == "age" and _aged_when(question, text, span):
                score += 0.15  # "She was 15 when she told me ... walk her down the aisle"
            if kind.kind == "number" and fits.dated_beside(text, span, asked_years):
                score += 0.1  # "the current (2023) budget of P5.268 trillion" for the 2023 budget
            if kind.kind == "number" and _changed_from(text, span):
                score -= 0.1  # "dropped from 1.8 bumps per minute to 0.78": where it stands is the "to"
            if kind.kind == "number" and kind.measure != "change" and _changed_by(text, span):
                score -= 0.1  # "fell 0.1 points to 44.2%": what it was is the "to", unless asked by how much
            if per_unit and re.match(rf"\s+(?:a|an|per|each)\s+{per_unit.group(1)}\b", text[span.end :]):
                score += 0.15  # "save £1.20 a day" for how much a day, over "£400 per year"
            if kind.kind == "number" and _owned_by_asked(text, span, question_names):
                score += 0.1  # "Gaza's 2.3 million residents" for "How many residents does Gaza have?"
            if kind.kind == "number" and (given_to := _given_to(text, span)):
                # "194 for Jordan, and 210 for Jeffries": the number of whom it is for
                score += 0.15 if any(spans.mentions(given_to, n) for n in question_names) else -0.15
            if kind.kind == "statement" and fits.quoted(text, span):
                score += 0.05  # what someone said, in their words
            if kind.kind == "statement" and span.kind == "quote":
                score += 0.15  # and all of those words, as they were said
            if _agent_of_asked(text, span, question_tokens):
                score += 0.15  # "World Leaders is supported by PPL" for which company supports it
            if kind.kind == "place" and _placed_in_aside(text, span, question_names):
                score += 0.15  # "Children's Nebraska, a pediatric hospital ... in Omaha": where it is
            made_in = re.match(r"-(\w+)", text[span.end :]) if kind.kind == "place" else None
            if made_in and set(tokenize(made_in.group(1))) & question_tokens:
                score += 0.15  # "Paris-headquartered" for where it is headquartered
                if _describes_asked(text[span.end :], question_names):
                    score += 0.1  # "Beijing-based ByteDance", over "Chinese-based companies"
            # "slots the ball past Guillaume Restes to give Liverpool the lead": Restes did not give it
            if doer and fits.governed(text, span):
                score -= 0.1
            if doer and fits.object_of_verb(text, span):
                score -= 0.15  # "with Ebimbe beating Manuel Neuer for his second goal": Ebimbe scored
            if kind.kind == "reason" and _CAUSE_BEFORE.search(text[: span.start]):
                score += 0.05  # "because of an argument ..." over "As part of that truce" in one sentence
            if kind.kind == "date" and _year_of_another_name(text, span, question):
                score -= 0.1  # "created in 2011 in the wake of the 2008 Financial Crisis": not 2008
            if kind.kind == "person" and fits.done_to(question, text, span):
                score += 0.05  # "McMillan finding ... Michael Wiley": whom the asked verb was done to
            if whose and _owns(text, span, whose.group(1)):
                score += 0.15  # "Gellar has taken umbrage ... after her son’s account was hacked"
            if won_over:
                score += 0.15  # "Juventus, who had a 1-0 home win over champions Napoli"
            if done_to_it:
                score += 0.15  # "the ouster of Kevin McCarthy" for "Who was ousted as speaker?"
            if span.kind == "name" and kind.kind == "person" and len(words) > 1:
                score += 0.02  # "Peter Cook" over a lone "Carter": full names are what people ask for
            if states:
                score += _STATES_BONUS
            if best is None or score > best.score:
                best = Short(candidate, span.start, span.end, score)
    if (
        best is not None
        and head
        and re.match(rf"\W*(?:what|which)\s+(?:\w+\s+)?{re.escape(asked_noun)}\b", question, re.I)
    ):
        # "What injury did she suffer?" "an anterior cruciate ligament injury": the thing as named
        after = re.match(r"\s+([\w-]+)", best.candidate.sentence.text[best.end :])
        written = best.candidate.sentence.text[best.start : best.end]
        if (
            after
            and tokenize(after.group(1)) == [head]
            and not re.search(r"\d", written)
            and not _is_one_name(best)
        ):
            best = replace(best, end=best.end + after.end())
    if best is not None and head_words:
        # "Which government ...?" "the Egyptian government": a name is said alone, not an adjective
        after = re.match(r"\s+([\w-]+)", best.candidate.sentence.text[best.end :])
        written = best.candidate.sentence.text[best.start : best.end]
        if after and tokenize(after.group(1)) == head_words[:1] and fits.DEMONYM.match(written):
            best = replace(best, end=best.end + after.end())
    if best is not None and kind.measure == "age":
        # "the 55-year-old actor", "he is now 80 years old": the age is the number
        written = best.candidate.sentence.text[best.start : best.end]
        if age := re.fullmatch(r"(\S+?)(?:-years?-old|\s+years?\s+(?:old|of age))", written):
            best = replace(best, end=best.start + len(age.group(1)))
    # "Which companies ...?" asks for all of them: "Checkr and Appriss".
    asks_several = wants_name and bool(re.search(r"[^s]s$", kind.noun.split()[-1] if kind.noun else ""))
    # "In which countries ...?": all the places of the list
    places_asked = _SEVERAL_PLACES.search(question) if kind.kind == "place" else None
    asks_several = asks_several or (places_asked is not None and places_asked.group(1).endswith("s"))
    if best is not None and (kind.kind == "person" or asks_several):
        best = _with_partner(best, question_tokens)
    if best is not None and (kind.kind == "person" or wants_name) and _is_one_name(best):
        article = article_passages(best.candidate.passage.article_id) if article_passages else ()
        best = _fullest(best, candidates, article, person=kind.kind == "person")
    return best


# "in Europe, the UK, Switzerland, Canada, Australia and New Zealand": places listed after "in"
_LISTED_PLACE = r"(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*"
_PLACE_LIST = re.compile(
    rf"\bin\s+{_LISTED_PLACE}(?:,\s+(?:and\s+)?{_LISTED_PLACE})*(?:,?\s+and\s+{_LISTED_PLACE})?"
)


def _in_place_list(text: str, span: spans.Span) -> bool:
    """Whether the span is one of the countries a sentence lists after "in" (not the club "Monaco")."""
    name = text[span.start : span.end]
    if name.lower() not in spans.COUNTRIES and name.replace(".", "") not in {"UK", "US", "USA", "UAE", "EU"}:
        return False
    return any(m.start() <= span.start and span.end <= m.end() for m in _PLACE_LIST.finditer(text))


def _describes_asked(after: str, names: list[str]) -> bool:
    """Whether a "-based" or "-born" word before a name describes one the question names."""
    described = re.match(r"-\w+\s+(?:[a-z]+\s+){0,2}([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)", after)
    return described is not None and any(spans.mentions(described.group(1), n) for n in names)


def _won_over(text: str, span: spans.Span, beaten: set[str]) -> bool | None:
    """Whether the sentence has the span's side win over the side the question names as beaten
    (True), lose (False), or says neither (None)."""
    won, lost = outcome(text)
    side = set(tokenize(text[span.start : span.end]))
    if any(side & s for s in lost):
        return False
    if any(side & s for s in won) and any(beaten & s for s in lost):
        return True
    return None


def _changed_to(text: str, span: spans.Span, kind: Asked) -> bool:
    """Whether a number is where a change of the counted thing ends ("from 1.8 bumps per minute to
    0.78": the bumps are counted once, before "to")."""
    change = re.search(r"\bfrom\s+(\S+(?:\s+\S+){0,6}?)\s+to\s+(?:\w+\s+)?$", text[: span.start])
    return change is not None and bool(set(tokenize(kind.counted)) & set(tokenize(change.group(1))))


def _changed_from(text: str, span: spans.Span) -> bool:
    """Whether a number is where a change starts ("rose from 3.8% in March to over 7.5% today")."""
    return bool(re.search(r"\bfrom\s+$", text[: span.start])) and bool(
        re.match(r"(?:\s+\S+){0,6}?\s+to\s+(?:\w+\s+)?[$€£]?\d", text[span.end :])
    )


def _changed_by(text: str, span: spans.Span) -> bool:
    """Whether a number is how much something moved, with where it came to after it ("fell about
    0.1 percentage points to 44.2%", "rose 4% to $8.4 billion", "fell $US5.01 to settle at
    $US84.22")."""
    return bool(spans.MOVED_BY.search(text[: span.start])) and bool(
        re.match(
            r"\s+to\s+(?:(?:settle|close|end|finish|trade)\s+at\s+)?(?:about\s+)?(?:\$[A-Z]{0,2}|[€£¥₹])?\d",
            text[span.end :],
        )
    )


def _owned_by_asked(text: str, span: spans.Span, names: list[str]) -> bool:
    """Whether a number follows a name the question asks about, as what it owns ("Gaza's 2.3
    million residents")."""
    owner = re.search(
        r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)[’']s?\s+$", text[max(0, span.start - 60) : span.start]
    )
    return owner is not None and any(spans.mentions(owner.group(1), name) for name in names)


def _in_city_and_state(text: str, span: spans.Span) -> bool:
    """Whether a name is the city or the state of "in Baltimore, Maryland"."""
    if _CITY_STATE.search(text[max(0, span.start - 60) : span.start]):
        return True  # "Maryland"
    return bool(
        _CITY_FIRST.search(text[: span.end]) and re.match(r",\s*[A-Z]\w*(?:[.;,]|$)", text[span.end :])
    )


def _agent_of_asked(text: str, span: spans.Span, question_tokens: set[str]) -> bool:
    """Whether the span does the question's verb, in the passive ("is supported by PPL") or in a
    relative clause of its own ("Zillow, which warned in May that ...")."""
    by = re.search(r"([\w-]+)\s+by\s+(?:the\s+)?$", text[: span.start])
    which = re.match(r",?\s+(?:which|who)\s+([a-z]+(?:\s+[a-z]+)?)", text[span.end :])
    verbs = (by.group(1) if by else "") + " " + (which.group(1) if which else "")
    asked = {fits.base_form(t) for t in question_tokens}
    return any(fits.base_form(t) in asked for t in tokenize(verbs))


def _records_after(text: str, names: Sequence[str]) -> Iterator[spans.Span]:
    """A side's win-loss record in parentheses right after its name ("Arizona (8-3, 6-2 Pac-12)")."""
    for name in names:
        for found in re.finditer(rf"\b{re.escape(name)}\s+\((\d{{1,2}}-\d{{1,2}}(?:-\d{{1,2}})?)\b", text):
            yield spans.Span(found.start(1), found.end(1), "figure")


def _figures_beside(text: str, head: str) -> Iterator[spans.Span]:
    """A figure written just before the asked-for noun, which it describes ("a 5-10-4 record", "a
    2-1 win"), or just after it and "of" ("a record of just 1-7", "a winning record of 41-40-1")."""
    words = list(fits.WORD.finditer(text))
    for at, word in enumerate(words):
        if head not in tokenize(word.group(0)):
            continue
        if at and re.search(r"\d", words[at - 1].group(0)):
            yield spans.Span(words[at - 1].start(), words[at - 1].end(), "figure")
        after = words[at + 1 : at + 4]
        if not after or after[0].group(0).lower() != "of":
            continue
        for later in after[1:]:
            if re.search(r"\d", later.group(0)):
                yield spans.Span(later.start(), later.end(), "figure")
            if later.group(0).lower() not in {"just", "only", "about"}:
                break


def _aside_to_asked(text: str, span: spans.Span, question_tokens: set[str]) -> bool:
    """Whether the span stands in parentheses right after a word the question asks about, as whom
    that very thing is from or by ("Opdivo (from Bristol-Myers Squibb)" for who makes Opdivo; not
    "Facebook (now Meta)" or "€105 million ($112 million)", which only name it again)."""
    opening = text.rfind("(", 0, span.start)
    if opening < 0 or not re.fullmatch(r"\((?:[^()]*\s)?(?:from|by)\s+", text[opening : span.start]):
        return False
    before = fits.WORD.findall(text[:opening])[-1:]
    return bool(before) and bool(set(tokenize(before[0])) & question_tokens)


def _given_to(text: str, span: spans.Span) -> str:
    """The name a number is counted for, written right after it ("194 for Jordan", "210 votes for
    Jeffries"), or ""."""
    given = re.match(r"\s+(?:\w+\s+)?for\s+((?:[A-Z][\w’'.-]*\s?)+)", text[span.end :])
    return given.group(1).strip() if given else ""


def _named_after(text: str, span: spans.Span, noun: str) -> bool:
    """Whether the span names the noun written right beside it ("regulation, the Digital Markets Act",
    "the film Oppenheimer", "the “Inspiring Women” series", "a new app called Beeper Mini")."""
    noun = re.escape(noun)
    return bool(
        re.search(
            rf"\b{noun}s?,?\s+(?:(?:called|named|dubbed)\s+)?(?:the\s+)?[“\"]?$", text[: span.start], re.I
        )
        or re.match(rf"[”\"]?\s+{noun}", text[span.end :], re.IGNORECASE)
    )


def _aged_when(question: str, text: str, span: spans.Span) -> bool:
    """Whether an age is written with the time the question gives it ("How old was Calla when she
    asked her mother ...?": "She was 15 when she told me ... walk her down the aisle"): two of the
    words of the question's "when" clause in the one after the age."""
    asked_when, said_when = _when_clauses(question, text, span)
    return len(asked_when & said_when) >= 2


def _aged_when_another_died(question: str, text: str, span: spans.Span) -> bool:
    """Whether an age is written with the time of what happened to another relative than the one
    the question names ("They were 13 and 12, respectively, when their mother died" is not how old
    they were when their father died)."""
    asked_when, said_when = _when_clauses(question, text, span)
    asked, said = asked_when & fits.RELATIVES, said_when & fits.RELATIVES
    return bool(asked and said and not asked & said)


def _when_clauses(question: str, text: str, span: spans.Span) -> tuple[set[str], set[str]]:
    """The words of the question's "when" clause and of the one right after the age (none: empty)."""
    asked = re.search(r"\bwhen\b(.+)", question, re.IGNORECASE)
    said = re.match(
        r"(?:\s*(?:,|and)\s+\w+)*\s*(?:,?\s*respectively,?\s*)?(?:years old\s+)?when\b(.{0,160})",
        text[span.end :],
        re.IGNORECASE,
    )
    if not (asked and said):
        return set(), set()
    return set(tokenize(asked.group(1))), set(tokenize(said.group(1)))


def _placed_in_aside(text: str, span: spans.Span, names: Sequence[str]) -> bool:
    """Whether a place ends the aside written after a name the question gives, which says what the
    named is and where ("Children's Nebraska, a pediatric hospital and medical center in Omaha")."""
    return any(
        re.search(
            rf"\b{re.escape(name)},\s+(?:a|an|the)\s+[^,.;:()—]{{0,80}}\b(?:in|at|near|outside)\s+$",
            text[: span.start],
        )
        for name in names
    )


def _described_as(text: str, span: spans.Span, noun: str) -> bool:
    """Whether an apposition after the span says it is the noun asked about ("Nice, the French club
    owned by Ratcliffe, recruited ..." for "Which French club does Ratcliffe own?")."""
    noun = re.escape(noun)
    return bool(
        re.match(rf",\s+(?:the|a|an)\s+(?:[\w’'-]+\s+){{0,3}}{noun}s?\b", text[span.end :], re.IGNORECASE)
    )


def _owns(text: str, span: spans.Span, noun: str) -> bool:
    """Whether the name owns the noun a whose-question asks of: written with it ("Gellar’s son") or
    the subject of a sentence that gives it to a pronoun ("Gellar has ... after her son’s ...")."""
    noun = re.escape(noun)
    if re.match(rf"[’']s?\s+(?:[\w-]+\s+)?{noun}", text[span.end :], re.IGNORECASE):
        return True
    opening = not text[: span.start].strip(" “\"‘'")
    return (
        opening and re.search(rf"\b(?:her|his|their)\s+{noun}", text[span.end :], re.IGNORECASE) is not None
    )


def _left_unnamed(text: str, span: spans.Span, noun: str) -> bool:
    """Whether the sentence brings the asked-for thing in unnamed ("He founded a society of elite
    students at the University of Maine"), so that the span, not written as its name, is something
    else; "a society called ...", "a society, ..." name it."""
    if not noun:
        return False
    # ("an agency that ...", "his three grown daughters"; not "two young sons – Isaiah and Jacob")
    unnamed = re.search(
        rf"\b(?:a|an|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[\w-]+\s+)?{re.escape(noun)}\b"
        r"(?!\s*(?:,|called|named|known|[–—:-]))",
        text,
        re.I,
    )
    if unnamed is None or noun.lower() in text[span.start : span.end].lower():
        return False
    if span.start > unnamed.end():
        return True
    # A name before it is another thing ("in a 2019 Medium post and later testified before a House
    # committee"), unless the unnamed one says what it is ("Acme, a company that ...", "Acme is a
    # ..."); not where the noun only qualifies another ("a club record").
    between = text[span.end : unnamed.start()]
    return (
        span.end <= unnamed.start()
        and re.match(
            r"\s*(?:[.,;:)]|$|(?:that|which|who|where|to|for|of|in|on|at|and|from|with|by)\b)",
            text[unnamed.end() :],
        )
        is not None
        and not re.fullmatch(r"\s*(?:,|is|was|are|were|as)?\s*", between)
    )


def _beside(text: str, span: spans.Span, head: str, *, after: bool = True) -> bool:
    """Whether the asked-for thing's noun is written right next to the span: among the two words
    before it ("promo code “TSN”", "salary of £1m") or the word after it ("the Stretch robot")."""
    # (past a hedge: "a budget deficit of some P2.268 trillion")
    lead = re.sub(
        r"\s(?:some|about|around|roughly|nearly|almost|over)\s*$", " ", text[: span.start], flags=re.I
    )
    before = fits.WORD.findall(lead)[-2:]
    following = fits.WORD.findall(text[span.end :])[:1] if after else []
    return head in tokenize(" ".join(before + following))


def _introduced(text: str, span: spans.Span, preposition: str) -> bool:
    """Whether `preposition` (and at most an article or possessive) comes right before the span, as
    a preposition of its own: not "in support of", "in favour of", "in addition to"."""
    before = re.search(
        rf"\b{preposition}\s+((?:the|a|an|this|that|its|their|his|her|our)\s+)?[“\"‘]?$",
        text[: span.start],
        re.I,
    )
    if before is None:
        return False
    if (
        span.kind == "name"
        and re.match(r"\s+[a-z]+(?:\s|[,.;:]|$)", text[span.end :])
        and not re.match(
            r"\s+(?:and|or|in|on|at|of|for|from|to|by|with|as|that|which|who|where|when|is|was|has|had|said)\b",
            text[span.end :],
        )
    ):
        return False  # "in a Seattle federal court": the name only describes what "in" introduces
    # A preposition of several words has no article inside ("in support of"; "in the war of 1812").
    return bool(before.group(1)) or not re.match(r"[\w’'-]+\s+(?:of|to|with)\b", text[span.start :])


def _says_its_kind(name: str, noun: str, question_tokens: set[str]) -> bool:
    """Whether a name ends with the noun a which-question asks by and adds words of its own ("French
    Cup" for "Which cup ...?"; not "Barbie Inspiring Women Series", which repeats "Barbie")."""
    words = name.split()
    if len(words) < 2 or words[-1].lower().rstrip("s") != noun.lower().rstrip("s"):
        return False
    return not set(tokenize(" ".join(words[:-1]))) & question_tokens


def _is_one_name(short: Short) -> bool:
    """Whether the short answer is a single name ("Bankman-Fried"), not two joined by "and"."""
    names = list(spans.names(short.text))
    return len(names) == 1 and (names[0].start, names[0].end) == (0, len(short.text))


def _speakers_lifted(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Candidates re-sorted with a sentence that ends a quote (“..., ” Cook told reporters.) as well
    supported as the quote's best sentence, or as the quote that carries on after it
    (`fits.quote_continued`): who said it is named only there."""
    return _lifted(
        candidates,
        lambda c: [
            *range(c.sentence.index - len(fits.quote_opening(c)), c.sentence.index),
            *range(c.sentence.index + 1, c.sentence.index + 1 + len(fits.quote_continued(c))),
        ],
    )


def _follow_ups_lifted(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Candidates re-sorted with a sentence that goes on from the one before it (`goes_on`) as well
    supported as that one: a reason often follows what it explains ("Brus ... said he didn’t pick up
    the phone ..." / "“..., but I didn’t answer it because I’m trying to get some sleep,
    basically,” he told The Associated Press.")."""
    return _lifted(candidates, lambda c: [c.sentence.index - 1] if goes_on(c.sentence.text) else [])


def _lifted(
    candidates: Sequence[Candidate], completed: Callable[[Candidate], Iterable[int]]
) -> list[Candidate]:
    """Candidates re-sorted with each scored as the best of itself and the sentences of its article
    it completes (`completed`, by sentence index; a sentence not among the candidates counts 0)."""
    scores = {(c.passage.article_id, c.sentence.index): c.score for c in candidates}
    lifted = [
        replace(
            c,
            score=max([c.score, *(scores.get((c.passage.article_id, i), 0.0) for i in completed(c))]),
        )
        for c in candidates
    ]
    return sorted(lifted, key=lambda c: (-c.score, c.rank, c.sentence.index))


def _with_partner(short: Short, question_tokens: set[str]) -> Short:
    """ "Dana Whitfield and Omar Castillo": a name joined by "and" to others answers together with
    them, unless the question already gave that other one ("Iraqi and Iranian" for "Besides Iranian
    airspace, whose ...")."""
    text = short.candidate.sentence.text

    def is_new(name: str) -> bool:
        return not set(tokenize(name)) <= question_tokens

    # A list goes on by commas to its "and": "France, Germany, Italy, and Spain" (not "Tim Cook, Apple").
    end, closed = short.end, False
    # (past an aside on a name: "CARIAD (the Volkswagen Group) and Qualcomm")
    while not closed and (joined := re.match(r"(?:\s*\([^()]*\))?(?:,?\s+(?:and|&)\s+|,\s+)", text[end:])):
        offset = end + joined.end()
        following = next(iter(spans.names(text[offset:])), None)
        if following is None or following.start != 0 or not is_new(text[offset : offset + following.end]):
            break
        end = offset + following.end
        closed = bool(joined.group(0).strip(", "))  # its "and" ends the list
    if closed:
        # "Pittsburgh, Pennsylvania and Cleveland, Ohio.": the last city keeps its state too
        state = re.match(r",\s+", text[end:])
        last = next(iter(spans.names(text[end + state.end() :])), None) if state else None
        if (
            state
            and last is not None
            and last.start == 0
            and re.match(r"\s*[.;]", text[end + state.end() + last.end :])
        ):
            end += state.end() + last.end
        return replace(short, end=end)
    if joined := re.search(r"(?:\s*\([^()]*\))?\s+(?:and|&)\s+$", text[: short.start]):
        before = [n for n in spans.names(text[: joined.start()]) if n.end == joined.start()]
        if before and is_new(text[before[-1].start : before[-1].end]):
            return replace(short, start=before[-1].start)
    return short
