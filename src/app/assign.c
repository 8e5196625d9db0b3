/*
 * assign.c — who works on a case: assigning it to a prosecutor of its
 * office, and transferring it to another office (derivación) with all its
 * history. Both are decided by the policy (case.assign, case.transfer;
 * REQ-POL-004 for the assignee), written in one transaction with their
 * audit entry, and carried into the statistics in that transaction.
 */
#include "app/app_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/validate.h"
#include "lib/i18n.h"

#define MAX_REASON 2000

/* The case, and the policy's answer for action on it (refusals audited). */
static enum kerr_code
load_for(struct app *app, const struct policy_actor *actor, enum pol_action action,
	int64_t case_id, struct arena *a, struct kcase *c, struct kerr *err)
{
	struct policy_case pc;
	char object[48];
	enum kerr_code rc = store_case_get(app->st, case_id, a, c, err);

	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_NOTFOUND, _("no case %lld; see 'khipu case list'"),
			(long long)case_id);
	if (rc != KERR_OK)
		return rc;
	app_policy_case(c, &pc);
	snprintf(object, sizeof(object), "case:%lld", (long long)case_id);
	return app_allow(app, actor, action, &pc, object, err);
}

/* The audit detail: a JSON object text without identities (caller frees). */
static char *
detail_text(json_t *o)
{
	return app_audit_detail(o);
}

static json_t *
jname(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

/* Commit what the transaction wrote, with its audit entry, or nothing. */
static enum kerr_code
finish(struct app *app, const struct policy_actor *actor, enum pol_action action,
	int64_t case_id, enum kerr_code rc, json_t *detail, struct kerr *err)
{
	char object[48], *d = detail_text(detail);

	snprintf(object, sizeof(object), "case:%lld", (long long)case_id);
	if (rc == KERR_OK)
		rc = app_audit(app, actor, action, object, d, err);
	free(d);
	if (rc != KERR_OK) {
		store_rollback(app->st);
		return rc;
	}
	return store_commit(app->st, err);
}

/* The would-be assignee as the policy sees a user. */
static enum kerr_code
assignee_of(struct app *app, const char *username, struct arena *a, struct user *u,
	struct policy_actor *out, struct kerr *err)
{
	enum kerr_code rc = store_user_by_name(app->st, username, a, u, err);

	if (rc == KERR_NOTFOUND)
		return kerr_field(err, KERR_INVALID, "assignee",
			_("unknown user '%s'; see 'khipu user list'"), username);
	if (rc != KERR_OK)
		return rc;
	memset(out, 0, sizeof(*out));
	out->user_id = u->id;
	out->name = u->name;
	out->role = u->role;
	out->office_id = u->office_id;
	out->locked = u->locked;
	return KERR_OK;
}

enum kerr_code
app_case_assign(struct app *app, const struct policy_actor *actor, int64_t case_id,
	const char *username, struct kerr *err)
{
	struct arena a;
	struct kcase c;
	struct policy_case pc;
	struct policy_actor who;
	struct user u;
	json_t *detail;
	enum kerr_code rc;

	arena_init(&a);
	rc = load_for(app, actor, POL_CASE_ASSIGN, case_id, &a, &c, err);
	if (rc == KERR_OK && username != NULL) {
		app_policy_case(&c, &pc);
		if ((rc = assignee_of(app, username, &a, &u, &who, err)) == KERR_OK)
			rc = policy_check_assignee(&who, &pc, err);
	}
	if (rc == KERR_OK && (rc = store_begin(app->st, err)) == KERR_OK) {
		json_t *before = NULL;
		int64_t version = 0;
		if ((rc = app_rev_snapshot(app, case_id, &before, &version, err)) == KERR_OK)
			rc = store_case_assign(app->st, case_id, username ? u.id : 0, username, err);
		if (rc == KERR_OK)
			rc = app_rev_after(app, actor, case_id, version, before, NULL, err);
		json_decref(before);
		detail = json_pack("{s:o,s:o}", "assignee", jname(username ? u.name : NULL),
			"previous", jname(c.assignee));
		rc = finish(app, actor, POL_CASE_ASSIGN, case_id, rc, detail, err);
	}
	arena_release(&a);
	return rc;
}

static enum kerr_code
check_reason(const char *reason, struct kerr *err)
{
	const char *p = reason;

	while (p != NULL && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	if (p == NULL || *p == '\0')
		return kerr_field(err, KERR_INVALID, "reason",
			_("missing: say why the case goes to another office"));
	return validate_text("reason", reason, MAX_REASON, err);
}

/* The receiving office, by code: known, and not the case's own. */
static enum kerr_code
target_office(struct app *app, const struct kcase *c, const char *code, struct arena *a,
	struct office *to, struct kerr *err)
{
	enum kerr_code rc;

	if (code == NULL || *code == '\0')
		return kerr_field(err, KERR_INVALID, "office",
			_("missing: name the office that receives the case"));
	rc = store_office_by_code(app->st, code, a, to, err);
	if (rc == KERR_NOTFOUND)
		return kerr_field(err, KERR_INVALID, "office",
			_("unknown office '%s'; see 'khipu office list'"), code);
	if (rc == KERR_OK && to->id == c->office_id)
		return kerr_field(err, KERR_INVALID, "office",
			_("case '%s' is already with office '%s'; name another office"), c->number,
			code);
	return rc;
}

enum kerr_code
app_case_transfer(struct app *app, const struct policy_actor *actor, int64_t case_id,
	const char *office_code, const char *reason, struct kerr *err)
{
	struct arena a;
	struct kcase c;
	struct office to, from;
	struct case_transfer t;
	json_t *detail;
	enum kerr_code rc;

	arena_init(&a);
	rc = load_for(app, actor, POL_CASE_TRANSFER, case_id, &a, &c, err);
	if (rc == KERR_OK)
		rc = target_office(app, &c, office_code, &a, &to, err);
	if (rc == KERR_OK)
		rc = check_reason(reason, err);
	if (rc == KERR_OK)
		rc = store_office_get(app->st, c.office_id, &a, &from, err);
	if (rc == KERR_OK && (rc = store_begin(app->st, err)) == KERR_OK) {
		memset(&t, 0, sizeof(t));
		t.case_id = case_id;
		t.from_office = c.office_id;
		t.by = actor->user_id;
		t.at = (int64_t)time(NULL);
		json_t *before = NULL;
		int64_t version = 0;
		if ((rc = app_rev_snapshot(app, case_id, &before, &version, err)) == KERR_OK)
			rc = store_case_transfer(app->st, &t, &to, err);
		if (rc == KERR_OK)
			rc = app_seal(app, "case_transfer", t.id, "reason", reason, err);
		if (rc == KERR_OK)   /* the reason sealed with the revision too */
			rc = app_rev_after(app, actor, case_id, version, before, reason, err);
		json_decref(before);
		/* the reason is free text that may name a victim: sealed, not audited */
		detail = json_pack("{s:I,s:s,s:s,s:o}", "transfer", (json_int_t)t.id,
			"from", from.code, "to", to.code, "unassigned", jname(c.assignee));
		rc = finish(app, actor, POL_CASE_TRANSFER, case_id, rc, detail, err);
	}
	arena_release(&a);
	return rc;
}

enum kerr_code
app_case_assignees(struct app *app, const struct policy_actor *actor, int64_t case_id,
	struct arena *a, const char ***names, size_t *n, struct kerr *err)
{
	struct kcase c;
	struct policy_case pc;
	struct policy_actor who;
	struct user *u;
	size_t nu, i;
	enum kerr_code rc;

	*names = NULL;
	*n = 0;
	if ((rc = load_for(app, actor, POL_CASE_ASSIGN, case_id, a, &c, err)) != KERR_OK ||
	    (rc = store_user_list(app->st, a, &u, &nu, err)) != KERR_OK)
		return rc;
	app_policy_case(&c, &pc);
	*names = arena_alloc(a, (nu + 1) * sizeof(**names));
	for (i = 0; i < nu; i++) {
		memset(&who, 0, sizeof(who));
		who.name = u[i].name;
		who.role = u[i].role;
		who.office_id = u[i].office_id;
		who.locked = u[i].locked;
		if (policy_check_assignee(&who, &pc, NULL) == KERR_OK)
			(*names)[(*n)++] = u[i].name;
	}
	return KERR_OK;
}

enum kerr_code
app_case_transfers_open(struct app *app, const struct policy_actor *actor,
	const struct policy_case *pc, struct kcase *c, struct arena *a, struct kerr *err)
{
	size_t i;
	enum kerr_code rc;

	for (i = 0; i < c->ntransfers; i++)
		c->transfers[i].reason = NULL;
	/* free text: shown to the roles that may see a victim's identity */
	if (policy_check(actor, POL_REVEAL_VICTIM, pc, NULL) != KERR_OK)
		return KERR_OK;
	for (i = 0; i < c->ntransfers; i++)
		if ((rc = app_unseal(app, a, "case_transfer", c->transfers[i].id, "reason",
		    &c->transfers[i].reason, err)) != KERR_OK)
			return rc;
	return KERR_OK;
}

enum kerr_code
app_assignee_filter(struct app *app, const struct policy_actor *actor, const char *spec,
	int64_t *id, struct kerr *err)
{
	struct arena a;
	struct user u;
	enum kerr_code rc;

	*id = 0;
	if (spec == NULL || *spec == '\0')
		return KERR_OK;
	if (strcmp(spec, "me") == 0) {
		/* a user without cases of her own lists none, not every case */
		*id = actor->user_id > 0 ? actor->user_id : -2;
		return KERR_OK;
	}
	if (strcmp(spec, "nobody") == 0) {
		*id = -1;
		return KERR_OK;
	}
	arena_init(&a);
	rc = store_user_by_name(app->st, spec, &a, &u, err);
	if (rc == KERR_NOTFOUND)
		rc = kerr_field(err, KERR_INVALID, "assigned_to",
			_("unknown user '%s'; name a user, 'me' or 'nobody'"), spec);
	if (rc == KERR_OK)
		*id = u.id;
	arena_release(&a);
	return rc;
}
