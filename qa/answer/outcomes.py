"""Who beat whom in a sentence, as news writes results: the sides a text says won and lost. The
verdict compares a claim's result with a sentence's; the short answer to "Who beat X?" is a side
the sentence has win over X."""

from __future__ import annotations

import re
from functools import lru_cache

from qa.answer.cite import words_of

# Who beat whom, as news writes it: "Argentina knocking over the All Blacks", "England ... beat the
# All Blacks 19-7", "the All Blacks, who suffered a shock semi-final loss to England", "Arsenal's win
# over Spurs". A side is a capitalised name; a pronoun leaves its side unknown.
_SIDE = r"((?:[A-Z][\w’'.-]*)(?:\s+[A-Z][\w’'.-]*)*)"
_BEATING = (
    r"(?:beat|beats|beating|defeated|defeats|defeating|knocked over|knocking over|knocks over|edged|"
    r"thrashed|upset|overcame|stunned|routed|crushed|hammered|downed|eliminated|knocked out|"
    r"pulveri[sz]ed|trounced|outclassed)"
)
# What news writes between a verb of winning and the side it beat ("beat 10-man Borussia Dortmund",
# "a win over champions Napoli", "defeated lowly visitors Udinese"): a few lowercase words, none of
# them one that would start another phrase ("beat them in Paris").
_DESCRIBING = (
    r"(?:(?!(?:in|at|on|for|with|by|to|from|and|but|after|before|them|him|her|it|us|their)\b)"
    r"[a-z\d][\w-]*\s+){0,2}?"
)
_OUTCOMES = (  # (pattern, group of the winner, group of the loser)
    (
        re.compile(rf"(?:{_SIDE}(?:[’']s?)?\s+(?:[\w-]+\s+)?)?{_BEATING}\s+(?:the\s+)?{_DESCRIBING}{_SIDE}"),
        1,
        2,
    ),
    (
        re.compile(
            # ("Juventus, who had a 1-0 home win over champions Napoli")
            rf"(?:{_SIDE}(?:[’']s?)?(?:\s+|,\s+who\s+(?:[\w-]+\s+){{0,2}})(?:[\w-]+\s+){{0,2}})?"
            rf"(?:win|wins|won|victory)\b[^.;,]{{0,40}}?"
            rf"\b(?:over|against)\s+(?:the\s+)?{_DESCRIBING}{_SIDE}"
        ),
        1,
        2,
    ),
    (
        # "Bayern, already through but ... after their own 5-1 defeat to Eintracht Frankfurt": the
        # loss of the sentence's subject
        re.compile(
            rf"^\W*{_SIDE},?\s[^.;]*?\b(?:their|its|his|her)\s+(?:own\s+)?(?:[\w–-]+\s+){{0,2}}?"
            rf"(?:defeat|loss)\s+(?:to|against|at the hands of)\s+(?:the\s+)?{_SIDE}"
        ),
        2,
        1,
    ),
    (
        re.compile(
            rf"{_SIDE}(?:[’']s?)?,?\s+(?:who\s+)?(?:[\w-]+\s+){{0,4}}?(?:lost|lose|loses|losing|loss|defeat)\s+"
            rf"(?:\S+\s+){{0,2}}?(?:to|against)\s+(?:the\s+)?{_SIDE}"
        ),
        2,
        1,
    ),
    (re.compile(rf"{_SIDE}\s+(?:\w+\s+)?(?:win|wins|won|beat|beats)\b"), 1, 0),
    (re.compile(rf"{_SIDE}\s+(?:\w+\s+)?(?:lose|loses|lost)\b"), 0, 1),
)


@lru_cache(maxsize=1024)
def outcome(text: str) -> tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...]]:
    """The sides a text says won and lost, each by the words of its name (read once per text: a
    claim is checked against many sentences, and `contradicts` asks twice)."""
    won: list[frozenset[str]] = []
    lost: list[frozenset[str]] = []
    for pattern, winner, loser in _OUTCOMES:
        for found in pattern.finditer(text):
            for group, sides in ((winner, won), (loser, lost)):
                if group and found.group(group) and (words := words_of(found.group(group))):
                    sides.append(frozenset(words))
    return tuple(won), tuple(lost)
