/*
 * deadlines.c — the legal terms of the investigation (core/ncpp.h) kept on
 * each case: derived whenever its events change, listed by due date for
 * the cases an actor may list, counted by office for the dashboard.
 *
 * REQ-PROC-002: each open case knows its running term, due date and days
 * left; 'case deadlines' lists them within the actor's scope.
 */
#include "app/app_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/opendata.h"
#include "core/codebook.h"
#include "core/ncpp.h"
#include "lib/date.h"
#include "lib/i18n.h"
#include "lib/xalloc.h"

#define META_TERMS_STALE "terms.stale"

enum kerr_code
app_case_settle(struct app *app, int64_t case_id, const struct event *ev, size_t n,
	struct kerr *err)
{
	struct case_term term;

	ncpp_term_of(ev, n, &term);
	return store_case_set_derived(app->st, case_id, app_derive_stage(ev, n), &term, err);
}

/* ---- after migration 0012: the terms of older cases ---- */

struct settled {
	int64_t case_id;
	const char *stage;          /* a codebook code: static */
	struct case_term term;      /* kind: a codebook code, static */
};

struct refresh {
	struct settled *v;
	size_t n, cap;
};

static const char *
static_code(enum cb_dim dim, const char *code)
{
	const struct cb_entry *e = cb_lookup(dim, code);

	return e == NULL ? NULL : e->code;
}

static int
refresh_case(void *ctx, int64_t case_id, const struct event *ev, size_t n)
{
	struct refresh *r = ctx;
	struct settled s = { .case_id = case_id };

	ncpp_term_of(ev, n, &s.term);
	if (s.term.kind == NULL)
		return 0;             /* the column's default: no term */
	s.term.kind = static_code(CB_LEGAL_TERM, s.term.kind);
	s.stage = static_code(CB_STAGE, app_derive_stage(ev, n));
	if (s.stage == NULL || s.term.kind == NULL)
		return 0;
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 1024;
		r->v = xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	r->v[r->n++] = s;
	return 0;
}

/* The events are read whole first, the rows written after: a backend may
 * not take other statements while it streams a result. */
static enum kerr_code
refresh_all(struct app *app, struct kerr *err)
{
	struct refresh r = { 0 };
	enum kerr_code rc;
	size_t i;

	rc = store_events_by_case(app->st, refresh_case, &r, err);
	for (i = 0; rc == KERR_OK && i < r.n; i++)
		rc = store_case_set_derived(app->st, r.v[i].case_id, r.v[i].stage, &r.v[i].term,
			err);
	free(r.v);
	return rc;
}

enum kerr_code
app_terms_refresh(struct app *app, struct kerr *err)
{
	struct arena a;
	const char *v = NULL;
	enum kerr_code rc;

	arena_init(&a);
	/* the usual answer, without taking the write lock */
	rc = store_meta_get(app->st, META_TERMS_STALE, &a, &v, err);
	if (rc != KERR_NOTFOUND && (rc != KERR_OK || strcmp(v, "0") == 0)) {
		arena_release(&a);
		return rc;
	}
	/* read again under the write lock: another process may have done it */
	kerr_clear(err);
	if ((rc = store_begin(app->st, err)) != KERR_OK) {
		arena_release(&a);
		return rc;
	}
	rc = store_meta_get(app->st, META_TERMS_STALE, &a, &v, err);
	if (rc == KERR_NOTFOUND) {
		kerr_clear(err);
		rc = KERR_OK;
		v = "1";
	}
	if (rc == KERR_OK && strcmp(v, "0") == 0) {
		store_rollback(app->st);   /* done meanwhile */
		arena_release(&a);
		kerr_clear(err);
		return KERR_OK;
	}
	if (rc == KERR_OK)
		rc = refresh_all(app, err);
	if (rc == KERR_OK)
		rc = store_meta_set(app->st, META_TERMS_STALE, "0", err);
	if (rc == KERR_OK)
		rc = store_commit(app->st, err);
	else
		store_rollback(app->st);
	arena_release(&a);
	return rc;
}

/* ---- listing ---- */

enum kerr_code
app_case_deadlines(struct app *app, const struct policy_actor *actor,
	enum app_deadline_filter which, int within, size_t limit, struct arena *a,
	struct app_deadline **out, size_t *n, struct kerr *err)
{
	struct store_term_row *rows;
	struct app_deadline *d;
	char from[DATE_LEN], to[DATE_LEN];
	int64_t office = 0, now = date_today();
	enum kerr_code rc;
	size_t i;

	*out = NULL;
	*n = 0;
	if ((rc = app_deadline_filter_dates(which, within, from, to, err)) != KERR_OK)
		return rc;
	if ((rc = app_allow(app, actor, POL_CASE_LIST, NULL, "case", err)) != KERR_OK)
		return rc;
	if (policy_scope(actor->role, POL_CASE_LIST) == POL_SCOPE_OFFICE)
		office = actor->office_id;
	rc = store_case_terms(app->rd != NULL ? app->rd : app->st, office, from, to, limit, a,
		&rows, n, err);
	if (rc != KERR_OK)
		return rc;
	d = arena_alloc(a, (*n ? *n : 1) * sizeof(*d));
	for (i = 0; i < *n; i++) {
		d[i].case_id = rows[i].case_id;
		d[i].number = rows[i].number;
		d[i].office_code = rows[i].office_code;
		d[i].stage = rows[i].stage;
		d[i].term = rows[i].term;
		d[i].days_left = ncpp_days_left(rows[i].term.due, now);
	}
	*out = d;
	return KERR_OK;
}

int64_t
app_days_left(const char *due)
{
	return ncpp_days_left(due, date_today());
}

enum kerr_code
app_deadline_filter_dates(enum app_deadline_filter which, int within, char from[DATE_LEN],
	char to[DATE_LEN], struct kerr *err)
{
	int64_t now = date_today();

	from[0] = to[0] = '\0';
	if (which == APP_DL_WITHIN && (within < 0 || within > 36600))
		return kerr_field(err, KERR_INVALID, "within",
			_("'%d' days is out of range (0 to 36600)"), within);
	if (which == APP_DL_ALL) {
		snprintf(to, DATE_LEN, "%s", "~");      /* any running term: ["", "~") */
	} else if (which == APP_DL_OVERDUE) {
		date_format(now, to);                   /* due before today */
	} else {                                        /* due today .. today + within */
		date_format(now, from);
		date_format(now + within + 1, to);
	}
	return KERR_OK;
}

/* ---- the dashboard's figure ---- */

enum kerr_code
app_overdue_by_office(struct app *app, const struct policy_actor *actor, const char *office,
	int lang_en, struct arena *a, struct app_table **out, struct kerr *err)
{
	enum i18n_lang L = lang_en ? I18N_EN : I18N_ES;
	struct store_count_row *rows;
	struct app_table *t = arena_alloc(a, sizeof(*t));
	char today[DATE_LEN];
	size_t n, i, k;
	enum kerr_code rc;

	*out = NULL;
	if ((rc = app_allow(app, actor, POL_STATS_READ, NULL, "stats", err)) != KERR_OK)
		return rc;
	date_format(date_today(), today);
	rc = store_terms_overdue_by_office(app->rd != NULL ? app->rd : app->st, today, a, &rows,
		&n, err);
	if (rc != KERR_OK)
		return rc;
	memset(t, 0, sizeof(*t));
	t->id = "overdue_by_office";
	t->title = i18n_gettext(L, "Cases past their legal term, by office");
	t->kind = APP_TABLE_BARS;
	t->corner = i18n_gettext(L, "Office");
	t->ncols = 1;
	t->head = arena_alloc(a, sizeof(*t->head));
	t->head[0] = i18n_gettext(L, "Cases past their term");
	t->label = arena_alloc(a, (n ? n : 1) * sizeof(*t->label));
	t->cell = arena_alloc(a, (n ? n : 1) * sizeof(*t->cell));
	for (i = k = 0; i < n; i++) {
		if (office != NULL && strcmp(office, rows[i].key) != 0)
			continue;
		t->label[k] = rows[i].key;
		t->cell[k++] = rows[i].count;
	}
	t->nrows = k;
	t->note = i18n_gettext(L, "today, whatever the years chosen: open cases whose "
		"preliminary inquiry or investigation has run past its NCPP term (arts. 334.2, "
		"342), extensions included");
	*out = t;
	return KERR_OK;
}
