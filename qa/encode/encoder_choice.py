"""Which runtime encodes fastest on this machine, chosen once by timing them (`embedding_backend=auto`).

The fastest runtime of the embedding model depends on the CPU. On an AMD EPYC with AVX2,
onnxruntime with int8 weights encodes 1.4x as fast as PyTorch fp32; on a newer Intel Xeon with
AVX-512 and AMX, PyTorch fp32 was the fastest (README, "The encoder"). So on first use a machine
times each runtime on the same sentences and keeps the result in `encoder.json`, beside the model
files exported for onnxruntime, keyed by the CPU, its core count and the runtimes' versions; every
later process reads it, and a new CPU or an upgraded runtime measures again.

All three runtimes qualify on quality: on the MultiHop-RAG dev split, onnx fp32 and int8 retrieval
are within 0.01 of PyTorch fp32 on every measure (README, "The encoder"). On a tie PyTorch loses:
it is taken only when at least 5% faster than the fastest onnxruntime one, because importing it
costs each process about two seconds that a short `qa ask` or one-article ingest pays.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

TORCH_MARGIN = 1.05  # how much faster PyTorch must be to be chosen
BATCH = 64  # texts per model call, as at ingest, while the runtimes are compared
# Texts per model call the chosen runtime is then timed with; ingest uses the fastest. Smaller
# batches pad less: on an Intel Xeon (AVX-512) onnx-int8 encoded 480 news sentences a second in
# batches of 16 and 394 in batches of 64.
BATCHES = (16, 64)
_SAMPLE = [  # news-like sentences of the usual lengths, encoded in one batch per runtime
    "The city council voted on Tuesday to approve a new budget for the coming year.",
    "Officials said the storm had knocked out power to more than 40,000 homes in the region.",
    "Shares of the company fell 6 percent after it cut its forecast for the third quarter.",
    "The minister told reporters that talks would resume next week in Geneva.",
    "Police said two people were arrested and no one was seriously injured.",
    "The report, published by the central bank, warned that inflation could stay high well into "
    "next year as energy prices and wages continue to rise faster than expected.",
    "She joined the firm in 2015 and became its chief executive three years later.",
    "Tickets go on sale on Friday and cost between 25 and 90 dollars.",
]
_LOCK = threading.Lock()


def record_file(cache_folder: Path) -> Path:
    """Where the choice is kept: the folder of the model's exported ONNX files."""
    return cache_folder / "encoder.json"


def machine_key() -> str:
    """What the choice depends on: the CPU model and features, its core count, the runtimes."""
    parts = [_cpu_model(), " ".join(sorted(_cpu_flags())), str(os.cpu_count())]
    for package in ("onnxruntime", "torch"):
        try:
            parts.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{package} missing")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def chosen(
    cache_folder: Path,
    measure: Callable[[list[str]], dict[str, float]],
    batches: Callable[[str, list[str]], dict[int, float]] | None = None,
) -> dict[str, Any]:
    """The record of this machine's choice, measuring first when there is none for this machine.

    `measure` times each runtime on the given sentences and returns sentences per second by runtime;
    `batches` times one runtime at each batch size of `BATCHES` (sentences per second by size).
    """
    path = record_file(cache_folder)
    key = machine_key()

    def current(record: dict[str, Any]) -> bool:
        return record.get("machine") == key and bool(record.get("backend")) and (
            batches is None or "batch_size" in record
        )

    record = _read(path)
    if current(record):
        return record
    # One process measures; any other starting meanwhile waits for its record and reads it, so all
    # of a machine's processes encode with the same runtime.
    with _LOCK, _measuring(cache_folder):
        record = _read(path)
        if current(record):
            return record
        sentences = [f"{sentence} ({n})" for n in range(32) for sentence in _SAMPLE]
        speeds = measure(sentences)
        backend = fastest(speeds)
        record = {
            "machine": key,
            "cpu": _cpu_model(),
            "cores": os.cpu_count(),
            "backend": backend,
            "sentences_per_s": {name: round(speed, 1) for name, speed in speeds.items()},
            "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        if batches is not None:
            by_size = batches(backend, sentences)
            record["batch_size"] = max(by_size, key=lambda size: by_size[size])
            record["sentences_per_s_by_batch"] = {str(size): round(v, 1) for size, v in by_size.items()}
        _write(path, record)
        return record


def fastest(speeds: dict[str, float]) -> str:
    """The runtime to use given each one's sentences per second (PyTorch only by a clear margin)."""
    onnx = {name: speed for name, speed in speeds.items() if name != "torch"}
    best = max(onnx, key=lambda name: onnx[name]) if onnx else "torch"
    if "torch" in speeds and (not onnx or speeds["torch"] >= TORCH_MARGIN * onnx[best]):
        return "torch"
    return best


def timed(encode: Callable[[list[str], int], Any], sentences: list[str], batch: int = BATCH) -> float:
    """Sentences per second of `encode` (texts, batch size) over `sentences`, after a warm-up batch."""
    encode(sentences[:16], batch)
    started = time.perf_counter()
    encode(sentences, batch)
    return len(sentences) / (time.perf_counter() - started)


@contextmanager
def _measuring(cache_folder: Path) -> Iterator[None]:
    """Hold the machine-wide lock of the choice (an flock beside the record)."""
    cache_folder.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(cache_folder / "encoder.json.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _read(path: Path) -> dict[str, Any]:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _write(path: Path, record: dict[str, Any]) -> None:
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        os.replace(partial, path)
    except OSError:  # a read-only cache: the choice is measured again next time
        partial.unlink(missing_ok=True)


def _cpu_model() -> str:
    return _cpuinfo_field("model name") or os.uname().machine


def _cpu_flags() -> set[str]:
    wanted = {"avx2", "fma", "f16c", "avx512f", "avx512_vnni", "avx512_bf16", "amx_tile", "amx_bf16"}
    return set(_cpuinfo_field("flags").split()) & wanted


def _cpuinfo_field(name: str) -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    for line in lines:
        key, _, value = line.partition(":")
        if key.strip() == name:
            return value.strip()
    return ""
