"""A store's retrieval view kept on disk between processes, so that opening a store reads one file
instead of rebuilding the view (tokenizing every sentence for BM25 takes seconds for a few thousand
articles and minutes for a few hundred thousand).

A file is only used for the store it was built from, by the code that built it: its key holds the
store's collection ids (new ones when a store is recreated) and a hash of the code that builds
views, so an upgraded qa never reads an older layout. The view in it records the store generation
it was built at; a reader whose store has moved on since extends it with the articles committed
after (qa/retrieval/view.py), or builds it anew when some were removed. Anything else is a miss,
and a miss costs only the rebuild. The file is a pickle written by this process's own code,
in the store folder (or, for a Chroma server, in the local cache folder); like the store itself it
must not be writable by anyone the user does not trust.

The view's arrays (BM25 score matrices, sentence vectors, lookups: most of its size) are written
after the pickle, out of band (pickle protocol 5), and a reader maps them from the file instead of
reading them: opening a store costs the pickle's few objects, the system pages the arrays in as
questions touch them, and processes that open the same store share one copy of them.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qa.config import Settings

# The modules whose code decides what a view holds.
_VIEW_CODE = (
    "ingestion/language.py",
    "retrieval/lexical.py",
    "retrieval/passages.py",
    "retrieval/query.py",
    "retrieval/view.py",
    "store/store.py",
    "types.py",
)


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the code that builds views."""
    digest = hashlib.sha256()
    for name in _VIEW_CODE:
        digest.update((Path(__file__).parent.parent / name).read_bytes())
    return digest.hexdigest()[:16]


def path_for(settings: Settings) -> Path:
    """Where the view of the store `settings` name is kept: beside an embedded store's files; for a
    Chroma server, on this machine in the cache folder, one file per server and collection."""
    if not settings.chroma_url:
        return settings.store / f"qa-view-{settings.collection}.pickle"
    where = hashlib.sha256(f"{settings.chroma_url}|{settings.collection}".encode()).hexdigest()[:16]
    return settings.model_cache / "views" / f"{where}.pickle"


_ALIGN = 64  # each array starts at a multiple of this offset (any dtype's alignment)


def load(path: Path, key: str) -> Any | None:
    """The view saved at `path` under `key`, or None when there is none or it is for another key.
    Its arrays are read-only views of the file, mapped into memory."""
    try:
        with path.open("rb") as file:
            if pickle.load(file) != key:  # the key is read first: a stale view is never unpickled
                return None
            body_size, array_sizes = pickle.load(file)
            start = file.tell()
            mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)  # stays valid once closed
        whole = memoryview(mapped)
        pieces, end = [], start
        for size in (body_size, *array_sizes):
            offset = _aligned(end)
            pieces.append(whole[offset : offset + size])
            end = offset + size
        if end > len(mapped):  # cut short, as by a crash mid-copy
            return None
        return pickle.loads(pieces[0], buffers=pieces[1:])
    except Exception:  # a missing, truncated or foreign file is a miss, never an error
        return None


def save(path: Path, key: str, view: Any) -> None:
    """Write `view` under `key`, atomically (readers see the old file or the new one, never half)."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    arrays: list[pickle.PickleBuffer] = []
    body = pickle.dumps(view, protocol=5, buffer_callback=arrays.append)
    raw = [array.raw() for array in arrays]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as file:
            pickle.dump(key, file, protocol=5)
            pickle.dump((len(body), [len(r) for r in raw]), file, protocol=5)
            pieces: list[bytes | memoryview] = [body, *raw]
            for piece in pieces:
                file.write(bytes(_aligned(file.tell()) - file.tell()))
                file.write(piece)
        os.replace(partial, path)
    except OSError:  # a read-only store or a full disk: answer without the cache
        partial.unlink(missing_ok=True)


def _aligned(offset: int) -> int:
    return -(-offset // _ALIGN) * _ALIGN
