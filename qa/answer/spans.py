"""Spans of a sentence that can answer a question: names, dates, numbers, places, reasons, and the
words a sentence adds to the question's own ("gaps"). Every span is a (start, end) slice of the
sentence, so a short answer is always verbatim text of a source.

Patterns are for English news text: capitalised phrases with their titles peeled off ("Russian
Foreign Minister Sergey Lavrov" -> "Sergey Lavrov"), dates in the forms news writes them, numbers
with their units.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from qa.answer.cite import SPELLED_OUT, initials, words_of
from qa.retrieval.lexical import tokenize
from qa.retrieval.query import long_date, published_date
from qa.types import ResolvedDay

# Capitals names open with, accented ones too ("Éric Dina Ebimbe", "Łukasz", "Özil").
_CAPITAL = "A-ZÀ-ÖØ-ÞĆČĐŁŃŐŒŘŚŠŤŰŹŻŽ"
# ("iRobot", "eBay", "xAI": a brand may open with a small letter before its capital)
_NAME_WORD = rf"(?:(?:\b[a-z]{{1,2}}(?=[A-Z]))?[{_CAPITAL}][\w’'&.-]*|al-[A-Z][\w’'-]*)"
_CONTRACTION = re.compile(r"(?:n[’']t|[’'](?:re|ve|ll|m|d))$")  # "Didn’t", "We’re"
_NAME = re.compile(
    rf"{_NAME_WORD}(?:\s+(?:(?:of|de|da|del|der|van|von|den|bin|la|le|the)\s+){{0,2}}{_NAME_WORD})*"
)
# Words that come before a name without being part of it: roles, ranks, honorifics.
TITLES = frozenset(
    """
    president vice secretary minister foreign defense defence prime deputy senator sen. rep. representative
    gov. governor mayor judge justice chief executive ceo cfo coo cto gm chairman chairwoman chair general
    gen. lt. col. capt. dr. mr. mrs. ms. pope king queen prince princess coach commissioner ambassador
    attorney director manager spokesman spokeswoman spokesperson press officer founder co-founder head leader
    father mother son daughter wife husband brother sister uncle aunt grandfather grandmother partner
    girlfriend boyfriend fiancé fiancée widow cousin speaker chancellor sheikh state department former
    acting interim justice detective inspector sgt.
    sergeant admiral adm. commander corporal pvt. private professor prof. rabbi rev. reverend father
    sister brother saint st. sir dame lord lady assistant u.s. u.k. vp quarterback striker midfielder
    defender goalkeeper
    forward guard center centre pitcher manager boss owner star rookie veteran analyst economist
    statistician treasurer auditor comptroller ombudsman registrar cio cmo ciso
    """.split()
)
# Words that open sentences or clauses while capitalised, and are not names.
_NOT_NAMES = frozenset(
    """
    the a an but and or if so yet while when where why how what which who whom whose despite although
    though after before since because as at in on of for to from by with without about according
    yes no not however meanwhile also last next this that these those there here it its he she they
    we i you his her their our my your one two three some many most all both each every another other
    media officials sources reportedly earlier later today yesterday tomorrow monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec then now so still even only just
    once instead indeed perhaps maybe thus hence yet already much many more most like besides except
    apart between among considering given following upon within amid amidst throughout during into onto
    toward towards against across beyond beneath under over through via per unlike
    did does do is was were are has have had will would can could should must may might
    ibid ibid. op. cit. etc. et al.
    """.split()
)
# Written with their capitals (a sentence may open with "In 2019" or "Last week", but "may" and
# "march" are verbs).
_WEEKDAY = r"(?-i:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?)"
_MONTH = (
    r"(?-i:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
# Holidays news dates by (capitalised as written): those named with "Day" or "Eve", and feasts
# named alone.
_HOLIDAY = (
    r"(?-i:Christmas|New Year[’']?s|Easter|Thanksgiving|Valentine[’']?s|Boxing|Independence|Memorial|"
    r"Labou?r|Veterans|Mother[’']?s|Father[’']?s|Election|Inauguration|Australia|Canada|Bastille|"
    r"Halloween|All Saints[’']?)"
)
_FEAST = r"(?-i:Christmas|Easter|Thanksgiving|Halloween|Hanukkah|Diwali|Ramadan|Passover|Eid)"
_DATE = re.compile(
    rf"\b(?:on\s+)?(?:{_WEEKDAY},?\s+)?(?:(?:early|late|mid)[- ])?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?"
    rf"(?:,?\s+(?:1[5-9]|20)\d\d)?\b"  # a whole date may be an old one ("born on Oct. 3, 1873")
    rf"|\b(?:on\s+)?(?:{_WEEKDAY},?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?:1[5-9]|20)\d\d)?\b"
    rf"|\b(?:(?:early|late|mid)[- ])?{_MONTH}\s+(?:of\s+)?(?:19|20)\d\d\b"
    rf"|\b(?:19|20)\d\d-[01]\d-[0-3]\d\b"
    # A day that recurs ("the fourth Thursday of the month", "the second Monday in October"): a rule,
    # not one day to resolve
    rf"|\b(?:first|second|third|fourth|fifth|last)\s+{_WEEKDAY}\s+(?:of|in)\s+(?:the\s+month|{_MONTH})\b"
    rf"|\b(?:(?:last|next|this|on|early|late)\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?\b"
    r"|\b(?:yesterday|today|tonight|tomorrow)\b"
    r"|\b(?:last|next|this|earlier this|later this)\s+"
    r"(?:week|weekend|month|year|season|summer|winter|spring|fall"
    r"|autumn|morning|afternoon|evening|night|decade|century)\b"
    r"|\b(?:\d[\d,.]*(?:\s+(?:thousand|million|billion))?|a|an|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|several|few)\s+"
    r"(?:days?|weeks?|months?|years?|decades?|hours?)\s+(?:ago|earlier|later|before|after)\b"
    r"|\b(?:in|since|by|until|from|during)\s+(?:(?:early|late|mid)[- ])?(?:19|20)\d\d(?:s)?\b"
    # A decade: "back in the 1990s", "the early 2000s"
    r"|\b(?:(?:back\s+)?(?:in|since|by|until|from|during)\s+)?the\s+(?:(?:early|late|mid)[- ])?"
    r"(?:19|20)\d0s\b"
    # A season or part of a year: "in the fall of 2019", "summer 2021", "by the end of 2024"
    r"|\b(?:the\s+)?(?:(?:early|late|mid)[- ])?(?:(?:spring|summer|autumn|winter)\s+(?:of\s+)?"
    r"|(?:fall|end|start|beginning|middle|(?:first|second)\s+half|(?:first|second|third|fourth)\s+quarter)\s+of\s+)"
    r"(?:19|20)\d\d\b"
    # An older year only where nothing else could be meant: "not until 1863", "in 1621"
    r"|\b(?:in|since|until|during)\s+1[5-8]\d\d\b"
    rf"|\b(?:in|since|by|until|during)\s+{_MONTH}(?:,?\s+(?:19|20)\d\d)?\b"
    # A year that dates a thing: "the 2001 New Years Honours List", "his 2019 loss", "her father's 1983 film"
    r"|(?:\b(?:the|his|her|its|their)\s+|(?<=[’']s\s))(?:19|20)\d\d\b(?=\s+[“\"‘']?[A-Za-z])"
    r"|\b\d{1,2}(?::\d\d)?\s?(?:a\.m\.|p\.m\.|am|pm)(?:\s+(?:ET|EST|EDT|PT|GMT|BST|UTC))?"
    # A holiday, written as a day ("on Christmas Day 2021", "New Year's Eve") or with its year or
    # a preposition of time ("Thanksgiving 2022", "before Christmas"; not "the Christmas holiday")
    rf"|\b(?:on\s+)?{_HOLIDAY}\s+(?-i:Day|Eve|Sunday|Monday)(?:,?\s+(?:19|20)\d\d)?\b"
    rf"|\b(?:on\s+)?{_FEAST}(?:,?\s+(?:19|20)\d\d)\b"
    rf"|\b(?:on|by|before|after|until|since|over|at)\s+{_FEAST}(?:,?\s+(?:19|20)\d\d)?\b(?!\s+(?-i:[a-z]))"
    # A game's time: "in the 95th minute", "a 12th-minute penalty"
    r"|\b(?:in\s+the\s+)?\d{1,3}(?:st|nd|rd|th)[- ]minute\b",
    re.IGNORECASE,
)
# A "when" clause answers "when would X" where no date does ("when it would advance our interests").
_WHEN_CLAUSE = re.compile(r"\b(?:when|once|as soon as|if)\s+[^,.;:“”\"()]{3,80}", re.IGNORECASE)
_SCALE = r"(?:\s?(?:%|percent\b|per cent\b|million|billion|trillion|thousand|crore|lakh|bn|m\b|k\b))*"
# Units news writes against the number ("360km", "£1,565pp", "5kg"), longest first.
_ATTACHED_UNITS = "kmh|kph|km|kg|mph|mm|cm|ft|lbs|lb|pp|pw|mw|gw|kwh|kw|gb|tb|mb"
# A currency written as a letter before an amount: the Philippine peso ("P5.768 trillion", "P20,000"),
# the rupiah, the ringgit, capitalised as written; only before a scale word or grouped thousands ("P3"
# is a product's name).
LETTER_CURRENCY = (
    r"(?-i:P|Rp|RM)(?=\s?(?:\d{1,3}(?:,\d{3})+|\d[\d.]*(?:\s|-)?(?:million|billion|trillion|bn)\b))"
)
_AMOUNT_IN_LETTERS = re.compile(LETTER_CURRENCY)
_NUMBER = re.compile(
    # ("$US84.22" and "16¢", as Australian papers write them)
    rf"(?<![\w.-])(?:\$(?:US|A|NZ|C|HK)\s?|[$€£¥₹₱]\s?|(?:US|A|C|NZ|HK|S|NT|R)\$\s?|Rs\.?\s?|{LETTER_CURRENCY}\s?)?"
    rf"\d+(?:[.,]\d+)*[½¼¾]?(?:{_ATTACHED_UNITS}|bn|m|k|b|¢)?"
    # "10-point", "29-year-old"; not "418b" of "K2-418b"
    rf"(?:-[a-z]+(?:-old)?(?![\w-]))?(?![\w.,-]*\w)(?<![.,]){_SCALE}"
    # Number words, "eighty-two" whole (not the "two" of it).
    rf"|(?<![\w-])(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven"
    rf"|eight|nine)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty"
    rf"|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundreds|a thousand|thousands|a dozen|dozens"
    rf"|millions|billions)\b(?:\s+(?:hundred|thousand|million|billion))?{_SCALE}",
    re.IGNORECASE,
)
# What a number that tells how much something moved follows: "rose 4%", "fell about 0.1 points", "by 5%".
MOVED_BY = re.compile(
    r"\b(?:rose|rises|rise|risen|fell|falls|fallen|grew|grows|grown|dropped|drops|declined|declines|increased|"
    r"increases|decreased|decreases|jumped|jumps|climbed|climbs|slipped|slid|gained|gains|lost|up|down|by)\s+"
    r"(?:(?:about|around|nearly|almost|roughly|some|just|only|more than|less than)\s+)?$",
    re.IGNORECASE,
)
# A count of people written as an adjective: "a 25-person team", "a 40-member board".
_HEADCOUNT = re.compile(r"-(?:person|people|member|strong|man|woman)$")
_CAPTION = re.compile(r"^\d{1,2}\s+[A-Z]")
_IN_NAME = re.compile(r"[A-Z][a-z]")
_NAME_NEXT = re.compile(r"\s+[A-Z][a-z]")
_OPENING = re.compile(r"(?:^|[“\"‘'(:—–.!?])\s*$")  # where a sentence or a quote starts
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# Units a number keeps ("six weeks", "80 years old", "124 light-years"); a counted noun is left out.
_UNIT = re.compile(
    r"[\s-]+((?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|miles?|kilometres?|kilometers?|km|metres?|"
    r"meters?|(?:nano|micro|milli|centi)met(?:re|er)s?|feet|foot|inches|pounds|kg|kilograms?|tonnes?|tons?|"
    r"percentage points?|points?|percent|per cent|degrees?|"
    r"light-years?|"
    r"acres?|hectares?|mph|dollars|euros|yen|yuan|rupees|francs|cents|pence)\b(?:\s+old\b)?)"
)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|near|from|to|into|across|outside|inside|throughout|toward|towards|around)\s+(?:(?:the|a|an)\s+)?"
    r"(?:[a-z]+\s+of\s+)?$"  # "in the kibbutz of Be’eri", "in the city of Seattle"
)
# A place someone visits ("visited the snowy wonderland of Aspen", "visiting Kyiv").
_VISITED = re.compile(r"\bvisit(?:s|ed|ing)?\s+(?:the\s+)?(?:[a-z]+\s+){0,2}(?:of\s+)?$")
# Where a thing or a person is on or aboard: a ship, a plane, a platform ("on Air Force One").
_ON_BOARD = re.compile(r"\b(?:on|aboard|onboard)\s+(?:(?:the|a|an)\s+)?$")
# Where someone lives, as news writes it after the name and age: "Diane Bazella, 64, of Minnetonka".
_RESIDENT_OF = re.compile(r",\s+\d{1,3},\s+of\s+$")
# A name right after the kind of place it is ("starting with neighboring country Nepal").
_PLACE_NOUN = re.compile(
    r"\b(?:country|city|state|town|region|province|nation|island|capital)\s+(?:of\s+)?$", re.IGNORECASE
)
# "Copenhagen-based", "Portland, Maine-based": a city may come with its state or country.
_PLACE_MADE = re.compile(
    r"\b((?:[A-Z][\w’'.]+(?:\s[A-Z][\w’'.]+)?,\s)?[A-Z][\w’'.]+(?:\s[A-Z][\w’'.]+)?)"
    r"-(?:based|born|headquartered|raised)\b"
)
_REASON = re.compile(
    r"\b(?:because(?: of)?|since|due to|owing to|as a result of|so that|in order to|to avoid|to make sure|"
    r"to ensure|ensuring(?: that)?|making sure|so as to|amid|given that|for fear that|after|as part of|"
    r"in (?:an|a) (?:effort|bid|attempt|push|move) to|"
    # "resigned from the board in 2020 over differences of opinion"
    r"(?:resign(?:ed|s)?|quit|quits|stepped down|fired|sacked|sued|clashed|split|apologi[sz]ed)\s+"
    r"(?:(?!over\b)[\w’'-]+\s+){0,8}?over|"
    # "attributed the drop to higher costs", "blamed the delay on the weather", "driven by demand"
    r"attribut(?:ed|es|ing)\s+(?:(?!to\b)[\w’'-]+\s+){0,8}?to|blam(?:ed|es|ing)\s+(?:(?!on\b)[\w’'-]+\s+){0,8}?on|"
    r"(?:driven|caused|fuell?ed|triggered|prompted|spurred) by|thanks to|"
    r"as(?= (?:it|they|he|she|we|there|its|their)\b)|"
    # "Out of fear of losing their lower interest rates, homeowners ...": the feeling is the reason
    r"out of(?= (?:fear|concern|worry|frustration|anger|spite|necessity|caution|respect|loyalty)\b)|"
    r"for(?= \w+ing\b))\s+((?:[^.;:“”\"()]|(?<=\b[A-Z])\.|\.(?=\S)){3,200}?)"
    r"(?=[,;:“”\"()]|(?<!\b[A-Z])\.(?!\S)| but | while | although |$)",
    re.IGNORECASE,
)
# A word, a number with thousands separators ("$200,000": one word, not two), or a punctuation mark.
_WORD = re.compile(r"[$€£]?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|[\w’'%$.-]*\w[\w’'%$-]*|[^\w\s]")
_BREAKS = frozenset(',;:“”"()—–[]?!')
_EDGE_WORDS = frozenset(
    """
    a an the and or but of to in on at by for with from as is are was were be been being has have had
    that which who this these those it its also said says would could will can may might should than
    then there their his her they he she we while when where because since about into over after before
    not no very just only even still already reportedly against among within upon both
    you your we us our i me my him them toward towards across through via despite
    """.split()
)


@dataclass(frozen=True)
class Span:
    """A candidate answer: sentence[start:end], of a kind (name, date, number, place, reason, gap)."""

    start: int
    end: int
    kind: str


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces and edge punctuation (keeping a closing "." of an abbreviation like "U.S.")."""
    while start < end and not text[start].isalnum() and text[start] not in "$€£¥₹":
        start += 1
    while end > start and not text[end - 1].isalnum() and text[end - 1] not in "%¢":
        if text[end - 1] == "." and re.search(
            r"\b[A-Z]\.[A-Z]\.$|\b(?:Jr|Sr|Inc|Co|Ltd|Corp)\.$", text[start:end]
        ):
            break
        end -= 1
    return start, end


# Prepositions written with a capital inside a sentence only as part of a name: "the national mental
# health organisation Beyond Blue", "the charity Without Walls".
_NAME_PREPOSITIONS = frozenset(
    "beyond without within between under over across against through beneath".split()
)


def _at_sentence_start(text: str, position: int) -> bool:
    return not text[:position].strip(" “\"‘'(")


# Last words that make a name an organisation, not a person ("Alameda Research", "Federal Reserve").
ORGANISATION_WORDS = frozenset(
    """
    research capital group inc corp corporation company co ltd llc plc association foundation university
    college bank reserve commission department ministry club league council agency institute times news
    media sports press network partners holdings ventures fund trust authority board court party union
    studios records labs technologies systems exchange markets airlines motors games entertainment
    """.split()
)


# Countries and continents: a place, never the person a "who" question asks for ("South Africa").
COUNTRIES = frozenset(
    name.strip().lower()
    for name in """
    Afghanistan, Albania, Algeria, Andorra, Angola, Argentina, Armenia, Australia, Austria, Azerbaijan,
    Bahamas, Bahrain, Bangladesh, Barbados, Belarus, Belgium, Belize, Benin, Bhutan, Bolivia, Bosnia,
    Botswana, Brazil, Brunei, Bulgaria, Burkina Faso, Burundi, Cambodia, Cameroon, Canada, Chad, Chile,
    China, Colombia, Congo, Costa Rica, Croatia, Cuba, Cyprus, Czech Republic, Czechia, Denmark,
    Djibouti, Dominica, Dominican Republic, Ecuador, Egypt, El Salvador, England, Eritrea, Estonia,
    Eswatini, Ethiopia, Fiji, Finland, France, Gabon, Gambia, Georgia, Germany, Ghana, Greece, Grenada,
    Guatemala, Guinea, Guyana, Haiti, Honduras, Hungary, Iceland, India, Indonesia, Iran, Iraq, Ireland,
    Israel, Italy, Ivory Coast, Jamaica, Japan, Jordan, Kazakhstan, Kenya, Kosovo, Kuwait, Kyrgyzstan,
    Laos, Latvia, Lebanon, Lesotho, Liberia, Libya, Liechtenstein, Lithuania, Luxembourg, Madagascar,
    Malawi, Malaysia, Maldives, Mali, Malta, Mauritania, Mauritius, Mexico, Moldova, Monaco, Mongolia,
    Montenegro, Morocco, Mozambique, Myanmar, Namibia, Nepal, Netherlands, New Zealand, Nicaragua, Niger,
    Nigeria, North Korea, North Macedonia, Northern Ireland, Norway, Oman, Pakistan, Palestine, Panama,
    Papua New Guinea, Paraguay, Peru, Philippines, Poland, Portugal, Qatar, Romania, Russia, Rwanda,
    Samoa, San Marino, Saudi Arabia, Scotland, Senegal, Serbia, Seychelles, Sierra Leone, Singapore,
    Slovakia, Slovenia, Somalia, South Africa, South Korea, South Sudan, Spain, Sri Lanka, Sudan,
    Suriname, Sweden, Switzerland, Syria, Taiwan, Tajikistan, Tanzania, Thailand, Togo, Tonga, Trinidad,
    Tunisia, Turkey, Turkmenistan, Uganda, Ukraine, United Arab Emirates, United Kingdom, United States,
    Uruguay, Uzbekistan, Vanuatu, Venezuela, Vietnam, Wales, West Indies, Yemen, Zambia, Zimbabwe,
    Africa, Asia, Europe, North America, South America, Latin America, Oceania, Antarctica, Middle East
    """.split(",")
)


# A capital stands for its country's government in news ("talks with Moscow" are talks with Russia).
CAPITALS = {
    capital.lower(): country.lower()
    for capital, country in (
        pair.split(":")
        for pair in (
            "Moscow:Russia, Washington:United States, Beijing:China, Kyiv:Ukraine, Tehran:Iran, "
            "Damascus:Syria, Ankara:Turkey, Pyongyang:North Korea, Tokyo:Japan, London:United Kingdom, "
            "Paris:France, Berlin:Germany, Jerusalem:Israel, Riyadh:Saudi Arabia, Cairo:Egypt, "
            "Baghdad:Iraq, Islamabad:Pakistan, Delhi:India, Caracas:Venezuela, Havana:Cuba, "
            "Minsk:Belarus, Kiev:Ukraine, Seoul:South Korea, Brussels:European Union, Kabul:Afghanistan"
        ).split(", ")
    )
}


_NOT_NAME_WORDS = _NOT_NAMES | TITLES  # words that are never a name on their own
_PEELED = _NOT_NAME_WORDS | {"of", "the", "and"}  # words a name never starts with


_INSTITUTION = re.compile(r"(?:University|College|Institute|School|Law|Park|Prison|Police|Fair)\b")


def _title_at(words: list[re.Match[str]], i: int) -> bool:
    """Whether the i-th word of a capitalised phrase is a title ("Prime" only before "Minister":
    "Amazon Prime Video" is one name)."""
    word = words[i].group(0).lower().strip(",’'")
    if word == "prime":
        return i + 1 < len(words) and words[i + 1].group(0).lower().startswith("minister")
    if word == "state" and i + 1 < len(words):  # "Ohio State University", "Penn State Law": a name
        return not _INSTITUTION.match(words[i + 1].group(0))
    # ("Secretary-General Hans Ellegren", "Attorney-General")
    return word in TITLES or ("-" in word and all(part in TITLES for part in word.split("-")))


# "Children’s Nebraska", "Women’s Super League", "People’s Bank of China": a group's possessive
# inside one name (not "Apple’s Tim Cook").
_GROUP_OWNS = re.compile(r"\b(?:Children|Women|Men|People|Veterans)$")
_NAMED_FOR = re.compile(r"(?:University|College|Hospital|School|Cathedral|Church|Park|Square|Bay)\b")


# A web address is a name written in lower case ("its own Mastodon server, flipboard.social").
_DOMAIN = re.compile(
    r"(?<![\w@./-])[a-z\d][a-z\d-]*(?:\.[a-z\d-]+)*\.(?:com|org|net|social|io|ai|app|co|uk|gov|edu|tv|dev)\b"
    r"(?!\.\w)"
)


def domains(text: str) -> Iterator[Span]:
    """Web addresses written without their scheme ("flipboard.social", "theverge.com")."""
    for match in _DOMAIN.finditer(text):
        yield Span(match.start(), match.end(), "name")


@lru_cache(maxsize=16384)
def names(text: str) -> tuple[Span, ...]:
    """Capitalised phrases, each without a leading opener word, titles and a possessive "’s" (kept
    per text: an answer reads the names of the same candidate sentences for each of its steps)."""
    # (not "P5.768 trillion": pesos)
    return tuple(span for span in _names(text) if not _AMOUNT_IN_LETTERS.match(text, span.start))


def _names(text: str) -> Iterator[Span]:
    for match in _NAME.finditer(text):
        if "_" in match.group(0) or text[match.start() - 1 : match.start()] == "@":
            continue  # a hashtag or a handle ("#Israel_under_attack", "@RaniaKhalek"), not a name
        if text[match.start() - 1 : match.start()] in {"$", "€", "£"} or text.startswith("$", match.end()):
            continue  # "$US56.5 billion", "C$53.07": an amount of a currency
        if _PREFIXED_NAME.search(text[max(0, match.start() - 6) : match.start()]):
            continue  # "post-Billie Eilish sad-pop", "anti-Kremlin": a name inside a description
        words = list(re.finditer(r"\S+", match.group(0)))
        first = 0
        # Peel openers, titles and demonyms that stand before a title ("Russian Foreign Minister").
        while first < len(words) - 1:
            word = words[first].group(0).lower().strip("’'")
            following = words[first + 1].group(0).lower()
            inside_name = word in _NAME_PREPOSITIONS and not _at_sentence_start(
                text, match.start() + words[first].start()
            )
            if (word in _PEELED or _CONTRACTION.search(word)) and not inside_name:
                first += 1
            elif (
                first == 0 and _at_sentence_start(text, match.start()) and re.search(r"(?:ing|ly|ed)$", word)
            ):
                first += 1  # "Leading Everton ...", "Reportedly ...": a capital that only opens the sentence
            elif re.search(r"(?:an|ian|ese|ish|i)$", word) and following in TITLES:
                first += 1  # "Syrian President", "Iraqi Prime Minister"
            else:
                break
        # "Assistant U.S. Attorney Nicolas Roos": the name starts after the last title word.
        titled = [i for i in range(first, len(words) - 1) if _title_at(words, i)]
        if titled:
            first = titled[-1] + 1
        last_word = words[first].group(0).lower().strip(".,’'")
        if first == len(words) - 1 and (last_word in _NOT_NAME_WORDS or _CONTRACTION.search(last_word)):
            continue  # "We’re", "Didn’t": a capital that only opens the sentence
        if (
            len(words) == 1
            and _at_sentence_start(text, match.start())
            and re.fullmatch(r"\w{4,}ly", last_word)
            and text.startswith(",", match.end())
        ):
            continue  # "Ultimately, doctors ...": an adverb opens the sentence ("Kelly, 34," is a name)
        start = match.start() + words[first].start()
        end = match.end()
        if first == 0 and re.search(r"(?<![\w/])[ur]/$", text[:start]):
            start -= 2  # "u/PopShort7064", "r/AmItheAsshole": a Reddit user's or forum's name
        # "... a big say at United Credit: getty": a caption's credit is no part of the name
        if text.startswith(":", end) and re.search(r"\s(?:Credit|Photo|Picture|Image)s?$", text[start:end]):
            end = start + text[start:end].rindex(" ")
        possessive = re.search(r"[’']s?$", text[start:end])
        if possessive:
            end -= len(possessive.group(0))
        # "OpenAI’s ChatGPT": the owner and the owned are two names ("Queen’s University Belfast",
        # "King’s College" are one).
        cuts = [
            (m.start(), m.end())
            for m in re.finditer(r"[’']s?\s+", text[start:end])
            if not _NAMED_FOR.match(text, start + m.end())
            and not _GROUP_OWNS.search(text, start, start + m.start())
        ]
        # A company's name ends with its legal form: "SoftBank Corp. SoftBank is taking ...",
        # "Apple Inc. CEO Tim Cook" are two.
        cuts += [(m.start(), m.end()) for m in _AFTER_LEGAL_FORM.finditer(text[start:end])]
        cuts.sort()
        bounds = [0, *(b for cut in cuts for b in cut), end - start]
        for part_start, part_end in zip(bounds[::2], bounds[1::2]):
            part_start, part_end = _strip(text, start + part_start, start + part_end)
            part = text[part_start:part_end]
            # A name starts with a capital or a digit ("of the Year" is what is left of a title).
            opens = part[:1].isupper() or part[:1].isdigit() or re.match(r"[a-z]{1,2}[A-Z]|[ur]/\w", part)
            if part_end > part_start and part.lower() not in _NOT_NAME_WORDS and opens:
                if re.fullmatch(r"\S+-[a-z]+(?:ed|ing|en)", part):
                    continue  # "the Chinese-founded retailer", "Kremlin-backed": a description
                yield Span(part_start, part_end, "name")


def people(text: str) -> Iterator[Span]:
    """`names`, with a person's name followed by where they work cut to the person's ("Garry Tan of
    Initialized Capital", "Eddie Hearn of Matchroom Sport"; "Bank of America", "National Association
    of Realtors" stay whole)."""
    for span in names(text):
        head, of, tail = text[span.start : span.end].partition(" of ")
        words = head.split()
        if of and not text[: span.start].strip(" \"“‘'") and re.fullmatch(r"[A-Z][a-z]*[a-rt-z]s", head):
            # "Shares of Rogers extended losses", "Members of Congress ...": a plural capitalised only
            # by the sentence's start; the name is what follows "of"
            yield Span(span.end - len(tail), span.end, "name")
            continue
        cut = head != text[span.start : span.end] and 2 <= len(words) <= 3
        if cut and not any(w.lower() in ORGANISATION_WORDS for w in words):
            yield Span(span.start, span.start + len(head), "name")
        else:
            yield span


_PREFIXED_NAME = re.compile(r"\b(?:post|pre|anti|non|mid|neo|pan)-$")
_AFTER_LEGAL_FORM = re.compile(
    r"(?:(?<=\bCorp\.)|(?<=\bInc\.)|(?<=\bLtd\.)|(?<=\bPlc\.)|(?<=\bLLC\.))\s+(?=[A-Z])"
)


_RECURRING = re.compile(
    rf"(?:first|second|third|fourth|fifth|last)\s+{_WEEKDAY}\s+(?:of|in)\b", re.IGNORECASE
)


def recurring(day: str) -> bool:
    """Whether a date span is a rule for a day that recurs ("fourth Thursday of the month")."""
    return _RECURRING.match(day) is not None


def dates(text: str) -> Iterator[Span]:
    """Dates, days and times as news writes them ("Tuesday", "Oct. 12, 2023", "last week", "in 2015")."""
    for match in _DATE.finditer(text):
        start, end = _strip(text, match.start(), match.end())
        # "on Tuesday" / "in 2015": the preposition is not part of the answer.
        lead = re.match(
            r"(?:back\s+in|on|in|since|by|until|from|during|the|his|her|its|their|at|over)\s+",
            text[start:end],
            re.IGNORECASE,
        )
        if lead:
            start += lead.end()
        if end > start:
            yield Span(start, end, "date")


_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()


def resolve_day(day: str, published: str, *, ahead: bool = False) -> str:
    """The calendar date a relative day of an article means ("Tuesday" in an article published on
    Thursday 2015-09-17 is 2015-09-15), as "September 15, 2015"; "" when it cannot be told.

    News reports what happened: a bare weekday is the latest such day on or before publication,
    unless it is `ahead` (the sentence speaks of what will happen) or "next Tuesday". "Last week"
    is "the week of" its Monday, "last month" the month, "last year" the year."""
    when = published_date(published)
    if when is None:
        return ""
    word = " ".join(day.lower().split())
    if re.search(r"\d", word):
        return ""  # "Thursday, October 26" says its date already
    word = re.sub(r"^(?:on|early|late)\s+", "", word)  # "early Tuesday" is that Tuesday
    word = re.sub(r"\s+(?:morning|afternoon|evening|night)$", "", word)
    step, _, unit = word.rpartition(" ")
    if step in {"last", "next"} and unit in {"week", "month", "year"}:
        return _period(when, unit, -1 if step == "last" else 1)
    ahead = step == "next" or (ahead and step != "last")
    day_name = unit.rstrip("s")
    if step not in {"", "last", "next", "this"}:
        return ""
    if unit in {"today", "tonight"} and not step:
        meant = when
    elif unit in {"yesterday", "tomorrow"} and not step:
        meant = when + timedelta(days=1 if unit == "tomorrow" else -1)
    elif day_name in _WEEKDAYS and ahead:
        meant = when + timedelta(days=(_WEEKDAYS.index(day_name) - when.weekday() - 1) % 7 + 1)
    elif day_name in _WEEKDAYS:
        meant = when - timedelta(days=(when.weekday() - _WEEKDAYS.index(day_name)) % 7)
    else:
        return ""
    return long_date(meant)


def _period(when: date, unit: str, step: int) -> str:
    """The week, month or year before (step -1) or after (+1) the one `when` falls in."""
    if unit == "week":
        monday = when - timedelta(days=when.weekday()) + timedelta(weeks=step)
        return f"the week of {long_date(monday)}"
    if unit == "month":
        month = when.month - 1 + step
        return f"{date(when.year + month // 12, month % 12 + 1, 1):%B %Y}"
    return str(when.year + step)


# What makes a sentence's day one still to come: "will meet on Tuesday", "is expected to vote
# Friday", unless a report stands between ("will resign, he said Tuesday").
_FUTURE = re.compile(r"\b(?:will|shall|(?:is|are) (?:due|set|scheduled|expected) to|plans? to)\b")
_REPORTED = re.compile(r"\b(?:said|says|told|announced|reported|added|wrote)\b")


def relative_days(sentence: str, published: str) -> tuple[ResolvedDay, ...]:
    """The relative days of a sentence resolved against its article's publication date (none
    when the article has no date: nothing is guessed)."""
    if published_date(published) is None:
        return ()
    found = []
    for span in dates(sentence):
        before = sentence[max(0, span.start - 60) : span.start]
        future = _FUTURE.search(before)
        ahead = future is not None and not _REPORTED.search(before[future.end() :])
        resolved = resolve_day(sentence[span.start : span.end], published, ahead=ahead)
        if resolved:
            found.append(ResolvedDay(sentence[span.start : span.end], resolved))
    return tuple(found)


def when_clauses(text: str) -> Iterator[Span]:
    """Clauses that say when something would happen ("when it would advance our interests")."""
    for match in _WHEN_CLAUSE.finditer(text):
        start, end = _strip(text, match.start(), match.end())
        yield Span(start, end, "when")


_CURRENCY = re.compile(
    rf"[$€£¥₹₱¢]|\bRs\b|\b{LETTER_CURRENCY}|\b(?:dollars?|euros?|pounds?|yen|yuan|rupees?|francs?|cents|pence|bn|crore|lakh)\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"%|\bper ?cent\b", re.IGNORECASE)
_SCORE = re.compile(r"^\d{1,3}\s?[-–]\s?\d{1,3}$")
_WEIGHT = re.compile(r"\b(?:pounds|lbs?|kg|kilograms?|tonnes?|tons?|grams?|ounces?)\b", re.IGNORECASE)
_AGE = re.compile(r"\bold\b|-year-old", re.IGNORECASE)
_DURATION = re.compile(
    r"\b(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?)\b", re.IGNORECASE
)


# A place in an order: "23rd", "fourth", "No. 1" (not "a 12th-minute goal")
_ORDINAL = re.compile(
    r"\b(?:\d{1,3}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|No\.\s?\d{1,3}(?!\d))(?![\w-])",
    re.IGNORECASE,
)


def ranks(text: str) -> Iterator[Span]:
    """Places in an order, as numbers: "ranked 23rd", "fourth in the world", "the No. 1 seed"."""
    for match in _ORDINAL.finditer(text):
        yield Span(match.start(), match.end(), "number")


# "his 43rd European goal": how many someone has, counted by the latest
_POSSESSED_ORDINAL = re.compile(
    r"\b(?:his|her|their|its|[A-Z][\w’'-]*[’']s?)\s+(\d{1,4}(?:st|nd|rd|th))\b(?!-)"
)


def counted_by_ordinal(text: str) -> Iterator[Span]:
    """Ordinals that count what someone has reached ("his 43rd European goal")."""
    for match in _POSSESSED_ORDINAL.finditer(text):
        yield Span(match.start(1), match.end(1), "number")


def measures(span_text: str, measure: str) -> bool:
    """Whether a number span shows the asked-for measure (money, a duration, a percentage)."""
    signs = {"money": _CURRENCY, "price": _CURRENCY, "percent": _PERCENT, "duration": _DURATION, "age": _AGE}
    signs["weight"] = _WEIGHT
    sign = {**signs, "score": _SCORE, "rank": _ORDINAL}.get(measure)
    if measure == "duration" and _AGE.search(span_text):
        return False  # "a 31-year-old travel writer": an age, not how long something took
    return sign is None or bool(sign.search(span_text))


def numbers(text: str) -> Iterator[Span]:
    """Numbers with their unit ("six weeks", "$1.2 billion", "2.9%"), not digits inside names, years
    or dates ("October 12")."""
    # ("six months ago", "four years later" are dates, and "six months", "four years" how long ago,
    # or how long after, they were)
    in_dates = [
        range(d.start, d.end)
        for d in dates(text)
        if not re.search(r"\b(?:ago|later|after|before|earlier)$", text[d.start : d.end])
    ]
    for match in _ONE_UNIT.finditer(text):
        yield Span(match.start(1), match.end(), "number")  # "for a year": one of the unit
    for match in re.finditer(r"(?<![\w.-])\d{1,3}\s?[-–]\s?\d{1,3}(?![\w.-])", text):
        yield Span(match.start(), match.end(), "number")  # a score ("3-1") or a range
    found: list[Span] = []
    for match in _NUMBER.finditer(text):
        if _YEAR.match(match.group(0)) or any(match.start() in d for d in in_dates):
            continue
        if _CAPTION.match(text) and match.start() == 0:
            continue  # "5 Sir Jim Ratcliffe has an offer ...": a photo caption's number, not a count
        if _IN_NAME.match(text, match.start()) and (
            _NAME_NEXT.match(text, match.end()) or not _OPENING.search(text[: match.start()])
        ):
            continue  # "said Ten Hag", "Three Lions": a number word with a capital inside a name
        end = match.end()
        if unit := _UNIT.match(text, end):
            end = unit.end()
        if bound := _BOUND.match(text, end):
            end = bound.end()  # "in 10 minutes or less": the bound is part of the figure
        if people := _HEADCOUNT.search(match.group(0)):
            end = match.start() + people.start()  # "a 25-person team": 25 people
        start, end = _strip(text, match.start(), end)
        found.append(Span(start, end, "number"))
    # "15 million to 20 million", "between 300 and 400": a range is one answer (first: it wins a
    # tie with its end); "from 3% to 5%" is a change, not a range.
    for low, high in itertools.pairwise(found):
        joined, lead = text[low.end : high.start], text[: low.start]
        # nor "fell about 0.1 percentage points to 44.2%": how much it moved, then where it stands
        to = re.fullmatch(r"\s+to\s+", joined) and not (
            (re.search(r"\bfrom\s+$", lead) and not _RANGE_FROM.search(lead)) or MOVED_BY.search(lead)
        )
        # ("six or nine months": either, one answer, the unit written once)
        either = (
            re.fullmatch(r"\s+or\s+", joined) is not None
            and _UNIT.match(text, low.end) is None
            and _UNIT.search(text[high.start : high.end]) is not None
        )
        # ("when they were six and eight": two ages, one answer)
        both = re.fullmatch(r"\s+and\s+", joined) and re.search(r"\b(?:between|were|aged)\s+$", lead)
        if to or either or both:
            yield Span(low.start, high.end, "number")
    yield from found


_ONE_UNIT = re.compile(
    r"\b(?:for|about|nearly|almost|over|within|after|in|just)\s+(an?\s+(?:year|month|week|day|decade|hour|minute))\b",
    re.IGNORECASE,
)
_BOUND = re.compile(r"\s+or\s+(?:less|more|fewer|longer|so)\b")
# "anywhere from 31% to 55%", "ranging from 2 to 4 years": a range, though it opens with "from"
_RANGE_FROM = re.compile(r"\b(?:anywhere|ranging|ranges?|varying|varies|vary)\s+from\s+$", re.IGNORECASE)
_CLAUSE_MARKS = ",;:—"  # a parenthesis belongs to its clause: "Seven days ago (November 16), YouTube ..."


def clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end]: up to the nearest clause punctuation on either side."""
    left = max((text.rfind(mark, 0, start) for mark in _CLAUSE_MARKS), default=-1)
    rights = [i for i in (text.find(mark, end) for mark in _CLAUSE_MARKS) if i >= 0]
    return left + 1, min(rights, default=len(text))


def after_place_word(text: str, start: int) -> bool:
    """Whether a preposition of place comes right before `start` ("in Syria", "to the U.S.")."""
    return bool(_PLACE_BEFORE.search(text[max(0, start - 30) : start]))


def _countries_abbreviated(text: str) -> Iterator[Span]:
    """ "U.S." and "U.K." standing alone ("launched in the U.K. first"), which a name leaves out as a
    title's first word ("U.S. Attorney Nicolas Roos")."""
    for match in re.finditer(r"\bU\.[SK]\.(?!\s+[A-Z][a-z])", text):
        yield Span(match.start(), match.end(), "name")


def residences(text: str, of: set[str]) -> Iterator[Span]:
    """Where someone whose name has a word (token) of `of` lives, as news writes it after the name
    and age ("Diane Bazella, 64, of Minnetonka, Minnesota")."""
    for span in names(text):
        written = _RESIDENT_OF.search(text[max(0, span.start - 30) : span.start])
        if written is None:
            continue
        before = text[: max(0, span.start - 30) + written.start()]
        resident = re.search(r"((?:[A-Z][\w’'.-]*\s+)*[A-Z][\w’'.-]*)$", before)
        if resident is not None and set(tokenize(resident.group(1))) & of:
            yield Span(span.start, span.end, "place")


def places(text: str) -> Iterator[Span]:
    """Names that follow a preposition of place ("in Syria", "at Old Trafford", "on Air Force
    One"; not "on Tuesday") or the kind of place they are ("neighboring country Nepal")."""
    in_dates = [range(d.start, d.end) for d in dates(text)]
    for span in itertools.chain(names(text), _countries_abbreviated(text)):
        before = text[max(0, span.start - 30) : span.start]
        if re.match(r",\s+who\b", text[span.end :]):
            continue  # "threw cold water on Williams, who had been close to the comedian": a person
        if (
            _PLACE_BEFORE.search(before)
            or _PLACE_NOUN.search(before)
            or _VISITED.search(text[max(0, span.start - 60) : span.start])
            or _RESIDENT_OF.search(before)
            or (_ON_BOARD.search(before) and not any(span.start in d for d in in_dates))
        ):
            # "at New York's Madison Square Garden": the place with what it owns
            owned = re.match(r"[’']s?\s+([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)", text[span.end :])
            if owned is not None:
                yield Span(*_strip(text, span.start, span.end + owned.end(1)), "place")
            yield Span(span.start, span.end, "place")
            continue
        # "CSL Seqirus, a New Jersey biopharmaceutical company": where the company is
        described = _NOUNS_AFTER.match(text, span.end)
        if (
            re.search(r",\s+an?\s+$", before)
            and described
            and set(described.group(0).split()) & _PLACED_KINDS
        ):
            yield Span(span.start, span.end, "place")
            continue
        # "U.K. femcare-turned-gynaecological-health startup, Daye, ...": where the company named after it is
        kind_of = re.match(r"((?:\s+[a-z][\w-]*){0,3}?)\s+([a-z]+),\s+[A-Z]", text[span.end :])
        if (
            kind_of
            and kind_of.group(2) in _PLACED_KINDS
            and not set(kind_of.group(1).split()) & (_NOT_NAMES | {"said", "says"})
        ):
            yield Span(span.start, span.end, "place")
    for match in _PLACE_MADE.finditer(text):  # "Copenhagen-based", "Calgary-born"
        yield Span(match.start(1), match.end(1), "place")


_NOUNS_AFTER = re.compile(r"(?:\s+[a-z][\w-]*){1,3}")
_PLACED_KINDS = ORGANISATION_WORDS | {"startup", "firm"}


# "since Russia invaded Ukraine", "since 2015": "since" telling when, not why.
_SINCE_WHEN = re.compile(
    r"(?:since|after)\s+(?:(?:19|20)\d\d\b|\S+(?:\s+\S+)?\s+\w+ed\b|the\b|\w+ing\b)", re.IGNORECASE
)


# What a consequence follows: "The parts don't carry a serial number and are therefore harder to
# trace", "Prices rose, so demand fell".
_CONSEQUENCE = re.compile(
    r"(?:,|\s+and)\s+(?:(?:is|are|was|were|has|have|had|will|would|can|could)\s+(?:been\s+)?)?"
    r"(?:therefore|thus|hence|consequently|which is why|which explains why)\b"
    r"|,\s+so\s+(?!that\b|far\b|much\b|many\b|long\b)",
    re.IGNORECASE,
)


_PURPOSE = re.compile(
    r"\b(?:(?:in order|so as|in (?:an|a) (?:effort|bid|attempt|push|move))\s+(to)|(to)\s+avoid)\s*$",
    re.IGNORECASE,
)
REASON_WORDS = 20  # a reason is a clause, not a paragraph


def _first_part(text: str, start: int, end: int) -> int:
    """Where a reason clause of more than REASON_WORDS words ends once cut before an "and" that
    keeps its first part whole ("the Dutch scored a fourth ... to secure top spot and progress
    from their group ahead of England"): the end as it was when none does."""
    if len(text[start:end].split()) <= REASON_WORDS:
        return end
    cuts = [m.start() for m in re.finditer(r",?\s+and\s+", text[start:end])]
    kept = [cut for cut in cuts if len(text[start : start + cut].split()) <= REASON_WORDS]
    return start + kept[-1] if kept else end


# What "after" times rather than explains: a stage of life or of the day.
_TIMES_OF_LIFE = frozenset(
    "college school university graduation retirement work dinner lunch breakfast midnight dark hours".split()
)


def reasons(text: str) -> Iterator[Span]:
    """Reason clauses: what follows "because", "since", "due to", "to make sure" and the like, and
    what comes before "therefore" or ", so"."""
    for match in _REASON.finditer(text):
        if _SINCE_WHEN.match(text, match.start()):
            continue
        start, end = _strip(text, match.start(1), match.end(1))
        # A purpose is said with its infinitive: "to avoid a classification ...", "(in order) to
        # prioritize ..."; what follows "to make sure" or "because" is the reason itself.
        purpose = _PURPOSE.search(text, match.start(), match.start(1))
        if purpose is not None:
            start = purpose.start(1) if purpose.group(1) else purpose.start(2)
        end = _first_part(text, start, end)
        if match.group(0).lower().startswith("after") and text[start:end].lower() in _TIMES_OF_LIFE:
            continue  # "worked at Google after college": a time, not a reason ("quit after criticism" is)
        if end - start > 2:
            yield Span(start, end, "reason")
    for match in _CONSEQUENCE.finditer(text):
        start, end = _strip(text, clause(text, match.start(), match.start())[0], match.start())
        if end - start > 2:
            yield Span(start, end, "reason")
    for match in _CITING.finditer(text):
        yield Span(match.start(1), match.end(1), "reason")


# What a filing or a decision gives as its ground: "filed for divorce in November 2006, citing
# “irreconcilable differences”".
_CITING = re.compile(r",\s+citing\s+[“\"]?([^“”\".;,()]{3,120}?)[”\"]?(?=[.;,)]|\s+as\b|$)")


_QUOTE = re.compile(r"“([^“”]{2,200})”|\"([^\"]{2,200})\"")


def quotes(text: str) -> Iterator[Span]:
    """What the sentence quotes, whole (“no lying”), without the marks and closing punctuation."""
    for match in _QUOTE.finditer(text):
        group = 1 if match.group(1) is not None else 2
        start, end = _strip(text, match.start(group), match.end(group))
        if end > start:
            yield Span(start, end, "quote")


_COPULAS = frozenset("is are was were".split())


# What a company is said to make: "robot vacuum maker iRobot", "iRobot, the robot vacuum maker".
_PRODUCT_WORDS = r"((?:(?!(?:of|the|a|an|and|its|their|to|for|by|with|from|in|on)\b)[a-z][\w-]*\s+){1,3})"
_MAKER = r"(?:maker|manufacturer|producer)s?"


def products(text: str, name: str) -> Iterator[Span]:
    """What `text` says the company `name` makes, where it calls the company by what it makes."""
    named = re.escape(name)
    for pattern in (
        rf"\b{_PRODUCT_WORDS}{_MAKER},?\s+(?:the\s+)?{named}\b",
        rf"\b{named},\s+(?:the|a|an)\s+{_PRODUCT_WORDS}{_MAKER}\b",
    ):
        for found in re.finditer(pattern, text):
            start, end = _strip(text, found.start(1), found.end(1))
            if end > start:
                yield Span(start, end, "product")


def gaps(text: str, question_tokens: set[str]) -> Iterator[Span]:
    """Runs of the sentence's words that the question does not have, cut at clause punctuation and
    at the question's words, trimmed of function words at both ends: what the sentence adds."""
    run: list[re.Match[str]] = []

    def flush() -> Iterator[Span]:
        words = [w for w in run if w.group(0).lower() not in _EDGE_WORDS]
        if words:
            first, last = run.index(words[0]), run.index(words[-1])
            start, end = _strip(text, run[first].start(), run[last].end())
            if end > start:
                yield Span(start, end, "gap")
            # "... in both of these periods is demographics": also what the run says something is
            copulas = [i for i, w in enumerate(run[first:last], first) if w.group(0).lower() in _COPULAS]
            if copulas:
                start, end = _strip(text, run[copulas[-1] + 1].start(), run[last].end())
                if end > start:
                    yield Span(start, end, "gap")
        run.clear()

    for word in _WORD.finditer(text):
        token = word.group(0)
        stems = tokenize(token)
        if token in _BREAKS or (stems and all(s in question_tokens for s in stems)):
            yield from flush()
            continue
        # "providing tanks and establishing a base": a new verb after "and" starts a new clause.
        if run and run[-1].group(0).lower() == "and" and re.search(r"\w(?:ing|ed)$", token):
            run.pop()
            yield from flush()
        run.append(word)
    yield from flush()


def mentions(text: str, name: str) -> bool:
    """Whether `text` has every word of `name` (as words, any case; "U.S." also as "United States")."""
    words = [w for w in re.findall(r"[^\W_]+", name) if len(w) > 1 and not w.isdigit()]
    if not words:
        return True
    # (a digit may run into a name: "6PPD-quinone" names "PPD-quinone" as a question gives it)
    if all(re.search(rf"(?<![^\W\d_]){re.escape(w)}", text, re.IGNORECASE) for w in words):
        return True
    return set(tokenize(name)) <= words_of(text) or abbreviated(text, name)  # aliases and stems, the slow way


# A run of capitalised words a name is spelled out in, with the small words inside it.
_INITIALS = re.compile(r"[A-Z]{3,6}")


def abbreviated(text: str, name: str) -> bool:
    """Whether `text` writes `name` the other way: spelled out for an acronym ("Consumer Financial
    Protection Bureau" for "CFPB"), or as the acronym of a name of several words (three letters or
    more: shorter ones stand for too many names)."""
    name = name.strip()
    if _INITIALS.fullmatch(name):
        return any(name in initials(run.group(0)) for run in SPELLED_OUT.finditer(text))
    letters = initials(name)
    return (
        len(name.split()) > 1
        and bool(_INITIALS.fullmatch(letters))
        and re.search(rf"\b{letters}\b", text) is not None
    )
