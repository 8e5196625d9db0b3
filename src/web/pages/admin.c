/*
 * pages/admin.c — users and offices, for administrators. The app layer
 * decides (user.manage, office.manage); these pages only show and ask.
 */
#include "web/web_int.h"

#include <string.h>

static void
message(struct web_req *r, const char *msg, int ok)
{
	if (msg == NULL)
		return;
	if (!ok) {
		w_alert(r, msg);
		return;
	}
	w_raw(r, "<p class=\"notice\" role=\"status\">");
	w_text(r, msg);
	w_raw(r, "</p>");
}

static void
text_field(struct web_req *r, const char *name, const char *label, const char *type)
{
	w_raw(r, "<div><label for=\"");
	w_raw(r, name);
	w_raw(r, "\">");
	w_text(r, label);
	w_raw(r, "</label><input id=\"");
	w_raw(r, name);
	w_raw(r, "\" name=\"");
	w_raw(r, name);
	w_raw(r, "\" type=\"");
	w_raw(r, type);
	w_raw(r, "\" value=\"");
	if (strcmp(type, "password") != 0)
		w_text(r, form_get(&r->form, name));
	w_raw(r, "\"></div>");
}

/* The office select of the user forms; cur the code chosen. */
static void
office_select(struct web_req *r, const char *id, const struct office *o, size_t no,
	const char *cur)
{
	size_t j;

	w_raw(r, "<select id=\"");
	w_raw(r, id);
	w_raw(r, "\" name=\"office\"><option value=\"\"></option>");
	for (j = 0; j < no; j++) {
		w_raw(r, "<option value=\"");
		w_text(r, o[j].code);
		w_raw(r, cur && strcmp(cur, o[j].code) == 0 ? "\" selected>" : "\">");
		w_text(r, o[j].code);
		w_raw(r, "</option>");
	}
	w_raw(r, "</select>");
}

/* The select of the users a form acts on (not the actor: her own role and
 * lock are never offered). */
static void
user_select(struct web_req *r, const char *id, const struct user *u, size_t n, int others)
{
	const char *cur = form_get(&r->form, "name");
	size_t i;

	w_raw(r, "<select id=\"");
	w_raw(r, id);
	w_raw(r, "\" name=\"name\"><option value=\"\"></option>");
	for (i = 0; i < n; i++) {
		if (others && u[i].id == r->actor.user_id)
			continue;
		w_raw(r, "<option value=\"");
		w_text(r, u[i].name);
		w_raw(r, cur && strcmp(cur, u[i].name) == 0 ? "\" selected>" : "\">");
		w_text(r, u[i].name);
		w_raw(r, "</option>");
	}
	w_raw(r, "</select>");
}

/* The notice of a change just made (?added=, ?locked=... after the
 * redirect), for a user who exists; a lock offers its undo at once. */
static void
done_notice(struct web_req *r, const struct user *u, size_t n)
{
	static const struct { const char *key, *msg; } done[] = {
		{ "added", N_("User '%s' added.") },
		{ "locked", N_("User '%s' is locked: signed out and unable to sign in.") },
		{ "unlocked", N_("User '%s' is unlocked.") },
		{ "role", N_("User '%s' has a new role; their sessions ended.") },
		{ "password", N_("User '%s' has a new password; their sessions ended.") },
	};
	size_t i, k;

	for (k = 0; k < sizeof(done) / sizeof(done[0]); k++) {
		const char *name = form_get(&r->query, done[k].key);
		for (i = 0; name != NULL && i < n; i++)
			if (strcmp(u[i].name, name) == 0)
				break;
		if (name == NULL || i == n)
			continue;
		w_raw(r, "<div class=\"notice\" role=\"status\"><p>");
		w_text(r, arena_printf(&r->a, _(done[k].msg), name));
		w_raw(r, "</p>");
		if (strcmp(done[k].key, "locked") == 0 && u[i].locked) {
			w_raw(r, "<form method=\"post\" action=\"/admin/users/");
			w_text(r, name);
			w_raw(r, "/lock\">");
			w_csrf(r);
			w_raw(r, "<input type=\"hidden\" name=\"locked\" value=\"0\">"
				"<button type=\"submit\" class=\"secondary\" id=\"undo\">");
			w_text(r, _("Undo: unlock"));
			w_raw(r, "</button></form>");
		}
		w_raw(r, "</div>");
	}
}

static void
users_page(struct web_req *r, const char *msg, int ok, int status)
{
	struct user *u;
	struct office *o;
	size_t n, no, i, j;
	struct kerr e;

	if (app_user_list(r->app, &r->actor, &r->a, &u, &n, &e) != KERR_OK) {
		w_kerr(r, &e);
		return;
	}
	if (app_office_list(r->app, &r->actor, &r->a, &o, &no, &e) != KERR_OK)
		no = 0;
	r->status = status;
	r->self = "/admin/users";
	w_page_begin(r, _("Users"));
	message(r, msg, ok);
	if (msg == NULL)
		done_notice(r, u, n);
	w_raw(r, "<div class=\"wide\"><table><caption class=\"skip\">");
	w_text(r, _("Users"));
	w_raw(r, "</caption><thead><tr><th scope=\"col\">");
	w_text(r, _("User"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Role"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Office"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("State"));
	w_raw(r, "</th><th scope=\"col\"><span class=\"skip\">");
	w_text(r, _("Lock or unlock"));
	w_raw(r, "</span></th></tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		w_raw(r, "<tr><td>");
		w_text(r, u[i].name);
		w_raw(r, "</td><td>");
		w_text(r, w_label(r, CB_USER_ROLE, policy_role_name(u[i].role)));
		w_raw(r, "</td><td>");
		for (j = 0; j < no; j++)
			if (o[j].id == u[i].office_id)
				w_text(r, o[j].code);
		w_raw(r, "</td><td>");
		w_text(r, u[i].locked ? _("locked") : _("active"));
		w_raw(r, "</td><td>");
		if (u[i].id == r->actor.user_id) {   /* nobody locks herself out */
			w_text(r, _("(you)"));
			w_raw(r, "</td></tr>");
			continue;
		}
		w_raw(r, "<form method=\"post\" action=\"/admin/users/");
		w_text(r, u[i].name);
		w_raw(r, "/lock\">");
		w_csrf(r);
		w_raw(r, u[i].locked ? "<input type=\"hidden\" name=\"locked\" value=\"0\">" :
			"<input type=\"hidden\" name=\"locked\" value=\"1\">");
		w_raw(r, "<button type=\"submit\" class=\"secondary\" aria-label=\"");
		w_text(r, arena_printf(&r->a, u[i].locked ? _("Unlock %s") : _("Lock %s"), u[i].name));
		w_raw(r, "\">");
		w_text(r, u[i].locked ? _("Unlock") : _("Lock"));
		w_raw(r, "</button></form></td></tr>");
	}
	w_raw(r, "</tbody></table></div><h2>");
	w_text(r, _("Add a user"));
	w_raw(r, "</h2><form class=\"grid\" method=\"post\" action=\"/admin/users\">");
	w_csrf(r);
	text_field(r, "name", _("User name"), "text");
	w_raw(r, "<div><label for=\"role\">");
	w_text(r, _("Role"));
	w_raw(r, "</label>");
	w_select_cb(r, "role", CB_USER_ROLE, form_get(&r->form, "role"), 0);
	w_raw(r, "</div><div><label for=\"office\">");
	w_text(r, _("Office"));
	w_raw(r, "</label>");
	office_select(r, "office", o, no, form_get(&r->form, "office"));
	w_raw(r, "</div>");
	text_field(r, "password", _("Password (at least 10 characters)"), "password");
	w_raw(r, "<div><button type=\"submit\">");
	w_text(r, _("Add"));
	w_raw(r, "</button></div></form>");

	/* another role or office */
	w_raw(r, "<h2>");
	w_text(r, _("Change a role or office"));
	w_raw(r, "</h2><form class=\"grid\" method=\"post\" action=\"/admin/role\"><div>"
		"<label for=\"role-user\">");
	w_csrf(r);
	w_text(r, _("User"));
	w_raw(r, "</label>");
	user_select(r, "role-user", u, n, 1);
	w_raw(r, "</div><div><label for=\"role-role\">");
	w_text(r, _("New role"));
	w_raw(r, "</label><select id=\"role-role\" name=\"role\"><option value=\"\"></option>");
	{
		size_t nr, k;
		const struct cb_entry *cr = cb_entries(CB_USER_ROLE, &nr);
		for (k = 0; k < nr; k++) {
			w_raw(r, "<option value=\"");
			w_text(r, cr[k].code);
			w_raw(r, "\">");
			w_text(r, r->lang == I18N_EN ? cr[k].en : cr[k].es);
			w_raw(r, "</option>");
		}
	}
	w_raw(r, "</select></div><div><label for=\"role-office\">");
	w_text(r, _("Office"));
	w_raw(r, "</label>");
	office_select(r, "role-office", o, no, NULL);
	w_raw(r, "<span class=\"hint\">");
	w_text(r, _("Prosecutors and police need one."));
	w_raw(r, "</span></div><div><button type=\"submit\" id=\"change-role\">");
	w_text(r, _("Change the role"));
	w_raw(r, "</button></div></form>");

	/* a new password for someone who lost hers */
	w_raw(r, "<h2>");
	w_text(r, _("Set a new password"));
	w_raw(r, "</h2><form class=\"grid\" method=\"post\" action=\"/admin/password\"><div>"
		"<label for=\"pw-user\">");
	w_csrf(r);
	w_text(r, _("User"));
	w_raw(r, "</label>");
	user_select(r, "pw-user", u, n, 0);
	w_raw(r, "</div><div><label for=\"pw-new\">");
	w_text(r, _("New password (at least 10 characters)"));
	w_raw(r, "</label><input id=\"pw-new\" name=\"password\" type=\"password\" "
		"autocomplete=\"new-password\"></div><div><button type=\"submit\" id=\"set-password\">");
	w_text(r, _("Set the password"));
	w_raw(r, "</button></div></form>");
	w_page_end(r);
}

/* Errors of the user forms in the page's words, not the command line's
 * ("--office CODE"). */
static const char *
user_error(struct web_req *r, const struct kerr *e)
{
	if (strcmp(e->field, "office") == 0 && strstr(e->msg, "--office") != NULL)
		return _("Prosecutors and police need an office: choose one.");
	return w_kerr_msg(r, e);
}

void
page_users_get(struct web_req *r)
{
	users_page(r, NULL, 0, 200);
}

void
page_users_post(struct web_req *r)
{
	struct kerr e;
	enum kerr_code rc;
	const char *name = form_nonblank(&r->form, "name");
	const char *role = form_nonblank(&r->form, "role");
	const char *pw = form_get(&r->form, "password");

	if (name == NULL || role == NULL || pw == NULL) {
		users_page(r, _("Give a user name, a role and a password."), 0, 422);
		return;
	}
	/* on the hashing pool (ROUTE_HASH): Argon2id never holds a worker */
	rc = app_user_add(r->app, &r->actor, name, role, form_nonblank(&r->form, "office"), pw, &e);
	if (rc == KERR_DENIED || w_status(rc) == 500) {
		w_kerr(r, &e);
		return;
	}
	if (rc != KERR_OK) {
		users_page(r, user_error(r, &e), 0, w_status(rc));
		return;
	}
	w_redirect(r, arena_printf(&r->a, "/admin/users?added=%s", w_urlencode(r, name)));
}

/* "Lock 'ana'?": a lock asks first (without scripts: a page of its own). */
static void
lock_confirm(struct web_req *r, const char *name)
{
	w_page_begin(r, _("Lock a user"));
	w_raw(r, "<p>");
	w_text(r, arena_printf(&r->a, _("Lock '%s'? Their sessions end at once and they cannot "
		"sign in until unlocked. Nothing of theirs is deleted."), name));
	w_raw(r, "</p><form class=\"actions\" method=\"post\" action=\"/admin/users/");
	w_text(r, name);
	w_raw(r, "/lock\">");
	w_csrf(r);
	w_raw(r, "<input type=\"hidden\" name=\"locked\" value=\"1\">"
		"<input type=\"hidden\" name=\"confirm\" value=\"1\"><button type=\"submit\" id=\"confirm\">");
	w_text(r, arena_printf(&r->a, _("Lock %s"), name));
	w_raw(r, "</button><a href=\"/admin/users\">");
	w_text(r, _("Cancel"));
	w_raw(r, "</a></form>");
	w_page_end(r);
}

void
page_user_lock_post(struct web_req *r)
{
	struct kerr e;
	const char *v = form_get(&r->form, "locked");
	int locked = v && strcmp(v, "1") == 0;
	enum kerr_code rc;

	if (!w_can(r, POL_USER_MANAGE)) {
		w_error(r, 403, _("Your role may not manage users."));
		return;
	}
	if (locked && form_get(&r->form, "confirm") == NULL) {
		lock_confirm(r, r->params[0]);
		return;
	}
	rc = app_user_set_locked(r->app, &r->actor, r->params[0], locked, &e);
	if (rc == KERR_INVALID) {
		users_page(r, w_kerr_msg(r, &e), 0, 422);
		return;
	}
	if (rc != KERR_OK) {
		w_kerr(r, &e);
		return;
	}
	w_redirect(r, arena_printf(&r->a, "/admin/users?%s=%s", locked ? "locked" : "unlocked",
		w_urlencode(r, r->params[0])));
}

void
page_user_role_post(struct web_req *r)
{
	struct kerr e;
	const char *name = form_nonblank(&r->form, "name");
	const char *role = form_nonblank(&r->form, "role");
	enum kerr_code rc;

	if (name == NULL || role == NULL) {
		users_page(r, _("Choose a user and a role."), 0, 422);
		return;
	}
	rc = app_user_set_role(r->app, &r->actor, name, role, form_nonblank(&r->form, "office"), &e);
	if (rc == KERR_DENIED || w_status(rc) == 500) {
		w_kerr(r, &e);
		return;
	}
	if (rc != KERR_OK) {
		users_page(r, user_error(r, &e), 0, w_status(rc));
		return;
	}
	w_redirect(r, arena_printf(&r->a, "/admin/users?role=%s", w_urlencode(r, name)));
}

void
page_user_password_post(struct web_req *r)
{
	struct kerr e;
	const char *name = form_nonblank(&r->form, "name");
	const char *pw = form_get(&r->form, "password");
	enum kerr_code rc;

	if (name == NULL || pw == NULL || *pw == '\0') {
		users_page(r, _("Choose a user and type the new password."), 0, 422);
		return;
	}
	/* on the hashing pool (ROUTE_HASH) */
	rc = app_user_passwd(r->app, &r->actor, name, pw, &e);
	if (rc == KERR_DENIED || w_status(rc) == 500) {
		w_kerr(r, &e);
		return;
	}
	if (rc != KERR_OK) {
		users_page(r, w_kerr_msg(r, &e), 0, w_status(rc));
		return;
	}
	w_redirect(r, arena_printf(&r->a, "/admin/users?password=%s", w_urlencode(r, name)));
}

static void
offices_page(struct web_req *r, const char *msg, int status)
{
	struct office *o;
	size_t no, i;
	struct kerr e;

	if (!w_can(r, POL_OFFICE_MANAGE)) {
		w_error(r, 403, _("Your role may not manage offices."));
		return;
	}
	if (app_office_list(r->app, &r->actor, &r->a, &o, &no, &e) != KERR_OK) {
		w_kerr(r, &e);
		return;
	}
	r->status = status;
	w_page_begin(r, _("Offices"));
	message(r, msg, 0);
	w_raw(r, "<table><thead><tr><th scope=\"col\">");
	w_text(r, _("Code"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Name"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Fiscal district"));
	w_raw(r, "</th></tr></thead><tbody>");
	for (i = 0; i < no; i++) {
		w_raw(r, "<tr><td>");
		w_text(r, o[i].code);
		w_raw(r, "</td><td>");
		w_text(r, o[i].name);
		w_raw(r, "</td><td>");
		w_text(r, w_label(r, CB_DISTRITO_FISCAL, o[i].distrito_fiscal));
		w_raw(r, "</td></tr>");
	}
	w_raw(r, "</tbody></table><h2>");
	w_text(r, _("Add an office"));
	w_raw(r, "</h2><form class=\"grid\" method=\"post\" action=\"/admin/offices\">");
	w_csrf(r);
	text_field(r, "code", _("Code"), "text");
	text_field(r, "oname", _("Name"), "text");
	w_raw(r, "<div><label for=\"kind\">");
	w_text(r, _("Kind"));
	w_raw(r, "</label>");
	w_select_cb(r, "kind", CB_OFFICE_KIND, form_get(&r->form, "kind"), 1);
	w_raw(r, "</div><div><label for=\"distrito\">");
	w_text(r, _("Fiscal district"));
	w_raw(r, "</label>");
	w_select_cb(r, "distrito", CB_DISTRITO_FISCAL, form_get(&r->form, "distrito"), 1);
	w_raw(r, "</div><div><button type=\"submit\">");
	w_text(r, _("Add"));
	w_raw(r, "</button></div></form>");
	w_page_end(r);
}

void
page_offices_get(struct web_req *r)
{
	offices_page(r, NULL, 200);
}

void
page_offices_post(struct web_req *r)
{
	struct office o;
	struct kerr e;
	enum kerr_code rc;

	memset(&o, 0, sizeof(o));
	o.code = form_nonblank(&r->form, "code");
	o.name = form_nonblank(&r->form, "oname");
	o.kind = form_nonblank(&r->form, "kind");
	o.distrito_fiscal = form_nonblank(&r->form, "distrito");
	if (o.code == NULL || o.name == NULL) {
		offices_page(r, _("Give a code and a name."), 422);
		return;
	}
	rc = app_office_add(r->app, &r->actor, &o, &e);
	if (rc == KERR_INVALID || rc == KERR_CONFLICT) {
		offices_page(r, w_kerr_msg(r, &e), w_status(rc));
		return;
	}
	if (rc != KERR_OK) {
		w_kerr(r, &e);
		return;
	}
	w_redirect(r, "/admin/offices");
}
