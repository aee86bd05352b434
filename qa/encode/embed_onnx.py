"""The embedding model run by onnxruntime instead of PyTorch: same vectors (mean pooling, unit
length), without importing torch at start-up, and with int8 weights twice as fast on a CPU.

The ONNX file is not downloaded: it is exported once from the local sentence-transformers
folder (this needs torch and onnx, both installed with qa) and kept in the cache folder, keyed by
the model's files, so every later process only loads it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

BACKENDS = ("torch", "onnx", "onnx-int8")
_EXPORT_LOCK = threading.Lock()


def default_cache() -> Path:
    """Where exported models are kept: $XDG_CACHE_HOME/qa, or ~/.cache/qa."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "qa"


class OnnxError(RuntimeError):
    """The model cannot be run by onnxruntime (unsupported layout or a failed export)."""


def model_file(model_dir: Path, *, quantized: bool, cache: Path) -> Path:
    """The ONNX file of the model in `model_dir`, exporting (and quantising) it on first use."""
    _check_supported(model_dir)
    folder = model_folder(model_dir, cache)
    target = folder / ("model-int8.onnx" if quantized else "model.onnx")
    with _EXPORT_LOCK:
        if target.exists():
            return target
        folder.mkdir(parents=True, exist_ok=True)
        full = folder / "model.onnx"
        if not full.exists():
            _export(model_dir, full)
        if quantized:
            _quantize(full, target)
    return target


def model_folder(model_dir: Path, cache: Path) -> Path:
    """The cache folder of what is derived from the model in `model_dir` (its ONNX exports)."""
    return cache / _fingerprint(model_dir)


class OnnxEncoder:
    """Tokenise with the model's own tokenizer.json, run the ONNX graph, mean-pool, normalise."""

    def __init__(self, model_dir: Path, onnx_file: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_length=int(config.get("max_seq_length", 256)))
        self._tokenizer.enable_padding()  # to the longest text of each batch
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3  # the graph's benign shape warnings would fill stderr
        self._session = onnxruntime.InferenceSession(
            str(onnx_file), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self.dimension = int(self._session.get_outputs()[0].shape[-1])

    def encode(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        """Unit-length rows, one per text; batches of similar length so little is padding."""
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = np.argsort([-len(t) for t in texts], kind="stable")
        for start in range(0, len(texts), batch_size):
            rows = order[start : start + batch_size]
            encodings = self._tokenizer.encode_batch([texts[i] for i in rows])
            hidden, mask = self._run(encodings)
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            vectors[rows] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return vectors

    def token_vectors(self, text: str) -> tuple[np.ndarray, list[tuple[int, int]]]:
        """The graph's output for each token of `text`, and each token's (start, end) in `text`."""
        encoding = self._tokenizer.encode(text)
        hidden, _ = self._run([encoding])
        return hidden[0], list(encoding.offsets)

    def _run(self, encodings: list[Any]) -> tuple[np.ndarray, np.ndarray]:
        """Token vectors (batch, tokens, dimension) and the attention mask of padded encodings."""
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feed = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": mask,
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        return self._session.run(None, {k: v for k, v in feed.items() if k in self._inputs})[0], mask


def _check_supported(model_dir: Path) -> None:
    """Only plain mean-pooled, normalised sentence-transformers folders run without PyTorch."""
    needed = ("tokenizer.json", "sentence_bert_config.json", "modules.json", "1_Pooling/config.json")
    missing = [name for name in needed if not (model_dir / name).exists()]
    if missing:
        raise OnnxError(
            "the onnx embedding backend needs a local sentence-transformers folder with "
            f"{', '.join(needed)}; {model_dir} lacks {', '.join(missing)}: set QA_EMBEDDING_BACKEND=torch"
        )
    pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    modules = json.loads((model_dir / "modules.json").read_text(encoding="utf-8"))
    kinds = [str(m.get("type", "")) for m in modules]
    if not pooling.get("pooling_mode_mean_tokens") or not any(k.endswith("Normalize") for k in kinds):
        raise OnnxError(
            f"the onnx embedding backend supports mean-pooled, normalised models; {model_dir} is not one: "
            "set QA_EMBEDDING_BACKEND=torch"
        )


def _fingerprint(model_dir: Path) -> str:
    """Names, sizes and times of the model's files: a changed model gets a new export."""
    digest = hashlib.sha256()
    for path in sorted(p for p in model_dir.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(model_dir)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def _export(model_dir: Path, target: Path) -> None:
    try:
        import torch
        from transformers import AutoModel
    except ImportError as error:  # pragma: no cover - both are dependencies of sentence-transformers
        raise OnnxError(f"exporting the model to ONNX needs torch and transformers: {error}") from error

    class Hidden(torch.nn.Module):  # the graph's one output: token embeddings, pooled in numpy
        def __init__(self, model: Any) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    model = AutoModel.from_pretrained(str(model_dir)).eval()
    example = torch.ones((2, 8), dtype=torch.long)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    partial = target.with_suffix(f".{os.getpid()}.partial")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer warnings about shapes: expected, and only noise here
            torch.onnx.export(
                Hidden(model),
                (example, example, torch.zeros_like(example)),
                str(partial),
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes={name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]},
                opset_version=17,
                dynamo=False,  # the TorchScript exporter needs no onnxscript and handles BERT
            )
        os.replace(partial, target)  # whole or not at all: another process may be waiting on it
    except Exception as error:
        partial.unlink(missing_ok=True)
        raise OnnxError(f"could not export {model_dir} to ONNX: {error}") from error


def _quantize(full: Path, target: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    partial = target.with_suffix(f".{os.getpid()}.partial")
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # it logs advice to pre-process the graph, on the root logger
    try:
        # Dynamic int8: weights stored as int8, activations quantised per batch; no calibration data.
        # Per-channel scales keep vectors at cosine 0.99 of fp32 (one scale per tensor: 0.96).
        quantize_dynamic(str(full), str(partial), weight_type=QuantType.QInt8, per_channel=True)
        os.replace(partial, target)
    except Exception as error:
        partial.unlink(missing_ok=True)
        raise OnnxError(f"could not quantise {full} to int8: {error}") from error
    finally:
        root.setLevel(level)
