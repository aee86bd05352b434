"""Sentence-transformers embeddings, loaded lazily from the bundled model (no hub download)."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

_LOCK = threading.Lock()
_MODELS: dict[str, SentenceTransformer] = {}  # one copy per model path; loading takes seconds
# Recent query-sized texts and their vectors: a question is encoded for retrieval and again to
# score answer sentences, and follow-ups repeat it; a hit saves ~10 ms of encoding.
_RECENT: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
_RECENT_SIZE = 512
_QUERY_BATCH = 8  # calls with at most this many texts are questions, not ingest batches


def _model(path: str) -> SentenceTransformer:
    with _LOCK:
        if path not in _MODELS:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
            _MODELS[path] = SentenceTransformer(path, device="cpu")
        return _MODELS[path]


class Embedder:
    """Turns texts into unit-length vectors with one sentence-transformers model."""

    def __init__(self, model_path: str, *, batch_size: int = 64) -> None:
        self.model_path = model_path
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed `texts` as rows of a float32 matrix with unit norm (so dot product is cosine)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if len(texts) > _QUERY_BATCH:
            return self._encode(texts)
        keys = [(self.model_path, t) for t in texts]
        with _LOCK:
            missing = list(dict.fromkeys(t for key, t in zip(keys, texts) if key not in _RECENT))
        fresh = dict(zip(missing, self._encode(missing))) if missing else {}
        with _LOCK:
            for text, vector in fresh.items():
                _RECENT[(self.model_path, text)] = vector
            rows = [fresh[t] if t in fresh else _RECENT[key] for key, t in zip(keys, texts)]
            for key in keys:
                if key in _RECENT:
                    _RECENT.move_to_end(key)
            while len(_RECENT) > _RECENT_SIZE:
                _RECENT.popitem(last=False)
        return np.stack(rows)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = _model(self.model_path).encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    @property
    def dimension(self) -> int:
        """Length of the vectors this model produces."""
        size = _model(self.model_path).get_sentence_embedding_dimension()
        return int(size or 0)
