"""Analysis: pure functions over documents (extraction of named entities, links between them)."""
