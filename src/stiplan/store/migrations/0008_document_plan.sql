-- 0008: the STI Basic Plan each document belongs to (``Document.plan``).
--
-- The plan is its ordinal (6 for 第6期科学技術・イノベーション基本計画), NULL when unknown.
-- Documents stored before plans existed get one from their edition year alone, by the rule of
-- ``stiplan.analysis.plans`` for a bare year: the plan must cover every fiscal year the year
-- can mean (a follow-up's data year Y: FY Y-2 or Y-1; a briefing's year Y: FY Y-1 or Y), else
-- NULL. The fiscal years are those of ``stiplan/data/plans.toml`` when this migration was
-- written (6th: FY2021-FY2025, 7th: FY2026-FY2030); tests/unit/store/test_plan_migration.py
-- checks that the two agree. Versions 0007 and 0009 belong to other changes; the numbers
-- only order the files.

ALTER TABLE documents ADD COLUMN plan INTEGER;

-- Edition years as written (plain text): a follow-up's data year 2023-2026 → 6, 2028-2031 → 7;
-- a briefing's year 2022-2025 → 6, 2027-2030 → 7; any other edition (2027 for a follow-up,
-- 2026 for a briefing, empty, not a year) → NULL.
UPDATE documents SET plan = CASE
    WHEN kind = 'followup' AND edition IN ('2023', '2024', '2025', '2026') THEN 6
    WHEN kind = 'followup' AND edition IN ('2028', '2029', '2030', '2031') THEN 7
    WHEN kind <> 'followup' AND edition IN ('2022', '2023', '2024', '2025') THEN 6
    WHEN kind <> 'followup' AND edition IN ('2027', '2028', '2029', '2030') THEN 7
    ELSE NULL
END;

CREATE INDEX documents_plan ON documents (plan);
