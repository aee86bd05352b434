"""The product as a user installs it: a wheel in a fresh virtual environment, outside the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_qa_eval_runs_from_a_wheel_installed_outside_the_checkout(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            wheels,
            ROOT,
        ],
        check=True,
        cwd=tmp_path,
    )
    [wheel] = wheels.glob("qa-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    python = venv / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel], check=True)
    # The dependencies (torch, chromadb, ...) come from the test environment's site-packages, added
    # as a plain path: its .pth files, among them the editable install of this checkout, are not read.
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("QA_")}
    where = subprocess.run(
        [python, "-c", "import qa, evals; print(qa.__file__); print(evals.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
    ).stdout.split()
    assert all(path.startswith(site) for path in where), where  # not the checkout's code

    done = subprocess.run(
        [venv / "bin" / "qa", "eval", "--check"],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "short answer exact match" in done.stdout and "check: passed (thresholds.json)" in done.stdout
    summary = json.loads((work / "evals" / "reports" / "seed" / "results.json").read_text(encoding="utf-8"))
    assert summary["summary"]["questions"] == 49
    news = subprocess.run(
        [venv / "bin" / "qa", "eval", "--gold", "news"], capture_output=True, text=True, cwd=work, env=env
    )
    assert (
        news.returncode == 2 and "needs --corpus" in news.stderr
    )  # the packaged set is there, its articles not
