/* u-outcome.c — unit tests for core/outcome (a suspect's procedural path:
 * REQ-OUT-001..006) and the path_step codebook. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/codebook.h"
#include "core/outcome.h"

/* A path written "step@date" (optionally "+Nm" prison months, "$N"
 * reparation ordered in PEN), separated by spaces. */
static struct path_step steps[16];
static struct reparation_payment pays[8];

static struct suspect_attrs
path(const char *spec)
{
	struct suspect_attrs sa;
	char buf[512], *tok, *save = NULL, *at, *plus, *dollar;
	size_t n = 0;

	memset(&sa, 0, sizeof(sa));
	memset(steps, 0, sizeof(steps));
	snprintf(buf, sizeof(buf), "%s", spec);
	for (tok = strtok_r(buf, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save)) {
		struct path_step *s = &steps[n++];
		if ((dollar = strchr(tok, '$')) != NULL) {
			*dollar = '\0';
			s->reparation_cents = atoll(dollar + 1) * 100;
			s->reparation_currency = "PEN";
		}
		if ((plus = strchr(tok, '+')) != NULL) {
			*plus = '\0';
			s->prison_months = atoi(plus + 1);
		}
		at = strchr(tok, '@');
		cr_assert_not_null(at, "bad spec %s", tok);
		*at = '\0';
		s->step = cb_lookup(CB_PATH_STEP, tok) ? cb_lookup(CB_PATH_STEP, tok)->code : "nonsense";
		snprintf(s->date, sizeof(s->date), "%s", at + 1);
	}
	sa.path = steps;
	sa.npath = n;
	return sa;
}

static void
pay(struct suspect_attrs *sa, const char *date, int64_t units)
{
	snprintf(pays[sa->npayments].date, sizeof(pays[0].date), "%s", date);
	pays[sa->npayments].amount_cents = units * 100;
	sa->payments = pays;
	sa->npayments++;
}

static void
ok(struct suspect_attrs *sa)
{
	struct outcome_fault f;

	cr_assert_eq(outcome_derive(sa, &f), 0, "refused: %s %s", f.key, f.msg);
}

static void
refused(struct suspect_attrs *sa, long step, const char *key, const char *says)
{
	struct outcome_fault f;

	cr_assert_eq(outcome_derive(sa, &f), -1, "accepted");
	cr_expect_eq(f.step, step, "step %ld, wanted %ld: %s", f.step, step, f.msg);
	cr_expect_str_eq(f.key, key, "%s", f.msg);
	cr_expect(strstr(f.msg, says) != NULL, "'%s' lacks '%s'", f.msg, says);
}

Test(outcome, every_step_code_has_labels)
{
	size_t n, i;
	const struct cb_entry *e = cb_entries(CB_PATH_STEP, &n);

	cr_assert_gt(n, 15);
	for (i = 0; i < n; i++) {
		cr_expect(e[i].es != NULL && e[i].en != NULL && e[i].extra != NULL, "%s", e[i].code);
		cr_expect(strcmp(e[i].es, e[i].en) != 0, "%s has a Spanish label", e[i].code);
	}
	cr_expect_eq(cb_dim_by_name("path_step"), CB_PATH_STEP);
}

Test(outcome, an_empty_path_is_pending)
{
	struct suspect_attrs sa = path("");

	ok(&sa);
	cr_expect_str_eq(sa.outcome, "pending");
	cr_expect_str_eq(sa.convicted_on, "");
	cr_expect_str_eq(sa.prosecuted_on, "");
}

Test(outcome, conviction_after_trial_counts_at_the_judgement)
{
	struct suspect_attrs sa = path("charge@2022-01-10 indictment@2022-09-01 "
		"conviction_trial@2023-05-10+180$20000");

	ok(&sa);
	cr_expect_str_eq(sa.outcome, "convicted");
	cr_expect_str_eq(sa.convicted_on, "2023-05-10");
	cr_expect_str_eq(sa.prosecuted_on, "2022-09-01", "prosecuted at the indictment");
	cr_expect_eq(sa.sentence_months, 180);
	cr_expect_eq(sa.reparation_cents, 2000000);
	cr_expect_str_eq(sa.reparation_currency, "PEN");
}

/* REQ-OUT-004: an upheld appeal and the final judgement keep the date */
Test(outcome, an_upheld_appeal_and_the_final_judgement_keep_the_conviction)
{
	struct suspect_attrs sa = path("indictment@2022-09-01 conviction_trial@2023-05-10+180 "
		"appeal@2023-05-15 appeal_confirmed@2024-02-01 final@2024-03-01");

	ok(&sa);
	cr_expect_str_eq(sa.outcome, "convicted");
	cr_expect_str_eq(sa.convicted_on, "2023-05-10", "the first instance's year counts");
	cr_expect_eq(sa.sentence_months, 180);
}

Test(outcome, an_upheld_appeal_may_reform_the_sentence)
{
	struct suspect_attrs sa = path("conviction_trial@2023-05-10+180 appeal@2023-05-15 "
		"appeal_confirmed@2024-02-01+144");

	ok(&sa);
	cr_expect_eq(sa.sentence_months, 144);
	cr_expect_str_eq(sa.convicted_on, "2023-05-10");
}

Test(outcome, a_reversal_removes_the_conviction)
{
	struct suspect_attrs sa = path("indictment@2022-09-01 conviction_trial@2023-05-10+180$9000 "
		"appeal@2023-05-15 appeal_overturned@2024-02-01");

	ok(&sa);
	cr_expect_str_eq(sa.outcome, "acquitted");
	cr_expect_str_eq(sa.convicted_on, "");
	cr_expect_eq(sa.sentence_months, 0);
	cr_expect_eq(sa.reparation_cents, 0);
	cr_expect_str_eq(sa.prosecuted_on, "2022-09-01", "still prosecuted");
}

Test(outcome, a_reversed_acquittal_convicts_on_the_day_of_the_appeal)
{
	struct suspect_attrs sa = path("indictment@2022-09-01 acquittal@2023-05-10 "
		"appeal@2023-05-15 appeal_overturned@2024-02-01+120");

	ok(&sa);
	cr_expect_str_eq(sa.outcome, "convicted");
	cr_expect_str_eq(sa.convicted_on, "2024-02-01");
	cr_expect_eq(sa.sentence_months, 120);
}

Test(outcome, an_annulment_voids_the_judgement_and_a_new_trial_counts)
{
	struct suspect_attrs sa = path("indictment@2022-09-01 conviction_trial@2023-05-10+180 "
		"appeal@2023-05-15 appeal_annulled@2024-02-01");

	ok(&sa);
	cr_expect_str_eq(sa.outcome, "pending");
	cr_expect_str_eq(sa.convicted_on, "");
	sa = path("indictment@2022-09-01 conviction_trial@2023-05-10+180 appeal@2023-05-15 "
		"appeal_annulled@2024-02-01 conviction_trial@2025-01-20+168");
	ok(&sa);
	cr_expect_str_eq(sa.convicted_on, "2025-01-20");
	cr_expect_eq(sa.sentence_months, 168);
}

Test(outcome, plea_agreements_are_convictions_without_an_indictment)
{
	struct suspect_attrs sa = path("charge@2022-01-10 conviction_plea@2022-06-01+100");

	ok(&sa);
	cr_expect_str_eq(sa.outcome, "plea_convicted");
	cr_expect_str_eq(sa.convicted_on, "2022-06-01");
	cr_expect_str_eq(sa.prosecuted_on, "2022-06-01");
	cr_expect(cb_has_flag(cb_lookup(CB_OUTCOME, sa.outcome), "conviction"));
	sa = path("indictment@2022-01-10 conviction_early@2022-06-01+100");
	ok(&sa);
	cr_expect_str_eq(sa.outcome, "plea_convicted", "conclusión anticipada");
	sa = path("collaboration@2022-06-01+60");
	ok(&sa);
	cr_expect_str_eq(sa.outcome, "effective_collaboration");
	cr_expect(cb_has_flag(cb_lookup(CB_OUTCOME, sa.outcome), "conviction"));
}

Test(outcome, ends_without_judgement)
{
	struct suspect_attrs sa = path("charge@2022-01-10 dismissal@2022-06-01");

	ok(&sa);
	cr_expect_str_eq(sa.outcome, "dismissed");
	cr_expect_str_eq(sa.prosecuted_on, "", "a dismissal is no prosecution");
	sa = path("archive@2022-06-01");
	ok(&sa);
	cr_expect_str_eq(sa.outcome, "archived");
	sa = path("charge@2022-01-10 extinguished@2022-06-01");
	ok(&sa);
	cr_expect_str_eq(sa.outcome, "extinguished");
	sa = path("charge@2022-01-10 absent@2022-06-01");
	ok(&sa);
	cr_expect_str_eq(sa.outcome, "absent_or_fugitive");
}

/* REQ-OUT-001 */
Test(outcome, a_judgement_before_the_indictment_is_refused)
{
	struct suspect_attrs sa = path("conviction_trial@2022-05-01 indictment@2022-06-01");

	refused(&sa, 0, "date", "dated before the indictment (2022-06-01)");
	sa = path("indictment@2022-06-01 acquittal@2022-05-01");
	refused(&sa, 1, "date", "dated before the indictment");
	sa = path("charge@2022-06-01 indictment@2022-05-01");
	refused(&sa, 1, "date", "date order");
}

/* REQ-OUT-002, REQ-OUT-003 */
Test(outcome, one_judgement_in_force_and_appeals_in_order)
{
	struct suspect_attrs sa = path("conviction_plea@2022-05-01 acquittal@2022-06-01");

	refused(&sa, 1, "step", "already judged on 2022-05-01");
	sa = path("conviction_plea@2022-05-01 dismissal@2022-06-01");
	refused(&sa, 1, "step", "judged");
	sa = path("appeal@2022-05-01");
	refused(&sa, 0, "step", "needs a judgement");
	sa = path("conviction_plea@2022-05-01 appeal_confirmed@2022-06-01");
	refused(&sa, 1, "step", "needs an appeal");
	sa = path("conviction_plea@2022-05-01 appeal@2022-05-02 final@2022-06-01");
	refused(&sa, 2, "step", "no result yet");
	sa = path("conviction_plea@2022-05-01 final@2022-06-01 appeal@2022-07-01");
	refused(&sa, 2, "step", "nothing follows the final judgement");
	sa = path("archive@2022-05-01 indictment@2022-06-01");
	refused(&sa, 1, "step", "ended");
	sa = path("final@2022-05-01");
	refused(&sa, 0, "step", "judgement in force");
	sa = path("nonsense@2022-05-01");
	refused(&sa, 0, "step", "unknown step");
}

/* REQ-OUT-005 */
Test(outcome, sentences_and_reparations_go_where_they_belong)
{
	struct suspect_attrs sa = path("acquittal@2022-05-01+12");

	refused(&sa, 0, "prison_years", "convicts");
	sa = path("indictment@2022-05-01$500");
	refused(&sa, 0, "reparation", "ordered by a judgement");
	sa = path("reclassification@2022-05-01");
	refused(&sa, 0, "offence", "missing");
	sa = path("conviction_plea@2022-05-01");
	steps[0].suspended = 1;
	refused(&sa, 0, "suspended", "prison term");
	sa = path("acquittal@2022-05-01$500");
	ok(&sa);
	cr_expect_eq(sa.reparation_cents, 50000, "civil liability may follow an acquittal");
}

/* REQ-OUT-006 */
Test(outcome, payments_never_exceed_the_order)
{
	struct suspect_attrs sa = path("conviction_plea@2022-05-01$1000");

	pay(&sa, "2022-06-01", 600);
	pay(&sa, "2022-07-01", 400);
	ok(&sa);
	pays[1].amount_cents += 1;
	refused(&sa, -1, "amount", "exceed the reparation ordered (1000.00 PEN)");
	sa = path("conviction_plea@2022-05-01$1000");
	pay(&sa, "2022-04-01", 10);
	refused(&sa, -1, "date", "before the order");
	sa = path("conviction_plea@2022-05-01");
	pay(&sa, "2022-06-01", 10);
	refused(&sa, -1, "amount", "no civil reparation");
}

Test(outcome, the_offence_of_the_conviction)
{
	const char *charges[] = { "cp_129a" };
	struct suspect_attrs sa = path("charge@2022-01-10 indictment@2022-05-01 "
		"conviction_trial@2022-09-01");

	sa.charges = charges;
	sa.ncharges = 1;
	ok(&sa);
	cr_expect_str_eq(sa.offence, "cp_129a", "the first charge");
	sa = path("reclassification@2022-02-01 conviction_trial@2022-09-01");
	steps[0].offence = "cp_129b";
	sa.charges = charges;
	sa.ncharges = 1;
	ok(&sa);
	cr_expect_str_eq(sa.offence, "cp_129b", "the reclassified offence");
	sa = path("conviction_trial@2022-09-01");
	steps[0].offence = "cp_129n";
	sa.charges = charges;
	sa.ncharges = 1;
	ok(&sa);
	cr_expect_str_eq(sa.offence, "cp_129n", "the offence convicted of");
}

Test(outcome, insertion_keeps_date_order)
{
	struct suspect_attrs sa = path("charge@2022-01-10 indictment@2022-05-01 "
		"conviction_trial@2022-09-01");

	cr_expect_eq(outcome_insert_at(sa.path, sa.npath, "2023-01-01"), 3);
	cr_expect_eq(outcome_insert_at(sa.path, sa.npath, "2022-05-01"), 2, "after the same day");
	cr_expect_eq(outcome_insert_at(sa.path, sa.npath, "2021-01-01"), 0);
}
