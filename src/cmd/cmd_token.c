/* cmd_token.c — khipu token create|revoke: bearer tokens for the JSON API. */
#include "cmd/cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
run_token_create(struct cmd_ctx *ctx)
{
	const char *d = cmd_opt(ctx, "expires");
	char token[APP_TOKEN_HEX + 1], *end;
	long days = 90;

	if (d != NULL) {
		days = strtol(d, &end, 10);
		if (*end || days < 1 || days > 3650)
			return cmd_usage_error(ctx, "--expires: give a number of days from 1 to 3650");
	}
	if (app_session_create(ctx->app, APP_SESSION_API, &ctx->actor, (int64_t)days * 86400,
	    token, &ctx->err) != KERR_OK)
		return cmd_fail(ctx, ctx->err.code);
	printf("%s\n", token);
	return 0;
}

static int
run_token_revoke(struct cmd_ctx *ctx)
{
	char line[256];
	const char *token = ctx->args[0];

	if (strcmp(token, "-") == 0) {
		if (fgets(line, sizeof(line), stdin) == NULL)
			return cmd_usage_error(ctx, "no token on standard input");
		line[strcspn(line, "\r\n")] = '\0';
		token = line;
	}
	if (app_token_revoke(ctx->app, token, &ctx->err) != KERR_OK)
		return cmd_fail(ctx, ctx->err.code);
	printf("token revoked\n");
	return 0;
}

const struct cmd cmd_token_create = {
	.name = "token create",
	.usage = "token create --as USER [--expires DAYS]",
	.summary = "Create a bearer token for the JSON API",
	.description =
		"Prints a new token for USER, and only the token, on standard output: give it\n"
		"as 'Authorization: Bearer TOKEN'. The API acts as USER under the same policy\n"
		"as the web and the command line. Only a hash of the token is stored; it\n"
		"expires after DAYS days (default 90) or when revoked. Audited.",
	.opts = { { "expires", "DAYS", "days until the token expires (default 90)" } },
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_token_create,
};

const struct cmd cmd_token_revoke = {
	.name = "token revoke",
	.usage = "token revoke TOKEN|-",
	.summary = "Revoke a bearer token of the JSON API",
	.description =
		"Revokes the token at once ('-' reads it from standard input, which keeps it\n"
		"out of the process list). Audited.",
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN,
	.run = run_token_revoke,
};
