"""Models served by Ollama, through llama-index's Ollama integration (extra `qa[ollama]`)."""

from __future__ import annotations

from collections.abc import Iterator

from qa.answer.base import BackendError, Context
from qa.answer.llm import LLMBackend, require_server

INSTALL = "pip install 'qa[ollama]'"


class OllamaBackend(LLMBackend):
    """Answers with a model served by a local (or remote) Ollama."""

    name = "ollama"

    def generate(self, system: str, user: str, *, context: Context) -> Iterator[str]:
        """Stream a chat reply from Ollama."""
        try:
            import httpx
            from llama_index.core.llms import ChatMessage
            from llama_index.llms.ollama import Ollama
            from ollama import ResponseError
        except ImportError:
            raise BackendError(
                f"the ollama backend needs llama-index's Ollama integration: {INSTALL}"
            ) from None
        settings = context.settings
        base_url = settings.llm_base_url or "http://127.0.0.1:11434"
        model = settings.llm_model or "llama3.2"
        hint = "start it with `ollama serve`, or set QA_LLM_BASE_URL"
        require_server(base_url, what="Ollama", hint=hint)
        llm = Ollama(model=model, base_url=base_url, request_timeout=settings.llm_timeout, temperature=0.0)
        messages = [ChatMessage(role="system", content=system), ChatMessage(role="user", content=user)]
        try:
            for response in llm.stream_chat(messages):
                yield response.delta or ""
        except httpx.HTTPError as error:
            raise BackendError(f"cannot reach Ollama at {base_url}: {error}; {hint}") from None
        except ResponseError as error:
            raise BackendError(
                f"Ollama refused: {error.error} (is the model pulled? `ollama pull {model}`)"
            ) from None
