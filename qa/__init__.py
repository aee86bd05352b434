"""Question answering over news articles, with every answer sentence backed by a cited source sentence."""

from qa.config import Settings
from qa.ingestion.index import IngestReport
from qa.library import Library
from qa.pipeline import (
    AnswerStream,
    ask,
    ask_stream,
    follow,
    followed,
    ingest,
    open_library,
    open_store,
    refresh,
    remove,
    retrieve,
    unfollow,
)
from qa.types import Answer, Citation, Claim, Passage, ShortSpan

__all__ = [
    "Answer",
    "AnswerStream",
    "Citation",
    "Claim",
    "IngestReport",
    "Library",
    "Passage",
    "Settings",
    "ShortSpan",
    "ask",
    "ask_stream",
    "follow",
    "followed",
    "ingest",
    "open_library",
    "open_store",
    "refresh",
    "remove",
    "retrieve",
    "unfollow",
]
