-- 0017_person_merges.sql — the same person registered twice, made one
-- (issue 12): `khipu person merge A B` and the dedup review queue.
--
-- A merge moves every participation and identifier of person B (the merged
-- one) to person A (the kept one) and remembers which rows it moved, so
-- that `person unmerge` gives exactly those rows back. Nothing is deleted:
-- B keeps its row, its sealed identity and its blind indexes; while the
-- merge holds (undone_at NULL) B is in no case. Who merged and undid is a
-- user name, as in revisions; no identity is stored here.
CREATE TABLE person_merges (
	id        INTEGER PRIMARY KEY,
	kept_id   BIGINT NOT NULL REFERENCES persons(id),
	merged_id BIGINT NOT NULL REFERENCES persons(id),
	merged_by TEXT NOT NULL,
	merged_at BIGINT NOT NULL,
	undone_by TEXT,
	undone_at BIGINT
);
CREATE INDEX person_merges_kept ON person_merges(kept_id);
CREATE INDEX person_merges_merged ON person_merges(merged_id);

-- The rows a merge moved: tbl 'participations' or 'identifiers'.
CREATE TABLE person_merge_rows (
	merge_id BIGINT NOT NULL REFERENCES person_merges(id),
	tbl      TEXT NOT NULL,
	row_id   BIGINT NOT NULL,
	PRIMARY KEY (merge_id, tbl, row_id)
) WITHOUT ROWID;

-- Pairs a reviewer said are two different persons (person_a < person_b):
-- the dedup queue does not propose them again.
CREATE TABLE dedup_rejections (
	person_a    BIGINT NOT NULL REFERENCES persons(id),
	person_b    BIGINT NOT NULL REFERENCES persons(id),
	rejected_by TEXT NOT NULL,
	rejected_at BIGINT NOT NULL,
	PRIMARY KEY (person_a, person_b)
) WITHOUT ROWID;
