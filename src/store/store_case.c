/*
 * store_case.c — the case row with its offences and shares, reading a whole
 * case, and the filtered case list. Children are in store_party.c.
 */
#include "store/store_int.h"

#include <stdio.h>

#define DIM_OFFENCE "offence"
#define DIM_RELATED "related_offence"
#define DIM_AGGRAVATING "aggravating"

/* The department of a place: the first two UBIGEO digits when in Peru. */
static void
place_department(const struct place *pl, char dep[3])
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

/* ---- writing ---- */

static enum kerr_code
case_insert_rows(struct store *st, struct kcase *c, struct kerr *err)
{
	struct store_val p[15];
	char dep[3];
	enum kerr_code rc;
	size_t i;

	place_department(&c->place, dep);
	p[0] = store_vtext(c->number);
	p[1] = store_vref(c->office_id);
	p[2] = store_vdate(c->complaint_date);
	p[3] = store_vtext(c->complaint_source);
	p[4] = store_vtext(c->place.country);
	p[5] = store_vtext(c->place.ubigeo);
	p[6] = dep[0] ? store_vtext(dep) : store_vnull();
	p[7] = store_vtext(c->stage);
	p[8] = store_vint(c->synthetic ? 1 : 0);
	p[9] = store_vref(c->created_by);
	p[10] = store_vint(c->created_at);
	p[11] = c->term.kind ? store_vtext(c->term.kind) : store_vnull();
	p[12] = store_vdate(c->term.kind ? c->term.start : NULL);
	p[13] = store_vdate(c->term.kind ? c->term.due : NULL);
	p[14] = store_vint(c->term.kind && c->term.extended ? 1 : 0);
	rc = store_exec_int(st, STMT_CASE_INSERT, p, 15, &c->id, err);
	if (rc == KERR_CONFLICT)
		return kerr_field(err, KERR_CONFLICT, "number", "case '%s' already exists",
			c->number);
	if (rc == KERR_OK)
		rc = store_codes_insert(st, STMT_CASE_CODE_INSERT, c->id, DIM_OFFENCE,
			c->offences, c->noffences, err);
	if (rc == KERR_OK)
		rc = store_codes_insert(st, STMT_CASE_CODE_INSERT, c->id, DIM_RELATED,
			c->related, c->nrelated, err);
	if (rc == KERR_OK)
		rc = store_codes_insert(st, STMT_CASE_CODE_INSERT, c->id, DIM_AGGRAVATING,
			c->aggravating, c->naggravating, err);
	for (i = 0; i < c->nshared && rc == KERR_OK; i++)
		rc = store_case_share(st, c->id, c->shared_with[i], err);
	if (rc == KERR_OK && (c->police.kind != NULL || c->police.number != NULL ||
	    c->police.unit != NULL || c->police.reta != NULL || c->police.sidpol != NULL ||
	    c->police.received[0] != '\0'))
		rc = store_case_intake_write(st, c, err);
	return rc;
}

enum kerr_code
store_case_insert(struct store *st, struct kcase *c, struct kerr *err)
{
	int own;
	enum kerr_code rc = store_tx_start(st, &own, err);

	if (rc == KERR_OK)
		rc = case_insert_rows(st, c, err);
	return store_tx_end(st, own, rc, err);
}

enum kerr_code
store_case_share(struct store *st, int64_t case_id, int64_t office_id, struct kerr *err)
{
	struct store_val p[2] = { store_vint(case_id), store_vint(office_id) };

	return store_exec(st, STMT_CASE_SHARE_INSERT, p, 2, NULL, NULL, err);
}

enum kerr_code
store_case_set_derived(struct store *st, int64_t id, const char *stage,
	const struct case_term *term, struct kerr *err)
{
	struct store_val p[6];
	enum kerr_code rc;
	int64_t got;

	if (stage == NULL || stage[0] == '\0')
		return kerr_field(err, KERR_INVALID, "stage", "no stage given");
	p[0] = store_vint(id);
	p[1] = store_vtext(stage);
	p[2] = term->kind ? store_vtext(term->kind) : store_vnull();
	p[3] = store_vdate(term->kind ? term->start : NULL);
	p[4] = store_vdate(term->kind ? term->due : NULL);
	p[5] = store_vint(term->kind && term->extended ? 1 : 0);
	rc = store_exec_int(st, STMT_CASE_SET_DERIVED, p, 6, &got, err);
	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_NOTFOUND, "no case %lld", (long long)id);
	return rc;
}

enum kerr_code
store_case_id_by_number(struct store *st, const char *number, int64_t *id,
	struct kerr *err)
{
	struct store_val p[1] = { store_vtext(number ? number : "") };
	enum kerr_code rc = store_exec_int(st, STMT_CASE_ID_BY_NUMBER, p, 1, id, err);

	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_NOTFOUND, "no case '%s'", number ? number : "");
	return rc;
}

enum kerr_code
store_case_count(struct store *st, int64_t *n, struct kerr *err)
{
	return store_exec_int(st, STMT_CASE_COUNT, NULL, 0, n, err);
}

/* ---- reading ---- */

/* The columns of CASE_COLS (store_sqlite_sql.c). */
static void
case_read(struct arena *a, const struct store_val *col, struct kcase *c)
{
	c->id = store_col_int(&col[0]);
	c->number = store_col_str(a, &col[1]);
	c->office_id = store_col_int(&col[2]);
	store_col_date(c->complaint_date, &col[3]);
	c->complaint_source = store_col_str(a, &col[4]);
	c->place.country = store_col_str(a, &col[5]);
	c->place.ubigeo = store_col_str(a, &col[6]);
	c->stage = store_col_str(a, &col[7]);
	c->synthetic = (int)store_col_int(&col[8]);
	c->created_by = store_col_int(&col[9]);
	c->created_at = store_col_int(&col[10]);
	c->term.kind = store_col_str(a, &col[11]);
	store_col_date(c->term.start, &col[12]);
	store_col_date(c->term.due, &col[13]);
	c->term.extended = (int)store_col_int(&col[14]);
	c->assigned_to = store_col_int(&col[15]);
	c->assignee = store_col_str(a, &col[16]);
	c->version = store_col_int(&col[17]);
}

static enum kerr_code
case_codes(struct store *st, struct arena *a, struct kcase *c, struct kerr *err)
{
	struct store_code_slot slots[] = {
		{ DIM_OFFENCE, &c->offences, &c->noffences, 0 },
		{ DIM_RELATED, &c->related, &c->nrelated, 0 },
		{ DIM_AGGRAVATING, &c->aggravating, &c->naggravating, 0 },
	};

	return store_codes_read(st, STMT_CASE_CODES, c->id, a, slots, 3, err);
}

struct one_case {
	struct arena *a;
	struct kcase *c;
	int found;
};

static int
case_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct one_case *o = ctx;

	(void)ncol;
	case_read(o->a, col, o->c);
	o->found = 1;
	return 1;
}

struct shares_ctx {
	struct arena *a;
	struct kcase *c;
	size_t cap;
};

static int
share_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct shares_ctx *s = ctx;

	(void)ncol;
	s->c->shared_with = store_grow(s->a, s->c->shared_with, sizeof(int64_t), &s->cap,
		s->c->nshared + 1);
	s->c->shared_with[s->c->nshared++] = store_col_int(&col[0]);
	return 0;
}

enum kerr_code
store_case_get(struct store *st, int64_t id, struct arena *a, struct kcase *out,
	struct kerr *err)
{
	struct one_case o = { a, out, 0 };
	struct shares_ctx s = { a, out, 0 };
	struct store_val p[1] = { store_vint(id) };
	enum kerr_code rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_exec(st, STMT_CASE_GET, p, 1, case_row, &o, err)) != KERR_OK)
		return rc;
	if (!o.found)
		return kerr_set(err, KERR_NOTFOUND, "no case %lld", (long long)id);
	if ((rc = case_codes(st, a, out, err)) != KERR_OK)
		return rc;
	if ((rc = store_exec(st, STMT_CASE_SHARES, p, 1, share_row, &s, err)) != KERR_OK)
		return rc;
	if ((rc = store_case_transfers(st, id, a, &out->transfers, &out->ntransfers, err)))
		return rc;
	return store_children_read(st, a, out, err);
}

/* ---- the list ---- */

struct list_ctx {
	struct arena *a;
	struct store_case_row *rows;
	size_t n, cap;
};

static int
list_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct list_ctx *l = ctx;
	struct store_case_row *r;

	(void)ncol;
	l->rows = store_grow(l->a, l->rows, sizeof(*r), &l->cap, l->n + 1);
	r = &l->rows[l->n++];
	case_read(l->a, col, &r->c);
	r->office_code = store_col_str(l->a, &col[18]);
	r->nvictims = (int)store_col_int(&col[19]);
	r->nsuspects = (int)store_col_int(&col[20]);
	return 0;
}

static struct store_val
opt_text(const char *s)
{
	return (s == NULL || s[0] == '\0') ? store_vnull() : store_vtext(s);
}

/* The list's parameters ?1..?13 from a filter; from and to hold the dates. */
static enum kerr_code
list_params(const struct store_case_filter *f, struct store_val p[13],
	char from[MODEL_DATE_LEN], char to[MODEL_DATE_LEN], struct kerr *err)
{
	if (f->year < 0 || f->year > 9998)
		return kerr_field(err, KERR_INVALID, "year", "year %d is out of range", f->year);
	snprintf(from, MODEL_DATE_LEN, "%04u-01-01", (unsigned)f->year % 10000u);
	snprintf(to, MODEL_DATE_LEN, "%04u-01-01", (unsigned)(f->year + 1) % 10000u);
	p[0] = f->office_id ? store_vint(f->office_id) : store_vnull();
	p[1] = opt_text(f->stage);
	p[2] = opt_text(f->department);
	p[3] = store_vtext(f->year ? from : "");
	p[4] = store_vtext(f->year ? to : "~");   /* after every digit */
	p[5] = opt_text(f->exploitation);
	p[6] = opt_text(f->number_like);
	p[7] = store_vint(f->limit == 0 || f->limit > (size_t)INT64_MAX ? INT64_MAX :
		(int64_t)f->limit);
	p[8] = store_vint(f->offset > (size_t)INT64_MAX ? INT64_MAX : (int64_t)f->offset);
	p[9] = f->assigned_to ? store_vint(f->assigned_to) : store_vnull();
	p[10] = f->owner_office_id ? store_vint(f->owner_office_id) : store_vnull();
	/* a term filter: due dates in [due_from, due_to) */
	p[11] = f->due_from != NULL ? store_vtext(f->due_from) : store_vnull();
	p[12] = store_vtext(f->due_to != NULL ? f->due_to : "~");
	return KERR_OK;
}

enum kerr_code
store_case_list(struct store *st, const struct store_case_filter *f, struct arena *a,
	struct store_case_row **out, size_t *n, struct kerr *err)
{
	static const struct store_case_filter all;
	static const enum store_stmt by_sort[] = {
		[STORE_CASE_NEWEST] = STMT_CASE_LIST,
		[STORE_CASE_OLDEST] = STMT_CASE_LIST_OLDEST,
		[STORE_CASE_NUMBER] = STMT_CASE_LIST_NUMBER,
		[STORE_CASE_DUE] = STMT_CASE_LIST_DUE,
	};
	struct list_ctx l = { .a = a };
	struct store_val p[13];
	char from[MODEL_DATE_LEN], to[MODEL_DATE_LEN];
	enum kerr_code rc;
	size_t i;

	*out = NULL;
	*n = 0;
	if (f == NULL)
		f = &all;
	if ((unsigned)f->sort >= sizeof(by_sort) / sizeof(by_sort[0]))
		return kerr_set(err, KERR_INVALID, "unknown order of the case list");
	if ((rc = list_params(f, p, from, to, err)) != KERR_OK)
		return rc;
	if ((rc = store_exec(st, by_sort[f->sort], p, 13, list_row, &l, err)) != KERR_OK)
		return rc;
	for (i = 0; i < l.n; i++)
		if ((rc = case_codes(st, a, &l.rows[i].c, err)) != KERR_OK)
			return rc;
	*out = l.rows;
	*n = l.n;
	return KERR_OK;
}

enum kerr_code
store_case_list_count(struct store *st, const struct store_case_filter *f, int64_t cap,
	int64_t *n, struct kerr *err)
{
	struct store_case_filter c = *f;
	struct store_val p[13];
	char from[MODEL_DATE_LEN], to[MODEL_DATE_LEN];
	enum kerr_code rc;

	c.limit = cap > 0 ? (size_t)cap : 0;
	c.offset = 0;
	if ((rc = list_params(&c, p, from, to, err)) != KERR_OK)
		return rc;
	return store_exec_int(st, STMT_CASE_LIST_COUNT, p, 13, n, err);
}

/* ---- legal terms ---- */

struct terms_ctx {
	struct arena *a;
	struct store_term_row *rows;
	size_t n, cap;
};

static int
term_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct terms_ctx *t = ctx;
	struct store_term_row *r;

	(void)ncol;
	t->rows = store_grow(t->a, t->rows, sizeof(*r), &t->cap, t->n + 1);
	r = &t->rows[t->n++];
	memset(r, 0, sizeof(*r));
	r->case_id = store_col_int(&col[0]);
	r->number = store_col_str(t->a, &col[1]);
	r->office_code = store_col_str(t->a, &col[2]);
	r->stage = store_col_str(t->a, &col[3]);
	r->term.kind = store_col_str(t->a, &col[4]);
	store_col_date(r->term.start, &col[5]);
	store_col_date(r->term.due, &col[6]);
	r->term.extended = (int)store_col_int(&col[7]);
	return 0;
}

enum kerr_code
store_case_terms(struct store *st, int64_t office_id, const char *due_from,
	const char *due_to, size_t limit, struct arena *a, struct store_term_row **out,
	size_t *n, struct kerr *err)
{
	struct terms_ctx t = { .a = a };
	struct store_val p[4];
	enum kerr_code rc;

	p[0] = office_id ? store_vint(office_id) : store_vnull();
	p[1] = store_vtext(due_from != NULL ? due_from : "");
	p[2] = store_vtext(due_to != NULL ? due_to : "~");
	p[3] = store_vint(limit == 0 || limit > (size_t)INT64_MAX ? INT64_MAX : (int64_t)limit);
	rc = store_exec(st, STMT_CASE_TERMS, p, 4, term_row, &t, err);
	*out = t.rows;
	*n = rc == KERR_OK ? t.n : 0;
	return rc;
}

struct overdue_ctx {
	struct arena *a;
	struct store_count_row *rows;
	size_t n, cap;
};

static int
overdue_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct overdue_ctx *o = ctx;

	(void)ncol;
	o->rows = store_grow(o->a, o->rows, sizeof(*o->rows), &o->cap, o->n + 1);
	o->rows[o->n].key = store_col_str(o->a, &col[0]);
	o->rows[o->n].count = store_col_int(&col[1]);
	o->n++;
	return 0;
}

enum kerr_code
store_terms_overdue_by_office(struct store *st, const char *today, struct arena *a,
	struct store_count_row **out, size_t *n, struct kerr *err)
{
	struct overdue_ctx o = { .a = a };
	struct store_val p[1] = { store_vtext(today) };
	enum kerr_code rc = store_exec(st, STMT_TERMS_OVERDUE_BY_OFFICE, p, 1, overdue_row, &o,
		err);

	*out = o.rows;
	*n = rc == KERR_OK ? o.n : 0;
	return rc;
}

/* Events of every case, grouped by case: cb gets one case's events at a
 * time (stage and date only; the arena is reused between cases). */
struct allev_ctx {
	struct arena a;
	struct event *ev;
	size_t n, cap;
	int64_t case_id;
	store_case_events_cb cb;
	void *ctx;
	int stop;
};

static int
allev_flush(struct allev_ctx *x)
{
	if (x->n > 0 && !x->stop)
		x->stop = x->cb(x->ctx, x->case_id, x->ev, x->n);
	x->n = 0;
	return x->stop;
}

static int
allev_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct allev_ctx *x = ctx;
	int64_t case_id = store_col_int(&col[0]);
	struct event *e;

	(void)ncol;
	if (case_id != x->case_id) {
		if (allev_flush(x))
			return 1;
		arena_release(&x->a);
		arena_init(&x->a);
		x->ev = NULL;
		x->cap = 0;
		x->case_id = case_id;
	}
	x->ev = store_grow(&x->a, x->ev, sizeof(*e), &x->cap, x->n + 1);
	e = &x->ev[x->n++];
	memset(e, 0, sizeof(*e));
	e->case_id = case_id;
	e->id = store_col_int(&col[1]);
	e->stage = store_col_str(&x->a, &col[2]);
	store_col_date(e->date, &col[3]);
	return 0;
}

enum kerr_code
store_events_by_case(struct store *st, store_case_events_cb cb, void *ctx, struct kerr *err)
{
	struct allev_ctx x = { .case_id = -1, .cb = cb, .ctx = ctx };
	enum kerr_code rc;

	arena_init(&x.a);
	rc = store_exec(st, STMT_EVENTS_ALL, NULL, 0, allev_row, &x, err);
	if (rc == KERR_OK)
		allev_flush(&x);
	arena_release(&x.a);
	if (rc == KERR_OK && x.stop)
		rc = err->code != KERR_OK ? err->code : KERR_INTERNAL;
	return rc;
}
