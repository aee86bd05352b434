"""The local model's own process: loads one GGUF file and streams completions as JSON lines.

It runs apart from the app (started and supervised by `qa.answer.llamacpp`) because llama.cpp is
native code: a segfault, an abort or an out-of-memory kill inside it must end this process only,
never the chat server or the Python program that asked.

Protocol, one JSON object per line. Requests on stdin:
    {"system": str, "user": str, "max_tokens": int, "stop": [str, ...]}
Replies on stdout: first {"ready": true, "chat": bool} once the model is loaded, then for each
request {"piece": str} per streamed piece and {"done": true}, or {"error": str}.
The process ends when stdin closes, which is also what happens when its parent dies.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from typing import Any, TextIO

# A base model keeps writing the next "Question:"; stop it at the end of its answer.
PLAIN_STOP = ["\nQuestion:", "\nSources:", "\nAnswer:", "\n\n"]


def plain_prompt(system: str, user: str) -> str:
    """The prompt for a model without a chat template: the instruction, the sources, "Answer:"."""
    return f"{system}\n\n{user}\nAnswer:"


def uses_chat_template(metadata: dict[str, str], path: str) -> bool:
    """Whether to talk to the model through its chat template.

    An instruction-tuned model answers far better through the template it was trained on. A base
    model only continues text, and some base GGUFs still carry their family's chat template, so
    the template alone is not enough: the file must also say it is tuned to follow instructions.
    """
    if not metadata.get("tokenizer.chat_template"):
        return False
    described = " ".join(
        [path, metadata.get("general.name", ""), metadata.get("general.finetune", "")]
    ).lower()
    return any(word in described for word in ("instruct", "-it", "_it", " it", "chat"))


def pieces(model: Any, request: dict[str, Any], *, chat: bool) -> Iterator[str]:
    """The model's reply to one request, piece by piece."""
    settings = {"max_tokens": int(request["max_tokens"]), "temperature": 0.0, "stream": True}
    if chat:
        messages = [
            {"role": "system", "content": request["system"]},
            {"role": "user", "content": request["user"]},
        ]
        for chunk in model.create_chat_completion(messages=messages, stop=request.get("stop"), **settings):
            yield chunk["choices"][0]["delta"].get("content") or ""
    else:
        prompt = plain_prompt(request["system"], request["user"])
        stop = [*PLAIN_STOP, *(request.get("stop") or [])]
        for chunk in model.create_completion(prompt, stop=stop, **settings):
            yield chunk["choices"][0]["text"] or ""


def serve(model: Any, *, chat: bool, requests: TextIO, replies: TextIO) -> None:
    """Answer requests until `requests` closes."""

    def send(message: dict[str, Any]) -> None:
        replies.write(json.dumps(message) + "\n")
        replies.flush()

    send({"ready": True, "chat": chat})
    for line in requests:
        if not line.strip():
            continue
        try:
            for piece in pieces(model, json.loads(line), chat=chat):
                if piece:
                    send({"piece": piece})
            send({"done": True})
        except (ValueError, KeyError, TypeError, RuntimeError) as error:  # a bad request or a full context
            send({"error": f"{type(error).__name__}: {error}"})


def main(argv: list[str] | None = None) -> None:
    """Load the model named on the command line and serve requests on stdin/stdout."""
    parser = argparse.ArgumentParser(prog="python -m qa.answer.llamacpp_worker")
    parser.add_argument("model")
    parser.add_argument("--context", type=int, default=2048)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--chat", choices=["auto", "on", "off"], default="auto")
    args = parser.parse_args(argv)
    # The protocol owns stdout; native code that prints (llama.cpp's logs) writes to stderr instead.
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    from llama_cpp import Llama

    model = Llama(model_path=args.model, n_ctx=args.context, n_threads=args.threads, verbose=False)
    chat = args.chat == "on" or (args.chat == "auto" and uses_chat_template(model.metadata, args.model))
    serve(model, chat=chat, requests=sys.stdin, replies=replies)


if __name__ == "__main__":
    main()
