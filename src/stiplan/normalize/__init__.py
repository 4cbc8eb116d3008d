"""Pure functions from document strings to typed values (no I/O, no database)."""
