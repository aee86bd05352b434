"""A small news site on 127.0.0.1 for the fetch and feed tests: an RSS feed of 22 items, an Atom
feed, article pages with a site's usual chrome, and every way a fetch goes wrong (a redirect, a 404,
a 500, a page slower than the timeout, an oversized page, a Latin-1 page, a link to the machine's
own internals, a path robots.txt forbids). `edition = 2` changes the feed between two pulls: one new
item, one edited page.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

TOWNS = [
    "Alderbrook", "Birchfield", "Cobalt Bay", "Dunmore", "Eastwick", "Fernhill", "Glenrock", "Harlow",
    "Ironbridge", "Juniper Falls", "Kestrel", "Larkspur", "Millford", "Northgate", "Oakridge", "Pinecrest",
    "Quarry Hill", "Redwater", "Stonehaven", "Thornbury",
]  # fmt: skip
SLOW_SECONDS = 3.0  # the tests fetch with a shorter timeout
HUGE_BYTES = 3 * 2**20  # the tests allow 1 MB


def library_story(number: int, edition: int = 1) -> tuple[str, str]:
    """Item `number`'s headline and body: a town opens a library, with facts unique to it."""
    town = TOWNS[number % len(TOWNS)]
    books = 1000 * (number + 3)
    headline = f"{town} opens a new public library"
    body = [
        f"The town of {town} opened its new public library on Monday, with {books:,} books on its shelves.",
        f"The building was designed by Number{number} Studio and cost {number + 2} million dollars.",
        f"Librarian Dana Lee said the reading room in {town} seats {40 + number} people.",
    ]
    if edition == 2 and number == 3:
        body[2] = f"Librarian Dana Lee said the reading room in {town} was closed after a roof leak."
    return headline, " ".join(body)


def article_page(title: str, body: str, *, canonical: str, published: str = "2024-03-04") -> str:
    """An article as a news site serves it: navigation, a cookie banner, the story with a byline and
    JSON-LD, related links, an advert and a footer."""
    paragraphs = "".join(f"<p>{escape(sentence)}</p>" for sentence in body.split(". "))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{escape(title)} | The Valley Courier</title>
<link rel="canonical" href="{canonical}">
<meta property="og:site_name" content="The Valley Courier">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"{escape(title)}","datePublished":"{published}T09:00:00Z",
"author":{{"@type":"Person","name":"Sam Ortiz"}}}}</script></head>
<body><nav class="menu"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div id="cookie-banner">We use cookies to personalise content. Accept all cookies or manage settings.</div>
<main><article><h1>{escape(title)}</h1><p class="byline">By Sam Ortiz</p>{paragraphs}</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Mortgage rates fall to 2.9% APR</a></li>
<li><a href="/b">Ferry terminal to cost 40 million</a></li></ul></aside></main>
<div class="advert">Refinance your mortgage today at 2.9% APR. Click here.</div>
<footer><p>© 2024 The Valley Courier. All rights reserved.</p></footer></body></html>"""


@dataclass
class NewsSite:
    """The site's state: what it serves, and what it was asked for."""

    port: int = 0
    edition: int = 1
    internal_url: str = ""  # an address on this machine that a feed item points at
    requests: Counter[str] = field(default_factory=Counter)
    not_modified: Counter[str] = field(default_factory=Counter)
    agents: set[str] = field(default_factory=set)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stories(self) -> list[int]:
        return list(range(1, 21)) + ([21] if self.edition == 2 else [])

    def feed(self) -> str:
        """RSS 2.0: 20 (edition 2: 21) story items, then the items whose pages fail."""
        items = []
        for number in self.stories():
            title, body = library_story(number, self.edition)
            link = (
                f"{self.base}/redirect/{number}"
                if number == 2
                else f"{self.base}/news/{number}?utm_source=rss"
            )
            items.append((title, link, body[:80]))
        items += [
            ("Gone story", f"{self.base}/missing", ""),
            ("Broken story", f"{self.base}/broken", ""),
            (
                "Slow story",
                f"{self.base}/slow",
                "Slowtown council met on Friday. The feed carries this summary.",
            ),
            ("Huge story", f"{self.base}/huge", ""),
            ("Internal story", self.internal_url, ""),
            ("Private story", f"{self.base}/private/story", ""),
            ("Latin story", f"{self.base}/latin1", ""),
        ]
        entries = "".join(
            f"<item><title>{escape(t)}</title><link>{escape(link)}</link><guid>{escape(link)}</guid>"
            f"<pubDate>Mon, 04 Mar 2024 09:00:00 GMT</pubDate><description>{escape(d)}</description></item>"
            for t, link, d in items
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Valley Courier</title>'
            f"<link>{self.base}/</link><description>Local news</description>{entries}</channel></rss>"
        )

    def atom(self) -> str:
        """An Atom feed of three of the stories."""
        entries = "".join(
            f'<entry><title>{escape(library_story(n)[0])}</title><link href="{self.base}/news/{n}"/>'
            f"<id>urn:story:{n}</id><updated>2024-03-04T09:00:00Z</updated></entry>"
            for n in (4, 5, 6)
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Valley Courier (Atom)</title><id>urn:courier</id>"
            f"<updated>2024-03-04T09:00:00Z</updated>{entries}</feed>"
        )


def _handler(site: NewsSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet test output
            pass

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            site.requests[path] += 1
            site.agents.add(self.headers.get("User-Agent", ""))
            if path == "/robots.txt":
                return self._send(b"User-agent: *\nDisallow: /private/\n", "text/plain")
            if path == "/feed.xml":
                return self._send(site.feed().encode(), "application/rss+xml")
            if path == "/atom.xml":
                return self._send(site.atom().encode(), "application/atom+xml")
            if path.startswith("/redirect/"):
                return self._redirect(f"/news/{path.rsplit('/', 1)[1]}")
            if path.startswith("/news/") or path.startswith("/private/"):
                number = int(path.rsplit("/", 1)[1]) if path[-1].isdigit() else 1
                title, body = library_story(number, site.edition)
                return self._send(article_page(title, body, canonical=f"{site.base}/news/{number}").encode())
            if path == "/broken":
                return self._send(b"oops", "text/plain", status=500)
            if path == "/slow":
                time.sleep(SLOW_SECONDS)
                return self._send(article_page("Slow", "Too late.", canonical=f"{site.base}/slow").encode())
            if path == "/huge":
                filler = "<p>" + "Padding sentence for a page far too large to fetch. " * 40 + "</p>"
                return self._send(
                    article_page("Huge", "Big.", canonical="/huge")
                    .replace("</main>", filler * (HUGE_BYTES // len(filler) + 1))
                    .encode()
                )
            if path == "/latin1":
                page = article_page(
                    "Café reopens in São Paulo square",
                    "The Café Niño reopened on Friday in the Praça da Sé, its owner José Muñoz said. "
                    "It serves crème brûlée again",
                    canonical=f"{site.base}/latin1",
                ).replace('<meta charset="utf-8">', "")
                return self._send(page.encode("latin-1"), "text/html; charset=ISO-8859-1")
            return self._send(b"not found", "text/plain", status=404)

        def _redirect(self, location: str) -> None:
            self.send_response(301)
            self.send_header("Location", location)
            self.end_headers()

        def _send(self, body: bytes, kind: str = "text/html; charset=utf-8", status: int = 200) -> None:
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if status == 200 and self.headers.get("If-None-Match") == etag:
                site.not_modified[self.path.split("?")[0]] += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up on the slow page: nothing to report


def start(internal_url: str) -> tuple[NewsSite, ThreadingHTTPServer]:
    """Serve a NewsSite on a free loopback port from a daemon thread (it ends with the test process)."""
    site = NewsSite(internal_url=internal_url)
    server = _QuietServer(("127.0.0.1", 0), _handler(site))
    site.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True, name="news-site").start()
    return site, server
