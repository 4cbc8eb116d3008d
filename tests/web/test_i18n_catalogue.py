"""The message catalogue is complete, and the Japanese UI does not show its English side."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Comment, Declaration, Doctype

from stiplan.web.i18n import MESSAGES

from .conftest import Client


def test_every_message_has_both_languages() -> None:
    missing = [k for k, (ja, en) in MESSAGES.items() if not ja.strip() or not en.strip()]
    assert not missing
    # the Japanese side is Japanese, except names that are the same in both (API, CSV) and the
    # switch that offers English, written in English on purpose
    latin_only = {k for k, (ja, _) in MESSAGES.items() if re.fullmatch(r"[A-Za-z ,.'()-]+", ja)}
    assert latin_only <= {"api", "csv", "language_switch", "language_switch_label"}


def _english_phrases() -> set[str]:
    """The catalogue's English messages of more than one word, which no Japanese page shows."""
    return {en for _, en in MESSAGES.values() if " " in en and "{" not in en and len(en) > 8}


@pytest.mark.parametrize("path", ["/", "/ministries", "/warnings", "/search?q=研究"])
def test_japanese_pages_show_no_english_ui_phrase(client: Client, path: str) -> None:
    page = client.get(path, params={"lang": "ja"})
    assert page.status_code == 200
    text = re.sub(r"<[^>]+>", " ", page.text)
    shown = sorted(p for p in _english_phrases() if p in text)
    assert not shown, (path, shown)


# --- no English in the Japanese UI, on every page a crawl of the sample store reaches --------

# Words a Japanese page may show in Latin letters: names that are the same in both languages,
# the switch that offers English (in English on purpose), and the project's name.
ALLOWED_WORDS = frozenset(
    {"API", "CSV", "JSON", "PDF", "XLSX", "Excel", "ZIP", "OpenAPI", "BOM", "UTF", "stiplan"}
    | {"stiplan-diff"}  # the name of the diff's JSON format
    | {"English", "OR"}
)
SKIPPED_TAGS = frozenset({"script", "style", "code", "kbd", "samp", "pre"})
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
# Not words of the UI: URLs and URL paths, file names, ids (hex, element paths), L12 links,
# command-line options (--title). Codes are
# shown in <code> (skipped above) or not at all.
NOT_WORDS = re.compile(
    r"https?://\S+|[\w./-]+\.(?:txt|pdf|csv|xlsx|json|md|png|zip)\b"
    r"|\b[0-9a-f]{40,}\b|\b[0-9a-f]{12}(?::[\w.-]+)?|\bL\d+\b|(?<![\w-])--[a-z][\w-]*"
    r"|(?<![\w.])/[a-z0-9][\w{}.-]*(?:/[\w{}.-]+)+"
)
MAX_PAGES = 80


def _document_words() -> set[str]:
    """Latin words of the sample documents: document text is shown as written, never
    translated (a report's ``Top10%`` stays)."""
    from tests.conftest import SAMPLES

    text = " ".join(p.read_text(encoding="utf-8") for p in SAMPLES.glob("*.txt"))
    return set(LATIN_WORD.findall(text))


def _in_other_language(tag: Any) -> bool:
    """Inside an element that declares its own language (document text is ``lang="ja"``,
    reasons given in English are ``lang="en"``): not UI text of the page's language."""
    return any(p.name not in (None, "html") and p.has_attr("lang") for p in [tag, *tag.parents])


def _ui_texts(soup: BeautifulSoup) -> Iterator[str]:
    for node in soup.find_all(string=True):
        if isinstance(node, Comment | Doctype | Declaration):
            continue
        parent = node.parent
        if parent is None or any(p.name in SKIPPED_TAGS for p in [parent, *parent.parents]):
            continue
        if not _in_other_language(parent):
            yield str(node)
    for tag in soup.find_all(True):
        if not _in_other_language(tag):
            yield from (str(tag[name]) for name in READ_ATTRIBUTES if tag.has_attr(name))


def english_words(html: str, allowed: set[str]) -> set[str]:
    """Latin words a person reads on a page that are not names, codes or document text."""
    words: set[str] = set()
    for text in _ui_texts(BeautifulSoup(html, "html.parser")):
        for word in LATIN_WORD.findall(NOT_WORDS.sub(" ", text)):
            if word not in allowed and not word.isupper():  # acronyms (CSTI, OECD) are names
                words.add(word)
    return words


def _shape(path: str) -> str:
    """One page per route: ``/sections/<id>`` stands for every section."""
    parts = [s for s in path.split("/") if s]
    return "/" + "/".join([*parts[:1], *("*" for _ in parts[1:2]), *parts[2:3]])


def _links(html: str) -> list[str]:
    found = []
    for a in BeautifulSoup(html, "html.parser").select("a[href]"):
        href = str(a["href"]).split("#")[0]
        outside = href.startswith(("/download", "/static", "http", "mailto:")) or not href
        data = href.endswith((".png", ".json")) or (
            href.startswith("/api/v1/") and not href.startswith("/api/v1/docs")
        )
        if not (outside or data):
            found.append(href)
    return found


def crawl_japanese(client: Client, seeds: list[str]) -> dict[str, str]:
    """Every kind of page reachable from the overview and ``seeds``, in Japanese: url → html
    (error pages included: they are pages too). Each seed is visited; of the pages found by
    following links, one per route."""
    queue, seen, pages = deque(["/", *seeds]), set(), {}
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        shape = _shape(urlsplit(url).path) + ("?q" if "q=" in url else "")
        if (shape in seen and url not in seeds) or url in pages:
            continue
        seen.add(shape)
        joined = f"{url}{'&' if '?' in url else '?'}lang=ja"  # params= would drop url's query
        response = client.get(joined, follow_redirects=True)
        if "text/html" in response.headers.get("content-type", ""):
            pages[url] = response.text
            queue.extend(_links(response.text))
    return pages


@pytest.fixture(scope="module")
def everything(tmp_path_factory: pytest.TempPathFactory) -> Client:
    """The sample reports and the sample briefing, ingested as users do it."""
    from stiplan import queries
    from stiplan.store import Store
    from stiplan.web import create_app
    from tests.conftest import SAMPLES

    path = tmp_path_factory.mktemp("i18n") / "samples.sqlite"
    with Store.open(path) as store:
        queries.ingest_paths(store, sorted(SAMPLES.glob("*.txt")))
    return Client(create_app(path))


def test_japanese_ui_shows_no_english_word_on_any_page(everything: Client) -> None:
    documents = [d["document"]["id"] for d in everything.get("/api/v1/documents").json()]
    initiative = everything.get("/api/v1/initiatives").json()["items"][0]["id"]
    seeds = [f"/documents/{d}" for d in documents]
    seeds += [f"/elements/{initiative}/source", "/search?q=研究", "/no-such-page"]
    pages = crawl_japanese(everything, seeds)
    assert len(pages) >= 15, sorted(pages)  # the crawl reached the site, not one page
    allowed = set(ALLOWED_WORDS) | _document_words()
    english = {
        url: sorted(words) for url, html in pages.items() if (words := english_words(html, allowed))
    }
    assert not english, english


def test_the_english_word_check_catches_an_english_label() -> None:
    page = '<html lang="ja"><body><h1>概要</h1><p>Back to the overview</p></body></html>'
    assert english_words(page, set(ALLOWED_WORDS)) == {"Back", "to", "the", "overview"}
    quoted = '<p lang="ja">Society 5.0</p><code>cells_merged</code><p>CSV · API · OECD</p>'
    assert english_words(quoted, set(ALLOWED_WORDS)) == set()
    assert english_words('<nav aria-label="breadcrumbs">…</nav>', set()) == {"breadcrumbs"}
