"""Ingest: load articles, split them into sentence windows, embed, and commit them to the store."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from qa.config import Settings
from qa.encode.embed import Embedder
from qa.ingestion.copies import StoryFinder, signature
from qa.ingestion.corpus import Limits, Loaded, LoadError, load_paths, too_long
from qa.ingestion.feeds import WebState, canonical_url, now
from qa.ingestion.fetch import Fetcher, is_url
from qa.ingestion.web import WebLoaded, is_feed_file, load_web
from qa.store.store import Encoded, Store
from qa.text import split_sentences
from qa.types import Article, Chunk, StoredArticle, sentences_of


@dataclass
class IngestReport:
    """What an ingest run did, per article, and what it rejected."""

    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    chunks: int = 0
    errors: list[LoadError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. a feed item stored from the feed's own text
    feeds: dict[str, str] = field(default_factory=dict)  # feed URL or file read -> its title
    copies: dict[str, str] = field(default_factory=dict)  # article id -> the story it is a wire copy of
    seconds: float = 0.0
    titles: dict[str, str] = field(default_factory=dict)  # article id -> title, for reports

    def summary(self) -> str:
        """One line: articles new/updated/unchanged, chunks written, files rejected, seconds."""
        parts = [
            f"{len(self.new)} new",
            f"{len(self.updated)} updated",
            f"{len(self.unchanged)} unchanged",
        ]
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        line = f"articles: {', '.join(parts)}; chunks written: {self.chunks}"
        if self.copies:
            line += f"; wire copies of stories already stored: {len(self.copies)}"
        if self.errors:
            line += f"; rejected: {len(self.errors)}"
        return f"{line}; {self.seconds:.1f} s"


def chunk_article(article: Article, *, size: int, overlap: int) -> list[Chunk]:
    """Cut an article into windows of `size` consecutive sentences sharing `overlap` sentences."""
    sentences = split_sentences(article.text)
    step = max(1, size - overlap)
    chunks = []
    for position, first in enumerate(range(0, max(1, len(sentences) - overlap), step)):
        window = tuple(sentences[first : first + size])
        if not window:
            break
        text = article.text[window[0].start : window[-1].end]
        chunks.append(Chunk(article.id, article.version, position, window, text))
    return chunks


def ingest(
    paths: Iterable[str | Path],
    *,
    store: Store,
    settings: Settings,
    embedder: Embedder,
    progress: bool = False,
    sync: bool = False,
) -> IngestReport:
    """Load, chunk, embed and commit articles; unchanged articles are skipped, changed ones replaced.

    `paths` are files, folders, article or feed URLs, and feed files (.xml, .rss, .atom).
    With `sync`, each folder in `paths` is mirrored: stored articles whose file in it is gone are removed.
    """
    started = time.perf_counter()
    named = [str(p) for p in paths]
    web_sources = [p for p in named if is_url(p) or is_feed_file(p)]
    limits = Limits(int(settings.max_file_mb * 2**20), settings.max_article_chars)
    loaded = load_paths([p for p in named if p not in web_sources], limits=limits)
    report = IngestReport(errors=loaded.errors)
    store.repair()
    web = WebLoaded()
    if web_sources:
        state = WebState.load(settings.store)

        def held(ids: list[str]) -> bool:
            return len(store.articles(ids)) == len(set(ids))

        web = load_web(web_sources, fetcher=fetcher_for(settings), state=state, stored=held)
        _add_checked(loaded, web, limits)
        report.notes = web.notes
        report.feeds = {url: title for url, (title, _) in web.feeds.items()}
        report.unchanged += list(store.articles(list(dict.fromkeys(web.unchanged))))

    batch: dict[str, Article] = {}
    for article in loaded.articles:
        batch.setdefault(article.id, article)  # the same article twice in one batch: first wins
    # Only the records this ingest can change are read: the batch's own, and those of its files.
    failed = {str(Path(error.path).resolve()) for error in loaded.errors}
    files = {_file_of(a.origin) for a in batch.values() if a.origin} - failed
    stored = store.articles(list(batch)) | store.articles_from(files=sorted(files))
    report.titles = {article_id: article.title for article_id, article in batch.items()}
    todo: list[Article] = []
    for article in batch.values():
        previous = stored.get(article.id)
        if previous is None:
            report.new.append(article.id)
            todo.append(article)
        elif previous.version != article.version:
            report.updated.append(article.id)
            todo.append(article)
        else:
            report.unchanged.append(article.id)

    todo = _with_stories(todo, store, report)
    planned = []
    for article in todo:
        chunks = chunk_article(article, size=settings.chunk_sentences, overlap=settings.chunk_overlap)
        if chunks:
            planned.append((article, chunks))
        else:
            report.errors.append(LoadError(article.origin, "no sentences of text to index"))
            (report.new if article.id in report.new else report.updated).remove(article.id)
    report.chunks = _embed_and_commit(planned, store, embedder, settings.commit_chunks, progress=progress)
    # Only after the new versions are in: an edited file's old articles go.
    superseded = _superseded(stored, batch, files)
    for article_id in superseded:
        store.remove_article(article_id)
    _count_replacements(report, superseded, stored, batch)
    if sync:
        for record in _vanished(store, named):
            store.remove_article(record.id)
            report.removed.append(record.id)
            report.titles[record.id] = record.title
    if web_sources:
        _remember(state, web, settings)
    report.seconds = time.perf_counter() - started
    return report


def _with_stories(todo: list[Article], store: Store, report: IngestReport) -> list[Article]:
    """Each new or changed article with its MinHash fingerprint and its story: the story of the
    stored (or earlier in this batch) article it is a wire copy of, else its own."""
    if not todo:
        return todo
    signatures = [signature(article.text) for article in todo]
    finder = StoryFinder(store.fingerprints(signatures))
    marked = []
    for article, sig in zip(todo, signatures):
        story = finder.story_of(article.id, sig)
        finder.add(article.id, story, sig)
        if story != article.id:
            report.copies[article.id] = story
        marked.append(replace(article, story=story, fingerprint=sig.encoded()))
    return marked


def fetcher_for(settings: Settings) -> Fetcher:
    """The fetcher the settings describe (QA_FETCH_*, and QA_MAX_FILE_MB as the page size limit)."""
    return Fetcher(
        timeout=settings.fetch_timeout,
        max_bytes=int(settings.max_file_mb * 2**20),
        user_agent=settings.fetch_user_agent,
        private_hosts=frozenset(h.strip() for h in settings.fetch_private_hosts.split(",") if h.strip()),
        concurrency=settings.fetch_concurrency,
    )


def _add_checked(loaded: Loaded, web: WebLoaded, limits: Limits) -> None:
    """The web's articles and errors join the files' ones, held to the same length limit."""
    loaded.errors += web.errors
    for article in web.articles:
        error = too_long(article, limits)
        if error is None:
            loaded.articles.append(article)
        else:
            loaded.errors.append(error)


def _remember(state: WebState, web: WebLoaded, settings: Settings) -> None:
    """Keep what the servers said (for conditional requests) and when each followed feed was pulled;
    only after the articles are committed, so a failed ingest is fetched again in full."""
    state = WebState.load(settings.store)  # another process may have followed a feed meanwhile
    state.pages |= web.memos
    for url, (title, items) in web.feeds.items():
        followed = state.feeds.get(url)
        if followed is not None:
            followed.title, followed.pulled, followed.items = title or followed.title, now(), items
    state.save(settings.store)


def _superseded(stored: dict[str, StoredArticle], batch: dict[str, Article], files: set[str]) -> list[str]:
    """Stored articles a re-ingested file no longer contains (an edited file got a new id).

    `files` are those that loaded without any error, so a broken file never deletes what was
    stored from its earlier, good version.
    """
    return [
        article_id
        for article_id, record in stored.items()
        if _file_of(record.origin) in files and article_id not in batch
    ]


def _vanished(store: Store, paths: Iterable[str | Path]) -> list[StoredArticle]:
    """Stored articles from a file directly inside one of the folders in `paths` that is gone now."""
    folders = sorted({str(Path(p).resolve()) for p in paths if not is_url(str(p)) and Path(p).is_dir()})
    return [
        record
        for record in store.articles_from(folders=folders).values()
        if not Path(_file_of(record.origin)).exists()
    ]


def remove(targets: Iterable[str], *, store: Store) -> tuple[list[StoredArticle], list[str]]:
    """Remove stored articles named by id, URL or the path of the file they came from.

    Returns the removed articles and the targets that named none.
    """
    removed: dict[str, StoredArticle] = {}
    unknown = []
    for target in targets:
        if is_url(target):
            found = store.articles_from(urls=[canonical_url(target)])
        else:
            found = store.articles([target]) | store.articles_from(
                files=[str(Path(target).expanduser().resolve())]
            )
        if not found:
            unknown.append(target)
        removed |= found
    for article_id in removed:
        store.remove_article(article_id)
    return list(removed.values()), unknown


def _count_replacements(
    report: IngestReport, superseded: list[str], stored: dict[str, StoredArticle], batch: dict[str, Article]
) -> None:
    """Report an edited file's new article as an update of the one it replaced, not as new + removed."""
    for article_id in superseded:
        file = _file_of(stored[article_id].origin)
        replacement = next((i for i in report.new if _file_of(batch[i].origin) == file), None)
        if replacement is None:
            report.removed.append(article_id)
        else:
            report.new.remove(replacement)
            report.updated.append(replacement)


def _file_of(origin: str) -> str:
    return origin.split("#", 1)[0]


def _embed_and_commit(
    planned: list[tuple[Article, list[Chunk]]],
    store: Store,
    embedder: Embedder,
    group_chunks: int,
    *,
    progress: bool,
) -> int:
    """Encode group after group while a writer thread commits the group before, so Chroma's writes
    overlap the encoding instead of adding to it; one write in flight bounds the memory held."""
    from tqdm import tqdm

    total = sum(len(chunks) for _, chunks in planned)
    bar = tqdm(
        total=total, unit="chunk", desc="embedding", disable=not progress or total == 0, file=sys.stderr
    )
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="qa-commit") as writer:
        pending: Future[None] | None = None
        for group in _groups(planned, group_chunks):
            encoded = encode_group(group, embedder)
            if pending is not None:
                pending.result()  # a failed write stops the ingest here, before more is encoded
            pending = writer.submit(store.commit_articles, encoded)
            bar.update(sum(len(chunks) for _, chunks in group))
        if pending is not None:
            pending.result()
    bar.close()
    return total


def _groups(
    planned: list[tuple[Article, list[Chunk]]], size: int
) -> Iterator[list[tuple[Article, list[Chunk]]]]:
    """Whole articles, gathered until a group holds at least `size` chunks."""
    group: list[tuple[Article, list[Chunk]]] = []
    held = 0
    for article, chunks in planned:
        group.append((article, chunks))
        held += len(chunks)
        if held >= size:
            yield group
            group, held = [], 0
    if group:
        yield group


def _record_vector(sentence_vectors: np.ndarray, dimension: int) -> np.ndarray:
    if not len(sentence_vectors):
        return np.zeros(dimension, dtype=np.float32)
    mean: np.ndarray = sentence_vectors.mean(axis=0)
    unit: np.ndarray = (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32)
    return unit


def encode_group(group: list[tuple[Article, list[Chunk]]], embedder: Embedder) -> list[Encoded]:
    """Embed every sentence of the group's articles, each distinct text once, in one encoder call:
    each article with its chunks, its sentence vectors and its record's vector.

    News repeats itself ("Advertisement", "Read our privacy notice ..."): one sentence in twenty of
    the bench corpus is a copy, and a copy is not encoded again. An article's record holds the mean
    of its sentence vectors, as Chroma wants a vector for every record; nothing searches it."""
    sentences = [sentences_of(chunks) for _, chunks in group]
    texts = [s.text for article_sentences in sentences for s in article_sentences]
    distinct = list(dict.fromkeys(texts))
    position = {text: i for i, text in enumerate(distinct)}
    vectors = embedder.encode(distinct)[[position[text] for text in texts]]
    encoded: list[Encoded] = []
    offset = 0
    for (article, chunks), article_sentences in zip(group, sentences):
        own = vectors[offset : offset + len(article_sentences)]
        encoded.append(Encoded(article, chunks, own, _record_vector(own, embedder.dimension)))
        offset += len(article_sentences)
    return encoded
