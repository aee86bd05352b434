"""Chunk records in the layout llama-index's `ChromaVectorStore` writes and reads, without importing
llama-index: importing `llama_index.core` takes ~2 s, most of what a one-article `qa ingest` would
otherwise spend beyond starting Python. Any llama-index retriever can still read the collection (the
benchmark's baseline reads it as a `VectorStoreIndex`); `tests/test_index.py` holds these records to
what llama-index itself makes of the same chunk.

A record's metadata is the chunk's flat metadata plus the node as JSON (`_node_content`, with its text
left out: Chroma keeps the text as the record's document) and the id of the article it belongs to,
under the three names llama-index's vector stores filter by.
"""

from __future__ import annotations

import json
from typing import Any

# TextNode fields as llama-index serialises them, in its order, around the id, metadata and source.
_NODE_DEFAULTS: dict[str, Any] = {
    "metadata_template": "{key}: {value}",
    "metadata_separator": "\n",
    "text": "",
    "mimetype": "text/plain",
    "start_char_idx": None,
    "end_char_idx": None,
    "text_template": "{metadata_str}\n\n{content}",
    "class_name": "TextNode",
}
_SOURCE = "1"  # NodeRelationship.SOURCE: the document (article) a node was cut from


def chunk_metadata(chunk_id: str, article_id: str, metadata: dict[str, Any]) -> dict[str, Any]:
    """The metadata of a chunk's record: `metadata` (flat: str, int, float or bool values) with the
    node JSON and article-id fields llama-index adds."""
    node = {
        "id_": chunk_id,
        "embedding": None,
        "metadata": metadata,
        "excluded_embed_metadata_keys": [],
        "excluded_llm_metadata_keys": [],
        "relationships": {
            _SOURCE: {
                "node_id": article_id,
                "node_type": None,
                "metadata": {},
                "hash": None,
                "class_name": "RelatedNodeInfo",
            }
        },
    } | _NODE_DEFAULTS
    return metadata | {
        "_node_content": json.dumps(node, ensure_ascii=False),
        "_node_type": "TextNode",
        "document_id": article_id,
        "doc_id": article_id,
        "ref_doc_id": article_id,
    }
