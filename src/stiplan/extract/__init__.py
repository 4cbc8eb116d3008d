"""Extraction: named programmes, dated decisions, numeric targets, budgets and organisations.

Rules over a read document, run at ingest (``stiplan.ingest``), their finds stored as
mentions. A pure function from a ``Document`` to its ``Extractions``. The document is first cut into
*text units* — one per slide block or per follow-up element (initiative, status item, action,
paragraph, goal, footnote) — each with the context a reader of the slide would use: the
nearest heading, the slide title, the blocks just above. Every mention found names the unit's
element id and span, so it can be traced to its source lines. Blocks marked ``garbled`` are
never read; ``source`` blocks (出典) give only programmes and organisations, since their dates
are publication dates, not decisions.

The rules, in the order they run on a unit (see ``docs/slides.md`` for examples):

* **programmes** — ``ムーンショット目標N``; ``第N期…基本計画``; a name in 「」 ending in 戦略,
  計画, プログラム, 構想, ビジョン, プラン, パッケージ, 方針, 制度, 事業, 基金 or プロジェクト;
  ``…戦略2023`` written with its edition year; then the curated names of
  ``stiplan/data/programmes.toml`` (SIP, BRIDGE, K Program…). A trailing edition year
  (``統合イノベーション戦略2023``) belongs to the name.
* **decisions** — a date with a decision verb (決定, 閣議決定, 策定, 改定, 施行, 設立…): in
  brackets after what was decided (``「…」（令和5年6月16日閣議決定）``), or in running text
  before it (``2020年1月21日 統合イノベーション戦略推進会議「…」決定``). The deciding body is a
  known organisation or a name ending in 会議, 本部, 委員会…; ``閣議`` for 閣議決定. A named
  strategy with a date in brackets and no verb (``量子未来社会ビジョン（2020年4月）``) is a
  dated decision with an empty ``action``.
* **numeric targets** — a quantity (``1,000万人``, ``50兆円規模``, ``3倍増``, ``5,000件以上``)
  in a unit that states a target (目標, 目指す, 引き上げ, 倍増, ``N年間で``, an arrow
  ``7,500→22,500人``) or under a ``2030年目標`` heading; the subject is the phrase before the
  quantity; the period is a date bound by まで/までに/目標, else the heading's year.
* **budgets** — an amount in 円 in a clause about money (予算, 補正, 概算要求, 基金, 計上,
  措置, 出資, ファンド); the fiscal year before it; the subject is the nearest programme named
  in the unit or in the blocks above it on the slide, else the heading.
* **organisations** — the curated names of ``stiplan/data/organisations.toml``.

One module per rule family (``programmes``, ``organisations``, ``dates`` with ``decisions``,
``targets``, ``budgets``), the text units they read (``units``), the curated names
(``catalogue``) and the extractor that runs them in that order (``extractor``).
``plans`` decides the Basic Plan a read document belongs to: like the rules above, it reads
the document's own words once, at ingest, and the store keeps the answer.
"""

from stiplan.extract.extractor import extract, extract_document
from stiplan.extract.units import TextUnit

__all__ = ["TextUnit", "extract", "extract_document"]
