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

/* ---- person merge / unmerge / dedup reject ---- */

/* A person id given as the positional argument k, named A or B. */
static int
person_arg(struct cmd_ctx *ctx, int k, int64_t *id)
{
	const char *s = ctx->args[k];
	char *end;
	long long v = strtoll(s, &end, 10);

	if (end == s || *end != '\0' || v <= 0) {
		cmd_usage_error(ctx, _("%s: '%s' is not a person id (a positive number, as "
			"'khipu dedup' shows it)"), k ? "B" : "A", s);
		return 0;
	}
	*id = v;
	return 1;
}

static int
print_merge(struct cmd_ctx *ctx, const struct app_merge *m, const char *done)
{
	const char *format = cmd_format(ctx, "text,json", "text");

	if (format == NULL)
		return 2;
	if (strcmp(format, "json") == 0) {
		cmd_json_print(json_pack("{s:I,s:I,s:I,s:I,s:I,s:I}", "merge", (json_int_t)m->id,
			"kept", (json_int_t)m->kept, "merged", (json_int_t)m->merged,
			"participations", (json_int_t)m->participations, "identifiers",
			(json_int_t)m->identifiers, "cases", (json_int_t)m->cases), stdout);
		return 0;
	}
	printf(done, (long long)m->merged, (long long)m->kept);
	printf(_("merge %lld: %lld participations and %lld identifiers in %zu cases\n"),
		(long long)m->id, (long long)m->participations, (long long)m->identifiers,
		m->cases);
	return 0;
}

static int
run_person_merge(struct cmd_ctx *ctx)
{
	struct app_merge m;
	int64_t a, b;
	enum kerr_code rc;

	if (!person_arg(ctx, 0, &a) || !person_arg(ctx, 1, &b))
		return 2;
	if ((rc = app_person_merge(ctx->app, &ctx->actor, a, b, &m, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	return print_merge(ctx, &m, _("person %lld merged into person %lld\n"));
}

static int
run_person_unmerge(struct cmd_ctx *ctx)
{
	struct app_merge m;
	int64_t a, b;
	enum kerr_code rc;

	if (!person_arg(ctx, 0, &a) || !person_arg(ctx, 1, &b))
		return 2;
	if ((rc = app_person_unmerge(ctx->app, &ctx->actor, a, b, &m, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	return print_merge(ctx, &m, _("person %lld separated again from person %lld\n"));
}

static int
run_dedup_reject(struct cmd_ctx *ctx)
{
	int64_t a, b;
	enum kerr_code rc;

	if (!person_arg(ctx, 0, &a) || !person_arg(ctx, 1, &b))
		return 2;
	if ((rc = app_dedup_reject(ctx->app, &ctx->actor, a, b, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("persons %lld and %lld: two persons; 'khipu dedup' will not propose them again\n"),
		(long long)a, (long long)b);
	return 0;
}

const struct cmd cmd_person_merge = {
	.name = "person merge",
	.usage = "person merge A B --as USER [--format text|json]",
	.summary = N_("Make one person of two registrations of the same person"),
	.description =
		N_("Person B (the merged one) becomes person A (the kept one): every part of B\n"
		"in a case, and every identifier tied to B, moves to A. Nothing is deleted:\n"
		"B keeps her registration and identity, the merge remembers exactly which rows\n"
		"it moved, and 'khipu person unmerge A B' gives them back. Each case touched\n"
		"gets a revision (its document before the merge is kept, sealed) and its\n"
		"statistics follow. Refused for the same person twice, and unless you may\n"
		"update every case that holds either person and reveal the person there (a\n"
		"merge changes all of them): a person out of your reach is answered as one\n"
		"who does not exist, and the attempt is audited. The merge is audited with\n"
		"ids and counts, never a name."),
	.examples = N_("khipu dedup --as rosa\n"
		"khipu person merge 12 57 --as rosa\n"
		"khipu person unmerge 12 57 --as rosa"),
	.opts = {
		{ "format", "FORMAT", N_("text (default) or json") },
	},
	.min_args = 2, .max_args = 2,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_person_merge,
};

const struct cmd cmd_person_unmerge = {
	.name = "person unmerge",
	.usage = "person unmerge A B --as USER [--format text|json]",
	.summary = N_("Undo 'person merge A B': give B back exactly what the merge moved"),
	.description =
		N_("The participations and identifiers that 'khipu person merge A B' moved from\n"
		"B to A go back to B, and only those: what was added to A since stays with A.\n"
		"Each case touched gets a revision. Refused when no merge of B into A is in\n"
		"force, and when A was itself merged into another person since (undo that\n"
		"first). Needs the same rights as the merge, on A's cases; audited."),
	.examples = N_("khipu person unmerge 12 57 --as rosa"),
	.opts = {
		{ "format", "FORMAT", N_("text (default) or json") },
	},
	.min_args = 2, .max_args = 2,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_person_unmerge,
};

const struct cmd cmd_dedup_reject = {
	.name = "dedup reject",
	.usage = "dedup reject A B --as USER",
	.summary = N_("Say that a pair 'khipu dedup' proposed is two different persons"),
	.description =
		N_("Remembers that persons A and B are two persons, so that 'khipu dedup' and\n"
		"the review page do not propose the pair again. Both must be in a case you\n"
		"may read. Audited with the two ids."),
	.examples = N_("khipu dedup reject 12 57 --as rosa"),
	.min_args = 2, .max_args = 2,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_dedup_reject,
};
