"""Any OpenAI-compatible endpoint (hosted APIs, vLLM, LM Studio, llama.cpp's server), extra `qa[openai]`."""

from __future__ import annotations

import os
from collections.abc import Iterator

from qa.answer.base import BackendError, Context
from qa.answer.llm import LLMBackend, require_server

INSTALL = "pip install 'qa[openai]'"


class OpenAIBackend(LLMBackend):
    """Answers through an OpenAI-compatible chat completions API."""

    name = "openai"

    def generate(self, system: str, user: str, *, context: Context) -> Iterator[str]:
        """Stream a chat completion."""
        try:
            import openai
            from llama_index.core.llms import ChatMessage
            from llama_index.llms.openai_like import OpenAILike
        except ImportError:
            raise BackendError(f"the openai backend needs llama-index's OpenAI-like LLM: {INSTALL}") from None
        settings = context.settings
        base_url = settings.llm_base_url or os.environ.get("OPENAI_BASE_URL") or "https://api.openai.com/v1"
        hint = "start the server, or set QA_LLM_BASE_URL to one that runs"
        require_server(base_url, what="the OpenAI-compatible server", hint=hint)
        api_key = settings.llm_api_key.get_secret_value() or os.environ.get("OPENAI_API_KEY")
        llm = OpenAILike(
            model=settings.llm_model or os.environ.get("OPENAI_MODEL") or "gpt-4o-mini",
            api_base=base_url,
            # Local servers take any key; hosted ones reject a missing one with a clear message.
            api_key=api_key or "not-needed",
            is_chat_model=True,
            temperature=0.0,
            max_tokens=settings.llm_max_tokens,
            timeout=settings.llm_timeout,
            max_retries=0,
        )
        messages = [ChatMessage(role="system", content=system), ChatMessage(role="user", content=user)]
        try:
            for response in llm.stream_chat(messages):
                yield response.delta or ""
        except openai.APIConnectionError as error:
            raise BackendError(
                f"cannot reach the OpenAI-compatible server at {base_url}: {error}; {hint}"
            ) from None
        except openai.APIStatusError as error:
            raise BackendError(
                f"the server at {base_url} refused the request: {error.status_code} {error.message}"
            ) from None
