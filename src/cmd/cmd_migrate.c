/* cmd_migrate.c — khipu migrate: move a register to another database. */
#include "cmd/cmd.h"

#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"
#include "lib/xalloc.h"

/* The key file: --key-file or KHIPU_KEY_FILE when given, else the one
 * beside a SQLite source (PATH.key), as for any command on that file. */
static char *
migrate_key(const struct cmd_ctx *ctx, const char *from)
{
	const char *env = getenv("KHIPU_KEY_FILE"), *db = ctx->db;
	char *dflt;
	int given;

	if (strncmp(db, "sqlite:", 7) == 0)
		db += 7;
	dflt = xasprintf("%s.key", db);
	given = (env != NULL && *env) ||
		(ctx->key_file != NULL && strcmp(ctx->key_file, dflt) != 0);
	free(dflt);
	if (given)
		return xstrdup(ctx->key_file);
	if (strstr(from, "://") != NULL)
		return NULL;
	if (strncmp(from, "sqlite:", 7) == 0)
		from += 7;
	return xasprintf("%s.key", from);
}

static int
run_migrate(struct cmd_ctx *ctx)
{
	const char *from = cmd_opt(ctx, "from"), *to = cmd_opt(ctx, "to");
	struct app_migrate_report rep;
	char *key, *shown_from, *shown_to;
	enum kerr_code rc;

	if (from == NULL || to == NULL)
		return cmd_usage_error(ctx, "--from and --to are both required");
	if ((key = migrate_key(ctx, from)) == NULL)
		return cmd_usage_error(ctx, "name the register's key file with --key-file FILE "
			"or KHIPU_KEY_FILE");
	rc = app_migrate(from, to, key, cmd_progress, ctx, &rep, &ctx->err);
	free(key);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	shown_from = store_url_redact(from);
	shown_to = store_url_redact(to);
	printf(_("register moved from '%s' to '%s': %lld cases, audit trail of %lld entries "
		"verified\n"), shown_from, shown_to, (long long)rep.cases,
		(long long)rep.audit_entries);
	free(shown_from);
	free(shown_to);
	return 0;
}

const struct cmd cmd_migrate = {
	.name = "migrate",
	.usage = "migrate --from sqlite:PATH --to postgresql://... [--key-file FILE]",
	.summary = "Move a whole register into another database",
	.description =
		"Moves the register at --from (an office's SQLite file) into the empty\n"
		"database at --to (the national PostgreSQL server, created by its\n"
		"administrator). Every row moves as it is: identities stay sealed with the same\n"
		"key and the audit trail keeps every entry. The copy is compared with its\n"
		"source row for row, the key and the audit trail are verified on the target,\n"
		"and the move is recorded in the target's audit trail, all in one transaction:\n"
		"on any error nothing is written. The source is only read; keep it until the\n"
		"offices work on the new register. The key file is the source's (--key-file,\n"
		"KHIPU_KEY_FILE, or PATH.key beside the file); use the same one with --to\n"
		"afterwards.",
	.opts = {
		{ "from", "URL", "the register to move: sqlite:PATH (or a PATH)" },
		{ "to", "URL", "the empty target database: postgresql://USER@HOST/DB" },
	},
	.run = run_migrate,
};
