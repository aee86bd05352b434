"""Opening Chroma, and keeping every process's view of an embedded store folder current.

A Chroma server serves every process from one copy, so there is nothing to keep in step. An
embedded folder is different: chromadb loads each collection's vector index (HNSW) into the
process once and keeps one client per folder for the process's lifetime. After another process
commits, that copy is stale: reading a new sentence's vector fails ("Error finding id"), and a
process that *writes* through a stale copy saves it over the other's, losing its vectors.

So, for a folder:
- readers reopen the client when the store's generation (moved by every commit) is not the one
  their copy was loaded at; reopening reads the index files and Chroma's log, seeing everything;
- writers take the folder's write lock (an `flock`, one writer at a time across processes) and
  reopen first if another process committed since, so they always write on top of the latest;
- a reopen takes the lock shared, so it never loads files a writer is in the middle of saving.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from qa.config import Settings

LOCK_FILE = "qa-write.lock"


def open_client(settings: Settings, *, fresh: bool = False) -> Any:
    """A Chroma client for the configured server or folder; `fresh` reloads a folder from disk."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:  # a Chroma server: shared by every process and machine that points at it
        url = urlparse(settings.chroma_url)
        try:
            return chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        except Exception as error:  # chromadb raises plain exceptions for an unreachable server
            raise ValueError(
                f"cannot reach the Chroma server at {settings.chroma_url} ({error}): "
                "start it with `chroma run --path DIR --port N`, or unset QA_CHROMA_URL"
            ) from None
    settings.store.mkdir(parents=True, exist_ok=True)
    if fresh:
        _forget_folder(settings.store)
    return chromadb.PersistentClient(path=str(settings.store), settings=chroma_settings)


def _forget_folder(folder: Path) -> None:
    """Make the next client for `folder` load it anew, instead of reusing this process's copy.

    chromadb keeps one system per folder per process. Dropping it from that cache (rather than
    stopping it) leaves a request still running on the old copy unharmed; the old copy is freed
    when the last handle to it goes.
    """
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient._identifier_to_system.pop(str(folder), None)


def drop_leftover_segments(folder: Path) -> None:
    """Delete the vector index folders of collections that no longer exist.

    chromadb deletes a collection's records but leaves its vector index folder
    (<store>/<segment uuid>/) on disk (chroma-core/chroma issue 5520); only folders that no segment in
    the store's own catalogue names are removed.
    """
    import shutil
    import sqlite3
    import uuid

    with closing(sqlite3.connect(f"file:{folder / 'chroma.sqlite3'}?mode=ro", uri=True)) as catalogue:
        live = {str(row[0]) for row in catalogue.execute("SELECT id FROM segments")}
    for entry in folder.iterdir():
        try:
            named = str(uuid.UUID(entry.name)) == entry.name
        except ValueError:
            named = False
        if named and entry.is_dir() and entry.name not in live:
            shutil.rmtree(entry, ignore_errors=True)


@contextmanager
def folder_lock(settings: Settings, *, exclusive: bool) -> Iterator[None]:
    """Hold the store folder's write lock: exclusive to write, shared to reload (none for a server)."""
    if settings.chroma_url:
        yield
        return
    settings.store.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(settings.store / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock
