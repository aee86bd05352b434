"""Sentence embeddings from the bundled model (no hub download), loaded lazily, run by PyTorch
(sentence-transformers) or onnxruntime (fp32 or int8, see qa/embed_onnx.py)."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from qa.embed_onnx import BACKENDS, OnnxEncoder, OnnxError, default_cache, model_file

if TYPE_CHECKING:
    from qa.config import Settings

_LOCK = threading.Lock()
_MODELS: dict[tuple[str, str], _Encoder] = {}  # one per (model path, backend); loading takes seconds
# Recent query-sized texts and their vectors: a question is encoded for retrieval and again to
# score answer sentences, and follow-ups repeat it; a hit saves ~10 ms of encoding.
_RECENT: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
_RECENT_SIZE = 512
_QUERY_BATCH = 8  # calls with at most this many texts are questions, not ingest batches


class _Encoder(Protocol):
    dimension: int

    def encode(self, texts: Sequence[str], batch_size: int) -> np.ndarray: ...


class _TorchEncoder:
    def __init__(self, path: str) -> None:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        self._model = SentenceTransformer(path, device="cpu")
        self.dimension = int(self._model.get_embedding_dimension() or 0)

    def encode(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        vectors = self._model.encode(
            list(texts),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def _model(path: str, backend: str, cache: Path) -> _Encoder:
    with _LOCK:
        if (path, backend) not in _MODELS:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            if backend == "torch":
                _MODELS[path, backend] = _TorchEncoder(path)
            elif backend in BACKENDS:
                onnx_file = model_file(Path(path), quantized=backend == "onnx-int8", cache=cache)
                _MODELS[path, backend] = OnnxEncoder(Path(path), onnx_file)
            else:
                raise OnnxError(f"unknown embedding backend {backend!r}: use one of {', '.join(BACKENDS)}")
        return _MODELS[path, backend]


def embedder_for(settings: Settings, *, batch_size: int | None = None) -> Embedder:
    """The embedder the settings choose (model, backend, cache folder of exported models)."""
    return Embedder(
        settings.resolved_model(),
        batch_size=batch_size or settings.embedding_batch_size,
        backend=settings.embedding_backend,
        cache=settings.model_cache,
    )


class Embedder:
    """Turns texts into unit-length vectors with one sentence-transformers model."""

    def __init__(
        self,
        model_path: str,
        *,
        batch_size: int = 64,
        backend: str = "torch",
        cache: Path | None = None,
    ) -> None:
        self.model_path = model_path
        self.batch_size = batch_size
        self.backend = backend
        self.cache = cache or default_cache()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed `texts` as rows of a float32 matrix with unit norm (so dot product is cosine)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if len(texts) > _QUERY_BATCH:
            return self._encode(texts)
        keys = [(f"{self.backend}:{self.model_path}", t) for t in texts]
        with _LOCK:
            missing = list(dict.fromkeys(t for key, t in zip(keys, texts) if key not in _RECENT))
        fresh = dict(zip(missing, self._encode(missing))) if missing else {}
        with _LOCK:
            for text, vector in fresh.items():
                _RECENT[(keys[0][0], text)] = vector
            rows = [fresh[t] if t in fresh else _RECENT[key] for key, t in zip(keys, texts)]
            for key in keys:
                if key in _RECENT:
                    _RECENT.move_to_end(key)
            while len(_RECENT) > _RECENT_SIZE:
                _RECENT.popitem(last=False)
        return np.stack(rows)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        return _model(self.model_path, self.backend, self.cache).encode(texts, self.batch_size)

    @property
    def dimension(self) -> int:
        """Length of the vectors this model produces."""
        return _model(self.model_path, self.backend, self.cache).dimension
