/* cmd_maint.c — khipu backup, restore, check and key rotate. */
#include "cmd/cmd.h"

#include <stdlib.h>

static int
run_backup(struct cmd_ctx *ctx)
{
	const char *out = cmd_opt(ctx, "out");
	enum kerr_code rc;

	if (out == NULL)
		return cmd_usage_error(ctx, "--out FILE is required");
	if ((rc = app_backup(ctx->app, &ctx->actor, out, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	printf("backup written to '%s' (identities stay sealed; keep the key file apart)\n", out);
	return 0;
}

static int
run_restore(struct cmd_ctx *ctx)
{
	const char *from = cmd_opt(ctx, "from");
	enum kerr_code rc;

	if (from == NULL)
		return cmd_usage_error(ctx, "--from FILE is required");
	if ((rc = app_restore(ctx->app, &ctx->actor, from, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	printf("register restored from '%s'; audit trail verified\n", from);
	return 0;
}

static void
report_line(void *ctx, const char *line)
{
	(void)ctx;
	printf("  %s\n", line);
}

static int
run_check(struct cmd_ctx *ctx)
{
	enum kerr_code rc = app_check(ctx->app, report_line, ctx, &ctx->err);
	char *shown;

	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	shown = store_url_redact(ctx->db);
	printf("register '%s' is sound: database integrity, foreign keys, key, audit trail\n",
		shown);
	free(shown);
	return 0;
}

static int
run_key_rotate(struct cmd_ctx *ctx)
{
	size_t n;
	enum kerr_code rc = app_key_rotate(ctx->app, &ctx->actor, &n, &ctx->err);

	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf("new key in '%s'; %zu sealed values and every blind index redone\n",
		ctx->key_file, n);
	return 0;
}

const struct cmd cmd_backup = {
	.name = "backup",
	.usage = "backup --out FILE [--as ADMIN]",
	.summary = "Write an online, consistent copy of the register",
	.description =
		"Copies the whole database while it stays in use. Identities stay sealed in\n"
		"the copy: store the key file apart from it. Refuses to overwrite FILE.",
	.opts = { { "out", "FILE", "the backup file to create" } },
	.flags = CMD_OPEN | CMD_SYSTEM,
	.run = run_backup,
};

const struct cmd cmd_restore = {
	.name = "restore",
	.usage = "restore --from FILE [--as ADMIN]",
	.summary = "Replace the register with a backup",
	.description =
		"Replaces the database's contents with the backup's in one step, then verifies\n"
		"the audit trail with the key file. The backup must come from this register\n"
		"(same key).",
	.opts = { { "from", "FILE", "a file written by 'khipu backup'" } },
	.flags = CMD_OPEN | CMD_SYSTEM,
	.run = run_restore,
};

const struct cmd cmd_check = {
	.name = "check",
	.usage = "check",
	.summary = "Check the register's integrity",
	.description =
		"Runs the database's integrity and foreign-key checks, checks that the key file\n"
		"belongs to the register and verifies the audit trail. Exits 0 when all is well.",
	.flags = CMD_OPEN,
	.run = run_check,
};

const struct cmd cmd_key_rotate = {
	.name = "key rotate",
	.usage = "key rotate [--as ADMIN]",
	.summary = "Add a new key and reseal every identity with it",
	.description =
		"Adds a new key to the key file, reseals every sealed value with it and\n"
		"rebuilds the blind indexes, in one transaction. Old keys stay in the file so\n"
		"old backups and audit entries can still be read. Back up the key file after.",
	.flags = CMD_OPEN | CMD_SYSTEM,
	.run = run_key_rotate,
};
