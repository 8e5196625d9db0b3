/*
 * pages/cases.c — the list of cases with its filters, a case with its
 * timeline (identities masked), the audited reveal, and the sub-form that
 * records a procedural event.
 */
#include "web/web_int.h"
#include "web/pagecache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CASES_PAGE 100

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

/* term=running|overdue|due30 and sort=due: the running legal term. */
static const char *
term_filter(struct web_req *r, struct store_case_filter *f)
{
	const char *term = form_nonblank(&r->query, "term"), *sort = form_nonblank(&r->query, "sort");
	enum app_deadline_filter which;
	char *from, *to;

	if (sort != NULL && strcmp(sort, "due") != 0 && strcmp(sort, "complaint") != 0)
		return _("Unknown order.");
	f->sort_due = sort != NULL && strcmp(sort, "due") == 0;
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

/* Read and check the filters; a bad one is a message, not a 500. */
static const char *
read_filter(struct web_req *r, struct office *o, size_t no, struct store_case_filter *f)
{
	const char *s;
	size_t i;
	char *end;

	memset(f, 0, sizeof(*f));
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
			return _("Unknown office.");
		f->office_id = o[i].id;
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
		long p = strtol(s, &end, 10);
		if (*end || p < 1 || p > 100000)
			return _("Unknown page.");
		f->offset = (size_t)(p - 1) * CASES_PAGE;
	}
	f->limit = CASES_PAGE + 1;
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
	static const char *const sorts[][2] = { { "complaint", N_("Newest complaint first") },
		{ "due", N_("Earliest legal term first") } };
	const char *cur = form_get(&r->query, "office");

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
	select_fixed(r, "sort", sorts, sizeof(sorts) / sizeof(sorts[0]));
	w_raw(r, "</div><div><button type=\"submit\">");
	w_text(r, _("Filter"));
	w_raw(r, "</button></div></form>");
}

/* The table of case rows (the list, the start page). */
void
w_case_rows(struct web_req *r, const char *caption, const struct store_case_row *rows,
	size_t shown)
{
	char num[64];
	size_t i;

	w_raw(r, "<table><caption class=\"skip\">");
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
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Victims"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Suspects"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Assigned to"));
	w_raw(r, "</th></tr></thead><tbody>");
	for (i = 0; i < shown; i++) {
		const struct kcase *c = &rows[i].c;
		char dep[3] = "";
		if (c->place.ubigeo && strlen(c->place.ubigeo) >= 2)
			memcpy(dep, c->place.ubigeo, 2);
		w_rawf(r, "<tr><td><a href=\"/cases/%lld\">", (long long)c->id);
		w_text(r, c->number);
		w_raw(r, "</a></td><td>");
		w_text(r, rows[i].office_code);
		w_raw(r, "</td><td>");
		w_text(r, w_date(r, c->complaint_date));
		w_raw(r, "</td><td>");
		w_text(r, *dep ? w_label(r, CB_DEPARTMENT, dep) : w_label(r, CB_COUNTRY, c->place.country));
		w_raw(r, "</td><td>");
		w_text(r, w_label(r, CB_STAGE, c->stage));
		w_raw(r, "</td><td>");
		if (c->term.kind != NULL) {
			int over = app_days_left(c->term.due) < 0;
			w_raw(r, over ? "<strong class=\"overdue\">" : "<span>");
			w_text(r, w_date(r, c->term.due));
			w_raw(r, over ? "</strong>" : "</span>");
		}
		w_raw(r, "</td><td>");
		i18n_format_int(r->lang, rows[i].nvictims, num, sizeof(num));
		w_text(r, num);
		w_raw(r, "</td><td>");
		i18n_format_int(r->lang, rows[i].nsuspects, num, sizeof(num));
		w_text(r, num);
		w_raw(r, "</td><td>");
		w_text(r, c->assignee);
		w_raw(r, "</td></tr>");
	}
	w_raw(r, "</tbody></table>");
}

void
page_cases_get(struct web_req *r)
{
	struct store_case_filter f;
	struct store_case_row *rows;
	struct office *o;
	size_t no, n, shown;
	const char *bad;

	o = offices(r, &no);
	if ((bad = read_filter(r, o, no, &f)) != NULL) {
		r->status = 400;
		w_page_begin(r, _("Cases"));
		filters_form(r, o, no);
		w_raw(r, "<p class=\"error\" role=\"alert\">");
		w_text(r, bad);
		w_raw(r, "</p>");
		w_page_end(r);
		return;
	}
	if (app_case_list(r->app, &r->actor, &f, &r->a, &rows, &n, &r->err) != KERR_OK) {
		w_kerr(r, &r->err);
		return;
	}
	w_page_begin(r, _("Cases"));
	filters_form(r, o, no);
	if (n == 0) {
		w_raw(r, "<p>");
		w_text(r, _("No case matches."));
		w_raw(r, "</p>");
		w_page_end(r);
		return;
	}
	shown = n > CASES_PAGE ? CASES_PAGE : n;
	w_case_rows(r, _("Cases"), rows, shown);
	if (n > CASES_PAGE || f.offset > 0) {
		long page = (long)(f.offset / CASES_PAGE) + 1;
		w_raw(r, "<p class=\"actions\">");
		if (page > 1) {
			w_rawf(r, "<a href=\"?page=%ld", page - 1);
			w_raw(r, "\">");
			w_text(r, _("Previous"));
			w_raw(r, "</a>");
		}
		if (n > CASES_PAGE) {
			w_rawf(r, "<a href=\"?page=%ld\">", page + 1);
			w_text(r, _("Next"));
			w_raw(r, "</a>");
		}
		w_raw(r, "</p>");
	}
	w_page_end(r);
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

static void
children(struct web_req *r, const struct kcase *c, int revealed)
{
	size_t i, j;
	char num[64];

	if (c->nassets) {
		w_raw(r, "<h2>");
		w_text(r, _("Assets"));
		w_raw(r, "</h2><ul>");
		for (i = 0; i < c->nassets; i++) {
			const struct asset *as = &c->assets[i];
			w_raw(r, "<li>");
			w_text(r, w_label(r, CB_ASSET_KIND, as->kind));
			i18n_format_int(r->lang, as->value_cents / 100, num, sizeof(num));
			w_raw(r, " — ");
			w_text(r, num);
			w_raw(r, " ");
			w_text(r, as->currency);
			for (j = 0; j < as->nmeasures; j++) {
				w_raw(r, " · ");
				w_text(r, w_label(r, CB_ASSET_MEASURE, as->measures[j].measure));
				w_raw(r, " ");
				w_text(r, w_date(r, as->measures[j].date));
			}
			if (as->description) {
				w_raw(r, "<br>");
				w_text(r, as->description);
			}
			w_raw(r, "</li>");
		}
		w_raw(r, "</ul>");
	}
	if (c->nidents) {
		w_raw(r, "<h2>");
		w_text(r, _("Identifiers"));
		w_raw(r, "</h2><ul>");
		for (i = 0; i < c->nidents; i++) {
			w_raw(r, "<li>");
			w_text(r, w_label(r, CB_IDENTIFIER_KIND, c->idents[i].kind));
			w_raw(r, ": ");
			identity(r, c->idents[i].value, revealed);
			w_raw(r, "</li>");
		}
		w_raw(r, "</ul>");
	}
	if (c->nrequests) {
		w_raw(r, "<h2>");
		w_text(r, _("International requests"));
		w_raw(r, "</h2><ul>");
		for (i = 0; i < c->nrequests; i++) {
			const struct intl_request *q = &c->requests[i];
			w_raw(r, "<li>");
			w_text(r, w_label(r, CB_REQUEST_DIRECTION, q->direction));
			w_raw(r, " · ");
			w_text(r, w_label(r, CB_COUNTRY, q->country));
			w_raw(r, " · ");
			w_text(r, w_label(r, CB_REQUEST_TYPE, q->type));
			w_raw(r, " · ");
			w_text(r, w_label(r, CB_REQUEST_STATUS, q->status));
			if (*q->due) {
				w_raw(r, " · ");
				w_text(r, _("due"));
				w_raw(r, " ");
				w_text(r, w_date(r, q->due));
			}
			w_raw(r, "</li>");
		}
		w_raw(r, "</ul>");
	}
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
	w_raw(r, "<h2>");
	w_text(r, _("Record a procedural event"));
	w_raw(r, "</h2>");
	if (message) {
		w_raw(r, "<p class=\"error\" role=\"alert\">");
		w_text(r, message);
		w_raw(r, "</p>");
	}
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
	if (app_case_show(r->app, &r->actor, id, reveal, &r->a, &c, &r->err) != KERR_OK) {
		w_kerr(r, &r->err);
		return;
	}
	o = offices(r, &no);
	r->status = status;
	w_page_begin(r, arena_printf(&r->a, "%s %s", _("Case"), c.number));
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
	w_text(r, w_label(r, CB_COUNTRY, c.place.country));
	if (c.place.ubigeo && strlen(c.place.ubigeo) >= 2) {
		char dep[3] = { c.place.ubigeo[0], c.place.ubigeo[1], 0 };
		w_raw(r, " · ");
		w_text(r, w_label(r, CB_DEPARTMENT, dep));
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
		w_raw(r, "</p>");
	}
	persons_table(r, &c, revealed);
	timeline(r, &c);
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

void
page_case_reveal_post(struct web_req *r)
{
	w_case_page(r, APP_REVEAL, W_CASE_FORM_EVENT, NULL, 200);
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
