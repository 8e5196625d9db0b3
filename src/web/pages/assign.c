/*
 * pages/assign.c — who works on a case, on the web: a prosecutor's start
 * page (her own cases first), the case page's "Transfers" section and its
 * forms to assign the case and to transfer it to another office. The app
 * layer (app/assign.c) decides and audits; these only ask and show.
 */
#include "web/web_int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define HOME_OWN   100   /* the prosecutor's own cases on the start page */
#define HOME_OTHER 20    /* then the office's newest ones */

/* ---- the start page ---- */

void
page_home_prosecutor(struct web_req *r)
{
	struct store_case_filter mine = { .assigned_to = r->actor.user_id, .limit = HOME_OWN };
	struct store_case_filter recent = { .limit = HOME_OTHER };
	struct store_case_row *rows;
	size_t n;

	if (app_case_list(r->app, &r->actor, &mine, &r->a, &rows, &n, &r->err) != KERR_OK) {
		w_kerr(r, &r->err);
		return;
	}
	w_page_begin(r, _("My cases"));
	if (n == 0) {
		w_raw(r, "<p id=\"my-cases\">");
		w_text(r, _("No case is assigned to you."));
		w_raw(r, "</p>");
	} else {
		w_raw(r, "<div id=\"my-cases\">");
		w_case_rows(r, _("My cases"), rows, n);
		w_raw(r, "</div>");
		if (n == HOME_OWN) {
			w_raw(r, "<p class=\"actions\"><a href=\"/cases?assigned_to=me\">");
			w_text(r, _("All my cases"));
			w_raw(r, "</a></p>");
		}
	}
	if (app_case_list(r->app, &r->actor, &recent, &r->a, &rows, &n, &r->err) != KERR_OK) {
		w_kerr(r, &r->err);
		return;
	}
	w_raw(r, "<h2>");
	w_text(r, _("Newest cases of the office"));
	w_raw(r, "</h2><div id=\"office-cases\">");
	w_case_rows(r, _("Newest cases of the office"), rows, n);
	w_raw(r, "</div><p class=\"actions\"><a href=\"/cases\">");
	w_text(r, _("All cases"));
	w_raw(r, "</a></p>");
	w_page_end(r);
}

/* ---- the case page ---- */

void
w_case_transfers(struct web_req *r, const struct kcase *c)
{
	char day[16];
	size_t i;

	if (c->ntransfers == 0)
		return;
	w_raw(r, "<h2>");
	w_text(r, _("Transfers"));
	w_raw(r, "</h2><ul class=\"transfers\">");
	for (i = 0; i < c->ntransfers; i++) {
		const struct case_transfer *t = &c->transfers[i];
		time_t at = (time_t)t->at;
		struct tm tm;
		gmtime_r(&at, &tm);
		strftime(day, sizeof(day), "%Y-%m-%d", &tm);
		w_raw(r, "<li><time datetime=\"");
		w_text(r, day);
		w_raw(r, "\">");
		w_text(r, w_date(r, day));
		w_raw(r, "</time> ");
		w_text(r, t->from_code);
		w_raw(r, " → ");
		w_text(r, t->to_code);
		if (t->by_name) {
			w_raw(r, " (");
			w_text(r, t->by_name);
			w_raw(r, ")");
		}
		if (t->reason) {
			w_raw(r, "<br><span class=\"note\">");
			w_text(r, t->reason);
			w_raw(r, "</span>");
		}
		w_raw(r, "</li>");
	}
	w_raw(r, "</ul>");
}

static void
form_message(struct web_req *r, const char *id, const char *message)
{
	w_alert_id(r, id, message);
}

static void
assign_form(struct web_req *r, const struct kcase *c, const char *message)
{
	const char **names;
	struct kerr e;
	size_t n, i;

	/* the choice: the prosecutors of the case's office (none: no form) */
	if (app_case_assignees(r->app, &r->actor, c->id, &r->a, &names, &n, &e) != KERR_OK)
		return;
	w_raw(r, "<h2 class=\"form-head\">");
	w_text(r, _("Assign the case"));
	w_raw(r, "</h2>");
	form_message(r, "assign-error", message);
	w_rawf(r, "<form class=\"grid\" method=\"post\" action=\"/cases/%lld/assign\">",
		(long long)c->id);
	w_csrf(r);
	w_raw(r, "<div><label for=\"as-to\">");
	w_text(r, _("Prosecutor"));
	w_raw(r, "</label><select id=\"as-to\" name=\"to\"><option value=\"\">");
	w_text(r, _("nobody"));
	w_raw(r, "</option>");
	for (i = 0; i < n; i++) {
		w_raw(r, "<option value=\"");
		w_text(r, names[i]);
		w_raw(r, c->assignee && strcmp(c->assignee, names[i]) == 0 ? "\" selected>" : "\">");
		w_text(r, names[i]);
		w_raw(r, "</option>");
	}
	w_raw(r, "</select></div><div><button type=\"submit\" id=\"assign\">");
	w_text(r, _("Assign"));
	w_raw(r, "</button></div></form>");
}

static void
transfer_form(struct web_req *r, const struct kcase *c, const struct office *o, size_t no,
	const char *message)
{
	struct office *others = arena_alloc(&r->a, (no + 1) * sizeof(*others));
	size_t i, k = 0;

	for (i = 0; i < no; i++)
		if (o[i].id != c->office_id)
			others[k++] = o[i];
	w_raw(r, "<h2 class=\"form-head\">");
	w_text(r, _("Transfer to another office"));
	w_raw(r, "</h2>");
	form_message(r, "transfer-error", message);
	w_rawf(r, "<form class=\"grid\" method=\"post\" action=\"/cases/%lld/transfer\">",
		(long long)c->id);
	w_csrf(r);
	w_field_label(r, "office", _("Receiving office"));
	w_select_office(r, others, k, form_get(&r->form, "office"));
	w_raw(r, "</div><div><label for=\"tr-reason\">");
	w_text(r, _("Reason (encrypted)"));
	w_raw(r, "</label><input id=\"tr-reason\" name=\"reason\" required maxlength=\"2000\" "
		"value=\"");
	w_text(r, form_get(&r->form, "reason"));
	w_raw(r, "\"></div><div><button type=\"submit\" id=\"transfer\">");
	w_text(r, _("Transfer"));
	w_raw(r, "</button></div></form>");
}

void
w_case_assign_forms(struct web_req *r, const struct kcase *c, const struct office *o,
	size_t no, enum w_case_form form, const char *message)
{
	struct policy_case pc = { .office_id = c->office_id, .shared_with = c->shared_with,
		.nshared = c->nshared };

	/* only where the policy would say yes: the case's own office */
	if (policy_check(&r->actor, POL_CASE_ASSIGN, &pc, NULL) == KERR_OK)
		assign_form(r, c, form == W_CASE_FORM_ASSIGN ? message : NULL);
	if (policy_check(&r->actor, POL_CASE_TRANSFER, &pc, NULL) == KERR_OK)
		transfer_form(r, c, o, no, form == W_CASE_FORM_TRANSFER ? message : NULL);
}

/* ---- the posts ---- */

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

/* An invalid input is the case page again with the message at its form;
 * anything else (denied, not found) the error page. */
static void
refused(struct web_req *r, enum w_case_form form, const struct kerr *e)
{
	if (e->code == KERR_INVALID)
		w_case_page(r, APP_MASKED, form, w_kerr_msg(r, e), 422);
	else
		w_kerr(r, e);
}

void
page_case_assign_post(struct web_req *r)
{
	const char *to = form_nonblank(&r->form, "to");
	struct kerr e;
	int64_t id;

	if (case_id(r, &id) != 0)
		return;
	if (to != NULL && strlen(to) > 64) {
		w_case_page(r, APP_MASKED, W_CASE_FORM_ASSIGN, _("Unknown user."), 422);
		return;
	}
	if (app_case_assign(r->app, &r->actor, id, to, &e) != KERR_OK) {
		refused(r, W_CASE_FORM_ASSIGN, &e);
		return;
	}
	w_redirect(r, arena_printf(&r->a, "/cases/%lld", (long long)id));
}

void
page_case_transfer_post(struct web_req *r)
{
	const char *office = form_nonblank(&r->form, "office");
	const char *reason = form_get(&r->form, "reason");
	struct kerr e;
	int64_t id;

	if (case_id(r, &id) != 0)
		return;
	if (app_case_transfer(r->app, &r->actor, id, office, reason, &e) != KERR_OK) {
		refused(r, W_CASE_FORM_TRANSFER, &e);
		return;
	}
	/* the case is the other office's now: back to the list */
	w_redirect(r, "/cases");
}
