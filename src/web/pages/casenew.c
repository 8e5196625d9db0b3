/*
 * pages/casenew.c — registering a case from the browser.
 *
 * The form is turned into the JSON case document (docs/case-document.md)
 * and registered with app_case_add_json, so the browser, the API and the
 * CLI share one validation and one transaction. On bad input the form
 * comes back with everything typed and the field at fault named.
 */
#include "web/web_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NVICTIMS 3
#define NSUSPECTS 3
#define NEVENTS 2

/* ---- form widgets that keep what was typed ---- */

static void
field_begin(struct web_req *r, const char *name, const char *label)
{
	w_raw(r, "<div><label for=\"");
	w_text(r, name);
	w_raw(r, "\">");
	w_text(r, label);
	w_raw(r, "</label>");
}

static void
input(struct web_req *r, const char *name, const char *label, const char *type)
{
	field_begin(r, name, label);
	w_raw(r, "<input id=\"");
	w_text(r, name);
	w_raw(r, "\" name=\"");
	w_text(r, name);
	w_raw(r, "\" type=\"");
	w_raw(r, type);
	w_raw(r, "\" value=\"");
	w_text(r, form_get(&r->form, name));
	w_raw(r, "\"></div>");
}

static void
select_cb(struct web_req *r, const char *name, const char *label, enum cb_dim dim,
	const char *dflt)
{
	const char *cur = form_get(&r->form, name);

	field_begin(r, name, label);
	w_select_cb(r, name, dim, cur ? cur : dflt, 1);
	w_raw(r, "</div>");
}

static void
multi_cb(struct web_req *r, const char *name, const char *label, enum cb_dim dim)
{
	size_t n, i, nsel, k;
	const struct cb_entry *e = cb_entries(dim, &n);
	const char **sel = form_all(&r->form, name, &r->a, &nsel);

	field_begin(r, name, label);
	w_raw(r, "<select multiple id=\"");
	w_text(r, name);
	w_raw(r, "\" name=\"");
	w_text(r, name);
	w_raw(r, "\">");
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
	w_raw(r, "</select></div>");
}

static const char *
nm(struct web_req *r, const char *prefix, int i, const char *field)
{
	return arena_printf(&r->a, "%s%d_%s", prefix, i, field);
}

static void
form_page(struct web_req *r, const char *message, int status)
{
	struct office *o = NULL;
	size_t no = 0, i;
	int k;
	struct kerr e;
	const char *cur = form_get(&r->form, "office");

	if (app_office_list(r->app, &r->actor, &r->a, &o, &no, &e) != KERR_OK)
		no = 0;
	r->status = status;
	w_page_begin(r, _("New case"));
	if (message) {
		w_raw(r, "<p class=\"error\" role=\"alert\" id=\"form-error\">");
		w_text(r, message);
		w_raw(r, "</p>");
	}
	w_raw(r, "<form method=\"post\" action=\"/cases/new\">");
	w_csrf(r);
	w_raw(r, "<fieldset><legend>");
	w_text(r, _("Case"));
	w_raw(r, "</legend><div class=\"grid\">");
	input(r, "number", _("Case number"), "text");
	field_begin(r, "office", _("Office"));
	w_raw(r, "<select id=\"office\" name=\"office\">");
	for (i = 0; i < no; i++) {
		int on = cur ? strcmp(cur, o[i].code) == 0 : o[i].id == r->actor.office_id;
		w_raw(r, "<option value=\"");
		w_text(r, o[i].code);
		w_raw(r, on ? "\" selected>" : "\">");
		w_text(r, o[i].code);
		w_raw(r, "</option>");
	}
	w_raw(r, "</select></div>");
	input(r, "complaint_date", _("Complaint date"), "date");
	select_cb(r, "complaint_source", _("Complaint source"), CB_COMPLAINT_SOURCE, NULL);
	select_cb(r, "place_country", _("Country of the facts"), CB_COUNTRY, "PE");
	input(r, "place_ubigeo", _("UBIGEO of the facts"), "text");
	multi_cb(r, "offences", _("Offences"), CB_OFFENCE);
	multi_cb(r, "related_offences", _("Related offences"), CB_RELATED_OFFENCE);
	w_raw(r, "</div><label for=\"summary\">");
	w_text(r, _("Summary"));
	w_raw(r, "</label><textarea id=\"summary\" name=\"summary\" rows=\"4\">");
	w_text(r, form_get(&r->form, "summary"));
	w_raw(r, "</textarea></fieldset>");
	for (k = 1; k <= NVICTIMS; k++) {
		w_raw(r, "<fieldset><legend>");
		w_text(r, _("Victim"));
		w_rawf(r, " %d</legend><div class=\"grid\">", k);
		input(r, nm(r, "v", k, "name"), _("Full name"), "text");
		select_cb(r, nm(r, "v", k, "doc_type"), _("Document type"), CB_DOC_TYPE, NULL);
		input(r, nm(r, "v", k, "doc_number"), _("Document number"), "text");
		select_cb(r, nm(r, "v", k, "sex"), _("Sex"), CB_SEX, NULL);
		input(r, nm(r, "v", k, "birth_year"), _("Year of birth"), "text");
		select_cb(r, nm(r, "v", k, "nationality"), _("Nationality"), CB_COUNTRY, NULL);
		input(r, nm(r, "v", k, "age"), _("Age at recruitment"), "text");
		input(r, nm(r, "v", k, "phone"), _("Phone"), "tel");
		multi_cb(r, nm(r, "v", k, "exploitation"), _("Forms of exploitation"), CB_EXPLOITATION);
		w_raw(r, "</div></fieldset>");
	}
	for (k = 1; k <= NSUSPECTS; k++) {
		w_raw(r, "<fieldset><legend>");
		w_text(r, _("Suspect"));
		w_rawf(r, " %d</legend><div class=\"grid\">", k);
		input(r, nm(r, "s", k, "name"), _("Full name"), "text");
		input(r, nm(r, "s", k, "alias"), _("Alias"), "text");
		select_cb(r, nm(r, "s", k, "doc_type"), _("Document type"), CB_DOC_TYPE, NULL);
		input(r, nm(r, "s", k, "doc_number"), _("Document number"), "text");
		select_cb(r, nm(r, "s", k, "sex"), _("Sex"), CB_SEX, NULL);
		select_cb(r, nm(r, "s", k, "nationality"), _("Nationality"), CB_COUNTRY, NULL);
		input(r, nm(r, "s", k, "phone"), _("Phone"), "tel");
		multi_cb(r, nm(r, "s", k, "network_roles"), _("Role in the network"), CB_NETWORK_ROLE);
		w_raw(r, "</div></fieldset>");
	}
	for (k = 1; k <= NEVENTS; k++) {
		w_raw(r, "<fieldset><legend>");
		w_text(r, _("Procedural event"));
		w_rawf(r, " %d</legend><div class=\"grid\">", k);
		select_cb(r, nm(r, "e", k, "stage"), _("Stage"), CB_STAGE, NULL);
		input(r, nm(r, "e", k, "date"), _("Date"), "date");
		input(r, nm(r, "e", k, "note"), _("Note"), "text");
		w_raw(r, "</div></fieldset>");
	}
	w_raw(r, "<fieldset><legend>");
	w_text(r, _("Seized asset"));
	w_raw(r, "</legend><div class=\"grid\">");
	select_cb(r, "a1_kind", _("Kind"), CB_ASSET_KIND, NULL);
	input(r, "a1_description", _("Description"), "text");
	input(r, "a1_value", _("Estimated value"), "text");
	select_cb(r, "a1_currency", _("Currency"), CB_CURRENCY, "PEN");
	select_cb(r, "a1_measure", _("Measure"), CB_ASSET_MEASURE, NULL);
	input(r, "a1_measure_date", _("Date of the measure"), "date");
	w_raw(r, "</div></fieldset><fieldset><legend>");
	w_text(r, _("Identifier of the case"));
	w_raw(r, "</legend><div class=\"grid\">");
	select_cb(r, "i1_kind", _("Kind"), CB_IDENTIFIER_KIND, NULL);
	input(r, "i1_value", _("Value"), "text");
	w_raw(r, "</div></fieldset><fieldset><legend>");
	w_text(r, _("International request"));
	w_raw(r, "</legend><div class=\"grid\">");
	select_cb(r, "q1_direction", _("Direction"), CB_REQUEST_DIRECTION, NULL);
	select_cb(r, "q1_country", _("Country"), CB_COUNTRY, NULL);
	input(r, "q1_authority", _("Authority"), "text");
	select_cb(r, "q1_type", _("Type"), CB_REQUEST_TYPE, NULL);
	select_cb(r, "q1_status", _("Status"), CB_REQUEST_STATUS, NULL);
	input(r, "q1_sent", _("Sent"), "date");
	input(r, "q1_due", _("Due"), "date");
	w_raw(r, "</div></fieldset><p><button type=\"submit\" id=\"register\">");
	w_text(r, _("Register the case"));
	w_raw(r, "</button></p></form>");
	w_page_end(r);
}

void
page_case_new_get(struct web_req *r)
{
	if (!w_can(r, POL_CASE_CREATE)) {
		w_error(r, 403, _("Your role may not register cases."));
		return;
	}
	form_page(r, NULL, 200);
}

/* ---- form -> case document ---- */

static void
set_str(json_t *o, const char *key, const char *v)
{
	if (v != NULL)
		json_object_set_new(o, key, json_string(v));
}

/* An integer field: a number when it reads as one, otherwise the text, so
 * the case document names the field and what is wrong with it. */
static void
set_int(json_t *o, const char *key, const char *v)
{
	char *end;
	long long n;

	if (v == NULL)
		return;
	n = strtoll(v, &end, 10);
	if (*end == '\0')
		json_object_set_new(o, key, json_integer(n));
	else
		json_object_set_new(o, key, json_string(v));
}

static void
set_codes(struct web_req *r, json_t *o, const char *key, const char *name)
{
	size_t n, i;
	const char **v = form_all(&r->form, name, &r->a, &n);
	json_t *arr;

	if (n == 0)
		return;
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_string(v[i]));
	json_object_set_new(o, key, arr);
}

static const char *
fv(struct web_req *r, const char *prefix, int k, const char *field)
{
	return form_nonblank(&r->form, nm(r, prefix, k, field));
}

/* One victim or suspect row; NULL when the row is blank. */
static json_t *
person(struct web_req *r, const char *prefix, int k, int victim)
{
	json_t *p, *attrs;
	const char *phone;

	if (fv(r, prefix, k, "name") == NULL && fv(r, prefix, k, "doc_number") == NULL &&
	    fv(r, prefix, k, "phone") == NULL)
		return NULL;
	p = json_object();
	set_str(p, "role", victim ? "victim" : "suspect");
	set_str(p, "name", fv(r, prefix, k, "name"));
	set_str(p, "alias", fv(r, prefix, k, "alias"));
	set_str(p, "doc_type", fv(r, prefix, k, "doc_type"));
	set_str(p, "doc_number", fv(r, prefix, k, "doc_number"));
	set_str(p, "sex", fv(r, prefix, k, "sex"));
	set_str(p, "nationality", fv(r, prefix, k, "nationality"));
	set_int(p, "birth_year", fv(r, prefix, k, "birth_year"));
	if ((phone = fv(r, prefix, k, "phone")) != NULL)
		json_object_set_new(p, "identifiers", json_pack("[{s:s,s:s}]", "kind", "phone",
			"value", phone));
	attrs = json_object();
	if (victim) {
		set_int(attrs, "age_at_recruitment", fv(r, prefix, k, "age"));
		set_codes(r, attrs, "exploitation", nm(r, prefix, k, "exploitation"));
	} else {
		set_codes(r, attrs, "network_roles", nm(r, prefix, k, "network_roles"));
	}
	json_object_set_new(p, victim ? "victim" : "suspect", attrs);
	return p;
}

/* "persons[1].name: ..." -> "Suspect 1 — name: ..." in the reader's words. */
static const char *
explain(struct web_req *r, const struct kerr *e, const char *const *labels, size_t nlabels)
{
	const char *msg = w_kerr_msg(r, e);
	unsigned idx;
	int used = 0;

	if (sscanf(msg, "persons[%u]%n", &idx, &used) == 1 && used > 0 && idx < nlabels)
		return arena_printf(&r->a, "%s — %s", labels[idx], msg);
	return msg;
}

void
page_case_new_post(struct web_req *r)
{
	json_t *doc = json_object(), *persons = json_array(), *events = json_array(), *p;
	const char *labels[NVICTIMS + NSUSPECTS];
	size_t nlabels = 0;
	char *text;
	int64_t id;
	int k;
	struct kerr e;
	enum kerr_code rc;

	set_str(doc, "number", form_nonblank(&r->form, "number"));
	set_str(doc, "office", form_nonblank(&r->form, "office"));
	set_str(doc, "complaint_date", form_nonblank(&r->form, "complaint_date"));
	set_str(doc, "complaint_source", form_nonblank(&r->form, "complaint_source"));
	p = json_object();
	set_str(p, "country", form_nonblank(&r->form, "place_country"));
	set_str(p, "ubigeo", form_nonblank(&r->form, "place_ubigeo"));
	json_object_set_new(doc, "place", p);
	set_codes(r, doc, "offences", "offences");
	set_codes(r, doc, "related_offences", "related_offences");
	set_str(doc, "summary", form_nonblank(&r->form, "summary"));
	for (k = 1; k <= NVICTIMS; k++)
		if ((p = person(r, "v", k, 1)) != NULL) {
			json_array_append_new(persons, p);
			labels[nlabels++] = arena_printf(&r->a, "%s %d", _("Victim"), k);
		}
	for (k = 1; k <= NSUSPECTS; k++)
		if ((p = person(r, "s", k, 0)) != NULL) {
			json_array_append_new(persons, p);
			labels[nlabels++] = arena_printf(&r->a, "%s %d", _("Suspect"), k);
		}
	json_object_set_new(doc, "persons", persons);
	for (k = 1; k <= NEVENTS; k++) {
		if (fv(r, "e", k, "stage") == NULL && fv(r, "e", k, "date") == NULL)
			continue;
		p = json_object();
		set_str(p, "stage", fv(r, "e", k, "stage"));
		set_str(p, "date", fv(r, "e", k, "date"));
		set_str(p, "note", fv(r, "e", k, "note"));
		json_array_append_new(events, p);
	}
	json_object_set_new(doc, "events", events);
	if (form_nonblank(&r->form, "a1_kind") != NULL) {
		const char *v = form_nonblank(&r->form, "a1_value");
		char *end;
		double d = v ? strtod(v, &end) : 0;
		p = json_object();
		set_str(p, "kind", form_nonblank(&r->form, "a1_kind"));
		set_str(p, "description", form_nonblank(&r->form, "a1_description"));
		if (v != NULL && *end == '\0')
			json_object_set_new(p, "value", json_real(d));
		else
			set_str(p, "value", v);
		set_str(p, "currency", form_nonblank(&r->form, "a1_currency"));
		if (form_nonblank(&r->form, "a1_measure") != NULL)
			json_object_set_new(p, "measures", json_pack("[{s:s,s:s?}]", "measure",
				form_nonblank(&r->form, "a1_measure"), "date",
				form_nonblank(&r->form, "a1_measure_date")));
		json_object_set_new(doc, "assets", json_pack("[o]", p));
	}
	if (form_nonblank(&r->form, "i1_kind") != NULL || form_nonblank(&r->form, "i1_value")) {
		p = json_object();
		set_str(p, "kind", form_nonblank(&r->form, "i1_kind"));
		set_str(p, "value", form_nonblank(&r->form, "i1_value"));
		json_object_set_new(doc, "identifiers", json_pack("[o]", p));
	}
	if (form_nonblank(&r->form, "q1_direction") != NULL ||
	    form_nonblank(&r->form, "q1_country") != NULL) {
		p = json_object();
		set_str(p, "direction", form_nonblank(&r->form, "q1_direction"));
		set_str(p, "country", form_nonblank(&r->form, "q1_country"));
		set_str(p, "authority", form_nonblank(&r->form, "q1_authority"));
		set_str(p, "type", form_nonblank(&r->form, "q1_type"));
		set_str(p, "status", form_nonblank(&r->form, "q1_status"));
		set_str(p, "sent", form_nonblank(&r->form, "q1_sent"));
		set_str(p, "due", form_nonblank(&r->form, "q1_due"));
		json_object_set_new(doc, "requests", json_pack("[o]", p));
	}
	text = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	rc = app_case_add_json(r->app, &r->actor, text, strlen(text), &id, &e);
	free(text);
	if (rc == KERR_INVALID || rc == KERR_CONFLICT || rc == KERR_NOTFOUND) {
		form_page(r, explain(r, &e, labels, nlabels), rc == KERR_CONFLICT ? 409 : 422);
		return;
	}
	if (rc != KERR_OK) {
		w_kerr(r, &e);
		return;
	}
	w_redirect(r, arena_printf(&r->a, "/cases/%lld", (long long)id));
}
