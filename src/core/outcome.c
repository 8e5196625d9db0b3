/*
 * outcome.c — walking a suspect's procedural path (outcome.h has the rules):
 * which judgement is in force after each step, and what the path amounts to.
 */
#include "core/outcome.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/codebook.h"
#include "core/validate.h"
#include "lib/i18n.h"

enum verdict { V_NONE, V_CONVICTED, V_ACQUITTED };

/* The state after each step: indexes into the path, -1 = none. */
struct walk {
	const struct suspect_attrs *sa;
	enum verdict verdict;
	long judged;      /* the judgement in force */
	long conv;        /* the step whose judgement convicted (its date counts) */
	long sentence;    /* the step whose sentence is in force */
	long rep;         /* the step whose reparation order is in force */
	long ended;       /* a dismissal, archive or extinguished action */
	long appeal;      /* an appeal or cassation without its result */
	long final;
	long prosecuted;  /* the first indictment or judgement */
	long absent;      /* declared absent, nothing decided since */
	const char *offence, *conv_offence;
	struct outcome_fault *f;
};

int
outcome_step_is(const char *step, const char *flag)
{
	return cb_has_flag(cb_lookup(CB_PATH_STEP, step), flag);
}

static int
fail(struct walk *w, long step, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int
fail(struct walk *w, long step, const char *key, const char *fmt, ...)
{
	va_list ap;

	w->f->step = step;
	w->f->payment = -1;
	w->f->key = key;
	va_start(ap, fmt);
	vsnprintf(w->f->msg, sizeof(w->f->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static const char *
date_of(const struct walk *w, long i)
{
	return w->sa->path[i].date;
}

static int
has_sentence(const struct path_step *s)
{
	return s->prison_months > 0 || s->suspended || s->days_fine > 0 ||
		s->disqualification_months > 0 || s->disqualification != NULL;
}

/* The first sentence field given, for the message. */
static const char *
sentence_key(const struct path_step *s)
{
	if (s->prison_months > 0)
		return "prison_years";
	if (s->suspended)
		return "suspended";
	if (s->days_fine > 0)
		return "days_fine";
	return "disqualification_months";
}

/* REQ-OUT-005: which steps may carry a sentence, a reparation, an offence. */
static int
check_fields(struct walk *w, long i)
{
	const struct path_step *s = &w->sa->path[i];
	int convicts = outcome_step_is(s->step, "conviction") ||
		(strcmp(s->step, "appeal_overturned") == 0 && w->verdict == V_ACQUITTED) ||
		(strcmp(s->step, "appeal_confirmed") == 0 && w->verdict == V_CONVICTED);
	int judges = outcome_step_is(s->step, "judgement") || outcome_step_is(s->step, "result");

	if (has_sentence(s) && !convicts)
		return fail(w, i, sentence_key(s),
			_("a sentence goes only on a step that convicts (or upholds a conviction)"));
	if (s->suspended && s->prison_months <= 0)
		return fail(w, i, "suspended", _("a suspended sentence needs its prison term"));
	if (s->reparation_currency != NULL && !judges)
		return fail(w, i, "reparation",
			_("a civil reparation is ordered by a judgement or on appeal, not by '%s'"),
			s->step);
	if (s->reparation_currency != NULL && s->reparation_cents <= 0)
		return fail(w, i, "reparation", _("the amount ordered must be more than 0"));
	if (s->offence != NULL && !judges && !outcome_step_is(s->step, "charge"))
		return fail(w, i, "offence",
			_("an offence goes on a charge, a reclassification or a judgement"));
	if (strcmp(s->step, "reclassification") == 0 && s->offence == NULL)
		return fail(w, i, "offence", _("missing: the offence it is reclassified as"));
	return 0;
}

/* REQ-OUT-001: a judgement after trial dated before an indictment of the
 * path (listed anywhere). */
static int
check_indicted_before(struct walk *w, long i)
{
	const struct suspect_attrs *sa = w->sa;
	size_t j;

	if (!outcome_step_is(sa->path[i].step, "trial"))
		return 0;
	for (j = 0; j < sa->npath; j++)
		if (strcmp(sa->path[j].step, "indictment") == 0 &&
		    validate_date_cmp(sa->path[i].date, sa->path[j].date) < 0)
			return fail(w, i, "date",
				_("the judgement (%s) is dated before the indictment (%s)"),
				sa->path[i].date, sa->path[j].date);
	return 0;
}

static int
judgement(struct walk *w, long i)
{
	const struct path_step *s = &w->sa->path[i];

	if (w->verdict != V_NONE)
		return fail(w, i, "step", _("already judged on %s; record an appeal and its "
			"result (appeal_confirmed, appeal_overturned, appeal_annulled)"),
			date_of(w, w->judged));
	if (w->ended >= 0)
		return fail(w, i, "step", _("the proceedings ended on %s ('%s')"),
			date_of(w, w->ended), w->sa->path[w->ended].step);
	w->judged = i;
	if (outcome_step_is(s->step, "conviction")) {
		w->verdict = V_CONVICTED;
		w->conv = w->sentence = i;
		w->conv_offence = w->offence;
	} else {
		w->verdict = V_ACQUITTED;
		w->conv = w->sentence = -1;
	}
	w->rep = s->reparation_currency != NULL ? i : -1;
	return 0;
}

/* REQ-OUT-003: the higher court's decision on the pending appeal. */
static int
result(struct walk *w, long i)
{
	const struct path_step *s = &w->sa->path[i];

	if (w->appeal < 0)
		return fail(w, i, "step", _("'%s' needs an appeal or cassation before it"), s->step);
	w->appeal = -1;
	if (strcmp(s->step, "appeal_confirmed") == 0) {
		if (has_sentence(s))
			w->sentence = i;
		if (s->reparation_currency != NULL)
			w->rep = i;
	} else if (strcmp(s->step, "appeal_overturned") == 0) {
		w->judged = i;
		if (w->verdict == V_CONVICTED) {
			w->verdict = V_ACQUITTED;
			w->conv = w->sentence = -1;
		} else {
			w->verdict = V_CONVICTED;
			w->conv = w->sentence = i;
			w->conv_offence = w->offence;
		}
		w->rep = s->reparation_currency != NULL ? i : -1;
	} else {   /* annulled: a new trial */
		w->verdict = V_NONE;
		w->judged = w->conv = w->sentence = w->rep = -1;
	}
	return 0;
}

static int
step(struct walk *w, long i)
{
	const struct path_step *s = &w->sa->path[i];

	if (s->step == NULL || cb_lookup(CB_PATH_STEP, s->step) == NULL)
		return fail(w, i, "step", _("unknown step '%s'; see 'khipu codebook path_step'"),
			s->step != NULL ? s->step : "");
	if (s->date[0] == '\0')
		return fail(w, i, "date", _("missing: the date of the decision"));
	if (check_indicted_before(w, i) != 0)
		return -1;
	if (i > 0 && validate_date_cmp(s->date, date_of(w, i - 1)) < 0)
		return fail(w, i, "date", _("'%s' is before the step above it (%s); list the "
			"steps in date order"), s->date, date_of(w, i - 1));
	if (w->final >= 0)
		return fail(w, i, "step", _("nothing follows the final judgement (%s)"),
			date_of(w, w->final));
	if (check_fields(w, i) != 0)
		return -1;
	/* the article: the last one named up to the conviction (outcome.h) */
	if (s->offence != NULL)
		w->offence = s->offence;
	if (outcome_step_is(s->step, "charge"))
		return 0;
	if (strcmp(s->step, "absent") == 0) {
		w->absent = i;
		return 0;
	}
	w->absent = -1;
	if (strcmp(s->step, "indictment") == 0) {
		if (w->verdict != V_NONE)
			return fail(w, i, "step", _("an indictment after the judgement in force (%s)"),
				date_of(w, w->judged));
		if (w->ended >= 0)
			return fail(w, i, "step", _("the proceedings ended on %s ('%s')"),
				date_of(w, w->ended), w->sa->path[w->ended].step);
		if (w->prosecuted < 0)
			w->prosecuted = i;
		return 0;
	}
	if (outcome_step_is(s->step, "result"))
		return result(w, i);
	if (outcome_step_is(s->step, "judgement")) {
		if (w->prosecuted < 0)
			w->prosecuted = i;
		return judgement(w, i);
	}
	if (outcome_step_is(s->step, "end")) {
		if (w->verdict != V_NONE)
			return fail(w, i, "step", _("the suspect was judged on %s; record an appeal "
				"and its result instead"), date_of(w, w->judged));
		if (w->ended >= 0)
			return fail(w, i, "step", _("the proceedings ended on %s ('%s')"),
				date_of(w, w->ended), w->sa->path[w->ended].step);
		w->ended = i;
		return 0;
	}
	if (outcome_step_is(s->step, "appeal")) {
		if (w->verdict == V_NONE)
			return fail(w, i, "step", _("'%s' needs a judgement in force before it"),
				s->step);
		if (w->appeal >= 0)
			return fail(w, i, "step", _("the appeal of %s has no result yet; record it "
				"first"), date_of(w, w->appeal));
		w->appeal = i;
		return 0;
	}
	/* final */
	if (w->verdict == V_NONE)
		return fail(w, i, "step", _("a final judgement needs a judgement in force"));
	if (w->appeal >= 0)
		return fail(w, i, "step", _("the appeal of %s has no result yet; record it first"),
			date_of(w, w->appeal));
	w->final = i;
	return 0;
}

static void
money(char *out, size_t n, int64_t cents)
{
	snprintf(out, n, "%lld.%02lld", (long long)(cents / 100), (long long)(cents % 100));
}

/* REQ-OUT-006 */
static int
payments(struct walk *w)
{
	const struct suspect_attrs *sa = w->sa;
	const struct path_step *o = w->rep >= 0 ? &sa->path[w->rep] : NULL;
	int64_t paid = 0;
	char a[32], b[32];
	size_t j;

	for (j = 0; j < sa->npayments; j++) {
		const struct reparation_payment *p = &sa->payments[j];
		w->f->payment = (long)j;
		w->f->step = -1;
		if (p->date[0] == '\0') {
			w->f->key = "date";
			snprintf(w->f->msg, sizeof(w->f->msg), "%s", _("missing: the date paid"));
			return -1;
		}
		w->f->key = "amount";
		if (p->amount_cents <= 0) {
			snprintf(w->f->msg, sizeof(w->f->msg), "%s", _("must be more than 0"));
			return -1;
		}
		if (o == NULL) {
			snprintf(w->f->msg, sizeof(w->f->msg), "%s",
				_("no civil reparation is ordered for this suspect"));
			return -1;
		}
		if (validate_date_cmp(p->date, o->date) < 0) {
			w->f->key = "date";
			snprintf(w->f->msg, sizeof(w->f->msg), _("'%s' is before the order (%s)"),
				p->date, o->date);
			return -1;
		}
		paid += p->amount_cents;
		if (paid > o->reparation_cents) {
			money(a, sizeof(a), paid);
			money(b, sizeof(b), o->reparation_cents);
			snprintf(w->f->msg, sizeof(w->f->msg),
				_("the payments (%s) exceed the reparation ordered (%s %s)"), a, b,
				o->reparation_currency);
			return -1;
		}
	}
	return 0;
}

static const char *
outcome_code(const struct walk *w)
{
	const char *s;

	if (w->verdict == V_CONVICTED) {
		s = w->sa->path[w->conv].step;
		if (strcmp(s, "collaboration") == 0)
			return "effective_collaboration";
		return outcome_step_is(s, "plea") ? "plea_convicted" : "convicted";
	}
	if (w->verdict == V_ACQUITTED)
		return "acquitted";
	if (w->ended >= 0) {
		s = w->sa->path[w->ended].step;
		return strcmp(s, "dismissal") == 0 ? "dismissed" :
			strcmp(s, "archive") == 0 ? "archived" : "extinguished";
	}
	return w->absent >= 0 ? "absent_or_fugitive" : "pending";
}

int
outcome_derive(struct suspect_attrs *sa, struct outcome_fault *f)
{
	struct walk w = { .sa = sa, .judged = -1, .conv = -1, .sentence = -1, .rep = -1,
		.ended = -1, .appeal = -1, .final = -1, .prosecuted = -1, .absent = -1, .f = f };
	size_t i;

	memset(f, 0, sizeof(*f));
	f->step = f->payment = -1;
	w.offence = sa->ncharges > 0 ? sa->charges[0] : NULL;
	for (i = 0; i < sa->npath; i++)
		if (step(&w, (long)i) != 0)
			return -1;
	if (payments(&w) != 0)
		return -1;
	sa->outcome = cb_lookup(CB_OUTCOME, outcome_code(&w))->code;
	sa->sentence_months = w.sentence >= 0 ? sa->path[w.sentence].prison_months : 0;
	sa->reparation_cents = w.rep >= 0 ? sa->path[w.rep].reparation_cents : 0;
	sa->reparation_currency = w.rep >= 0 ? sa->path[w.rep].reparation_currency : NULL;
	snprintf(sa->convicted_on, sizeof(sa->convicted_on), "%s",
		w.conv >= 0 ? sa->path[w.conv].date : "");
	snprintf(sa->prosecuted_on, sizeof(sa->prosecuted_on), "%s",
		w.prosecuted >= 0 ? sa->path[w.prosecuted].date : "");
	sa->offence = w.conv >= 0 ? w.conv_offence : w.offence;
	return 0;
}

size_t
outcome_insert_at(const struct path_step *path, size_t n, const char *date)
{
	size_t i = n;

	while (i > 0 && validate_date_cmp(path[i - 1].date, date) > 0)
		i--;
	return i;
}
