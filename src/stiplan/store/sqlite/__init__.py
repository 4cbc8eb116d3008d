"""The SQLite store: ``Store`` composed of one mixin per concern over one connection.

``base`` (the connection and the read helper), ``lifecycle`` (open, read-only, in memory,
WAL, migrations, ``upgrade``), ``writes`` (ingest, delete), ``inserts`` (multi-row inserts),
``search_index`` (the full-text index: written at ingest, rebuilt, measured), and the mixins
both backends share (``stiplan.store.shared``: reads, mentions, files, search). The SQL they
run is built in ``stiplan.store.sql``, ``search_sql`` and ``tables``; the records they read
become values in ``stiplan.store.convert`` and ``decode``.
"""
