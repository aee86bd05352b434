"""A Library: one store and the encoder that fills and searches it, built from one Settings.

It is what every front door runs on (the functions of `qa.pipeline`, the CLI, the chat). Its
parts are handed in, never looked up in a process-wide table, so a program can hold libraries of
different stores side by side, and a test can pass a small stand-in for the part it does not test.
"""

from __future__ import annotations

import contextlib
import threading

from qa.config import Settings
from qa.encode.embed import Embedder, embedder_for
from qa.store.store import Store


class Library:
    """A store with its encoder. Open it once and reuse it: opening starts loading Chroma's index
    and the encoder's model in the background (a second or two each), so a first question or
    ingest waits only for what it needs."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        store: Store | None = None,
        embedder: Embedder | None = None,
        warm: bool = True,
    ) -> None:
        self.settings = settings or (store.settings if store is not None else Settings())
        self.store = store if store is not None else Store(self.settings)
        self.embedder = embedder if embedder is not None else embedder_for(self.settings)
        # `warm=False` for work that encodes nothing (removing articles): the model loads on first use.
        if warm and isinstance(self.embedder, Embedder):
            # The encoder loads its model meanwhile (~0.3 s), as the store loads its vector index:
            # the first question or ingest finds both ready (or waits for them, not for their sum).
            threading.Thread(target=self._load_encoder, name="qa-encoder-warm").start()

    def _load_encoder(self) -> None:
        with contextlib.suppress(Exception):  # a model that fails to load fails again, loudly, on use
            self.embedder.load()

    def __repr__(self) -> str:
        where = self.settings.chroma_url or str(self.settings.store)
        return (
            f"Library({where!r}, collection={self.settings.collection!r}, encoder={self.embedder.backend!r})"
        )
