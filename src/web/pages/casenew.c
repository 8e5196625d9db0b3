/*
 * pages/casenew.c — registering a case from the browser.
 *
 * The form is turned into the JSON case document (docs/case-document.md)
 * and registered with app_case_add_json, so the browser, the API and the
 * CLI share one validation and one transaction. Every section holds as many
 * rows as the case needs: "add another" and "remove" are submit buttons
 * that send the form back with one row more or less (no JavaScript needed).
 * Before the document is built, each field is checked here so that every
 * mistake is shown at once, beside its field, in the user's words; what
 * the app layer still refuses is mapped back to its field the same way.
 *
 * The same form edits a registered case (/cases/{id}/edit, issue 9): it is
 * filled from the case document as the user sees it (identities masked
 * unless revealed in this session), each row carrying its child's id, and
 * on saving the form's values are laid over the current document, so that
 * what the form does not show (other identifiers, a witness, older
 * measures) is kept; rows removed from the form are removed from the case
 * (marked removed in its history). app_case_update_json does the rest:
 * masked values sent back keep what they hide, a stale version is refused.
 */
#include "web/web_int.h"
#include "web/revealstate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/casedoc.h"
#include "core/policy.h"
#include "core/ubigeo.h"
#include "core/validate.h"

/* ---- the sections and their rows ---- */

enum sect { S_VICTIM, S_SUSPECT, S_EVENT, S_ASSET, S_IDENT, S_REQUEST, S__MAX };

static const struct sect_desc {
	const char *prefix;     /* of the field names: "v" -> v1_name */
	const char *count;      /* hidden field with the number of rows */
	const char *legend;     /* one row's legend */
	const char *add;        /* the add button */
	int initial;            /* rows on a new form */
} sects[S__MAX] = {
	[S_VICTIM]  = { "v", "nv", N_("Victim"), N_("Add another victim"), 1 },
	[S_SUSPECT] = { "s", "ns", N_("Suspect"), N_("Add another suspect"), 1 },
	[S_EVENT]   = { "e", "ne", N_("Procedural event"), N_("Add another event"), 1 },
	[S_ASSET]   = { "a", "na", N_("Seized asset"), N_("Add another asset"), 1 },
	[S_IDENT]   = { "i", "ni", N_("Identifier of the case"), N_("Add another identifier"), 1 },
	[S_REQUEST] = { "q", "nq", N_("International request"), N_("Add another request"), 1 },
};

/* rows of one section: more than any real case holds (a case with more
 * cannot be edited here, rather than lose rows: see edit_load) */
#define ROWS_MAX 200
#define ERRS_MAX 64

/* The fields of a row by the suffix of their names, with their labels: the
 * words errors use. */
static const struct { const char *suffix, *label; } field_labels[] = {
	{ "name", N_("Full name") }, { "alias", N_("Alias") },
	{ "doc_type", N_("Document type") }, { "doc_number", N_("Document number") },
	{ "sex", N_("Sex") }, { "birth_year", N_("Year of birth") },
	{ "nationality", N_("Nationality") }, { "origin", N_("Region of origin") },
	{ "age", N_("Age at recruitment") }, { "phone", N_("Phone") },
	{ "exploitation", N_("Forms of exploitation") }, { "recruitment", N_("Recruitment") },
	{ "control", N_("Means of control") },
	{ "means", N_("Means (art. 129-A)") }, { "vulnerability", N_("Vulnerability") },
	{ "rplace", N_("Place of recruitment") },
	{ "xplace", N_("Place of exploitation") },
	{ "rcountry", N_("Country of recruitment") },
	{ "xcountry", N_("Country of exploitation") },
	{ "network_roles", N_("Role in the network") },
	{ "person", N_("Registered person") }, { "find", N_("Find a registered person") },
	{ "stage", N_("Stage") }, { "date", N_("Date") }, { "note", N_("Note") },
	{ "kind", N_("Kind") }, { "description", N_("Description") },
	{ "value", N_("Value") }, { "currency", N_("Currency") }, { "measure", N_("Measure") },
	{ "measure_date", N_("Date of the measure") },
	{ "direction", N_("Direction") }, { "country", N_("Country") },
	{ "authority", N_("Authority") }, { "type", N_("Type") }, { "status", N_("Status") },
	{ "sent", N_("Sent") }, { "due", N_("Due") },
	/* the case itself */
	{ "number", N_("Case number") }, { "office", N_("Office") },
	{ "complaint_date", N_("Complaint date") }, { "complaint_source", N_("Complaint source") },
	{ "place_country", N_("Country of the facts") },
	{ "place_ubigeo", N_("Place of the facts") }, { "offences", N_("Offences") },
	{ "related_offences", N_("Related offences") }, { "summary", N_("Summary") },
	{ "aggravating", N_("Aggravating circumstances") },
};

struct ferr {
	const char *name;       /* the field's name and id */
	const char *msg;        /* "Label: what is wrong" */
};

/* The form being handled. */
struct nf {
	struct web_req *r;
	int n[S__MAX];                  /* rows shown */
	int src[S__MAX][ROWS_MAX];      /* the submitted row each shown row comes from */
	struct ferr err[ERRS_MAX];
	size_t nerr;
	const char *general;            /* an error that belongs to no field */
	const char *focus;              /* the field to focus ("add another") */
	char complaint[11];             /* the complaint date, once read */
	/* editing a registered case (0: a new case) */
	int64_t case_id;
	int64_t office_id;
	const char *case_number;
	json_t *cur;                    /* its document as the user sees it */
};

static const char *
label_of(const char *suffix)
{
	size_t i;

	for (i = 0; i < sizeof(field_labels) / sizeof(field_labels[0]); i++)
		if (strcmp(field_labels[i].suffix, suffix) == 0)
			return _(field_labels[i].label);
	return suffix;
}

/* The field name of shown row k (1-based) of a section. */
static const char *
rname(struct nf *f, enum sect s, int k, const char *suffix)
{
	return arena_printf(&f->r->a, "%s%d_%s", sects[s].prefix, k, suffix);
}

/* What was submitted for shown row k's field (the row it came from). */
static const char *
rval(struct nf *f, enum sect s, int k, const char *suffix)
{
	return form_nonblank(&f->r->form, rname(f, s, f->src[s][k - 1], suffix));
}

static const char **
rvals(struct nf *f, enum sect s, int k, const char *suffix, size_t *n)
{
	return form_all(&f->r->form, rname(f, s, f->src[s][k - 1], suffix), &f->r->a, n);
}

/* Record an error on a field; "Victim 2 — Year of birth: ..." for rows. */
static void
ferr(struct nf *f, enum sect s, int k, const char *suffix, const char *msg)
{
	const char *name, *label;
	size_t i;

	if (f->nerr == ERRS_MAX)
		return;
	if (k > 0) {
		name = rname(f, s, k, suffix);
		label = arena_printf(&f->r->a, "%s %d — %s", _(sects[s].legend), k, label_of(suffix));
	} else {
		name = suffix;
		label = label_of(suffix);
	}
	for (i = 0; i < f->nerr; i++)
		if (strcmp(f->err[i].name, name) == 0)
			return;   /* the first word on a field is enough */
	f->err[f->nerr].name = name;
	f->err[f->nerr].msg = arena_printf(&f->r->a, "%s: %s", label, msg);
	f->nerr++;
}

static const struct ferr *
err_of(const struct nf *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->nerr; i++)
		if (strcmp(f->err[i].name, name) == 0)
			return &f->err[i];
	return NULL;
}

/* ---- widgets: label, control, hint, error; what was typed kept ---- */

enum wflags {
	W_REQUIRED = 1 << 0,
	W_DATE     = 1 << 1,   /* text with the date format as its hint */
	W_NUMERIC  = 1 << 2,
	W_AMOUNT   = 1 << 3,
	W_TEL      = 1 << 4,
};

static void
w_begin(struct nf *f, const char *name, const char *label, unsigned flags)
{
	struct web_req *r = f->r;

	w_raw(r, "<div><label for=\"");
	w_text(r, name);
	w_raw(r, "\">");
	w_text(r, label);
	if (flags & W_REQUIRED)   /* the control says "required" to assistive technology */
		w_raw(r, " <span class=\"req\" aria-hidden=\"true\">*</span>");
	w_raw(r, "</label>");
}

/* aria-invalid, the error's id, and autofocus on the first problem (the
 * browser scrolls it into view) */
static void
w_state(struct nf *f, const char *name, int hint)
{
	struct web_req *r = f->r;
	const struct ferr *e = err_of(f, name);
	int first = (e != NULL && e == &f->err[0]) ||
		(f->nerr == 0 && f->focus != NULL && strcmp(f->focus, name) == 0);

	if (e != NULL) {
		w_raw(r, "\" aria-invalid=\"true\" aria-describedby=\"");
		w_text(r, name);
		w_raw(r, "-err");
	}
	if (hint) {
		w_raw(r, e != NULL ? " " : "\" aria-describedby=\"");
		w_text(r, name);
		w_raw(r, "-hint");
	}
	w_raw(r, first ? "\" autofocus" : "\"");
}

static void
w_end(struct nf *f, const char *name, const char *hint)
{
	struct web_req *r = f->r;
	const struct ferr *e = err_of(f, name);

	if (hint != NULL) {
		w_raw(r, "<span class=\"hint\" id=\"");
		w_text(r, name);
		w_raw(r, "-hint\">");
		w_text(r, hint);
		w_raw(r, "</span>");
	}
	if (e != NULL) {
		w_raw(r, "<p class=\"field-error\" id=\"");
		w_text(r, name);
		w_raw(r, "-err\">");
		w_text(r, e->msg);
		w_raw(r, "</p>");
	}
	w_raw(r, "</div>");
}

static void
input(struct nf *f, const char *name, const char *value, const char *label, unsigned flags)
{
	struct web_req *r = f->r;
	const char *hint = (flags & W_DATE) ? _("YYYY-MM-DD or DD/MM/YYYY") :
		(flags & W_AMOUNT) ? _("for example 1200.50, 1,200.50 or 1.200,50") : NULL;

	w_begin(f, name, label, flags);
	w_raw(r, "<input id=\"");
	w_text(r, name);
	w_raw(r, "\" name=\"");
	w_text(r, name);
	w_raw(r, (flags & W_TEL) ? "\" type=\"tel" : "\" type=\"text");
	if (flags & W_NUMERIC)
		w_raw(r, "\" inputmode=\"numeric");
	if (flags & W_AMOUNT)
		w_raw(r, "\" inputmode=\"decimal");
	if (flags & W_DATE)
		{ w_raw(r, "\" size=\"10\" placeholder=\""); w_text(r, _("YYYY-MM-DD")); }
	if (flags & W_REQUIRED)
		w_raw(r, "\" required=\"");
	w_raw(r, "\" value=\"");
	w_text(r, value);
	w_state(f, name, hint != NULL);
	w_raw(r, ">");
	w_end(f, name, hint);
}

static void
select_cb(struct nf *f, const char *name, const char *value, const char *label, enum cb_dim dim,
	unsigned flags)
{
	struct web_req *r = f->r;
	size_t n, i;
	const struct cb_entry *e = cb_entries(dim, &n);

	w_begin(f, name, label, flags);
	w_raw(r, "<select id=\"");
	w_text(r, name);
	w_raw(r, "\" name=\"");
	w_text(r, name);
	w_raw(r, (flags & W_REQUIRED) ? "\" required=\"" : "");
	w_state(f, name, 0);
	w_raw(r, "><option value=\"\"></option>");
	for (i = 0; i < n; i++) {
		w_raw(r, "<option value=\"");
		w_text(r, e[i].code);
		w_raw(r, value && strcmp(value, e[i].code) == 0 ? "\" selected>" : "\">");
		w_text(r, r->lang == I18N_EN ? e[i].en : e[i].es);
		w_raw(r, "</option>");
	}
	w_raw(r, "</select>");
	w_end(f, name, NULL);
}

static void
multi_cb(struct nf *f, const char *name, const char **sel, size_t nsel, const char *label,
	enum cb_dim dim, unsigned flags)
{
	struct web_req *r = f->r;
	size_t n, i, k;
	const struct cb_entry *e = cb_entries(dim, &n);

	w_begin(f, name, label, flags);
	w_raw(r, "<select multiple id=\"");
	w_text(r, name);
	w_raw(r, "\" name=\"");
	w_text(r, name);
	w_raw(r, (flags & W_REQUIRED) ? "\" aria-required=\"true" : "");
	w_state(f, name, 0);
	w_raw(r, ">");
	for (i = 0; i < n; i++) {
		int on = 0;
		for (k = 0; k < nsel; k++)
			on |= strcmp(sel[k], e[i].code) == 0;
		w_raw(r, "<option value=\"");
		w_text(r, e[i].code);
		w_raw(r, on ? "\" selected>" : "\">");
		w_text(r, r->lang == I18N_EN ? e[i].en : e[i].es);
		w_raw(r, "</option>");
	}
	w_raw(r, "</select>");
	w_end(f, name, NULL);
}

/* ---- a place: country, then department -> province -> district by name ---- */

/* What was submitted for a place: base is the department's field (a
 * row's suffix, or the case's field name when k is 0), base_p the
 * province's, base_d the district's; country may be NULL (no country
 * field: Peru). */
struct placev {
	const char *country, *dep, *prov, *dist;
};

static struct placev
place_read(struct nf *f, enum sect s, int k, const char *base, const char *country)
{
	struct placev v;

	if (k > 0) {
		v.country = country ? rval(f, s, k, country) : NULL;
		v.dep = rval(f, s, k, base);
		v.prov = rval(f, s, k, arena_printf(&f->r->a, "%s_p", base));
		v.dist = rval(f, s, k, arena_printf(&f->r->a, "%s_d", base));
	} else {
		v.country = country ? form_nonblank(&f->r->form, country) : NULL;
		v.dep = form_nonblank(&f->r->form, base);
		v.prov = form_nonblank(&f->r->form, arena_printf(&f->r->a, "%s_p", base));
		v.dist = form_nonblank(&f->r->form, arena_printf(&f->r->a, "%s_d", base));
	}
	/* a whole code in the department's field (a script, a pasted code):
	 * its department, province and district */
	if (v.dep != NULL && (strlen(v.dep) == 4 || strlen(v.dep) == 6) && ubigeo_exists(v.dep)) {
		const char *code = v.dep;
		v.dist = strlen(code) == 6 ? code : NULL;
		v.prov = arena_strndup(&f->r->a, code, 4);
		v.dep = arena_strndup(&f->r->a, code, 2);
	}
	return v;
}

/* Is child one of the places directly inside parent? */
static int
place_in(const char *child, const char *parent)
{
	const struct ubigeo_place *p;

	if (child == NULL || parent == NULL || strlen(child) != strlen(parent) + 2 ||
	    strncmp(child, parent, strlen(parent)) != 0)
		return 0;
	p = ubigeo_find(child);
	return p != NULL;
}

/* The INEI code of the deepest level chosen consistently (NULL: none);
 * *why says what is wrong when a level does not belong to the one above. */
static const char *
place_code(struct web_req *r, const struct placev *v, const char **why)
{
	*why = NULL;
	if (v->dep == NULL)
		return NULL;
	if (strlen(v->dep) != 2 || !ubigeo_exists(v->dep)) {
		*why = _("choose the department from the list");
		return NULL;
	}
	if (v->country != NULL && strcmp(v->country, "PE") != 0) {
		*why = _("a department, province and district are only for places in Peru");
		return NULL;
	}
	if (v->prov == NULL)
		return v->dep;
	if (!place_in(v->prov, v->dep)) {
		*why = arena_printf(&r->a, _("the province is not in %s: choose it again"),
			w_label(r, CB_DEPARTMENT, v->dep));
		return NULL;
	}
	if (v->dist == NULL)
		return v->prov;
	if (!place_in(v->dist, v->prov)) {
		*why = arena_printf(&r->a, _("the district is not in %s: choose it again"),
			ubigeo_find(v->prov)->name);
		return NULL;
	}
	return v->dist;
}

static void
place_select(struct nf *f, const char *name, const char *label, const char *parent,
	const char *value)
{
	struct web_req *r = f->r;
	const struct ubigeo_place *p = NULL;
	const struct cb_entry *e = NULL;
	size_t n, i;

	if (parent == NULL)
		e = cb_entries(CB_DEPARTMENT, &n);
	else
		p = ubigeo_children(parent, &n);
	w_begin(f, name, label, 0);
	w_raw(r, "<select id=\"");
	w_text(r, name);
	w_raw(r, "\" name=\"");
	w_text(r, name);
	w_state(f, name, 0);
	w_raw(r, "><option value=\"\"></option>");
	for (i = 0; i < n; i++) {
		const char *code = e ? e[i].code : p[i].code;
		w_raw(r, "<option value=\"");
		w_text(r, code);
		w_raw(r, value && strcmp(value, code) == 0 ? "\" selected>" : "\">");
		w_text(r, e ? e[i].es : p[i].name);   /* place names are the same in both languages */
		w_raw(r, "</option>");
	}
	w_raw(r, "</select>");
	w_end(f, name, NULL);
}

/* A place as a group: its country (when country is not NULL), the
 * department, then the provinces of the department chosen and the
 * districts of the province chosen. Without scripts, "Show the provinces"
 * sends the form back with the next list filled in (like "add another"). */
static void
place(struct nf *f, enum sect s, int k, const char *bsuffix, const char *csuffix,
	unsigned cflags, const char *legend)
{
	struct web_req *r = f->r;
	struct placev v = place_read(f, s, k, bsuffix, csuffix);
	const char *base = k > 0 ? rname(f, s, k, bsuffix) : bsuffix;
	const char *country = csuffix == NULL ? NULL : k > 0 ? rname(f, s, k, csuffix) : csuffix;
	const char *pname = arena_printf(&r->a, "%s_p", base);
	const char *dname = arena_printf(&r->a, "%s_d", base);
	int dep_ok = v.dep != NULL && strlen(v.dep) == 2 && ubigeo_exists(v.dep);
	int prov_ok = dep_ok && place_in(v.prov, v.dep);

	w_raw(r, "<fieldset class=\"place\" id=\"");
	w_text(r, base);
	w_raw(r, "-place\"><legend>");
	w_text(r, legend);
	w_raw(r, "</legend><div class=\"grid\">");
	if (country != NULL)
		select_cb(f, country, v.country ? v.country : "PE", _("Country"), CB_COUNTRY, cflags);
	place_select(f, base, _("Department"), NULL, v.dep);
	if (dep_ok)
		place_select(f, pname, _("Province"), v.dep, prov_ok ? v.prov : NULL);
	if (prov_ok)
		place_select(f, dname, _("District"), v.prov, place_in(v.dist, v.prov) ? v.dist : NULL);
	w_raw(r, "<div><button type=\"submit\" class=\"secondary\" formnovalidate "
		"name=\"narrow\" value=\"");
	w_text(r, base);
	w_raw(r, "\" id=\"");
	w_text(r, base);
	w_raw(r, "-narrow\">");
	w_text(r, dep_ok ? _("Show the districts") : _("Show the provinces"));
	w_raw(r, "</button></div></div></fieldset>");
}

/* ---- one row of each section ---- */

/* ---- a person already registered instead of a new one (issue 9) ---- */

/* The option of a person found: the masked name, sex, year of birth, and
 * her part in each case (never an internal number). */
static void
person_option(struct nf *f, const struct app_person_hit *h, const char *cur)
{
	struct web_req *r = f->r;
	char id[24];
	size_t j;

	snprintf(id, sizeof(id), "%lld", (long long)h->person.id);
	w_rawf(r, "<option value=\"%s\"%s>", id, cur != NULL && strcmp(cur, id) == 0 ?
		" selected" : "");
	w_text(r, h->person.name != NULL ? h->person.name : _("[protected]"));
	if (h->person.sex != NULL) {
		w_raw(r, " · ");
		w_text(r, w_label(r, CB_SEX, h->person.sex));
	}
	if (h->person.birth_year > 0)
		w_rawf(r, " · %d", h->person.birth_year);
	for (j = 0; j < h->nparts; j++) {
		w_raw(r, j ? ", " : " · ");
		w_text(r, w_label(r, CB_PERSON_ROLE, h->parts[j].role));
		w_raw(r, " ");
		w_text(r, h->case_numbers[j]);
	}
	w_raw(r, "</option>");
}

/*
 * "Find" a registered person for a new victim or suspect row: the persons
 * the actor may see whose name, document or phone is what was typed, of
 * whom only those a case would accept (app_person_check_join's rule,
 * app_person_hit.joinable) are offered; the one chosen is sent as the
 * row's person_id, and the app layer checks it again.
 */
static void
person_picker(struct nf *f, enum sect s, int k)
{
	struct web_req *r = f->r;
	const char *find = form_get(&r->form, "find"), *cur = rval(f, s, k, "person");
	const char *q = rval(f, s, k, "find");
	const char *fname = rname(f, s, k, "find"), *pname = rname(f, s, k, "person");
	struct app_person_hit *hits = NULL, one;
	size_t n = 0, i, offered = 0;
	struct kerr e;
	int searched = find != NULL && q != NULL &&
		strcmp(find, arena_printf(&r->a, "%s%d", sects[s].prefix, k)) == 0;

	if (searched)
		n = w_person_find(r, q, &hits);
	else if (cur != NULL && app_person_show(r->app, &r->actor, strtoll(cur, NULL, 10), &r->a,
	    &one, &e) == KERR_OK) {
		one.joinable = 1;   /* the one chosen before: the app layer decides */
		hits = &one;
		n = 1;
	}
	for (i = 0; i < n; i++)
		offered += hits[i].joinable;
	if (searched && offered == 0 && f->focus != NULL && strcmp(f->focus, pname) == 0)
		f->focus = fname;
	w_raw(r, "<fieldset class=\"pick\"><legend>");
	w_text(r, _("Already registered?"));
	w_raw(r, "</legend><div class=\"grid\">");
	input(f, fname, q, _("Find by name, document or phone"), 0);
	w_rawf(r, "<div><button type=\"submit\" class=\"secondary\" formnovalidate name=\"find\" "
		"value=\"%s%d\">", sects[s].prefix, k);
	w_text(r, _("Find"));
	w_raw(r, "<span class=\"skip\"> — ");
	w_text(r, arena_printf(&r->a, "%s %d", _(sects[s].legend), k));
	w_raw(r, "</span></button></div>");
	if (searched && offered == 0) {
		w_raw(r, "<p class=\"note\" role=\"status\">");
		w_text(r, _("Nobody found that you may add to a case: fill in the fields below "
			"for a new person."));
		if (w_person_find_is_name(q) && strpbrk(q, " \t") == NULL) {
			w_raw(r, " ");
			w_text(r, _("One word finds only a person registered under that single word. "
				"Type two or more words of the name, such as a given name and a surname "
				"(\"Rosa Quispe\"), or search by document number or phone."));
		}
		w_raw(r, "</p>");
	}
	if (offered > 0 || cur != NULL) {
		w_begin(f, pname, _("Registered person"), 0);
		w_raw(r, "<select id=\"");
		w_text(r, pname);
		w_raw(r, "\" name=\"");
		w_text(r, pname);
		w_state(f, pname, 1);
		w_raw(r, "><option value=\"\">");
		w_text(r, _("None: a new person (fill in the fields below)"));
		w_raw(r, "</option>");
		for (i = 0; i < n; i++)
			if (hits[i].joinable)
				person_option(f, &hits[i], cur);
		w_raw(r, "</select>");
		w_end(f, pname, _("the person chosen joins this case as she is registered: leave "
			"her name and document blank"));
	}
	w_raw(r, "</div></fieldset>");
}

static void
row_fields(struct nf *f, enum sect s, int k)
{
	size_t n;
	const char **v;

#define RN(x) rname(f, s, k, (x))
#define RV(x) rval(f, s, k, (x))
	if (RV("id") != NULL) {   /* the child of the case this row edits */
		w_raw(f->r, "<input type=\"hidden\" name=\"");
		w_text(f->r, RN("id"));
		w_raw(f->r, "\" value=\"");
		w_text(f->r, RV("id"));
		w_raw(f->r, "\">");
	}
	switch (s) {
	case S_VICTIM:
	case S_SUSPECT:
		/* a new participation may be a person already registered */
		if (RV("id") == NULL && w_can(f->r, POL_PERSON_SEARCH))
			person_picker(f, s, k);
		input(f, RN("name"), RV("name"), _("Full name"), W_REQUIRED);
		if (s == S_SUSPECT)
			input(f, RN("alias"), RV("alias"), _("Alias"), 0);
		select_cb(f, RN("doc_type"), RV("doc_type"), _("Document type"), CB_DOC_TYPE, 0);
		input(f, RN("doc_number"), RV("doc_number"), _("Document number"), 0);
		select_cb(f, RN("sex"), RV("sex"), _("Sex"), CB_SEX, 0);
		if (s == S_VICTIM)
			input(f, RN("birth_year"), RV("birth_year"), _("Year of birth"), W_NUMERIC);
		select_cb(f, RN("nationality"), RV("nationality"), _("Nationality"), CB_COUNTRY, 0);
		input(f, RN("phone"), RV("phone"), _("Phone"), W_TEL);
		if (s == S_SUSPECT) {
			v = rvals(f, s, k, "network_roles", &n);
			multi_cb(f, RN("network_roles"), v, n, _("Role in the network"), CB_NETWORK_ROLE, 0);
			break;
		}
		select_cb(f, RN("origin"), RV("origin"), _("Region of origin"), CB_DEPARTMENT, 0);
		input(f, RN("age"), RV("age"), _("Age at recruitment"), W_NUMERIC);
		v = rvals(f, s, k, "exploitation", &n);
		multi_cb(f, RN("exploitation"), v, n, _("Forms of exploitation"), CB_EXPLOITATION, 0);
		v = rvals(f, s, k, "recruitment", &n);
		multi_cb(f, RN("recruitment"), v, n, _("Recruitment"), CB_RECRUITMENT, 0);
		v = rvals(f, s, k, "control", &n);
		multi_cb(f, RN("control"), v, n, _("Means of control"), CB_CONTROL, 0);
		v = rvals(f, s, k, "means", &n);
		multi_cb(f, RN("means"), v, n, _("Means (art. 129-A)"), CB_MEANS, 0);
		v = rvals(f, s, k, "vulnerability", &n);
		multi_cb(f, RN("vulnerability"), v, n, _("Vulnerability"), CB_VULNERABILITY, 0);
		place(f, s, k, "rplace", "rcountry", 0, _("Place of recruitment"));
		place(f, s, k, "xplace", "xcountry", 0, _("Place of exploitation"));
		break;
	case S_EVENT:
		select_cb(f, RN("stage"), RV("stage"), _("Stage"), CB_STAGE, W_REQUIRED);
		input(f, RN("date"), RV("date"), _("Date"), W_DATE | W_REQUIRED);
		input(f, RN("note"), RV("note"), _("Note"), 0);
		break;
	case S_ASSET:
		select_cb(f, RN("kind"), RV("kind"), _("Kind"), CB_ASSET_KIND, W_REQUIRED);
		input(f, RN("description"), RV("description"), _("Description"), 0);
		input(f, RN("value"), RV("value"), _("Estimated value"), W_AMOUNT);
		select_cb(f, RN("currency"), RV("currency") ? RV("currency") : "PEN", _("Currency"),
			CB_CURRENCY, 0);
		select_cb(f, RN("measure"), RV("measure"), _("Measure"), CB_ASSET_MEASURE, 0);
		input(f, RN("measure_date"), RV("measure_date"), _("Date of the measure"), W_DATE);
		break;
	case S_IDENT:
		select_cb(f, RN("kind"), RV("kind"), _("Kind"), CB_IDENTIFIER_KIND, W_REQUIRED);
		input(f, RN("value"), RV("value"), _("Value"), W_REQUIRED);
		break;
	case S_REQUEST:
		select_cb(f, RN("direction"), RV("direction"), _("Direction"), CB_REQUEST_DIRECTION,
			W_REQUIRED);
		select_cb(f, RN("country"), RV("country"), _("Country"), CB_COUNTRY, W_REQUIRED);
		input(f, RN("authority"), RV("authority"), _("Authority"), 0);
		select_cb(f, RN("type"), RV("type"), _("Type"), CB_REQUEST_TYPE, W_REQUIRED);
		select_cb(f, RN("status"), RV("status"), _("Status"), CB_REQUEST_STATUS, W_REQUIRED);
		input(f, RN("sent"), RV("sent"), _("Sent"), W_DATE);
		input(f, RN("due"), RV("due"), _("Due"), W_DATE);
		break;
	case S__MAX:
		break;
	}
#undef RN
#undef RV
}

/* Sections the actor's role may not fill are not shown at all. */
static int
sect_shown(struct web_req *r, enum sect s)
{
	return s != S_REQUEST || w_can(r, POL_REQUEST_MANAGE);
}

static void
section(struct nf *f, enum sect s)
{
	struct web_req *r = f->r;
	int k;

	w_rawf(r, "<input type=\"hidden\" name=\"%s\" value=\"%d\">", sects[s].count, f->n[s]);
	for (k = 1; k <= f->n[s]; k++) {
		w_rawf(r, "<fieldset id=\"%s%d\"><legend>", sects[s].prefix, k);
		w_text(r, _(sects[s].legend));
		w_rawf(r, " %d</legend><div class=\"grid\">", k);
		row_fields(f, s, k);
		w_raw(r, "</div><p class=\"row-actions\"><button type=\"submit\" class=\"secondary\" "
			"formnovalidate name=\"remove\" value=\"");
		w_rawf(r, "%s%d\">", sects[s].prefix, k);
		w_text(r, arena_printf(&r->a, _("Remove %s %d"), _(sects[s].legend), k));
		w_raw(r, "</button></p></fieldset>");
	}
	if (f->n[s] < ROWS_MAX) {
		w_raw(r, "<p class=\"row-actions\"><button type=\"submit\" class=\"secondary\" "
			"formnovalidate name=\"add\" value=\"");
		w_raw(r, sects[s].prefix);
		w_rawf(r, "\" id=\"add-%s\">", sects[s].prefix);
		w_text(r, _(sects[s].add));
		w_raw(r, "</button></p>");
	}
}

static void
error_summary(struct nf *f)
{
	struct web_req *r = f->r;
	size_t i;

	if (f->nerr == 0 && f->general == NULL)
		return;
	w_raw(r, "<div class=\"error\" role=\"alert\" id=\"form-error\"><p>");
	if (f->nerr > 0 && f->case_id != 0)
		w_text(r, f->nerr == 1 ? _("One field needs correcting; nothing was saved.") :
			arena_printf(&r->a, _("%zu fields need correcting; nothing was saved."),
			f->nerr));
	else if (f->nerr > 0)
		w_text(r, f->nerr == 1 ? _("One field needs correcting; nothing was registered.") :
			arena_printf(&r->a, _("%zu fields need correcting; nothing was registered."),
			f->nerr));
	else
		w_text(r, f->general);
	w_raw(r, "</p>");
	if (f->nerr > 0) {
		if (f->general != NULL) {
			w_raw(r, "<p>");
			w_text(r, f->general);
			w_raw(r, "</p>");
		}
		w_raw(r, "<ul>");
		for (i = 0; i < f->nerr; i++) {
			w_raw(r, "<li><a href=\"#");
			w_text(r, f->err[i].name);
			w_raw(r, "\">");
			w_text(r, f->err[i].msg);
			w_raw(r, "</a></li>");
		}
		w_raw(r, "</ul>");
	}
	w_raw(r, "</div>");
}

static void
form_page(struct nf *f, int status)
{
	struct web_req *r = f->r;
	struct office *o = NULL;
	size_t no = 0, i, n;
	struct kerr e;
	const char *cur = form_get(&r->form, "office");
	const char **v;
	const struct ferr *oe;
	int s;

	if (app_office_list(r->app, &r->actor, &r->a, &o, &no, &e) != KERR_OK)
		no = 0;
	r->status = status;
	r->self = f->case_id ? arena_printf(&r->a, "/cases/%lld/edit", (long long)f->case_id) :
		"/cases/new";
	if (f->case_id) {
		r->crumb_href = arena_printf(&r->a, "/cases/%lld", (long long)f->case_id);
		r->crumb_label = arena_printf(&r->a, "%s %s", _("Case"), f->case_number);
	}
	w_page_begin(r, f->case_id ? arena_printf(&r->a, _("Edit case %s"), f->case_number) :
		_("New case"));
	error_summary(f);
	w_raw(r, "<p class=\"note\">");
	w_text(r, f->case_id ? _("Fields marked * are required. Names and numbers shown masked "
		"are kept as they are unless you change them; to change a masked text, show the "
		"identities on the case page first. Removing a row removes it from the case; "
		"the history keeps it.") :
		_("Fields marked * are required. A row left blank is ignored."));
	w_raw(r, "</p><form method=\"post\" action=\"");
	w_text(r, r->self);
	w_raw(r, "\" novalidate>");
	w_csrf(r);
	if (f->case_id)
		w_rawf(r, "<input type=\"hidden\" name=\"version\" value=\"%s\">",
			w_int(r, atoll(form_get(&r->form, "version") ? form_get(&r->form, "version") : "0")));
	w_raw(r, "<fieldset><legend>");
	w_text(r, _("Case"));
	w_raw(r, "</legend><div class=\"grid\">");
	input(f, "number", form_get(&r->form, "number"), _("Case number"), W_REQUIRED);
	if (f->case_id) {   /* an office changes by a transfer, on the case page */
		w_raw(r, "<div><span class=\"label\">");
		w_text(r, _("Office"));
		w_raw(r, "</span> ");
		for (i = 0; i < no; i++)
			if (o[i].id == f->office_id)
				w_text(r, o[i].code);
		w_raw(r, "</div>");
	} else {
	w_begin(f, "office", _("Office"), W_REQUIRED);
	w_raw(r, "<select id=\"office\" name=\"office");
	oe = err_of(f, "office");
	w_state(f, "office", 0);
	w_raw(r, ">");
	for (i = 0; i < no; i++) {
		int on = cur ? strcmp(cur, o[i].code) == 0 : o[i].id == r->actor.office_id;
		/* only the offices the role may register cases for: the app layer
		 * would refuse another one */
		if (policy_scope(r->actor.role, POL_CASE_CREATE) != POL_SCOPE_NATIONAL &&
		    o[i].id != r->actor.office_id)
			continue;
		w_raw(r, "<option value=\"");
		w_text(r, o[i].code);
		w_raw(r, on ? "\" selected>" : "\">");
		w_text(r, o[i].code);
		w_raw(r, "</option>");
	}
	w_raw(r, "</select>");
	(void)oe;
	w_end(f, "office", NULL);
	}
	input(f, "complaint_date", form_get(&r->form, "complaint_date"), _("Complaint date"),
		W_DATE | W_REQUIRED);
	select_cb(f, "complaint_source", form_get(&r->form, "complaint_source"),
		_("Complaint source"), CB_COMPLAINT_SOURCE, W_REQUIRED);
	place(f, 0, 0, "place_ubigeo", "place_country", W_REQUIRED, _("Place of the facts"));
	v = form_all(&r->form, "offences", &r->a, &n);
	multi_cb(f, "offences", v, n, _("Offences"), CB_OFFENCE, W_REQUIRED);
	v = form_all(&r->form, "related_offences", &r->a, &n);
	multi_cb(f, "related_offences", v, n, _("Related offences"), CB_RELATED_OFFENCE, 0);
	v = form_all(&r->form, "aggravating", &r->a, &n);
	multi_cb(f, "aggravating", v, n, _("Aggravating circumstances"), CB_AGGRAVATING, 0);
	w_raw(r, "</div>");
	w_begin(f, "summary", _("Summary"), 0);
	w_raw(r, "<textarea id=\"summary\" name=\"summary\" rows=\"4");
	w_state(f, "summary", 0);
	w_raw(r, ">");
	w_text(r, form_get(&r->form, "summary"));
	w_raw(r, "</textarea>");
	w_end(f, "summary", NULL);
	w_raw(r, "</fieldset>");
	for (s = 0; s < S__MAX; s++)
		if (sect_shown(r, (enum sect)s))
			section(f, (enum sect)s);
	if (f->case_id) {
		w_raw(r, "<label for=\"reason\">");
		w_text(r, _("Reason for the change (optional, kept in the history)"));
		w_raw(r, "</label><input type=\"text\" id=\"reason\" name=\"reason\" value=\"");
		w_text(r, form_get(&r->form, "reason"));
		w_raw(r, "\"><p><button type=\"submit\" id=\"save\" name=\"save\" value=\"1\">");
		w_text(r, _("Save the changes"));
		w_raw(r, "</button> <a href=\"");
		w_text(r, arena_printf(&r->a, "/cases/%lld", (long long)f->case_id));
		w_raw(r, "\">");
		w_text(r, _("Back to the case without saving"));
		w_raw(r, "</a></p></form>");
		w_page_end(r);
		return;
	}
	w_raw(r, "<p><button type=\"submit\" id=\"register\" name=\"register\" value=\"1\">");
	w_text(r, _("Register the case"));
	w_raw(r, "</button></p></form>");
	w_page_end(r);
}

/* Rows as submitted (bounded), each shown row from its own submitted row. */
static void
read_rows(struct nf *f, int fresh)
{
	int s, k;

	for (s = 0; s < S__MAX; s++) {
		const char *c = form_get(&f->r->form, sects[s].count);
		int n = fresh || c == NULL ? sects[s].initial : atoi(c);
		size_t i, pl = strlen(sects[s].prefix);
		/* a row posted without its count (a script, an old form) still counts */
		for (i = 0; !fresh && i < f->r->form.n; i++) {
			const char *name = f->r->form.f[i].name;
			char *end;
			long k;
			if (strncmp(name, sects[s].prefix, pl) != 0 || name[pl] < '1' || name[pl] > '9')
				continue;
			k = strtol(name + pl, &end, 10);
			if (*end == '_' && k > n && k <= ROWS_MAX)
				n = (int)k;
		}
		if (n < 0)
			n = 0;
		if (n > ROWS_MAX)
			n = ROWS_MAX;
		f->n[s] = n;
		for (k = 0; k < ROWS_MAX; k++)
			f->src[s][k] = k + 1;
	}
}

/* The form of a new case; NULL after a refusal page. */
static struct nf *
new_form(struct web_req *r)
{
	struct nf *f;

	if (!w_can(r, POL_CASE_CREATE)) {
		w_error(r, 403, _("Your role may not register cases."));
		return NULL;
	}
	f = arena_alloc(&r->a, sizeof(*f));
	memset(f, 0, sizeof(*f));
	f->r = r;
	return f;
}

void
page_case_new_get(struct web_req *r)
{
	struct nf *f = new_form(r);

	if (f == NULL)
		return;
	read_rows(f, 1);
	form_page(f, 200);
}

/* ---- checking each field, all at once ---- */

static int
row_blank(struct nf *f, enum sect s, int k)
{
	size_t i, n;

	for (i = 0; i < f->r->form.n; i++) {
		const char *name = f->r->form.f[i].name;
		const char *p = rname(f, s, f->src[s][k - 1], "");
		n = strlen(p);
		/* a field of this row with something in it (the currency and the
		 * countries of places have defaults) */
		if (strncmp(name, p, n) == 0 && strcmp(name + n, "currency") != 0 &&
		    strcmp(name + n, "find") != 0 &&
		    !(strstr(name + n, "country") != NULL &&
		      strcmp(form_get(&f->r->form, name), "PE") == 0) &&
		    form_nonblank(&f->r->form, name) != NULL)
			return 0;
	}
	return 1;
}

/* A date field: "" when blank, else the ISO form or NULL after an error. */
static const char *
check_date(struct nf *f, enum sect s, int k, const char *suffix, const char *v, int required)
{
	char iso[11];
	struct kerr e;

	if (v == NULL) {
		if (required)
			ferr(f, s, k, suffix, _("enter the date"));
		return required ? NULL : "";
	}
	if (form_date(v, iso) != 0) {
		ferr(f, s, k, suffix, _("write the date as YYYY-MM-DD or DD/MM/YYYY"));
		return NULL;
	}
	if (validate_date("date", iso, &e) != KERR_OK) {
		ferr(f, s, k, suffix, _("that day does not exist, is in the future or before 1900"));
		return NULL;
	}
	return arena_strdup(&f->r->a, iso);
}

static int
check_int(struct nf *f, enum sect s, int k, const char *suffix, const char *v, long lo, long hi,
	const char *msg)
{
	char *end;
	long n;

	if (v == NULL)
		return 0;
	n = strtol(v, &end, 10);
	if (*end != '\0' || n < lo || n > hi) {
		ferr(f, s, k, suffix, msg);
		return -1;
	}
	return 0;
}

static void
check_place(struct nf *f, enum sect s, int k, const char *bsuffix, const char *csuffix)
{
	struct placev v = place_read(f, s, k, bsuffix, csuffix);
	const char *why;

	(void)place_code(f->r, &v, &why);
	if (why != NULL)
		ferr(f, s, k, bsuffix, why);
}

static void
check_case(struct nf *f)
{
	struct web_req *r = f->r;
	const char *d;
	size_t n;

	if (form_nonblank(&r->form, "number") == NULL)
		ferr(f, 0, 0, "number", _("enter the case number (carpeta fiscal)"));
	else if (strlen(form_get(&r->form, "number")) < 3 || strlen(form_get(&r->form, "number")) > 64)
		ferr(f, 0, 0, "number", _("a case number has 3 to 64 characters"));
	if (f->case_id == 0 && form_nonblank(&r->form, "office") == NULL)
		ferr(f, 0, 0, "office", _("choose the office"));
	d = check_date(f, 0, 0, "complaint_date", form_nonblank(&r->form, "complaint_date"), 1);
	if (d != NULL)
		snprintf(f->complaint, sizeof(f->complaint), "%s", d);
	if (form_nonblank(&r->form, "complaint_source") == NULL)
		ferr(f, 0, 0, "complaint_source", _("choose where the complaint came from"));
	if (form_nonblank(&r->form, "place_country") == NULL)
		ferr(f, 0, 0, "place_country", _("choose the country"));
	check_place(f, 0, 0, "place_ubigeo", "place_country");
	(void)form_all(&r->form, "offences", &r->a, &n);
	if (n == 0)
		ferr(f, 0, 0, "offences", _("choose at least one offence"));
}

static void
check_row(struct nf *f, enum sect s, int k)
{
	const char *d;
	long long cents;
	char year[8];
	char today[11];

#define RV(x) rval(f, s, k, (x))
	validate_today(today);
	memcpy(year, today, 4);
	year[4] = '\0';
	switch (s) {
	case S_VICTIM:
	case S_SUSPECT:
		if (RV("person") != NULL) {
			char *end;
			if (strtoll(RV("person"), &end, 10) <= 0 || *end != '\0')
				ferr(f, s, k, "person", _("choose the person from the list"));
			if (RV("name") != NULL || RV("alias") != NULL || RV("doc_number") != NULL)
				ferr(f, s, k, "name", _("leave the name and document blank: a "
					"registered person is chosen above"));
			if (s == S_SUSPECT)
				break;
		} else if (RV("name") == NULL)
			ferr(f, s, k, "name", _("enter the name, or leave the whole row blank"));
		if (RV("doc_number") != NULL && RV("doc_type") == NULL)
			ferr(f, s, k, "doc_type", _("choose the type of the document"));
		if (s == S_SUSPECT)
			break;
		check_int(f, s, k, "birth_year", RV("birth_year"), 1900, atol(year),
			_("write a year such as 2006, not in the future"));
		check_int(f, s, k, "age", RV("age"), 0, 120, _("write an age from 0 to 120"));
		check_place(f, s, k, "rplace", "rcountry");
		check_place(f, s, k, "xplace", "xcountry");
		break;
	case S_EVENT:
		if (RV("stage") == NULL)
			ferr(f, s, k, "stage", _("choose the stage"));
		d = check_date(f, s, k, "date", RV("date"), 1);
		/* the rule of the event form on the case page: never before the complaint */
		if (d != NULL && *d && *f->complaint && validate_date_cmp(d, f->complaint) < 0)
			ferr(f, s, k, "date", _("an event cannot be dated before the complaint"));
		break;
	case S_ASSET:
		if (RV("kind") == NULL)
			ferr(f, s, k, "kind", _("choose the kind of asset"));
		if (RV("value") != NULL && form_amount(RV("value"), &cents) != 0)
			ferr(f, s, k, "value", _("write the amount as 1200.50, 1,200.50 or 1.200,50"));
		(void)check_date(f, s, k, "measure_date", RV("measure_date"), 0);
		break;
	case S_IDENT:
		if (RV("kind") == NULL)
			ferr(f, s, k, "kind", _("choose the kind of identifier"));
		if (RV("value") == NULL)
			ferr(f, s, k, "value", _("enter the value"));
		break;
	case S_REQUEST:
		if (RV("direction") == NULL)
			ferr(f, s, k, "direction", _("choose sent or received"));
		if (RV("country") == NULL)
			ferr(f, s, k, "country", _("choose the country"));
		if (RV("type") == NULL)
			ferr(f, s, k, "type", _("choose the type of request"));
		if (RV("status") == NULL)
			ferr(f, s, k, "status", _("choose the status"));
		(void)check_date(f, s, k, "sent", RV("sent"), 0);
		(void)check_date(f, s, k, "due", RV("due"), 0);
		break;
	case S__MAX:
		break;
	}
#undef RV
}

/* ---- form -> case document ---- */

static void
set_str(json_t *o, const char *key, const char *v)
{
	if (v != NULL)
		json_object_set_new(o, key, json_string(v));
}

static void
set_int(json_t *o, const char *key, const char *v)
{
	if (v != NULL)
		json_object_set_new(o, key, json_integer(strtoll(v, NULL, 10)));
}

static void
set_date(json_t *o, const char *key, const char *v)
{
	char iso[11];

	if (v != NULL && form_date(v, iso) == 0)
		json_object_set_new(o, key, json_string(iso));
}

static void
set_codes(json_t *o, const char *key, const char **v, size_t n)
{
	json_t *arr;
	size_t i;

	if (n == 0)
		return;
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_string(v[i]));
	json_object_set_new(o, key, arr);
}

/* A place of the document: {"country", "ubigeo"} from the place's fields
 * (nothing when neither a department nor another country than Peru was
 * chosen). */
static void
set_place(struct nf *f, json_t *o, const char *key, enum sect s, int k, const char *bsuffix,
	const char *csuffix)
{
	struct placev v = place_read(f, s, k, bsuffix, csuffix);
	const char *why, *code = place_code(f->r, &v, &why);
	const char *country = v.country ? v.country : "PE";
	json_t *p;

	if (code == NULL && strcmp(country, "PE") == 0)
		return;
	p = json_pack("{s:s}", "country", country);
	if (code != NULL)
		json_object_set_new(p, "ubigeo", json_string(code));
	json_object_set_new(o, key, p);
}

/* Which row each element of an array of the document came from, to put the
 * app layer's refusal ("persons[2].birth_year") beside its field. */
struct origin {
	enum sect s;
	int k;
};

static json_t *
row_json(struct nf *f, enum sect s, int k)
{
	json_t *p = json_object(), *attrs;
	const char **v;
	size_t n;
	long long cents;

#define RV(x) rval(f, s, k, (x))
	switch (s) {
	case S_VICTIM:
	case S_SUSPECT:
		set_str(p, "role", s == S_VICTIM ? "victim" : "suspect");
		if (RV("person") != NULL && RV("id") == NULL) {
			/* a registered person: she joins as she is (no identity field
			 * may come along; the app layer checks she is within reach) */
			set_int(p, "person_id", RV("person"));
		} else {
			set_str(p, "name", RV("name"));
			set_str(p, "alias", RV("alias"));
			set_str(p, "doc_type", RV("doc_type"));
			set_str(p, "doc_number", RV("doc_number"));
			set_str(p, "sex", RV("sex"));
			set_str(p, "nationality", RV("nationality"));
			set_int(p, "birth_year", RV("birth_year"));
			set_str(p, "origin_ubigeo", RV("origin"));
		}
		if (RV("phone") != NULL)
			json_object_set_new(p, "identifiers", json_pack("[{s:s,s:s}]", "kind", "phone",
				"value", RV("phone")));
		attrs = json_object();
		if (s == S_VICTIM) {
			set_int(attrs, "age_at_recruitment", RV("age"));
			v = rvals(f, s, k, "exploitation", &n);
			set_codes(attrs, "exploitation", v, n);
			v = rvals(f, s, k, "recruitment", &n);
			set_codes(attrs, "recruitment", v, n);
			v = rvals(f, s, k, "control", &n);
			set_codes(attrs, "control", v, n);
			v = rvals(f, s, k, "means", &n);
			set_codes(attrs, "means", v, n);
			v = rvals(f, s, k, "vulnerability", &n);
			set_codes(attrs, "vulnerability", v, n);
			set_place(f, attrs, "recruitment_place", s, k, "rplace", "rcountry");
			set_place(f, attrs, "exploitation_place", s, k, "xplace", "xcountry");
		} else {
			v = rvals(f, s, k, "network_roles", &n);
			set_codes(attrs, "network_roles", v, n);
		}
		json_object_set_new(p, s == S_VICTIM ? "victim" : "suspect", attrs);
		break;
	case S_EVENT:
		set_str(p, "stage", RV("stage"));
		set_date(p, "date", RV("date"));
		set_str(p, "note", RV("note"));
		break;
	case S_ASSET:
		set_str(p, "kind", RV("kind"));
		set_str(p, "description", RV("description"));
		if (RV("value") != NULL && form_amount(RV("value"), &cents) == 0)
			json_object_set_new(p, "value", json_real((double)cents / 100.0));
		set_str(p, "currency", RV("currency"));
		if (RV("measure") != NULL) {
			json_t *m = json_pack("{s:s}", "measure", RV("measure"));
			set_date(m, "date", RV("measure_date"));
			json_object_set_new(p, "measures", json_pack("[o]", m));
		}
		break;
	case S_IDENT:
		set_str(p, "kind", RV("kind"));
		set_str(p, "value", RV("value"));
		break;
	case S_REQUEST:
		set_str(p, "direction", RV("direction"));
		set_str(p, "country", RV("country"));
		set_str(p, "authority", RV("authority"));
		set_str(p, "type", RV("type"));
		set_str(p, "status", RV("status"));
		set_date(p, "sent", RV("sent"));
		set_date(p, "due", RV("due"));
		break;
	case S__MAX:
		break;
	}
#undef RV
	return p;
}

/* The document's key of a row field, for mapping errors back: the form's
 * suffix for each document key that differs from it. */
static const char *
suffix_of(const char *key)
{
	static const struct { const char *doc, *form; } m[] = {
		{ "victim.age_at_recruitment", "age" }, { "origin_ubigeo", "origin" },
		{ "victim.exploitation", "exploitation" }, { "victim.recruitment", "recruitment" },
		{ "victim.control", "control" }, { "victim.means", "means" },
		{ "victim.vulnerability", "vulnerability" }, { "victim.recruitment_place", "rplace" },
		{ "victim.exploitation_place", "xplace" }, { "suspect.network_roles", "network_roles" },
		{ "identifiers", "phone" }, { "measures", "measure" }, { "place.ubigeo", "place_ubigeo" },
		{ "place.country", "place_country" }, { "place", "place_ubigeo" },
		{ "person_id", "person" },
	};
	size_t i;

	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (strncmp(key, m[i].doc, strlen(m[i].doc)) == 0)
			return m[i].form;
	return key;
}

/* Put an app-layer refusal beside its field: "events[1].date: ..." ->
 * "Procedural event 2 — Date: ...". */
static void
app_error(struct nf *f, const struct kerr *e, const char *const arrays[S__MAX],
	struct origin *const orig[S__MAX], size_t nk[S__MAX])
{
	const char *msg = w_kerr_msg(f->r, e);
	const char *field = e->field;
	size_t fl = strlen(field);
	int s;

	/* the message without its "path: " prefix */
	if (fl > 0 && strncmp(msg, field, fl) == 0 && msg[fl] == ':')
		msg += fl + 1 + (msg[fl + 1] == ' ');
	if (fl == 0) {
		f->general = msg;
		return;
	}
	/* a person out of reach: said without the command line's advice */
	if (fl > 10 && strcmp(field + fl - 10, ".person_id") == 0)
		msg = _("this person may not be added to a case of yours: find her again and "
			"choose from the list");
	for (s = 0; s < S__MAX; s++) {
		size_t al = arrays[s] ? strlen(arrays[s]) : 0;
		unsigned idx;
		int used = 0;
		if (al == 0 || strncmp(field, arrays[s], al) != 0 || field[al] != '[')
			continue;
		if (sscanf(field + al, "[%u]%n", &idx, &used) == 1 && idx < nk[s]) {
			const char *rest = field + al + used;
			struct origin o = orig[s][idx];
			ferr(f, o.s, o.k, *rest == '.' ? suffix_of(rest + 1) :
				o.s == S_VICTIM || o.s == S_SUSPECT ? "name" : "kind", msg);
			return;
		}
	}
	ferr(f, 0, 0, suffix_of(field), msg);
	if (f->nerr == 0)
		f->general = msg;
}

static void submit(struct nf *f);

/* A posted form: "add another", "show the provinces", "remove", or the
 * whole form checked and registered (or saved, when editing). */
static void
form_post(struct nf *f)
{
	struct web_req *r = f->r;
	const char *add = form_nonblank(&r->form, "add");
	const char *rm = form_nonblank(&r->form, "remove");
	const char *find = form_nonblank(&r->form, "find");
	const char *narrow;
	int s, k;

	read_rows(f, 0);
	/* "add another": the same form with one more row, its first field focused */
	for (s = 0; add != NULL && s < S__MAX; s++)
		if (strcmp(add, sects[s].prefix) == 0 && f->n[s] < ROWS_MAX) {
			f->n[s]++;
			f->focus = rname(f, (enum sect)s, f->n[s], s == S_VICTIM || s == S_SUSPECT ?
				"name" : s == S_EVENT ? "stage" : s == S_REQUEST ? "direction" : "kind");
			form_page(f, 200);
			return;
		}
	/* "show the provinces/districts": the same form, the next list of that
	 * place filled in and focused */
	if ((narrow = form_nonblank(&r->form, "narrow")) != NULL && strlen(narrow) < 32) {
		const char *dep = form_nonblank(&r->form, narrow);
		const char *pn = arena_printf(&r->a, "%s_p", narrow);
		f->focus = dep == NULL || strlen(dep) != 2 || !ubigeo_exists(dep) ? narrow :
			place_in(form_nonblank(&r->form, pn), dep) ?
			arena_printf(&r->a, "%s_d", narrow) : pn;
		form_page(f, 200);
		return;
	}
	/* "find" a registered person for a row: the same form, the persons
	 * found offered in that row (person_picker), the list focused */
	for (s = S_VICTIM; find != NULL && s <= S_SUSPECT; s++) {
		size_t pl = strlen(sects[s].prefix);
		if (strncmp(find, sects[s].prefix, pl) == 0 && (k = atoi(find + pl)) >= 1 &&
		    k <= f->n[s]) {
			f->focus = rname(f, (enum sect)s, k, "person");
			form_page(f, 200);
			return;
		}
	}
	/* "remove": the rows after it move up */
	for (s = 0; rm != NULL && s < S__MAX; s++) {
		size_t pl = strlen(sects[s].prefix);
		if (strncmp(rm, sects[s].prefix, pl) == 0 && (k = atoi(rm + pl)) >= 1 && k <= f->n[s]) {
			for (; k < f->n[s]; k++)
				f->src[s][k - 1] = f->src[s][k];
			f->n[s]--;
			form_page(f, 200);
			return;
		}
	}
	check_case(f);
	for (s = 0; s < S__MAX; s++)
		for (k = 1; sect_shown(r, (enum sect)s) && k <= f->n[s]; k++)
			if (!row_blank(f, (enum sect)s, k))
				check_row(f, (enum sect)s, k);
	if (f->nerr > 0) {
		form_page(f, 422);
		return;
	}
	submit(f);
}

void
page_case_new_post(struct web_req *r)
{
	struct nf *f = new_form(r);

	if (f != NULL)
		form_post(f);
}

/* ---- editing a registered case ---- */

/* The form's fields, built from a case document. */
struct fb {
	struct web_req *r;
	struct form_field *f;
	size_t n, cap;
};

static void
fb_add(struct fb *b, const char *name, const char *value)
{
	if (value == NULL || b->n == b->cap)
		return;
	b->f[b->n].name = name;
	b->f[b->n].value = value;
	b->n++;
}

/* A scalar of the document as the form writes it; NULL for null/absent. */
static const char *
jtext(struct web_req *r, json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return arena_printf(&r->a, "%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return arena_printf(&r->a, "%.2f", json_real_value(v));
	return NULL;
}

static void
fb_json(struct fb *b, const char *name, json_t *o, const char *key)
{
	fb_add(b, name, jtext(b->r, json_object_get(o, key)));
}

static void
fb_codes(struct fb *b, const char *name, json_t *arr)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v)
		fb_add(b, name, json_string_value(v));
}

/* A place {"country", "ubigeo"} as its country, department, province and
 * district fields (base, base_p, base_d). */
static void
fb_place(struct fb *b, const char *base, const char *country, json_t *place)
{
	const char *u = json_string_value(json_object_get(place, "ubigeo"));
	struct arena *a = &b->r->a;
	size_t n = u ? strlen(u) : 0;

	if (place == NULL || json_is_null(place))
		return;
	if (country != NULL)
		fb_json(b, country, place, "country");
	if (n >= 2)
		fb_add(b, base, arena_printf(a, "%.2s", u));
	if (n >= 4)
		fb_add(b, arena_printf(a, "%s_p", base), arena_printf(a, "%.4s", u));
	if (n >= 6)
		fb_add(b, arena_printf(a, "%s_d", base), u);
}

static const char *
fname(struct fb *b, enum sect s, int k, const char *suffix)
{
	return arena_printf(&b->r->a, "%s%d_%s", sects[s].prefix, k, suffix);
}

static void
fb_person(struct fb *b, enum sect s, int k, json_t *p)
{
	json_t *attrs = json_object_get(p, s == S_VICTIM ? "victim" : "suspect"), *v;
	size_t i;

#define FN(x) fname(b, s, k, (x))
	fb_json(b, FN("id"), p, "id");
	fb_json(b, FN("name"), p, "name");
	fb_json(b, FN("alias"), p, "alias");
	fb_json(b, FN("doc_type"), p, "doc_type");
	fb_json(b, FN("doc_number"), p, "doc_number");
	fb_json(b, FN("sex"), p, "sex");
	fb_json(b, FN("birth_year"), p, "birth_year");
	fb_json(b, FN("nationality"), p, "nationality");
	fb_json(b, FN("origin"), p, "origin_ubigeo");
	json_array_foreach(json_object_get(p, "identifiers"), i, v)
		if (strcmp(json_string_value(json_object_get(v, "kind")) ?
		    json_string_value(json_object_get(v, "kind")) : "", "phone") == 0) {
			fb_json(b, FN("phone"), v, "value");
			break;
		}
	if (s == S_SUSPECT) {
		fb_codes(b, FN("network_roles"), json_object_get(attrs, "network_roles"));
		return;
	}
	fb_json(b, FN("age"), attrs, "age_at_recruitment");
	fb_codes(b, FN("exploitation"), json_object_get(attrs, "exploitation"));
	fb_codes(b, FN("recruitment"), json_object_get(attrs, "recruitment"));
	fb_codes(b, FN("control"), json_object_get(attrs, "control"));
	fb_codes(b, FN("means"), json_object_get(attrs, "means"));
	fb_codes(b, FN("vulnerability"), json_object_get(attrs, "vulnerability"));
	fb_place(b, FN("rplace"), FN("rcountry"), json_object_get(attrs, "recruitment_place"));
	fb_place(b, FN("xplace"), FN("xcountry"), json_object_get(attrs, "exploitation_place"));
#undef FN
}

static void
fb_row(struct fb *b, enum sect s, int k, json_t *o)
{
	static const char *const keys[S__MAX][8] = {
		[S_EVENT] = { "id", "stage", "date", "note" },
		[S_ASSET] = { "id", "kind", "description", "value", "currency" },
		[S_IDENT] = { "id", "kind", "value" },
		[S_REQUEST] = { "id", "direction", "country", "authority", "type", "status",
			"sent", "due" },
	};
	json_t *m;
	size_t i;

	for (i = 0; i < 8 && keys[s][i] != NULL; i++)
		fb_json(b, fname(b, s, k, keys[s][i]), o, keys[s][i]);
	m = json_object_get(o, "measures");
	if (s == S_ASSET && json_array_size(m) > 0) {   /* the latest measure */
		m = json_array_get(m, json_array_size(m) - 1);
		fb_json(b, fname(b, s, k, "measure"), m, "measure");
		fb_json(b, fname(b, s, k, "measure_date"), m, "date");
	}
}

/* The section of a document's array element (persons by role; -1: a
 * person the form does not show, such as a witness). */
static int
sect_of(const char *array, json_t *v)
{
	const char *role = json_string_value(json_object_get(v, "role"));

	if (strcmp(array, "persons") != 0)
		return strcmp(array, "events") == 0 ? S_EVENT : strcmp(array, "assets") == 0 ?
			S_ASSET : strcmp(array, "identifiers") == 0 ? S_IDENT : S_REQUEST;
	return role == NULL ? -1 : strcmp(role, "victim") == 0 ? S_VICTIM :
		strcmp(role, "suspect") == 0 ? S_SUSPECT : -1;
}

static const char *const doc_arrays[] = { "persons", "events", "assets", "identifiers",
	"requests", NULL };

/* The form of the case as it is: every field as the document has it. */
static void
doc_to_form(struct nf *f)
{
	struct web_req *r = f->r;
	struct fb b = { r, NULL, 0, 64 + 64 * 6 * ROWS_MAX };
	int n[S__MAX] = { 0 }, s;
	size_t i, j;
	json_t *v, *doc = f->cur;

	b.f = arena_alloc(&r->a, b.cap * sizeof(*b.f));
	fb_json(&b, "version", doc, "version");
	fb_json(&b, "number", doc, "number");
	fb_json(&b, "complaint_date", doc, "complaint_date");
	fb_json(&b, "complaint_source", doc, "complaint_source");
	fb_place(&b, "place_ubigeo", "place_country", json_object_get(doc, "place"));
	fb_codes(&b, "offences", json_object_get(doc, "offences"));
	fb_codes(&b, "related_offences", json_object_get(doc, "related_offences"));
	fb_codes(&b, "aggravating", json_object_get(doc, "aggravating"));
	fb_json(&b, "summary", doc, "summary");
	for (j = 0; doc_arrays[j] != NULL; j++)
		json_array_foreach(json_object_get(doc, doc_arrays[j]), i, v) {
			if ((s = sect_of(doc_arrays[j], v)) < 0)
				continue;
			n[s]++;
			if (s == S_VICTIM || s == S_SUSPECT)
				fb_person(&b, (enum sect)s, n[s], v);
			else
				fb_row(&b, (enum sect)s, n[s], v);
		}
	for (s = 0; s < S__MAX; s++)
		fb_add(&b, sects[s].count, arena_printf(&r->a, "%d", n[s]));
	r->form.f = b.f;
	r->form.n = b.n;
}

/* The case to edit, as the user sees it; NULL after an error page (no
 * such case, not hers to read or to change, more rows than the form). */
static struct nf *
edit_load(struct web_req *r)
{
	struct nf *f;
	struct kcase c;
	struct policy_case pc;
	struct kerr e;
	int64_t id;
	enum app_reveal rv;
	const char *ident;
	size_t i, j;
	json_t *v;

	if (app_case_id(r->app, r->params[0], &id, &e) != KERR_OK) {
		w_kerr(r, &e);
		return NULL;
	}
	rv = revealstate_held(r->csrf, id) ? APP_REVEAL : APP_MASKED;
	if (app_case_show(r->app, &r->actor, id, rv, &r->a, &c, &e) != KERR_OK) {
		w_kerr(r, &e);
		return NULL;
	}
	pc.office_id = c.office_id;
	pc.shared_with = c.shared_with;
	pc.nshared = c.nshared;
	if (policy_check(&r->actor, POL_CASE_UPDATE, &pc, &e) != KERR_OK) {
		w_error(r, 403, _("Your role may not change this case."));
		return NULL;
	}
	ident = w_identities(r, rv == APP_REVEAL);
	f = arena_alloc(&r->a, sizeof(*f));
	memset(f, 0, sizeof(*f));
	f->r = r;
	f->case_id = id;
	f->office_id = c.office_id;
	f->case_number = c.number;
	f->cur = casedoc_to_json(&c, NULL, ident, CASEDOC_WITH_CHILDREN);
	/* the fields a row of each section posts, at most: the whole form must
	 * stay within what a posted form may hold (FORM_MAX_FIELDS), with room
	 * for rows added on the page, and each section within ROWS_MAX */
	static const size_t row_fields_max[S__MAX] = { 28, 14, 5, 9, 4, 9 };
	size_t fields = 64, n[S__MAX] = { 0 };
	int s;
	for (j = 0; doc_arrays[j] != NULL; j++)
		json_array_foreach(json_object_get(f->cur, doc_arrays[j]), i, v)
			if ((s = sect_of(doc_arrays[j], v)) >= 0) {
				n[s]++;
				fields += row_fields_max[s];
			}
	for (s = 0; s < S__MAX; s++)
		if (n[s] > ROWS_MAX)
			fields = FORM_MAX_FIELDS;
	if (fields > FORM_MAX_FIELDS * 3 / 4) {
		json_decref(f->cur);
		w_error(r, 422, _("This case is larger than the web form can hold; change it "
			"with 'khipu case edit'."));
		return NULL;
	}
	return f;
}

void
page_case_edit_get(struct web_req *r)
{
	struct nf *f = edit_load(r);

	if (f == NULL)
		return;
	doc_to_form(f);
	read_rows(f, 0);
	form_page(f, 200);
	json_decref(f->cur);
}

void
page_case_edit_post(struct web_req *r)
{
	struct nf *f = edit_load(r);

	if (f == NULL)
		return;
	form_post(f);
	json_decref(f->cur);
}

/* ---- the form laid over the current document (a new case: over nothing) ---- */

/* The element of arr whose "id" is the row's hidden id, or NULL (a new row). */
static json_t *
cur_child(json_t *arr, const char *id)
{
	size_t i;
	json_t *v;

	if (id == NULL)
		return NULL;
	json_array_foreach(arr, i, v)
		if (json_integer_value(json_object_get(v, "id")) == strtoll(id, NULL, 10))
			return v;
	return NULL;
}

/* 1 when the arrays of codes a and b hold the same codes (a list of codes
 * is a set: a multiple choice lists them in the codebook's order). */
static int
same_codes(json_t *a, json_t *b)
{
	size_t i, j;
	json_t *x, *y;

	if (json_array_size(a) != json_array_size(b))
		return 0;
	json_array_foreach(a, i, x) {
		int found = 0;
		json_array_foreach(b, j, y)
			found |= json_equal(x, y);
		if (!found)
			return 0;
	}
	return 1;
}

/* The list of codes key of base set to v (NULL: none), unless it holds
 * the same codes already. */
static void
lay_codes(json_t *base, const char *key, json_t *v)
{
	json_t *want = v != NULL ? json_incref(v) : json_array();

	if (same_codes(json_object_get(base, key), want))
		json_decref(want);
	else
		json_object_set_new(base, key, want);
}

/* Each key the form shows for this row, from the row (a blank field:
 * null, or [] for a list), over base. */
static void
lay(json_t *base, json_t *row, const char *const *keys, const char *const *lists)
{
	for (; *keys != NULL; keys++) {
		json_t *v = json_object_get(row, *keys);
		json_object_set(base, *keys, v != NULL ? v : json_null());
	}
	for (; lists != NULL && *lists != NULL; lists++)
		lay_codes(base, *lists, json_object_get(row, *lists));
}

/* The person's phone: the first phone identifier changed, added or removed. */
static void
lay_phone(json_t *base, json_t *row)
{
	json_t *ids = json_object_get(base, "identifiers"), *want, *v;
	size_t i;

	want = json_array_get(json_object_get(row, "identifiers"), 0);
	if (!json_is_array(ids)) {
		ids = json_array();
		json_object_set_new(base, "identifiers", ids);
	}
	json_array_foreach(ids, i, v)
		if (strcmp(json_string_value(json_object_get(v, "kind")) ?
		    json_string_value(json_object_get(v, "kind")) : "", "phone") == 0) {
			if (want != NULL)
				json_object_set(v, "value", json_object_get(want, "value"));
			else
				json_array_remove(ids, i);
			return;
		}
	if (want != NULL)
		json_array_append(ids, want);
}

/* The asset's measure: the latest one changed when the same measure, else
 * a new one added (measures are a dated sequence). */
static void
lay_measure(json_t *base, json_t *row)
{
	json_t *want = json_array_get(json_object_get(row, "measures"), 0);
	json_t *ms = json_object_get(base, "measures"), *last;

	if (want == NULL)
		return;
	if (!json_is_array(ms)) {
		ms = json_array();
		json_object_set_new(base, "measures", ms);
	}
	last = json_array_get(ms, json_array_size(ms) - 1);
	if (last != NULL && json_equal(json_object_get(last, "measure"),
	    json_object_get(want, "measure")))
		json_object_set(last, "date", json_object_get(want, "date") ?
			json_object_get(want, "date") : json_null());
	else
		json_array_append(ms, want);
}

static json_t *
lay_row(struct nf *f, enum sect s, int k, json_t *old)
{
	static const char *const person[] = { "name", "doc_type", "doc_number", "sex",
		"nationality", NULL };
	static const char *const victim[] = { "age_at_recruitment", "recruitment_place",
		"exploitation_place", NULL };
	static const char *const victim_lists[] = { "exploitation", "recruitment", "control",
		"means", "vulnerability", NULL };
	static const char *const suspect_lists[] = { "network_roles", NULL };
	static const char *const event[] = { "stage", "date", "note", NULL };
	static const char *const asset[] = { "kind", "description", "value", "currency", NULL };
	static const char *const ident[] = { "kind", "value", NULL };
	static const char *const request[] = { "direction", "country", "authority", "type",
		"status", "sent", "due", NULL };
	static const char *const victim_only[] = { "birth_year", "origin_ubigeo", NULL };
	static const char *const suspect_only[] = { "alias", NULL };
	json_t *row = row_json(f, s, k), *base, *attrs, *ra;
	const char *akey = s == S_VICTIM ? "victim" : "suspect";

	if (old == NULL)   /* a new row: the form's values are all there is */
		return row;
	base = json_deep_copy(old);
	switch (s) {
	case S_VICTIM:
	case S_SUSPECT:
		lay(base, row, person, NULL);
		lay(base, row, s == S_VICTIM ? victim_only : suspect_only, NULL);
		lay_phone(base, row);
		attrs = json_object_get(base, akey);
		if (!json_is_object(attrs)) {
			attrs = json_object();
			json_object_set_new(base, akey, attrs);
		}
		ra = json_object_get(row, akey);
		if (s == S_VICTIM)
			lay(attrs, ra, victim, victim_lists);
		else
			lay(attrs, ra, (const char *const[]){ NULL }, suspect_lists);
		break;
	case S_EVENT:
		lay(base, row, event, NULL);
		break;
	case S_ASSET:
		lay(base, row, asset, NULL);
		lay_measure(base, row);
		break;
	case S_IDENT:
		lay(base, row, ident, NULL);
		break;
	case S_REQUEST:
		lay(base, row, request, NULL);
		break;
	case S__MAX:
		break;
	}
	json_decref(row);
	return base;
}

/* The case's own fields from the form, over doc (a new one, or the
 * current document when editing). */
static void
case_fields(struct nf *f, json_t *doc)
{
	struct web_req *r = f->r;
	struct placev pv = place_read(f, 0, 0, "place_ubigeo", "place_country");
	const char **v, *why;
	json_t *p = json_object(), *codes;
	size_t n, i;

	set_str(doc, "number", form_nonblank(&r->form, "number"));
	set_str(doc, "complaint_date", f->complaint);
	set_str(doc, "complaint_source", form_nonblank(&r->form, "complaint_source"));
	set_str(p, "country", form_nonblank(&r->form, "place_country"));
	set_str(p, "ubigeo", place_code(r, &pv, &why));
	json_object_set_new(doc, "place", p);
	for (i = 0; i < 3; i++) {
		static const char *const keys[] = { "offences", "related_offences", "aggravating" };
		const char *key = keys[i];
		codes = json_object();
		v = form_all(&r->form, key, &r->a, &n);
		set_codes(codes, key, v, n);
		lay_codes(doc, key, json_object_get(codes, key));
		json_decref(codes);
	}
	if (f->case_id)   /* a summary emptied is erased */
		json_object_set_new(doc, "summary", json_null());
	set_str(doc, "summary", form_nonblank(&r->form, "summary"));
}

static const char *const doc_array_of[S__MAX] = {
	[S_VICTIM] = "persons", [S_SUSPECT] = "persons", [S_EVENT] = "events",
	[S_ASSET] = "assets", [S_IDENT] = "identifiers", [S_REQUEST] = "requests",
};

/* The rows into doc's arrays (victims and suspects share "persons": one
 * origin table for both); when editing, each row laid over the child it
 * names, and what the form does not show kept. */
static void
rows_into(struct nf *f, json_t *doc, struct origin *orig[S__MAX], size_t nk[S__MAX])
{
	struct web_req *r = f->r;
	json_t *arr[S__MAX], *x;
	size_t i;
	int s, k;

	for (s = 0; s < S__MAX; s++) {
		nk[s] = 0;
		orig[s] = arena_alloc(&r->a, 2 * ROWS_MAX * sizeof(**orig));
		arr[s] = s == S_SUSPECT ? arr[S_VICTIM] : json_array();
	}
	for (s = 0; s < S__MAX; s++) {
		enum sect into = s == S_SUSPECT ? S_VICTIM : (enum sect)s;
		json_t *old_arr = json_object_get(f->cur, doc_array_of[s]);
		if (!sect_shown(r, (enum sect)s)) {   /* kept whole: the role may not change it */
			json_array_foreach(old_arr, i, x)
				if (sect_of(doc_array_of[s], x) == s)
					json_array_append(arr[into], x);
			continue;
		}
		for (k = 1; k <= f->n[s]; k++) {
			if (row_blank(f, (enum sect)s, k))
				continue;
			json_array_append_new(arr[into], lay_row(f, (enum sect)s, k,
				cur_child(old_arr, rval(f, (enum sect)s, k, "id"))));
			orig[into][nk[into]++] = (struct origin){ (enum sect)s, k };
		}
	}
	/* persons the form does not show (witnesses, complainants) stay */
	json_array_foreach(json_object_get(f->cur, "persons"), i, x)
		if (sect_of("persons", x) < 0)
			json_array_append(arr[S_VICTIM], x);
	for (s = 0; s < S__MAX; s++) {
		if (s == S_SUSPECT)
			continue;
		/* a new case leaves out what it has none of; an edited one lists
		 * every child it keeps (one missing is removed) */
		if (f->case_id || json_array_size(arr[s]) > 0)
			json_object_set_new(doc, doc_array_of[s], arr[s]);
		else
			json_decref(arr[s]);
	}
}

/* The whole form checked: registered (or saved), or back with the app
 * layer's refusal beside its field. */
static void
submit(struct nf *f)
{
	struct web_req *r = f->r;
	json_t *doc = f->case_id ? json_deep_copy(f->cur) : json_object();
	struct origin *orig[S__MAX];
	size_t nk[S__MAX];
	const char *ver = form_get(&r->form, "version");
	int64_t id = f->case_id, version = 0, was = ver ? strtoll(ver, NULL, 10) : 0;
	char *text;
	struct kerr e;
	enum kerr_code rc;

	if (f->case_id) {
		/* what the form does not change: not sent, so it stays */
		json_object_del(doc, "office");
		json_object_del(doc, "shared_with");
		json_object_set_new(doc, "version", json_integer(was));
	} else
		set_str(doc, "office", form_nonblank(&r->form, "office"));
	case_fields(f, doc);
	rows_into(f, doc, orig, nk);
	text = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	if (f->case_id)
		rc = app_case_update_json(r->app, &r->actor, id, text, strlen(text),
			form_nonblank(&r->form, "reason"), 0, &version, &e);
	else
		rc = app_case_add_json(r->app, &r->actor, text, strlen(text), &id, &e);
	free(text);
	if (rc == KERR_OK) {
		w_redirect(r, arena_printf(&r->a, "/cases/%lld?%s=1", (long long)id,
			!f->case_id ? "registered" : version == was ? "unchanged" : "saved"));
		return;
	}
	if (rc == KERR_STALE) {
		f->general = _("Someone else saved this case while you were editing it, so "
			"nothing was saved. Open the case again to see their changes, then make "
			"yours.");
		form_page(f, 412);
		return;
	}
	if (w_status(rc) == 500) {
		w_kerr(r, &e);
		return;
	}
	/* refused: the form comes back whole, the refusal beside its field */
	nk[S_SUSPECT] = 0;
	app_error(f, &e, doc_array_of, orig, nk);
	form_page(f, w_status(rc));
}
