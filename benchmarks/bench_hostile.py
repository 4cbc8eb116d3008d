"""Seconds per megabyte of reading hostile lines, beside ordinary report text, as JSON.

Each payload of ``tests/unit/adversarial.py`` is put into every place a follow-up report and a
slide deck read text (``followup_with``, ``slides_with``) at two sizes; the ordinary case is the
sample report repeated to the same size. A linear reader keeps seconds per MB about the same at
both sizes (``growth`` near 1.0); a quadratic one doubles it when the size doubles. The guard
suite (``tests/unit/test_linear_time.py``) fails on a blow-up; this prints the figures.

    python benchmarks/bench_hostile.py [--size 250000]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.unit.adversarial import followup_with, payloads, slides_with  # noqa: E402

from stiplan.ingest import IngestError, read_bytes  # noqa: E402


def seconds_per_mb(text: str) -> float:
    data = text.encode("utf-8")
    began = time.perf_counter()
    with contextlib.suppress(IngestError):  # refused: the time to refuse is what counts
        read_bytes(data, "bench.txt", None)
    return (time.perf_counter() - began) / (len(data) / 2**20)


def row(name: str, make: dict[int, str]) -> dict[str, object]:
    small, large = sorted(make)
    a, b = seconds_per_mb(make[small]), seconds_per_mb(make[large])
    return {"case": name, "s_per_mb": round(b, 3), "growth": round(b / a, 2) if a else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=250_000, help="characters per place")
    size = parser.parse_args().size
    sizes = (size // 2, size)
    sample = (REPO / "samples" / "followup_2025.txt").read_text(encoding="utf-8")
    rows = [row("ordinary report", {n: sample * max(1, (n * 10) // len(sample)) for n in sizes})]
    by_size = {n: payloads(n) for n in sizes}
    for name in sorted(by_size[size]):
        rows.append(row(f"follow-up: {name}", {n: followup_with(by_size[n][name]) for n in sizes}))
        rows.append(row(f"slides: {name}", {n: slides_with(by_size[n][name]) for n in sizes}))
    worst = max(rows[1:], key=lambda r: float(str(r["s_per_mb"])))
    print(
        json.dumps(
            {"benchmark": "hostile", "characters_per_place": size, "worst": worst, "rows": rows},
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
