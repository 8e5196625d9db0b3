-- 0001_init.sql — the first schema of the register.
--
-- One text for SQLite and PostgreSQL (conventions in src/store/store_int.h:
-- own ids INTEGER PRIMARY KEY, other integers BIGINT, binary BLOB, key-only
-- tables WITHOUT ROWID; the PostgreSQL backend maps these spellings).
-- No identity is stored in clear: names, documents, birth dates, addresses,
-- phones and free texts are ciphertext in `sealed`, found through the keyed
-- hashes in `blind`. Dates are ISO 'YYYY-MM-DD' text, NULL when unknown;
-- money is in minor units. Cases are never deleted in normal use; should
-- one be purged, its children go with it (ON DELETE CASCADE), while offices,
-- users and persons referenced by anything cannot be deleted.

CREATE TABLE schema_migrations (
	version    BIGINT NOT NULL PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at BIGINT NOT NULL
);

-- Settings: key fingerprint, audit head, synthetic marker.
CREATE TABLE meta (
	key   TEXT NOT NULL PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE offices (
	id              INTEGER PRIMARY KEY,
	code            TEXT NOT NULL UNIQUE,
	name            TEXT NOT NULL,
	kind            TEXT,
	distrito_fiscal TEXT,
	department      TEXT
);

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL UNIQUE,
	role          TEXT NOT NULL CHECK (role IN
		('admin', 'prosecutor', 'police', 'analyst', 'auditor', 'liaison')),
	office_id     BIGINT REFERENCES offices(id),
	locked        INTEGER NOT NULL DEFAULT 0,
	pwhash        TEXT,
	lang          TEXT NOT NULL DEFAULT 'es',
	failed_logins INTEGER NOT NULL DEFAULT 0,
	created       BIGINT NOT NULL
);
CREATE INDEX users_office ON users(office_id);

CREATE TABLE cases (
	id               INTEGER PRIMARY KEY,
	number           TEXT NOT NULL UNIQUE,      -- carpeta fiscal
	office_id        BIGINT NOT NULL REFERENCES offices(id),
	complaint_date   TEXT NOT NULL,
	complaint_source TEXT,
	place_country    TEXT,
	place_ubigeo     TEXT,
	place_department TEXT,                      -- first 2 UBIGEO digits, for filters and statistics
	stage            TEXT NOT NULL DEFAULT 'complaint',   -- cached from the events
	synthetic        INTEGER NOT NULL DEFAULT 0,
	created_by       BIGINT REFERENCES users(id),
	created_at       BIGINT NOT NULL
);
-- The list is ordered by complaint date (newest first); the filters and
-- the statistics group by office, stage and department.
CREATE INDEX cases_complaint_date ON cases(complaint_date);
CREATE INDEX cases_office ON cases(office_id, complaint_date);
CREATE INDEX cases_stage ON cases(stage, complaint_date);
CREATE INDEX cases_department ON cases(place_department, complaint_date);

-- Multi-valued codes of a case, one row each: dim 'offence' or
-- 'related_offence'; pos keeps the order they were entered in.
CREATE TABLE case_codes (
	case_id BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	dim     TEXT NOT NULL,
	code    TEXT NOT NULL,
	pos     INTEGER NOT NULL,
	PRIMARY KEY (case_id, dim, code)
) WITHOUT ROWID;
CREATE INDEX case_codes_code ON case_codes(dim, code);

-- Offices other than the owner that may work on a case.
CREATE TABLE case_shares (
	case_id   BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	office_id BIGINT NOT NULL REFERENCES offices(id),
	PRIMARY KEY (case_id, office_id)
) WITHOUT ROWID;
CREATE INDEX case_shares_office ON case_shares(office_id);

-- A person's non-identifying attributes only (identity is sealed).
CREATE TABLE persons (
	id            INTEGER PRIMARY KEY,
	sex           TEXT,
	birth_year    INTEGER,                      -- NULL when unknown
	nationality   TEXT,
	origin_ubigeo TEXT,
	doc_type      TEXT                          -- a code (dni, passport); the number is sealed
);

-- A person's part in a case. Victim columns are set for victims only and
-- suspect columns for suspects only; NULL otherwise.
CREATE TABLE participations (
	id                   INTEGER PRIMARY KEY,
	case_id              BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	person_id            BIGINT NOT NULL REFERENCES persons(id),
	role                 TEXT NOT NULL,
	age_at_recruitment   INTEGER,
	trafficking_status   TEXT,
	relationship         TEXT,
	recruitment_country  TEXT,
	recruitment_ubigeo   TEXT,
	exploitation_country TEXT,
	exploitation_ubigeo  TEXT,
	recruitment_date     TEXT,
	exploitation_start   TEXT,
	exploitation_end     TEXT,
	rescue_date          TEXT,
	outcome              TEXT,
	sentence_months      INTEGER,
	reparation_cents     BIGINT,
	reparation_currency  TEXT
);
CREATE INDEX participations_case ON participations(case_id, role);
-- (person_id, case_id, role): a person search reads a candidate's roles from
-- the index alone (store_person_roles).
CREATE INDEX participations_person ON participations(person_id, case_id, role);

-- Multi-valued codes of a participation: dim 'exploitation', 'control',
-- 'recruitment', 'assistance' (victims), 'network_role', 'charge' (suspects).
CREATE TABLE participation_codes (
	participation_id BIGINT NOT NULL REFERENCES participations(id) ON DELETE CASCADE,
	dim              TEXT NOT NULL,
	code             TEXT NOT NULL,
	pos              INTEGER NOT NULL,
	PRIMARY KEY (participation_id, dim, code)
) WITHOUT ROWID;
-- No index on (dim, code): 33 distinct values over millions of rows select
-- nothing; readers go by participation (the primary key).

CREATE TABLE coercive_measures (
	participation_id BIGINT NOT NULL REFERENCES participations(id) ON DELETE CASCADE,
	pos              INTEGER NOT NULL,
	kind             TEXT NOT NULL,
	date             TEXT,
	PRIMARY KEY (participation_id, pos)
) WITHOUT ROWID;
CREATE INDEX coercive_measures_kind ON coercive_measures(kind);

-- Procedural events; the note is sealed.
CREATE TABLE events (
	id          INTEGER PRIMARY KEY,
	case_id     BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	stage       TEXT NOT NULL,
	date        TEXT,
	recorded_by BIGINT REFERENCES users(id),
	recorded_at BIGINT NOT NULL
);
CREATE INDEX events_case ON events(case_id, date);

-- Seized or frozen assets; the description is sealed.
CREATE TABLE assets (
	id          INTEGER PRIMARY KEY,
	case_id     BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	kind        TEXT NOT NULL,
	value_cents BIGINT NOT NULL DEFAULT 0,
	currency    TEXT
);
CREATE INDEX assets_case ON assets(case_id);

CREATE TABLE asset_measures (
	asset_id BIGINT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
	pos      INTEGER NOT NULL,
	measure  TEXT NOT NULL,
	date     TEXT,
	PRIMARY KEY (asset_id, pos)
) WITHOUT ROWID;
CREATE INDEX asset_measures_measure ON asset_measures(measure);

-- Phones, accounts, plates... that tie cases together; the value is sealed
-- and found through `blind`.
CREATE TABLE identifiers (
	id        INTEGER PRIMARY KEY,
	case_id   BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	person_id BIGINT REFERENCES persons(id),
	kind      TEXT NOT NULL
);
CREATE INDEX identifiers_case ON identifiers(case_id);
CREATE INDEX identifiers_person ON identifiers(person_id);

-- International cooperation requests (mutual legal assistance, extradition).
CREATE TABLE requests (
	id        INTEGER PRIMARY KEY,
	case_id   BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	direction TEXT NOT NULL,
	country   TEXT NOT NULL,
	authority TEXT,
	type      TEXT NOT NULL,
	status    TEXT NOT NULL,
	sent      TEXT,
	received  TEXT,
	due       TEXT,
	reference TEXT
);
CREATE INDEX requests_case ON requests(case_id);
CREATE INDEX requests_due ON requests(status, due);

-- Sealed values (XChaCha20-Poly1305 ciphertext) of table/row/column. With
-- SQLite's secure_delete a replaced or deleted blob is zeroed on disk.
CREATE TABLE sealed (
	tbl    TEXT NOT NULL,
	row_id BIGINT NOT NULL,
	col    TEXT NOT NULL,
	blob   BLOB NOT NULL,
	PRIMARY KEY (tbl, row_id, col)
) WITHOUT ROWID;

-- Blind indexes: keyed hashes of normalised identities. The primary key
-- begins with (kind, hash), so it is also the index of the lookups; a
-- separate (kind, hash) index would only double the writes.
CREATE TABLE blind (
	kind   TEXT NOT NULL,
	hash   BLOB NOT NULL,
	tbl    TEXT NOT NULL,
	row_id BIGINT NOT NULL,
	PRIMARY KEY (kind, hash, tbl, row_id)
) WITHOUT ROWID;

-- The hash-chained audit trail; rows are only ever appended.
CREATE TABLE audit (
	seq    INTEGER PRIMARY KEY,
	ts     BIGINT NOT NULL,
	actor  TEXT NOT NULL,
	action TEXT NOT NULL,
	object TEXT NOT NULL,
	detail TEXT NOT NULL,
	key_id BIGINT NOT NULL,
	prev   BLOB NOT NULL,
	hash   BLOB NOT NULL
);
CREATE INDEX audit_ts ON audit(ts);
