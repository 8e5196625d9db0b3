/*
 * admin.c — offices and users: the administrator's use cases.
 */
#include "app/app_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/codebook.h"
#include "core/validate.h"
#include "crypto/password.h"
#include "lib/i18n.h"

/* Run body-less writes in one transaction with their audit entry. */
static enum kerr_code
finish(struct app *app, enum kerr_code rc, struct kerr *err)
{
	if (rc != KERR_OK) {
		store_rollback(app->st);
		return rc;
	}
	return store_commit(app->st, err);
}

static enum kerr_code
validate_office(const struct office *o, struct kerr *err)
{
	if (o->code == NULL || strlen(o->code) < 2 || strlen(o->code) > 32)
		return kerr_field(err, KERR_INVALID, "code", _("must have 2 to 32 characters"));
	for (const char *p = o->code; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return kerr_field(err, KERR_INVALID, "code",
				_("'%s' may hold only A-Z, 0-9, '-' and '_'"), o->code);
	if (o->name == NULL || *o->name == '\0')
		return kerr_field(err, KERR_INVALID, "name", _("missing"));
	if (validate_text("name", o->name, 200, err) != KERR_OK ||
	    validate_code("kind", CB_OFFICE_KIND, o->kind, err) != KERR_OK)
		return err->code;
	if (o->distrito_fiscal != NULL && *o->distrito_fiscal &&
	    validate_code("distrito_fiscal", CB_DISTRITO_FISCAL, o->distrito_fiscal, err) != KERR_OK)
		return err->code;
	if (o->department != NULL && *o->department &&
	    (strlen(o->department) != 2 || validate_ubigeo("department", o->department, err) != KERR_OK))
		return err->code ? err->code :
			kerr_field(err, KERR_INVALID, "department", _("expected a 2-digit UBIGEO department"));
	return KERR_OK;
}

enum kerr_code
app_office_add(struct app *app, const struct policy_actor *actor, struct office *o,
	struct kerr *err)
{
	const struct cb_entry *df;
	char object[48];
	enum kerr_code rc;

	if ((rc = app_allow(app, actor, POL_OFFICE_MANAGE, NULL, "office", err)) != KERR_OK)
		return rc;
	if ((rc = validate_office(o, err)) != KERR_OK)
		return rc;
	/* the department follows from the distrito fiscal when not given */
	if ((o->department == NULL || *o->department == '\0') && o->distrito_fiscal != NULL &&
	    (df = cb_lookup(CB_DISTRITO_FISCAL, o->distrito_fiscal)) != NULL)
		o->department = df->extra;
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	rc = store_office_insert(app->st, o, err);
	if (rc == KERR_OK) {
		snprintf(object, sizeof(object), "office:%lld", (long long)o->id);
		char *detail = app_audit_detail(json_pack("{s:s}", "code", o->code));
		rc = app_audit(app, actor, POL_OFFICE_MANAGE, object, detail, err);
		free(detail);
	}
	return finish(app, rc, err);
}

enum kerr_code
app_office_list(struct app *app, const struct policy_actor *actor, struct arena *a,
	struct office **out, size_t *n, struct kerr *err)
{
	/* every signed-in user may see the list of offices: it names no person */
	if (actor->locked)
		return policy_check(actor, POL_CASE_LIST, NULL, err);
	return store_office_list(app->st, a, out, n, err);
}

static enum kerr_code
resolve_office_for_role(struct app *app, enum role role, const char *office_code,
	struct arena *a, int64_t *office_id, struct kerr *err)
{
	struct office o;
	enum kerr_code rc;

	*office_id = 0;
	if (office_code == NULL || *office_code == '\0') {
		if (role == ROLE_PROSECUTOR || role == ROLE_POLICE)
			return kerr_field(err, KERR_INVALID, "office",
				_("a %s needs an office; give one with --office CODE"),
				policy_role_name(role));
		return KERR_OK;
	}
	rc = store_office_by_code(app->st, office_code, a, &o, err);
	if (rc == KERR_NOTFOUND)
		return kerr_field(err, KERR_INVALID, "office",
			_("unknown office '%s'; see 'khipu office list'"), office_code);
	if (rc == KERR_OK)
		*office_id = o.id;
	return rc;
}

enum kerr_code
app_user_add(struct app *app, const struct policy_actor *actor, const char *name,
	const char *role, const char *office_code, const char *password, struct kerr *err)
{
	struct arena a;
	struct user u;
	char hash[PASSWORD_HASH_MAX], object[48];
	int r;
	enum kerr_code rc;

	if ((rc = app_allow(app, actor, POL_USER_MANAGE, NULL, "user", err)) != KERR_OK)
		return rc;
	if ((rc = validate_username("name", name, err)) != KERR_OK)
		return rc;
	if (role == NULL || (r = policy_role_by_name(role)) < 0)
		return kerr_field(err, KERR_INVALID, "role", _("unknown role '%s'; expected one "
			"of admin, prosecutor, police, analyst, auditor, liaison"),
			role == NULL ? "" : role);
	if ((rc = password_hash(password, hash, err)) != KERR_OK)
		return rc;
	arena_init(&a);
	memset(&u, 0, sizeof(u));
	u.name = name;
	u.role = (enum role)r;
	u.pwhash = hash;
	u.lang = "es";
	u.created = (int64_t)time(NULL);
	rc = resolve_office_for_role(app, u.role, office_code, &a, &u.office_id, err);
	if (rc == KERR_OK && (rc = store_begin(app->st, err)) == KERR_OK) {
		rc = store_user_insert(app->st, &u, err);
		if (rc == KERR_CONFLICT)
			rc = kerr_field(err, KERR_CONFLICT, "name", _("user '%s' already exists"), name);
		if (rc == KERR_OK) {
			snprintf(object, sizeof(object), "user:%lld", (long long)u.id);
			char *detail = app_audit_detail(json_pack("{s:s,s:s}", "op", "add",
			    "role", role));
			rc = app_audit(app, actor, POL_USER_MANAGE, object, detail, err);
			free(detail);
		}
		rc = finish(app, rc, err);
	}
	arena_release(&a);
	return rc;
}

enum kerr_code
app_user_list(struct app *app, const struct policy_actor *actor, struct arena *a,
	struct user **out, size_t *n, struct kerr *err)
{
	enum kerr_code rc = policy_check(actor, POL_USER_MANAGE, NULL, err);

	if (rc != KERR_OK)
		return rc;
	return store_user_list(app->st, a, out, n, err);
}

/* Load a user by name for an update, as a clear not-found error. */
static enum kerr_code
load_user(struct app *app, const char *name, struct arena *a, struct user *u,
	struct kerr *err)
{
	enum kerr_code rc = store_user_by_name(app->st, name, a, u, err);

	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_NOTFOUND, _("unknown user '%s'; see 'khipu user list'"),
			name);
	return rc;
}

static enum kerr_code
update_user(struct app *app, const struct policy_actor *actor, struct user *u,
	const char *op, struct kerr *err)
{
	char object[48];
	enum kerr_code rc;

	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	rc = store_user_update(app->st, u, err);
	/* a new password or a lock ends every session and token the user had
	 * (one may be a thief's); an unlock too, so none from before the lock
	 * comes back */
	if (rc == KERR_OK && (strcmp(op, "passwd") == 0 || strcmp(op, "lock") == 0 ||
	    strcmp(op, "unlock") == 0 || strcmp(op, "role") == 0))
		rc = store_session_delete_user(app->st, u->id, err);
	if (rc == KERR_OK) {
		snprintf(object, sizeof(object), "user:%lld", (long long)u->id);
		char *detail = app_audit_detail(json_pack("{s:s}", "op", op));
		rc = app_audit(app, actor, POL_USER_MANAGE, object, detail, err);
		free(detail);
	}
	return finish(app, rc, err);
}

enum kerr_code
app_user_set_locked(struct app *app, const struct policy_actor *actor, const char *name,
	int locked, struct kerr *err)
{
	struct arena a;
	struct user u;
	enum kerr_code rc;

	if ((rc = app_allow(app, actor, POL_USER_MANAGE, NULL, "user", err)) != KERR_OK)
		return rc;
	arena_init(&a);
	rc = load_user(app, name, &a, &u, err);
	if (rc == KERR_OK && actor->user_id == u.id && locked)
		rc = kerr_set(err, KERR_INVALID, _("you cannot lock yourself out"));
	if (rc == KERR_OK) {
		u.locked = locked;
		u.failed_logins = 0;
		rc = update_user(app, actor, &u, locked ? "lock" : "unlock", err);
	}
	arena_release(&a);
	return rc;
}

enum kerr_code
app_user_set_role(struct app *app, const struct policy_actor *actor, const char *name,
	const char *role, const char *office_code, struct kerr *err)
{
	struct arena a;
	struct user u;
	int r;
	enum kerr_code rc;

	if ((rc = app_allow(app, actor, POL_USER_MANAGE, NULL, "user", err)) != KERR_OK)
		return rc;
	if (role == NULL || (r = policy_role_by_name(role)) < 0)
		return kerr_field(err, KERR_INVALID, "role", _("unknown role '%s'; expected one "
			"of admin, prosecutor, police, analyst, auditor, liaison"),
			role == NULL ? "" : role);
	arena_init(&a);
	rc = load_user(app, name, &a, &u, err);
	/* an administrator who demoted herself could leave nobody to manage users */
	if (rc == KERR_OK && actor->user_id == u.id)
		rc = kerr_field(err, KERR_INVALID, "role",
			_("you cannot change your own role; another administrator can"));
	if (rc == KERR_OK) {
		u.role = (enum role)r;
		rc = resolve_office_for_role(app, u.role, office_code, &a, &u.office_id, err);
	}
	if (rc == KERR_OK)
		rc = update_user(app, actor, &u, "role", err);
	arena_release(&a);
	return rc;
}

enum kerr_code
app_user_passwd(struct app *app, const struct policy_actor *actor, const char *name,
	const char *password, struct kerr *err)
{
	struct arena a;
	struct user u;
	char hash[PASSWORD_HASH_MAX];
	enum kerr_code rc;

	/* users change their own password; administrators anyone's */
	if (actor->user_id == 0 || strcmp(actor->name, name) != 0)
		if ((rc = app_allow(app, actor, POL_USER_MANAGE, NULL, "user", err)) != KERR_OK)
			return rc;
	if ((rc = password_hash(password, hash, err)) != KERR_OK)
		return rc;
	arena_init(&a);
	rc = load_user(app, name, &a, &u, err);
	if (rc == KERR_OK) {
		u.pwhash = hash;
		rc = update_user(app, actor, &u, "passwd", err);
	}
	arena_release(&a);
	return rc;
}
