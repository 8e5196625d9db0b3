/*
 * cooperation.c — GET /cooperation, the liaison's international requests
 * (issue 13, item 4): the overdue ones first (most overdue first), then by
 * due date, each with its case, country, authority, reference, status and
 * dates; and GET /api/v1/requests, the same list as JSON. Both through
 * app_mla_list, so the policy decides (request.manage) as on the CLI.
 */
#include "web/web_int.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/stats.h"
#include "core/codebook.h"

/* ?overdue=1, ?due_within=DAYS: the CLI's filters; NULL or a message. */
static const char *
read_filter(struct web_req *r, struct app_mla_filter *f)
{
	const char *o = form_get(&r->query, "overdue"), *d = form_get(&r->query, "due_within");
	char *end;
	long v;

	memset(f, 0, sizeof(*f));
	f->due_within = -1;
	f->overdue = o != NULL && strcmp(o, "1") == 0;
	if (d != NULL && d[0] != '\0') {
		v = strtol(d, &end, 10);
		if (*end != '\0' || v < 0 || v > 3660)
			return _("due_within is a number of days (0 to 3660)");
		f->due_within = (int)v;
	}
	return NULL;
}

static void
request_row(struct web_req *r, const struct app_mla_row *w)
{
	const struct intl_request *q = &w->r;
	int late = w->dated && w->days_left < 0;

	w_raw(r, late ? "<tr class=\"overdue\"><td>" : "<tr><td>");
	w_raw(r, "<a href=\"/cases/");
	w_text(r, w_int(r, q->case_id));
	w_raw(r, "#requests\">");
	w_text(r, w->case_number);
	w_raw(r, "</a></td><td>");
	w_text(r, w_label(r, CB_REQUEST_DIRECTION, q->direction));
	w_raw(r, "</td><td>");
	w_text(r, w_label(r, CB_COUNTRY, q->country));
	w_raw(r, "</td><td>");
	w_text(r, q->authority != NULL ? q->authority : "");
	w_raw(r, "</td><td>");
	w_text(r, q->reference != NULL ? q->reference : "");
	w_raw(r, "</td><td>");
	w_text(r, w_label(r, CB_REQUEST_TYPE, q->type));
	w_raw(r, "</td><td>");
	w_text(r, w_label(r, CB_REQUEST_STATUS, q->status));
	w_raw(r, "</td><td>");
	if (q->sent[0] != '\0')
		w_text(r, w_date(r, q->sent));
	w_raw(r, "</td><td>");
	if (q->due[0] != '\0')
		w_text(r, w_date(r, q->due));
	w_raw(r, "</td><td>");
	if (late) {
		w_raw(r, "<strong>");
		w_text(r, arena_printf(&r->a, _("overdue by %lld days"), (long long)-w->days_left));
		w_raw(r, "</strong>");
	} else if (w->dated) {
		w_text(r, arena_printf(&r->a, _("%lld days left"), (long long)w->days_left));
	}
	w_raw(r, "</td></tr>");
}

/* The figures of docs/statistics.md ("International requests") over the
 * requests the user may manage: how many by country and direction, and the
 * median days to answer. */
static void
request_figures(struct web_req *r)
{
	static const char *const heads[] = { N_("Country"), N_("Direction"), N_("Requests"),
		N_("Median days to answer") };
	struct stat_query q;
	struct stat_result cnt, med;
	size_t i, j;

	memset(&q, 0, sizeof(q));
	q.measure = STAT_REQUESTS;
	q.by[0] = STAT_D_COUNTRY;
	q.by[1] = STAT_D_DIRECTION;
	q.nby = 2;
	if (app_mla_stats(r->app, &r->actor, &q, &r->a, &cnt, &r->err) != KERR_OK)
		return;
	q.measure = STAT_REQUEST_DAYS;
	if (app_mla_stats(r->app, &r->actor, &q, &r->a, &med, &r->err) != KERR_OK)
		return;
	w_raw(r, "<table class=\"figures\" id=\"request-figures\"><caption>");
	w_text(r, _("Requests by country and direction"));
	w_raw(r, "</caption><thead><tr>");
	for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		w_raw(r, "<th scope=\"col\">");
		w_text(r, _(heads[i]));
		w_raw(r, "</th>");
	}
	w_raw(r, "</tr></thead><tbody>");
	/* both results are ordered by (country, direction); a group of med is
	 * one of cnt */
	for (i = 0, j = 0; i < cnt.nrows; i++) {
		const struct store_stat_row *c = &cnt.rows[i];
		w_raw(r, "<tr><th scope=\"row\">");
		w_text(r, stat_value_label(STAT_D_COUNTRY, c->keys[0], r->lang == I18N_EN));
		w_raw(r, "</th><td>");
		w_text(r, stat_value_label(STAT_D_DIRECTION, c->keys[1], r->lang == I18N_EN));
		w_raw(r, "</td><td>");
		w_text(r, w_int(r, c->value));
		w_raw(r, "</td><td>");
		if (j < med.nrows && (med.rows[j].keys[0] == NULL) == (c->keys[0] == NULL) &&
		    (c->keys[0] == NULL || strcmp(med.rows[j].keys[0], c->keys[0]) == 0) &&
		    strcmp(med.rows[j].keys[1], c->keys[1]) == 0)
			w_text(r, w_int(r, med.rows[j++].value));
		else
			w_text(r, "—");
		w_raw(r, "</td></tr>");
	}
	w_raw(r, "</tbody></table>");
}

void
page_cooperation_get(struct web_req *r)
{
	static const char *const heads[] = { N_("Case"), N_("Direction"), N_("Country"),
		N_("Authority"), N_("Reference"), N_("Type"), N_("Status"), N_("Sent"), N_("Due"),
		N_("Deadline") };
	struct app_mla_filter f;
	struct app_mla_row *rows;
	const char *bad = read_filter(r, &f);
	size_t n = 0, i, late = 0;

	if (bad == NULL && app_mla_list(r->app, &r->actor, &f, &r->a, &rows, &n, &r->err) !=
	    KERR_OK) {
		w_kerr(r, &r->err);
		return;
	}
	if (bad != NULL && !w_can(r, POL_REQUEST_MANAGE)) {
		app_mla_list(r->app, &r->actor, &f, &r->a, &rows, &n, &r->err);   /* audited refusal */
		w_kerr(r, &r->err);
		return;
	}
	r->status = bad != NULL ? 400 : r->status;
	w_page_begin(r, _("International cooperation"));
	w_raw(r, "<p class=\"actions\"><a href=\"/cooperation\">");
	w_text(r, _("All requests"));
	w_raw(r, "</a> · <a href=\"/cooperation?overdue=1\">");
	w_text(r, _("Overdue"));
	w_raw(r, "</a> · <a href=\"/cooperation?due_within=7\">");
	w_text(r, _("Due this week"));
	w_raw(r, "</a></p>");
	if (bad != NULL) {
		w_alert(r, bad);
		w_page_end(r);
		return;
	}
	for (i = 0; i < n; i++)
		late += rows[i].dated && rows[i].days_left < 0;
	w_raw(r, "<p id=\"overdue-count\">");
	w_text(r, arena_printf(&r->a, _("%zu requests, %zu overdue"), n, late));
	w_raw(r, "</p>");
	if (n == 0) {
		w_raw(r, "<p class=\"empty\">");
		w_text(r, _("No request matches."));
		w_raw(r, "</p>");
		w_page_end(r);
		return;
	}
	w_raw(r, "<table class=\"requests\"><caption>");
	w_text(r, _("International requests, overdue first"));
	w_raw(r, "</caption><thead><tr>");
	for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		w_raw(r, "<th scope=\"col\">");
		w_text(r, _(heads[i]));
		w_raw(r, "</th>");
	}
	w_raw(r, "</tr></thead><tbody>");
	for (i = 0; i < n; i++)
		request_row(r, &rows[i]);
	w_raw(r, "</tbody></table>");
	request_figures(r);
	w_page_end(r);
}

static json_t *
jtext(const char *s)
{
	return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

void
api_requests_get(struct web_req *r)
{
	struct app_mla_filter f;
	struct app_mla_row *rows;
	const char *bad = read_filter(r, &f);
	json_t *arr;
	size_t n, i;

	if (bad != NULL && w_can(r, POL_REQUEST_MANAGE)) {
		api_error(r, 400, "bad_request", bad);
		return;
	}
	if (app_mla_list(r->app, &r->actor, &f, &r->a, &rows, &n, &r->err) != KERR_OK) {
		api_kerr(r, &r->err);
		return;
	}
	arr = json_array();
	for (i = 0; i < n; i++) {
		const struct intl_request *q = &rows[i].r;
		json_array_append_new(arr, json_pack("{s:I,s:I,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,"
			"s:o,s:o,s:b}", "id", (json_int_t)q->id, "case", (json_int_t)q->case_id,
			"case_number", rows[i].case_number, "direction", jtext(q->direction),
			"country", jtext(q->country), "authority", jtext(q->authority), "type",
			jtext(q->type), "status", jtext(q->status), "reference", jtext(q->reference),
			"sent", jtext(q->sent), "due", jtext(q->due), "days_left", rows[i].dated ?
			json_integer(rows[i].days_left) : json_null(), "overdue",
			rows[i].dated && rows[i].days_left < 0));
	}
	api_json(r, 200, json_pack("{s:o}", "requests", arr));
}
