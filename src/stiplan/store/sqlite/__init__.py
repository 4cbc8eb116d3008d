"""The SQLite store: ``Store`` composed of one mixin per concern over one connection.

``base`` (the connection and the read helper), ``lifecycle`` (open, read-only, in memory,
WAL, migrations), ``writes`` (ingest, delete), ``inserts`` (multi-row inserts),
``search_index`` (the full-text index: written at ingest, rebuilt, searched), ``reads``
(documents, elements, sections, initiatives, warnings, lines), ``mentions`` (programmes,
decisions…) and ``files`` (a document's original PDF). The SQL they run is built in
``stiplan.store.sql``, ``search_sql`` and ``tables``; the records they read become values in
``stiplan.store.convert`` and ``decode``, which a second backend would share.
"""
