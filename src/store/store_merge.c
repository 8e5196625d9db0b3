/*
 * store_merge.c — merged persons and rejected dedup pairs
 * (0017_person_merges.sql), on the primitives of store_int.h.
 */
#include "store/store_merge.h"
#include "store/store_int.h"

struct cases_ctx {
	struct arena *a;
	struct store_merge_case *v;
	size_t n, cap, shares_cap;
};

/* Columns: case, office, role, share office (NULL). */
static int
cases_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct cases_ctx *c = ctx;
	struct store_merge_case *last = c->n ? &c->v[c->n - 1] : NULL;
	const char *role = store_col_str(c->a, &col[2]);

	(void)ncol;
	if (last == NULL || last->case_id != store_col_int(&col[0]) ||
	    strcmp(last->role, role) != 0) {
		c->v = store_grow(c->a, c->v, sizeof(*c->v), &c->cap, c->n + 1);
		last = &c->v[c->n++];
		memset(last, 0, sizeof(*last));
		last->case_id = store_col_int(&col[0]);
		last->office_id = store_col_int(&col[1]);
		last->role = role;
		c->shares_cap = 0;
	}
	if (col[3].type != STORE_VNULL) {
		last->shared_with = store_grow(c->a, last->shared_with, sizeof(int64_t),
			&c->shares_cap, last->nshared + 1);
		last->shared_with[last->nshared++] = store_col_int(&col[3]);
	}
	return 0;
}

enum kerr_code
store_merge_cases(struct store *st, int64_t person_id, struct arena *a,
	struct store_merge_case **out, size_t *n, struct kerr *err)
{
	struct store_val p[1] = { store_vint(person_id) };
	struct cases_ctx c = { .a = a };
	enum kerr_code rc = store_exec(st, STMT_MERGE_CASES, p, 1, cases_row, &c, err);

	*out = c.v;
	*n = rc == KERR_OK ? c.n : 0;
	return rc;
}

static int
count_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct store_merge *m = ctx;

	(void)ncol;
	m->nparts = store_col_int(&col[0]);
	m->nidents = store_col_int(&col[1]);
	return 1;
}

/* Point the rows of merge id at person to. */
static enum kerr_code
move_rows(struct store *st, int64_t id, int64_t to, struct kerr *err)
{
	struct store_val p[2] = { store_vint(id), store_vint(to) };
	enum kerr_code rc = store_exec(st, STMT_MERGE_MOVE_PARTS, p, 2, NULL, NULL, err);

	return rc == KERR_OK ? store_exec(st, STMT_MERGE_MOVE_IDENTS, p, 2, NULL, NULL, err) : rc;
}

enum kerr_code
store_merge_apply(struct store *st, struct store_merge *m, struct kerr *err)
{
	struct store_val ins[4] = { store_vint(m->kept), store_vint(m->merged),
		store_vtext(m->merged_by), store_vint(m->merged_at) };
	int own;
	enum kerr_code rc;

	if ((rc = store_tx_start(st, &own, err)) != KERR_OK)
		return rc;
	rc = store_exec_int(st, STMT_MERGE_INSERT, ins, 4, &m->id, err);
	struct store_val rows[2] = { store_vint(m->id), store_vint(m->merged) };
	if (rc == KERR_OK)
		rc = store_exec(st, STMT_MERGE_ROWS_PARTS, rows, 2, NULL, NULL, err);
	if (rc == KERR_OK)
		rc = store_exec(st, STMT_MERGE_ROWS_IDENTS, rows, 2, NULL, NULL, err);
	if (rc == KERR_OK)
		rc = move_rows(st, m->id, m->kept, err);
	if (rc == KERR_OK)
		rc = store_exec(st, STMT_MERGE_COUNT, rows, 1, count_row, m, err);
	return store_tx_end(st, own, rc, err);
}

struct live_ctx {
	struct arena *a;
	struct store_merge *m;
	int found;
};

/* Columns: id, kept, merged, by, at (newest first: the first row). */
static int
live_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct live_ctx *l = ctx;

	(void)ncol;
	l->m->id = store_col_int(&col[0]);
	l->m->kept = store_col_int(&col[1]);
	l->m->merged = store_col_int(&col[2]);
	l->m->merged_by = store_col_str(l->a, &col[3]);
	l->m->merged_at = store_col_int(&col[4]);
	l->found = 1;
	return 1;
}

enum kerr_code
store_merge_live(struct store *st, int64_t kept, int64_t merged, struct arena *a,
	struct store_merge *out, struct kerr *err)
{
	struct store_val p[2] = { store_vint(kept), store_vint(merged) };
	struct live_ctx l = { a, out, 0 };
	enum kerr_code rc;

	memset(out, 0, sizeof(*out));
	rc = store_exec(st, STMT_MERGE_LIVE, p, 2, live_row, &l, err);
	if (rc == KERR_OK && l.found) {
		struct store_val q[1] = { store_vint(out->id) };
		rc = store_exec(st, STMT_MERGE_COUNT, q, 1, count_row, out, err);
	}
	if (rc == KERR_OK && !l.found)
		return kerr_set(err, KERR_NOTFOUND, "no such merge");
	return rc;
}

enum kerr_code
store_merge_undo(struct store *st, const struct store_merge *m, const char *by, int64_t at,
	struct kerr *err)
{
	struct store_val p[3] = { store_vint(m->id), store_vtext(by), store_vint(at) };
	int own;
	enum kerr_code rc;

	if ((rc = store_tx_start(st, &own, err)) != KERR_OK)
		return rc;
	rc = move_rows(st, m->id, m->merged, err);
	if (rc == KERR_OK)
		rc = store_exec(st, STMT_MERGE_UNDO, p, 3, NULL, NULL, err);
	return store_tx_end(st, own, rc, err);
}

struct ids_ctx {
	struct arena *a;
	int64_t *v;
	size_t n, cap;
	size_t per_row;
};

static int
ids_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct ids_ctx *c = ctx;
	size_t k;

	(void)ncol;
	c->v = store_grow(c->a, c->v, sizeof(int64_t), &c->cap, c->n + c->per_row);
	for (k = 0; k < c->per_row; k++)
		c->v[c->n++] = store_col_int(&col[k]);
	return 0;
}

enum kerr_code
store_merge_moved_cases(struct store *st, int64_t merge_id, struct arena *a, int64_t **out,
	size_t *n, struct kerr *err)
{
	struct store_val p[1] = { store_vint(merge_id) };
	struct ids_ctx c = { .a = a, .per_row = 1 };
	enum kerr_code rc = store_exec(st, STMT_MERGE_MOVED_CASES, p, 1, ids_row, &c, err);

	*out = c.v;
	*n = rc == KERR_OK ? c.n : 0;
	return rc;
}

enum kerr_code
store_dedup_reject(struct store *st, int64_t a, int64_t b, const char *by, int64_t at,
	struct kerr *err)
{
	struct store_val p[4] = { store_vint(a < b ? a : b), store_vint(a < b ? b : a),
		store_vtext(by), store_vint(at) };

	return store_exec(st, STMT_DEDUP_REJECT, p, 4, NULL, NULL, err);
}

enum kerr_code
store_dedup_rejected(struct store *st, struct arena *ar, int64_t **pairs, size_t *n,
	struct kerr *err)
{
	struct ids_ctx c = { .a = ar, .per_row = 2 };
	enum kerr_code rc = store_exec(st, STMT_DEDUP_REJECTED, NULL, 0, ids_row, &c, err);

	*pairs = c.v;
	*n = rc == KERR_OK ? c.n / 2 : 0;
	return rc;
}
