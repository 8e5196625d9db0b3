/*
 * pages/stats.c — the observatory's dashboard (/stats) and the CSV of each of
 * its tables (/stats.csv). The tables are app_stat_tables_where's (the same
 * as the XLSX workbook) and the workload of open cases by assignee; each chart is SVG drawn here on the server, inline
 * (no script, so the strict CSP holds), with its table beside it.
 */
#include "web/web_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/opendata.h"
#include "app/stats.h"
#include "web/webcsv.h"

/* The filters of the query string; a bad one is a message (NULL = good). */
static const char *
read_filter(struct web_req *r, struct app_stat_filter *f)
{
	const char *from = form_nonblank(&r->query, "from"), *to = form_nonblank(&r->query, "to");
	const char *office = form_nonblank(&r->query, "office");
	struct office *o = NULL;
	size_t no = 0, i;
	struct kerr e;
	char *end;

	memset(f, 0, sizeof(*f));
	if (from != NULL) {
		f->from = (int)strtol(from, &end, 10);
		if (*end || strlen(from) != 4 || f->from < 1900 || f->from > 2100)
			return _("The first year must be a year such as 2019.");
	}
	if (to != NULL) {
		f->to = (int)strtol(to, &end, 10);
		if (*end || strlen(to) != 4 || f->to < 1900 || f->to > 2100)
			return _("The last year must be a year such as 2024.");
	}
	if (f->from && f->to && f->from > f->to)
		return _("The first year comes after the last one: the range is empty.");
	f->region = form_nonblank(&r->query, "region");
	if (f->region && !cb_lookup(CB_DEPARTMENT, f->region))
		return _("Unknown region.");
	if (office != NULL) {
		if (app_office_list(r->app, &r->actor, &r->a, &o, &no, &e) != KERR_OK)
			no = 0;
		for (i = 0; i < no && strcmp(o[i].code, office) != 0; i++)
			;
		if (i == no)
			return _("Unknown office.");
		f->office = o[i].code;
	}
	return NULL;
}

/* s percent-encoded for a query string (all but unreserved characters). */
static const char *
url_encode(struct web_req *r, const char *s)
{
	char *o = arena_alloc(&r->a, strlen(s) * 3 + 1), *p = o;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("-_.~", c) != NULL)
			*p++ = (char)c;
		else
			p += sprintf(p, "%%%02X", c);
	}
	*p = '\0';
	return o;
}

/* The query string of the filters (values from the checked filter only). */
static const char *
filter_query(struct web_req *r, const struct app_stat_filter *f)
{
	char *q = arena_strdup(&r->a, "");

	if (f->from)
		q = arena_printf(&r->a, "%s&from=%04d", q, f->from);
	if (f->to)
		q = arena_printf(&r->a, "%s&to=%04d", q, f->to);
	if (f->office)
		q = arena_printf(&r->a, "%s&office=%s", q, url_encode(r, f->office));
	if (f->region)
		q = arena_printf(&r->a, "%s&region=%s", q, url_encode(r, f->region));
	if (r->lang_explicit)
		q = arena_printf(&r->a, "%s&lang=%s", q, i18n_lang_code(r->lang));
	return q;
}

/* The GET form, showing what was typed (even when it was wrong). */
static void
filters_form(struct web_req *r)
{
	const char *cur = form_get(&r->query, "office");
	struct office *o = NULL;
	size_t no = 0;
	struct kerr e;

	if (app_office_list(r->app, &r->actor, &r->a, &o, &no, &e) != KERR_OK)
		no = 0;
	w_raw(r, "<form class=\"filters\" method=\"get\" action=\"/stats\" role=\"search\">");
	w_field_label(r, "from", _("From year"));
	w_raw(r, "<input id=\"from\" name=\"from\" inputmode=\"numeric\" size=\"4\" value=\"");
	w_text(r, form_get(&r->query, "from"));
	w_raw(r, "\"></div>");
	w_field_label(r, "to", _("To year"));
	w_raw(r, "<input id=\"to\" name=\"to\" inputmode=\"numeric\" size=\"4\" value=\"");
	w_text(r, form_get(&r->query, "to"));
	w_raw(r, "\"></div>");
	w_field_label(r, "office", _("Office"));
	w_select_office(r, o, no, cur);
	w_raw(r, "</div>");
	w_field_label(r, "region", _("Region"));
	w_select_cb(r, "region", CB_DEPARTMENT, form_get(&r->query, "region"), 1);
	w_raw(r, "</div><div><button type=\"submit\">");
	w_text(r, _("Filter"));
	w_raw(r, "</button></div></form>");
}

/* A cell's value (value x 10^dec) written out; machine: plain digits and a
 * point (CSV), else grouped in the request's language. */
static const char *
cell_text(struct web_req *r, int64_t v, int dec, int machine)
{
	char num[64];
	int64_t p = 1, whole, frac;
	int i;

	for (i = 0; i < dec; i++)
		p *= 10;
	whole = (v < 0 ? -v : v) / p;
	frac = (v < 0 ? -v : v) % p;
	if (machine)
		snprintf(num, sizeof(num), "%lld", (long long)whole);
	else
		i18n_format_int(r->lang, (long long)whole, num, sizeof(num));
	if (dec == 0)
		return arena_printf(&r->a, "%s%s", v < 0 ? "-" : "", num);
	return arena_printf(&r->a, "%s%s%s%0*lld", v < 0 ? "-" : "", num,
		machine || r->lang == I18N_EN ? "." : ",", dec, (long long)frac);
}

static int
col_decimals(const struct app_table *t, size_t j)
{
	return t->decimals ? t->decimals[j] : 0;
}

/* One table with its chart, note and CSV link. */
static void
table_section(struct web_req *r, const struct app_table *t, const char *query)
{
	size_t i, j;
	int matrix = t->kind == APP_TABLE_MATRIX;
	/* a matrix scrolls sideways: a keyboard must reach it to scroll */

	w_raw(r, "<section class=\"stat\" id=\"");
	w_text(r, t->id);
	w_raw(r, "\"><h2>");
	w_text(r, t->title);
	w_raw(r, matrix ? "</h2><div class=\"stat-body matrix\">" : "</h2><div class=\"stat-body\">");
	w_raw(r, "<figure class=\"chart\"");
	w_raw(r, matrix ? " tabindex=\"0\" aria-label=\"" : ">");
	if (matrix) {
		w_text(r, t->title);
		w_raw(r, "\">");
	}
	if (app_table_svg_lang(t, r->lang == I18N_EN, &r->out) != 0) {
		fprintf(stderr, "khipu: web: BUG: chart larger than the page's cap\n");
		r->status = 500;
		return;
	}
	w_raw(r, "</figure><div class=\"stat-table\"");
	w_raw(r, matrix ? " tabindex=\"0\" role=\"region\" aria-label=\"" : ">");
	if (matrix) {
		w_text(r, arena_printf(&r->a, _("Table: %s"), t->title));
		w_raw(r, "\">");
	}
	w_raw(r, "<table><caption>");
	w_text(r, t->title);
	w_raw(r, "</caption><thead><tr><th scope=\"col\">");
	w_text(r, t->corner);
	w_raw(r, "</th>");
	for (j = 0; j < t->ncols; j++) {
		w_raw(r, "<th scope=\"col\">");
		w_text(r, t->head[j]);
		w_raw(r, "</th>");
	}
	w_raw(r, "</tr></thead><tbody>");
	for (i = 0; i < t->nrows; i++) {
		w_raw(r, "<tr><th scope=\"row\">");
		w_text(r, t->label[i]);
		w_raw(r, "</th>");
		for (j = 0; j < t->ncols; j++) {
			w_raw(r, "<td class=\"num\">");
			w_text(r, cell_text(r, t->cell[i * t->ncols + j], col_decimals(t, j), 0));
			w_raw(r, "</td>");
		}
		w_raw(r, "</tr>");
	}
	w_raw(r, "</tbody></table>");
	if (t->nrows == 0) {
		w_raw(r, "<p>");
		w_text(r, _("No data for these filters."));
		w_raw(r, "</p>");
	}
	if (t->note) {
		w_raw(r, "<p class=\"note\">");
		w_text(r, t->note);
		w_raw(r, "</p>");
	}
	w_raw(r, "<p><a class=\"csv\" download href=\"/stats.csv?table=");
	w_text(r, t->id);
	w_text(r, query);
	w_raw(r, "\">");
	w_text(r, _("Download CSV"));
	w_raw(r, "<span class=\"skip\"> — ");
	w_text(r, t->title);
	w_raw(r, "</span></a></p></div></div></section>");
}

/* The office head's workload: open cases by assigned prosecutor and stage,
 * under the page's filters (choose an office for one office's). A working
 * table, not a published one: it is not in the workbook of the standard
 * tables. */
static enum kerr_code
workload_table(struct web_req *r, const struct app_stat_filter *f, struct app_table **out,
	struct kerr *err)
{
	struct stat_query q;
	struct stat_result res;
	struct app_table *t;
	enum kerr_code rc;

	memset(&q, 0, sizeof(q));
	q.measure = STAT_OPEN_CASES;
	q.from = f->from;
	q.to = f->to;
	if ((rc = stat_parse_by(&q, "assignee,stage", err)) != KERR_OK ||
	    (f->office && (rc = stat_parse_where(&q, arena_printf(&r->a, "office=%s", f->office),
	    err)) != KERR_OK) ||
	    (f->region && (rc = stat_parse_where(&q, arena_printf(&r->a, "region=%s", f->region),
	    err)) != KERR_OK) ||
	    (rc = app_stats(r->app, &r->actor, &q, &r->a, &res, err)) != KERR_OK)
		return rc;
	t = app_table_from_stats(&r->a, &res, r->lang == I18N_EN,
		_("Workload: open cases by assigned prosecutor and stage"), 0);
	t->id = "workload";
	t->corner = _("Assigned prosecutor");
	t->note = _("open: neither archived nor closed by a final judgment; 'nobody': not "
		"assigned yet; choose an office to see one office's");
	*out = t;
	return KERR_OK;
}

/* One query of the State's response (docs/statistics.md) under the page's
 * filters: measure m by the dimensions "by" (money in PEN). */
static enum kerr_code
response_query(struct web_req *r, const struct app_stat_filter *f, enum stat_measure m,
	const char *by, struct stat_result *res, struct kerr *err)
{
	struct stat_query q;
	enum kerr_code rc;

	memset(&q, 0, sizeof(q));
	q.measure = m;
	q.from = f->from;
	q.to = f->to;
	if ((rc = stat_parse_by(&q, by, err)) != KERR_OK ||
	    (f->office && (rc = stat_parse_where(&q, arena_printf(&r->a, "office=%s", f->office),
	    err)) != KERR_OK) ||
	    (f->region && (rc = stat_parse_where(&q, arena_printf(&r->a, "region=%s", f->region),
	    err)) != KERR_OK))
		return rc;
	return app_stats(r->app, &r->actor, &q, &r->a, res, err);
}

/* The State's response (issue 10): victims protected by measure, assets by
 * their current stage, and the value seized, confiscated and realised in
 * the years chosen (each by the date of its own step). Three tables. */
static enum kerr_code
response_tables(struct web_req *r, const struct app_stat_filter *f, struct app_table *out,
	struct kerr *err)
{
	static const enum stat_measure values[3] = { STAT_SEIZED_VALUE, STAT_CONFISCATED_VALUE,
		STAT_REALISED_VALUE };
	static const char *const value_names[3] = { N_("Seized or frozen"),
		N_("Confiscated (decomiso, extinción de dominio)"), N_("Realised (sold, assigned)") };
	static const int cents[1] = { 2 };
	struct stat_result res;
	struct app_table *t;
	enum kerr_code rc;
	int en = r->lang == I18N_EN;
	size_t i;

	if ((rc = response_query(r, f, STAT_PROTECTED_VICTIMS, "protection_measure", &res,
	    err)) != KERR_OK)
		return rc;
	t = app_table_from_stats(&r->a, &res, en, _("Victims protected, by measure or service"), 0);
	t->id = "protected_victims";
	t->corner = _("Measure or service");
	t->head[0] = _("Victims");
	t->note = _("a victim with several measures counts once under each; by the year of the "
		"measure, not of the complaint");
	out[0] = *t;
	if ((rc = response_query(r, f, STAT_ASSETS, "asset_stage", &res, err)) != KERR_OK)
		return rc;
	t = app_table_from_stats(&r->a, &res, en, _("Assets by their current stage"), 0);
	t->id = "assets_by_stage";
	t->corner = _("Current stage");
	t->head[0] = _("Assets");
	t->note = _("the stage is the asset's last step, counted in the year of that step");
	out[1] = *t;
	t = &out[2];
	memset(t, 0, sizeof(*t));
	t->id = "assets_recovered";
	t->title = _("Value of the assets seized, confiscated and realised (PEN)");
	t->kind = APP_TABLE_BARS;
	t->corner = _("Step");
	t->ncols = 1;
	t->head = arena_alloc(&r->a, sizeof(*t->head));
	t->head[0] = _("Value (PEN)");
	t->nrows = 3;
	t->label = arena_alloc(&r->a, 3 * sizeof(*t->label));
	t->cell = arena_alloc(&r->a, 3 * sizeof(*t->cell));
	t->decimals = cents;
	for (i = 0; i < 3; i++) {
		if ((rc = response_query(r, f, values[i], "year", &res, err)) != KERR_OK)
			return rc;
		t->label[i] = _(value_names[i]);
		t->cell[i] = res.total;
	}
	t->note = _("estimated values of the assets with such a step, each in the year of its "
		"first seizure or confiscation; realised: the values of the sales and assignments");
	return KERR_OK;
}

/* The dashboard's tables: the standard ones (filtered), the State's
 * response, then the workload, then today's overdue legal terms by office
 * (app/deadlines.c). */
static enum kerr_code
all_tables(struct web_req *r, const struct app_stat_filter *f, struct app_table **out,
	size_t *n, struct kerr *err)
{
	struct app_table *t, *w, *overdue, *all;
	enum kerr_code rc;

	if ((rc = app_stat_tables_where(r->app, &r->actor, f, r->lang == I18N_EN, &r->a, &t, n,
	    err)) != KERR_OK || (rc = workload_table(r, f, &w, err)) != KERR_OK ||
	    (rc = app_overdue_by_office(r->app, &r->actor, f->office, r->lang == I18N_EN, &r->a,
	    &overdue, err)) != KERR_OK)
		return rc;
	all = arena_alloc(&r->a, (*n + 5) * sizeof(*all));
	memcpy(all, t, *n * sizeof(*all));
	if ((rc = response_tables(r, f, all + *n, err)) != KERR_OK)
		return rc;
	*n += 3;
	all[(*n)++] = *w;
	all[(*n)++] = *overdue;
	*out = all;
	return KERR_OK;
}

/* Refuse roles without stats.read before looking at the filters. */
static int
allowed(struct web_req *r)
{
	if (w_can(r, POL_STATS_READ))
		return 1;
	w_error(r, 403, _("Your role may not read the statistics."));
	return 0;
}

void
page_stats_get(struct web_req *r)
{
	struct app_stat_filter f;
	struct app_table *t;
	const char *bad, *query;
	size_t n, i;

	if (!allowed(r))
		return;
	if ((bad = read_filter(r, &f)) != NULL) {
		r->status = 400;
		w_page_begin(r, _("Statistics"));
		filters_form(r);
		w_alert(r, bad);
		w_page_end(r);
		return;
	}
	if (all_tables(r, &f, &t, &n, &r->err) != KERR_OK) {
		w_kerr(r, &r->err);
		return;
	}
	query = filter_query(r, &f);
	w_page_begin(r, _("Statistics"));
	filters_form(r);
	w_raw(r, "<p class=\"note\">");
	w_text(r, _("Counts of the register's victims, cases, suspects and assets; no identity "
		"is read. Each chart has its table beside it and a CSV download."));
	w_raw(r, " ");
	w_text(r, _("To print the dashboard, use the browser's Print: the menu, the filters and "
		"the links are left out."));
	w_raw(r, "</p>");
	/* the workbook: for the roles that may export (the analyst) */
	if (w_can(r, POL_DATA_EXPORT)) {
		w_raw(r, "<p><a class=\"xlsx\" id=\"workbook\" download href=\"/stats.xlsx?");
		w_text(r, *query == '&' ? query + 1 : query);
		w_raw(r, "\">");
		w_text(r, _("Download the workbook of the standard tables (XLSX)"));
		w_raw(r, "</a></p>");
	}
	w_raw(r, "<nav class=\"toc\" aria-label=\"");
	w_text(r, _("Tables"));
	w_raw(r, "\"><ul>");
	for (i = 0; i < n; i++) {
		w_raw(r, "<li><a href=\"#");
		w_text(r, t[i].id);
		w_raw(r, "\">");
		w_text(r, t[i].title);
		w_raw(r, "</a></li>");
	}
	w_raw(r, "</ul></nav>");
	for (i = 0; i < n && r->status != 500; i++)
		table_section(r, &t[i], query);
	if (r->status == 500) {
		w_error(r, 500, _("Something went wrong on the server; it has been logged."));
		return;
	}
	w_page_end(r);
}

static int
csv_table(struct web_req *r, const struct app_table *t)
{
	struct buf *b = &r->out;
	size_t i, j;

	if (webcsv_cell(b, t->corner) < 0)
		return -1;
	for (j = 0; j < t->ncols; j++)
		if (buf_addc(b, ',') < 0 || webcsv_cell(b, t->head[j]) < 0)
			return -1;
	if (buf_adds(b, "\r\n") < 0)
		return -1;
	for (i = 0; i < t->nrows; i++) {
		if (webcsv_cell(b, t->label[i]) < 0)
			return -1;
		for (j = 0; j < t->ncols; j++)
			if (buf_addc(b, ',') < 0 ||
			    buf_adds(b, cell_text(r, t->cell[i * t->ncols + j], col_decimals(t, j),
			    1)) < 0)
				return -1;
		if (buf_adds(b, "\r\n") < 0)
			return -1;
	}
	return 0;
}

/* The workbook of the standard tables under the page's filters (issue 11):
 * the CLI's `khipu export xlsx`, policy data.export (the analyst's). */
void
page_stats_xlsx_get(struct web_req *r)
{
	struct app_stat_filter f;
	const char *bad;

	if (!allowed(r))
		return;
	if ((bad = read_filter(r, &f)) != NULL) {
		w_error(r, 400, bad);
		return;
	}
	buf_reset(&r->out);
	if (app_export_xlsx_buf(r->app, &r->actor, &f, r->lang == I18N_EN, &r->out, &r->err) !=
	    KERR_OK) {
		w_kerr(r, &r->err);
		return;
	}
	r->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	w_header(r, "Content-Disposition", "attachment; filename=\"khipu-stats.xlsx\"");
}

void
page_stats_csv_get(struct web_req *r)
{
	const char *id = form_nonblank(&r->query, "table"), *bad;
	struct app_stat_filter f;
	struct app_table *t;
	size_t n, i;

	if (!allowed(r))
		return;
	if (id == NULL) {
		w_error(r, 400, _("Say which table: ?table= and the name of one of the dashboard's "
			"tables."));
		return;
	}
	if ((bad = read_filter(r, &f)) != NULL) {
		w_error(r, 400, bad);
		return;
	}
	if (all_tables(r, &f, &t, &n, &r->err) != KERR_OK) {
		w_kerr(r, &r->err);
		return;
	}
	for (i = 0; i < n && strcmp(t[i].id, id) != 0; i++)
		;
	if (i == n) {
		w_error(r, 404, _("Unknown table: the dashboard has no table of that name."));
		return;
	}
	buf_reset(&r->out);
	r->ctype = "text/csv; charset=utf-8";
	/* the name is the table's own id (letters and '_'), never the input */
	w_header(r, "Content-Disposition",
		arena_printf(&r->a, "attachment; filename=\"khipu-%s.csv\"", t[i].id));
	if (csv_table(r, &t[i]) != 0) {
		fprintf(stderr, "khipu: web: BUG: CSV larger than the page's cap\n");
		w_error(r, 500, _("Something went wrong on the server; it has been logged."));
	}
}
