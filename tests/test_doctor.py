"""`qa doctor` on this machine: CPU features, the llama.cpp build, both packaged models generating."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_doctor_reports_the_cpu_the_build_and_a_generation_per_model() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "qa.cli", "doctor"], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report = done.stdout
    assert "cpu: " in report and "has: " in report
    assert "llama-cpp-python: 0.3" in report and "compiled for: CPU" in report
    assert report.count("5-token generation: ok") == 2  # Gemma 3 270M and SmolLM2
