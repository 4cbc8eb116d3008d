-- 0011: the date a document states (a briefing's 令和5年9月14日 on its cover, a follow-up's head
-- line) or that ``stiplan ingest --date`` gave (``Document.date``), as ISO text (2023-09-14);
-- NULL when neither says. The title has had its column since 0001 (``Document.title``).
--
-- Plain SQL that runs unchanged on PostgreSQL. Documents stored before this migration have no
-- date (NULL): they are shown undated, and by their title, or their file name when the title is
-- empty, until they are ingested again.

ALTER TABLE documents ADD COLUMN document_date TEXT;
