/*
 * response.c — the rules of the State's response to a case (issue 10,
 * items 3, 4 and 6), checked on every write of a case document
 * (registration, case update, the focused commands below):
 *
 *   - a referral flagged "consent" in the codebook (CB_PROTECTION) needs
 *     the informed consent of a victim who is not known to be under 18 on
 *     its date, unless the victim declined it (result "declined");
 *   - the single interview in a Gesell chamber is recorded once per victim;
 *   - an asset's confiscation, forfeiture (extinción de dominio) or
 *     disposal needs an earlier seizure or freezing; its steps follow one
 *     another in time; a forfeiture proceeding has its own file number;
 *     only a sale or an assignment carries a realised value; its owner is
 *     a person of the case.
 *
 * Rules apply to what the document adds or changes: a register's older
 * rows that break them stay readable and amendable. Each refusal names the
 * field by its JSON path and writes nothing.
 */
#include "app/app_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/casedoc.h"
#include "core/codebook.h"
#include "core/validate.h"
#include "lib/i18n.h"

#include <csv.h>

static int
streq(const char *x, const char *y)
{
	return strcmp(x != NULL ? x : "", y != NULL ? y : "") == 0;
}

static int
flagged(enum cb_dim dim, const char *code, const char *flag)
{
	return cb_has_flag(cb_lookup(dim, code), flag);
}

/* ---- protection ---- */

/* 1 when the victim is known to be under 18 on date (YYYY-MM-DD). */
static int
minor_on(const struct participation *p, const char *date)
{
	const struct person *pe = &p->person;
	const struct victim_attrs *v = &p->victim;
	int y = atoi(date), age;

	if (pe->birth_date != NULL && pe->birth_date != casedoc_keep &&
	    strlen(pe->birth_date) == 10) {
		age = y - atoi(pe->birth_date);
		if (strcmp(date + 4, pe->birth_date + 4) < 0)   /* birthday not reached */
			age--;
		return age < 18;
	}
	if (pe->birth_year > 0)
		return y - pe->birth_year < 18;   /* 18 in the year may still be 17: adult */
	if (v->age_at_recruitment >= 0 && v->recruitment_date[0] != '\0')
		return v->age_at_recruitment + (y - atoi(v->recruitment_date)) < 18;
	return 0;
}

static int
protection_equal(const struct protection *x, const struct protection *y)
{
	return streq(x->measure, y->measure) && streq(x->provider, y->provider) &&
		streq(x->date, y->date) && streq(x->end_date, y->end_date) &&
		x->consent == y->consent && streq(x->result, y->result);
}

/* 1 when old holds an entry equal to pr (it was stored before). */
static int
stored_before(const struct participation *old, const struct protection *pr)
{
	size_t i;

	for (i = 0; old != NULL && i < old->victim.nprotection; i++)
		if (protection_equal(&old->victim.protection[i], pr))
			return 1;
	return 0;
}

static enum kerr_code
check_protection(const struct participation *p, size_t pi, const struct participation *old,
	struct kerr *err)
{
	const struct victim_attrs *v = &p->victim;
	char field[96];
	size_t j, k;

	for (j = 0; j < v->nprotection; j++) {
		const struct protection *pr = &v->protection[j];
		if (flagged(CB_PROTECTION, pr->measure, "single"))
			for (k = 0; k < j; k++)
				if (streq(v->protection[k].measure, pr->measure)) {
					snprintf(field, sizeof(field),
						"persons[%zu].victim.protection[%zu].measure", pi, j);
					return kerr_field(err, KERR_INVALID, field,
						_("the single interview in a Gesell chamber is recorded "
						  "once per victim (it is already protection[%zu])"), k);
				}
		if (!flagged(CB_PROTECTION, pr->measure, "consent") || pr->consent == 1 ||
		    streq(pr->result, "declined") || minor_on(p, pr->date) ||
		    stored_before(old, pr))
			continue;
		snprintf(field, sizeof(field), "persons[%zu].victim.protection[%zu].consent", pi, j);
		return kerr_field(err, KERR_INVALID, field,
			_("a referral to '%s' needs the informed consent of an adult victim "
			  "(Protocolo Intersectorial, DS 005-2016-IN): record consent true, or "
			  "consent false with the result 'declined'; nothing was written"),
			pr->measure);
	}
	return KERR_OK;
}

/* ---- assets ---- */

static int
steps_equal(const struct asset *x, const struct asset *y)
{
	size_t i;

	if (x->nmeasures != y->nmeasures)
		return 0;
	for (i = 0; i < x->nmeasures; i++) {
		const struct asset_measure *a = &x->measures[i], *b = &y->measures[i];
		if (!streq(a->measure, b->measure) || !streq(a->date, b->date) ||
		    a->value_cents != b->value_cents || !streq(a->reference, b->reference))
			return 0;
	}
	return 1;
}

int
app_asset_life_changed(const struct asset *x, const struct asset *y)
{
	return !steps_equal(x, y) || x->owner_pos != y->owner_pos ||
		!streq(x->owner_relation, y->owner_relation) ||
		!streq(x->forfeiture_file, y->forfeiture_file);
}

static enum kerr_code
check_step(const struct asset *as, size_t ai, size_t j, int *seized, const char **last,
	struct kerr *err)
{
	const struct asset_measure *m = &as->measures[j];
	char field[80];
	const char *what = m->measure;

	if (flagged(CB_ASSET_MEASURE, what, "seizure"))
		*seized = 1;
	snprintf(field, sizeof(field), "assets[%zu].measures[%zu].measure", ai, j);
	if (!*seized && (flagged(CB_ASSET_MEASURE, what, "confiscation") ||
	    flagged(CB_ASSET_MEASURE, what, "forfeiture") ||
	    flagged(CB_ASSET_MEASURE, what, "disposal")))
		return kerr_field(err, KERR_INVALID, field,
			_("'%s' of an asset never seized: record its seizure ('seized') or "
			  "freezing ('frozen') first; nothing was written"), what);
	if (flagged(CB_ASSET_MEASURE, what, "forfeiture") &&
	    (as->forfeiture_file == NULL || as->forfeiture_file[0] == '\0')) {
		snprintf(field, sizeof(field), "assets[%zu].forfeiture_file", ai);
		return kerr_field(err, KERR_INVALID, field,
			_("missing: a forfeiture proceeding (extinción de dominio, D. Leg. 1373) "
			  "has its own file number"));
	}
	if (m->value_cents != 0 && !flagged(CB_ASSET_MEASURE, what, "realised")) {
		snprintf(field, sizeof(field), "assets[%zu].measures[%zu].value", ai, j);
		return kerr_field(err, KERR_INVALID, field,
			_("only a sale ('sold') or an assignment ('assigned') has a realised value"));
	}
	if (m->date[0] == '\0')
		return KERR_OK;
	if (*last != NULL && validate_date_cmp(m->date, *last) < 0) {
		snprintf(field, sizeof(field), "assets[%zu].measures[%zu].date", ai, j);
		return kerr_field(err, KERR_INVALID, field,
			_("'%s' is before the asset's previous step (%s): steps are in the order "
			  "they happened"), m->date, *last);
	}
	*last = m->date;
	return KERR_OK;
}

static enum kerr_code
check_asset(const struct kcase *c, const struct asset *as, size_t ai, struct kerr *err)
{
	char field[64];
	const char *last = NULL;
	int seized = 0;
	size_t j;
	enum kerr_code rc;

	if (as->owner_pos > c->nparts) {
		snprintf(field, sizeof(field), "assets[%zu].owner.person", ai);
		return c->nparts == 0 ? kerr_field(err, KERR_INVALID, field,
			_("the case has no persons: an owner is one of the case's 'persons'"))
			: kerr_field(err, KERR_INVALID, field,
			_("no person at that place in 'persons' (0 to %zu)"), c->nparts - 1);
	}
	for (j = 0; j < as->nmeasures; j++)
		if ((rc = check_step(as, ai, j, &seized, &last, err)) != KERR_OK)
			return rc;
	return KERR_OK;
}

enum kerr_code
app_response_check(const struct kcase *c, const struct kcase *cur, const long *part_of,
	const long *asset_of, struct kerr *err)
{
	size_t i;
	enum kerr_code rc;

	for (i = 0; i < c->nparts; i++) {
		const struct participation *old = cur != NULL && part_of != NULL &&
			part_of[i] >= 0 ? &cur->parts[part_of[i]] : NULL;
		if (!streq(c->parts[i].role, "victim"))
			continue;
		if ((rc = check_protection(&c->parts[i], i, old, err)) != KERR_OK)
			return rc;
	}
	for (i = 0; i < c->nassets; i++) {
		if (cur != NULL && asset_of != NULL && asset_of[i] >= 0 &&
		    !app_asset_life_changed(&c->assets[i], &cur->assets[asset_of[i]]))
			continue;
		if ((rc = check_asset(c, &c->assets[i], i, err)) != KERR_OK)
			return rc;
	}
	return KERR_OK;
}

/* ---- the focused commands: one protection, one step of an asset ---- */

/* A refusal of the document's rules names the command's option instead
 * of the document path it would name (the user gave options). */
static enum kerr_code
as_option(struct kerr *err, enum kerr_code rc, const char *const map[][2])
{
	const char *dot;
	size_t i;

	if (rc != KERR_INVALID || err->field[0] == '\0')
		return rc;
	dot = strrchr(err->field, '.');
	dot = dot != NULL ? dot + 1 : err->field;
	for (i = 0; map[i][0] != NULL; i++)
		if (strcmp(dot, map[i][0]) == 0) {
			char msg[sizeof(err->msg)];
			size_t n = strlen(err->field);
			/* the message begins "field: " (kerr_field) */
			snprintf(msg, sizeof(msg), "%s", strncmp(err->msg, err->field, n) == 0 &&
				err->msg[n] == ':' ? err->msg + n + 2 : err->msg);
			kerr_field(err, rc, map[i][1], "%s", msg);
			break;
		}
	return rc;
}

struct protect_ctx {
	int64_t person_id;
	const struct protection *pr;
};

static enum kerr_code
add_protection(void *vctx, struct kcase *nw, struct arena *a, struct kerr *err)
{
	struct protect_ctx *x = vctx;
	struct victim_attrs *v;
	struct protection *arr;
	size_t i;

	for (i = 0; i < nw->nparts; i++)
		if (nw->parts[i].person_id == x->person_id && streq(nw->parts[i].role, "victim"))
			break;
	if (i == nw->nparts)
		return kerr_field(err, KERR_INVALID, "--victim",
			_("person %lld is not a victim of this case; see the persons[].person_id of "
			  "'khipu case show ID --format json'"), (long long)x->person_id);
	v = &nw->parts[i].victim;
	arr = arena_alloc(a, (v->nprotection + 1) * sizeof(*arr));
	if (v->nprotection > 0)
		memcpy(arr, v->protection, v->nprotection * sizeof(*arr));
	arr[v->nprotection] = *x->pr;
	v->protection = arr;
	v->nprotection++;
	return KERR_OK;
}

enum kerr_code
app_case_protect(struct app *app, const struct policy_actor *actor, int64_t case_id,
	int64_t person_id, const struct protection *pr, const char *reason, struct kerr *err)
{
	static const char *const map[][2] = { { "consent", "--consent" },
		{ "measure", "--measure" }, { "date", "--date" }, { NULL, NULL } };
	struct protect_ctx x = { person_id, pr };
	enum kerr_code rc;

	if ((rc = validate_code("--measure", CB_PROTECTION, pr->measure, err)) != KERR_OK ||
	    (pr->provider != NULL &&
	     (rc = validate_code("--provider", CB_PROVIDER, pr->provider, err)) != KERR_OK) ||
	    (pr->result != NULL &&
	     (rc = validate_code("--result", CB_PROTECTION_RESULT, pr->result, err)) != KERR_OK) ||
	    (rc = validate_date("--date", pr->date, err)) != KERR_OK ||
	    (rc = validate_date_opt("--end", pr->end_date, err)) != KERR_OK)
		return rc;
	if (pr->end_date[0] != '\0' && validate_date_cmp(pr->date, pr->end_date) > 0)
		return kerr_field(err, KERR_INVALID, "--end", _("before '--date'"));
	return as_option(err, app_case_amend(app, actor, case_id, add_protection, &x, reason, err),
		map);
}

struct step_ctx {
	int64_t asset_id;
	const struct asset_measure *step;
	const char *file;
};

static enum kerr_code
add_step(void *vctx, struct kcase *nw, struct arena *a, struct kerr *err)
{
	struct step_ctx *x = vctx;
	struct asset *as;
	struct asset_measure *arr;
	size_t i;

	for (i = 0; i < nw->nassets; i++)
		if (nw->assets[i].id == x->asset_id)
			break;
	if (i == nw->nassets)
		return kerr_field(err, KERR_INVALID, "--asset",
			_("no asset %lld in this case; see the assets[].id of 'khipu case show ID "
			  "--format json'"), (long long)x->asset_id);
	as = &nw->assets[i];
	arr = arena_alloc(a, (as->nmeasures + 1) * sizeof(*arr));
	if (as->nmeasures > 0)
		memcpy(arr, as->measures, as->nmeasures * sizeof(*arr));
	arr[as->nmeasures] = *x->step;
	as->measures = arr;
	as->nmeasures++;
	if (x->file != NULL)
		as->forfeiture_file = x->file;
	return KERR_OK;
}

enum kerr_code
app_case_asset_step(struct app *app, const struct policy_actor *actor, int64_t case_id,
	int64_t asset_id, const struct asset_measure *step, const char *forfeiture_file,
	const char *reason, struct kerr *err)
{
	static const char *const map[][2] = { { "measure", "--step" }, { "date", "--date" },
		{ "value", "--value" }, { "forfeiture_file", "--file" }, { NULL, NULL } };
	struct step_ctx x = { asset_id, step, forfeiture_file };
	enum kerr_code rc;

	if ((rc = validate_code("--step", CB_ASSET_MEASURE, step->measure, err)) != KERR_OK ||
	    (rc = validate_date("--date", step->date, err)) != KERR_OK ||
	    (step->reference != NULL &&
	     (rc = validate_text("--reference", step->reference, 100, err)) != KERR_OK) ||
	    (forfeiture_file != NULL &&
	     (rc = validate_text("--file", forfeiture_file, 100, err)) != KERR_OK))
		return rc;
	return as_option(err, app_case_amend(app, actor, case_id, add_step, &x, reason, err),
		map);
}

/* ---- police intake: reports without a case ---- */

enum { PR_NUMBER, PR_RETA, PR_SIDPOL, PR_DATE, PR_UNIT, PR__MAX };
static const char *const pr_cols[PR__MAX] = { "number", "reta", "sidpol", "date", "unit" };

struct pr_ctx {
	struct arena *a;
	int col[64];                 /* column -> PR_*, -1 unused */
	size_t ncols, field, line;
	const char *v[PR__MAX];
	struct app_police_ref *rows;
	size_t n, cap;
	struct kerr *err;
	int failed;
};

static void
pr_field(void *s, size_t len, void *vctx)
{
	struct pr_ctx *x = vctx;
	char *f = arena_strndup(x->a, s, len);
	size_t k;

	if (x->line == 1) {
		x->col[x->ncols < 64 ? x->ncols : 63] = -1;
		for (k = 0; k < PR__MAX && x->ncols < 64; k++)
			if (strcmp(f, pr_cols[k]) == 0)
				x->col[x->ncols] = (int)k;
		x->ncols++;
		return;
	}
	if (x->field < 64 && x->field < x->ncols && x->col[x->field] >= 0 && len > 0)
		x->v[x->col[x->field]] = f;
	x->field++;
}

static void
pr_row(int c, void *vctx)
{
	struct pr_ctx *x = vctx;
	struct app_police_ref *r;
	size_t k;
	int named = 0;

	(void)c;
	if (x->line++ == 1 || x->failed) {
		for (k = 0; k < x->ncols && k < 64; k++)
			named |= x->col[k] >= 0;
		if (x->line == 2 && !named && !x->failed) {
			x->failed = 1;
			kerr_field(x->err, KERR_INVALID, "line 1",
				_("the header names none of the columns number, reta, sidpol"));
		}
		return;
	}
	if (x->v[PR_NUMBER] == NULL && x->v[PR_RETA] == NULL && x->v[PR_SIDPOL] == NULL) {
		char field[32];
		snprintf(field, sizeof(field), "line %zu", x->line - 1);
		x->failed = 1;
		kerr_field(x->err, KERR_INVALID, field,
			_("no report number, RETA nor SIDPOL reference"));
		return;
	}
	if (x->n == x->cap) {   /* grow in the arena */
		struct app_police_ref *more;
		x->cap = x->cap ? 2 * x->cap : 64;
		more = arena_alloc(x->a, x->cap * sizeof(*more));
		if (x->n > 0)
			memcpy(more, x->rows, x->n * sizeof(*more));
		x->rows = more;
	}
	r = &x->rows[x->n++];
	r->line = x->line - 1;
	r->number = x->v[PR_NUMBER];
	r->reta = x->v[PR_RETA];
	r->sidpol = x->v[PR_SIDPOL];
	r->date = x->v[PR_DATE];
	r->unit = x->v[PR_UNIT];
	memset(x->v, 0, sizeof(x->v));
	x->field = 0;
}

enum kerr_code
app_police_reconcile(struct app *app, const struct policy_actor *actor, const char *csv,
	size_t n, struct arena *a, struct app_police_ref **out, size_t *nout, size_t *nreports,
	struct kerr *err)
{
	struct pr_ctx x = { .a = a, .line = 1, .err = err };
	struct csv_parser p;
	int64_t office = 0, found;
	size_t i;
	enum kerr_code rc;

	*out = NULL;
	*nout = *nreports = 0;
	if ((rc = app_allow(app, actor, POL_CASE_LIST, NULL, "case", err)) != KERR_OK)
		return rc;
	if (policy_scope(actor->role, POL_CASE_LIST) == POL_SCOPE_OFFICE)
		office = actor->office_id;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return kerr_set(err, KERR_INTERNAL, "csv_init failed");
	if (csv_parse(&p, csv, n, pr_field, pr_row, &x) != n && !x.failed) {
		x.failed = 1;
		kerr_set(err, KERR_INVALID, _("not a CSV file (line %zu): %s"), x.line,
			csv_strerror(csv_error(&p)));
	}
	if (!x.failed && csv_fini(&p, pr_field, pr_row, &x) != 0 && !x.failed) {
		x.failed = 1;
		kerr_set(err, KERR_INVALID, _("not a CSV file (line %zu): %s"), x.line,
			csv_strerror(csv_error(&p)));
	}
	csv_free(&p);
	if (x.failed)
		return err->code;
	if (x.line <= 2 && x.n == 0 && x.ncols == 0)
		return kerr_set(err, KERR_INVALID, _("the file is empty"));
	*out = arena_alloc(a, (x.n + 1) * sizeof(**out));
	for (i = 0; i < x.n; i++) {
		rc = store_case_police_ref(app->rd != NULL ? app->rd : app->st, x.rows[i].number,
			x.rows[i].reta, x.rows[i].sidpol, office, &found, err);
		if (rc != KERR_OK)
			return rc;
		if (found == 0)
			(*out)[(*nout)++] = x.rows[i];
	}
	*nreports = x.n;
	return KERR_OK;
}
