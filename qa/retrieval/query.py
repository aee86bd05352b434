"""Query understanding for news: the sources and dates a question names, and its separate parts.

Only names the store actually holds are recognised ("TechCrunch" means something only when an
article from TechCrunch is stored), so a word that merely looks like a source changes nothing.
A question such as "Did The Verge say X, while the TechCrunch article on October 5 said Y?"
becomes two parts, each searched on its own with its own source and date, so that every part
keeps its best evidence in the final list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from qa.retrieval.lexical import tokenize

_MONTHS = (
    "january february march april may june july august september october november december".split()
)
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_RELATION = r"(?:(?P<relation>before|after|since|until|prior to|earlier than|later than)\s+(?:the\s+)?)?"
_DATE_FORMS = [
    re.compile(rf"\b{_RELATION}{_MONTH}\s+{_DAY}\b(?:,?\s*{_YEAR})?", re.IGNORECASE),  # October 5(, 2023)
    re.compile(rf"\b{_RELATION}{_DAY}\s+(?:of\s+)?{_MONTH}\b(?:,?\s*{_YEAR})?", re.IGNORECASE),  # 5 October
    re.compile(rf"\b{_RELATION}{_YEAR}-(?P<month_number>[01]\d)-{_DAY}\b", re.IGNORECASE),  # 2023-10-05
]
_EARLIER = {"before", "until", "prior to", "earlier than"}
_LATER = {"after", "since", "later than"}

# Where a question turns from one claim to the next: clause punctuation and the conjunctions
# that join claims; not the comma inside a date ("October 12, 2023").
_PART_BREAK = re.compile(
    r"[;,](?!\s*(?:19|20)\d\d\b)(?!\d)\s*(?:and\s+|or\s+|but\s+|yet\s+)?"
    r"|\s+\b(?:while|whereas|but|as well as|and (?:also|then|later)|in contrast to)\b\s*"
    r"|\s+and (?=(?:the|a|an|that|this|another)\s+(?:[\"'‘“]?[A-Z]|\w+\s+(?:article|report)))",
    re.IGNORECASE,
)
# A list of names ("Tee Higgins, Noah Brown, and Kadarius Toney") is one part, not one per comma.
_LISTED_NAME = r"[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3}"
_NAME_LIST = re.compile(rf"{_LISTED_NAME}(?:\s*,\s*{_LISTED_NAME})+,?\s+(?:and|or)\s+{_LISTED_NAME}")
_MIN_PART_WORDS = 3  # content words a part needs to be searched on its own
# Words that frame a claim rather than state it ("as reported by ... in an article").
FRAMING = frozenset(
    tokenize(
        "article articles report reported reports according stated story coverage covered featured "
        "discussed detailed published outlet piece recently"
    )
)
# A fragment that says where a claim was made, after the claim ("as reported by TechCrunch",
# "by November 11"); other fragments naming a source or day announce the claim that follows
# ("the report from The Independent published on December 6, about ...").
_TRAILING = re.compile(r"^(?:as|according|by|in|from|per)\b", re.IGNORECASE)


def long_date(day: date) -> str:
    """A day as a reader writes it: "September 15, 2015"."""
    return f"{day:%B} {day.day}, {day.year}"


def published_date(published: str) -> date | None:
    """The day of an article's ISO 8601 publication time, or None when it has none."""
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class DateMention:
    """A day a question names, and whether it asks for that day, or for before or after it."""

    month: int
    day: int
    year: int | None = None
    relation: str = "on"  # on | before | after

    def matches(self, published: str) -> bool:
        """Whether an article published at `published` (ISO 8601) fits this mention."""
        when = published_date(published)
        if when is None:
            return False
        year = self.year or when.year
        try:
            named = date(year, self.month, self.day)
        except ValueError:
            return False
        if self.relation == "before":
            return when < named
        if self.relation == "after":
            return when > named
        return when == named


@dataclass(frozen=True)
class Part:
    """A piece of a question searched on its own, with the sources and dates it names."""

    text: str
    sources: frozenset[str] = frozenset()
    dates: tuple[DateMention, ...] = ()
    span: tuple[int, int] = (0, 0)  # where the part lies in the question (start, end)
    recent: bool = False  # it asks for the newest news ("the latest on", "this week")


@dataclass(frozen=True)
class QueryPlan:
    """What retrieval does for one question: the whole question, then each of its parts."""

    question: Part
    parts: tuple[Part, ...] = ()


@dataclass
class SourceCatalog:
    """The news sources a store holds, findable by the names questions use for them."""

    names: dict[str, frozenset[str]] = field(default_factory=dict)  # lowercased alias -> sources
    pattern: re.Pattern[str] | None = None

    @classmethod
    def of(cls, sources: Iterable[str]) -> SourceCatalog:
        """Index every source under its full name and its short forms (before " | " or " - ",
        without a leading "The"): "The Independent - Sports" is also "The Independent"."""
        names: dict[str, set[str]] = {}
        for source in {s.strip() for s in sources if s and s.strip()}:
            for alias in _aliases(source):
                names.setdefault(alias.lower(), set()).add(source)
        if not names:
            return cls()
        # Longest names first so "The Independent - Sports" wins over "The Independent".
        alternatives = "|".join(re.escape(a) for a in sorted(names, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
        return cls({a: frozenset(s) for a, s in names.items()}, pattern)

    def find(self, text: str) -> frozenset[str]:
        """The stored sources `text` names; a name counts only when written as a name (capitalised)."""
        if self.pattern is None:
            return frozenset()
        found: set[str] = set()
        for match in self.pattern.finditer(text):
            name = re.sub(r"^the\s+", "", match.group(0), flags=re.IGNORECASE)
            if name[:1].isupper():
                found |= self.names[match.group(0).lower()]
        return frozenset(found)

    def unheld(self, question: str) -> list[str]:
        """Outlets the question cites as its source ("a Bloomberg article", "as reported by
        Reuters") that the store holds no article from: what they wrote cannot be checked here."""
        missing = []
        for match in _CITED_OUTLET.finditer(question):
            name = re.sub(r"^the\s+", "", next(g for g in match.groups() if g), flags=re.IGNORECASE)
            if _MONTH_OR_DAY.match(name) or self.find(name) or self._within(name):
                continue
            missing.append(name)
        return missing

    def _within(self, name: str) -> bool:
        """Whether `name` is part of a held source's name ("Sports Writers Blog" of "The Roar |
        Sports Writers Blog")."""
        lowered = name.lower()
        return any(lowered in source.lower() for sources in self.names.values() for source in sources)


# An outlet's name as questions write it: capitalised words, with "of", "&", "|" or " - " inside
# ("The Wall Street Journal", "Cnbc | World Business News Leader", "FOX News - Health").
_OUTLET = r"(?:[Tt]he\s+)?[A-Z][\w&.-]*(?:\s+(?:of\s+|&\s+|\|\s+|-\s+)?[A-Z][\w&.-]*)*"
_CITED_OUTLET = re.compile(
    rf"\b(?:article|report|piece|story|coverage|post|analysis|review|interview|column)s?\s+"
    rf"(?:from|by|in|published by|published in)\s+['‘]?(?P<after_piece>{_OUTLET})"
    # "an article from X and another in Y"
    rf"|\banother\s+(?:one\s+|piece\s+)?(?:from|by|in)\s+['‘]?(?P<another>{_OUTLET})"
    rf"|\b(?:reported|published|covered|written|noted|detailed|stated|discussed|described|highlighted)\s+(?:by|in)\s+"
    rf"['‘]?(?P<after_verb>{_OUTLET})"
    rf"|\b(?:an?|the)\s+['‘]?(?P<before_piece>{_OUTLET})['’]?\s+(?:article|report|piece|story)s?\b"
    rf"|\baccording to\s+['‘]?(?P<according>{_OUTLET})['’]?\s+(?:article|report)"
)
# "the October 5 report" names a day, not an outlet.
_MONTH_OR_DAY = re.compile(
    rf"^(?:{_MONTH}|(?:mon|tues|wednes|thurs|fri|satur|sun)day)$", re.IGNORECASE
)


def _aliases(source: str) -> set[str]:
    forms = {source, re.split(r"\s+[|\-–—:]\s+", source)[0].strip()}
    forms |= {re.sub(r"^the\s+", "", f, flags=re.IGNORECASE) for f in forms}
    # A short form must still look like a name, not a common word ("News").
    return {f for f in forms if len(f) >= 3 and len(tokenize(f)) >= 1}


def find_dates(text: str) -> tuple[DateMention, ...]:
    """The days `text` names ("October 5", "5 Oct 2023", "2023-10-05"), with before/after."""
    mentions: list[tuple[int, DateMention]] = []
    taken: list[range] = []
    for form in _DATE_FORMS:
        for match in form.finditer(text):
            span = range(match.start(), match.end())
            if any(span.start < t.stop and t.start < span.stop for t in taken):
                continue
            groups = match.groupdict()
            month = (
                int(groups["month_number"])
                if groups.get("month_number")
                else _MONTHS.index(next(m for m in _MONTHS if m.startswith(groups["month"].lower()[:3]))) + 1
            )
            relation = (groups.get("relation") or "").lower()
            kind = "before" if relation in _EARLIER else "after" if relation in _LATER else "on"
            year = int(groups["year"]) if groups.get("year") else None
            if 1 <= month <= 12 and 1 <= int(groups["day"]) <= 31:
                taken.append(span)
                mentions.append((match.start(), DateMention(month, int(groups["day"]), year, kind)))
    return tuple(m for _, m in sorted(mentions, key=lambda pair: pair[0]))


def split_parts(question: str, catalog: SourceCatalog | None = None) -> list[str]:
    """Cut a question where it turns from one claim to another; short fragments join a neighbour.

    What counts is substance: words other than framing ("as reported by"), days and the names of
    `catalog`'s sources, so "as covered by The Roar | Sports Writers Blog" is no part of its own.
    A short fragment that announces a source or day ("and the report from The Verge on October 5,
    about ...") joins the clause after it; any other joins the one before.
    """
    return [text for text, _ in _split(question, catalog)]


def _split(question: str, catalog: SourceCatalog | None) -> list[tuple[str, tuple[int, int]]]:
    """The parts of `split_parts`, each with its span in the question (start, end)."""
    parts: list[tuple[str, tuple[int, int]]] = []
    leading: tuple[str, int] | None = None  # an announcing fragment and where it starts
    pieces = _pieces(question)
    for number, (piece, start, end) in enumerate(pieces):
        if leading is not None:
            piece, start = f"{leading[0]} {piece}", leading[1]
            leading = None
        short = _substance(piece, catalog) < _MIN_PART_WORDS
        if short and number + 1 < len(pieces) and _announces(piece, catalog):
            leading = (piece, start)
        elif parts and (short or _substance(parts[-1][0], catalog) < _MIN_PART_WORDS):
            parts[-1] = (f"{parts[-1][0]} {piece}", (parts[-1][1][0], end))
        else:
            parts.append((piece, (start, end)))
    if len(parts) > 1 and _substance(parts[-1][0], catalog) < _MIN_PART_WORDS:
        (before, (start, _)), (last, (_, end)) = parts[-2:]
        parts[-2:] = [(f"{before} {last}", (start, end))]
    return parts


def _pieces(question: str) -> list[tuple[str, int, int]]:
    """The text between part breaks, trimmed, with where it lies in the question."""
    pieces = []
    start = 0
    lists = [range(found.start(), found.end()) for found in _NAME_LIST.finditer(question)]
    breaks = [
        (found.start(), found.end())
        for found in _PART_BREAK.finditer(question)
        if not any(found.start() in names for names in lists)
    ]
    for end, resume in [*breaks, (len(question), len(question))]:
        raw = question[start:end]
        piece = raw.strip(" ,;?")
        if piece:
            offset = start + raw.index(piece)
            pieces.append((piece, offset, offset + len(piece)))
        start = resume
    return pieces


def _announces(fragment: str, catalog: SourceCatalog | None) -> bool:
    names_source = catalog is not None and bool(catalog.find(fragment))
    return (names_source or bool(find_dates(fragment))) and not _TRAILING.match(fragment)


def _substance(text: str, catalog: SourceCatalog | None) -> int:
    if catalog is not None and catalog.pattern is not None:
        text = catalog.pattern.sub(" ", text)  # a source names where to look, not what happened
    for form in _DATE_FORMS:
        text = form.sub(" ", text)  # and so does a day
    return sum(1 for token in tokenize(text) if token not in FRAMING)


# Asking for the newest: "the latest on", "most recent", "this week". Not "recently reported",
# which only places a report in time, and not inside an outlet's name ("... | Latest News").
_RECENT = re.compile(r"\b(?:latest|most recent|newest|this (?:week|month)|so far this year)\b", re.IGNORECASE)


def asks_for_recent(text: str, sources: Iterable[str] = ()) -> bool:
    """Whether a question asks for the newest news, outside the names of the sources it names."""
    for source in sources:
        text = re.sub(re.escape(source), " ", text, flags=re.IGNORECASE)
    return _RECENT.search(text) is not None


def plan(
    question: str, catalog: SourceCatalog, *, sources: bool = True, dates: bool = True, split: bool = True
) -> QueryPlan:
    """Recognise what `question` names and, when it has several parts, what each part names."""

    def part(text: str, span: tuple[int, int]) -> Part:
        named = catalog.find(text) if sources else frozenset()
        return Part(
            text,
            named,
            find_dates(text) if dates else (),
            span,
            recent=dates and asks_for_recent(text, named),
        )

    whole = part(question, (0, len(question)))
    pieces = _split(question, catalog if sources else None) if split else []
    if len(pieces) < 2:
        return QueryPlan(whole)
    parts = [part(text, span) for text, span in pieces]
    # A part that names no source is about the sources the question as a whole names.
    parts = [p if p.sources else replace(p, sources=whole.sources) for p in parts]
    return QueryPlan(whole, tuple(parts))
