"""The local model's worker process: real llama.cpp inference with both packaged GGUFs, and what a
user gets when the model process is killed or hangs in the middle of an answer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from qa import Answer, Settings, ask
from qa.answer.llamacpp import configured_worker, gemma_model, smollm2_model, worker_for
from qa.answer.llamacpp_worker import uses_chat_template
from tests.conftest import ROOT, model_workers

QUESTION = "Who is the Pentagon press secretary?"


@pytest.mark.parametrize(("model", "chat"), [(smollm2_model, True), (gemma_model, False)])
def test_each_packaged_model_generates_in_its_worker(model: object, chat: bool) -> None:
    path = model()  # type: ignore[operator]
    worker = worker_for(path, context_window=512, threads=2, chat="auto")
    text = "".join(
        worker.generate("Answer briefly.", "What is the capital of France?", max_tokens=8, timeout=120)
    )
    assert text.strip()
    assert worker.chat is chat  # the instruct model through its chat template, the base model plainly
    assert worker.pid != os.getpid()
    worker.stop()


def test_the_chat_template_is_used_only_for_an_instruction_tuned_model() -> None:
    template = {"tokenizer.chat_template": "{% for m in messages %}{{ m.content }}{% endfor %}"}
    assert uses_chat_template(template | {"general.name": "SmolLM2 135M Instruct"}, "m.gguf")
    assert uses_chat_template(template, "/models/gemma-3-1b-it-Q4_K_M.gguf")
    assert not uses_chat_template(template | {"general.name": "Gemma 3 270m"}, "gemma3-270m.gguf")
    assert not uses_chat_template({"general.name": "Some Instruct"}, "instruct.gguf")  # no template


def worker_pid(settings: Settings) -> int:
    """The pid of the running worker for `settings`, starting it with a first answer if needed."""
    worker = configured_worker(settings)
    if worker.pid is None:
        ask(QUESTION, backend="llamacpp", settings=settings)
    assert worker.pid is not None
    return worker.pid


def ask_in_background(settings: Settings) -> tuple[threading.Thread, list[Answer]]:
    answers: list[Answer] = []
    thread = threading.Thread(
        target=lambda: answers.append(ask(QUESTION, backend="llamacpp", settings=settings))
    )
    thread.start()
    return thread, answers


def test_a_model_killed_mid_answer_costs_that_answer_only(seed_settings: Settings) -> None:
    pid = worker_pid(seed_settings)
    os.kill(pid, signal.SIGSTOP)  # frozen, so the kill below lands while the answer is in progress
    thread, answers = ask_in_background(seed_settings)
    time.sleep(2)
    assert thread.is_alive(), "the answer waits for the frozen model"
    os.kill(pid, signal.SIGKILL)
    thread.join(timeout=60)
    [answer] = answers
    assert answer.notes == ("the local model stopped (signal 9); answered from the sources instead",)
    assert not answer.abstained and "Peter Cook" in answer.text and answer.citations  # from the sources

    following = ask(QUESTION, backend="llamacpp", settings=seed_settings)
    assert following.notes == ()
    assert configured_worker(seed_settings).pid not in (None, pid)  # a new worker answered it


def test_a_hung_model_is_stopped_after_the_timeout(seed_settings: Settings) -> None:
    settings = seed_settings.model_copy(update={"llm_timeout": 5.0})
    pid = worker_pid(settings)
    os.kill(pid, signal.SIGSTOP)
    started = time.monotonic()
    answer = ask(QUESTION, backend="llamacpp", settings=settings)
    assert time.monotonic() - started < 30
    assert answer.notes and "did not answer in time" in answer.notes[0]
    assert "Peter Cook" in answer.text
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # the hung worker is gone, not left behind
    # The next answer starts a new worker (with the usual timeout: loading takes a while on a busy machine).
    assert ask(QUESTION, backend="llamacpp", settings=seed_settings).notes == ()


def test_the_cli_says_the_model_stopped_and_exits_non_zero(seed_settings: Settings) -> None:
    command = [sys.executable, "-m", "qa.cli", "ask", QUESTION, "--backend", "llamacpp"]
    env = os.environ | {"QA_STORE": str(seed_settings.store)}
    cli = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 120
    while not (workers := model_workers(cli.pid)):
        assert cli.poll() is None and time.monotonic() < deadline, "the CLI never started its model worker"
        time.sleep(0.05)
    os.kill(workers[0], signal.SIGKILL)
    out, err = cli.communicate(timeout=120)
    assert cli.returncode == 1
    assert "warning: the local model stopped (signal 9); answered from the sources instead" in err
    assert "Traceback" not in err
    assert "Peter Cook" in out and "[1]" in out
