-- 0009: pages and boxes on spans, for documents read from PDF (docs/pdf.md).
--
-- An element, slide or block read from a PDF keeps the page its first line stands on and its
-- box on that page (JSON [x0, top, x1, bottom] in points from the page's top-left). Both are
-- NULL for text documents, whose rows are unchanged. Mentions (programmes, decisions…) are
-- not given columns: their element's page is theirs.

ALTER TABLE elements ADD COLUMN page INTEGER CHECK (page IS NULL OR page >= 1);
ALTER TABLE elements ADD COLUMN box TEXT;
ALTER TABLE slides ADD COLUMN page INTEGER CHECK (page IS NULL OR page >= 1);
ALTER TABLE slides ADD COLUMN box TEXT;
ALTER TABLE slide_blocks ADD COLUMN page INTEGER CHECK (page IS NULL OR page >= 1);
ALTER TABLE slide_blocks ADD COLUMN box TEXT;
