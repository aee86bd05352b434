"""Sentence vectors: the embedding model and the runtime chosen for this machine."""
