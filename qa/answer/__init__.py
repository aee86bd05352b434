"""Answer backends: turn retrieved passages into a cited answer."""

from __future__ import annotations

from qa.answer.base import ABSTAIN_TEXT, AnswerBackend, BackendError, Context, Draft, ModelStopped, final
from qa.answer.extractive import ExtractiveBackend
from qa.answer.llamacpp import LlamaCppBackend
from qa.answer.ollama import OllamaBackend
from qa.answer.openai import OpenAIBackend

__all__ = [
    "ABSTAIN_TEXT",
    "AnswerBackend",
    "BackendError",
    "Context",
    "Draft",
    "ModelStopped",
    "available_backends",
    "final",
    "get_backend",
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


def available_backends() -> list[str]:
    """Names of the answer backends that can be chosen."""
    return list(_BACKENDS)
