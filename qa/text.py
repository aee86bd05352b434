"""Sentence splitting for news prose, keeping every sentence's exact character span."""

from __future__ import annotations

import re
from itertools import pairwise

from qa.types import Sentence

# A line that only points at another story ("READ MORE: Halifax braces for ...", "Also Read: ..."),
# set between an article's paragraphs by news sites: no fact of the article's own.
LINK_LINE = re.compile(r"(?:read more|more|related|see also|also read|watch|listen|recommended)\s*:", re.I)

# Titles before a name: a period after one never ends a sentence.
_TITLES = frozenset(
    """
    mr mrs ms dr prof sen sens rep reps gov lt col gen maj capt sgt cpl adm cmdr pvt supt insp
    det st rev hon pres atty amb messrs mt ft
    """.split()
)
# Other abbreviations; one ends the sentence only when a typical sentence opener follows.
_ABBREVIATIONS = frozenset(
    """
    jr sr corp inc ltd co bros assn dept univ est vs v etc al approx fig vol pp ed eds
    jan feb mar apr jun jul aug sep sept oct nov dec
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo
    mont neb nev okla ore pa tenn tex va vt wash wis wyo
    """.split()
)
# Words that open a new sentence far more often than they continue a name ("in the U.S. The").
_OPENERS = frozenset(
    """
    the a an he she it they we i you this that these those his her its their our there here
    but and or so yet if when while after before as at in on for by with from to of
    some many most more officials according however meanwhile still also then now
    """.split()
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then whitespace.
_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s)""")
# No sentence is longer: a run without sentence ends (a table dump, a minified page) is cut at
# clause marks or spaces, so no citation, answer or chat message can grow with the input.
MAX_SENTENCE_CHARS = 1000
# Chinese and Japanese end sentences with full-width marks and no space after them; such a mark
# always ends one (there are no abbreviations to mistake it for).
_CJK_BOUNDARY = re.compile(r"""[。！？]+[」』”’）)]*""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.'’]*)$")
_NEXT_START = re.compile(r"""\s+(["'“‘(\[]*)(\S)""")
# Datelines such as "WASHINGTON (AP) —" or "LONDON —" open a paragraph; they are part of the
# first sentence, so nothing special is needed beyond not splitting on the dash.


def _abbreviation_joins(text: str, dot: int, next_word: str) -> bool:
    """True when the period at `dot` closes an abbreviation or initial that the next word continues."""
    # Only the last few dozen characters: searching from the start made splitting quadratic.
    match = _WORD_BEFORE.search(text, max(0, dot - 64), dot)
    if not match:
        return False
    word = match.group(1)
    bare = word.rstrip(".").lower()
    if bare in _TITLES:
        return True  # "Sen. Smith"
    if len(bare) == 1 and word[0].isupper() and not text[dot - 2 : dot - 1].isalpha():
        # an initial as in "John F. Kennedy" or "F. A. Hayek", but "Plan A. Then"
        return len(next_word) == 1 or next_word.lower() not in _OPENERS
    if bare == "no":
        return next_word[:1].isdigit()  # "No. 5" but "He said no. Then"
    if "." in word.rstrip(".") or bare in _ABBREVIATIONS:
        # dotted forms (U.S., D.C., p.m.) and the like end a sentence before an opener
        return next_word.lower() not in _OPENERS
    return False


def _ends_sentence(text: str, boundary: re.Match[str]) -> bool:
    """Decide whether a punctuation run followed by whitespace really ends a sentence."""
    punct = boundary.group(0)
    nxt = _NEXT_START.match(text, boundary.end())
    if nxt is None:
        return True
    if "\n" in text[boundary.end() : nxt.start(2)]:
        return True  # a line break after terminal punctuation always ends the sentence
    first = nxt.group(2)
    if first.islower() or first in ",;:":
        return False  # "said Sen. smith", "2 p.m. on" , "...," continue the sentence
    if punct == ".":
        dot = boundary.start()
        next_word = re.match(r"[\w'’]+", text[nxt.start(2) :])
        if _abbreviation_joins(text, dot, next_word.group(0) if next_word else first):
            return False
        if text[dot - 1 : dot].isdigit() and first.isdigit():
            return False
    return True


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so it holds no leading or trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _line_breaks(text: str) -> list[int]:
    """Offsets where a line break separates blocks: paragraphs, headlines, list items.

    A break inside hard-wrapped prose (no terminal punctuation before it, a lowercase word
    after it) joins the lines instead.
    """
    cuts = []
    for brk in re.finditer(r"[ \t]*\n\s*", text):
        before = text[: brk.start()].rstrip()[-1:]
        after = text[brk.end() : brk.end() + 1]
        if before and before not in ".!?…:\"'”’)]" and after.islower():
            continue
        cuts.append(brk.start())
        cuts.append(brk.end())
    return cuts


def split_sentences(text: str) -> list[Sentence]:
    """Split article text into sentences; `text[s.start:s.end] == s.text` for every sentence."""
    blocks = [0, *_line_breaks(text), len(text)]
    cuts: list[int] = []
    for begin, stop in zip(blocks[::2], blocks[1::2]):
        cuts.append(begin)
        block = text[:stop]
        ends = [b.end() for b in _BOUNDARY.finditer(text, begin, stop) if _ends_sentence(block, b)]
        ends += [b.end() for b in _CJK_BOUNDARY.finditer(text, begin, stop)]
        cuts += sorted(set(ends))
        cuts.append(stop)
    sentences: list[Sentence] = []
    for start, end in pairwise(cuts):
        for first, last in _bounded(text, *_trimmed(text, start, end)):
            if last > first and any(ch.isalnum() for ch in text[first:last]):
                sentences.append(Sentence(len(sentences), first, last, text[first:last]))
    return sentences


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) in pieces of at most MAX_SENTENCE_CHARS: cut after the last clause mark (; : ,)
    in the second half of the limit, else at the last space, else hard at the limit."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        window = text[start : start + MAX_SENTENCE_CHARS]
        cut = max(window.rfind(mark) for mark in (";", ":", ",")) + 1
        if cut <= MAX_SENTENCE_CHARS // 2:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = MAX_SENTENCE_CHARS
        pieces.append(_trimmed(text, start, start + cut))
        start = _trimmed(text, start + cut, end)[0]
    pieces.append((start, end))
    return pieces
