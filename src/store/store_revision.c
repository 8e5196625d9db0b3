/*
 * store_revision.c — amending a case (migration 0008_revisions): the case
 * row, its version, children marked removed (never deleted), erased sealed
 * values and stale blind index entries, and the revision rows. The
 * children's own updates are in store_party.c, the statistics in
 * store_stats.c.
 */
#include "store/store_int.h"

#include <stdio.h>

/* The department of a place: the first two UBIGEO digits when in Peru (as
 * store_case.c derives it at registration). */
static void
department(const struct place *pl, char dep[3])
{
	const char *u = pl->ubigeo;

	dep[0] = '\0';
	if (u == NULL || strlen(u) < 2 || u[0] < '0' || u[0] > '9' || u[1] < '0' || u[1] > '9')
		return;
	if (pl->country != NULL && pl->country[0] != '\0' && strcmp(pl->country, "PE") != 0)
		return;
	dep[0] = u[0];
	dep[1] = u[1];
	dep[2] = '\0';
}

static enum kerr_code
case_rows(struct store *st, const struct kcase *c, int shares, struct kerr *err)
{
	struct store_val p[8], k[1] = { store_vint(c->id) };
	char dep[3];
	int64_t got;
	size_t i;
	enum kerr_code rc;

	department(&c->place, dep);
	p[0] = store_vint(c->id);
	p[1] = store_vtext(c->number);
	p[2] = store_vdate(c->complaint_date);
	p[3] = store_vtext(c->complaint_source);
	p[4] = store_vtext(c->place.country);
	p[5] = store_vtext(c->place.ubigeo);
	p[6] = dep[0] ? store_vtext(dep) : store_vnull();
	p[7] = store_vtext(c->stage);
	rc = store_exec_int(st, STMT_CASE_UPDATE, p, 8, &got, err);
	if (rc == KERR_CONFLICT)
		return kerr_field(err, KERR_CONFLICT, "number", "case '%s' already exists",
			c->number);
	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_NOTFOUND, "no case %lld", (long long)c->id);
	if (rc == KERR_OK)
		rc = store_exec(st, STMT_CASE_CODES_DELETE, k, 1, NULL, NULL, err);
	if (rc == KERR_OK)
		rc = store_codes_insert(st, STMT_CASE_CODE_INSERT, c->id, "offence",
			c->offences, c->noffences, err);
	if (rc == KERR_OK)
		rc = store_codes_insert(st, STMT_CASE_CODE_INSERT, c->id, "related_offence",
			c->related, c->nrelated, err);
	if (rc == KERR_OK)
		rc = store_codes_insert(st, STMT_CASE_CODE_INSERT, c->id, "aggravating",
			c->aggravating, c->naggravating, err);
	if (rc != KERR_OK || !shares)
		return rc;
	rc = store_exec(st, STMT_CASE_SHARES_DELETE, k, 1, NULL, NULL, err);
	for (i = 0; i < c->nshared && rc == KERR_OK; i++)
		rc = store_case_share(st, c->id, c->shared_with[i], err);
	return rc;
}

enum kerr_code
store_case_update(struct store *st, const struct kcase *c, int shares, struct kerr *err)
{
	int own;
	enum kerr_code rc = store_tx_start(st, &own, err);

	if (rc == KERR_OK)
		rc = case_rows(st, c, shares, err);
	if (rc == KERR_OK)
		rc = store_case_intake_write(st, c, err);
	return store_tx_end(st, own, rc, err);
}

enum kerr_code
store_case_bump(struct store *st, int64_t id, int64_t expected, struct kerr *err)
{
	struct store_val p[3] = { store_vint(id), store_vint(expected), store_vint(expected + 1) };
	int64_t got;
	enum kerr_code rc = store_exec_int(st, STMT_CASE_BUMP, p, 3, &got, err);

	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_STALE, "case %lld is no longer at version %lld",
			(long long)id, (long long)expected);
	return rc;
}

enum kerr_code
store_child_remove(struct store *st, enum store_child kind, int64_t id, int64_t version,
	struct kerr *err)
{
	static const enum store_stmt stmts[STORE_CHILD__MAX] = {
		[STORE_CHILD_PARTICIPATION] = STMT_PART_REMOVE,
		[STORE_CHILD_EVENT] = STMT_EVENT_REMOVE,
		[STORE_CHILD_ASSET] = STMT_ASSET_REMOVE,
		[STORE_CHILD_IDENTIFIER] = STMT_IDENT_REMOVE,
		[STORE_CHILD_REQUEST] = STMT_REQUEST_REMOVE,
	};
	struct store_val p[2] = { store_vint(id), store_vint(version) };

	if ((unsigned)kind >= STORE_CHILD__MAX)
		return kerr_set(err, KERR_INTERNAL, "unknown kind of child %d", (int)kind);
	return store_exec(st, stmts[kind], p, 2, NULL, NULL, err);
}

enum kerr_code
store_sealed_delete(struct store *st, const char *table, int64_t row, const char *column,
	struct kerr *err)
{
	struct store_val p[3] = { store_vtext(table), store_vint(row), store_vtext(column) };
	enum kerr_code rc = store_blind_flush(st, err);   /* puts pending go first */

	if (rc != KERR_OK)
		return rc;
	return store_exec(st, STMT_SEALED_DELETE, p, 3, NULL, NULL, err);
}

enum kerr_code
store_blind_delete(struct store *st, const char *kind, const unsigned char *hash,
	size_t hashlen, const char *table, int64_t row, struct kerr *err)
{
	struct store_val p[4] = { store_vtext(kind), store_vblob(hash, hashlen),
		store_vtext(table), store_vint(row) };
	enum kerr_code rc = store_blind_flush(st, err);

	if (rc != KERR_OK)
		return rc;
	return store_exec(st, STMT_BLIND_DELETE, p, 4, NULL, NULL, err);
}

enum kerr_code
store_revision_insert(struct store *st, struct store_revision *r, struct kerr *err)
{
	struct store_val p[5] = { store_vint(r->case_id), store_vint(r->version),
		store_vint(r->ts), store_vtext(r->actor), store_vint(r->changes) };

	return store_exec_int(st, STMT_REV_INSERT, p, 5, &r->id, err);
}

struct rev_ctx {
	struct arena *a;
	struct store_revision *arr;
	size_t n, cap;
	int64_t case_id;
};

static int
rev_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct rev_ctx *x = ctx;
	struct store_revision *r;

	(void)ncol;
	x->arr = store_grow(x->a, x->arr, sizeof(*r), &x->cap, x->n + 1);
	r = &x->arr[x->n++];
	r->id = store_col_int(&col[0]);
	r->case_id = x->case_id;
	r->version = store_col_int(&col[1]);
	r->ts = store_col_int(&col[2]);
	r->actor = store_col_str(x->a, &col[3]);
	r->changes = (int)store_col_int(&col[4]);
	return 0;
}

enum kerr_code
store_revision_list(struct store *st, int64_t case_id, struct arena *a,
	struct store_revision **out, size_t *n, struct kerr *err)
{
	struct rev_ctx x = { .a = a, .case_id = case_id };
	struct store_val p[1] = { store_vint(case_id) };
	enum kerr_code rc = store_exec(st, STMT_REV_LIST, p, 1, rev_row, &x, err);

	*out = x.arr;
	*n = x.n;
	return rc;
}
