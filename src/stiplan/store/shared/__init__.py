"""What every backend of the store shares: the reads, mentions, files and search, written once
over ``Fetching._fetch`` (SQL with ``?`` placeholders from ``stiplan.store.sql`` and
``search_sql``); each backend supplies the connection, the writes and its full-text engine.
"""
