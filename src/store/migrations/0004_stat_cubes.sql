-- 0004_stat_cubes.sql — more pre-aggregated counts in stat_cube (see
-- 0003_stats.sql), for the groupings that scanned the facts: of victims,
-- 'control' (k1 a means of control) and 'recruitment' (k1 a form of
-- recruitment), counted once per code like 'exploitation', and 'office'
-- (k1 office, k2 distrito fiscal, k3 stage, k4 region of the facts); of
-- cases, 'case' (the same four keys). The stage changes with a case's
-- events: store_stats.c moves the counts of the facts whose stage changes
-- before it updates them. This fills the new cubes from the facts already
-- derived; later facts are added in the transaction that derives them.

INSERT INTO stat_cube(cube, source, year, k1, k2, k3, k4, n)
SELECT 'control', f.source, coalesce(f.year, 0), coalesce(x.code, ''), '', '', '', count(*)
FROM stat_facts f
LEFT JOIN stat_codes x ON x.fact_id = f.id AND x.dim = 'means_of_control'
WHERE f.kind = 'victim' GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO stat_cube(cube, source, year, k1, k2, k3, k4, n)
SELECT 'recruitment', f.source, coalesce(f.year, 0), coalesce(x.code, ''), '', '', '', count(*)
FROM stat_facts f
LEFT JOIN stat_codes x ON x.fact_id = f.id AND x.dim = 'recruitment'
WHERE f.kind = 'victim' GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO stat_cube(cube, source, year, k1, k2, k3, k4, n)
SELECT 'office', f.source, coalesce(f.year, 0), coalesce(f.office, ''),
	coalesce(f.distrito_fiscal, ''), coalesce(f.stage, ''), coalesce(f.region, ''), count(*)
FROM stat_facts f WHERE f.kind = 'victim' GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO stat_cube(cube, source, year, k1, k2, k3, k4, n)
SELECT 'case', f.source, coalesce(f.year, 0), coalesce(f.office, ''),
	coalesce(f.distrito_fiscal, ''), coalesce(f.stage, ''), coalesce(f.region, ''), count(*)
FROM stat_facts f WHERE f.kind = 'case' GROUP BY 1, 2, 3, 4, 5, 6, 7;
