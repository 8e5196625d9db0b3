/*
 * store_copy.c — copying a whole register from one store to another, row by
 * row through the named statements of store_copy_tables.h: `khipu migrate`
 * (SQLite to PostgreSQL), and backup/restore for backends that have no
 * file-level copy of their own (PostgreSQL writes and reads a khipu SQLite
 * file). Values move as they are: sealed blobs, blind hashes and the audit
 * chain byte for byte. A digest of every row of both sides proves the copy.
 */
#include "store/store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <sodium.h>

/* ---- the table list ---- */

static const struct copy_table {
	const char *name;
	const char *cols;      /* in the order the read statement gives them */
	enum store_stmt read, write, clear;
} tables[] = {
#define COPY_ROW_(name, cols, key, params) \
	{ #name, cols, STMT_COPY_##name##_READ, STMT_COPY_##name##_WRITE, \
	  STMT_COPY_##name##_CLEAR },
	STORE_COPY_TABLES(COPY_ROW_)
#undef COPY_ROW_
};
#define NTABLES (sizeof(tables) / sizeof(tables[0]))

/* Tables that are the schema itself, not data a copy moves. */
static int
not_copied(const char *name)
{
	return strcmp(name, "schema_migrations") == 0;
}

struct unknown_ctx {
	char name[64];
	int found;
};

static int
table_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct unknown_ctx *u = ctx;
	size_t i, n;

	if (ncol < 1 || col[0].type != STORE_VTEXT)
		return 0;
	n = col[0].n < sizeof(u->name) - 1 ? col[0].n : sizeof(u->name) - 1;
	memcpy(u->name, col[0].p, n);
	u->name[n] = '\0';
	if (not_copied(u->name))
		return 0;
	for (i = 0; i < NTABLES; i++)
		if (strcmp(tables[i].name, u->name) == 0)
			return 0;
	u->found = 1;
	return 1;
}

enum kerr_code
store_copy_check_tables(struct store *st, struct kerr *err)
{
	struct unknown_ctx u = { .found = 0 };
	enum kerr_code rc = store_exec(st, STMT_TABLE_LIST, NULL, 0, table_row, &u, err);

	if (rc == KERR_OK && u.found)
		return kerr_set(err, KERR_INVALID, "table '%s' of '%s' is unknown to the copy; "
			"this khipu cannot move that register whole (see src/store/store_copy_tables.h)",
			u.name, store_backend(st));
	return rc;
}

static int
any_row(void *ctx, const struct store_val *col, size_t ncol)
{
	(void)col;
	(void)ncol;
	*(int *)ctx = 1;
	return 1;
}

enum kerr_code
store_copy_is_empty(struct store *st, int *empty, struct kerr *err)
{
	int found = 0;
	enum kerr_code rc = store_exec(st, STMT_COPY_meta_READ, NULL, 0, any_row, &found, err);

	*empty = rc == KERR_OK && !found;
	return rc;
}

/* ---- copying ---- */

struct copy_ctx {
	struct store *dst;
	enum store_stmt write;
	int bulk;              /* rows go through dst's copy_row */
	int began;             /* the bulk load of the current table is open */
	struct kerr *err;
	enum kerr_code rc;
	size_t done, total;
	void (*progress)(void *ctx, size_t done, size_t total);
	void *pctx;
};

/* One source row becomes one insert, or one row of the target's bulk load
 * when it has one; the values go as read. */
static int
copy_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct copy_ctx *c = ctx;

	if (c->bulk)
		c->rc = c->dst->be->copy_row(c->dst->conn, col, ncol, c->err);
	else
		c->rc = store_exec(c->dst, c->write, col, ncol, NULL, NULL, c->err);
	if (c->rc != KERR_OK)
		return 1;
	c->done++;
	if (c->progress != NULL && (c->done % 4096 == 0 || c->done == c->total))
		c->progress(c->pctx, c->done, c->total);
	return 0;
}

static int
count_row(void *ctx, const struct store_val *col, size_t ncol)
{
	(void)col;
	(void)ncol;
	(*(size_t *)ctx)++;
	return 0;
}

static enum kerr_code
count_rows(struct store *st, size_t *n, struct kerr *err)
{
	enum kerr_code rc = KERR_OK;
	size_t i;

	*n = 0;
	for (i = 0; i < NTABLES && rc == KERR_OK; i++)
		rc = store_exec(st, tables[i].read, NULL, 0, count_row, n, err);
	return rc;
}

static enum kerr_code
copy_tables(struct store *src, struct store *dst, struct copy_ctx *c, struct kerr *err)
{
	enum kerr_code rc = KERR_OK;
	size_t i;

	for (i = 0; i < NTABLES && rc == KERR_OK; i++) {
		c->write = tables[i].write;
		c->rc = KERR_OK;
		c->bulk = dst->be->copy_begin != NULL;
		c->began = 0;
		if (c->bulk && (rc = dst->be->copy_begin(dst->conn, tables[i].name, tables[i].cols,
		    err)) == KERR_OK)
			c->began = 1;
		if (rc == KERR_OK)
			rc = store_exec(src, tables[i].read, NULL, 0, copy_row, c, err);
		if (rc == KERR_OK)
			rc = c->rc;
		/* a load begun is ended even after a failure: the connection stays usable */
		if (c->began) {
			enum kerr_code end = dst->be->copy_end(dst->conn, rc == KERR_OK, err);
			if (rc == KERR_OK)
				rc = end;
		}
		if (rc != KERR_OK) {
			char why[sizeof(err->msg)];
			snprintf(why, sizeof(why), "%s", err->msg);
			return kerr_set(err, rc, "cannot copy table '%s': %s", tables[i].name, why);
		}
	}
	return store_exec(dst, STMT_COPY_RESEQ, NULL, 0, NULL, NULL, err);
}

static enum kerr_code
clear_tables(struct store *dst, struct kerr *err)
{
	enum kerr_code rc = KERR_OK;
	size_t i;

	/* children first: every reference points backwards in the list */
	for (i = NTABLES; i > 0 && rc == KERR_OK; i--)
		rc = store_exec(dst, tables[i - 1].clear, NULL, 0, NULL, NULL, err);
	return rc;
}

/* ---- the digest ---- */

/* Each value is fed with its kind and length, so no two rows serialise
 * alike; integers as 8 bytes little-endian whatever the column's width. */
static int
digest_row(void *ctx, const struct store_val *col, size_t ncol)
{
	crypto_generichash_state *h = ctx;
	unsigned char head[9];
	size_t i, k;

	for (i = 0; i < ncol; i++) {
		const struct store_val *v = &col[i];
		uint64_t x = 0;
		head[0] = (unsigned char)v->type;
		if (v->type == STORE_VINT)
			x = (uint64_t)v->i;
		else if (v->type == STORE_VREAL)
			memcpy(&x, &v->d, sizeof(x));
		else if (v->type == STORE_VTEXT || v->type == STORE_VBLOB)
			x = v->n;
		for (k = 0; k < 8; k++)
			head[1 + k] = (unsigned char)(x >> (8 * k));
		crypto_generichash_update(h, head, sizeof(head));
		if ((v->type == STORE_VTEXT || v->type == STORE_VBLOB) && v->n > 0)
			crypto_generichash_update(h, v->p, v->n);
	}
	crypto_generichash_update(h, (const unsigned char *)"\n", 1);
	return 0;
}

static enum kerr_code
digest(struct store *st, unsigned char out[32], struct kerr *err)
{
	crypto_generichash_state h;
	enum kerr_code rc = KERR_OK;
	size_t i;

	crypto_generichash_init(&h, NULL, 0, 32);
	for (i = 0; i < NTABLES && rc == KERR_OK; i++) {
		crypto_generichash_update(&h, (const unsigned char *)tables[i].name,
			strlen(tables[i].name) + 1);
		rc = store_exec(st, tables[i].read, NULL, 0, digest_row, &h, err);
	}
	crypto_generichash_final(&h, out, 32);
	return rc;
}

enum kerr_code
store_copy_all(struct store *src, struct store *dst, int clear,
	void (*progress)(void *ctx, size_t done, size_t total), void *ctx, struct kerr *err)
{
	struct copy_ctx c = { .dst = dst, .err = err, .progress = progress, .pctx = ctx };
	unsigned char a[32], b[32];
	enum kerr_code rc;
	int vs, vd;

	if (!dst->in_tx)
		return kerr_set(err, KERR_INTERNAL, "a copy runs inside the target's transaction");
	vs = store_schema_version(src);
	vd = store_schema_version(dst);
	if (vs != vd)
		return kerr_set(err, KERR_INVALID, "the source has schema version %d and the "
			"target %d; open the older one with this khipu first", vs, vd);
	if ((rc = store_copy_check_tables(src, err)) != KERR_OK ||
	    (rc = store_copy_check_tables(dst, err)) != KERR_OK)
		return rc;
	if (clear && (rc = clear_tables(dst, err)) != KERR_OK)
		return rc;
	if (progress != NULL && (rc = count_rows(src, &c.total, err)) != KERR_OK)
		return rc;
	if ((rc = store_blind_flush(src, err)) != KERR_OK ||
	    (rc = copy_tables(src, dst, &c, err)) != KERR_OK)
		return rc;
	if ((rc = digest(src, a, err)) != KERR_OK || (rc = digest(dst, b, err)) != KERR_OK)
		return rc;
	if (sodium_memcmp(a, b, sizeof(a)) != 0)
		return kerr_set(err, KERR_INTEGRITY, "the copy differs from its source; "
			"nothing was written");
	return KERR_OK;
}

enum kerr_code
store_copy_after_load(struct store *st, struct kerr *err)
{
	if (st->be->after_load == NULL || st->in_tx)
		return KERR_OK;
	return st->be->script(st->conn, st->be->after_load, err);
}

/* ---- backup and restore through a khipu SQLite file ---- */

enum kerr_code
store_copy_backup(struct store *st, const char *path, struct kerr *err)
{
	struct store *dst = NULL;
	enum kerr_code rc;
	int fd;

	/* O_EXCL: never overwrite; 0600: a backup holds the same secrets */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return kerr_set(err, KERR_CONFLICT, "'%s' already exists; "
				"a backup never overwrites a file", path);
		return kerr_set(err, KERR_IO, "cannot create '%s': %s", path, strerror(errno));
	}
	close(fd);
	if (st->in_tx) {
		rc = kerr_set(err, KERR_INTERNAL, "cannot back up inside a transaction");
		goto out;
	}
	if ((rc = store_open(path, STORE_CREATE, &dst, err)) != KERR_OK)
		goto out;
	if ((rc = store_migrate(dst, err)) != KERR_OK)
		goto out;
	/* one snapshot of the live register; writers are not held up */
	if ((rc = store_begin_read(st, err)) != KERR_OK)
		goto out;
	if ((rc = store_begin(dst, err)) == KERR_OK)
		rc = store_copy_all(st, dst, 0, NULL, NULL, err);
	if (rc == KERR_OK)
		rc = store_commit(dst, err);
	store_rollback(dst);
	store_rollback(st);
out:
	store_close(dst);
	if (rc != KERR_OK) {
		char side[4096];
		unlink(path);
		snprintf(side, sizeof(side), "%s-wal", path);
		unlink(side);
		snprintf(side, sizeof(side), "%s-shm", path);
		unlink(side);
	}
	return rc;
}

/* A private copy of the backup at path, migrated to this binary's schema:
 * a copy runs between stores of one schema version, and the backup must
 * not change. *tmp receives its path (the caller removes it). */
static enum kerr_code
upgraded_copy(const char *path, char *tmp, size_t tmpn, struct store **out,
	struct kerr *err)
{
	const char *dir = getenv("TMPDIR");
	char url[4200], chunk[65536];
	enum kerr_code rc;
	ssize_t n = 0;
	int in, fd;

	snprintf(tmp, tmpn, "%s/khipu-restore-XXXXXX", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(tmp)) < 0)
		return kerr_set(err, KERR_IO, "cannot create a temporary file in '%s': %s",
			dir && *dir ? dir : "/tmp", strerror(errno));
	if ((in = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		close(fd);
		return kerr_set(err, KERR_IO, "cannot read backup '%s': %s", path, strerror(errno));
	}
	while ((n = read(in, chunk, sizeof(chunk))) > 0)
		if (write(fd, chunk, (size_t)n) != n) {
			n = -1;
			break;
		}
	close(in);
	if (close(fd) != 0 || n < 0)
		return kerr_set(err, KERR_IO, "cannot copy backup '%s' to a temporary file", path);
	snprintf(url, sizeof(url), "sqlite:%s", tmp);
	if ((rc = store_open(url, 0, out, err)) != KERR_OK)
		return rc;
	return store_migrate(*out, err);
}

static void
remove_file(const char *path)
{
	char side[4200];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

enum kerr_code
store_copy_restore(struct store *st, const char *path, struct kerr *err)
{
	struct store *src = NULL;
	enum kerr_code rc;
	char url[4096], tmp[4096] = "";
	int v;

	if (access(path, R_OK) != 0)
		return kerr_set(err, KERR_IO, "cannot read backup '%s': %s", path, strerror(errno));
	snprintf(url, sizeof(url), "sqlite:%s", path);
	if ((rc = store_open(url, STORE_READONLY, &src, err)) != KERR_OK)
		return rc;
	v = store_schema_version(src);
	if (v <= 0)
		rc = kerr_set(err, KERR_INVALID, "'%s' holds no khipu register", path);
	else if (v > store_schema_latest())
		rc = kerr_set(err, KERR_INTEGRITY, "database schema version %d is newer than "
			"this khipu (%d); upgrade khipu", v, store_schema_latest());
	else if (v < store_schema_version(st)) {
		/* a backup of an older khipu: upgraded on a private copy first */
		store_close(src);
		src = NULL;
		rc = upgraded_copy(path, tmp, sizeof(tmp), &src, err);
	}
	if (rc == KERR_OK)
		rc = store_begin(st, err);
	if (rc == KERR_OK) {
		rc = store_copy_all(src, st, 1, NULL, NULL, err);
		if (rc == KERR_OK)
			rc = store_commit(st, err);
		store_rollback(st);
		if (rc == KERR_OK)
			store_copy_after_load(st, NULL);
	}
	store_close(src);
	if (*tmp)
		remove_file(tmp);
	return rc;
}
