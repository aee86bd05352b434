"""RSS and Atom feeds: their items, and the list of feeds a store follows (`qa feeds`, `qa refresh`)."""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that only say how a reader arrived; the same page with other values is the same page.
_TRACKING = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid", "cmpid", "ocid", "ref", "cmp", "smid"})


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed: where its page is, and what the feed itself says of it."""

    link: str
    title: str = ""
    published: str = ""  # ISO 8601, when the feed dates the item
    author: str = ""
    html: str = ""  # the feed's own text of the item (content or summary), HTML or plain
    key: str = ""  # the item's guid, used as its address when it has no link


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its title and items, in the feed's order."""

    title: str
    items: list[FeedItem]


def looks_like_feed(content: bytes, content_type: str = "") -> bool:
    """Whether fetched bytes are a feed rather than a page: an RSS/Atom content type, or XML whose
    root is rss, feed or rdf:RDF."""
    kind = content_type.split(";")[0].strip().lower()
    if kind.endswith(("rss+xml", "atom+xml", "rdf+xml")):
        return True
    head = content[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2 :].lstrip()
        while head.startswith(b"<!--") or head.startswith(b"<?"):  # comments, stylesheets
            head = head[head.find(b">") + 1 :].lstrip()
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf"))


def parse_feed(content: bytes, url: str) -> Feed:
    """The items of an RSS 0.9x/1.0/2.0 or Atom feed; ValueError when the bytes are no feed."""
    import feedparser

    parsed = feedparser.parse(content)
    if not parsed.get("version") and not parsed.entries:
        raise ValueError("not an RSS or Atom feed")
    items = []
    for entry in parsed.entries:
        link = urljoin(url, entry.get("link", "")) if entry.get("link") else ""
        contents = entry.get("content") or []
        html = contents[0].get("value", "") if contents else entry.get("summary", "")
        author = (entry.get("author_detail") or {}).get("name") or entry.get("author", "")
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = time.strftime("%Y-%m-%dT%H:%M:%SZ", stamp) if stamp else ""
        key = entry.get("id", "") or link
        items.append(FeedItem(link, entry.get("title", ""), published, author, html, key))
    return Feed(parsed.feed.get("title", ""), items)


def canonical_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no default port, no fragment, no
    tracking parameters; so a re-pulled item keeps its article id."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(scheme)
    netloc = host if parts.port in (None, default) else f"{host}:{parts.port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in _TRACKING
    ]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


@dataclass
class Followed:
    """A feed the store follows."""

    url: str
    title: str = ""
    added: str = ""
    pulled: str = ""  # when `qa refresh` last read it (ISO 8601, UTC)
    items: int = 0  # items the feed held at its last pull


@dataclass
class PageMemo:
    """What the last fetch of a page said, so the next one can be a conditional request."""

    article_id: str  # "" for a feed
    etag: str = ""
    last_modified: str = ""
    title: str = ""  # a feed's title
    items: list[str] = field(default_factory=list)  # a feed's items' article ids


@dataclass
class WebState:
    """The feeds a store follows and what their pages' servers said last time; `web.json` in the store."""

    feeds: dict[str, Followed] = field(default_factory=dict)
    pages: dict[str, PageMemo] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> WebState:
        """The state kept in `folder`, or an empty one."""
        path = folder / "web.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except ValueError as exc:
            raise ValueError(
                f"{path}: the store's feed list is damaged ({exc}); move it away to start anew"
            ) from exc
        return cls(
            {url: Followed(**value) for url, value in data.get("feeds", {}).items()},
            {url: PageMemo(**value) for url, value in data.get("pages", {}).items()},
        )

    def save(self, folder: Path) -> None:
        """Write the state atomically, so a crash mid-write leaves the previous one."""
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f"web.json.{os.getpid()}.tmp"
        data = {
            "feeds": {u: asdict(f) for u, f in self.feeds.items()},
            "pages": {u: asdict(p) for u, p in self.pages.items()},
        }
        temporary.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, folder / "web.json")


def now() -> str:
    """The current time as ISO 8601, UTC, to the second."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
