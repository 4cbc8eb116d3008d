"""Ingest one file: bytes → decode → detect → the reader of its kind → extract → ``Document``.

This is the read → parse → extract part of the data flow, without the store: pure apart from
reading the file. After the reader, ``stiplan.extract`` fills ``Document.extractions`` (named
programmes, dated decisions, numeric targets, budgets, organisations) for either kind, and
``stiplan.extract.plans`` decides the Basic Plan (``Document.plan``) once the edition is
known; the query layer (``queries.ingest_paths``) hands the document to the store. Every
refusal is an ``IngestError`` that names the file (and the line where one is at fault), so
the CLI and the API can report it and exit non-zero.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from stiplan.extract import extract_document
from stiplan.extract.plans import assign_plan
from stiplan.model import Document, DocumentKind, SourceFile
from stiplan.readers.decode import DEFAULT_MAX_BYTES, DecodeError, decode
from stiplan.readers.detect import UnknownFormatError, detect
from stiplan.readers.followup import content_hash, read_followup_lines
from stiplan.readers.heads import DATE_UNKNOWN, TITLE_UNKNOWN, day_alone
from stiplan.readers.pdf import LayoutLine, PdfError, is_pdf, read_pdf
from stiplan.readers.pdf.pages import Progress
from stiplan.readers.pdf.provenance import place
from stiplan.readers.slides import read_slides_lines

PDF_MEDIA_TYPE = "application/pdf"
EDITION_UNKNOWN = "edition_unknown"


class IngestError(Exception):
    """A file that cannot be ingested; the message names the file and, if known, the line
    (or, for a PDF, the page)."""

    def __init__(
        self, source_name: str, message: str, line: int | None = None, page: int | None = None
    ) -> None:
        where = source_name
        if line is not None:
            where = f"{source_name}, line {line}"
        elif page is not None:
            where = f"{source_name}, p. {page}"
        super().__init__(message if message.startswith(where) else f"{where}: {message}")
        self.source_name = source_name
        self.line = line
        self.page = page


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Limits that protect the machine from hostile input."""

    max_bytes: int = DEFAULT_MAX_BYTES
    edition: str | None = None  # overrides the edition the reader guesses from the data
    plan: int | None = None  # the Basic Plan (ordinal) of the files: wins over what is read
    title: str | None = None  # the document's title: wins over what its head lines state
    date: date | None = None  # the document's date: wins over what its head lines state
    progress: Progress | None = None  # called with (page, pages) as a PDF is read


COLLECT_AFTER = 100_000
"""Objects left by a paused read above which ``cycle_collection_paused`` collects once."""


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a document is read, then collect once if it grew.

    A large report becomes millions of objects that all stay alive. The collector scans them
    all again each time they have grown by a quarter, and frees nothing (a document is a tree;
    temporaries go by reference counting): 1.7 s of the 11 s the 50 MB case spends reading and
    extracting. Paused, then one full collection, which also files the document in the oldest
    generation so that later passes leave it alone: 0.45 s. Re-enabled without that collection,
    the collector's next passes would scan the whole document three times over. A small
    document leaves few objects, and the collector's usual passes take care of them. If the
    collector was off, it stays off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            if gc.get_count()[0] > COLLECT_AFTER:
                gc.collect()


def read_bytes(data: bytes, source_name: str, options: ReadOptions | None = None) -> Document:
    """Decode (or lay out a PDF), detect and read one file's bytes into a ``Document``."""
    options = options or ReadOptions()
    if is_pdf(data):
        return _read_pdf_bytes(data, source_name, options)
    return _read_lines(*_decoded_lines(data, source_name, options), source_name, options)


def _decoded_lines(
    data: bytes, source_name: str, options: ReadOptions
) -> tuple[DocumentKind, list[str], str]:
    """Decode and detect a text file: its kind, its lines and its ``content_hash``.

    The decoded text goes when this returns: the readers read the lines. Text, lines and the
    tree that the readers build on them, all at once, were most of the memory a large report
    took while it was read.
    """
    try:
        decoded = decode(data, source_name, options.max_bytes)
        kind = detect(decoded.text, source_name)
    except DecodeError as error:
        raise IngestError(source_name, str(error), error.line) from error
    except UnknownFormatError as error:
        raise IngestError(source_name, str(error)) from error
    digest = content_hash(decoded.text)
    return kind, decoded.lines(), digest


def _read_lines(
    kind: DocumentKind,
    lines: list[str],
    digest: str,
    source_name: str,
    options: ReadOptions,
    layout: list[LayoutLine] | None = None,
) -> Document:
    """Run the reader of ``kind``; with ``layout`` (a PDF), put pages and boxes on spans."""
    with cycle_collection_paused():
        if kind is DocumentKind.FOLLOWUP:
            document = read_followup_lines(lines, digest, source_name)
        else:
            document = read_slides_lines(lines, digest, source_name)
        document.extractions = extract_document(document)
        if layout is not None:
            place(document, layout)
    _give_title_and_date(document, options)
    if options.edition:
        document.edition = options.edition
        _drop_warnings(document, EDITION_UNKNOWN)
    assign_plan(document, options.plan)
    return document


def _give_title_and_date(document: Document, options: ReadOptions) -> None:
    """What the user gave wins over what the document states (and silences the warning).

    A briefing's edition is the year of its date, so a date given to an undated briefing
    dates its edition too (unless ``--edition`` says otherwise).
    """
    if options.title and options.title.strip():
        document.title = options.title.strip()
        _drop_warnings(document, TITLE_UNKNOWN)
    if options.date is not None:
        document.date = options.date
        _drop_warnings(document, DATE_UNKNOWN)
        if document.kind is DocumentKind.SLIDES and not document.edition:
            document.edition = str(options.date.year)
            _drop_warnings(document, EDITION_UNKNOWN)


def given_day(text: str) -> date:
    """A day given by a user (``--date``): ``2025-06-01`` or a date line as documents write
    it (``令和7年6月1日``, ``2025年6月1日``); ``ValueError`` for anything else."""
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        day = day_alone(text)
    if day is None:
        raise ValueError(f"not a day: {text!r} (write 2025-06-01 or 令和7年6月1日)")
    return day


def _drop_warnings(document: Document, code: str) -> None:
    document.warnings = [w for w in document.warnings if w.code != code]


def _read_pdf_bytes(data: bytes, source_name: str, options: ReadOptions) -> Document:
    """A PDF: layout lines first (``readers.pdf``), then the text reader of the kind."""
    if len(data) > options.max_bytes:
        raise IngestError(
            source_name,
            f"ファイルが大きすぎます（{len(data) / 2**20:.1f} MiB）。"
            "正しいファイルなら --max-size で上限を上げてください"
            f" / file is {len(data) / 2**20:.1f} MiB, larger than the limit of "
            f"{options.max_bytes / 2**20:.1f} MiB; raise it with --max-size if the file is genuine",
        )
    try:
        pdf = read_pdf(data, options.progress)
        kind = detect(pdf.text, source_name)
    except PdfError as error:
        raise IngestError(source_name, str(error), page=error.page) from error
    except UnknownFormatError as error:
        raise IngestError(source_name, str(error)) from error
    lines, digest = pdf.text.split("\n"), content_hash(pdf.text)
    document = _read_lines(kind, lines, digest, source_name, options, pdf.lines)
    document.warnings = sorted([*document.warnings, *pdf.warnings], key=lambda w: w.line)
    return document


@dataclass(frozen=True, slots=True)
class ReadFile:
    """A file read from disk: its document and, for a PDF, the original bytes to keep with
    it (``Store.ingest``) so that its pages can be shown."""

    document: Document
    original: SourceFile | None


def read_path(path: Path, options: ReadOptions | None = None) -> Document:
    """Read a file from disk; a missing, unreadable or oversized file is an ``IngestError``."""
    return read_file(path, options).document


def read_file(path: Path, options: ReadOptions | None = None) -> ReadFile:
    """Read a file from disk, keeping a PDF's bytes (``ReadFile.original``).

    At most one byte more than the limit is read, so a huge file never fills memory; and no
    more than the file's size asks for, since Python sets aside what ``read`` is asked for
    (the whole limit, 64 MiB by default) before it shrinks it to what was read.
    """
    options = options or ReadOptions()
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            raise IngestError(
                path.name,
                f"ファイルが大きすぎます（{size / 2**20:.1f} MiB）。"
                "正しいファイルなら --max-size で上限を上げてください"
                f" / file is {size / 2**20:.1f} MiB, larger than the limit of "
                f"{options.max_bytes / 2**20:.1f} MiB; "
                "raise it with --max-size if the file is genuine",
            )
        with path.open("rb") as handle:
            data = handle.read(min(size, options.max_bytes) + 1)
            if len(data) > size:  # it grew since: read on, up to the limit
                data += handle.read(options.max_bytes + 1 - len(data))
    except OSError as error:
        raise IngestError(
            str(path),
            f"ファイルを読めません（{error.strerror or error}）"
            f" / cannot read file: {error.strerror or error}",
        ) from error
    if is_pdf(data):
        document = _read_pdf_bytes(data, path.name, options)
        return ReadFile(document, SourceFile(PDF_MEDIA_TYPE, data))
    kind, lines, digest = _decoded_lines(data, path.name, options)
    del data  # as large as the file, and not needed while the lines are read
    return ReadFile(_read_lines(kind, lines, digest, path.name, options), None)
