/*
 * pages/audit.c — the audit trail for auditors: the entries newest first, a
 * page at a time, filtered by user, action, case and dates; times in the
 * register's time zone, actions in words, details as fields; the same
 * entries as a CSV file; the verification of the whole chain. Entries name
 * objects by id only (no identity is ever in the trail).
 */
#include "web/web_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/date.h"
#include "web/webcsv.h"

#define AUDIT_PAGE 50
#define AUDIT_CSV_MAX 100000   /* rows of one download: narrow the dates for more */

/* Local midnight (the register's zone) of an ISO date, plus days. */
static int64_t
local_midnight(const char iso[11], int days)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = atoi(iso) - 1900;
	tm.tm_mon = atoi(iso + 5) - 1;
	tm.tm_mday = atoi(iso + 8) + days;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* The filters of the query; a bad one is a message (400), never a 500. */
static const char *
read_filter(struct web_req *r, struct store_audit_filter *f)
{
	const char *s;
	char iso[11], *end;
	int64_t day;   /* a real day of the calendar (form_date checks the shape) */
	struct kerr e;

	memset(f, 0, sizeof(*f));
	if ((s = form_nonblank(&r->query, "user")) != NULL) {
		if (strlen(s) > 64)
			return _("No user has that name.");
		f->actor = s;
	}
	if ((s = form_nonblank(&r->query, "action")) != NULL) {
		if (strlen(s) > 64)
			return _("Unknown action.");
		f->action = s;
	}
	if ((s = form_nonblank(&r->query, "case")) != NULL &&
	    (strlen(s) > 64 || app_case_id(r->app, s, &f->case_id, &e) != KERR_OK))
		return _("No case has that number.");
	if ((s = form_nonblank(&r->query, "from")) != NULL) {
		if (form_date(s, iso) != 0 || !date_parse(iso, &day))
			return _("Write the dates as YYYY-MM-DD or DD/MM/YYYY.");
		f->from_ts = local_midnight(iso, 0);
	}
	if ((s = form_nonblank(&r->query, "to")) != NULL) {
		if (form_date(s, iso) != 0 || !date_parse(iso, &day))
			return _("Write the dates as YYYY-MM-DD or DD/MM/YYYY.");
		f->to_ts = local_midnight(iso, 1);   /* the whole last day */
	}
	if ((s = form_nonblank(&r->query, "before")) != NULL) {
		long long v = strtoll(s, &end, 10);
		if (*end || v <= 1)
			return _("Unknown page.");
		f->before_seq = v;
	}
	return NULL;
}

/* ---- what an entry says, in words ---- */

/* "case:17" -> "Case 17" */
static const char *
object_words(struct web_req *r, const char *object)
{
	static const struct { const char *kind, *words; } kinds[] = {
		{ "case", N_("Case") }, { "person", N_("Person") }, { "user", N_("User") },
		{ "office", N_("Office") }, { "attachment", N_("Attachment") },
		{ "token", N_("Token") },
	};
	const char *colon = object ? strchr(object, ':') : NULL;
	size_t i;

	if (colon == NULL)
		return object ? object : "";
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strlen(kinds[i].kind) == (size_t)(colon - object) &&
		    strncmp(kinds[i].kind, object, (size_t)(colon - object)) == 0)
			return arena_printf(&r->a, "%s %s", _(kinds[i].words), colon + 1);
	return object;
}

static const char *
key_words(const char *key)
{
	static const struct { const char *key, *words; } keys[] = {
		{ "case", N_("Case") }, { "role", N_("Role") }, { "op", N_("Operation") },
		{ "free_text", N_("Free text") }, { "cases", N_("Cases") },
		{ "first", N_("First") }, { "last", N_("Last") }, { "by", N_("Searched by") },
		{ "hits", N_("Results") }, { "reason", N_("Reason") }, { "office", N_("Office") },
		{ "from", N_("From") }, { "to", N_("To") }, { "stage", N_("Stage") },
		{ "assignee", N_("Assigned to") }, { "number", N_("Case number") },
		{ "attachment", N_("Attachment") }, { "action", N_("Action") },
		{ "format", N_("Format") }, { "kind", N_("Kind") }, { "year", N_("Year") },
		{ "code", N_("Code") }, { "event", N_("Event") }, { "source", N_("Source") },
	};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(keys[i].key, key) == 0)
			return _(keys[i].words);
	return key;
}

/* A value of a detail: codes in words where the key says which list. */
static const char *
value_words(struct web_req *r, const char *key, json_t *v)
{
	static const struct { const char *op, *words; } ops[] = {
		{ "add", N_("added") }, { "lock", N_("locked") }, { "unlock", N_("unlocked") },
		{ "passwd", N_("new password") }, { "role", N_("new role") },
		{ "get", N_("opened") },
	};
	size_t i;

	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		if (strcmp(key, "op") == 0)
			for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
				if (strcmp(ops[i].op, s) == 0)
					return _(ops[i].words);
		if (strcmp(key, "role") == 0 && cb_lookup(CB_PERSON_ROLE, s) != NULL)
			return w_label(r, CB_PERSON_ROLE, s);
		if (strcmp(key, "role") == 0 && cb_lookup(CB_USER_ROLE, s) != NULL)
			return w_label(r, CB_USER_ROLE, s);
		if (strcmp(key, "stage") == 0 && cb_lookup(CB_STAGE, s) != NULL)
			return w_label(r, CB_STAGE, s);
		if (strcmp(key, "action") == 0)   /* access.denied: what was refused */
			return w_action(r, s);
		return s;
	}
	if (json_is_true(v))
		return _("yes");
	if (json_is_false(v))
		return _("no");
	if (json_is_integer(v))
		return arena_printf(&r->a, "%lld", (long long)json_integer_value(v));
	{
		char *t = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		const char *out = arena_strdup(&r->a, t ? t : "");
		free(t);
		return out;
	}
}

/* The detail as "Case: 17 · Role: Victim"; not JSON that is not an
 * object, as it is. */
static const char *
detail_words(struct web_req *r, const char *detail)
{
	json_t *o = detail ? json_loads(detail, 0, NULL) : NULL;
	const char *key, *out = "";
	json_t *v;

	if (!json_is_object(o)) {
		json_decref(o);
		return detail ? detail : "";
	}
	json_object_foreach(o, key, v)
		out = arena_printf(&r->a, "%s%s%s: %s", out, *out ? " · " : "", key_words(key),
			value_words(r, key, v));
	json_decref(o);
	return out;
}

/* ---- the page ---- */

static void
filters_form(struct web_req *r)
{
	const char *cur = form_get(&r->query, "action");
	const char *name;
	size_t i;

	w_raw(r, "<form class=\"filters\" method=\"get\" action=\"/audit\" role=\"search\">");
	w_field_label(r, "f-user", _("User"));
	w_raw(r, "<input id=\"f-user\" name=\"user\" autocomplete=\"off\" value=\"");
	w_text(r, form_get(&r->query, "user"));
	w_raw(r, "\"></div>");
	w_field_label(r, "f-action", _("Action"));
	w_raw(r, "<select id=\"f-action\" name=\"action\"><option value=\"\"></option>");
	for (i = 0; (name = w_action_at(i)) != NULL; i++) {
		w_raw(r, "<option value=\"");
		w_text(r, name);
		w_raw(r, cur && strcmp(cur, name) == 0 ? "\" selected>" : "\">");
		w_text(r, w_action(r, name));
		w_raw(r, "</option>");
	}
	w_raw(r, "</select></div>");
	w_field_label(r, "f-case", _("Case number"));
	w_raw(r, "<input id=\"f-case\" name=\"case\" autocomplete=\"off\" value=\"");
	w_text(r, form_get(&r->query, "case"));
	w_raw(r, "\"></div>");
	w_field_label(r, "f-from", _("From (date)"));
	w_raw(r, "<input id=\"f-from\" name=\"from\" size=\"10\" placeholder=\"");
	w_text(r, _("YYYY-MM-DD"));
	w_raw(r, "\" value=\"");
	w_text(r, form_get(&r->query, "from"));
	w_raw(r, "\"></div>");
	w_field_label(r, "f-to", _("To (date)"));
	w_raw(r, "<input id=\"f-to\" name=\"to\" size=\"10\" placeholder=\"");
	w_text(r, _("YYYY-MM-DD"));
	w_raw(r, "\" value=\"");
	w_text(r, form_get(&r->query, "to"));
	w_raw(r, "\"></div><div><button type=\"submit\">");
	w_text(r, _("Filter"));
	w_raw(r, "</button> <a href=\"/audit\">");
	w_text(r, _("Clear the filters"));
	w_raw(r, "</a></div></form>");
}

static void
entries_table(struct web_req *r, const struct audit_entry *e, size_t n)
{
	size_t i;

	w_raw(r, "<div class=\"wide\"><table class=\"audit\"><caption class=\"skip\">");
	w_text(r, _("Audit trail"));
	w_raw(r, "</caption><thead><tr><th scope=\"col\">#</th><th scope=\"col\">");
	w_text(r, arena_printf(&r->a, _("When (%s)"), web_time_zone()));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Who"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Action"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Object"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Details"));
	w_raw(r, "</th></tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		w_rawf(r, "<tr><td class=\"num\">%lld</td><td class=\"nowrap\"><time datetime=\"",
			(long long)e[i].seq);
		w_text(r, w_time(r, e[i].ts, 1));
		w_raw(r, "\">");
		w_text(r, w_time(r, e[i].ts, 0));
		w_raw(r, "</time></td><td>");
		w_text(r, e[i].actor);
		w_raw(r, "</td><td title=\"");
		w_text(r, e[i].action);
		w_raw(r, "\">");
		w_text(r, w_action(r, e[i].action));
		w_raw(r, "</td><td>");
		w_text(r, object_words(r, e[i].object));
		w_raw(r, "</td><td>");
		w_text(r, detail_words(r, e[i].detail));
		w_raw(r, "</td></tr>");
	}
	w_raw(r, "</tbody></table></div>");
}

static void
audit_page(struct web_req *r, const struct app_audit_report *rep, enum kerr_code vrc)
{
	struct store_audit_filter f;
	struct audit_entry *e = NULL;
	size_t n = 0, shown;
	const char *bad;

	/* a role that may not read the trail gets the policy's refusal (and
	 * its audit entry), whatever its filters */
	if ((bad = read_filter(r, &f)) != NULL && !w_can(r, POL_AUDIT_READ)) {
		memset(&f, 0, sizeof(f));
		bad = NULL;
	}
	if (bad == NULL) {
		f.limit = AUDIT_PAGE + 1;
		if (app_audit_page(r->app, &r->actor, &f, &r->a, &e, &n, &r->err) != KERR_OK) {
			w_kerr(r, &r->err);
			return;
		}
	}
	r->status = bad ? 400 : r->status;
	r->self = "/audit";
	w_page_begin(r, _("Audit trail"));
	if (rep != NULL) {
		if (vrc == KERR_OK) {
			w_raw(r, "<p class=\"notice\" role=\"status\" id=\"verify-result\">");
			w_text(r, _("The audit trail is intact. Entries checked:"));
			w_raw(r, " ");
			w_text(r, w_int(r, rep->entries));
			w_raw(r, "</p>");
		} else {
			w_alert_id(r, "verify-result", arena_printf(&r->a, "%s %lld: %s",
				_("The audit trail is broken at entry"), (long long)rep->bad_seq,
				rep->reason));
		}
	}
	w_raw(r, "<form class=\"actions\" method=\"post\" action=\"/audit/verify\">");
	w_csrf(r);
	w_raw(r, "<button type=\"submit\">");
	w_text(r, _("Verify the whole trail"));
	w_raw(r, "</button></form>");
	filters_form(r);
	if (bad != NULL) {
		w_alert(r, bad);
		w_page_end(r);
		return;
	}
	if (n == 0) {
		w_raw(r, "<p class=\"empty\">");
		w_text(r, r->query.n > 0 ? _("No entry matches these filters. Clear a filter to see "
			"more.") : _("The audit trail is empty."));
		w_raw(r, "</p>");
		w_page_end(r);
		return;
	}
	shown = n > AUDIT_PAGE ? AUDIT_PAGE : n;
	w_raw(r, "<p class=\"actions\"><a class=\"csv\" href=\"");
	w_text(r, arena_printf(&r->a, "/audit.csv%s", w_query_with(r, "before", NULL)));
	w_raw(r, "\">");
	w_text(r, _("Download these entries (CSV)"));
	w_raw(r, "</a></p>");
	entries_table(r, e, shown);
	if (n > AUDIT_PAGE || f.before_seq) {
		w_raw(r, "<nav class=\"pager\" aria-label=\"");
		w_text(r, _("Pages"));
		w_raw(r, "\"><ul>");
		if (f.before_seq) {
			w_raw(r, "<li><a href=\"");
			w_text(r, arena_printf(&r->a, "/audit%s", w_query_with(r, "before", NULL)));
			w_raw(r, "\">");
			w_text(r, _("Newest entries"));
			w_raw(r, "</a></li>");
		}
		if (n > AUDIT_PAGE) {
			w_raw(r, "<li><a rel=\"next\" href=\"");
			w_text(r, arena_printf(&r->a, "/audit%s", w_query_with(r, "before",
				arena_printf(&r->a, "%lld", (long long)e[shown - 1].seq))));
			w_raw(r, "\">");
			w_text(r, _("Older entries"));
			w_raw(r, "</a></li>");
		}
		w_raw(r, "</ul></nav>");
	}
	w_page_end(r);
}

void
page_audit_get(struct web_req *r)
{
	audit_page(r, NULL, KERR_OK);
}

/* The entries of the filters as CSV (at most AUDIT_CSV_MAX), times with
 * their offset. */
void
page_audit_csv_get(struct web_req *r)
{
	static const char *const head[] = { "seq", "time", "user", "action", "action_words",
		"object", "detail" };
	struct store_audit_filter f;
	struct audit_entry *e;
	const char *bad;
	size_t n, i, k;
	int rc = 0;

	if ((bad = read_filter(r, &f)) != NULL && w_can(r, POL_AUDIT_READ)) {
		w_error(r, 400, bad);
		return;
	}
	if (bad != NULL)
		memset(&f, 0, sizeof(f));   /* the app refuses the role */
	f.before_seq = 0;
	f.limit = AUDIT_CSV_MAX + 1;
	if (app_audit_page(r->app, &r->actor, &f, &r->a, &e, &n, &r->err) != KERR_OK) {
		w_kerr(r, &r->err);
		return;
	}
	if (n > AUDIT_CSV_MAX) {
		w_error(r, 413, _("More than 100,000 entries: choose fewer days."));
		return;
	}
	buf_reset(&r->out);
	r->ctype = "text/csv; charset=utf-8";
	w_header(r, "Content-Disposition", "attachment; filename=\"khipu-audit.csv\"");
	for (k = 0; k < sizeof(head) / sizeof(head[0]); k++)
		rc |= (k ? buf_addc(&r->out, ',') : 0) | webcsv_cell(&r->out, head[k]);
	rc |= buf_addc(&r->out, '\n');
	for (i = 0; i < n && rc == 0; i++) {
		const char *row[] = { arena_printf(&r->a, "%lld", (long long)e[i].seq),
			w_time(r, e[i].ts, 1), e[i].actor, e[i].action, w_action(r, e[i].action),
			e[i].object, e[i].detail };
		for (k = 0; k < sizeof(row) / sizeof(row[0]); k++)
			rc |= (k ? buf_addc(&r->out, ',') : 0) | webcsv_cell(&r->out, row[k]);
		rc |= buf_addc(&r->out, '\n');
	}
	if (rc != 0) {
		fprintf(stderr, "khipu: web: BUG: audit CSV larger than the page's cap\n");
		w_error(r, 500, _("Something went wrong on the server; it has been logged."));
	}
}

void
page_audit_verify_post(struct web_req *r)
{
	struct app_audit_report rep;
	struct kerr e;
	enum kerr_code rc;

	memset(&rep, 0, sizeof(rep));
	rc = app_audit_verify(r->app, &r->actor, &rep, &e);
	if (rc != KERR_OK && rc != KERR_INTEGRITY) {
		w_kerr(r, &e);
		return;
	}
	audit_page(r, &rep, rc);
}
