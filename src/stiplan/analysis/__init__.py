"""Analyses over read documents: pure functions from ``Document``s to result trees (no I/O)."""
