"""News pages to Articles: the article text without the page's chrome, and its metadata.

trafilatura does the work (README: "Reading web pages" has the measurement that chose it over the
hand-written parser this replaced): boilerplate removal with years of real-page fixes behind it,
and title, author, site name, publication date and canonical URL from JSON-LD, `og:`/`article:`
meta tags and visible bylines (htmldate finds the date).
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import TYPE_CHECKING

from qa.text import LINK_LINE
from qa.types import Article

if TYPE_CHECKING:
    from configparser import ConfigParser

_DECLARED = re.compile(
    rb"""<meta[^>]+charset=["']?\s*([A-Za-z0-9_.:-]+)|encoding=["']([A-Za-z0-9_.:-]+)""", re.I
)


_FEWEST_WORDS = 4
_JSON_LD = re.compile(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", re.I | re.S)
_ARTICLE_TYPES = ("Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting")


class NoArticleText(ValueError):
    """The page holds no readable article text (an index page, a login wall, an empty shell)."""


@cache
def _config() -> ConfigParser:
    from trafilatura.settings import use_config

    config = use_config()
    # Its timeout works by SIGALRM, which only the main thread may set; the chat UI extracts in a
    # worker thread, and the size limit is ours (QA_MAX_FILE_MB), checked before extraction.
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    config.set("DEFAULT", "MAX_FILE_SIZE", str(2**31))
    return config


def article_from_html(html: str, *, origin: str, url: str = "") -> Article:
    """The article a page holds; `url` is where it was fetched from (its canonical URL wins)."""
    from trafilatura import bare_extraction

    document = bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"original_date": True, "extensive_search": False},
        config=_config(),
        # Menus, footers and sidebars are never the story; trafilatura drops them on its main path,
        # but its fallbacks for short pages (a two-paragraph brief) would keep them.
        prune_xpath=["//nav", "//footer", "//aside"],
    )
    text = getattr(document, "text", None) or ""
    title = " ".join((getattr(document, "title", None) or "").split())
    paragraphs = [" ".join(line.split()) for line in text.splitlines()]
    paragraphs = [p for p in paragraphs if p and not LINK_LINE.match(p)]
    if paragraphs and paragraphs[0] == title:  # the page's own headline, repeated above the text
        paragraphs = paragraphs[1:]
    # What is left of a page without an article is a menu entry or two ("Home"), never a sentence.
    if sum(len(p.split()) for p in paragraphs) < _FEWEST_WORDS:
        raise NoArticleText("HTML has no readable article text")
    return Article(
        title=title or paragraphs[0][:120],
        text="\n\n".join(paragraphs),
        url=_field(document, "url") or _json_ld_url(html) or url,
        source=_field(document, "sitename"),
        author=_field(document, "author"),
        published=_field(document, "date"),
        origin=origin,
    )


def _json_ld_url(html: str) -> str:
    """The article's own URL from its JSON-LD (`url` or `mainEntityOfPage`), which trafilatura
    does not read; "" when the page has none."""
    for block in _JSON_LD.findall(html):
        try:
            data = json.loads(block)
        except ValueError:
            continue
        nodes = data.get("@graph", [data]) if isinstance(data, dict) else data
        for node in nodes if isinstance(nodes, list) else []:
            if not isinstance(node, dict) or node.get("@type") not in _ARTICLE_TYPES:
                continue
            page = node.get("url") or node.get("mainEntityOfPage") or ""
            page = page.get("@id", "") if isinstance(page, dict) else page
            if isinstance(page, str) and page.startswith(("http://", "https://")):
                return page
    return ""


def _field(document: object, name: str) -> str:
    return " ".join(str(getattr(document, name, None) or "").split())


def decode_page(content: bytes, declared: str = "") -> str:
    """A fetched page or feed as text: the charset the server declared, else the one the document
    declares, else UTF-8, else Windows-1252, the fallback browsers use (HTML standard) for
    undeclared Western pages; statistical guessers misread short Latin-1 pages as Baltic."""
    candidates = [declared]
    sniffed = _DECLARED.search(content[:4096])
    if sniffed:
        candidates.append((sniffed.group(1) or sniffed.group(2)).decode("ascii"))
    candidates.append("utf-8-sig")
    for charset in candidates:
        if not charset:
            continue
        try:
            return content.decode(charset).removeprefix("\ufeff")
        except (LookupError, UnicodeDecodeError):
            continue
    return content.decode("cp1252", "replace")
