"""An article's language, told from its script and its commonest words (no model, no download).

What the answer does with it: nothing yet beyond showing it. The bundled embedding model is
English, so non-English articles are found through BM25 (CJK through character bigrams); knowing
the language lets the UI and the README say so honestly, and lets a future multilingual model be
chosen per article.
"""

from __future__ import annotations

import re
from collections import Counter

# Scripts that name their language (or a family that is best named by its largest member).
_SCRIPTS = [
    ("ja", re.compile(r"[\u3040-\u30ff]")),  # kana: Japanese, even among kanji
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("zh", re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
]
# The commonest short words of Latin-script languages: a few dozen tell them apart reliably.
_COMMON = {
    "en": "the of and to in is that for it was on with as he said by at from his an be have are",
    "de": "der die und das ist nicht ein eine zu den von mit sich des auf für im dem wurde auch",
    "fr": "le la les et des est un une du que dans pour pas qui sur au avec il elle ont été",
    "es": "el la los las y de que en un una es por con para del se su al como fue más",
    "it": "il lo la gli le di che e un una per con non del della sono è nel alla ha",
    "nl": "de het een en van is dat op te zijn niet met voor die er ook aan door werd",
    "pt": "o a os as e de que em um uma do da para com não no na por se foi",
}
_WORDS = {language: frozenset(words.split()) for language, words in _COMMON.items()}
_WORD = re.compile(r"[^\W\d_]+")
SAMPLE = 5000  # characters looked at: the opening of an article says what language it is in


def detect(text: str) -> str:
    """The ISO 639-1 code of `text`'s language, or "" when it cannot be told."""
    sample = text[:SAMPLE]
    letters = sum(ch.isalpha() for ch in sample) or 1
    counts = {language: len(script.findall(sample)) for language, script in _SCRIPTS}
    if counts["ja"] and counts["ja"] + counts["zh"] > 0.3 * letters:
        return "ja"  # kanji are Chinese characters; kana beside them make it Japanese
    for language, count in counts.items():
        if count > 0.3 * letters:
            return language
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return ""
    hits = Counter({language: sum(w in common for w in words) for language, common in _WORDS.items()})
    language, count = hits.most_common(1)[0]
    return language if count >= max(2, len(words) // 20) else ""
