/* cmd_maint.c — khipu backup, restore, check and key rotate. */
#include "cmd/cmd.h"

#include <stdlib.h>

static int
run_backup(struct cmd_ctx *ctx)
{
	const char *out = cmd_opt(ctx, "out");
	enum kerr_code rc;

	if (out == NULL)
		return cmd_usage_error(ctx, "%s", _("--out FILE is required"));
	if ((rc = app_backup(ctx->app, &ctx->actor, out, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("backup written to '%s' (identities stay sealed; keep the key file apart)\n"), out);
	return 0;
}

static int
run_restore(struct cmd_ctx *ctx)
{
	const char *from = cmd_opt(ctx, "from");
	enum kerr_code rc;

	if (from == NULL)
		return cmd_usage_error(ctx, "%s", _("--from FILE is required"));
	if (ctx->app == NULL) {   /* no register here: disaster recovery */
		char *shown = store_url_redact(ctx->db);
		rc = app_restore_new(ctx->db, ctx->key_file, from, &ctx->err);
		if (rc == KERR_OK)
			printf(_("register '%s' rebuilt from '%s' with key file '%s'; audit trail "
				"verified\n"), shown, from, ctx->key_file);
		free(shown);
		return rc == KERR_OK ? 0 : cmd_fail(ctx, rc);
	}
	if ((rc = app_restore(ctx->app, &ctx->actor, from, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("register restored from '%s'; audit trail verified\n"), from);
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
	printf(_("register '%s' is sound: database integrity, foreign keys, key, audit trail\n"),
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
	printf(_("new key in '%s'; %zu sealed values and every blind index redone\n"),
		ctx->key_file, n);
	return 0;
}

const struct cmd cmd_backup = {
	.name = "backup",
	.usage = "backup --out FILE [--as ADMIN]",
	.summary = N_("Write an online, consistent copy of the register"),
	.description =
		N_("Copies the whole database while it stays in use; the copy is one consistent\n"
		"moment of the register. Identities stay sealed in the copy: store the key file\n"
		"apart from it (a backup without its key reveals nothing, and a key without the\n"
		"backup nothing either). Refuses to overwrite FILE. Administrators (or the\n"
		"holder of the key file, without --as) may back up; the backup is audited, and\n"
		"the copy holds the record of itself."),
	.examples = N_("khipu backup --out /backups/khipu-2024-06-01.db"),
	.opts = { { "out", "FILE", N_("the backup file to create") } },
	.flags = CMD_OPEN | CMD_SYSTEM,
	.run = run_backup,
};

const struct cmd cmd_restore = {
	.name = "restore",
	.usage = "restore --from FILE [--as ADMIN]",
	.summary = N_("Replace the register with a backup"),
	.description =
		N_("First checks the backup itself, read-only: it must be a khipu register sealed\n"
		"with this key file and its audit trail must verify; otherwise nothing is\n"
		"touched. Then replaces the database's contents with the backup's in one step,\n"
		"verifies the audit trail again and records the restore in it. A backup made\n"
		"before a key rotation is resealed with the current key and its search indexes\n"
		"rebuilt. Everything written after the backup was taken is gone: back up the\n"
		"current register first if in doubt. Administrators (or the holder of the key\n"
		"file) may restore.\n"
		"\n"
		"On a new machine, where --db names no register yet (no such SQLite file; an\n"
		"empty PostgreSQL database), restore rebuilds the register from the backup and\n"
		"the key file alone, without --as; it checks the backup the same way first and\n"
		"leaves nothing behind if anything fails. Attachments come back with the rest.\n"
		"See docs/admin-guide.md, 'Restore on a new machine'."),
	.examples = N_("khipu backup --out /backups/before-restore.db\n"
		"khipu restore --from /backups/khipu-2024-06-01.db\n"
		"khipu --db /srv/khipu/khipu.db --key-file /srv/khipu/khipu.db.key restore \\\n"
		"      --from /media/backup/khipu-2024-06-01.db   # a new machine"),
	.opts = { { "from", "FILE", N_("a file written by 'khipu backup'") } },
	.flags = CMD_OPEN | CMD_SYSTEM | CMD_NEW_OK,
	.run = run_restore,
};

const struct cmd cmd_check = {
	.name = "check",
	.usage = "check",
	.summary = N_("Check the register's integrity"),
	.description =
		N_("Runs the database's integrity and foreign-key checks, checks that the key file\n"
		"belongs to the register and verifies the audit trail. Exits 0 when all is well;\n"
		"otherwise prints what failed and exits non-zero (8 for a failed check). Writes\n"
		"nothing. Run it after a crash, before and after a restore, and from cron."),
	.examples = N_("khipu check\nkhipu --db /srv/khipu/khipu.db check || mail -s 'khipu check failed' root"),
	.flags = CMD_OPEN,
	.run = run_check,
};

const struct cmd cmd_key_rotate = {
	.name = "key rotate",
	.usage = "key rotate [--as ADMIN]",
	.summary = N_("Add a new key and reseal every identity with it"),
	.description =
		N_("Adds a new key to the key file, reseals every sealed value with it and\n"
		"rebuilds the blind indexes, in one transaction; if it fails, the register is\n"
		"as before and the old key still opens it. Old keys stay in the file so old\n"
		"backups and audit entries can still be read. Back up the key file after, and\n"
		"make a new backup of the register. Administrators (or the holder of the key\n"
		"file) may rotate."),
	.examples = N_("khipu key rotate --as ana && cp -p var/khipu.db.key /safe/place/"),
	.flags = CMD_OPEN | CMD_SYSTEM,
	.run = run_key_rotate,
};
