"""The extraction comparison: the product's extractor (trafilatura, `qa.ingestion.extract`) against the
hand-written HTML parser it replaced, on the news pages in evals/pages/ (written for this test:
navigation, cookie banners, related links, comments, paywall teasers, adverts between paragraphs,
author bios, JSON-LD, microdata, bylines, datelines, tables).

    python -m evals.extraction

Per extractor: boilerplate snippets that leaked into the stored title or text, article sentences
lost, and metadata fields (title, author, date, site name, canonical URL) that came out right.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from qa.ingestion.extract import article_from_html
from qa.types import Article

PAGES = Path(__file__).resolve().parent / "pages"
FIELDS = ("title", "author", "published", "source", "url")


@dataclass
class Score:
    """One extractor's result over the pages."""

    pages: int = 0
    leaked: list[str] = field(default_factory=list)  # "page: snippet"
    lost: list[str] = field(default_factory=list)  # "page: sentence"
    fields_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    boilerplate: int = 0
    sentences: int = 0

    @property
    def metadata_right(self) -> int:
        return sum(self.fields_right.values())


def _plain(text: str) -> str:
    text = text.replace("“", '"').replace("”", '"').replace("’", "'")
    return " ".join(text.split())


def _field(article: Article, name: str) -> str:
    value = str(getattr(article, name))
    return value[:10] if name == "published" else value


def score(extract: Callable[[str, str], Article], pages: Path = PAGES) -> Score:
    """Run `extract(html, origin)` over every page and compare with evals/pages/truth.json."""
    truth = json.loads((pages / "truth.json").read_text(encoding="utf-8"))
    result = Score()
    for name, expected in sorted(truth.items()):
        html = (pages / name).read_text(encoding="utf-8")
        result.pages += 1
        result.boilerplate += len(expected["boilerplate"])
        result.sentences += len(expected["body"])
        try:
            article = extract(html, name)
        except ValueError:
            result.lost += [f"{name}: {s}" for s in expected["body"]]
            continue
        stored = _plain(f"{article.title}\n{article.text}")
        result.leaked += [f"{name}: {b}" for b in expected["boilerplate"] if _plain(b) in stored]
        result.lost += [f"{name}: {s}" for s in expected["body"] if _plain(s) not in stored]
        for key in FIELDS:
            result.fields_right[key] += _plain(_field(article, key)) == _plain(expected[key])
    return result


def library(html: str, origin: str) -> Article:
    """The product's extractor."""
    return article_from_html(html, origin=origin)


# --- the baseline: the hand-written parser the product used before ----------------------------


class _BaselineHTML(HTMLParser):
    """Title, meta tags and text blocks of a page; scripts and semantic chrome tags skipped."""

    _SKIP = frozenset({"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg"})
    _BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "li", "blockquote", "div", "br", "tr", "pre"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skip_depth = 0
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        key = values.get("property") or values.get("name") or ""
        if tag == "meta" and key and values.get("content"):
            self.meta[key.lower()] = values["content"].strip()
        elif tag == "link" and values.get("rel") == "canonical":
            self.meta.setdefault("canonical", values.get("href", ""))
        self._skip_depth += tag in self._SKIP
        if tag in self._BLOCKS:
            self.flush()
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip_depth:
            self._skip_depth -= 1
        if tag in self._BLOCKS:
            self.flush()
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if "title" in self._in:
            self.title += data
        elif "head" not in self._in:
            self._current.append(data)

    def flush(self) -> None:
        block = " ".join("".join(self._current).split())
        if block:
            self.blocks.append(block)
        self._current = []


def baseline(html: str, origin: str) -> Article:
    """The hand-written parser (qa/ingestion/corpus.py before trafilatura), kept here as the
    comparison's baseline."""
    parser = _BaselineHTML()
    parser.feed(html)
    parser.close()
    parser.flush()
    meta = parser.meta
    title = meta.get("og:title") or " ".join(parser.title.split())
    blocks = [b for b in parser.blocks if b != title]
    if not blocks:
        raise ValueError("HTML has no readable article text")
    return Article(
        title=title,
        text="\n\n".join(blocks),
        url=meta.get("og:url") or meta.get("canonical", ""),
        source=meta.get("og:site_name", ""),
        author=meta.get("author") or meta.get("article:author", ""),
        published=meta.get("article:published_time") or meta.get("date", ""),
        origin=origin,
    )


def table(results: dict[str, Score]) -> str:
    """The comparison as a Markdown table."""
    first = next(iter(results.values()))
    lines = [
        f"| extractor | boilerplate leaked (of {first.boilerplate}) | article sentences lost (of "
        f"{first.sentences}) | metadata right (of {first.pages * len(FIELDS)}) | "
        + " | ".join(FIELDS)
        + " |",
        "|---" * (4 + len(FIELDS)) + "|",
    ]
    for name, result in results.items():
        per_field = " | ".join(str(result.fields_right[f]) for f in FIELDS)
        lines.append(
            f"| {name} | {len(result.leaked)} | {len(result.lost)} | {result.metadata_right} | {per_field} |"
        )
    return "\n".join(lines)


def main() -> int:
    results = {
        "trafilatura (qa.ingestion.extract)": score(library),
        "hand-written parser (before)": score(baseline),
    }
    print(table(results))
    for name, result in results.items():
        for line in result.leaked:
            print(f"{name} leaked  {line}", file=sys.stderr)
        for line in result.lost:
            print(f"{name} lost    {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
