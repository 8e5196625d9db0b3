/*
 * store_sealed.c — sealed identities (ciphertext by table/row/column) and
 * blind indexes (keyed hashes pointing at rows). The store never sees a key
 * or a clear value; it keeps and finds opaque bytes.
 */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>

#include "lib/xalloc.h"

static int blind_intern(struct store *st, const char *name);
static enum kerr_code sealed_flush(struct store *st, struct kerr *err);

#define SEALED_BATCH 4096          /* pending values written at once */
#define SEALED_BATCH_BYTES (1u << 20)

struct store_sealed_entry {
	int64_t row;
	size_t seq;                    /* order of the puts: the last one wins */
	size_t at, n;                  /* the blob in st->sbytes */
	unsigned char table, column;   /* interned names */
};

static enum kerr_code
sealed_write(struct store *st, const char *table, int64_t row, const char *column,
	const unsigned char *blob, size_t n, struct kerr *err)
{
	struct store_val p[4] = {
		store_vtext(table), store_vint(row), store_vtext(column), store_vblob(blob, n),
	};

	return store_exec(st, STMT_SEALED_PUT, p, 4, NULL, NULL, err);
}

/* Inside a transaction the value waits to be written with others; a
 * failure to write it then shows at the latest in store_commit. */
enum kerr_code
store_sealed_put(struct store *st, const char *table, int64_t row, const char *column,
	const unsigned char *blob, size_t n, struct kerr *err)
{
	struct store_sealed_entry *e;
	int t, c;

	if (table == NULL || column == NULL || blob == NULL)
		return kerr_set(err, KERR_INTERNAL, "sealed value without table, column or bytes");
	if (!st->in_tx || st->be->sql[STMT_SEALED_PUT_MANY].text == NULL ||
	    (t = blind_intern(st, table)) < 0 || (c = blind_intern(st, column)) < 0)
		return sealed_write(st, table, row, column, blob, n, err);
	if (st->nspending == SEALED_BATCH || st->nsbytes + n > SEALED_BATCH_BYTES) {
		enum kerr_code rc = sealed_flush(st, err);
		if (rc != KERR_OK)
			return rc;
	}
	if (st->nspending == st->capspending) {
		st->capspending = st->capspending ? 2 * st->capspending : 256;
		st->spending = xrealloc(st->spending, st->capspending * sizeof(*st->spending));
	}
	if (st->nsbytes + n > st->capsbytes) {
		st->capsbytes = st->nsbytes + n > 2 * st->capsbytes ? st->nsbytes + n :
			2 * st->capsbytes;
		st->sbytes = xrealloc(st->sbytes, st->capsbytes);
	}
	memcpy(st->sbytes + st->nsbytes, blob, n);
	e = &st->spending[st->nspending];
	*e = (struct store_sealed_entry){ row, st->nspending, st->nsbytes, n,
		(unsigned char)t, (unsigned char)c };
	st->nspending++;
	st->nsbytes += n;
	return KERR_OK;
}

/* Key order (table, row, column), then the order of the puts; ctx is the
 * store whose names the entries use. */
static int
sealed_cmp(const void *x, const void *y, void *ctx)
{
	const struct store_sealed_entry *a = x, *b = y;
	const struct store *st = ctx;
	int d;

	if (a->table != b->table &&
	    (d = strcmp(st->blind_names[a->table], st->blind_names[b->table])) != 0)
		return d;
	if (a->row != b->row)
		return a->row < b->row ? -1 : 1;
	if (a->column != b->column &&
	    (d = strcmp(st->blind_names[a->column], st->blind_names[b->column])) != 0)
		return d;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

static int
sealed_same_key(const struct store_sealed_entry *a, const struct store_sealed_entry *b)
{
	return a->table == b->table && a->row == b->row && a->column == b->column;
}

/* Write the pending values in key order, the last put of a key only (one
 * statement may not touch a row twice), STORE_SEALED_ROWS per statement. */
static enum kerr_code
sealed_flush(struct store *st, struct kerr *err)
{
	struct store_val p[4 * STORE_SEALED_ROWS];
	const char (*names)[40] = (const char (*)[40])st->blind_names;
	enum kerr_code rc = KERR_OK;
	size_t i, j, r;

	if (st->nspending == 0)
		return KERR_OK;
	qsort_r(st->spending, st->nspending, sizeof(*st->spending), sealed_cmp, st);
	for (i = j = 0; i < st->nspending; i++) {
		if (i + 1 < st->nspending && sealed_same_key(&st->spending[i], &st->spending[i + 1]))
			continue;
		st->spending[j++] = st->spending[i];
	}
	st->nspending = j;
	for (i = 0; i + STORE_SEALED_ROWS <= st->nspending && rc == KERR_OK;
	     i += STORE_SEALED_ROWS) {
		for (r = 0; r < STORE_SEALED_ROWS; r++) {
			const struct store_sealed_entry *e = &st->spending[i + r];
			p[4 * r] = store_vtext(names[e->table]);
			p[4 * r + 1] = store_vint(e->row);
			p[4 * r + 2] = store_vtext(names[e->column]);
			p[4 * r + 3] = store_vblob(st->sbytes + e->at, e->n);
		}
		rc = store_exec(st, STMT_SEALED_PUT_MANY, p, 4 * STORE_SEALED_ROWS, NULL, NULL,
			err);
	}
	for (; i < st->nspending && rc == KERR_OK; i++) {
		const struct store_sealed_entry *e = &st->spending[i];
		rc = sealed_write(st, names[e->table], e->row, names[e->column],
			st->sbytes + e->at, e->n, err);
	}
	st->nspending = 0;
	st->nsbytes = 0;
	return rc;
}

struct blob_ctx {
	struct arena *a;
	const unsigned char *blob;
	size_t n;
	int found;
};

static int
blob_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct blob_ctx *b = ctx;

	(void)ncol;
	b->found = 1;
	b->n = col[0].n;
	b->blob = arena_memdup(b->a, col[0].n ? col[0].p : "", col[0].n);
	return 1;
}

enum kerr_code
store_sealed_get(struct store *st, const char *table, int64_t row, const char *column,
	struct arena *a, const unsigned char **blob, size_t *n, struct kerr *err)
{
	struct store_val p[3] = { store_vtext(table), store_vint(row), store_vtext(column) };
	struct blob_ctx b = { .a = a };
	enum kerr_code rc = sealed_flush(st, err);

	if (rc == KERR_OK)
		rc = store_exec(st, STMT_SEALED_GET, p, 3, blob_row, &b, err);

	*blob = NULL;
	*n = 0;
	if (rc != KERR_OK)
		return rc;
	if (!b.found)
		return kerr_set(err, KERR_NOTFOUND, "no sealed '%s' of %s %lld",
			column ? column : "", table ? table : "", (long long)row);
	*blob = b.blob;
	*n = b.n;
	return KERR_OK;
}

struct walk_ctx {
	store_sealed_cb cb;
	void *ctx;
	struct kerr *err;
	enum kerr_code rc;
	char table[64], column[64];
};

/* The column values are copied so the callback gets NUL-terminated names. */
static int
walk_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct walk_ctx *w = ctx;
	size_t lt = col[0].n < sizeof(w->table) - 1 ? col[0].n : sizeof(w->table) - 1;
	size_t lc = col[2].n < sizeof(w->column) - 1 ? col[2].n : sizeof(w->column) - 1;

	(void)ncol;
	memcpy(w->table, col[0].p ? col[0].p : "", lt);
	w->table[lt] = '\0';
	memcpy(w->column, col[2].p ? col[2].p : "", lc);
	w->column[lc] = '\0';
	kerr_clear(w->err);
	if (w->cb(w->ctx, w->table, store_col_int(&col[1]), w->column, col[3].p, col[3].n,
	    w->err) == 0)
		return 0;
	w->rc = w->err != NULL && w->err->code != KERR_OK ? w->err->code :
		kerr_set(w->err, KERR_INTERNAL, "walk over sealed values stopped");
	return 1;
}

enum kerr_code
store_sealed_foreach(struct store *st, store_sealed_cb cb, void *ctx, struct kerr *err)
{
	struct walk_ctx w = { .cb = cb, .ctx = ctx, .err = err, .rc = KERR_OK };
	enum kerr_code rc = sealed_flush(st, err);

	if (rc == KERR_OK)
		rc = store_exec(st, STMT_SEALED_ALL, NULL, 0, walk_row, &w, err);

	return rc != KERR_OK ? rc : w.rc;
}

/* ---- blind indexes ---- */

#define BLIND_NAME_MAX 40     /* an interned kind or table name, with its NUL */
#define BLIND_NAMES 255       /* interned names per store */
#define BLIND_HASH_MAX 16     /* hashes kept pending; longer ones go straight in */
#define BLIND_BATCH 65536     /* pending entries written at once outside bulk */

_Static_assert(sizeof(((struct store *)0)->blind_names[0]) == BLIND_NAME_MAX,
	"interned name size");

/* 32 bytes, so that a bulk load of millions of entries stays small. */
struct store_blind_entry {
	int64_t row;
	unsigned char kind, table, hashlen;   /* kind and table: interned names */
	unsigned char hash[BLIND_HASH_MAX];
};

static enum kerr_code
blind_write(struct store *st, const char *kind, const unsigned char *hash, size_t hashlen,
	const char *table, int64_t row, struct kerr *err)
{
	struct store_val p[4] = {
		store_vtext(kind), store_vblob(hash, hashlen), store_vtext(table), store_vint(row),
	};

	return store_exec(st, STMT_BLIND_PUT, p, 4, NULL, NULL, err);
}

/* The number of name in the store's table of interned names, adding it
 * when new; -1 when it does not fit (the entry is then written at once). */
static int
blind_intern(struct store *st, const char *name)
{
	size_t i;

	for (i = 0; i < st->nblind_names; i++)
		if (strcmp(st->blind_names[i], name) == 0)
			return (int)i;
	if (st->nblind_names == BLIND_NAMES || strlen(name) >= BLIND_NAME_MAX)
		return -1;
	if (st->blind_names == NULL)
		st->blind_names = xcalloc(BLIND_NAMES, BLIND_NAME_MAX);
	snprintf(st->blind_names[st->nblind_names], BLIND_NAME_MAX, "%s", name);
	return (int)st->nblind_names++;
}

/* The order of the table's primary key (kind, hash, tbl, row_id), with kind
 * and table already replaced by their rank among the interned names. */
static int
blind_cmp(const void *x, const void *y)
{
	const struct store_blind_entry *a = x, *b = y;
	size_t n = a->hashlen < b->hashlen ? a->hashlen : b->hashlen;
	int d;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if ((d = memcmp(a->hash, b->hash, n)) != 0)
		return d;
	if (a->hashlen != b->hashlen)
		return a->hashlen < b->hashlen ? -1 : 1;
	if (a->table != b->table)
		return a->table < b->table ? -1 : 1;
	return (a->row > b->row) - (a->row < b->row);
}

static int
name_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The bucket of an entry for blind_sort: its kind and first two hash bytes
 * (a missing byte counts as 0, which the comparison within a bucket puts
 * first, as memcmp order does). */
static size_t
blind_bucket(const struct store_blind_entry *e)
{
	return (size_t)e->kind << 16 | (size_t)(e->hashlen > 0 ? e->hash[0] : 0) << 8 |
		(e->hashlen > 1 ? e->hash[1] : 0);
}

/* Sort n entries: a counting pass over buckets (hashes are uniform, so
 * buckets hold a handful each) then qsort inside each; for millions of
 * entries several times faster than one qsort. */
static void
blind_sort(struct store *st, size_t nkinds)
{
	struct store_blind_entry *tmp;
	size_t nb = nkinds << 16, *start, i, b;

	if (st->npending < 4096) {
		qsort(st->pending, st->npending, sizeof(st->pending[0]), blind_cmp);
		return;
	}
	start = xcalloc(nb + 1, sizeof(*start));
	tmp = xmalloc(st->npending * sizeof(*tmp));
	for (i = 0; i < st->npending; i++)
		start[blind_bucket(&st->pending[i]) + 1]++;
	for (b = 0; b < nb; b++)
		start[b + 1] += start[b];
	for (i = 0; i < st->npending; i++)
		tmp[start[blind_bucket(&st->pending[i])]++] = st->pending[i];
	/* start[b] is now the end of bucket b, which is where b + 1 begins */
	for (b = 0, i = 0; b < nb; i = start[b++])
		if (start[b] - i > 1)
			qsort(tmp + i, start[b] - i, sizeof(*tmp), blind_cmp);
	free(st->pending);
	st->pending = tmp;
	st->cappending = st->npending;
	free(start);
}

/* Write the pending entries (sorted), STORE_BLIND_ROWS at a time when the
 * backend has the statement for it. */
static enum kerr_code
blind_write_sorted(struct store *st, const char *const *names, struct kerr *err)
{
	struct store_val p[4 * STORE_BLIND_ROWS];
	enum kerr_code rc = KERR_OK;
	size_t i = 0, r;

	if (st->be->sql[STMT_BLIND_PUT_MANY].text != NULL)
		for (; i + STORE_BLIND_ROWS <= st->npending && rc == KERR_OK;
		     i += STORE_BLIND_ROWS) {
			for (r = 0; r < STORE_BLIND_ROWS; r++) {
				const struct store_blind_entry *e = &st->pending[i + r];
				p[4 * r] = store_vtext(names[e->kind]);
				p[4 * r + 1] = store_vblob(e->hash, e->hashlen);
				p[4 * r + 2] = store_vtext(names[e->table]);
				p[4 * r + 3] = store_vint(e->row);
			}
			rc = store_exec(st, STMT_BLIND_PUT_MANY, p, 4 * STORE_BLIND_ROWS, NULL, NULL,
				err);
		}
	for (; i < st->npending && rc == KERR_OK; i++) {
		const struct store_blind_entry *e = &st->pending[i];
		rc = blind_write(st, names[e->kind], e->hash, e->hashlen, names[e->table], e->row,
			err);
	}
	return rc;
}

/* Sort the pending entries in the order of the index and write them. */
enum kerr_code
store_blind_flush(struct store *st, struct kerr *err)
{
	const char *sorted[BLIND_NAMES];
	unsigned char rank[BLIND_NAMES];
	enum kerr_code rc;
	size_t i;

	if ((rc = sealed_flush(st, err)) != KERR_OK || st->npending == 0)
		return rc;
	for (i = 0; i < st->nblind_names; i++)
		sorted[i] = st->blind_names[i];
	qsort(sorted, st->nblind_names, sizeof(sorted[0]), name_cmp);
	for (i = 0; i < st->nblind_names; i++)
		rank[(sorted[i] - st->blind_names[0]) / BLIND_NAME_MAX] = (unsigned char)i;
	for (i = 0; i < st->npending; i++) {
		st->pending[i].kind = rank[st->pending[i].kind];
		st->pending[i].table = rank[st->pending[i].table];
	}
	blind_sort(st, st->nblind_names);
	rc = blind_write_sorted(st, sorted, err);
	st->npending = 0;
	if (st->cappending > BLIND_BATCH) {
		/* a bulk load's millions of entries: give the memory back */
		free(st->pending);
		st->pending = NULL;
		st->cappending = 0;
	}
	return rc;
}

void
store_blind_discard(struct store *st)
{
	st->npending = 0;
	st->nspending = 0;
	st->nsbytes = 0;
}

/* Inside a transaction the entry waits for a sorted batch; a failure to
 * write it then shows at the latest in store_commit. */
enum kerr_code
store_blind_put(struct store *st, const char *kind, const unsigned char *hash,
	size_t hashlen, const char *table, int64_t row, struct kerr *err)
{
	struct store_blind_entry *e;
	int k, t;

	if (kind == NULL || hash == NULL || table == NULL)
		return kerr_set(err, KERR_INTERNAL, "blind index without kind, hash or table");
	if (!st->in_tx || hashlen > BLIND_HASH_MAX || (k = blind_intern(st, kind)) < 0 ||
	    (t = blind_intern(st, table)) < 0)
		return blind_write(st, kind, hash, hashlen, table, row, err);
	if (st->npending == BLIND_BATCH && !st->bulk) {
		enum kerr_code rc = store_blind_flush(st, err);
		if (rc != KERR_OK)
			return rc;
	}
	if (st->npending == st->cappending) {
		st->cappending = st->cappending ? st->cappending * 2 : 256;
		st->pending = xrealloc(st->pending, st->cappending * sizeof(*st->pending));
	}
	e = &st->pending[st->npending++];
	e->row = row;
	e->kind = (unsigned char)k;
	e->table = (unsigned char)t;
	e->hashlen = (unsigned char)hashlen;
	memcpy(e->hash, hash, hashlen);
	return KERR_OK;
}

struct find_ctx {
	struct arena *a;
	int64_t *rows;
	size_t n, cap;
};

static int
find_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct find_ctx *f = ctx;

	(void)ncol;
	f->rows = store_grow(f->a, f->rows, sizeof(int64_t), &f->cap, f->n + 1);
	f->rows[f->n++] = store_col_int(&col[0]);
	return 0;
}

enum kerr_code
store_blind_find(struct store *st, const char *kind, const unsigned char *hash,
	size_t hashlen, const char *table, struct arena *a, int64_t **rows, size_t *n,
	size_t max, struct kerr *err)
{
	struct store_val p[4] = {
		store_vtext(kind), store_vblob(hash, hashlen), store_vtext(table),
		store_vint(max > (size_t)INT64_MAX ? INT64_MAX : (int64_t)max),
	};
	struct find_ctx f = { .a = a };
	enum kerr_code rc = store_blind_flush(st, err);

	if (rc == KERR_OK && max > 0)
		rc = store_exec(st, STMT_BLIND_FIND, p, 4, find_row, &f, err);
	*rows = f.rows;
	*n = rc == KERR_OK ? f.n : 0;
	return rc;
}

enum kerr_code
store_blind_clear(struct store *st, struct kerr *err)
{
	st->npending = 0;   /* pending blind entries only: sealed values stay */
	return store_exec(st, STMT_BLIND_CLEAR, NULL, 0, NULL, NULL, err);
}
