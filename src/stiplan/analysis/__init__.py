"""Pure analyses over documents: progress, editions, extraction."""
