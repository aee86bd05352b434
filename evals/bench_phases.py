"""The child processes of `qa bench`, one measurement each; every one prints a line of JSON.

python -m evals.bench_phases ingest CORPUS STORE [--articles N]
python -m evals.bench_phases encode CORPUS [--articles N] [--backend torch|onnx|onnx-int8]
python -m evals.bench_phases ask STORE QUESTIONS.json
python -m evals.bench_phases llamaindex STORE QUESTIONS.json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

from evals.bench import latency_summary
from qa import Settings
from qa.encode.embed import embedder_for
from qa.ingestion.corpus import load_paths
from qa.ingestion.index import chunk_article
from qa.types import Article

WARM_UP = 3


def articles_of(corpus: Path, limit: int | None) -> list[Article]:
    articles = load_paths([corpus]).articles
    return articles if limit is None else articles[:limit]


def texts_to_encode(articles: list[Article], settings: Settings) -> tuple[list[str], int]:
    """What a plain pipeline encodes: every chunk with its title, then each title; and the chunk
    count. (qa's ingest encodes each sentence once instead; the ratio to this is what it costs.)"""
    chunks = [
        (a, c)
        for a in articles
        for c in chunk_article(a, size=settings.chunk_sentences, overlap=settings.chunk_overlap)
    ]
    return [f"{a.title}\n{c.text}" for a, c in chunks] + [a.title for a in articles], len(chunks)


def sentence_transformer(settings: Settings) -> Any:
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(settings.resolved_model(), device="cpu")


def token_count(texts: list[str], model: Any) -> int:
    """Tokens the model reads for `texts` (after its truncation)."""
    encoded = model.tokenizer(texts, truncation=True, max_length=model.max_seq_length)
    return sum(len(ids) for ids in encoded["input_ids"])


def phase_ingest(corpus: Path, store: Path, limit: int | None) -> dict[str, Any]:
    from qa import ingest

    settings = Settings(store=store)
    articles = articles_of(corpus, limit)
    embedder = embedder_for(settings)
    embedder.encode(["warm up"])  # the model load is start-up, not ingest throughput
    with tempfile.TemporaryDirectory() as folder:
        subset = Path(folder) / "articles.jsonl"
        records = [
            {"title": a.title, "body": a.text, "url": a.url, "source": a.source, "published_at": a.published}
            for a in articles
        ]
        subset.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
        started = time.perf_counter()
        report = ingest([subset], settings=settings)
        seconds = time.perf_counter() - started
    texts, _ = texts_to_encode(articles, settings)
    tokens = token_count(texts, sentence_transformer(settings))
    return {
        "articles": len(articles),
        "chunks": report.chunks,
        "seconds": seconds,
        "chunks_per_s": report.chunks / seconds,
        "tokens_per_s": tokens / seconds,
    }


def phase_encode(corpus: Path, limit: int | None, backend: str) -> dict[str, Any]:
    """Raw encoding of the chunk texts: sentence-transformers itself (torch, nothing of qa around
    it), or qa's onnxruntime encoder."""
    settings = Settings(embedding_backend=backend)
    articles = articles_of(corpus, limit)
    texts, chunks = texts_to_encode(articles, settings)
    model = sentence_transformer(settings)
    encode: Callable[[list[str]], Any]
    if backend == "torch":
        encode = partial(model.encode, batch_size=settings.embedding_batch_size, normalize_embeddings=True)
    else:
        encode = embedder_for(settings).encode  # (its cache holds question-sized calls only)
    encode(["warm up"])
    started = time.perf_counter()
    encode(texts)
    seconds = time.perf_counter() - started
    return {
        "chunks": chunks,
        "seconds": seconds,
        "chunks_per_s": chunks / seconds,
        "tokens_per_s": token_count(texts, model) / seconds,
    }


def phase_ask(store: Path, questions: list[str]) -> dict[str, Any]:
    from qa import ask

    settings = Settings(store=store)
    started = time.perf_counter()
    ask(questions[0], settings=settings)  # opens the store, loads the view and the encoder
    first = time.perf_counter() - started
    for question in questions[:WARM_UP]:
        ask(question, settings=settings)
    seconds = []
    for question in questions:
        started = time.perf_counter()
        ask(question, settings=settings)
        seconds.append(time.perf_counter() - started)
    return {"questions": len(questions), "first_s": first} | latency_summary(seconds)


def phase_llamaindex(store: Path, questions: list[str]) -> dict[str, Any]:
    """The plain llama-index baseline: a VectorStoreIndex over the same Chroma collection, same k."""
    import chromadb
    from llama_index.core import VectorStoreIndex
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from llama_index.vector_stores.chroma import ChromaVectorStore

    settings = Settings(store=store)
    client = chromadb.PersistentClient(path=str(store))
    vector_store = ChromaVectorStore(chroma_collection=client.get_collection(f"{settings.collection}_chunks"))
    embed_model = HuggingFaceEmbedding(model_name=settings.resolved_model(), device="cpu")
    retriever = VectorStoreIndex.from_vector_store(vector_store, embed_model=embed_model).as_retriever(
        similarity_top_k=settings.k
    )
    for question in questions[:WARM_UP]:
        retriever.retrieve(question)
    seconds = []
    for question in questions:
        started = time.perf_counter()
        retriever.retrieve(question)
        seconds.append(time.perf_counter() - started)
    return {"questions": len(questions)} | latency_summary(seconds)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("phase", choices=["ingest", "encode", "ask", "llamaindex"])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--articles", type=int)
    parser.add_argument("--backend", default="torch")
    args = parser.parse_args()
    if args.phase == "ingest":
        result = phase_ingest(args.paths[0], args.paths[1], args.articles)
    elif args.phase == "encode":
        result = phase_encode(args.paths[0], args.articles, args.backend)
    else:
        questions = json.loads(args.paths[1].read_text(encoding="utf-8"))
        measure = phase_ask if args.phase == "ask" else phase_llamaindex
        result = measure(args.paths[0], questions)
    print(json.dumps(result | {"peak_mb": own_peak_mb()}))


def own_peak_mb() -> float | None:
    """This process's peak resident memory since it started (Linux: VmHWM). The parent's
    `wait4` figure can be the parent's own: Linux carries the resident peak of the process that
    forked across `exec`, so a parent holding 2 GB (a scale run's encoded corpus) makes every
    child's figure at least 2 GB."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) / 1024 if found else None


if __name__ == "__main__":
    main()
