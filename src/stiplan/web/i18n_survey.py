"""The survey pages' words (``web/survey.py``), Japanese and English; merged into
``i18n.MESSAGES``. States keep the glossary's Japanese names as their keys' ending."""

from __future__ import annotations

from collections.abc import Mapping

STATE_KEYS: Mapping[str, str] = {
    "未着手": "survey_state_not_started",
    "作業中": "survey_state_in_progress",
    "提出済": "survey_state_submitted",
    "差戻し": "survey_state_returned",
    "確定": "survey_state_accepted",
}

KIND_KEYS: Mapping[str, str] = {
    "実施状況": "survey_kind_status",
    "今後の取組方針": "survey_kind_action",
}
"""The workbook's kinds of rows (``survey.layout``) as catalogue keys."""

SURVEY_MESSAGES: Mapping[str, tuple[str, str]] = {
    "survey_kind_status": ("実施状況", "Status"),
    "survey_kind_action": ("今後の取組方針", "Next step"),
    "survey": ("フォローアップ調査", "Follow-up survey"),
    "survey_rounds": ("調査ラウンド", "Survey rounds"),
    "survey_round": ("調査ラウンド", "Survey round"),
    "survey_no_rounds": ("調査ラウンドはまだありません。", "There are no survey rounds yet."),
    "survey_edition": ("作成する版", "Edition written"),
    "survey_source": ("元の版", "Starting edition"),
    "survey_due": ("提出期限", "Due date"),
    "survey_round_state": ("ラウンドの状態", "Round state"),
    "survey_open": ("実施中", "Open"),
    "survey_published": ("公表済", "Published"),
    "survey_ministry": ("府省", "Ministry"),
    "survey_state": ("状態", "State"),
    "survey_revisions": ("回答の版数", "Revisions"),
    "survey_updated": ("更新日時 (UTC)", "Updated (UTC)"),
    "survey_updated_by": ("更新者", "Updated by"),
    "survey_comment": ("コメント", "Comment"),
    "survey_state_not_started": ("未着手", "Not started"),
    "survey_state_in_progress": ("作業中", "In progress"),
    "survey_state_submitted": ("提出済", "Submitted"),
    "survey_state_returned": ("差戻し", "Returned"),
    "survey_state_accepted": ("確定", "Accepted"),
    "survey_returned_because": ("差戻しの理由:", "Returned because:"),
    "survey_saved_draft": (
        "下書きを保存しました（作業中）。",
        "The draft was saved (in progress).",
    ),
    "survey_saved_submitted": ("提出しました（提出済）。", "The answer was submitted."),
    "survey_problems": (
        "記入内容に誤りがあります。各欄の指摘を確認してください。",
        "Some entries have problems; see the note under each field.",
    ),
    "survey_workbook": ("調査票", "Survey workbook"),
    "survey_download": ("調査票をダウンロード (XLSX)", "Download the workbook (XLSX)"),
    "survey_upload": ("記入した調査票を取り込む", "Import a filled workbook"),
    "survey_upload_file": ("調査票ファイル (.xlsx)", "Workbook file (.xlsx)"),
    "survey_upload_button": ("取り込む", "Import"),
    "survey_rows": ("取組と指標", "Initiatives and indicators"),
    "survey_place": ("節", "Section"),
    "survey_subject": ("取組・指標", "Initiative or indicator"),
    "survey_kind": ("種別", "Kind"),
    "survey_number": ("番号", "No."),
    "survey_last_year": ("昨年度", "Last year"),
    "survey_this_year": ("今年度", "This year"),
    "survey_second": ("府省・時点", "Ministries or as-of"),
    "survey_changes": ("昨年度からの変更", "Changes from last year"),
    "survey_unchanged": ("変更なし", "Unchanged"),
    "survey_reference": ("参考（他府省が回答）", "Reference (answered by another ministry)"),
    "survey_save_draft": ("下書き保存（作業中）", "Save draft (in progress)"),
    "survey_submit": ("提出する（提出済）", "Submit"),
    "survey_review": ("確認", "Review"),
    "survey_accept": ("確定する", "Accept"),
    "survey_return": ("差し戻す", "Return"),
    "survey_return_comment": ("差戻しの理由", "Why it is returned"),
    "survey_history": ("回答の履歴", "Revision history"),
    "survey_revision": ("版", "Revision"),
    "survey_author": ("回答者", "Author"),
    "survey_at": ("日時 (UTC)", "Time (UTC)"),
    "survey_draft": ("下書き", "Draft"),
    "survey_via": ("経路", "Via"),
    "survey_read_only": (
        "この府省の回答は確定済み、またはラウンドが公表済みのため編集できません。",
        "This ministry's answer is accepted or the round is published: it cannot be edited.",
    ),
    "survey_publish": ("公表する", "Publish"),
    "survey_provenance": ("調査による回答", "From the survey"),
    "survey_publish_help": (
        "全府省が確定すると、このラウンドを新しい版として公表できます。",
        "Once every ministry is accepted, the round can be published as a new edition.",
    ),
    "survey_help": (
        "1行に1項目を記入します。項目がないときは1行目に「—」とだけ記入してください。"
        "府省は「*文、経」のように記入します（* は主担当）。",
        "One item per row. For none, write only “—” in the first row. "
        "Write ministries as “*文、経” (* marks the lead).",
    ),
}
