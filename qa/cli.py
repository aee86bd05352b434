"""The `qa` command: `qa ingest PATH|URL...`, `qa feeds`, `qa refresh`, `qa ask QUESTION`, `qa eval`
and `qa doctor`.

Heavy libraries (torch, chromadb) are imported only inside the commands, so `qa --help`
answers at once.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qa.ingestion.index import IngestReport
    from qa.types import Answer


def _quiet_libraries() -> None:
    # Model loading prints progress bars and hub warnings that mean nothing to a user here.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def _settings(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from qa.config import Settings

    return Settings(store=Path(args.store)) if args.store else Settings()


def cmd_ingest(args: argparse.Namespace) -> int:
    """Ingest files, folders, URLs and feeds; print one error line per rejected file, page or feed
    item, one note line per item stored in a way worth knowing, and a summary line."""
    from qa.pipeline import ingest

    report = ingest(args.paths, settings=_settings(args), progress=sys.stderr.isatty(), sync=args.sync)
    return _print_report(report)


def _print_report(report: IngestReport) -> int:
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    for article_id in report.removed:
        print(f"removed: {report.titles.get(article_id, '')} ({article_id})")
    print(report.summary())
    nothing_loaded = not (report.new or report.updated or report.unchanged)
    return 1 if report.errors and nothing_loaded else 0


def cmd_feeds(args: argparse.Namespace) -> int:
    """`qa feeds add URL...` (follow and pull now), `qa feeds list`, `qa feeds remove URL...`."""
    from qa.pipeline import follow, followed, unfollow

    settings = _settings(args)
    if args.action in {"add", "remove"} and not args.urls:
        raise ValueError(f"qa feeds {args.action} needs at least one feed URL")
    if args.action == "add":
        return _print_report(follow(args.urls, settings=settings, progress=sys.stderr.isatty()))
    if args.action == "remove":
        unknown = unfollow(args.urls, settings=settings)
        for url in unknown:
            print(f"error: not a followed feed: {url}", file=sys.stderr)
        return 1 if unknown else 0
    feeds = followed(settings=settings)
    for feed in feeds:
        pulled = f"pulled {feed.pulled}, {feed.items} items" if feed.pulled else "never pulled"
        print(f"{feed.url}  {feed.title or '(untitled)'}  ({pulled})")
    if not feeds:
        print("no feeds followed: qa feeds add URL")
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    """Pull every followed feed."""
    from qa.pipeline import followed, refresh

    settings = _settings(args)
    if not followed(settings=settings):
        print("no feeds followed: qa feeds add URL")
        return 0
    return _print_report(refresh(settings=settings, progress=sys.stderr.isatty()))


def cmd_remove(args: argparse.Namespace) -> int:
    """Remove articles by id, URL or file path; a line per removed article, an error per unknown target."""
    from qa.pipeline import remove

    removed, unknown = remove(args.targets, settings=_settings(args))
    for record in removed:
        print(f"removed: {record.title} ({record.id})")
    for target in unknown:
        print(f"error: no stored article has the id, URL or file {target!r}", file=sys.stderr)
    return 1 if unknown else 0


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer one question and print it with its citations (or as JSON)."""
    from qa.pipeline import ask_stream

    settings = _settings(args)
    backend = args.backend or settings.backend
    # A generated answer streams to stderr as it is written; stdout gets the checked answer.
    live = args.stream if args.stream is not None else (sys.stderr.isatty() and backend != "extractive")
    stream = ask_stream(args.question, k=args.k, backend=backend, settings=settings)
    for piece in stream:
        if live:
            print(piece, end="", file=sys.stderr, flush=True)
    answer = stream.answer
    if live:
        print("\n", file=sys.stderr)
    if args.json:
        print(json.dumps(dataclasses.asdict(answer), ensure_ascii=False, indent=2))
    else:
        print(format_answer(answer))
    for note in answer.notes:  # e.g. the local model died: the answer came from the sources instead
        print(f"warning: {note}", file=sys.stderr)
    return 1 if answer.notes else 0


def cmd_doctor(args: argparse.Namespace) -> int:
    """Report the CPU's features, the llama.cpp build, the model files and a 5-token generation."""
    from qa.config import Settings
    from qa.doctor import run

    return run(Settings())


def format_answer(answer: Answer) -> str:
    """Render an answer for a terminal: the text, then each citation's article and sentence."""
    from qa.answer.render import shown_date, with_dates

    # The short answer stands on its own line, above the sentences that back it; a relative day
    # of a cited sentence is followed by the date it means.
    days = [day for c in answer.citations for day in c.days]
    paragraphs = [with_dates(part, days) for part in answer.text.split("\n\n")]
    lines = ["\n\n".join(textwrap.fill(part, width=100) for part in paragraphs), ""]
    for c in answer.citations:
        about = ", ".join(part for part in (c.source, shown_date(c.published)) if part)
        lines.append(f"[{c.n}] {c.title} ({about})")
        lines.append(
            textwrap.fill(f"“{c.sentence}”", width=100, initial_indent="    ", subsequent_indent="    ")
        )
        if c.url:
            lines.append(f"    {c.url}")
        if c.also_in:
            lines.append(f"    also in: {'; '.join(c.also_in)}")
    if answer.unsupported:
        lines.append("⚠ No source backs these sentences of the answer:")
        lines += [textwrap.fill(f"- {t}", width=100, subsequent_indent="  ") for t in answer.unsupported]
    if answer.abstained and answer.passages:
        lines.append("Closest passages (related, not an answer):")
        seen: set[str] = set()
        for p in answer.passages:
            if p.article_id not in seen:
                seen.add(p.article_id)
                lines.append(f"  - {p.title}")
            if len(seen) == 3:
                break
    return "\n".join(lines).rstrip()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the `qa` command."""
    parser = argparse.ArgumentParser(prog="qa", description="Ask questions about news articles.")
    commands = parser.add_subparsers(dest="command", required=True)

    ingest = commands.add_parser(
        "ingest", help="add articles: .txt/.md/.html/.json/.jsonl files, folders, page or feed URLs, feeds"
    )
    ingest.add_argument("paths", nargs="+", help="files, folders, http(s) page or feed URLs, .xml/.rss/.atom")
    ingest.add_argument("--store", help="store folder (default: $QA_STORE or .qa)")
    ingest.add_argument(
        "--sync", action="store_true", help="mirror each folder: remove articles whose file in it is gone"
    )
    ingest.set_defaults(run=cmd_ingest)

    feeds = commands.add_parser("feeds", help="follow RSS/Atom feeds: add (and pull now), list, remove")
    feeds.add_argument("action", choices=["add", "list", "remove"])
    feeds.add_argument("urls", nargs="*", help="feed URLs (add, remove)")
    feeds.add_argument("--store", help="store folder (default: $QA_STORE or .qa)")
    feeds.set_defaults(run=cmd_feeds)

    refresh = commands.add_parser("refresh", help="pull every followed feed: new and changed items")
    refresh.add_argument("--store", help="store folder (default: $QA_STORE or .qa)")
    refresh.set_defaults(run=cmd_refresh)

    remove = commands.add_parser("remove", help="remove stored articles by id, URL or file path")
    remove.add_argument("targets", nargs="+", help="article ids, URLs or paths of the files they came from")
    remove.add_argument("--store", help="store folder (default: $QA_STORE or .qa)")
    remove.set_defaults(run=cmd_remove)

    ask = commands.add_parser("ask", help="answer a question with cited sentences")
    ask.add_argument("question")
    ask.add_argument("--store", help="store folder (default: $QA_STORE or .qa)")
    ask.add_argument("-k", type=int, default=None, help="passages to retrieve (default: $QA_K or 10)")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.add_argument("--backend", help="extractive, llamacpp, openai or ollama (default: $QA_BACKEND)")
    ask.add_argument(
        "--stream",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show an LLM's answer on stderr as it is written (default: when stderr is a terminal)",
    )
    ask.set_defaults(run=cmd_ask)

    doctor = commands.add_parser(
        "doctor", help="check this machine for the local model: CPU, llama.cpp build, models, a generation"
    )
    doctor.set_defaults(run=cmd_doctor)

    from evals.cli import add_commands  # the eval suite ships beside the package

    add_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `qa` command."""
    args = build_parser().parse_args(argv)
    _quiet_libraries()
    from qa.answer.base import BackendError

    try:
        return int(args.run(args))
    except (ValueError, BackendError) as error:  # bad input, or a backend to install or start
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
