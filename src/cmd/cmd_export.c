/* cmd_export.c — khipu export ctdc|unodc|xlsx: anonymised statistics out. */
#include "cmd/cmd.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/opendata.h"
#include "app/stats.h"
#include "lib/i18n.h"

static int
parse_double(struct cmd_ctx *ctx, const char *opt, double dflt, double *out)
{
	const char *s = cmd_opt(ctx, opt);
	char *end;

	*out = dflt;
	if (s == NULL)
		return 0;
	*out = strtod(s, &end);
	if (*s == '\0' || *end != '\0' || !isfinite(*out))
		return cmd_usage_error(ctx, _("--%s: '%s' is not a number"), opt, s);
	return 0;
}

static int
parse_int(struct cmd_ctx *ctx, const char *opt, int dflt, int *out)
{
	const char *s = cmd_opt(ctx, opt);
	char *end;
	long v;

	*out = dflt;
	if (s == NULL)
		return 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < -1000000 || v > 1000000)
		return cmd_usage_error(ctx, _("--%s: '%s' is not a whole number"), opt, s);
	*out = (int)v;
	return 0;
}

static int
run_export_ctdc(struct cmd_ctx *ctx)
{
	const char *out = cmd_opt(ctx, "out");
	struct app_export_report rep;
	double eps, delta;
	int k, len, status;
	enum kerr_code rc;

	if (out == NULL)
		return cmd_usage_error(ctx, _("--out FILE is required"));
	if ((status = parse_int(ctx, "k", 11, &k)) || (status = parse_int(ctx, "dp-length", 2, &len)) ||
	    (status = parse_double(ctx, "dp-epsilon", 0, &eps)) ||
	    (status = parse_double(ctx, "dp-delta", 1e-6, &delta)))
		return status;
	if (cmd_opt(ctx, "dp-epsilon") != NULL) {
		if (cmd_opt(ctx, "k") != NULL)
			return cmd_usage_error(ctx, _("--k and --dp-epsilon are two different exports; "
				"give one"));
		rc = app_export_ctdc_dp(ctx->app, &ctx->actor, out, eps, delta, len, &rep, &ctx->err);
		if (rc != KERR_OK)
			return cmd_fail(ctx, rc);
		fprintf(stderr, _("%zu victims; %zu combinations of up to %d values released with "
			"epsilon %g, delta %g\n"), rep.victims, rep.combinations, len, eps, delta);
		for (int l = 1; l <= len; l++)
			fprintf(stderr, _("  length %d: Laplace noise of scale %.2f, threshold %.1f\n"), l,
				rep.noise_scale[l], rep.threshold[l]);
		printf("%s\n", out);
		return 0;
	}
	if (cmd_opt(ctx, "dp-delta") || cmd_opt(ctx, "dp-length"))
		return cmd_usage_error(ctx, _("--dp-delta and --dp-length go with --dp-epsilon"));
	rc = app_export_ctdc(ctx->app, &ctx->actor, out, k, &rep, &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	fprintf(stderr, _("%zu victims; %zu rows written in %zu combinations of at least %d; "
		"%zu suppressed; %zu values coarsened to -99\n"), rep.victims, rep.rows,
		rep.combinations, k, rep.suppressed, rep.generalised);
	printf("%s\n", out);
	return 0;
}

const struct cmd cmd_export_ctdc = {
	.name = "export ctdc",
	.usage = "export ctdc --as USER --out FILE [--k 11] | [--dp-epsilon E [--dp-delta D] "
		"[--dp-length R]]",
	.summary = "Export the register's victims in the CTDC format, anonymised",
	.description =
		"Writes the register's victims as a CSV with the columns of CTDC's Global\n"
		"Dataset (yearOfRegistration, Datasource, gender, ageBroad, majorityStatus,\n"
		"citizenship, CountryOfExploitation, forms of exploitation, isAbduction; -99\n"
		"for unknown), k-anonymised as CTDC does it: every combination of values across\n"
		"the columns appears at least k times (default 11). Rare rows are first coarsened\n"
		"(country of exploitation, citizenship, age band, year to -99) and left out if\n"
		"still rare; the command reports how many.\n"
		"With --dp-epsilon, writes instead differentially private counts of every\n"
		"combination of up to R (--dp-length, default 2) values, with Laplace noise and a\n"
		"release threshold: (epsilon, delta)-differential privacy for the whole file\n"
		"(--dp-delta, default 1e-6). docs/statistics.md explains noise, thresholds and\n"
		"budget. The output file must not exist. Both exports are audited.",
	.opts = {
		{ "out", "FILE", "the CSV to write (must not exist)" },
		{ "k", "K", "k-anonymity: minimum size of every combination (default 11, at least 2)" },
		{ "dp-epsilon", "E", "differential privacy budget epsilon (> 0) for the counts" },
		{ "dp-delta", "D", "delta of the counts (default 1e-6)" },
		{ "dp-length", "R", "longest combination counted: 1, 2 (default) or 3" },
	},
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_export_ctdc,
};

static int
years(struct cmd_ctx *ctx, int *from, int *to)
{
	struct stat_query q;

	memset(&q, 0, sizeof(q));
	if (stat_parse_years(&q, cmd_opt(ctx, "from"), cmd_opt(ctx, "to"), &ctx->err) != KERR_OK)
		return cmd_fail(ctx, ctx->err.code);
	*from = q.from;
	*to = q.to;
	return 0;
}

static int
run_export_xlsx(struct cmd_ctx *ctx)
{
	const char *out = cmd_opt(ctx, "out");
	size_t sheets;
	int from = 0, to = 0, status;
	enum kerr_code rc;

	if (out == NULL)
		return cmd_usage_error(ctx, _("--out FILE is required"));
	if ((status = years(ctx, &from, &to)) != 0)
		return status;
	rc = app_export_xlsx(ctx->app, &ctx->actor, out, from, to, i18n_current() == I18N_EN,
		&sheets, &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	fprintf(stderr, _("%zu sheets written\n"), sheets);
	printf("%s\n", out);
	return 0;
}

static int
run_export_unodc(struct cmd_ctx *ctx)
{
	static const char *const head[] = { "indicator", "dimension", "category", "sex", "age",
		"year", "value" };
	const char *format = cmd_format(ctx, "table,csv,json", "table");
	const char *ys = cmd_opt(ctx, "year");
	struct app_glotip_row *rows;
	char *end;
	size_t n, i;
	long year;
	enum kerr_code rc;

	if (format == NULL)
		return 2;
	if (ys == NULL)
		return cmd_usage_error(ctx, _("--year YYYY is required"));
	year = strtol(ys, &end, 10);
	if (*ys == '\0' || *end != '\0' || year < 1900 || year > 2100)
		return cmd_usage_error(ctx, _("--year: '%s' is not a year (YYYY)"), ys);
	rc = app_export_unodc(ctx->app, &ctx->actor, (int)year, i18n_current() == I18N_EN,
		&ctx->arena, &rows, &n, &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	if (strcmp(format, "json") == 0) {
		json_t *arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:s,s:i,s:I}",
				"indicator", rows[i].indicator, "dimension", rows[i].dimension,
				"category", rows[i].category, "sex", rows[i].sex, "age", rows[i].age,
				"year", rows[i].year, "value", (json_int_t)rows[i].value));
		cmd_json_print(arr, stdout);
		return 0;
	}
	struct cmd_table *t = cmd_table_new(7, head);
	for (i = 0; i < n; i++) {
		char y[16], v[32];
		snprintf(y, sizeof(y), "%d", rows[i].year);
		snprintf(v, sizeof(v), "%lld", (long long)rows[i].value);
		const char *cells[] = { rows[i].indicator, rows[i].dimension, rows[i].category,
			rows[i].sex, rows[i].age, y, v };
		cmd_table_row(t, cells);
	}
	cmd_table_print(t, stdout, format);
	return 0;
}

const struct cmd cmd_export_xlsx = {
	.name = "export xlsx",
	.usage = "export xlsx --as USER --out FILE [--from YYYY] [--to YYYY]",
	.summary = "Write the observatory's standard tables as an XLSX workbook",
	.description =
		"One sheet per table, labelled in the user's language (KHIPU_LANG): victims by\n"
		"year and sex, by age and sex, by form of exploitation, by nationality, region\n"
		"of origin x region of exploitation, the procedural funnel, suspects by outcome\n"
		"and sex, persons convicted by years of sentence, value of assets by measure. The\n"
		"register's records only (not imported\n"
		"ones). The file must not exist. Audited.",
	.opts = {
		{ "out", "FILE", "the .xlsx file to write (must not exist)" },
		{ "from", "YYYY", "first year (complaint year)" },
		{ "to", "YYYY", "last year" },
	},
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_export_xlsx,
};

const struct cmd cmd_export_unodc = {
	.name = "export unodc",
	.usage = "export unodc --as USER --year YYYY [--format table|csv|json]",
	.summary = "The UNODC Global Report (GLOTIP) questionnaire tables of a year",
	.description =
		"Detected victims by sex and age group (0 to 17 years, 18 years or over), by\n"
		"form of exploitation and by citizenship; persons suspected, prosecuted (their\n"
		"case reached an indictment) and convicted, by sex; in UNODC's long format\n"
		"(indicator, dimension, category, sex, age, year, value). The year is the\n"
		"complaint year. The register's records only. Audited.",
	.opts = {
		{ "year", "YYYY", "the year reported" },
		{ "format", "FORMAT", "table (default), csv or json" },
	},
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_export_unodc,
};
