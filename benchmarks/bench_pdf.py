"""PDF ingest speed against its floor, and memory against the page count.

Renders the follow-up sample with the project's reportlab renderer (``tests/pdfgen.py``) at
1x and 4x its length, then, in the same run, times pdfplumber alone opening the file and
touching every page's characters (the floor: what any reader built on it must pay) and
``stiplan.ingest.read_bytes`` on the same bytes. Peak Python memory (tracemalloc) of the
read at 1x and 4x shows whether it stays flat in the page count. Prints one JSON object.

    python benchmarks/bench_pdf.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pdfplumber  # noqa: E402
from tests.pdfgen import render_reportlab  # noqa: E402

from stiplan.ingest import read_bytes  # noqa: E402


def _floor(data: bytes) -> int:
    count = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            count += len(page.chars)
            page.close()
    return count


def _best(fn: object, data: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(data, "bench.pdf") if fn is read_bytes else _floor(data)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def _peak(data: bytes) -> int:
    tracemalloc.start()
    read_bytes(data, "bench.pdf")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sample = (REPO / "samples" / "followup_2025.txt").read_text(encoding="utf-8")
    result: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for factor in (1, 4):
            path = render_reportlab("\n".join([sample] * factor), Path(tmp) / f"x{factor}.pdf")
            data = path.read_bytes()
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                pages = len(pdf.pages)
            floor = _best(_floor, data, args.repeat)
            ingest = _best(read_bytes, data, args.repeat)
            result[f"x{factor}"] = {
                "pages": pages,
                "bytes": len(data),
                "pdfplumber_chars_s": round(floor, 3),
                "stiplan_ingest_s": round(ingest, 3),
                "ratio": round(ingest / floor, 2),
                "peak_mib": round(_peak(data) / 2**20, 1),
            }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
