"""The PostgreSQL store (issue 16): ``PostgresStore`` over a psycopg 3 connection pool.

``connection`` (the pool, the placeholder translation, the locks), ``schema`` (the migrations,
with the variants of ``migrations/postgres/``), ``writes`` (ingest, delete, reindex under one
advisory lock) and ``search`` (the tsvector engine) are its own; the reads, mentions, files and
search SQL are the SQLite store's (``stiplan.store.shared``). See ``docs/deploy.md``.

Importing this package needs psycopg; ``stiplan.store.location.open_store`` imports it only
for a ``postgresql://`` URL, so the embedded store never loads it.
"""
