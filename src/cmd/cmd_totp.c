/* cmd_totp.c — khipu user totp: enrol a user in the TOTP second factor. */
#include "cmd/cmd.h"

#include <stdio.h>
#include <stdlib.h>

static int
run_user_totp(struct cmd_ctx *ctx)
{
	char *secret;

	if (app_totp_enrol(ctx->app, &ctx->actor, ctx->args[0], &secret, &ctx->err) != KERR_OK)
		return cmd_fail(ctx, ctx->err.code);
	printf("%s\notpauth://totp/Khipu:%s?secret=%s&issuer=Khipu&digits=6&period=30\n", secret,
		ctx->args[0], secret);
	free(secret);
	return 0;
}

const struct cmd cmd_user_totp = {
	.name = "user totp",
	.usage = "user totp USER [--as USER]",
	.summary = "Enrol a user in the second factor (TOTP)",
	.description =
		"Makes a new TOTP secret for USER and prints it twice: in base32 and as an\n"
		"otpauth:// address for an authenticator app (a QR code of it works too).\n"
		"From then on signing in on the web needs the 6-digit code as well as the\n"
		"password. Running it again replaces the secret. Users enrol themselves;\n"
		"administrators (or the holder of the key file) anyone. The secret is sealed\n"
		"like an identity; the enrolment is audited.",
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_SYSTEM,
	.run = run_user_totp,
};
