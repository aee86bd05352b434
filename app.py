"""The chat UI: ask questions about the stored articles, see every cited sentence in its article.

    python app.py [--store DIR] [--host 127.0.0.1] [--port 7860]

Serves on http://127.0.0.1:7860 over the configured store (`QA_STORE`, default `.qa/`), and
ingests `corpus/` first when the store is empty.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
from collections.abc import Iterator
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr
from gradio.events import api

from qa import (
    Answer,
    IngestReport,
    Settings,
    ask,
    ask_stream,
    follow,
    followed,
    ingest,
    open_library,
    open_store,
    refresh,
    remove,
)
from qa.answer import BackendError, available_backends
from qa.answer.render import chat_markdown, escape_markdown, sources_html
from qa.ingestion.corpus import SUFFIXES
from qa.retrieval.view import view_of
from qa.types import StoredArticle

CORPUS = Path(__file__).resolve().parent / "corpus"
EXAMPLES = [
    "Who is the Pentagon press secretary?",
    "Why are officials worried about Russian and U.S. jets?",
    "Who did John Kerry speak with on Tuesday?",
]
EMPTY_SOURCES = '<p class="qa-empty">Sources of the answer appear here, cited sentences highlighted.</p>'
ARTICLES_LISTED = 50  # the article list shows this many matches; the search narrows it
STREAM_CHARS = 120  # characters per streamed update: visibly streaming without flooding the socket
# Most characters of a draft streamed into the chat: answers are bounded (sentences of at most 1,000
# characters, a few of them, or llm_max_tokens), so only a runaway draft ever reaches this.
STREAM_CAP = 4000
log = logging.getLogger("qa.app")

Message = dict[str, str]
Turn = tuple[str, str]

# Clicking an [n] marker in the chat scrolls its highlighted sentence into view and flashes it.
# Capture phase, so the chat's own link handling never opens "#cite-…" as a page.
HEAD = """
<script>
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest('a[href^="#cite-"]');
  if (!link) return;
  event.preventDefault();
  event.stopPropagation();
  const target = document.getElementById(link.getAttribute("href").slice(1));
  if (!target) return;
  target.scrollIntoView({behavior: "smooth", block: "center"});
  target.classList.remove("qa-flash");
  void target.offsetWidth;
  target.classList.add("qa-flash");
}, true);
</script>
"""

CSS = """
.qa-sources { max-height: 70vh; overflow-y: auto; }
.qa-source, .qa-related { border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: 0.6em 0.9em; margin-bottom: 0.8em; }
.qa-title { margin: 0 0 0.2em 0; font-size: 1.05em; }
.qa-meta { margin: 0 0 0.5em 0; font-size: 0.85em; opacity: 0.8; }
.qa-body, .qa-excerpt { white-space: pre-wrap; font-size: 0.92em; line-height: 1.45; }
.qa-body { max-height: 40vh; overflow-y: auto; }
mark.qa-cited { background: #ffe58a; color: #111; padding: 0 2px; border-radius: 3px; }
mark.qa-cited strong.qa-short { background: #f59e0b; color: #111; border-radius: 2px; padding: 0 1px; }
mark.qa-flash { outline: 3px solid #f59e0b; }
.qa-n { color: #b45309; font-weight: 600; }
.qa-related-note { font-style: italic; }
"""


class ChatUI:
    """The handlers behind the page, over one store; each conversation's turns live in gr.State."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.library = open_library(settings=settings)
        self.store = self.library.store
        self.uploads = settings.store / "uploads"

    def corpus_size(self) -> str:
        articles, chunks = self.store.counts()
        return (
            f"**{_count(articles, 'article')}**, **{_count(chunks, 'passage')}** "
            f"in the store `{self.settings.store}`"
        )

    def respond(
        self, question: str, messages: list[Message], turns: list[Turn], k: float, backend: str
    ) -> Iterator[tuple[str, list[Message], list[Turn], str, str]]:
        """Answer one chat message: the text streams in as it is written, then the checked answer
        replaces it, with its markers linked and its sources beside it."""
        question = question or ""
        messages = [*messages, {"role": "user", "content": escape_markdown(question.strip() or "(empty)")}]
        written = ""
        try:
            stream = ask_stream(question, k=int(k), store=self.library, history=turns, backend=backend)
            for piece in stream:
                for words in _word_groups(piece):
                    if len(written) + len(words) > STREAM_CAP:
                        break  # the checked answer replaces the draft anyway; never flood the page
                    written += words
                    draft = {"role": "assistant", "content": escape_markdown(written)}
                    yield "", [*messages, draft], turns, gr.skip(), gr.skip()
            answer = stream.answer
        except (ValueError, BackendError) as error:  # the question, or the chosen backend, is not usable
            reason = str(error)
            reply = f"⚠️ {escape_markdown(reason[:1].upper() + reason[1:])}"
            # The question stays in the box, so a too-long one can be shortened rather than retyped.
            yield gr.skip(), [*messages, {"role": "assistant", "content": reply}], turns, gr.skip(), ""
            return
        except Exception:
            log.exception("answering %r failed", question)
            reply = "⚠️ Something went wrong while answering. Please try again."
            yield "", [*messages, {"role": "assistant", "content": reply}], turns, gr.skip(), ""
            return
        turn = len(turns)
        sources = sources_html(answer, turn=turn, article_text=self.store.article_text)
        final = {"role": "assistant", "content": chat_markdown(answer, turn=turn)}
        yield "", [*messages, final], [*turns, (question, answer.text)], sources, _status(answer)

    def answer_api(self, question: str, k: int = 10, backend: str = "") -> dict[str, Any]:
        """One answer as JSON for programs (gradio_client, api_name="/answer"), or {"error": ...}."""
        try:
            answer = ask(question, k=int(k), store=self.library, backend=backend or None)
        except (ValueError, BackendError) as error:
            return {"error": str(error)}
        return {
            "text": answer.text,
            "short": answer.short,  # the direct answer ("" when abstaining), and where it is cited
            "short_span": asdict(answer.short_span) if answer.short_span is not None else None,
            "abstained": answer.abstained,
            "citations": [asdict(c) for c in answer.citations],
            "unsupported": answer.unsupported,
            "notes": list(answer.notes),
            "seconds": answer.seconds,
        }

    def add_articles(
        self,
        files: list[str] | None,
        progress: gr.Progress = gr.Progress(track_tqdm=True),  # noqa: B008 (Gradio's injection idiom)
    ) -> tuple[str, str, None]:
        """Ingest uploaded files and report what was added, updated or rejected."""
        if not files:
            return "Choose one or more article files first.", self.corpus_size(), None
        progress(0, desc="reading files")
        # Uploads are kept by file name, so uploading an edited file again replaces its articles.
        self.uploads.mkdir(parents=True, exist_ok=True)
        names: dict[str, str] = {}
        earlier: dict[Path, Path] = {}  # an upload's earlier file of the same name, set aside
        for file in files:
            target = upload_target(self.uploads, Path(file).name)
            if target.exists():
                earlier[target] = target.with_name(f".{target.name}.earlier")
                os.replace(target, earlier[target])
            shutil.copyfile(file, target)
            names[str(target)] = target.name
        report = ingest(list(names), settings=self.settings, progress=True)
        rejected = {Path(error.path).resolve() for error in report.errors if not error.record}
        for name in names:
            target = Path(name)
            if target in rejected:  # a rejected upload leaves nothing behind; an earlier one stays
                target.unlink(missing_ok=True)
                if target in earlier:
                    os.replace(earlier[target], target)
            elif target in earlier:
                earlier[target].unlink(missing_ok=True)
        return _report_markdown(report, names), self.corpus_size(), None

    def add_url(
        self,
        url: str,
        follow_it: bool,
        progress: gr.Progress = gr.Progress(track_tqdm=True),  # noqa: B008 (Gradio's injection idiom)
    ) -> tuple[str, str, str]:
        """Fetch an article page or a feed's items into the store (following the feed when asked)."""
        url = (url or "").strip()
        if not url:
            return "Paste the address of an article or a feed first.", self.corpus_size(), url
        progress(0, desc=f"fetching {url}")
        try:
            if follow_it:
                report = follow([url], settings=self.settings, progress=True)
            else:
                report = ingest([url], settings=self.settings, progress=True)
        except ValueError as error:
            return f"⚠️ {escape_markdown(str(error))}", self.corpus_size(), url
        return _report_markdown(report, {}), self.corpus_size(), ""

    def refresh_feeds(
        self,
        progress: gr.Progress = gr.Progress(track_tqdm=True),  # noqa: B008 (Gradio's injection idiom)
    ) -> tuple[str, str]:
        """Pull every followed feed."""
        feeds = followed(settings=self.settings)
        if not feeds:
            return "No feeds followed yet: add a feed URL with “Follow this feed” ticked.", self.corpus_size()
        progress(0, desc=f"pulling {_count(len(feeds), 'feed')}")
        return _report_markdown(refresh(settings=self.settings, progress=True), {}), self.corpus_size()

    def find_articles(self, query: str) -> list[StoredArticle]:
        """Stored articles whose title, source or URL contains `query` (all when empty), by title."""
        needle = " ".join((query or "").lower().split())
        found = [
            a
            for a in view_of(self.store).articles.values()
            if needle in f"{a.title} {a.source} {a.url}".lower()
        ]
        return sorted(found, key=lambda a: (a.title.lower(), a.id))

    def remove_article(self, article_id: str, version: int) -> tuple[str, str, int]:
        """Remove one article; report it, and move `version` on so the article list is drawn again."""
        removed, _ = remove([article_id], settings=self.settings)
        said = ", ".join(escape_markdown(a.title) for a in removed) or "nothing (it was already gone)"
        return f"Removed {said}.", self.corpus_size(), version + 1


def upload_target(folder: Path, name: str) -> Path:
    """Where an uploaded file is kept: its bare name inside `folder`, whatever path the name claims."""
    bare = name.replace("\\", "/").rsplit("/", 1)[-1].strip().lstrip(".")
    target = (folder / (bare or "upload.txt")).resolve()
    if target.parent != folder.resolve():  # cannot happen with a bare name; refuse rather than trust it
        raise ValueError(f"refused upload name {name!r}")
    return target


def _word_groups(text: str) -> Iterator[str]:
    """A streamed piece in groups of whole words of about STREAM_CHARS, so a long one appears
    progressively without an update per word (a model's tokens are short and pass as they come)."""
    group = ""
    for word in text.split(" "):
        if group and len(group) + len(word) > STREAM_CHARS:
            yield group
            group = ""
        group += word + " "
    yield group[:-1]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def _status(answer: Answer) -> str:
    notes = "".join(f"⚠️ {note[:1].upper()}{note[1:]}. " for note in answer.notes)
    return notes + _outcome(answer)


def _outcome(answer: Answer) -> str:
    found = f"from {_count(len(answer.passages), 'retrieved passage')}"
    if answer.abstained:
        return (
            f"No answer in the articles ({answer.seconds:.2f} s, {found}; the closest are shown as related)."
        )
    cited = _count(len(answer.citations), "cited sentence")
    unsupported = (
        f"; {_count(len(answer.unsupported), 'sentence')} no source backs" if answer.unsupported else ""
    )
    return f"Answered in {answer.seconds:.2f} s with {cited}{unsupported}, {found}."


def _report_markdown(report: IngestReport, names: dict[str, str]) -> str:
    lines = [f"**Added {len(report.new)}, updated {len(report.updated)}, unchanged {len(report.unchanged)}**"]
    lines += [f"- new: {escape_markdown(report.titles[i])}" for i in report.new]
    lines += [f"- updated: {escape_markdown(report.titles[i])}" for i in report.updated]
    for error in report.errors:
        name = names.get(error.path, error.path if "://" in error.path else Path(error.path).name)
        where = f" ({error.record})" if error.record else ""
        lines.append(f"- rejected {escape_markdown(name + where)}: {escape_markdown(error.reason)}")
    lines += [f"- note: {escape_markdown(note)}" for note in report.notes]
    return "\n".join(lines)


def _example_text(event: gr.SelectData) -> str:
    return str(event.value["text"])


def build(settings: Settings) -> gr.Blocks:
    """The page: chat and sources side by side, uploads and settings below."""
    ui = ChatUI(settings)
    page = gr.Blocks(title="News QA")
    with page:
        gr.Markdown("## News QA: answers cited sentence by sentence from your articles")
        size = gr.Markdown(ui.corpus_size(), elem_id="corpus-size")
        turns = gr.State([])
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(
                    label="Chat",
                    elem_id="chat",
                    height=520,
                    latex_delimiters=[],
                    examples=[{"text": q} for q in EXAMPLES],
                    placeholder="Ask about the articles in the store.",
                    buttons=["copy"],
                )
                with gr.Row():
                    question = gr.Textbox(
                        placeholder="Ask a question and press Enter",
                        show_label=False,
                        scale=5,
                        elem_id="question",
                        max_lines=4,
                    )
                    send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                status = gr.Markdown(elem_id="answer-status")
                clear = gr.Button("New conversation", elem_id="new-conversation", size="sm")
            with gr.Column(scale=2):
                gr.Markdown("### Sources")
                sources = gr.HTML(EMPTY_SOURCES, elem_id="sources")
        with gr.Accordion("Add articles", open=False, elem_id="add-articles"):
            gr.Markdown(
                "Text, Markdown, HTML, JSON or JSON Lines files "
                "(JSON: one article or a list of `{title, body, url, source, published_at}` records)."
            )
            files = gr.File(
                file_count="multiple", file_types=sorted(SUFFIXES), label="Article files", elem_id="upload"
            )
            add = gr.Button("Add to the store", elem_id="add")
            gr.Markdown("Or the address of an article page or an RSS/Atom feed (its items are fetched).")
            with gr.Row():
                url = gr.Textbox(
                    placeholder="https://…", show_label=False, scale=4, elem_id="add-url", max_lines=1
                )
                follow_it = gr.Checkbox(label="Follow this feed", scale=1, elem_id="follow")
                fetch = gr.Button("Fetch", scale=1, elem_id="fetch")
            pull = gr.Button("Pull followed feeds", size="sm", elem_id="refresh")
            report = gr.Markdown(elem_id="ingest-report")
        listed = gr.State(0)  # moves on whenever the stored articles change, to redraw their list
        with gr.Accordion("Articles in the store", open=False, elem_id="articles"):
            search = gr.Textbox(
                placeholder="Search titles, sources and links", show_label=False, elem_id="article-search"
            )
            removed = gr.Markdown(elem_id="removed")

            @gr.render(inputs=[search, listed])  # type: ignore[untyped-decorator]
            def article_list(query: str, version: int) -> None:
                found = ui.find_articles(query)
                if not found:
                    gr.Markdown("No stored article matches.", elem_classes="qa-no-articles")
                for article in found[:ARTICLES_LISTED]:
                    with gr.Row(elem_classes="qa-article", equal_height=True):
                        about = " · ".join(
                            p for p in (article.source, article.published[:10], article.language) if p
                        )
                        gr.Markdown(
                            f"**{escape_markdown(article.title)}**"
                            + (f" · {escape_markdown(about)}" if about else ""),
                            elem_classes="qa-article-title",
                        )
                        button = gr.Button("Remove", size="sm", scale=0, elem_classes="qa-remove")
                        button.click(
                            partial(ui.remove_article, article.id),
                            [listed],
                            [removed, size, listed],
                            concurrency_limit=1,
                            concurrency_id="write",
                        )
                if len(found) > ARTICLES_LISTED:
                    gr.Markdown(f"… and {len(found) - ARTICLES_LISTED} more: narrow the search.")

        with gr.Accordion("Settings", open=False):
            k = gr.Slider(
                1, 30, value=settings.k, step=1, label="Passages retrieved per question", elem_id="k"
            )
            backend = gr.Dropdown(
                available_backends(), value=settings.backend, label="Answer backend", elem_id="backend"
            )

        inputs = [question, chat, turns, k, backend]
        outputs = [question, chat, turns, sources, status]
        for trigger in (question.submit, send.click):
            trigger(ui.respond, inputs, outputs, concurrency_id="answer")
        chat.example_select(_example_text, None, question).then(
            ui.respond, inputs, outputs, concurrency_id="answer"
        )
        fresh = [chat, turns, sources, question, status]
        clear.click(lambda: ([], [], EMPTY_SOURCES, "", ""), None, fresh, queue=False)
        chat.clear(lambda: ([], EMPTY_SOURCES, ""), None, [turns, sources, status], queue=False)
        add.click(
            ui.add_articles, [files], [report, size, files], concurrency_limit=1, concurrency_id="write"
        ).then(lambda version: version + 1, [listed], [listed], queue=False)
        for trigger in (fetch.click, url.submit):
            trigger(
                ui.add_url, [url, follow_it], [report, size, url], concurrency_limit=1, concurrency_id="write"
            ).then(lambda version: version + 1, [listed], [listed], queue=False)
        pull.click(ui.refresh_feeds, None, [report, size], concurrency_limit=1, concurrency_id="write").then(
            lambda version: version + 1, [listed], [listed], queue=False
        )
        page.load(ui.corpus_size, None, size)
        api(ui.answer_api, api_name="answer", concurrency_id="answer")
    return page


def build_parser() -> argparse.ArgumentParser:
    """The command line of `python app.py`."""
    parser = argparse.ArgumentParser(description="News QA chat UI")
    parser.add_argument("--store", type=Path, default=None, help="store folder (default: QA_STORE or .qa)")
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to serve on (default: this machine only; 0.0.0.0 for all)",
    )
    parser.add_argument("--port", type=int, default=7860)
    return parser


def main() -> None:
    """Parse arguments, fill an empty store from corpus/, and serve the UI."""
    args = build_parser().parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    settings = Settings() if args.store is None else Settings(store=args.store)
    if open_store(settings=settings).counts()[0] == 0:
        print(ingest([CORPUS], settings=settings, progress=True).summary())
    page = build(settings)
    # Several people at once: answers run four at a time, uploads one at a time.
    page.queue(default_concurrency_limit=4)
    login = settings.ui_user, settings.ui_password.get_secret_value()
    page.launch(
        server_name=args.host,
        server_port=args.port,
        auth=login if all(login) else None,
        max_file_size=f"{settings.max_file_mb:g}mb",
        head=HEAD,
        css=CSS,
        footer_links=[],
    )


if __name__ == "__main__":
    main()
