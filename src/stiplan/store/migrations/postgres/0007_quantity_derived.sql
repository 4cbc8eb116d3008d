-- 0007 for PostgreSQL: the `derived` flag as a BOOLEAN (../0007_quantity_derived.sql stores
-- SQLite's 0/1 in an INTEGER, which PostgreSQL would refuse a Python bool for).

ALTER TABLE quantities ADD COLUMN derived BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE mention_quantities ADD COLUMN derived BOOLEAN NOT NULL DEFAULT FALSE;
