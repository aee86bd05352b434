"""Feeds and article URLs against a real HTTP server on 127.0.0.1 (tests/newsserver.py), ingested
into a real Chroma store with the real embedding model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from qa import Settings, follow, followed, ingest, open_store, refresh, retrieve
from qa.cli import main as qa_main
from qa.ingestion.feeds import canonical_url, looks_like_feed, parse_feed
from qa.ingestion.fetch import Fetcher, FetchError
from qa.ingestion.web import _plain
from tests import newsserver
from tests.conftest import CORPUS, free_port


@pytest.fixture(scope="module")
def site() -> Iterator[newsserver.NewsSite]:
    news, server = newsserver.start(internal_url=f"http://127.0.0.1:{free_port()}/admin")
    yield news
    server.shutdown()


def web_settings(site: newsserver.NewsSite, store: Path) -> Settings:
    """Only the news site itself may be fetched on loopback; a 1 MB page limit, a 1 s timeout."""
    return Settings(
        store=store, fetch_private_hosts=f"127.0.0.1:{site.port}", max_file_mb=1, fetch_timeout=1.0
    )


def test_a_feed_is_pulled_politely_and_every_failure_is_reported(
    site: newsserver.NewsSite, tmp_path: Path
) -> None:
    site.edition = 1
    settings = web_settings(site, tmp_path / "store")
    ingest([CORPUS], settings=settings)  # what was stored before must survive the pull
    report = ingest([f"{site.base}/feed.xml"], settings=settings)

    stored = open_store(settings=settings).articles()
    assert len(report.new) == 22  # 20 stories, the slow one from the feed's text, the Latin-1 page
    assert len(stored) == 23  # and the seed article
    errors = {error.path.rsplit("/", 1)[1]: error.reason for error in report.errors}
    assert errors["missing"] == "HTTP 404 Not Found"
    assert errors["broken"] == "HTTP 500 Internal Server Error"
    assert errors["huge"].startswith("page too large (3.0 MB; the limit is 1 MB")
    assert errors["admin"].startswith("refused: 127.0.0.1 is a loopback, private or link-local address")
    assert errors["story"] == "refused by the site's robots.txt"
    assert len(errors) == 5
    (slow,) = report.notes
    assert "/slow: page not used (timed out after 1 s); stored the feed's own text" in slow
    assert site.requests["/admin"] == 0 and site.requests["/private/story"] == 0
    assert site.agents == {settings.fetch_user_agent}

    by_title = {record.title: record for record in stored.values()}
    first = by_title[newsserver.library_story(1)[0]]
    # The canonical URL (no tracking parameter), the page's date and site name, none of its chrome.
    assert first.url == f"{site.base}/news/1"
    assert first.source == "The Valley Courier" and first.published.startswith("2024-03-04")
    passages = retrieve("mortgage refinance APR cookies", k=30, settings=settings)
    assert not [p for p in passages if "APR" in p.text or "cookies" in p.text]
    # The redirected item is stored under the page it led to; the Latin-1 page reads right.
    assert by_title[newsserver.library_story(2)[0]].url == f"{site.base}/news/2"
    cafe = retrieve("Who owns the café in São Paulo?", k=1, settings=settings)[0]
    assert "José Muñoz" in cafe.text and "crème brûlée" in cafe.text


def test_refresh_is_idempotent_and_replaces_what_changed(site: newsserver.NewsSite, tmp_path: Path) -> None:
    site.edition = 1
    settings = web_settings(site, tmp_path / "store")
    first = follow([f"{site.base}/feed.xml"], settings=settings)
    assert len(first.new) == 22
    (feed,) = followed(settings=settings)
    assert (feed.title, feed.items) == ("Valley Courier", 27) and feed.pulled

    again = refresh(settings=settings)
    assert (again.new, again.updated, len(again.unchanged)) == ([], [], 22)
    assert site.not_modified["/news/1"] == 1  # asked with its ETag: a 304, not a second download

    site.edition = 2  # one new item, one edited page
    changed = refresh(settings=settings)
    assert len(changed.new) == 1 and len(changed.updated) == 1 and len(changed.unchanged) == 21
    assert len(open_store(settings=settings).articles()) == 23
    leak = retrieve("Why was the reading room in Dunmore closed?", k=1, settings=settings)[0]
    assert "roof leak" in leak.text and "seats" not in leak.text  # the old version is gone
    site.edition = 1


def test_cli_ingests_a_feed_url_and_refreshes(
    site: newsserver.NewsSite,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    site.edition = 1
    monkeypatch.setenv("QA_FETCH_PRIVATE_HOSTS", f"127.0.0.1:{site.port}")
    store = str(tmp_path / "store")
    assert qa_main(["refresh", "--store", store]) == 0
    assert "no feeds followed" in capsys.readouterr().out
    assert qa_main(["ingest", f"{site.base}/atom.xml", "--store", store]) == 0
    assert "articles: 3 new" in capsys.readouterr().out
    assert qa_main(["feeds", "add", f"{site.base}/atom.xml", "--store", store]) == 0
    assert "0 new, 0 updated, 3 unchanged" in capsys.readouterr().out
    assert qa_main(["feeds", "list", "--store", store]) == 0
    assert "Valley Courier (Atom)" in capsys.readouterr().out
    assert qa_main(["refresh", "--store", store]) == 0
    assert "0 new, 0 updated, 3 unchanged" in capsys.readouterr().out
    # A page is ingested but not followed.
    assert qa_main(["feeds", "add", f"{site.base}/news/7", "--store", store]) == 0
    assert "not followed" in capsys.readouterr().err
    assert [f.url for f in followed(settings=Settings(store=Path(store)))] == [f"{site.base}/atom.xml"]


def test_the_fetcher_refuses_what_it_must_not_fetch(site: newsserver.NewsSite) -> None:
    strict = Fetcher(timeout=2)  # no host allowed on loopback
    for url, reason in [
        ("file:///etc/passwd", "only http and https URLs are fetched, not file"),
        (f"{site.base}/feed.xml", "loopback, private or link-local"),
        ("http://[::1]:9/", "loopback, private or link-local"),
        ("http://10.0.0.8/", "loopback, private or link-local"),
    ]:
        with pytest.raises(FetchError, match=reason):
            strict.fetch(url)


def test_feed_helpers() -> None:
    assert canonical_url("HTTPS://News.Example.com:443/a/b?id=3&utm_source=rss&fbclid=x#top") == (
        "https://news.example.com/a/b?id=3"
    )
    assert looks_like_feed(b'<?xml version="1.0"?>\n<!-- hi -->\n<rss version="2.0">')
    assert not looks_like_feed(b"<!DOCTYPE html><html>", "text/html")
    with pytest.raises(ValueError, match="not an RSS or Atom feed"):
        parse_feed(b"<html><body>Hello</body></html>", "http://x/")
    # A feed's own text of an item, stored when its page fails: paragraphs, no markup, no script.
    fragment = "<p>Hello &amp; welcome.</p><script>track()</script><p>Second<br>line</p>"
    assert _plain(fragment) == "Hello & welcome.\n\nSecond\n\nline"
