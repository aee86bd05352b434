"""What a question asks for: a person, a date, a number, a place, a reason, a yes or no, or a thing.

The kind decides what a direct answer must contain (a name for "who", a date for "when") and so
when the sources hold no answer even though they are on topic. Rules are over the question's
words alone, written for news questions in general (no model, no benchmark templates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["person", "date", "number", "place", "reason", "yesno", "choice", "thing", "statement"]

# The auxiliary verbs that open a yes/no question (and end a "which X" noun phrase).
AUX_WORDS = frozenset(
    "is are was were do does did has have had will would can could should may might must".split()
)
_AUX = (
    rf"(?:{'|'.join(sorted(AUX_WORDS))}|"
    r"isn[’']t|aren[’']t|wasn[’']t|weren[’']t|don[’']t|doesn[’']t|didn[’']t|hasn[’']t|haven[’']t)"
)
# A yes/no question opens with an auxiliary verb, possibly after a framing clause
# ("Between the two reports, was there ...", "After TechCrunch reported X, did Y ...").
_YESNO = re.compile(
    rf"^{_AUX}\b|^(?:between|after|before|following|given|considering|in|according)\b[^?]*?,\s*{_AUX}\b",
    re.IGNORECASE,
)
# "... A or B?" offers the answers to choose from.
_CHOICE = re.compile(r"\b(\w+(?:\s+\w+)?)\s+or\s+(\w+(?:\s+\w+)?)\s*\?*$", re.IGNORECASE)
# Words that say reports agree, and words that say they differ: a question offering one of each
# ("a consistent or inconsistent portrayal", "Do they agree ..., or do they present different
# reasons?") is answered with the one its verdict picks (qa.answer.verdict.choose), wherever in
# the question the pair stands.
AGREEING = frozenset(
    "agree agrees agreed agreement align aligns aligned alignment consistent consistently consistency "
    "similar similarly same unchanged".split()
)
DIFFERING = frozenset(
    "disagree disagrees disagreed disagreement different differently differ differs difference "
    "inconsistent inconsistently inconsistency change changed changes contradictory contradict "
    "contradicts contrary shift shifted".split()
)
ORDER_OPTIONS = frozenset({"before", "after"})
_PAIRED = "|".join(sorted(AGREEING | DIFFERING | ORDER_OPTIONS, key=len, reverse=True))
_PAIR = re.compile(rf"\b({_PAIRED})\s+or\s+(?:an?\s+)?({_PAIRED})\b", re.IGNORECASE)
_OR_ELSE = re.compile(
    rf"\b({_PAIRED})\b[^?]*,\s*or\s+(?:do|does|did|are|is|were|was)\s+(?:they|these|those|the\s+\w+|it)\b"
    rf"[^?]*?\b({_PAIRED})\b",
    re.IGNORECASE,
)


def option_family(word: str) -> str:
    """Which side an option word takes: "agree", "differ", "order" (before/after) or ""."""
    word = word.lower()
    for side, words in (("agree", AGREEING), ("differ", DIFFERING), ("order", ORDER_OPTIONS)):
        if word in words:
            return side
    return ""


def _opposite_options(question: str) -> tuple[str, str] | None:
    """The pair of opposite options a question offers ("consistent or inconsistent", "before or
    after", "agree ..., or ... different"), as the question words them; None if it offers none."""
    for pattern in (_PAIR, _OR_ELSE):
        for match in pattern.finditer(question):
            one, other = match.group(1), match.group(2)
            sides = {option_family(one), option_family(other)}
            if sides == {"agree", "differ"} or (sides == {"order"} and one.lower() != other.lower()):
                return one, other
    return None


_NUMBER = re.compile(
    r"\bhow (many|much|long|old|far|big|large|tall|high|often|fast|quickly|deep|heavy|thick|wide|small)\b"
    r"|\bwhat (number|percentage|percent|share|amount|price|cost|score|rate|sum|total|age|proportion)\b"
    r"|\bby how\b|\bwhat (?:is|was|are|were) (?:the |an? )?(?:(?:[\w’'.-]+ ){0,2}[\w’'.-]+[’']s? )?"
    r"(?:[\w’'.-]+ ){0,4}"  # "the median U.S. home sales price", "the loan-to-value ratio"
    r"(?:population|size|cost|price|value|number|total|salary|budget|age|ratio|growth|"
    r"height|weight|length|distance|death toll|toll|score|margin|rate|percentage|share|amount|average|"
    r"attendance|crowd|revenue|turnover|income|profit|loss|fine|valuation|turnout|capacity|duration|speed)\b"
    # "What home price growth had the bank forecast?": a measure the question's verb follows
    rf"|\bwhat (?:[\w-]+ ){{0,3}}(?:growth|rate|ratio|percentage|share)\s+(?:{'|'.join(AUX_WORDS)})\b"
    # "What is Cubic Telecom valued at after the deal?", "What was the company worth?"
    r"|\bwhat (?:is|was|are|were|will)\b[^?]{1,80}?\b(?:valued at|worth)"
    r"\s*(?:\?|$|\b(?:now|today|after|before|following|in)\b)",
    re.IGNORECASE,
)
# A place in an order: "Where are Scotland ranked?", "Where did Arsenal finish?", "What position ...?"
_RANKED = re.compile(
    r"^\W*(?:where\s+(?:is|are|was|were|did|does|do)\b[^?]*\b(?:rank(?:ed|s)?|finish(?:ed|es)?|placed)\b"
    r"|(?:what|which)\s+(?:place|position|rank|ranking|seed)\b)",
    re.IGNORECASE,
)
# A level a price or an index ends at: "Where did US crude settle?", "Where did the ASX close?" (not
# "Where did the family settle?")
_LEVEL_ENDED = re.compile(
    r"^\W*where\s+(?:is|are|was|were|did|does|do|will)\b[^?]*"
    r"\b(?:crude|oil|brent|stocks?|shares?|index|indices|indexes|asx|s&p|dow|nasdaq|ftse|nikkei|yields?|"
    r"dollar|\$a|euro|pound|yen|rupee|prices?|bitcoin|gold|bonds?|market|markets)\b[^?]*"
    r"\b(?:settle|settled|close|closed|end|ended|finish|finished|trade|traded|stand|stands|stood|open|opened)\b",
    re.IGNORECASE,
)
# "What did Dimerix's share price rise to?": the level a move ended at
_MOVED_TO = re.compile(
    r"^\W*what\s+(?:did|does|has|have|will|is|was)\b[^?]*\b(?:rise|risen|rose|fall|fallen|fell|climb|climbed|"
    r"drop|dropped|jump|jumped|slip|slipped|sink|sunk|sank|surge|surged|increase|increased|decrease|decreased|"
    r"grow|grown|soar|soared|plunge|plunged|slump|slumped|tumble|tumbled|double|doubled)\s+to\W*$",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"^(?:since |until |till )?when\b|\bwhen (did|was|were|is|will|would|does|do|has|had|have)\b"
    r"|\b(what|which) (day|date|year|month|time|week)\b"
    r"|\bon what (day|date)\b|\bin what year\b|\bhow soon\b",
    re.IGNORECASE,
)
# The kinds of place a question may ask for, one or several ("In which countries ...?").
PLACE_NOUNS = (
    r"(country|countries|city|cities|state|states|town|towns|region|regions|province|provinces|place|places|"
    r"venue|venues|stadium|stadiums|county|counties|nation|nations)"
)
_PLACE = re.compile(
    r"^where\b|\bwhere (did|was|were|is|are|will|would|does|do|has|had)\b"
    rf"|\b(in|at|to|from) (which|what) {PLACE_NOUNS}\b|\b(which|what) {PLACE_NOUNS}\b",
    re.IGNORECASE,
)
_PERSON = re.compile(
    r"\b(who|whom|whose)\b|\bwhat (?:is|was) (?:the|his|her|their) (?:full )?name\b", re.IGNORECASE
)
# "Which company/team/individual ...": a named thing, answered with a name.
_WHICH = re.compile(r"\b(?:which|what)((?:\s+[\w-]+){1,3})", re.IGNORECASE)
_PEOPLE_NOUNS = frozenset(
    "person individual man woman player athlete coach executive ceo founder leader official president "
    "minister spokesman spokeswoman spokesperson politician actor actress singer artist author writer "
    "judge lawyer senator candidate manager director chairman journalist reporter star winger striker "
    "forward midfielder defender goalkeeper quarterback pitcher batter boxer fighter driver rider founder "
    "member billionaire entrepreneur investor musician rapper comedian presenter host scientist "
    "researcher receiver linebacker cornerback kicker punter catcher shortstop outfielder infielder "
    "bowler batsman batter wicketkeeper referee umpire jockey".split()
)
# Roles a person is asked about by ("the name of the Pentagon press secretary").
_TITLE_NOUNS = frozenset(
    "secretary spokesman chief head owner boss minister governor mayor chancellor captain commander "
    "general officer agent partner wife husband son daughter mother father brother sister friend".split()
)
_REASON = re.compile(
    r"^why\b|\bwhy\b|\bwhat (caused|led to|prompted|is the reason|was the reason)\b|\bfor what reason\b",
    re.IGNORECASE,
)
# "What did X say", "how did X describe": the answer is what was said, a clause.
_STATEMENT = re.compile(
    r"^(what|how)\s+(did|does|do|has|have|had|is|was|were|are|will|would)\b.*\b(say|said|tell|told|describe|described|"
    r"call|called|announce|announced|report|reported|argue|argued|claim|claimed|warn|warned|think|feel|mean)\b"
    r"|^how\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Asked:
    """The kind of answer a question wants, and for a choice question the options it offers.

    For a number: what is counted ("goals" in "how many goals ..."), and the measure a unit or
    sign must show: "money" (how much ... pay/cost/raise), "price" (money for one unit), "duration"
    (how long), "percent", "change" (by how much: not the amount it went from or came to),
    "identifier" (a bill's or a flight's number: written after "No.").
    """

    kind: Kind
    options: tuple[str, ...] = ()
    counted: str = ""
    measure: str = ""
    # A counted noun of three words or more ("very large online platforms"), which news may write
    # by its initials ("VLOPs"); "" for a shorter one.
    counted_phrase: str = ""
    noun: str = ""  # "Which terrorist group ...", "What is X's salary", "Which official": what is asked
    # The money a number question asks the amount of ("revenue" in "How much revenue did Nike
    # report?"), which news writes right beside its figure ("Revenue: $12.94 billion").
    valued: str = ""
    # "What type of establishments ...", "Which group of people ...": the answer names a kind of
    # things or people ("Sportsbooks"), not one of them; this is the noun it was asked by.
    category: str = ""


# "What type of businesses ...", "Which group of individuals ...", "What kinds of companies ..."
_CATEGORY = re.compile(
    r"^(?:what|which)\s+(?:types?|kinds?|sorts?|categor(?:y|ies)|class(?:es)?|groups?)\s+of\s+([a-z][\w-]*)",
    re.IGNORECASE,
)


_COUNTED = re.compile(r"\bhow many((?:\s+[\w’'-]+){1,4})", re.IGNORECASE)
# Where the counted noun phrase ends: a verb, a preposition, a name.
_COUNT_STOP = re.compile(
    # (not "CIOs", "MPs": a plural acronym is what is counted)
    rf"^(?:{'|'.join(sorted(AUX_WORDS))}|in|on|at|of|for|from|to|by|with|\w+ed|(?![A-Z]{{2,}}s$)[A-Z][\w’'.-]*)$"
)
# What money is called, and (after "how much") what is done with it.
_MONEY_NOUNS = re.compile(
    r"\b(?:income|revenue|profit|salary|price|cost|fine|valuation|valued|budget|funding|worth|money|ebitda|earnings|"
    # ("budget deficit" values the deficit)
    r"turnover|capex|deficit|surplus|funds)\b(?!\s+(?:deficit|surplus)\b)",
    re.IGNORECASE,
)
_AMOUNT_OF = re.compile(
    r"\bhow much (?:is|are|was|were)\b[^?]*?\b(sales|revenues?|exports|imports|spending|deficit|debt)\b",
    re.IGNORECASE,
)
_MONEY_VERBS = re.compile(
    r"\b(?:pay|pays|paying|paid|costs?|costing|rais(?:e|es|ed|ing)|spen[dt]|spends|spending|overspen[dt]|"
    r"earns?|earned|earning|sells?|selling|sold|buys?|buying|bought|invest|invests|invested|investing|"
    r"fined|priced|charg(?:e|es|ed|ing)|valued)\b",
    re.IGNORECASE,
)


# What a "how much" question asks the size of a move for.
_MOVED = re.compile(
    r"\b(?:rise|rises|rose|risen|fall|falls|fell|fallen|drop|drops|dropped|grow|grows|grew|grown|increase|"
    r"increased|decrease|decreased|decline|declined|climb|climbed|jump|jumped|slip|slipped|surge|surged|"
    r"plunge|plunged|soar|soared|shrink|shrank|shrunk)\b",
    re.IGNORECASE,
)


_IDENTIFIER = re.compile(
    r"\b(?:bill|case|flight|serial|model|account|registration|licen[cs]e|docket|file|reference|route|jersey|"
    r"shirt|squad|badge|patent|resolution|executive order)\s+(?:number|no\.?)\b",
    re.IGNORECASE,
)
_MONEY_UNITS = re.compile(r"(?:dollars|euros|pounds|pesos|rupees|francs|cents)$")
# A plural noun ends what "how many" counts ("voters", "people"; not "business" or "bus").
_PLURAL_NOUN = re.compile(r"^(?:[a-z]+[^su]s|people|children|men|women)$")


def _number(question: str) -> Asked:
    counted = phrase = ""
    if found := _COUNTED.search(question):
        words = found.group(1).split()
        for i, word in enumerate(words):
            following = words[i + 1] if i + 1 < len(words) else ""
            # "registered users": a participle before a noun describes it; "attended Arsenal's" ends it
            if _COUNT_STOP.match(word) and not (
                word.endswith("ed") and following and not _COUNT_STOP.match(following)
            ):
                break
            counted = word.lower()
            if i >= 2 and all(w.isalpha() and w.islower() for w in words[: i + 1]):
                phrase = " ".join(words[: i + 1])
            if _PLURAL_NOUN.match(counted):
                break  # "how many voters back the plan": the count is of voters
    measure = valued = ""
    how_much = re.search(r"\bhow much\b", question, re.IGNORECASE)
    if re.search(r"\b(?:what|which) (?:share|percentage|percent|proportion)\b", question, re.IGNORECASE):
        measure = "percent"  # "What share of their income do tenants pay?" is a share, not money
    elif re.search(r"\bby how (?:much|many)\b", question, re.IGNORECASE) or (
        how_much and _MOVED.search(question)
    ):
        # "By how much did revenue increase?", "How much will prices rise?": "by 32 per cent", not
        # what it came to
        measure = "change"
    elif re.search(r"\b(?:growth|ratio)\b", question, re.IGNORECASE):
        pass  # "What home price growth ...?": a rate of change ("0%"), not a price
    elif re.search(r"\bprices?\b", question, re.IGNORECASE):
        measure = "price"  # money for one unit: "At what price did it sell new shares?" "$3.80 a share"
    elif _PLURAL_NOUN.match(counted) and not _MONEY_UNITS.match(counted):
        pass  # "How many members voted to approve the budget?" counts members, not money
    elif (money := _MONEY_NOUNS.search(question)) or (how_much and _MONEY_VERBS.search(question)):
        measure = "money"  # "What was Hapag-Lloyd's net income?", "How much did Dust raise?"
        valued = money.group(0).lower() if money else ""
    elif amount := _AMOUNT_OF.search(question):
        # "How much were Nike's sales in China?" asks what they came to ("How much did sales
        # grow?" asks by how much, which may be a share)
        measure, valued = "money", amount.group(1).lower()
    elif re.search(r"\bhow (?:long|quickly)\b", question, re.IGNORECASE):
        measure = "duration"
    elif re.search(r"\bhow old\b", question, re.IGNORECASE):
        measure = "age"
    if _IDENTIFIER.search(question):
        measure = "identifier"  # "What is the bill number?": "House Bill (HB) No. 8980", not an amount
    if re.search(r"\bhow heavy\b|\bhow much\b.*\bweigh", question, re.IGNORECASE):
        measure = "weight"
    if re.search(r"\bscore\b", question, re.IGNORECASE) and not counted:
        measure = "score"  # "What was the score of the match?": 3-1, not a count
    # "What was the annual rate of existing-home sales?": "an annual rate of 3.96 million"
    if not valued and (of := _MEASURE_OF.search(question)):
        valued = of.group(1).lower()
    return Asked("number", counted=counted, measure=measure, counted_phrase=phrase, valued=valued)


# The measure a what-question asks the value of: "What was the annual rate of existing-home sales?"
_MEASURE_OF = re.compile(
    r"\bwhat (?:is|was|are|were) the (?:[\w-]+ ){0,2}(rate|population|size|total|average|number|value|level|"
    r"share|percentage|margin|capacity|attendance|ratio)s? of\b",
    re.IGNORECASE,
)


def asked(question: str) -> Asked:
    """Classify `question` by the answer it wants (see Kind)."""
    q = " ".join(question.strip().split())
    if _YESNO.search(q):
        if opposite := _opposite_options(q):
            return Asked("choice", opposite)
        choice = _CHOICE.search(q)
        # "Did X report a larger or smaller drop?" chooses; "Did X or Y report it?" is still yes/no
        # only when the options are the question's own subjects, which a reader cannot tell apart here.
        if choice and "," not in q[choice.start() :]:
            return Asked("choice", (choice.group(1), choice.group(2)))
        return Asked("yesno")
    if _REASON.search(q):
        return Asked("reason")
    if _RANKED.search(q):
        return Asked("number", measure="rank")  # "Where are Scotland ranked?": "23rd"
    # ("Where did Rogers shares close at C$53.07?" gives the level and asks the exchange)
    if (_LEVEL_ENDED.search(q) or _MOVED_TO.search(q)) and not re.search(r"\d", q):
        return Asked("number")  # "Where did US crude settle?": "$US84.22 per barrel"
    if _NUMBER.search(q):
        return _number(q)
    if _DATE.search(q):
        return Asked("date")
    if _PLACE.search(q):
        return Asked("place")
    if (named := _NAME_OF.search(q)) and (noun := _named_noun(named.group(1))):
        return Asked("thing", noun=noun)  # "What is the name of Jada's book?" wants a title, not a person
    if ASKS_TERM.search(q):
        # "What are traditional politicians called in the Philippines?": the word the article
        # writes (quoted), as for "What is her fifth album called?"
        return Asked("statement")
    if WHO_IS_NAMED.match(q):
        return Asked("thing")  # "Who is Mackenzie Parks?" asks what she is, as her label says
    if _PERSON.search(q):
        return Asked("person")
    category = _CATEGORY.search(q)
    if category and _plural(category.group(1)):
        return Asked("thing", category=category.group(1).lower())
    which = _WHICH.search(q)
    if which and any(w.lower().rstrip("s") in _PEOPLE_NOUNS for w in which.group(1).split()):
        return Asked("person", noun=_asked_noun(q))  # "Which Russian official ...": "official"
    if _STATEMENT.search(q):
        return Asked("statement")
    return Asked("thing", noun=_asked_noun(q))


# "What are traditional politicians called (in the Philippines)?": what word names them.
ASKS_TERM = re.compile(
    r"^\W*what\s+(?:is|are|was|were)\b[^?]*\b(?:called|known as|nicknamed|dubbed|termed)"
    r"(?:\s+(?:in|by|on|at)\b[^?]*)?\W*$",
    re.IGNORECASE,
)
# "Who is Mackenzie Parks?", "Who was Ada T. Lovelace?": a person's name and nothing else (not
# "Who is Beeper's CEO?", nor "Who is Taylor Swift dating?").
WHO_IS_NAMED = re.compile(r"^\W*[Ww]ho\s+(?:is|was)\s+(?:[A-Z](?:[a-z][\w-]*|\.)\s*){1,4}\?\s*$")
_NAME_OF = re.compile(r"\bwhat (?:is|was|are|were) the (?:full )?names? of\s+([^?]+)", re.IGNORECASE)
_PHRASE_END = re.compile(
    r"\s(?:that|which|who|whom|whose|where|when|in|on|at|from|by|with|for|of|to)\s", re.IGNORECASE
)


def _named_noun(phrase: str) -> str:
    """The thing whose name is asked for ("series" in "the name of Jada's Facebook Watch series"),
    or "" when it is a person ("the name of the man who ...", "of the Pentagon press secretary")."""
    words = re.findall(r"[\w’'.-]+", _PHRASE_END.split(f"{phrase} ")[0])
    nouns: list[str] = []
    for w in words:
        if nouns and w[:1].isupper():
            break  # "the agency Scott Moller co-founded": a name after the noun starts a clause
        if w[:1].islower() and w not in {"the", "a", "an", "his", "her", "its", "their", "and", "or"}:
            nouns.append(w)
    if not nouns:
        return ""
    noun = nouns[-1].lower()
    people = _PEOPLE_NOUNS | _TITLE_NOUNS
    return "" if noun in people or noun.rstrip("s") in people else noun


def _plural(noun: str) -> bool:
    """Whether a noun names several ("businesses", "people"; "bridge" and "bus" do not)."""
    noun = noun.lower()
    return noun in {"people", "men", "women", "children", "staff"} or bool(re.search(r"[^su]s$", noun))


_STOPS = frozenset("of in for at on to from by with that which who about over under among".split())


# Past forms that do not end in -ed, for the verb of a "Which team won ...?" question.
_IRREGULAR_PAST = frozenset(
    "won lost led made took gave said told became began left hit held sold bought ran saw got went came paid "
    "set put cut met brought built sent spent struck wrote chose drove fell grew knew rose shot spoke stood "
    "threw broke beat kept found drew flew hid sang swore tore".split()
)
# Words no noun phrase has after its noun: an article, or a time ("record this season").
_PHRASE_BREAKS = frozenset("the a an this that these those last next".split())
# Nouns that end like an adverb.
_LY_NOUNS = frozenset(
    "family rally assembly supply monopoly anomaly butterfly reply jelly belly holly".split()
)
_OBJECT_START = re.compile(r"^(?:the|a|an|his|her|its|their|this|that|these|those|[A-Z$\d].*)$")


def _verb_after_noun(word: str, following: str) -> bool:
    """Whether `word`, after a question's asked-for noun, ends it: a past form ("won", "announced"),
    a preposition, article or time word that no noun phrase has inside ("record this season"), or
    a present "-s" form before its object ("gives SuperDraft users", "owns the")."""
    lower = word.lower()
    if lower in _IRREGULAR_PAST or lower in _STOPS or lower in _PHRASE_BREAKS:
        return True
    if len(lower) > 4 and lower.endswith("ly") and lower not in _LY_NOUNS:
        return True  # an adverb before the verb: "Which Bears receiver nearly caught ..."
    if len(lower) > 4 and lower.endswith("ed"):
        return True
    if following.lower() in {"the", "a", "an", "his", "her", "its", "their"}:
        return True  # "What streaming services offer the game?": no noun runs on into an article
    return lower.endswith("s") and not lower.endswith("ss") and bool(_OBJECT_START.match(following))


def _asked_noun(question: str) -> str:
    """The noun phrase a what/which question asks for, without names ("terrorist group" in "Which
    terrorist group has ...", "salary" in "What is Kevin Thelwell's salary?"), or ""."""
    words = re.findall(r"[\w’'.-]+", re.split(r"[,;:(]", question)[0])  # "Which chatbot, reported by ..."
    while words and words[0].lower() in {"in", "at", "on", "for", "from", "to", "by"}:
        words = words[1:]
    if len(words) < 2 or words[0].lower() not in {"what", "which"}:
        return ""
    rest = words[1:]
    if rest[0].lower() in {"is", "was", "are", "were"}:
        # "What is [the] [Kevin Thelwell's] salary [at ...]"
        rest = rest[1:]
        if rest and rest[0].lower() in {"the", "a", "an"}:
            rest = rest[1:]
        owner = next((i for i, w in enumerate(rest[:4]) if re.search(r"[’']s?$", w)), -1)
        rest = rest[owner + 1 :]
        phrase: list[str] = []
        for i, word in enumerate(rest):
            following = rest[i + 1] if i + 1 < len(rest) else ""
            if (
                word.lower() in _STOPS
                or word.lower() in AUX_WORDS
                or (phrase and _verb_after_noun(word, following))
            ):
                break
            phrase.append(word)
        if any(w.lower().endswith("ing") for w in phrase):
            phrase = [w for w in phrase if not w.lower().endswith("ing")]  # "What are U.S. planes doing"
        if (
            phrase[-1:] == rest[-1:]
            and re.fullmatch(r"[a-z]+ed", rest[-1])
            and all(w[:1].isupper() for w in phrase[:-1])
        ):
            phrase = phrase[:-1]  # "What is Five Nights at Freddy's rated?": a participle, no noun
    else:
        # "Which terrorist group has ...", "What prison sentence did ..."; the noun also ends where
        # the question's own verb starts ("Which team won the match", "What code gives users ...").
        phrase = []
        for i, word in enumerate(rest):
            following = rest[i + 1] if i + 1 < len(rest) else ""
            if word.lower() in AUX_WORDS or (phrase and _verb_after_noun(word, following)):
                break
            phrase.append(word)
    while phrase and phrase[0].lower() in _STOPS:
        phrase = phrase[1:]
    nouns = [
        w
        for w in phrase[:3]
        if not w[:1].isupper() and w.lower() not in {"else", "name", "kind", "type", "sort"}
    ]
    return " ".join(nouns)
