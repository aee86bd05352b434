"""Answer backends: turn retrieved passages into a cited answer."""

from __future__ import annotations

from qa.answer.base import ABSTAIN_TEXT, AnswerBackend, BackendError, Context, Evidence, ModelStopped, Written
from qa.answer.extractive import ExtractiveBackend
from qa.answer.llamacpp import LlamaCppBackend
from qa.answer.ollama import OllamaBackend
from qa.answer.openai import OpenAIBackend

__all__ = [
    "ABSTAIN_TEXT",
    "AnswerBackend",
    "BackendError",
    "Context",
    "Evidence",
    "ModelStopped",
    "Written",
    "available_backends",
    "get_backend",
    "register_backend",
]

# Each backend imports its heavy libraries only when it answers, so listing them costs nothing.
_BACKENDS: dict[str, type] = {
    "extractive": ExtractiveBackend,
    "llamacpp": LlamaCppBackend,
    "openai": OpenAIBackend,
    "ollama": OllamaBackend,
}


def get_backend(name: str) -> AnswerBackend:
    """Return the backend called `name`; an unknown name is a ValueError listing the known ones."""
    try:
        return _BACKENDS[name]()  # type: ignore[no-any-return]
    except KeyError:
        raise ValueError(f"unknown answer backend {name!r}; choose one of: {', '.join(_BACKENDS)}") from None


def register_backend(name: str, backend: type) -> None:
    """Make `backend` (a class implementing AnswerBackend) choosable as `name`; its answers pass
    the pipeline's check like every other backend's."""
    _BACKENDS[name] = backend


def available_backends() -> list[str]:
    """Names of the answer backends that can be chosen."""
    return list(_BACKENDS)
