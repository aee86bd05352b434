"""The `qa` command as a user runs it: a real process, a real store folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import CORPUS


def qa(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qa.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env=os.environ | (env or {}),
    )


def test_ingest_then_ask_prints_a_cited_answer_and_json(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    ingested = qa("ingest", str(CORPUS), "--store", store, cwd=tmp_path)
    assert ingested.returncode == 0, ingested.stderr
    assert "articles: 1 new, 0 updated, 0 unchanged" in ingested.stdout

    again = qa("ingest", str(CORPUS), "--store", store, cwd=tmp_path)
    assert "0 new, 0 updated, 1 unchanged; chunks written: 0" in again.stdout

    asked = qa("ask", "Who is the Pentagon press secretary?", "--store", store, cwd=tmp_path)
    assert asked.returncode == 0, asked.stderr
    assert "Peter Cook" in asked.stdout and "[1]" in asked.stdout
    assert "“But while Carter could make the call" in asked.stdout  # the cited sentence, quoted

    as_json = json.loads(
        qa("ask", "Who did Kerry speak with?", "--store", store, "--json", cwd=tmp_path).stdout
    )
    assert as_json["abstained"] is False
    assert "Lavrov" in as_json["citations"][0]["sentence"]
    assert set(as_json["citations"][0]) >= {
        "n",
        "article_id",
        "title",
        "url",
        "published",
        "sentence",
        "start",
        "end",
    }


def test_bad_input_gets_one_line_errors_and_exit_codes(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{not json")
    store = str(tmp_path / "store")
    ingested = qa(
        "ingest", str(tmp_path / "bad.json"), str(tmp_path / "missing.txt"), "--store", store, cwd=tmp_path
    )
    assert ingested.returncode == 1
    errors = [line for line in ingested.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert "bad.json: malformed JSON at line 1 column 2" in errors[0]
    assert "missing.txt: no such file or folder" in errors[1]
    assert "Traceback" not in ingested.stderr

    empty = qa("ask", "   ", "--store", store, cwd=tmp_path)
    assert empty.returncode == 2
    assert empty.stderr.strip() == "error: question is empty: type a question about the articles"


def test_ask_with_a_local_llm_streams_to_stderr_and_prints_the_checked_answer(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    qa("ingest", str(CORPUS), "--store", store, cwd=tmp_path)
    asked = qa(
        "ask",
        "Who did Kerry speak with on Tuesday?",
        "--store",
        store,
        "--backend",
        "llamacpp",
        "--stream",
        cwd=tmp_path,
    )
    assert asked.returncode == 0, asked.stderr
    assert asked.stderr.strip(), "the model's text streams to stderr"
    assert asked.stdout.strip() and "Traceback" not in asked.stderr


def test_ask_with_a_dead_server_says_what_to_start(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    qa("ingest", str(CORPUS), "--store", store, cwd=tmp_path)
    dead = {"QA_LLM_BASE_URL": "http://127.0.0.1:9/v1"}  # the discard port: nothing listens
    asked = qa(
        "ask",
        "Who is the Pentagon press secretary?",
        "--store",
        store,
        "--backend",
        "openai",
        cwd=tmp_path,
        env=dead,
    )
    assert asked.returncode == 2
    assert asked.stderr.startswith(
        "error: cannot reach the OpenAI-compatible server at http://127.0.0.1:9/v1"
    )
    assert "Traceback" not in asked.stderr
