"""Rendered page images on disk, bounded in size: render a page once, serve it many times.

Rendering a page takes a tenth of a second or more; a source view asks for the same page
again and again. ``PageImageCache`` keeps each image as a file named by what it shows (the
PDF's SHA-256, the page and the scale), so the same bytes always give the same name, in any
store, and a file is never stale. The directory is the user's cache directory
(``settings.default_cache_dir``), never the store: the web app opens the store read-only.
When the files pass ``max_bytes``, the least recently used go first (a hit refreshes a file's
modification time).
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

DEFAULT_MAX_BYTES = 256 * 2**20


class PageImageCache:
    """PNG files under ``directory``, at most ``max_bytes`` of them (roughly: one more image
    may pass the bound until the next write prunes it)."""

    def __init__(self, directory: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.directory = directory
        self.max_bytes = max_bytes
        self.renders = 0  # images made (not found) since this cache was created
        self._lock = threading.Lock()

    def path(self, sha256: str, page: int, scale: int) -> Path:
        """Where the image of ``page`` of the PDF with this hash, at ``scale``, is kept."""
        return self.directory / f"{sha256}-p{page}-x{scale}.png"

    def get(self, sha256: str, page: int, scale: int, render: Callable[[], bytes]) -> bytes:
        """The cached image, or ``render()``'s, written for next time.

        A cache that cannot be written (a read-only home, a full disk) still answers: the
        image is rendered every time instead.
        """
        target = self.path(sha256, page, scale)
        try:
            data = target.read_bytes()
            os.utime(target)
            return data
        except OSError:
            pass
        data = render()
        with self._lock:
            self.renders += 1
        try:
            self._write(target, data)
            self._prune()
        except OSError:
            pass
        return data

    def _write(self, target: Path, data: bytes) -> None:
        """Write through a temporary file and rename, so a reader never sees half an image."""
        self.directory.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=self.directory, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(name, target)
        except OSError:
            Path(name).unlink(missing_ok=True)
            raise

    def _prune(self) -> None:
        """Delete the least recently used images until the rest fit in ``max_bytes``."""
        files = []
        for entry in self.directory.glob("*.png"):
            try:
                found = entry.stat()
            except OSError:  # removed by another process meanwhile
                continue
            files.append((found.st_mtime, found.st_size, entry))
        total = sum(size for _, size, _ in files)
        for _, size, entry in sorted(files, key=lambda f: f[0]):
            if total <= self.max_bytes:
                break
            entry.unlink(missing_ok=True)
            total -= size
