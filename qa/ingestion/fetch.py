"""A polite HTTP fetcher for article pages and feeds.

Polite to the sites: a user agent that says who is asking, a timeout, a size limit, robots.txt
respected, conditional requests (ETag / Last-Modified), a bounded number of fetches at once.
Safe for the machine it runs on: only http/https, and no loopback, private or link-local address
(a feed must not make the server fetch its own internals) unless a setting names that host.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

USER_AGENT = "qa-news/0.1 (question answering over news; respects robots.txt)"
_REDIRECTS = 5
_ROBOTS_BYTES = 512 * 1024


class FetchError(Exception):
    """A URL could not be fetched; the message says why, in words a user can act on."""


@dataclass(frozen=True)
class Fetched:
    """One fetched URL: where it ended up, its body, and what a conditional request needs next time."""

    url: str  # after redirects
    content: bytes
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False  # the server answered 304: what was stored from it still holds

    @property
    def charset(self) -> str:
        """The charset the Content-Type header declares ("" when none)."""
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset":
                return value.strip("\"' ").lower()
        return ""


@dataclass(frozen=True)
class Validators:
    """What a server said about a URL last time, sent back so an unchanged page costs a 304."""

    etag: str = ""
    last_modified: str = ""


@dataclass
class Fetcher:
    """Fetches URLs under one policy; robots.txt answers are cached per site for its lifetime."""

    timeout: float = 10.0
    max_bytes: int = 32 * 1024 * 1024
    user_agent: str = USER_AGENT
    private_hosts: frozenset[str] = frozenset()  # "host:port" entries allowed despite a private address
    concurrency: int = 4
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _slots: threading.BoundedSemaphore = field(init=False)

    def __post_init__(self) -> None:
        self._slots = threading.BoundedSemaphore(max(1, self.concurrency))

    def fetch(self, url: str, validators: Validators | None = None) -> Fetched:
        """GET `url`, following up to five redirects, each checked like the first hop."""
        with (
            self._slots,
            httpx.Client(timeout=self.timeout, headers={"User-Agent": self.user_agent}) as client,
        ):
            for _ in range(_REDIRECTS + 1):
                self._check_address(url)
                self._check_robots(client, url)
                headers = {}
                if validators and validators.etag:
                    headers["If-None-Match"] = validators.etag
                if validators and validators.last_modified:
                    headers["If-Modified-Since"] = validators.last_modified
                fetched, location = self._get(client, url, headers)
                if fetched is not None:
                    return fetched
                url = location
        raise FetchError(f"more than {_REDIRECTS} redirects")

    def _get(self, client: httpx.Client, url: str, headers: dict[str, str]) -> tuple[Fetched | None, str]:
        """One request: the page, or (None, where a redirect points)."""
        deadline = time.monotonic() + self.timeout
        try:
            with client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return replace(_with_validators(url, response), not_modified=True), ""
                if response.is_redirect:
                    location = response.headers.get("location", "")
                    if not location:
                        raise FetchError(f"HTTP {response.status_code} redirect without a Location")
                    return None, urljoin(url, location)
                if response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
                declared = int(response.headers.get("content-length") or 0)
                if declared > self.max_bytes:
                    raise FetchError(_too_large(declared, self.max_bytes))
                body = bytearray()
                for piece in response.iter_bytes():
                    body += piece
                    if len(body) > self.max_bytes:
                        raise FetchError(_too_large(len(body), self.max_bytes))
                    if time.monotonic() > deadline:  # a page trickled out slower than the timeout
                        raise FetchError(f"timed out after {self.timeout:g} s")
                content_type = response.headers.get("content-type", "")
                fetched = replace(
                    _with_validators(url, response), content=bytes(body), content_type=content_type
                )
                return fetched, ""
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out after {self.timeout:g} s") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"could not connect ({exc.__class__.__name__}: {exc})") from exc

    def _check_address(self, url: str) -> None:
        """Refuse what is not http(s), and hosts that resolve to a non-public address."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"}:
            raise FetchError(f"refused: only http and https URLs are fetched, not {parts.scheme or 'a path'}")
        host = parts.hostname or ""
        if not host:
            raise FetchError("refused: the URL names no host")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        if f"{host}:{port}" in self.private_hosts:
            return
        try:
            found = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
            addresses = {str(info[4][0]) for info in found}
        except OSError as exc:
            raise FetchError(f"could not resolve host {host!r}") from exc
        for address in addresses:
            if not ipaddress.ip_address(address.split("%")[0]).is_global:  # "%" ends an IPv6 zone
                raise FetchError(
                    f"refused: {host} is a loopback, private or link-local address ({address}); "
                    "QA_FETCH_PRIVATE_HOSTS allows named hosts"
                )

    def _check_robots(self, client: httpx.Client, url: str) -> None:
        parts = urlsplit(url)
        site = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        if site not in self._robots:
            self._robots[site] = self._read_robots(client, site)
        rules = self._robots[site]
        if rules is not None and not rules.can_fetch(self.user_agent, url):
            raise FetchError("refused by the site's robots.txt")

    def _read_robots(self, client: httpx.Client, site: str) -> urllib.robotparser.RobotFileParser | None:
        """The site's rules; None (everything allowed) when it has no robots.txt. A server error on
        robots.txt forbids the whole site for now, as the major crawlers do."""
        try:
            response = client.get(f"{site}/robots.txt")  # a redirect is not followed: no rules
        except httpx.HTTPError:
            return None  # unreachable robots.txt: the page fetch itself will report the problem
        if response.status_code >= 500:
            raise FetchError(f"refused: the site's robots.txt answered HTTP {response.status_code}")
        if response.status_code >= 300:
            return None
        rules = urllib.robotparser.RobotFileParser()
        rules.parse(response.content[:_ROBOTS_BYTES].decode("utf-8", "replace").splitlines())
        return rules


def _with_validators(url: str, response: httpx.Response) -> Fetched:
    """An empty Fetched for `url` with what the response says for the next conditional request."""
    return Fetched(
        url,
        b"",
        etag=response.headers.get("etag", ""),
        last_modified=response.headers.get("last-modified", ""),
    )


def _too_large(size: int, limit: int) -> str:
    return f"page too large ({size / 2**20:.1f} MB; the limit is {limit / 2**20:g} MB, QA_MAX_FILE_MB)"


def is_url(text: str) -> bool:
    """Whether an ingest argument is an address ("https://…", "file://…"; only http(s) is then
    fetched) rather than a file path."""
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]+://", str(text)) is not None
