/*
 * pages/outcome.c — a step of a suspect's procedural path from the case page
 * (issue 10, the web side of `khipu case outcome`): the form under
 * "Suspects' procedural paths" and its POST /cases/{id}/outcome, through
 * app_case_outcome (one revision; refused with the reason beside the form and
 * nothing written). The suspects offered are the case's as the actor reads
 * it; the app layer checks the person again against the case.
 *
 * The second form of the section records a payment of the civil reparation
 * ordered (`khipu case outcome --paid`), to the same address: its fields
 * are named paid_*, so a refusal shows back what was typed in the form it
 * came from.
 */
#include "web/web_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/codebook.h"
#include "lib/i18n.h"

/* The option names the app layer's messages give (those of `khipu case
 * outcome`) and the form's words for them. */
struct field_words { const char *option, *label; };
static const struct field_words pay_fields[] = {
	{ "--suspect", N_("Suspect") },
	{ "--date", N_("Date of the payment") },
	{ "--paid", N_("Amount paid") },
	{ "--reason", N_("Reason") },
	{ NULL, NULL },
};
static const struct field_words fields[] = {
	{ "--suspect", N_("Suspect") },
	{ "--outcome", N_("Step of the path") },
	{ "--date", N_("Date of the decision") },
	{ "--offence", N_("Offence") },
	{ "--prison-years", N_("Years of prison") },
	{ "--prison-months", N_("Months of prison") },
	{ "--days-fine", N_("Days-fine") },
	{ "--reparation", N_("Civil reparation") },
	{ "--currency", N_("Currency") },
	{ "--reason", N_("Reason") },
	{ NULL, NULL },
};

/* An app refusal in the form's words: "Date of the decision: ..." for
 * "--date: ...". */
static const char *
outcome_msg(struct web_req *r, const struct field_words *fw, const struct kerr *e)
{
	size_t i, n;
	const char *msg = w_kerr_msg(r, e);

	for (i = 0; fw[i].option != NULL; i++) {
		n = strlen(fw[i].option);
		if (strcmp(e->field, fw[i].option) == 0 && strncmp(e->msg, fw[i].option, n) == 0 &&
		    e->msg[n] == ':')
			return arena_printf(&r->a, "%s:%s", _(fw[i].label), e->msg + n + 1);
	}
	return msg;
}

/* Was the form posted the payment form? (its fields are paid_*) */
static int
is_payment(struct web_req *r)
{
	return form_get(&r->form, "paid") != NULL;
}

static void
select_cb(struct web_req *r, const char *id, const char *name, enum cb_dim dim,
	const char *cur, int optional)
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
		w_raw(r, cur != NULL && strcmp(cur, e[i].code) == 0 ? "\" selected>" : "\">");
		w_text(r, r->lang == I18N_EN ? e[i].en : e[i].es);
		w_raw(r, "</option>");
	}
	w_raw(r, "</select>");
}

/* A text input that shows back what was posted (after a refusal). */
static void
input(struct web_req *r, const char *id, const char *name, const char *attrs)
{
	w_rawf(r, "<input id=\"%s\" name=\"%s\" %s value=\"", id, name, attrs);
	w_text(r, form_get(&r->form, name));
	w_raw(r, "\"></div>");
}

/* The payment form: the suspects with a civil reparation in force only
 * (a payment needs an order, core/outcome.h); nothing when none has one. */
static void
payment_form(struct web_req *r, const struct kcase *c, const char *message)
{
	const char *cur = form_get(&r->form, "paid_suspect");
	size_t i, k = 0, n = 0;

	for (i = 0; i < c->nparts; i++)
		n += strcmp(c->parts[i].role, "suspect") == 0 &&
			c->parts[i].suspect.reparation_currency != NULL;
	if (n == 0) {
		/* a payment posted by hand on a case without an order: still said */
		w_alert_id(r, "payment-error", message);
		return;
	}
	w_raw(r, "<section id=\"payment\" class=\"form-part\"><h2>");
	w_text(r, _("Record a payment of the civil reparation"));
	w_raw(r, "</h2>");
	w_alert_id(r, "payment-error", message);
	w_rawf(r, "<form class=\"grid\" method=\"post\" action=\"/cases/%lld/outcome\">",
		(long long)c->id);
	w_csrf(r);
	w_field_label(r, "pay-suspect", _("Suspect"));
	w_rawf(r, "<select id=\"pay-suspect\" name=\"paid_suspect\"%s>", message ? " autofocus" : "");
	for (i = 0; i < c->nparts; i++) {
		const struct participation *p = &c->parts[i];
		char id[24];
		if (strcmp(p->role, "suspect") != 0)
			continue;
		k++;
		if (p->suspect.reparation_currency == NULL)
			continue;
		snprintf(id, sizeof(id), "%lld", (long long)p->person_id);
		w_rawf(r, "<option value=\"%s\"%s>", id,
			cur != NULL && strcmp(cur, id) == 0 ? " selected" : "");
		/* numbered as in the path form; the order's currency beside the name */
		w_text(r, arena_printf(&r->a, "%zu. %s (%s)", k,
			p->person.name != NULL ? p->person.name : _("[protected]"),
			p->suspect.reparation_currency));
		w_raw(r, "</option>");
	}
	w_raw(r, "</select></div>");
	w_field_label(r, "pay-date", _("Date of the payment"));
	w_raw(r, "<input id=\"pay-date\" name=\"paid_date\" type=\"date\" required value=\"");
	w_text(r, form_get(&r->form, "paid_date"));
	w_raw(r, "\"></div>");
	w_field_label(r, "pay-amount", _("Amount paid, in the currency of the order"));
	w_raw(r, "<input id=\"pay-amount\" name=\"paid\" inputmode=\"decimal\" maxlength=\"20\" "
		"required value=\"");
	w_text(r, form_get(&r->form, "paid"));
	w_raw(r, "\"></div>");
	w_field_label(r, "pay-reason", _("Reason"));
	w_raw(r, "<input id=\"pay-reason\" name=\"paid_reason\" maxlength=\"2000\" value=\"");
	w_text(r, form_get(&r->form, "paid_reason"));
	w_raw(r, "\"></div><div><button type=\"submit\" id=\"record-payment\">");
	w_text(r, _("Record payment"));
	w_raw(r, "</button></div></form></section>");
}

void
w_case_outcome_form(struct web_req *r, const struct kcase *c, const char *message)
{
	const char *cur = form_get(&r->form, "suspect");
	const char *pay_message = is_payment(r) ? message : NULL;
	size_t i, k = 0;

	message = is_payment(r) ? NULL : message;
	w_raw(r, "<section id=\"path-step\" class=\"form-part\"><h2>");
	w_text(r, _("Record a step of a suspect's path"));
	w_raw(r, "</h2>");
	w_alert(r, message);
	w_rawf(r, "<form class=\"grid\" method=\"post\" action=\"/cases/%lld/outcome\">",
		(long long)c->id);
	w_csrf(r);
	w_field_label(r, "oc-suspect", _("Suspect"));
	/* after a refusal the form takes the focus: the browser scrolls the
	 * message above it into view */
	w_rawf(r, "<select id=\"oc-suspect\" name=\"suspect\"%s>", message ? " autofocus" : "");
	for (i = 0; i < c->nparts; i++) {
		const struct participation *p = &c->parts[i];
		char id[24];
		if (strcmp(p->role, "suspect") != 0)
			continue;
		snprintf(id, sizeof(id), "%lld", (long long)p->person_id);
		w_rawf(r, "<option value=\"%s\"%s>", id,
			cur != NULL && strcmp(cur, id) == 0 ? " selected" : "");
		/* the name as the page shows it (masked unless revealed) */
		w_text(r, arena_printf(&r->a, "%zu. %s", ++k,
			p->person.name != NULL ? p->person.name : _("[protected]")));
		w_raw(r, "</option>");
	}
	w_raw(r, "</select></div>");
	w_field_label(r, "oc-step", _("Step of the path"));
	select_cb(r, "oc-step", "outcome", CB_PATH_STEP, form_get(&r->form, "outcome"), 0);
	w_raw(r, "</div>");
	w_field_label(r, "oc-date", _("Date of the decision"));
	input(r, "oc-date", "date", "type=\"date\" required");
	w_field_label(r, "oc-offence", _("Offence"));
	select_cb(r, "oc-offence", "offence", CB_OFFENCE, form_get(&r->form, "offence"), 1);
	w_raw(r, "</div>");
	w_field_label(r, "oc-years", _("Years of prison"));
	input(r, "oc-years", "prison_years", "inputmode=\"numeric\" maxlength=\"2\"");
	w_field_label(r, "oc-months", _("Months of prison"));
	input(r, "oc-months", "prison_months", "inputmode=\"numeric\" maxlength=\"2\"");
	w_raw(r, "<div><label for=\"oc-suspended\"><input id=\"oc-suspended\" name=\"suspended\" "
		"type=\"checkbox\" value=\"1\"");
	w_raw(r, form_get(&r->form, "suspended") != NULL ? " checked>" : ">");
	w_text(r, _("Suspended sentence (CP art. 57)"));
	w_raw(r, "</label></div>");
	w_field_label(r, "oc-fine", _("Days-fine"));
	input(r, "oc-fine", "days_fine", "inputmode=\"numeric\" maxlength=\"4\"");
	w_field_label(r, "oc-reparation", _("Civil reparation"));
	input(r, "oc-reparation", "reparation", "inputmode=\"decimal\" maxlength=\"20\"");
	w_field_label(r, "oc-currency", _("Currency"));
	select_cb(r, "oc-currency", "currency", CB_CURRENCY,
		form_get(&r->form, "currency") != NULL ? form_get(&r->form, "currency") : "PEN", 0);
	w_raw(r, "</div>");
	w_field_label(r, "oc-reason", _("Reason"));
	input(r, "oc-reason", "reason", "maxlength=\"2000\"");
	w_raw(r, "<div><button type=\"submit\" id=\"record-outcome\">");
	w_text(r, _("Record step"));
	w_raw(r, "</button></div></form></section>");
	payment_form(r, c, pay_message);
}

/* A whole number in [0, max] from field name; 0 when blank, -1 when not. */
static int
form_count(struct web_req *r, const char *name, int max)
{
	const char *s = form_nonblank(&r->form, name);
	char *end;
	long v;

	if (s == NULL)
		return 0;
	v = strtol(s, &end, 10);
	return *end == '\0' && v >= 0 && v <= max ? (int)v : -1;
}

static void
refuse(struct web_req *r, const char *message)
{
	w_case_page(r, APP_MASKED, W_CASE_FORM_OUTCOME, message, 422);
}

/* POST of the payment form: an amount paid on a date (case id checked). */
static void
payment_post(struct web_req *r, int64_t id)
{
	const char *suspect = form_nonblank(&r->form, "paid_suspect");
	const char *date = form_nonblank(&r->form, "paid_date");
	const char *amount = form_nonblank(&r->form, "paid");
	struct reparation_payment pay;
	long long cents = 0, person;
	enum kerr_code rc;
	struct kerr e;
	char *end = NULL;

	person = suspect != NULL ? strtoll(suspect, &end, 10) : 0;
	if (person <= 0 || *end != '\0' || date == NULL || amount == NULL) {
		refuse(r, _("Choose a suspect, and write the date and the amount paid."));
		return;
	}
	memset(&pay, 0, sizeof(pay));
	if (strlen(date) >= sizeof(pay.date)) {
		refuse(r, _("Date of the payment: write it as YYYY-MM-DD."));
		return;
	}
	memcpy(pay.date, date, strlen(date) + 1);
	if (form_amount(amount, &cents) != 0 || cents <= 0) {
		refuse(r, _("Amount paid: write the amount as 1200.50, 1,200.50 or 1.200,50."));
		return;
	}
	pay.amount_cents = cents;
	rc = app_case_outcome(r->app, &r->actor, id, (int64_t)person, NULL, &pay,
		form_nonblank(&r->form, "paid_reason"), &e);
	if (rc == KERR_INVALID) {
		refuse(r, outcome_msg(r, pay_fields, &e));
		return;
	}
	if (rc != KERR_OK) {
		w_kerr(r, &e);
		return;
	}
	w_redirect(r, arena_printf(&r->a, "/cases/%lld?saved=1#paths", (long long)id));
}

void
page_case_outcome_post(struct web_req *r)
{
	const char *date = form_nonblank(&r->form, "date");
	const char *suspect = form_nonblank(&r->form, "suspect");
	const char *rep = form_nonblank(&r->form, "reparation");
	struct path_step step;
	long long cents = 0, person;
	int years, months;
	struct kerr e;
	char *end;
	enum kerr_code rc;
	int64_t id;

	person = suspect != NULL ? strtoll(suspect, &end, 10) : 0;
	if (strtoll(r->params[0], &end, 10) <= 0 || *end != '\0') {
		w_error(r, 404, _("There is no such case."));
		return;
	}
	id = strtoll(r->params[0], NULL, 10);
	if (is_payment(r)) {
		payment_post(r, id);
		return;
	}
	memset(&step, 0, sizeof(step));
	step.step = form_nonblank(&r->form, "outcome");
	step.offence = form_nonblank(&r->form, "offence");
	step.suspended = form_nonblank(&r->form, "suspended") != NULL;
	if (person <= 0 || step.step == NULL || date == NULL) {
		refuse(r, _("Choose a suspect, a step and the date of the decision."));
		return;
	}
	if (strlen(date) >= sizeof(step.date)) {
		refuse(r, _("Date of the decision: write it as YYYY-MM-DD."));
		return;
	}
	memcpy(step.date, date, strlen(date) + 1);
	if ((years = form_count(r, "prison_years", 99)) < 0) {
		refuse(r, _("Years of prison: a whole number from 0 to 99."));
		return;
	}
	if ((months = form_count(r, "prison_months", 11)) < 0) {
		refuse(r, _("Months of prison: a whole number from 0 to 11."));
		return;
	}
	if ((step.days_fine = form_count(r, "days_fine", 1095)) < 0) {
		refuse(r, _("Days-fine: a whole number from 0 to 1095."));
		return;
	}
	step.prison_months = years * 12 + months;
	if (rep != NULL) {
		if (form_amount(rep, &cents) != 0 || cents <= 0) {
			refuse(r, _("Civil reparation: write the amount as 1200.50, 1,200.50 or "
				"1.200,50."));
			return;
		}
		step.reparation_cents = cents;
		step.reparation_currency = form_nonblank(&r->form, "currency") != NULL ?
			form_nonblank(&r->form, "currency") : "PEN";
	}
	rc = app_case_outcome(r->app, &r->actor, id, (int64_t)person, &step, NULL,
		form_nonblank(&r->form, "reason"), &e);
	if (rc == KERR_INVALID) {
		refuse(r, outcome_msg(r, fields, &e));
		return;
	}
	if (rc != KERR_OK) {
		w_kerr(r, &e);
		return;
	}
	w_redirect(r, arena_printf(&r->a, "/cases/%lld?saved=1#paths", (long long)id));
}
