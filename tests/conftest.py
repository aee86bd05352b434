"""Shared fixtures: real embedding model, real Chroma in temporary folders."""

from __future__ import annotations

import ctypes
import fcntl
import os
import signal
import socket
import struct
import subprocess
import sys
import termios
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from qa import Settings, ingest
from qa.retrieval import viewcache

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = CORPUS / "000_f287f3a6d67f8147.txt"
BENCH = ROOT.parent / "shared" / "bench" / "multihop_rag"


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A store holding the project's corpus/ (the seed article), ingested once per test run."""
    settings = Settings(store=tmp_path_factory.mktemp("seed-store"))
    report = ingest([CORPUS], settings=settings)
    assert not report.errors
    return settings


def store_of(factory: pytest.TempPathFactory, name: str, files: dict[str, str], *also: Path) -> Settings:
    """A new store holding the article `files` (file name -> text) written for a test, and `also`."""
    folder = factory.mktemp(name)
    for file_name, text in files.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    settings = Settings(store=folder / "store")
    ingest([folder, *also], settings=settings)
    return settings


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Chroma server (`chroma run`, from the chromadb package) on loopback."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    chroma = Path(sys.executable).with_name("chroma")
    command = [
        str(chroma),
        "run",
        "--path",
        str(tmp_path_factory.mktemp("chroma-data")),
        "--host",
        "127.0.0.1",
    ]
    with serving(
        [*command, "--port", str(port)],
        f"{url}/api/v2/heartbeat",
        log=tmp_path_factory.mktemp("chroma") / "log",
    ):
        yield url


@pytest.fixture(params=["embedded", "chroma-server"])
def empty_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """Settings for a new, empty store: a folder (embedded Chroma) or fresh collections on a Chroma server."""
    if request.param == "embedded":
        yield Settings(store=tmp_path / "store")
        return
    url = request.getfixturevalue("chroma_server")
    settings = Settings(store=tmp_path / "store", chroma_url=url, collection=f"t{uuid.uuid4().hex[:12]}")
    yield settings
    # A server's view is cached in the user's cache folder, one file per collection: not the test's.
    viewcache.path_for(settings).unlink(missing_ok=True)


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _die_with_the_tests() -> None:
    """In a server's process, before it runs: end it when the test run ends, even by SIGKILL."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@contextmanager
def serving(
    command: list[str], ready_url: str, *, log: Path, timeout: float = 240, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Run a server process (with extra environment `env`) until `ready_url` answers; stop it afterwards."""
    with log.open("w") as out:
        environment = os.environ | (env or {})
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=environment,
            preexec_fn=_die_with_the_tests,
        )
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(ready_url, timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    pytest.fail(f"{command[1:3]} did not start; see {log}")
                time.sleep(0.5)
        try:
            yield process
        finally:
            process.terminate()
            process.wait(timeout=30)


def app_command(store: Path, port: int) -> list[str]:
    """`python app.py` over `store` on `port`."""
    return [sys.executable, str(ROOT / "app.py"), "--store", str(store), "--port", str(port)]


def model_workers(pid: int) -> list[int]:
    """The local model's worker processes among process `pid`'s children."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                if b"llamacpp_worker" in Path(f"/proc/{child}/cmdline").read_bytes():
                    found.append(int(child))
            except OSError:  # it ended while we looked
                continue
    return found


def unread_input(pid: int) -> int:
    """Bytes waiting in process `pid`'s stdin pipe: a request sent to it that it has not read yet."""
    pipe = os.open(f"/proc/{pid}/fd/0", os.O_RDONLY | os.O_NONBLOCK)
    try:
        return int(struct.unpack("i", fcntl.ioctl(pipe, termios.FIONREAD, b"\0" * 4))[0])
    finally:
        os.close(pipe)
