"""Articles from the web: article URLs, feed URLs and feed files, fetched politely and extracted.

A feed's items are fetched (a few at once) and extracted like any page; when an item's page cannot be
fetched or holds no article, the feed's own text of the item is stored instead, and the report says
so. Pages fetched before are asked for with their ETag / Last-Modified, so an unchanged page costs a
304 and is reported unchanged without being extracted again.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from qa.ingestion.corpus import LoadError
from qa.ingestion.extract import NoArticleText, article_from_html, decode_page
from qa.ingestion.feeds import FeedItem, PageMemo, WebState, canonical_url, looks_like_feed, parse_feed
from qa.ingestion.fetch import Fetched, Fetcher, FetchError, Validators, is_url
from qa.types import Article

# Whether every one of these article ids is stored (asked of the store, not of a copy of its list).
Stored = Callable[[list[str]], bool]
_FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".rdf"})
_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|blockquote)\s*>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")
_CODE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)


def is_feed_file(path: str | Path) -> bool:
    """A local file read as a feed (its items' pages are then fetched)."""
    return Path(path).suffix.lower() in _FEED_SUFFIXES


@dataclass
class WebLoaded:
    """What a batch of web sources yielded."""

    articles: list[Article] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was stored in a way worth knowing
    unchanged: list[str] = field(default_factory=list)  # ids of stored articles a 304 confirmed
    memos: dict[str, PageMemo] = field(default_factory=dict)  # per fetched URL, for next time
    feeds: dict[str, tuple[str, int]] = field(default_factory=dict)  # feed -> (title, items read)


def load_web(sources: list[str], *, fetcher: Fetcher, state: WebState, stored: Stored) -> WebLoaded:
    """Fetch and extract every URL (page or feed) and read every feed file in `sources`."""
    loaded = WebLoaded()
    for source in sources:
        if is_url(source):
            _load_url(source, None, fetcher, state, stored, loaded, top=True)
            continue
        try:
            content = Path(source).read_bytes()
        except OSError as exc:
            loaded.errors.append(LoadError(source, f"unreadable ({exc.strerror or exc})"))
            continue
        _load_feed(source, content, fetcher, state, stored, loaded)
    return loaded


def _load_url(
    url: str,
    item: FeedItem | None,
    fetcher: Fetcher,
    state: WebState,
    stored: Stored,
    loaded: WebLoaded,
    *,
    top: bool,
) -> None:
    memo = state.pages.get(url)
    # A conditional request only for what is still stored (a removed article must be fetched again)
    # and, for a feed, only when its last pull left nothing to retry.
    validators = None
    wanted = ([memo.article_id] if memo.article_id else memo.items) if memo else []
    if memo and wanted and stored(wanted):
        validators = Validators(memo.etag, memo.last_modified)
    try:
        fetched = fetcher.fetch(url, validators)
    except FetchError as error:
        if validators and memo and memo.article_id:  # a passing failure never replaces a good page
            loaded.notes.append(f"{url}: page not fetched ({error}); kept the stored article")
            loaded.unchanged.append(memo.article_id)
        else:
            _from_feed_text(url, item, str(error), loaded)
        return
    if fetched.not_modified and memo is not None:
        loaded.unchanged += [memo.article_id] if memo.article_id else memo.items
        if not memo.article_id:
            loaded.feeds[url] = (memo.title, len(memo.items))
        loaded.memos[url] = memo
        return
    if top and looks_like_feed(fetched.content, fetched.content_type):
        _load_feed(url, fetched.content, fetcher, state, stored, loaded, fetched=fetched)
        return
    try:
        page = article_from_html(decode_page(fetched.content, fetched.charset), origin=url, url=fetched.url)
    except NoArticleText as error:
        _from_feed_text(url, item, str(error), loaded)
        return
    article = _completed(page, item, fetched)
    loaded.articles.append(article)
    loaded.memos[url] = PageMemo(article.id, fetched.etag, fetched.last_modified)


def _load_feed(
    where: str,
    content: bytes,
    fetcher: Fetcher,
    state: WebState,
    stored: Stored,
    loaded: WebLoaded,
    *,
    fetched: Fetched | None = None,
) -> None:
    try:
        feed = parse_feed(content, fetched.url if fetched else where)
    except ValueError as error:
        loaded.errors.append(LoadError(where, str(error)))
        return
    if not feed.items:
        loaded.errors.append(LoadError(where, "feed has no items"))
        return
    errors_before, articles_before, unchanged_before = (
        len(loaded.errors),
        len(loaded.articles),
        len(loaded.unchanged),
    )
    linked = [item for item in feed.items if item.link]
    for item in feed.items:
        if not item.link:  # nothing to fetch: the feed's text is the article
            _from_feed_text(f"{where}#{item.key}", item, "", loaded, source=feed.title)
    parts: list[WebLoaded] = [WebLoaded() for _ in linked]
    with ThreadPoolExecutor(max_workers=fetcher.concurrency, thread_name_prefix="qa-fetch") as pool:
        list(
            pool.map(
                lambda pair: _load_url(pair[0].link, pair[0], fetcher, state, stored, pair[1], top=False),
                zip(linked, parts),
            )
        )
    for part in parts:  # in the feed's order, whatever order the fetches finished in
        loaded.articles += [a if a.source else replace(a, source=feed.title) for a in part.articles]
        loaded.errors += part.errors
        loaded.notes += part.notes
        loaded.unchanged += part.unchanged
        loaded.memos |= part.memos
    loaded.feeds[where] = (feed.title, len(feed.items))
    # A feed is asked for conditionally next time only when every item was stored: a 304 then
    # stands for all of them, and an item that failed is retried on the next pull.
    if fetched is not None and len(loaded.errors) == errors_before:
        items = [a.id for a in loaded.articles[articles_before:]] + loaded.unchanged[unchanged_before:]
        loaded.memos[where] = PageMemo("", fetched.etag, fetched.last_modified, feed.title, items)


def _completed(page: Article, item: FeedItem | None, fetched: Fetched) -> Article:
    """The page's article with its canonical URL, and what the feed knows where the page was silent."""
    url = canonical_url(page.url or fetched.url)
    if item is None:
        return replace(page, url=url)
    return replace(
        page,
        url=url,
        title=page.title or item.title,
        author=page.author or item.author,
        published=page.published or item.published,
    )


def _from_feed_text(
    url: str, item: FeedItem | None, problem: str, loaded: WebLoaded, *, source: str = ""
) -> None:
    """Store the feed's own text of an item whose page failed; without any, report the failure."""
    text = _plain(item.html) if item else ""
    if item is None or not text:
        loaded.errors.append(LoadError(url, problem or "feed item has no text and no link"))
        return
    if problem:
        loaded.notes.append(f"{url}: page not used ({problem}); stored the feed's own text of the item")
    loaded.articles.append(
        Article(
            title=item.title or text[:120],
            text=text,
            url=canonical_url(item.link) if item.link else "",
            source=source,
            author=item.author,
            published=item.published,
            origin=url,
        )
    )


def _plain(fragment: str) -> str:
    """A feed item's HTML (or plain) text as paragraphs."""
    blocks = _TAG.sub(" ", _BLOCK_END.sub("\n\n", _CODE.sub(" ", fragment)))
    paragraphs = [" ".join(html.unescape(block).split()) for block in blocks.split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)
