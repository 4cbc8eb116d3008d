"""Pure analyses over documents (no I/O): progress, editions, series, and extraction of named
programmes, decisions, targets, budgets and organisations with their links to follow-ups."""
