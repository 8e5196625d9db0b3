/*
 * store_sqlite.c — the SQLite backend: the primitives of store_int.h on one
 * sqlite3 connection in WAL mode, with every statement prepared once
 * (SQLITE_PREPARE_PERSISTENT) and reset after each use.
 */
#include "store/store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <pthread.h>
#include <unistd.h>

#include <sqlite3.h>

#include "lib/xalloc.h"

struct store_conn {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[STMT__MAX];
	unsigned char busy[STMT__MAX];   /* statement is being stepped (no re-entry) */
	struct {             /* indexes a bulk transaction dropped, to create again */
		char *name, *sql;
	} *bulk;
	size_t nbulk, capbulk;
	int bulk_journal;    /* a bulk load left WAL mode for a rollback journal */
};

/* Settings of every connection: WAL for concurrent readers, foreign keys
 * enforced, deleted sealed blobs overwritten with zeros, a cache large enough
 * for the demo's one big transaction. The WAL is copied back into the
 * database every 10,000 pages rather than SQLite's 1,000: a checkpoint
 * (two fsyncs) inside a small write, such as the audit entry of each person
 * search, cost that write milliseconds; with ten times fewer of them a
 * search stays well under one. Commits are as durable as before. */
static const char *const pragmas =
	"PRAGMA foreign_keys = ON;"
	"PRAGMA synchronous = NORMAL;"
	"PRAGMA secure_delete = ON;"
	"PRAGMA temp_store = MEMORY;"
	"PRAGMA cache_size = -65536;"
	"PRAGMA wal_autocheckpoint = 10000;";

/* ---- errors ---- */

/* Map a SQLite result to a kerr code and message. The SQLite message names
 * tables and columns, never values, so it may be shown. */
static enum kerr_code
sq_error(sqlite3 *db, int rc, struct kerr *err)
{
	const char *msg = db != NULL ? sqlite3_errmsg(db) : sqlite3_errstr(rc);

	switch (rc) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return kerr_set(err, KERR_CONFLICT, "already exists (%s)", msg);
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return kerr_set(err, KERR_INVALID, "reference to a record that does not exist");
	case SQLITE_CONSTRAINT_NOTNULL:
	case SQLITE_CONSTRAINT_CHECK:
		return kerr_set(err, KERR_INVALID, "%s", msg);
	}
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return kerr_set(err, KERR_IO, "database is busy; try again");
	case SQLITE_READONLY:
		return kerr_set(err, KERR_IO, "database is read-only");
	case SQLITE_FULL:
		return kerr_set(err, KERR_IO, "disk full while writing the database");
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return kerr_set(err, KERR_INTEGRITY, "database is corrupt: %s", msg);
	case SQLITE_CONSTRAINT:
		return kerr_set(err, KERR_INVALID, "%s", msg);
	}
	return kerr_set(err, KERR_IO, "database error: %s", msg);
}

/* ---- open and close ---- */

static void
sq_global_config_once(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static void bulk_forget(struct store_conn *c);

static void
sq_close(struct store_conn *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(c->stmt[i]);
	bulk_forget(c);
	sqlite3_close(c->db);
	free(c->path);
	free(c);
}

/* Touch the file's header: a file that is not a database fails here. */
static enum kerr_code
sq_configure(struct store_conn *c, int flags, struct kerr *err)
{
	int rc;

	sqlite3_extended_result_codes(c->db, 1);
	sqlite3_busy_timeout(c->db, 5000);
	rc = sqlite3_exec(c->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
	if (rc == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
		return kerr_set(err, KERR_IO, "'%s' is not a khipu database", c->path);
	if (rc != SQLITE_OK)
		return kerr_set(err, KERR_IO, "cannot read database '%s': %s", c->path,
			sqlite3_errmsg(c->db));
	if (!(flags & STORE_READONLY)) {
		rc = sqlite3_exec(c->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			return kerr_set(err, KERR_IO, "cannot set WAL mode on '%s': %s", c->path,
				sqlite3_errmsg(c->db));
	}
	if (sqlite3_exec(c->db, pragmas, NULL, NULL, NULL) != SQLITE_OK)
		return kerr_set(err, KERR_IO, "cannot configure database '%s': %s", c->path,
			sqlite3_errmsg(c->db));
	return KERR_OK;
}

/* A new database file is readable by its owner only, like the key file;
 * SQLite gives its -wal and -shm files the same mode. */
static enum kerr_code
sq_create_private(const char *path, struct kerr *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd >= 0)
		close(fd);
	else if (errno != EEXIST)
		return kerr_set(err, KERR_IO, "cannot create database '%s': %s", path,
			strerror(errno));
	return KERR_OK;
}

/* Process-wide settings, before SQLite initialises itself (later calls, or
 * a program that used SQLite first, leave the defaults: harmless). No
 * memory statistics: they take a global mutex on every allocation. */
static void
sq_global_config(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, sq_global_config_once);
}

static enum kerr_code
sq_open(const char *path, int flags, struct store_conn **out, struct kerr *err)
{
	struct store_conn *c;
	struct stat sb;
	enum kerr_code rc;
	int oflags;

	*out = NULL;
	if (path[0] == '\0')
		return kerr_set(err, KERR_INVALID, "empty database path");
	if (!(flags & STORE_CREATE) && stat(path, &sb) != 0) {
		if (errno == ENOENT)
			return kerr_set(err, KERR_IO,
				"database '%s' does not exist; create it with 'khipu init'", path);
		return kerr_set(err, KERR_IO, "cannot open database '%s': %s", path,
			strerror(errno));
	}
	if ((flags & STORE_CREATE) && strcmp(path, ":memory:") != 0 &&
	    (rc = sq_create_private(path, err)) != KERR_OK)
		return rc;
	sq_global_config();
	if (flags & STORE_READONLY)
		oflags = SQLITE_OPEN_READONLY;
	else
		oflags = SQLITE_OPEN_READWRITE | ((flags & STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
	/* a store is used by one thread at a time (its own state is not shared
	 * either): SQLite's per-connection mutexes would only cost time */
	oflags |= SQLITE_OPEN_NOMUTEX;
	c = xcalloc(1, sizeof(*c));
	c->path = xstrdup(path);
	if (sqlite3_open_v2(path, &c->db, oflags, NULL) != SQLITE_OK) {
		rc = kerr_set(err, KERR_IO, "cannot open database '%s': %s", path,
			c->db != NULL ? sqlite3_errmsg(c->db) : "out of memory");
		sq_close(c);
		return rc;
	}
	if ((rc = sq_configure(c, flags, err)) != KERR_OK) {
		sq_close(c);
		return rc;
	}
	*out = c;
	return KERR_OK;
}

/* ---- transactions ---- */

static enum kerr_code
sq_run(struct store_conn *c, const char *sql, struct kerr *err)
{
	int rc = sqlite3_exec(c->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? KERR_OK : sq_error(c->db, rc, err);
}

static enum kerr_code
sq_begin(struct store_conn *c, struct kerr *err)
{
	return sq_run(c, "BEGIN IMMEDIATE", err);
}

static enum kerr_code
sq_commit(struct store_conn *c, struct kerr *err)
{
	return sq_run(c, "COMMIT", err);
}

static void
sq_rollback(struct store_conn *c)
{
	/* some errors (disk full, I/O) already rolled the transaction back */
	if (!sqlite3_get_autocommit(c->db))
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
}

/* ---- statements ---- */

static enum kerr_code
sq_prepare(struct store_conn *c, enum store_stmt s, struct kerr *err)
{
	const char *sql = store_sqlite_sql[s].text;
	int rc;

	if (sql == NULL)
		return kerr_set(err, KERR_INTERNAL, "statement %d has no SQL for sqlite", (int)s);
	rc = sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &c->stmt[s], NULL);
	if (rc != SQLITE_OK) {
		enum kerr_code kc = kerr_set(err, KERR_IO, "cannot prepare statement %d: %s",
			(int)s, sqlite3_errmsg(c->db));
		sqlite3_finalize(c->stmt[s]);
		c->stmt[s] = NULL;
		return kc;
	}
	return KERR_OK;
}

static int
sq_bind(sqlite3_stmt *q, int i, const struct store_val *v)
{
	switch (v->type) {
	case STORE_VNULL:
		return sqlite3_bind_null(q, i);
	case STORE_VINT:
		return sqlite3_bind_int64(q, i, v->i);
	case STORE_VREAL:
		return sqlite3_bind_double(q, i, v->d);
	case STORE_VTEXT:
		return sqlite3_bind_text(q, i, v->p, (int)v->n, SQLITE_STATIC);
	case STORE_VBLOB:
		return sqlite3_bind_blob(q, i, v->n ? v->p : "", (int)v->n, SQLITE_STATIC);
	}
	return SQLITE_MISUSE;
}

static void
sq_column(sqlite3_stmt *q, int i, struct store_val *v)
{
	memset(v, 0, sizeof(*v));
	switch (sqlite3_column_type(q, i)) {
	case SQLITE_INTEGER:
		v->type = STORE_VINT;
		v->i = sqlite3_column_int64(q, i);
		break;
	case SQLITE_FLOAT:
		v->type = STORE_VREAL;
		v->d = sqlite3_column_double(q, i);
		break;
	case SQLITE_TEXT:
		v->type = STORE_VTEXT;
		v->p = sqlite3_column_text(q, i);
		v->n = (size_t)sqlite3_column_bytes(q, i);
		break;
	case SQLITE_BLOB:
		v->type = STORE_VBLOB;
		v->p = sqlite3_column_blob(q, i);
		v->n = (size_t)sqlite3_column_bytes(q, i);
		if (v->p == NULL)
			v->p = "";
		break;
	default:
		v->type = STORE_VNULL;
	}
}

/* Step q to the end, handing each row to cb until it asks to stop. */
static enum kerr_code
sq_steps(struct store_conn *c, sqlite3_stmt *q, store_row_cb cb, void *ctx,
	struct kerr *err)
{
	struct store_val col[STORE_MAX_COLS];
	int ncol = sqlite3_column_count(q), rc, i;

	if (ncol > STORE_MAX_COLS)
		return kerr_set(err, KERR_INTERNAL, "statement returns %d columns", ncol);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (cb == NULL)
			continue;
		for (i = 0; i < ncol; i++)
			sq_column(q, i, &col[i]);
		if (cb(ctx, col, (size_t)ncol) != 0)
			return KERR_OK;
	}
	return rc == SQLITE_DONE ? KERR_OK : sq_error(c->db, rc, err);
}

/* Yield the id a STORE_SQL_NEWID insert made, as RETURNING id would. */
static void
sq_newid(struct store_conn *c, store_row_cb cb, void *ctx)
{
	struct store_val v = { .type = STORE_VINT };

	if (cb == NULL || sqlite3_changes(c->db) != 1)
		return;
	v.i = sqlite3_last_insert_rowid(c->db);
	cb(ctx, &v, 1);
}

static enum kerr_code
sq_exec(struct store_conn *c, enum store_stmt s, const struct store_val *params,
	size_t nparams, store_row_cb cb, void *ctx, struct kerr *err)
{
	sqlite3_stmt *q;
	enum kerr_code rc;
	size_t i;

	if ((unsigned)s >= STMT__MAX)
		return kerr_set(err, KERR_INTERNAL, "unknown statement %d", (int)s);
	if (c->busy[s])
		return kerr_set(err, KERR_INTERNAL, "statement %d re-entered", (int)s);
	if (c->stmt[s] == NULL && (rc = sq_prepare(c, s, err)) != KERR_OK)
		return rc;
	q = c->stmt[s];
	if ((int)nparams != sqlite3_bind_parameter_count(q))
		return kerr_set(err, KERR_INTERNAL, "statement %d takes %d values, not %zu",
			(int)s, sqlite3_bind_parameter_count(q), nparams);
	for (i = 0; i < nparams; i++) {
		int brc = sq_bind(q, (int)i + 1, &params[i]);
		if (brc != SQLITE_OK) {
			rc = sq_error(c->db, brc, err);
			goto out;
		}
	}
	c->busy[s] = 1;
	rc = sq_steps(c, q, cb, ctx, err);
	c->busy[s] = 0;
	if (rc == KERR_OK && (store_sqlite_sql[s].flags & STORE_SQL_NEWID))
		sq_newid(c, cb, ctx);
out:
	/* every parameter is bound on each run, so bindings need no clearing */
	sqlite3_reset(q);
	return rc;
}

static enum kerr_code
sq_script(struct store_conn *c, const char *sql, struct kerr *err)
{
	char *msg = NULL;
	int rc = sqlite3_exec(c->db, sql, NULL, NULL, &msg);
	enum kerr_code kc = KERR_OK;

	if (rc != SQLITE_OK)
		kc = kerr_set(err, KERR_IO, "schema change failed: %s",
			msg != NULL ? msg : sqlite3_errstr(rc));
	sqlite3_free(msg);
	return kc;
}

/* ---- bulk transactions ---- */

static void
bulk_forget(struct store_conn *c)
{
	size_t i;

	for (i = 0; i < c->nbulk; i++) {
		sqlite3_free(c->bulk[i].name);
		sqlite3_free(c->bulk[i].sql);
	}
	free(c->bulk);
	c->bulk = NULL;
	c->nbulk = c->capbulk = 0;
}

static int
bulk_index_row(void *ctx, int ncol, char **val, char **col)
{
	struct store_conn *c = ctx;

	(void)col;
	if (ncol != 2 || val[0] == NULL || val[1] == NULL)
		return 1;
	if (c->nbulk == c->capbulk) {
		c->capbulk = c->capbulk ? 2 * c->capbulk : 32;
		c->bulk = xrealloc(c->bulk, c->capbulk * sizeof(*c->bulk));
	}
	c->bulk[c->nbulk].name = sqlite3_mprintf("%s", val[0]);
	c->bulk[c->nbulk++].sql = sqlite3_mprintf("%s", val[1]);
	return 0;
}

/* The journal and sync settings of a bulk load, and back. */
static const char *const bulk_enter = "PRAGMA synchronous = FULL";
static const char *const bulk_leave = "PRAGMA synchronous = NORMAL";

static int
journal_mode_row(void *ctx, int ncol, char **val, char **col)
{
	(void)col;
	*(int *)ctx = ncol == 1 && val[0] != NULL && strcmp(val[0], "delete") == 0;
	return 0;
}

/* Leave WAL for a rollback journal when no other connection is open: a
 * load into a nearly empty database then writes each page once, into the
 * database, instead of into the WAL and again at the checkpoint; appended
 * pages need no journal at all. Otherwise the load stays in WAL mode. */
static void
bulk_journal_enter(struct store_conn *c)
{
	c->bulk_journal = 0;
	sqlite3_busy_timeout(c->db, 0);
	if (sqlite3_exec(c->db, "PRAGMA journal_mode = DELETE", journal_mode_row,
	    &c->bulk_journal, NULL) != SQLITE_OK)
		c->bulk_journal = 0;
	sqlite3_busy_timeout(c->db, 5000);
}

static void
bulk_journal_leave(struct store_conn *c)
{
	if (c->bulk_journal)
		sqlite3_exec(c->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	c->bulk_journal = 0;
	sqlite3_exec(c->db, bulk_leave, NULL, NULL, NULL);
}

/* Drop the schema's plain secondary indexes, remembering their text. */
static int
bulk_drop_indexes(struct store_conn *c, char **msg)
{
	char *drop;
	size_t i;
	int rc;

	rc = sqlite3_exec(c->db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
		"AND sql IS NOT NULL AND upper(sql) NOT LIKE 'CREATE UNIQUE%' ORDER BY name",
		bulk_index_row, c, msg);
	for (i = 0; rc == SQLITE_OK && i < c->nbulk; i++) {
		drop = sqlite3_mprintf("DROP INDEX \"%w\"", c->bulk[i].name);
		rc = sqlite3_exec(c->db, drop, NULL, NULL, msg);
		sqlite3_free(drop);
	}
	return rc;
}

/*
 * A bulk load (store_begin_bulk) runs in one transaction like any write,
 * with three differences: a rollback journal instead of the WAL when the
 * connection is alone (bulk_journal_enter), synchronous=FULL for its one
 * commit, and the schema's plain (non-unique) secondary indexes dropped
 * inside the transaction and created again from their own text just before
 * the commit, so that SQLite builds each from one sorted pass instead of a
 * b-tree insert per row. Unique constraints, primary keys and foreign keys
 * stay in force throughout; a rollback brings everything back.
 */
static enum kerr_code
sq_bulk(struct store_conn *c, int on, struct kerr *err)
{
	char *msg = NULL;
	enum kerr_code kc;
	size_t i;
	int rc;

	if (on < 0) {
		sq_rollback(c);
		bulk_forget(c);
		bulk_journal_leave(c);
		return KERR_OK;
	}
	if (on == 0) {
		for (i = 0; i < c->nbulk; i++)
			if ((rc = sqlite3_exec(c->db, c->bulk[i].sql, NULL, NULL, NULL)) != SQLITE_OK)
				return sq_error(c->db, rc, err);
		if ((kc = sq_commit(c, err)) != KERR_OK)
			return kc;
		bulk_forget(c);
		bulk_journal_leave(c);
		return KERR_OK;
	}
	bulk_forget(c);
	bulk_journal_enter(c);
	sqlite3_exec(c->db, bulk_enter, NULL, NULL, NULL);
	if ((kc = sq_begin(c, err)) != KERR_OK) {
		bulk_journal_leave(c);
		return kc;
	}
	if ((rc = bulk_drop_indexes(c, &msg)) != SQLITE_OK) {
		kc = kerr_set(err, KERR_IO, "cannot start a bulk load: %s",
			msg != NULL ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		sq_bulk(c, -1, NULL);
		return kc;
	}
	return KERR_OK;
}

/* ---- backup, restore, check ---- */

/* Copy every page of src's main database into dst's, in one step. */
static int
sq_copy(sqlite3 *dst, sqlite3 *src)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	int rc;

	if (b == NULL)
		return sqlite3_errcode(dst);
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static enum kerr_code
sq_backup(struct store_conn *c, const char *path, struct kerr *err)
{
	sqlite3 *dst = NULL;
	enum kerr_code kc = KERR_OK;
	int fd, rc;

	/* O_EXCL: never overwrite; 0600: a backup holds the same secrets */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return kerr_set(err, KERR_CONFLICT, "'%s' already exists; "
				"a backup never overwrites a file", path);
		return kerr_set(err, KERR_IO, "cannot create '%s': %s", path, strerror(errno));
	}
	close(fd);
	rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sq_copy(dst, c->db);
	/* a backup is one self-contained file, not a WAL database */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		kc = kerr_set(err, KERR_IO, "cannot write backup '%s': %s", path,
			dst != NULL ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
	}
	if (sqlite3_close(dst) != SQLITE_OK && kc == KERR_OK)
		kc = kerr_set(err, KERR_IO, "cannot close backup '%s'", path);
	if (kc != KERR_OK)
		unlink(path);
	return kc;
}

static enum kerr_code
sq_restore(struct store_conn *c, const char *path, struct kerr *err)
{
	sqlite3 *src = NULL;
	struct stat sb;
	enum kerr_code kc = KERR_OK;
	int rc;

	if (stat(path, &sb) != 0)
		return kerr_set(err, KERR_IO, "cannot read backup '%s': %s", path, strerror(errno));
	rc = sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(src, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
	if (rc == SQLITE_NOTADB)
		kc = kerr_set(err, KERR_IO, "'%s' is not a khipu database", path);
	else if (rc != SQLITE_OK)
		kc = kerr_set(err, KERR_IO, "cannot read backup '%s': %s", path,
			src != NULL ? sqlite3_errmsg(src) : sqlite3_errstr(rc));
	else if ((rc = sq_copy(c->db, src)) != SQLITE_OK)
		kc = kerr_set(err, KERR_IO, "cannot restore from '%s': %s", path,
			sqlite3_errmsg(c->db));
	sqlite3_close(src);
	return kc;
}


const struct store_backend store_sqlite_backend = {
	.name = "sqlite",
	.sql = store_sqlite_sql,
	.ddl_subst = NULL,
	.nddl_subst = 0,
	.open = sq_open,
	.close = sq_close,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.exec = sq_exec,
	.script = sq_script,
	.backup = sq_backup,
	.restore = sq_restore,
	.bulk = sq_bulk,
};
