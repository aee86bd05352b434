"""Presentation: answers as chat Markdown, and their sources as HTML with the cited sentences marked.

Everything an article provides (title, text, source, URL) is untrusted: it is escaped here, so
markup in an article is shown as text and never runs in the browser.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from html import escape
from urllib.parse import urlparse

from qa.retrieval.query import long_date, published_date
from qa.types import Answer, Citation, Passage, ResolvedDay, ShortSpan

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~$])")
_BLOCK_START = re.compile(r"^(\d*)([#+\-.)])")
_MARKER = re.compile(r"\\\[(\d+)\\\]")
RELATED_PASSAGES = 3
RELATED_CHARS = 400


def escape_markdown(text: str) -> str:
    """One line of text that Markdown renders literally: no markup, links, HTML or math.

    Only the characters that could start markup are escaped, so the message stays readable.
    """
    line = _INLINE_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _BLOCK_START.sub(r"\1\\\2", line)  # "# ", "- " or "1." would open a heading or a list


def anchor(turn: int, n: int) -> str:
    """The element id of citation `n` of a conversation's turn `turn`."""
    return f"cite-{turn}-{n}"


def chat_markdown(answer: Answer, *, turn: int) -> str:
    """The answer as Markdown: text shown literally, each [n] a link to its highlighted sentence,
    a sentence the citation check found no source for marked as such, and what went wrong on the
    way (a local model that stopped) said first."""
    notes = "".join(f"⚠️ _{escape_markdown(note[:1].upper() + note[1:])}._\n\n" for note in answer.notes)
    return notes + _short_markdown(answer, turn=turn) + _body_markdown(answer, turn=turn)


def _short_markdown(answer: Answer, *, turn: int) -> str:
    """The direct answer in bold on a line of its own, linked to the sentence that holds it."""
    if not answer.short or answer.abstained:
        return ""
    link = (
        f" [\\[{answer.short_span.n}\\]](#{anchor(turn, answer.short_span.n)})" if answer.short_span else ""
    )
    return f"**{escape_markdown(answer.short)}**{link}\n\n"


def _body_markdown(answer: Answer, *, turn: int) -> str:
    if answer.claims:
        parts = []
        days = {c.n: c.days for c in answer.citations}
        for claim in answer.claims:
            text = escape_markdown(claim.text)
            for n in claim.citations:
                text = with_dates(text, days.get(n, ()), mark="_({})_")
            if claim.supported:
                parts.append(text + "".join(f" [\\[{n}\\]](#{anchor(turn, n)})" for n in claim.citations))
            else:
                parts.append(f"⚠️ _{text}_ (no source backs this)")
        return " ".join(parts)
    cited = {c.n for c in answer.citations}

    def link(match: re.Match[str]) -> str:
        n = int(match.group(1))
        return f"[\\[{n}\\]](#{anchor(turn, n)})" if n in cited else match.group(0)

    return _MARKER.sub(link, escape_markdown(answer.text))


def sources_html(answer: Answer, *, turn: int, article_text: Callable[[str], str]) -> str:
    """The sources panel: one card per cited article, or the related passages of an abstention."""
    if answer.abstained or not answer.citations:
        return _related_html(answer.passages)
    by_article: dict[str, list[Citation]] = {}
    for citation in answer.citations:
        by_article.setdefault(citation.article_id, []).append(citation)
    cards = [
        _article_card(citations, article_text(article_id), turn=turn, short=answer.short_span)
        for article_id, citations in by_article.items()
    ]
    return '<div class="qa-sources">' + "".join(cards) + "</div>"


def _article_card(citations: Sequence[Citation], text: str, *, turn: int, short: ShortSpan | None) -> str:
    first = citations[0]
    return (
        '<article class="qa-source">'
        f'<h3 class="qa-title">{escape(first.title)}</h3>'
        f'<p class="qa-meta">{_meta_line(first)}</p>'
        f'<div class="qa-body">{highlighted(text, citations, turn=turn, short=short)}</div>'
        "</article>"
    )


def with_dates(text: str, days: Iterable[ResolvedDay], *, mark: str = "({})") -> str:
    """`text` with the date each relative day means written after it, once: "on Tuesday
    (September 15, 2015)"."""
    for day in days:
        at = text.find(day.text)
        if at >= 0 and day.date not in text:
            end = at + len(day.text)
            text = f"{text[:end]} {mark.format(day.date)}{text[end:]}"
    return text


def shown_date(published: str) -> str:
    """An article's publication day as a reader wants it ("March 4, 2024"), or "date unknown"."""
    when = published_date(published)
    return long_date(when) if when else "date unknown"


def _meta_line(citation: Citation) -> str:
    parts = [escape(part) for part in (citation.source, shown_date(citation.published)) if part]
    if _is_web_link(citation.url):
        url = escape(citation.url, quote=True)
        parts.append(f'<a href="{url}" target="_blank" rel="noopener noreferrer nofollow">link</a>')
    elif citation.url:
        parts.append(escape(citation.url))
    if citation.also_in:  # the same wire story, published by others too
        parts.append(f'<span class="qa-also">also in: {escape("; ".join(citation.also_in))}</span>')
    return " · ".join(parts)


def _is_web_link(url: str) -> bool:
    return urlparse(url.strip()).scheme in {"http", "https"}


def highlighted(
    text: str, citations: Sequence[Citation], *, turn: int, short: ShortSpan | None = None
) -> str:
    """The article text, escaped, with each cited sentence in a <mark> that its [n] links to, and
    the short answer's words inside their sentence in a <strong class="qa-short">."""
    pieces: list[str] = []
    position = len(text) - len(text.lstrip())  # leading blank lines would show in a pre-wrap box
    for citation in sorted(citations, key=lambda c: c.start):
        if citation.start < position or text[citation.start : citation.end] != citation.sentence:
            continue  # overlapping, or an article that changed since the answer: leave unmarked
        pieces.append(escape(text[position : citation.start]))
        pieces.append(
            f'<mark class="qa-cited" id="{anchor(turn, citation.n)}">{_sentence_html(citation, short)}</mark>'
            f'<sup class="qa-n">[{citation.n}]</sup>'
        )
        position = citation.end
    pieces.append(escape(text[position:].rstrip()))
    return "".join(pieces)


def _sentence_html(citation: Citation, short: ShortSpan | None) -> str:
    """A cited sentence, escaped, with the short answer's span marked when it lies in it."""
    sentence = citation.sentence
    if (
        short is None
        or short.n != citation.n
        or not citation.start <= short.start < short.end <= citation.end
    ):
        return escape(sentence)
    start, end = short.start - citation.start, short.end - citation.start
    return (
        f'{escape(sentence[:start])}<strong class="qa-short">{escape(sentence[start:end])}</strong>'
        f"{escape(sentence[end:])}"
    )


def _related_html(passages: Sequence[Passage]) -> str:
    if not passages:
        return '<div class="qa-sources"><p class="qa-empty">No passages found.</p></div>'
    items = []
    for passage in passages[:RELATED_PASSAGES]:
        excerpt = passage.text if len(passage.text) <= RELATED_CHARS else passage.text[:RELATED_CHARS] + "…"
        items.append(
            '<article class="qa-related">'
            f'<h3 class="qa-title">{escape(passage.title)}</h3>'
            f'<p class="qa-excerpt">{escape(excerpt)}</p>'
            "</article>"
        )
    heading = (
        '<p class="qa-related-note">Related passages, not citations: none of them answers the question.</p>'
    )
    return '<div class="qa-sources">' + heading + "".join(items) + "</div>"
