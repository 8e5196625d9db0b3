/*
 * store_pg.c — the PostgreSQL backend: the primitives of store_int.h on one
 * libpq connection (one per store handle, so one per server worker), every
 * statement prepared once per session, values bound ($1..), text results
 * decoded by column type.
 *
 * Writes: store_begin opens a READ COMMITTED transaction and takes the
 * register's write lock (a transaction-scoped advisory lock), the same
 * discipline as SQLite's BEGIN IMMEDIATE. Every write appends to the audit
 * chain, a single sequence in which each entry holds the hash of the one
 * before, so writes are serial by nature; the lock makes that explicit and
 * makes each statement after it see every write committed before, so no
 * read-then-write of a transaction (the chain's head, a case's stage
 * derived from its events) can lose an update, and no serialization failure
 * can happen that would need a retry. Readers never wait: they run outside
 * the lock, on the primary or on a streaming replica (--db-read).
 *
 * Inside a write transaction, a statement whose rows nobody reads (an
 * insert without RETURNING: codes, sealed values, blind indexes, the audit
 * row) is sent in libpq's pipeline mode without waiting for its answer, so
 * bulk writes do not pay one round trip per row; the answers are read in
 * batches, before the next statement that returns rows and at commit. A
 * failure among them fails that next statement or the commit: the
 * transaction is rolled back whole, as always.
 *
 * A connection that breaks inside a transaction fails every later statement
 * until the rollback (the server has already rolled the transaction back:
 * nothing is half-written); the next transaction or statement outside one
 * reconnects, so a long-running server survives a restart of PostgreSQL.
 */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>

#include <libpq-fe.h>

#include "lib/xalloc.h"

#define PG_MIN_VERSION 130000          /* PostgreSQL 13 */
#define PG_WRITE_LOCK "7235434106197"  /* the register's advisory lock key */
#define PG_MAX_PARAMS 256   /* the bulk statements bind 64 rows of four */
#define PG_PIPE_BATCH 128              /* answers read at once in pipeline mode */

/* Type oids of pg_type.h (a server header libpq does not install). */
enum {
	OID_BOOL = 16, OID_BYTEA = 17, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23,
	OID_OID = 26, OID_FLOAT4 = 700, OID_FLOAT8 = 701, OID_NUMERIC = 1700,
};

struct store_conn {
	PGconn *pg;
	char where[256];       /* user@host:port/db for messages; never a password */
	int flags;             /* enum store_open_flags */
	int in_tx;             /* between begin and commit/rollback */
	int lost;              /* the connection broke: reset before the next use */
	int streaming;         /* a STORE_SQL_STREAM statement is handing rows over */
	int pipe;              /* in pipeline mode (see the top of this file) */
	size_t delivered;      /* rows handed to the callback by the current exec */
	int npending;          /* statements sent whose answers are not read yet */
	struct kerr pipe_err;  /* the first failure among them */
	unsigned char prepared[STMT__MAX];
	unsigned char *bytea;  /* decoded bytea values of the current row */
	size_t cap_bytea;
	char *copy;            /* COPY FROM STDIN rows not sent yet (pg_copy_row) */
	size_t ncopy, cap_copy;
};

/* ---- errors ---- */

/* The first line of a libpq message, without "FATAL:  " and the like. */
static void
first_line(const char *msg, char *out, size_t n)
{
	const char *p = msg != NULL ? msg : "";
	const char *tags[] = { "FATAL:  ", "ERROR:  " }, *t;
	size_t i, len;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if ((t = strstr(p, tags[i])) != NULL)
			p = t + strlen(tags[i]);
	len = strcspn(p, "\n");
	if (len >= n)
		len = n - 1;
	memcpy(out, p, len);
	out[len] = '\0';
}

static int
conn_broken(struct store_conn *c)
{
	return c->pg == NULL || PQstatus(c->pg) == CONNECTION_BAD;
}

/* Map a failed result to a kerr code. Only the server's primary message is
 * shown: it names tables, columns and constraints; its DETAIL would show
 * values and is never used. */
static enum kerr_code
pg_error(struct store_conn *c, PGresult *res, struct kerr *err)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *prim = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	char line[256];

	if (conn_broken(c) || (state != NULL && strncmp(state, "08", 2) == 0) ||
	    (state != NULL && strncmp(state, "57P", 3) == 0)) {
		c->lost = 1;
		if (c->in_tx)
			return kerr_set(err, KERR_IO, "connection to PostgreSQL at '%s' lost; the "
				"transaction was rolled back and nothing was written; try again",
				c->where);
		return kerr_set(err, KERR_IO, "connection to PostgreSQL at '%s' lost; try again",
			c->where);
	}
	if (prim == NULL) {
		first_line(PQerrorMessage(c->pg), line, sizeof(line));
		prim = line;
	}
	if (state == NULL)
		return kerr_set(err, KERR_IO, "database error: %s", prim);
	if (strcmp(state, "23505") == 0)
		return kerr_set(err, KERR_CONFLICT, "already exists (%s)", prim);
	if (strcmp(state, "23503") == 0)
		return kerr_set(err, KERR_INVALID, "reference to a record that does not exist");
	if (strncmp(state, "23", 2) == 0)
		return kerr_set(err, KERR_INVALID, "%s", prim);
	if (strncmp(state, "22", 2) == 0)   /* its message would quote the value */
		return kerr_set(err, KERR_INVALID, "a value does not fit its column (SQLSTATE %s)",
			state);
	if (strcmp(state, "55P03") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "40001") == 0)
		return kerr_set(err, KERR_IO, "database is busy (%s); nothing was written; try "
			"again", prim);
	if (strcmp(state, "25006") == 0)
		return kerr_set(err, KERR_IO, "database at '%s' is read-only (a replica?); "
			"writes go to the primary", c->where);
	if (strcmp(state, "53100") == 0)
		return kerr_set(err, KERR_IO, "disk full on the database server");
	if (strncmp(state, "42", 2) == 0 && strcmp(state, "42501") == 0)
		return kerr_set(err, KERR_DENIED, "PostgreSQL user may not do this: %s", prim);
	return kerr_set(err, KERR_IO, "database error: %s", prim);
}

/* ---- open and close ---- */

/* Notices are not shown; a FATAL one arrives when the server ends an idle
 * session (restart, administrator): the connection is then gone. */
static void
notice_quiet(void *arg, const char *message)
{
	struct store_conn *c = arg;

	if (strncmp(message, "FATAL", 5) == 0)
		c->lost = 1;
}

static void
describe(struct store_conn *c)
{
	const char *host = PQhost(c->pg), *port = PQport(c->pg);
	const char *user = PQuser(c->pg), *db = PQdb(c->pg);

	snprintf(c->where, sizeof(c->where), "%s@%s:%s/%s", user ? user : "",
		host && *host ? host : "localhost", port && *port ? port : "5432", db ? db : "");
}

static enum kerr_code
connect_error(struct store_conn *c, struct kerr *err)
{
	const char *msg = PQerrorMessage(c->pg);
	char line[256];

	first_line(msg, line, sizeof(line));
	if (strstr(msg, "password") != NULL || strstr(msg, "authentication") != NULL ||
	    (strstr(msg, "role \"") != NULL && strstr(msg, "does not exist") != NULL))
		return kerr_set(err, KERR_DENIED, "PostgreSQL at '%s' refused the login: %s; "
			"check the user and password of --db (or ~/.pgpass)", c->where, line);
	if (strstr(msg, "database \"") != NULL && strstr(msg, "does not exist") != NULL)
		return kerr_set(err, KERR_IO, "%s at '%s'; create it first (createdb -E UTF8), "
			"then run 'khipu init'", line, c->where);
	return kerr_set(err, KERR_IO, "cannot reach PostgreSQL at '%s': %s; check that the "
		"server runs and the host and port of --db", c->where, line);
}

/* Settings of every session: UTC, quiet notices, a bounded wait for the
 * write lock, and read-only when asked (a replica, a backup's snapshot). */
static enum kerr_code
session_setup(struct store_conn *c, struct kerr *err)
{
	const char *enc;
	PGresult *res;
	enum kerr_code rc = KERR_OK;
	int v;

	PQsetNoticeProcessor(c->pg, notice_quiet, c);
	v = PQserverVersion(c->pg);
	if (v < PG_MIN_VERSION)
		return kerr_set(err, KERR_IO, "PostgreSQL at '%s' is version %d.%d; khipu needs "
			"13 or newer", c->where, v / 10000, v >= 100000 ? v % 10000 : v / 100 % 100);
	enc = PQparameterStatus(c->pg, "server_encoding");
	if (enc == NULL || strcmp(enc, "UTF8") != 0)
		return kerr_set(err, KERR_IO, "database '%s' uses encoding %s; khipu needs UTF8 "
			"(createdb -E UTF8 -T template0)", c->where, enc ? enc : "?");
	if (PQsetClientEncoding(c->pg, "UTF8") != 0)
		return kerr_set(err, KERR_IO, "cannot use UTF8 with PostgreSQL at '%s'", c->where);
	res = PQexec(c->pg, (c->flags & STORE_READONLY) ?
		"SET TIME ZONE 'UTC'; SET client_min_messages = warning; "
		"SET application_name = 'khipu'; SET default_transaction_read_only = on" :
		"SET TIME ZONE 'UTC'; SET client_min_messages = warning; "
		"SET application_name = 'khipu'; SET lock_timeout = '60s'");
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = pg_error(c, res, err);
	PQclear(res);
	return rc;
}

static void
pg_close(struct store_conn *c)
{
	if (c == NULL)
		return;
	PQfinish(c->pg);
	free(c->bytea);
	free(c->copy);
	free(c);
}

static enum kerr_code
pg_open(const char *url, int flags, struct store_conn **out, struct kerr *err)
{
	struct store_conn *c = xcalloc(1, sizeof(*c));
	enum kerr_code rc;

	*out = NULL;
	c->flags = flags;
	c->pg = PQconnectdb(url);
	if (c->pg == NULL) {
		free(c);
		return kerr_set(err, KERR_IO, "cannot connect to PostgreSQL: out of memory");
	}
	describe(c);
	if (PQstatus(c->pg) != CONNECTION_OK)
		rc = connect_error(c, err);
	else
		rc = session_setup(c, err);
	if (rc != KERR_OK) {
		pg_close(c);
		return rc;
	}
	*out = c;
	return KERR_OK;
}

/* Reconnect after a lost connection; prepared statements went with it. */
static enum kerr_code
pg_reset(struct store_conn *c, struct kerr *err)
{
	PQreset(c->pg);
	memset(c->prepared, 0, sizeof(c->prepared));
	c->pipe = 0;
	c->npending = 0;
	kerr_clear(&c->pipe_err);
	if (PQpipelineStatus(c->pg) != PQ_PIPELINE_OFF)
		PQexitPipelineMode(c->pg);
	if (PQstatus(c->pg) != CONNECTION_OK)
		return connect_error(c, err);
	c->lost = 0;
	return session_setup(c, err);
}

/* Before a statement: a broken connection fails inside a transaction (its
 * work is gone) and is re-opened outside one. */
static enum kerr_code
pg_ready(struct store_conn *c, struct kerr *err)
{
	/* between transactions, read what the server may have sent meanwhile:
	 * a session it ended (restart, administrator) shows as broken here,
	 * before a statement is sent to it */
	if (!c->in_tx && !c->lost && c->pg != NULL && PQconsumeInput(c->pg))
		PQconsumeInput(c->pg);   /* the first reads its last words, this the end */
	if (!c->lost && !conn_broken(c))
		return KERR_OK;
	c->lost = 1;
	if (c->in_tx)
		return kerr_set(err, KERR_IO, "connection to PostgreSQL at '%s' lost; the "
			"transaction was rolled back and nothing was written; try again", c->where);
	return pg_reset(c, err);
}

/* ---- pipeline mode ---- */

/* Read the answers of every statement sent; keep the first failure. */
static void
pipe_read(struct store_conn *c)
{
	PGresult *res;

	for (; c->npending > 0; c->npending--) {
		while ((res = PQgetResult(c->pg)) != NULL) {
			ExecStatusType s = PQresultStatus(res);
			if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK &&
			    s != PGRES_SINGLE_TUPLE && c->pipe_err.code == KERR_OK)
				pg_error(c, s == PGRES_PIPELINE_ABORTED ? NULL : res, &c->pipe_err);
			PQclear(res);
		}
		if (conn_broken(c)) {
			if (c->pipe_err.code == KERR_OK)
				pg_error(c, NULL, &c->pipe_err);
			c->npending = 0;
			break;
		}
	}
}

/* Send statement name without waiting for its answer; drain: read the
 * answers when a batch is full. */
static void
pipe_send(struct store_conn *c, const char *name, const char *const *val, const int *len,
	const int *fmt, int n, int drain)
{
	if (!c->pipe) {
		if (!PQenterPipelineMode(c->pg)) {
			pg_error(c, NULL, &c->pipe_err);
			return;
		}
		c->pipe = 1;
	}
	if (!PQsendQueryPrepared(c->pg, name, n, val, len, fmt, 0)) {
		if (c->pipe_err.code == KERR_OK)
			pg_error(c, NULL, &c->pipe_err);
		return;
	}
	c->npending++;
	/* read answers before they fill the socket, which would block both sides */
	if (drain && c->npending >= PG_PIPE_BATCH && PQsendFlushRequest(c->pg) &&
	    PQflush(c->pg) == 0)
		pipe_read(c);
}

/* Leave pipeline mode after reading every answer; the first failure among
 * them, if any, is the result. */
static enum kerr_code
pipe_finish(struct store_conn *c, struct kerr *err)
{
	PGresult *res;
	enum kerr_code rc;

	if (c->pipe) {
		if (PQpipelineSync(c->pg)) {
			pipe_read(c);
			/* then the answer to the sync itself */
			while ((res = PQgetResult(c->pg)) != NULL) {
				int sync = PQresultStatus(res) == PGRES_PIPELINE_SYNC;
				PQclear(res);
				if (sync)
					break;
			}
		} else if (c->pipe_err.code == KERR_OK) {
			pg_error(c, NULL, &c->pipe_err);
		}
		if (!PQexitPipelineMode(c->pg) && c->pipe_err.code == KERR_OK)
			pg_error(c, NULL, &c->pipe_err);
		c->pipe = 0;
		c->npending = 0;
	}
	rc = c->pipe_err.code;
	if (rc != KERR_OK && err != NULL)
		*err = c->pipe_err;
	kerr_clear(&c->pipe_err);
	return rc;
}

/* ---- transactions ---- */

static enum kerr_code
pg_run(struct store_conn *c, const char *sql, struct kerr *err)
{
	PGresult *res = PQexec(c->pg, sql);
	ExecStatusType s = PQresultStatus(res);
	enum kerr_code rc = KERR_OK;

	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
		rc = pg_error(c, res, err);
	PQclear(res);
	return rc;
}

/* Open a transaction with sql; a connection found dead at that moment
 * (the server restarted since the last use) is re-opened once. */
static enum kerr_code
pg_begin_with(struct store_conn *c, const char *sql, struct kerr *err)
{
	enum kerr_code rc;
	int tries;

	for (tries = 0; tries < 2; tries++) {
		if ((rc = pg_ready(c, err)) != KERR_OK)
			return rc;
		c->in_tx = 1;
		if ((rc = pg_run(c, sql, err)) == KERR_OK)
			return KERR_OK;
		c->in_tx = 0;
		if (!c->lost)
			break;
	}
	if (!conn_broken(c) && PQtransactionStatus(c->pg) != PQTRANS_IDLE) {
		PGresult *res = PQexec(c->pg, "ROLLBACK");
		PQclear(res);
	}
	return rc;
}

static enum kerr_code
pg_begin(struct store_conn *c, struct kerr *err)
{
	if (c->flags & STORE_READONLY)
		return kerr_set(err, KERR_IO, "database at '%s' was opened read-only", c->where);
	return pg_begin_with(c, "BEGIN ISOLATION LEVEL READ COMMITTED; "
		"SELECT pg_advisory_xact_lock(" PG_WRITE_LOCK ")", err);
}

static enum kerr_code
pg_begin_read(struct store_conn *c, struct kerr *err)
{
	return pg_begin_with(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", err);
}

static enum kerr_code
pg_commit(struct store_conn *c, struct kerr *err)
{
	PGresult *res;
	enum kerr_code rc = KERR_OK;

	if ((rc = pg_ready(c, err)) != KERR_OK)
		return rc;
	if ((rc = pipe_finish(c, err)) != KERR_OK) {
		if (!conn_broken(c))
			PQclear(PQexec(c->pg, "ROLLBACK"));
		c->in_tx = 0;
		return rc;
	}
	res = PQexec(c->pg, "COMMIT");
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		if (conn_broken(c))
			rc = kerr_set(err, KERR_IO, "connection to PostgreSQL at '%s' lost while "
				"committing; the write may or may not have been saved: look before "
				"trying again", c->where);
		else
			rc = pg_error(c, res, err);
		c->lost = conn_broken(c);
	} else if (strcmp(PQcmdStatus(res), "ROLLBACK") == 0) {
		/* COMMIT of a failed transaction rolls back */
		rc = kerr_set(err, KERR_IO, "the transaction failed and was rolled back");
	}
	PQclear(res);
	c->in_tx = 0;
	return rc;
}

static void
pg_rollback(struct store_conn *c)
{
	pipe_finish(c, NULL);
	if (!conn_broken(c) && PQtransactionStatus(c->pg) != PQTRANS_IDLE) {
		PGresult *res = PQexec(c->pg, "ROLLBACK");
		PQclear(res);
	}
	c->in_tx = 0;
}

/* ---- statements ---- */

static enum kerr_code
pg_prepare(struct store_conn *c, enum store_stmt s, struct kerr *err)
{
	const char *sql = store_pg_sql[s].text;
	char name[16];
	PGresult *res;
	enum kerr_code rc = KERR_OK;

	if (sql == NULL)
		return kerr_set(err, KERR_INTERNAL, "statement %d has no SQL for postgresql", (int)s);
	snprintf(name, sizeof(name), "k%d", (int)s);
	res = PQprepare(c->pg, name, sql, 0, NULL);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		rc = pg_error(c, res, err);
		if (!c->lost) {
			char why[sizeof(err->msg)];
			snprintf(why, sizeof(why), "%s", err->msg);
			rc = kerr_set(err, KERR_IO, "cannot prepare statement %d: %s", (int)s, why);
		}
	} else {
		c->prepared[s] = 1;
	}
	PQclear(res);
	return rc;
}

/* Parameters as libpq wants them: integers and reals as text, text as is,
 * blobs in binary (no escaping). num holds the digits of numbers. */
struct pg_params {
	const char *val[PG_MAX_PARAMS];
	int len[PG_MAX_PARAMS];
	int fmt[PG_MAX_PARAMS];
	char num[PG_MAX_PARAMS][32];
	char *owned[PG_MAX_PARAMS];   /* text copied to add its NUL */
};

static void
params_build(struct pg_params *pp, const struct store_val *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		pp->fmt[i] = 0;
		pp->len[i] = 0;
		pp->owned[i] = NULL;
		switch (v[i].type) {
		case STORE_VNULL:
			pp->val[i] = NULL;
			break;
		case STORE_VINT:
			snprintf(pp->num[i], sizeof(pp->num[i]), "%lld", (long long)v[i].i);
			pp->val[i] = pp->num[i];
			break;
		case STORE_VREAL:
			snprintf(pp->num[i], sizeof(pp->num[i]), "%.17g", v[i].d);
			pp->val[i] = pp->num[i];
			break;
		case STORE_VTEXT:
			/* text is sent up to its NUL: copy when it has none at n */
			if (memchr(v[i].p, '\0', v[i].n + 1) == (const char *)v[i].p + v[i].n) {
				pp->val[i] = v[i].p;
			} else {
				pp->owned[i] = xmalloc(v[i].n + 1);
				memcpy(pp->owned[i], v[i].p, v[i].n);
				pp->owned[i][v[i].n] = '\0';
				pp->val[i] = pp->owned[i];
			}
			break;
		case STORE_VBLOB:
			pp->val[i] = v[i].n ? v[i].p : "";
			pp->len[i] = (int)v[i].n;
			pp->fmt[i] = 1;
			break;
		}
	}
}

static void
params_release(struct pg_params *pp, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(pp->owned[i]);
}

static int
hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return 0;
}

/* Decode bytea's text form "\x0a1b.." into dst; returns the bytes. */
static size_t
bytea_decode(const char *s, size_t n, unsigned char *dst)
{
	size_t i, o = 0;

	if (n < 2 || s[0] != '\\' || s[1] != 'x')
		return 0;   /* the escape format is never used with PostgreSQL >= 9 */
	for (i = 2; i + 1 < n; i += 2)
		dst[o++] = (unsigned char)(hexval(s[i]) << 4 | hexval(s[i + 1]));
	return o;
}

/* Hand row r of res to cb; returns cb's answer. */
static int
row_deliver(struct store_conn *c, PGresult *res, int r, store_row_cb cb, void *ctx)
{
	struct store_val col[STORE_MAX_COLS];
	int ncol = PQnfields(res), i;
	size_t need = 0, used = 0;

	for (i = 0; i < ncol; i++)
		if (PQftype(res, i) == OID_BYTEA && !PQgetisnull(res, r, i))
			need += (size_t)PQgetlength(res, r, i) / 2 + 1;
	if (need > c->cap_bytea) {
		c->cap_bytea = need * 2;
		c->bytea = xrealloc(c->bytea, c->cap_bytea);
	}
	for (i = 0; i < ncol; i++) {
		struct store_val *v = &col[i];
		const char *s = PQgetvalue(res, r, i);
		size_t n = (size_t)PQgetlength(res, r, i);
		memset(v, 0, sizeof(*v));
		if (PQgetisnull(res, r, i)) {
			v->type = STORE_VNULL;
			continue;
		}
		switch (PQftype(res, i)) {
		case OID_INT2: case OID_INT4: case OID_INT8: case OID_OID:
			v->type = STORE_VINT;
			v->i = strtoll(s, NULL, 10);
			break;
		case OID_BOOL:
			v->type = STORE_VINT;
			v->i = s[0] == 't';
			break;
		case OID_NUMERIC:
			/* sum() of integers is numeric: an integer when it has no point */
			if (strchr(s, '.') == NULL && strchr(s, 'N') == NULL) {
				v->type = STORE_VINT;
				v->i = strtoll(s, NULL, 10);
				break;
			}
			/* fall through */
		case OID_FLOAT4: case OID_FLOAT8:
			v->type = STORE_VREAL;
			v->d = strtod(s, NULL);
			break;
		case OID_BYTEA:
			v->type = STORE_VBLOB;
			v->p = c->bytea + used;
			v->n = bytea_decode(s, n, c->bytea + used);
			used += v->n + 1;
			break;
		default:
			v->type = STORE_VTEXT;
			v->p = s;
			v->n = n;
		}
	}
	c->delivered++;
	return cb(ctx, col, (size_t)ncol);
}

static enum kerr_code
result_check(struct store_conn *c, PGresult *res, struct kerr *err)
{
	ExecStatusType s = PQresultStatus(res);

	if (s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK || s == PGRES_SINGLE_TUPLE)
		return KERR_OK;
	return pg_error(c, res, err);
}

/* Whole result at once: the row callbacks may run other statements. */
static enum kerr_code
exec_whole(struct store_conn *c, const char *name, struct pg_params *pp, int n,
	store_row_cb cb, void *ctx, struct kerr *err)
{
	PGresult *res = PQexecPrepared(c->pg, name, n, pp->val, pp->len, pp->fmt, 0);
	enum kerr_code rc = result_check(c, res, err);
	int r, rows;

	if (rc == KERR_OK && cb != NULL && PQresultStatus(res) == PGRES_TUPLES_OK) {
		if (PQnfields(res) > STORE_MAX_COLS)
			rc = kerr_set(err, KERR_INTERNAL, "statement returns %d columns",
				PQnfields(res));
		rows = rc == KERR_OK ? PQntuples(res) : 0;
		for (r = 0; r < rows; r++)
			if (row_deliver(c, res, r, cb, ctx) != 0)
				break;
	}
	PQclear(res);
	return rc;
}

/* Row by row (single-row mode): big walks stay small in memory. */
static enum kerr_code
exec_stream(struct store_conn *c, const char *name, struct pg_params *pp, int n,
	store_row_cb cb, void *ctx, struct kerr *err)
{
	PGresult *res;
	enum kerr_code rc = KERR_OK;
	int stop = 0;

	if (!PQsendQueryPrepared(c->pg, name, n, pp->val, pp->len, pp->fmt, 0))
		return pg_error(c, NULL, err);
	PQsetSingleRowMode(c->pg);
	while ((res = PQgetResult(c->pg)) != NULL) {
		if (rc == KERR_OK)
			rc = result_check(c, res, err);
		if (rc == KERR_OK && !stop && cb != NULL &&
		    PQresultStatus(res) == PGRES_SINGLE_TUPLE) {
			if (PQnfields(res) > STORE_MAX_COLS)
				rc = kerr_set(err, KERR_INTERNAL, "statement returns %d columns",
					PQnfields(res));
			else
				stop = row_deliver(c, res, 0, cb, ctx);
		}
		PQclear(res);
	}
	return rc;
}

/* A statement that answers, inside the pipeline: send it, read the answers
 * of those sent before it, then its own results, whole, before any row goes
 * to the callback (which may then run statements of its own). One round
 * trip. */
static enum kerr_code
exec_piped(struct store_conn *c, const char *name, struct pg_params *pp, int n,
	store_row_cb cb, void *ctx, struct kerr *err)
{
	PGresult *res, **got = NULL;
	enum kerr_code rc = KERR_OK;
	size_t ngot = 0, cap = 0, i;
	int stop = 0, r;

	pipe_send(c, name, pp->val, pp->len, pp->fmt, n, 0);
	if (c->pipe_err.code == KERR_OK && (!PQsendFlushRequest(c->pg) || PQflush(c->pg) != 0))
		pg_error(c, NULL, &c->pipe_err);
	if (c->npending > 0) {
		c->npending--;     /* its own answer is read below */
		pipe_read(c);
	}
	while (!conn_broken(c) && (res = PQgetResult(c->pg)) != NULL) {
		if (ngot == cap) {
			cap = cap ? cap * 2 : 4;
			got = xrealloc(got, cap * sizeof(*got));
		}
		got[ngot++] = res;
	}
	for (i = 0; i < ngot; i++) {
		ExecStatusType s = PQresultStatus(got[i]);
		/* libpq keeps single-row mode from a walk before into a pipeline
		 * (it resets it only outside one): rows may come one by one */
		int rows = s == PGRES_TUPLES_OK || s == PGRES_SINGLE_TUPLE;
		if (rows && rc == KERR_OK && !stop && cb != NULL && c->pipe_err.code == KERR_OK) {
			if (PQnfields(got[i]) > STORE_MAX_COLS)
				rc = kerr_set(err, KERR_INTERNAL, "statement returns %d columns",
					PQnfields(got[i]));
			for (r = 0; rc == KERR_OK && !stop && r < PQntuples(got[i]); r++)
				stop = row_deliver(c, got[i], r, cb, ctx);
		} else if (!rows && s != PGRES_COMMAND_OK && rc == KERR_OK &&
		    s != PGRES_PIPELINE_ABORTED) {
			rc = pg_error(c, got[i], err);
		}
	}
	for (i = 0; i < ngot; i++)
		PQclear(got[i]);
	free(got);
	if (c->pipe_err.code != KERR_OK) {
		/* an earlier statement failed: that is the error to report */
		if (err != NULL)
			*err = c->pipe_err;
		return c->pipe_err.code;
	}
	if (rc == KERR_OK && conn_broken(c))
		rc = pg_error(c, NULL, err);
	if (rc != KERR_OK && c->pipe_err.code == KERR_OK && err != NULL)
		c->pipe_err = *err;   /* the transaction is aborted: commit must fail too */
	return rc;
}

static enum kerr_code pg_exec_once(struct store_conn *c, enum store_stmt s,
	const struct store_val *params, size_t nparams, store_row_cb cb, void *ctx,
	struct kerr *err);

/* A read outside a transaction that finds the connection gone (the server
 * restarted, or ended the session, since the last use) is sent once more on
 * a new connection: reading twice is harmless. Writes are never resent. */
static enum kerr_code
pg_exec(struct store_conn *c, enum store_stmt s, const struct store_val *params,
	size_t nparams, store_row_cb cb, void *ctx, struct kerr *err)
{
	enum kerr_code rc;

	c->delivered = 0;
	rc = pg_exec_once(c, s, params, nparams, cb, ctx, err);
	/* (not when rows were handed over already: they would come twice) */
	if (rc != KERR_OK && c->lost && !c->in_tx && c->delivered == 0 && (unsigned)s < STMT__MAX &&
	    store_pg_sql[s].text != NULL && strncmp(store_pg_sql[s].text, "SELECT ", 7) == 0)
		rc = pg_exec_once(c, s, params, nparams, cb, ctx, err);
	return rc;
}

static enum kerr_code
pg_exec_once(struct store_conn *c, enum store_stmt s, const struct store_val *params,
	size_t nparams, store_row_cb cb, void *ctx, struct kerr *err)
{
	struct pg_params pp;
	char name[16];
	enum kerr_code rc;
	int piped;

	if ((unsigned)s >= STMT__MAX)
		return kerr_set(err, KERR_INTERNAL, "unknown statement %d", (int)s);
	if (nparams > PG_MAX_PARAMS)
		return kerr_set(err, KERR_INTERNAL, "statement %d: too many values", (int)s);
	if (c->streaming)
		return kerr_set(err, KERR_INTERNAL, "statement %d run while another streams",
			(int)s);
	if ((rc = pg_ready(c, err)) != KERR_OK)
		return rc;
	piped = c->in_tx && !(store_pg_sql[s].flags & STORE_SQL_STREAM) &&
		!(c->flags & STORE_READONLY);
	/* a walk, or a statement not prepared yet, ends the pipeline */
	if ((!piped || !c->prepared[s]) && (rc = pipe_finish(c, err)) != KERR_OK)
		return rc;
	if (!c->prepared[s] && (rc = pg_prepare(c, s, err)) != KERR_OK)
		return rc;
	snprintf(name, sizeof(name), "k%d", (int)s);
	params_build(&pp, params, nparams);
	if (piped && cb == NULL) {
		pipe_send(c, name, pp.val, pp.len, pp.fmt, (int)nparams, 1);
		rc = c->pipe_err.code;
		if (rc != KERR_OK && err != NULL)
			*err = c->pipe_err;
	} else if (piped) {
		rc = exec_piped(c, name, &pp, (int)nparams, cb, ctx, err);
	} else if (store_pg_sql[s].flags & STORE_SQL_STREAM) {
		c->streaming = 1;
		rc = exec_stream(c, name, &pp, (int)nparams, cb, ctx, err);
		c->streaming = 0;
	} else
		rc = exec_whole(c, name, &pp, (int)nparams, cb, ctx, err);
	params_release(&pp, nparams);
	return rc;
}

static enum kerr_code
pg_script(struct store_conn *c, const char *sql, struct kerr *err)
{
	enum kerr_code rc;

	if ((rc = pg_ready(c, err)) != KERR_OK || (rc = pipe_finish(c, err)) != KERR_OK)
		return rc;
	if ((rc = pg_run(c, sql, err)) != KERR_OK && !c->lost) {
		char why[sizeof(err->msg)];
		snprintf(why, sizeof(why), "%s", err->msg);
		return kerr_set(err, KERR_IO, "schema change failed: %s", why);
	}
	return rc;
}

/* ---- bulk load: COPY FROM STDIN (store_copy.c) ---- */

#define COPY_FLUSH (256 * 1024)   /* bytes buffered before PQputCopyData */

static enum kerr_code
pg_copy_begin(struct store_conn *c, const char *table, const char *cols, struct kerr *err)
{
	char sql[2048];
	PGresult *res;
	enum kerr_code rc;

	if ((rc = pg_ready(c, err)) != KERR_OK || (rc = pipe_finish(c, err)) != KERR_OK)
		return rc;
	if ((size_t)snprintf(sql, sizeof(sql), "COPY %s (%s) FROM STDIN", table, cols) >= sizeof(sql))
		return kerr_set(err, KERR_INTERNAL, "table '%s': column list too long", table);
	res = PQexec(c->pg, sql);
	if (PQresultStatus(res) != PGRES_COPY_IN)
		rc = pg_error(c, res, err);
	PQclear(res);
	c->ncopy = 0;
	return rc;
}

static void
copy_need(struct store_conn *c, size_t n)
{
	if (c->ncopy + n <= c->cap_copy)
		return;
	c->cap_copy = (c->ncopy + n) * 2;
	c->copy = xrealloc(c->copy, c->cap_copy);
}

/* COPY's text format: tab between columns, \N for NULL, and backslash,
 * tab, newline and carriage return escaped; bytea as \x and hex (its
 * backslash doubled, being inside the text format). */
static void
copy_text(struct store_conn *c, const unsigned char *p, size_t n)
{
	size_t i;

	copy_need(c, 2 * n);
	for (i = 0; i < n; i++) {
		char e = p[i] == '\\' ? '\\' : p[i] == '\t' ? 't' : p[i] == '\n' ? 'n' :
			p[i] == '\r' ? 'r' : 0;
		if (e) {
			c->copy[c->ncopy++] = '\\';
			c->copy[c->ncopy++] = e;
		} else
			c->copy[c->ncopy++] = (char)p[i];
	}
}

static void
copy_value(struct store_conn *c, const struct store_val *v)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	copy_need(c, 40);
	switch (v->type) {
	case STORE_VNULL:
		memcpy(c->copy + c->ncopy, "\\N", 2);
		c->ncopy += 2;
		break;
	case STORE_VINT:
		c->ncopy += (size_t)snprintf(c->copy + c->ncopy, 40, "%lld", (long long)v->i);
		break;
	case STORE_VREAL:
		c->ncopy += (size_t)snprintf(c->copy + c->ncopy, 40, "%.17g", v->d);
		break;
	case STORE_VTEXT:
		copy_text(c, (const unsigned char *)v->p, v->n);
		break;
	case STORE_VBLOB:
		copy_need(c, 3 + 2 * v->n);
		memcpy(c->copy + c->ncopy, "\\\\x", 3);
		c->ncopy += 3;
		for (i = 0; i < v->n; i++) {
			c->copy[c->ncopy++] = hex[((const unsigned char *)v->p)[i] >> 4];
			c->copy[c->ncopy++] = hex[((const unsigned char *)v->p)[i] & 15];
		}
		break;
	}
}

static enum kerr_code
copy_flush(struct store_conn *c, struct kerr *err)
{
	if (c->ncopy > 0 && PQputCopyData(c->pg, c->copy, (int)c->ncopy) != 1) {
		conn_broken(c);
		return kerr_set(err, KERR_IO, "%s: the bulk load was cut: %s", c->where,
			PQerrorMessage(c->pg));
	}
	c->ncopy = 0;
	return KERR_OK;
}

static enum kerr_code
pg_copy_row(struct store_conn *c, const struct store_val *v, size_t n, struct kerr *err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0) {
			copy_need(c, 1);
			c->copy[c->ncopy++] = '\t';
		}
		copy_value(c, &v[i]);
	}
	copy_need(c, 1);
	c->copy[c->ncopy++] = '\n';
	return c->ncopy >= COPY_FLUSH ? copy_flush(c, err) : KERR_OK;
}

/* The server checks the rows (types, keys, references) as they arrive and
 * answers once, at the end: a refused row refuses the whole load. */
static enum kerr_code
pg_copy_end(struct store_conn *c, int ok, struct kerr *err)
{
	enum kerr_code rc = ok ? copy_flush(c, err) : KERR_OK;
	PGresult *res;

	if (PQputCopyEnd(c->pg, rc == KERR_OK && ok ? NULL : "the load was abandoned") != 1) {
		conn_broken(c);
		return kerr_set(err, KERR_IO, "%s: the bulk load was cut: %s", c->where,
			PQerrorMessage(c->pg));
	}
	while ((res = PQgetResult(c->pg)) != NULL) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK && rc == KERR_OK && ok)
			rc = pg_error(c, res, err);
		PQclear(res);
	}
	c->ncopy = 0;
	return rc;
}

/* The migrations' SQLite spellings (store_int.h). */
static const char *const pg_ddl_subst[][2] = {
	{ "INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" },
	{ "BLOB", "BYTEA" },
	{ " WITHOUT ROWID", "" },
	{ " TEXT", " TEXT COLLATE \"C\"" },
};

const struct store_backend store_pg_backend = {
	.name = "postgresql",
	.sql = store_pg_sql,
	.ddl_subst = pg_ddl_subst,
	.nddl_subst = sizeof(pg_ddl_subst) / sizeof(pg_ddl_subst[0]),
	.open = pg_open,
	.close = pg_close,
	.begin = pg_begin,
	.begin_read = pg_begin_read,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.exec = pg_exec,
	.script = pg_script,
	.backup = NULL,    /* a khipu SQLite file, through store_copy.c */
	.restore = NULL,
	.after_load = "ANALYZE",
	.stats_analyze = "ANALYZE stat_facts, stat_codes",
	.copy_begin = pg_copy_begin,
	.copy_row = pg_copy_row,
	.copy_end = pg_copy_end,
};
