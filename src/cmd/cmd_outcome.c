/* cmd_outcome.c — khipu case outcome: a step of a suspect's procedural path,
 * or a payment of the civil reparation (issue 10; core/outcome.h). */
#include "cmd/cmd.h"

#include <stdlib.h>
#include <string.h>

#include "core/model.h"

/* A whole number in [min, max] from option name; 0 and *v untouched when
 * the option is absent. */
static int
opt_int(struct cmd_ctx *ctx, const char *name, long min, long max, int *v)
{
	const char *s = cmd_opt(ctx, name);
	char *end;
	long x;

	if (s == NULL)
		return 0;
	x = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || x < min || x > max)
		return cmd_usage_error(ctx, _("--%s: '%s' is not a whole number from %ld to %ld"),
			name, s, min, max);
	*v = (int)x;
	return 0;
}

/* An amount of money, "1500" or "1500.50", in minor units (> 0). */
static int
opt_money(struct cmd_ctx *ctx, const char *name, int64_t *cents)
{
	const char *s = cmd_opt(ctx, name), *p;
	int64_t units = 0;
	int dec = 0, nd = 0;

	for (p = s; p != NULL && *p >= '0' && *p <= '9' && units < 10000000000LL; p++)
		units = units * 10 + (*p - '0');
	if (p != NULL && *p == '.')
		for (p++; *p >= '0' && *p <= '9' && nd < 2; p++, nd++)
			dec = dec * 10 + (*p - '0');
	if (s == NULL || p == s || *p != '\0' || units >= 10000000000LL)
		return cmd_usage_error(ctx, _("--%s: '%s' is not an amount (e.g. 1500 or 1500.50)"),
			name, s != NULL ? s : "");
	*cents = units * 100 + (nd == 1 ? dec * 10 : dec);
	return 0;
}

static int
run_case_outcome(struct cmd_ctx *ctx)
{
	struct path_step step;
	struct reparation_payment pay;
	const char *date = cmd_opt(ctx, "date"), *suspect = cmd_opt(ctx, "suspect");
	int64_t id, person;
	int years = 0, months = 0, dyears = 0, is_pay = cmd_opt(ctx, "paid") != NULL, rc2;
	char *end;
	enum kerr_code rc;

	memset(&step, 0, sizeof(step));
	memset(&pay, 0, sizeof(pay));
	if (suspect == NULL || date == NULL)
		return cmd_usage_error(ctx, "%s", _("--suspect and --date are required"));
	person = strtoll(suspect, &end, 10);
	if (*suspect == '\0' || *end != '\0' || person <= 0)
		return cmd_usage_error(ctx, _("--suspect: '%s' is not a person id"), suspect);
	if (is_pay == (cmd_opt(ctx, "outcome") != NULL))
		return cmd_usage_error(ctx, "%s",
			_("give either --outcome (a step of the path) or --paid (a payment)"));
	if (strlen(date) >= sizeof(step.date))
		return cmd_usage_error(ctx, _("--date: '%s' is not a date (use YYYY-MM-DD)"), date);
	if (is_pay) {
		snprintf(pay.date, sizeof(pay.date), "%s", date);
		if ((rc2 = opt_money(ctx, "paid", &pay.amount_cents)) != 0)
			return rc2;
	} else {
		step.step = cmd_opt(ctx, "outcome");
		snprintf(step.date, sizeof(step.date), "%s", date);
		step.offence = cmd_opt(ctx, "offence");
		step.suspended = cmd_opt(ctx, "suspended") != NULL;
		if ((rc2 = opt_int(ctx, "prison-years", 0, 99, &years)) ||
		    (rc2 = opt_int(ctx, "prison-months", 0, 11, &months)) ||
		    (rc2 = opt_int(ctx, "days-fine", 0, 1095, &step.days_fine)) ||
		    (rc2 = opt_int(ctx, "disqualification-years", 0, 20, &dyears)))
			return rc2;
		step.prison_months = years * 12 + months;
		step.disqualification_months = dyears * 12;
		if (cmd_opt(ctx, "reparation") != NULL) {
			if ((rc2 = opt_money(ctx, "reparation", &step.reparation_cents)) != 0)
				return rc2;
			step.reparation_currency = cmd_opt(ctx, "currency") != NULL ?
				cmd_opt(ctx, "currency") : "PEN";
		} else if (cmd_opt(ctx, "currency") != NULL) {
			return cmd_usage_error(ctx, "%s", _("--currency goes with --reparation"));
		}
	}
	if ((rc = app_case_id(ctx->app, ctx->args[0], &id, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	rc = app_case_outcome(ctx->app, &ctx->actor, id, person, is_pay ? NULL : &step,
		is_pay ? &pay : NULL, cmd_opt(ctx, "reason"), &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	if (is_pay)
		printf(_("payment recorded for suspect %lld of case %lld\n"), (long long)person,
			(long long)id);
	else
		printf(_("'%s' recorded for suspect %lld of case %lld\n"), step.step,
			(long long)person, (long long)id);
	return 0;
}

const struct cmd cmd_case_outcome = {
	.name = "case outcome",
	.usage = "case outcome ID|NUMBER --as USER --suspect PERSON_ID --date YYYY-MM-DD "
		"(--outcome STEP [--offence CODE] [--prison-years N --prison-months N] [--suspended] "
		"[--days-fine N] [--disqualification-years N] [--reparation AMOUNT --currency PEN] "
		"| --paid AMOUNT) [--reason TEXT]",
	.summary = N_("Record a step of a suspect's procedural path, or a reparation payment"),
	.description =
		N_("Records a dated step of a suspect's procedural path (see 'khipu codebook\n"
		"path_step'): charge, reclassification, indictment, conviction after trial\n"
		"(conviction_trial), conviction on a plea agreement (conviction_plea:\n"
		"terminación anticipada; conviction_early: conclusión anticipada;\n"
		"collaboration: colaboración eficaz), acquittal, dismissal (sobreseimiento),\n"
		"archive, extinguished action, appeal or cassation and its result\n"
		"(appeal_confirmed, appeal_overturned, appeal_annulled), final judgement. The\n"
		"date is the decision's. A step that convicts carries the sentence: prison\n"
		"years and months, suspended or not, días-multa, disqualification (CP art. 36);\n"
		"a judgement the civil reparation ordered. With --paid, records an amount of\n"
		"the reparation paid on --date instead.\n"
		"\n"
		"The suspect's outcome, sentence and reparation in force follow from the path\n"
		"(docs/case-document.md): a later appeal or final judgement keeps a conviction\n"
		"unless it reverses or annuls it. Refused, with nothing written: a person who is\n"
		"not a suspect of the case, a judgement dated before the indictment, a second\n"
		"judgement without an appeal, payments beyond the amount ordered. Each step is\n"
		"a revision of the case ('khipu case history')."),
	.examples = N_("khipu case outcome 17 --as rosa --suspect 42 --outcome indictment --date 2024-03-01\n"
		"khipu case outcome 17 --as rosa --suspect 42 --outcome conviction_trial --date 2024-11-20 "
		"--prison-years 15 --days-fine 180 --reparation 20000 --currency PEN\n"
		"khipu case outcome 17 --as rosa --suspect 42 --outcome appeal --date 2024-12-02\n"
		"khipu case outcome 17 --as rosa --suspect 42 --outcome appeal_confirmed --date 2025-06-10\n"
		"khipu case outcome 17 --as rosa --suspect 42 --paid 5000 --date 2025-07-01"),
	.opts = {
		{ "suspect", "PERSON_ID", N_("the suspect's person id (case show --format json)") },
		{ "outcome", "STEP", N_("the step: a path_step code") },
		{ "date", "DATE", N_("date of the decision (or of the payment), YYYY-MM-DD") },
		{ "offence", "CODE", N_("offence charged, reclassified or convicted of") },
		{ "prison-years", "N", N_("years of prison of the sentence") },
		{ "prison-months", "N", N_("and months (0-11)") },
		{ "suspended", NULL, N_("the prison sentence is suspended (CP art. 57)") },
		{ "days-fine", "N", N_("días-multa (CP art. 41)") },
		{ "disqualification-years", "N", N_("years of disqualification (CP art. 36)") },
		{ "reparation", "AMOUNT", N_("civil reparation ordered") },
		{ "currency", "CODE", N_("its currency (default PEN)") },
		{ "paid", "AMOUNT", N_("an amount of the reparation paid on --date") },
		{ "reason", "TEXT", N_("why (kept, sealed, in the history)") },
	},
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_case_outcome,
};
