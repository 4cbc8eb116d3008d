"""Texts for the plan tests, built in code from the project's own samples.

``seventh_plan_followup`` is the 2025 sample follow-up under a head line that names the 7th
plan: the same chapter and section titles as the 6th-plan samples, which is exactly what must
not make it an edition of them.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SAMPLES

SEVENTH_HEAD = "第７期科学技術・イノベーション基本計画 フォローアップ"


def sample_text(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def seventh_plan_followup(head: str = SEVENTH_HEAD) -> str:
    """The 2025 sample follow-up with ``head`` written above its first chapter."""
    return f"{head}\n\n" + sample_text("followup_2025.txt")


def write_seventh_plan_followup(folder: Path, head: str = SEVENTH_HEAD) -> Path:
    path = folder / "followup_7th.txt"
    path.write_text(seventh_plan_followup(head), encoding="utf-8")
    return path
