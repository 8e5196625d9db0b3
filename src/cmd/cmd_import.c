/* cmd_import.c — khipu import ctdc: CTDC files into statistical records. */
#include "cmd/cmd.h"

#include <string.h>

#include "app/opendata.h"
#include "lib/i18n.h"

static void
print_report(const struct app_import_report *r, int dry)
{
	size_t i;

	fprintf(stderr, _("format: %s (%s), %zu of its %zu columns\n"),
		ctdc_format_name(r->info.format), ctdc_format_title(r->info.format),
		r->info.nknown, r->info.nformat);
	if (r->info.nignored)
		fprintf(stderr, _("ignored %zu unknown columns: %s\n"), r->info.nignored,
			r->info.ignored);
	fprintf(stderr, _("rows read: %zu, good: %zu, rejected: %zu\n"), r->info.rows, r->records,
		r->rejected);
	for (i = 0; i < r->nlisted; i++)
		fprintf(stderr, _("  row %zu (line %zu), column '%s': %s\n"), r->listed[i].row,
			r->listed[i].row + 1, r->listed[i].field, r->listed[i].msg);
	if (r->rejected > r->nlisted)
		fprintf(stderr, _("  ... and %zu more rejected rows\n"), r->rejected - r->nlisted);
	if (dry && r->rejected == 0)
		fprintf(stderr, _("dry run: nothing imported\n"));
}

static int
run_import_ctdc(struct cmd_ctx *ctx)
{
	struct app_import_report *rep = arena_alloc(&ctx->arena, sizeof(*rep));
	int flags = 0, dry = cmd_opt(ctx, "dry-run") != NULL;
	enum kerr_code rc;

	if (dry)
		flags |= APP_IMPORT_DRY_RUN;
	if (cmd_opt(ctx, "ignore-unknown-columns"))
		flags |= APP_IMPORT_IGNORE_UNKNOWN;
	rc = app_import_ctdc(ctx->app, &ctx->actor, ctx->args[0], cmd_opt(ctx, "source"), flags,
		rep, &ctx->err);
	if (rc == KERR_OK || rep->rejected > 0)
		print_report(rep, dry);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	if (rep->imported)
		printf(_("%zu records imported as source '%s'\n"), rep->records, rep->source);
	else
		printf(_("%zu records would be imported as source '%s'\n"), rep->records,
			rep->source);
	return 0;
}

const struct cmd cmd_import_ctdc = {
	.name = "import ctdc",
	.usage = "import ctdc FILE --as USER [--dry-run] [--ignore-unknown-columns] [--source NAME]",
	.summary = "Import a CTDC dataset as statistical records (no identities)",
	.description =
		"Reads a Counter-Trafficking Data Collaborative file: the k-anonymised Global\n"
		"Dataset (63 columns, -99 for unknown), the Global Synthetic Datasets of 2021\n"
		"and 2024/2025, the Victim-Perpetrator Synthetic Dataset of 2022, or an extract\n"
		"with some of a format's columns. The format is told from the header; a column\n"
		"no format has is an error unless --ignore-unknown-columns. Every row becomes a\n"
		"statistical victim record tagged with its source ('ctdc:' and the file name\n"
		"unless --source), counted by 'khipu stats' (--by source, --where source=...).\n"
		"All or nothing: a row with a value its column does not allow, a truncated file\n"
		"or broken CSV imports nothing; the rejected rows are listed with the column and\n"
		"the reason. --dry-run checks and reports without writing.",
	.opts = {
		{ "dry-run", NULL, "check the file and report; import nothing" },
		{ "ignore-unknown-columns", NULL, "skip columns no CTDC format has" },
		{ "source", "NAME", "the source tag of the records (default ctdc:FILE)" },
	},
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_import_ctdc,
};
