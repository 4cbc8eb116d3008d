"""Reading a large text keeps little beside the document it makes (issue 18).

A report was read with its file's bytes, its decoded text, its lines and the pieces the rules
collect all alive while the tree was built: the reader's peak was about 1.6 times the tree at
10 MB. The bytes now go once decoded, the text once cut into lines and hashed, and each
chapter's pieces once it is resolved. Measured with tracemalloc, so nothing here is timed.
"""

from __future__ import annotations

import hashlib
import tracemalloc
from pathlib import Path

from stiplan.ingest import read_file, read_path
from stiplan.readers.followup import content_hash, read_followup, read_followup_lines
from tests.conftest import SAMPLES, repeated_report


def test_reading_keeps_little_beside_the_document(tmp_path: Path) -> None:
    """Above the finished document, reading took 3.5 times the file's size here; now 0.4."""
    data = repeated_report(40)  # about 0.75 MB
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    read_path(SAMPLES / "followup_2025.txt")  # first use of every rule's tables
    tracemalloc.start()
    try:  # the default limit (64 MiB): only what the file holds is set aside to read it
        document = read_file(path).document
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(document.chapters) == 40 * len(read_path(SAMPLES / "followup_2025.txt").chapters)
    assert peak - kept < len(data)


def test_the_content_hash_is_the_sha256_of_the_whole_utf8() -> None:
    text = "研究開発ＡＩ\n" * 300_000  # more characters than are hashed at a time
    assert content_hash(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert content_hash("") == hashlib.sha256(b"").hexdigest()


def test_reading_lines_is_reading_the_text() -> None:
    text = (SAMPLES / "followup_2025.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    assert read_followup_lines(lines, content_hash(text), "a.txt") == read_followup(text, "a.txt")
