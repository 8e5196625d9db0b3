/*
 * store.c — opening a store (dispatch on the url to a backend), schema
 * migrations, transactions, settings and maintenance, plus the helpers the
 * typed functions of store_*.c share. Written once for every backend.
 */
#include "store/store_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "lib/xalloc.h"

/* ---- helpers shared by the typed functions ---- */

const char *
store_col_str(struct arena *a, const struct store_val *v)
{
	if (v->type == STORE_VTEXT || v->type == STORE_VBLOB)
		return arena_strndup(a, v->p, v->n);
	if (v->type == STORE_VINT)
		return arena_printf(a, "%lld", (long long)v->i);
	return NULL;
}

int64_t
store_col_int(const struct store_val *v)
{
	if (v->type == STORE_VINT)
		return v->i;
	if (v->type == STORE_VREAL)
		return (int64_t)v->d;
	return 0;
}

void
store_col_date(char dst[MODEL_DATE_LEN], const struct store_val *v)
{
	size_t n = 0;

	if (v->type == STORE_VTEXT) {
		n = v->n < MODEL_DATE_LEN - 1 ? v->n : MODEL_DATE_LEN - 1;
		memcpy(dst, v->p, n);
	}
	dst[n] = '\0';
}

struct first_int {
	int found;
	int64_t val;
};

static int
first_int_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct first_int *f = ctx;

	f->found = 1;
	f->val = ncol > 0 ? store_col_int(&col[0]) : 0;
	return 1;
}

enum kerr_code
store_exec_int(struct store *st, enum store_stmt s, const struct store_val *params,
	size_t nparams, int64_t *out, struct kerr *err)
{
	struct first_int f = { 0, 0 };
	enum kerr_code rc = store_exec(st, s, params, nparams, first_int_row, &f, err);

	if (rc != KERR_OK)
		return rc;
	if (!f.found)
		return kerr_set(err, KERR_NOTFOUND, "no such record");
	*out = f.val;
	return KERR_OK;
}

void *
store_grow(struct arena *a, void *arr, size_t sz, size_t *cap, size_t need)
{
	void *bigger;
	size_t ncap;

	if (need <= *cap)
		return arr;
	ncap = *cap ? *cap * 2 : 8;
	while (ncap < need)
		ncap *= 2;
	bigger = arena_alloc(a, ncap * sz);
	if (arr != NULL)
		memcpy(bigger, arr, *cap * sz);
	*cap = ncap;
	return bigger;
}

char *
store_ddl_subst(const char *sql, const char *const (*subst)[2], size_t n)
{
	char *cur = xstrdup(sql);
	size_t i;

	for (i = 0; i < n; i++) {
		const char *from = subst[i][0], *to = subst[i][1], *p, *hit;
		size_t lf = strlen(from), lt = strlen(to), count = 0;
		char *next, *w;

		if (lf == 0)
			continue;
		for (p = cur; (hit = strstr(p, from)) != NULL; p = hit + lf)
			count++;
		if (count == 0)
			continue;
		next = xmalloc(strlen(cur) + count * lt + 1);
		w = next;
		for (p = cur; (hit = strstr(p, from)) != NULL; p = hit + lf) {
			memcpy(w, p, (size_t)(hit - p));
			w += hit - p;
			memcpy(w, to, lt);
			w += lt;
		}
		strcpy(w, p);
		free(cur);
		cur = next;
	}
	return cur;
}

enum kerr_code
store_codes_insert(struct store *st, enum store_stmt s, int64_t owner, const char *dim,
	const char *const *codes, size_t n, struct kerr *err)
{
	struct store_val p[4] = { store_vint(owner), store_vtext(dim) };
	enum kerr_code rc = KERR_OK;
	size_t i;

	for (i = 0; i < n && rc == KERR_OK; i++) {
		if (codes[i] == NULL || codes[i][0] == '\0')
			continue;
		p[2] = store_vint((int64_t)i);
		p[3] = store_vtext(codes[i]);
		rc = store_exec(st, s, p, 4, NULL, NULL, err);
	}
	return rc;
}

struct code_ctx {
	struct arena *a;
	struct store_code_slot *slots;
	size_t nslots;
};

static int
code_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct code_ctx *c = ctx;
	size_t i;

	(void)ncol;
	for (i = 0; i < c->nslots; i++) {
		struct store_code_slot *s = &c->slots[i];
		if (strlen(s->dim) != col[0].n || memcmp(s->dim, col[0].p, col[0].n) != 0)
			continue;
		*s->arr = store_grow(c->a, (void *)*s->arr, sizeof(char *), &s->cap, *s->n + 1);
		(*s->arr)[(*s->n)++] = store_col_str(c->a, &col[1]);
		break;
	}
	return 0;
}

enum kerr_code
store_codes_read(struct store *st, enum store_stmt s, int64_t owner, struct arena *a,
	struct store_code_slot *slots, size_t nslots, struct kerr *err)
{
	struct code_ctx c = { a, slots, nslots };
	struct store_val p[1] = { store_vint(owner) };
	size_t i;

	for (i = 0; i < nslots; i++) {
		*slots[i].arr = NULL;
		*slots[i].n = 0;
		slots[i].cap = 0;
	}
	return store_exec(st, s, p, 1, code_row, &c, err);
}

/* ---- transactions ---- */

enum kerr_code
store_begin(struct store *st, struct kerr *err)
{
	enum kerr_code rc;

	store_request_end(st);
	if (st->in_tx)
		return kerr_set(err, KERR_INTERNAL, "a transaction is already open");
	if ((rc = st->be->begin(st->conn, err)) == KERR_OK)
		st->in_tx = 1;
	return rc;
}

/* A request's read transaction: the backend's read-only snapshot where it
 * has one (PostgreSQL), else a plain BEGIN (deferred in SQLite: no write
 * lock, one WAL snapshot from the first read). */
enum kerr_code
store_request_begin(struct store *st, struct kerr *err)
{
	enum kerr_code rc;

	if (st->in_tx || st->in_read)
		return KERR_OK;
	rc = st->be->begin_read != NULL ? st->be->begin_read(st->conn, err) :
		st->be->script(st->conn, "BEGIN", err);
	if (rc == KERR_OK)
		st->in_read = 1;
	return rc;
}

void
store_request_end(struct store *st)
{
	struct kerr ignored;
	enum kerr_code rc;

	if (st == NULL || !st->in_read)
		return;
	st->in_read = 0;
	rc = st->be->begin_read != NULL ? st->be->commit(st->conn, &ignored) :
		st->be->script(st->conn, "COMMIT", &ignored);
	if (rc != KERR_OK)
		st->be->rollback(st->conn);
}

enum kerr_code
store_begin_read(struct store *st, struct kerr *err)
{
	enum kerr_code rc;

	store_request_end(st);
	if (st->be->begin_read == NULL)
		return store_begin(st, err);
	if (st->in_tx)
		return kerr_set(err, KERR_INTERNAL, "a transaction is already open");
	if ((rc = st->be->begin_read(st->conn, err)) == KERR_OK)
		st->in_tx = 1;
	return rc;
}

enum kerr_code
store_begin_bulk(struct store *st, struct kerr *err)
{
	enum kerr_code rc;

	if (st->be->bulk == NULL) {
		/* a plain transaction; its commit refreshes the planner's
		 * statistics (PostgreSQL: ANALYZE), which a load makes stale */
		if ((rc = store_begin(st, err)) == KERR_OK)
			st->load = 1;
		return rc;
	}
	if (st->in_tx)
		return kerr_set(err, KERR_INTERNAL, "a transaction is already open");
	if ((rc = st->be->bulk(st->conn, 1, err)) == KERR_OK)
		st->in_tx = st->bulk = 1;
	return rc;
}

enum kerr_code
store_commit(struct store *st, struct kerr *err)
{
	enum kerr_code rc;

	if (!st->in_tx)
		return kerr_set(err, KERR_INTERNAL, "no transaction to commit");
	if ((rc = store_blind_flush(st, err)) != KERR_OK)
		return rc;
	rc = st->bulk ? st->be->bulk(st->conn, 0, err) : st->be->commit(st->conn, err);
	if (rc == KERR_OK)
		st->in_tx = st->bulk = 0;
	if (rc == KERR_OK && st->load) {
		st->load = 0;
		store_copy_after_load(st, NULL);   /* statistics only: loses nothing */
	}
	return rc;
}

void
store_rollback(struct store *st)
{
	if (st == NULL || !st->in_tx)
		return;
	store_blind_discard(st);
	if (st->bulk)
		st->be->bulk(st->conn, -1, NULL);
	else
		st->be->rollback(st->conn);
	st->bulk = st->load = 0;
	st->in_tx = 0;
}

enum kerr_code
store_tx_start(struct store *st, int *own, struct kerr *err)
{
	*own = 0;
	if (st->in_tx)
		return KERR_OK;
	*own = 1;
	return store_begin(st, err);
}

enum kerr_code
store_tx_end(struct store *st, int own, enum kerr_code rc, struct kerr *err)
{
	if (!own)
		return rc;
	if (rc == KERR_OK)
		rc = store_commit(st, err);
	if (rc != KERR_OK)
		store_rollback(st);
	return rc;
}

/* ---- open and close ---- */

/* The url prefixes a backend answers to; a plain path is SQLite. */
static const struct {
	const char *prefix;
	const struct store_backend *be;   /* NULL: known but not built */
	int whole;                        /* the backend takes the whole url */
} schemes[] = {
	{ "sqlite:", &store_sqlite_backend, 0 },
	{ "postgresql://", &store_pg_backend, 1 },
	{ "postgres://", &store_pg_backend, 1 },
};

enum kerr_code
store_open(const char *url, int flags, struct store **out, struct kerr *err)
{
	const struct store_backend *be = &store_sqlite_backend;
	const char *target = url;
	struct store *st;
	enum kerr_code rc;
	size_t i;

	*out = NULL;
	if (url == NULL || url[0] == '\0')
		return kerr_set(err, KERR_INVALID, "no database given");
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		size_t n = strlen(schemes[i].prefix);
		if (strncmp(url, schemes[i].prefix, n) != 0)
			continue;
		if (schemes[i].be == NULL)
			return kerr_set(err, KERR_INVALID, "PostgreSQL support is not built yet");
		be = schemes[i].be;
		target = schemes[i].whole ? url : url + n;
		break;
	}
	st = xcalloc(1, sizeof(*st));
	st->be = be;
	st->url = xstrdup(url);
	if ((rc = be->open(target, flags, &st->conn, err)) != KERR_OK) {
		free(st->url);
		free(st);
		return rc;
	}
	*out = st;
	return KERR_OK;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	store_rollback(st);
	st->be->close(st->conn);
	free(st->pending);
	free(st->spending);
	free(st->sbytes);
	free(st->blind_names);
	free(st->url);
	free(st);
}

/* Replace the n bytes at p of *s by "***". */
static void
redact_at(char **s, size_t at, size_t n)
{
	size_t len = strlen(*s);
	char *out = xmalloc(len - n + 4);

	memcpy(out, *s, at);
	memcpy(out + at, "***", 3);
	memcpy(out + at + 3, *s + at + n, len - at - n + 1);
	free(*s);
	*s = out;
}

char *
store_url_redact(const char *url)
{
	char *out = xstrdup(url != NULL ? url : ""), *p, *at, *colon;
	size_t end;

	if ((p = strstr(out, "://")) != NULL) {
		p += 3;
		end = strcspn(p, "/?");
		at = memchr(p, '@', end);
		colon = at != NULL ? memchr(p, ':', (size_t)(at - p)) : NULL;
		if (colon != NULL)
			redact_at(&out, (size_t)(colon + 1 - out), (size_t)(at - colon - 1));
	}
	if ((p = strstr(out, "password=")) != NULL) {
		p += 9;
		redact_at(&out, (size_t)(p - out), strcspn(p, "&"));
	}
	return out;
}

const char *
store_backend(const struct store *st)
{
	return st->be->name;
}

const char *
store_url(const struct store *st)
{
	return st->url;
}

/* ---- migrations ---- */

int
store_schema_latest(void)
{
	/* the last one's number: a branch may carry a later number before a
	 * lower one lands (embed_sql.py) */
	return store_nmigrations ? store_migrations[store_nmigrations - 1].version : 0;
}

static enum kerr_code
schema_version(struct store *st, int64_t *v, struct kerr *err)
{
	int64_t exists = 0;
	enum kerr_code rc;

	*v = 0;
	rc = store_exec_int(st, STMT_SCHEMA_EXISTS, NULL, 0, &exists, err);
	if (rc != KERR_OK || !exists)
		return rc;
	return store_exec_int(st, STMT_SCHEMA_VERSION, NULL, 0, v, err);
}

int
store_schema_version(struct store *st)
{
	struct kerr err;
	int64_t v;

	if (schema_version(st, &v, &err) != KERR_OK)
		return -1;
	return (int)v;
}

int
store_schema_current(struct store *st)
{
	struct kerr err;
	int64_t v = 0, n = 0;

	if (schema_version(st, &v, &err) != KERR_OK || v != store_schema_latest() ||
	    store_exec_int(st, STMT_SCHEMA_COUNT, NULL, 0, &n, &err) != KERR_OK)
		return 0;
	return n == (int64_t)store_nmigrations;
}

static enum kerr_code
too_new(int64_t v, struct kerr *err)
{
	return kerr_set(err, KERR_INTEGRITY,
		"database schema version %lld is newer than this khipu (%d); upgrade khipu",
		(long long)v, store_schema_latest());
}

/* Whether migration version is recorded (none is before the first). */
static enum kerr_code
applied(struct store *st, int64_t version, int *yes, struct kerr *err)
{
	struct store_val p[1] = { store_vint(version) };
	int64_t exists = 0, n = 0;
	enum kerr_code rc;

	*yes = 0;
	rc = store_exec_int(st, STMT_SCHEMA_EXISTS, NULL, 0, &exists, err);
	if (rc != KERR_OK || !exists)
		return rc;
	rc = store_exec_int(st, STMT_MIGRATION_APPLIED, p, 1, &n, err);
	*yes = n > 0;
	return rc;
}

/* Apply migration m inside its own transaction; another process may have
 * applied it meanwhile, so that is read again under the lock. */
static enum kerr_code
apply_one(struct store *st, const struct store_migration *m, struct kerr *err)
{
	struct store_val p[3];
	enum kerr_code rc;
	int64_t v;
	int done;
	char *sql;

	if ((rc = store_begin(st, err)) != KERR_OK)
		return rc;
	rc = schema_version(st, &v, err);
	if (rc == KERR_OK && v > store_schema_latest())
		rc = too_new(v, err);
	if (rc == KERR_OK)
		rc = applied(st, m->version, &done, err);
	if (rc == KERR_OK && !done) {
		sql = store_ddl_subst(m->sql, st->be->ddl_subst, st->be->nddl_subst);
		rc = st->be->script(st->conn, sql, err);
		free(sql);
		p[0] = store_vint(m->version);
		p[1] = store_vtext(m->name);
		p[2] = store_vint((int64_t)time(NULL));
		if (rc == KERR_OK)
			rc = store_exec(st, STMT_MIGRATION_INSERT, p, 3, NULL, NULL, err);
	}
	if (rc == KERR_OK)
		return store_commit(st, err);
	store_rollback(st);
	return rc;
}

enum kerr_code
store_migrate(struct store *st, struct kerr *err)
{
	enum kerr_code rc;
	int64_t v;
	size_t i;
	int done;

	if (st->in_tx)
		return kerr_set(err, KERR_INTERNAL, "cannot migrate inside a transaction");
	if ((rc = schema_version(st, &v, err)) != KERR_OK)
		return rc;
	if (v > store_schema_latest())
		return too_new(v, err);
	/* Every migration not recorded yet, not only those above the highest:
	 * numbers are reserved by parallel branches, so one may land below a
	 * number a register already has (0016 landed before 0013-0015). */
	for (i = 0; i < store_nmigrations; i++) {
		if ((rc = applied(st, store_migrations[i].version, &done, err)) != KERR_OK)
			return rc;
		if (!done && (rc = apply_one(st, &store_migrations[i], err)) != KERR_OK)
			return rc;
	}
	return KERR_OK;
}

/* ---- meta ---- */

struct meta_ctx {
	struct arena *a;
	const char *val;
	int found;
};

static int
meta_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct meta_ctx *m = ctx;

	(void)ncol;
	m->found = 1;
	m->val = store_col_str(m->a, &col[0]);
	return 1;
}

enum kerr_code
store_meta_get(struct store *st, const char *key, struct arena *a, const char **val,
	struct kerr *err)
{
	struct meta_ctx m = { a, NULL, 0 };
	struct store_val p[1] = { store_vtext(key) };
	enum kerr_code rc = store_exec(st, STMT_META_GET, p, 1, meta_row, &m, err);

	*val = NULL;
	if (rc != KERR_OK)
		return rc;
	if (!m.found)
		return kerr_set(err, KERR_NOTFOUND, "no setting '%s'", key);
	*val = m.val;
	return KERR_OK;
}

enum kerr_code
store_meta_set(struct store *st, const char *key, const char *val, struct kerr *err)
{
	struct store_val p[2] = { store_vtext(key), store_vtext(val ? val : "") };

	return store_exec(st, STMT_META_SET, p, 2, NULL, NULL, err);
}

/* ---- maintenance ---- */

enum kerr_code
store_backup(struct store *st, const char *path, struct kerr *err)
{
	enum kerr_code rc;

	if (path == NULL || path[0] == '\0')
		return kerr_set(err, KERR_INVALID, "no backup file given");
	if ((rc = store_blind_flush(st, err)) != KERR_OK)
		return rc;
	if (st->be->backup == NULL)
		return store_copy_backup(st, path, err);
	return st->be->backup(st->conn, path, err);
}

/* A backup must hold a khipu schema this binary can read. It is opened
 * with the backend's own open, read-only, as a store of its own. */
static enum kerr_code
check_backup_schema(const struct store *st, const char *path, struct kerr *err)
{
	struct store b = { .be = st->be };
	enum kerr_code rc;
	int64_t v = 0;

	/* a backup is a file whatever the backend (store_backup) */
	if (access(path, R_OK) != 0)
		return kerr_set(err, KERR_IO, "cannot read backup '%s': %s", path, strerror(errno));
	if ((rc = st->be->open(path, STORE_READONLY, &b.conn, err)) != KERR_OK)
		return rc;
	rc = schema_version(&b, &v, err);
	st->be->close(b.conn);
	if (rc != KERR_OK)
		return rc;
	if (v == 0)
		return kerr_set(err, KERR_INVALID, "'%s' holds no khipu register", path);
	if (v > store_schema_latest())
		return too_new(v, err);
	return KERR_OK;
}

enum kerr_code
store_restore(struct store *st, const char *path, struct kerr *err)
{
	enum kerr_code rc;

	if (path == NULL || path[0] == '\0')
		return kerr_set(err, KERR_INVALID, "no backup file given");
	if (st->in_tx)
		return kerr_set(err, KERR_INTERNAL, "cannot restore inside a transaction");
	if (st->be->restore == NULL)
		return store_copy_restore(st, path, err);
	if ((rc = check_backup_schema(st, path, err)) != KERR_OK)
		return rc;
	return st->be->restore(st->conn, path, err);
}

static void
report_none(void *ctx, const char *line)
{
	(void)ctx;
	(void)line;
}

struct check {
	void (*report)(void *ctx, const char *line);
	void *ctx;
	int problems;
};

/* STMT_CHECK_INTEGRITY: one line per problem, or "ok". */
static int
check_integrity_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct check *k = ctx;
	const char *line = ncol > 0 && col[0].type == STORE_VTEXT ? col[0].p : "?";

	if (strcmp(line, "ok") != 0) {
		k->problems++;
		k->report(k->ctx, line);
	}
	return 0;
}

/* STMT_CHECK_FOREIGN_KEYS: child table, its row, the parent table. */
static int
check_fkey_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct check *k = ctx;
	char line[256];

	if (ncol < 3)
		return 0;
	snprintf(line, sizeof(line), "table '%s' row %lld refers to a missing row of '%s'",
		col[0].type == STORE_VTEXT ? (const char *)col[0].p : "?",
		(long long)col[1].i,
		col[2].type == STORE_VTEXT ? (const char *)col[2].p : "?");
	k->problems++;
	k->report(k->ctx, line);
	return 0;
}

enum kerr_code
store_check(struct store *st, void (*report)(void *ctx, const char *line), void *ctx,
	struct kerr *err)
{
	struct check k = { report != NULL ? report : report_none, ctx, 0 };
	enum kerr_code rc = store_blind_flush(st, err);

	/* each backend words both checks as rows of the same shape */
	if (rc == KERR_OK)
		rc = store_exec(st, STMT_CHECK_INTEGRITY, NULL, 0, check_integrity_row, &k, err);
	if (rc == KERR_OK)
		rc = store_exec(st, STMT_CHECK_FOREIGN_KEYS, NULL, 0, check_fkey_row, &k, err);
	if (rc != KERR_OK)
		return rc;
	if (k.problems > 0)
		return kerr_set(err, KERR_INTEGRITY, "database check found %d problem%s",
			k.problems, k.problems == 1 ? "" : "s");
	return KERR_OK;
}
