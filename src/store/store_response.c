/*
 * store_response.c — the State's response in the store (0011_response.sql):
 * a victim's protection measures, the parts of an asset's life beyond its
 * steps' codes and dates (owner, forfeiture file, realised values,
 * references, the identifiers that lead to it), and the police report a
 * case came from. The typed functions of store_party.c and store_case.c
 * call these, so every path that writes or reads a case carries them.
 */
#include "store/store_int.h"
#include "store/store_stats.h"

#include <stdlib.h>

/* ---- protection of a victim ---- */

enum kerr_code
store_protections_write(struct store *st, const struct participation *pa, int fresh,
	struct kerr *err)
{
	const struct victim_attrs *v = &pa->victim;
	struct store_val p[8];
	enum kerr_code rc = KERR_OK;
	size_t i;

	if (!fresh) {
		p[0] = store_vint(pa->id);
		rc = store_exec(st, STMT_PROT_DELETE, p, 1, NULL, NULL, err);
	}
	if (pa->role == NULL || strcmp(pa->role, "victim") != 0)
		return rc;
	for (i = 0; i < v->nprotection && rc == KERR_OK; i++) {
		const struct protection *pr = &v->protection[i];
		p[0] = store_vint(pa->id);
		p[1] = store_vint((int64_t)i);
		p[2] = store_vtext(pr->measure);
		p[3] = store_vtext(pr->provider);
		p[4] = store_vdate(pr->date);
		p[5] = store_vdate(pr->end_date);
		p[6] = pr->consent < 0 ? store_vnull() : store_vint(pr->consent ? 1 : 0);
		p[7] = store_vtext(pr->result);
		rc = store_exec(st, STMT_PROT_INSERT, p, 8, NULL, NULL, err);
	}
	return rc;
}

struct prot_ctx {
	struct arena *a;
	struct victim_attrs *v;
	size_t cap;
};

static int
prot_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct prot_ctx *x = ctx;
	struct protection *pr;

	(void)ncol;
	x->v->protection = store_grow(x->a, x->v->protection, sizeof(*pr), &x->cap,
		x->v->nprotection + 1);
	pr = &x->v->protection[x->v->nprotection++];
	memset(pr, 0, sizeof(*pr));
	pr->measure = store_col_str(x->a, &col[0]);
	pr->provider = store_col_str(x->a, &col[1]);
	store_col_date(pr->date, &col[2]);
	store_col_date(pr->end_date, &col[3]);
	pr->consent = col[4].type == STORE_VNULL ? -1 : store_col_int(&col[4]) != 0;
	pr->result = store_col_str(x->a, &col[5]);
	return 0;
}

/* ---- an asset's life ---- */

enum kerr_code
store_asset_life_write(struct store *st, const struct asset *as, struct kerr *err)
{
	struct store_val p[4] = {
		store_vint(as->id), store_vref(as->owner_part), store_vtext(as->owner_relation),
		store_vtext(as->forfeiture_file),
	};
	enum kerr_code rc;
	size_t i;

	rc = store_exec(st, STMT_ASSET_LIFE_SET, p, 4, NULL, NULL, err);
	for (i = 0; i < as->nmeasures && rc == KERR_OK; i++) {
		const struct asset_measure *m = &as->measures[i];
		if (m->value_cents == 0 && m->reference == NULL)
			continue;
		p[0] = store_vint(as->id);
		p[1] = store_vint((int64_t)i);
		p[2] = m->value_cents != 0 ? store_vint(m->value_cents) : store_vnull();
		p[3] = store_vtext(m->reference);
		rc = store_exec(st, STMT_ASSET_STEP_SET, p, 4, NULL, NULL, err);
	}
	return rc;
}

/* What a row callback fills: an asset or a case, and the arena. */
struct fill_ctx {
	struct arena *a;
	struct asset *as;
	struct kcase *c;
};

static int
asset_life_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct asset *as = ((struct fill_ctx *)ctx)->as;
	struct arena *a = ((struct fill_ctx *)ctx)->a;

	(void)ncol;
	as->owner_part = store_col_int(&col[0]);
	as->owner_relation = store_col_str(a, &col[1]);
	as->forfeiture_file = store_col_str(a, &col[2]);
	return 1;
}

static int
asset_step_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct asset *as = ((struct fill_ctx *)ctx)->as;
	struct arena *a = ((struct fill_ctx *)ctx)->a;
	int64_t pos = store_col_int(&col[0]);

	(void)ncol;
	if (pos < 0 || (size_t)pos >= as->nmeasures)
		return 0;
	as->measures[pos].value_cents = store_col_int(&col[1]);
	as->measures[pos].reference = store_col_str(a, &col[2]);
	return 0;
}

enum kerr_code
store_identifier_set_asset(struct store *st, int64_t ident_id, int64_t asset_id,
	struct kerr *err)
{
	struct store_val p[2] = { store_vint(ident_id), store_vref(asset_id) };

	return store_exec(st, STMT_IDENT_SET_ASSET, p, 2, NULL, NULL, err);
}

static int
ident_asset_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct kcase *c = ctx;
	int64_t id = store_col_int(&col[0]), asset = store_col_int(&col[1]);
	size_t i, j;

	(void)ncol;
	for (i = 0; i < c->nidents; i++) {
		if (c->idents[i].id != id)
			continue;
		c->idents[i].asset_id = asset;
		for (j = 0; j < c->nassets; j++)
			if (c->assets[j].id == asset)
				c->idents[i].asset_pos = j + 1;
	}
	return 0;
}

/* ---- the police report of a case ---- */

enum kerr_code
store_case_intake_write(struct store *st, const struct kcase *c, struct kerr *err)
{
	const struct police_intake *pi = &c->police;
	struct store_val p[7] = {
		store_vint(c->id), store_vtext(pi->kind), store_vtext(pi->number),
		store_vtext(pi->unit), store_vtext(pi->reta), store_vtext(pi->sidpol),
		store_vdate(pi->received),
	};

	return store_exec(st, STMT_CASE_INTAKE_SET, p, 7, NULL, NULL, err);
}

static int
intake_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct kcase *c = ((struct fill_ctx *)ctx)->c;
	struct arena *a = ((struct fill_ctx *)ctx)->a;

	(void)ncol;
	c->police.kind = store_col_str(a, &col[0]);
	c->police.number = store_col_str(a, &col[1]);
	c->police.unit = store_col_str(a, &col[2]);
	c->police.reta = store_col_str(a, &col[3]);
	c->police.sidpol = store_col_str(a, &col[4]);
	store_col_date(c->police.received, &col[5]);
	return 1;
}

/* ---- reading it all back ---- */

/* The owner's position in c->parts + 1 (0 when none or no longer there). */
static size_t
owner_pos(const struct kcase *c, int64_t part)
{
	size_t i;

	for (i = 0; part != 0 && i < c->nparts; i++)
		if (c->parts[i].id == part)
			return i + 1;
	return 0;
}

enum kerr_code
store_response_read(struct store *st, struct arena *a, struct kcase *c, struct kerr *err)
{
	struct store_val k[1] = { store_vint(c->id) };
	struct fill_ctx ctx = { .a = a, .c = c };
	enum kerr_code rc;
	size_t i;

	rc = store_exec(st, STMT_CASE_INTAKE_GET, k, 1, intake_row, &ctx, err);
	for (i = 0; i < c->nparts && rc == KERR_OK; i++) {
		struct prot_ctx x = { a, &c->parts[i].victim, 0 };
		if (c->parts[i].role == NULL || strcmp(c->parts[i].role, "victim") != 0)
			continue;
		k[0] = store_vint(c->parts[i].id);
		rc = store_exec(st, STMT_PROT_READ, k, 1, prot_row, &x, err);
	}
	for (i = 0; i < c->nassets && rc == KERR_OK; i++) {
		struct asset *as = &c->assets[i];
		ctx.as = as;
		k[0] = store_vint(as->id);
		rc = store_exec(st, STMT_ASSET_LIFE_GET, k, 1, asset_life_row, &ctx, err);
		if (rc == KERR_OK && as->nmeasures > 0)
			rc = store_exec(st, STMT_ASSET_STEPS_GET, k, 1, asset_step_row, &ctx, err);
		as->owner_pos = owner_pos(c, as->owner_part);
	}
	k[0] = store_vint(c->id);
	if (rc == KERR_OK && c->nidents > 0 && c->nassets > 0)
		rc = store_exec(st, STMT_CASE_IDENT_ASSETS, k, 1, ident_asset_row, c, err);
	return rc;
}

/* ---- statistics (store_response_sql.h) ---- */

struct rstat_ctx {
	struct arena *a;
	struct store_stat_row *rows;
	size_t n, cap;
};

static int
rstat_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct rstat_ctx *x = ctx;
	struct store_stat_row *r;
	size_t i;

	(void)ncol;
	x->rows = store_grow(x->a, x->rows, sizeof(*r), &x->cap, x->n + 1);
	r = &x->rows[x->n++];
	for (i = 0; i < STORE_STAT_MAXDIMS; i++)
		r->keys[i] = col[i].type == STORE_VNULL ? NULL : store_col_str(x->a, &col[i]);
	r->value = store_col_int(&col[4]);
	return 0;
}

/* NULL first, then text by bytes (SQLite's order; PostgreSQL puts NULL last). */
static int
rstat_cmp(const void *pa, const void *pb)
{
	const struct store_stat_row *x = pa, *y = pb;
	size_t i;
	int c;

	for (i = 0; i < STORE_STAT_MAXDIMS; i++) {
		if (x->keys[i] == NULL || y->keys[i] == NULL) {
			if (x->keys[i] != y->keys[i])
				return x->keys[i] == NULL ? -1 : 1;
			continue;
		}
		if ((c = strcmp(x->keys[i], y->keys[i])) != 0)
			return c;
	}
	return 0;
}

enum kerr_code
store_resp_stat_query(struct store *st, const struct store_resp_query *q, struct arena *a,
	struct store_stat_row **out, size_t *n, struct kerr *err)
{
	static const enum store_stmt stmts[] = {
		[SRW_PROTECTIONS] = STMT_RSTAT_PROTECTIONS,
		[SRW_PROTECTED_VICTIMS] = STMT_RSTAT_PROTECTIONS,
		[SRW_ASSETS] = STMT_RSTAT_ASSET_STAGE,
		[SRW_STAGE_VALUE] = STMT_RSTAT_ASSET_STAGE,
		[SRW_FIRST_VALUE] = STMT_RSTAT_ASSET_FIRST,
		[SRW_REALISED_VALUE] = STMT_RSTAT_ASSET_REALISED,
	};
	struct rstat_ctx x = { .a = a };
	struct store_val p[14];
	enum kerr_code rc;
	size_t i;

	*out = NULL;
	*n = 0;
	if ((unsigned)q->what > SRW_REALISED_VALUE)
		return kerr_set(err, KERR_INTERNAL, "unknown response statistic %d", (int)q->what);
	for (i = 0; i < 4; i++)
		p[i] = store_vint(q->cols[i]);
	p[4] = q->from ? store_vint(q->from) : store_vnull();
	p[5] = q->to ? store_vint(q->to) : store_vnull();
	for (i = 0; i < 3; i++) {
		p[6 + 2 * i] = store_vint(q->where_col[i]);
		p[7 + 2 * i] = store_vtext(q->where_col[i] ? q->where_val[i] : "");
	}
	p[12] = store_vint(q->what == SRW_PROTECTED_VICTIMS || q->what == SRW_STAGE_VALUE ||
		q->what == SRW_FIRST_VALUE || q->what == SRW_REALISED_VALUE ? 2 : 1);
	p[13] = store_vtext(q->codes != NULL ? q->codes : ",");
	rc = store_exec(st, stmts[q->what], p, 14, rstat_row, &x, err);
	if (rc != KERR_OK)
		return rc;
	if (x.n > 1)
		qsort(x.rows, x.n, sizeof(*x.rows), rstat_cmp);
	*out = x.rows;
	*n = x.n;
	return KERR_OK;
}

/* ---- reconciling the police's reports with the cases ---- */

enum kerr_code
store_case_police_ref(struct store *st, const char *number, const char *reta,
	const char *sidpol, int64_t office_id, int64_t *n, struct kerr *err)
{
	struct store_val p[4] = { store_vtext(number), store_vtext(reta), store_vtext(sidpol),
		store_vref(office_id) };

	*n = 0;
	return store_exec_int(st, STMT_CASE_POLICE_REF, p, 4, n, err);
}
