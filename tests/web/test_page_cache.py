"""``PageImageCache``: a hit is read, not rendered; the files stay under their bound."""

from __future__ import annotations

import os
from pathlib import Path

from stiplan.web.page_cache import PageImageCache


def test_a_hit_is_read_back_without_rendering(tmp_path: Path) -> None:
    cache = PageImageCache(tmp_path / "pages")
    made: list[int] = []

    def render() -> bytes:
        made.append(1)
        return b"png-bytes"

    assert cache.get("abc", 1, 2, render) == b"png-bytes"
    assert cache.get("abc", 1, 2, render) == b"png-bytes"
    assert len(made) == 1 and cache.renders == 1
    assert cache.path("abc", 1, 2).read_bytes() == b"png-bytes"
    assert cache.get("abc", 2, 2, render) == b"png-bytes" and cache.renders == 2


def test_the_least_recently_used_go_when_the_bound_is_passed(tmp_path: Path) -> None:
    cache = PageImageCache(tmp_path, max_bytes=250)
    for page in (1, 2):
        cache.get("doc", page, 1, lambda: b"x" * 100)
        os.utime(cache.path("doc", page, 1), (1000 + page, 1000 + page))
    cache.get("doc", 1, 1, lambda: b"never rendered")  # a hit: page 1 is now the most recent
    cache.get("doc", 3, 1, lambda: b"y" * 100)
    kept = sorted(p.name for p in tmp_path.glob("*.png"))
    assert kept == ["doc-p1-x1.png", "doc-p3-x1.png"]
    assert sum(p.stat().st_size for p in tmp_path.glob("*.png")) <= 250


def test_a_cache_that_cannot_be_written_still_answers(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = PageImageCache(blocker / "pages")
    assert cache.get("doc", 1, 1, lambda: b"img") == b"img"
    assert cache.get("doc", 1, 1, lambda: b"img") == b"img" and cache.renders == 2
