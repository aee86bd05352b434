"""The one orchestrator: `ingest`, `retrieve` and `ask`, the package's front door."""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from qa.answer import Context, get_backend
from qa.answer.check import abstention, check
from qa.answer.evidence import answerable, gather, unheld_outlets
from qa.config import Settings
from qa.ingestion.feeds import Followed, WebState, now
from qa.ingestion.fetch import is_url
from qa.ingestion.index import IngestReport
from qa.ingestion.index import ingest as _ingest
from qa.ingestion.index import remove as _remove
from qa.library import Library
from qa.retrieval.lexical import tokenize
from qa.retrieval.retrieve import search
from qa.retrieval.view import view_of
from qa.store.store import Store
from qa.types import Answer, Passage, StoredArticle

StoreLike = str | Path | Store | Library | None
Turn = tuple[str, str]  # (question, answer text) of an earlier exchange

_OPEN_LOCK = threading.Lock()
# The functions below take a folder (or nothing: the configured store) and keep the Library they
# opened for it, so warm calls are fast. A program that wants no state shared this way opens its
# own `Library` and passes it as `store=`.
_OPENED: dict[tuple[str, str, str], Library] = {}


def open_library(store: StoreLike = None, *, settings: Settings | None = None) -> Library:
    """The Library of a folder (or of the configured store), opened once for these functions."""
    return _resolve(store, settings)[0]


def open_store(store: StoreLike = None, *, settings: Settings | None = None) -> Store:
    """The Store of a folder (or the configured one): `open_library(...).store`."""
    return _resolve(store, settings)[0].store


def _resolve(store: StoreLike, settings: Settings | None, *, warm: bool = True) -> tuple[Library, Settings]:
    """The library to use and the settings for this call (`store` overrides `settings.store`); a
    library opened here for work that encodes nothing (`warm=False`) loads no model ahead."""
    if isinstance(store, Library):
        return store, settings or store.settings
    if isinstance(store, Store):
        settings = settings or store.settings
    else:
        settings = settings or Settings()
        if store is not None:
            settings = settings.model_copy(update={"store": Path(store)})
    where = settings.chroma_url or str(settings.store.resolve())
    key = (where, settings.collection, settings.embedding_model)
    with _OPEN_LOCK:
        library = _OPENED.get(key)
        if library is None:
            library = _OPENED[key] = Library(
                settings, store=store if isinstance(store, Store) else None, warm=warm
            )
        elif isinstance(store, Store) and library.store is not store:
            # Another Store object of the same place: it becomes that place's, with the encoder
            # already loaded for it.
            library = _OPENED[key] = Library(settings, store=store, embedder=library.embedder)
        return library, settings


def ingest(
    paths: Iterable[str | Path] | str | Path,
    *,
    store: StoreLike = None,
    settings: Settings | None = None,
    progress: bool = False,
    sync: bool = False,
) -> IngestReport:
    """Ingest files or folders of articles into the store; re-ingesting is idempotent.

    With `sync`, each folder is mirrored: articles whose file in it was deleted are removed.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    library, settings = _resolve(store, settings)
    return _ingest(
        paths, store=library.store, settings=settings, embedder=library.embedder, progress=progress, sync=sync
    )


def remove(
    targets: Iterable[str] | str, *, store: StoreLike = None, settings: Settings | None = None
) -> tuple[list[StoredArticle], list[str]]:
    """Remove articles by id, URL or source file path; returns (removed articles, targets matching none)."""
    if isinstance(targets, str):
        targets = [targets]
    library, _ = _resolve(store, settings, warm=False)
    return _remove(targets, store=library.store)


def follow(
    urls: Iterable[str] | str,
    *,
    store: StoreLike = None,
    settings: Settings | None = None,
    progress: bool = False,
) -> IngestReport:
    """Follow RSS/Atom feeds: keep them in the store's feed list (`refresh` pulls them again) and
    pull them now. A URL that turns out to be no feed is ingested once and not followed."""
    urls = [urls] if isinstance(urls, str) else list(urls)
    for url in urls:
        if not is_url(url) or urlsplit(url).scheme not in {"http", "https"}:
            raise ValueError(f"not a feed URL: {url!r} (feeds are followed by http or https address)")
    library, settings = _resolve(store, settings)
    state = WebState.load(settings.store)
    new = [url for url in urls if url not in state.feeds]
    state.feeds |= {url: Followed(url, added=now()) for url in new}
    state.save(settings.store)
    report = _ingest(
        urls, store=library.store, settings=settings, embedder=library.embedder, progress=progress
    )
    not_feeds = [url for url in new if url not in report.feeds]
    if not_feeds:  # a page, or a fetch that failed: nothing to follow
        state = WebState.load(settings.store)
        for url in not_feeds:
            state.feeds.pop(url, None)
        state.save(settings.store)
        report.notes += [f"{url}: not followed (no feed was read from it)" for url in not_feeds]
    return report


def refresh(
    *, store: StoreLike = None, settings: Settings | None = None, progress: bool = False
) -> IngestReport:
    """Pull every followed feed: new items are added, changed ones replaced, unchanged ones skipped."""
    library, settings = _resolve(store, settings)
    feeds = list(WebState.load(settings.store).feeds)
    return _ingest(
        feeds, store=library.store, settings=settings, embedder=library.embedder, progress=progress
    )


def followed(*, settings: Settings | None = None) -> list[Followed]:
    """The feeds the store follows, in the order they were added."""
    settings = settings or Settings()
    return list(WebState.load(settings.store).feeds.values())


def unfollow(urls: Iterable[str], *, settings: Settings | None = None) -> list[str]:
    """Stop following feeds (their stored articles stay); returns the URLs that were not followed."""
    settings = settings or Settings()
    state = WebState.load(settings.store)
    unknown = [url for url in urls if state.feeds.pop(url, None) is None]
    state.save(settings.store)
    return unknown


def retrieve(
    question: str, *, k: int = 10, store: StoreLike = None, settings: Settings | None = None
) -> list[Passage]:
    """Return the `k` passages most relevant to `question` (hybrid dense + BM25)."""
    library, settings = _resolve(store, settings)
    return search(
        library.store, _checked(question, settings), k=k, settings=settings, embedder=library.embedder
    )


def ask(
    question: str,
    *,
    k: int | None = None,
    store: StoreLike = None,
    history: Sequence[Turn] | None = None,
    backend: str | None = None,
    settings: Settings | None = None,
) -> Answer:
    """Answer `question` from the stored articles with cited sentences, or abstain."""
    stream = ask_stream(question, k=k, store=store, history=history, backend=backend, settings=settings)
    return stream.answer


class AnswerStream:
    """An answer being written: iterate for its text pieces as they come, then read `answer`,
    the checked Answer (reading it first runs the whole answer)."""

    def __init__(self, pieces: Generator[str, None, Answer]) -> None:
        self._pieces = pieces
        self._answer: Answer | None = None

    def __iter__(self) -> Iterator[str]:
        self._answer = yield from self._pieces

    @property
    def answer(self) -> Answer:
        """The checked answer (see `qa.answer.check`)."""
        if self._answer is None:
            deque(self, maxlen=0)
        if self._answer is None:
            raise RuntimeError("the answer stream was abandoned before it finished")
        return self._answer


def ask_stream(
    question: str,
    *,
    k: int | None = None,
    store: StoreLike = None,
    history: Sequence[Turn] | None = None,
    backend: str | None = None,
    settings: Settings | None = None,
) -> AnswerStream:
    """Like `ask`, streaming: iterate for the answer's text pieces as they are written, then read
    `.answer` for the checked Answer.

    With an LLM backend the streamed text is the model's draft; the final Answer is what the
    citation check kept (its text can differ: corrected markers, unsupported sentences marked).
    """
    library, settings = _resolve(store, settings)
    asked = _checked(question, settings)
    return AnswerStream(
        _answer(asked, library, settings, history or [], backend or settings.backend, k or settings.k)
    )


def _answer(
    question: str, library: Library, settings: Settings, history: Sequence[Turn], backend: str, k: int
) -> Generator[str, None, Answer]:
    """Retrieve, gather the evidence, let the backend write, check what it wrote."""
    started = time.perf_counter()
    writer = get_backend(backend)
    store = library.store
    view = view_of(store)  # one snapshot of the store for the whole answer
    context = Context(
        settings=settings,
        embedder=library.embedder,
        lexical=view.lexical,
        stored_vectors=view.stored_vectors,
        said_before=tuple(answer for _, answer in history),
        catalog=view.catalog,
        article_passages=view.article_passages,
    )
    query = standalone_query(question, history)
    if query != question:  # a follow-up: an LLM backend may write a better standalone question
        query = writer.condense(question, history, context=context) or query
    context = replace(context, search_query=query)
    passages = search(store, query, k=k, settings=settings, embedder=library.embedder, view=view)
    evidence = gather(question, passages, context=context)
    if not answerable(evidence, context=context):
        outlets = unheld_outlets(evidence, context.catalog)
        reason = f"None of them is from {' or '.join(outlets)}." if outlets else ""
        answer = abstention(evidence, reason=reason, seconds=time.perf_counter() - started)
        yield answer.text
        return answer
    written = yield from writer.write(evidence, context=context)
    return check(written, evidence, context=context, seconds=time.perf_counter() - started)


_FOLLOW_UP = re.compile(
    r"\b(he|she|it|they|him|her|them|his|hers|its|their|this|that|these|those|there|then|why|how so)\b",
    re.IGNORECASE,
)


def standalone_query(question: str, history: Sequence[Turn]) -> str:
    """Make a follow-up ("Why?", "What did he say next?") searchable by adding the last question.

    A question that names its own subject (several content words, no pronoun) stands alone.
    """
    if not history:
        return question
    content_words = tokenize(question)
    if len(content_words) >= 4 and not _FOLLOW_UP.search(question):
        return question
    last_question = history[-1][0]
    return f"{last_question} {question}"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _checked(question: str, settings: Settings) -> str:
    if not isinstance(question, str):
        raise TypeError(f"question must be a str, not {type(question).__name__}")
    # Pasted control characters are noise, not words.
    question = _CONTROL.sub(" ", question)
    if not question.strip():
        raise ValueError("question is empty: type a question about the articles")
    if len(question) > settings.max_question_chars:
        raise ValueError(
            f"question is too long ({len(question)} characters; the limit is {settings.max_question_chars})"
        )
    return " ".join(question.split())
