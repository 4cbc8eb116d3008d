"""What the CLI, the API, the web pages and the exports ask of stiplan.

The one layer between presenters and the store: presenters never write SQL or parse
documents; they call these functions and render what comes back. Each function returns plain
data (model objects, the store's row dataclasses or the view dataclasses defined here).

One module per subject (``docs/architecture.md``): ``base`` (errors, finding the document
asked for, row helpers), ``plans``, ``documents`` (ingest, lists, source pages), ``sources``
(an element traced to its lines and PDF page), ``sections``, ``indicators``, ``progress``,
``ministries``, ``editions`` (report parts, diffs, an initiative's history; ``memo`` keeps
loaded editions), ``search``, ``briefings`` (programmes, timeline, targets, slides),
``trees`` (whole documents for the exports) and the follow-up survey: ``survey`` (rounds,
states, review), ``survey_answers`` (workbooks, imports), ``survey_edit`` (the browser form),
``survey_publish`` (the new edition and its exports). Presenters import this package only: ``from
stiplan import queries; queries.X``. Every name they use is re-exported here as ``X as X``
(an explicit re-export for mypy --strict).

The package is lazy: a name is imported on first use, so that a command loads only the modules
it asks for (``stiplan --help`` or an ingest does not load the edition analysis, the survey or
the briefings). The re-export lines below are the one list of names: mypy reads them as
imports, and at run time ``_exports`` reads them from this file instead of running them.
"""

from __future__ import annotations

import ast
import importlib
import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Presenters (cli, web, exports) import only this package and ``stiplan.model``
    # (tests/unit/test_layers.py). Below: the query functions and view types of every module, and
    # the store rows, analysis results and errors presenters use from the layers below, each
    # re-exported as ``X as X`` (explicit for mypy --strict). This list is the whole of what
    # presenters see. The query layer's errors are ``QueryError`` (``UnknownId``), ``StoreError``
    # (``NotFound``), ``IngestError`` and ``SearchQueryError``.
    from stiplan.analysis.editions import Change as Change
    from stiplan.analysis.editions import ChapterDiff as ChapterDiff
    from stiplan.analysis.editions import Difference as Difference
    from stiplan.analysis.editions import EditionDiff as EditionDiff
    from stiplan.analysis.editions import EditionInfo as EditionInfo
    from stiplan.analysis.editions import IndicatorDiff as IndicatorDiff
    from stiplan.analysis.editions import MinistryChange as MinistryChange
    from stiplan.analysis.editions import ObservationDiff as ObservationDiff
    from stiplan.analysis.editions import Pair as Pair
    from stiplan.analysis.editions import Ref as Ref
    from stiplan.analysis.editions import ReportPart as ReportPart
    from stiplan.analysis.editions import SectionCounts as SectionCounts
    from stiplan.analysis.editions import SectionDiff as SectionDiff
    from stiplan.analysis.editions import TargetDiff as TargetDiff
    from stiplan.analysis.editions import Value as Value
    from stiplan.analysis.editions import chapter_differences as chapter_differences
    from stiplan.analysis.editions import differences as differences
    from stiplan.analysis.editions import footnote_differences as footnote_differences
    from stiplan.analysis.editions import matches as matches
    from stiplan.analysis.editions import section_differences as section_differences
    from stiplan.analysis.editions.labels import DiffPlace as DiffPlace
    from stiplan.analysis.editions.labels import diff_places as diff_places
    from stiplan.analysis.editions.labels import place_of as place_of
    from stiplan.analysis.progress import Assessment as Assessment
    from stiplan.analysis.progress import CommitmentStatus as CommitmentStatus
    from stiplan.analysis.progress import Point as Point
    from stiplan.analysis.progress import Status as Status
    from stiplan.analysis.progress import unit_of as unit_of
    from stiplan.analysis.similarity import Segment as Segment
    from stiplan.analysis.similarity import SegmentOp as SegmentOp

    # -- users, roles, sessions and the audit trail (issue 16): accounts, audit, stiplan.auth
    from stiplan.auth.csrf import CSRF_FIELD as CSRF_FIELD
    from stiplan.auth.csrf import CSRF_HEADER as CSRF_HEADER
    from stiplan.auth.csrf import csrf_tokens_match as csrf_tokens_match
    from stiplan.auth.csrf import new_csrf_token as new_csrf_token
    from stiplan.auth.roles import AUDIT_READ as AUDIT_READ
    from stiplan.auth.roles import INGEST as INGEST
    from stiplan.auth.roles import MINISTRY_WRITE as MINISTRY_WRITE
    from stiplan.auth.roles import ROLES as ROLES
    from stiplan.auth.roles import STORE_MAINTAIN as STORE_MAINTAIN
    from stiplan.auth.roles import STORE_RESTORE as STORE_RESTORE
    from stiplan.auth.roles import SURVEY_MANAGE as SURVEY_MANAGE
    from stiplan.auth.roles import USER_MANAGE as USER_MANAGE
    from stiplan.auth.roles import Actor as Actor
    from stiplan.auth.roles import Role as Role
    from stiplan.auth.sessions import SESSION_COOKIE as SESSION_COOKIE
    from stiplan.auth.sessions import Session as Session
    from stiplan.auth.sessions import SessionCodec as SessionCodec
    from stiplan.ingest import IngestError as IngestError
    from stiplan.ingest import ReadOptions as ReadOptions
    from stiplan.ingest import given_day as given_day
    from stiplan.normalize.dates import format_day as format_day
    from stiplan.normalize.eras import wareki_label as wareki_label
    from stiplan.normalize.markup import TextRun as TextRun
    from stiplan.normalize.markup import plain_runs as plain_runs
    from stiplan.normalize.markup import plain_text as plain_text
    from stiplan.normalize.numbers import format_amount as format_amount
    from stiplan.normalize.numbers import format_quantity as format_quantity
    from stiplan.normalize.numbers import plain_decimal as plain_decimal
    from stiplan.normalize.units import UnitKind as UnitKind
    from stiplan.normalize.units import unit_kind as unit_kind
    from stiplan.normalize.units import zero_based as zero_based
    from stiplan.queries.accounts import LoginRefused as LoginRefused
    from stiplan.queries.accounts import Refused as Refused
    from stiplan.queries.accounts import UserView as UserView
    from stiplan.queries.accounts import actor_of as actor_of
    from stiplan.queries.accounts import add_user as add_user
    from stiplan.queries.accounts import authorize as authorize
    from stiplan.queries.accounts import authorize_user_change as authorize_user_change
    from stiplan.queries.accounts import disable_user as disable_user
    from stiplan.queries.accounts import list_users as list_users
    from stiplan.queries.accounts import login as login
    from stiplan.queries.accounts import logout as logout
    from stiplan.queries.accounts import password_fingerprint as password_fingerprint
    from stiplan.queries.accounts import record as record
    from stiplan.queries.accounts import session_actor as session_actor
    from stiplan.queries.accounts import session_secret as session_secret
    from stiplan.queries.accounts import set_password as set_password
    from stiplan.queries.accounts import users_configured as users_configured
    from stiplan.queries.audit import AUDIT_COLUMNS as AUDIT_COLUMNS
    from stiplan.queries.audit import AUDIT_PER_PAGE as AUDIT_PER_PAGE
    from stiplan.queries.audit import AuditPage as AuditPage
    from stiplan.queries.audit import audit_filter as audit_filter
    from stiplan.queries.audit import audit_json as audit_json
    from stiplan.queries.audit import audit_page as audit_page
    from stiplan.queries.audit import audit_record as audit_record
    from stiplan.queries.audit import audit_rows as audit_rows
    from stiplan.queries.audit import authorize_ingest as authorize_ingest
    from stiplan.queries.audit import record_ingest as record_ingest
    from stiplan.queries.base import QueryError as QueryError
    from stiplan.queries.base import UnknownId as UnknownId
    from stiplan.queries.base import latest_document as latest_document
    from stiplan.queries.base import require_shown as require_shown
    from stiplan.queries.base import resolve_document as resolve_document
    from stiplan.queries.briefings import BriefingView as BriefingView
    from stiplan.queries.briefings import DecisionView as DecisionView
    from stiplan.queries.briefings import MentionPlace as MentionPlace
    from stiplan.queries.briefings import ProgrammeList as ProgrammeList
    from stiplan.queries.briefings import ProgrammesPage as ProgrammesPage
    from stiplan.queries.briefings import ProgrammeView as ProgrammeView
    from stiplan.queries.briefings import TargetView as TargetView
    from stiplan.queries.briefings import TimelineList as TimelineList
    from stiplan.queries.briefings import TimelinePage as TimelinePage
    from stiplan.queries.briefings import briefing as briefing
    from stiplan.queries.briefings import briefing_targets as briefing_targets
    from stiplan.queries.briefings import numeric_targets as numeric_targets
    from stiplan.queries.briefings import programme_list as programme_list
    from stiplan.queries.briefings import programmes as programmes
    from stiplan.queries.briefings import programmes_page as programmes_page
    from stiplan.queries.briefings import timeline as timeline
    from stiplan.queries.briefings import timeline_list as timeline_list
    from stiplan.queries.briefings import timeline_page as timeline_page
    from stiplan.queries.crosscut import PROGRESS_SORT_PATTERN as PROGRESS_SORT_PATTERN
    from stiplan.queries.crosscut import PROGRESS_SORTS as PROGRESS_SORTS
    from stiplan.queries.crosscut import STATUSES as STATUSES
    from stiplan.queries.crosscut import InitiativesPage as InitiativesPage
    from stiplan.queries.crosscut import ProgressFilter as ProgressFilter
    from stiplan.queries.crosscut import ProgressMethod as ProgressMethod
    from stiplan.queries.crosscut import ProgressPage as ProgressPage
    from stiplan.queries.crosscut import initiatives_page as initiatives_page
    from stiplan.queries.crosscut import progress_method as progress_method
    from stiplan.queries.crosscut import progress_page as progress_page
    from stiplan.queries.crosscut import sort_progress as sort_progress
    from stiplan.queries.documents import LINES_PER_PAGE as LINES_PER_PAGE
    from stiplan.queries.documents import DocumentList as DocumentList
    from stiplan.queries.documents import DocumentPage as DocumentPage
    from stiplan.queries.documents import DocumentSummary as DocumentSummary
    from stiplan.queries.documents import IngestOutcome as IngestOutcome
    from stiplan.queries.documents import IngestStatus as IngestStatus
    from stiplan.queries.documents import WarningsPage as WarningsPage
    from stiplan.queries.documents import document_list as document_list
    from stiplan.queries.documents import document_list_page as document_list_page
    from stiplan.queries.documents import document_page as document_page
    from stiplan.queries.documents import document_warnings as document_warnings
    from stiplan.queries.documents import documents as documents
    from stiplan.queries.documents import ingest_paths as ingest_paths
    from stiplan.queries.documents import page_of_line as page_of_line
    from stiplan.queries.documents import sample_paths as sample_paths
    from stiplan.queries.documents import warnings as warnings
    from stiplan.queries.documents import warnings_page as warnings_page
    from stiplan.queries.editions import HistoryStep as HistoryStep
    from stiplan.queries.editions import InitiativeHistory as InitiativeHistory
    from stiplan.queries.editions import diff as diff
    from stiplan.queries.editions import editions as editions
    from stiplan.queries.editions import initiative_history as initiative_history
    from stiplan.queries.editions import series as series
    from stiplan.queries.indicators import IndicatorDetail as IndicatorDetail
    from stiplan.queries.indicators import IndicatorRow as IndicatorRow
    from stiplan.queries.indicators import IndicatorsPage as IndicatorsPage
    from stiplan.queries.indicators import SeriesPoint as SeriesPoint
    from stiplan.queries.indicators import TargetLine as TargetLine
    from stiplan.queries.indicators import TargetRow as TargetRow
    from stiplan.queries.indicators import indicator as indicator
    from stiplan.queries.indicators import indicators as indicators
    from stiplan.queries.indicators import indicators_page as indicators_page
    from stiplan.queries.indicators import targets as targets
    from stiplan.queries.maintenance import backup as backup
    from stiplan.queries.maintenance import record_upgrade as record_upgrade
    from stiplan.queries.maintenance import restore as restore
    from stiplan.queries.maintenance import upgrade as upgrade
    from stiplan.queries.memo import EditionMemo as EditionMemo
    from stiplan.queries.memo import Keeper as Keeper
    from stiplan.queries.ministries import MinistriesPage as MinistriesPage
    from stiplan.queries.ministries import MinistrySummary as MinistrySummary
    from stiplan.queries.ministries import MinistryView as MinistryView
    from stiplan.queries.ministries import ministries as ministries
    from stiplan.queries.ministries import ministries_page as ministries_page
    from stiplan.queries.ministries import ministry as ministry
    from stiplan.queries.ministries import ministry_info as ministry_info
    from stiplan.queries.ministries import resolve_ministry as resolve_ministry
    from stiplan.queries.paging import MAX_PER_PAGE as MAX_PER_PAGE
    from stiplan.queries.paging import PER_PAGE as PER_PAGE
    from stiplan.queries.paging import PageOutOfRange as PageOutOfRange
    from stiplan.queries.paging import Paging as Paging
    from stiplan.queries.plans import known_plans as known_plans
    from stiplan.queries.plans import plan_info as plan_info
    from stiplan.queries.plans import plan_name as plan_name
    from stiplan.queries.plans import plan_ordinal as plan_ordinal
    from stiplan.queries.progress import Progress as Progress
    from stiplan.queries.progress import document_progress as document_progress
    from stiplan.queries.progress import progress as progress
    from stiplan.queries.progress import status_counts as status_counts
    from stiplan.queries.search import MAX_SEARCH_LIMIT as MAX_SEARCH_LIMIT
    from stiplan.queries.search import MAX_SEARCH_OFFSET as MAX_SEARCH_OFFSET
    from stiplan.queries.search import SEARCH_TYPES as SEARCH_TYPES
    from stiplan.queries.search import MinistryChoice as MinistryChoice
    from stiplan.queries.search import SearchChoices as SearchChoices
    from stiplan.queries.search import SearchHit as SearchHit
    from stiplan.queries.search import SearchPage as SearchPage
    from stiplan.queries.search import SearchQuestion as SearchQuestion
    from stiplan.queries.search import index_status as index_status
    from stiplan.queries.search import reindex as reindex
    from stiplan.queries.search import search as search
    from stiplan.queries.search import search_choices as search_choices
    from stiplan.queries.search import search_page as search_page
    from stiplan.queries.search import unindexed_documents as unindexed_documents
    from stiplan.queries.sections import ChapterView as ChapterView
    from stiplan.queries.sections import FacetCount as FacetCount
    from stiplan.queries.sections import IndicatorView as IndicatorView
    from stiplan.queries.sections import InitiativeList as InitiativeList
    from stiplan.queries.sections import InitiativeView as InitiativeView
    from stiplan.queries.sections import Overview as Overview
    from stiplan.queries.sections import SectionView as SectionView
    from stiplan.queries.sections import SubsectionView as SubsectionView
    from stiplan.queries.sections import document_sections as document_sections
    from stiplan.queries.sections import initiative as initiative
    from stiplan.queries.sections import initiative_list as initiative_list
    from stiplan.queries.sections import initiatives as initiatives
    from stiplan.queries.sections import overview as overview
    from stiplan.queries.sections import section as section
    from stiplan.queries.sections import sections as sections
    from stiplan.queries.sources import PAGE_SCALE as PAGE_SCALE
    from stiplan.queries.sources import ElementView as ElementView
    from stiplan.queries.sources import PageCache as PageCache
    from stiplan.queries.sources import PageImage as PageImage
    from stiplan.queries.sources import element as element
    from stiplan.queries.sources import element_page as element_page
    from stiplan.queries.sources import page_png as page_png
    from stiplan.queries.sources import source_lines as source_lines
    from stiplan.queries.survey import ACCEPTED as ACCEPTED
    from stiplan.queries.survey import IN_PROGRESS as IN_PROGRESS
    from stiplan.queries.survey import NOT_STARTED as NOT_STARTED
    from stiplan.queries.survey import RETURNED as RETURNED
    from stiplan.queries.survey import SUBMITTED as SUBMITTED
    from stiplan.queries.survey import MinistryStatus as MinistryStatus
    from stiplan.queries.survey import RevisionView as RevisionView
    from stiplan.queries.survey import RoundStatus as RoundStatus
    from stiplan.queries.survey import RoundView as RoundView
    from stiplan.queries.survey import accept_submission as accept_submission
    from stiplan.queries.survey import ministry_code as ministry_code
    from stiplan.queries.survey import ministry_name as ministry_name
    from stiplan.queries.survey import open_round as open_round
    from stiplan.queries.survey import return_submission as return_submission
    from stiplan.queries.survey import round_board as round_board
    from stiplan.queries.survey import round_status as round_status
    from stiplan.queries.survey import survey_revisions as survey_revisions
    from stiplan.queries.survey import survey_rounds as survey_rounds
    from stiplan.queries.survey_answers import WorkbookFile as WorkbookFile
    from stiplan.queries.survey_answers import import_workbook as import_workbook
    from stiplan.queries.survey_answers import latest_answer as latest_answer
    from stiplan.queries.survey_answers import revision_answer as revision_answer
    from stiplan.queries.survey_answers import starting_answer as starting_answer
    from stiplan.queries.survey_answers import workbook_for as workbook_for
    from stiplan.queries.survey_answers import workbooks as workbooks
    from stiplan.queries.survey_edit import EditPage as EditPage
    from stiplan.queries.survey_edit import EditRow as EditRow
    from stiplan.queries.survey_edit import FormRefused as FormRefused
    from stiplan.queries.survey_edit import edit_page as edit_page
    from stiplan.queries.survey_edit import save_form as save_form
    from stiplan.queries.survey_publish import EditionItem as EditionItem
    from stiplan.queries.survey_publish import EditionValue as EditionValue
    from stiplan.queries.survey_publish import Published as Published
    from stiplan.queries.survey_publish import edition_rows as edition_rows
    from stiplan.queries.survey_publish import edition_text as edition_text
    from stiplan.queries.survey_publish import publish_round as publish_round
    from stiplan.queries.survey_publish import survey_provenance as survey_provenance
    from stiplan.queries.trees import load_documents as load_documents
    from stiplan.search import SearchQueryError as SearchQueryError
    from stiplan.store import DecisionGroupRow as DecisionGroupRow
    from stiplan.store import DecisionSource as DecisionSource
    from stiplan.store import ElementRow as ElementRow
    from stiplan.store import InitiativeRow as InitiativeRow
    from stiplan.store import NotFound as NotFound
    from stiplan.store import ProgrammeMentionRow as ProgrammeMentionRow
    from stiplan.store import SectionRow as SectionRow
    from stiplan.store import SourceLine as SourceLine
    from stiplan.store import Store as Store
    from stiplan.store import StoreError as StoreError
    from stiplan.store import StoreInterface as StoreInterface
    from stiplan.store import WarningRow as WarningRow
    from stiplan.store import open_store as open_store
    from stiplan.store.accounts import AuditEvent as AuditEvent
    from stiplan.store.accounts import AuditFilter as AuditFilter
    from stiplan.store.accounts import AuditRow as AuditRow
    from stiplan.store.survey import STATES as STATES
    from stiplan.store.survey import ProvenanceRow as ProvenanceRow
    from stiplan.survey.messages import Message as Message
    from stiplan.survey.validate import WorkbookRefused as WorkbookRefused
    from stiplan.survey.validate import workbook_refused as workbook_refused


def _exports() -> dict[str, tuple[str, str]]:
    """Each re-exported name with the module and the name it comes from, read from the
    ``TYPE_CHECKING`` block of this file (the one list of what presenters see)."""
    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If))
    return {
        alias.asname or alias.name: (node.module or "", alias.name)
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


_EXPORTS = _exports()


class _LazyPackage(types.ModuleType):
    """This package, importing each re-exported name on first use."""

    def __getattr__(self, name: str) -> object:
        try:
            module, attribute = _EXPORTS[name]
        except KeyError:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(module), attribute)
        types.ModuleType.__setattr__(self, name, value)
        return value

    def __setattr__(self, name: str, value: object) -> None:
        """Keep a re-exported function whose name is also its module's (``search``,
        ``documents``…): importing a submodule binds it on its package under that name."""
        if name in _EXPORTS and isinstance(value, types.ModuleType):
            return
        types.ModuleType.__setattr__(self, name, value)

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *_EXPORTS})


sys.modules[__name__].__class__ = _LazyPackage
