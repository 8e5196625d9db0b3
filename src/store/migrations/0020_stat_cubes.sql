-- 0020_stat_cubes.sql — cubes for every table the dashboard and the
-- exports publish (issue 10: 200 ms a table at 1,000,000 victims), and the
-- office and the region of the facts as keys of the multi-valued cubes
-- (exploitation, means of control, recruitment), so the dashboard's office
-- and region filters read cubes too. The cubes' keys are written once, in
-- src/store/store_cube_sql.h; rather than repeat them here, the old cube
-- rows go, and the next statistics query, finding facts and no cube, adds
-- every cube up again from the facts in one transaction
-- (store_stat_cube_rebuild). No row in meta: backup, restore and migrate
-- copy meta into a freshly made schema, which must hold none.

DELETE FROM stat_cube;
