/* cmd_init.c — khipu init: create a register and its key file. */
#include "cmd/cmd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

/* Create the folder that will hold the database (var/ by default). */
static void
make_parent(const char *db)
{
	char dir[4096];
	char *slash;

	if (strncmp(db, "sqlite:", 7) == 0)
		db += 7;
	else if (strstr(db, "://") != NULL)
		return;   /* a database server */
	snprintf(dir, sizeof(dir), "%s", db);
	if ((slash = strrchr(dir, '/')) == NULL || slash == dir)
		return;
	*slash = '\0';
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		fprintf(stderr, _("khipu: cannot create the folder '%s': %s\n"), dir, strerror(errno));
}

static int
run_init(struct cmd_ctx *ctx)
{
	const char *admin = cmd_opt(ctx, "admin");
	char *password = NULL, *shown;
	enum kerr_code rc;

	if (ctx->key_file == NULL)
		return cmd_usage_error(ctx, "a database server needs its key file: give "
			"--key-file FILE or set KHIPU_KEY_FILE");
	if (admin != NULL && !cmd_opt(ctx, "password-stdin"))
		return cmd_usage_error(ctx, "%s", _("--admin needs --password-stdin"));
	if (admin != NULL && (password = cmd_read_password(ctx)) == NULL)
		return cmd_fail(ctx, KERR_INVALID);
	make_parent(ctx->db);
	rc = app_init(ctx->db, ctx->key_file, admin, password, &ctx->err);
	if (password != NULL) {
		sodium_memzero(password, strlen(password));
		free(password);
	}
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	shown = store_url_redact(ctx->db);
	printf(_("created register '%s' with key file '%s'\n"), shown, ctx->key_file);
	free(shown);
	fputs(_("keep the key file safe and apart from backups: without it nothing sealed can "
		"be read\n"), stdout);
	return 0;
}

const struct cmd cmd_init = {
	.name = "init",
	.usage = "init [--admin NAME --password-stdin]",
	.summary = N_("Create a new register and its key file"),
	.description =
		N_("Creates the database named by --db (default var/khipu.db, creating its folder)\n"
		"and a new key file (mode 0600) named by --key-file (default: the database path\n"
		"+ .key). Refuses to touch an existing database or key file: a key is never\n"
		"replaced silently. With --admin, also creates an administrator whose password\n"
		"(at least 10 characters) is read from the first line of standard input.\n"
		"Without it, the holder of the key file acts as the system (commands without\n"
		"--as) and can add the first administrator with 'khipu user add'. Copy the key\n"
		"file to a safe place at once: without it nothing sealed can ever be read."),
	.examples = N_("khipu init --admin ana --password-stdin < pw.txt\n"
		"khipu --db /srv/khipu/khipu.db --key-file /etc/khipu/khipu.key init"),
	.opts = {
		{ "admin", "NAME", N_("create an administrator with this login name") },
		{ "password-stdin", NULL, N_("read the administrator's password from standard input") },
	},
	.run = run_init,
};
