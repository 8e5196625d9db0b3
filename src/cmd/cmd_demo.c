/* cmd_demo.c — khipu demo: a synthetic register for trying Khipu out. */
#include "cmd/cmd.h"

#include <stdlib.h>
#include <string.h>

static int
parse_count(struct cmd_ctx *ctx, const char *opt, const char *s, unsigned long long max,
	unsigned long long *out)
{
	char *end;

	if (s == NULL || *s == '\0' || *s == '-')
		return cmd_usage_error(ctx, _("--%s needs a positive number"), opt);
	*out = strtoull(s, &end, 10);
	if (*end != '\0' || *out > max)
		return cmd_usage_error(ctx, _("--%s: '%s' is not a number up to %llu"), opt, s, max);
	return 0;
}

static int
run_demo(struct cmd_ctx *ctx)
{
	unsigned long long n = 1000, seed = 1;
	const char *password = cmd_opt(ctx, "password");
	int status;
	enum kerr_code rc;

	if (cmd_opt(ctx, "cases") &&
	    (status = parse_count(ctx, "cases", cmd_opt(ctx, "cases"), 2000000, &n)) != 0)
		return status;
	if (n == 0)
		return cmd_usage_error(ctx, "%s", _("--cases must be at least 1"));
	if (cmd_opt(ctx, "seed") &&
	    (status = parse_count(ctx, "seed", cmd_opt(ctx, "seed"), ~0ULL, &seed)) != 0)
		return status;
	if (password == NULL)
		password = "khipu-demo-2024";
	rc = app_demo(ctx->app, &ctx->actor, (size_t)n, (uint64_t)seed, password, cmd_progress,
		ctx, &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("synthetic register: %llu cases (seed %llu); users demo-admin, demo-prosecutor, "
		"demo-police, demo-analyst, demo-auditor, demo-liaison\n"), n, seed);
	return 0;
}

const struct cmd cmd_demo = {
	.name = "demo",
	.usage = "demo [--cases N] [--seed S] [--password P] [--as ADMIN]",
	.summary = N_("Fill the register with a synthetic demonstration register"),
	.description =
		N_("Adds N synthetic cases (default 1000) with realistic Peruvian distributions:\n"
		"regions, share of women and minors, forms of exploitation, illegal mining in\n"
		"Madre de Dios, archive rates. Every case is marked synthetic and numbered\n"
		"DEMO-... . Creates the offices it needs and one user per role, demo-admin,\n"
		"demo-prosecutor, demo-police (both of FEPMTP-MDD), demo-analyst, demo-auditor\n"
		"and demo-liaison, with password P (default khipu-demo-2024). The same seed\n"
		"gives the same register. Everything lands in one transaction, or nothing does.\n"
		"Meant for a new, empty register (after 'khipu init'), never a real one."),
	.examples = N_("khipu init && khipu demo --cases 200 --password demo-pass-123\n"
		"khipu case list --as demo-prosecutor  # then try the roles"),
	.opts = {
		{ "cases", "N", N_("number of cases (default 1000)") },
		{ "seed", "S", N_("seed of the generator (default 1)") },
		{ "password", "P", N_("password of the demo users (at least 10 characters)") },
	},
	.flags = CMD_OPEN | CMD_SYSTEM,
	.run = run_demo,
};
