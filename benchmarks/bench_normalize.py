"""Per-call time of every normaliser on arbitrary and on report-like strings, as JSON.

The property tests only guard against blow-ups; this measures the "a few milliseconds" the
normalisation issue asks for: p50/p99/max per call over a fixed, seeded set of inputs.

    python benchmarks/bench_normalize.py [--count 5000]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import statistics
import time
from collections.abc import Callable

from stiplan.normalize.dates import PeriodError, find_deadlines, parse_period
from stiplan.normalize.numbers import QuantityError, find_quantities, parse_quantity
from stiplan.normalize.text import clean
from stiplan.normalize.values import read_target, split_observations

ALPHABET = "令和平成年度月日末～、（）：0123456789,.万億兆円件%約以上程度人 AIS ー・"
SAMPLES = [
    "令和6年度末",
    "平成27年～令和4年平均",
    "10億7,100万トン（CO₂換算）（令和5年度）",
    "男性 72.57歳（令和4年）、女性 75.45歳（令和4年）",
    "2000年度の約2倍（2025年度）",
    "2027年度までに、対2019年度比で約6割増加",
]


def inputs(count: int) -> list[str]:
    rng = random.Random(20261123)
    made = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 80))) for _ in range(count)]
    return made + SAMPLES * 50


def timed(fn: Callable[[str], object], texts: list[str]) -> dict[str, float]:
    times = []
    for text in texts:
        began = time.perf_counter()
        with contextlib.suppress(PeriodError, QuantityError):
            fn(text)
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 4),
        "p99_ms": round(times[int(len(times) * 0.99) - 1], 4),
        "max_ms": round(times[-1], 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=5000)
    texts = inputs(parser.parse_args().count)
    functions: dict[str, Callable[[str], object]] = {
        "parse_period": parse_period,
        "find_deadlines": find_deadlines,
        "parse_quantity": parse_quantity,
        "find_quantities": find_quantities,
        "split_observations": split_observations,
        "read_target": read_target,
        "clean": clean,
    }
    results = {name: timed(fn, texts) for name, fn in functions.items()}
    print(
        json.dumps({"benchmark": "normalize", "inputs": len(texts), "results": results}, indent=2)
    )


if __name__ == "__main__":
    main()
