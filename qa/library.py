"""A Library: one store and the encoder that fills and searches it, built from one Settings.

It is what every front door runs on (the functions of `qa.pipeline`, the CLI, the chat). Its
parts are handed in, never looked up in a process-wide table, so a program can hold libraries of
different stores side by side, and a test can pass a small stand-in for the part it does not test.
"""

from __future__ import annotations

from qa.config import Settings
from qa.encode.embed import Embedder, embedder_for
from qa.store.store import Store


class Library:
    """A store with its encoder. Open it once and reuse it: opening loads Chroma's index, and
    the encoder loads its model on first use (a second or two each)."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        store: Store | None = None,
        embedder: Embedder | None = None,
    ) -> None:
        self.settings = settings or (store.settings if store is not None else Settings())
        self.store = store if store is not None else Store(self.settings)
        self.embedder = embedder if embedder is not None else embedder_for(self.settings)

    def __repr__(self) -> str:
        where = self.settings.chroma_url or str(self.settings.store)
        return (
            f"Library({where!r}, collection={self.settings.collection!r}, encoder={self.embedder.backend!r})"
        )
