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
	w_raw(r, ok ? "<p class=\"notice\" role=\"status\">" : "<p class=\"error\" role=\"alert\">");
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
	w_page_begin(r, _("Users"));
	message(r, msg, ok);
	w_raw(r, "<table><thead><tr><th scope=\"col\">");
	w_text(r, _("User"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Role"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Office"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("State"));
	w_raw(r, "</th><th scope=\"col\"></th></tr></thead><tbody>");
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
		w_raw(r, "</td><td><form method=\"post\" action=\"/admin/users/");
		w_text(r, u[i].name);
		w_raw(r, "/lock\">");
		w_csrf(r);
		w_raw(r, u[i].locked ? "<input type=\"hidden\" name=\"locked\" value=\"0\">" :
			"<input type=\"hidden\" name=\"locked\" value=\"1\">");
		w_raw(r, "<button type=\"submit\">");
		w_text(r, u[i].locked ? _("Unlock") : _("Lock"));
		w_raw(r, "</button></form></td></tr>");
	}
	w_raw(r, "</tbody></table><h2>");
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
	w_raw(r, "</label><select id=\"office\" name=\"office\"><option value=\"\"></option>");
	for (j = 0; j < no; j++) {
		const char *cur = form_get(&r->form, "office");
		w_raw(r, "<option value=\"");
		w_text(r, o[j].code);
		w_raw(r, cur && strcmp(cur, o[j].code) == 0 ? "\" selected>" : "\">");
		w_text(r, o[j].code);
		w_raw(r, "</option>");
	}
	w_raw(r, "</select></div>");
	text_field(r, "password", _("Password (at least 10 characters)"), "password");
	w_raw(r, "<div><button type=\"submit\">");
	w_text(r, _("Add"));
	w_raw(r, "</button></div></form>");
	w_page_end(r);
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
		users_page(r, w_kerr_msg(r, &e), 0, w_status(rc));
		return;
	}
	w_redirect(r, "/admin/users");
}

void
page_user_lock_post(struct web_req *r)
{
	struct kerr e;
	const char *v = form_get(&r->form, "locked");
	enum kerr_code rc;

	rc = app_user_set_locked(r->app, &r->actor, r->params[0], v && strcmp(v, "1") == 0, &e);
	if (rc == KERR_INVALID) {
		users_page(r, w_kerr_msg(r, &e), 0, 422);
		return;
	}
	if (rc != KERR_OK) {
		w_kerr(r, &e);
		return;
	}
	w_redirect(r, "/admin/users");
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
