"""Pure analyses over documents (no I/O): progress, editions, series, extraction."""
