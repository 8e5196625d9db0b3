/* cmd_deadlines.c — khipu case deadlines: the legal terms running on the
 * cases the user may list (app/deadlines.c). */
#include "cmd/cmd.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/codebook.h"

static const char *
term_label(const char *kind)
{
	return cb_label(CB_LEGAL_TERM, kind, i18n_current() == I18N_EN ? CB_EN : CB_ES);
}

static json_t *
deadline_json(const struct app_deadline *d)
{
	const struct cb_term *t = cb_term(d->term.kind);

	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:b,s:b}",
		"id", (json_int_t)d->case_id, "number", d->number, "office", d->office_code,
		"stage", d->stage, "term", d->term.kind, "article", t ? t->article : "",
		"start", d->term.start, "due", d->term.due, "days_left", (json_int_t)d->days_left,
		"overdue", d->days_left < 0, "extended", d->term.extended != 0);
}

static int
print_table(const struct app_deadline *d, size_t n, const char *format)
{
	static const char *const head[] = { N_("id"), N_("number"), N_("office"), N_("stage"),
		N_("term"), N_("start"), N_("due"), N_("days left"), N_("extended") };
	struct cmd_table *t = cmd_table_new(9, head);
	size_t i;

	for (i = 0; i < n; i++) {
		char id[24], left[24];
		int table = strcmp(format, "table") == 0;
		snprintf(id, sizeof(id), "%lld", (long long)d[i].case_id);
		snprintf(left, sizeof(left), "%lld", (long long)d[i].days_left);
		const char *row[] = { id, d[i].number, d[i].office_code, d[i].stage,
			table ? term_label(d[i].term.kind) : d[i].term.kind, d[i].term.start,
			d[i].term.due, left, d[i].term.extended ? (table ? _("yes") : "yes") :
			(table ? _("no") : "no") };
		cmd_table_row(t, row);
	}
	cmd_table_print(t, stdout, format);
	return 0;
}

static int
run_case_deadlines(struct cmd_ctx *ctx)
{
	const char *format = cmd_format(ctx, "table,csv,json", "table"), *s;
	enum app_deadline_filter which = APP_DL_ALL;
	struct app_deadline *d;
	size_t n, i, limit = 0;
	long within = 0;
	char *end;
	enum kerr_code rc;

	if (format == NULL)
		return 2;
	if (cmd_opt(ctx, "overdue") && cmd_opt(ctx, "within"))
		return cmd_usage_error(ctx, "%s", _("--overdue and --within exclude each other"));
	if (cmd_opt(ctx, "overdue"))
		which = APP_DL_OVERDUE;
	if ((s = cmd_opt(ctx, "within")) != NULL) {
		within = strtol(s, &end, 10);
		if (*s == '\0' || *end || within < 0 || within > 36600)
			return cmd_usage_error(ctx,
				_("--within: '%s' is not a number of days between 0 and 36600"), s);
		which = APP_DL_WITHIN;
	}
	if ((s = cmd_opt(ctx, "limit")) != NULL) {
		limit = strtoul(s, &end, 10);
		if (*s == '\0' || *end || *s == '-')
			return cmd_usage_error(ctx,
				_("--limit: '%s' is not a number; give a whole number such as 50"), s);
	}
	rc = app_case_deadlines(ctx->app, &ctx->actor, which, (int)within, limit, &ctx->arena, &d,
		&n, &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	if (strcmp(format, "json") == 0) {
		json_t *arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, deadline_json(&d[i]));
		cmd_json_print(arr, stdout);
		return 0;
	}
	return print_table(d, n, format);
}

const struct cmd cmd_case_deadlines = {
	.name = "case deadlines",
	.usage = "case deadlines --as USER [--overdue | --within DAYS] [--format table|csv|json] "
		"[--limit N]",
	.summary = N_("List the legal terms running on the cases the user may see"),
	.description =
		N_("Each open case at its preliminary inquiry or formalised investigation has a\n"
		"legal term (NCPP): 60 days for the preliminary inquiry (art. 334.2), 8 months\n"
		"when declared complex (Cas. 144-2012-Áncash); 120 days for the formalised\n"
		"investigation, extendable by 60 (art. 342.1); 8 months extendable by 8 for a\n"
		"complex case and 36 months extendable by 36 for organised crime (art. 342.2,\n"
		"Ley 30077). The term, its start, its last day and the days left follow from\n"
		"the case's events: record a declaration of complexity or of organised crime,\n"
		"or an extension, with 'khipu case event' (stages complex_declared,\n"
		"organised_crime_declared, term_extension). Listed by due date, earliest\n"
		"first; days left is 0 on the last day and negative when overdue. Prosecutors\n"
		"and police see their office's cases and those shared with it; analysts,\n"
		"liaison officers and administrators every case. The JSON fields are in\n"
		"docs/json-output.md; CSV has the table's columns with term codes."),
	.examples = N_("khipu case deadlines --as rosa --overdue\n"
		"khipu case deadlines --as rosa --within 15  # due in the next 15 days\n"
		"khipu case deadlines --as ana-analyst --format csv > terms.csv"),
	.opts = {
		{ "overdue", NULL, N_("only terms already past their last day") },
		{ "within", "DAYS", N_("only terms whose last day is today or within DAYS days") },
		{ "format", "FORMAT", N_("table (default), csv or json") },
		{ "limit", "N", N_("at most N cases") },
	},
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_case_deadlines,
};
