/*
 * caseview.c — reading cases: list, show with masked or revealed
 * identities, and recording procedural events.
 *
 * Who sees what (REQ-POL-001/002): a role with no reveal right for a
 * person's role sees null identity fields; one with the right sees them
 * masked ("M*** Q***") until it asks, and then in clear, each reveal
 * written to the audit trail. Free text (summary, notes, descriptions) may
 * name anybody, so it is shown only to roles that may reveal victims, with
 * every identity value of the case masked in it until a reveal (audited).
 * (Recording an event is an amendment: app/caseupdate.c.)
 */
#include "app/app_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/codebook.h"
#include "core/validate.h"
#include "lib/i18n.h"
#include "lib/redact.h"

enum kerr_code
app_case_id(struct app *app, const char *id_or_number, int64_t *id, struct kerr *err)
{
	const char *digits = id_or_number[0] == '#' ? id_or_number + 1 : id_or_number;
	enum kerr_code rc;
	char *end;
	long long v;

	/* digits alone (or '#' and digits) are an id, anything else a number:
	 * a case number is never digits alone (casedoc.c), so neither can
	 * hide the other */
	if (*digits != '\0' && digits[strspn(digits, "0123456789")] == '\0') {
		errno = 0;
		v = strtoll(digits, &end, 10);
		if (errno == 0 && v > 0) {
			*id = v;
			return KERR_OK;
		}
		return kerr_set(err, KERR_NOTFOUND, _("no case '%s'; see 'khipu case list'"),
			id_or_number);
	}
	if (id_or_number[0] == '#')
		return kerr_set(err, KERR_NOTFOUND, _("no case '%s'; see 'khipu case list'"),
			id_or_number);
	rc = store_case_id_by_number(app->st, id_or_number, id, err);
	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_NOTFOUND, _("no case '%s'; see 'khipu case list'"),
			id_or_number);
	return rc;
}

enum kerr_code
app_case_list(struct app *app, const struct policy_actor *actor,
	const struct store_case_filter *f, struct arena *a, struct store_case_row **out,
	size_t *n, struct kerr *err)
{
	struct store_case_filter scoped = *f;
	enum kerr_code rc;

	if ((rc = app_allow(app, actor, POL_CASE_LIST, NULL, "case", err)) != KERR_OK)
		return rc;
	/* office-scoped roles list their office's cases and those shared with it */
	if (policy_scope(actor->role, POL_CASE_LIST) == POL_SCOPE_OFFICE)
		scoped.office_id = actor->office_id;
	return store_case_list(app->rd != NULL ? app->rd : app->st, &scoped, a, out, n, err);
}

enum kerr_code
app_case_list_count(struct app *app, const struct policy_actor *actor,
	const struct store_case_filter *f, int64_t cap, int64_t *n, struct kerr *err)
{
	struct store_case_filter scoped = *f;
	enum kerr_code rc;

	*n = 0;
	if ((rc = app_allow(app, actor, POL_CASE_LIST, NULL, "case", err)) != KERR_OK)
		return rc;
	if (policy_scope(actor->role, POL_CASE_LIST) == POL_SCOPE_OFFICE)
		scoped.office_id = actor->office_id;
	return store_case_list_count(app->rd != NULL ? app->rd : app->st, &scoped, cap, n, err);
}

/* 1 when the actor may not see identities of persons in this role on this
 * case at all (not even masked). */
static int
hidden(const struct policy_actor *actor, const struct policy_case *pc, const char *role)
{
	enum pol_action action = strcmp(role, "victim") == 0 ? POL_REVEAL_VICTIM : POL_REVEAL_OTHER;
	struct kerr ignored;

	return policy_check(actor, action, pc, &ignored) != KERR_OK;
}

static enum kerr_code
open_person(struct app *app, struct arena *a, struct person *p, struct kerr *err)
{
	return app_unseal_person(app, a, p, err);
}

static void
mask_person(struct arena *a, struct person *p)
{
	p->name = app_mask(a, p->name);
	p->alias = app_mask(a, p->alias);
	p->doc_number = p->doc_number ? "********" : NULL;
	p->birth_date = p->birth_date ? "****-**-**" : NULL;
	p->address = p->address ? "***" : NULL;
}

static void
hide_person(struct person *p)
{
	p->name = p->alias = p->doc_number = p->birth_date = p->address = NULL;
}

static enum kerr_code
audit_reveal(struct app *app, const struct policy_actor *actor, const struct kcase *c,
	const struct participation *p, struct kerr *err)
{
	char object[48], *detail;
	enum kerr_code rc;

	snprintf(object, sizeof(object), "person:%lld", (long long)p->person_id);
	detail = app_audit_detail(json_pack("{s:I,s:s}", "case", (json_int_t)c->id,
	    "role", p->role));
	rc = app_audit(app, actor, strcmp(p->role, "victim") == 0 ?
		POL_REVEAL_VICTIM : POL_REVEAL_OTHER, object, detail, err);
	free(detail);
	return rc;
}

static enum kerr_code
show_persons(struct app *app, const struct policy_actor *actor, const struct policy_case *pc,
	struct kcase *c, enum app_reveal reveal, struct arena *a, int *revealed,
	struct kerr *err)
{
	size_t i;
	enum kerr_code rc;

	for (i = 0; i < c->nparts; i++) {
		struct participation *p = &c->parts[i];
		p->person.id = p->person_id;
		if (hidden(actor, pc, p->role)) {
			hide_person(&p->person);
			continue;
		}
		if ((rc = open_person(app, a, &p->person, err)) != KERR_OK)
			return rc;
		if (reveal == APP_MASKED) {
			mask_person(a, &p->person);
			continue;
		}
		if ((rc = audit_reveal(app, actor, c, p, err)) != KERR_OK)
			return rc;
		(*revealed)++;
	}
	return KERR_OK;
}

/* Identifier values follow the visibility of the person they belong to;
 * case-level identifiers that of victims. */
static enum kerr_code
show_identifiers(struct app *app, const struct policy_actor *actor,
	const struct policy_case *pc, struct kcase *c, enum app_reveal reveal, struct arena *a,
	struct kerr *err)
{
	size_t i, j;
	enum kerr_code rc;

	for (i = 0; i < c->nidents; i++) {
		struct identifier *id = &c->idents[i];
		const char *role = "victim";
		for (j = 0; j < c->nparts; j++)
			if (c->parts[j].person_id == id->person_id && id->person_id != 0)
				role = c->parts[j].role;
		id->value = NULL;
		if (hidden(actor, pc, role))
			continue;
		if ((rc = app_unseal(app, a, "identifier", id->id, "value", &id->value, err)))
			return rc;
		if (reveal == APP_MASKED && id->value != NULL)
			id->value = app_mask(a, id->value);
	}
	return KERR_OK;
}

/* Every identity value of the case's persons (names, aliases, addresses,
 * documents, birth dates, identifiers), whatever the actor may see of
 * them: what free text must not show without a reveal. */
enum kerr_code
app_case_redactor(struct app *app, const struct kcase *c, struct arena *a, struct redact **out,
	struct kerr *err)
{
	struct redact *rd = redact_new(a);
	const char *v;
	size_t i;
	enum kerr_code rc;

	for (i = 0; i < c->nparts; i++) {
		struct person p;
		memset(&p, 0, sizeof(p));
		p.id = c->parts[i].person_id;
		if ((rc = app_unseal_person(app, a, &p, err)) != KERR_OK)
			return rc;
		redact_add_name(rd, p.name);
		redact_add_name(rd, p.alias);
		redact_add_address(rd, p.address);
		redact_add_value(rd, p.doc_number);
		redact_add_value(rd, p.birth_date);
	}
	for (i = 0; i < c->nidents; i++) {
		v = NULL;
		if ((rc = app_unseal(app, a, "identifier", c->idents[i].id, "value", &v, err)))
			return rc;
		redact_add_value(rd, v);
		if (c->idents[i].kind != NULL && strcmp(c->idents[i].kind, "address") == 0)
			redact_add_address(rd, v);
	}
	*out = rd;
	return KERR_OK;
}

/* Free text (summary, event notes, asset descriptions) may name anybody of
 * the case: only roles that may reveal victims see it at all. Without a
 * reveal every identity value of the case's persons is masked in it; the
 * whole text comes only with a reveal, and that reveal is audited too. */
static enum kerr_code
show_free_text(struct app *app, const struct policy_actor *actor, const struct policy_case *pc,
	struct kcase *c, enum app_reveal reveal, struct arena *a, struct kerr *err)
{
	struct kerr ignored;
	struct redact *rd;
	char object[48];
	size_t i;
	int any;
	enum kerr_code rc;

	c->summary = NULL;
	for (i = 0; i < c->nevents; i++)
		c->events[i].note = NULL;
	for (i = 0; i < c->nassets; i++)
		c->assets[i].description = NULL;
	if (policy_check(actor, POL_REVEAL_VICTIM, pc, &ignored) != KERR_OK)
		return KERR_OK;
	if ((rc = app_unseal(app, a, "case", c->id, "summary", &c->summary, err)))
		return rc;
	any = c->summary != NULL;
	for (i = 0; i < c->nevents; i++) {
		if ((rc = app_unseal(app, a, "event", c->events[i].id, "note",
		    &c->events[i].note, err)))
			return rc;
		any |= c->events[i].note != NULL;
	}
	for (i = 0; i < c->nassets; i++) {
		if ((rc = app_unseal(app, a, "asset", c->assets[i].id, "description",
		    &c->assets[i].description, err)))
			return rc;
		any |= c->assets[i].description != NULL;
	}
	if (!any)
		return KERR_OK;
	if (reveal == APP_REVEAL) {
		snprintf(object, sizeof(object), "case:%lld", (long long)c->id);
		char *detail = app_audit_detail(json_pack("{s:I,s:b}", "case",
		    (json_int_t)c->id, "free_text", 1));
		rc = app_audit(app, actor, POL_REVEAL_VICTIM, object, detail, err);
		free(detail);
		return rc;
	}
	if ((rc = app_case_redactor(app, c, a, &rd, err)) != KERR_OK)
		return rc;
	c->summary = redact_text(rd, c->summary);
	for (i = 0; i < c->nevents; i++)
		c->events[i].note = redact_text(rd, c->events[i].note);
	for (i = 0; i < c->nassets; i++)
		c->assets[i].description = redact_text(rd, c->assets[i].description);
	return KERR_OK;
}

static enum kerr_code
load_case(struct app *app, const struct policy_actor *actor, int64_t id, struct arena *a,
	struct kcase *out, struct policy_case *pc, struct kerr *err)
{
	char object[48];
	enum kerr_code rc;

	rc = store_case_get(app->st, id, a, out, err);
	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_NOTFOUND, _("no case %lld; see 'khipu case list'"),
			(long long)id);
	if (rc != KERR_OK)
		return rc;
	app_policy_case(out, pc);
	snprintf(object, sizeof(object), "case:%lld", (long long)id);
	return app_allow(app, actor, POL_CASE_READ, pc, object, err);
}

enum kerr_code
app_case_show(struct app *app, const struct policy_actor *actor, int64_t id,
	enum app_reveal reveal, struct arena *a, struct kcase *out, struct kerr *err)
{
	struct policy_case pc;
	struct kerr ignored;
	int revealed = 0;
	enum kerr_code rc;

	if ((rc = load_case(app, actor, id, a, out, &pc, err)) != KERR_OK)
		return rc;
	if (reveal == APP_REVEAL &&
	    policy_check(actor, POL_REVEAL_VICTIM, &pc, &ignored) != KERR_OK &&
	    policy_check(actor, POL_REVEAL_OTHER, &pc, err) != KERR_OK)
		return app_allow(app, actor, POL_REVEAL_OTHER, &pc, "case", err);
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	rc = show_persons(app, actor, &pc, out, reveal, a, &revealed, err);
	if (rc == KERR_OK)
		rc = show_identifiers(app, actor, &pc, out, reveal, a, err);
	if (rc == KERR_OK)
		rc = show_free_text(app, actor, &pc, out, reveal, a, err);
	if (rc == KERR_OK)
		rc = app_case_transfers_open(app, actor, &pc, out, a, err);
	if (rc != KERR_OK) {
		store_rollback(app->st);
		return rc;
	}
	/* the reveals are committed before anything is shown */
	return store_commit(app->st, err);
}
