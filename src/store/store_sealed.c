/*
 * store_sealed.c — sealed identities (ciphertext by table/row/column) and
 * blind indexes (keyed hashes pointing at rows). The store never sees a key
 * or a clear value; it keeps and finds opaque bytes.
 */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>

#include "lib/xalloc.h"

enum kerr_code
store_sealed_put(struct store *st, const char *table, int64_t row, const char *column,
	const unsigned char *blob, size_t n, struct kerr *err)
{
	struct store_val p[4] = {
		store_vtext(table), store_vint(row), store_vtext(column), store_vblob(blob, n),
	};

	if (table == NULL || column == NULL || blob == NULL)
		return kerr_set(err, KERR_INTERNAL, "sealed value without table, column or bytes");
	return store_exec(st, STMT_SEALED_PUT, p, 4, NULL, NULL, err);
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
	enum kerr_code rc = store_exec(st, STMT_SEALED_GET, p, 3, blob_row, &b, err);

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
	enum kerr_code rc = store_exec(st, STMT_SEALED_ALL, NULL, 0, walk_row, &w, err);

	return rc != KERR_OK ? rc : w.rc;
}

/* ---- blind indexes ---- */

#define BLIND_KIND_MAX 40
#define BLIND_HASH_MAX 64
#define BLIND_TABLE_MAX 24
#define BLIND_BATCH 65536     /* pending entries written at once */

struct store_blind_entry {
	char kind[BLIND_KIND_MAX];
	unsigned char hash[BLIND_HASH_MAX];
	size_t hashlen;
	char table[BLIND_TABLE_MAX];
	int64_t row;
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

/* The order of the table's primary key (kind, hash, tbl, row_id). */
static int
blind_cmp(const void *x, const void *y)
{
	const struct store_blind_entry *a = x, *b = y;
	size_t n = a->hashlen < b->hashlen ? a->hashlen : b->hashlen;
	int d = strcmp(a->kind, b->kind);

	if (d == 0)
		d = memcmp(a->hash, b->hash, n);
	if (d == 0 && a->hashlen != b->hashlen)
		d = a->hashlen < b->hashlen ? -1 : 1;
	if (d == 0)
		d = strcmp(a->table, b->table);
	if (d == 0 && a->row != b->row)
		d = a->row < b->row ? -1 : 1;
	return d;
}

enum kerr_code
store_blind_flush(struct store *st, struct kerr *err)
{
	enum kerr_code rc = KERR_OK;
	size_t i;

	if (st->npending == 0)
		return KERR_OK;
	qsort(st->pending, st->npending, sizeof(st->pending[0]), blind_cmp);
	for (i = 0; i < st->npending && rc == KERR_OK; i++) {
		struct store_blind_entry *e = &st->pending[i];
		rc = blind_write(st, e->kind, e->hash, e->hashlen, e->table, e->row, err);
	}
	st->npending = 0;
	return rc;
}

void
store_blind_discard(struct store *st)
{
	st->npending = 0;
}

/* Inside a transaction the entry waits for a sorted batch; a failure to
 * write it then shows at the latest in store_commit. */
enum kerr_code
store_blind_put(struct store *st, const char *kind, const unsigned char *hash,
	size_t hashlen, const char *table, int64_t row, struct kerr *err)
{
	struct store_blind_entry *e;

	if (kind == NULL || hash == NULL || table == NULL)
		return kerr_set(err, KERR_INTERNAL, "blind index without kind, hash or table");
	if (!st->in_tx || strlen(kind) >= BLIND_KIND_MAX || hashlen > BLIND_HASH_MAX ||
	    strlen(table) >= BLIND_TABLE_MAX)
		return blind_write(st, kind, hash, hashlen, table, row, err);
	if (st->npending == BLIND_BATCH) {
		enum kerr_code rc = store_blind_flush(st, err);
		if (rc != KERR_OK)
			return rc;
	}
	if (st->npending == st->cappending) {
		st->cappending = st->cappending ? st->cappending * 2 : 256;
		st->pending = xrealloc(st->pending, st->cappending * sizeof(*st->pending));
	}
	e = &st->pending[st->npending++];
	snprintf(e->kind, sizeof(e->kind), "%s", kind);
	memcpy(e->hash, hash, hashlen);
	e->hashlen = hashlen;
	snprintf(e->table, sizeof(e->table), "%s", table);
	e->row = row;
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
	store_blind_discard(st);
	return store_exec(st, STMT_BLIND_CLEAR, NULL, 0, NULL, NULL, err);
}
