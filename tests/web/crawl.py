"""Following every link a person can follow, from a few starting pages: what the crawl tests
of the dashboard share (over SQLite, and over PostgreSQL compared with SQLite)."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag

from bs4 import BeautifulSoup

from tests.web.conftest import Client


@dataclass
class Crawl:
    """Every URL reached with its status and content type, the hrefs that were not
    percent-encoded ASCII, and how many HTML pages were read for links."""

    statuses: dict[str, int] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    unencoded: set[str] = field(default_factory=set)
    pages: int = 0


def _internal(href: str) -> bool:
    return href.startswith("/") and not href.startswith("//")


def crawl(client: Client, starts: list[str]) -> Crawl:
    """Follow every internal ``href``/``src`` from ``starts`` (redirects followed). A page in
    the other language (``lang=``) is fetched but not followed further: it holds the same links
    as the page it translates."""
    found = Crawl()
    seen: set[str] = set(starts)
    queue: deque[str] = deque(starts)
    while queue:
        url = queue.popleft()
        response = client.get(url, follow_redirects=True)
        found.statuses[url] = response.status_code
        kind = response.headers.get("content-type", "")
        found.types[url] = kind
        if response.status_code != 200 or not kind.startswith("text/html") or "lang=" in url:
            continue
        found.pages += 1
        for a in BeautifulSoup(response.text, "html.parser").select("[href], [src]"):
            href = str(a.get("href") or a.get("src"))
            if not href.isascii() or re.search(r"\s", href):
                found.unencoded.add(href)
            link, _ = urldefrag(href)
            if link and _internal(link) and link not in seen:
                seen.add(link)
                queue.append(link)
    return found
