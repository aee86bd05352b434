"""Question answering over news articles, with every answer sentence backed by a cited source sentence."""

from qa.config import Settings
from qa.index import IngestReport
from qa.pipeline import ask, ingest, open_store, retrieve
from qa.types import Answer, Citation, Passage

__all__ = [
    "Answer",
    "Citation",
    "IngestReport",
    "Passage",
    "Settings",
    "ask",
    "ingest",
    "open_store",
    "retrieve",
]
