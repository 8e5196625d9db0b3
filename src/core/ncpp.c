/*
 * ncpp.c — the order of procedural events and the running legal term
 * (ncpp.h). One walk over the events in procedural order serves both: it
 * keeps what the case has been through so far, checks each event against
 * it, then applies the event.
 */
#include "core/ncpp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codebook.h"
#include "lib/date.h"
#include "lib/i18n.h"
#include "lib/xalloc.h"

/* What the events so far have established. */
struct walk {
	const char *cur;         /* latest stage, acts aside; NULL before any */
	const char *archived;    /* date of the archive in force, or NULL */
	int formalised, immediate, indicted, dismissal, plea, sentenced, appealed;
	int complex, organised;  /* declared */
	const char *prelim;      /* latest opening or reopening of the inquiry */
	const char *formal;      /* latest formalisation */
	const char *extended;    /* extension of the current term, or NULL */
};

static int
is(const char *code, const char *want)
{
	return strcmp(code, want) == 0;
}

static int
rank_of(const char *stage)
{
	const struct cb_entry *e = cb_lookup(CB_STAGE, stage);

	return e == NULL ? 0 : e->rank;
}

/* Indices of ev in procedural order: by date, rank, then as given (a
 * stable insertion sort; event lists are short). The caller frees. */
static size_t *
procedural_order(const struct event *ev, size_t n)
{
	size_t *ix = xcalloc(n ? n : 1, sizeof(*ix));
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = i; j > 0; j--) {
			const struct event *a = &ev[ix[j - 1]], *b = &ev[i];
			int d = strcmp(a->date, b->date);
			if (d == 0)
				d = rank_of(a->stage) - rank_of(b->stage);
			if (d <= 0)
				break;
			ix[j] = ix[j - 1];
		}
		ix[j] = i;
	}
	return ix;
}

static int
in_investigation(const struct walk *w)
{
	return w->cur != NULL && (is(w->cur, "preliminary_inquiry") || is(w->cur, "reopened") ||
	    is(w->cur, "formalised_investigation"));
}

/* What the sequence so far lacks for event e; NCPP_RULE__MAX when e fits. */
static enum ncpp_rule
check_one(const struct walk *w, const struct event *e, const char *complaint,
	const char **since)
{
	const char *s = e->stage;

	*since = NULL;
	if (complaint != NULL && *complaint && strcmp(e->date, complaint) < 0) {
		*since = complaint;
		return NCPP_BEFORE_COMPLAINT;
	}
	if (w->archived != NULL && !is(s, "reopened") && !is(s, "archive") &&
	    !is(s, "provisional_archive") && !is(s, "complaint")) {
		*since = w->archived;
		return NCPP_ARCHIVED;
	}
	if (is(s, "reopened"))
		return w->archived == NULL ? NCPP_NEEDS_ARCHIVE : NCPP_RULE__MAX;
	if (is(s, "archive") || is(s, "provisional_archive") || is(s, "preliminary_inquiry"))
		return w->formalised ? NCPP_AFTER_FORMALISED : NCPP_RULE__MAX;
	if (is(s, "plea_agreement")) {
		if (!w->formalised && !w->immediate)
			return NCPP_NEEDS_FORMALISED;
		return w->indicted ? NCPP_PLEA_AFTER_INDICTMENT : NCPP_RULE__MAX;
	}
	if (is(s, "indictment") || is(s, "dismissal_request"))
		return w->formalised || w->immediate ? NCPP_RULE__MAX : NCPP_NEEDS_FORMALISED;
	if (is(s, "trial_order") || is(s, "trial"))
		return w->indicted ? NCPP_RULE__MAX : NCPP_NEEDS_INDICTMENT;
	if (is(s, "conviction_first_instance") || is(s, "acquittal_first_instance"))
		return w->indicted || w->plea ? NCPP_RULE__MAX : NCPP_NEEDS_CHARGE;
	if (is(s, "appeal"))
		return w->sentenced || w->dismissal ? NCPP_RULE__MAX : NCPP_NEEDS_SENTENCE;
	if (is(s, "final_sentence"))
		return w->sentenced ? NCPP_RULE__MAX : NCPP_NEEDS_SENTENCE;
	if (is(s, "cassation"))
		return w->appealed ? NCPP_RULE__MAX : NCPP_NEEDS_APPEAL;
	if (is(s, "complex_declared") || is(s, "organised_crime_declared"))
		return in_investigation(w) ? NCPP_RULE__MAX : NCPP_NEEDS_INVESTIGATION;
	if (is(s, "term_extension")) {
		if (w->cur == NULL || !is(w->cur, "formalised_investigation"))
			return w->formalised ? NCPP_NEEDS_INVESTIGATION : NCPP_NEEDS_FORMALISED;
		*since = w->extended;
		return w->extended != NULL ? NCPP_SECOND_EXTENSION : NCPP_RULE__MAX;
	}
	return NCPP_RULE__MAX;
}

/* A declaration that changes the kind of term restarts the count of
 * extensions: the new term may be extended once in its turn. */
static void
declare(struct walk *w, int organised)
{
	if (organised && !w->organised) {
		w->organised = 1;
		w->extended = NULL;
	} else if (!organised && !w->complex && !w->organised) {
		w->complex = 1;
		w->extended = NULL;
	} else if (!organised) {
		w->complex = 1;
	}
}

static void
apply(struct walk *w, const struct event *e)
{
	const char *s = e->stage;

	if (is(s, "complex_declared") || is(s, "organised_crime_declared")) {
		declare(w, is(s, "organised_crime_declared"));
		return;
	}
	if (is(s, "term_extension")) {
		if (w->extended == NULL)
			w->extended = e->date;
		return;
	}
	if (cb_has_flag(cb_lookup(CB_STAGE, s), "act"))
		return;
	if (is(s, "preliminary_inquiry") || is(s, "reopened")) {
		w->prelim = e->date;
		w->archived = NULL;
	} else if (is(s, "archive") || is(s, "provisional_archive")) {
		w->archived = e->date;
	} else if (is(s, "formalised_investigation")) {
		w->formalised = 1;
		w->formal = e->date;
		w->extended = NULL;
	} else if (is(s, "immediate_process")) {
		w->immediate = 1;
	} else if (is(s, "indictment") || is(s, "direct_indictment")) {
		w->indicted = 1;
	} else if (is(s, "dismissal_request")) {
		w->dismissal = 1;
	} else if (is(s, "plea_agreement")) {
		w->plea = w->sentenced = 1;
	} else if (cb_has_flag(cb_lookup(CB_STAGE, s), "sentence") && !is(s, "final_sentence")) {
		w->sentenced = 1;
	} else if (is(s, "appeal")) {
		w->appealed = 1;
	}
	w->cur = s;
}

size_t
ncpp_order_check(const struct event *ev, size_t n, const char *complaint_date,
	struct ncpp_violation *out, size_t max)
{
	struct walk w;
	size_t *ix = procedural_order(ev, n), i, found = 0;

	memset(&w, 0, sizeof(w));
	for (i = 0; i < n; i++) {
		const char *since;
		enum ncpp_rule r = check_one(&w, &ev[ix[i]], complaint_date, &since);
		if (r != NCPP_RULE__MAX) {
			if (found < max)
				out[found] = (struct ncpp_violation){ ix[i], r, since };
			found++;
		}
		apply(&w, &ev[ix[i]]);
	}
	free(ix);
	return found;
}

/* The message of each rule: the event's label, its date, then what it lacks. */
static const char *
rule_text(enum ncpp_rule r)
{
	switch (r) {
	case NCPP_ARCHIVED:
		return N_("%s dated %s: the case was archived on %s; record its reopening "
			"(NCPP art. 335) first");
	case NCPP_NEEDS_ARCHIVE:
		return N_("%s dated %s needs an archive (NCPP art. 334) before it");
	case NCPP_AFTER_FORMALISED:
		return N_("%s dated %s cannot come after the formalised investigation "
			"(NCPP art. 336); it ends with an indictment or a request for dismissal "
			"(art. 344)");
	case NCPP_NEEDS_FORMALISED:
		return N_("%s dated %s needs a formalised investigation (NCPP art. 336) before it");
	case NCPP_PLEA_AFTER_INDICTMENT:
		return N_("%s dated %s must come before the indictment (NCPP art. 468.1)");
	case NCPP_NEEDS_INDICTMENT:
		return N_("%s dated %s needs an indictment (NCPP arts. 336.4, 349) before it");
	case NCPP_NEEDS_CHARGE:
		return N_("%s dated %s needs an indictment (NCPP art. 349) or a plea agreement "
			"(art. 468) before it");
	case NCPP_NEEDS_SENTENCE:
		return N_("%s dated %s needs a sentence (NCPP arts. 392-399, 468) before it");
	case NCPP_NEEDS_APPEAL:
		return N_("%s dated %s needs an appeal (NCPP art. 416) before it");
	case NCPP_NEEDS_INVESTIGATION:
		return N_("%s dated %s needs an open investigation before it (a preliminary "
			"inquiry, NCPP art. 330, or a formalised investigation, art. 336)");
	case NCPP_SECOND_EXTENSION:
		return N_("%s dated %s: the term was already extended on %s; NCPP art. 342 "
			"allows one extension");
	default:
		return NULL;
	}
}

/* "events[2].stage" -> "events[2].date" */
static void
date_field(const char *field, char *out, size_t n)
{
	size_t len = strlen(field);

	if (len >= 5 && strcmp(field + len - 5, "stage") == 0 && len - 5 + 5 < n) {
		memcpy(out, field, len - 5);
		memcpy(out + len - 5, "date", 5);
	} else {
		snprintf(out, n, "%s", field);
	}
}

enum kerr_code
ncpp_order_explain(const struct event *ev, const struct ncpp_violation *v,
	const char *field, struct kerr *err)
{
	const struct event *e = &ev[v->event];
	enum cb_lang lang = i18n_current() == I18N_EN ? CB_EN : CB_ES;
	const char *label = cb_label(CB_STAGE, e->stage, lang), *fmt;
	char df[sizeof(err->field)];

	if (v->rule == NCPP_BEFORE_COMPLAINT) {
		date_field(field, df, sizeof(df));
		return kerr_field(err, KERR_INVALID, df, _("'%s' is before the complaint (%s)"),
			e->date, v->since);
	}
	fmt = rule_text(v->rule);
	if (fmt == NULL)
		return kerr_field(err, KERR_INVALID, field, "%s", _("not allowed at this point"));
	if (v->rule == NCPP_ARCHIVED || v->rule == NCPP_SECOND_EXTENSION)
		return kerr_field(err, KERR_INVALID, field, i18n_gettext(i18n_current(), fmt), label,
			e->date, v->since);
	return kerr_field(err, KERR_INVALID, field, i18n_gettext(i18n_current(), fmt), label,
		e->date);
}

const char *
ncpp_next_stage(const char *current)
{
	static const struct { const char *from, *to; } course[] = {
		{ "complaint", "preliminary_inquiry" },
		{ "preliminary_inquiry", "formalised_investigation" },
		{ "provisional_archive", "reopened" },
		{ "archive", "reopened" },
		{ "reopened", "formalised_investigation" },
		{ "formalised_investigation", "indictment" },
		{ "complex_declared", "indictment" },
		{ "organised_crime_declared", "indictment" },
		{ "term_extension", "indictment" },
		{ "effective_collaboration", "indictment" },
		{ "immediate_process", "trial" },
		{ "direct_indictment", "trial_order" },
		{ "indictment", "trial_order" },
		{ "dismissal_request", "archive" },
		{ "trial_order", "trial" },
		{ "trial", "conviction_first_instance" },
		{ "plea_agreement", "final_sentence" },
		{ "conviction_first_instance", "appeal" },
		{ "acquittal_first_instance", "appeal" },
		{ "appeal", "final_sentence" },
		{ "cassation", "final_sentence" },
		{ "final_sentence", "final_sentence" },
	};
	size_t i;

	for (i = 0; current != NULL && i < sizeof(course) / sizeof(course[0]); i++)
		if (strcmp(course[i].from, current) == 0)
			return course[i].to;
	return "complaint";
}

/* ---- legal terms ---- */

static void
term_due(const struct cb_term *t, const char *start, int extended, char out[MODEL_DATE_LEN])
{
	int64_t day;

	if (!date_parse(start, &day)) {
		out[0] = '\0';
		return;
	}
	if (t->months || t->ext_months)
		day = date_add_months(day, t->months + (extended ? t->ext_months : 0));
	day += t->days + (extended ? t->ext_days : 0);
	date_format(day, out);
}

void
ncpp_term_of(const struct event *ev, size_t n, struct case_term *out)
{
	struct walk w;
	size_t *ix = procedural_order(ev, n), i;
	const char *start = NULL;
	const struct cb_term *t;

	memset(out, 0, sizeof(*out));
	memset(&w, 0, sizeof(w));
	for (i = 0; i < n; i++)
		apply(&w, &ev[ix[i]]);
	free(ix);
	if (w.cur == NULL)
		return;
	if (is(w.cur, "preliminary_inquiry") || is(w.cur, "reopened")) {
		out->kind = w.complex || w.organised ? "preliminary_complex" : "preliminary";
		start = w.prelim;
	} else if (is(w.cur, "formalised_investigation")) {
		out->kind = w.organised ? "organised_crime" : w.complex ? "complex" : "formalised";
		start = w.formal;
		out->extended = w.extended != NULL;
	}
	if (out->kind == NULL || (t = cb_term(out->kind)) == NULL) {
		out->kind = NULL;
		return;
	}
	out->extended = out->extended && (t->ext_days || t->ext_months);
	snprintf(out->start, sizeof(out->start), "%s", start);
	term_due(t, start, out->extended, out->due);
}

int64_t
ncpp_days_left(const char *due, int64_t today)
{
	int64_t day;

	return date_parse(due, &day) ? day - today : 0;
}
