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
 */
#include "web/web_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

#define ROWS_MAX 40
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
	{ "rplace", N_("Place of recruitment") },
	{ "xplace", N_("Place of exploitation") },
	{ "rcountry", N_("Country of recruitment") },
	{ "xcountry", N_("Country of exploitation") },
	{ "network_roles", N_("Role in the network") },
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

static void
row_fields(struct nf *f, enum sect s, int k)
{
	size_t n;
	const char **v;

#define RN(x) rname(f, s, k, (x))
#define RV(x) rval(f, s, k, (x))
	switch (s) {
	case S_VICTIM:
	case S_SUSPECT:
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
	if (f->nerr > 0)
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
	r->self = "/cases/new";
	w_page_begin(r, _("New case"));
	error_summary(f);
	w_raw(r, "<p class=\"note\">");
	w_text(r, _("Fields marked * are required. A row left blank is ignored."));
	w_raw(r, "</p><form method=\"post\" action=\"/cases/new\" novalidate>");
	w_csrf(r);
	w_raw(r, "<fieldset><legend>");
	w_text(r, _("Case"));
	w_raw(r, "</legend><div class=\"grid\">");
	input(f, "number", form_get(&r->form, "number"), _("Case number"), W_REQUIRED);
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
	input(f, "complaint_date", form_get(&r->form, "complaint_date"), _("Complaint date"),
		W_DATE | W_REQUIRED);
	select_cb(f, "complaint_source", form_get(&r->form, "complaint_source"),
		_("Complaint source"), CB_COMPLAINT_SOURCE, W_REQUIRED);
	place(f, 0, 0, "place_ubigeo", "place_country", W_REQUIRED, _("Place of the facts"));
	v = form_all(&r->form, "offences", &r->a, &n);
	multi_cb(f, "offences", v, n, _("Offences"), CB_OFFENCE, W_REQUIRED);
	v = form_all(&r->form, "related_offences", &r->a, &n);
	multi_cb(f, "related_offences", v, n, _("Related offences"), CB_RELATED_OFFENCE, 0);
	w_raw(r, "</div><label for=\"summary\">");
	w_text(r, _("Summary"));
	w_raw(r, "</label><textarea id=\"summary\" name=\"summary\" rows=\"4\">");
	w_text(r, form_get(&r->form, "summary"));
	w_raw(r, "</textarea></fieldset>");
	for (s = 0; s < S__MAX; s++)
		if (sect_shown(r, (enum sect)s))
			section(f, (enum sect)s);
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

void
page_case_new_get(struct web_req *r)
{
	struct nf *f;

	if (!w_can(r, POL_CASE_CREATE)) {
		w_error(r, 403, _("Your role may not register cases."));
		return;
	}
	f = arena_alloc(&r->a, sizeof(*f));
	memset(f, 0, sizeof(*f));
	f->r = r;
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
	if (form_nonblank(&r->form, "office") == NULL)
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
		if (RV("name") == NULL)
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
		set_str(p, "name", RV("name"));
		set_str(p, "alias", RV("alias"));
		set_str(p, "doc_type", RV("doc_type"));
		set_str(p, "doc_number", RV("doc_number"));
		set_str(p, "sex", RV("sex"));
		set_str(p, "nationality", RV("nationality"));
		set_int(p, "birth_year", RV("birth_year"));
		set_str(p, "origin_ubigeo", RV("origin"));
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
		{ "victim.control", "control" }, { "victim.recruitment_place", "rplace" },
		{ "victim.exploitation_place", "xplace" }, { "suspect.network_roles", "network_roles" },
		{ "identifiers", "phone" }, { "measures", "measure" }, { "place.ubigeo", "place_ubigeo" },
		{ "place.country", "place_country" }, { "place", "place_ubigeo" },
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

static void
submit(struct nf *f)
{
	struct web_req *r = f->r;
	json_t *doc = json_object(), *arr[S__MAX], *p;
	static const char *const arrays[S__MAX] = {
		[S_VICTIM] = "persons", [S_SUSPECT] = "persons", [S_EVENT] = "events",
		[S_ASSET] = "assets", [S_IDENT] = "identifiers", [S_REQUEST] = "requests",
	};
	struct origin *orig[S__MAX];
	size_t nk[S__MAX], n;
	const char **v;
	char *text;
	int64_t id;
	int s, k;
	struct kerr e;
	enum kerr_code rc;

	set_str(doc, "number", form_nonblank(&r->form, "number"));
	set_str(doc, "office", form_nonblank(&r->form, "office"));
	set_str(doc, "complaint_date", f->complaint);
	set_str(doc, "complaint_source", form_nonblank(&r->form, "complaint_source"));
	p = json_object();
	set_str(p, "country", form_nonblank(&r->form, "place_country"));
	{
		struct placev pv = place_read(f, 0, 0, "place_ubigeo", "place_country");
		const char *why;
		set_str(p, "ubigeo", place_code(r, &pv, &why));
	}
	json_object_set_new(doc, "place", p);
	v = form_all(&r->form, "offences", &r->a, &n);
	set_codes(doc, "offences", v, n);
	v = form_all(&r->form, "related_offences", &r->a, &n);
	set_codes(doc, "related_offences", v, n);
	set_str(doc, "summary", form_nonblank(&r->form, "summary"));
	/* victims and suspects share "persons": one origin table for both */
	for (s = 0; s < S__MAX; s++) {
		nk[s] = 0;
		orig[s] = arena_alloc(&r->a, 2 * ROWS_MAX * sizeof(**orig));
		arr[s] = s == S_SUSPECT ? arr[S_VICTIM] : json_array();
	}
	for (s = 0; s < S__MAX; s++) {
		enum sect into = s == S_SUSPECT ? S_VICTIM : (enum sect)s;
		if (!sect_shown(r, (enum sect)s))
			continue;
		for (k = 1; k <= f->n[s]; k++) {
			if (row_blank(f, (enum sect)s, k))
				continue;
			json_array_append_new(arr[into], row_json(f, (enum sect)s, k));
			orig[into][nk[into]++] = (struct origin){ (enum sect)s, k };
		}
	}
	for (s = 0; s < S__MAX; s++)
		if (s != S_SUSPECT) {
			if (json_array_size(arr[s]) > 0)
				json_object_set_new(doc, arrays[s], arr[s]);
			else
				json_decref(arr[s]);
		}
	text = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	rc = app_case_add_json(r->app, &r->actor, text, strlen(text), &id, &e);
	free(text);
	if (rc == KERR_OK) {
		w_redirect(r, arena_printf(&r->a, "/cases/%lld?registered=1", (long long)id));
		return;
	}
	if (w_status(rc) == 500) {
		w_kerr(r, &e);
		return;
	}
	/* refused: the form comes back whole, the refusal beside its field */
	nk[S_SUSPECT] = 0;
	app_error(f, &e, arrays, orig, nk);
	form_page(f, w_status(rc));
}

void
page_case_new_post(struct web_req *r)
{
	struct nf *f;
	const char *add = form_nonblank(&r->form, "add");
	const char *rm = form_nonblank(&r->form, "remove");
	const char *narrow;
	int s, k;

	if (!w_can(r, POL_CASE_CREATE)) {
		w_error(r, 403, _("Your role may not register cases."));
		return;
	}
	f = arena_alloc(&r->a, sizeof(*f));
	memset(f, 0, sizeof(*f));
	f->r = r;
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
