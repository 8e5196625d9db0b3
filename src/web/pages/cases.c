/*
 * pages/cases.c — the list of cases with its filters, a case with its
 * timeline (identities masked), the audited reveal, and the sub-form that
 * records a procedural event.
 */
#include "web/web_int.h"
#include "web/pagecache.h"
#include "web/revealstate.h"
#include "web/webcsv.h"

#include "core/mla.h"
#include "core/ncpp.h"
#include "lib/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CASES_PAGE 100
#define CASES_COUNT_CAP 100000   /* counted exactly up to this many */
#define CASES_CSV_MAX 100000     /* rows of /cases.csv at most (about 10 MB) */
#define CASES_CSV_BATCH 2000     /* read this many at a time */

/* The offices, for codes and the filter (every signed-in user may list them). */
static struct office *
offices(struct web_req *r, size_t *n)
{
	struct office *o = NULL;
	struct kerr e;

	if (app_office_list(r->app, &r->actor, &r->a, &o, n, &e) != KERR_OK)
		*n = 0;
	return o;
}

static const char *
office_code(struct office *o, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (o[i].id == id)
			return o[i].code;
	return "";
}

static void fact(struct web_req *r, const char *term);

/* The legal term running on the case (core/ncpp.h): its kind with the
 * article, its dates, the days left or past. */
static void
term_fact(struct web_req *r, const struct case_term *t)
{
	int64_t left = app_days_left(t->due);
	char num[64];

	fact(r, _("Legal term"));
	w_raw(r, "<span id=\"term\">");
	w_text(r, w_label(r, CB_LEGAL_TERM, t->kind));
	if (t->extended) {
		w_raw(r, " · ");
		w_text(r, _("extended"));
	}
	w_raw(r, "<br>");
	w_text(r, _("from"));
	w_raw(r, " ");
	w_text(r, w_date(r, t->start));
	w_raw(r, " ");
	w_text(r, _("to"));
	w_raw(r, " ");
	w_text(r, w_date(r, t->due));
	w_raw(r, left < 0 ? " · <strong class=\"overdue\">" : " · <span class=\"days-left\">");
	i18n_format_int(r->lang, left < 0 ? -left : left, num, sizeof(num));
	w_text(r, arena_printf(&r->a, left < 0 ? _("overdue by %s days") : _("%s days left"), num));
	w_raw(r, left < 0 ? "</strong></span>" : "</span></span>");
}

/* term=running|overdue|due30: the running legal term. */
static const char *
term_filter(struct web_req *r, struct store_case_filter *f)
{
	const char *term = form_nonblank(&r->query, "term");
	enum app_deadline_filter which;
	char *from, *to;

	if (term == NULL)
		return NULL;
	if (strcmp(term, "running") == 0)
		which = APP_DL_ALL;
	else if (strcmp(term, "overdue") == 0)
		which = APP_DL_OVERDUE;
	else if (strcmp(term, "due30") == 0)
		which = APP_DL_WITHIN;
	else
		return _("Unknown legal term filter.");
	from = arena_alloc(&r->a, 11);
	to = arena_alloc(&r->a, 11);
	if (app_deadline_filter_dates(which, 30, from, to, &r->err) != KERR_OK)
		return _("Unknown legal term filter.");
	f->due_from = from;
	f->due_to = to;
	return NULL;
}

/* A select of fixed choices (value, label), the current one selected. */
static void
select_fixed(struct web_req *r, const char *name, const char *const (*opt)[2], size_t n)
{
	const char *cur = form_get(&r->query, name);
	size_t i;

	w_rawf(r, "<select id=\"%s\" name=\"%s\">", name, name);
	for (i = 0; i < n; i++) {
		w_raw(r, "<option value=\"");
		w_text(r, opt[i][0]);
		w_raw(r, cur != NULL && strcmp(cur, opt[i][0]) == 0 ? "\" selected>" : "\">");
		w_text(r, _(opt[i][1]));
		w_raw(r, "</option>");
	}
	w_raw(r, "</select>");
}

/* The offices a user may filter the list by: every office for roles that
 * see every case, her own office for office-scoped roles (the cases they
 * see are their office's; others' shares are listed under their owners). */
static struct office *
filter_offices(struct web_req *r, struct office *o, size_t *n)
{
	size_t i;

	if (policy_scope(r->actor.role, POL_CASE_LIST) != POL_SCOPE_OFFICE)
		return o;
	for (i = 0; i < *n; i++)
		if (o[i].id == r->actor.office_id) {
			*n = 1;
			return &o[i];
		}
	*n = 0;
	return o;
}

static const char *const sort_names[] = {
	[STORE_CASE_NEWEST] = "newest",
	[STORE_CASE_OLDEST] = "oldest",
	[STORE_CASE_NUMBER] = "number",
	[STORE_CASE_DUE] = "due",
};
static const char *const sort_labels[] = {
	[STORE_CASE_NEWEST] = N_("Newest complaint first"),
	[STORE_CASE_OLDEST] = N_("Oldest complaint first"),
	[STORE_CASE_NUMBER] = N_("Case number"),
	[STORE_CASE_DUE] = N_("Earliest legal term first"),
};
#define NSORTS (sizeof(sort_names) / sizeof(sort_names[0]))
_Static_assert(sizeof(sort_labels) / sizeof(sort_labels[0]) == NSORTS, "one label per order");

/* Read and check the filters; a bad one is a message, not a 500. The
 * office filter names the office that owns the case. */
static const char *
read_filter(struct web_req *r, struct office *o, size_t no, struct store_case_filter *f,
	long *page, long *per)
{
	const char *s;
	size_t i;
	char *end;

	memset(f, 0, sizeof(*f));
	*page = 1;
	f->stage = form_nonblank(&r->query, "stage");
	f->department = form_nonblank(&r->query, "region");
	f->exploitation = form_nonblank(&r->query, "exploitation");
	f->number_like = form_nonblank(&r->query, "number");
	if (f->stage && !cb_lookup(CB_STAGE, f->stage))
		return _("Unknown stage.");
	if (f->department && !cb_lookup(CB_DEPARTMENT, f->department))
		return _("Unknown region.");
	if (f->exploitation && !cb_lookup(CB_EXPLOITATION, f->exploitation))
		return _("Unknown form of exploitation.");
	if (f->number_like && strlen(f->number_like) > 64)
		return _("The case number is too long.");
	if ((s = form_nonblank(&r->query, "year")) != NULL) {
		f->year = (int)strtol(s, &end, 10);
		if (*end || f->year < 1900 || f->year > 2100)
			return _("The year must be a number such as 2024.");
	}
	if ((s = form_nonblank(&r->query, "office")) != NULL) {
		for (i = 0; i < no && strcmp(o[i].code, s) != 0; i++)
			;
		if (i == no)
			return _("Unknown office, or one whose cases you may not list.");
		f->owner_office_id = o[i].id;
	}
	if ((s = form_nonblank(&r->query, "sort")) != NULL) {
		for (i = 0; i < NSORTS && strcmp(sort_names[i], s) != 0; i++)
			;
		if (i == NSORTS)
			return _("Unknown order.");
		f->sort = (enum store_case_sort)i;
	}
	*per = CASES_PAGE;
	if ((s = form_nonblank(&r->query, "per")) != NULL) {
		*per = strtol(s, &end, 10);
		if (*end || (*per != 10 && *per != 25 && *per != 50 && *per != 100))
			return _("Show 10, 25, 50 or 100 cases a page.");
	}
	if ((s = term_filter(r, f)) != NULL)
		return s;
	if ((s = form_nonblank(&r->query, "assigned_to")) != NULL) {
		struct kerr e;
		if (strlen(s) > 64 ||
		    app_assignee_filter(r->app, &r->actor, s, &f->assigned_to, &e) != KERR_OK)
			return _("Unknown user in 'Assigned to'.");
	}
	if ((s = form_nonblank(&r->query, "page")) != NULL) {
		*page = strtol(s, &end, 10);
		if (*end || *page < 1 || *page > 100000)
			return _("Unknown page.");
		f->offset = (size_t)(*page - 1) * (size_t)*per;
	}
	f->limit = (size_t)*per + 1;
	return NULL;
}

/* "Assigned to": anyone, me, nobody, or the user named in the query. */
static void
assignee_select(struct web_req *r, const char *cur)
{
	static const struct { const char *value, *label; } opt[] = {
		{ "", "" }, { "me", N_("Me") }, { "nobody", N_("Nobody") },
	};
	size_t i;
	int known = cur == NULL || *cur == '\0';

	w_field_label(r, "assigned_to", _("Assigned to"));
	w_raw(r, "<select id=\"assigned_to\" name=\"assigned_to\">");
	for (i = 0; i < sizeof(opt) / sizeof(opt[0]); i++) {
		int sel = cur != NULL && strcmp(cur, opt[i].value) == 0;
		known |= sel;
		w_raw(r, "<option value=\"");
		w_text(r, opt[i].value);
		w_raw(r, sel ? "\" selected>" : "\">");
		w_text(r, *opt[i].label ? _(opt[i].label) : "");
		w_raw(r, "</option>");
	}
	if (!known) {
		w_raw(r, "<option selected value=\"");
		w_text(r, cur);
		w_raw(r, "\">");
		w_text(r, cur);
		w_raw(r, "</option>");
	}
	w_raw(r, "</select></div>");
}

static void
filters_form(struct web_req *r, struct office *o, size_t no)
{
	static const char *const terms[][2] = { { "", N_("Any") },
		{ "running", N_("Running") }, { "overdue", N_("Overdue") },
		{ "due30", N_("Ends within 30 days") } };
	const char *cur = form_get(&r->query, "office");
	const char *sort = form_get(&r->query, "sort");
	size_t i;

	w_raw(r, "<form class=\"filters\" method=\"get\" action=\"/cases\" role=\"search\">");
	w_field_label(r, "office", _("Office"));
	w_select_office(r, o, no, cur);
	w_raw(r, "</div>");
	w_field_label(r, "stage", _("Stage"));
	w_select_cb(r, "stage", CB_STAGE, form_get(&r->query, "stage"), 1);
	w_raw(r, "</div>");
	w_field_label(r, "region", _("Region"));
	w_select_cb(r, "region", CB_DEPARTMENT, form_get(&r->query, "region"), 1);
	w_raw(r, "</div>");
	w_field_label(r, "year", _("Year"));
	w_raw(r, "<input id=\"year\" name=\"year\" inputmode=\"numeric\" value=\"");
	w_text(r, form_get(&r->query, "year"));
	w_raw(r, "\"></div>");
	w_field_label(r, "exploitation", _("Form of exploitation"));
	w_select_cb(r, "exploitation", CB_EXPLOITATION, form_get(&r->query, "exploitation"), 1);
	w_raw(r, "</div>");
	assignee_select(r, form_get(&r->query, "assigned_to"));
	w_field_label(r, "number", _("Case number contains"));
	w_raw(r, "<input id=\"number\" name=\"number\" value=\"");
	w_text(r, form_get(&r->query, "number"));
	w_raw(r, "\"></div>");
	w_field_label(r, "term", _("Legal term"));
	select_fixed(r, "term", terms, sizeof(terms) / sizeof(terms[0]));
	w_raw(r, "</div>");
	w_field_label(r, "sort", _("Order"));
	w_raw(r, "<select id=\"sort\" name=\"sort\">");
	for (i = 0; i < NSORTS; i++) {
		w_raw(r, "<option value=\"");
		w_raw(r, sort_names[i]);
		w_raw(r, sort != NULL && strcmp(sort, sort_names[i]) == 0 ? "\" selected>" : "\">");
		w_text(r, _(sort_labels[i]));
		w_raw(r, "</option>");
	}
	w_raw(r, "</select></div>");
	w_field_label(r, "per", _("Cases a page"));
	w_raw(r, "<select id=\"per\" name=\"per\">");
	{
		static const char *const pers[] = { "100", "50", "25", "10" };
		const char *cur_per = form_get(&r->query, "per");
		for (i = 0; i < sizeof(pers) / sizeof(pers[0]); i++) {
			w_raw(r, "<option");
			w_raw(r, cur_per != NULL && strcmp(cur_per, pers[i]) == 0 ? " selected>" : ">");
			w_raw(r, pers[i]);
			w_raw(r, "</option>");
		}
	}
	w_raw(r, "</select></div><div><button type=\"submit\">");
	w_text(r, _("Filter"));
	w_raw(r, "</button></div></form>");
}

/* One link of the pager: the same filters, another page. */
static void
page_link(struct web_req *r, long page, long current, const char *label)
{
	if (page == current && label == NULL) {
		w_rawf(r, "<li><a aria-current=\"page\" href=\"");
		w_text(r, w_query_with(r, "page", arena_printf(&r->a, "%ld", page)));
		w_raw(r, "\">");
		w_text(r, w_int(r, page));
		w_raw(r, "</a></li>");
		return;
	}
	w_raw(r, "<li><a href=\"");
	w_text(r, w_query_with(r, "page", arena_printf(&r->a, "%ld", page)));
	w_raw(r, label != NULL ? "\" rel=\"" : "\">");
	if (label != NULL) {
		w_raw(r, page < current ? "prev\">" : "next\">");
		w_text(r, label);
	} else {
		w_text(r, w_int(r, page));
	}
	w_raw(r, "</a></li>");
}

/* Previous, the first page, the pages around this one, the last (when the
 * count is known), next. Every link keeps every filter. */
static void
pager(struct web_req *r, long page, long last, int more)
{
	long p;

	if (last <= 1 && page == 1 && !more)
		return;
	w_raw(r, "<nav class=\"pager\" aria-label=\"");
	w_text(r, _("Pages"));
	w_raw(r, "\"><ul>");
	if (page > 1)
		page_link(r, page - 1, page, _("Previous"));
	for (p = 1; p <= last; p++) {
		if (p == 1 || p == last || (p >= page - 2 && p <= page + 2))
			page_link(r, p, page, NULL);
		else if (p == page - 3 || p == page + 3)
			w_raw(r, "<li aria-hidden=\"true\">…</li>");
	}
	if (more)
		page_link(r, page + 1, page, _("Next"));
	w_raw(r, "</ul></nav>");
}

/* The table of case rows (the list, the start page). */
void
w_case_rows(struct web_req *r, const char *caption, const struct store_case_row *rows,
	size_t shown)
{
	size_t i;

	/* a table wider than the screen scrolls; without a link in it (a role
	 * that may not open cases) the keyboard reaches it by itself */
	if (w_can(r, POL_CASE_READ)) {
		w_raw(r, "<div class=\"wide\">");
	} else {
		w_raw(r, "<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-label=\"");
		w_text(r, caption);
		w_raw(r, "\">");
	}
	w_raw(r, "<table class=\"cases\"><caption class=\"skip\">");
	w_text(r, caption);
	w_raw(r, "</caption><thead><tr><th scope=\"col\">");
	w_text(r, _("Number"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Office"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Complaint"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Region"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Stage"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Term due"));
	w_raw(r, "</th><th scope=\"col\" class=\"num\">");
	w_text(r, _("Victims"));
	w_raw(r, "</th><th scope=\"col\" class=\"num\">");
	w_text(r, _("Suspects"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Assigned to"));
	w_raw(r, "</th></tr></thead><tbody>");
	for (i = 0; i < shown; i++) {
		const struct kcase *c = &rows[i].c;
		char dep[3] = "";
		if (c->place.ubigeo && strlen(c->place.ubigeo) >= 2)
			memcpy(dep, c->place.ubigeo, 2);
		w_raw(r, "<tr><td class=\"nowrap\">");
		/* a role that may not open cases (the administrator) sees no links
		 * that would only answer 403 */
		if (w_can(r, POL_CASE_READ))
			w_rawf(r, "<a href=\"/cases/%lld\">", (long long)c->id);
		w_text(r, c->number);
		w_raw(r, w_can(r, POL_CASE_READ) ? "</a></td><td>" : "</td><td>");
		w_text(r, rows[i].office_code);
		w_raw(r, "</td><td class=\"nowrap\">");
		w_text(r, w_date(r, c->complaint_date));
		w_raw(r, "</td><td>");
		w_text(r, *dep ? w_label(r, CB_DEPARTMENT, dep) : w_label(r, CB_COUNTRY, c->place.country));
		w_raw(r, "</td><td>");
		w_text(r, w_label(r, CB_STAGE, c->stage));
		w_raw(r, "</td><td class=\"nowrap\">");
		if (c->term.kind != NULL) {
			int over = app_days_left(c->term.due) < 0;
			w_raw(r, over ? "<strong class=\"overdue\">" : "<span>");
			w_text(r, w_date(r, c->term.due));
			w_raw(r, over ? "</strong>" : "</span>");
		}
		w_raw(r, "</td><td class=\"num\">");
		w_text(r, w_int(r, rows[i].nvictims));
		w_raw(r, "</td><td class=\"num\">");
		w_text(r, w_int(r, rows[i].nsuspects));
		w_raw(r, "</td><td>");
		w_text(r, rows[i].c.assignee);
		w_raw(r, "</td></tr>");
	}
	w_raw(r, "</tbody></table></div>");
}

void
page_cases_get(struct web_req *r)
{
	struct store_case_filter f;
	struct store_case_row *rows;
	struct office *o, *fo;
	size_t no, nfo, n, shown;
	const char *bad;
	int64_t total;
	long page = 1, last, per = CASES_PAGE;   /* set by read_filter unless it refuses */

	o = offices(r, &no);
	nfo = no;
	fo = filter_offices(r, o, &nfo);
	if ((bad = read_filter(r, fo, nfo, &f, &page, &per)) != NULL) {
		r->status = 400;
		w_page_begin(r, _("Cases"));
		filters_form(r, fo, nfo);
		w_alert(r, bad);
		w_page_end(r);
		return;
	}
	if (app_case_list(r->app, &r->actor, &f, &r->a, &rows, &n, &r->err) != KERR_OK ||
	    app_case_list_count(r->app, &r->actor, &f, CASES_COUNT_CAP + 1, &total, &r->err) !=
	    KERR_OK) {
		w_kerr(r, &r->err);
		return;
	}
	w_page_begin(r, _("Cases"));
	filters_form(r, fo, nfo);
	if (n == 0) {
		w_raw(r, "<p class=\"empty\">");
		w_text(r, page > 1 ? _("There are no more cases; go back to the first page.") :
			r->query.n > 0 ? _("No case matches these filters. Clear a filter to see more.") :
			w_can(r, POL_CASE_CREATE) ? _("No cases yet. Register the first one with \"New case\".") :
			_("No cases yet."));
		w_raw(r, "</p>");
		pager(r, page, 0, 0);
		w_page_end(r);
		return;
	}
	shown = n > (size_t)per ? (size_t)per : n;
	w_raw(r, "<p class=\"count\" role=\"status\">");
	if (total > CASES_COUNT_CAP)
		w_text(r, arena_printf(&r->a, _("More than %s cases; cases %s to %s shown."),
			w_int(r, CASES_COUNT_CAP), w_int(r, (long long)f.offset + 1),
			w_int(r, (long long)(f.offset + shown))));
	else
		w_text(r, arena_printf(&r->a, _("%s cases; cases %s to %s shown."), w_int(r, total),
			w_int(r, (long long)f.offset + 1), w_int(r, (long long)(f.offset + shown))));
	w_raw(r, "</p>");
	w_case_rows(r, _("Cases"), rows, shown);
	last = total > CASES_COUNT_CAP ? page + (n > (size_t)per) : (long)((total + per - 1) / per);
	pager(r, page, last, n > (size_t)per);
	/* every case of the filters, not only this page's, for a spreadsheet */
	w_raw(r, "<p><a class=\"csv\" id=\"cases-csv\" download href=\"/cases.csv");
	w_text(r, w_query_with(r, "page", NULL));
	w_raw(r, "\">");
	w_text(r, total > CASES_CSV_MAX ? arena_printf(&r->a,
		_("Download the first %s of these cases (CSV)"), w_int(r, CASES_CSV_MAX)) :
		_("Download these cases (CSV)"));
	w_raw(r, "</a></p>");
	w_page_end(r);
}

/* One case row as CSV: codes and ISO dates for a spreadsheet, with the
 * words of the page beside the codes; no identity is in a row. */
static int
csv_case_row(struct web_req *r, struct buf *b, const struct store_case_row *row)
{
	const struct kcase *c = &row->c;
	char dep[3] = "", num[2][24];
	const char *cells[12];
	size_t i;

	if (c->place.ubigeo && strlen(c->place.ubigeo) >= 2)
		memcpy(dep, c->place.ubigeo, 2);
	snprintf(num[0], sizeof(num[0]), "%d", row->nvictims);
	snprintf(num[1], sizeof(num[1]), "%d", row->nsuspects);
	cells[0] = c->number;
	cells[1] = row->office_code;
	cells[2] = c->complaint_date;
	cells[3] = *dep ? dep : "";
	cells[4] = *dep ? w_label(r, CB_DEPARTMENT, dep) : w_label(r, CB_COUNTRY, c->place.country);
	cells[5] = c->stage;
	cells[6] = w_label(r, CB_STAGE, c->stage);
	cells[7] = c->term.kind != NULL ? c->term.due : "";
	cells[8] = num[0];
	cells[9] = num[1];
	cells[10] = c->assignee;
	for (i = 0; i < 11; i++)
		if ((i && buf_addc(b, ',') < 0) || webcsv_cell(b, cells[i]) < 0)
			return -1;
	return buf_adds(b, "\r\n");
}

/* GET /cases.csv: the case list of the same filters and order, every page
 * of it up to CASES_CSV_MAX rows, in the user's scope (app_case_list's
 * policy), read a batch at a time so memory stays small. */
void
page_cases_csv_get(struct web_req *r)
{
	static const char *const head[] = { N_("Number"), N_("Office"), N_("Complaint date"),
		N_("Region code"), N_("Region"), N_("Stage code"), N_("Stage"), N_("Term due"),
		N_("Victims"), N_("Suspects"), N_("Assigned to") };
	struct store_case_filter f;
	struct office *o, *fo;
	size_t no, nfo, n, i, done = 0;
	const char *bad;
	long page, per;
	int rc = 0;

	o = offices(r, &no);
	nfo = no;
	fo = filter_offices(r, o, &nfo);
	if ((bad = read_filter(r, fo, nfo, &f, &page, &per)) != NULL) {
		w_error(r, 400, bad);
		return;
	}
	buf_reset(&r->out);
	for (i = 0; i < sizeof(head) / sizeof(head[0]) && rc == 0; i++)
		rc = (i && buf_addc(&r->out, ',') < 0) || webcsv_cell(&r->out, _(head[i])) < 0;
	rc = rc || buf_adds(&r->out, "\r\n") < 0;
	f.offset = 0;
	while (rc == 0 && done < CASES_CSV_MAX) {
		struct store_case_row *rows;
		struct arena a;
		arena_init(&a);
		f.limit = CASES_CSV_BATCH;
		if (app_case_list(r->app, &r->actor, &f, &a, &rows, &n, &r->err) != KERR_OK) {
			arena_release(&a);
			w_kerr(r, &r->err);
			return;
		}
		for (i = 0; i < n && done < CASES_CSV_MAX && rc == 0; i++, done++)
			rc = csv_case_row(r, &r->out, &rows[i]);
		arena_release(&a);
		if (n < CASES_CSV_BATCH)
			break;
		f.offset += n;
	}
	if (rc != 0) {
		fprintf(stderr, "khipu: web: BUG: case list CSV larger than the page's cap\n");
		w_error(r, 500, _("Something went wrong on the server; it has been logged."));
		return;
	}
	r->ctype = "text/csv; charset=utf-8";
	w_header(r, "Content-Disposition", "attachment; filename=\"khipu-cases.csv\"");
}

/* ---- one case ---- */

static void
codes(struct web_req *r, enum cb_dim dim, const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			w_raw(r, ", ");
		w_text(r, w_label(r, dim, v[i]));
	}
}

static void
fact(struct web_req *r, const char *term)
{
	w_raw(r, "</dd><dt>");
	w_text(r, term);
	w_raw(r, "</dt><dd>");
}

/* An identity value: in clear, masked, or protected. */
static void
identity(struct web_req *r, const char *v, int revealed)
{
	if (v == NULL) {
		w_raw(r, "<span class=\"masked\">");
		w_text(r, _("[protected]"));
		w_raw(r, "</span>");
		return;
	}
	w_raw(r, revealed ? "<span class=\"revealed\">" : "<span class=\"masked\">");
	w_text(r, v);
	w_raw(r, "</span>");
}

/* Does identifier i belong to one of the case's persons? */
static int
ident_of_person(const struct kcase *c, size_t i)
{
	size_t j;

	if (c->idents[i].person_id == 0)
		return 0;
	for (j = 0; j < c->nparts; j++)
		if (c->parts[j].person_id == c->idents[i].person_id)
			return 1;
	return 0;
}

/* The phones, accounts... of one person, under the person's name. */
static void
person_idents(struct web_req *r, const struct kcase *c, int64_t person_id, int revealed)
{
	size_t i;
	int any = 0;

	for (i = 0; i < c->nidents; i++) {
		if (c->idents[i].person_id != person_id || person_id == 0)
			continue;
		w_raw(r, any ? "<li>" : "<ul class=\"idents\"><li>");
		any = 1;
		w_text(r, w_label(r, CB_IDENTIFIER_KIND, c->idents[i].kind));
		w_raw(r, ": ");
		identity(r, c->idents[i].value, revealed);
		w_raw(r, "</li>");
	}
	if (any)
		w_raw(r, "</ul>");
}

/* A victim's origin, recruitment and places, each when known. */
static void
victim_places(struct web_req *r, const struct person *q, const struct victim_attrs *v)
{
	const char *s;

	if (q->origin_ubigeo != NULL && *q->origin_ubigeo) {
		w_raw(r, " · ");
		w_text(r, arena_printf(&r->a, _("from %s"), w_ubigeo(r, q->origin_ubigeo)));
	}
	if (v->nrecruitment) {
		w_raw(r, " · ");
		codes(r, CB_RECRUITMENT, v->recruitment, v->nrecruitment);
	}
	if (*(s = w_place(r, &v->recruitment_place))) {
		w_raw(r, " · ");
		w_text(r, arena_printf(&r->a, _("recruited in %s"), s));
	}
	if (*(s = w_place(r, &v->exploitation_place))) {
		w_raw(r, " · ");
		w_text(r, arena_printf(&r->a, _("exploited in %s"), s));
	}
}

/* The means of art. 129-A and what made the victim vulnerable, when recorded. */
static void
victim_legal(struct web_req *r, const struct victim_attrs *v)
{
	if (v->nmeans) {
		w_raw(r, " · ");
		w_text(r, _("means:"));
		w_raw(r, " ");
		codes(r, CB_MEANS, v->means, v->nmeans);
	}
	if (v->nvulnerability) {
		w_raw(r, " · ");
		w_text(r, _("vulnerability:"));
		w_raw(r, " ");
		codes(r, CB_VULNERABILITY, v->vulnerability, v->nvulnerability);
	}
}

static void
persons_table(struct web_req *r, const struct kcase *c, int revealed)
{
	size_t i;

	w_raw(r, "<h2>");
	w_text(r, _("Persons"));
	w_raw(r, "</h2>");
	if (c->nparts == 0) {
		w_raw(r, "<p>—</p>");
		return;
	}
	w_raw(r, "<table><thead><tr><th scope=\"col\">");
	w_text(r, _("Role"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Name"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Document"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Sex"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Born"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Nationality"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Details"));
	w_raw(r, "</th></tr></thead><tbody>");
	for (i = 0; i < c->nparts; i++) {
		const struct participation *p = &c->parts[i];
		const struct person *q = &p->person;
		w_raw(r, "<tr><td>");
		w_text(r, w_label(r, CB_PERSON_ROLE, p->role));
		w_raw(r, "</td><td class=\"identity\">");
		identity(r, q->name, revealed);
		person_idents(r, c, p->person_id, revealed);
		w_raw(r, "</td><td>");
		if (q->doc_number != NULL) {
			w_text(r, w_label(r, CB_DOC_TYPE, q->doc_type));
			w_raw(r, " ");
			identity(r, q->doc_number, revealed);
		}
		w_raw(r, "</td><td>");
		w_text(r, w_label(r, CB_SEX, q->sex));
		w_raw(r, "</td><td>");
		if (q->birth_year)
			w_rawf(r, "%d", q->birth_year);
		w_raw(r, "</td><td>");
		w_text(r, w_label(r, CB_COUNTRY, q->nationality));
		w_raw(r, "</td><td>");
		if (strcmp(p->role, "victim") == 0) {
			codes(r, CB_EXPLOITATION, p->victim.exploitation, p->victim.nexploitation);
			if (p->victim.age_at_recruitment >= 0) {
				w_raw(r, " · ");
				w_text(r, _("age at recruitment"));
				w_rawf(r, " %d", p->victim.age_at_recruitment);
			}
			victim_places(r, q, &p->victim);
			victim_legal(r, &p->victim);
		} else if (strcmp(p->role, "suspect") == 0) {
			codes(r, CB_NETWORK_ROLE, p->suspect.network_roles, p->suspect.nnetwork_roles);
			if (p->suspect.outcome) {
				w_raw(r, " · ");
				w_text(r, w_label(r, CB_OUTCOME, p->suspect.outcome));
			}
		}
		w_raw(r, "</td></tr>");
	}
	w_raw(r, "</tbody></table>");
}

/* The money of minor units cents as the page's language writes it. */
static void
path_money(struct web_req *r, int64_t cents, const char *currency)
{
	char num[64];

	i18n_format_int(r->lang, cents / 100, num, sizeof(num));
	w_text(r, num);
	if (cents % 100)
		w_rawf(r, "%s%02d", r->lang == I18N_EN ? "." : ",", (int)(cents % 100));
	w_raw(r, " ");
	w_text(r, currency);
}

/* A sentence or an order on a step: "15 years 6 months of prison
 * (suspended) · 180 days-fine · disqualification 5 years · reparation ...". */
static void
step_details(struct web_req *r, const struct path_step *s)
{
	if (s->offence != NULL) {
		w_raw(r, " · ");
		w_text(r, w_label(r, CB_OFFENCE, s->offence));
	}
	if (s->prison_months > 0) {
		w_raw(r, " · ");
		w_rawf(r, "%d ", s->prison_months / 12);
		w_text(r, _("years"));
		if (s->prison_months % 12) {
			w_rawf(r, " %d ", s->prison_months % 12);
			w_text(r, _("months"));
		}
		w_raw(r, " ");
		w_text(r, s->suspended ? _("of prison, suspended") : _("of prison"));
	}
	if (s->days_fine > 0) {
		w_rawf(r, " · %d ", s->days_fine);
		w_text(r, _("days-fine"));
	}
	if (s->disqualification_months > 0) {
		w_raw(r, " · ");
		w_text(r, _("disqualification (CP art. 36)"));
		w_rawf(r, " %d ", s->disqualification_months / 12);
		w_text(r, _("years"));
		if (s->disqualification != NULL) {
			w_raw(r, " (");
			w_text(r, s->disqualification);
			w_raw(r, ")");
		}
	}
	if (s->reparation_currency != NULL) {
		w_raw(r, " · ");
		w_text(r, _("civil reparation"));
		w_raw(r, " ");
		path_money(r, s->reparation_cents, s->reparation_currency);
	}
}

/* One suspect's procedural path: the steps and coercive measures in date
 * order, the payments of the reparation, the outcome in force. */
static void
suspect_path(struct web_req *r, const struct participation *p, int revealed)
{
	const struct suspect_attrs *sa = &p->suspect;
	size_t i = 0, j = 0, k;
	int64_t paid = 0;

	w_raw(r, "<h3 class=\"identity\">");
	identity(r, p->person.name, revealed);
	w_raw(r, "</h3><p>");
	w_text(r, _("Outcome in force"));
	w_raw(r, ": <strong>");
	w_text(r, w_label(r, CB_OUTCOME, sa->outcome != NULL ? sa->outcome : "pending"));
	w_raw(r, "</strong></p>");
	if (sa->npath == 0 && sa->nmeasures == 0)
		return;
	w_raw(r, "<ol class=\"timeline path\">");
	while (i < sa->npath || j < sa->nmeasures) {
		/* merge by date: a measure first on the same day */
		int measure = j < sa->nmeasures && (i == sa->npath ||
			strcmp(sa->measures[j].date, sa->path[i].date) <= 0);
		const char *date = measure ? sa->measures[j].date : sa->path[i].date;
		w_raw(r, "<li><time datetime=\"");
		w_text(r, date);
		w_raw(r, "\">");
		w_text(r, w_date(r, date));
		w_raw(r, "</time>");
		if (measure) {
			w_text(r, w_label(r, CB_COERCIVE_MEASURE, sa->measures[j++].kind));
		} else {
			w_text(r, w_label(r, CB_PATH_STEP, sa->path[i].step));
			step_details(r, &sa->path[i++]);
		}
		w_raw(r, "</li>");
	}
	w_raw(r, "</ol>");
	if (sa->reparation_currency == NULL && sa->npayments == 0)
		return;
	for (k = 0; k < sa->npayments; k++)
		paid += sa->payments[k].amount_cents;
	w_raw(r, "<p>");
	w_text(r, _("Civil reparation paid"));
	w_raw(r, ": ");
	path_money(r, paid, sa->reparation_currency != NULL ? sa->reparation_currency : "");
	if (sa->reparation_currency != NULL) {
		w_raw(r, " ");
		w_text(r, _("of"));
		w_raw(r, " ");
		path_money(r, sa->reparation_cents, sa->reparation_currency);
	}
	for (k = 0; k < sa->npayments; k++) {
		w_raw(r, k == 0 ? " (" : ", ");
		w_text(r, w_date(r, sa->payments[k].date));
		w_raw(r, ": ");
		path_money(r, sa->payments[k].amount_cents,
			sa->reparation_currency != NULL ? sa->reparation_currency : "");
	}
	if (sa->npayments > 0)
		w_raw(r, ")");
	w_raw(r, "</p>");
}

/* The procedural path of every suspect (issue 10). */
static void
suspect_paths(struct web_req *r, const struct kcase *c, int revealed, const char *message)
{
	size_t i, n = 0;

	for (i = 0; i < c->nparts; i++)
		n += strcmp(c->parts[i].role, "suspect") == 0;
	if (n == 0)
		return;
	w_raw(r, "<section class=\"paths\" id=\"paths\"><h2>");
	w_text(r, _("Suspects' procedural paths"));
	w_raw(r, "</h2>");
	for (i = 0; i < c->nparts; i++)
		if (strcmp(c->parts[i].role, "suspect") == 0)
			suspect_path(r, &c->parts[i], revealed);
	w_raw(r, "</section>");
	if (w_can(r, POL_CASE_UPDATE))
		w_case_outcome_form(r, c, message);
}

static void
timeline(struct web_req *r, const struct kcase *c)
{
	size_t i;

	w_raw(r, "<h2>");
	w_text(r, _("Timeline"));
	w_raw(r, "</h2><ol class=\"timeline\">");
	for (i = 0; i < c->nevents; i++) {
		const struct event *e = &c->events[i];
		w_raw(r, "<li><time datetime=\"");
		w_text(r, e->date);
		w_raw(r, "\">");
		w_text(r, w_date(r, e->date));
		w_raw(r, "</time>");
		w_text(r, w_label(r, CB_STAGE, e->stage));
		if (e->note != NULL && *e->note) {
			w_raw(r, "<br><span class=\"note\">");
			w_text(r, e->note);
			w_raw(r, "</span>");
		}
		w_raw(r, "</li>");
	}
	w_raw(r, "</ol>");
}

/* One date of a request, "label date", when there is one. */
static void
request_date(struct web_req *r, const char *label, const char *date)
{
	if (date == NULL || date[0] == '\0')
		return;
	w_raw(r, " · ");
	w_text(r, label);
	w_raw(r, " ");
	w_text(r, w_date(r, date));
}

/* The case's international requests (issue 13): reference, counterpart
 * authority, dates and status, an open one past its due date marked. */
static void
case_requests(struct web_req *r, const struct kcase *c)
{
	int64_t left;
	size_t i;

	w_raw(r, "<h2 id=\"requests\">");
	w_text(r, _("International requests"));
	w_raw(r, "</h2><ul class=\"requests\">");
	for (i = 0; i < c->nrequests; i++) {
		const struct intl_request *q = &c->requests[i];
		int late = mla_days_left(q, date_today(), &left) && left < 0;
		w_raw(r, late ? "<li class=\"overdue\">" : "<li>");
		if (q->reference != NULL && q->reference[0] != '\0') {
			w_raw(r, "<strong>");
			w_text(r, q->reference);
			w_raw(r, "</strong> · ");
		}
		w_text(r, w_label(r, CB_REQUEST_DIRECTION, q->direction));
		w_raw(r, " · ");
		w_text(r, w_label(r, CB_COUNTRY, q->country));
		if (q->authority != NULL && q->authority[0] != '\0') {
			w_raw(r, " · ");
			w_text(r, q->authority);
		}
		w_raw(r, " · ");
		w_text(r, w_label(r, CB_REQUEST_TYPE, q->type));
		if (q->legal_basis != NULL) {
			w_raw(r, " · ");
			w_text(r, w_label(r, CB_LEGAL_BASIS, q->legal_basis));
		}
		if (q->channel != NULL) {
			w_raw(r, " · ");
			w_text(r, w_label(r, CB_REQUEST_CHANNEL, q->channel));
		}
		w_raw(r, " · ");
		w_text(r, w_label(r, CB_REQUEST_STATUS, q->status));
		request_date(r, _("sent"), q->sent);
		request_date(r, _("received"), q->received);
		request_date(r, _("due"), q->due);
		request_date(r, _("answered"), q->answered);
		if (late) {
			w_raw(r, " · <strong>");
			w_text(r, _("overdue"));
			w_raw(r, "</strong>");
		}
		if (w_can(r, POL_REQUEST_MANAGE)) {
			w_rawf(r, " · <a href=\"/requests/%lld\">", (long long)q->id);
			w_text(r, _("follow up"));
			w_raw(r, "</a>");
		}
		w_raw(r, "</li>");
	}
	w_raw(r, "</ul>");
	if (w_can(r, POL_REQUEST_MANAGE)) {
		w_rawf(r, "<p><a class=\"button\" id=\"add-request\" "
			"href=\"/cases/%lld/requests/new\">", (long long)c->id);
		w_text(r, _("Add an international request"));
		w_raw(r, "</a></p>");
	}
}

static void
children(struct web_req *r, const struct kcase *c, int revealed)
{
	size_t i, j;

	for (i = 0, j = 0; i < c->nidents; i++)
		j += !ident_of_person(c, i) && c->idents[i].asset_id == 0;
	if (j > 0) {   /* those of a person are under the person's name, those of an
	                  asset in its life (pages/response.c) */
		w_raw(r, "<h2>");
		w_text(r, _("Identifiers of the case"));
		w_raw(r, "</h2><ul>");
		for (i = 0; i < c->nidents; i++) {
			if (ident_of_person(c, i) || c->idents[i].asset_id != 0)
				continue;
			w_raw(r, "<li>");
			w_text(r, w_label(r, CB_IDENTIFIER_KIND, c->idents[i].kind));
			w_raw(r, ": ");
			identity(r, c->idents[i].value, revealed);
			w_raw(r, "</li>");
		}
		w_raw(r, "</ul>");
	}
	if (c->nrequests || w_can(r, POL_REQUEST_MANAGE))
		case_requests(r, c);
}

/* A changed value on one line: text as it is, anything else as JSON. */
static void
history_value(struct web_req *r, json_t *v)
{
	char *s;

	if (v == NULL || json_is_null(v)) {
		w_raw(r, "<span class=\"none\">—</span>");
		return;
	}
	if (json_is_string(v)) {
		w_text(r, json_string_value(v));
		return;
	}
	s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	w_raw(r, "<code>");
	w_text(r, s != NULL ? s : "?");
	w_raw(r, "</code>");
	free(s);
}

/* "Historial": every version, who, when, why and what changed (read only;
 * identity values masked, or in clear on a revealed page: audited). */
static void
history(struct web_req *r, const struct kcase *c, int revealed)
{
	json_t *h, *rev, *ch;
	struct kerr e;
	size_t i, j;

	if (app_case_history(r->app, &r->actor, c->id,
	    revealed && w_can(r, POL_REVEAL_VICTIM) ? APP_REVEAL : APP_MASKED, &h,
	    &e) != KERR_OK)
		return;   /* the case itself was shown: its history is not a reason to fail */
	w_raw(r, "<section id=\"history\"><h2>");
	w_text(r, _("History"));
	w_raw(r, "</h2><ol class=\"history\">");
	json_array_foreach(json_object_get(h, "revisions"), i, rev) {
		const char *reason = json_string_value(json_object_get(rev, "reason"));
		w_rawf(r, "<li data-version=\"%lld\"><strong>",
			(long long)json_integer_value(json_object_get(rev, "version")));
		w_text(r, arena_printf(&r->a, _("Version %lld"),
			(long long)json_integer_value(json_object_get(rev, "version"))));
		w_raw(r, "</strong> · <time>");
		w_text(r, json_string_value(json_object_get(rev, "at")));
		w_raw(r, "</time> · ");
		w_text(r, json_string_value(json_object_get(rev, "by")));
		if (json_is_true(json_object_get(rev, "registered"))) {
			w_raw(r, " · ");
			w_text(r, _("registered"));
		}
		if (reason != NULL) {
			w_raw(r, "<br><span class=\"note\">");
			w_text(r, reason);
			w_raw(r, "</span>");
		}
		if (json_array_size(json_object_get(rev, "changes")) > 0)
			w_raw(r, "<ul class=\"changes\">");
		json_array_foreach(json_object_get(rev, "changes"), j, ch) {
			w_raw(r, "<li><code>");
			w_text(r, json_string_value(json_object_get(ch, "path")));
			w_raw(r, "</code>: ");
			history_value(r, json_object_get(ch, "old"));
			w_raw(r, " → ");
			history_value(r, json_object_get(ch, "new"));
			w_raw(r, "</li>");
		}
		if (json_array_size(json_object_get(rev, "changes")) > 0)
			w_raw(r, "</ul>");
		w_raw(r, "</li>");
	}
	w_raw(r, "</ol></section>");
	json_decref(h);
}

static void
event_form(struct web_req *r, const struct kcase *c, const char *message)
{
	w_raw(r, "<h2 class=\"form-head\">");
	w_text(r, _("Record a procedural event"));
	w_raw(r, "</h2>");
	w_alert(r, message);
	w_rawf(r, "<form class=\"grid\" method=\"post\" action=\"/cases/%lld/events\">",
		(long long)c->id);
	w_csrf(r);
	w_raw(r, "<div><label for=\"ev-stage\">");
	w_text(r, _("Stage"));
	w_raw(r, "</label>");
	{
		/* the select's id differs from its name so labels stay unique */
		size_t n, i;
		const struct cb_entry *e = cb_entries(CB_STAGE, &n);
		const char *cur = form_get(&r->form, "stage");
		/* a new event defaults to the next step of the usual course */
		if (cur == NULL)
			cur = ncpp_next_stage(c->stage);
		w_raw(r, "<select id=\"ev-stage\" name=\"stage\">");
		for (i = 0; i < n; i++) {
			w_raw(r, "<option value=\"");
			w_text(r, e[i].code);
			w_raw(r, cur && strcmp(cur, e[i].code) == 0 ? "\" selected>" : "\">");
			w_text(r, r->lang == I18N_EN ? e[i].en : e[i].es);
			w_raw(r, "</option>");
		}
		w_raw(r, "</select>");
	}
	w_raw(r, "</div><div><label for=\"ev-date\">");
	w_text(r, _("Date"));
	w_raw(r, "</label><input id=\"ev-date\" name=\"date\" type=\"date\" required value=\"");
	w_text(r, form_get(&r->form, "date"));
	w_raw(r, "\"></div><div><label for=\"ev-note\">");
	w_text(r, _("Note"));
	w_raw(r, "</label><input id=\"ev-note\" name=\"note\" value=\"");
	w_text(r, form_get(&r->form, "note"));
	w_raw(r, "\"></div><div><button type=\"submit\">");
	w_text(r, _("Record event"));
	w_raw(r, "</button></div></form>");
}

static int
case_param(struct web_req *r, int64_t *id)
{
	char *end;
	long long v = strtoll(r->params[0], &end, 10);

	if (*end || v <= 0) {
		w_error(r, 404, _("There is no such case."));
		return -1;
	}
	*id = v;
	return 0;
}

static int
case_param_quiet(struct web_req *r, int64_t *id)
{
	char *end;
	long long v = strtoll(r->params[0], &end, 10);

	if (*end || v <= 0)
		return -1;
	*id = v;
	return 0;
}

void
w_case_page(struct web_req *r, enum app_reveal reveal, enum w_case_form form,
	const char *message, int status)
{
	const char *event_message = form == W_CASE_FORM_EVENT ? message : NULL;
	struct kcase c;
	struct office *o;
	size_t no;
	int64_t id;
	int revealed = reveal == APP_REVEAL;

	if (case_param(r, &id) != 0)
		return;
	/* identities asked for earlier in this session stay shown on every
	 * page of the case (after an event, an assignment, a reload) */
	if (reveal == APP_MASKED && revealstate_held(r->csrf, id)) {
		reveal = APP_REVEAL;
		revealed = 1;
	}
	if (app_case_show(r->app, &r->actor, id, reveal, &r->a, &c, &r->err) != KERR_OK) {
		w_kerr(r, &r->err);
		return;
	}
	o = offices(r, &no);
	r->status = status;
	r->self = arena_printf(&r->a, "/cases/%lld", (long long)c.id);
	w_page_begin(r, arena_printf(&r->a, "%s %s", _("Case"), c.number));
	if (form_get(&r->query, "registered") != NULL ||
	    form_get(&r->query, "saved") != NULL || form_get(&r->query, "unchanged") != NULL) {
		w_raw(r, "<p class=\"notice saved\" role=\"status\">");
		w_text(r, form_get(&r->query, "registered") != NULL ? _("The case is registered.") :
			form_get(&r->query, "saved") != NULL ?
			arena_printf(&r->a, _("The changes are saved: the case is at version %lld."),
			(long long)c.version) : _("Nothing was changed."));
		w_raw(r, "</p>");
	}
	if (w_can(r, POL_CASE_UPDATE)) {
		w_raw(r, "<p><a class=\"button\" id=\"edit-case\" href=\"");
		w_text(r, arena_printf(&r->a, "/cases/%lld/edit", (long long)c.id));
		w_raw(r, "\">");
		w_text(r, _("Edit the case"));
		w_raw(r, "</a></p>");
	}
	if (w_can(r, POL_PERSON_SEARCH)) {   /* link analysis (pages/network.c) */
		w_rawf(r, "<p><a id=\"case-network\" href=\"/network?case=%lld\">", (long long)c.id);
		w_text(r, _("Network of the case"));
		w_raw(r, "</a></p>");
	}
	if (c.synthetic) {
		w_raw(r, "<p class=\"synthetic\">");
		w_text(r, _("Synthetic data (demo)"));
		w_raw(r, "</p>");
	}
	w_raw(r, "<dl class=\"facts\"><dt>");
	w_text(r, _("Office"));
	w_raw(r, "</dt><dd>");
	w_text(r, office_code(o, no, c.office_id));
	fact(r, _("Assigned to"));
	w_text(r, c.assignee != NULL ? c.assignee : _("nobody"));
	fact(r, _("Stage"));
	w_text(r, w_label(r, CB_STAGE, c.stage));
	if (c.term.kind != NULL)
		term_fact(r, &c.term);
	fact(r, _("Complaint"));
	w_text(r, w_date(r, c.complaint_date));
	w_raw(r, " · ");
	w_text(r, w_label(r, CB_COMPLAINT_SOURCE, c.complaint_source));
	fact(r, _("Place"));
	w_text(r, w_place(r, &c.place));
	if (c.place.ubigeo && strlen(c.place.ubigeo) >= 2) {
		w_raw(r, " (");
		w_text(r, c.place.ubigeo);
		w_raw(r, ")");
	}
	fact(r, _("Offences"));
	codes(r, CB_OFFENCE, c.offences, c.noffences);
	if (c.nrelated) {
		fact(r, _("Related offences"));
		codes(r, CB_RELATED_OFFENCE, c.related, c.nrelated);
	}
	if (c.naggravating) {
		fact(r, _("Aggravating circumstances"));
		codes(r, CB_AGGRAVATING, c.aggravating, c.naggravating);
	}
	if (c.summary) {
		fact(r, _("Summary"));
		w_text(r, c.summary);
	}
	w_raw(r, "</dd></dl>");
	if (!revealed && (w_can(r, POL_REVEAL_VICTIM) || w_can(r, POL_REVEAL_OTHER))) {
		w_rawf(r, "<form class=\"actions\" method=\"post\" action=\"/cases/%lld/reveal\">",
			(long long)c.id);
		w_csrf(r);
		w_raw(r, "<button type=\"submit\" id=\"reveal\">");
		w_text(r, _("Show identities (recorded in the audit trail)"));
		w_raw(r, "</button></form>");
	} else if (revealed) {
		w_raw(r, "<p class=\"notice\" role=\"status\">");
		w_text(r, _("Identities shown in clear; this look is recorded in the audit trail."));
		w_rawf(r, "</p><form class=\"actions\" method=\"post\" action=\"/cases/%lld/hide\">",
			(long long)c.id);
		w_csrf(r);
		w_raw(r, "<button type=\"submit\" id=\"hide\">");
		w_text(r, _("Hide identities"));
		w_raw(r, "</button></form>");
	}
	persons_table(r, &c, revealed);
	suspect_paths(r, &c, revealed, form == W_CASE_FORM_OUTCOME ? message : NULL);
	timeline(r, &c);
	w_case_response(r, &c, revealed, form, message);
	children(r, &c, revealed);
	history(r, &c, revealed);
	w_case_transfers(r, &c);
	page_attach_section(r, &c);
	if (w_can(r, POL_CASE_UPDATE))
		event_form(r, &c, event_message);
	if (w_can(r, POL_CASE_ASSIGN) || w_can(r, POL_CASE_TRANSFER))
		w_case_assign_forms(r, &c, o, no, form, message);
	w_page_end(r);
}

/* A masked case page: from the thread's page cache while the register has
 * not changed (pagecache.h says why that keeps the policy's answer). */
void
page_case_get(struct web_req *r)
{
	struct pagecache_key k;
	struct app_version v;
	struct kerr e;
	int64_t id;
	int versioned;

	/* a reveal asked for earlier in this session holds across reloads; a
	 * page with a notice is not the one to keep */
	if ((case_param_quiet(r, &id) == 0 && revealstate_held(r->csrf, id)) ||
	    r->query.n > 0) {
		w_case_page(r, APP_MASKED, W_CASE_FORM_EVENT, NULL, 200);
		return;
	}
	memset(&k, 0, sizeof(k));
	k.user_id = r->actor.user_id;
	k.lang = (int)r->lang;
	/* the version is read first, in the request's read transaction */
	versioned = case_param_quiet(r, &id) == 0 &&
		app_register_version(r->app, &v, &e) == KERR_OK;
	k.case_id = versioned ? id : 0;
	if (versioned && pagecache_get(&k, &v, r->csrf, &r->out))
		return;
	buf_reset(&r->out);
	w_case_page(r, APP_MASKED, W_CASE_FORM_EVENT, NULL, 200);
	if (versioned && r->status == 200)
		pagecache_put(&k, &v, r->csrf, r->out.s, r->out.len);
}

/* POST-redirect-GET: the reveal becomes a state of the session (nothing
 * about it in the URL); the GET renders in clear and the app layer audits. */
void
page_case_reveal_post(struct web_req *r)
{
	struct kcase c;
	int64_t id;

	if (case_param(r, &id) != 0)
		return;
	/* a case the actor may not read, or a role that may not reveal: the app
	 * layer refuses (and records the attempt) as before */
	if (app_case_show(r->app, &r->actor, id, w_can(r, POL_REVEAL_VICTIM) ||
	    w_can(r, POL_REVEAL_OTHER) ? APP_MASKED : APP_REVEAL, &r->a, &c, &r->err) != KERR_OK) {
		w_kerr(r, &r->err);
		return;
	}
	if (!w_can(r, POL_REVEAL_VICTIM) && !w_can(r, POL_REVEAL_OTHER)) {
		w_error(r, 403, _("Your role may not see identities."));
		return;
	}
	revealstate_grant(r->csrf, id);
	w_redirect(r, arena_printf(&r->a, "/cases/%lld", (long long)id));
}

void
page_case_hide_post(struct web_req *r)
{
	int64_t id;

	if (case_param(r, &id) != 0)
		return;
	revealstate_revoke(r->csrf, id);
	w_redirect(r, arena_printf(&r->a, "/cases/%lld", (long long)id));
}

void
page_case_event_post(struct web_req *r)
{
	const char *stage = form_nonblank(&r->form, "stage");
	const char *date = form_nonblank(&r->form, "date");
	const char *note = form_nonblank(&r->form, "note");
	struct kerr e;
	int64_t id;
	enum kerr_code rc;

	if (case_param(r, &id) != 0)
		return;
	if (stage == NULL || date == NULL) {
		w_case_page(r, APP_MASKED, W_CASE_FORM_EVENT, _("Choose a stage and a date."), 422);
		return;
	}
	rc = app_case_event(r->app, &r->actor, id, stage, date, note, &e);
	if (rc == KERR_INVALID) {
		w_case_page(r, APP_MASKED, W_CASE_FORM_EVENT, w_kerr_msg(r, &e), 422);
		return;
	}
	if (rc != KERR_OK) {
		w_kerr(r, &e);
		return;
	}
	w_redirect(r, arena_printf(&r->a, "/cases/%lld", (long long)id));
}
