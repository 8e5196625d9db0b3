/*
 * store_party.c — the children of a case: persons (non-identifying part),
 * participations with their victim or suspect attributes, events, assets,
 * identifiers and international requests; inserting and reading them.
 */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>

#include "lib/xalloc.h"

#define ROLE_VICTIM  "victim"
#define ROLE_SUSPECT "suspect"

static int
has_role(const struct participation *p, const char *role)
{
	return p->role != NULL && strcmp(p->role, role) == 0;
}

/* ---- persons ---- */

enum kerr_code
store_person_insert(struct store *st, struct person *pe, struct kerr *err)
{
	struct store_val p[5] = {
		store_vtext(pe->sex),
		pe->birth_year > 0 ? store_vint(pe->birth_year) : store_vnull(),
		store_vtext(pe->nationality),
		store_vtext(pe->origin_ubigeo),
		store_vtext(pe->doc_type),
	};

	return store_exec_int(st, STMT_PERSON_INSERT, p, 5, &pe->id, err);
}

/* Non-identifying person columns from col: sex, birth_year, nationality,
 * origin_ubigeo, doc_type. */
static void
person_read(struct arena *a, const struct store_val *col, struct person *pe)
{
	pe->sex = store_col_str(a, &col[0]);
	pe->birth_year = (int)store_col_int(&col[1]);
	pe->nationality = store_col_str(a, &col[2]);
	pe->origin_ubigeo = store_col_str(a, &col[3]);
	pe->doc_type = store_col_str(a, &col[4]);
}

struct one_person {
	struct arena *a;
	struct person *pe;
	int found;
};

static int
person_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct one_person *o = ctx;

	(void)ncol;
	o->pe->id = store_col_int(&col[0]);
	person_read(o->a, col + 1, o->pe);
	o->found = 1;
	return 1;
}

enum kerr_code
store_person_get(struct store *st, int64_t id, struct arena *a, struct person *out,
	struct kerr *err)
{
	struct one_person o = { a, out, 0 };
	struct store_val p[1] = { store_vint(id) };
	enum kerr_code rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_exec(st, STMT_PERSON_GET, p, 1, person_row, &o, err)) != KERR_OK)
		return rc;
	if (!o.found)
		return kerr_set(err, KERR_NOTFOUND, "no person %lld", (long long)id);
	return KERR_OK;
}

/* ---- participations ---- */

/* Victim columns for victims only, suspect columns for suspects only. */
static void
part_params(const struct participation *pa, struct store_val p[18])
{
	const struct victim_attrs *v = &pa->victim;
	const struct suspect_attrs *s = &pa->suspect;
	size_t i;

	p[0] = store_vint(pa->case_id);
	p[1] = store_vint(pa->person_id);
	p[2] = store_vtext(pa->role);
	for (i = 3; i < 18; i++)
		p[i] = store_vnull();
	if (has_role(pa, ROLE_VICTIM)) {
		p[3] = v->age_at_recruitment >= 0 ? store_vint(v->age_at_recruitment) :
			store_vnull();
		p[4] = store_vtext(v->trafficking_status);
		p[5] = store_vtext(v->relationship);
		p[6] = store_vtext(v->recruitment_place.country);
		p[7] = store_vtext(v->recruitment_place.ubigeo);
		p[8] = store_vtext(v->exploitation_place.country);
		p[9] = store_vtext(v->exploitation_place.ubigeo);
		p[10] = store_vdate(v->recruitment_date);
		p[11] = store_vdate(v->exploitation_start);
		p[12] = store_vdate(v->exploitation_end);
		p[13] = store_vdate(v->rescue_date);
	}
	if (has_role(pa, ROLE_SUSPECT)) {
		p[14] = store_vtext(s->outcome);
		p[15] = store_vint(s->sentence_months);
		p[16] = store_vint(s->reparation_cents);
		p[17] = store_vtext(s->reparation_currency);
	}
}

/* ---- a suspect's path (0010_outcomes.sql) ---- */

/* The path, its payments and what they amount to (outcome.h: the app
 * derived them before the write). */
static enum kerr_code
path_insert(struct store *st, const struct participation *pa, struct kerr *err)
{
	const struct suspect_attrs *s = &pa->suspect;
	struct store_val p[12];
	enum kerr_code rc = KERR_OK;
	size_t i;

	for (i = 0; i < s->npath && rc == KERR_OK; i++) {
		const struct path_step *x = &s->path[i];
		p[0] = store_vint(pa->id);
		p[1] = store_vint((int64_t)i);
		p[2] = store_vtext(x->step);
		p[3] = store_vdate(x->date);
		p[4] = store_vtext(x->offence);
		p[5] = store_vint(x->prison_months);
		p[6] = store_vint(x->suspended ? 1 : 0);
		p[7] = store_vint(x->days_fine);
		p[8] = store_vint(x->disqualification_months);
		p[9] = store_vtext(x->disqualification);
		p[10] = store_vint(x->reparation_currency != NULL ? x->reparation_cents : 0);
		p[11] = store_vtext(x->reparation_currency);
		rc = store_exec(st, STMT_PART_STEP_INSERT, p, 12, NULL, NULL, err);
	}
	for (i = 0; i < s->npayments && rc == KERR_OK; i++) {
		p[0] = store_vint(pa->id);
		p[1] = store_vint((int64_t)i);
		p[2] = store_vdate(s->payments[i].date);
		p[3] = store_vint(s->payments[i].amount_cents);
		rc = store_exec(st, STMT_PART_PAYMENT_INSERT, p, 4, NULL, NULL, err);
	}
	if (rc == KERR_OK) {
		p[0] = store_vint(pa->id);
		p[1] = store_vdate(s->convicted_on);
		p[2] = store_vdate(s->prosecuted_on);
		p[3] = store_vtext(s->offence);
		rc = store_exec(st, STMT_PART_DERIVED, p, 4, NULL, NULL, err);
	}
	return rc;
}

struct path_ctx {
	struct arena *a;
	struct suspect_attrs *s;
	size_t cap, pcap;
};

static int
step_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct path_ctx *c = ctx;
	struct path_step *x;

	(void)ncol;
	c->s->path = store_grow(c->a, c->s->path, sizeof(*x), &c->cap, c->s->npath + 1);
	x = &c->s->path[c->s->npath++];
	memset(x, 0, sizeof(*x));
	x->step = store_col_str(c->a, &col[0]);
	store_col_date(x->date, &col[1]);
	x->offence = store_col_str(c->a, &col[2]);
	x->prison_months = (int)store_col_int(&col[3]);
	x->suspended = store_col_int(&col[4]) != 0;
	x->days_fine = (int)store_col_int(&col[5]);
	x->disqualification_months = (int)store_col_int(&col[6]);
	x->disqualification = store_col_str(c->a, &col[7]);
	x->reparation_cents = store_col_int(&col[8]);
	x->reparation_currency = store_col_str(c->a, &col[9]);
	return 0;
}

static int
payment_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct path_ctx *c = ctx;
	struct reparation_payment *x;

	(void)ncol;
	c->s->payments = store_grow(c->a, c->s->payments, sizeof(*x), &c->pcap,
		c->s->npayments + 1);
	x = &c->s->payments[c->s->npayments++];
	store_col_date(x->date, &col[0]);
	x->amount_cents = store_col_int(&col[1]);
	return 0;
}

static enum kerr_code
path_read(struct store *st, struct arena *a, struct participation *pa, struct kerr *err)
{
	struct path_ctx c = { .a = a, .s = &pa->suspect };
	struct store_val k[1] = { store_vint(pa->id) };
	enum kerr_code rc;

	pa->suspect.path = NULL;
	pa->suspect.npath = 0;
	pa->suspect.payments = NULL;
	pa->suspect.npayments = 0;
	if (pa->role == NULL || strcmp(pa->role, "suspect") != 0)
		return KERR_OK;
	rc = store_exec(st, STMT_PART_STEPS, k, 1, step_row, &c, err);
	if (rc == KERR_OK)
		rc = store_exec(st, STMT_PART_PAYMENTS, k, 1, payment_row, &c, err);
	return rc;
}

static enum kerr_code
part_codes_insert(struct store *st, const struct participation *pa, struct kerr *err)
{
	const struct victim_attrs *v = &pa->victim;
	const struct suspect_attrs *s = &pa->suspect;
	struct store_val p[4];
	enum kerr_code rc = KERR_OK;
	size_t i;

#define CODES(dim, arr, n) \
	if (rc == KERR_OK) \
		rc = store_codes_insert(st, STMT_PART_CODE_INSERT, pa->id, dim, arr, n, err)
	if (has_role(pa, ROLE_VICTIM)) {
		CODES("exploitation", v->exploitation, v->nexploitation);
		CODES("control", v->control, v->ncontrol);
		CODES("recruitment", v->recruitment, v->nrecruitment);
		CODES("assistance", v->assistance, v->nassistance);
		CODES("means", v->means, v->nmeans);
		CODES("vulnerability", v->vulnerability, v->nvulnerability);
	}
	if (!has_role(pa, ROLE_SUSPECT))
		return rc;
	CODES("network_role", s->network_roles, s->nnetwork_roles);
	CODES("charge", s->charges, s->ncharges);
#undef CODES
	for (i = 0; i < s->nmeasures && rc == KERR_OK; i++) {
		p[0] = store_vint(pa->id);
		p[1] = store_vint((int64_t)i);
		p[2] = store_vtext(s->measures[i].kind);
		p[3] = store_vdate(s->measures[i].date);
		rc = store_exec(st, STMT_PART_MEASURE_INSERT, p, 4, NULL, NULL, err);
	}
	if (rc == KERR_OK)
		rc = path_insert(st, pa, err);
	return rc;
}

enum kerr_code
store_participation_insert(struct store *st, struct participation *pa, struct kerr *err)
{
	struct store_val p[18];
	int own;
	enum kerr_code rc = store_tx_start(st, &own, err);

	part_params(pa, p);
	if (rc == KERR_OK)
		rc = store_exec_int(st, STMT_PART_INSERT, p, 18, &pa->id, err);
	if (rc == KERR_OK)
		rc = part_codes_insert(st, pa, err);
	if (rc == KERR_OK)
		rc = store_protections_write(st, pa, 1, err);
	return store_tx_end(st, own, rc, err);
}

/* The columns of PART_COLS (store_sqlite_sql.c). */
static void
part_read(struct arena *a, const struct store_val *col, struct participation *pa)
{
	struct victim_attrs *v = &pa->victim;
	struct suspect_attrs *s = &pa->suspect;

	pa->id = store_col_int(&col[0]);
	pa->case_id = store_col_int(&col[1]);
	pa->person_id = store_col_int(&col[2]);
	pa->role = store_col_str(a, &col[3]);
	v->age_at_recruitment = col[4].type == STORE_VNULL ? -1 : (int)store_col_int(&col[4]);
	v->trafficking_status = store_col_str(a, &col[5]);
	v->relationship = store_col_str(a, &col[6]);
	v->recruitment_place.country = store_col_str(a, &col[7]);
	v->recruitment_place.ubigeo = store_col_str(a, &col[8]);
	v->exploitation_place.country = store_col_str(a, &col[9]);
	v->exploitation_place.ubigeo = store_col_str(a, &col[10]);
	store_col_date(v->recruitment_date, &col[11]);
	store_col_date(v->exploitation_start, &col[12]);
	store_col_date(v->exploitation_end, &col[13]);
	store_col_date(v->rescue_date, &col[14]);
	s->outcome = store_col_str(a, &col[15]);
	s->sentence_months = (int)store_col_int(&col[16]);
	s->reparation_cents = store_col_int(&col[17]);
	s->reparation_currency = store_col_str(a, &col[18]);
	pa->person.id = pa->person_id;
	person_read(a, col + 19, &pa->person);
}

struct parts_ctx {
	struct arena *a;
	struct participation *arr;
	size_t n, cap;
};

static int
part_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct parts_ctx *p = ctx;

	(void)ncol;
	p->arr = store_grow(p->a, p->arr, sizeof(*p->arr), &p->cap, p->n + 1);
	part_read(p->a, col, &p->arr[p->n++]);
	return 0;
}

static enum kerr_code
measures_read(struct store *st, struct arena *a, struct participation *pa,
	struct kerr *err);

/* Codes and coercive measures of each participation. */
static enum kerr_code
parts_fill(struct store *st, struct arena *a, struct participation *parts, size_t n,
	struct kerr *err)
{
	enum kerr_code rc = KERR_OK;
	size_t i;

	for (i = 0; i < n && rc == KERR_OK; i++) {
		struct victim_attrs *v = &parts[i].victim;
		struct suspect_attrs *s = &parts[i].suspect;
		struct store_code_slot slots[] = {
			{ "exploitation", &v->exploitation, &v->nexploitation, 0 },
			{ "control", &v->control, &v->ncontrol, 0 },
			{ "recruitment", &v->recruitment, &v->nrecruitment, 0 },
			{ "assistance", &v->assistance, &v->nassistance, 0 },
			{ "means", &v->means, &v->nmeans, 0 },
			{ "vulnerability", &v->vulnerability, &v->nvulnerability, 0 },
			{ "network_role", &s->network_roles, &s->nnetwork_roles, 0 },
			{ "charge", &s->charges, &s->ncharges, 0 },
		};
		rc = store_codes_read(st, STMT_PART_CODES, parts[i].id, a, slots,
			sizeof(slots) / sizeof(slots[0]), err);
		if (rc == KERR_OK)
			rc = measures_read(st, a, &parts[i], err);
		if (rc == KERR_OK)
			rc = path_read(st, a, &parts[i], err);
	}
	return rc;
}

static enum kerr_code
parts_read(struct store *st, enum store_stmt s, int64_t key, struct arena *a,
	struct participation **out, size_t *n, struct kerr *err)
{
	struct parts_ctx p = { .a = a };
	struct store_val k[1] = { store_vint(key) };
	enum kerr_code rc = store_exec(st, s, k, 1, part_row, &p, err);

	if (rc == KERR_OK)
		rc = parts_fill(st, a, p.arr, p.n, err);
	*out = p.arr;
	*n = rc == KERR_OK ? p.n : 0;
	return rc;
}

enum kerr_code
store_person_participations(struct store *st, int64_t person_id, struct arena *a,
	struct participation **out, size_t *n, struct kerr *err)
{
	return parts_read(st, STMT_PERSON_PARTS, person_id, a, out, n, err);
}

/* ---- a search's view of persons: roles with their cases' offices ---- */

struct roles_ctx {
	struct arena *a;
	const int64_t *ids;
	size_t n;
	struct store_person_roles *out;
	size_t roles_cap[STORE_ROLES_BATCH];
	size_t shares_cap;      /* of the last role */
};

/* Columns: person (6), participation id, case, role, number, office, share. */
static int
roles_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct roles_ctx *r = ctx;
	int64_t id = store_col_int(&col[0]), part = store_col_int(&col[6]);
	struct store_person_roles *pr = NULL;
	struct store_person_role *ro;
	size_t i, k = 0;

	(void)ncol;
	for (i = 0; i < r->n; i++)
		if (r->ids[i] == id) {
			pr = &r->out[i];
			k = i;
			break;
		}
	if (pr == NULL)
		return 0;
	if (pr->person.id == 0) {
		pr->person.id = id;
		person_read(r->a, col + 1, &pr->person);
	}
	if (col[6].type == STORE_VNULL)
		return 0;
	ro = pr->nroles > 0 ? &pr->roles[pr->nroles - 1] : NULL;
	if (ro == NULL || ro->participation_id != part) {
		pr->roles = store_grow(r->a, pr->roles, sizeof(*pr->roles), &r->roles_cap[k],
			pr->nroles + 1);
		ro = &pr->roles[pr->nroles++];
		memset(ro, 0, sizeof(*ro));
		ro->participation_id = part;
		ro->case_id = store_col_int(&col[7]);
		ro->role = store_col_str(r->a, &col[8]);
		ro->case_number = store_col_str(r->a, &col[9]);
		ro->office_id = store_col_int(&col[10]);
		r->shares_cap = 0;
	}
	if (col[11].type != STORE_VNULL) {
		ro->shared_with = store_grow(r->a, ro->shared_with, sizeof(int64_t),
			&r->shares_cap, ro->nshared + 1);
		ro->shared_with[ro->nshared++] = store_col_int(&col[11]);
	}
	return 0;
}

/* The same, for a backend without STMT_PERSON_ROLES: person by person, with
 * the typed functions every backend has (slower: whole cases are read). */
static enum kerr_code
roles_one_by_one(struct store *st, const int64_t *ids, size_t n, struct arena *a,
	struct store_person_roles *out, struct kerr *err)
{
	struct participation *parts;
	struct kcase c;
	size_t i, j, np;
	enum kerr_code rc;

	for (i = 0; i < n; i++) {
		rc = store_person_get(st, ids[i], a, &out[i].person, err);
		if (rc == KERR_NOTFOUND) {
			memset(&out[i], 0, sizeof(out[i]));
			kerr_clear(err);
			continue;
		}
		if (rc != KERR_OK ||
		    (rc = store_person_participations(st, ids[i], a, &parts, &np, err)) != KERR_OK)
			return rc;
		out[i].roles = arena_alloc(a, (np + 1) * sizeof(*out[i].roles));
		out[i].nroles = np;
		for (j = 0; j < np; j++) {
			struct store_person_role *ro = &out[i].roles[j];
			if ((rc = store_case_get(st, parts[j].case_id, a, &c, err)) != KERR_OK)
				return rc;
			ro->participation_id = parts[j].id;
			ro->case_id = parts[j].case_id;
			ro->role = parts[j].role;
			ro->case_number = c.number;
			ro->office_id = c.office_id;
			ro->shared_with = c.shared_with;
			ro->nshared = c.nshared;
		}
	}
	return KERR_OK;
}

enum kerr_code
store_person_roles(struct store *st, const int64_t *ids, size_t n, struct arena *a,
	struct store_person_roles *out, struct kerr *err)
{
	struct store_val p[STORE_ROLES_BATCH];
	enum kerr_code rc = KERR_OK;
	size_t at, i, m;

	memset(out, 0, n * sizeof(*out));
	if (st->be->sql[STMT_PERSON_ROLES].text == NULL)
		return roles_one_by_one(st, ids, n, a, out, err);
	for (at = 0; at < n && rc == KERR_OK; at += m) {
		struct roles_ctx r = { .a = a, .ids = ids + at, .out = out + at };
		m = n - at < STORE_ROLES_BATCH ? n - at : STORE_ROLES_BATCH;
		r.n = m;
		for (i = 0; i < STORE_ROLES_BATCH; i++)
			p[i] = i < m ? store_vint(ids[at + i]) : store_vnull();
		rc = store_exec(st, STMT_PERSON_ROLES, p, STORE_ROLES_BATCH, roles_row, &r, err);
	}
	return rc;
}

/* ---- measures (coercive and on assets): kind, date in entry order ---- */

struct measure_ctx {
	struct arena *a;
	struct asset_measure *arr;
	size_t n, cap;
};

static int
measure_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct measure_ctx *m = ctx;
	struct asset_measure *am;

	(void)ncol;
	m->arr = store_grow(m->a, m->arr, sizeof(*am), &m->cap, m->n + 1);
	am = &m->arr[m->n++];
	am->measure = store_col_str(m->a, &col[0]);
	store_col_date(am->date, &col[1]);
	return 0;
}

static enum kerr_code
measures_of(struct store *st, enum store_stmt s, int64_t owner, struct measure_ctx *m,
	struct kerr *err)
{
	struct store_val k[1] = { store_vint(owner) };

	return store_exec(st, s, k, 1, measure_row, m, err);
}

static enum kerr_code
measures_read(struct store *st, struct arena *a, struct participation *pa,
	struct kerr *err)
{
	struct suspect_attrs *s = &pa->suspect;
	struct measure_ctx m = { .a = a };
	enum kerr_code rc = measures_of(st, STMT_PART_MEASURES, pa->id, &m, err);
	size_t i;

	s->nmeasures = rc == KERR_OK ? m.n : 0;
	s->measures = s->nmeasures ? arena_alloc(a, s->nmeasures * sizeof(*s->measures)) : NULL;
	for (i = 0; i < s->nmeasures; i++) {
		s->measures[i].kind = m.arr[i].measure;
		memcpy(s->measures[i].date, m.arr[i].date, MODEL_DATE_LEN);
	}
	return rc;
}

/* ---- events ---- */

enum kerr_code
store_event_insert(struct store *st, struct event *e, struct kerr *err)
{
	struct store_val p[5] = {
		store_vint(e->case_id), store_vtext(e->stage), store_vdate(e->date),
		store_vref(e->recorded_by), store_vint(e->recorded_at),
	};

	return store_exec_int(st, STMT_EVENT_INSERT, p, 5, &e->id, err);
}

struct events_ctx {
	struct arena *a;
	struct kcase *c;
	size_t cap;
};

static int
event_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct events_ctx *x = ctx;
	struct event *e;

	(void)ncol;
	x->c->events = store_grow(x->a, x->c->events, sizeof(*e), &x->cap, x->c->nevents + 1);
	e = &x->c->events[x->c->nevents++];
	e->id = store_col_int(&col[0]);
	e->case_id = store_col_int(&col[1]);
	e->stage = store_col_str(x->a, &col[2]);
	store_col_date(e->date, &col[3]);
	e->recorded_by = store_col_int(&col[4]);
	e->recorded_at = store_col_int(&col[5]);
	return 0;
}

/* ---- assets ---- */

enum kerr_code
store_asset_insert(struct store *st, struct asset *as, struct kerr *err)
{
	struct store_val p[4] = {
		store_vint(as->case_id), store_vtext(as->kind), store_vint(as->value_cents),
		store_vtext(as->currency),
	};
	int own;
	enum kerr_code rc = store_tx_start(st, &own, err);
	size_t i;

	if (rc == KERR_OK)
		rc = store_exec_int(st, STMT_ASSET_INSERT, p, 4, &as->id, err);
	for (i = 0; i < as->nmeasures && rc == KERR_OK; i++) {
		p[0] = store_vint(as->id);
		p[1] = store_vint((int64_t)i);
		p[2] = store_vtext(as->measures[i].measure);
		p[3] = store_vdate(as->measures[i].date);
		rc = store_exec(st, STMT_ASSET_MEASURE_INSERT, p, 4, NULL, NULL, err);
	}
	if (rc == KERR_OK)
		rc = store_asset_life_write(st, as, err);
	return store_tx_end(st, own, rc, err);
}

struct assets_ctx {
	struct arena *a;
	struct kcase *c;
	size_t cap;
};

static int
asset_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct assets_ctx *x = ctx;
	struct asset *as;

	(void)ncol;
	x->c->assets = store_grow(x->a, x->c->assets, sizeof(*as), &x->cap, x->c->nassets + 1);
	as = &x->c->assets[x->c->nassets++];
	as->id = store_col_int(&col[0]);
	as->case_id = store_col_int(&col[1]);
	as->kind = store_col_str(x->a, &col[2]);
	as->value_cents = store_col_int(&col[3]);
	as->currency = store_col_str(x->a, &col[4]);
	return 0;
}

static enum kerr_code
assets_read(struct store *st, struct arena *a, struct kcase *c, struct kerr *err)
{
	struct assets_ctx x = { a, c, 0 };
	struct store_val k[1] = { store_vint(c->id) };
	enum kerr_code rc = store_exec(st, STMT_CASE_ASSETS, k, 1, asset_row, &x, err);
	size_t i;

	for (i = 0; i < c->nassets && rc == KERR_OK; i++) {
		struct asset *as = &c->assets[i];
		struct measure_ctx m = { .a = a };
		rc = measures_of(st, STMT_ASSET_MEASURES, as->id, &m, err);
		as->measures = m.arr;
		as->nmeasures = m.n;
	}
	return rc;
}

/* ---- identifiers ---- */

enum kerr_code
store_identifier_insert(struct store *st, struct identifier *id, struct kerr *err)
{
	struct store_val p[3] = {
		store_vint(id->case_id), store_vref(id->person_id), store_vtext(id->kind),
	};

	return store_exec_int(st, STMT_IDENT_INSERT, p, 3, &id->id, err);
}

struct idents_ctx {
	struct arena *a;
	struct identifier *arr;
	size_t n, cap;
};

static int
ident_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct idents_ctx *x = ctx;
	struct identifier *id;

	(void)ncol;
	x->arr = store_grow(x->a, x->arr, sizeof(*id), &x->cap, x->n + 1);
	id = &x->arr[x->n++];
	id->id = store_col_int(&col[0]);
	id->case_id = store_col_int(&col[1]);
	id->person_id = store_col_int(&col[2]);
	id->person_index = -1;
	id->kind = store_col_str(x->a, &col[3]);
	return 0;
}

enum kerr_code
store_identifier_get(struct store *st, int64_t id, struct arena *a,
	struct identifier *out, struct kerr *err)
{
	struct idents_ctx x = { .a = a };
	struct store_val k[1] = { store_vint(id) };
	enum kerr_code rc = store_exec(st, STMT_IDENT_GET, k, 1, ident_row, &x, err);

	memset(out, 0, sizeof(*out));
	if (rc != KERR_OK)
		return rc;
	if (x.n == 0)
		return kerr_set(err, KERR_NOTFOUND, "no identifier %lld", (long long)id);
	*out = x.arr[0];
	return KERR_OK;
}

/* ---- requests ---- */

/* A request's lists travel as comma-separated text (0014_mla.sql): codes
 * of CB_REQUEST_ASSISTANCE and ids. NULL for an empty list; free the result. */
static char *
join_codes(const char *const *codes, size_t n)
{
	size_t i, len = 1;
	char *s;

	if (n == 0)
		return NULL;
	for (i = 0; i < n; i++)
		len += strlen(codes[i]) + 1;
	s = xmalloc(len);
	s[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(s, ",");
		strcat(s, codes[i]);
	}
	return s;
}

static char *
join_ids(const int64_t *ids, size_t n)
{
	size_t i, at = 0, len = n * 21 + 1;
	char *s;

	if (n == 0)
		return NULL;
	s = xmalloc(len);
	s[0] = '\0';
	for (i = 0; i < n; i++)
		at += (size_t)snprintf(s + at, len - at, i > 0 ? ",%lld" : "%lld",
			(long long)ids[i]);
	return s;
}

/* "a,b,c" into an arena list; NULL or "" gives none. */
static void
split_codes(struct arena *a, const char *s, const char ***out, size_t *n)
{
	size_t k = 0, cap = 1;
	const char *p;
	char *copy, *tok, *save = NULL;

	*out = NULL;
	*n = 0;
	if (s == NULL || s[0] == '\0')
		return;
	for (p = s; *p != '\0'; p++)
		cap += *p == ',';
	*out = arena_alloc(a, cap * sizeof(**out));
	copy = arena_strdup(a, s);
	for (tok = strtok_r(copy, ",", &save); tok != NULL && k < cap;
	    tok = strtok_r(NULL, ",", &save))
		(*out)[k++] = tok;
	*n = k;
}

static void
split_ids(struct arena *a, const char *s, int64_t **out, size_t *n)
{
	const char **codes;
	size_t i, k;

	split_codes(a, s, &codes, &k);
	*out = k > 0 ? arena_alloc(a, k * sizeof(**out)) : NULL;
	for (i = 0; i < k; i++)
		(*out)[i] = strtoll(codes[i], NULL, 10);
	*n = k;
}

/* The columns of a request after its id (update) or case_id (insert). */
#define REQUEST_VALS(r, as, pe, ase) \
	store_vtext((r)->direction), store_vtext((r)->country), \
	store_vtext((r)->authority), store_vtext((r)->type), store_vtext((r)->status), \
	store_vdate((r)->sent), store_vdate((r)->received), store_vdate((r)->due), \
	store_vtext((r)->reference), store_vtext((r)->legal_basis), \
	store_vtext((r)->channel), store_vtext(as), store_vdate((r)->answered), \
	store_vtext(pe), store_vtext(ase)

enum kerr_code
store_request_insert(struct store *st, struct intl_request *r, struct kerr *err)
{
	char *as = join_codes(r->assistance, r->nassistance);
	char *pe = join_ids(r->persons, r->npersons), *ase = join_ids(r->assets, r->nassets);
	struct store_val p[16] = { store_vint(r->case_id), REQUEST_VALS(r, as, pe, ase) };
	enum kerr_code rc = store_exec_int(st, STMT_REQUEST_INSERT, p, 16, &r->id, err);

	free(as);
	free(pe);
	free(ase);
	return rc;
}

struct requests_ctx {
	struct arena *a;
	struct kcase *c;
	size_t cap;
};

static int
request_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct requests_ctx *x = ctx;
	struct intl_request *r;

	(void)ncol;
	x->c->requests = store_grow(x->a, x->c->requests, sizeof(*r), &x->cap,
		x->c->nrequests + 1);
	r = &x->c->requests[x->c->nrequests++];
	r->id = store_col_int(&col[0]);
	r->case_id = store_col_int(&col[1]);
	r->direction = store_col_str(x->a, &col[2]);
	r->country = store_col_str(x->a, &col[3]);
	r->authority = store_col_str(x->a, &col[4]);
	r->type = store_col_str(x->a, &col[5]);
	r->status = store_col_str(x->a, &col[6]);
	store_col_date(r->sent, &col[7]);
	store_col_date(r->received, &col[8]);
	store_col_date(r->due, &col[9]);
	r->reference = store_col_str(x->a, &col[10]);
	r->legal_basis = store_col_str(x->a, &col[11]);
	r->channel = store_col_str(x->a, &col[12]);
	split_codes(x->a, store_col_str(x->a, &col[13]), &r->assistance, &r->nassistance);
	store_col_date(r->answered, &col[14]);
	split_ids(x->a, store_col_str(x->a, &col[15]), &r->persons, &r->npersons);
	split_ids(x->a, store_col_str(x->a, &col[16]), &r->assets, &r->nassets);
	return 0;
}

/* ---- requests across cases ---- */

struct request_list_ctx {
	struct arena *a;
	struct store_request_row *rows;
	size_t n, cap;
};

static int
request_list_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct request_list_ctx *x = ctx;
	struct kcase one = { 0 };
	struct requests_ctx rq = { x->a, &one, 0 };
	struct store_request_row *row;

	(void)ncol;
	request_row(&rq, col, 17);
	x->rows = store_grow(x->a, x->rows, sizeof(*row), &x->cap, x->n + 1);
	row = &x->rows[x->n++];
	row->r = one.requests[0];
	row->case_number = store_col_str(x->a, &col[17]);
	row->office_id = store_col_int(&col[18]);
	return 0;
}

enum kerr_code
store_request_list(struct store *st, int64_t office_id, struct arena *a,
	struct store_request_row **out, size_t *n, struct kerr *err)
{
	struct store_val p[1] = { store_vref(office_id) };
	struct request_list_ctx x = { a, NULL, 0, 0 };
	enum kerr_code rc = store_exec(st, STMT_REQUEST_LIST, p, 1, request_list_row, &x, err);

	*out = x.rows;
	*n = x.n;
	return rc;
}

static int
one_int(void *ctx, const struct store_val *col, size_t ncol)
{
	(void)ncol;
	*(int64_t *)ctx = store_col_int(&col[0]);
	return 0;
}

enum kerr_code
store_request_case(struct store *st, int64_t id, int64_t *case_id, struct kerr *err)
{
	struct store_val p[1] = { store_vint(id) };
	enum kerr_code rc;

	*case_id = 0;
	rc = store_exec(st, STMT_REQUEST_CASE, p, 1, one_int, case_id, err);
	if (rc == KERR_OK && *case_id == 0)
		return kerr_set(err, KERR_NOTFOUND, "no request %lld", (long long)id);
	return rc;
}

/* ---- a case's children at once ---- */

/* Point each identifier at the participation of its person, if any. */
static void
idents_link(struct kcase *c)
{
	size_t i, j;

	for (i = 0; i < c->nidents; i++)
		for (j = 0; j < c->nparts; j++)
			if (c->idents[i].person_id != 0 &&
			    c->idents[i].person_id == c->parts[j].person_id) {
				c->idents[i].person_index = (int)j;
				break;
			}
}

enum kerr_code
store_children_read(struct store *st, struct arena *a, struct kcase *c, struct kerr *err)
{
	struct store_val k[1] = { store_vint(c->id) };
	struct events_ctx ev = { a, c, 0 };
	struct idents_ctx id = { .a = a };
	struct requests_ctx rq = { a, c, 0 };
	enum kerr_code rc;

	rc = parts_read(st, STMT_CASE_PARTS, c->id, a, &c->parts, &c->nparts, err);
	if (rc == KERR_OK)
		rc = store_exec(st, STMT_CASE_EVENTS, k, 1, event_row, &ev, err);
	if (rc == KERR_OK)
		rc = assets_read(st, a, c, err);
	if (rc == KERR_OK)
		rc = store_exec(st, STMT_CASE_IDENTS, k, 1, ident_row, &id, err);
	c->idents = id.arr;
	c->nidents = id.n;
	if (rc == KERR_OK)
		rc = store_exec(st, STMT_CASE_REQUESTS, k, 1, request_row, &rq, err);
	if (rc == KERR_OK)
		idents_link(c);
	if (rc == KERR_OK)
		rc = store_response_read(st, a, c, err);
	return rc;
}

/* ---- amending children in place (an updated case document) ---- */

enum kerr_code
store_person_update(struct store *st, const struct person *pe, struct kerr *err)
{
	struct store_val p[6] = {
		store_vint(pe->id),
		store_vtext(pe->sex),
		pe->birth_year > 0 ? store_vint(pe->birth_year) : store_vnull(),
		store_vtext(pe->nationality),
		store_vtext(pe->origin_ubigeo),
		store_vtext(pe->doc_type),
	};

	return store_exec(st, STMT_PERSON_UPDATE, p, 6, NULL, NULL, err);
}

enum kerr_code
store_participation_update(struct store *st, const struct participation *pa,
	struct kerr *err)
{
	struct store_val p[18], k[1] = { store_vint(pa->id) };
	int own;
	enum kerr_code rc = store_tx_start(st, &own, err);

	part_params(pa, p);
	p[0] = store_vint(pa->id);
	if (rc == KERR_OK)
		rc = store_exec(st, STMT_PART_UPDATE, p, 18, NULL, NULL, err);
	if (rc == KERR_OK)
		rc = store_exec(st, STMT_PART_CODES_DELETE, k, 1, NULL, NULL, err);
	if (rc == KERR_OK)
		rc = store_exec(st, STMT_PART_MEASURES_DELETE, k, 1, NULL, NULL, err);
	if (rc == KERR_OK)
		rc = store_exec(st, STMT_PART_STEPS_DELETE, k, 1, NULL, NULL, err);
	if (rc == KERR_OK)
		rc = store_exec(st, STMT_PART_PAYMENTS_DELETE, k, 1, NULL, NULL, err);
	if (rc == KERR_OK)
		rc = part_codes_insert(st, pa, err);
	if (rc == KERR_OK)
		rc = store_protections_write(st, pa, 0, err);
	return store_tx_end(st, own, rc, err);
}

enum kerr_code
store_event_update(struct store *st, const struct event *e, struct kerr *err)
{
	struct store_val p[3] = { store_vint(e->id), store_vtext(e->stage), store_vdate(e->date) };

	return store_exec(st, STMT_EVENT_UPDATE, p, 3, NULL, NULL, err);
}

enum kerr_code
store_asset_update(struct store *st, const struct asset *as, struct kerr *err)
{
	struct store_val p[4] = {
		store_vint(as->id), store_vtext(as->kind), store_vint(as->value_cents),
		store_vtext(as->currency),
	};
	int own;
	enum kerr_code rc = store_tx_start(st, &own, err);
	size_t i;

	if (rc == KERR_OK)
		rc = store_exec(st, STMT_ASSET_UPDATE, p, 4, NULL, NULL, err);
	if (rc == KERR_OK)
		rc = store_exec(st, STMT_ASSET_MEASURES_DELETE, p, 1, NULL, NULL, err);
	for (i = 0; i < as->nmeasures && rc == KERR_OK; i++) {
		p[0] = store_vint(as->id);
		p[1] = store_vint((int64_t)i);
		p[2] = store_vtext(as->measures[i].measure);
		p[3] = store_vdate(as->measures[i].date);
		rc = store_exec(st, STMT_ASSET_MEASURE_INSERT, p, 4, NULL, NULL, err);
	}
	if (rc == KERR_OK)
		rc = store_asset_life_write(st, as, err);
	return store_tx_end(st, own, rc, err);
}

enum kerr_code
store_identifier_update(struct store *st, const struct identifier *id, struct kerr *err)
{
	struct store_val p[3] = { store_vint(id->id), store_vref(id->person_id),
		store_vtext(id->kind) };

	return store_exec(st, STMT_IDENT_UPDATE, p, 3, NULL, NULL, err);
}

enum kerr_code
store_request_update(struct store *st, const struct intl_request *r, struct kerr *err)
{
	char *as = join_codes(r->assistance, r->nassistance);
	char *pe = join_ids(r->persons, r->npersons), *ase = join_ids(r->assets, r->nassets);
	struct store_val p[16] = { store_vint(r->id), REQUEST_VALS(r, as, pe, ase) };
	enum kerr_code rc = store_exec(st, STMT_REQUEST_UPDATE, p, 16, NULL, NULL, err);

	free(as);
	free(pe);
	free(ase);
	return rc;
}
