/*
 * caseupdate.c — amending a case through its document (issue 9,
 * REQ-CASE-UPD; DESIGN: "A case changes only through its document").
 *
 * The submitted document is merged with the stored case (in clear): the
 * children it names by id are changed in place, those without an id are
 * added, those it leaves out are marked removed; identity fields absent or
 * equal to the masked form case show printed keep their value, null
 * erases. Then, in one transaction: the version moves on (refused if it is
 * not the one the document was made from), every change is written and
 * sealed, blind indexes follow, the stage and the legal term are settled
 * again (app_case_settle), the statistics follow, and one revision holding
 * the changes (sealed) is written with the audit entry. Recording an
 * event is an amendment too.
 */
#include "app/app_int.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/casedoc.h"
#include "core/codebook.h"
#include "core/outcome.h"
#include "core/validate.h"
#include "lib/redact.h"
#include "lib/i18n.h"

struct upd {
	struct app *app;
	const struct policy_actor *actor;
	struct arena *a;
	struct kerr *err;
	struct kcase cur;          /* as stored, in clear */
	const char *office;        /* its office code */
	struct kcase nw;           /* as submitted, merged with cur */
	struct policy_case pc;
	int shares;                /* the document set shared_with */
	const char *field;         /* the field a refused event is named by (NULL: its path) */
	const char *path_field;    /* the same for a path step dated before the complaint */
	/* for each child of nw, the index of the stored one it changes, or -1 */
	long *part_of, *event_of, *asset_of, *ident_of, *request_of;
	struct redact *rd;         /* masks free text as case show did */
	int masked_doc;            /* the document says "identities": "masked" */
	int by_request;            /* an amendment of its international requests only
	                              (app/mla.c): checked and audited as request.manage */
	json_t *audit_extra;       /* a JSON object's members added to the audit detail */
	int64_t *new_request_id;   /* receives the id of a request it adds (may be NULL) */
};

static int
streq(const char *x, const char *y)
{
	return strcmp(x != NULL ? x : "", y != NULL ? y : "") == 0;
}

/* ---- merging the submitted document with the stored case ---- */

/* 1 when the actor sees nothing of the identities of persons in role. */
static int
hidden(const struct upd *u, const char *role)
{
	struct kerr ignored;
	enum pol_action a = role != NULL && strcmp(role, "victim") == 0 ?
		POL_REVEAL_VICTIM : POL_REVEAL_OTHER;

	return policy_check(u->actor, a, &u->pc, &ignored) != KERR_OK;
}

enum mask_kind { MASK_NAME, MASK_DOC, MASK_ADDRESS };

/* The value an identity field keeps: the stored one when the document
 * left it out, gave case show's masked form of it, or gave null for a
 * field the actor cannot see; else the document's (NULL erases). */
static const char *
merge_identity(struct upd *u, const char *nv, const char *ov, int visible, enum mask_kind k)
{
	const char *m;

	if (nv == casedoc_keep || (nv == NULL && !visible))
		return ov;
	if (nv == NULL || ov == NULL)
		return nv;
	m = k == MASK_DOC ? "********" : k == MASK_ADDRESS ? "***" : app_mask(u->a, ov);
	return strcmp(nv, m) == 0 ? ov : nv;
}

/* A new child has nothing stored: what the document left out is empty. */
static const char *
fresh(const char *v)
{
	return v == casedoc_keep ? NULL : v;
}

static enum kerr_code
unknown_child(struct upd *u, const char *field, const char *what, int64_t id)
{
	return kerr_field(u->err, KERR_INVALID, field,
		/* TRANSLATORS: %s is "person", "event"...; ids come from case show */
		_("no %s with id %lld in this case; take the ids from 'khipu case show %lld "
		  "--format json'"), _(what), (long long)id, (long long)u->cur.id);
}

/* Index of the stored child with id among n of size sz whose id is at
 * offset off; -1 when none. Each may be named once (taken[]). */
_Static_assert(offsetof(struct participation, id) == 0 && offsetof(struct event, id) == 0 &&
	offsetof(struct asset, id) == 0 && offsetof(struct identifier, id) == 0 &&
	offsetof(struct intl_request, id) == 0, "a child struct begins with its id");

static int64_t
id_at(const void *base, size_t i, size_t sz)
{
	int64_t id;

	/* every child struct begins with its id */
	memcpy(&id, (const char *)base + i * sz, sizeof(id));
	return id;
}

static long
find_stored(const void *base, size_t n, size_t sz, int64_t id, char *taken)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (id_at(base, i, sz) == id && !taken[i]) {
			taken[i] = 1;
			return (long)i;
		}
	}
	return -1;
}

/* Map each submitted child to the stored one it names; ids must be this
 * case's (a child of another case is unknown here). */
static enum kerr_code
match(struct upd *u, const char *list, const char *what, const void *nbase, size_t nn,
	const void *obase, size_t on, size_t sz, long **of)
{
	char field[64], *taken = arena_alloc(u->a, on + 1);
	size_t i;

	memset(taken, 0, on + 1);
	*of = arena_alloc(u->a, (nn + 1) * sizeof(**of));
	for (i = 0; i < nn; i++) {
		int64_t id = id_at(nbase, i, sz);
		(*of)[i] = -1;
		if (id == 0)
			continue;
		(*of)[i] = find_stored(obase, on, sz, id, taken);
		if ((*of)[i] < 0) {
			snprintf(field, sizeof(field), "%s[%zu].id", list, i);
			return unknown_child(u, field, what, id);
		}
	}
	return KERR_OK;
}

static enum kerr_code
merge_person(struct upd *u, size_t i)
{
	struct participation *p = &u->nw.parts[i];
	struct person *pe = &p->person;
	const struct participation *o;
	char field[64];
	int vis;

	if (u->part_of[i] < 0) {   /* a new participation */
		pe->name = fresh(pe->name);
		pe->alias = fresh(pe->alias);
		pe->doc_number = fresh(pe->doc_number);
		pe->birth_date = fresh(pe->birth_date);
		pe->address = fresh(pe->address);
		if (pe->birth_year == 0 && pe->birth_date != NULL)
			pe->birth_year = atoi(pe->birth_date);
		return KERR_OK;
	}
	o = &u->cur.parts[u->part_of[i]];
	if (p->person_id != 0 && p->person_id != o->person_id) {
		snprintf(field, sizeof(field), "persons[%zu].person_id", i);
		return kerr_field(u->err, KERR_INVALID, field,
			_("a participation keeps its person; remove it and add the other person "
			  "without 'id'"));
	}
	p->person_id = o->person_id;
	pe->id = o->person_id;
	vis = !hidden(u, o->role);
	pe->name = merge_identity(u, pe->name, o->person.name, vis, MASK_NAME);
	pe->alias = merge_identity(u, pe->alias, o->person.alias, vis, MASK_NAME);
	pe->doc_number = merge_identity(u, pe->doc_number, o->person.doc_number, vis, MASK_DOC);
	pe->birth_date = merge_identity(u, pe->birth_date, o->person.birth_date, vis, MASK_DOC);
	pe->address = merge_identity(u, pe->address, o->person.address, vis, MASK_ADDRESS);
	if (pe->birth_year == 0 && pe->birth_date != NULL)
		pe->birth_year = atoi(pe->birth_date);
	if (pe->birth_date != NULL && pe->birth_year != atoi(pe->birth_date)) {
		snprintf(field, sizeof(field), "persons[%zu].birth_year", i);
		return kerr_field(u->err, KERR_INVALID, field,
			_("does not match 'birth_date'; give the birth date too, or null to erase it"));
	}
	if (pe->name == NULL) {
		snprintf(field, sizeof(field), "persons[%zu].name", i);
		return kerr_field(u->err, KERR_INVALID, field,
			_("a person's name cannot be erased; remove the person instead"));
	}
	if (pe->doc_number != NULL && pe->doc_type == NULL) {
		snprintf(field, sizeof(field), "persons[%zu].doc_type", i);
		return kerr_field(u->err, KERR_INVALID, field, _("required with 'doc_number'"));
	}
	if (pe->sex == NULL)
		pe->sex = cb_lookup(CB_SEX, "unknown")->code;
	return KERR_OK;
}

/* The role whose reveal right shows identifier id (caseview.c). */
static const char *
ident_role(const struct kcase *c, int64_t person_id)
{
	size_t j;

	for (j = 0; j < c->nparts && person_id != 0; j++)
		if (c->parts[j].person_id == person_id)
			return c->parts[j].role;
	return "victim";
}

/* Free text (summary, note, description) is merged like an identity field,
 * its "masked form" being case show's text with every identity masked.
 * Changing text that was shown masked would store the masks in place of
 * the names it hid, so a masked document may keep such text or replace it
 * only from a revealed document. */
static enum kerr_code
merge_text(struct upd *u, const char *field, const char **nv, const char *ov, int vis)
{
	const char *m;

	if (*nv == casedoc_keep || (*nv == NULL && !vis)) {
		*nv = ov;
		return KERR_OK;
	}
	if (*nv == NULL || ov == NULL || u->rd == NULL)
		return KERR_OK;
	m = redact_text(u->rd, ov);
	if (strcmp(*nv, m) == 0) {
		*nv = ov;
		return KERR_OK;
	}
	if (u->masked_doc && strcmp(m, ov) != 0 && strcmp(*nv, ov) != 0)
		return kerr_field(u->err, KERR_INVALID, field,
			_("this text was shown with names and numbers masked, and changing it "
			  "would put the masks in their place; reveal the case's identities "
			  "first, then change the text"));
	return KERR_OK;
}

static enum kerr_code
merge_texts(struct upd *u)
{
	struct kerr ignored;
	int vis = policy_check(u->actor, POL_REVEAL_VICTIM, &u->pc, &ignored) == KERR_OK;
	char field[48];
	size_t i;
	enum kerr_code rc;

	/* free text is shown only to roles that may reveal victims */
	if (vis && (rc = app_case_redactor(u->app, &u->cur, u->a, &u->rd, u->err)) != KERR_OK)
		return rc;
	if ((rc = merge_text(u, "summary", &u->nw.summary, u->cur.summary, vis)) != KERR_OK)
		return rc;
	for (i = 0; i < u->nw.nevents; i++) {
		struct event *e = &u->nw.events[i];
		snprintf(field, sizeof(field), "events[%zu].note", i);
		if (u->event_of[i] < 0)
			e->note = fresh(e->note);
		else if ((rc = merge_text(u, field, &e->note,
		    u->cur.events[u->event_of[i]].note, vis)) != KERR_OK)
			return rc;
	}
	for (i = 0; i < u->nw.nassets; i++) {
		struct asset *as = &u->nw.assets[i];
		snprintf(field, sizeof(field), "assets[%zu].description", i);
		if (u->asset_of[i] < 0)
			as->description = fresh(as->description);
		else if ((rc = merge_text(u, field, &as->description,
		    u->cur.assets[u->asset_of[i]].description, vis)) != KERR_OK)
			return rc;
	}
	for (i = 0; i < u->nw.nidents; i++) {
		struct identifier *id = &u->nw.idents[i];
		const struct identifier *o;
		if (u->ident_of[i] < 0) {
			if (fresh(id->value) == NULL)
				return kerr_field(u->err, KERR_INVALID, "identifiers",
					_("a new identifier needs its 'value'"));
			continue;
		}
		o = &u->cur.idents[u->ident_of[i]];
		id->value = merge_identity(u, id->value, o->value,
			!hidden(u, ident_role(&u->cur, o->person_id)), MASK_NAME);
		if (id->value == NULL)
			return kerr_field(u->err, KERR_INVALID, "identifiers",
				_("an identifier's value cannot be erased; remove the identifier "
				  "instead"));
	}
	return KERR_OK;
}

/* Events may not precede the complaint, and the sequence must keep the
 * procedural order (app_check_order: the same rule as registration). */
static enum kerr_code
check_dates(struct upd *u)
{
	char field[64];
	size_t i;

	for (i = 0; i < u->nw.nevents; i++) {
		if (validate_date_cmp(u->nw.events[i].date, u->nw.complaint_date) >= 0)
			continue;
		snprintf(field, sizeof(field), "events[%zu].date", i);
		return kerr_field(u->err, KERR_INVALID, field, _("'%s' is before the complaint (%s)"),
			u->nw.events[i].date, u->nw.complaint_date);
	}
	for (i = 0; i < u->nw.nparts; i++) {
		const struct suspect_attrs *sa = &u->nw.parts[i].suspect;
		for (size_t j = 0; j < sa->npath; j++) {
			if (validate_date_cmp(sa->path[j].date, u->nw.complaint_date) >= 0)
				continue;
			char pf[96];
			if (u->path_field != NULL)
				snprintf(pf, sizeof(pf), "%s", u->path_field);
			else
				snprintf(pf, sizeof(pf), "persons[%zu].suspect.path[%zu].date", i, j);
			return kerr_field(u->err, KERR_INVALID, pf,
				_("'%s' is before the complaint (%s)"), sa->path[j].date,
				u->nw.complaint_date);
		}
	}
	return app_check_order(u->cur.events, u->cur.nevents, u->nw.events, u->nw.nevents,
		u->nw.complaint_date, u->field, u->err);
}

static enum kerr_code
merge(struct upd *u)
{
	struct kcase *n = &u->nw, *c = &u->cur;
	size_t i;
	enum kerr_code rc;

	if ((rc = match(u, "persons", N_("person"), n->parts, n->nparts, c->parts,
	    c->nparts, sizeof(*n->parts), &u->part_of)) ||
	    (rc = match(u, "events", N_("event"), n->events, n->nevents, c->events,
	    c->nevents, sizeof(*n->events), &u->event_of)) ||
	    (rc = match(u, "assets", N_("asset"), n->assets, n->nassets, c->assets,
	    c->nassets, sizeof(*n->assets), &u->asset_of)) ||
	    (rc = match(u, "identifiers", N_("identifier"), n->idents, n->nidents,
	    c->idents, c->nidents, sizeof(*n->idents), &u->ident_of)) ||
	    (rc = match(u, "requests", N_("request"), n->requests, n->nrequests,
	    c->requests, c->nrequests, sizeof(*n->requests), &u->request_of)))
		return rc;
	for (i = 0; i < n->nparts; i++)
		if ((rc = merge_person(u, i)) != KERR_OK)
			return rc;
	if ((rc = merge_texts(u)) != KERR_OK)
		return rc;
	if ((rc = check_dates(u)) != KERR_OK)
		return rc;
	return app_response_check(&u->nw, &u->cur, u->part_of, u->asset_of, u->err);
}

/* ---- the rights the changes need ---- */

static int
shares_changed(const struct upd *u)
{
	size_t i, j;

	if (!u->shares)
		return 0;
	if (u->nw.nshared != u->cur.nshared)
		return 1;
	for (i = 0; i < u->nw.nshared; i++) {
		for (j = 0; j < u->cur.nshared; j++)
			if (u->cur.shared_with[j] == u->nw.shared_with[i])
				break;
		if (j == u->cur.nshared)
			return 1;
	}
	return 0;
}

static int
request_changed(const struct intl_request *x, const struct intl_request *y)
{
	return !streq(x->direction, y->direction) || !streq(x->country, y->country) ||
		!streq(x->authority, y->authority) || !streq(x->type, y->type) ||
		!streq(x->status, y->status) || !streq(x->sent, y->sent) ||
		!streq(x->received, y->received) || !streq(x->due, y->due) ||
		!streq(x->reference, y->reference) || !streq(x->answered, y->answered) ||
		!streq(x->legal_basis, y->legal_basis) || !streq(x->channel, y->channel) ||
		!app_codes_equal(x->assistance, x->nassistance, y->assistance, y->nassistance) ||
		!app_ids_equal(x->persons, x->npersons, y->persons, y->npersons) ||
		!app_ids_equal(x->assets, x->nassets, y->assets, y->nassets);
}

static int
requests_changed(const struct upd *u)
{
	size_t i;

	if (u->nw.nrequests != u->cur.nrequests)
		return 1;
	for (i = 0; i < u->nw.nrequests; i++)
		if (u->request_of[i] < 0 ||
		    request_changed(&u->nw.requests[i], &u->cur.requests[u->request_of[i]]))
			return 1;
	return 0;
}

static enum kerr_code
check_rights(struct upd *u)
{
	char object[48], field[64];
	size_t i;
	enum kerr_code rc;

	snprintf(object, sizeof(object), "case:%lld", (long long)u->cur.id);
	if (shares_changed(u) &&
	    (rc = app_allow(u->app, u->actor, POL_CASE_SHARE, &u->pc, object, u->err)) != KERR_OK)
		return rc;
	if (requests_changed(u) &&
	    (rc = app_allow(u->app, u->actor, POL_REQUEST_MANAGE, &u->pc, object, u->err)))
		return rc;
	/* an existing person joins only when the actor can already see her */
	for (i = 0; i < u->nw.nparts && !app_is_system(u->actor); i++) {
		if (u->part_of[i] >= 0 || u->nw.parts[i].person_id <= 0)
			continue;
		snprintf(field, sizeof(field), "persons[%zu].person_id", i);
		rc = app_person_check_join(u->app, u->actor, u->nw.parts[i].person_id, field, u->err);
		if (rc != KERR_OK)
			return rc;
	}
	return KERR_OK;
}

/* ---- writing ---- */

/* Seal v (NULL or "" erases what was sealed). */
static enum kerr_code
reseal(struct upd *u, const char *table, int64_t row, const char *column, const char *v)
{
	if (v == NULL || v[0] == '\0')
		return store_sealed_delete(u->app->st, table, row, column, u->err);
	return app_seal(u->app, table, row, column, v, u->err);
}

static int
person_fields_changed(const struct person *x, const struct person *y)
{
	return !streq(x->sex, y->sex) || x->birth_year != y->birth_year ||
		!streq(x->nationality, y->nationality) || !streq(x->origin_ubigeo, y->origin_ubigeo) ||
		!streq(x->doc_type, y->doc_type);
}

static int
identity_changed(const struct person *x, const struct person *y)
{
	return !streq(x->name, y->name) || !streq(x->alias, y->alias) ||
		!streq(x->doc_number, y->doc_number) || !streq(x->birth_date, y->birth_date) ||
		!streq(x->address, y->address);
}

static int
json_differs(json_t *x, json_t *y)
{
	int d = !json_equal(x, y);

	json_decref(x);
	json_decref(y);
	return d;
}

static enum kerr_code
write_identity(struct upd *u, const struct person *old, const struct person *pe)
{
	struct app *app = u->app;
	enum kerr_code rc;

	if ((rc = app_unindex_person(app, pe->id, old, u->err)) != KERR_OK)
		return rc;
	if (pe->name == NULL && pe->alias == NULL && pe->doc_number == NULL &&
	    pe->birth_date == NULL && pe->address == NULL)
		rc = store_sealed_delete(app->st, "person", pe->id, "identity", u->err);
	else
		rc = app_seal_person(app, pe->id, pe, u->err);
	if (rc != KERR_OK)
		return rc;
	return app_index_person(app, pe->id, pe, u->err);
}

static enum kerr_code
write_persons(struct upd *u, char *kept)
{
	struct app *app = u->app;
	size_t i;
	enum kerr_code rc;

	for (i = 0; i < u->nw.nparts; i++) {
		struct participation *p = &u->nw.parts[i];
		const struct participation *o;
		p->case_id = u->cur.id;
		if (u->part_of[i] < 0) {
			if ((rc = app_case_insert_person(app, u->actor, &u->nw, p, i, u->err)) ||
			    (rc = store_participation_insert(app->st, p, u->err)))
				return rc;
			continue;
		}
		o = &u->cur.parts[u->part_of[i]];
		kept[u->part_of[i]] = 1;
		if (person_fields_changed(&o->person, &p->person) &&
		    (rc = store_person_update(app->st, &p->person, u->err)) != KERR_OK)
			return rc;
		if (identity_changed(&o->person, &p->person) &&
		    (rc = write_identity(u, &o->person, &p->person)) != KERR_OK)
			return rc;
		if (json_differs(casedoc_participation_json(o), casedoc_participation_json(p)) &&
		    (rc = store_participation_update(app->st, p, u->err)) != KERR_OK)
			return rc;
	}
	return KERR_OK;
}

static enum kerr_code
write_identifiers(struct upd *u, char *kept)
{
	struct app *app = u->app;
	size_t i;
	enum kerr_code rc;

	for (i = 0; i < u->nw.nidents; i++) {
		struct identifier *id = &u->nw.idents[i];
		const struct identifier *o;
		id->case_id = u->cur.id;
		id->person_id = id->person_index >= 0 && (size_t)id->person_index < u->nw.nparts ?
			u->nw.parts[id->person_index].person_id : 0;
		/* an asset's identifier: the assets are written before */
		id->asset_id = id->asset_pos > 0 && id->asset_pos <= u->nw.nassets ?
			u->nw.assets[id->asset_pos - 1].id : 0;
		if (u->ident_of[i] < 0) {
			if ((rc = store_identifier_insert(app->st, id, u->err)) ||
			    (rc = app_seal(app, "identifier", id->id, "value", id->value, u->err)) ||
			    (rc = app_index_identifier(app, id->id, id->kind, id->value, u->err)))
				return rc;
			if (id->asset_id != 0 &&
			    (rc = store_identifier_set_asset(app->st, id->id, id->asset_id, u->err)))
				return rc;
			continue;
		}
		o = &u->cur.idents[u->ident_of[i]];
		kept[u->ident_of[i]] = 1;
		if (o->asset_id != id->asset_id &&
		    (rc = store_identifier_set_asset(app->st, id->id, id->asset_id, u->err)))
			return rc;
		if ((o->person_id != id->person_id || !streq(o->kind, id->kind)) &&
		    (rc = store_identifier_update(app->st, id, u->err)) != KERR_OK)
			return rc;
		if (streq(o->kind, id->kind) && streq(o->value, id->value))
			continue;
		if ((rc = app_unindex_identifier(app, o->id, o->kind, o->value, u->err)) ||
		    (rc = app_seal(app, "identifier", id->id, "value", id->value, u->err)) ||
		    (rc = app_index_identifier(app, id->id, id->kind, id->value, u->err)))
			return rc;
	}
	return KERR_OK;
}

static enum kerr_code
write_events(struct upd *u, char *kept)
{
	size_t i;
	enum kerr_code rc;

	for (i = 0; i < u->nw.nevents; i++) {
		struct event *e = &u->nw.events[i];
		const struct event *o;
		e->case_id = u->cur.id;
		if (u->event_of[i] < 0) {
			e->recorded_by = u->actor->user_id;
			e->recorded_at = (int64_t)time(NULL);
			if ((rc = store_event_insert(u->app->st, e, u->err)) ||
			    (rc = app_seal(u->app, "event", e->id, "note", e->note, u->err)))
				return rc;
			continue;
		}
		o = &u->cur.events[u->event_of[i]];
		kept[u->event_of[i]] = 1;
		e->recorded_by = o->recorded_by;
		e->recorded_at = o->recorded_at;
		if ((!streq(o->stage, e->stage) || !streq(o->date, e->date)) &&
		    (rc = store_event_update(u->app->st, e, u->err)) != KERR_OK)
			return rc;
		if (!streq(o->note, e->note) &&
		    (rc = reseal(u, "event", e->id, "note", e->note)) != KERR_OK)
			return rc;
	}
	return KERR_OK;
}

static int
asset_changed(const struct asset *x, const struct asset *y)
{
	size_t i;

	if (!streq(x->kind, y->kind) || x->value_cents != y->value_cents ||
	    !streq(x->currency, y->currency) || x->nmeasures != y->nmeasures)
		return 1;
	for (i = 0; i < x->nmeasures; i++)
		if (!streq(x->measures[i].measure, y->measures[i].measure) ||
		    !streq(x->measures[i].date, y->measures[i].date))
			return 1;
	return app_asset_life_changed(x, y) || x->owner_part != y->owner_part;
}

static enum kerr_code
write_assets(struct upd *u, char *kept)
{
	size_t i;
	enum kerr_code rc;

	for (i = 0; i < u->nw.nassets; i++) {
		struct asset *as = &u->nw.assets[i];
		const struct asset *o;
		as->case_id = u->cur.id;
		/* its owner: the participations are written before */
		as->owner_part = as->owner_pos > 0 && as->owner_pos <= u->nw.nparts ?
			u->nw.parts[as->owner_pos - 1].id : 0;
		if (u->asset_of[i] < 0) {
			if ((rc = store_asset_insert(u->app->st, as, u->err)) ||
			    (rc = app_seal(u->app, "asset", as->id, "description", as->description,
			    u->err)))
				return rc;
			continue;
		}
		o = &u->cur.assets[u->asset_of[i]];
		kept[u->asset_of[i]] = 1;
		if (asset_changed(o, as) && (rc = store_asset_update(u->app->st, as, u->err)))
			return rc;
		if (!streq(o->description, as->description) &&
		    (rc = reseal(u, "asset", as->id, "description", as->description)) != KERR_OK)
			return rc;
	}
	return KERR_OK;
}

static enum kerr_code
write_requests(struct upd *u, char *kept)
{
	size_t i;
	enum kerr_code rc;

	for (i = 0; i < u->nw.nrequests; i++) {
		struct intl_request *r = &u->nw.requests[i];
		r->case_id = u->cur.id;
		/* the persons and assets it concerns: the case's, as written */
		if ((rc = app_request_links_check(&u->nw, i, u->err)) != KERR_OK)
			return rc;
		if (u->request_of[i] < 0) {
			if ((rc = store_request_insert(u->app->st, r, u->err)) != KERR_OK)
				return rc;
			if (u->new_request_id != NULL)
				*u->new_request_id = r->id;
			continue;
		}
		kept[u->request_of[i]] = 1;
		if (request_changed(&u->cur.requests[u->request_of[i]], r) &&
		    (rc = store_request_update(u->app->st, r, u->err)) != KERR_OK)
			return rc;
	}
	return KERR_OK;
}

/* Children the document left out: marked removed by the new version; an
 * identifier leaves the blind index (searches do not find it), its sealed
 * value stays for the history. */
static enum kerr_code
remove_left_out(struct upd *u, char *const kept[5])
{
	const struct kcase *c = &u->cur;
	int64_t v = c->version + 1;
	size_t i;
	enum kerr_code rc = KERR_OK;

	for (i = 0; i < c->nparts && rc == KERR_OK; i++)
		if (!kept[0][i])
			rc = store_child_remove(u->app->st, STORE_CHILD_PARTICIPATION, c->parts[i].id,
				v, u->err);
	for (i = 0; i < c->nevents && rc == KERR_OK; i++)
		if (!kept[1][i])
			rc = store_child_remove(u->app->st, STORE_CHILD_EVENT, c->events[i].id, v,
				u->err);
	for (i = 0; i < c->nassets && rc == KERR_OK; i++)
		if (!kept[2][i])
			rc = store_child_remove(u->app->st, STORE_CHILD_ASSET, c->assets[i].id, v,
				u->err);
	for (i = 0; i < c->nidents && rc == KERR_OK; i++)
		if (!kept[3][i] && (rc = app_unindex_identifier(u->app, c->idents[i].id,
		    c->idents[i].kind, c->idents[i].value, u->err)) == KERR_OK)
			rc = store_child_remove(u->app->st, STORE_CHILD_IDENTIFIER, c->idents[i].id,
				v, u->err);
	for (i = 0; i < c->nrequests && rc == KERR_OK; i++)
		if (!kept[4][i])
			rc = store_child_remove(u->app->st, STORE_CHILD_REQUEST, c->requests[i].id, v,
				u->err);
	return rc;
}

static char *
zeroed(struct arena *a, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memset(p, 0, n + 1);
	return p;
}

static enum kerr_code
write_all(struct upd *u)
{
	char *kept[5];
	enum kerr_code rc;

	kept[0] = zeroed(u->a, u->cur.nparts);
	kept[1] = zeroed(u->a, u->cur.nevents);
	kept[2] = zeroed(u->a, u->cur.nassets);
	kept[3] = zeroed(u->a, u->cur.nidents);
	kept[4] = zeroed(u->a, u->cur.nrequests);
	/* persons, then assets (their owners), then identifiers (of both) */
	if ((rc = write_persons(u, kept[0])) || (rc = write_assets(u, kept[2])) ||
	    (rc = write_identifiers(u, kept[3])) || (rc = write_events(u, kept[1])) ||
	    (rc = write_requests(u, kept[4])) || (rc = remove_left_out(u, kept)))
		return rc;
	u->nw.stage = app_derive_stage(u->nw.events, u->nw.nevents);
	rc = store_case_update(u->app->st, &u->nw, u->shares, u->err);
	if (rc == KERR_CONFLICT)
		return kerr_field(u->err, KERR_CONFLICT, "number",
			_("case '%s' is already registered"), u->nw.number);
	/* the stage and the running legal term, settled from the events kept
	 * (an event added, changed or removed moves both) */
	if (rc == KERR_OK)
		rc = app_case_settle(u->app, u->cur.id, u->nw.events, u->nw.nevents, u->err);
	if (rc == KERR_OK && !streq(u->cur.summary, u->nw.summary))
		rc = reseal(u, "case", u->cur.id, "summary", u->nw.summary);
	return rc;
}

/* The transaction: version, changes, statistics, revision, audit. A
 * document that changes nothing writes nothing. */
static enum kerr_code
apply(struct upd *u, const char *reason, int64_t *version)
{
	json_t *before, *after = NULL, *changes = NULL;
	char object[48];
	int64_t rev = 0;
	enum kerr_code rc;

	before = app_case_doc(&u->cur, u->office);
	if ((rc = store_begin(u->app->st, u->err)) != KERR_OK) {
		json_decref(before);
		return rc;
	}
	rc = store_case_bump(u->app->st, u->cur.id, u->cur.version, u->err);
	if (rc == KERR_STALE)
		rc = kerr_set(u->err, KERR_STALE, _("case %lld was changed by someone else since "
			"version %lld; read it again and redo the change"), (long long)u->cur.id,
			(long long)u->cur.version);
	if (rc == KERR_OK)
		rc = write_all(u);
	if (rc == KERR_OK) {
		u->nw.version = u->cur.version + 1;
		after = app_case_doc(&u->nw, u->office);
		changes = app_rev_diff(before, after);
		if (json_array_size(changes) == 0) {   /* nothing to do */
			store_rollback(u->app->st);
			json_decref(before);
			json_decref(after);
			json_decref(changes);
			if (version != NULL)
				*version = u->cur.version;
			return KERR_OK;
		}
	}
	if (rc == KERR_OK)
		rc = app_stats_case_changed(u->app, u->cur.id, u->err);
	if (rc == KERR_OK)
		rc = app_rev_record(u->app, u->actor, u->cur.id, u->nw.version, before, changes,
			reason, &rev, u->err);
	if (rc == KERR_OK) {
		snprintf(object, sizeof(object), "case:%lld", (long long)u->cur.id);
		json_t *dj = json_pack("{s:I,s:I,s:I}", "version",
		    (json_int_t)u->nw.version, "revision", (json_int_t)rev, "changes",
		    (json_int_t)json_array_size(changes));
		if (dj != NULL && u->audit_extra != NULL)
			json_object_update(dj, u->audit_extra);
		char *detail = app_audit_detail(dj);
		rc = app_audit(u->app, u->actor, u->by_request ? POL_REQUEST_MANAGE :
		    POL_CASE_UPDATE, object, detail, u->err);
		free(detail);
	}
	json_decref(before);
	json_decref(after);
	json_decref(changes);
	if (rc != KERR_OK) {
		store_rollback(u->app->st);
		return rc;
	}
	if ((rc = store_commit(u->app->st, u->err)) == KERR_OK && version != NULL)
		*version = u->nw.version;
	return rc;
}

/* ---- the entry points ---- */

static enum kerr_code
load(struct upd *u, int64_t id)
{
	char object[48];
	enum kerr_code rc;

	if ((rc = app_case_load_clear(u->app, id, u->a, &u->cur, &u->office, u->err)) != KERR_OK)
		return rc;
	app_policy_case(&u->cur, &u->pc);
	snprintf(object, sizeof(object), "case:%lld", (long long)id);
	return app_allow(u->app, u->actor, u->by_request ? POL_REQUEST_MANAGE : POL_CASE_UPDATE,
		&u->pc, object, u->err);
}

static enum kerr_code
resolve_shares(struct upd *u, const char **codes, size_t n)
{
	struct office o;
	char field[48];
	size_t i;
	enum kerr_code rc;

	u->shares = n != (size_t)-1;
	u->nw.nshared = 0;
	if (!u->shares) {
		u->nw.shared_with = u->cur.shared_with;
		u->nw.nshared = u->cur.nshared;
		return KERR_OK;
	}
	u->nw.shared_with = arena_alloc(u->a, (n + 1) * sizeof(int64_t));
	for (i = 0; i < n; i++) {
		snprintf(field, sizeof(field), "shared_with[%zu]", i);
		if (codes[i][0] == '#')
			rc = store_office_get(u->app->st, strtoll(codes[i] + 1, NULL, 10), u->a, &o,
				u->err);
		else
			rc = store_office_by_code(u->app->st, codes[i], u->a, &o, u->err);
		if (rc == KERR_NOTFOUND)
			return kerr_field(u->err, KERR_INVALID, field,
				_("unknown office '%s'; see 'khipu office list'"), codes[i]);
		if (rc != KERR_OK)
			return rc;
		u->nw.shared_with[u->nw.nshared++] = o.id;
	}
	return KERR_OK;
}

static enum kerr_code
check_version(struct upd *u, int64_t if_match, int64_t doc_id)
{
	int64_t want = if_match > 0 ? if_match : u->nw.version;

	if (doc_id != 0 && doc_id != u->cur.id)
		return kerr_field(u->err, KERR_INVALID, "id",
			_("this document is case %lld, not case %lld"), (long long)doc_id,
			(long long)u->cur.id);
	if (if_match > 0 && u->nw.version != 0 && u->nw.version != if_match)
		return kerr_field(u->err, KERR_INVALID, "version",
			_("%lld does not match the version the request names (%lld)"),
			(long long)u->nw.version, (long long)if_match);
	if (want == 0)
		return kerr_field(u->err, KERR_INVALID, "version",
			_("missing: say which version the change was made from (take the document "
			  "from 'khipu case show %lld --format json')"), (long long)u->cur.id);
	if (want != u->cur.version)
		return kerr_set(u->err, KERR_STALE,
			_("case %lld is at version %lld, the change was made from version %lld; "
			  "nothing was written: read it again and redo the change"),
			(long long)u->cur.id, (long long)u->cur.version, (long long)want);
	return KERR_OK;
}

/* 1 when the document is one case show printed with identities masked
 * (its "identities" member); a parse error is reported by the parser. */
static int
doc_says_masked(const char *text, size_t n)
{
	json_t *doc = json_loadb(text, n, 0, NULL);
	const char *v = json_string_value(json_object_get(doc, "identities"));
	int masked = v != NULL && strcmp(v, "masked") == 0;

	json_decref(doc);
	return masked;
}

enum kerr_code
app_case_update_json(struct app *app, const struct policy_actor *actor, int64_t id,
	const char *text, size_t n, const char *reason, int64_t if_match, int64_t *version,
	struct kerr *err)
{
	struct arena a;
	struct upd u = { .app = app, .actor = actor, .a = &a, .err = err };
	const char *office = NULL, **shared;
	size_t nshared;
	int64_t doc_id;
	enum kerr_code rc;

	if (reason != NULL && (rc = validate_text("--reason", reason, 2000, err)) != KERR_OK)
		return rc;
	arena_init(&a);
	u.masked_doc = doc_says_masked(text, n);
	rc = load(&u, id);
	if (rc == KERR_OK)
		rc = casedoc_parse_update(text, n, &a, &u.nw, &office, &shared, &nshared, err);
	doc_id = u.nw.id;
	if (rc == KERR_OK)
		rc = check_version(&u, if_match, doc_id);
	if (rc == KERR_OK && office != NULL && strcmp(office, u.office) != 0)
		rc = kerr_field(err, KERR_INVALID, "office",
			_("an update cannot move the case to another office (it belongs to '%s')"),
			u.office);
	if (rc == KERR_OK)
		rc = resolve_shares(&u, shared, nshared);
	if (rc == KERR_OK) {
		u.nw.id = u.cur.id;
		u.nw.office_id = u.cur.office_id;
		u.nw.synthetic = u.cur.synthetic;
		u.nw.created_by = u.cur.created_by;
		u.nw.created_at = u.cur.created_at;
		rc = merge(&u);
	}
	if (rc == KERR_OK)
		rc = check_rights(&u);
	if (rc == KERR_OK)
		rc = apply(&u, reason, version);
	arena_release(&a);
	return rc;
}

/* u->nw is the stored case, every child kept as it is (children the
 * caller adds come after n_events stored events). */
static void
keep_children(struct upd *u, struct arena *a, size_t extra_events)
{
	size_t i, n = u->cur.nevents;

	u->part_of = arena_alloc(a, (u->cur.nparts + 1) * sizeof(long));
	u->event_of = arena_alloc(a, (n + extra_events + 1) * sizeof(long));
	u->asset_of = arena_alloc(a, (u->cur.nassets + 1) * sizeof(long));
	u->ident_of = arena_alloc(a, (u->cur.nidents + 1) * sizeof(long));
	u->request_of = arena_alloc(a, (u->cur.nrequests + 1) * sizeof(long));
	for (i = 0; i < u->cur.nparts; i++)
		u->part_of[i] = (long)i;
	for (i = 0; i < n + extra_events; i++)
		u->event_of[i] = i < n ? (long)i : -1;
	for (i = 0; i < u->cur.nassets; i++)
		u->asset_of[i] = (long)i;
	/* identifiers are copied: their person index is set here */
	u->nw.idents = arena_alloc(a, (u->cur.nidents + 1) * sizeof(*u->nw.idents));
	if (u->cur.nidents > 0)
		memcpy(u->nw.idents, u->cur.idents, u->cur.nidents * sizeof(*u->nw.idents));
	for (i = 0; i < u->cur.nidents; i++) {
		u->ident_of[i] = (long)i;
		u->nw.idents[i].person_index = -1;
		for (size_t j = 0; j < u->cur.nparts; j++)
			if (u->cur.parts[j].person_id == u->cur.idents[i].person_id)
				u->nw.idents[i].person_index = (int)j;
	}
	for (i = 0; i < u->cur.nrequests; i++)
		u->request_of[i] = (long)i;
}

/* One attempt at recording an event on the case as it now is. */
static enum kerr_code
event_once(struct app *app, const struct policy_actor *actor, int64_t case_id,
	const char *stage, const char *date, const char *note, struct kerr *err)
{
	struct arena a;
	struct upd u = { .app = app, .actor = actor, .a = &a, .err = err };
	struct event *ev;
	size_t n;
	enum kerr_code rc;

	arena_init(&a);
	rc = load(&u, case_id);
	if (rc == KERR_OK) {
		/* the stored case, and one event more */
		u.nw = u.cur;
		n = u.cur.nevents;
		u.nw.events = arena_alloc(&a, (n + 1) * sizeof(*ev));
		if (n > 0)
			memcpy(u.nw.events, u.cur.events, n * sizeof(*ev));
		ev = &u.nw.events[n];
		memset(ev, 0, sizeof(*ev));
		ev->stage = cb_lookup(CB_STAGE, stage)->code;
		snprintf(ev->date, sizeof(ev->date), "%s", date);
		ev->note = note != NULL && note[0] != '\0' ? note : NULL;
		u.nw.nevents = n + 1;
		keep_children(&u, &a, 1);
		u.field = "stage";
		rc = check_dates(&u);
		if (rc == KERR_OK)
			rc = apply(&u, NULL, NULL);
	}
	arena_release(&a);
	return rc;
}

/* An event names no version: it adds to the case as it is, so a revision
 * another writer made in between is no conflict; the event is recorded on
 * top of it (tried again, a bounded number of times). */
enum kerr_code
app_case_event(struct app *app, const struct policy_actor *actor, int64_t case_id,
	const char *stage, const char *date, const char *note, struct kerr *err)
{
	enum kerr_code rc;
	int attempt;

	if ((rc = validate_code("stage", CB_STAGE, stage, err)) != KERR_OK ||
	    (rc = validate_date("date", date, err)) != KERR_OK ||
	    (note != NULL && (rc = validate_text("note", note, 20000, err)) != KERR_OK))
		return rc;
	for (attempt = 0; attempt < 100; attempt++)
		if ((rc = event_once(app, actor, case_id, stage, date, note, err)) != KERR_STALE)
			return rc;
	return rc;
}

/* ---- amending without a document (the focused commands) ---- */

/* An arena copy of n elements of size sz (one more, zeroed, for growth). */
static void *
copy_of(struct arena *a, const void *src, size_t n, size_t sz)
{
	void *p = arena_alloc(a, (n + 1) * sz);

	if (n > 0)
		memcpy(p, src, n * sz);
	return p;
}

/* One attempt of app_case_amend on the case as it now is. */
static enum kerr_code
amend_once(struct app *app, const struct policy_actor *actor, int64_t case_id,
	const struct app_amend_how *how, app_amend_fn fn, void *ctx, const char *reason,
	struct kerr *err)
{
	struct arena a;
	struct upd u = { .app = app, .actor = actor, .a = &a, .err = err };
	size_t i, j;
	enum kerr_code rc;

	arena_init(&a);
	if (how != NULL) {
		u.by_request = how->by_request;
		u.audit_extra = how->audit_extra;
		u.new_request_id = how->new_request_id;
	}
	if ((rc = load(&u, case_id)) != KERR_OK)
		goto out;
	u.nw = u.cur;
	/* fn may change any child: the stored ones keep their places */
	u.nw.parts = copy_of(&a, u.cur.parts, u.cur.nparts, sizeof(*u.nw.parts));
	u.nw.assets = copy_of(&a, u.cur.assets, u.cur.nassets, sizeof(*u.nw.assets));
	u.nw.idents = copy_of(&a, u.cur.idents, u.cur.nidents, sizeof(*u.nw.idents));
	u.nw.requests = copy_of(&a, u.cur.requests, u.cur.nrequests, sizeof(*u.nw.requests));
	if ((rc = fn(ctx, &u.nw, &a, err)) != KERR_OK)
		goto out;
	u.part_of = arena_alloc(&a, (u.nw.nparts + 1) * sizeof(long));
	u.event_of = arena_alloc(&a, (u.nw.nevents + 1) * sizeof(long));
	u.asset_of = arena_alloc(&a, (u.nw.nassets + 1) * sizeof(long));
	u.ident_of = arena_alloc(&a, (u.nw.nidents + 1) * sizeof(long));
	u.request_of = arena_alloc(&a, (u.nw.nrequests + 1) * sizeof(long));
	for (i = 0; i < u.nw.nparts; i++)
		u.part_of[i] = i < u.cur.nparts ? (long)i : -1;
	for (i = 0; i < u.nw.nevents; i++)
		u.event_of[i] = i < u.cur.nevents ? (long)i : -1;
	for (i = 0; i < u.nw.nassets; i++)
		u.asset_of[i] = i < u.cur.nassets ? (long)i : -1;
	for (i = 0; i < u.nw.nidents; i++) {
		u.ident_of[i] = i < u.cur.nidents ? (long)i : -1;
		u.nw.idents[i].person_index = -1;
		for (j = 0; j < u.nw.nparts; j++)
			if (u.nw.parts[j].person_id == u.nw.idents[i].person_id &&
			    u.nw.idents[i].person_id != 0)
				u.nw.idents[i].person_index = (int)j;
	}
	for (i = 0; i < u.nw.nrequests; i++)
		u.request_of[i] = i < u.cur.nrequests ? (long)i : -1;
	rc = app_response_check(&u.nw, &u.cur, u.part_of, u.asset_of, err);
	if (rc == KERR_OK)
		rc = apply(&u, reason, NULL);
out:
	arena_release(&a);
	return rc;
}

/* ---- a suspect's path (issue 10) ---- */

/* The command-line option of a path fault's key. */
static const char *
outcome_option(const char *key)
{
	static const char *const map[][2] = {
		{ "step", "--outcome" }, { "date", "--date" }, { "offence", "--offence" },
		{ "prison_years", "--prison-years" }, { "suspended", "--suspended" },
		{ "days_fine", "--days-fine" }, { "disqualification_months", "--disqualification-years" },
		{ "reparation", "--reparation" }, { "amount", "--paid" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i][0], key) == 0)
			return map[i][1];
	return key;
}

/* The suspect who is person_id in u->cur, or a refusal naming --suspect. */
static enum kerr_code
find_suspect(struct upd *u, int64_t person_id, size_t *at)
{
	size_t i;

	for (i = 0; i < u->cur.nparts; i++)
		if (u->cur.parts[i].person_id == person_id &&
		    strcmp(u->cur.parts[i].role, "suspect") == 0) {
			*at = i;
			return KERR_OK;
		}
	for (i = 0; i < u->cur.nparts; i++)
		if (u->cur.parts[i].person_id == person_id)
			return kerr_field(u->err, KERR_INVALID, "--suspect",
				/* TRANSLATORS: the second %s is a role code: victim, witness... */
				_("person %lld is a %s of case %lld, not a suspect; an outcome is a "
				  "suspect's"), (long long)person_id, u->cur.parts[i].role,
				(long long)u->cur.id);
	return kerr_field(u->err, KERR_INVALID, "--suspect",
		_("person %lld is not a suspect of case %lld; see the persons' ids in "
		  "'khipu case show %lld --format json'"), (long long)person_id,
		(long long)u->cur.id, (long long)u->cur.id);
}

static enum kerr_code
outcome_once(struct app *app, const struct policy_actor *actor, int64_t case_id,
	int64_t person_id, const struct path_step *step, const struct reparation_payment *pay,
	const char *reason, struct kerr *err)
{
	struct arena a;
	struct upd u = { .app = app, .actor = actor, .a = &a, .err = err };
	struct participation *parts;
	struct suspect_attrs *sa;
	struct outcome_fault f;
	size_t at = 0, k = 0, n;
	long fresh_step = -1, fresh_pay = -1;
	char field[160];
	enum kerr_code rc;

	arena_init(&a);
	if ((rc = load(&u, case_id)) != KERR_OK || (rc = find_suspect(&u, person_id, &at)))
		goto out;
	u.nw = u.cur;
	parts = arena_alloc(&a, (u.cur.nparts + 1) * sizeof(*parts));
	memcpy(parts, u.cur.parts, u.cur.nparts * sizeof(*parts));
	u.nw.parts = parts;
	sa = &parts[at].suspect;
	if (step != NULL) {
		n = sa->npath;
		k = outcome_insert_at(sa->path, n, step->date);
		sa->path = arena_alloc(&a, (n + 1) * sizeof(*sa->path));
		if (k > 0)
			memcpy(sa->path, u.cur.parts[at].suspect.path, k * sizeof(*sa->path));
		sa->path[k] = *step;
		if (n > k)
			memcpy(sa->path + k + 1, u.cur.parts[at].suspect.path + k,
				(n - k) * sizeof(*sa->path));
		sa->npath = n + 1;
		fresh_step = (long)k;
	} else {
		n = sa->npayments;
		sa->payments = arena_alloc(&a, (n + 1) * sizeof(*sa->payments));
		if (n > 0)
			memcpy(sa->payments, u.cur.parts[at].suspect.payments, n * sizeof(*sa->payments));
		sa->payments[n] = *pay;
		sa->npayments = n + 1;
		fresh_pay = (long)n;
	}
	if (outcome_derive(sa, &f) != 0) {
		if ((f.step >= 0 && f.step == fresh_step) || (f.payment >= 0 && f.payment == fresh_pay))
			snprintf(field, sizeof(field), "%s", outcome_option(f.key));
		else if (f.step >= 0)
			snprintf(field, sizeof(field), "persons[%zu].suspect.path[%ld].%s", at, f.step,
				f.key);
		else
			snprintf(field, sizeof(field), "persons[%zu].suspect.payments[%ld].%s", at,
				f.payment, f.key);
		rc = kerr_field(err, KERR_INVALID, field, "%s", f.msg);
		goto out;
	}
	keep_children(&u, &a, 0);
	u.path_field = "--date";
	if (step == NULL) {
		/* a payment: its date against the complaint */
		if (validate_date_cmp(pay->date, u.cur.complaint_date) < 0) {
			rc = kerr_field(err, KERR_INVALID, "--date", _("'%s' is before the complaint (%s)"),
				pay->date, u.cur.complaint_date);
			goto out;
		}
	}
	if ((rc = check_dates(&u)) == KERR_OK)
		rc = apply(&u, reason, NULL);
out:
	arena_release(&a);
	return rc;
}

enum kerr_code
app_case_amend(struct app *app, const struct policy_actor *actor, int64_t case_id,
	app_amend_fn fn, void *ctx, const char *reason, struct kerr *err)
{
	enum kerr_code rc;
	int attempt;

	if (reason != NULL && (rc = validate_text("--reason", reason, 2000, err)) != KERR_OK)
		return rc;
	for (attempt = 0; attempt < 100; attempt++)
		if ((rc = amend_once(app, actor, case_id, NULL, fn, ctx, reason, err)) != KERR_STALE)
			return rc;
	return rc;
}

enum kerr_code
app_case_amend_how(struct app *app, const struct policy_actor *actor, int64_t case_id,
	const struct app_amend_how *how, app_amend_fn fn, void *ctx, const char *reason,
	struct kerr *err)
{
	enum kerr_code rc;
	int attempt;

	if (reason != NULL && (rc = validate_text("--reason", reason, 2000, err)) != KERR_OK)
		return rc;
	for (attempt = 0; attempt < 100; attempt++)
		if ((rc = amend_once(app, actor, case_id, how, fn, ctx, reason, err)) != KERR_STALE)
			return rc;
	return rc;
}

enum kerr_code
app_case_outcome(struct app *app, const struct policy_actor *actor, int64_t case_id,
	int64_t person_id, const struct path_step *step, const struct reparation_payment *payment,
	const char *reason, struct kerr *err)
{
	enum kerr_code rc;
	int attempt;

	if ((step == NULL) == (payment == NULL))
		return kerr_set(err, KERR_INVALID, _("give either an outcome or a payment"));
	if (reason != NULL && (rc = validate_text("--reason", reason, 2000, err)) != KERR_OK)
		return rc;
	if (step != NULL && ((rc = validate_code("--outcome", CB_PATH_STEP, step->step, err)) ||
	    (rc = validate_date("--date", step->date, err)) ||
	    (step->offence != NULL && (rc = validate_code("--offence", CB_OFFENCE,
	    step->offence, err))) ||
	    (step->reparation_currency != NULL && (rc = validate_code("--currency", CB_CURRENCY,
	    step->reparation_currency, err)))))
		return rc;
	if (payment != NULL && (rc = validate_date("--date", payment->date, err)) != KERR_OK)
		return rc;
	/* like an event, it adds to the case as it is (tried again on a race) */
	for (attempt = 0; attempt < 100; attempt++)
		if ((rc = outcome_once(app, actor, case_id, person_id, step, payment, reason,
		    err)) != KERR_STALE)
			return rc;
	return rc;
}
