"""Answer backends: turn retrieved passages into a cited answer."""

from __future__ import annotations

from qa.answer.base import ABSTAIN_TEXT, AnswerBackend, Context, Draft
from qa.answer.extractive import ExtractiveBackend

__all__ = ["ABSTAIN_TEXT", "AnswerBackend", "Context", "Draft", "available_backends", "get_backend"]

_BACKENDS: dict[str, type] = {"extractive": ExtractiveBackend}


def get_backend(name: str) -> AnswerBackend:
    """Return the backend called `name`; an unknown name is a ValueError listing the known ones."""
    try:
        return _BACKENDS[name]()  # type: ignore[no-any-return]
    except KeyError:
        raise ValueError(f"unknown answer backend {name!r}; choose one of: {', '.join(_BACKENDS)}") from None


def available_backends() -> list[str]:
    """Names of the answer backends that can be chosen."""
    return list(_BACKENDS)
