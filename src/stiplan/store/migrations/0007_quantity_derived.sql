-- 0007: a count the report states in words (全都道府県 = 47) is stored as a quantity flagged
-- `derived`, so every presenter can say the number was not printed in the report.
-- Portable SQL: one column added with a default, on both quantity tables.

ALTER TABLE quantities ADD COLUMN derived INTEGER NOT NULL DEFAULT 0;

ALTER TABLE mention_quantities ADD COLUMN derived INTEGER NOT NULL DEFAULT 0;
