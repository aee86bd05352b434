"""Article extraction from news pages (trafilatura, qa.ingestion.extract) on the pages in evals/pages/."""

from __future__ import annotations

import pytest

from evals.extraction import PAGES, baseline, library, score
from qa.ingestion.extract import NoArticleText, article_from_html, decode_page


def test_the_library_extractor_keeps_the_article_and_drops_the_chrome() -> None:
    ours, before = score(library), score(baseline)
    assert ours.pages == 15
    assert ours.lost == []  # no sentence of any article is lost
    assert len(ours.leaked) <= 1  # of 65 boilerplate snippets: menus, banners, comments, adverts, bios
    assert ours.metadata_right >= 72  # of 75 fields
    # What chose it: the hand-written parser it replaced leaks most of the chrome.
    assert len(before.leaked) > 10 * max(1, len(ours.leaked)) and before.metadata_right < ours.metadata_right


def test_metadata_comes_from_json_ld_meta_tags_and_bylines() -> None:
    wire = article_from_html((PAGES / "01_wire_dateline.html").read_text(), origin="wire")
    assert (wire.title, wire.author, wire.source) == (
        "Senate passes flood relief bill after late-night vote",
        "Lisa Marquez",
        "Capitol Ledger",
    )
    assert wire.published == "2024-04-09"
    assert wire.text.startswith("WASHINGTON (AP) — The Senate passed")  # the dateline is the story's
    bare = article_from_html((PAGES / "07_no_meta.html").read_text(), origin="bare")
    assert bare.published == ""  # no date on the page: none is guessed
    # A "READ MORE:" line between paragraphs is a link, not the story.
    storm = article_from_html((PAGES / "11_inline_read_more.html").read_text(), origin="storm")
    assert "READ MORE" not in storm.text and "second, weaker system" in storm.text


def test_a_page_without_an_article_is_refused() -> None:
    with pytest.raises(NoArticleText, match="no readable article text"):
        article_from_html("<html><body><nav><a href='/'>Home</a></nav></body></html>", origin="empty")


def test_pages_are_decoded_by_the_charset_they_declare() -> None:
    latin = "Café Niño, São Paulo".encode("latin-1")
    assert decode_page(latin, "iso-8859-1") == "Café Niño, São Paulo"
    assert decode_page(b'<meta charset="windows-1252"><p>' + "“quoted”".encode("cp1252")).endswith("“quoted”")
    assert decode_page("\ufeffplain".encode("utf-8")) == "plain"
    # Undeclared (or misdeclared) and not UTF-8: the best guess, not an error.
    story = "Le café de la Place Ménard a rouvert vendredi, a déclaré son propriétaire, José Müller. " * 3
    assert decode_page(story.encode("latin-1"), "no-such-charset") == story
