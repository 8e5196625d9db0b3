/* u-ncpp.c — unit tests for core/ncpp (the order of procedural events and
 * the running legal term) and lib/date (the calendar it counts with). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/codebook.h"
#include "core/ncpp.h"
#include "lib/date.h"
#include "lib/i18n.h"

/* ---- lib/date ---- */

static const char *
fmt(int64_t day)
{
	static char out[4][DATE_LEN];
	static int k;

	k = (k + 1) % 4;
	date_format(day, out[k]);
	return out[k];
}

static int64_t
day(const char *s)
{
	int64_t d = -1;

	cr_assert(date_parse(s, &d), "'%s' parses", s);
	return d;
}

static const char *
plus_months(const char *s, int n)
{
	return fmt(date_add_months(day(s), n));
}

Test(date, round_trips_and_epoch)
{
	cr_assert_eq(day("1970-01-01"), 0);
	cr_assert_eq(day("1970-01-02"), 1);
	cr_assert_eq(day("1969-12-31"), -1);
	cr_assert_eq(day("2000-03-01") - day("2000-02-28"), 2, "2000 is a leap year");
	cr_assert_eq(day("1900-03-01") - day("1900-02-28"), 1, "1900 is not");
	cr_assert_eq(day("2025-01-01") - day("2024-01-01"), 366);
	for (int64_t d = day("1899-12-25"); d < day("2101-01-10"); d += 7)
		cr_assert_eq(day(fmt(d)), d, "day %lld", (long long)d);
}

Test(date, refuses_what_is_not_a_date)
{
	static const char *const bad[] = { "2023-02-29", "2024-04-31", "2024-13-01",
		"2024-00-10", "2024-01-00", "2024-1-01", "20240101", "", "2024-01-01x", "abcd-ef-gh" };
	int64_t d;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_assert_not(date_parse(bad[i], &d), "'%s'", bad[i]);
	cr_assert_not(date_parse(NULL, &d));
	cr_assert(date_parse("2024-02-29", &d));
}

Test(date, months_go_from_date_to_date_and_clamp)
{
	cr_assert_str_eq(plus_months("2024-03-15", 8), "2024-11-15");
	cr_assert_str_eq(plus_months("2024-05-15", 8), "2025-01-15", "across the year");
	cr_assert_str_eq(plus_months("2023-06-30", 8), "2024-02-29", "clamped, leap year");
	cr_assert_str_eq(plus_months("2022-06-30", 8), "2023-02-28", "clamped, common year");
	cr_assert_str_eq(plus_months("2024-01-31", 1), "2024-02-29");
	cr_assert_str_eq(plus_months("2024-01-31", 3), "2024-04-30");
	cr_assert_str_eq(plus_months("2024-02-29", 12), "2025-02-28");
	cr_assert_str_eq(plus_months("2024-02-29", 48), "2028-02-29");
	cr_assert_str_eq(plus_months("2021-02-28", 36), "2024-02-28");
	cr_assert_str_eq(plus_months("2021-02-28", 72), "2027-02-28");
	cr_assert_str_eq(plus_months("2024-12-31", 0), "2024-12-31");
}

/* ---- events ---- */

#define MAXEV 16
static struct event evs[MAXEV];
static size_t nev;

static void
seq(const char *const *pairs)
{
	nev = 0;
	memset(evs, 0, sizeof(evs));
	for (; pairs[0] != NULL; pairs += 2, nev++) {
		evs[nev].stage = pairs[0];
		snprintf(evs[nev].date, sizeof(evs[nev].date), "%s", pairs[1]);
		evs[nev].id = (int64_t)nev + 1;
	}
}

#define SEQ(...) seq((const char *const[]){ __VA_ARGS__, NULL })

static struct case_term term;

static void
term_is(const char *kind, const char *start, const char *due, int extended)
{
	ncpp_term_of(evs, nev, &term);
	if (kind == NULL) {
		cr_assert_null(term.kind, "no term, got %s", term.kind ? term.kind : "");
		return;
	}
	cr_assert_not_null(term.kind, "a %s term", kind);
	cr_assert_str_eq(term.kind, kind);
	cr_assert_str_eq(term.start, start);
	cr_assert_str_eq(term.due, due, "%s from %s", kind, start);
	cr_assert_eq(term.extended, extended);
}

/* ---- the legal terms ---- */

Test(terms, table_follows_the_ncpp)
{
	const struct cb_term *t;

	t = cb_term("preliminary");
	cr_assert(t && t->days == 60 && t->months == 0 && !t->ext_days && !t->ext_months);
	cr_assert_str_eq(t->article, "NCPP art. 334.2");
	t = cb_term("formalised");
	cr_assert(t && t->days == 120 && t->ext_days == 60);
	cr_assert_str_eq(t->article, "NCPP art. 342.1");
	t = cb_term("complex");
	cr_assert(t && t->months == 8 && t->ext_months == 8 && t->days == 0);
	cr_assert_str_eq(t->article, "NCPP art. 342.2");
	t = cb_term("organised_crime");
	cr_assert(t && t->months == 36 && t->ext_months == 36);
	cr_assert(strstr(t->article, "30077") != NULL);
	cr_assert_null(cb_term("nope"));
	cr_assert_null(cb_term(NULL));
	/* every term has a label with its article, in both languages */
	size_t n, i;
	const struct cb_entry *e = cb_entries(CB_LEGAL_TERM, &n);
	for (i = 0; i < n; i++) {
		cr_assert_not_null(cb_term(e[i].code), "%s has a duration", e[i].code);
		cr_assert(strstr(e[i].es, "NCPP art.") && strstr(e[i].en, "NCPP art."), "%s", e[i].code);
	}
}

Test(terms, none_before_the_inquiry_or_after_the_investigation)
{
	SEQ("complaint", "2024-01-10");
	term_is(NULL, NULL, NULL, 0);
	nev = 0;
	term_is(NULL, NULL, NULL, 0);
	SEQ("complaint", "2024-01-10", "preliminary_inquiry", "2024-01-11",
		"archive", "2024-03-01");
	term_is(NULL, NULL, NULL, 0);
	SEQ("complaint", "2024-01-10", "formalised_investigation", "2024-02-01",
		"indictment", "2024-05-01");
	term_is(NULL, NULL, NULL, 0);
	SEQ("complaint", "2024-01-10", "immediate_process", "2024-01-12");
	term_is(NULL, NULL, NULL, 0);
}

Test(terms, preliminary_inquiry_sixty_days)
{
	SEQ("complaint", "2024-01-10", "preliminary_inquiry", "2024-01-11");
	term_is("preliminary", "2024-01-11", "2024-03-11", 0);   /* 2024 is a leap year */
	SEQ("complaint", "2023-01-10", "preliminary_inquiry", "2023-01-11");
	term_is("preliminary", "2023-01-11", "2023-03-12", 0);
	/* a reopening starts it again */
	SEQ("complaint", "2023-01-10", "preliminary_inquiry", "2023-01-11",
		"provisional_archive", "2023-02-01", "reopened", "2023-06-01");
	term_is("preliminary", "2023-06-01", "2023-07-31", 0);
	/* declared complex: the 8 months of Cas. 144-2012-Áncash */
	SEQ("complaint", "2023-06-29", "preliminary_inquiry", "2023-06-30",
		"complex_declared", "2023-07-10");
	term_is("preliminary_complex", "2023-06-30", "2024-02-29", 0);
}

Test(terms, formalised_investigation_and_its_extension)
{
	SEQ("complaint", "2024-01-10", "preliminary_inquiry", "2024-01-11",
		"formalised_investigation", "2024-03-01");
	term_is("formalised", "2024-03-01", "2024-06-29", 0);
	SEQ("complaint", "2024-01-10", "preliminary_inquiry", "2024-01-11",
		"formalised_investigation", "2024-03-01", "term_extension", "2024-06-20");
	term_is("formalised", "2024-03-01", "2024-08-28", 1);   /* 180 days */
	/* recorded out of order: the same sequence */
	SEQ("term_extension", "2024-06-20", "formalised_investigation", "2024-03-01",
		"complaint", "2024-01-10");
	term_is("formalised", "2024-03-01", "2024-08-28", 1);
}

Test(terms, complex_eight_months_plus_eight)
{
	SEQ("complaint", "2023-05-02", "formalised_investigation", "2023-06-30",
		"complex_declared", "2023-07-15");
	term_is("complex", "2023-06-30", "2024-02-29", 0);
	/* the extension counts from the start, not from the clamped due date */
	SEQ("complaint", "2023-05-02", "formalised_investigation", "2023-06-30",
		"complex_declared", "2023-07-15", "term_extension", "2024-02-01");
	term_is("complex", "2023-06-30", "2024-10-30", 1);
	SEQ("complaint", "2022-05-02", "formalised_investigation", "2022-06-30",
		"complex_declared", "2022-06-30");
	term_is("complex", "2022-06-30", "2023-02-28", 0);
	/* declared during the preliminary inquiry, still complex once formalised */
	SEQ("complaint", "2024-01-02", "preliminary_inquiry", "2024-01-03",
		"complex_declared", "2024-01-20", "formalised_investigation", "2024-05-31");
	term_is("complex", "2024-05-31", "2025-01-31", 0);
}

Test(terms, organised_crime_thirty_six_months_plus_thirty_six)
{
	SEQ("complaint", "2020-02-01", "formalised_investigation", "2020-02-29",
		"organised_crime_declared", "2020-03-10");
	term_is("organised_crime", "2020-02-29", "2023-02-28", 0);
	SEQ("complaint", "2020-02-01", "formalised_investigation", "2020-02-29",
		"organised_crime_declared", "2020-03-10", "term_extension", "2023-01-15");
	term_is("organised_crime", "2020-02-29", "2026-02-28", 1);
	/* organised crime prevails over a later declaration of complexity */
	SEQ("complaint", "2020-02-01", "formalised_investigation", "2020-02-29",
		"organised_crime_declared", "2020-03-10", "complex_declared", "2020-04-01");
	term_is("organised_crime", "2020-02-29", "2023-02-28", 0);
}

Test(terms, an_extension_before_a_declaration_does_not_carry_over)
{
	/* extended as an ordinary investigation, then declared complex: the
	 * complex term runs unextended until it is extended in its turn */
	SEQ("complaint", "2024-01-02", "formalised_investigation", "2024-01-10",
		"term_extension", "2024-04-01", "complex_declared", "2024-05-01");
	term_is("complex", "2024-01-10", "2024-09-10", 0);
	SEQ("complaint", "2024-01-02", "formalised_investigation", "2024-01-10",
		"term_extension", "2024-04-01", "complex_declared", "2024-05-01",
		"term_extension", "2024-09-01");
	term_is("complex", "2024-01-10", "2025-05-10", 1);
	cr_assert_eq(ncpp_order_check(evs, nev, "2024-01-02", NULL, 0), 0,
		"one extension per kind of term is valid");
}

Test(terms, days_left)
{
	cr_assert_eq(ncpp_days_left("2024-03-11", day("2024-03-11")), 0, "the last day");
	cr_assert_eq(ncpp_days_left("2024-03-11", day("2024-03-12")), -1, "overdue");
	cr_assert_eq(ncpp_days_left("2024-03-11", day("2024-02-28")), 12, "across 29 February");
	cr_assert_eq(ncpp_days_left("2023-03-11", day("2023-02-28")), 11);
}

/* ---- the procedural order ---- */

static struct ncpp_violation viol[8];
static struct kerr err;

static size_t
check(const char *complaint)
{
	return ncpp_order_check(evs, nev, complaint, viol, 8);
}

static void
refused(const char *complaint, const char *stage, enum ncpp_rule rule, const char *words)
{
	cr_assert_geq(check(complaint), 1, "%s is refused", stage);
	cr_assert_str_eq(evs[viol[0].event].stage, stage);
	cr_assert_eq(viol[0].rule, rule, "%s: rule %d, want %d", stage, viol[0].rule, rule);
	kerr_clear(&err);
	cr_assert_eq(ncpp_order_explain(evs, &viol[0], "events[9].stage", &err), KERR_INVALID);
	cr_assert(strstr(err.msg, words) != NULL, "'%s' in '%s'", words, err.msg);
}

Test(order, the_demo_paths_are_valid)
{
	SEQ("complaint", "2023-03-02", "preliminary_inquiry", "2023-03-03",
		"formalised_investigation", "2023-06-15", "indictment", "2024-01-22",
		"trial_order", "2024-05-06", "trial", "2024-09-10",
		"conviction_first_instance", "2025-02-14", "appeal", "2025-03-01",
		"cassation", "2025-08-01", "final_sentence", "2025-12-01");
	cr_assert_eq(check("2023-03-02"), 0);
	SEQ("complaint", "2023-03-02", "preliminary_inquiry", "2023-03-03",
		"formalised_investigation", "2023-06-15", "plea_agreement", "2023-08-01");
	cr_assert_eq(check("2023-03-02"), 0);
	SEQ("complaint", "2023-03-02", "preliminary_inquiry", "2023-03-03",
		"provisional_archive", "2023-08-01", "reopened", "2024-01-01",
		"formalised_investigation", "2024-02-01", "dismissal_request", "2024-09-01");
	cr_assert_eq(check("2023-03-02"), 0);
	/* the same day: the procedural rank orders them */
	SEQ("plea_agreement", "2023-03-02", "formalised_investigation", "2023-03-02",
		"complaint", "2023-03-02");
	cr_assert_eq(check("2023-03-02"), 0);
	SEQ("complaint", "2023-03-02", "direct_indictment", "2023-05-02", "trial", "2023-09-01",
		"acquittal_first_instance", "2023-10-01");
	cr_assert_eq(check("2023-03-02"), 0);
	SEQ("complaint", "2023-03-02", "immediate_process", "2023-03-03",
		"indictment", "2023-03-10", "trial", "2023-04-01",
		"conviction_first_instance", "2023-04-02");
	cr_assert_eq(check("2023-03-02"), 0);
}

Test(order, a_sentence_needs_an_indictment_or_a_plea)
{
	i18n_set(I18N_EN);
	SEQ("complaint", "2024-01-02", "preliminary_inquiry", "2024-01-03",
		"conviction_first_instance", "2024-05-01");
	refused("2024-01-02", "conviction_first_instance", NCPP_NEEDS_CHARGE,
		"needs an indictment (NCPP art. 349) or a plea agreement (art. 468) before it");
	cr_assert_str_eq(err.field, "events[9].stage");
	cr_assert(strstr(err.msg, "Conviction at first instance") != NULL, "%s", err.msg);
	cr_assert(strstr(err.msg, "2024-05-01") != NULL, "%s", err.msg);
	SEQ("complaint", "2024-01-02", "acquittal_first_instance", "2024-05-01");
	refused("2024-01-02", "acquittal_first_instance", NCPP_NEEDS_CHARGE, "indictment");
}

Test(order, the_message_is_in_the_users_language)
{
	i18n_set(I18N_ES);
	SEQ("complaint", "2024-01-02", "trial", "2024-05-01");
	refused("2024-01-02", "trial", NCPP_NEEDS_INDICTMENT, "Juicio oral");
	i18n_set(I18N_EN);
}

Test(order, nothing_before_the_complaint)
{
	i18n_set(I18N_EN);
	SEQ("complaint", "2024-01-02", "preliminary_inquiry", "2023-12-30");
	refused("2024-01-02", "preliminary_inquiry", NCPP_BEFORE_COMPLAINT,
		"'2023-12-30' is before the complaint (2024-01-02)");
	cr_assert_str_eq(err.field, "events[9].date", "the date is at fault");
	SEQ("complaint", "2024-01-02", "preliminary_inquiry", "2024-01-02");
	cr_assert_eq(check("2024-01-02"), 0, "the same day is fine");
}

Test(order, a_plea_agreement_needs_a_formalisation_and_comes_before_the_indictment)
{
	SEQ("complaint", "2024-01-02", "preliminary_inquiry", "2024-01-03",
		"plea_agreement", "2024-02-01");
	refused("2024-01-02", "plea_agreement", NCPP_NEEDS_FORMALISED,
		"needs a formalised investigation (NCPP art. 336)");
	SEQ("complaint", "2024-01-02", "formalised_investigation", "2024-01-03",
		"indictment", "2024-05-01", "plea_agreement", "2024-06-01");
	refused("2024-01-02", "plea_agreement", NCPP_PLEA_AFTER_INDICTMENT,
		"must come before the indictment");
	SEQ("complaint", "2024-01-02", "immediate_process", "2024-01-03",
		"plea_agreement", "2024-01-10");
	cr_assert_eq(check("2024-01-02"), 0, "at the immediate process's hearing");
}

Test(order, intermediate_and_trial_steps)
{
	SEQ("complaint", "2024-01-02", "preliminary_inquiry", "2024-01-03",
		"indictment", "2024-02-01");
	refused("2024-01-02", "indictment", NCPP_NEEDS_FORMALISED, "formalised investigation");
	SEQ("complaint", "2024-01-02", "dismissal_request", "2024-02-01");
	refused("2024-01-02", "dismissal_request", NCPP_NEEDS_FORMALISED, "formalised");
	SEQ("complaint", "2024-01-02", "formalised_investigation", "2024-01-03",
		"trial_order", "2024-02-01");
	refused("2024-01-02", "trial_order", NCPP_NEEDS_INDICTMENT, "needs an indictment");
	SEQ("complaint", "2024-01-02", "formalised_investigation", "2024-01-03",
		"appeal", "2024-02-01");
	refused("2024-01-02", "appeal", NCPP_NEEDS_SENTENCE, "needs a sentence");
	SEQ("complaint", "2024-01-02", "formalised_investigation", "2024-01-03",
		"final_sentence", "2024-02-01");
	refused("2024-01-02", "final_sentence", NCPP_NEEDS_SENTENCE, "needs a sentence");
	SEQ("complaint", "2024-01-02", "formalised_investigation", "2024-01-03",
		"plea_agreement", "2024-01-05", "cassation", "2024-02-01");
	refused("2024-01-02", "cassation", NCPP_NEEDS_APPEAL, "needs an appeal");
}

Test(order, archives_and_reopening)
{
	SEQ("complaint", "2024-01-02", "preliminary_inquiry", "2024-01-03",
		"archive", "2024-03-01", "formalised_investigation", "2024-04-01");
	refused("2024-01-02", "formalised_investigation", NCPP_ARCHIVED,
		"archived on 2024-03-01; record its reopening (NCPP art. 335) first");
	SEQ("complaint", "2024-01-02", "reopened", "2024-04-01");
	refused("2024-01-02", "reopened", NCPP_NEEDS_ARCHIVE, "needs an archive");
	SEQ("complaint", "2024-01-02", "formalised_investigation", "2024-01-03",
		"archive", "2024-04-01");
	refused("2024-01-02", "archive", NCPP_AFTER_FORMALISED, "request for dismissal");
	SEQ("complaint", "2024-01-02", "preliminary_inquiry", "2024-01-03",
		"provisional_archive", "2024-03-01", "archive", "2024-06-01");
	cr_assert_eq(check("2024-01-02"), 0, "a provisional archive made definitive");
}

Test(order, declarations_and_extensions)
{
	SEQ("complaint", "2024-01-02", "complex_declared", "2024-01-02");
	refused("2024-01-02", "complex_declared", NCPP_NEEDS_INVESTIGATION,
		"needs an open investigation");
	SEQ("complaint", "2024-01-02", "formalised_investigation", "2024-01-03",
		"indictment", "2024-03-01", "organised_crime_declared", "2024-04-01");
	refused("2024-01-02", "organised_crime_declared", NCPP_NEEDS_INVESTIGATION,
		"open investigation");
	SEQ("complaint", "2024-01-02", "preliminary_inquiry", "2024-01-03",
		"term_extension", "2024-02-01");
	refused("2024-01-02", "term_extension", NCPP_NEEDS_FORMALISED,
		"needs a formalised investigation");
	SEQ("complaint", "2024-01-02", "formalised_investigation", "2024-01-03",
		"term_extension", "2024-04-01", "term_extension", "2024-06-01");
	refused("2024-01-02", "term_extension", NCPP_SECOND_EXTENSION,
		"already extended on 2024-04-01; NCPP art. 342 allows one extension");
	cr_assert_str_eq(evs[viol[0].event].date, "2024-06-01", "the second one is at fault");
	SEQ("complaint", "2024-01-02", "formalised_investigation", "2024-01-03",
		"complex_declared", "2024-01-03", "term_extension", "2024-08-01");
	cr_assert_eq(check("2024-01-02"), 0, "declared the day of the formalisation");
}

Test(order, every_violation_is_reported_in_procedural_order)
{
	SEQ("trial", "2024-05-01", "complaint", "2024-01-02", "appeal", "2024-03-01");
	cr_assert_eq(check("2024-01-02"), 2);
	cr_assert_str_eq(evs[viol[0].event].stage, "appeal");
	cr_assert_str_eq(evs[viol[1].event].stage, "trial");
	cr_assert_eq(ncpp_order_check(evs, nev, "2024-01-02", NULL, 0), 2, "counted without room");
}

Test(order, acts_leave_the_stage_alone)
{
	cr_assert(cb_has_flag(cb_lookup(CB_STAGE, "complex_declared"), "act"));
	cr_assert(cb_has_flag(cb_lookup(CB_STAGE, "organised_crime_declared"), "act"));
	cr_assert(cb_has_flag(cb_lookup(CB_STAGE, "term_extension"), "act"));
	cr_assert_not(cb_has_flag(cb_lookup(CB_STAGE, "formalised_investigation"), "act"));
}

/* The event form's default: every stage has a next one that is a stage of
 * the codebook, and following the defaults from a complaint, a month apart,
 * is a sequence the procedural order accepts, up to the final judgment. */
Test(order, next_stage_follows_the_usual_course)
{
	struct event ev[32];
	const struct cb_entry *e;
	const char *s = "complaint";
	size_t n, i, k = 0;

	e = cb_entries(CB_STAGE, &n);
	for (i = 0; i < n; i++) {
		const char *next = ncpp_next_stage(e[i].code);
		cr_assert_not_null(cb_lookup(CB_STAGE, next), "after %s: %s", e[i].code, next);
		cr_assert(strcmp(next, "complaint") != 0, "%s has a next stage of its own", e[i].code);
	}
	cr_assert_str_eq(ncpp_next_stage(NULL), "complaint");
	cr_assert_str_eq(ncpp_next_stage("nonsense"), "complaint");
	memset(ev, 0, sizeof(ev));
	for (;;) {
		ev[k].stage = s;
		snprintf(ev[k].date, sizeof(ev[k].date), "%s", plus_months("2020-01-15", (int)k));
		k++;
		cr_assert_eq(ncpp_order_check(ev, k, "2020-01-15", NULL, 0), 0,
			"the usual course is in order up to '%s'", s);
		if (strcmp(s, "final_sentence") == 0)
			break;
		cr_assert_lt(k, 20, "the course ends");
		s = ncpp_next_stage(s);
	}
	cr_assert_eq(k, 9, "complaint to final judgment in %zu steps", k);
}
