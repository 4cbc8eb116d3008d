"""The OpenAPI document in Japanese and English: every route and parameter described in both.

Routes keep their English description where FastAPI takes it (the docstring, a parameter's
``description``); the Japanese lives here, keyed by route and parameter name, and
``install(app)`` joins the two when the schema is first built: ``description`` becomes
Japanese then English, and ``x-description-ja`` / ``x-description-en`` keep each alone (the
``/api/v1/docs`` page shows the one of the page's language). A route or parameter missing
here keeps its English only, and ``tests/web/test_openapi_ja.py`` fails naming it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI

API_DESCRIPTION_JA = (
    "科学技術・イノベーション基本計画のフォローアップ報告書と説明資料を、出典の行までたどれる"
    "データとして返す API。エラーはすべて "
    '{"ok": false, "error": {"status": …, "message": …}} の形です。'
)

# (method, path) → (summary, description), in Japanese.
ROUTES_JA: Mapping[tuple[str, str], tuple[str, str]] = {
    ("get", "/api/v1/documents"): (
        "文書の一覧",
        "保存されたすべての文書（``plan`` を指定すればその基本計画の文書）を、要素の件数と"
        "基本計画とともに、古い版から順に返します。",
    ),
    ("get", "/api/v1/documents/{document_id}"): (
        "文書",
        "文書の原文の1ページ（1000行）と、その文書のすべての読取警告。説明資料ならスライドと"
        "ブロック（``briefing``）も返します。",
    ),
    ("get", "/api/v1/documents/{document_id}/lines"): (
        "原文の行",
        "原文の ``first`` 行目から ``last`` 行目まで（一度に5000行まで）。",
    ),
    ("get", "/api/v1/overview"): (
        "概要",
        "文書の計画の構成（章と節、件数つき）と、節ごとに各進捗区分の主要指標がいくつあるか"
        "（``statuses``）。",
    ),
    ("get", "/api/v1/sections"): (
        "節の一覧",
        "文書（``plan`` を指定すればその基本計画の最新の文書）の節と件数。",
    ),
    ("get", "/api/v1/sections/{section_id}"): (
        "節",
        "節の目標・主要指標・参考指標と、府省・主担当で絞り込んだ具体的な取組（進捗と絞り込み"
        "に使える府省つき）。",
    ),
    ("get", "/api/v1/initiatives"): (
        "具体的な取組の一覧",
        "文書（``plan`` を指定すればその基本計画の最新の文書）の具体的な取組を、節・府省・"
        "主担当で絞り込み、1ページずつ返します。",
    ),
    ("get", "/api/v1/initiatives/{initiative_id}"): (
        "具体的な取組",
        "取組の実施状況・今後の取組方針・原文の行・脚注、期限のある取組の進捗、そして同じ"
        "報告書の各版で対応する行とその変更（版ごとの推移）。",
    ),
    ("get", "/api/v1/indicators"): (
        "参考指標の一覧",
        "文書の参考指標と観測値（指標のページの行。何も保存されていなければ404）。",
    ),
    ("get", "/api/v1/indicators/{indicator_id}"): (
        "参考指標",
        "参考指標の、保存されたすべての版にわたる推移と、対応する主要指標。",
    ),
    ("get", "/api/v1/targets"): ("主要指標の一覧", "文書の主要指標（数値目標）。"),
    ("get", "/api/v1/progress/method"): (
        "進捗の判定方法",
        "判定方法をデータで返します：しきい値（必要な年率に対する実際の年率の比など）、"
        "判定区分の一覧（順序付き）、すべての理由の符号（/progress/method のページで説明）。",
    ),
    ("get", "/api/v1/progress"): (
        "進捗",
        "文書（``plan`` を指定すればその基本計画の最新の文書）のすべての主要指標と期限のある"
        "取組の進捗区分を、判定に使った数値とともに返します（docs/progress.md）。",
    ),
    ("get", "/api/v1/editions"): (
        "版の一覧",
        "基本計画ごと（``plan`` を指定すればその計画のみ）の報告書の部分と、保存された版。"
        "データの時点の古い順（docs/editions.md）。",
    ),
    ("get", "/api/v1/diff"): (
        "版の比較",
        "版 ``old`` から版 ``new`` への変更点（形式 ``stiplan-diff/2``、docs/editions.md）。"
        "値の変更（参考指標の観測値・主要指標の目標）は新旧とも型付きデータで返します："
        "数量（``value`` は基本単位での正確な十進数の文字列、単位、表記の桁 ``scale``、修飾語、"
        "暫定値、順位の母数 ``of``、相対目標の基準期間）、期間（開始日・終了日 ISO、種類、表記"
        "のまま）、両版の出典範囲（文書ID・要素ID・行）。各差分に章・節・指標・観測値のラベルを"
        "付けます。",
    ),
    ("get", "/api/v1/ministries"): (
        "府省の一覧",
        "文書でタグ付けされた府省の略称と、辞書の名称、タグの件数（府省のページの行。何も"
        "保存されていなければ404）。",
    ),
    ("get", "/api/v1/ministries/{code}"): (
        "府省",
        "ある府省が文書の中で主担当・関係として担う取組と、期限のある取組の進捗。",
    ),
    ("get", "/api/v1/warnings"): (
        "読取警告",
        "文書（``plan`` を指定すればその基本計画の最新の文書）の読取警告と行番号（警告の"
        "ページの行）。``code`` は機械向けのコード、``label`` と ``explanation`` は人向けの"
        "見出しと説明（リクエストの言語）、``message`` はその箇所についての具体的な内容です。",
    ),
    ("get", "/api/v1/search"): (
        "検索",
        "保存されたすべての文書の全文検索。各種類で最もよく合う箇所を先に、次に各種類の2番目…"
        "の順（docs/search.md の ``Ranking``）。``offset`` で同じ順のまま次のページへ進みます。"
        "``document`` を省くとすべての文書を検索します。各結果の ``snippet.segments`` は"
        "見つかった語に ``highlighted`` の印が付いたプレーンテキストです。表示するときは"
        "エスケープしてください。",
    ),
    ("get", "/api/v1/elements/{element_id}"): (
        "要素",
        "任意の要素を原文の行と子要素とともに返します（事実を出典までたどる）。PDF から読んだ"
        "要素には ``page_image``（ページの大きさ（ポイント）と要素の枠。画像は "
        "``/documents/{document_id}/pages/{page}.png``）があり、``parent_type`` はどのページに"
        "表示されるかを示します。",
    ),
    ("get", "/api/v1/programmes"): (
        "施策・戦略",
        "文書に名前の出る施策・戦略・計画と、その記載箇所、言及するフォローアップの取組・節"
        "（施策のページの行）。",
    ),
    ("get", "/api/v1/timeline"): (
        "決定の年表",
        "すべての文書に書かれた日付のある決定（閣議決定・CSTI決定など）を古い順に（年表の"
        "ページの行）。",
    ),
    ("get", "/api/v1/briefings/{document_id}"): (
        "説明資料",
        "説明資料のスライドとブロック（読めない文字を含むブロックには印）、読取警告、数値目標。"
        "説明資料でない文書には404。",
    ),
    ("get", "/api/v1/briefings/{document_id}/targets"): (
        "説明資料の数値目標",
        "説明資料の数値目標（``2030年目標`` など）を読む順に。",
    ),
    ("get", "/download/{name}.csv"): (
        "表の CSV",
        "表を CSV で。見出し行は日本語（``lang=en`` で英語の列名）。``bom=true`` で Excel 用の"
        "BOM を付けます。数式として実行されうるセルは無害化します。",
    ),
    ("get", "/download/{name}.xlsx"): (
        "表の Excel",
        "表を1シートの Excel ブックで（見出し行は CSV と同じ）。",
    ),
    ("get", "/download/all.zip"): (
        "一括ダウンロード",
        "保存されたすべての文書の表（BOM 付き CSV と XLSX、見出しは日本語）と JSON 出力を"
        "まとめた ZIP。",
    ),
}

_DOCUMENT = "文書：ID、IDの先頭部分、またはファイル名。省略すると最新の文書。"
_ELEMENT = "要素のID。"

# parameter name → Japanese; (path, name) for a name whose meaning differs on one route.
PARAMS_JA: Mapping[str | tuple[str, str], str] = {
    "document": _DOCUMENT,
    ("/api/v1/search", "document"): "この文書のみ：ID、IDの先頭部分、またはファイル名。"
    "省略するとすべての文書。",
    "document_id": "文書：ID、IDの先頭部分、またはファイル名。",
    "element_id": _ELEMENT,
    "section_id": _ELEMENT,
    "initiative_id": _ELEMENT,
    "indicator_id": _ELEMENT,
    "code": "府省の略称（例：文）。",
    "page": "原文のページ（1ページ1000行）。",
    ("/api/v1/programmes", "page"): "一覧のページ（1から）。最後のページを超えると404"
    "（メッセージに最後のページを示します）。",
    ("/api/v1/timeline", "page"): "一覧のページ（1から）。最後のページを超えると404"
    "（メッセージに最後のページを示します）。",
    "per_page": "1ページの行数。",
    "status": "この判定区分のみ：``achieved``（達成）、``on_track``（順調）、"
    "``needs_acceleration``（加速が必要）、``limited_progress``（進捗が限定的）、"
    "``deterioration``（後退）、``not_assessable``（評価不能）、``done_as_reported``"
    "（完了と報告）、``due``（期限前）、``overdue``（期限超過）。",
    "sort": "並べ替える列：``place``（文書の順）、``name``（名称）、``status``（判定）、"
    "``gap``（目標までの差）、``achieved``（達成率）、``latest``（最新値の時点）、"
    "``target_period``（目標時期）。先頭に ``-`` で降順。値のない行は最後になります。",
    "first": "最初の行（1から数える）。",
    "last": "最後の行（この行を含む）。",
    "plan": "この基本計画の文書のみ：期の番号（例：6、7）または「第7期」。報告書の部分・"
    "一覧・最新の文書はその計画の中から選びます。",
    "section": "節の番号（例：(2)、2.(1)）または節のID。",
    "ministry": "タグに書かれた府省の略称（例：文、科技）。正式名称も使えます。",
    "lead_only": "その府省が主担当（下線）のもののみ。``ministry`` と一緒に指定します。",
    "offset": "読み飛ばす件数（次のページは ``offset + limit`` から）。",
    "limit": "返す最大件数。",
    "q": '検索語：空白区切りの語（すべてを含む）、``"語句"``、``A OR B``、``-除外``、'
    "前方一致の ``語*``。",
    "type": "要素の種類：``initiative``、``status_item``、``action``、``target``、``footnote``"
    " など、または説明資料のブロック・スライド。",
    "edition": "この版の文書のみ（例：2025）。",
    "old": "比較の旧版：文書ID、IDの先頭部分、またはファイル名。",
    "new": "比較の新版：文書ID、IDの先頭部分、またはファイル名。",
    "linked_only": "フォローアップ報告書にも言及のある施策のみ。",
    "since": "この日以降の決定のみ（YYYY-MM-DD）。",
    "until": "この日以前の決定のみ（YYYY-MM-DD）。",
    "name": "表の名前：``documents``、``sections``、``initiatives``、``indicators``、"
    "``series``、``targets``、``ministries``、``warnings``、``lines``、``elements`` のいずれか。",
    "indicator": "参考指標のID（``series`` の表で使います）。",
    "bom": "先頭に UTF-8 の BOM を付けます（Excel で日本語を正しく開くため）。",
    "lang": "見出し行の言語：``ja``（日本語、既定）または ``en``（英語の列名）。",
}

# English for parameters that declare none in their route (``offset``/``limit`` of a list).
PARAMS_EN: Mapping[str, str] = {
    "offset": "Rows to skip: the next page starts at offset + limit.",
    "limit": "Most rows to return.",
}


def _pair(ja: str | None, en: str) -> dict[str, str]:
    """The fields of a described object: both languages joined, and each alone."""
    if not ja:
        return {"description": en} if en else {}
    joined = f"{ja}\n\n{en}" if en else ja
    return {"description": joined, "x-description-ja": ja, "x-description-en": en}


def _parameter(path: str, parameter: dict[str, Any]) -> None:
    name = parameter.get("name", "")
    ja = PARAMS_JA.get((path, name)) or PARAMS_JA.get(name)
    en = parameter.get("description") or PARAMS_EN.get(name, "")
    parameter.update(_pair(ja, en))


def translate(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` (as FastAPI builds it) with the Japanese joined to every description."""
    info = schema.setdefault("info", {})
    info.update(_pair(API_DESCRIPTION_JA, info.get("description", "")))
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            summary, ja = ROUTES_JA.get((method, path), ("", ""))
            en = operation.get("description") or operation.get("summary", "")
            operation.update(_pair(ja, en))
            if summary:
                operation["summary"] = f"{summary} / {operation.get('summary', '')}".rstrip(" /")
            for parameter in operation.get("parameters", []):
                _parameter(path, parameter)
    return schema


def install(app: FastAPI) -> None:
    """Make ``app.openapi()`` (and so ``/api/v1/openapi.json`` and ``/api/v1/docs``) bilingual."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = translate(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
