"""Article records from JSON and JSONL files, validated field by field.

A wrong type is refused with the field's name rather than stored as Python's repr of it. Values are
coerced only where the meaning is plain: a source or author given as an object with a `name` is
that name; several authors are joined with commas; a one-element list of URLs is that URL; a body
given as a list of paragraphs is those paragraphs.
"""

from __future__ import annotations

from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator


class ArticleRecord(BaseModel):
    """One article object: `title`, `body` (or `text`), optional `url`, `source`, `author`, `published_at`."""

    model_config = ConfigDict(extra="ignore")

    title: str = Field("", validation_alias=AliasChoices("title", "headline"))
    body: str = Field("", validation_alias=AliasChoices("body", "text", "content"))
    url: str = Field("", validation_alias=AliasChoices("url", "link"))
    source: str = Field("", validation_alias=AliasChoices("source", "publisher"))
    author: str = Field("", validation_alias=AliasChoices("author", "authors"))
    published: str = Field("", validation_alias=AliasChoices("published_at", "published", "date"))

    @field_validator("title", "published", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return "" if value is None else value

    @field_validator("source", "author", mode="before")
    @classmethod
    def _names(cls, value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, dict) and isinstance(value.get("name"), str):
            return value["name"]
        if isinstance(value, list) and all(isinstance(v, str | dict) for v in value):
            names = [_names_of(v) for v in value]
            if all(isinstance(n, str) for n in names):
                return ", ".join(n for n in names if n)
        return value

    @field_validator("url", mode="before")
    @classmethod
    def _one_url(cls, value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, list):
            if len(value) == 1:
                return value[0]
            raise ValueError(f"expected one URL, got a list of {len(value)}")
        return value

    @field_validator("body", mode="before")
    @classmethod
    def _paragraphs(cls, value: Any) -> Any:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return "\n\n".join(value)
        return "" if value is None else value


def _names_of(value: str | dict[str, Any]) -> Any:
    return value.get("name") if isinstance(value, dict) else value


def parse_record(record: Any) -> ArticleRecord:
    """The record as an ArticleRecord; ValueError naming the field and what was wrong with it."""
    if not isinstance(record, dict):
        raise ValueError(f"expected an article object, got {type(record).__name__}")
    try:
        parsed = ArticleRecord.model_validate(record)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            field = ".".join(str(part) for part in item["loc"][:1]) or "record"
            given = type(item.get("input")).__name__
            problems.append(f"field {field!r}: {item['msg'].removeprefix('Value error, ')} (got {given})")
        raise ValueError("; ".join(problems)) from None
    if not parsed.body.strip():
        raise ValueError("article has no text (expected a non-empty 'body' or 'text' field)")
    return parsed
