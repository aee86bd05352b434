"""From a question to ranked passages: the view of a store, BM25, query understanding, hybrid search."""
