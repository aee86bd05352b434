"""Shared fixtures: real embedding model, real Chroma in temporary folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from qa import Settings, ingest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = CORPUS / "000_f287f3a6d67f8147.txt"
BENCH = ROOT.parent / "shared" / "bench" / "multihop_rag"


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A store holding the project's corpus/ (the seed article), ingested once per test run."""
    settings = Settings(store=tmp_path_factory.mktemp("seed-store"))
    report = ingest([CORPUS], settings=settings)
    assert not report.errors
    return settings


@pytest.fixture
def empty_settings(tmp_path: Path) -> Settings:
    """Settings pointing at a new, empty store folder."""
    return Settings(store=tmp_path / "store")
