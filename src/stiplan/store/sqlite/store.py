"""``Store``: the one object through which stiplan reads and writes its SQLite database.

Writes are whole documents, each in one transaction, keyed by content hash so that ingesting
the same file again changes nothing. Reads rebuild whole documents (``load_document``) or
return small row dataclasses for the query layer. Each concern is a mixin of its own module
over one shared connection (``base.Connected``); ``stiplan.store.interface.StoreInterface``
names what every store offers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stiplan.store.shared.files import Files
from stiplan.store.shared.listings import Listings
from stiplan.store.shared.mentions import Mentions
from stiplan.store.shared.survey import Survey
from stiplan.store.sqlite.kept import KeptDocuments
from stiplan.store.sqlite.lifecycle import Lifecycle
from stiplan.store.sqlite.search_index import SearchIndex
from stiplan.store.sqlite.writes import Writes


class Store(Lifecycle, Writes, SearchIndex, KeptDocuments, Mentions, Listings, Files, Survey):
    """A stiplan database: open it, ingest documents, read them back.

    One ``Store`` wraps one connection; use it from one thread at a time.
    """


if TYPE_CHECKING:  # mypy checks here that Store offers the whole interface, with its types
    from stiplan.store.interface import StoreInterface

    def _conforms(store: Store) -> StoreInterface:
        return store
