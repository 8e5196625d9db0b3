/*
 * store_assign.c — a case changing hands: its assigned prosecutor, and its
 * transfer to another office (derivación) with the record of each move
 * (0007_assignment.sql). The statistical facts follow in the same
 * transaction (store_stats.c), so no count ever names the old office.
 */
#include "store/store_int.h"
#include "store/store_stats.h"

enum kerr_code
store_case_assign(struct store *st, int64_t case_id, int64_t user_id, const char *username,
	struct kerr *err)
{
	struct store_val p[2] = { store_vint(case_id), store_vref(user_id) };
	int64_t got;
	int own;
	enum kerr_code rc = store_tx_start(st, &own, err);

	if (rc == KERR_OK)
		rc = store_exec_int(st, STMT_CASE_ASSIGN, p, 2, &got, err);
	if (rc == KERR_NOTFOUND)
		rc = kerr_set(err, KERR_NOTFOUND, "no case %lld", (long long)case_id);
	if (rc == KERR_OK)
		rc = store_stat_case_assigned(st, case_id, user_id ? username : NULL, err);
	return store_tx_end(st, own, rc, err);
}

static enum kerr_code
transfer_rows(struct store *st, struct case_transfer *t, const struct office *to,
	struct kerr *err)
{
	struct store_val mv[2] = { store_vint(t->case_id), store_vint(to->id) };
	struct store_val ins[5] = { store_vint(t->case_id), store_vint(t->from_office),
		store_vint(to->id), store_vref(t->by), store_vint(t->at) };
	int64_t got;
	enum kerr_code rc;

	t->to_office = to->id;
	rc = store_exec_int(st, STMT_CASE_MOVE, mv, 2, &got, err);
	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_NOTFOUND, "no case %lld", (long long)t->case_id);
	/* the new owner needs no share of its own case */
	if (rc == KERR_OK)
		rc = store_exec(st, STMT_CASE_SHARE_DELETE, mv, 2, NULL, NULL, err);
	if (rc == KERR_OK)
		rc = store_exec_int(st, STMT_TRANSFER_INSERT, ins, 5, &t->id, err);
	if (rc == KERR_OK)
		rc = store_stat_case_moved(st, t->case_id, to->code, to->distrito_fiscal, err);
	return rc;
}

enum kerr_code
store_case_transfer(struct store *st, struct case_transfer *t, const struct office *to,
	struct kerr *err)
{
	int own;
	enum kerr_code rc = store_tx_start(st, &own, err);

	if (rc == KERR_OK)
		rc = transfer_rows(st, t, to, err);
	return store_tx_end(st, own, rc, err);
}

struct transfers_ctx {
	struct arena *a;
	struct case_transfer *rows;
	size_t n, cap;
	int64_t case_id;
};

static int
transfer_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct transfers_ctx *c = ctx;
	struct case_transfer *t;

	(void)ncol;
	c->rows = store_grow(c->a, c->rows, sizeof(*t), &c->cap, c->n + 1);
	t = &c->rows[c->n++];
	memset(t, 0, sizeof(*t));
	t->id = store_col_int(&col[0]);
	t->case_id = c->case_id;
	t->from_office = store_col_int(&col[1]);
	t->to_office = store_col_int(&col[2]);
	t->from_code = store_col_str(c->a, &col[3]);
	t->to_code = store_col_str(c->a, &col[4]);
	t->by = store_col_int(&col[5]);
	t->by_name = store_col_str(c->a, &col[6]);
	t->at = store_col_int(&col[7]);
	return 0;
}

enum kerr_code
store_case_transfers(struct store *st, int64_t case_id, struct arena *a,
	struct case_transfer **out, size_t *n, struct kerr *err)
{
	struct transfers_ctx c = { .a = a, .case_id = case_id };
	struct store_val p[1] = { store_vint(case_id) };
	enum kerr_code rc = store_exec(st, STMT_CASE_TRANSFERS, p, 1, transfer_row, &c, err);

	*out = rc == KERR_OK ? c.rows : NULL;
	*n = rc == KERR_OK ? c.n : 0;
	return rc;
}
