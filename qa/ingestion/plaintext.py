"""Markdown rendered to the plain text that is stored, split and cited.

A citation must read as the article reads, not as its source file: no `#` before a heading, link
text without its URL, emphasis without asterisks. Blocks (headings, paragraphs, list items, quotes)
become paragraphs of their own, so each ends its sentence. A table becomes one sentence per row
that names each cell by its column ("Candidate: Robert Chen; Party: Democratic; Votes: 11,905."),
so a row is still a fact that can be cited, and reads as one. Raw HTML blocks and code are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Rendered:
    """An article's Markdown as plain text, and the text of its first heading (a title), if any."""

    text: str
    first_heading: str


def markdown_to_text(source: str) -> Rendered:
    """Render Markdown (CommonMark with tables) to plain text paragraphs."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    blocks: list[str] = []
    first_heading = ""
    row: list[str] = []
    header: list[str] = []
    in_head = False
    for index, token in enumerate(tokens):
        opened_by = tokens[index - 1].type if index else ""  # the block an inline token sits in
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            if in_head:
                header = row
            elif any(row):
                blocks.append(_row_sentence(header, row))
        elif token.type == "inline":
            text = _inline_text(token.children or [])
            if opened_by in ("th_open", "td_open"):
                row.append(text)
            elif text:
                blocks.append(text)
                if not first_heading and opened_by == "heading_open":
                    first_heading = text
    return Rendered("\n\n".join(blocks), first_heading)


def _inline_text(children: list[Any]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(_inline_text(child.children or []))  # its alt text
    return "".join(parts).strip()


def _row_sentence(header: list[str], row: list[str]) -> str:
    """A table row as one sentence: "Column: cell; Column: cell." (cells alone without a header)."""
    names = [*header, *[""] * len(row)]
    named = [f"{name}: {cell}" if name else cell for name, cell in zip(names, row) if cell]
    sentence = "; ".join(named)
    return sentence if sentence.endswith((".", "!", "?")) else sentence + "."
