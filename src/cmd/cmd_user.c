/* cmd_user.c — khipu user add|list|lock|unlock|passwd. */
#include "cmd/cmd.h"
#include "core/policy.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

static void
forget(char *password)
{
	if (password == NULL)
		return;
	sodium_memzero(password, strlen(password));
	free(password);
}

static int
run_user_add(struct cmd_ctx *ctx)
{
	const char *name = ctx->args[0];
	char *password;
	enum kerr_code rc;

	if (cmd_opt(ctx, "role") == NULL)
		return cmd_usage_error(ctx, "%s",
			_("--role is required: admin, prosecutor, police, analyst, auditor or liaison"));
	/* refuse before asking for a password the actor may not set */
	if (policy_check(&ctx->actor, POL_USER_MANAGE, NULL, &ctx->err) != KERR_OK)
		return cmd_fail(ctx, KERR_DENIED);
	if ((password = cmd_read_password(ctx)) == NULL)
		return cmd_fail(ctx, KERR_INVALID);
	rc = app_user_add(ctx->app, &ctx->actor, name, cmd_opt(ctx, "role"),
		cmd_opt(ctx, "office"), password, &ctx->err);
	forget(password);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("user '%s' added\n"), name);
	return 0;
}

static const char *
office_code(const struct office *o, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; id != 0 && i < n; i++)
		if (o[i].id == id)
			return o[i].code;
	return NULL;
}

static int
run_user_list(struct cmd_ctx *ctx)
{
	static const char *const head[] = { N_("id"), N_("name"), N_("role"), N_("office"),
		N_("locked") };
	const char *format = cmd_format(ctx, "table,csv,json", "table");
	struct user *u;
	struct office *o = NULL;
	size_t n, no, i;
	enum kerr_code rc;

	if (format == NULL)
		return 2;
	rc = app_user_list(ctx->app, &ctx->actor, &ctx->arena, &u, &n, &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	/* offices by code: every user may list them (they name no person) */
	if (app_office_list(ctx->app, &ctx->actor, &ctx->arena, &o, &no, &ctx->err) != KERR_OK)
		no = 0;
	if (strcmp(format, "json") == 0) {
		json_t *arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:o,s:s?,s:b}",
				"id", (json_int_t)u[i].id, "name", u[i].name,
				"role", policy_role_name(u[i].role), "office_id",
				u[i].office_id ? json_integer(u[i].office_id) : json_null(),
				"office", office_code(o, no, u[i].office_id), "locked", u[i].locked));
		cmd_json_print(arr, stdout);
		return 0;
	}
	struct cmd_table *t = cmd_table_new(5, head);
	for (i = 0; i < n; i++) {
		char id[24];
		const char *office = office_code(o, no, u[i].office_id);
		snprintf(id, sizeof(id), "%lld", (long long)u[i].id);
		const char *row[] = { id, u[i].name, policy_role_name(u[i].role),
			office ? office : "",
			strcmp(format, "csv") == 0 ? (u[i].locked ? "yes" : "no") :
			u[i].locked ? _("yes") : _("no") };
		cmd_table_row(t, row);
	}
	cmd_table_print(t, stdout, format);
	return 0;
}

static int
set_locked(struct cmd_ctx *ctx, int locked)
{
	enum kerr_code rc = app_user_set_locked(ctx->app, &ctx->actor, ctx->args[0], locked,
		&ctx->err);

	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(locked ? _("user '%s' locked\n") : _("user '%s' unlocked\n"), ctx->args[0]);
	return 0;
}

static int run_user_lock(struct cmd_ctx *ctx) { return set_locked(ctx, 1); }
static int run_user_unlock(struct cmd_ctx *ctx) { return set_locked(ctx, 0); }

static int
run_user_role(struct cmd_ctx *ctx)
{
	enum kerr_code rc;

	if (cmd_opt(ctx, "role") == NULL)
		return cmd_usage_error(ctx, "%s",
			_("--role is required: admin, prosecutor, police, analyst, auditor or liaison"));
	rc = app_user_set_role(ctx->app, &ctx->actor, ctx->args[0], cmd_opt(ctx, "role"),
		cmd_opt(ctx, "office"), &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("user '%s' is now %s\n"), ctx->args[0], cmd_opt(ctx, "role"));
	return 0;
}

static int
run_user_passwd(struct cmd_ctx *ctx)
{
	char *password = cmd_read_password(ctx);
	enum kerr_code rc;

	if (password == NULL)
		return cmd_fail(ctx, KERR_INVALID);
	rc = app_user_passwd(ctx->app, &ctx->actor, ctx->args[0], password, &ctx->err);
	forget(password);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("password of '%s' changed\n"), ctx->args[0]);
	return 0;
}

const struct cmd cmd_user_add = {
	.name = "user add",
	.usage = "user add NAME --role ROLE [--office CODE] [--as ADMIN] < password",
	.summary = N_("Add a user; the password is read from standard input"),
	.description =
		N_("ROLE is one of admin, prosecutor, police, analyst, auditor, liaison (what\n"
		"each may do: docs/user-guide.md). Prosecutors and police belong to an office\n"
		"(--office CODE, see 'khipu office list') and see its cases and those shared\n"
		"with it; the other roles may have one. NAME is the login name. The password\n"
		"(at least 10 characters) is the first line of standard input and is stored\n"
		"only as an Argon2id hash. Only an administrator (or the holder of the key\n"
		"file, without --as) may add users; the addition is audited."),
	/* xgettext:no-c-format */
	.examples = N_("printf '%s\\n' \"$PW\" | khipu user add rosa --role prosecutor --office FEPMTP-MDD "
		"--as ana\n"
		"khipu user add obs1 --role analyst --as ana < pw.txt"),
	.opts = {
		{ "role", "ROLE", N_("admin, prosecutor, police, analyst, auditor or liaison") },
		{ "office", "CODE", N_("the user's office (required for prosecutors and police)") },
	},
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_SYSTEM,
	.run = run_user_add,
};

const struct cmd cmd_user_list = {
	.name = "user list",
	.usage = "user list [--format table|csv|json] [--as ADMIN]",
	.summary = N_("List the users and their roles"),
	.description =
		N_("Lists every user with id, role, office code (see 'khipu office list') and\n"
		"whether the account is locked. Only administrators (or the holder of the key\n"
		"file, without --as) may list users."),
	.examples = N_("khipu user list --as ana\nkhipu user list --format json"),
	.opts = { { "format", "FORMAT", N_("table (default), csv or json") } },
	.flags = CMD_OPEN | CMD_SYSTEM,
	.run = run_user_list,
};

const struct cmd cmd_user_lock = {
	.name = "user lock",
	.usage = "user lock NAME [--as ADMIN]",
	.summary = N_("Lock a user out"),
	.description =
		N_("A locked user can do nothing, on the command line or the web, until\n"
		"unlocked with 'khipu user unlock'. Nothing of theirs is deleted. Administrators\n"
		"cannot lock themselves out. Audited."),
	.examples = N_("khipu user lock rosa --as ana"),
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_SYSTEM,
	.run = run_user_lock,
};

const struct cmd cmd_user_unlock = {
	.name = "user unlock",
	.usage = "user unlock NAME [--as ADMIN]",
	.summary = N_("Unlock a user"),
	.description = N_("Unlocks the account; sessions and tokens from before the lock stay ended. Audited."),
	.examples = N_("khipu user unlock rosa --as ana"),
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_SYSTEM,
	.run = run_user_unlock,
};

const struct cmd cmd_user_role = {
	.name = "user role",
	.usage = "user role NAME --role ROLE [--office CODE] [--as ADMIN]",
	.summary = N_("Give a user another role or office"),
	.description =
		N_("ROLE is one of admin, prosecutor, police, analyst, auditor, liaison;\n"
		"prosecutors and police need an office (--office CODE). The user's sessions\n"
		"and tokens end (the next sign-in has the new role). Administrators cannot\n"
		"change their own role. Audited."),
	.examples = N_("khipu user role rosa --role prosecutor --office FEPMTP-CUS --as ana\n"
		"khipu user role obs1 --role auditor --as ana"),
	.opts = {
		{ "role", "ROLE", N_("admin, prosecutor, police, analyst, auditor or liaison") },
		{ "office", "CODE", N_("the user's office (required for prosecutors and police)") },
	},
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_SYSTEM,
	.run = run_user_role,
};

const struct cmd cmd_user_passwd = {
	.name = "user passwd",
	.usage = "user passwd NAME [--as USER] < password",
	.summary = N_("Set a user's password from standard input"),
	.description =
		N_("Users may change their own password (--as themselves); administrators\n"
		"anyone's. The new password (at least 10 characters) is the first line of\n"
		"standard input. Audited (the password never is)."),
	/* xgettext:no-c-format */
	.examples = N_("printf '%s\\n' \"$NEWPW\" | khipu user passwd rosa --as rosa"),
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_SYSTEM,
	.run = run_user_passwd,
};
