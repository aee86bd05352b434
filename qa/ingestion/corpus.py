"""Loaders: turn files and folders of .txt, .md, .html, .json and .jsonl into Articles."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa.ingestion.extract import NoArticleText, article_from_html
from qa.ingestion.plaintext import markdown_to_text
from qa.ingestion.records import parse_record
from qa.types import Article

SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"})
_TITLE_CHARS = 120


@dataclass(frozen=True)
class LoadError:
    """Why one file (or one record in it) could not be loaded."""

    path: str
    reason: str
    record: str = ""  # which record of a JSON/JSONL file, when the file held several

    def __str__(self) -> str:
        where = f" ({self.record})" if self.record else ""
        return f"{self.path}{where}: {self.reason}"


@dataclass
class Loaded:
    """What a batch of paths yielded: the articles, and one error per file or record that failed."""

    articles: list[Article] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)


@dataclass(frozen=True)
class Limits:
    """What one file or article may weigh; the defaults come from Settings (QA_MAX_FILE_MB, ...)."""

    max_file_bytes: int = 32 * 1024 * 1024
    max_article_chars: int = 1_000_000


def load_paths(paths: Iterable[str | Path], *, limits: Limits | None = None) -> Loaded:
    """Load every supported file under `paths`; failures are collected, never raised."""
    limits = limits or Limits()
    loaded = Loaded()
    for path in _expand(paths, loaded.errors):
        try:
            articles = _load_file(path, loaded.errors, limits)
        except _FileRejected as rejected:
            loaded.errors.append(LoadError(str(path), str(rejected)))
            continue
        for article in articles:
            error = too_long(article, limits, path=str(path))
            if error is None:
                loaded.articles.append(article)
            else:
                loaded.errors.append(error)
    return loaded


def too_long(article: Article, limits: Limits, *, path: str = "") -> LoadError | None:
    """The error for an article over the length limit, or None."""
    if len(article.text) <= limits.max_article_chars:
        return None
    where = article.origin.partition("#")[2] if path else ""
    reason = f"article too long ({len(article.text):,} characters; the limit is {limits.max_article_chars:,})"
    return LoadError(path or article.origin, reason, where)


class _FileRejected(Exception):
    """A whole file is unusable; the message is the reason shown to the user."""


def _expand(paths: Iterable[str | Path], errors: list[LoadError]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in _walk(path) if p.suffix.lower() in SUFFIXES)
            if not files:
                errors.append(LoadError(str(path), "folder holds no .txt, .md, .html, .json or .jsonl files"))
            yield from files
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                errors.append(LoadError(str(path), f"unsupported file type {path.suffix or '(none)'!r}"))
            else:
                yield path
        else:
            errors.append(LoadError(str(path), "no such file or folder"))


def _walk(folder: Path) -> Iterator[Path]:
    """Every file below `folder`, without recursion and without entering symlinked folders, so
    neither a deep tree nor a symlink loop can stop a run."""
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue  # an unreadable subfolder: its files are simply not there
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
            elif entry.is_file():  # a symlink to a file counts; a dangling one does not
                yield Path(entry.path)


def _read_text(path: Path, limits: Limits) -> str:
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            mb, limit = size / 2**20, limits.max_file_bytes / 2**20
            raise _FileRejected(f"file too large ({mb:.1f} MB; the limit is {limit:g} MB, QA_MAX_FILE_MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise _FileRejected(f"unreadable ({exc.strerror or exc})") from exc
    if b"\x00" in data[:8192]:
        raise _FileRejected("binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _FileRejected(f"not UTF-8 (invalid byte at offset {exc.start})") from exc
    if not text.strip():
        raise _FileRejected("empty file")
    return text


def _load_file(path: Path, errors: list[LoadError], limits: Limits) -> list[Article]:
    text = _read_text(path, limits)
    suffix = path.suffix.lower()
    if suffix in {".json", ".jsonl"}:
        return _load_json(path, text, errors, lines=suffix == ".jsonl")
    if suffix in {".html", ".htm"}:
        return [_article_from_html(path, text)]
    return [_article_from_plain(path, text, markdown=suffix in {".md", ".markdown"})]


# --- JSON ---------------------------------------------------------------------------------


def _origin(path: Path, record: str = "") -> str:
    """Where an article came from: the absolute file path, plus the record within it."""
    return f"{path.resolve()}#{record}" if record else str(path.resolve())


def _load_json(path: Path, text: str, errors: list[LoadError], *, lines: bool) -> list[Article]:
    records: list[tuple[str, Any]] = []
    if lines:
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    records.append((f"line {number}", json.loads(line)))
                except json.JSONDecodeError as exc:
                    errors.append(LoadError(str(path), f"malformed JSON: {exc.msg}", f"line {number}"))
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _FileRejected(f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        items = data if isinstance(data, list) else [data]
        records = [(f"record {i}" if isinstance(data, list) else "", item) for i, item in enumerate(items)]
        if not records:
            raise _FileRejected("JSON holds an empty list, no articles")
    articles = []
    for where, record in records:
        try:
            articles.append(_article_from_record(record, origin=_origin(path, where)))
        except ValueError as exc:
            errors.append(LoadError(str(path), str(exc), where))
    return articles


def _article_from_record(record: Any, *, origin: str) -> Article:
    parsed = parse_record(record)
    title = parsed.title.strip() or _title_from_text(parsed.body)
    fields = parsed.model_dump(exclude={"title", "body"})
    return Article(title=title, text=parsed.body, origin=origin, **{k: v.strip() for k, v in fields.items()})


# --- plain text and Markdown ----------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)


def _article_from_plain(path: Path, text: str, *, markdown: bool) -> Article:
    meta: dict[str, str] = {}
    front = _FRONT_MATTER.match(text)
    if front:
        for line in front.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep:
                meta[key.strip().lower()] = value.strip().strip("\"'")
        text = text[front.end() :]
    title = meta.get("title", "")
    if markdown:
        rendered = markdown_to_text(text)
        text = rendered.text
        if not title and rendered.first_heading and text.startswith(rendered.first_heading):
            title, text = rendered.first_heading, text[len(rendered.first_heading) :].lstrip()
    if not title:
        title, text = _split_title_line(text)
    if not text.strip():
        raise _FileRejected("no article text after the title")
    return Article(
        title=title,
        text=text,
        url=meta.get("url", meta.get("link", "")),
        source=meta.get("source", ""),
        author=meta.get("author", ""),
        published=meta.get("published_at", meta.get("published", meta.get("date", ""))),
        origin=_origin(path),
    )


def _split_title_line(text: str) -> tuple[str, str]:
    """Take the first line as the title; drop it from the body only when it reads as a headline."""
    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    first = first.strip()
    is_headline = len(first) <= 200 and not first.endswith((".", "!", "?", "”", '"')) and rest.strip()
    if is_headline:
        return first, rest
    # The first line is prose (the seed article starts straight with its lede): keep it in the
    # text so it stays citable, and use its opening as the title.
    return _title_from_text(first), stripped


def _title_from_text(text: str) -> str:
    line = " ".join(text.split())
    if len(line) <= _TITLE_CHARS:
        return line
    return line[:_TITLE_CHARS].rsplit(" ", 1)[0] + "…"


# --- HTML --------------------------------------------------------------------------------------


def _article_from_html(path: Path, text: str) -> Article:
    try:
        return article_from_html(text, origin=_origin(path))
    except NoArticleText as exc:
        raise _FileRejected(str(exc)) from exc
