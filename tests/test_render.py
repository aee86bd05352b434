"""Rendering answers and sources: untrusted article text is escaped, citations are marked exactly."""

from __future__ import annotations

import re
from html import unescape

from hypothesis import given
from hypothesis import strategies as st

from qa import Answer, Citation, Claim, Passage
from qa.answer.render import chat_markdown, escape_markdown, highlighted, sources_html

TEXT = "Lede sentence here. The <b>mayor</b> said 5 < 6 & more. Closing line."


def citation(n: int, sentence: str, text: str = TEXT, **fields: str) -> Citation:
    start = text.index(sentence)
    meta = {"title": "Title", "url": "", "published": "", "source": ""} | fields
    return Citation(
        n=n,
        article_id="a1",
        sentence=sentence,
        sentence_index=n,
        start=start,
        end=start + len(sentence),
        score=0.9,
        **meta,
    )


@given(st.text())
def test_escaped_markdown_has_no_raw_markup_characters(text: str) -> None:
    escaped = escape_markdown(text)
    assert not re.search(r"(?<!\\)[<>`*_\[\]]", escaped.replace("\\\\", ""))
    assert "\n" not in escaped


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_highlighting_keeps_the_text_exactly(text: str) -> None:
    text = f" \n Start. {text} End.\n"
    cited = [citation(1, "End.", text)]
    html = highlighted(text, cited, turn=0)
    plain = re.sub(r"<sup[^>]*>\[\d+\]</sup>", "", html)
    assert unescape(re.sub(r"</?mark[^>]*>", "", plain)) == text.strip()


def test_cited_sentences_are_marked_with_their_anchor() -> None:
    cited = [citation(2, "Closing line."), citation(1, "The <b>mayor</b> said 5 < 6 & more.")]
    html = highlighted(TEXT, cited, turn=3)
    assert (
        '<mark class="qa-cited" id="cite-3-1">The &lt;b&gt;mayor&lt;/b&gt; said 5 &lt; 6 &amp; more.</mark>'
        in html
    )
    assert 'id="cite-3-2">Closing line.</mark>' in html
    assert "<b>" not in html


def test_a_citation_that_no_longer_matches_the_text_is_left_unmarked() -> None:
    stale = citation(1, "Closing line.")
    html = highlighted(TEXT.replace("Closing", "Final"), [stale], turn=0)
    assert "<mark" not in html


def test_markers_link_only_to_real_citations() -> None:
    cited = citation(1, "Closing line.")
    answer = Answer(question="q", text="Closing line [1] and [7] <i>x</i>", citations=[cited])
    markdown = chat_markdown(answer, turn=2)
    assert "[\\[1\\]](#cite-2-1)" in markdown
    assert "\\[7\\]" in markdown and "#cite-2-7" not in markdown
    assert "\\<i\\>" in markdown


def test_source_card_escapes_metadata_and_links_only_web_urls() -> None:
    hostile = citation(1, "Closing line.", title="<script>x()</script>", url="javascript:alert(1)")
    answer = Answer(question="q", text="Closing line. [1]", citations=[hostile])
    html = sources_html(answer, turn=0, article_text=lambda _: TEXT)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "href" not in html
    web = citation(
        1, "Closing line.", url="https://news.example/a?b=1&c=2", source="Wire", published="2024-01-02"
    )
    html = sources_html(Answer("q", "x [1]", [web]), turn=0, article_text=lambda _: TEXT)
    assert 'href="https://news.example/a?b=1&amp;c=2"' in html and "Wire · January 2, 2024" in html


def test_an_abstention_shows_related_passages_without_marks() -> None:
    passage = Passage(chunk_id="c", article_id="a1", title="<em>T</em>", text="Some text.", score=0.2)
    html = sources_html(
        Answer("q", "The articles don't say.", abstained=True, passages=[passage]), turn=0, article_text=str
    )
    assert "Related passages, not citations" in html and "&lt;em&gt;T&lt;/em&gt;" in html
    assert "<mark" not in html


def test_unsupported_sentences_are_marked_and_supported_ones_linked() -> None:
    cited = citation(1, "Closing line.")
    claims = [
        Claim("Closing line.", (1,), supported=True, support=0.9),
        Claim("Made-up *claim*.", (), supported=False, support=0.1),
    ]
    answer = Answer(question="q", text="Closing line. [1] Made-up *claim*.", citations=[cited], claims=claims)
    markdown = chat_markdown(answer, turn=0)
    assert markdown.startswith("Closing line. [\\[1\\]](#cite-0-1)")
    assert markdown.endswith("⚠️ _Made-up \\*claim\\*._ (no source backs this)")
