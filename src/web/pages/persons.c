/*
 * pages/persons.c — person search by name, document or phone through the
 * blind indexes. The search is a POST: what is searched (a name, a
 * document number) never appears in a URL, a browser history or a log.
 */
#include "web/web_int.h"

#include <stdlib.h>
#include <string.h>

static const struct { const char *code; const char *label; enum app_search_by by; } by_tab[] = {
	{ "name", N_("Name"), APP_BY_NAME },
	{ "doc", N_("Document number"), APP_BY_DOC },
	{ "phone", N_("Phone"), APP_BY_PHONE },
};

static void
search_form(struct web_req *r, const char *message)
{
	const char *cur = form_get(&r->form, "by");
	size_t i;

	w_page_begin(r, _("Persons"));
	w_alert(r, message);
	w_raw(r, "<form class=\"filters\" method=\"post\" action=\"/persons\" role=\"search\">");
	w_csrf(r);
	w_raw(r, "<div><label for=\"by\">");
	w_text(r, _("Search by"));
	w_raw(r, "</label><select id=\"by\" name=\"by\">");
	for (i = 0; i < sizeof(by_tab) / sizeof(by_tab[0]); i++) {
		w_raw(r, "<option value=\"");
		w_raw(r, by_tab[i].code);
		w_raw(r, cur && strcmp(cur, by_tab[i].code) == 0 ? "\" selected>" : "\">");
		w_text(r, _(by_tab[i].label));
		w_raw(r, "</option>");
	}
	w_raw(r, "</select></div><div><label for=\"q\">");
	w_text(r, _("Search for"));
	w_raw(r, "</label><input id=\"q\" name=\"q\" autocomplete=\"off\" value=\"");
	w_text(r, form_get(&r->form, "q"));
	w_raw(r, "\"></div><div><button type=\"submit\">");
	w_text(r, _("Search"));
	w_raw(r, "</button></div></form>");
}

void
w_person_hits(struct web_req *r, const struct app_person_hit *hits, size_t n,
	const char *name)
{
	size_t i, j;

	if (n == 0) {
		w_raw(r, "<p class=\"empty\" role=\"status\">");
		w_text(r, _("Nobody found."));
		/* the name index works on pairs of words: one word finds only
		 * persons registered under that one word */
		if (name != NULL && strpbrk(name, " \t") == NULL) {
			w_raw(r, " ");
			w_text(r, _("One word finds only a person registered under that single word. "
				"Type two or more words of the name, such as a given name and a surname "
				"(\"Rosa Quispe\"), or search by document number or phone."));
		}
		w_raw(r, "</p>");
		return;
	}
	w_raw(r, "<table><caption class=\"skip\">");
	w_text(r, _("Results"));
	w_raw(r, "</caption><thead><tr><th scope=\"col\">");
	w_text(r, _("Name"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Sex"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Born"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Nationality"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Cases"));
	w_raw(r, "</th></tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		const struct person *p = &hits[i].person;
		/* the masked name is the link: no internal number on the page */
		w_rawf(r, "<tr><td class=\"masked\"><a href=\"/persons/%lld\">", (long long)p->id);
		w_text(r, p->name ? p->name : _("[protected]"));
		w_raw(r, "</a></td><td>");
		w_text(r, w_label(r, CB_SEX, p->sex));
		w_raw(r, "</td><td>");
		if (p->birth_year)
			w_rawf(r, "%d", p->birth_year);
		w_raw(r, "</td><td>");
		w_text(r, w_label(r, CB_COUNTRY, p->nationality));
		w_raw(r, "</td><td>");
		for (j = 0; j < hits[i].nparts; j++) {
			if (j)
				w_raw(r, "<br>");
			w_text(r, w_label(r, CB_PERSON_ROLE, hits[i].parts[j].role));
			w_rawf(r, " · <a href=\"/cases/%lld\">", (long long)hits[i].parts[j].case_id);
			w_text(r, hits[i].case_numbers[j]);
			w_raw(r, "</a>");
		}
		w_raw(r, "</td></tr>");
	}
	w_raw(r, "</tbody></table>");
}

void
page_persons_get(struct web_req *r)
{
	if (!w_can(r, POL_PERSON_SEARCH)) {
		w_error(r, 403, _("Your role may not search persons."));
		return;
	}
	search_form(r, NULL);
	w_page_end(r);
}

void
page_persons_post(struct web_req *r)
{
	const char *by = form_get(&r->form, "by"), *q = form_nonblank(&r->form, "q");
	struct app_person_hit *hits;
	struct kerr e;
	size_t n, k;
	enum kerr_code rc;

	for (k = 0; k < sizeof(by_tab) / sizeof(by_tab[0]); k++)
		if (by && strcmp(by, by_tab[k].code) == 0)
			break;
	if (k == sizeof(by_tab) / sizeof(by_tab[0]) || q == NULL) {
		r->status = 422;
		search_form(r, _("Choose what to search by and type what to search for."));
		w_page_end(r);
		return;
	}
	rc = app_person_search(r->app, &r->actor, by_tab[k].by, q, &r->a, &hits, &n, &e);
	if (rc == KERR_INVALID) {
		r->status = 422;
		search_form(r, w_kerr_msg(r, &e));
		w_page_end(r);
		return;
	}
	if (rc != KERR_OK) {
		w_kerr(r, &e);
		return;
	}
	search_form(r, NULL);
	w_raw(r, "<h2>");
	w_text(r, _("Results"));
	w_raw(r, "</h2>");
	w_person_hits(r, hits, n, by_tab[k].by == APP_BY_NAME ? q : NULL);
	w_page_end(r);
}

void
page_person_get(struct web_req *r)
{
	struct app_person_hit h;
	struct kerr e;
	char *end;
	long long id = strtoll(r->params[0], &end, 10);
	const struct person *p = &h.person;
	size_t i;

	if (*end || id <= 0) {
		w_error(r, 404, _("Nobody found."));
		return;
	}
	if (app_person_show(r->app, &r->actor, id, &r->a, &h, &e) != KERR_OK) {
		w_kerr(r, &e);
		return;
	}
	w_page_begin(r, arena_printf(&r->a, "%s %s", _("Person"), p->name ? p->name :
		_("[protected]")));
	w_raw(r, "<dl class=\"facts\"><dt>");
	w_text(r, _("Name"));
	w_raw(r, "</dt><dd class=\"masked\">");
	w_text(r, p->name ? p->name : _("[protected]"));
	w_raw(r, "</dd><dt>");
	w_text(r, _("Sex"));
	w_raw(r, "</dt><dd>");
	w_text(r, w_label(r, CB_SEX, p->sex));
	w_raw(r, "</dd><dt>");
	w_text(r, _("Year of birth"));
	w_raw(r, "</dt><dd>");
	if (p->birth_year)
		w_rawf(r, "%d", p->birth_year);
	w_raw(r, "</dd><dt>");
	w_text(r, _("Nationality"));
	w_raw(r, "</dt><dd>");
	w_text(r, w_label(r, CB_COUNTRY, p->nationality));
	w_raw(r, "</dd></dl><h2>");
	w_text(r, _("Cases"));
	w_raw(r, "</h2><ul>");
	for (i = 0; i < h.nparts; i++) {
		w_rawf(r, "<li><a href=\"/cases/%lld\">", (long long)h.parts[i].case_id);
		w_text(r, h.case_numbers[i]);
		w_raw(r, "</a> · ");
		w_text(r, w_label(r, CB_PERSON_ROLE, h.parts[i].role));
		w_raw(r, "</li>");
	}
	w_raw(r, "</ul>");
	w_page_end(r);
}
