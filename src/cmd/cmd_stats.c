/* cmd_stats.c — khipu stats: counts grouped by dimensions. */
#include "cmd/cmd.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "app/opendata.h"
#include "app/stats.h"
#include "lib/buf.h"
#include "lib/i18n.h"

static int
lang_en(void)
{
	return i18n_current() == I18N_EN;
}

/* "1234" or, for money in minor units, "12.34". */
static void
format_value(enum stat_measure m, int64_t v, char *out, size_t n)
{
	if (stat_measure_is_money(m))
		snprintf(out, n, "%s%lld.%02lld", v < 0 ? "-" : "", llabs(v) / 100, llabs(v) % 100);
	else
		snprintf(out, n, "%lld", (long long)v);
}

/* "victims, cases, ..." from the table of measures, for a refusal */
static void
measure_names(char *out, size_t n)
{
	size_t len = 0, i;

	out[0] = '\0';
	for (i = 0; i < STAT_MEASURE__MAX && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, "%s%s", i ? ", " : "",
		    stat_measure_name((enum stat_measure)i));
}

static int
parse_query(struct cmd_ctx *ctx, struct stat_query *q)
{
	const char *s = cmd_opt(ctx, "measure"), *w;
	char *copy, *line, *save = NULL;
	int m;

	memset(q, 0, sizeof(*q));
	if (s != NULL) {
		if ((m = stat_measure_by_name(s)) < 0) {
			char names[512];

			measure_names(names, sizeof(names));
			return cmd_usage_error(ctx, _("--measure: unknown measure '%s'; expected one of: %s"),
			    s, names);
		}
		q->measure = (enum stat_measure)m;
	}
	if (stat_parse_by(q, cmd_opt(ctx, "by"), &ctx->err) != KERR_OK ||
	    stat_parse_years(q, cmd_opt(ctx, "from"), cmd_opt(ctx, "to"), &ctx->err) != KERR_OK)
		return cmd_fail(ctx, ctx->err.code);
	if ((w = cmd_opt(ctx, "where")) != NULL) {
		copy = arena_strdup(&ctx->arena, w);
		for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			if (stat_parse_where(q, line, &ctx->err) != KERR_OK)
				return cmd_fail(ctx, ctx->err.code);
	}
	return 0;
}

static void
print_json(const struct stat_result *r)
{
	json_t *rows = json_array(), *top;
	size_t i, k;
	char val[48];

	for (i = 0; i < r->nrows; i++) {
		json_t *o = json_object(), *labels = json_object();
		for (k = 0; k < r->q.nby; k++) {
			const char *key = r->rows[i].keys[k];
			const char *name = stat_dim_name(r->q.by[k]);
			if (key == NULL)
				json_object_set_new(o, name, json_null());
			else if (r->q.by[k] == STAT_D_YEAR)
				json_object_set_new(o, name, json_integer(atoi(key)));
			else
				json_object_set_new(o, name, json_string(key));
			json_object_set_new(labels, name,
				json_string(stat_value_label(r->q.by[k], key, lang_en())));
		}
		if (stat_measure_is_money(r->q.measure)) {
			format_value(r->q.measure, r->rows[i].value, val, sizeof(val));
			json_object_set_new(o, "value", json_string(val));
		} else {
			json_object_set_new(o, "value", json_integer(r->rows[i].value));
		}
		json_object_set_new(o, "labels", labels);
		json_array_append_new(rows, o);
	}
	top = json_pack("{s:s,s:o}", "measure", stat_measure_name(r->q.measure), "rows", rows);
	if (r->currency != NULL)
		json_object_set_new(top, "currency", json_string(r->currency));
	format_value(r->q.measure, r->total, val, sizeof(val));
	json_object_set_new(top, "total", stat_measure_is_money(r->q.measure) ?
		json_string(val) : json_integer(r->total));
	cmd_json_print(top, stdout);
}

static void
print_table(const struct stat_result *r, const char *format)
{
	const char *head[STAT_MAXDIMS + 1], *cells[STAT_MAXDIMS + 1];
	int table = strcmp(format, "table") == 0;
	struct cmd_table *t;
	char val[48];
	size_t i, k, nd = r->q.nby;

	for (k = 0; k < nd; k++)
		head[k] = stat_dim_name(r->q.by[k]);
	head[nd] = stat_measure_name(r->q.measure);
	t = cmd_table_new((int)nd + 1, head);
	for (i = 0; i < r->nrows; i++) {
		for (k = 0; k < nd; k++)
			cells[k] = table ? stat_value_label(r->q.by[k], r->rows[i].keys[k], lang_en()) :
				r->rows[i].keys[k];
		format_value(r->q.measure, r->rows[i].value, val, sizeof(val));
		cells[nd] = val;
		cmd_table_row(t, cells);
	}
	cmd_table_print(t, stdout, format);
	if (table) {
		format_value(r->q.measure, r->total, val, sizeof(val));
		printf("%s: %s%s%s\n", _("total"), val, r->currency ? " " : "",
			r->currency ? r->currency : "");
	}
}

/* The result as a chart: bars by the first dimension, stacked by the second;
 * a matrix with --chart matrix. */
static int
print_svg(struct cmd_ctx *ctx, const struct stat_result *r)
{
	const char *chart = cmd_opt(ctx, "chart");
	struct app_table *t;
	struct buf b;
	char title[200];
	size_t k;
	int matrix = chart != NULL && strcmp(chart, "matrix") == 0;

	if (chart != NULL && !matrix && strcmp(chart, "bars") != 0)
		return cmd_usage_error(ctx, _("--chart: '%s' is neither bars nor matrix"), chart);
	if (r->q.nby > 2 || (matrix && r->q.nby != 2))
		return cmd_usage_error(ctx, _("a chart shows one or two dimensions (a matrix two)"));
	snprintf(title, sizeof(title), "%s", stat_measure_name(r->q.measure));
	for (k = 0; k < r->q.nby; k++)
		snprintf(title + strlen(title), sizeof(title) - strlen(title), "%s%s",
			k ? ", " : " / ", stat_dim_name(r->q.by[k]));
	t = app_table_from_stats(&ctx->arena, r, lang_en(), title, matrix);
	buf_init(&b, BUF_CAP_DOC);
	if (app_table_svg(t, &b) != 0) {
		buf_release(&b);
		return cmd_fail(ctx, kerr_set(&ctx->err, KERR_INVALID,
			_("the chart is too large; group by fewer values")));
	}
	puts(b.s);
	buf_release(&b);
	return 0;
}

static int
run_stats(struct cmd_ctx *ctx)
{
	const char *format = cmd_format(ctx, "table,csv,json,svg", "table");
	struct stat_query q;
	struct stat_result r;
	int status;
	enum kerr_code rc;

	if (format == NULL)
		return 2;
	if ((status = parse_query(ctx, &q)) != 0)
		return status;
	rc = app_stats(ctx->app, &ctx->actor, &q, &ctx->arena, &r, &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	if (strcmp(format, "json") == 0)
		print_json(&r);
	else if (strcmp(format, "svg") == 0)
		return print_svg(ctx, &r);
	else
		print_table(&r, format);
	return 0;
}

const struct cmd cmd_stats = {
	.name = "stats",
	.usage = "stats --as USER --by DIM[,DIM...] [--measure M] [--from YYYY] [--to YYYY] "
		"[--where DIM=VALUE]... [--format table|csv|json|svg [--chart bars|matrix]]",
	.summary = "Count victims, cases, suspects, convictions or assets by dimensions",
	.description =
		"Counts a measure grouped by one to four dimensions: exact counts over the\n"
		"register and the imported statistical records (CTDC), never an identity.\n"
		"Measures: victims (default), cases, suspects, prosecuted (suspects indicted or\n"
		"judged, in the year of the first of the two), convictions (suspects whose\n"
		"conviction is in force, plea agreements included, in the year of the judgement\n"
		"that convicted), assets_value (estimated value of seized assets, in\n"
		"PEN unless --where currency=XXX or --by currency), open_cases (cases neither\n"
		"archived nor closed by a final judgment: the workload); the State's response:\n"
		"protections (victims' protection measures, services and referrals, by the\n"
		"year and month of each), protected_victims (victims with one, counted once per\n"
		"group), assets (by their current stage), assets_stage_value (their estimated\n"
		"value), seized_value and confiscated_value (estimated value of the assets\n"
		"first seized or frozen, first confiscated by sentence or forfeited, by the\n"
		"year of that step), realised_value (the value realised by sales and\n"
		"assignments, by their year); the values in PEN unless --where currency=XXX;\n"
		"international requests: requests (by the year sent, or received when\n"
		"incoming), request_days (the median days from that date to the answer, over\n"
		"the requests answered), by year, country, direction, request_type,\n"
		"request_status, channel.\n"
		"Dimensions: year, region (INEI department of the facts), distrito_fiscal,\n"
		"office, sex, age_band (CTDC bands 0--8 ... 48+), age_group (UNODC child/adult),\n"
		"nationality, origin_region, exploitation_country, exploitation_region, stage,\n"
		"outcome, source ('register' or an imported file), currency, assignee (a\n"
		"case's assigned prosecutor: --measure open_cases --by assignee,stage is the\n"
		"office head's workload view); multi-valued (a\n"
		"victim counts once per value): exploitation, means_of_control, recruitment,\n"
		"relationship, means (art. 129-A), vulnerability, aggravating (cases: arts.\n"
		"129-B and 129-N), asset_measure, asset_kind, origin_un_region,\n"
		"exploitation_un_region, year_band, labour_sector, sexual_exploitation_type,\n"
		"sentence_years (suspects sentenced: 00-04, 05-09 ... 30+ years), offence\n"
		"(prosecuted and convictions: the article convicted of, or charged with).\n"
		"For the State's response: year, month (YYYY-MM), office, distrito_fiscal,\n"
		"region; of protections protection_measure, provider, protection_result,\n"
		"consent (yes/no), sex, age_group (on the date of the measure), nationality;\n"
		"of assets asset_kind, asset_stage (the current stage, or the step counted),\n"
		"currency.\n"
		"Records without a known value count as 'unknown' (empty in csv, null in json).\n"
		"--from/--to bound the year (complaint year; CTDC yearOfRegistration; for\n"
		"prosecuted and convictions the year of the indictment or judgement); without\n"
		"them records of unknown year are counted too. --format svg draws the result as\n"
		"the dashboard does (bars, or a matrix of two dimensions). docs/statistics.md\n"
		"has the details.",
	.opts = {
		{ "by", "DIM[,DIM...]", "dimensions to group by (one to four)" },
		{ "measure", "M", "victims (default), cases, open_cases, suspects, prosecuted, "
			"convictions, assets_value, protections, protected_victims, assets, "
			"assets_stage_value, seized_value, confiscated_value, realised_value, requests, "
			"request_days" },
		{ "from", "YYYY", "first year counted" },
		{ "to", "YYYY", "last year counted" },
		{ "where", "DIM=VALUE", "count only records with this value (repeatable, up to five)", 1 },
		{ "format", "FORMAT", "table (labels, default), csv or json (codes), svg (a chart)" },
		{ "chart", "KIND", "with --format svg: bars (default) or matrix (two dimensions)" },
	},
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_stats,
};
