"""The embedding backends: onnxruntime (fp32 and int8, exported from the bundled model on first
use) against PyTorch sentence-transformers, on the seed article's real sentences."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from qa import Settings
from qa.encode.embed import Embedder
from qa.encode.embed_onnx import OnnxError, model_file
from qa.text import split_sentences
from tests.conftest import SEED

QUESTIONS = [  # from the gold set
    "Who is the Pentagon press secretary?",
    "How has Russia been flying military supplies to Syria?",
    "Whose government is the Russian buildup supporting?",
    "Who is the White House spokesman?",
]


@pytest.fixture(scope="module")
def model_dir() -> Path:
    return Path(Settings().resolved_model())


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("onnx-models")


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    return [s.text for s in split_sentences(SEED.read_text(encoding="utf-8"))]


def encode(backend: str, texts: list[str], model_dir: Path, cache: Path) -> np.ndarray:
    return Embedder(str(model_dir), backend=backend, cache=cache, batch_size=16).encode(texts)


def test_onnx_fp32_gives_the_torch_vectors(model_dir: Path, cache: Path, sentences: list[str]) -> None:
    torch_vectors = encode("torch", sentences, model_dir, cache)
    onnx_vectors = encode("onnx", sentences, model_dir, cache)
    assert onnx_vectors.shape == torch_vectors.shape == (len(sentences), 384)
    assert np.allclose(np.linalg.norm(onnx_vectors, axis=1), 1.0, atol=1e-5)
    assert (onnx_vectors * torch_vectors).sum(axis=1).min() > 0.9999


def test_int8_vectors_stay_close_and_rank_the_same_sentence_first(
    model_dir: Path, cache: Path, sentences: list[str]
) -> None:
    torch_vectors = encode("torch", sentences + QUESTIONS, model_dir, cache)
    int8_vectors = encode("onnx-int8", sentences + QUESTIONS, model_dir, cache)
    assert (int8_vectors * torch_vectors).sum(axis=1).min() > 0.95
    count = len(sentences)
    for row in range(count, count + len(QUESTIONS)):
        best_torch = int(np.argmax(torch_vectors[:count] @ torch_vectors[row]))
        best_int8 = int(np.argmax(int8_vectors[:count] @ int8_vectors[row]))
        assert best_int8 == best_torch, QUESTIONS[row - count]


def test_a_text_gets_the_same_vector_alone_or_padded_in_a_batch(
    model_dir: Path, cache: Path, sentences: list[str]
) -> None:
    longest = max(sentences, key=len)
    alone = encode("onnx", [QUESTIONS[0]], model_dir, cache)[0]
    # More texts than a question sends, so they go through the model as one padded batch.
    batched = encode("onnx", [longest] * 4 + [QUESTIONS[0]] + [longest] * 4, model_dir, cache)[4]
    assert float(alone @ batched) > 0.99999


COMPOUND = (
    "Did Russia fly military supplies to Syria over Iraq and Iran, "
    "while the Pentagon press secretary said the talks were about deconfliction?"
)
SPANS = [(0, COMPOUND.index(",")), (COMPOUND.index("while"), len(COMPOUND) - 1)]


@pytest.mark.parametrize("backend", ["torch", "onnx"])
def test_parts_read_in_the_context_of_the_whole_question(backend: str, model_dir: Path, cache: Path) -> None:
    embedder = Embedder(str(model_dir), backend=backend, cache=cache)
    whole, *parts = embedder.encode_in_context(COMPOUND, SPANS)
    assert float(whole @ embedder.encode([COMPOUND])[0]) > 0.9999  # one pass gives the plain vector too
    assert np.allclose(np.linalg.norm(parts, axis=1), 1.0, atol=1e-5)
    alone = embedder.encode([COMPOUND[start:end] for start, end in SPANS])
    similarity = np.asarray(parts) @ alone.T
    # Each part is about its own clause: nearest to that clause encoded alone, not to the other.
    assert similarity[0, 0] > similarity[0, 1] and similarity[1, 1] > similarity[1, 0]
    assert similarity[0, 0] > 0.7 and similarity[1, 1] > 0.7  # mostly its own meaning, some context


def test_in_context_vectors_agree_across_backends(model_dir: Path, cache: Path) -> None:
    torch_rows = Embedder(str(model_dir), backend="torch").encode_in_context(COMPOUND, SPANS)
    onnx_rows = Embedder(str(model_dir), backend="onnx", cache=cache).encode_in_context(COMPOUND, SPANS)
    assert (torch_rows * onnx_rows).sum(axis=1).min() > 0.9999


def test_a_part_past_what_the_model_reads_is_encoded_alone(model_dir: Path, cache: Path) -> None:
    embedder = Embedder(str(model_dir), backend="onnx", cache=cache)
    long_text = "Russia sent more aircraft to Syria. " * 80 + QUESTIONS[0]  # far past 256 tokens
    tail = (len(long_text) - len(QUESTIONS[0]), len(long_text))
    _, part = embedder.encode_in_context(long_text, [tail])
    assert float(part @ embedder.encode([QUESTIONS[0]])[0]) > 0.9999


def test_the_model_is_exported_once_and_again_when_it_changes(
    model_dir: Path, cache: Path, tmp_path: Path
) -> None:
    first = model_file(model_dir, quantized=True, cache=cache)
    written = first.stat().st_mtime_ns
    assert model_file(model_dir, quantized=True, cache=cache) == first
    assert first.stat().st_mtime_ns == written

    changed = tmp_path / "model"
    shutil.copytree(model_dir, changed)
    config = json.loads((changed / "sentence_bert_config.json").read_text(encoding="utf-8"))
    (changed / "sentence_bert_config.json").write_text(json.dumps({**config, "max_seq_length": 128}))
    assert model_file(changed, quantized=False, cache=cache).parent != first.parent


def test_a_model_the_onnx_path_cannot_run_is_named_with_the_way_out(
    model_dir: Path, cache: Path, tmp_path: Path
) -> None:
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(OnnxError, match=r"lacks tokenizer\.json.*QA_EMBEDDING_BACKEND=torch"):
        model_file(tmp_path, quantized=True, cache=cache)

    cls_pooled = tmp_path / "cls"
    shutil.copytree(model_dir, cls_pooled)
    pooling = cls_pooled / "1_Pooling" / "config.json"
    config = json.loads(pooling.read_text(encoding="utf-8"))
    config.update(pooling_mode_mean_tokens=False, pooling_mode_cls_token=True)
    pooling.write_text(json.dumps(config))
    with pytest.raises(OnnxError, match="mean-pooled"):
        model_file(cls_pooled, quantized=True, cache=cache)
    assert not list(cache.glob("*/model.onnx.*.partial"))


def test_an_unknown_backend_is_refused_by_name() -> None:
    with pytest.raises(ValidationError, match="embedding_backend"):
        Settings(embedding_backend="tpu")  # type: ignore[arg-type]


def test_the_encoder_is_timed_once_per_machine_and_the_fastest_kept(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qa.encode import encoder_choice
    from qa.encode.embed import backend_for, embedder_for, machine_choice
    from qa.encode.embed_onnx import model_folder

    settings = Settings(model_cache=cache)
    record = machine_choice(settings)  # times the three runtimes for real
    speeds = record["sentences_per_s"]
    assert isinstance(speeds, dict) and set(speeds) == {"torch", "onnx", "onnx-int8"}
    assert all(speed > 0 for speed in speeds.values())
    assert record["backend"] == encoder_choice.fastest(speeds) == backend_for(settings)
    assert embedder_for(settings).backend == record["backend"]
    # The chosen runtime is also timed at each batch size, and ingest uses the faster one, unless
    # the settings name a size.
    by_batch = record["sentences_per_s_by_batch"]
    assert isinstance(by_batch, dict) and set(by_batch) == {str(size) for size in encoder_choice.BATCHES}
    assert record["batch_size"] == int(max(by_batch, key=lambda size: by_batch[size]))
    assert embedder_for(settings).batch_size == record["batch_size"]
    assert embedder_for(Settings(model_cache=cache, embedding_batch_size=7)).batch_size == 7
    kept = json.loads((model_folder(Path(settings.resolved_model()), cache) / "encoder.json").read_text())
    assert kept == record and kept["cpu"]

    def refuse(*_: object) -> float:
        raise AssertionError("timed again although this machine's choice is recorded")

    monkeypatch.setattr(encoder_choice, "timed", refuse)
    assert machine_choice(settings) == record  # read back, not measured
    assert backend_for(Settings(model_cache=cache, embedding_backend="onnx")) == "onnx"  # named: no timing

    # Another CPU (or upgraded runtimes) measures again.
    monkeypatch.setattr(encoder_choice, "machine_key", lambda: "another machine")
    folder = model_folder(Path(settings.resolved_model()), cache)
    again = encoder_choice.chosen(folder, lambda _: {"torch": 130.0, "onnx": 60.0, "onnx-int8": 100.0})
    assert again["backend"] == "torch" and again["machine"] == "another machine"


@pytest.mark.parametrize(
    ("speeds", "expected"),
    [
        ({"torch": 100.0, "onnx": 60.0, "onnx-int8": 140.0}, "onnx-int8"),
        (
            {"torch": 104.0, "onnx": 60.0, "onnx-int8": 100.0},
            "onnx-int8",
        ),  # PyTorch by a hair: its import costs more
        ({"torch": 110.0, "onnx": 60.0, "onnx-int8": 100.0}, "torch"),
        ({"torch": 50.0, "onnx": 90.0, "onnx-int8": 80.0}, "onnx"),
    ],
)
def test_pytorch_is_chosen_only_when_clearly_faster(speeds: dict[str, float], expected: str) -> None:
    from qa.encode.encoder_choice import fastest

    assert fastest(speeds) == expected
