-- 0008_revisions.sql — a case changes only through its document, and every
-- change is kept (issue 9).
--
-- cases.version counts the versions of a case's document: 1 at
-- registration, one more with each revision. An update names the version
-- it was made from and is refused when that is not the current one.
--
-- Children are never deleted: a child missing from an updated document is
-- marked removed_in = the version that removed it, and every read of the
-- register (the case, lists, search, statistics, exports) ignores it.
--
-- One row of revisions per change: which version it made, when, who, how
-- many paths changed. What changed (each path's old and new value), the
-- reason and the whole document as it was before (the previous version)
-- hold identities, so they are sealed in `sealed` under
-- ('revision', id, 'changes' | 'reason' | 'before'), with every other sealed
-- value (key rotation reseals them, backups carry them).
ALTER TABLE cases ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE participations ADD COLUMN removed_in BIGINT;
ALTER TABLE events ADD COLUMN removed_in BIGINT;
ALTER TABLE assets ADD COLUMN removed_in BIGINT;
ALTER TABLE identifiers ADD COLUMN removed_in BIGINT;
ALTER TABLE requests ADD COLUMN removed_in BIGINT;

CREATE TABLE revisions (
	id       INTEGER PRIMARY KEY,
	case_id  BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	version  BIGINT NOT NULL,                  -- the version this revision made (2, 3...)
	ts       BIGINT NOT NULL,                  -- unix seconds
	actor    TEXT NOT NULL,                    -- user name
	changes  INTEGER NOT NULL,                 -- number of paths changed
	UNIQUE (case_id, version)
);
