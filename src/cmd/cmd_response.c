/* cmd_response.c — khipu case protect|asset: the State's response to a
 * victim and to an asset, one step at a time (issue 10, items 3 and 4).
 * Both amend the case like 'case update' would: one revision each. */
#include "cmd/cmd.h"

#include <stdlib.h>

#include <jansson.h>
#include <string.h>

/* A positive integer id from option name; 0 after a usage error. */
static int64_t
opt_id(struct cmd_ctx *ctx, const char *name)
{
	const char *s = cmd_opt(ctx, name);
	char *end;
	long long v;

	if (s == NULL)
		return 0;
	v = strtoll(s, &end, 10);
	return *s != '\0' && *end == '\0' && v > 0 ? (int64_t)v : 0;
}

/* "12500", "12500.5", "12500.50" -> minor units; -1 when not money. */
static int64_t
parse_money(const char *s)
{
	int64_t units = 0, cents = 0;
	int digits = 0, decimals = 0;

	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		if (units > 99999999999LL)
			return -1;
		units = units * 10 + (*s - '0');
	}
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9' && decimals < 2; s++, decimals++)
			cents = cents * 10 + (*s - '0');
	if (digits == 0 || *s != '\0')
		return -1;
	return units * 100 + (decimals == 1 ? cents * 10 : cents);
}

static int
run_case_protect(struct cmd_ctx *ctx)
{
	struct protection pr;
	const char *consent = cmd_opt(ctx, "consent");
	int64_t id, victim = opt_id(ctx, "victim");
	enum kerr_code rc;

	memset(&pr, 0, sizeof(pr));
	if (victim == 0)
		return cmd_usage_error(ctx, "%s", _("--victim PERSON_ID is required (a positive "
			"integer: persons[].person_id of 'case show --format json')"));
	if (cmd_opt(ctx, "measure") == NULL || cmd_opt(ctx, "date") == NULL)
		return cmd_usage_error(ctx, "%s", _("--measure and --date are required"));
	pr.consent = -1;
	if (consent != NULL && strcmp(consent, "yes") == 0)
		pr.consent = 1;
	else if (consent != NULL && strcmp(consent, "no") == 0)
		pr.consent = 0;
	else if (consent != NULL)
		return cmd_usage_error(ctx, "%s", _("--consent is 'yes' or 'no'"));
	pr.measure = cmd_opt(ctx, "measure");
	pr.provider = cmd_opt(ctx, "provider");
	pr.result = cmd_opt(ctx, "result");
	snprintf(pr.date, sizeof(pr.date), "%.10s", cmd_opt(ctx, "date"));
	if (strlen(cmd_opt(ctx, "date")) != 10)
		pr.date[0] = 'x';   /* refused by the date check, naming --date */
	if (cmd_opt(ctx, "end") != NULL)
		snprintf(pr.end_date, sizeof(pr.end_date), "%.10s", cmd_opt(ctx, "end"));
	if ((rc = app_case_id(ctx->app, ctx->args[0], &id, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	rc = app_case_protect(ctx->app, &ctx->actor, id, victim, &pr, cmd_opt(ctx, "reason"),
		&ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("'%s' recorded for victim %lld of case %lld\n"), pr.measure, (long long)victim,
		(long long)id);
	return 0;
}

static int
run_case_asset(struct cmd_ctx *ctx)
{
	struct asset_measure step;
	int64_t id, asset = opt_id(ctx, "asset"), v;
	enum kerr_code rc;

	memset(&step, 0, sizeof(step));
	if (asset == 0)
		return cmd_usage_error(ctx, "%s", _("--asset ASSET_ID is required (a positive "
			"integer: assets[].id of 'case show --format json')"));
	if (cmd_opt(ctx, "step") == NULL || cmd_opt(ctx, "date") == NULL)
		return cmd_usage_error(ctx, "%s", _("--step and --date are required"));
	if (cmd_opt(ctx, "value") != NULL) {
		if ((v = parse_money(cmd_opt(ctx, "value"))) <= 0)
			return cmd_usage_error(ctx, "%s", _("--value is an amount more than 0, "
				"such as 38000 or 38000.50"));
		step.value_cents = v;
	}
	step.measure = cmd_opt(ctx, "step");
	step.reference = cmd_opt(ctx, "reference");
	snprintf(step.date, sizeof(step.date), "%.10s", cmd_opt(ctx, "date"));
	if (strlen(cmd_opt(ctx, "date")) != 10)
		step.date[0] = 'x';
	if ((rc = app_case_id(ctx->app, ctx->args[0], &id, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	rc = app_case_asset_step(ctx->app, &ctx->actor, id, asset, &step, cmd_opt(ctx, "file"),
		cmd_opt(ctx, "reason"), &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("'%s' recorded for asset %lld of case %lld\n"), step.measure, (long long)asset,
		(long long)id);
	return 0;
}

const struct cmd cmd_case_protect = {
	.name = "case protect",
	.usage = "case protect ID|NUMBER --as USER --victim PERSON_ID --measure CODE --date "
		"YYYY-MM-DD [--provider CODE] [--end YYYY-MM-DD] [--consent yes|no] "
		"[--result CODE] [--reason TEXT]",
	.summary = N_("Record a victim's protection measure, service or referral"),
	.description =
		N_("Adds one protection measure, assistance service or referral to a victim of the\n"
		"case: what ('khipu codebook protection': UDAVIT assistance, shelter, the single\n"
		"interview in a Gesell chamber, health, legal aid, consular help, return,\n"
		"reintegration...), who gave it ('khipu codebook provider'), from and until\n"
		"when, whether the victim consented to the referral, and its result ('khipu\n"
		"codebook protection_result'). It is the same as adding it to the victim's\n"
		"\"protection\" with 'khipu case update', and is one revision of the case\n"
		"('khipu case history'). A referral that needs the informed consent of an adult\n"
		"victim (the codebook says which) is refused without --consent yes, unless the\n"
		"victim declined it (--consent no --result declined); the single interview is\n"
		"recorded once per victim. A refusal names the option and writes nothing.\n"
		"PERSON_ID is the victim's persons[].person_id in 'khipu case show --format json'."),
	.examples = N_("khipu case protect 17 --as rosa --victim 42 --measure single_interview "
		"--provider public_prosecutor --date 2024-03-05 --result completed\n"
		"khipu case protect 17 --as rosa --victim 42 --measure shelter --provider mimp_car "
		"--date 2024-03-05 --consent yes --result ongoing"),
	.opts = {
		{ "victim", "PERSON_ID", N_("the victim (persons[].person_id)") },
		{ "measure", "CODE", N_("what: a code of 'khipu codebook protection'") },
		{ "date", "DATE", N_("when it was given or the referral made, YYYY-MM-DD") },
		{ "provider", "CODE", N_("who gave it: a code of 'khipu codebook provider'") },
		{ "end", "DATE", N_("when it ended, YYYY-MM-DD") },
		{ "consent", "yes|no", N_("whether the victim consented to the referral") },
		{ "result", "CODE", N_("a code of 'khipu codebook protection_result'") },
		{ "reason", "TEXT", N_("why, for the case's history (sealed)") },
	},
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_case_protect,
};

const struct cmd cmd_case_asset = {
	.name = "case asset",
	.usage = "case asset ID|NUMBER --as USER --asset ASSET_ID --step CODE --date YYYY-MM-DD "
		"[--value AMOUNT] [--reference TEXT] [--file NUMBER] [--reason TEXT]",
	.summary = N_("Record the next step in the life of a seized asset"),
	.description =
		N_("Adds one step to the life of an asset of the case ('khipu codebook\n"
		"asset_measure'): identified, seized (incautación), frozen (embargo,\n"
		"inmovilización), confiscated by sentence (forfeited: decomiso), the forfeiture\n"
		"proceeding of D. Leg. 1373 (extinction_of_ownership, ed_claim, ed_founded,\n"
		"ed_unfounded) with its own file number (--file), handed to PRONABI, sold or\n"
		"assigned with the realised value (--value, in the asset's currency), returned.\n"
		"The last step is the asset's current stage. It is the same as adding it to the\n"
		"asset's \"measures\" with 'khipu case update', and is one revision of the case.\n"
		"An asset never seized or frozen cannot be confiscated, forfeited or disposed of;\n"
		"steps keep the order of their dates; only a sale or an assignment has a\n"
		"realised value. A refusal names the option and writes nothing. ASSET_ID is the\n"
		"asset's assets[].id in 'khipu case show --format json'."),
	.examples = N_("khipu case asset 17 --as rosa --asset 5 --step seized --date 2024-03-04 "
		"--reference \"Res. 12-2024\"\n"
		"khipu case asset 17 --as rosa --asset 5 --step extinction_of_ownership "
		"--date 2024-04-01 --file ED-00045-2024\n"
		"khipu case asset 17 --as rosa --asset 5 --step sold --date 2024-12-01 --value 38000"),
	.opts = {
		{ "asset", "ASSET_ID", N_("the asset (assets[].id)") },
		{ "step", "CODE", N_("a code of 'khipu codebook asset_measure'") },
		{ "date", "DATE", N_("the date of the step, YYYY-MM-DD") },
		{ "value", "AMOUNT", N_("the realised value of a sale or assignment") },
		{ "reference", "TEXT", N_("number of the resolution or file that ordered it") },
		{ "file", "NUMBER", N_("the file number of the forfeiture proceeding") },
		{ "reason", "TEXT", N_("why, for the case's history (sealed)") },
	},
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_case_asset,
};

static int
run_police_reconcile(struct cmd_ctx *ctx)
{
	static const char *const headers[] = { N_("line"), N_("report"), "RETA", "SIDPOL",
		N_("date"), N_("unit") };
	const char *format = cmd_format(ctx, "table,csv,json", "table");
	struct app_police_ref *rows;
	struct cmd_table *t;
	size_t n, nrows, nreports, i;
	char *text, line[32];
	json_t *arr;
	enum kerr_code rc;

	if (format == NULL)
		return 2;
	if (cmd_opt(ctx, "file") == NULL)
		return cmd_usage_error(ctx, "%s", _("--file FILE is required (the police's CSV "
			"export; '-' reads standard input)"));
	if ((text = cmd_read_file(ctx, cmd_opt(ctx, "file"), &n)) == NULL)
		return cmd_fail(ctx, ctx->err.code);
	rc = app_police_reconcile(ctx->app, &ctx->actor, text, n, &ctx->arena, &rows, &nrows,
		&nreports, &ctx->err);
	free(text);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	if (strcmp(format, "json") == 0) {
		arr = json_array();
		for (i = 0; i < nrows; i++)
			json_array_append_new(arr, json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:s?}",
				"line", (json_int_t)rows[i].line, "number", rows[i].number,
				"reta", rows[i].reta, "sidpol", rows[i].sidpol, "date", rows[i].date,
				"unit", rows[i].unit));
		cmd_json_print(json_pack("{s:I, s:I, s:o}", "reports", (json_int_t)nreports,
			"without_case", (json_int_t)nrows, "rows", arr), stdout);
		return 0;
	}
	t = cmd_table_new(6, headers);
	for (i = 0; i < nrows; i++) {
		const char *cells[6];
		snprintf(line, sizeof(line), "%zu", rows[i].line);
		cells[0] = line;
		cells[1] = rows[i].number != NULL ? rows[i].number : "";
		cells[2] = rows[i].reta != NULL ? rows[i].reta : "";
		cells[3] = rows[i].sidpol != NULL ? rows[i].sidpol : "";
		cells[4] = rows[i].date != NULL ? rows[i].date : "";
		cells[5] = rows[i].unit != NULL ? rows[i].unit : "";
		cmd_table_row(t, cells);
	}
	cmd_table_print(t, stdout, format);
	if (strcmp(format, "table") == 0)
		printf(_("%zu of %zu police reports without a case\n"), nrows, nreports);
	return 0;
}

const struct cmd cmd_police_reconcile = {
	.name = "police reconcile",
	.usage = "police reconcile --as USER --file FILE|- [--format table|csv|json]",
	.summary = N_("List the complaints the police sent that have no case"),
	.description =
		N_("Reconciles the police's records with the prosecution's: reads the police's\n"
		"list of reports sent to the prosecutor (a CSV export of RETA-PNP or SIDPOL,\n"
		"UTF-8, with a header naming some of the columns number, reta, sidpol, date,\n"
		"unit; others are ignored) and lists those that no case names in its\n"
		"\"police_report\" (the same report number, RETA or SIDPOL reference), among\n"
		"the cases you may list: your office's own and those shared with it for\n"
		"prosecutors and police, every case for analysts. A row with no number, RETA\n"
		"nor SIDPOL reference is refused naming its line. Nothing is written."),
	.examples = N_("khipu police reconcile --as rosa --file reta-2024.csv\n"
		"khipu police reconcile --as obs1 --file sidpol.csv --format csv > sin-caso.csv"),
	.opts = {
		{ "file", "FILE", N_("the police's CSV export; '-' reads standard input") },
		{ "format", "FORMAT", N_("table (default), csv or json") },
	},
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_police_reconcile,
};
