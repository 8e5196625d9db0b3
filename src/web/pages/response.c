/*
 * pages/response.c — the State's response on the case page (issue 10):
 * the police report the case came from, each victim's protection, each
 * asset's life (steps, owner or front man, forfeiture file, the
 * identifiers that lead to it), and the two forms that add a protection
 * measure (POST /cases/{id}/protect) or a step of an asset's life (POST
 * /cases/{id}/asset-step) through app_case_protect / app_case_asset_step:
 * one revision each, refused with the reason and nothing written.
 */
#include "web/web_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/codebook.h"
#include "lib/i18n.h"

static void
h2(struct web_req *r, const char *id, const char *title)
{
	w_rawf(r, "<h2 id=\"%s\">", id);
	w_text(r, title);
	w_raw(r, "</h2>");
}

/* A person of the case as the page shows her: name as read (masked or in
 * clear), [protected] for roles that see none. */
static void
person_name(struct web_req *r, const struct participation *p)
{
	w_text(r, w_label(r, CB_PERSON_ROLE, p->role));
	w_raw(r, " <span class=\"masked\">");
	w_text(r, p->person.name != NULL ? p->person.name : _("[protected]"));
	w_raw(r, "</span>");
}

static void
police_report(struct web_req *r, const struct kcase *c)
{
	const struct police_intake *pi = &c->police;

	if (pi->kind == NULL && pi->number == NULL && pi->unit == NULL && pi->reta == NULL &&
	    pi->sidpol == NULL && pi->received[0] == '\0')
		return;
	h2(r, "police-report", _("Police report"));
	w_raw(r, "<dl class=\"police\"><dt>");
	w_text(r, _("Report"));
	w_raw(r, "</dt><dd>");
	if (pi->kind != NULL)
		w_text(r, w_label(r, CB_POLICE_REPORT_KIND, pi->kind));
	if (pi->number != NULL) {
		w_raw(r, " ");
		w_text(r, pi->number);
	}
	w_raw(r, "</dd><dt>");
	w_text(r, _("Police unit"));
	w_raw(r, "</dt><dd>");
	w_text(r, pi->unit != NULL ? pi->unit : "—");
	w_raw(r, "</dd><dt>RETA-PNP</dt><dd>");
	w_text(r, pi->reta != NULL ? pi->reta : "—");
	w_raw(r, "</dd><dt>SIDPOL</dt><dd>");
	w_text(r, pi->sidpol != NULL ? pi->sidpol : "—");
	w_raw(r, "</dd><dt>");
	w_text(r, _("Received by the prosecutor"));
	w_raw(r, "</dt><dd>");
	w_text(r, pi->received[0] != '\0' ? w_date(r, pi->received) : "—");
	w_raw(r, "</dd></dl>");
}

static const char *
consent_text(int consent)
{
	return consent < 0 ? "—" : consent ? _("yes") : _("no");
}

static void
protection(struct web_req *r, const struct kcase *c)
{
	size_t i, j, nv = 0;

	for (i = 0; i < c->nparts; i++)
		nv += strcmp(c->parts[i].role, "victim") == 0;
	if (nv == 0)
		return;
	h2(r, "protection", _("Protection of victims"));
	for (i = 0; i < c->nparts; i++) {
		const struct participation *p = &c->parts[i];
		const struct victim_attrs *v = &p->victim;
		if (strcmp(p->role, "victim") != 0)
			continue;
		w_raw(r, "<table class=\"protection\"><caption>");
		person_name(r, p);
		w_rawf(r, " (%lld)", (long long)p->person_id);
		w_raw(r, "</caption><thead><tr><th scope=\"col\">");
		w_text(r, _("Date"));
		w_raw(r, "</th><th scope=\"col\">");
		w_text(r, _("Measure or service"));
		w_raw(r, "</th><th scope=\"col\">");
		w_text(r, _("Provider"));
		w_raw(r, "</th><th scope=\"col\">");
		w_text(r, _("Until"));
		w_raw(r, "</th><th scope=\"col\">");
		w_text(r, _("Consent"));
		w_raw(r, "</th><th scope=\"col\">");
		w_text(r, _("Result"));
		w_raw(r, "</th></tr></thead><tbody>");
		if (v->nprotection == 0) {
			w_raw(r, "<tr><td colspan=\"6\">");
			w_text(r, _("None recorded."));
			w_raw(r, "</td></tr>");
		}
		for (j = 0; j < v->nprotection; j++) {
			const struct protection *pr = &v->protection[j];
			w_raw(r, "<tr><td>");
			w_text(r, w_date(r, pr->date));
			w_raw(r, "</td><td>");
			w_text(r, w_label(r, CB_PROTECTION, pr->measure));
			w_raw(r, "</td><td>");
			w_text(r, pr->provider != NULL ? w_label(r, CB_PROVIDER, pr->provider) : "—");
			w_raw(r, "</td><td>");
			w_text(r, pr->end_date[0] != '\0' ? w_date(r, pr->end_date) : "—");
			w_raw(r, "</td><td>");
			w_text(r, consent_text(pr->consent));
			w_raw(r, "</td><td>");
			w_text(r, pr->result != NULL ? w_label(r, CB_PROTECTION_RESULT, pr->result) : "—");
			w_raw(r, "</td></tr>");
		}
		w_raw(r, "</tbody></table>");
	}
}

static void
asset_life(struct web_req *r, const struct kcase *c, size_t k, int revealed)
{
	const struct asset *as = &c->assets[k];
	size_t i;

	w_rawf(r, "<li id=\"asset-%lld\"><strong>", (long long)as->id);
	w_text(r, w_label(r, CB_ASSET_KIND, as->kind));
	w_rawf(r, " (%lld)</strong> — ", (long long)as->id);
	w_text(r, w_money(r, as->value_cents));
	w_raw(r, " ");
	w_text(r, as->currency);
	if (as->owner_pos > 0 && as->owner_pos <= c->nparts) {
		w_raw(r, " · ");
		w_text(r, as->owner_relation != NULL ?
			w_label(r, CB_OWNER_RELATION, as->owner_relation) : _("Owner"));
		w_raw(r, ": ");
		person_name(r, &c->parts[as->owner_pos - 1]);
	}
	if (as->forfeiture_file != NULL) {
		w_raw(r, " · ");
		w_text(r, _("forfeiture file"));
		w_raw(r, " ");
		w_text(r, as->forfeiture_file);
	}
	for (i = 0; i < c->nidents; i++) {
		const struct identifier *id = &c->idents[i];
		if (id->asset_id != as->id)
			continue;
		w_raw(r, " · ");
		w_text(r, w_label(r, CB_IDENTIFIER_KIND, id->kind));
		w_raw(r, revealed ? " <span class=\"revealed\">" : " <span class=\"masked\">");
		w_text(r, id->value != NULL ? id->value : _("[protected]"));
		w_raw(r, "</span>");
	}
	if (as->description != NULL) {
		w_raw(r, "<br>");
		w_text(r, as->description);
	}
	w_raw(r, "<ol class=\"steps\">");
	if (as->nmeasures == 0) {
		w_raw(r, "<li>");
		w_text(r, _("No step recorded."));
		w_raw(r, "</li>");
	}
	for (i = 0; i < as->nmeasures; i++) {
		const struct asset_measure *m = &as->measures[i];
		w_raw(r, "<li>");
		if (m->date[0] != '\0') {
			w_raw(r, "<time datetime=\"");
			w_text(r, m->date);
			w_raw(r, "\">");
			w_text(r, w_date(r, m->date));
			w_raw(r, "</time>");
		}
		w_text(r, w_label(r, CB_ASSET_MEASURE, m->measure));
		if (m->value_cents != 0) {
			w_raw(r, " · ");
			w_text(r, _("realised"));
			w_raw(r, " ");
			w_text(r, w_money(r, m->value_cents));
			w_raw(r, " ");
			w_text(r, as->currency);
		}
		if (m->reference != NULL) {
			w_raw(r, " · ");
			w_text(r, m->reference);
		}
		w_raw(r, "</li>");
	}
	w_raw(r, "</ol></li>");
}

/* A <select> of a codebook dimension whose id (for its label) is not its
 * name, so that it stays unique on the case page. */
static void
select_cb(struct web_req *r, const char *id, const char *name, enum cb_dim dim, int optional)
{
	const struct cb_entry *e;
	size_t n, i;

	e = cb_entries(dim, &n);
	w_rawf(r, "<select id=\"%s\" name=\"%s\">", id, name);
	if (optional)
		w_raw(r, "<option value=\"\">—</option>");
	for (i = 0; i < n; i++) {
		w_raw(r, "<option value=\"");
		w_text(r, e[i].code);
		w_raw(r, "\">");
		w_text(r, r->lang == I18N_EN ? e[i].en : e[i].es);
		w_raw(r, "</option>");
	}
	w_raw(r, "</select>");
}

/* The forms, for roles that may amend the case; message at its form. */
static void
protect_form(struct web_req *r, const struct kcase *c, const char *message)
{
	size_t i;

	w_raw(r, "<h3 class=\"form-head\">");
	w_text(r, _("Record a protection measure"));
	w_raw(r, "</h3>");
	w_alert(r, message);
	w_rawf(r, "<form class=\"grid\" method=\"post\" action=\"/cases/%lld/protect\">",
		(long long)c->id);
	w_csrf(r);
	w_field_label(r, "pr-victim", _("Victim"));
	w_raw(r, "<select id=\"pr-victim\" name=\"victim\">");
	for (i = 0; i < c->nparts; i++) {
		const struct participation *p = &c->parts[i];
		if (strcmp(p->role, "victim") != 0)
			continue;
		w_rawf(r, "<option value=\"%lld\">", (long long)p->person_id);
		w_text(r, p->person.name != NULL ? p->person.name : _("[protected]"));
		w_rawf(r, " (%lld)</option>", (long long)p->person_id);
	}
	w_raw(r, "</select></div>");
	w_field_label(r, "pr-measure", _("Measure or service"));
	select_cb(r, "pr-measure", "measure", CB_PROTECTION, 0);
	w_raw(r, "</div>");
	w_field_label(r, "pr-provider", _("Provider"));
	select_cb(r, "pr-provider", "provider", CB_PROVIDER, 1);
	w_raw(r, "</div>");
	w_field_label(r, "pr-date", _("Date"));
	w_raw(r, "<input id=\"pr-date\" name=\"date\" type=\"date\" required></div>");
	w_field_label(r, "pr-consent", _("Consent"));
	w_raw(r, "<select id=\"pr-consent\" name=\"consent\"><option value=\"\">—</option>"
		"<option value=\"yes\">");
	w_text(r, _("yes"));
	w_raw(r, "</option><option value=\"no\">");
	w_text(r, _("no"));
	w_raw(r, "</option></select></div>");
	w_field_label(r, "pr-result", _("Result"));
	select_cb(r, "pr-result", "result", CB_PROTECTION_RESULT, 1);
	w_raw(r, "</div><div><button type=\"submit\" id=\"protect\">");
	w_text(r, _("Record measure"));
	w_raw(r, "</button></div></form>");
}

static void
step_form(struct web_req *r, const struct kcase *c, const char *message)
{
	size_t i;

	w_raw(r, "<h3 class=\"form-head\">");
	w_text(r, _("Record a step of an asset's life"));
	w_raw(r, "</h3>");
	w_alert(r, message);
	w_rawf(r, "<form class=\"grid\" method=\"post\" action=\"/cases/%lld/asset-step\">",
		(long long)c->id);
	w_csrf(r);
	w_field_label(r, "as-asset", _("Asset"));
	w_raw(r, "<select id=\"as-asset\" name=\"asset\">");
	for (i = 0; i < c->nassets; i++) {
		w_rawf(r, "<option value=\"%lld\">", (long long)c->assets[i].id);
		w_text(r, w_label(r, CB_ASSET_KIND, c->assets[i].kind));
		w_rawf(r, " (%lld)</option>", (long long)c->assets[i].id);
	}
	w_raw(r, "</select></div>");
	w_field_label(r, "as-step", _("Step"));
	select_cb(r, "as-step", "step", CB_ASSET_MEASURE, 0);
	w_raw(r, "</div>");
	w_field_label(r, "as-date", _("Date"));
	w_raw(r, "<input id=\"as-date\" name=\"date\" type=\"date\" required></div>");
	w_field_label(r, "as-value", _("Realised value"));
	w_raw(r, "<input id=\"as-value\" name=\"value\" inputmode=\"decimal\"></div>");
	w_field_label(r, "as-reference", _("Resolution or file"));
	w_raw(r, "<input id=\"as-reference\" name=\"reference\" maxlength=\"100\"></div>");
	w_field_label(r, "as-file", _("Forfeiture file number"));
	w_raw(r, "<input id=\"as-file\" name=\"file\" maxlength=\"100\"></div>");
	w_raw(r, "<div><button type=\"submit\" id=\"asset-step\">");
	w_text(r, _("Record step"));
	w_raw(r, "</button></div></form>");
}

void
w_case_response(struct web_req *r, const struct kcase *c, int revealed,
	enum w_case_form form, const char *message)
{
	int can = w_can(r, POL_CASE_UPDATE);
	size_t i;

	w_raw(r, "<section id=\"response\">");
	police_report(r, c);
	protection(r, c);
	if (can && c->nparts > 0)
		protect_form(r, c, form == W_CASE_FORM_PROTECT ? message : NULL);
	if (c->nassets > 0) {
		h2(r, "assets", _("Assets and their life"));
		w_raw(r, "<ul class=\"assets\">");
		for (i = 0; i < c->nassets; i++)
			asset_life(r, c, i, revealed);
		w_raw(r, "</ul>");
		if (can)
			step_form(r, c, form == W_CASE_FORM_ASSET ? message : NULL);
	}
	w_raw(r, "</section>");
}

/* ---- the two forms' posts ---- */

static int
case_id(struct web_req *r, int64_t *id)
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

static int64_t
form_id(struct web_req *r, const char *name)
{
	const char *s = form_nonblank(&r->form, name);
	char *end;
	long long v;

	if (s == NULL)
		return 0;
	v = strtoll(s, &end, 10);
	return *end == '\0' && v > 0 ? (int64_t)v : 0;
}

static void
done(struct web_req *r, int64_t id, enum kerr_code rc, const struct kerr *e,
	enum w_case_form form, const char *anchor)
{
	if (rc == KERR_INVALID) {
		w_case_page(r, APP_MASKED, form, w_kerr_msg(r, e), 422);
		return;
	}
	if (rc != KERR_OK) {
		w_kerr(r, e);
		return;
	}
	w_redirect(r, arena_printf(&r->a, "/cases/%lld#%s", (long long)id, anchor));
}

void
page_case_protect_post(struct web_req *r)
{
	const char *consent = form_nonblank(&r->form, "consent");
	const char *date = form_nonblank(&r->form, "date");
	struct protection pr;
	struct kerr e;
	int64_t id, victim = form_id(r, "victim");

	if (case_id(r, &id) != 0)
		return;
	memset(&pr, 0, sizeof(pr));
	pr.measure = form_nonblank(&r->form, "measure");
	pr.provider = form_nonblank(&r->form, "provider");
	pr.result = form_nonblank(&r->form, "result");
	pr.consent = consent == NULL ? -1 : strcmp(consent, "yes") == 0;
	if (victim == 0 || pr.measure == NULL || date == NULL || strlen(date) != 10) {
		w_case_page(r, APP_MASKED, W_CASE_FORM_PROTECT,
			_("Choose a victim, a measure and a date."), 422);
		return;
	}
	memcpy(pr.date, date, sizeof(pr.date));
	done(r, id, app_case_protect(r->app, &r->actor, id, victim, &pr, NULL, &e), &e,
		W_CASE_FORM_PROTECT, "protection");
}

/* "38000" or "38000.50" in minor units; -1 when not an amount. */
static int64_t
money(const char *s)
{
	int64_t units = 0, cents = 0;
	int digits = 0, dec = 0;

	for (; *s >= '0' && *s <= '9' && units < 100000000000LL; s++, digits++)
		units = units * 10 + (*s - '0');
	if (*s == '.' || *s == ',')
		for (s++; *s >= '0' && *s <= '9' && dec < 2; s++, dec++)
			cents = cents * 10 + (*s - '0');
	if (digits == 0 || *s != '\0')
		return -1;
	return units * 100 + (dec == 1 ? cents * 10 : cents);
}

void
page_case_asset_step_post(struct web_req *r)
{
	const char *date = form_nonblank(&r->form, "date"), *value = form_nonblank(&r->form, "value");
	struct asset_measure step;
	struct kerr e;
	int64_t id, asset = form_id(r, "asset");

	if (case_id(r, &id) != 0)
		return;
	memset(&step, 0, sizeof(step));
	step.measure = form_nonblank(&r->form, "step");
	step.reference = form_nonblank(&r->form, "reference");
	if (asset == 0 || step.measure == NULL || date == NULL || strlen(date) != 10) {
		w_case_page(r, APP_MASKED, W_CASE_FORM_ASSET,
			_("Choose an asset, a step and a date."), 422);
		return;
	}
	if (value != NULL && (step.value_cents = money(value)) <= 0) {
		w_case_page(r, APP_MASKED, W_CASE_FORM_ASSET,
			_("The realised value is an amount such as 38000 or 38000.50."), 422);
		return;
	}
	memcpy(step.date, date, sizeof(step.date));
	done(r, id, app_case_asset_step(r->app, &r->actor, id, asset, &step,
		form_nonblank(&r->form, "file"), NULL, &e), &e, W_CASE_FORM_ASSET, "assets");
}
