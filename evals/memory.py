"""Where an ask process's memory goes: `python -m evals.memory STORE [--questions N]`.

Run in a fresh process over an existing store (e.g. one `python -m evals.scale --keep DIR` grew).
The resident set is read after each stage (libraries imported, store opened, retrieval view loaded,
encoder loaded, first answer, more answers), and the view is taken apart object by object (passage
texts and records, each BM25 index, the lookups), so each component's share per chunk is known.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np


def resident_mb(*, mapped: bool = False) -> float:
    """This process's resident set now (not its peak), in MB; with `mapped`, only its file pages
    (the view cache's arrays, libraries), which the system can drop under pressure and which
    processes mapping the same file share."""
    pages = int(Path("/proc/self/statm").read_text().split()[2 if mapped else 1])
    return pages * 4096 / 2**20


def deep_bytes(root: Any) -> int:
    """Bytes held by `root` and everything it references once (numpy arrays by their buffers)."""
    seen: set[int] = set()
    pending = [root]
    total = 0
    while pending:
        obj = pending.pop()
        if id(obj) in seen or obj is None or isinstance(obj, type):
            continue
        seen.add(id(obj))
        if isinstance(obj, np.ndarray):
            total += obj.nbytes + sys.getsizeof(obj) - (obj.nbytes if obj.base is None else 0)
            continue
        total += sys.getsizeof(obj)
        if isinstance(obj, dict):
            pending.extend(obj.keys())
            pending.extend(obj.values())
        elif isinstance(obj, (list, tuple, set, frozenset)):
            pending.extend(obj)
        elif dataclasses.is_dataclass(obj) or hasattr(obj, "__dict__"):
            pending.extend(_attributes(obj))
        elif hasattr(obj, "data") and hasattr(obj, "indices"):  # a scipy sparse matrix
            pending.extend((obj.data, obj.indices, getattr(obj, "indptr", None)))
    return total


def _attributes(obj: Any) -> Iterable[Any]:
    values = getattr(obj, "__dict__", {})
    yield values
    for name in getattr(type(obj), "__slots__", ()):
        yield getattr(obj, name, None)


def profile(store: Path, questions: list[str]) -> dict[str, Any]:
    """The resident set after each stage, and the view's components by size."""
    from qa import Library, Settings, ask
    from qa.retrieval.view import view_of

    stages: dict[str, float] = {"interpreter and libraries": resident_mb()}
    library = Library(Settings(store=store))  # its encoder loads on first use, below
    stages["store opened (Chroma client)"] = resident_mb()
    view = view_of(library.store)
    stages["retrieval view loaded"] = resident_mb()
    library.embedder.encode(["warm up"])
    stages["encoder loaded"] = resident_mb()
    # Through the same library, so the answers use the view and encoder measured above.
    ask(questions[0], store=library)
    stages["first answer (dense index loaded)"] = resident_mb()
    for question in questions[1:]:
        ask(question, store=library)
    stages[f"after {len(questions)} answers"] = resident_mb()
    mapped = resident_mb(mapped=True)
    texts = sum(sys.getsizeof(text) for text in view.passages.article_texts)
    parts = {
        "article texts (each once, compressed; chunks and sentences are spans of them)": texts,
        "passage table (ids, spans, sentence rows, article metadata)": deep_bytes(view.passages) - texts,
        "chunk BM25 index": deep_bytes(view.lexical),
        "sentence BM25 index": deep_bytes(view.sentence_lexical),
        "lookups (ids, positions, sentence holders)": deep_bytes(
            (
                view.position,
                view.holder_starts,
                view.holder_chunks,
                view.chunk_sentences,
                view.source_rows,
                view.sentence_source_rows,
            )
        ),
        "sentence vectors (int8, one per sentence)": deep_bytes(view.vectors),
        "article records": deep_bytes(view.articles),
    }
    return {
        "chunks": len(view.passages),
        "sentences": view.sentence_count,
        "articles": len(view.articles),
        "stages_mb": stages,
        "mapped_mb": mapped,
        "view_mb": {name: size / 2**20 for name, size in parts.items()},
    }


def table(result: dict[str, Any]) -> str:
    chunks = result["chunks"]
    lines = [
        f"{chunks:,} chunks, {result['sentences']:,} sentences, {result['articles']:,} articles",
        "",
        "| stage | resident MB | added MB | added KB per chunk |",
        "|---|---|---|---|",
    ]
    previous = 0.0
    for stage, mb in result["stages_mb"].items():
        lines.append(f"| {stage} | {mb:.0f} | {mb - previous:+.0f} | {(mb - previous) * 1024 / chunks:.2f} |")
        previous = mb
    lines += [
        "",
        f"Of the last resident set, {result['mapped_mb']:.0f} MB are file pages (libraries, the view "
        "cache's arrays): shared by processes that map the same files.",
        "",
        "| in the retrieval view | MB | KB per chunk |",
        "|---|---|---|",
    ]
    for name, mb in result["view_mb"].items():
        lines.append(f"| {name} | {mb:.0f} | {mb * 1024 / chunks:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("store", type=Path)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args(argv)
    from evals.bench import default_corpus, questions_for

    result = profile(args.store, questions_for(default_corpus(), args.questions))
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
