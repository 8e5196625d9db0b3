/*
 * page.c — what every page shares: output helpers, the page frame and
 * navigation, error pages, cookies, and the JSON API's answers.
 */
#include "web/web_int.h"

#include "core/ubigeo.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
w_identities(const struct web_req *r, int revealed)
{
	if (!w_can(r, POL_REVEAL_VICTIM) && !w_can(r, POL_REVEAL_OTHER))
		return "none";
	return revealed ? "revealed" : "masked";
}

/* Append v percent-encoded (unreserved bytes as they are). */
static void
query_escape(struct buf *b, const char *v)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)v; *p; p++) {
		int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			(*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '~';
		if (ok ? buf_addc(b, (char)*p) < 0 :
		    buf_addc(b, '%') < 0 || buf_addc(b, hex[*p >> 4]) < 0 ||
		    buf_addc(b, hex[*p & 15]) < 0)
			return;
	}
}

const char *
w_urlencode(struct web_req *r, const char *s)
{
	struct buf b;
	char *out;

	buf_init(&b, 8192);
	query_escape(&b, s);
	out = arena_strdup(&r->a, b.s);
	buf_release(&b);
	return out;
}

const char *
w_query_with(struct web_req *r, const char *name, const char *value)
{
	struct buf b;
	size_t i;
	char *s;

	buf_init(&b, 8192);
	for (i = 0; i < r->query.n; i++) {
		const struct form_field *f = &r->query.f[i];
		if (strcmp(f->name, "lang") == 0 || strcmp(f->name, name) == 0 || *f->value == '\0')
			continue;
		if (buf_addc(&b, b.len ? '&' : '?') < 0)
			break;
		query_escape(&b, f->name);
		if (buf_addc(&b, '=') < 0)
			break;
		query_escape(&b, f->value);
	}
	if (value != NULL && buf_addc(&b, b.len ? '&' : '?') == 0) {
		query_escape(&b, name);
		if (buf_addc(&b, '=') == 0)
			query_escape(&b, value);
	}
	s = arena_strdup(&r->a, b.s);
	buf_release(&b);
	return s;
}

int
w_local_path(const char *s)
{
	const unsigned char *p;

	if (s == NULL || s[0] != '/' || s[1] == '/' || s[1] == '\\' || strlen(s) > 1024)
		return 0;
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			return 0;
	return strncmp(s, "/login", 6) != 0 && strncmp(s, "/logout", 7) != 0;
}

const char *
w_int(struct web_req *r, long long v)
{
	char num[64];

	i18n_format_int(r->lang, v, num, sizeof(num));
	return arena_strdup(&r->a, num);
}

const char *
w_money(struct web_req *r, long long cents)
{
	char num[64];
	long long a = cents < 0 ? -cents : cents;

	i18n_format_int(r->lang, a / 100, num, sizeof(num));
	/* the cents always shown, with the decimal mark of the language */
	return arena_printf(&r->a, "%s%s%c%02lld", cents < 0 ? "-" : "", num,
		r->lang == I18N_EN ? '.' : ',', a % 100);
}

const char *
w_label(struct web_req *r, enum cb_dim dim, const char *code)
{
	if (code == NULL || *code == '\0')
		return "";
	return cb_label(dim, code, r->lang == I18N_EN ? CB_EN : CB_ES);
}

const char *
w_time(struct web_req *r, int64_t ts, int with_zone)
{
	time_t t = (time_t)ts;
	struct tm tm;
	char out[48];

	if (localtime_r(&t, &tm) == NULL)
		return "";
	strftime(out, sizeof(out), with_zone ? "%Y-%m-%dT%H:%M:%S%z" : "%Y-%m-%d %H:%M:%S", &tm);
	return arena_strdup(&r->a, out);
}

/* The audit trail's actions in words: the policy's (core/policy.c) and the
 * named ones of app_audit_named. */
static const struct { const char *name, *words; } action_words[] = {
	{ "case.create", N_("Case registered") },
	{ "case.list", N_("Cases listed") },
	{ "case.read", N_("Case opened") },
	{ "case.update", N_("Case updated") },
	{ "case.share", N_("Case shared with another office") },
	{ "case.assign", N_("Case assigned") },
	{ "case.transfer", N_("Case transferred") },
	{ "identity.reveal_victim", N_("Victim's identity shown") },
	{ "identity.reveal_other", N_("Identity shown (suspect, witness, complainant)") },
	{ "attachment.read", N_("Attachment opened") },
	{ "person.search", N_("Persons searched") },
	{ "person.join", N_("Registered person added to a case") },
	{ "person.merge", N_("Two registrations of a person merged") },
	{ "person.unmerge", N_("Merge of two persons undone") },
	{ "dedup.reject", N_("Pair of persons marked as two persons") },
	{ "request.manage", N_("International request recorded") },
	{ "stats.read", N_("Statistics read") },
	{ "data.export", N_("Data exported") },
	{ "data.import", N_("Data imported") },
	{ "user.manage", N_("User managed") },
	{ "user.lang", N_("Language changed") },
	{ "office.manage", N_("Office managed") },
	{ "audit.read", N_("Audit trail read") },
	{ "backup", N_("Backup, restore or check") },
	{ "key.rotate", N_("Key rotated") },
	{ "auth.login", N_("Signed in") },
	{ "auth.failed", N_("Sign-in failed") },
	{ "auth.token_create", N_("API token created") },
	{ "auth.totp_enrol", N_("Second factor enrolled") },
	{ "access.denied", N_("Access refused") },
	{ "system.init", N_("Register created") },
	{ "system.migrate", N_("Register migrated") },
	{ "demo.generate", N_("Demonstration cases generated") },
	{ "auth.token_revoke", N_("API token revoked") },
	{ "exchange.manage", N_("Exchange partners managed") },
	{ "exchange.send", N_("Case packed for another country's register") },
	{ "exchange.receive", N_("Case package received from another country") },
};

const char *
w_action(struct web_req *r, const char *action)
{
	size_t i;

	(void)r;
	for (i = 0; action != NULL && i < sizeof(action_words) / sizeof(action_words[0]); i++)
		if (strcmp(action_words[i].name, action) == 0)
			return _(action_words[i].words);
	return action ? action : "";
}

const char *
w_action_at(size_t i)
{
	return i < sizeof(action_words) / sizeof(action_words[0]) ? action_words[i].name : NULL;
}

/* "Inambari, Tambopata, Madre de Dios": the district, province and
 * department of an INEI code, as deep as the code goes. */
const char *
w_ubigeo(struct web_req *r, const char *code)
{
	char part[7];
	const char *out = "";
	size_t len, n;

	if (code == NULL || (len = strlen(code)) < 2)
		return "";
	for (n = len; n >= 2; n -= 2) {
		const struct ubigeo_place *p;
		const char *name;
		memcpy(part, code, n);
		part[n] = '\0';
		if (n == 2)
			name = w_label(r, CB_DEPARTMENT, part);
		else
			name = (p = ubigeo_find(part)) != NULL ? p->name : arena_strdup(&r->a, part);
		out = *out ? arena_printf(&r->a, "%s, %s", out, name) : name;
	}
	return out;
}

/* A place of the model: its INEI names in Peru, else its country. */
const char *
w_place(struct web_req *r, const struct place *p)
{
	if (p->ubigeo != NULL && *p->ubigeo && p->country != NULL && strcmp(p->country, "PE") == 0)
		return w_ubigeo(r, p->ubigeo);
	return w_label(r, CB_COUNTRY, p->country);
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
	{ "/dedup", N_("Duplicates"), POL_PERSON_SEARCH },
	{ "/stats", N_("Statistics"), POL_STATS_READ },
	{ "/admin/users", N_("Users"), POL_USER_MANAGE },
	{ "/admin/offices", N_("Offices"), POL_OFFICE_MANAGE },
	{ "/audit", N_("Audit"), POL_AUDIT_READ },
	{ "/cooperation", N_("Cooperation"), POL_REQUEST_MANAGE },
};

/* The other language: the same page with the same filters. A page shown
 * in answer to a POST names its GET address in r->self. */
static void
w_lang_link(struct web_req *r)
{
	const char *other = r->lang == I18N_EN ? "es" : "en";
	const char *path = r->self;

	if (path == NULL)
		path = r->method == ROUTE_GET && r->path != NULL ? r->path : "/";
	w_raw(r, "<span class=\"lang\"><a href=\"");
	w_text(r, path);
	if (r->self == NULL && r->method == ROUTE_GET)
		w_text(r, w_query_with(r, "lang", other));
	else
		w_text(r, arena_printf(&r->a, "?lang=%s", other));
	w_raw(r, r->lang == I18N_EN ? "\" lang=\"es\">Español</a>" : "\" lang=\"en\">English</a>");
	w_raw(r, "</span>");
}

/* The navigation entry the path belongs to: the longest href that is the
 * path or a parent of it; -1 for none. */
static int
nav_current(const char *path)
{
	size_t i, best_len = 0;
	int best = -1;

	if (path == NULL)
		return -1;
	for (i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
		size_t n = strlen(nav[i].href);
		if (strncmp(path, nav[i].href, n) == 0 && (path[n] == '\0' || path[n] == '/' ||
		    path[n] == '?') && n > best_len) {
			best = (int)i;
			best_len = n;
		}
	}
	return best;
}

/* "Start > Cases > Case 2024-0777": where a page below a menu entry sits,
 * the last crumb the page itself (aria-current). Pages that are a menu
 * entry have none: the menu marks them. */
static void
w_breadcrumbs(struct web_req *r, int cur, const char *title)
{
	const char *path = r->self ? r->self : r->path;

	if (cur < 0 || path == NULL || strcmp(path, nav[cur].href) == 0 ||
	    !w_can(r, (enum pol_action)nav[cur].action))
		return;
	w_raw(r, "<nav class=\"crumbs\" aria-label=\"");
	w_text(r, _("Breadcrumb"));
	w_raw(r, "\"><ol><li><a href=\"/\">");
	w_text(r, _("Start"));
	w_raw(r, "</a></li><li><a href=\"");
	w_raw(r, nav[cur].href);
	w_raw(r, "\">");
	w_text(r, _(nav[cur].label));
	w_raw(r, "</a></li>");
	if (r->crumb_href != NULL && r->crumb_label != NULL) {
		w_raw(r, "<li><a href=\"");
		w_text(r, r->crumb_href);
		w_raw(r, "\">");
		w_text(r, r->crumb_label);
		w_raw(r, "</a></li>");
	}
	w_raw(r, "<li aria-current=\"page\">");
	w_text(r, title);
	w_raw(r, "</li></ol></nav>");
}

void
w_page_begin(struct web_req *r, const char *title)
{
	size_t i;
	int cur = -1;

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
		cur = nav_current(r->self ? r->self : r->path);
		for (i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
			if (!w_can(r, (enum pol_action)nav[i].action))
				continue;
			w_raw(r, "<li><a href=\"");
			w_raw(r, nav[i].href);
			w_raw(r, (int)i == cur ? "\" aria-current=\"page\">" : "\">");
			w_text(r, _(nav[i].label));
			w_raw(r, "</a></li>");
		}
		w_raw(r, "</ul></nav>");
		/* the search box: a POST, so what is searched never shows in an address */
		if (w_can(r, POL_CASE_LIST) || w_can(r, POL_PERSON_SEARCH)) {
			w_raw(r, "<form class=\"find\" method=\"post\" action=\"/search\" role=\"search\">");
			w_csrf(r);
			w_raw(r, "<label for=\"find-q\" class=\"skip\">");
			w_text(r, _("Find a case or a person"));
			w_raw(r, "</label><input id=\"find-q\" name=\"q\" type=\"search\" autocomplete=\"off\" "
				"placeholder=\"");
			w_text(r, w_can(r, POL_PERSON_SEARCH) ? _("Case number, name, document, phone") :
				_("Case number"));
			w_raw(r, "\"><button type=\"submit\">");
			w_text(r, _("Find"));
			w_raw(r, "</button></form>");
		}
		w_raw(r, "<form class=\"who\" method=\"post\" action=\"/logout\">");
		w_csrf(r);
		w_raw(r, "<span class=\"user\">");
		w_text(r, r->actor.name);
		w_raw(r, " (");
		w_text(r, w_label(r, CB_USER_ROLE, policy_role_name(r->actor.role)));
		w_raw(r, ")</span> <button type=\"submit\">");
		w_text(r, _("Sign out"));
		w_raw(r, "</button></form>");
	}
	w_lang_link(r);
	w_raw(r, "</span></header>");
	/* the printout's institutional header (only printed: khipu.css) */
	if (r->signed_in) {
		w_raw(r, "<p class=\"print-head\">");
		w_text(r, _("Ministerio Público — Khipu, register of human-trafficking cases"));
		w_raw(r, "<br>");
		w_text(r, arena_printf(&r->a, _("Printed by %s (%s). Confidential: identities are "
			"protected by law."), r->actor.name,
			w_label(r, CB_USER_ROLE, policy_role_name(r->actor.role))));
		w_raw(r, "</p>");
	}
	w_raw(r, "<main id=\"main\">");
	if (r->signed_in)
		w_breadcrumbs(r, cur, title);
	w_raw(r, "<h1>");
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
w_alert_id(struct web_req *r, const char *id, const char *message)
{
	if (message == NULL)
		return;
	w_raw(r, "<p class=\"error\" role=\"alert\"");
	if (id != NULL) {
		w_raw(r, " id=\"");
		w_text(r, id);
		w_raw(r, "\"");
	}
	w_raw(r, ">");
	w_text(r, message);
	w_raw(r, "</p>");
}

void
w_alert(struct web_req *r, const char *message)
{
	w_alert_id(r, NULL, message);
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
	w_alert(r, message);
	w_raw(r, "<p><a href=\"/\">");
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

/* A refusal of the policy in the page's words: the policy's message
 * (core/policy.c) names the action by its code, "'request.manage'". */
static const char *
denied_msg(struct web_req *r, const struct kerr *err)
{
	const char *name;
	size_t i;

	for (i = 0; (name = w_action_at(i)) != NULL; i++) {
		if (strstr(err->msg, arena_printf(&r->a, "'%s'", name)) == NULL)
			continue;
		/* the message is in the request's language already */
		if (strstr(err->msg, "another office") != NULL ||
		    strstr(err->msg, "otra oficina") != NULL)
			return arena_printf(&r->a, _("Not allowed on a case of another office: %s."),
				w_action(r, name));
		return arena_printf(&r->a, _("Your role may not do this: %s."), w_action(r, name));
	}
	return _(err->msg);
}

const char *
w_kerr_msg(struct web_req *r, const struct kerr *err)
{
	if (err->code == KERR_DENIED)
		return denied_msg(r, err);
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
