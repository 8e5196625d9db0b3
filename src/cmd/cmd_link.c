/*
 * cmd_link.c — record linkage on files: link dedup, link evaluate,
 * link encode, link match (app/link.h). No register is opened.
 */
#include "cmd/cmd.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app/dedup.h"
#include "app/link.h"

/* A probability or Dice threshold: a number strictly between 0 and 1. */
static int
parse_threshold(struct cmd_ctx *ctx, double dflt, double *out)
{
	const char *s = cmd_opt(ctx, "threshold");
	char *end;

	*out = dflt;
	if (s == NULL)
		return 0;
	*out = strtod(s, &end);
	if (end == s || *end != '\0' || !(*out > 0 && *out < 1)) {
		cmd_usage_error(ctx, _("--threshold: '%s' is not a number between 0 and 1 "
			"(both excluded), e.g. 0.9"), s);
		return -1;
	}
	return 0;
}

/* The model as JSON: lambda and, per field, m and u by level. */
static json_t *
model_json(const struct app_link_report *r)
{
	json_t *fields = json_array();
	size_t f;
	int l;

	for (f = 0; f < r->nfields; f++) {
		json_t *m = json_object(), *u = json_object();
		for (l = MATCH_L_DIFFERENT; l < MATCH_L__MAX; l++) {
			json_object_set_new(m, match_level_name((enum match_level)l),
				json_real(r->model.m[f][l]));
			json_object_set_new(u, match_level_name((enum match_level)l),
				json_real(r->model.u[f][l]));
		}
		json_array_append_new(fields, json_pack("{s:s,s:s,s:I,s:o,s:o}",
			"name", r->fields[f].name, "kind", match_kind_name(r->fields[f].kind),
			"unusable", (json_int_t)r->unusable[f], "m", m, "u", u));
	}
	return json_pack("{s:I,s:I,s:I,s:f,s:i,s:f,s:o}",
		"records", (json_int_t)r->records, "candidates", (json_int_t)r->candidates,
		"pairs", (json_int_t)r->pairs, "lambda", r->model.lambda,
		"em_iterations", r->model.iterations, "seconds", r->seconds, "fields", fields);
}

static int
run_link_dedup(struct cmd_ctx *ctx)
{
	struct app_link_dedup_opts o = { cmd_opt(ctx, "csv"), cmd_opt(ctx, "id"),
		cmd_opt(ctx, "fields"), 0, cmd_opt(ctx, "out") };
	const char *model = cmd_opt(ctx, "model");
	struct app_link_report rep;
	enum kerr_code rc;

	if (o.csv == NULL || o.id == NULL || o.fields == NULL || o.out == NULL)
		return cmd_usage_error(ctx, "%s", _("--csv, --id, --fields and --out are required"));
	if (parse_threshold(ctx, 0.9, &o.threshold) != 0)
		return 2;
	if ((rc = app_link_dedup(&o, &rep, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	if (model != NULL) {
		json_t *j = model_json(&rep);
		int bad = json_dump_file(j, model, JSON_INDENT(2)) != 0;
		json_decref(j);
		if (bad) {
			kerr_set(&ctx->err, KERR_IO, _("cannot write '%s'"), model);
			return cmd_fail(ctx, KERR_IO);
		}
	}
	fprintf(stderr, _("%zu records, %zu candidate pairs compared, %zu pairs at or above "
		"%.2f (%.2f s)\n"), rep.records, rep.candidates, rep.pairs, o.threshold, rep.seconds);
	return 0;
}

const struct cmd cmd_link_dedup = {
	.name = "link dedup",
	.usage = "link dedup --csv FILE --id COLUMN --fields COL[:KIND],... [--threshold P] "
		"--out PAIRS.csv [--model FILE]",
	.summary = N_("Find the records of a CSV file that are probably the same person"),
	.description =
		N_("Probabilistic record linkage (Fellegi-Sunter) on any CSV extract, for\n"
		"analysts; no register is opened. Records are paired only when they share a\n"
		"field's value or, for text, its Spanish phonetic form (blocking). Each pair gets\n"
		"a level per field: exact, near (same phonetic form, Jaro-Winkler >= 0.94, one\n"
		"typo, day and month swapped), close (Jaro-Winkler >= 0.85, same birth year),\n"
		"weak (Jaro-Winkler >= 0.70, birth years one apart), different or missing. The\n"
		"m and u probabilities of each level are estimated from the file itself by\n"
		"expectation-maximisation, and an exact agreement on a common value (Quispe,\n"
		"Mamani) weighs less than on a rare one (term-frequency adjustment).\n"
		"\n"
		"A field is COLUMN or COLUMN:KIND with KIND text, date or id; without a kind\n"
		"it is inferred from the values (dates, digits, else text). The first row is\n"
		"the header; the file must be UTF-8; ids must be present and unique.\n"
		"PAIRS.csv gets a_id,b_id,probability,match_weight and the level of each\n"
		"field, best pair first; --model writes the estimated model as JSON. A summary\n"
		"goes to standard error. See docs/linkage.md."),
	.examples = N_("khipu link dedup --csv people.csv --id rec_id --fields "
		"given_name,surname,date_of_birth:date,soc_sec_id:id --out pairs.csv\n"
		"khipu link dedup --csv people.csv --id id --fields nombre,apellidos,dni "
		"--threshold 0.95 --out - --model model.json"),
	.opts = {
		{ "csv", "FILE", N_("the records, CSV with a header (- = standard input)") },
		{ "id", "COLUMN", N_("the column that identifies each record") },
		{ "fields", "LIST", N_("columns to compare, comma-separated, each COLUMN[:text|date|id]") },
		{ "threshold", "P", N_("lowest match probability written, between 0 and 1 (default 0.9)") },
		{ "out", "FILE", N_("the pairs, CSV (- = standard output)") },
		{ "model", "FILE", N_("also write the estimated m and u probabilities as JSON") },
	},
	.run = run_link_dedup,
};

static int
run_link_evaluate(struct cmd_ctx *ctx)
{
	static const char *const head[] = { N_("true pairs"), N_("predicted"), N_("true positives"),
		N_("false positives"), N_("false negatives"), N_("precision"), N_("recall"), "F1" };
	const char *format = cmd_format(ctx, "table,json", "table");
	struct app_link_eval_opts o = { cmd_opt(ctx, "pairs"), cmd_opt(ctx, "csv"),
		cmd_opt(ctx, "csv-b"), cmd_opt(ctx, "id"), cmd_opt(ctx, "truth") };
	struct app_link_eval ev;
	enum kerr_code rc;

	if (format == NULL)
		return 2;
	if (o.pairs == NULL || o.csv_a == NULL || o.id == NULL)
		return cmd_usage_error(ctx, "%s", _("--pairs, --csv and --id are required"));
	if (o.truth == NULL)
		o.truth = "febrl";
	if ((rc = app_link_evaluate(&o, &ev, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	if (strcmp(format, "json") == 0) {
		cmd_json_print(json_pack("{s:I,s:I,s:I,s:I,s:I,s:f,s:f,s:f}",
			"true_pairs", (json_int_t)ev.true_pairs, "predicted", (json_int_t)ev.predicted,
			"tp", (json_int_t)ev.tp, "fp", (json_int_t)ev.fp, "fn", (json_int_t)ev.fn,
			"precision", ev.precision, "recall", ev.recall, "f1", ev.f1), stdout);
		return 0;
	}
	struct cmd_table *t = cmd_table_new(8, head);
	char c[8][32];
	snprintf(c[0], 32, "%zu", ev.true_pairs);
	snprintf(c[1], 32, "%zu", ev.predicted);
	snprintf(c[2], 32, "%zu", ev.tp);
	snprintf(c[3], 32, "%zu", ev.fp);
	snprintf(c[4], 32, "%zu", ev.fn);
	snprintf(c[5], 32, "%.4f", ev.precision);
	snprintf(c[6], 32, "%.4f", ev.recall);
	snprintf(c[7], 32, "%.4f", ev.f1);
	const char *row[] = { c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7] };
	cmd_table_row(t, row);
	cmd_table_print(t, stdout, "table");
	return 0;
}

const struct cmd cmd_link_evaluate = {
	.name = "link evaluate",
	.usage = "link evaluate --pairs PAIRS.csv --csv FILE [--csv-b FILE] --id COLUMN "
		"[--truth febrl|COLUMN] [--format table|json]",
	.summary = N_("Precision, recall and F1 of a pairs file against the ground truth"),
	.description =
		N_("Compares the pairs of `link dedup` or `link match` (the first two columns\n"
		"are record ids) with the true pairs: records of the same entity. The entity\n"
		"is a column (--truth COLUMN) or, for the FEBRL benchmark files, the record id\n"
		"without its tail (--truth febrl, the default: rec-12-org and rec-12-dup-0 are\n"
		"the same person). With one --csv the true pairs are those within the file\n"
		"(deduplication); with --csv-b, those between the two files (linkage: a_id\n"
		"from --csv, b_id from --csv-b). A pair listed twice counts once."),
	.examples = N_("khipu link evaluate --pairs pairs.csv --csv dataset4.csv --id rec_id\n"
		"khipu link evaluate --pairs matches.csv --csv dataset4a.csv --csv-b dataset4b.csv "
		"--id rec_id --format json"),
	.opts = {
		{ "pairs", "FILE", N_("the pairs to evaluate (a_id,b_id,...)") },
		{ "csv", "FILE", N_("the records (or the first file of a linkage)") },
		{ "csv-b", "FILE", N_("the second file of a linkage") },
		{ "id", "COLUMN", N_("the id column of the records") },
		{ "truth", "febrl|COLUMN", N_("where the entity comes from (default febrl)") },
		{ "format", "FORMAT", N_("table (default) or json") },
	},
	.run = run_link_evaluate,
};

static int
run_link_encode(struct cmd_ctx *ctx)
{
	struct app_link_encode_opts o = { cmd_opt(ctx, "csv"), cmd_opt(ctx, "id"),
		cmd_opt(ctx, "fields"), cmd_opt(ctx, "secret-file"), cmd_opt(ctx, "out") };
	struct app_link_encode_report rep;
	enum kerr_code rc;

	if (ctx->app != NULL) {   /* --as: the register's persons */
		struct app_link_register_report rr;
		if (o.csv != NULL || o.id != NULL || o.fields != NULL)
			return cmd_usage_error(ctx, "%s", _("--as encodes the register: leave out "
				"--csv, --id and --fields"));
		if (o.secret_file == NULL || o.out == NULL)
			return cmd_usage_error(ctx, "%s", _("--secret-file and --out are required"));
		if ((rc = app_link_encode_register(ctx->app, &ctx->actor, o.secret_file,
		    cmd_opt(ctx, "role"), o.out, &rr, &ctx->err)) != KERR_OK)
			return cmd_fail(ctx, rc);
		fprintf(stderr, _("%zu persons encoded; schema and secret fingerprint %s\n"),
			rr.persons, rr.fingerprint);
		return 0;
	}
	if (cmd_opt(ctx, "role") != NULL)
		return cmd_usage_error(ctx, "%s", _("--role goes with --as (the register's persons)"));
	if (o.csv == NULL || o.id == NULL || o.fields == NULL || o.secret_file == NULL ||
	    o.out == NULL)
		return cmd_usage_error(ctx, "%s",
			_("--csv, --id, --fields, --secret-file and --out are required"));
	if ((rc = app_link_encode(&o, &rep, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	fprintf(stderr, _("%zu records encoded; schema and secret fingerprint %s\n"), rep.records,
		rep.fingerprint);
	return 0;
}

const struct cmd cmd_link_encode = {
	.name = "link encode",
	.usage = "link encode (--csv FILE --id COLUMN --fields COL[:KIND[:BITS]],... | "
		"--as USER [--role victim|suspect]) --secret-file KEY --out FILE",
	.summary = N_("Encode a CSV file for privacy-preserving matching (no name in clear)"),
	.description =
		N_("Privacy-preserving record linkage, as clkhash and anonlink do it: each record\n"
		"becomes a 1024-bit Bloom filter (a cryptographic long-term key). Each field is\n"
		"folded as `link dedup` folds it and cut into pairs of letters; each pair sets\n"
		"BITS bits (default 10 for text and dates, 8 for ids) chosen by a BLAKE2b hash\n"
		"keyed with the secret of --secret-file and the field's position. The file\n"
		"holds the record ids and the filters, never a value in clear; its header\n"
		"carries the schema (kinds and bits, not column names) and a fingerprint of\n"
		"schema and secret, so that `link match` refuses two files made with another\n"
		"secret or schema. The two parties agree on the secret (at least 16 bytes) and\n"
		"on the fields, in the same order, through official channels; the ids must\n"
		"identify no one (record numbers, not names or documents).\n"
		"\n"
		"With --as USER instead of --csv, the persons of the register are encoded:\n"
		"those of the cases you may read whose identity you may reveal there (with\n"
		"--role, only victims or only suspects), one record per person with the id\n"
		"P<person id>, on name, birth date, sex and nationality; identities are\n"
		"opened in memory only and wiped; audited. An agency's CSV matches it when\n"
		"encoded with --fields NAME,BIRTH:date,SEX:id,NATIONALITY:id (sex and\n"
		"nationality written as the register's codes: female, PE)."),
	.examples = N_("head -c 32 /dev/urandom | base64 > shared.key   # once, shared with the other party\n"
		"khipu link encode --csv victims.csv --id nro --fields nombres,apellidos,nacimiento:date "
		"--secret-file shared.key --out pe.clk"),
	.opts = {
		{ "csv", "FILE", N_("the records, CSV with a header (- = standard input)") },
		{ "id", "COLUMN", N_("the column that identifies each record") },
		{ "fields", "LIST", N_("columns to encode, comma-separated, each COLUMN[:KIND[:BITS]]") },
		{ "secret-file", "KEY", N_("the secret both parties agreed (16 bytes or more)") },
		{ "out", "FILE", N_("the encoded file (- = standard output)") },
		{ "role", "ROLE", N_("with --as: victim or suspect only") },
	},
	.flags = CMD_OPEN_AS,
	.run = run_link_encode,
};

static int
run_link_match(struct cmd_ctx *ctx)
{
	struct app_link_match_opts o = { ctx->args[0], ctx->args[1], 0, cmd_opt(ctx, "out") };
	struct app_link_match_report rep;
	enum kerr_code rc;

	if (o.out == NULL)
		return cmd_usage_error(ctx, "%s", _("--out is required"));
	if (parse_threshold(ctx, 0.8, &o.threshold) != 0)
		return 2;
	if ((rc = app_link_match(&o, &rep, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	fprintf(stderr, _("%zu x %zu records, %zu pairs compared (the others pruned by bit counts), "
		"%zu at or above %.2f, %zu one-to-one matches (%.2f s)\n"), rep.na, rep.nb,
		rep.compared, rep.candidates, o.threshold, rep.matches, rep.seconds);
	return 0;
}

const struct cmd cmd_link_match = {
	.name = "link match",
	.usage = "link match A.clk B.clk [--threshold D] --out MATCHES.csv",
	.summary = N_("Match two encoded files (privacy-preserving record linkage)"),
	.description =
		N_("Compares every filter of A with every filter of B by the Dice coefficient,\n"
		"2|a AND b| / (|a| + |b|) counted with popcount, skipping the pairs whose bit\n"
		"counts alone cannot reach the threshold, then keeps a one-to-one assignment:\n"
		"the best-scoring pair first, each record at most once. MATCHES.csv gets\n"
		"a_id,b_id,score with the ids as given at encoding; each side then asks the\n"
		"other, through official channels, about those record ids only. Files\n"
		"encoded with another secret or other fields are refused."),
	.examples = N_("khipu link match pe.clk bo.clk --out matches.csv\n"
		"khipu link match pe.clk bo.clk --threshold 0.85 --out -"),
	.opts = {
		{ "threshold", "D", N_("lowest Dice coefficient, between 0 and 1 (default 0.8)") },
		{ "out", "FILE", N_("the matches, CSV (- = standard output)") },
	},
	.min_args = 2,
	.max_args = 2,
	.run = run_link_match,
};
