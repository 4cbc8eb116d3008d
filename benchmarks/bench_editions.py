"""Edition matching speed: 500 initiatives against 500, printed as JSON.

Two synthetic editions of a follow-up report are written in the report's own format (5
sections × 5 subsections × 20 rows, commitment texts composed from varied phrases written for
this benchmark) and read with the follow-up reader. The second edition changes what real
editions change: most commitments only in presentation (brackets, calendar, spacing), some
reworded, some with other ministries, 25 rows dropped and 25 added, and every status item
rewritten. Timed: ``compare`` of the two documents (all matching and diffing, reading
excluded), and, as a worst case, the matcher alone on 500 × 500 commitments that all differ
(no equal twins to short-cut, so every pair is scored). Then the web app's edition diff page
for the same two editions stored in a temporary SQLite file: the first request (compare, lay
out, render) and the median of later ones (the app keeps the diff and the rendered body per
pair of stored documents; issue 18 aims at 20 ms or less), and how often ``comparable`` ran
in one ``compare`` against how many distinct texts it folded (once per text).

    python benchmarks/bench_editions.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from stiplan.analysis.editions import Change, compare, differences
from stiplan.analysis.matching import Scoring, match
from stiplan.analysis.similarity import TextKey
from stiplan.model import Document
from stiplan.readers.followup import read_followup

SECTIONS, SUBSECTIONS, ROWS = 5, 5, 20
HEADER = "基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針"
CIRCLED = "①②③④⑤"

# Clause fragments written for this benchmark; a commitment joins four of them, so two
# commitments share about as much as two unrelated commitments of a real report do.
CLAUSES = [
    "研究者が挑戦的な課題に長期的に取り組めるよう",
    "地域の産業と大学の連携を深めるため",
    "研究データの利活用を促進するため",
    "若手研究者の自立を支援するため",
    "国際共同研究の拠点を形成するため",
    "研究開発の成果を社会に実装するため",
    "災害に強い社会基盤を構築するため",
    "脱炭素に向けた技術開発を加速するため",
    "医療分野の研究基盤を強化するため",
    "次世代の計算資源を確保するため",
    "中小企業の技術革新を後押しするため",
    "理数系の人材を育成するため",
    "国立大学の経営基盤を見直し",
    "地方公共団体の窓口を一本化し",
    "スタートアップへの出資の仕組みを整え",
    "研究支援人材の配置基準（専門職を含む）を定め",
    "博士後期課程学生への奨学金を増額し",
    "産学官の共同研究体制を再編し",
    "研究設備の共用拠点を各地に設け",
    "海外の研究機関と協定を結び",
    "評価指標（論文以外の成果を含む）を改め",
    "知的財産の管理を専門家に委ね",
    "事務手続の電子化を進め",
    "安全保障上の管理を徹底し",
    "成果の普及に向けた広報を強め",
    "設備の更新計画を毎年度見直し",
    "大型研究施設の利用料を引き下げ",
    "女性研究者の登用目標を掲げ",
    "高校生向けの研究体験を広げ",
    "企業の研究者が大学で教える制度をつくり",
]
# Clauses that only rows added in the second edition use: a new row is about something new.
NEW_CLAUSES = [
    "宇宙分野の観測データを公開するため",
    "海洋資源の調査船を増やし",
    "農業の担い手に新技術を届けるため",
    "文化財の記録を電子化し",
    "量子技術の試験環境を開放し",
    "感染症に備えた検査体制を常設し",
    "防災情報を多言語で配信し",
    "博物館の収蔵品を研究に供するため",
]
ENDS = [
    "令和6年度までに成果を取りまとめる。",
    "2025年度中に新たな制度を開始する。",
    "令和7年度を目途に全国へ展開する。",
    "段階的に対象を拡大する。",
    "速やかに必要な措置を講ずる。",
    "関係府省と連携して実施状況を公表する。",
]
TOPICS = ["公募", "研修", "調査", "実証", "審査", "連絡会議"]
LEADS = ["文", "経", "科技", "総", "厚", "農", "国", "環"]


def commitment(rng: random.Random, pool: list[str] = CLAUSES) -> tuple[str, list[str]]:
    """A commitment text (four clauses and an end) and its ministries (the first leads)."""
    clauses = rng.sample(pool, 4)
    text = "、".join(clauses) + "、" + rng.choice(ENDS)
    return text, rng.sample(LEADS, rng.randint(1, 3))


def tag(codes: list[str]) -> str:
    return "【" + "、".join(f"<u>{c}</u>" if k == 0 else c for k, c in enumerate(codes)) + "】"


def row(text: str, codes: list[str], status: str) -> str:
    return (
        f"<p>○{text}{tag(codes)}</p>\t<p>・{status}</p>\t"
        f"<p>・進捗を確認し、必要に応じて見直す。{tag(codes[:1])}</p>"
    )


def presentation(text: str, k: int) -> str:
    """The same commitment printed differently: brackets, calendar or spacing."""
    if k % 3 == 0:
        return text.replace("（", "(").replace("）", ")")
    if k % 3 == 1:
        for era, year in (("令和6年", "2024年"), ("令和7年", "2025年"), ("2025年", "令和7年")):
            if era in text:
                return text.replace(era, year)
        return text.replace("、", "、 ")
    return text.replace("、", "、 ")


def editions(seed: int = 7) -> tuple[str, str, int, int]:
    """Both editions' text, and how many rows the second drops and adds."""
    rng = random.Random(seed)
    old_lines: list[str] = ["2. 合成した章（ベンチマーク）", ""]
    new_lines: list[str] = list(old_lines)
    dropped = added = 0
    k = 0
    for s in range(1, SECTIONS + 1):
        for lines in (old_lines, new_lines):
            lines += [f"（{s}）合成した節{s}の題名", ""]
        for ss in range(SUBSECTIONS):
            for lines in (old_lines, new_lines):
                lines += [f"{CIRCLED[ss]} 合成した小見出し{s}-{ss + 1}", "", HEADER]
            for _ in range(ROWS):
                text, codes = commitment(rng)
                topic, n = rng.choice(TOPICS), rng.randint(10, 900)
                old_lines.append(row(text, codes, f"令和5年度に{topic}を実施し、{n}件を支援。"))
                status = f"令和6年度に{topic}を拡充し、累計{n + rng.randint(1, 99)}件を支援。"
                if k % 20 == 9:
                    dropped += 1
                    other, other_codes = commitment(rng, NEW_CLAUSES)
                    new_lines.append(row(other, other_codes, status))
                    added += 1
                elif k % 10 in (6, 7):
                    reworded = text.replace("、", "、引き続き", 1)
                    new_lines.append(row(reworded, codes, status))
                elif k % 10 == 8:
                    new_lines.append(row(text, [*codes[1:], codes[0], "外"], status))
                else:
                    new_lines.append(row(presentation(text, k), codes, status))
                k += 1
            for lines in (old_lines, new_lines):
                lines.append("")
    return "\n".join(old_lines), "\n".join(new_lines), dropped, added


def timed(function: object, repeat: int) -> float:
    """The median of ``repeat`` runs, in seconds."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()  # type: ignore[operator]
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def count(document: Document) -> int:
    return sum(
        len(ss.initiatives) for c in document.chapters for s in c.sections for ss in s.subsections
    )


def diff_page(old_text: str, new_text: str, repeat: int) -> dict[str, object]:
    """The diff page of two stored editions (first request and warm median, in ms) and the
    same diff from ``/api/v1/diff`` once kept (warm median)."""
    from fastapi.testclient import TestClient

    from stiplan import queries
    from stiplan.store import Store
    from stiplan.web import create_app

    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder, "bench_old.txt"), Path(folder, "bench_new.txt")]
        for path, text in zip(paths, (old_text, new_text), strict=True):
            path.write_text(text, encoding="utf-8")
        db = Path(folder, "bench.sqlite")
        with Store.open(db) as store:
            queries.ingest_paths(store, paths)
        query = f"old={paths[0].name}&new={paths[1].name}"
        with TestClient(create_app(db)) as client:
            started = time.perf_counter()
            size = len(client.get(f"/editions/diff?{query}").content)
            cold = time.perf_counter() - started
            warm = timed(lambda: client.get(f"/editions/diff?{query}"), max(repeat, 20))
            api_size = len(client.get(f"/api/v1/diff?{query}").content)
            api_warm = timed(lambda: client.get(f"/api/v1/diff?{query}"), max(repeat, 20))
    return {
        "diff_page_bytes": size,
        "diff_page_cold_ms": round(cold * 1000, 1),
        "diff_page_warm_ms": round(warm * 1000, 2),
        "aim_diff_page_warm_ms": 20,
        "diff_json_bytes": api_size,
        "diff_json_warm_ms": round(api_warm * 1000, 2),
    }


def folds(old: Document, new: Document) -> dict[str, int]:
    """How often one ``compare`` folds a text, against the distinct texts it folds."""
    from stiplan.analysis import similarity

    folded: list[str] = []
    original = similarity.comparable

    def counting(text: str) -> str:
        folded.append(text)
        return original(text)

    similarity.comparable = counting
    try:
        compare(old, new)
    finally:
        similarity.comparable = original
    return {"comparable_calls": len(folded), "distinct_texts": len(set(folded))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    old_text, new_text, dropped, added = editions()
    old = read_followup(old_text, "bench_old.txt")
    new = read_followup(new_text, "bench_new.txt")
    diff = compare(old, new)
    found = differences(diff)
    codes = {c: sum(1 for d in found if d.code == c) for c in sorted({d.code for d in found})}
    rows = [
        i for c in diff.chapters for s in c.sections for ss in s.subsections for i in ss.initiatives
    ]
    matched = sum(1 for i in rows if i.change in (Change.UNCHANGED, Change.CHANGED))
    compare_s = timed(lambda: compare(old, new), args.repeat)

    rng = random.Random(11)
    texts = [commitment(rng)[0] for _ in range(500)]
    old_keys = [TextKey.of(t) for t in texts]
    new_keys = [TextKey.of(t.replace("、", "、一層", 1)) for t in texts]
    scoring = Scoring(1.0, 0.5)
    worst = match(old_keys, new_keys, scoring)
    worst_s = timed(lambda: match(old_keys, new_keys, scoring), args.repeat)

    result = {
        "initiatives_old": count(old),
        "initiatives_new": count(new),
        "matched": matched,
        "expected_matched": count(old) - dropped,
        "removed": codes.get("initiative_removed", 0),
        "added": codes.get("initiative_added", 0),
        "expected_removed_added": [dropped, added],
        "differences": codes,
        "compare_seconds": round(compare_s, 4),
        "worst_case_pairs": len(old_keys) * len(new_keys),
        "worst_case_matched": len(worst),
        "worst_case_match_seconds": round(worst_s, 4),
        "repeat": args.repeat,
        "aim_seconds": 1.0,
    }
    result["correct"] = (
        matched == count(old) - dropped
        and result["removed"] == dropped
        and result["added"] == added
        and len(worst) == 500
    )
    result |= folds(old, new) | diff_page(old_text, new_text, args.repeat)
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
