"""Loaders: every supported format yields articles; bad files yield one clear error each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa.ingestion.corpus import load_paths
from tests.conftest import BENCH, SEED


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_seed_article_loads_unchanged_with_a_title_from_its_first_line() -> None:
    loaded = load_paths([SEED])
    assert not loaded.errors
    [article] = loaded.articles
    # The first line is prose, not a headline: it stays in the (citable) text.
    assert article.text.strip() == SEED.read_text(encoding="utf-8").strip()
    assert article.title.startswith("Despite a ban on military-to-military communications")
    assert len(article.title) <= 121


def test_plain_text_headline_and_front_matter(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Storm Hits Coast\n\nThe storm hit the coast on Monday. Power is out.")
    write(
        tmp_path / "b.md",
        "---\ntitle: Rates Rise\nurl: https://example.com/rates\nsource: Example News\n"
        "published_at: 2023-10-01\n---\nThe central bank raised rates. Markets fell.",
    )
    write(tmp_path / "c.md", "# Vote Delayed\n\nThe council delayed the vote.")
    loaded = load_paths([tmp_path])
    assert not loaded.errors
    by_title = {a.title: a for a in loaded.articles}
    assert set(by_title) == {"Storm Hits Coast", "Rates Rise", "Vote Delayed"}
    assert by_title["Storm Hits Coast"].text.strip() == "The storm hit the coast on Monday. Power is out."
    rates = by_title["Rates Rise"]
    assert (rates.url, rates.source, rates.published) == (
        "https://example.com/rates",
        "Example News",
        "2023-10-01",
    )
    assert by_title["Vote Delayed"].text.strip() == "The council delayed the vote."


def test_html_article_keeps_text_and_drops_scripts_and_chrome(tmp_path: Path) -> None:
    write(
        tmp_path / "page.html",
        """<html><head><title>Mayor Resigns | City Paper</title>
        <meta property="og:title" content="Mayor Resigns">
        <meta property="og:url" content="https://city.example/mayor">
        <meta property="og:site_name" content="City Paper">
        <meta name="author" content="Ann Lee">
        <meta property="article:published_time" content="2023-11-02T10:00:00Z">
        <script>var tracking = "do not index me";</script></head>
        <body><nav>Home | World | Sports</nav><h1>Mayor Resigns</h1>
        <p>The mayor resigned on Thursday &amp; left office.</p><p>A new election is due.</p>
        <footer>Copyright</footer></body></html>""",
    )
    [article] = load_paths([tmp_path / "page.html"]).articles
    assert article.title == "Mayor Resigns"
    assert article.text == "The mayor resigned on Thursday & left office.\n\nA new election is due."
    assert (article.url, article.source, article.author) == (
        "https://city.example/mayor",
        "City Paper",
        "Ann Lee",
    )
    assert article.published.startswith("2023-11-02")


def test_json_list_jsonl_and_single_object(tmp_path: Path) -> None:
    records = [
        {"title": "One", "body": "First body text.", "url": "https://x.example/1", "source": "X"},
        {"title": "Two", "text": "Second body text.", "author": "Bo", "published_at": "2023-09-30"},
    ]
    write(tmp_path / "list.json", json.dumps(records))
    write(tmp_path / "lines.jsonl", "\n".join(json.dumps(r | {"title": r["title"] + "L"}) for r in records))
    write(tmp_path / "one.json", json.dumps({"title": "Solo", "body": "Only body."}))
    loaded = load_paths([tmp_path])
    assert not loaded.errors
    assert sorted(a.title for a in loaded.articles) == ["One", "OneL", "Solo", "Two", "TwoL"]
    two = next(a for a in loaded.articles if a.title == "Two")
    assert (two.text, two.author, two.published) == ("Second body text.", "Bo", "2023-09-30")


@pytest.mark.skipif(not (BENCH / "corpus.json").exists(), reason="benchmark data not present")
def test_multihop_rag_corpus_loads_as_is() -> None:
    loaded = load_paths([BENCH / "corpus.json"])
    assert not loaded.errors
    assert len(loaded.articles) == 609
    first = loaded.articles[0]
    assert first.title and first.source and first.url and first.published
    assert len({a.id for a in loaded.articles}) == 609


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", "", "empty file"),
        ("blank.md", "  \n\n ", "empty file"),
        ("latin1.txt", "Caf\xe9 au lait".encode("latin-1"), "not UTF-8"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
        ("broken.json", '[{"title": "A", "body": "x"', "malformed JSON"),
        ("notext.json", '{"title": "No body here"}', "has no text"),
        ("emptylist.json", "[]", "empty list"),
        ("script.html", "<html><script>alert(1)</script></html>", "no readable article text"),
    ],
)
def test_bad_file_gives_one_clear_error_naming_it(
    tmp_path: Path, name: str, content: str | bytes, reason: str
) -> None:
    good = write(tmp_path / "good.txt", "Good Title\n\nA fine sentence.")
    bad = write(tmp_path / name, content)
    loaded = load_paths([good, bad])
    assert [a.title for a in loaded.articles] == ["Good Title"]
    [error] = loaded.errors
    assert error.path == str(bad)
    assert reason in error.reason
    assert "\n" not in str(error) and name in str(error)


def test_bad_record_in_a_list_is_reported_and_the_rest_load(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mixed.jsonl", '{"title": "Ok", "body": "Fine."}\n{"title": "Bad"\n{"title": "NoBody"}\n'
    )
    loaded = load_paths([path])
    assert [a.title for a in loaded.articles] == ["Ok"]
    assert sorted(str(e) for e in loaded.errors) == [
        f"{path} (line 2): malformed JSON: Expecting ',' delimiter",
        f"{path} (line 3): article has no text (expected a non-empty 'body' or 'text' field)",
    ]


def test_missing_path_and_unsupported_type(tmp_path: Path) -> None:
    other = write(tmp_path / "notes.pdf", b"%PDF-1.4")
    loaded = load_paths([tmp_path / "nope.txt", other])
    assert loaded.articles == []
    assert [e.reason for e in loaded.errors] == ["no such file or folder", "unsupported file type '.pdf'"]


def test_markdown_is_stored_as_the_text_a_reader_sees(tmp_path: Path) -> None:
    (tmp_path / "fire.md").write_text(
        "# Cedar Ridge wildfire forces 4,000 evacuations\n\n"
        "The **Cedar Ridge** fire grew on *Tuesday*, said [chief Dana Ortiz](https://x.example/ortiz).\n\n"
        "## Recall vote\n\n"
        "| Candidate | Party | Votes |\n| --- | --- | --- |\n| Robert Chen | Democratic | 11,905 |\n\n"
        "- Shelters opened in `Millbrook`.\n\n<div>raw html</div>\n",
        encoding="utf-8",
    )
    [article] = load_paths([tmp_path / "fire.md"]).articles
    assert article.title == "Cedar Ridge wildfire forces 4,000 evacuations"
    assert article.text.split("\n\n") == [
        "The Cedar Ridge fire grew on Tuesday, said chief Dana Ortiz.",
        "Recall vote",
        "Candidate: Robert Chen; Party: Democratic; Votes: 11,905.",
        "Shelters opened in Millbrook.",
    ]


@pytest.mark.parametrize(
    ("record", "field", "expected"),
    [
        ({"source": {"name": "Greenfield Post"}}, "source", "Greenfield Post"),
        ({"author": ["Ann Lee", {"name": "Bo Park"}]}, "author", "Ann Lee, Bo Park"),
        ({"url": ["https://x.example/a"]}, "url", "https://x.example/a"),
        ({"published_at": None}, "published", ""),
    ],
)
def test_record_fields_are_coerced_only_where_the_meaning_is_plain(
    tmp_path: Path, record: dict[str, object], field: str, expected: str
) -> None:
    (tmp_path / "a.json").write_text(
        json.dumps({"title": "T", "body": "Some text."} | record), encoding="utf-8"
    )
    [article] = load_paths([tmp_path / "a.json"]).articles
    assert getattr(article, field) == expected


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (
            {"url": ["https://x.example/a", "https://x.example/b"]},
            "field 'url': expected one URL, got a list of 2",
        ),
        ({"source": {"id": 7}}, "field 'source'"),
        ({"title": 2024}, "field 'title'"),
        ({"published_at": 1700000000}, "field 'published_at'"),
        ({"body": 42}, "field 'body'"),
    ],
)
def test_a_record_field_of_the_wrong_type_is_refused_by_name(
    tmp_path: Path, record: dict[str, object], message: str
) -> None:
    (tmp_path / "a.json").write_text(
        json.dumps({"title": "T", "body": "Some text."} | record), encoding="utf-8"
    )
    loaded = load_paths([tmp_path / "a.json"])
    assert not loaded.articles
    [error] = loaded.errors
    assert message in error.reason
