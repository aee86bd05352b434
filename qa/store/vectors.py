"""Sentence and chunk vectors as the store keeps them.

Chroma's vector index (HNSW) holds one vector per chunk: the normalised mean of its sentences'
vectors. The sentences' own vectors are not indexed; each chunk's record carries them, packed as
text, and dense search scores the nearest chunks by their best sentence (qa/store/store.py). An index of
every sentence held twelve vectors a chunk in memory (41 KB of the 63 KB an ask process held per
chunk at 54k chunks) and measured no better on MultiHop-RAG dev (README, "Speed and scale").

Packed vectors are int8 with a scale per sentence: a quarter of float32's bytes, and a cosine
within 0.001 of the float32 one for these normalised 384-dimension vectors.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

import numpy as np

from qa.types import Chunk


def chunk_vectors(chunks: Sequence[Chunk], sentence_vectors: np.ndarray) -> np.ndarray:
    """Each chunk's vector: the normalised mean of its sentences' vectors (no 256-token cut-off)."""
    rows = np.stack([sentence_vectors[[s.index for s in c.sentences]].mean(axis=0) for c in chunks])
    return normalised(rows)


def normalised(rows: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (a zero row stays zero)."""
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.asarray(rows / np.maximum(norms, 1e-12), dtype=np.float32)


def packed(rows: np.ndarray) -> str:
    """Vectors as text for a record's metadata: each row's float32 scale, then the rows as int8."""
    rows = np.asarray(rows, dtype=np.float32)
    scales = np.maximum(np.abs(rows).max(axis=1), 1e-12) / 127.0
    quantized = np.round(rows / scales[:, None]).astype(np.int8)
    return base64.b64encode(scales.astype("<f4").tobytes() + quantized.tobytes()).decode("ascii")


def unpacked(text: str, count: int) -> np.ndarray:
    """The `count` unit vectors `packed` wrote."""
    rows, scales = quantized(text, count)
    vectors: np.ndarray = rows.astype(np.float32) * scales[:, None]
    return vectors


def quantized(text: str, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The `count` int8 rows `packed` wrote, and for each the scale that makes it a unit vector
    (the rows are kept as int8 where many are held: a quarter of float32's bytes)."""
    raw = base64.b64decode(text)
    rows = np.frombuffer(raw[4 * count :], dtype=np.int8).reshape(count, -1)
    norms = np.linalg.norm(rows.astype(np.float32), axis=1)
    return rows, np.asarray(1.0 / np.maximum(norms, 1e-12), dtype=np.float32)
