"""`qa doctor`: what a new machine has for the local model, and whether a short generation works.

Everything native runs in child processes, so the report is printed even when llama.cpp crashes.
"""

from __future__ import annotations

import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from qa.answer.base import BackendError, ModelStopped
from qa.answer.llamacpp import gemma_model, smollm2_model, worker_for
from qa.config import Settings

# The x86 features llama.cpp's CPU kernels are built for; AMX and AVX-512 are the risky ones.
CPU_FEATURES = ("sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512_vnni", "amx_tile", "amx_int8")


def cpu_report() -> list[str]:
    """The CPU's model and which of the features that matter to llama.cpp it reports."""
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return [f"cpu: {platform.processor() or platform.machine()} (no /proc/cpuinfo to read features from)"]
    model = next((line.split(":", 1)[1].strip() for line in info.splitlines() if "model name" in line), "?")
    flags = set(
        next((line.split(":", 1)[1].split() for line in info.splitlines() if line.startswith("flags")), [])
    )
    has = [f for f in CPU_FEATURES if f in flags]
    lacks = [f for f in CPU_FEATURES if f not in flags]
    return [f"cpu: {model}", f"  has: {' '.join(has) or '-'}", f"  lacks: {' '.join(lacks) or '-'}"]


def encoder_report(settings: Settings) -> str:
    """Which runtime encodes sentences here, and for `auto` the timing it was chosen by."""
    from qa.encode.embed import backend_for, machine_choice

    backend = backend_for(settings)
    if settings.embedding_backend != "auto":
        return f"encoder: {backend} (QA_EMBEDDING_BACKEND)"
    record = machine_choice(settings)
    speeds = ", ".join(f"{name} {speed}/s" for name, speed in dict(record["sentences_per_s"]).items())  # type: ignore[call-overload]
    batch = record.get("batch_size", settings.embedding_batch_size)
    return f"encoder: {backend} in batches of {batch} (fastest here, measured {record['measured']}: {speeds})"


def build_report() -> list[str]:
    """What the installed llama.cpp was compiled for (its system info) and the flags it was built with."""
    probe = (
        "import llama_cpp; print(llama_cpp.__version__); print(llama_cpp.llama_print_system_info().decode())"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        return [f"llama.cpp: not usable ({last}); install the extra: pip install 'qa[local-llm]'"]
    version, _, system = done.stdout.partition("\n")
    lines = [f"llama-cpp-python: {version}", f"  compiled for: {' '.join(system.split())}"]
    flags_file = Path(sys.prefix) / "llama-cmake-args.txt"  # written by the Makefile's build
    if flags_file.is_file():
        lines.append(f"  built with CMAKE_ARGS: {flags_file.read_text(encoding='utf-8').strip()}")
    return lines


def model_report() -> list[tuple[str, Path | None]]:
    """The packaged model files, by name (None where one is not installed)."""
    found: list[tuple[str, Path | None]] = []
    lookups: list[tuple[str, Callable[[], Path]]] = [
        ("Gemma 3 270M (default)", gemma_model),
        ("SmolLM2-135M-Instruct", smollm2_model),
    ]
    for name, lookup in lookups:
        try:
            found.append((name, lookup()))
        except BackendError:
            found.append((name, None))
    return found


def generation_check(path: Path, settings: Settings) -> tuple[bool, str]:
    """Whether `path` writes 5 tokens in the worker process, with the time it took or why not."""
    started = time.perf_counter()
    try:
        worker = worker_for(path, context_window=512, threads=settings.llm_threads or 2, chat="off")
        text = "".join(
            worker.generate(
                "Complete the sentence.",
                "The capital of France is",
                max_tokens=5,
                timeout=settings.llm_timeout,
            )
        )
        worker.stop()
    except (BackendError, ModelStopped) as error:
        return False, str(error)
    return True, f"{time.perf_counter() - started:.1f} s: {text.strip()!r}"


def run(settings: Settings) -> int:
    """Print the report; 0 when every installed model generated, 1 otherwise."""
    lines = [
        f"python: {sys.version.split()[0]} on {platform.machine()}",
        *cpu_report(),
        encoder_report(settings),
        *build_report(),
    ]
    healthy = True
    for name, path in model_report():
        if path is None:
            lines.append(f"model {name}: not installed")
            continue
        works, detail = generation_check(path, settings)
        healthy &= works
        size = path.stat().st_size / 1e6
        lines.append(f"model {name}: {path} ({size:.0f} MB)")
        lines.append(f"  5-token generation: {'ok' if works else 'FAILED'} ({detail})")
    print("\n".join(lines))
    if not healthy:
        print(
            "A failed generation usually means llama.cpp was built for features this CPU lacks: "
            "rebuild with `make test` (portable flags) or see the README's troubleshooting."
        )
    return 0 if healthy else 1
