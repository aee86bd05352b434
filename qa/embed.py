"""Sentence-transformers embeddings, loaded lazily from the bundled model (no hub download)."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

_LOCK = threading.Lock()
_MODELS: dict[str, SentenceTransformer] = {}  # one copy per model path; loading takes seconds


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
