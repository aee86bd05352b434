"""The Chroma collections, their commit protocol and the connection to a folder or server."""
