"""Every process sees every commit: a running process keeps answering, from the latest articles,
while `qa ingest` and `qa remove` run in another process (real Chroma: a folder, and a `chroma run`
server)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from qa import Settings, ask, ingest
from qa.pipeline import open_store
from qa.retrieval.view import view_of
from tests.conftest import ROOT, SEED, app_command, free_port, serving

SKATE_PARK = {
    "title": "Dunmore opens skate park",
    "url": "https://x.example/skate",
    "body": "Dunmore opened a skate park on Saturday. Mayor Ruth Kell said it cost $850,000.",
}
LIBRARY = {
    "title": "Dunmore library extends its hours",
    "url": "https://x.example/library",
    "body": "The Dunmore library will stay open until 9 p.m. on weekdays. Librarian Omar Haddad said "
    "evening visits doubled last winter.",
}


def _store_env(settings: Settings) -> dict[str, str]:
    """The environment that points a `qa` process at the store of `settings`."""
    env = {"QA_STORE": str(settings.store), "QA_COLLECTION": settings.collection}
    if settings.chroma_url:
        env["QA_CHROMA_URL"] = settings.chroma_url
    return env


def qa_command(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the `qa` command in a process of its own, against the same store as `settings`."""
    command = [sys.executable, "-m", "qa.cli", *args]
    env = os.environ | _store_env(settings)
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def write_json(path: Path, *records: dict[str, str]) -> Path:
    path.write_text(json.dumps(list(records)), encoding="utf-8")
    return path


def minutes(town: str) -> dict[str, str]:
    """A long article: Chroma saves a vector index to disk only every 1,000 or so vectors, and a
    process writing through a stale copy loses another's vectors only once that copy is saved."""
    items = " ".join(
        f"Item {i} of the {town} council minutes concerns road section {i}." for i in range(1100)
    )
    return {"title": f"{town} council minutes", "url": f"https://x.example/{town}-minutes", "body": items}


def test_a_running_process_answers_from_what_another_process_ingested(
    empty_settings: Settings, tmp_path: Path
) -> None:
    ingest([SEED], settings=empty_settings)
    assert "Peter Cook" in ask("Who is the Pentagon press secretary?", settings=empty_settings).text

    added = qa_command(empty_settings, "ingest", str(write_json(tmp_path / "skate.json", SKATE_PARK)))
    assert added.returncode == 0, added.stderr
    answer = ask("How much did the Dunmore skate park cost?", settings=empty_settings)
    assert "$850,000" in answer.text and answer.citations[0].url == SKATE_PARK["url"]

    edited = SKATE_PARK | {"body": SKATE_PARK["body"].replace("$850,000", "$910,000")}
    changed = qa_command(empty_settings, "ingest", str(write_json(tmp_path / "skate.json", edited)))
    assert changed.returncode == 0, changed.stderr
    answer = ask("How much did the Dunmore skate park cost?", settings=empty_settings)
    assert "$910,000" in answer.text and "$850,000" not in answer.text

    removed = qa_command(empty_settings, "remove", SKATE_PARK["url"])
    assert removed.returncode == 0 and "removed: Dunmore opens skate park" in removed.stdout, removed.stderr
    assert ask("How much did the Dunmore skate park cost?", settings=empty_settings).abstained
    # Still whole: the articles from before the other process's commits answer as they did.
    assert "Peter Cook" in ask("Who is the Pentagon press secretary?", settings=empty_settings).text


def test_a_process_that_writes_after_another_keeps_the_others_vectors(
    empty_settings: Settings, tmp_path: Path
) -> None:
    ingest([SEED], settings=empty_settings)
    view_of(open_store(settings=empty_settings))  # this process has the folder loaded now
    skate = write_json(tmp_path / "skate.json", SKATE_PARK, minutes("Dunmore"))
    other = qa_command(empty_settings, "ingest", str(skate))
    assert other.returncode == 0, other.stderr
    # This process writes next: it must write on top of the other's commit, not over it.
    ingest([write_json(tmp_path / "library.json", LIBRARY, minutes("Carbondale"))], settings=empty_settings)

    for question, expected in [
        ("How much did the Dunmore skate park cost?", "$850,000"),
        ("Until when is the Dunmore library open?", "9 p.m."),
    ]:
        fresh = qa_command(empty_settings, "ask", question, "--json")
        assert fresh.returncode == 0, fresh.stderr
        assert expected in json.loads(fresh.stdout)["text"]


def test_the_chat_server_sees_another_process_add_edit_and_remove(
    empty_settings: Settings, tmp_path: Path
) -> None:
    from gradio_client import Client

    ingest([SEED], settings=empty_settings)
    env = {"QA_COLLECTION": empty_settings.collection}
    if empty_settings.chroma_url:
        env["QA_CHROMA_URL"] = empty_settings.chroma_url
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with serving(app_command(empty_settings.store, port), url, log=tmp_path / "app.log", env=env):
        client = Client(url, verbose=False)

        def answer(question: str) -> dict[str, Any]:
            reply: dict[str, Any] = client.predict(question, 10, "", api_name="/answer")
            assert "error" not in reply, reply
            return reply

        news = tmp_path / "news"
        news.mkdir()
        write_json(news / "skate.json", SKATE_PARK)
        for i in range(30):  # enough that the ingest is still running while the questions are asked
            write_json(
                news / f"town{i}.json", {"title": f"Town{i} budget", "body": f"Town{i} approved a budget."}
            )
        adding = subprocess.Popen(
            [sys.executable, "-m", "qa.cli", "ingest", str(news)],
            cwd=ROOT,
            env=os.environ | _store_env(empty_settings),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        with ThreadPoolExecutor(max_workers=20) as pool:
            during = list(pool.map(answer, ["Who is the Pentagon press secretary?"] * 20, timeout=600))
        assert adding.wait(timeout=600) == 0
        assert all("Peter Cook" in reply["text"] for reply in during)
        assert "$850,000" in answer("How much did the Dunmore skate park cost?")["text"]

        edited = SKATE_PARK | {"body": SKATE_PARK["body"].replace("$850,000", "$910,000")}
        assert (
            qa_command(empty_settings, "ingest", str(write_json(news / "skate.json", edited))).returncode == 0
        )
        assert "$910,000" in answer("How much did the Dunmore skate park cost?")["text"]

        assert qa_command(empty_settings, "remove", SKATE_PARK["url"]).returncode == 0
        assert answer("How much did the Dunmore skate park cost?")["abstained"]
