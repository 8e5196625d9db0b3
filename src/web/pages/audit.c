/*
 * pages/audit.c — the audit trail for auditors: the latest entries and the
 * verification of the whole chain. Entries name objects by id only.
 */
#include "web/web_int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define AUDIT_PAGE 200

struct audit_rows {
	struct web_req *r;
	struct audit_entry *e;
	size_t n, cap;
};

/* Keep the last AUDIT_PAGE entries in a ring. */
static int
audit_row(void *ctx, const struct audit_entry *e)
{
	struct audit_rows *a = ctx;
	struct audit_entry *slot = &a->e[a->n % AUDIT_PAGE];

	*slot = *e;
	slot->actor = arena_strdup(&a->r->a, e->actor);
	slot->action = arena_strdup(&a->r->a, e->action);
	slot->object = arena_strdup(&a->r->a, e->object);
	slot->detail = arena_strdup(&a->r->a, e->detail);
	a->n++;
	return 0;
}

static void
audit_page(struct web_req *r, const struct app_audit_report *rep, enum kerr_code vrc)
{
	struct audit_rows rows = { .r = r };
	struct kerr e;
	size_t i, first, count;
	char when[32];

	rows.e = arena_alloc(&r->a, AUDIT_PAGE * sizeof(*rows.e));
	if (app_audit_list(r->app, &r->actor, 1, audit_row, &rows, &e) != KERR_OK) {
		w_kerr(r, &e);
		return;
	}
	w_page_begin(r, _("Audit trail"));
	if (rep != NULL) {
		char num[64];
		i18n_format_int(r->lang, rep->entries, num, sizeof(num));
		if (vrc == KERR_OK) {
			w_raw(r, "<p class=\"notice\" role=\"status\" id=\"verify-result\">");
			w_text(r, _("The audit trail is intact. Entries checked:"));
			w_raw(r, " ");
			w_text(r, num);
		} else {
			w_raw(r, "<p class=\"error\" role=\"alert\" id=\"verify-result\">");
			w_text(r, _("The audit trail is broken at entry"));
			w_rawf(r, " %lld: ", (long long)rep->bad_seq);
			w_text(r, rep->reason);
		}
		w_raw(r, "</p>");
	}
	w_raw(r, "<form class=\"actions\" method=\"post\" action=\"/audit/verify\">");
	w_csrf(r);
	w_raw(r, "<button type=\"submit\">");
	w_text(r, _("Verify the whole trail"));
	w_raw(r, "</button></form><table><thead><tr><th scope=\"col\">#</th><th scope=\"col\">");
	w_text(r, _("When (UTC)"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Who"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Action"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Object"));
	w_raw(r, "</th><th scope=\"col\">");
	w_text(r, _("Detail"));
	w_raw(r, "</th></tr></thead><tbody>");
	count = rows.n < AUDIT_PAGE ? rows.n : AUDIT_PAGE;
	first = rows.n - count;
	for (i = rows.n; i > first; i--) {
		const struct audit_entry *a = &rows.e[(i - 1) % AUDIT_PAGE];
		time_t t = (time_t)a->ts;
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
		w_rawf(r, "<tr><td>%lld</td><td>", (long long)a->seq);
		w_text(r, when);
		w_raw(r, "</td><td>");
		w_text(r, a->actor);
		w_raw(r, "</td><td>");
		w_text(r, a->action);
		w_raw(r, "</td><td>");
		w_text(r, a->object);
		w_raw(r, "</td><td><code>");
		w_text(r, a->detail);
		w_raw(r, "</code></td></tr>");
	}
	w_raw(r, "</tbody></table>");
	w_page_end(r);
}

void
page_audit_get(struct web_req *r)
{
	audit_page(r, NULL, KERR_OK);
}

void
page_audit_verify_post(struct web_req *r)
{
	struct app_audit_report rep;
	struct kerr e;
	enum kerr_code rc;

	memset(&rep, 0, sizeof(rep));
	rc = app_audit_verify(r->app, &r->actor, &rep, &e);
	if (rc != KERR_OK && rc != KERR_INTEGRITY) {
		w_kerr(r, &e);
		return;
	}
	audit_page(r, &rep, rc);
}
