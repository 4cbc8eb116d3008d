"""UI text in Japanese (the default) and English (``?lang=en``); document text is never translated.

The language is chosen per request: ``?lang=`` if given (and remembered in a cookie), else the
cookie, else Japanese.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Protocol

from stiplan.web.i18n_survey import SURVEY_MESSAGES

LANGUAGES = ("ja", "en")
DEFAULT_LANGUAGE = "ja"
COOKIE = "stiplan_lang"

# --- the edition diff (page, Markdown and HTML reports; exports/diff_report.py) ---------------
# What each difference code of ``analysis/editions/views.py`` means (``diff_code_<code>``).
DIFF_CODES: Mapping[str, tuple[str, str]] = {
    "chapter_added": ("章の追加", "chapter added"),
    "chapter_removed": ("章の削除", "chapter removed"),
    "chapter_renumbered": ("章番号の変更", "chapter renumbered"),
    "chapter_retitled": ("章の表題の変更", "chapter retitled"),
    "section_added": ("節の追加（旧版になし）", "section added (not in the old edition)"),
    "section_removed": ("節の削除（新版になし）", "section removed (not in the new edition)"),
    "section_renumbered": ("節番号の変更", "section renumbered"),
    "section_retitled": ("節の表題の変更", "section retitled"),
    "subsection_added": ("項の追加", "subsection added"),
    "subsection_removed": ("項の削除", "subsection removed"),
    "subsection_renumbered": ("項番号の変更", "subsection renumbered"),
    "subsection_retitled": ("項の表題の変更", "subsection retitled"),
    "paragraph_added": ("本文の追加", "paragraph added"),
    "paragraph_removed": ("本文の削除", "paragraph removed"),
    "paragraph_reworded": ("本文の文言の変更", "paragraph reworded"),
    "goal_added": ("目標の追加", "goal added"),
    "goal_removed": ("目標の削除", "goal removed"),
    "goal_reworded": ("目標の文言の変更", "goal reworded"),
    "target_added": ("主要指標の追加", "target added"),
    "target_removed": ("主要指標の削除", "target removed"),
    "target_renamed": ("主要指標の名称の変更", "target renamed"),
    "target_changed": ("目標値の変更", "target value changed"),
    "indicator_added": ("参考指標の追加", "indicator added"),
    "indicator_removed": ("参考指標の削除", "indicator removed"),
    "indicator_renamed": ("参考指標の名称の変更", "indicator renamed"),
    "observation_added": ("値の追加", "value added"),
    "observation_removed": ("値の削除", "value removed"),
    "observation_changed": ("値の変更", "value changed"),
    "initiative_added": ("取組の追加", "initiative added"),
    "initiative_removed": ("取組の削除", "initiative removed"),
    "initiative_moved": ("取組の移動", "initiative moved"),
    "commitment_reworded": ("取組の文言の変更", "commitment reworded"),
    "ministries_changed": ("担当府省の変更", "ministries changed"),
    "status_added": ("実施状況の追加", "status item added"),
    "status_removed": ("実施状況の削除", "status item removed"),
    "status_reworded": ("実施状況の文言の変更", "status item reworded"),
    "status_ministries_changed": ("実施状況の担当府省の変更", "status item ministries changed"),
    "action_added": ("今後の取組方針の追加", "next step added"),
    "action_removed": ("今後の取組方針の削除", "next step removed"),
    "action_reworded": ("今後の取組方針の文言の変更", "next step reworded"),
    "action_ministries_changed": ("今後の取組方針の担当府省の変更", "next step ministries changed"),
    "footnote_added": ("脚注の追加", "footnote added"),
    "footnote_removed": ("脚注の削除", "footnote removed"),
    "footnote_reworded": ("脚注の文言の変更", "footnote reworded"),
}

# Where a difference is, in words (``{…}`` are filled by exports/diff_labels.py), and the
# report's own text.
DIFF_MESSAGES: Mapping[str, tuple[str, str]] = {
    "diff_place_indicator": ("指標「{name}」", "indicator “{name}”"),
    "diff_place_observation": ("観測値{number}", "value {number}"),
    "diff_place_observation_label": ("観測値{number}（{label}）", "value {number} ({label})"),
    "diff_place_target": ("主要指標「{name}」", "target “{name}”"),
    "diff_place_initiative": ("取組{number}「{name}」", "initiative {number} “{name}”"),
    "diff_place_status_item": ("実施状況{number}", "status item {number}"),
    "diff_place_action": ("今後の取組方針{number}", "next step {number}"),
    "diff_place_goal": ("目標{number}", "goal {number}"),
    "diff_place_paragraph": ("本文{number}段落目", "paragraph {number}"),
    "diff_place_footnote": ("脚注{number}", "footnote {number}"),
    "diff_footnote_renumbered": ("脚注{old}→{new}", "footnote {old} → {new}"),
    "diff_title": ("版の比較", "Comparing two editions"),
    "diff_heading": ("{old} から {new} への変更点", "What changed from {old} to {new}"),
    "diff_edition_name": ("{edition}年版", "{edition} edition"),
    "diff_edition_line": ("{name}（{facts}）", "{name} ({facts})"),
    "diff_edition_facts": (
        "版 {edition}、データの時点 {until}、ファイル {file}、文書番号 {id}",
        "edition {edition}, data until {until}, file {file}, document {id}",
    ),
    "diff_unknown": ("不明", "unknown"),
    "diff_not_same_part": (
        "注意：この2つの文書は同じ報告書の版ではありません（別の基本計画、別の章または別の種類の"
        "文書）。ほとんどの要素が追加または削除として表示されます。",
        "Note: these two documents are not editions of the same report (another Basic Plan, "
        "another chapter or another kind of document); nearly everything shows as added or "
        "removed.",
    ),
    "diff_one_sided": (
        "片方の版にしか収録されていない節があります（抜粋の版、または節の構成の変更）："
        "{sections}。その節の中身は一つずつ比較せず、件数だけを示します。",
        "Some sections are in one edition only (an excerpt, or sections reorganised): "
        "{sections}. Their contents are counted, not compared one by one.",
    ),
    "diff_section_side": ("{section}（{side}）", "{section} ({side})"),
    "diff_only_old": ("旧版のみ", "old edition only"),
    "diff_only_new": ("新版のみ", "new edition only"),
    "diff_summary": ("変更の件数", "Number of differences"),
    "diff_sections": ("節ごとの比較", "Sections"),
    "diff_differences": ("変更点", "Differences"),
    "diff_none": ("2つの版の間に違いはありません。", "The two editions do not differ."),
    "diff_kind": ("変更の種類", "Difference"),
    "diff_count": ("件数", "Count"),
    "diff_change": ("変更", "Change"),
    "diff_section_change": ("変更（見出し・内容）", "Change (heading, contents)"),
    "section_contents_changed": ("見出しは同じ・内容に変更あり", "Same heading, contents changed"),
    "section_heading_changed": ("見出し: {change}・内容は同じ", "Heading: {change}; same contents"),
    "section_both_changed": (
        "見出し: {change}・内容に変更あり",
        "Heading: {change}; contents changed",
    ),
    "diff_old": ("旧", "Old"),
    "diff_new": ("新", "New"),
    "diff_sources": ("原文", "Source"),
    "diff_line": ("{first}行", "line {first}"),
    "diff_lines": ("{first}–{last}行", "lines {first}–{last}"),
    "diff_page": ("{page}ページ", "p. {page}"),
    "diff_source_page": ("{lines}（{page}）", "{lines} ({page})"),
    "diff_list_separator": ("、", "; "),
    "diff_json": (
        "機械可読の差分（JSON、stiplan-diff/2）",
        "Machine-readable diff (JSON, stiplan-diff/2)",
    ),
    "diff_col_initiatives": ("取組", "Initiatives"),
    "diff_col_status_items": ("実施状況", "Status items"),
    "diff_col_actions": ("今後の取組方針", "Next steps"),
    "diff_col_indicators": ("参考指標", "Indicators"),
    "diff_internal_code": ("内部の位置コード", "internal place code"),
}

# key: (Japanese, English)
MESSAGES: Mapping[str, tuple[str, str]] = {
    **{f"diff_code_{code}": texts for code, texts in DIFF_CODES.items()},
    **DIFF_MESSAGES,
    **SURVEY_MESSAGES,
    "site": ("stiplan 基本計画フォローアップ", "stiplan STI Basic Plan follow-up"),
    "skip": ("本文へ移動", "Skip to content"),
    "nav": ("メインメニュー", "Main menu"),
    "overview": ("概要", "Overview"),
    "documents": ("文書", "Documents"),
    "document": ("文書", "Document"),
    "sections": ("節", "Sections"),
    "section": ("節", "Section"),
    "chapter": ("章", "Chapter"),
    "subsection": ("項", "Subsection"),
    "initiatives": ("具体的な取組", "Initiatives"),
    "initiative": ("具体的な取組", "Initiative"),
    "indicators": ("指標", "Indicators"),
    "indicator": ("参考指標", "Reference indicator"),
    "reference_indicators": ("現状データ（参考指標）", "Current data (reference indicators)"),
    "targets": ("主要指標（数値目標）", "Main indicators (targets)"),
    "target": ("主要指標", "Target"),
    "goals": ("目標", "Goals"),
    "chapter_goals": ("大目標", "Overarching goals"),
    "direction": ("あるべき姿とその実現に向けた方向性", "Desired state and direction"),
    "ministries": ("府省", "Ministries"),
    "ministry": ("府省", "Ministry"),
    "warnings": ("読取警告", "Warnings"),
    "warning": ("警告", "Warning"),
    "api": ("API", "API"),
    "language_switch": ("English", "日本語"),
    "language_switch_label": ("Switch to English", "日本語に切り替え"),
    "edition": ("版", "Edition"),
    "plan": ("基本計画", "Basic Plan"),
    "all_plans": ("すべての基本計画", "All Basic Plans"),
    "plan_unknown": ("不明", "Unknown"),
    "plan_years": ("年度", "FY"),
    "plan_unassigned": ("基本計画不明", "Basic Plan unknown"),
    "file": ("ファイル", "File"),
    "title": ("表題", "Title"),
    "lines": ("行", "Lines"),
    "line": ("行", "Line"),
    "ingested": ("取込日時", "Ingested"),
    "counts": ("件数", "Counts"),
    "code": ("略称", "Code"),
    "name": ("名称", "Name"),
    "message": ("内容", "Message"),
    "commitment": ("基本計画における具体的な取組", "Commitment of the plan"),
    "status_items": ("実施状況・現状分析", "Implementation status"),
    "actions": ("今後の取組方針", "Next steps"),
    "responsible": ("担当府省", "Responsible ministries"),
    "lead": ("主担当", "Lead"),
    "support": ("関係", "Supporting"),
    "lead_only": ("主担当のみ", "Lead only"),
    "all_ministries": ("すべての府省", "All ministries"),
    "filter": ("絞り込む", "Filter"),
    "clear_filter": ("解除", "Clear"),
    "source": ("原文", "Source"),
    "source_lines": ("原文の行", "Source lines"),
    "source_view": ("出典", "Source"),
    "element": ("要素", "Element"),
    "goal": ("目標", "Goal"),
    "paragraph": ("本文", "Paragraph"),
    "observation": ("参考指標の値", "Observation"),
    "status_item": ("実施状況", "Status item"),
    "action": ("今後の取組方針", "Action"),
    "footnote": ("脚注", "Footnote"),
    "block": ("ブロック", "Block"),
    "extracted_text": ("抽出したテキスト", "Extracted text"),
    "page_image": ("ページ画像", "Page image"),
    "page_image_caption": (
        "元のPDFのページ。枠がこの要素の位置です",
        "The page of the original PDF; the box marks this element",
    ),
    "no_page_image": (
        "元のPDFが保存されていないため、ページ画像はありません",
        "No page image: the original PDF is not stored",
    ),
    "open_element": ("要素のページへ", "Open the element's page"),
    "footnotes": ("脚注", "Footnotes"),
    "value": ("値", "Value"),
    "values": ("値", "Values"),
    "as_of": ("時点", "As of"),
    "unknown_period": ("時点不明", "period unknown"),
    "label": ("区分", "Label"),
    "provisional": ("暫定値", "provisional"),
    "repeated": ("再掲", "repeated"),
    "series": ("推移", "Series"),
    "chart": ("グラフ", "Chart"),
    "target_line": ("目標", "Target"),
    "no_values": (
        "この指標の値はまだ数値として読み取られていません。原文の記載をご覧ください。",
        "No values of this indicator have been read as numbers yet; see the text as written.",
    ),
    "download": ("ダウンロード", "Download"),
    "download_all": ("すべてをまとめてダウンロード（ZIP）", "Download everything (ZIP)"),
    "csv": ("CSV", "CSV"),
    "csv_excel": ("CSV（Excel 用 BOM 付き）", "CSV (with BOM for Excel)"),
    "xlsx": ("Excel（XLSX）", "Excel (XLSX)"),
    "none": ("該当なし", "None"),
    "no_documents": (
        "文書がまだ取り込まれていません。"
        "`stiplan ingest` または `stiplan demo` を実行してください。",
        "No document has been ingested yet: run `stiplan ingest` or `stiplan demo`.",
    ),
    "shown_document": ("表示中の文書", "Document shown"),
    "show": ("表示", "Show"),
    "count_initiatives": ("取組", "initiatives"),
    "count_targets": ("主要指標", "targets"),
    "count_indicators": ("参考指標", "indicators"),
    "count_subsections": ("項", "subsections"),
    "count_warnings": ("警告", "warnings"),
    "count_actions": ("方針", "actions"),
    "count_status_items": ("実施状況", "status items"),
    "place": ("箇所", "Place"),
    "page": ("ページ", "Page"),
    "previous": ("前へ", "Previous"),
    "next": ("次へ", "Next"),
    "error": ("エラー", "Error"),
    "back_home": ("概要に戻る", "Back to the overview"),
    "leads": ("主担当の取組", "Initiatives it leads"),
    "supports": ("関係する取組", "Initiatives it supports"),
    "tags": ("タグ数", "Tags"),
    "unknown_code": ("辞書にない略称", "code not in the dictionary"),
    "deadlines": ("期限", "Deadlines"),
    "api_docs": ("API 仕様", "API reference"),
    "on_this_page": ("このページの内容", "On this page"),
    "progress": ("進捗", "Progress"),
    "editions": ("版の比較", "Editions"),
    "report_part": ("報告書の部分", "Report part"),
    "data_until": ("データの時点", "Data until"),
    "sections_covered": ("収録された節", "Sections covered"),
    "excerpt": ("抜粋（章見出しなし）", "excerpt (no chapter heading)"),
    "compare": ("比較する", "Compare"),
    "old_edition": ("旧版", "Old edition"),
    "new_edition": ("新版", "New edition"),
    "diff_with_previous": ("前の版との違い", "Changes from the previous edition"),
    # briefings: programmes, the decisions timeline, slides and blocks, numeric targets
    "programmes": ("施策・戦略", "Programmes"),
    "programmes_note": (
        "説明資料と報告書で戦略・計画・事業の名前が出る箇所（同じ箇所は1回）。多くの文書に出るものから順に。",
        "Where the briefings and reports name strategies, plans and programmes, each place "
        "once; those named in most documents first.",
    ),
    "named_in_documents": ("言及のある文書数", "Documents naming it"),
    "rows_total": ("件", "rows"),
    "more_sources": ("ほか", "and"),
    "more_sources_tail": ("件", "more"),
    "programme_kind": ("種類", "Kind"),
    "kind_strategy": ("戦略", "Strategy"),
    "kind_plan": ("計画", "Plan"),
    "kind_programme": ("事業・制度", "Programme"),
    "mentions": ("記載箇所", "Named in"),
    "followup_links": ("フォローアップでの言及", "Mentioned in the follow-up"),
    "linked_only": ("フォローアップに言及のあるもののみ", "Only those the follow-up mentions"),
    "all_documents_option": ("すべての文書", "All documents"),
    "timeline": ("決定の年表", "Timeline"),
    "timeline_note": (
        "すべての文書に書かれた日付のある決定（閣議決定・CSTI決定など）を日付順に並べたもの。"
        "同じ決定は複数の文書に出ても1行で、出典を並べる。",
        "Dated decisions (Cabinet, CSTI…) written in any document, oldest first; a decision "
        "stated in several documents is one row with its sources.",
    ),
    "date": ("日付", "Date"),
    "since": ("開始日", "From"),
    "until": ("終了日", "Until"),
    "deciding_body": ("決定主体", "Deciding body"),
    "decided_what": ("対象", "What"),
    "decision_action": ("決定等", "Decision"),
    "planned": ("予定", "planned"),
    "slides": ("スライド", "Slides"),
    "slide": ("スライド", "Slide"),
    "block_title": ("見出し", "heading"),
    "block_bullet": ("箇条書き", "bullet"),
    "block_table_row": ("表の行", "table row"),
    "block_paragraph": ("本文", "paragraph"),
    "block_source": ("出典", "source"),
    "repaired": ("文字化けを修復", "repaired"),
    "garbled": (
        "読めない文字を含む（表示のみ・検索と抽出の対象外）",
        "unreadable characters (shown only, not searched or extracted)",
    ),
    "numeric_targets": ("数値目標", "Numeric targets"),
    "subject": ("対象", "Subject"),
    "target_period": ("目標時期", "Target date"),
    "progress_note": ("判定の方法", "How it is judged"),
    "status_achieved": ("達成", "Achieved"),
    "status_on_track": ("順調", "On track"),
    "status_needs_acceleration": ("加速が必要", "Needs acceleration"),
    "status_limited_progress": ("進捗が限定的", "Limited progress"),
    "status_deterioration": ("後退", "Deterioration"),
    "status_not_assessable": ("評価不能", "Not assessable"),
    "status_done_as_reported": ("完了と報告", "Done as reported"),
    "status_due": ("期限前", "Due"),
    "status_overdue": ("期限超過（完了の報告なし）", "Overdue (not reported done)"),
    "parameters": ("パラメータ", "Parameters"),
    "filtered_by": ("絞り込み", "Filtered by"),
    "results": ("件", "rows"),
    "open": ("開く", "Open"),
    "where": ("位置", "Where"),
    "search": ("検索", "Search"),
    "search_words": ("検索語", "Words to find"),
    "search_button": ("検索する", "Search"),
    "search_results": ("検索結果", "Results"),
    "search_limit": ("最大件数", "Most hits"),
    "search_help": (
        '語を空白で区切るとすべてを含む箇所、"…" で語句、A OR B でいずれか、-語 で除外、'
        "語* で前方一致。文書・版・節・府省・種類で絞り込めます。",
        'Words separated by spaces must all appear; "…" finds a phrase, A OR B either, '
        "-word excludes, word* is a prefix. Filter by document, edition, section, ministry "
        "and type.",
    ),
    "search_failed": (
        "この条件では検索できませんでした。検索語と絞り込みを見直してください。",
        "The search could not be run with these words and filters; please check them.",
    ),
    "search_more": (
        "続きは「次へ」で表示します。",
        "Use Next to see more.",
    ),
    "search_order": (
        "種類（取組・実施状況・今後の取組方針・指標・スライドのブロックなど）ごとに最もよく"
        "合う箇所を先に、次に各種類の2番目、3番目…の順に並べています。",
        "The best hit of each type (initiative, status, next step, indicator, slide block…) "
        "comes first, then the second of each type, and so on.",
    ),
    "search_range": ("件目", "of the results"),
    "search_stale": (
        "検索索引にない、または古い索引の文書があります。`stiplan reindex` を実行してください",
        "Some documents are missing from the search index or indexed by another version: "
        "run `stiplan reindex`",
    ),
    "no_hits": ("該当する箇所は見つかりませんでした。", "Nothing matched."),
    "hits": ("件", "hits"),
    "all_documents": ("すべての文書", "All documents"),
    "all_editions": ("すべての版", "All editions"),
    "all_sections": ("すべての節", "All sections"),
    "all_types": ("すべての種類", "All types"),
    "element_type": ("種類", "Type"),
    "type_chapter": ("章", "Chapter"),
    "type_section": ("節", "Section"),
    "type_subsection": ("項", "Subsection"),
    "type_paragraph": ("本文", "Paragraph"),
    "type_goal": ("目標", "Goal"),
    "type_target": ("主要指標", "Target"),
    "type_indicator": ("参考指標", "Reference indicator"),
    "type_observation": ("指標の値", "Indicator value"),
    "type_initiative": ("具体的な取組", "Initiative"),
    "type_status_item": ("実施状況", "Status item"),
    "type_action": ("今後の取組方針", "Next step"),
    "type_footnote": ("脚注", "Footnote"),
    "type_slide": ("スライド", "Slide"),
    "type_block": ("説明資料の記載", "Briefing block"),
    "history": ("版ごとの推移", "Across editions"),
    "history_note": (
        "同じ報告書の各版で対応する取組と、前の版からの変更（追加・削除・文言の変更・担当府省）。"
        "対応付けの方法は docs/editions.md にあります。",
        "The matching row in each edition of the report, and what changed from the edition "
        "before (added, removed, reworded, ministries); matching is described in "
        "docs/editions.md.",
    ),
    "history_only_one": (
        "この取組に対応する行は、保存されている他の版にはありません。",
        "No other stored edition has a row matching this initiative.",
    ),
    "history_first": ("保存されている最初の版", "First stored edition"),
    "history_gone": (
        "この版には対応する取組がありません（削除）。",
        "This edition has no matching row (removed).",
    ),
    "history_new": ("この版で新たに記載", "New in this edition"),
    "editions_count": ("版", "editions"),
    "shown_edition": ("表示中", "shown"),
    "compared_with": ("比較対象", "Compared with"),
    "moved_from": ("移動元", "Moved from"),
    "commitment_reworded": ("取組の文言の変更", "Commitment reworded"),
    "ministries_added": ("追加", "added"),
    "ministries_removed": ("削除", "removed"),
    "lead_gained": ("主担当に", "now lead"),
    "lead_lost": ("主担当でなくなった", "no longer lead"),
    "added_text": ("追加：", "added: "),
    "removed_text": ("削除：", "removed: "),
    "change_unchanged": ("変更なし", "Unchanged"),
    "change_changed": ("変更あり", "Changed"),
    "change_added": ("追加", "Added"),
    "change_removed": ("削除", "Removed"),
    "change_reworded": ("文言の変更", "Reworded"),
    "change_ministries_changed": ("担当府省の変更", "Ministries changed"),
    "open_in_edition": ("この版の取組を開く", "Open this edition's row"),
    "chart_summary": (
        "グラフの値は下の表にもあります。",
        "The chart's values are also in the table below.",
    ),
    # -- sign-in and the audit trail (issue 16; web/auth.py, web/auth_pages.py) --
    "login": ("ログイン", "Sign in"),
    "logout": ("ログアウト", "Sign out"),
    "username": ("利用者名", "User name"),
    "password": ("パスワード", "Password"),
    "signed_in_as": ("ログイン中:", "Signed in as"),
    "login_failed": (
        "利用者名またはパスワードが違います。",
        "Wrong user name or password.",
    ),
    "login_throttled": (
        "失敗が続いたため、しばらく待ってから再度お試しください。",
        "Too many failed attempts; please wait a while and try again.",
    ),
    "login_no_users": (
        "このサーバーには利用者が登録されていません（閲覧専用の公開ダッシュボードです）。",
        "This server has no users: it is the read-only public dashboard.",
    ),
    "audit": ("監査記録", "Audit trail"),
    "audit_since": ("開始日 (UTC)", "Since (UTC)"),
    "audit_user": ("利用者", "User"),
    "audit_action": ("操作", "Action"),
    "audit_outcome": ("結果", "Outcome"),
    "audit_any": ("すべて", "Any"),
    "audit_ok": ("成功", "ok"),
    "audit_refused": ("拒否", "refused"),
    "audit_filter": ("絞り込む", "Filter"),
    "audit_pages": ("ページ", "Pages"),
    "audit_newer": ("← 新しい記録", "← Newer"),
    "audit_older": ("古い記録 →", "Older →"),
    "audit_col_id": ("番号", "No."),
    "audit_col_at": ("日時 (UTC)", "Time (UTC)"),
    "audit_col_actor": ("利用者", "User"),
    "audit_col_action": ("操作", "Action"),
    "audit_col_target": ("対象", "Target"),
    "audit_col_outcome": ("結果", "Outcome"),
    "audit_col_reason": ("理由", "Reason"),
    "audit_col_client": ("接続元", "Client"),
    "audit_col_before": ("変更前", "Before"),
    "audit_col_after": ("変更後", "After"),
    # issue 14, Japanese throughout: warning labels (web/warning_catalogue.py)
    "warning_kind": ("警告の種類", "Kind of warning"),
    "breadcrumbs": ("現在地", "Breadcrumbs"),
    # a heading an excerpt does not print (the reader's stand-in, number 0)
    "heading_not_printed": ("（見出しなし：抜粋）", "(heading not printed: excerpt)"),
    # error pages: what the status means; the technical message follows as written
    "error_400": (
        "指定された条件を読み取れませんでした。URL のパラメータを確かめてください。",
        "The request could not be read; please check the URL's parameters.",
    ),
    "error_404": (
        "お探しのページまたはデータは見つかりませんでした。",
        "The page or data you asked for was not found.",
    ),
    "error_414": ("URL が長すぎます。", "The URL is too long."),
    "error_500": (
        "サーバーで予期しないエラーが起きました。",
        "The server met an unexpected error.",
    ),
    "error_503": (
        "データベースを一時的に使えません。しばらくしてからお試しください。",
        "The database is unavailable for now; please try again later.",
    ),
    "error_other": ("要求を処理できませんでした。", "The request could not be served."),
    "error_detail": ("詳細", "Details"),
    # the API reference page (descriptions: web/openapi_ja.py)
    "api_openapi": ("OpenAPI 仕様", "OpenAPI"),
    "api_errors": ("エラーの形式", "Errors"),
    "param_name": ("名前", "name"),
    "param_in": ("場所", "in"),
    "param_description": ("説明", "description"),
    "param_in_query": ("クエリ", "query"),
    "param_in_path": ("パス", "path"),
    "param_in_header": ("ヘッダー", "header"),
    "param_in_cookie": ("クッキー", "cookie"),
    # charts (web/chart.py, templates/chart.html and indicator.html)
    "chart_unit": ("単位", "Unit"),
    "chart_baseline": ("基準値", "Baseline"),
    "chart_no_baseline": (
        "基準となる時点の値が見つからないため、目標線は描けません",
        "no value was found for its baseline, so no target line can be drawn",
    ),
    "chart_axis_cut": (
        "縦軸は0から始まっていません（軸の二重線の位置で省略）。",
        "The value axis does not start at zero (cut at the double stroke on the axis).",
    ),
    "chart_years": (
        "横軸は西暦と和暦の年（「年度」は4月から翌年3月まで）です。",
        "The time axis shows Gregorian and Japanese era years "
        "(a fiscal year, 年度, runs April to March).",
    ),
    "chart_target_value": ("目標値（グラフの線）", "Target value (the chart's line)"),
    "target_as_written": ("目標（原文）", "Target as written"),
    "chart_no_dates": (
        "この指標の値には時点が書かれていないため、グラフにできません。値は下の表にあります。",
        "The values of this indicator give no date, so they cannot be charted; "
        "they are in the table below.",
    ),
    # cross-cutting pages (/initiatives, /progress, /progress/method) and the JSON twin link
    "json_twin": ("このページのデータ（JSON）", "This page's data (JSON)"),
    "all_initiatives": ("すべての具体的な取組", "All initiatives"),
    "all_initiatives_note": (
        "表示中の版のすべての取組。府省（略称または正式名称）・主担当・節・版で絞り込めます。",
        "Every initiative of the edition shown; filter by ministry (code or official name), "
        "lead, section and edition.",
    ),
    "ministry_name_or_code": ("府省（略称または正式名称）", "Ministry (code or official name)"),
    "count_by_ministry": ("府省別の件数", "Count per ministry"),
    "count_by_section": ("節別の件数", "Count per section"),
    "rows_shown": ("件を表示", "rows shown"),
    "of_total": ("件中", "of"),
    "progress_all": ("主要指標と期限付きの取組の進捗", "Progress of targets and dated commitments"),
    "progress_page_note": (
        "すべての主要指標の判定・目標までの差・達成率・推移と出典。列の見出しで並べ替えられます。",
        "Every target with its status, gap, ratio achieved, trend and source; sort by a "
        "column heading.",
    ),
    "progress_ministry_note": (
        "主要指標には担当府省の記載がないため、府省で絞り込むと期限付きの取組だけを表示します。",
        "Targets carry no ministry in the reports: with a ministry, only dated commitments "
        "are listed.",
    ),
    "all_statuses": ("すべての判定", "All statuses"),
    "status": ("判定", "Status"),
    "gap": ("目標までの差", "Gap to target"),
    "achieved_ratio": ("達成率", "Ratio achieved"),
    "trend": ("推移（年率）", "Trend (a year)"),
    "latest_value": ("最新値", "Latest value"),
    "target_value": ("目標値", "Target value"),
    "sort_by": ("並べ替え", "Sort by"),
    "sorted_ascending": ("昇順", "ascending"),
    "sorted_descending": ("降順", "descending"),
    "dated_commitments": ("期限付きの取組", "Dated commitments"),
    "deadline": ("期限", "Deadline"),
    "method_page": ("進捗の判定方法", "How progress is judged"),
    "method_intro": (
        "各節の主要指標（数値目標）と、期限のある具体的な取組に判定を付けます。"
        "判定できないものも除かず「評価不能」として理由を示します。",
        "Every main target of every section, and every initiative with a deadline, gets a "
        "status. Nothing is dropped: what cannot be measured is listed as not assessable, "
        "with the reason.",
    ),
    "method_series_h": ("目標を測るデータ", "The data that measures a target"),
    "method_series": (
        "同じ節の同名の参考指標、他の指標の中で目標名の付いた値、目標の脚注の記載の順に探します。"
        "単位が一致するものだけを使います。相対目標（2000年度の約2倍など）は基準年の値から目標値を計算します。",
        "Indicators of the same section with the same name, then values labelled with the "
        "target's name inside another indicator, then the target's footnotes. Units must "
        "agree. A relative target (twice the 2000 value) is computed from its base year's value.",
    ),
    "method_growth_h": ("数値目標の判定", "Status of a numeric target"),
    "method_growth": (
        "最新値が目標を満たせば「達成」（約・程度の目標は許容幅内）。それ以外は基準値から最新値までの"
        "実際の年率と、目標時期までに必要な年率を比べ、その比で判定します。",
        "Achieved when the latest value meets the target (約/程度 within the tolerance). "
        "Otherwise the actual yearly change from the baseline to the latest value is compared "
        "with the yearly change required to reach the target by its date; their ratio decides.",
    ),
    "method_ratio": ("実際の年率 ÷ 必要な年率", "actual ÷ required yearly change"),
    "method_at_least": ("以上", "at least"),
    "method_above_zero": ("0 を超え、上記未満", "above 0, below the above"),
    "method_zero_or_less": ("0 以下", "0 or less"),
    "method_tolerance": ("約・程度の目標の許容幅", "Tolerance of 約/程度 targets"),
    "method_stale": (
        "データが古いとみなす年数（報告書のデータ時点との差）",
        "Years after which data is stale (behind the report's data cut-off)",
    ),
    "method_gap_h": ("目標までの差と達成率", "Gap and ratio achieved"),
    "method_gap": (
        "数値目標に同じ単位の最新値があれば、判定にかかわらず「目標までの差」（目標 − 最新値）と"
        "「達成率」（最新値 ÷ 目標）を示します。",
        "Whenever a numeric target has a latest value in its unit, the gap (target − latest) "
        "and the ratio achieved (latest ÷ target) are shown, whatever the status.",
    ),
    "method_commitments_h": ("期限付きの取組", "Dated commitments"),
    "method_commitments": (
        "期限（…までに、…を目途に など）のある取組は、最も遅い期限で判定します。"
        "実施状況が求められた行為（設置・策定・構築など）を報告していれば「完了と報告」、"
        "期限が報告書のデータ時点より前で完了の報告がなければ「期限超過（完了の報告なし）」、"
        "それ以外は「期限前」です。",
        "An initiative with a deadline is judged on its latest deadline: done as reported when "
        "a status item reports the act asked for (set up, adopt, build…), overdue when the "
        "deadline is before the report's data cut-off and nothing reports it done, due otherwise.",
    ),
    "method_statuses_h": ("判定の一覧", "The statuses"),
    "method_reasons_h": ("理由の符号", "Reason codes"),
    "method_reasons": (
        "各判定には理由の符号と値が付き、JSON（/api/v1/progress）にも含まれます。",
        "Every status carries a reason code and its values, also in the JSON (/api/v1/progress).",
    ),
}


def _number(text: str) -> str:
    """A decimal parameter in Japanese units (``80兆``, ``4,500億``, ``1,234``), as every
    display shows amounts (``format_amount``; imported here so that the catalogue itself
    stays plain data, cheap to import)."""
    from stiplan.queries import format_amount

    try:
        value = Decimal(text)
    except ArithmeticError:
        return text
    return format_amount(value)


def _percent(text: str) -> str:
    """A yearly rate parameter (``0.0210``) as a percentage (``2.10%``)."""
    try:
        return f"{Decimal(text) * 100:.2f}%"
    except ArithmeticError:
        return text


def _unit(text: str) -> str:
    return text or "単位のない数"


# Japanese for each reason code of ``stiplan.analysis.progress`` (``docs/progress.md``): a
# template over the reason's parameters, each passed through the formatter named beside it.
REASONS_JA: Mapping[str, tuple[str, Mapping[str, Callable[[str], str]]]] = {
    "several_targets": ("一つの項目に複数の目標が書かれているため、個別には評価していません", {}),
    "qualitative": ("定性的な目標のため、測る数値も期限もありません", {}),
    "milestone_done": ("報告書に完了の記載があります：{evidence}", {}),
    "milestone_overdue": ("期限（{due}）を過ぎましたが、報告書に完了の記載がありません", {}),
    "milestone_due": ("期限は{due}です", {}),
    "relative_without_baseline": ("基準年比の目標（{target}）ですが、基準年の値がありません", {}),
    "unit_mismatch": (
        "単位が合いません（目標は{target_unit}、データは{data_unit}）",
        {"target_unit": _unit, "data_unit": _unit},
    ),
    "no_series": ("値を示す指標も脚注もなく、測るデータ系列がありません", {}),
    "achieved": (
        "最新値 {latest}（{latest_period}）が目標値 {target} に達しています",
        {"latest": _number, "target": _number},
    ),
    "single_point": ("データが1時点しかなく、進捗を測る基準がありません", {}),
    "stale": ("データが古く評価できません（最新は{latest_period}）", {}),
    "no_target_date": ("目標時期がないため、必要な伸び率を計算できません", {}),
    "target_date_not_after_baseline": ("目標時期が基準時点より後ではありません", {}),
    "target_equals_baseline": ("目標値が基準値と同じで、必要な変化がありません", {}),
    "growth": (
        "実際の年率 {actual} に対し必要な年率は {required}（比 {ratio}）",
        {"actual": _percent, "required": _percent},
    ),
    "commitment_done": ("実施状況に「{word}」の記載があります：{evidence}", {}),
    "commitment_overdue": (
        "期限（{deadline}）を過ぎましたが、完了を報告する実施状況がありません",
        {},
    ),
    "commitment_due": ("期限：{deadline}", {}),
}


class Reasoned(Protocol):
    """An assessment or commitment status: its English reason, code and parameters."""

    @property
    def reason(self) -> str: ...
    @property
    def reason_code(self) -> str: ...
    @property
    def reason_params(self) -> Mapping[str, str]: ...


def reason_text(result: Reasoned, lang: str) -> str:
    """Why a progress status was given, in ``lang``: Japanese from the reason code, else the
    analysis's English sentence (also for a code without a Japanese text)."""
    entry = REASONS_JA.get(result.reason_code) if lang != "en" else None
    if entry is None:
        return result.reason
    template, formats = entry
    params = {k: formats.get(k, str)(v) for k, v in result.reason_params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return result.reason


class Translator:
    """``t(key)`` for one language (an unknown key is returned as is: visible, not a crash),
    and ``t.reason(result)`` for progress reasons."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._index = 1 if lang == "en" else 0

    def __call__(self, key: str) -> str:
        pair = MESSAGES.get(key)
        return key if pair is None else pair[self._index]

    def reason(self, result: Reasoned) -> str:
        return reason_text(result, self.lang)

    @property
    def reason_lang(self) -> str:
        """The language reasons are written in (``lang`` attribute of their element)."""
        return "en" if self.lang == "en" else "ja"


def translator(lang: str) -> Translator:
    """The translator of one language."""
    return Translator(lang)


def pick_language(query: str | None, cookie: str | None) -> str:
    """The language of a request: the query wins over the cookie; Japanese by default."""
    for candidate in (query, cookie):
        if candidate in LANGUAGES:
            return candidate
    return DEFAULT_LANGUAGE
