-- 0003_stats.sql — statistical facts: what `khipu stats`, the exports and
-- the dashboard count.
--
-- One row per victim, suspect, case and asset of the register (derived from
-- the case tables by app/stats.c, which brings them up to date before every
-- query, inside a write transaction, from the id watermarks it keeps in
-- `meta`), and one row per imported statistical record (CTDC), tagged with
-- its source. No identity: only the coded, non-identifying attributes that
-- statistics group by. A flat table with one text column per dimension is
-- what lets a GROUP BY over a million victims run in one scan.
-- Multi-valued dimensions (exploitation, means of control, recruitment,
-- relationship, asset measure) are rows of stat_codes.

-- Imported files (and the register itself, source 'register').
CREATE TABLE stat_sources (
	id          INTEGER PRIMARY KEY,
	tag         TEXT NOT NULL UNIQUE,        -- 'ctdc-global-2020:file.csv'
	format      TEXT NOT NULL,               -- 'ctdc-global', 'ctdc-synthetic-2024', ...
	file        TEXT,                        -- base name of the file imported
	records     BIGINT NOT NULL DEFAULT 0,
	rejected    BIGINT NOT NULL DEFAULT 0,
	imported_by BIGINT REFERENCES users(id),
	imported_at BIGINT NOT NULL
);

-- Clustered by kind (the primary key begins with it), so that counting the
-- cases or the suspects reads only theirs, and counting victims reads the
-- victims in one pass without an index. ids are unique across kinds and
-- derived, so the derived facts need no lookup (see id below).
CREATE TABLE stat_facts (
	kind                 TEXT NOT NULL,      -- victim, suspect, case, asset
	id                   BIGINT NOT NULL,    -- participation id * 8 + 1 (victim), + 2
	                                         -- (suspect); case id * 8 + 3; asset id
	                                         -- * 8 + 4; import sequence * 8 + 5
	source               TEXT NOT NULL,      -- 'register' or a stat_sources tag
	case_id              BIGINT,             -- register only
	year                 INTEGER,            -- complaint year / CTDC yearOfRegistration
	region               TEXT,               -- INEI department of the facts
	distrito_fiscal      TEXT,
	office               TEXT,               -- office code
	sex                  TEXT,
	age_band             TEXT,               -- CTDC bands 0--8 ... 48+
	age_group            TEXT,               -- UNODC: child (0-17), adult (18+)
	nationality          TEXT,               -- ISO 3166 alpha-2
	origin_region        TEXT,               -- INEI department of origin
	exploitation_country TEXT,               -- ISO 3166 alpha-2
	exploitation_region  TEXT,               -- INEI department of exploitation
	stage                TEXT,               -- the case's current stage
	outcome              TEXT,               -- a suspect's outcome
	currency             TEXT,               -- an asset's currency
	value                BIGINT NOT NULL DEFAULT 1,   -- 1, or an asset's value in minor units
	convicted            INTEGER NOT NULL DEFAULT 0,  -- a suspect convicted (plea included)
	PRIMARY KEY (kind, id)
) WITHOUT ROWID;
CREATE INDEX stat_facts_case ON stat_facts(case_id);

CREATE TABLE stat_codes (
	fact_id BIGINT NOT NULL,                 -- stat_facts.id

	dim     TEXT NOT NULL,                   -- exploitation, means_of_control, ...
	code    TEXT NOT NULL,
	PRIMARY KEY (fact_id, dim, code)
) WITHOUT ROWID;
CREATE INDEX stat_codes_dim ON stat_codes(dim, code);

-- Pre-aggregated victim counts for the dashboard's usual groupings, kept
-- with the facts (same transaction): 'person' (k1 sex, k2 age band, k3 age
-- group, k4 nationality), 'place' (k1 origin region, k2 exploitation region,
-- k3 exploitation country, k4 region of the facts), 'exploitation' (k1 the
-- form; a victim counts once per form); of suspects, 'suspect' (k1 sex, k2
-- outcome, k3 convicted '0'/'1', k4 age group) and 'sentence' (k1 band of
-- years of the sentence, k2 sex, k3 convicted). A query that groups and filters only
-- by a cube's columns, the year and the source reads the cube (thousands of
-- rows) instead of the facts (millions). Unknown is '' (year 0): key columns
-- of a WITHOUT ROWID table cannot be NULL.
CREATE TABLE stat_cube (
	cube   TEXT NOT NULL,
	source TEXT NOT NULL,
	year   INTEGER NOT NULL,
	k1     TEXT NOT NULL,
	k2     TEXT NOT NULL,
	k3     TEXT NOT NULL,
	k4     TEXT NOT NULL,
	n      BIGINT NOT NULL,
	PRIMARY KEY (cube, source, year, k1, k2, k3, k4)
) WITHOUT ROWID;
