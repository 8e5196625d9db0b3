/*
 * pages/dedup.c — the review queue of persons probably registered twice
 * (issue 12): GET /dedup lists the pairs of app_dedup (masked names only,
 * where the user may reveal them; "[protected]" elsewhere), each with a
 * case of each person and how each field agreed, and two buttons: the same
 * person (POST /dedup/merge: app_person_merge) or two persons (POST
 * /dedup/reject: not proposed again). After a merge the page offers to undo
 * it (POST /dedup/unmerge). Every id posted is checked by the app layer
 * against what the user may update and reveal; URLs carry ids only.
 *
 * NEEDSWORK(linkage): the pairs are computed on each view (app_dedup reads
 * every visible case); a large office wants them kept between views.
 */
#include "web/web_int.h"

#include <stdlib.h>
#include <string.h>

#include "app/dedup.h"

static const char *const level_words[] = {
	[MATCH_L_MISSING] = N_("missing"), [MATCH_L_DIFFERENT] = N_("different"),
	[MATCH_L_WEAK] = N_("weak"), [MATCH_L_CLOSE] = N_("close"), [MATCH_L_NEAR] = N_("near"),
	[MATCH_L_EXACT] = N_("exact"),
};
static const char *const field_words[APP_DEDUP_FIELDS] = {
	N_("name"), N_("birth date"), N_("document"), N_("sex"), N_("nationality"),
};

/* A person id from a form field; 0 when absent or not a number. */
static int64_t
form_id(struct web_req *r, const char *name)
{
	const char *s = form_get(&r->form, name);
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return 0;
	v = strtoll(s, &end, 10);
	return *end == '\0' && v > 0 ? v : 0;
}

static const char *
level_word(struct web_req *r, unsigned level)
{
	(void)r;
	if (level < sizeof(level_words) / sizeof(level_words[0]) && level_words[level])
		return _(level_words[level]);
	return "?";
}

static void
side(struct web_req *r, const struct app_dedup_pair *q, int k)
{
	w_raw(r, "<td class=\"masked\">");
	w_text(r, q->name[k] ? q->name[k] : _("[protected]"));
	w_raw(r, "</td><td>");
	w_text(r, q->case_number[k]);
	w_raw(r, "</td>");
}

/* One form: the pair's ids, and a button. */
static void
pair_form(struct web_req *r, const char *action, int64_t a, int64_t b, const char *label,
	const char *described)
{
	w_rawf(r, "<form method=\"post\" action=\"%s\" class=\"inline\">", action);
	w_csrf(r);
	w_rawf(r, "<input type=\"hidden\" name=\"a\" value=\"%lld\">"
		"<input type=\"hidden\" name=\"b\" value=\"%lld\">", (long long)a, (long long)b);
	w_rawf(r, "<button type=\"submit\" aria-describedby=\"%s\">", described);
	w_text(r, label);
	w_raw(r, "</button></form>");
}

static void
pair_row(struct web_req *r, const struct app_dedup_pair *q, size_t i)
{
	int f;
	const char *id = arena_printf(&r->a, "pair-%zu", i);

	w_rawf(r, "<tr id=\"%s\"><td>", id);
	w_text(r, arena_printf(&r->a, "%.0f %%", 100 * q->probability));
	w_raw(r, "</td>");
	side(r, q, 0);
	side(r, q, 1);
	w_raw(r, "<td><ul class=\"plain\">");
	for (f = 0; f < APP_DEDUP_FIELDS; f++) {
		w_raw(r, "<li>");
		w_text(r, _(field_words[f]));
		w_raw(r, ": ");
		w_text(r, level_word(r, q->levels[f]));
		w_raw(r, "</li>");
	}
	w_raw(r, "</ul></td><td>");
	pair_form(r, "/dedup/merge", q->person[0], q->person[1], _("Same person: merge"), id);
	pair_form(r, "/dedup/reject", q->person[0], q->person[1], _("Two persons"), id);
	w_raw(r, "</td></tr>");
}

/* The queue, with message (an alert) or note (a status) above it. */
static void
queue(struct web_req *r, const char *message, const char *note, int64_t kept, int64_t merged)
{
	static const char *const heads[] = { N_("Probability"), N_("Person"), N_("Case"),
		N_("Person"), N_("Case"), N_("Agreement"), N_("Decision") };
	struct app_dedup_result res;
	struct kerr e;
	size_t i;

	if (app_dedup(r->app, &r->actor, 0.9, &r->a, &res, &e) != KERR_OK) {
		w_kerr(r, &e);
		return;
	}
	r->self = "/dedup";
	w_page_begin(r, _("Persons registered twice"));
	w_alert(r, message);
	if (note != NULL) {
		w_raw(r, "<div class=\"notice\" role=\"status\"><p>");
		w_text(r, note);
		w_raw(r, "</p>");
		if (kept > 0)
			pair_form(r, "/dedup/unmerge", kept, merged, _("Undo this merge"), "undo-note");
		w_raw(r, "</div>");
	}
	w_raw(r, "<p id=\"undo-note\">");
	w_text(r, _("Pairs of persons of your cases that are probably the same person, most "
		"probable first. Open both cases to compare before deciding. A merge moves "
		"every part and identifier of the second person to the first; nothing is "
		"deleted and it can be undone. Names are masked."));
	w_raw(r, "</p>");
	if (res.npairs == 0) {
		w_raw(r, "<p class=\"empty\" role=\"status\">");
		w_text(r, _("No pair to review."));
		w_raw(r, "</p>");
		w_page_end(r);
		return;
	}
	w_raw(r, "<table class=\"dedup\"><caption>");
	w_text(r, arena_printf(&r->a, _("%zu pairs to review"), res.npairs));
	w_raw(r, "</caption><thead><tr>");
	for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		w_raw(r, "<th scope=\"col\">");
		w_text(r, _(heads[i]));
		w_raw(r, "</th>");
	}
	w_raw(r, "</tr></thead><tbody>");
	for (i = 0; i < res.npairs; i++)
		pair_row(r, &res.pairs[i], i);
	w_raw(r, "</tbody></table>");
	w_page_end(r);
}

void
page_dedup_get(struct web_req *r)
{
	const char *m = form_get(&r->query, "merged"), *k = form_get(&r->query, "kept");
	const char *u = form_get(&r->query, "done");
	char *end;
	long long kept = k ? strtoll(k, &end, 10) : 0, merged = m ? strtoll(m, &end, 10) : 0;

	if (!w_can(r, POL_PERSON_SEARCH)) {
		w_error(r, 403, _("Your role may not search persons."));
		return;
	}
	if (kept > 0 && merged > 0)
		queue(r, NULL, _("The two registrations are now one person."), kept, merged);
	else if (u != NULL && strcmp(u, "unmerged") == 0)
		queue(r, NULL, _("The merge was undone: the two persons are separate again."), 0, 0);
	else if (u != NULL && strcmp(u, "rejected") == 0)
		queue(r, NULL, _("Noted: two persons. The pair will not be proposed again."), 0, 0);
	else
		queue(r, NULL, NULL, 0, 0);
}

/* The ids of a decision's form, or a 422 page. */
static int
pair_of(struct web_req *r, int64_t *a, int64_t *b)
{
	if (!w_can(r, POL_PERSON_SEARCH)) {
		w_error(r, 403, _("Your role may not search persons."));
		return 0;
	}
	*a = form_id(r, "a");
	*b = form_id(r, "b");
	if (*a == 0 || *b == 0 || *a == *b) {
		r->status = 422;
		queue(r, _("Choose a pair of the list: two different persons."), NULL, 0, 0);
		return 0;
	}
	return 1;
}

static void
refused(struct web_req *r, const struct kerr *e)
{
	if (e->code == KERR_IO || e->code == KERR_INTERNAL) {
		w_kerr(r, e);
		return;
	}
	r->status = w_status(e->code);
	queue(r, w_kerr_msg(r, e), NULL, 0, 0);
}

void
page_dedup_merge_post(struct web_req *r)
{
	struct app_merge m;
	struct kerr e;
	int64_t a, b;

	if (!pair_of(r, &a, &b))
		return;
	if (app_person_merge(r->app, &r->actor, a, b, &m, &e) != KERR_OK) {
		refused(r, &e);
		return;
	}
	w_redirect(r, arena_printf(&r->a, "/dedup?kept=%lld&merged=%lld", (long long)a,
		(long long)b));
}

void
page_dedup_unmerge_post(struct web_req *r)
{
	struct app_merge m;
	struct kerr e;
	int64_t a, b;

	if (!pair_of(r, &a, &b))
		return;
	if (app_person_unmerge(r->app, &r->actor, a, b, &m, &e) != KERR_OK) {
		refused(r, &e);
		return;
	}
	w_redirect(r, "/dedup?done=unmerged");
}

void
page_dedup_reject_post(struct web_req *r)
{
	struct kerr e;
	int64_t a, b;

	if (!pair_of(r, &a, &b))
		return;
	if (app_dedup_reject(r->app, &r->actor, a, b, &e) != KERR_OK) {
		refused(r, &e);
		return;
	}
	w_redirect(r, "/dedup?done=rejected");
}
