"""How answers slow down as the store grows: `python -m evals.scale`.

The store is grown from the corpus by committing it again and again under varied ids (each copy's
articles get a `#copy-N` URL, so new article ids): what re-ingesting the corpus under other ids
would store. The corpus is encoded once and its vectors reused for every copy, since the same
sentences encode to the same vectors. At each size, a fresh process builds the retrieval view (its
time and peak memory: what a process with no saved view pays), then `ask()` is timed in another
fresh process that reads the view cache (its first answer, warm p50/p95 and peak memory, as in `qa
bench`), then `qa ingest` of one new article (wall clock, interpreter start included) and the first
answer of a fresh process after it (which extends the saved view with that article), and the
store's size on disk is read; the table, a JSON file and a PNG plot of latency against chunks are
written to the report folder. With `--keep DIR` holding a store an earlier run grew, a step it
already reached is measured without growing it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from evals.bench import default_corpus, questions_for, run_child
from qa import Settings
from qa.encode.embed import embedder_for
from qa.ingestion.corpus import load_paths
from qa.ingestion.index import chunk_article, encode_group
from qa.retrieval import viewcache
from qa.store.store import Encoded, Store

SIZES = (10_000, 25_000, 50_000, 100_000, 200_000)


def encoded_corpus(corpus: Path, settings: Settings) -> list[Encoded]:
    """Each article with its chunks and vectors, encoded once, as ingest encodes them."""
    embedder = embedder_for(settings)
    planned = []
    for article in load_paths([corpus]).articles:
        chunks = chunk_article(article, size=settings.chunk_sentences, overlap=settings.chunk_overlap)
        if chunks:
            planned.append((article, chunks))
    return encode_group(planned, embedder)


def grow(store: Store, encoded: list[Encoded], copy: int, settings: Settings) -> int:
    """Commit one more copy of the corpus under new ids; return the chunks it added."""
    added = 0
    group = []
    for item in encoded:
        twin = replace(item.article, url=f"{item.article.url}#copy-{copy}", origin=f"scale copy {copy}")
        chunks = chunk_article(twin, size=settings.chunk_sentences, overlap=settings.chunk_overlap)
        group.append(Encoded(twin, chunks, item.sentence_vectors, item.record_vector))
        added += len(chunks)
        if len(group) == 50:  # committed in groups, as ingest does
            store.commit_articles(group)
            group = []
    store.commit_articles(group)  # each commit moves the store's generation
    return added


def run(
    corpus: Path, sizes: list[int], questions: int, report: Path, keep: Path | None = None
) -> list[dict[str, Any]]:
    report.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(store=keep or Path(folder) / "store")
        store = Store(settings)
        asked = Path(folder) / "questions.json"
        asked.write_text(json.dumps(questions_for(corpus, questions)))
        chunks, building = store.counts()[1], 0.0
        copy = copies_in(store)  # a kept store grown by an earlier run goes on from its copies
        encoded: list[Encoded] | None = None
        for size in sorted(sizes):
            started = time.perf_counter()
            if chunks < size and encoded is None:  # only a store that grows needs the vectors
                encoded = encoded_corpus(corpus, settings)
                seconds = time.perf_counter() - started
                print(f"encoded {len(encoded)} articles in {seconds:.0f} s", file=sys.stderr)
            while encoded is not None and chunks < size:
                chunks += grow(store, encoded, copy, settings)
                copy += 1
            building += time.perf_counter() - started
            command = [sys.executable, "-m", "evals.bench_phases", "ask", str(settings.store), str(asked)]
            # A process with no saved view builds it (and saves it): the saved one is removed
            # first, since a view saved at a smaller size would be extended instead. The next
            # process, like every later one until the next commit, reads it from the view cache.
            viewcache.path_for(settings).unlink(missing_ok=True)
            built, _, build_peak_mb = run_child(command)
            timed, _, peak_mb = run_child(command)
            ingest_one_s = ingest_one(settings.store, Path(folder))
            after_ingest, _, _ = run_child(command)
            rows.append(
                {"chunks": chunks, "copies": copy, "build_s": building, "peak_mb": peak_mb}
                | timed
                | {"view_build_s": built["first_s"], "view_build_peak_mb": build_peak_mb}
                | {"ingest_one_s": ingest_one_s, "after_ingest_first_s": after_ingest["first_s"]}
                | {"disk_mb": disk_mb(settings.store)}
            )
            print(table(rows[-1:], header=not rows[:-1]), file=sys.stderr)
            (report / "scale.json").write_text(json.dumps(rows, indent=2))
    plot(rows, report / "scale.png")
    return rows


def copies_in(store: Store) -> int:
    """How many copies of the corpus the store holds, as its articles' origins say."""
    origins = [article.origin for article in store.articles().values()]
    return max((int(o.split()[-1]) for o in origins if o.startswith("scale copy ")), default=-1) + 1


def ingest_one(store: Path, folder: Path) -> float:
    """Seconds `qa ingest` takes, end to end, to add one new article to the store."""
    step = time.time_ns() % 10**9  # a new article every time, whatever the store already holds
    article = folder / f"one-{step}.txt"
    article.write_text(
        f"Harbour council vote {step}\n\nThe harbour council voted on Tuesday to rebuild pier {step}. "
        f"The work on pier {step} will cost 2.{step} million dollars and should end next spring.\n"
    )
    started = time.perf_counter()
    run_child([sys.executable, "-m", "qa.cli", "ingest", str(article), "--store", str(store)])
    return time.perf_counter() - started


def disk_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


def table(rows: list[dict[str, Any]], *, header: bool = True) -> str:
    columns = (
        "chunks    copies  first answer  ask p50  ask p95  peak memory  per chunk  "
        "view build (peak)    ingest 1  then first answer  disk      build"
    )
    lines = [columns] if header else []
    for row in rows:
        per_chunk = row["peak_mb"] * 1024 / row["chunks"]
        lines.append(
            f"{row['chunks']:<9} {row['copies']:<7} {row['first_s']:>6.1f} s"
            f"      {row['p50_ms']:>4.0f} ms  {row['p95_ms']:>4.0f} ms  {row['peak_mb']:>7.0f} MB"
            f"   {per_chunk:>5.1f} KB   {row['view_build_s']:>6.0f} s ({row['view_build_peak_mb']:>5.0f} MB)"
            f"  {row['ingest_one_s']:>5.1f} s  {row['after_ingest_first_s']:>10.1f} s"
            f"       {row['disk_mb']:>6.0f} MB {row['build_s']:>5.0f} s"
        )
    return "\n".join(lines)


def plot(rows: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(6, 4))
    chunks = [row["chunks"] for row in rows]
    axes.plot(chunks, [row["p50_ms"] for row in rows], marker="o", label="p50")
    axes.plot(chunks, [row["p95_ms"] for row in rows], marker="o", label="p95")
    axes.set_xscale("log")
    axes.set_xlabel("chunks in the store")
    axes.set_ylabel("ask() latency, ms (warm)")
    axes.set_title("Answer latency as the store grows")
    axes.grid(True, alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=None, help="default: the bench corpus, else corpus/")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="chunk counts to measure at")
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--report", type=Path, default=Path("evals/reports/scale"))
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="grow the store in this folder and keep it; a store an earlier run kept there grows on",
    )
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    rows = run(args.corpus or default_corpus(), sizes, args.questions, args.report, args.keep)
    print(table(rows))
    print(f"wrote {args.report / 'scale.json'} and {args.report / 'scale.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
