/* cmd_dedup.c — khipu dedup: persons probably registered twice (app/dedup.h). */
#include "cmd/cmd.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "app/dedup.h"

static json_t *
side_json(const struct app_dedup_pair *q, int k)
{
	return json_pack("{s:I,s:o,s:s}", "person_id", (json_int_t)q->person[k],
		"name", q->name[k] ? json_string(q->name[k]) : json_null(),
		"case", q->case_number[k]);
}

static json_t *
pair_json(const struct app_dedup_pair *q)
{
	json_t *levels = json_object();
	int f;

	for (f = 0; f < APP_DEDUP_FIELDS; f++)
		json_object_set_new(levels, app_dedup_fields[f],
			json_string(match_level_name((enum match_level)q->levels[f])));
	return json_pack("{s:o,s:o,s:f,s:f,s:o}", "a", side_json(q, 0), "b", side_json(q, 1),
		"probability", q->probability, "match_weight", q->weight, "levels", levels);
}

static int
run_dedup(struct cmd_ctx *ctx)
{
	static const char *const head[] = { N_("probability"), N_("person"), N_("case"),
		N_("person"), N_("case"), N_("agreement") };
	const char *format = cmd_format(ctx, "table,json", "table"), *th = cmd_opt(ctx, "threshold");
	struct app_dedup_result r;
	double threshold = 0.9;
	char *end;
	size_t i;
	int f;
	enum kerr_code rc;

	if (format == NULL)
		return 2;
	if (th != NULL) {
		threshold = strtod(th, &end);
		if (end == th || *end != '\0' || !(threshold > 0 && threshold < 1))
			return cmd_usage_error(ctx, _("--threshold: '%s' is not a number between 0 and 1 "
				"(both excluded), e.g. 0.9"), th);
	}
	if ((rc = app_dedup(ctx->app, &ctx->actor, threshold, &ctx->arena, &r, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	if (strcmp(format, "json") == 0) {
		json_t *arr = json_array();
		for (i = 0; i < r.npairs; i++)
			json_array_append_new(arr, pair_json(&r.pairs[i]));
		cmd_json_print(arr, stdout);
		return 0;
	}
	struct cmd_table *t = cmd_table_new(6, head);
	for (i = 0; i < r.npairs; i++) {
		const struct app_dedup_pair *q = &r.pairs[i];
		char prob[16], a[64], b[64], agree[160];
		size_t n = 0;
		snprintf(prob, sizeof(prob), "%.4f", q->probability);
		snprintf(a, sizeof(a), "%lld %s", (long long)q->person[0],
			q->name[0] ? q->name[0] : _("[protected]"));
		snprintf(b, sizeof(b), "%lld %s", (long long)q->person[1],
			q->name[1] ? q->name[1] : _("[protected]"));
		for (f = 0; f < APP_DEDUP_FIELDS; f++)
			n += (size_t)snprintf(agree + n, sizeof(agree) - n, "%s%s=%s", f ? " " : "",
				app_dedup_fields[f], match_level_name((enum match_level)q->levels[f]));
		const char *row[] = { prob, a, q->case_number[0], b, q->case_number[1], agree };
		cmd_table_row(t, row);
	}
	cmd_table_print(t, stdout, format);
	fprintf(stderr, _("%zu persons, %zu candidate pairs compared, %zu pairs at or above %.2f\n"),
		r.persons, r.candidates, r.npairs, threshold);
	return 0;
}

const struct cmd cmd_dedup = {
	.name = "dedup",
	.usage = "dedup --as USER [--threshold P] [--format table|json]",
	.summary = N_("Find persons probably registered twice in the register"),
	.description =
		N_("Compares the persons of the cases you may read with the record-linkage\n"
		"engine of 'khipu link dedup' (Fellegi-Sunter, m and u by EM): the name\n"
		"(exact, Spanish phonetic form, Jaro-Winkler bands), the birth date (one typo,\n"
		"same or neighbouring birth year), the document, sex and nationality. The\n"
		"sealed identities are opened in memory only and wiped after the comparison.\n"
		"Each pair shows its probability, a case of each person and how each field\n"
		"agreed; names are masked, and shown only where you may reveal them. Open the\n"
		"cases to confirm. Allowed to whoever may search persons; the run is audited\n"
		"(how many persons and pairs, never a value)."),
	.examples = N_("khipu dedup --as demo-liaison\n"
		"khipu dedup --as rosa --threshold 0.8 --format json"),
	.opts = {
		{ "threshold", "P", N_("lowest match probability shown, between 0 and 1 (default 0.9)") },
		{ "format", "FORMAT", N_("table (default) or json") },
	},
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_dedup,
};
