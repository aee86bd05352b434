"""Yes/no verdicts: a question's claims, each held to the sentence that best supports it.

The rule (README, "Yes/no questions"):
- The question is cut into its claims (one per part, see `qa.retrieval.query`; "A in the same way
  that B" is two); each claim loses its question frame ("Does the TechCrunch article suggest that ...").
- A claim is *supported* by a retrieved sentence that backs it (support score at least
  `verdict_support`) and says nothing opposite; a sentence that backs it but says the opposite
  *contradicts* it (`contradicts`): it denies what the claim asserts ("declined to comment"; a
  negation denies only the words it reaches, `polarity`), uses the other word of an opposite pair
  ("rose" / "fell"), gives another amount, year, holiday or place, a rise or fall for a claim that
  nothing moved, or an amount for a claim that none was given. A sentence that asks is no
  evidence. A claim that names a source is held only to that source's sentences; when that
  source's articles are retrieved and none of their sentences backs the claim, the source does not
  say it, which also answers "No".
- "Was A reported before B?" also needs the two claims' articles in that date order (only in a
  question about reports: in "Did shares rise after the sale?", "after" is part of the claim, as is
  "before their game" inside a claim; "the article published after the Guardian article" orders).
- Yes: every claim supported (and the order holds). No: some claim contradicted, not said by the
  source it names, or the order does not hold. Otherwise: the articles don't settle it.
- A question that asks whether reports *differ* ("was there a change", "inconsistent") is the
  opposite claim: Yes only when one of its claims is contradicted while the others hold.
Every verdict cites one sentence per claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

import numpy as np

from qa.answer import fits, spans
from qa.answer.asked import AUX_WORDS, option_family
from qa.answer.cite import Candidate, StoredVectors, antecedent, score_sentences, words_of
from qa.answer.guard import looks_like_instruction
from qa.answer.outcomes import outcome
from qa.encode.embed import Embedder
from qa.retrieval.lexical import LexicalIndex, tokenize
from qa.retrieval.query import FRAMING, SourceCatalog, published_date, split_parts
from qa.types import Passage

Outcome = Literal["Yes", "No", "unsettled"]
UNSETTLED_TEXT = "The articles don't settle it."
# Sentences of the retrieved passages scored for each claim (more than an answer scores: every
# claim of a multi-part question needs its own evidence, often from a lower-ranked passage).
_SCORED = 80
# Sentences that compete as a claim's evidence, and the weight of the claim's own words in them.
_CLOSEST = 5
_PREDICATE_WEIGHT = 0.3
_SHORT_PREDICATE = 3  # words a claim says beyond its names, at most, for one of them to be needed


def _share(words: set[str], sentence: str) -> float:
    """The share of `words` the sentence has, in any form ("fell" for "fall"), or denied by a
    prefix ("unmarried" speaks to "married")."""
    bases, denied = _bases(sentence), _prefix_denied(sentence)
    return (
        sum(fits.base_form(w) in bases or _shares_stem({w}, denied) for w in words) / len(words)
        if words
        else 0.0
    )


@lru_cache(maxsize=8192)
def _bases(sentence: str) -> frozenset[str]:
    return frozenset(fits.base_form(w) for w in words_of(sentence)) | fits.event_words(sentence)


@lru_cache(maxsize=8192)
def _prefix_denied(sentence: str) -> frozenset[str]:
    """The stems of words the sentence writes with a negating prefix ("marri" of "unmarried")."""
    return frozenset().union(*(words_of(m.group(1)) for m in _PREFIXED.finditer(sentence)))


_NEGATIVE = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|without|cannot|lack|lacks|lacked|lacking|decline|declined|"
    r"declines|refuse|refused|refuses|refusal|deny|denied|denies|reject|rejected|rejects|fail|failed|fails|"
    r"failing|refrain|refrained|unable|inability|absence|nor|ignore|ignores|ignored|ignoring|overlook|"
    r"overlooks|overlooked|omit|omits|omitted|neglect|neglects|neglected)\b"
    r"|n[’']t\b",
    re.IGNORECASE,
)
_DIFFERENCE = r"(?:change|shift|inconsistenc\w*|difference|discrepanc\w*|contradiction)\b"
# A claim about a difference between reports: true when they disagree ("was there inconsistency",
# "did the portrayal change"); "was there no change" asks whether they agree.
_ASKS_DIFFERENCE = re.compile(
    rf"\b(?:was|is|were|are) there (?:(?:a|an|any)\s+)?(?:(?!no\b)\w+\s+)?{_DIFFERENCE}"
    r"|\binconsistent\b|\b(?:did|does|has)\b[^,?]{0,80}\bchange\b",
    re.IGNORECASE,
)
_NO_DIFFERENCE = re.compile(rf"\bno\s+(?=(?:\w+\s+)?{_DIFFERENCE})", re.IGNORECASE)
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
    # The quoted question `evidence` answers ("“Did removing overdraft fees upend your business
    # model,” Menendez continued." before "“No, Senator,” Fraser answered."), cited before it.
    asked: Candidate | None = None


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
            for found in (check.asked, check.evidence):
                if found is not None and all(found.sentence != c.sentence for c in seen):
                    seen.append(found)
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


@dataclass(frozen=True)
class Polarity:
    """A text's content words, split by whether the text asserts or denies them."""

    asserted: frozenset[str]
    denied: frozenset[str]
    # What a clause denies of its own subject by eliding the words of the clause before: "While the
    # Code is voluntary, compliance with the DSA is not" denies "voluntary" of "compliance ... DSA".
    denied_of: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()
    # The subjects of what the text denies ("timeline" of "the timeline is not yet certain"): words
    # it asserts only as what the denial is about.
    denied_about: frozenset[str] = frozenset()
    # The first word each negation denies, what it governs ("know" of "didn't know the answer",
    # "guilty" of "pleaded not guilty"), by base form.
    heads: frozenset[str] = frozenset()


# Where a clause ends, and with it a negation's reach.
_CLAUSE_END = re.compile(r"[,;:()—–.!?]")
# Words that turn from what a negation denies to what holds ("didn't release the full model, only a
# lite version"; "isn't discounted on Amazon, but ..."), or add a reason or a time to it ("failed to
# suit up due to injuries"), or name the agent of a passive ("will not be derailed by the penalty").
_NEGATION_END = re.compile(
    r"but|while|whereas|although|though|yet|only|instead|rather|except"
    r"|due|because|after|since|when|despite|until|before|if|by",
    re.IGNORECASE,
)
# Words that turn from a denial to what holds instead.
_TURNS = frozenset("but yet only instead rather except while whereas".split())
# A "No" that denies nothing: a rank ("No. 1", "No. 22 Utah") or a word of a title ("Si No Estás").
_NO_RANK = re.compile(r"\bNo\.(?=\s*\d)")
_RANKED_AS = re.compile(r"(?:\bNo\.|#)\s*$")
_NO_IN_NAME = re.compile(r"\b([A-Z][\w’']*\s+)No(?=\s+[A-Z])")
# Negation words that deny nothing: "not only ... but also", "no matter how", "nothing short of".
_NOT_DENIAL = re.compile(r"\b(?:not only|no matter|nothing short of|no doubt|no sooner)\b", re.IGNORECASE)
# Phrases that deny what follows as a "not" would: "Schefter stopped short of saying that Reich was
# on the hot seat".
_DENYING_PHRASE = re.compile(
    r"\b(?:stop(?:s|ped|ping)? short of|far from|other than|rather than|instead of|failures? to"
    r"|(?:averted|avoided|prevented|staved off|headed off)(?=\s+(?:an?|the)\s)"
    # "missed his opportunity last season to play in Senior Day"
    r"|miss(?:es|ed|ing)?\s+(?:out\s+on\s+)?(?:(?:his|her|their|its|the|a|an)\s+)?(?:opportunity|chance))\b",
    re.IGNORECASE,
)  # ("the failure in the EV market" denies nothing; "the failures to launch" does)
# What was kept from happening: "the default was averted" denies the default (and "averted a
# default", `_DENYING_PHRASE`, too).
_AVERTED = re.compile(
    r"\b((?:[\w’'-]+\s+){0,2}?[\w’'-]+)\s+(?:was|were|has been|have been|had been|is|are)\s+(?:\w+ly\s+)?"
    r"(?:averted|avoided|prevented|thwarted|foiled|called off|cancell?ed|scrapped|shelved)\b",
    re.IGNORECASE,
)
# "with zero abstentions", "zero casualties": none of them (not "zero-tolerance", "from zero to 60").
_ZERO_OF = re.compile(r"\bzero\s+(?=[a-z]+s\b)(?!(?:is|was|has|does)\b)", re.IGNORECASE)
# A sentence that opens by denying what it then lists: "Not yet supported are features like ...".
_FRONTED_DENIAL = re.compile(r"^\W*Not\s+(?:yet\s+|even\s+)?[a-z]+\s+(?:are|is|were|was)\b")
# Adverbs a negation carries ("not yet", "never even"): what it denies comes after them.
_NEGATION_ADVERBS = frozenset(tokenize("yet even ever"))
# A subject that only points back ("— something it has not yet done"): the negation denies the
# clause before, as an elided verb does.
_BACK_REFERENCES = frozenset(tokenize("something which what"))
_REACH = 6  # content words a negation denies at most
_HEAD = 2  # content words that say what a claim is, after its names
_UNITS = re.compile(r"[,;:()—–!?]|\.(?!\w)|[\w’'$%-]+(?:\.\w+)*")


def _negation(unit: str) -> bool:
    return bool(_NEGATIVE.fullmatch(unit) or re.search(r"n[’']t$", unit))


# An aside that goes on naming what a negation denied ("are not thought to include the most
# sensitive components, known as life-limited parts"): the negation reaches into it.
_NAMING_ASIDE = re.compile(r"known|described|referred|called|dubbed|such|including|namely", re.IGNORECASE)
_COPULAS = AUX_WORDS | {"be", "been", "being"}
# A denial of what its subject is ("the timeline is not yet certain"), said of a short subject: only
# then is the subject what the denial is about ("clubs not involved in Europe" is no such denial).
_BE = re.compile(r"(?:is|are|was|were|be|been|being)(?:n[’']t)?", re.IGNORECASE)
_SHORT_SUBJECT = 5


@lru_cache(maxsize=4096)  # (a claim's check reads each close sentence's several times)
def polarity(text: str) -> Polarity:
    """Which content words `text` denies: those after a negation, up to the end of its clause, a
    word of `_NEGATION_END`, or `_REACH` words ("Cook declined to comment"); the rest it asserts.

    - A negation inside another's reach takes it back ("has not asked Carter to refrain").
    - A negation with nothing after it denies the clause before ("Stross contributed to the Linux
      kernel; he never has"); when its own clause has a subject of its own ("While the Code is
      voluntary, compliance with the DSA is not"), it denies what the clause before says of its
      subject ("voluntary") of that subject only (`Polarity.denied_of`).
    - An aside that names what the negation reaches ("..., known as life-limited parts") is
      reached too.
    - "neither ... nor ..." denies the whole sentence after it.
    """
    asserted: set[str] = set()
    denied: set[str] = set()
    denied_of: list[tuple[frozenset[str], frozenset[str]]] = []
    before: list[str] = []  # the previous clause's asserted words
    said_before: list[str] = []  # of them, what it says of its subject (after its verb)
    clause: list[str] = []  # this clause's asserted words so far
    verb_at: int | None = None  # where in them this clause's latest auxiliary verb stands
    subject: list[str] = []  # this clause's words before the current negation
    reach = 0  # content words the current negation may still deny; 0 outside any
    took = 0  # content words the current negation has denied
    whole = False  # the current negation is "neither": it reaches to the sentence's end

    denied_about: set[str] = set()
    heads: set[str] = set()
    head_now = ""  # the current negation's first denied word
    heads_now: set[str] = set()  # this sentence's, kept unless it turns to what holds instead
    about_now: set[str] = set()  # the current negation's subject, kept unless the text turns after it
    said_of = False  # the current negation denies what its short subject is

    def close(turned: bool = False) -> None:
        nonlocal reach, about_now, head_now
        if not turned and said_of:  # ("isn't discounted on Amazon, but it's down to $899": not)
            denied_about.update(about_now)
        if head_now:
            heads_now.add(head_now)
        about_now, head_now = set(), ""
        # "compliance with the DSA is not" (but "— something it has not yet done" is the clause before)
        if reach and not took and subject and not set(subject) <= _BACK_REFERENCES:
            denied_of.append((frozenset(subject), frozenset(said_before)))
        elif reach and not took:  # an elided verb: "he never has", "it did not"
            denied.update(before)
            asserted.difference_update(before)
        reach = 0

    units = _UNITS.findall(
        _DENYING_PHRASE.sub(
            " not ",
            _AVERTED.sub(
                r"not \1",
                _NOT_DENIAL.sub(" ", _NO_IN_NAME.sub(r"\1Nr", _NO_RANK.sub("Nr", _ZERO_OF.sub("no ", text)))),
            ),
        )
    )
    for i, unit in enumerate(units):
        # "didn't release the full model, Gemini Ultra — only a lite version"; not a turn to what
        # the subject said ("doesn't guarantee that ..., but noted that ...")
        if unit.lower() in _TURNS and not fits.SPEECH.search(" ".join(units[i + 1 : i + 3])):
            heads_now.clear()
        if _CLAUSE_END.fullmatch(unit) and not (
            reach and took and unit == "," and units[i + 1 : i + 2] in (["or"], ["nor"])
        ):
            if (
                reach
                and took
                and unit in ",—–"
                and _NAMING_ASIDE.fullmatch(units[i + 1] if i + 1 < len(units) else "")
            ):
                reach += 2  # the aside's opening words ("known as") are not what it names
                continue
            if not whole or unit in ".;!?":
                close(turned=i + 1 < len(units) and units[i + 1].lower() in _TURNS)
                whole = False
            if unit in ".;!?":
                heads.update(heads_now)
                heads_now.clear()
            if clause:
                # What a clause says of its subject follows its auxiliary ("the Code is voluntary");
                # without one, its first word is the subject ("Apple raised prices").
                before, said_before = clause, clause[1 if verb_at is None else verb_at :]
            clause, verb_at = [], None
        elif reach and took and unit == "," and units[i + 1 : i + 2] in (["or"], ["nor"]):
            reach = _REACH  # "not through costly builds, or by acquiring other carriers": a list it denies
        elif (
            _NEGATION_END.fullmatch(unit)
            and not whole
            and not (reach and not took and unit.lower() == "yet")
            and not (reach and units[i - 1 : i] in (["or"], ["nor"]))  # (the "by" of ", or by acquiring")
        ):
            close(turned=unit.lower() in _TURNS)  # (not the "yet" of "not yet certain")
        elif (
            reach
            and took
            and unit.lower() == "and"
            and units[i + 1 : i + 2]
            and units[i + 1].lower() in AUX_WORDS
        ):
            close()  # "they don't have enough range and will spur job losses": a verb of its own
        elif _negation(unit):
            if whole:
                continue  # the "nor" of "neither ... nor"
            if reach and unit.lower() == "nor":
                reach = _REACH  # "no budget nor headcount", "did not discuss nor even consider": it goes on
                continue
            if reach:
                reach = 0  # a negation of a negation
            else:
                # "neither ... nor", and "Not yet supported are A, B and C": to the sentence's end
                reach, took = _REACH, 0
                whole = unit.lower() == "neither" or bool(i == 0 and _FRONTED_DENIAL.match(text))
                subject = list(clause)
                # "is not", "isn't"
                said_of = len(subject) <= _SHORT_SUBJECT and bool(
                    _BE.fullmatch(unit) or (i > 0 and _BE.fullmatch(units[i - 1]))
                )
        elif unit.lower() in _COPULAS and not reach:
            verb_at = len(clause)
        else:
            for token in words_of(unit):
                if reach and not took and token in _NEGATION_ADVERBS:
                    continue  # "not yet done", "never even tried": the adverb denies nothing itself
                if reach:
                    if not took:
                        head_now = fits.base_form(token)
                    denied.add(token)
                    about_now.update(subject)
                    took += 1
                    reach = reach if whole else reach - 1
                else:
                    asserted.add(token)
                    clause.append(token)
    close()
    heads.update(heads_now)
    return Polarity(
        frozenset(asserted), frozenset(denied), tuple(denied_of), frozenset(denied_about), frozenset(heads)
    )


# Words that frame a question about reports agreeing rather than say what they report.
_COMPARING = frozenset(
    tokenize(
        "consistent consistency inconsistent change changed portrayal portrayed narrative depiction "
        "align same remain"
    )
)


# A change someone makes to what is theirs ("the husband changed his stance", "changing their
# plans") is what the claim says; elsewhere a change compares reports ("a change in the portrayal").
_CHANGED_ONES = re.compile(
    r"\b(?:change|changed|changes|changing|shift|shifted|shifts)\s+(?:his|her|their|its|my|our|your)\b",
    re.IGNORECASE,
)


def _comparing(claim: str) -> frozenset[str]:
    return frozenset() if _CHANGED_ONES.search(claim) else _COMPARING


# "without mentioning", "does not discuss": a claim about what an article leaves out.
_DENIES_MENTION = re.compile(
    r"\b(?:without|not|never|no|fail(?:s|ed)? to)\s+(?:\w+\s+)?(?:mention|discuss|specify|specifying|imply|"
    r"implying|report|address|say|saying|note|noting|cite|citing|reference|referencing|indicat)\w*",
    re.IGNORECASE,
)


def _opposite_denied(asserted: Set[str], denied: Set[str]) -> bool:
    """Whether the sentence denies the opposite of a word the claim asserts (`_OPPOSITES`)."""
    return any(
        asserted & side and not asserted & other and denied & other
        for one, two in _OPPOSITES
        for side, other in ((one, two), (two, one))
    )


def _flipped(claim: str, sentence: str, about: Set[str], *, source_named: bool) -> bool:
    """Whether the sentence denies what the claim asserts, or asserts what it denies.

    Names (`about`) say what a claim is about, so only its other words count, and the side with
    more of them wins: a negation elsewhere in a long sentence contradicts nothing. A sentence that
    denies the first words of what the claim says ("there had been no formal request" for "a
    formal request for military options") denies the claim. A claim that denies only that a report
    was made ("not discussed in The Age") is contradicted by that source's sentence that makes it;
    a trailing "without mentioning X" with no source of its own is not held to any one sentence.
    """
    said, found = polarity(claim), polarity(sentence)
    comparing = _comparing(claim)
    if _opposite_denied(said.asserted, found.denied):
        return False  # "TikTok has rejected claims the pixel breaches Australia’s privacy laws": it complies
    # What a negation governs is what it denies, however many words the sentence shares otherwise:
    # "Though the executives didn't know the answer, the numbers are large ..." denies that they
    # knew; "pleaded not guilty" that he pleaded guilty.
    governed = found.heads - {fits.base_form(w) for w in found.asserted}
    if any(fits.base_form(w) in governed for w in said.asserted - said.denied - about - comparing):
        return True
    if said.denied:
        denied = said.denied - FRAMING - about - comparing
        if not denied:
            return source_named and bool(said.denied & FRAMING)
        if _DENIES_MENTION.search(claim) and not source_named:
            return False
        return len(denied & found.asserted) > len(denied & found.denied)
    told = said.asserted - about - comparing
    if any(said.asserted & subject and told & what for subject, what in found.denied_of):
        return True
    # How the claim says it is done, denied: "expanding internationally by acquiring other carriers" /
    # "to expand internationally not through costly builds ..., or by acquiring other carriers"
    manner = {t for m in _BY_DOING.finditer(claim) for t in words_of(m.group(1))}
    if manner and manner <= found.denied - found.asserted:
        return True
    head = set(list(dict.fromkeys(t for t in tokenize(claim) if t in told))[:_HEAD])
    if head and head <= found.denied - found.asserted:
        return True
    # What a denial is about is no assertion of the claim ("the timeline is not yet certain").
    return len(told & found.denied) > len(told & (found.asserted - found.denied_about))


_BY_DOING = re.compile(r"\bby\s+(\w+ing)\b", re.IGNORECASE)
_PREFIXED = re.compile(r"\b(?:un|in|im|il|ir|dis|non-?)([a-z]{4,})\b", re.IGNORECASE)
# Words news uses for the two sides of a change or an outcome, as opposite pairs. A claim that says
# one side of a pair (and not the other: "allowed ... despite the ban") is contradicted by a
# sentence that says only the other ("an increase in the company's stock price" / "driving down
# Rogers' stock price").
_SIDES = (
    (
        "increase increased increases rise rises rose risen rising grow grew growth gain gains gained higher "
        "up climb climbed surge surged jump jumped soar soared boost boosted",
        "decrease decreased decreases fall falls fell fallen falling drop dropped drops lower down reduce "
        "reduced reduction cut cuts slump slumped plunge plunged plummet plummeted tumble tumbled discount "
        "discounted losses "
        "shrink shrank sink sank sinking sunk slide slid dip dipped decline declines declined declining",
    ),
    (
        "success successful succeed succeeded win wins won victory beat made nailed",
        "failure unsuccessful lose loses lost loss defeat defeated miss missed flop flopped bombed short shy",
    ),
    ("better improve improved improvement", "worse worsen worsened deteriorate deteriorated"),
    (
        "support supported supportive approve approved endorse endorsed praise praised encourage encouraged "
        "welcome welcomed",
        "oppose opposed criticise criticize criticised criticized accuse accused condemn condemned",
    ),
    (
        "positive positively favourably favorably optimistic strong stronger best",
        "negative negatively unfavourably unfavorably pessimistic weak weaker worst",
    ),
    ("legal legally lawful", "illegal illegally unlawful"),
    ("high highest", "low lowest"),
    ("profit profits profitable", "loss losses"),
    ("include included includes", "exclude excluded excludes"),
    ("pass passed passes", "fail failed fails"),
    ("expensive pricier", "cheap cheaper"),
    ("ahead", "behind"),
    ("good great excellent stellar impressive superb", "bad poor terrible awful dismal disappointing"),
    ("allow allowed allows permit permitted enable enabled", "ban banned prohibit prohibited block blocked"),
    ("safe safer", "dangerous risky unsafe"),
    ("together jointly", "separately apart"),
    ("cheer cheers cheered cheering applaud applauded", "boo boos booed booing jeer jeered jeering"),
    ("easy easier", "difficult hard harder challenge challenging tough"),
    ("religious", "secular"),
    ("start started starts starting", "bench substitute substituted"),  # "came off the bench"
    ("mandatory compulsory obligatory required", "voluntary optional"),
    ("comply complies complied compliant compliance", "breach breaches breached violate violates violated"),
)
_OPPOSITES = tuple((frozenset(tokenize(one)), frozenset(tokenize(other))) for one, other in _SIDES)
_WIN_OR_LOSE = next(pair for pair in _OPPOSITES if "win" in pair[0])


def _shares_stem(roots: Set[str], words: Set[str]) -> bool:
    """Whether a root word is one of `words`, or one of five letters or more and another with one
    letter more ("injur" of "uninjured" and "injuri" of "injury"; not "count" and "countri")."""
    return any(
        root == word
        or (
            min(len(root), len(word)) >= 5
            and abs(len(root) - len(word)) == 1
            and (root.startswith(word) or word.startswith(root))
        )
        for root in roots
        for word in words
    )


def _opposite_word(claim: str, sentence: str) -> bool:
    """A word negated by its prefix on one side and plain on the other ("unconcerned" / "concerned",
    "illegal" / "legally"), or one side of an opposite pair in the claim and only the other side in
    the sentence ("an increase" / "driving down")."""
    said, found = words_of(claim), words_of(sentence)
    for one, plain in ((claim, found), (sentence, said)):
        # (not a word both sides write: "disinformation" and "to inform" beside it are no opposites)
        if any(
            # ("non-pneumatic" is one word: its "pneumatic" half is not written on both sides)
            _shares_stem(words_of(m.group(1)), plain) and not words_of(m.group(0).replace("-", "")) & plain
            for m in _PREFIXED.finditer(one)
        ):
            return True
    # "investors grew worried": a verb of becoming, not a rise
    said, found = (words_of(_BECOMING.sub(" ", text)) for text in (claim, sentence))
    clauses = [words_of(_BECOMING.sub(" ", c)) for c in _CLAUSE_END.split(sentence)]
    same_result = _sides(claim, sentence)[0]
    found -= polarity(sentence).denied  # ("rejected claims the pixel breaches ..." says it complies)
    for first, second in _OPPOSITES:
        if same_result and first == _WIN_OR_LOSE[0]:
            continue  # "Argentina knocking over the All Blacks ..., as well as a maiden defeat": a win
        for side, opposite in ((first, second), (second, first)):
            if not (said & side and not said & opposite and found & opposite):
                continue
            if not found & side:
                return True
            # Both sides ("Although it may originally have had religious significance, the day has
            # become a mostly secular holiday"): the clause that says most of the claim's other
            # words is the one that speaks to it.
            others = said - side
            speaking = max(clauses, key=lambda words: len(words & others))
            if speaking & opposite and not speaking & side:
                return True
    return False


_BECOMING = re.compile(r"\bgr(?:ew|ow|ows|owing|own)\s+(?=\w+(?:ed|ious|ful|ent|ant|ive)\b)", re.IGNORECASE)
_HOLIDAYS = frozenset(
    tokenize("Christmas Easter Thanksgiving Halloween Hanukkah Diwali Ramadan Eid Passover Kwanzaa Valentine")
)


def _other_holiday(claim: str, sentence: str) -> bool:
    """The claim names a holiday, the sentence only another ("spending Easter with her birth
    mother" / "'Merry Christmas' has a whole new meaning ...")."""
    said, found = words_of(claim) & _HOLIDAYS, words_of(sentence) & _HOLIDAYS
    return bool(said and found and not said & found)


def _other_number(claim: str, sentence: str) -> bool:
    """The claim gives an amount of something the sentence has a different amount of ("$2 billion"
    / "$4.3 billion", "two goals" / "three goals"); amounts of different things ("2,000 yards this
    season" / "1,000 yards tonight" aside) are not compared."""
    claimed, found = _amounts(claim), _amounts(sentence)
    if any(not claimed[unit] & found[unit] for unit in claimed.keys() & found.keys() - {""}):
        return True
    # The sentence counts the same thing another way ("lost more than five derbies" / "has lost one
    # of his 17 encounters ... one of the past 25 league derbies"): its amounts are the only ones.
    values = {value for counted in found.values() for value in counted}
    return any(
        unit in words_of(sentence) and values and not counted & values for unit, counted in claimed.items()
    )


_SETTLED = r"(?:based|headquartered|born|located|raised)"
_PLACE_NAME = r"([A-Z][\w’'.]+(?:\s+[A-Z][\w’'.]+)*)"
_SETTLED_IN = re.compile(
    rf"\b{_SETTLED}\s+(?:in\s+)?(?:the\s+)?{_PLACE_NAME}"
)  # (a claim may have lost its "in")


def _settled(text: str) -> dict[str, str]:
    """Where the text says something is based, headquartered, born ("based in Paris",
    "Paris-headquartered"), by that word."""
    found = {m.group(0).split()[0].lower(): m.group(1) for m in _SETTLED_IN.finditer(text)}
    found.update(
        {m.group(2).lower(): m.group(1) for m in re.finditer(rf"{_PLACE_NAME}-({_SETTLED})\b", text)}
    )
    return found


_VOTED_FOR = re.compile(r"\bvot(?:e|es|ed|ing)\s+(?:in\s+favou?r\s+of|for)\b", re.IGNORECASE)
_VOTED_AGAINST = re.compile(r"\bvot(?:e|es|ed|ing)\s+against\b", re.IGNORECASE)


def _voted_other_way(claim: str, sentence: str) -> bool:
    """The claim says a vote went one way ("vote against scrapping DST"), the sentence the other
    ("voting in favour of scrapping DST")."""
    return any(
        one.search(claim) and not other.search(claim) and other.search(sentence) and not one.search(sentence)
        for one, other in ((_VOTED_FOR, _VOTED_AGAINST), (_VOTED_AGAINST, _VOTED_FOR))
    )


def _other_place(claim: str, sentence: str) -> bool:
    """The claim puts something in a place ("headquartered in Madrid"), the sentence in another for
    the same word ("the Paris-headquartered indie biz giant")."""
    claimed, found = _settled(claim), _settled(sentence)
    return any(
        not (spans.mentions(found[word], place) or spans.mentions(place, found[word]))
        for word, place in claimed.items()
        if word in found
    )


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _other_year(claim: str, sentence: str) -> bool:
    """The claim dates what it says in a year the sentence has a different one for ("first proposed
    in April 2019" / "originally proposed back in April 2021"). A full date in a question is most
    often when a report came out ("the TechCrunch article on October 31, 2023"), so only a month's
    or a year's are compared."""
    claimed = set()
    dated = list(spans.dates(claim))
    for day in dated:
        written = claim[day.start : day.end]
        if not re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", written):
            claimed.update(_YEAR.findall(written))
    # (a year left bare once the claim's framing words are gone: "Jeff Shiffrin die 2019")
    bare = (year for year in _YEAR.finditer(claim) if not any(d.start <= year.start() < d.end for d in dated))
    claimed.update(year.group(0) for year in bare)
    found = {year for day in spans.dates(sentence) for year in _YEAR.findall(sentence[day.start : day.end])}
    return bool(claimed and found and not claimed & found)


_WORDS = {
    w: str(i)
    for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
}


def _amounts(text: str) -> dict[str, set[str]]:
    """The text's amounts by what they count: the span's own unit ("$26 billion", "80 years") or
    the word after it ("171 goals"; "" at the end); a value is digits ("6" for "six")."""
    amounts: dict[str, set[str]] = {}
    for number in spans.numbers(text):
        first, *rest = text[number.start : number.end].lower().split(None, 1)
        digits = re.match(r"\d[\d.]*", first.strip("$€£¥₹").replace(",", ""))
        value = _WORDS.get(first) or (digits.group(0) if digits else "")
        if not value or text.startswith(":", number.end) or _RANKED_AS.search(text[: number.start]):
            continue  # "billions", "dozens": no amount to compare; "22:06" is a time; "No. 1" a rank
        unit = tokenize(" ".join(rest)) or tokenize(text[number.end : number.end + 40]) or [""]
        amounts.setdefault(unit[0], set()).add(value)
    return amounts


_REPORTS = frozenset(tokenize("report article published story coverage piece outlet"))


def _about_reports(question: str, catalog: SourceCatalog | None) -> bool:
    """Whether a question is about reports ("Was the TechCrunch article published before ..."), so
    that "before" orders two of them; in "Did shares rise after the sale?" it is part of one claim."""
    named = catalog is not None and bool(catalog.find(question))
    return named or bool(_REPORTS & set(tokenize(question)))


def claims_of(question: str, catalog: SourceCatalog | None) -> list[str]:
    """The question's claims: its parts, each without the auxiliary verb that makes it a question;
    "Was A published before B?" is the two claims A and B."""
    order = _ORDER.search(question)
    parts = split_parts(question, catalog) or [question]
    if order and len(parts) == 1 and _about_reports(question, catalog):
        parts = [question[: order.start()], question[order.end() :]]
    # "A in the same way that B", "A, similarly to how B": two claims, each with its own evidence.
    parts = [piece for part in parts for piece in _LIKENED.split(part) if piece.strip()]
    return [_FRAME.sub("", part.strip(" ?,")) for part in parts]


_LIKENED = re.compile(
    r",?\s+\b(?:in the same way (?:that|as)|in a similar way to how|similar(?:ly)? to how|just as"
    r"|the same way (?:that|as))\s+",
    re.IGNORECASE,
)


# How a question says where a claim was made ("the TechCrunch article suggests that"): not the claim.
_REPORTING = re.compile(
    r"\b(?:while|whereas|and|but|also|both|the|an?|same|news|source|sources|outlet|article|articles|report|reports|"
    r"reported|reporting|piece|story|coverage|published|suggest|suggests|suggested|suggesting|indicate|"
    r"indicates|indicated|imply|implies|implied|claim|claims|claimed|state|states|stated|mention|mentions|"
    r"mentioned|say|says|said|according to|from|in|on|that|does|did|do|is|was"
    r"|by(?!\s+\w+ing\b))\b|[‘’'\"“”|]",  # (not the "by" of "by acquiring carriers": how it is done)
    re.IGNORECASE,
)


def content(claim: str, catalog: SourceCatalog | None) -> str:
    """What a claim says, without the sources it names and the words that frame it as reported."""
    if catalog is not None and catalog.pattern is not None:
        claim = catalog.pattern.sub(" ", claim)
    claim = _NO_DIFFERENCE.sub("", claim)  # "no change in how X is portrayed": X holds throughout
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
    alone: bool = False,
) -> ClaimCheck:
    """What the passages say about one claim (`said`: its content, embedded as `vector`; `alone`:
    the question's only claim)."""
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
    # An interviewer's question asserts nothing ("... to have global hits without signing deals
    # with major record labels?"); the reply it gets may ("“Yes, Senator,” Fraser replied.").
    if replied := _replied(claim, said, scored[:_CLOSEST], support):
        return replied
    scored = [c for c in scored if not fits.asks(c.sentence.text)]
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
    predicate = set(tokenize(said)) - _name_words(said)
    closest = scored[:_CLOSEST]
    # What the claim says its subject does to a name ("FaceTime" of "Beeper Mini support FaceTime
    # calls") is said by a sentence that has that name, when one is close enough: not by one that
    # lists what else it supports.
    objects = _object_names(said)
    if objects and not any(objects <= _bases(c.sentence.text) for c in closest):
        naming = [c for c in scored if c.score >= support and objects <= _bases(c.sentence.text)]
        closest = naming[:_CLOSEST] or closest
    best = max(closest, key=lambda c: c.score + _PREDICATE_WEIGHT * _share(predicate, c.sentence.text))
    if best.score < support:
        return ClaimCheck(claim, best, "not said" if named else "unknown")
    # A sentence with nothing of what a question's one short claim says beyond its names ("This is
    # the essence of Mikaela Shiffrin." for "Was Mikaela Shiffrin born in 1992?") is close by those
    # names alone. (A part of a long question, or a long claim, is often all paraphrase: "the
    # portrayal of X as ...".)
    # A game the claim has one side win that a close sentence calls a draw ("to earn the home side a
    # 1-1 draw" for "Did Real Madrid beat Real Betis?").
    drawn = next((c for c in closest if c.score >= support and _drawn(said, c.sentence.text)), None)
    if drawn is not None:
        return ClaimCheck(claim, drawn, "contradicted")
    if alone and 0 < len(predicate) <= _SHORT_PREDICATE and not _share(predicate, best.sentence.text):
        return ClaimCheck(claim, best, "not said" if named else "unknown")
    # A sentence that only plans or supposes it ("planned on “suing” Roblox", "... if America
    # defaulted") says nothing of whether it happened: a close sentence that denies it settles it.
    hedged = _only_intended(said, best.sentence.text) or _only_supposed(said, best.sentence.text)
    if not hedged and contradicts(said, best.sentence.text, source_named=bool(named)):
        return ClaimCheck(claim, best, "contradicted")
    # A close sentence that says more of what the claim says and denies it ("However, that deal has
    # not yielded any results" under a sentence that only names the partnership) settles it; so does
    # one about whom the claim names, over a sentence about someone else ("“I certainly was not
    # expecting this,” Brus said." over an artist's "Ramsay art prize win" for "Was Brus expecting to
    # win the prize?").
    best_about = _about(said, best)
    for other in closest:
        if (
            other is not best
            and other.score >= support
            # (not one about others only: "Bruno Fernandes’s equaliser was controversial ..." for
            # "Did Toulouse score an equaliser?")
            and not _only_others_named(claim, other.sentence.text)
            and (
                hedged
                or _share(predicate, other.sentence.text) > _share(predicate, best.sentence.text)
                or (not best_about and _about(said, other) and _denies_first_word(said, other.sentence.text))
            )
            and contradicts(said, other.sentence.text, source_named=bool(named))
        ):
            return ClaimCheck(claim, other, "contradicted")
    return ClaimCheck(claim, best, "unknown" if hedged else "supported")


_INTENDED = re.compile(
    r"\b(?:plan|plans|planned|planning|intend|intends|intended|threaten|threatens|threatened|vow|vows|vowed)"
    r"\s+(?:on\s+|to\s+)?[“\"‘']?(\w+)",
    re.IGNORECASE,
)


def _only_intended(said: str, sentence: str) -> bool:
    """Whether the sentence says only that the claim's first word was meant to happen ("Did Kim
    Kardashian sue Roblox?" / "she planned on “suing” Roblox")."""
    told = _told(said)
    intended = {t for m in _INTENDED.finditer(sentence) for t in tokenize(m.group(1))}
    # (stems of one verb may differ in their last letter: "sue", "su" of "suing")
    return bool(told) and _same_verb(told[0], list(intended))


# What makes a clause a supposition: "if the standoff failed to resolve and America defaulted".
_SUPPOSING = re.compile(r"\b(?:if|unless|whether)\b", re.IGNORECASE)


def _only_supposed(said: str, sentence: str) -> bool:
    """Whether the sentence has the claim's first word only in a clause that supposes it ("would
    send rates up if the standoff failed to resolve and America defaulted")."""
    told = _told(said)
    if not told:
        return False
    found = [m for m in re.finditer(r"[\w’'-]+", sentence) if _same_verb(told[0], tokenize(m.group(0)))]
    return bool(found) and all(
        _SUPPOSING.search(sentence[spans.clause(sentence, m.start(), m.end())[0] : m.start()]) for m in found
    )


def _same_verb(stem: str, words: Sequence[str]) -> bool:
    """Whether one of the tokens is `stem`, give or take a last letter ("sue", "su" of "suing")."""
    return any(abs(len(w) - len(stem)) <= 1 and (stem.startswith(w) or w.startswith(stem)) for w in words)


def _denies_first_word(said: str, sentence: str) -> bool:
    """Whether the sentence denies the first word of what the claim says, after its names
    ("expecting" of "Marsh expecting to win prize" in "I certainly was not expecting this")."""
    found = polarity(sentence)
    told = _told(said)
    return bool(told) and told[0] in found.denied - found.asserted


def _told(said: str) -> list[str]:
    """What a claim says of whom it names, word by word in its order."""
    skipped = _name_words(said) | _comparing(said)  # (read once, not once a word)
    return [t for t in tokenize(said) if t not in skipped]


def _about(said: str, candidate: Candidate) -> bool:
    """Whether the sentence (or whom its opening pronoun stands for) names what the claim names."""
    named = _name_words(said)
    return bool(
        named & words_of(f"{candidate.sentence.text} {antecedent(candidate.passage, candidate.sentence)}")
    )


# A reply that opens with its answer: "“No, Senator,” Fraser answered."
_REPLY = re.compile(r"^[“\"]\s*(yes|no)\b(?![’'-])", re.IGNORECASE)
_ASKER_WORDS = 5


def _replied(claim: str, said: str, closest: Sequence[Candidate], support: float) -> ClaimCheck | None:
    """The claim settled by a quoted question that asks it and the yes or no that answers it in
    the next sentence: a hearing's or an interview's exchange."""
    for asked in closest:
        if asked.score < support or not fits.asks(asked.sentence.text):
            continue
        after = [s for s in asked.passage.sentences if s.index > asked.sentence.index][:2]
        # (past the asker's name when the question was split from it: "Menendez asked Fraser.")
        if len(after) == 2 and not _REPLY.match(after[0].text) and len(after[0].text.split()) <= _ASKER_WORDS:
            after = after[1:]
        reply = _REPLY.match(after[0].text) if after else None
        if reply is None:
            continue
        yes = (reply.group(1).lower() == "yes") != contradicts(said, asked.sentence.text)
        answer = Candidate(after[0], asked.passage, asked.score, asked.rank)
        return ClaimCheck(claim, answer, "supported" if yes else "contradicted", asked=asked)
    return None


def _only_others_named(claim: str, sentence: str) -> bool:
    """Whether the sentence names someone or something, and none of what the claim names (its
    source too: "..., she told Live Science." for a claim of what Live Science suggests)."""
    ours = _name_words(claim)
    return bool(ours) and bool(_name_words(sentence)) and not ours & words_of(sentence)


def _object_names(said: str) -> frozenset[str]:
    """The words of the names a claim gives after what it says of its subject ("facetim" of "Beeper
    Mini support FaceTime calls"), by base form."""
    told = _told(said)
    if not told:
        return frozenset()
    tokens, named = tokenize(said), _name_words(said)
    after = tokens[tokens.index(told[0]) + 1 :] if told[0] in tokens else []
    return frozenset(fits.base_form(t) for t in after if t in named)


@lru_cache(maxsize=1024)
def _name_words(text: str) -> frozenset[str]:
    """The words of the names in `text` (read once per claim: its check and `contradicts` ask)."""
    return frozenset(token for name in spans.names(text) for token in tokenize(text[name.start : name.end]))


def contradicts(said: str, sentence: str, *, source_named: bool = False) -> bool:
    """Whether a sentence that backs a claim's content (`said`) says the opposite: it denies what
    the claim asserts or the reverse, uses the other word of an opposite pair, or gives another
    amount or year. `source_named`: the claim names the source the sentence comes from."""
    return (
        _flipped(said, sentence, _name_words(said), source_named=source_named)
        or _opposite_word(said, sentence)
        or _moved(said, sentence)
        or _amount_given(said, sentence)
        or _other_number(said, sentence)
        or _other_year(said, sentence)
        or _other_holiday(said, sentence)
        or _other_place(said, sentence)
        or _voted_other_way(said, sentence)
        or _ranked_below(said, sentence)
        or _other_winner(said, sentence)
        or _outcome_swapped(said, sentence)
        or _refused(said, sentence)
        or _belief_given_up(said, sentence)
        or _role_of_another_side(said, sentence)
        or _named_instead(said, sentence)
        or _earlier_round(said, sentence)
        or _bound_reversed(said, sentence)
        or _order_reversed(said, sentence)
        or _another_relatives(said, sentence)
    )


_KIN = r"(son|daughter|wife|husband|mother|father|brother|sister|partner|girlfriend|boyfriend)"
# "her son’s Roblox account": whose thing it is, and the thing (its first two words)
_KIN_OWNS = re.compile(rf"\b{_KIN}(?:[’']s|\s+s)\s+([\w-]+(?:\s+[\w-]+)?)", re.IGNORECASE)


def _another_relatives(claim: str, sentence: str) -> bool:
    """The claim gives a thing to one relative, the sentence the same thing to another ("Was
    Gellar's daughter's account hacked?" / "after her son’s account was hacked")."""
    found = [(words_of(m.group(2)), m.group(1).lower()) for m in _KIN_OWNS.finditer(sentence)]
    for m in _KIN_OWNS.finditer(claim):
        things, whose = words_of(m.group(2)), m.group(1).lower()
        owners = {kin for owned, kin in found if owned & things}
        if owners and whose not in owners:
            return True
    return False


# A competition's rounds: a claim of the final is denied by a run that ended earlier.
_FINAL = re.compile(r"(?<![-\w])finals?\b", re.IGNORECASE)
_EARLIER_ROUND = re.compile(r"\b(?:semi|quarter)[- ]?finals?\b|\bround of (?:16|sixteen|32)\b", re.IGNORECASE)


def _earlier_round(claim: str, sentence: str) -> bool:
    """The claim says a side reached the final; the sentence names only an earlier round ("Did
    Leipzig reach the Champions League final in 2020?" / "a run to the Champions League
    semi-finals in 2020")."""
    return (
        bool(_FINAL.search(claim))
        and not _EARLIER_ROUND.search(claim)
        and bool(_EARLIER_ROUND.search(sentence))
        and not _FINAL.search(_EARLIER_ROUND.sub(" ", sentence))
    )


# "more than two years" / "less than two years": the same amount, bounded the other way
_BOUND = re.compile(r"\b(more|longer|greater|fewer|less|shorter)\s+than\s+([\w.,]+)\s+(\w+)", re.IGNORECASE)
_ABOVE = frozenset("more longer greater".split())


# What orders two things: "before users consented" / "only after a user had consented"; "drafted
# Kuminga after Wagner" / "selected Kuminga one pick ahead of Franz Wagner".
_ORDERED = re.compile(
    r"\b(?:(before|ahead of|prior to|earlier than|in front of)|(after|behind|later than|following))"
    r"\s+((?:[\w’'-]+\s+){0,3}[\w’'-]+)",
    re.IGNORECASE,
)


def _order_reversed(claim: str, sentence: str) -> bool:
    """The claim puts something before what the sentence puts it after, or the reverse."""

    def orders(text: str) -> list[tuple[bool, frozenset[str]]]:
        return [(m.group(1) is not None, _bases(m.group(3))) for m in _ORDERED.finditer(text)]

    theirs = orders(sentence)
    return any(
        first != other_first and words & other_words
        for first, words in orders(claim)
        for other_first, other_words in theirs
    )


def _bound_reversed(claim: str, sentence: str) -> bool:
    """The claim bounds an amount one way and the sentence the other ("Did he stay for more than
    two years?" / "after less than two years")."""
    found = {
        (m.group(2).lower(), m.group(3).lower()): m.group(1).lower() in _ABOVE
        for m in _BOUND.finditer(sentence)
    }
    return any(
        found.get((m.group(2).lower(), m.group(3).lower()), m.group(1).lower() in _ABOVE)
        != (m.group(1).lower() in _ABOVE)
        for m in _BOUND.finditer(claim)
    )


# A name set against another: "coming from SoftBank Corp., not SoftBank Group, nor the company's
# storied Vision Fund" (a comma, then the negation and the name, with no verb between).
_NOT_NAMED = re.compile(
    r"(?:,|\band)\s+(?:not|nor)\s+(?:(?:the|a|an|its|their|his|her)\s+)?(?:[a-z][\w’'-]*\s+){0,3}?"
    r"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)"
)


def _named_instead(claim: str, sentence: str) -> bool:
    """The claim names what the sentence says it is not ("Is the investment coming from SoftBank's
    Vision Fund?" / "coming from SoftBank Corp., not SoftBank Group, nor ... Vision Fund")."""
    return any(spans.mentions(claim, m.group(1)) for m in _NOT_NAMED.finditer(sentence))


_WON = r"(?:wins?|won|victory|beat|beats|defeat|defeats|defeated)"
# The side a text gives a win to: the name before its verb ("the Bears win", "Chicago beat") or
# the one owning it ("the Browns' 20-17 win", "Arsenal's narrow victory").
_WINNER = re.compile(rf"\b([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)(?:[’']s?)?\s+(?:[\d–-]+\s+|[a-z]+\s+)?{_WON}\b")


def _other_winner(claim: str, sentence: str) -> bool:
    """The claim gives a win to one side and the sentence to the other side it names ("the Bears win
    the game against the Browns" / "seal the Browns' 20-17 win")."""
    said, found = _WINNER.search(claim), _WINNER.search(sentence)
    if said is None or found is None:
        return False
    winner, other = words_of(said.group(1)), words_of(found.group(1))
    return bool(other) and not winner & other and other <= _name_words(claim)


def _sides(claim: str, sentence: str) -> tuple[bool, bool]:
    """Whether the sentence gives the claim's result to the same sides (agrees), and whether it
    gives the claim's winner a loss or its loser a win (swapped)."""
    (claim_won, claim_lost), (won, lost) = outcome(claim), outcome(sentence)
    return (
        _meets(claim_won, won) or _meets(claim_lost, lost),
        _meets(claim_won, lost) or _meets(claim_lost, won),
    )


def _meets(ours: tuple[frozenset[str], ...], theirs: tuple[frozenset[str], ...]) -> bool:
    """Whether a side of one list shares a name word with a side of the other."""
    return any(a & b for a in ours for b in theirs)


_DRAW = re.compile(r"\b(?:draw|drew|drawn|stalemate)\b|\b(\d+)[-–]\1\b", re.IGNORECASE)


def _drawn(claim: str, sentence: str) -> bool:
    """The claim has one side beat the other, and the sentence names both and reports a draw (with
    no win or loss of its own)."""
    (won, lost), (theirs_won, theirs_lost) = outcome(claim), outcome(sentence)
    if not (won and lost) or theirs_won or theirs_lost or not _DRAW.search(sentence):
        return False
    words = words_of(sentence)
    # each side by a word of its own name ("Real Madrid" and "Real Betis" share "Real")
    shared = frozenset().union(*won) & frozenset().union(*lost)
    return all(any((side - shared) & words for side in sides) for sides in (won, lost)) and not (
        words & (_WIN_OR_LOSE[0] | _WIN_OR_LOSE[1])
    )


def _outcome_swapped(claim: str, sentence: str) -> bool:
    """The sentence says the side the claim has win lost, or the reverse ("Did the All Blacks win
    their 2019 semi-final?" / "in 2019, when they beat the All Blacks 19-7")."""
    agrees, swapped = _sides(claim, sentence)
    return swapped and not agrees


_SUPERLATIVE = r"(?:largest|biggest|best|highest|greatest|most|top|leading|richest|oldest|fastest)"
_RANKED = re.compile(rf"\b(?:second|third|fourth|fifth|2nd|3rd|4th|5th)[- ]{_SUPERLATIVE}\b", re.IGNORECASE)


# Who lost first place: "surpassed Massachusetts decades ago as the nation’s top cranberry grower".
_OVERTAKEN = re.compile(
    r"\b(?:surpass(?:ed|es)?|overt(?:ook|akes?|aken)|passed|replac(?:ed|es)|dethron(?:ed|es)|displac(?:ed|es)|"
    r"eclips(?:ed|es)|unseat(?:ed|s)?)\s+(?:the\s+)?([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)"
    rf"(?:\s+[\w’'-]+){{0,3}}?\s+as\s+(?:the\s+)?(?:[\w’'-]+\s+)?(?i:{_SUPERLATIVE})\b"
)
_ORDINAL_AFTER_FIRST = r"\b(?:second|third|fourth|fifth|2nd|3rd|4th|5th)\s+"


def _ranked_below(claim: str, sentence: str) -> bool:
    """The claim says first ("the largest employer in Gaza", "the first Native American woman
    honoured"); the sentence ranks it lower ("the second-largest employer in Gaza, following Hamas",
    "the second Native American woman honoured")."""
    said = re.search(rf"\b{_SUPERLATIVE}\b", claim, re.IGNORECASE)
    if said is not None and not _RANKED.search(claim) and _RANKED.search(sentence):
        return True
    if said is not None and any(spans.mentions(claim, m.group(1)) for m in _OVERTAKEN.finditer(sentence)):
        return True  # "Wisconsin surpassed Massachusetts decades ago as the nation’s top grower"
    first = re.search(r"\bfirst\s+(\w+)", claim, re.IGNORECASE)  # the same noun, ranked lower
    return first is not None and bool(
        re.search(_ORDINAL_AFTER_FIRST + re.escape(first.group(1)) + r"\b", sentence, re.IGNORECASE)
    )


_NO_MOVE = re.compile(
    r"\bno\s+(?:\w+\s+)?(?:impact|effect|change|movement)\b|\b(?:unaffected|unchanged|unmoved|steady|flat)\b",
    re.IGNORECASE,
)
_RISE_OR_FALL = _OPPOSITES[0][0] | _OPPOSITES[0][1]


def _moved(claim: str, sentence: str) -> bool:
    """The claim says something did not move ("the lawsuit had no impact on Rogers' share price");
    the sentence says it rose or fell ("Shares of Rogers extended losses on news of the lawsuit")."""
    return bool(_NO_MOVE.search(claim)) and bool(words_of(sentence) & _RISE_OR_FALL)


# What was asked for and not given: "appeals for a penalty were waved away", "his request for
# asylum was rejected", "the bid for a retrial was turned down".
_REFUSAL = re.compile(
    r"\b(?:appeals?|calls?|claims?|requests?|bids?|pleas?|applications?|demands?)\s+for\s+"
    r"(?:(?:a|an|the|his|her|their|its)\s+)?([\w-]+)\s+(?:(?:was|were|had been|have been|has been)\s+)?"
    r"(?:waved away|turned down|rejected|denied|dismissed|refused|overruled|ignored)\b",
    re.IGNORECASE,
)
_GRANTED = re.compile(r"\b(?:award|grant|give|gave|given|approv|accept|won|win)\w*", re.IGNORECASE)


def _refused(claim: str, sentence: str) -> bool:
    """The claim says a thing was given ("Was she awarded a penalty?"); the sentence that asks for
    it was refused ("appeals for a penalty were waved away")."""
    if not _GRANTED.search(claim) or _REFUSAL.search(claim):
        return False
    asked_for = {m.group(1).lower() for m in _REFUSAL.finditer(sentence)}
    return bool(asked_for & {w.lower() for w in re.findall(r"[\w-]+", claim)})


# "the Liverpool chairman", "Everton chairman": a role and whose it is
_OWNED_ROLE = re.compile(r"\b([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*?)(?:[’']s)?\s+([a-z]+)\b")


def _role_of_another_side(claim: str, sentence: str) -> bool:
    """The claim gives a person a role at one side ("Bill Kenwright the Liverpool chairman"); the
    sentence gives the person that role at another ("Bill Kenwright, the Everton chairman")."""
    # (a claim's content drops its articles: "Bill Kenwright Liverpool chairman", the owner the last name)
    roles = {role: run.split()[-1] for run, role in _OWNED_ROLE.findall(claim) if role in spans.TITLES}
    if not roles:
        return False
    capitalised = re.findall(r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*", claim)
    people = [" ".join(w for w in run.split() if w not in roles.values()) for run in capitalised]
    for person in filter(None, people):
        surname = re.escape(person.split()[-1])
        for role, owner in roles.items():
            pattern = (
                rf"\b{surname},\s+(?:the\s+)?([A-Z][\w’'.-]*)(?:[’']s)?\s+{role}\b"
                rf"|\b([A-Z][\w’'.-]*)(?:[’']s)?\s+{role}\s+(?:[A-Z][\w’'.-]*\s+)?{surname}\b"
            )
            for found in re.finditer(pattern, sentence):
                other = found.group(1) or found.group(2)
                if other != owner and other.lower() not in spans.TITLES:
                    return True
    return False


_USED_TO_THINK = re.compile(r"\bused to (?:think|believe|feel|assume|expect)\b", re.IGNORECASE)
_THINKS = re.compile(
    r"\b(?:think|thinks|believe|believes|feel|feels|assume|assumes|expect|expects)\b", re.IGNORECASE
)


def _belief_given_up(claim: str, sentence: str) -> bool:
    """The claim says someone thinks a thing now; the sentence says they used to think it ("I used
    to think that 18 million users would be enough")."""
    return (
        bool(_THINKS.search(claim))
        and bool(_USED_TO_THINK.search(sentence))
        and not _USED_TO_THINK.search(claim)
    )


_WITHHELD = re.compile(
    r"\b(?:unspecified|undisclosed|not\s+(?:specified|disclosed)|without\s+(?:specifying|disclosing))\b",
    re.IGNORECASE,
)
_AMOUNT = re.compile(r"[$€£¥₹]\s?\d|\b\d[\d,.]*\s*(?:billion|million|crore|lakh|bn|m)\b", re.IGNORECASE)


def _amount_given(claim: str, sentence: str) -> bool:
    """The claim says an amount was not given ("Microsoft's investment is unspecified", "without
    specifying financial figures"); the sentence gives one ("believed to be around $10 billion")."""
    return bool(_WITHHELD.search(claim)) and bool(_AMOUNT.search(sentence))


def _published(candidate: Candidate | None) -> date | None:
    return published_date(candidate.passage.published) if candidate is not None else None


# An order word that orders reports: after a word for publishing, or before a report.
_REPORT_ORDER = re.compile(
    r"\b(?:published|reported|released|posted|dated|came out|appeared)\s+(?:\w+\s+)?"
    r"(?:before|after|earlier than|later than|prior to)\b"
    r"|\b(?:before|after|earlier than|later than|prior to)\s+(?:the\s+)?(?:[\w’'|&-]+\s+){0,6}"
    r"(?:article|report|story|piece|coverage|one)\b",
    re.IGNORECASE,
)


def _order_holds(question: str, checks: Sequence[ClaimCheck]) -> bool | None:
    """For "A before/after B" with two dated claims: whether their articles' dates agree (None: n/a).
    An order word inside a claim is part of what it says ("... needs to improve before their game
    against the Bengals"), unless it orders reports ("the article published after the Guardian
    article")."""
    if len(checks) != 2 or not (match := _ORDER.search(question)):
        return None
    if any(_ORDER.search(check.claim) and not _REPORT_ORDER.search(check.claim) for check in checks):
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
            alone=len(claims) == 1,
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
