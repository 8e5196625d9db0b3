/*
 * store_attach.c — attachments and their encrypted chunks
 * (0006_attachments.sql), on the primitives of store_int.h.
 */
#include "store/store_attach.h"
#include "store/store_int.h"

enum kerr_code
store_attach_next_seq(struct store *st, int64_t case_id, int64_t *seq, struct kerr *err)
{
	struct store_val p[1] = { store_vint(case_id) };

	return store_exec_int(st, STMT_ATTACH_NEXT_SEQ, p, 1, seq, err);
}

enum kerr_code
store_attach_insert(struct store *st, struct store_attachment *a, struct kerr *err)
{
	struct store_val p[8] = {
		store_vint(a->case_id), store_vint(a->seq), store_vtext(a->type),
		store_vint(a->size), store_vint(a->chunks), store_vblob(a->header, a->header_len),
		store_vref(a->created_by), store_vint(a->created_at),
	};

	return store_exec_int(st, STMT_ATTACH_INSERT, p, 8, &a->id, err);
}

enum kerr_code
store_attach_chunk_put(struct store *st, int64_t attachment_id, int64_t pos,
	const unsigned char *data, size_t n, struct kerr *err)
{
	struct store_val p[3] = { store_vint(attachment_id), store_vint(pos),
		store_vblob(data, n) };

	return store_exec(st, STMT_ATTACH_CHUNK_PUT, p, 3, NULL, NULL, err);
}

struct list_ctx {
	struct arena *a;
	struct store_attachment *rows;
	size_t n, cap;
};

/* Columns: id, case, seq, type, size, chunks, header, by, by name, at. */
static void
read_row(struct arena *ar, const struct store_val *col, struct store_attachment *out)
{
	unsigned char *h;

	out->id = store_col_int(&col[0]);
	out->case_id = store_col_int(&col[1]);
	out->seq = store_col_int(&col[2]);
	out->type = store_col_str(ar, &col[3]);
	out->size = store_col_int(&col[4]);
	out->chunks = store_col_int(&col[5]);
	out->header_len = col[6].type == STORE_VBLOB ? col[6].n : 0;
	h = arena_alloc(ar, out->header_len + 1);
	if (out->header_len)
		memcpy(h, col[6].p, out->header_len);
	out->header = h;
	out->created_by = store_col_int(&col[7]);
	out->created_by_name = store_col_str(ar, &col[8]);
	out->created_at = store_col_int(&col[9]);
}

static int
list_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct list_ctx *l = ctx;

	(void)ncol;
	l->rows = store_grow(l->a, l->rows, sizeof(*l->rows), &l->cap, l->n + 1);
	read_row(l->a, col, &l->rows[l->n++]);
	return 0;
}

enum kerr_code
store_attach_list(struct store *st, int64_t case_id, struct arena *ar,
	struct store_attachment **out, size_t *n, struct kerr *err)
{
	struct list_ctx l = { .a = ar };
	struct store_val p[1] = { store_vint(case_id) };
	enum kerr_code rc = store_exec(st, STMT_ATTACH_LIST, p, 1, list_row, &l, err);

	*out = l.rows;
	*n = rc == KERR_OK ? l.n : 0;
	return rc;
}

enum kerr_code
store_attach_get(struct store *st, int64_t case_id, int64_t seq, struct arena *ar,
	struct store_attachment *out, struct kerr *err)
{
	struct list_ctx l = { .a = ar };
	struct store_val p[2] = { store_vint(case_id), store_vint(seq) };
	enum kerr_code rc = store_exec(st, STMT_ATTACH_GET, p, 2, list_row, &l, err);

	if (rc != KERR_OK)
		return rc;
	if (l.n == 0)
		return kerr_set(err, KERR_NOTFOUND, "no attachment %lld", (long long)seq);
	*out = l.rows[0];
	return KERR_OK;
}

struct chunk_ctx {
	struct arena *a;
	unsigned char *data;
	size_t n;
	int found;
};

static int
chunk_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct chunk_ctx *c = ctx;

	(void)ncol;
	c->found = 1;
	c->n = col[0].type == STORE_VBLOB ? col[0].n : 0;
	c->data = arena_alloc(c->a, c->n + 1);
	if (c->n)
		memcpy(c->data, col[0].p, c->n);
	return 1;
}

enum kerr_code
store_attach_chunk_get(struct store *st, int64_t attachment_id, int64_t pos,
	struct arena *ar, const unsigned char **data, size_t *n, struct kerr *err)
{
	struct chunk_ctx c = { .a = ar };
	struct store_val p[2] = { store_vint(attachment_id), store_vint(pos) };
	enum kerr_code rc = store_exec(st, STMT_ATTACH_CHUNK_GET, p, 2, chunk_row, &c, err);

	*data = NULL;
	*n = 0;
	if (rc != KERR_OK)
		return rc;
	if (!c.found)
		return kerr_set(err, KERR_INTEGRITY, "chunk %lld of attachment %lld is missing",
			(long long)pos, (long long)attachment_id);
	*data = c.data;
	*n = c.n;
	return KERR_OK;
}
