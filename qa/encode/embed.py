"""Sentence embeddings from the bundled model (no hub download), loaded lazily, run by PyTorch
(sentence-transformers) or onnxruntime (fp32 or int8, see qa/encode/embed_onnx.py), whichever is fastest
on this machine unless the settings name one (qa/encode/encoder_choice.py)."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from qa.encode import encoder_choice
from qa.encode.embed_onnx import BACKENDS, OnnxEncoder, OnnxError, default_cache, model_file, model_folder

if TYPE_CHECKING:
    from qa.config import Settings

_RECENT_SIZE = 512  # question-sized texts whose vectors an embedder keeps
_QUERY_BATCH = 8  # calls with at most this many texts are questions, not ingest batches


class _Encoder(Protocol):
    dimension: int

    def encode(self, texts: Sequence[str], batch_size: int) -> np.ndarray: ...

    def token_vectors(self, text: str) -> tuple[np.ndarray, list[tuple[int, int]]]:
        """The model's output for each token of `text` (before pooling) and each token's
        (start, end) characters in `text`; special tokens have (0, 0)."""
        ...


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

    def token_vectors(self, text: str) -> tuple[np.ndarray, list[tuple[int, int]]]:
        tokens = self._model.encode([text], output_value="token_embeddings", show_progress_bar=False)[0]
        offsets = self._model.tokenizer(
            text, return_offsets_mapping=True, truncation=True, max_length=self._model.max_seq_length
        )["offset_mapping"]
        return np.asarray(tokens.cpu(), dtype=np.float32), [tuple(pair) for pair in offsets]


def _load(path: str, backend: str, cache: Path) -> _Encoder:
    """The model at `path` run by `backend` (seconds: the caller keeps it)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if backend == "torch":
        return _TorchEncoder(path)
    if backend in BACKENDS:
        return OnnxEncoder(Path(path), model_file(Path(path), quantized=backend == "onnx-int8", cache=cache))
    raise OnnxError(f"unknown embedding backend {backend!r}: use one of {', '.join(BACKENDS)}")


def embedder_for(settings: Settings, *, batch_size: int | None = None) -> Embedder:
    """A new embedder as the settings choose it (model, runtime, cache folder of exported models);
    it loads its model on first use. A `qa.Library` holds the one its store is used with."""
    return Embedder(
        settings.resolved_model(),
        batch_size=batch_size or batch_size_for(settings),
        backend=backend_for(settings),
        cache=settings.model_cache,
    )


def batch_size_for(settings: Settings) -> int:
    """Texts per encoder call at ingest: the settings' when they name it or the runtime, else the
    size this machine encodes fastest with (timed with the runtime choice)."""
    if settings.embedding_backend != "auto" or "embedding_batch_size" in settings.model_fields_set:
        return settings.embedding_batch_size
    chosen = machine_choice(settings).get("batch_size")
    return chosen if isinstance(chosen, int) else settings.embedding_batch_size


def backend_for(settings: Settings) -> str:
    """The runtime the settings name, or for `auto` the one chosen on this machine."""
    if settings.embedding_backend != "auto":
        return settings.embedding_backend
    return str(machine_choice(settings)["backend"])


def machine_choice(settings: Settings) -> dict[str, object]:
    """This machine's encoder choice (qa/encode/encoder_choice.py): read from its record beside the
    exported model files, or measured once when there is none."""
    path = settings.resolved_model()
    folder = model_folder(Path(path), settings.model_cache)

    def measure(sentences: list[str]) -> dict[str, float]:
        # Each runtime is loaded for its timing and dropped after it: only the chosen one is
        # loaded again, by the embedders that use it.
        return {
            backend: encoder_choice.timed(_load(path, backend, settings.model_cache).encode, sentences)
            for backend in BACKENDS
        }

    def batches(backend: str, sentences: list[str]) -> dict[int, float]:
        encode = _load(path, backend, settings.model_cache).encode
        return {size: encoder_choice.timed(encode, sentences, size) for size in encoder_choice.BATCHES}

    return encoder_choice.chosen(folder, measure, batches)


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
        self._lock = threading.Lock()
        self._model: _Encoder | None = None  # loaded on first use
        # Recent question-sized texts and their vectors: a question is encoded for retrieval and
        # again to score answer sentences, and follow-ups repeat it; a hit saves a pass (~4 ms).
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()

    @property
    def model(self) -> _Encoder:
        """The loaded model (loading takes a second or two, once)."""
        with self._lock:
            if self._model is None:
                self._model = _load(self.model_path, self.backend, self.cache)
            return self._model

    @property
    def loaded(self) -> bool:
        """Whether the model is in memory (loaded by a use, or by `load`)."""
        return self._model is not None

    def load(self) -> None:
        """Load the model now, not on first use."""
        self.model  # noqa: B018 (the property loads it)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed `texts` as rows of a float32 matrix with unit norm (so dot product is cosine)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if len(texts) > _QUERY_BATCH:
            return self._encode(texts)
        # Question-sized calls: recent texts come from the cache, others are encoded one a pass
        # (a batch pads every text to its longest, the whole question: 8 ms for a question's 4
        # texts, against 5 ms one by one).
        rows = []
        for text in texts:
            vector = self._recalled(text)
            if vector is None:
                vector = self._encode([text])[0]
                self._remember(text, vector)
            rows.append(vector)
        return np.stack(rows)

    def encode_in_context(self, text: str, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        """The vector of `text`, then one for each (start, end) span of it, all from one pass of
        the model over the whole text ("late chunking"): each span's vector pools its own tokens
        as the model read them in context. A question's parts cost one encoding, not one each,
        and retrieve as well as encoded alone (MultiHop-RAG dev, README "Retrieval")."""
        tokens, offsets = self.model.token_vectors(text)
        starts = np.array([start for start, _ in offsets])
        ends = np.array([end for _, end in offsets])
        rows = [tokens.mean(axis=0)]
        for start, end in spans:
            inside = (starts >= start) & (ends <= end) & (ends > starts)
            # A span the model never read (cut off past its longest input) is encoded alone.
            rows.append(tokens[inside].mean(axis=0) if inside.any() else self._encode([text[start:end]])[0])
        vectors = np.stack(rows).astype(np.float32)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        self._remember(text, vectors[0])  # the answer step scores sentences against the question
        return vectors

    def _recalled(self, text: str) -> np.ndarray | None:
        with self._lock:
            vector = self._recent.get(text)
            if vector is not None:
                self._recent.move_to_end(text)
            return vector

    def _remember(self, text: str, vector: np.ndarray) -> None:
        with self._lock:
            self._recent[text] = vector
            self._recent.move_to_end(text)
            while len(self._recent) > _RECENT_SIZE:
                self._recent.popitem(last=False)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.model.encode(texts, self.batch_size)

    @property
    def dimension(self) -> int:
        """Length of the vectors this model produces."""
        return self.model.dimension
