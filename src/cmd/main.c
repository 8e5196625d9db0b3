/*
 * main.c — khipu's entry point: global options, the command table, dispatch.
 *
 *   khipu [--db PATH] [--key-file PATH] COMMAND [SUBCOMMAND] [OPTIONS] [ARGS]
 *
 * --db defaults to $KHIPU_DB, then var/khipu.db; --key-file to
 * $KHIPU_KEY_FILE, then the database path + ".key" (none for a
 * postgresql:// url: the key file must then be named). --db-read URL (or
 * $KHIPU_DB_READ) sends the reads that may lag to a streaming replica.
 */
#include "cmd/cmd.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/xalloc.h"

const struct cmd *const cmd_table[] = {
	&cmd_init,
	&cmd_demo,
	&cmd_office_add, &cmd_office_list,
	&cmd_user_add, &cmd_user_list, &cmd_user_lock, &cmd_user_unlock, &cmd_user_role, &cmd_user_passwd,
	&cmd_case_add, &cmd_case_list, &cmd_case_show, &cmd_case_event, &cmd_case_outcome,
	&cmd_case_deadlines,
	&cmd_case_update, &cmd_case_edit, &cmd_case_history,
	&cmd_case_assign, &cmd_case_transfer,
	&cmd_case_protect, &cmd_case_asset, &cmd_police_reconcile,
	&cmd_case_attach, &cmd_case_attachments, &cmd_case_attachment_get,
	&cmd_person_search, &cmd_identifier_search, &cmd_dedup,
	&cmd_person_merge, &cmd_person_unmerge, &cmd_dedup_reject, &cmd_network,
	&cmd_link_dedup, &cmd_link_evaluate, &cmd_link_encode, &cmd_link_match,
	&cmd_mla_add, &cmd_mla_list, &cmd_mla_show, &cmd_mla_update,
	&cmd_exchange_keygen, &cmd_exchange_key, &cmd_exchange_peer_add, &cmd_exchange_peer_list,
	&cmd_exchange_peer_remove, &cmd_exchange_pack, &cmd_exchange_open,
	&cmd_export_htcds, &cmd_import_htcds,
	&cmd_audit_verify, &cmd_audit_show,
	&cmd_backup, &cmd_restore, &cmd_check,
	&cmd_key_rotate,
	&cmd_migrate,
	&cmd_codebook,
	&cmd_serve, &cmd_token_create, &cmd_token_revoke, &cmd_user_totp,
	&cmd_stats,
	&cmd_import_ctdc,
	&cmd_export_ctdc, &cmd_export_unodc, &cmd_export_xlsx,
	&cmd_help, &cmd_man,
	NULL,
};

const char *
cmd_opt(const struct cmd_ctx *ctx, const char *name)
{
	int i;

	for (i = 0; i < CMD_MAX_OPTS && ctx->cmd->opts[i].name != NULL; i++)
		if (strcmp(ctx->cmd->opts[i].name, name) == 0)
			return ctx->values[i];
	return NULL;
}

int
cmd_fail(struct cmd_ctx *ctx, enum kerr_code code)
{
	if (ctx->err.code == KERR_OK)
		ctx->err.code = code;
	fprintf(stderr, "khipu: %s\n", ctx->err.msg[0] ? ctx->err.msg : kerr_name(ctx->err.code));
	return kerr_exit_status(ctx->err.code);
}

int
cmd_usage_error(struct cmd_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "khipu: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s: khipu %s\n", _("usage"), ctx->cmd->usage);
	fprintf(stderr, _("(see 'khipu %s --help')\n"), ctx->cmd->name);
	return kerr_exit_status(KERR_INVALID);
}

/* The command named by the first one, two or three words of argv. */
static const struct cmd *
find_cmd(int argc, char **argv, int *words)
{
	const struct cmd *const *c;
	char two[128];

	if (argc >= 3) {
		snprintf(two, sizeof(two), "%s %s %s", argv[0], argv[1], argv[2]);
		for (c = cmd_table; *c != NULL; c++)
			if (strcmp((*c)->name, two) == 0) {
				*words = 3;
				return *c;
			}
	}
	if (argc >= 2) {
		snprintf(two, sizeof(two), "%s %s", argv[0], argv[1]);
		for (c = cmd_table; *c != NULL; c++)
			if (strcmp((*c)->name, two) == 0) {
				*words = 2;
				return *c;
			}
	}
	for (c = cmd_table; *c != NULL; c++)
		if (argc >= 1 && strcmp((*c)->name, argv[0]) == 0) {
			*words = 1;
			return *c;
		}
	return NULL;
}

static int
opt_index(const struct cmd *c, const char *name, size_t len)
{
	int i;

	for (i = 0; i < CMD_MAX_OPTS && c->opts[i].name != NULL; i++)
		if (strlen(c->opts[i].name) == len && strncmp(c->opts[i].name, name, len) == 0)
			return i;
	return -1;
}

/* A global option given after the command ("--db", "--key-file", "--as"). */
static const char **
global_slot(struct cmd_ctx *ctx, const char *name, size_t len)
{
	if (len == 2 && strncmp(name, "db", 2) == 0)
		return &ctx->db;
	if (len == 7 && strncmp(name, "db-read", 7) == 0)
		return &ctx->db_read;
	if (len == 8 && strncmp(name, "key-file", 8) == 0)
		return &ctx->key_file;
	if (len == 2 && strncmp(name, "as", 2) == 0 &&
	    (ctx->cmd->flags & (CMD_ACTOR | CMD_SYSTEM | CMD_OPEN_AS)))
		return &ctx->as;
	return NULL;
}

/* Name the missing positional argument by its placeholder in the usage
 * ("case show ID|NUMBER ..." -> "ID|NUMBER"). */
static int
missing_argument(struct cmd_ctx *ctx)
{
	const char *u = ctx->cmd->usage + strlen(ctx->cmd->name), *w;
	int k = 0, opt = 0;
	size_t len;

	for (;;) {
		u += strspn(u, " ");
		if (*u == '\0')
			break;
		len = strcspn(u, " ");
		w = u;
		u += len;
		if (*w == '-' || *w == '[' || *w == '(' || *w == '<') {
			opt = *w == '-';
			continue;
		}
		if (opt) {      /* the value of "--as USER" is no argument */
			opt = 0;
			continue;
		}
		if (k++ == ctx->nargs)
			return cmd_usage_error(ctx, _("missing argument %.*s"), (int)len, w);
	}
	return cmd_usage_error(ctx, "%s", _("missing argument"));
}

/* Parse "--name value", "--name=value", flags and positional arguments.
 * Returns 0, 1 when --help was asked, or an exit status > 1. */
static int
parse_args(struct cmd_ctx *ctx, int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *name, *eq, *value = NULL, **slot;
		size_t len;
		int k;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return 1;
		if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			if (ctx->nargs >= ctx->cmd->max_args)
				return cmd_usage_error(ctx, _("unexpected argument '%s'"), a);
			ctx->args[ctx->nargs++] = a;
			continue;
		}
		name = a + 2;
		eq = strchr(name, '=');
		len = eq ? (size_t)(eq - name) : strlen(name);
		k = opt_index(ctx->cmd, name, len);
		slot = k >= 0 ? &ctx->values[k] : global_slot(ctx, name, len);
		if (slot == NULL)
			return cmd_usage_error(ctx, _("unknown option '--%.*s'"), (int)len, name);
		if (k >= 0 && ctx->cmd->opts[k].arg == NULL) {
			if (eq != NULL)
				return cmd_usage_error(ctx, _("option '--%.*s' takes no value"), (int)len, name);
			*slot = "1";
			continue;
		}
		if (eq != NULL)
			value = eq + 1;
		else if (i + 1 < argc)
			value = argv[++i];
		else
			return cmd_usage_error(ctx, _("option '--%.*s' needs a value"), (int)len, name);
		if (k >= 0 && ctx->cmd->opts[k].repeat && *slot != NULL)
			*slot = arena_printf(&ctx->arena, "%s\n%s", *slot, value);
		else
			*slot = value;
	}
	if (ctx->nargs < ctx->cmd->min_args)
		return missing_argument(ctx);
	return 0;
}

static char *
default_key_file(const char *db)
{
	const char *env = getenv("KHIPU_KEY_FILE");

	if (env != NULL && *env)
		return xstrdup(env);
	if (strstr(db, "://") != NULL)
		return NULL;   /* a database server: no file to put the key beside */
	if (strncmp(db, "sqlite:", 7) == 0)
		db += 7;
	return xasprintf("%s.key", db);
}

static int
run_cmd(struct cmd_ctx *ctx)
{
	enum kerr_code rc;
	int flags = ctx->cmd->flags;

	if ((flags & CMD_OPEN_AS) && ctx->as == NULL) {   /* files only */
		app_system_actor(&ctx->actor);
		return ctx->cmd->run(ctx);
	}
	if (flags & CMD_OPEN_AS)
		flags |= CMD_OPEN | CMD_ACTOR;
	if ((flags & CMD_OPEN) && ctx->key_file == NULL)
		return cmd_usage_error(ctx, "a database server needs its key file: give "
			"--key-file FILE or set KHIPU_KEY_FILE");
	if (flags & CMD_NEW_OK) {
		int exists = 0;
		if ((rc = app_register_exists(ctx->db, &exists, &ctx->err)) != KERR_OK)
			return cmd_fail(ctx, rc);
		if (!exists) {
			if (ctx->as != NULL)
				return cmd_usage_error(ctx, _("--as: there is no register here yet to "
					"find user '%s' in; run it without --as, as the holder of the "
					"key file"), ctx->as);
			app_system_actor(&ctx->actor);
			return ctx->cmd->run(ctx);
		}
	}
	if (flags & CMD_OPEN) {
		rc = app_open(ctx->db, ctx->key_file, &ctx->app, &ctx->err);
		if (rc == KERR_OK && ctx->db_read != NULL && *ctx->db_read)
			rc = app_open_read(ctx->app, ctx->db_read, &ctx->err);
		if (rc != KERR_OK)
			return cmd_fail(ctx, rc);
	}
	if (flags & CMD_ACTOR || ((flags & CMD_SYSTEM) && ctx->as)) {
		if (ctx->as == NULL)
			return cmd_usage_error(ctx, "%s", _("missing option '--as USER'"));
		rc = app_actor(ctx->app, ctx->as, &ctx->arena, &ctx->actor, &ctx->err);
		if (rc != KERR_OK)
			return cmd_fail(ctx, rc);
	} else {
		app_system_actor(&ctx->actor);
	}
	return ctx->cmd->run(ctx);
}

static int
global_options(int *argc, char ***argv, const char **db, const char **key,
	const char **db_read, int *status)
{
	while (*argc > 0 && strncmp((*argv)[0], "--", 2) == 0) {
		const char *a = (*argv)[0];
		if (strcmp(a, "--version") == 0) {
			printf("khipu %s\n", KHIPU_VERSION);
			*status = 0;
			return 1;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			cmd_print_overview(stdout);
			*status = 0;
			return 1;
		}
		if (strcmp(a, "--db-read") == 0 && *argc >= 2) {
			*db_read = (*argv)[1];
			*argc -= 2;
			*argv += 2;
			continue;
		}
		if (strncmp(a, "--db-read=", 10) == 0) {
			*db_read = a + 10;
			(*argc)--;
			(*argv)++;
			continue;
		}
		if ((strcmp(a, "--db") == 0 || strcmp(a, "--key-file") == 0) && *argc >= 2) {
			*(strcmp(a, "--db") == 0 ? db : key) = (*argv)[1];
			*argc -= 2;
			*argv += 2;
			continue;
		}
		if (strncmp(a, "--db=", 5) == 0 || strncmp(a, "--key-file=", 11) == 0) {
			*(a[2] == 'd' ? db : key) = strchr(a, '=') + 1;
			(*argc)--;
			(*argv)++;
			continue;
		}
		fprintf(stderr, _("khipu: unknown option '%s'; see 'khipu --help'\n"), a);
		*status = 2;
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct cmd_ctx ctx;
	const char *db = getenv("KHIPU_DB"), *key = NULL, *db_read = getenv("KHIPU_DB_READ");
	char *keybuf = NULL;
	int words, status;

	argc--;
	argv++;
	if (global_options(&argc, &argv, &db, &key, &db_read, &status))
		return status;
	if (argc == 0) {
		cmd_print_overview(stderr);
		return 2;
	}
	memset(&ctx, 0, sizeof(ctx));
	arena_init(&ctx.arena);
	ctx.cmd = find_cmd(argc, argv, &words);
	if (ctx.cmd == NULL) {
		fprintf(stderr, _("khipu: '%s' is not a khipu command; see 'khipu --help'\n"), argv[0]);
		return 2;
	}
	ctx.interactive = isatty(STDERR_FILENO);
	ctx.db = db;
	ctx.db_read = db_read;
	ctx.key_file = key;
	status = parse_args(&ctx, argc - words, argv + words);
	if (status == 1) {
		cmd_print_help(stdout, ctx.cmd);
		status = 0;
	} else if (status == 0) {
		if (ctx.db == NULL || *ctx.db == '\0')
			ctx.db = "var/khipu.db";
		if (ctx.key_file == NULL)
			ctx.key_file = keybuf = default_key_file(ctx.db);
		status = run_cmd(&ctx);
	}
	app_close(ctx.app);
	arena_release(&ctx.arena);
	free(keybuf);
	return status;
}
