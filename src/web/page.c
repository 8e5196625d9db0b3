/*
 * page.c — what every page shares: output helpers, the page frame and
 * navigation, error pages, cookies, and the JSON API's answers.
 */
#include "web/web_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Output past WEB_OUT_MAX is a bug in a page, not an input problem. */
static void
out_full(struct web_req *r)
{
	fprintf(stderr, "khipu: web: BUG: page larger than %u bytes\n", WEB_OUT_MAX);
	r->status = 500;
}

void
w_text(struct web_req *r, const char *s)
{
	if (html_text(&r->out, s) < 0)
		out_full(r);
}

void
w_raw(struct web_req *r, const char *markup)
{
	if (html_raw(&r->out, markup) < 0)
		out_full(r);
}

void
w_rawf(struct web_req *r, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vaddf(&r->out, fmt, ap);
	va_end(ap);
	if (rc < 0)
		out_full(r);
}

void
w_header(struct web_req *r, const char *name, const char *value)
{
	if (r->nhdr < WEB_MAX_HEADERS) {
		r->hdr[r->nhdr].name = name;
		r->hdr[r->nhdr].value = value;
		r->nhdr++;
	}
}

void
w_cookie(struct web_req *r, const char *name, const char *value, long max_age)
{
	char *c = arena_printf(&r->a, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s", name, value,
		r->tls ? "; Secure" : "");

	if (max_age >= 0)
		c = arena_printf(&r->a, "%s; Max-Age=%ld", c, max_age);
	w_header(r, "Set-Cookie", c);
}

int
w_can(const struct web_req *r, enum pol_action a)
{
	return r->signed_in && policy_scope(r->actor.role, a) != POL_SCOPE_NONE;
}

const char *
w_label(struct web_req *r, enum cb_dim dim, const char *code)
{
	if (code == NULL || *code == '\0')
		return "";
	return cb_label(dim, code, r->lang == I18N_EN ? CB_EN : CB_ES);
}

const char *
w_date(struct web_req *r, const char *iso)
{
	char out[64];

	if (iso == NULL || *iso == '\0')
		return "";
	i18n_format_date(r->lang, iso, out, sizeof(out));
	return arena_strdup(&r->a, out);
}

void
w_csrf(struct web_req *r)
{
	w_raw(r, "<input type=\"hidden\" name=\"csrf\" value=\"");
	w_text(r, r->csrf);
	w_raw(r, "\">");
}

void
w_select_cb(struct web_req *r, const char *name, enum cb_dim dim, const char *current,
	int optional)
{
	size_t n, i;
	const struct cb_entry *e = cb_entries(dim, &n);

	w_raw(r, "<select id=\"");
	w_text(r, name);
	w_raw(r, "\" name=\"");
	w_text(r, name);
	w_raw(r, "\">");
	if (optional)
		w_raw(r, "<option value=\"\"></option>");
	for (i = 0; i < n; i++) {
		w_raw(r, "<option value=\"");
		w_text(r, e[i].code);
		w_raw(r, current && strcmp(current, e[i].code) == 0 ? "\" selected>" : "\">");
		w_text(r, r->lang == I18N_EN ? e[i].en : e[i].es);
		w_raw(r, "</option>");
	}
	w_raw(r, "</select>");
}

void
w_field_label(struct web_req *r, const char *id, const char *label)
{
	w_raw(r, "<div><label for=\"");
	w_text(r, id);
	w_raw(r, "\">");
	w_text(r, label);
	w_raw(r, "</label>");
}

void
w_select_office(struct web_req *r, const struct office *o, size_t n, const char *current)
{
	size_t i;

	w_raw(r, "<select id=\"office\" name=\"office\"><option value=\"\"></option>");
	for (i = 0; i < n; i++) {
		w_raw(r, "<option value=\"");
		w_text(r, o[i].code);
		w_raw(r, current && strcmp(current, o[i].code) == 0 ? "\" selected>" : "\">");
		w_text(r, o[i].code);
		w_raw(r, "</option>");
	}
	w_raw(r, "</select>");
}

struct nav_item {
	const char *href;
	const char *label;
	int action;      /* pol_action the role needs, or -1 */
};

static const struct nav_item nav[] = {
	{ "/cases", N_("Cases"), POL_CASE_LIST },
	{ "/cases/new", N_("New case"), POL_CASE_CREATE },
	{ "/persons", N_("Persons"), POL_PERSON_SEARCH },
	{ "/stats", N_("Statistics"), POL_STATS_READ },
	{ "/admin/users", N_("Users"), POL_USER_MANAGE },
	{ "/admin/offices", N_("Offices"), POL_OFFICE_MANAGE },
	{ "/audit", N_("Audit"), POL_AUDIT_READ },
};

void
w_page_begin(struct web_req *r, const char *title)
{
	size_t i;

	w_raw(r, "<!DOCTYPE html>\n<html lang=\"");
	w_raw(r, i18n_lang_code(r->lang));
	w_raw(r, "\"><head><meta charset=\"utf-8\">"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		"<link rel=\"stylesheet\" href=\"/assets/khipu.css\"><title>");
	w_text(r, title);
	w_raw(r, " · Khipu</title></head><body>"
		"<a class=\"skip\" href=\"#main\">");
	w_text(r, _("Skip to content"));
	w_raw(r, "</a><header class=\"top\"><a class=\"brand\" href=\"/\">Khipu</a>");
	if (r->signed_in) {
		w_raw(r, "<nav aria-label=\"");
		w_text(r, _("Main"));
		w_raw(r, "\"><ul>");
		for (i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
			if (!w_can(r, (enum pol_action)nav[i].action))
				continue;
			w_raw(r, "<li><a href=\"");
			w_raw(r, nav[i].href);
			w_raw(r, "\">");
			w_text(r, _(nav[i].label));
			w_raw(r, "</a></li>");
		}
		w_raw(r, "</ul></nav><form class=\"who\" method=\"post\" action=\"/logout\">");
		w_csrf(r);
		w_raw(r, "<span class=\"user\">");
		w_text(r, r->actor.name);
		w_raw(r, " (");
		w_text(r, w_label(r, CB_USER_ROLE, policy_role_name(r->actor.role)));
		w_raw(r, ")</span> <button type=\"submit\">");
		w_text(r, _("Sign out"));
		w_raw(r, "</button></form>");
	}
	w_raw(r, "<span class=\"lang\">");
	w_raw(r, r->lang == I18N_EN ? "<a href=\"?lang=es\" lang=\"es\">Español</a>" :
		"<a href=\"?lang=en\" lang=\"en\">English</a>");
	w_raw(r, "</span></header><main id=\"main\"><h1>");
	w_text(r, title);
	w_raw(r, "</h1>");
}

void
w_page_end(struct web_req *r)
{
	w_raw(r, "</main><footer>");
	w_text(r, _("Khipu — register of human-trafficking cases. Identities are protected; "
		"every look at one is audited."));
	w_raw(r, "</footer></body></html>\n");
}

void
w_redirect(struct web_req *r, const char *location)
{
	r->status = 303;
	w_header(r, "Location", location);
	r->ctype = "text/plain; charset=utf-8";
	buf_reset(&r->out);
}

void
w_error(struct web_req *r, int status, const char *message)
{
	const char *title;

	buf_reset(&r->out);
	r->status = status;
	r->ctype = "text/html; charset=utf-8";
	switch (status) {
	case 400: title = _("Bad request"); break;
	case 403: title = _("Not allowed"); break;
	case 404: title = _("Not found"); break;
	case 405: title = _("Method not allowed"); break;
	case 409: title = _("Conflict"); break;
	case 413: title = _("Too large"); break;
	case 422: title = _("Check the data"); break;
	case 503: title = _("Unavailable"); break;
	default: title = _("Error"); break;
	}
	w_page_begin(r, title);
	w_raw(r, "<p class=\"error\" role=\"alert\">");
	w_text(r, message);
	w_raw(r, "</p><p><a href=\"/\">");
	w_text(r, _("Back to the start"));
	w_raw(r, "</a></p>");
	w_page_end(r);
}

int
w_status(enum kerr_code code)
{
	switch (code) {
	case KERR_OK: return 200;
	case KERR_INVALID: return 422;
	case KERR_NOTFOUND: return 404;
	case KERR_DENIED: return 403;
	case KERR_CONFLICT: return 409;
	case KERR_STALE: return 412;
	default: return 500;
	}
}

const char *
w_kerr_msg(struct web_req *r, const struct kerr *err)
{
	(void)r;
	/* app messages are mostly formatted English; translated when known */
	return _(err->msg);
}

void
w_kerr(struct web_req *r, const struct kerr *err)
{
	if (w_status(err->code) == 500) {
		fprintf(stderr, "khipu: web: %s error on %s\n", kerr_name(err->code),
			r->route ? r->route->pattern : "-");
		w_error(r, 500, _("Something went wrong on the server; it has been logged."));
		return;
	}
	w_error(r, w_status(err->code), w_kerr_msg(r, err));
}

/* ---- JSON API ---- */

void
api_json(struct web_req *r, int status, json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII);

	json_decref(v);
	buf_reset(&r->out);
	r->status = status;
	r->ctype = "application/json";
	if (s == NULL || buf_adds(&r->out, s) < 0 || buf_addc(&r->out, '\n') < 0)
		out_full(r);
	free(s);
}

void
api_error(struct web_req *r, int status, const char *code, const char *message)
{
	api_json(r, status, json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", message));
}

void
api_kerr(struct web_req *r, const struct kerr *err)
{
	int status = w_status(err->code);

	if (status == 500) {
		fprintf(stderr, "khipu: web: %s error on %s\n", kerr_name(err->code),
			r->route ? r->route->pattern : "-");
		api_error(r, 500, "internal", "something went wrong on the server; it has been logged");
		return;
	}
	api_error(r, status, kerr_name(err->code), err->msg);
}
