/*
 * pages/basic.c — the start page, signing in and out, health, metrics and
 * the embedded static files.
 */
#include "web/web_int.h"

#include <stdio.h>
#include <string.h>

void
page_home(struct web_req *r)
{
	/* a prosecutor starts from the cases assigned to her */
	if (r->actor.role == ROLE_PROSECUTOR && w_can(r, POL_CASE_LIST))
		page_home_prosecutor(r);
	else if (w_can(r, POL_CASE_LIST))
		w_redirect(r, "/cases");
	else if (w_can(r, POL_USER_MANAGE))
		w_redirect(r, "/admin/users");
	else if (w_can(r, POL_AUDIT_READ))
		w_redirect(r, "/audit");
	else {
		w_page_begin(r, "Khipu");
		w_page_end(r);
	}
}

static void
login_form(struct web_req *r, const char *username, const char *message, int status)
{
	char pre[SESSION_CSRF_HEX + 1];
	const char *next = r->method == ROUTE_POST ? form_get(&r->form, "next") :
		form_get(&r->query, "next");

	/* a fresh double-submit token for the sign-in form */
	session_random(pre);
	w_cookie(r, SESSION_PRE_COOKIE, pre, 3600);
	memcpy(r->csrf, pre, sizeof(pre));
	r->status = status;
	r->signed_in = 0;
	w_page_begin(r, _("Sign in"));
	w_alert(r, message);
	w_raw(r, "<form class=\"login\" method=\"post\" action=\"/login\">");
	w_csrf(r);
	if (w_local_path(next)) {
		w_raw(r, "<input type=\"hidden\" name=\"next\" value=\"");
		w_text(r, next);
		w_raw(r, "\">");
	}
	w_raw(r, "<label for=\"username\">");
	w_text(r, _("User name"));
	w_raw(r, "</label><input id=\"username\" name=\"username\" autocomplete=\"username\" "
		"required value=\"");
	w_text(r, username ? username : "");
	w_raw(r, "\"><label for=\"password\">");
	w_text(r, _("Password"));
	w_raw(r, "</label><input id=\"password\" name=\"password\" type=\"password\" "
		"autocomplete=\"current-password\" required><label for=\"totp\">");
	w_text(r, _("Authenticator code (only if you use one)"));
	w_raw(r, "</label><input id=\"totp\" name=\"totp\" inputmode=\"numeric\" "
		"autocomplete=\"one-time-code\" maxlength=\"6\" pattern=\"[0-9]{6}\">"
		"<button type=\"submit\">");
	w_text(r, _("Sign in"));
	w_raw(r, "</button></form>");
	w_page_end(r);
}

void
page_login_get(struct web_req *r)
{
	const char *next = form_get(&r->query, "next");

	if (r->signed_in) {
		w_redirect(r, w_local_path(next) ? next : "/");
		return;
	}
	/* the language link of this page keeps next; the form answers itself */
	login_form(r, NULL, NULL, 200);
}

void
page_login_post(struct web_req *r)
{
	const char *user = form_get(&r->form, "username");
	const char *pw = form_get(&r->form, "password");
	const char *lang = NULL;
	int64_t wait = 0;
	struct app_login_try try = { .username = user, .password = pw,
		.totp = form_get(&r->form, "totp"), .from = r->from, .retry_after = &wait };
	struct policy_actor actor;
	char token[APP_TOKEN_HEX + 1];
	struct kerr e;
	enum kerr_code rc;

	if (user == NULL || pw == NULL || strlen(user) > 64 || strlen(pw) > 1024) {
		login_form(r, NULL, _("Enter your user name and password."), 422);
		return;
	}
	/* this runs on the hashing pool (ROUTE_HASH), never on a worker */
	rc = app_login(r->app, &try, &r->a, &actor, &lang, &e);
	if (rc != KERR_OK && wait > 0) {
		w_header(r, "Retry-After", arena_printf(&r->a, "%lld", (long long)wait));
		login_form(r, user, arena_printf(&r->a, _("%s (%lld s)"), w_kerr_msg(r, &e),
			(long long)wait), 429);
		return;
	}
	if (rc != KERR_OK) {
		/* the web's own words, in the page's language: the app's message
		 * is for the command line */
		login_form(r, user, rc == KERR_DENIED ? _("The user name or password is wrong, or "
			"the account is locked. Ask an administrator if it keeps failing.") :
			rc == KERR_INVALID ? _("Enter your user name and password.") :
			_("Signing in failed; try again."),
			rc == KERR_DENIED ? 403 : 422);
		return;
	}
	/* a new session at every sign-in: the old one (if any) ends */
	if (r->token[0])
		(void)app_session_end(r->app, r->token, &e);
	if (app_session_create(r->app, APP_SESSION_WEB, &actor, APP_SESSION_ABSOLUTE, token,
	    &e) != KERR_OK) {
		w_kerr(r, &e);
		return;
	}
	w_cookie(r, SESSION_COOKIE, token, -1);
	w_cookie(r, SESSION_PRE_COOKIE, "", 0);
	/* the user's own language, unless this browser already chose one */
	if (lang != NULL && !r->lang_explicit) {
		enum i18n_lang l;
		if (i18n_lang_parse(lang, &l) == 0)
			w_cookie(r, SESSION_LANG_COOKIE, i18n_lang_code(l), 365L * 86400);
	}
	/* the page asked for before signing in, when it is one of this site's */
	w_redirect(r, w_local_path(form_get(&r->form, "next")) ? form_get(&r->form, "next") : "/");
}

void
page_logout_post(struct web_req *r)
{
	struct kerr e;

	(void)app_session_end(r->app, r->token, &e);
	w_cookie(r, SESSION_COOKIE, "", 0);
	w_redirect(r, "/login");
}

void
page_healthz(struct web_req *r)
{
	int64_t n;
	struct kerr e;

	r->ctype = "text/plain; charset=utf-8";
	if (app_session_count(r->app, &n, &e) != KERR_OK) {
		r->status = 503;
		w_raw(r, "unavailable\n");
		return;
	}
	w_raw(r, "ok\n");
}

void
page_metrics(struct web_req *r)
{
	/* counts of reveals, failed sign-ins and sessions are for the operator
	 * only: a bearer token given to khipu serve, or no /metrics at all */
	switch (web_metrics_allowed(r)) {
	case -1:
		w_error(r, 404, _("This page does not exist."));
		return;
	case 0:
		w_header(r, "WWW-Authenticate", "Bearer realm=\"metrics\"");
		r->ctype = "text/plain; charset=utf-8";
		r->status = 401;
		w_raw(r, "a metrics token is required (Authorization: Bearer TOKEN)\n");
		return;
	default:
		break;
	}
	r->ctype = "text/plain; version=0.0.4; charset=utf-8";
	web_metrics_write(r);
}

void
page_asset(struct web_req *r)
{
	size_t i;

	/* only names in the embedded table: no path ever reaches the file system */
	for (i = 0; i < web_nassets; i++)
		if (strcmp(web_assets[i].name, r->params[0]) == 0) {
			r->ctype = web_assets[i].type;
			if (buf_add(&r->out, web_assets[i].data, web_assets[i].len) < 0)
				r->status = 500;
			return;
		}
	w_error(r, 404, _("This page does not exist."));
}
