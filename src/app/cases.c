/*
 * cases.c — registering, reading and advancing cases.
 *
 * A case lands whole or not at all: one transaction holds the case, its
 * persons, sealed identities, blind indexes, events, assets, identifiers,
 * requests and the audit entry (REQ-CASE-001).
 */
#include "app/app_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/casedoc.h"
#include "core/codebook.h"
#include "core/ncpp.h"
#include "core/validate.h"
#include "lib/i18n.h"

/* ---- stage ---- */

static int
stage_rank(const char *stage)
{
	const struct cb_entry *e = cb_lookup(CB_STAGE, stage);

	return e == NULL ? 0 : e->rank;
}

/* The stage of the latest event by date, ties broken by procedural order
 * then by recording order (REQ-CASE-002). */
const char *
app_derive_stage(const struct event *ev, size_t n)
{
	const struct event *best = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		int d;
		if (cb_has_flag(cb_lookup(CB_STAGE, ev[i].stage), "act"))
			continue;
		if (best == NULL) {
			best = &ev[i];
			continue;
		}
		d = validate_date_cmp(ev[i].date, best->date);
		if (d > 0 || (d == 0 && stage_rank(ev[i].stage) >= stage_rank(best->stage)))
			best = &ev[i];
	}
	return best == NULL ? "complaint" : best->stage;
}

/* ---- procedural order ---- */

#define ORDER_MAX 64   /* violations looked at; a sequence has few */

static int
had_before(const struct ncpp_violation *v, size_t n, const struct event *before,
	const struct event *e, enum ncpp_rule rule)
{
	size_t i;

	if (e->id == 0)
		return 0;
	for (i = 0; i < n && i < ORDER_MAX; i++)
		if (v[i].rule == rule && before[v[i].event].id == e->id)
			return 1;
	return 0;
}

enum kerr_code
app_check_order(const struct event *before, size_t nbefore, const struct event *after,
	size_t nafter, const char *complaint_date, const char *field, struct kerr *err)
{
	struct ncpp_violation vb[ORDER_MAX], va[ORDER_MAX];
	size_t nb = 0, na, i;
	char f[48];

	na = ncpp_order_check(after, nafter, complaint_date, va, ORDER_MAX);
	if (na == 0)
		return KERR_OK;
	if (nbefore > 0)
		nb = ncpp_order_check(before, nbefore, complaint_date, vb, ORDER_MAX);
	for (i = 0; i < na && i < ORDER_MAX; i++) {
		if (had_before(vb, nb, before, &after[va[i].event], va[i].rule))
			continue;
		if (field == NULL)
			snprintf(f, sizeof(f), "events[%zu].stage", va[i].event);
		return ncpp_order_explain(after, &va[i], field == NULL ? f : field, err);
	}
	return KERR_OK;
}

/* ---- registering ---- */

/* The audit entry of an existing person joining case c: who joined, where,
 * in which role (no identity: the person is named by id). */
static enum kerr_code
audit_join(struct app *app, const struct policy_actor *actor, const struct kcase *c,
	const struct participation *p, struct kerr *err)
{
	char object[48], *detail;
	enum kerr_code rc;

	snprintf(object, sizeof(object), "person:%lld", (long long)p->person_id);
	detail = app_audit_detail(json_pack("{s:I,s:s}", "case", (json_int_t)c->id,
	    "role", p->role));
	rc = app_audit_named(app, actor->name, "person.join", object, detail, err);
	free(detail);
	return rc;
}

enum kerr_code
app_case_insert_person(struct app *app, const struct policy_actor *actor, const struct kcase *c,
	struct participation *p, size_t idx, struct kerr *err)
{
	struct arena tmp;
	struct person existing;
	char field[48];
	enum kerr_code rc;

	if (p->person_id > 0) {
		arena_init(&tmp);
		rc = store_person_get(app->st, p->person_id, &tmp, &existing, err);
		arena_release(&tmp);
		if (rc == KERR_NOTFOUND) {
			snprintf(field, sizeof(field), "persons[%zu].person_id", idx);
			return kerr_field(err, KERR_INVALID, field,
			    _("no person %lld that you may read is registered; find the person "
			      "with 'khipu person search' and use the id it shows"),
			    (long long)p->person_id);
		}
		if (rc != KERR_OK)
			return rc;
		return audit_join(app, actor, c, p, err);
	}
	if ((rc = store_person_insert(app->st, &p->person, err)) != KERR_OK)
		return rc;
	p->person_id = p->person.id;
	if ((rc = app_seal_person(app, p->person_id, &p->person, err)) != KERR_OK)
		return rc;
	return app_index_person(app, p->person_id, &p->person, err);
}

static enum kerr_code
insert_identifier(struct app *app, struct kcase *c, struct identifier *id, struct kerr *err)
{
	enum kerr_code rc;

	id->case_id = c->id;
	if (id->person_index >= 0 && (size_t)id->person_index < c->nparts)
		id->person_id = c->parts[id->person_index].person_id;
	if ((rc = store_identifier_insert(app->st, id, err)) != KERR_OK)
		return rc;
	if ((rc = app_seal(app, "identifier", id->id, "value", id->value, err)) != KERR_OK)
		return rc;
	return app_index_identifier(app, id->id, id->kind, id->value, err);
}

static enum kerr_code
insert_children(struct app *app, const struct policy_actor *actor, struct kcase *c,
	struct kerr *err)
{
	size_t i;
	enum kerr_code rc;

	for (i = 0; i < c->nparts; i++) {
		struct participation *p = &c->parts[i];
		if ((rc = app_case_insert_person(app, actor, c, p, i, err)) != KERR_OK)
			return rc;
		p->case_id = c->id;
		if ((rc = store_participation_insert(app->st, p, err)) != KERR_OK)
			return rc;
	}
	for (i = 0; i < c->nidents; i++)
		if ((rc = insert_identifier(app, c, &c->idents[i], err)) != KERR_OK)
			return rc;
	for (i = 0; i < c->nevents; i++) {
		struct event *e = &c->events[i];
		e->case_id = c->id;
		e->recorded_by = actor->user_id;
		e->recorded_at = c->created_at;
		if ((rc = store_event_insert(app->st, e, err)) != KERR_OK ||
		    (rc = app_seal(app, "event", e->id, "note", e->note, err)) != KERR_OK)
			return rc;
	}
	for (i = 0; i < c->nassets; i++) {
		struct asset *as = &c->assets[i];
		as->case_id = c->id;
		as->owner_part = as->owner_pos > 0 && as->owner_pos <= c->nparts ?
			c->parts[as->owner_pos - 1].id : 0;
		if ((rc = store_asset_insert(app->st, as, err)) != KERR_OK ||
		    (rc = app_seal(app, "asset", as->id, "description", as->description, err)))
			return rc;
	}
	/* the identifiers that lead to an asset, now that it has an id */
	for (i = 0; i < c->nidents; i++) {
		struct identifier *id = &c->idents[i];
		if (id->asset_pos == 0 || id->asset_pos > c->nassets)
			continue;
		id->asset_id = c->assets[id->asset_pos - 1].id;
		if ((rc = store_identifier_set_asset(app->st, id->id, id->asset_id, err)))
			return rc;
	}
	for (i = 0; i < c->nrequests; i++) {
		c->requests[i].case_id = c->id;
		if ((rc = app_request_links_check(c, i, err)) != KERR_OK ||
		    (rc = store_request_insert(app->st, &c->requests[i], err)) != KERR_OK)
			return rc;
	}
	return KERR_OK;
}

/* Every case starts with its complaint: add the event when the document
 * does not record it, so the funnel counts every case. */
static void
ensure_complaint_event(struct arena *a, struct kcase *c)
{
	struct event *ev;
	size_t i;

	for (i = 0; i < c->nevents; i++)
		if (strcmp(c->events[i].stage, "complaint") == 0)
			return;
	ev = arena_alloc(a, (c->nevents + 1) * sizeof(*ev));
	ev[0].stage = "complaint";
	memcpy(ev[0].date, c->complaint_date, sizeof(ev[0].date));
	if (c->nevents)
		memcpy(ev + 1, c->events, c->nevents * sizeof(*ev));
	c->events = ev;
	c->nevents++;
}

static enum kerr_code
insert_case(struct app *app, const struct policy_actor *actor, struct arena *a,
	struct kcase *c, struct kerr *err)
{
	struct policy_case pc;
	enum kerr_code rc;

	app_policy_case(c, &pc);
	if (!app_is_system(actor) &&
	    (rc = policy_check(actor, POL_CASE_CREATE, &pc, err)) != KERR_OK)
		return rc;
	/* sharing and international requests are actions of their own: a
	 * document may carry them only for a role that may do them */
	if (!app_is_system(actor) && c->nshared > 0 &&
	    (rc = policy_check(actor, POL_CASE_SHARE, &pc, err)) != KERR_OK)
		return rc;
	if (!app_is_system(actor) && c->nrequests > 0 &&
	    (rc = policy_check(actor, POL_REQUEST_MANAGE, &pc, err)) != KERR_OK)
		return rc;
	/* before the complaint event is added, so indices are the document's */
	if ((rc = app_check_order(NULL, 0, c->events, c->nevents, c->complaint_date, NULL,
	    err)) != KERR_OK)
		return rc;
	if ((rc = app_response_check(c, NULL, NULL, NULL, err)) != KERR_OK)
		return rc;
	ensure_complaint_event(a, c);
	c->stage = app_derive_stage(c->events, c->nevents);
	ncpp_term_of(c->events, c->nevents, &c->term);
	c->created_by = actor->user_id;
	if (c->created_at == 0)
		c->created_at = (int64_t)time(NULL);
	rc = store_case_insert(app->st, c, err);
	if (rc == KERR_CONFLICT)
		return kerr_field(err, KERR_CONFLICT, "number",
			_("case '%s' is already registered"), c->number);
	if (rc != KERR_OK)
		return rc;
	if ((rc = app_seal(app, "case", c->id, "summary", c->summary, err)) != KERR_OK)
		return rc;
	return insert_children(app, actor, c, err);
}

/* Every existing person a document names must be within the actor's reach
 * (app_person_check_join), checked before anything is written. The system
 * actor (demo, imports) names only persons it created. */
static enum kerr_code
check_joins(struct app *app, const struct policy_actor *actor, const struct kcase *cases,
	size_t n, struct kerr *err)
{
	char field[48];
	size_t i, j;
	enum kerr_code rc;

	if (app_is_system(actor))
		return KERR_OK;
	for (i = 0; i < n; i++)
		for (j = 0; j < cases[i].nparts; j++) {
			if (cases[i].parts[j].person_id <= 0)
				continue;
			snprintf(field, sizeof(field), "persons[%zu].person_id", j);
			rc = app_person_check_join(app, actor, cases[i].parts[j].person_id, field, err);
			if (rc != KERR_OK)
				return rc;
		}
	return KERR_OK;
}

static enum kerr_code
add_many_then(struct app *app, const struct policy_actor *actor, struct kcase *cases,
	size_t n, const char *audit_action,
	void (*progress)(void *ctx, size_t done, size_t total), void *ctx, int bulk,
	app_case_then_fn then, void *then_ctx, struct kerr *err)
{
	struct arena a;
	char object[64], *detail = NULL;
	size_t i, step = n / 100 ? n / 100 : 1;
	enum kerr_code rc;

	if ((rc = check_joins(app, actor, cases, n, err)) != KERR_OK)
		return rc;
	rc = bulk ? store_begin_bulk(app->st, err) : store_begin(app->st, err);
	if (rc != KERR_OK)
		return rc;
	arena_init(&a);
	for (i = 0, rc = KERR_OK; i < n && rc == KERR_OK; i++) {
		rc = insert_case(app, actor, &a, &cases[i], err);
		if (progress != NULL && ((i + 1) % step == 0 || i + 1 == n))
			progress(ctx, i + 1, n);
	}
	if (rc == KERR_OK && n == 1) {
		snprintf(object, sizeof(object), "case:%lld", (long long)cases[0].id);
		/* the number is the user's text: jansson escapes it */
		detail = app_audit_detail(json_pack("{s:s}", "number", cases[0].number));
		rc = app_audit_named(app, actor->name, audit_action, object, detail, err);
	} else if (rc == KERR_OK && n > 1) {
		detail = app_audit_detail(json_pack("{s:I,s:I,s:I}", "cases", (json_int_t)n,
		    "first", (json_int_t)cases[0].id, "last", (json_int_t)cases[n - 1].id));
		rc = app_audit_named(app, actor->name, audit_action, "case", detail, err);
	}
	free(detail);
	arena_release(&a);
	if (rc == KERR_OK && then != NULL && n == 1)
		rc = then(app, then_ctx, cases[0].id, err);
	if (rc != KERR_OK) {
		store_rollback(app->st);
		return rc;
	}
	return store_commit(app->st, err);
}

static enum kerr_code
add_many(struct app *app, const struct policy_actor *actor, struct kcase *cases,
	size_t n, const char *audit_action,
	void (*progress)(void *ctx, size_t done, size_t total), void *ctx, int bulk,
	struct kerr *err)
{
	return add_many_then(app, actor, cases, n, audit_action, progress, ctx, bulk, NULL, NULL,
		err);
}

enum kerr_code
app_case_add_many(struct app *app, const struct policy_actor *actor, struct kcase *cases,
	size_t n, const char *audit_action,
	void (*progress)(void *ctx, size_t done, size_t total), void *ctx, struct kerr *err)
{
	return add_many(app, actor, cases, n, audit_action, progress, ctx, 0, err);
}

enum kerr_code
app_case_load_bulk(struct app *app, const struct policy_actor *actor, struct kcase *cases,
	size_t n, const char *audit_action,
	void (*progress)(void *ctx, size_t done, size_t total), void *ctx, struct kerr *err)
{
	return add_many(app, actor, cases, n, audit_action, progress, ctx, 1, err);
}

enum kerr_code
app_case_add(struct app *app, const struct policy_actor *actor, struct kcase *c,
	struct kerr *err)
{
	enum kerr_code rc = app_allow(app, actor, POL_CASE_CREATE, NULL, "case", err);

	if (rc != KERR_OK)
		return rc;
	return app_case_add_many(app, actor, c, 1, policy_action_name(POL_CASE_CREATE),
		NULL, NULL, err);
}

static enum kerr_code
resolve_office(struct app *app, struct arena *a, const char *field, const char *code,
	int64_t *id, struct kerr *err)
{
	struct office o;
	enum kerr_code rc = store_office_by_code(app->st, code, a, &o, err);

	if (rc == KERR_NOTFOUND)
		return kerr_field(err, KERR_INVALID, field,
			_("unknown office '%s'; see 'khipu office list'"), code);
	if (rc == KERR_OK)
		*id = o.id;
	return rc;
}

/* A case document registered: by app_case_add for a user (audit_action
 * NULL), or already allowed by another use case (a received case) and
 * audited under audit_action. */
static enum kerr_code
add_json(struct app *app, const struct policy_actor *actor, const char *text, size_t n,
	const char *audit_action, app_case_then_fn then, void *then_ctx, int64_t *id,
	struct kerr *err)
{
	struct arena a;
	struct kcase c;
	const char *office, **shared;
	size_t nshared, i;
	char field[48];
	enum kerr_code rc;

	arena_init(&a);
	rc = casedoc_parse_ex(text, n, &a, &c, &office, &shared, &nshared, err);
	if (rc == KERR_OK)
		rc = resolve_office(app, &a, "office", office, &c.office_id, err);
	if (rc == KERR_OK && nshared > 0) {
		c.shared_with = arena_alloc(&a, nshared * sizeof(*c.shared_with));
		c.nshared = nshared;
		for (i = 0; i < nshared && rc == KERR_OK; i++) {
			snprintf(field, sizeof(field), "shared_with[%zu]", i);
			rc = resolve_office(app, &a, field, shared[i], &c.shared_with[i], err);
		}
	}
	if (rc == KERR_OK)
		rc = audit_action == NULL ? app_case_add(app, actor, &c, err) :
			add_many_then(app, actor, &c, 1, audit_action, NULL, NULL, 0, then, then_ctx,
				err);
	if (rc == KERR_OK && id != NULL)
		*id = c.id;
	arena_release(&a);
	return rc;
}

enum kerr_code
app_case_add_json(struct app *app, const struct policy_actor *actor, const char *text,
	size_t n, int64_t *id, struct kerr *err)
{
	enum kerr_code rc;

	if ((rc = app_allow(app, actor, POL_CASE_CREATE, NULL, "case", err)) != KERR_OK)
		return rc;
	return add_json(app, actor, text, n, NULL, NULL, NULL, id, err);
}

enum kerr_code
app_case_add_json_allowed(struct app *app, const struct policy_actor *actor, const char *text,
	size_t n, const char *audit_action, app_case_then_fn then, void *ctx, int64_t *id,
	struct kerr *err)
{
	return add_json(app, actor, text, n, audit_action, then, ctx, id, err);
}
