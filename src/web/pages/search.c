/*
 * pages/search.c — the search box of every page's header: cases whose
 * number contains what was typed, and persons found by name, document or
 * phone through the blind indexes (as on "Persons"; each search audited
 * there). A POST, so what is searched never shows in an address, a history
 * or a log. A case number typed whole opens that case at once. Phones,
 * e-mails, accounts, plates and RUCs are looked up in every case too
 * (app/identsearch.h): the user's cases, and of other offices only the
 * office to contact.
 */
#include "web/web_int.h"

#include "app/identsearch.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#define SEARCH_CASES 20

/* What the text could be: letters make a name, digits a document or a
 * phone (6 to 15 digits, spaces, '+', '-', '(' and ')' allowed). */
static void
kinds_of(const char *q, int *name, int *doc, int *phone)
{
	size_t digits = 0, letters = 0, other = 0;
	const unsigned char *p;

	for (p = (const unsigned char *)q; *p; p++) {
		if (isdigit(*p))
			digits++;
		else if (isalpha(*p) || *p >= 0x80)
			letters++;
		else if (!strchr(" +-()", *p))
			other++;
	}
	*name = letters > 1;
	*doc = digits > 0 && other == 0;
	*phone = digits >= 6 && digits <= 15 && letters == 0 && other == 0;
}

size_t
w_person_find(struct web_req *r, const char *q, struct app_person_hit **out)
{
	struct app_person_hit *hits, *all = NULL;
	size_t n, nall = 0, i, k;
	struct kerr e;
	int name, doc, phone;
	static const enum app_search_by order[] = { APP_BY_NAME, APP_BY_DOC, APP_BY_PHONE };

	kinds_of(q, &name, &doc, &phone);
	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		int want = order[k] == APP_BY_NAME ? name : order[k] == APP_BY_DOC ? doc : phone;
		if (!want || app_person_search(r->app, &r->actor, order[k], q, &r->a, &hits, &n,
		    &e) != KERR_OK)
			continue;   /* not a valid name, document or phone: nothing to find */
		/* one row per person, whichever way she was found first */
		for (i = 0; i < n; i++) {
			size_t j;
			for (j = 0; j < nall && all[j].person.id != hits[i].person.id; j++)
				;
			if (j < nall)
				continue;
			if (nall % 16 == 0) {
				struct app_person_hit *grown = arena_alloc(&r->a,
					(nall + 16) * sizeof(*grown));
				if (nall)
					memcpy(grown, all, nall * sizeof(*grown));
				all = grown;
			}
			all[nall++] = hits[i];
		}
	}
	*out = all;
	return nall;
}

int
w_person_find_is_name(const char *q)
{
	int name, doc, phone;

	kinds_of(q, &name, &doc, &phone);
	return name && !doc;
}

static void
persons_part(struct web_req *r, const char *q)
{
	struct app_person_hit *all;
	size_t nall = w_person_find(r, q, &all);

	w_raw(r, "<h2>");
	w_text(r, _("Persons"));
	w_raw(r, "</h2>");
	w_person_hits(r, all, nall, w_person_find_is_name(q) ? q : NULL);
}

/* The kinds of identifier the text could be (each search is audited). */
static size_t
ident_kinds(const char *q, const char **kinds)
{
	int name, doc, phone;
	size_t n = 0;

	kinds_of(q, &name, &doc, &phone);
	if (strchr(q, '@') != NULL) {
		kinds[n++] = "email";
		return n;
	}
	if (phone)
		kinds[n++] = "phone";
	if (strpbrk(q, "0123456789") != NULL && strchr(q, ' ') == NULL && strlen(q) >= 5) {
		kinds[n++] = "bank_account";
		kinds[n++] = "vehicle_plate";
		kinds[n++] = "company_ruc";
	}
	return n;
}

static void
identifiers_part(struct web_req *r, const char *q)
{
	const char *kinds[4];
	struct app_ident_hit *h[4];
	size_t nk = ident_kinds(q, kinds), k, n[4], i, shown = 0;
	struct kerr e;

	if (nk == 0)
		return;
	for (k = 0; k < nk; k++) {
		n[k] = 0;
		if (app_identifier_search(r->app, &r->actor, kinds[k], q, &r->a, &h[k], &n[k],
		    &e) != KERR_OK)
			n[k] = 0;   /* not a valid value of this kind */
		shown += n[k];
	}
	w_raw(r, "<h2>");
	w_text(r, _("Identifiers"));
	w_raw(r, "</h2>");
	if (shown == 0) {
		w_raw(r, "<p class=\"empty\">");
		w_text(r, _("No case holds it as an identifier."));
		w_raw(r, "</p>");
		return;
	}
	w_raw(r, "<ul class=\"identifiers\">");
	for (k = 0; k < nk; k++)
		for (i = 0; i < n[k]; i++) {
			const struct app_ident_hit *x = &h[k][i];
			w_raw(r, "<li>");
			w_text(r, w_label(r, CB_IDENTIFIER_KIND, kinds[k]));
			w_raw(r, ": ");
			if (x->visible) {
				w_rawf(r, "<a href=\"/cases/%lld\">", (long long)x->case_id);
				w_text(r, x->case_number);
				w_raw(r, "</a> (");
				w_text(r, x->office_code);
				w_raw(r, ")");
			} else {
				w_text(r, arena_printf(&r->a, _("a match exists in a case of %s (%s): "
					"contact the office"), x->office_name, x->office_code));
			}
			w_raw(r, "</li>");
		}
	w_raw(r, "</ul>");
}

void
page_search_post(struct web_req *r)
{
	const char *q = form_nonblank(&r->form, "q");
	struct store_case_filter f;
	struct store_case_row *rows = NULL;
	size_t n = 0, shown;
	int cases = w_can(r, POL_CASE_LIST), persons = w_can(r, POL_PERSON_SEARCH);

	if (!cases && !persons) {
		w_error(r, 403, _("Your role may not search cases or persons."));
		return;
	}
	if (q == NULL || strlen(q) > 200) {
		r->status = 422;
		w_page_begin(r, _("Search"));
		w_alert(r, _("Type a case number, or a name, document number or phone."));
		w_page_end(r);
		return;
	}
	if (cases) {
		memset(&f, 0, sizeof(f));
		f.number_like = q;
		f.sort = STORE_CASE_NUMBER;
		f.limit = SEARCH_CASES + 1;
		if (app_case_list(r->app, &r->actor, &f, &r->a, &rows, &n, &r->err) != KERR_OK) {
			w_kerr(r, &r->err);
			return;
		}
		/* the whole number of one case: that case */
		if (n == 1 && strcasecmp(rows[0].c.number, q) == 0 && w_can(r, POL_CASE_READ)) {
			w_redirect(r, arena_printf(&r->a, "/cases/%lld", (long long)rows[0].c.id));
			return;
		}
	}
	r->self = "/";   /* the language link cannot repeat a POST */
	w_page_begin(r, _("Search"));
	if (cases) {
		w_raw(r, "<h2>");
		w_text(r, _("Cases"));
		w_raw(r, "</h2>");
		shown = n > SEARCH_CASES ? SEARCH_CASES : n;
		if (n == 0) {
			w_raw(r, "<p class=\"empty\">");
			w_text(r, _("No case number contains it."));
			w_raw(r, "</p>");
		} else {
			w_case_rows(r, _("Cases whose number contains it"), rows, shown);
			if (n > SEARCH_CASES) {
				w_raw(r, "<p class=\"note\">");
				w_text(r, arena_printf(&r->a, _("The first %d by number; type more of it, "
					"or filter the case list."), SEARCH_CASES));
				w_raw(r, "</p>");
			}
		}
	}
	if (persons) {
		persons_part(r, q);
		identifiers_part(r, q);
	}
	w_page_end(r);
}
