-- 0002_sessions.sql — web sessions and API tokens.
--
-- Only a hash (BLAKE2b-256) of each 256-bit secret is stored: a copy of the
-- database does not let anyone sign in. kind 'web' is a browser session
-- (idle and absolute time-outs); kind 'api' a bearer token (absolute expiry
-- only; revoked by deleting its row). Times are unix seconds.
CREATE TABLE sessions (
	id        INTEGER PRIMARY KEY,
	kind      TEXT NOT NULL CHECK (kind IN ('web', 'api')),
	hash      BLOB NOT NULL UNIQUE,
	user_id   BIGINT NOT NULL REFERENCES users(id),
	created   BIGINT NOT NULL,
	last_seen BIGINT NOT NULL,
	expires   BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires);
