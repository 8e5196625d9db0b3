/* cmd_assign.c — khipu case assign|transfer: who works on a case. */
#include "cmd/cmd.h"

#include <string.h>

static int
run_case_assign(struct cmd_ctx *ctx)
{
	const char *to = cmd_opt(ctx, "to");
	int nobody = cmd_opt(ctx, "nobody") != NULL;
	int64_t id;
	enum kerr_code rc;

	if ((to == NULL) == !nobody)
		return cmd_usage_error(ctx, "%s",
			_("name the prosecutor with --to USER, or give --nobody (not both)"));
	if ((rc = app_case_id(ctx->app, ctx->args[0], &id, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	rc = app_case_assign(ctx->app, &ctx->actor, id, to, &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	if (to != NULL)
		printf(_("case %lld assigned to '%s'\n"), (long long)id, to);
	else
		printf(_("case %lld assigned to nobody\n"), (long long)id);
	return 0;
}

static int
run_case_transfer(struct cmd_ctx *ctx)
{
	const char *to = cmd_opt(ctx, "to");
	const char *reason = cmd_opt(ctx, "reason");
	int64_t id;
	enum kerr_code rc;

	if (to == NULL)
		return cmd_usage_error(ctx, "%s", _("--to OFFICE is required; see 'khipu office list'"));
	if (reason == NULL)
		return cmd_usage_error(ctx, "%s", _("--reason TEXT is required: say why the case "
			"goes to another office"));
	if ((rc = app_case_id(ctx->app, ctx->args[0], &id, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	rc = app_case_transfer(ctx->app, &ctx->actor, id, to, reason, &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("case %lld transferred to office '%s'\n"), (long long)id, to);
	return 0;
}

const struct cmd cmd_case_assign = {
	.name = "case assign",
	.usage = "case assign ID|NUMBER --as USER (--to USER | --nobody)",
	.summary = N_("Assign a case to a prosecutor of its office"),
	.description =
		N_("Makes USER the case's assigned prosecutor, the one who works on it: 'case list\n"
		"--assigned-to' and the web start page list each prosecutor's own cases first,\n"
		"and 'khipu stats --measure open_cases --by assignee,stage' counts the open cases\n"
		"of each. Only a prosecutor of the office that owns the case may assign it (a\n"
		"share is not enough; police officers do not assign cases), and only to an\n"
		"unlocked prosecutor of that same office; anyone else is refused with the\n"
		"reason, and nothing is written. --nobody leaves the case unassigned. Every\n"
		"assignment is written to the audit trail (case.assign)."),
	.examples = N_("khipu case assign 2024-0153-FEPMTP-MDD --as rosa --to jorge\n"
		"khipu case assign 17 --as rosa --nobody"),
	.opts = {
		{ "to", "USER", N_("the prosecutor who works on the case") },
		{ "nobody", NULL, N_("leave the case unassigned") },
	},
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_case_assign,
};

const struct cmd cmd_case_transfer = {
	.name = "case transfer",
	.usage = "case transfer ID|NUMBER --as USER --to OFFICE --reason TEXT",
	.summary = N_("Transfer a case to another office (derivación)"),
	.description =
		N_("Moves the case, with its persons, events, assets, requests and whole history,\n"
		"to the office with code OFFICE: from then on that office sees and works on it,\n"
		"and the sending office keeps only what a share gives it (nothing, unless the\n"
		"case is shared with it). The assignment is cleared: the receiving office\n"
		"assigns one of its prosecutors. The statistics by office count the case\n"
		"under its new office. The reason is required and sealed like an identity\n"
		"(it may name a victim); the transfer is listed with the case ('case show') and\n"
		"written to the audit trail (case.transfer). Only a prosecutor of the office\n"
		"that owns the case may transfer it. An unknown office, the case's own office\n"
		"or an empty reason is refused, and nothing is written."),
	.examples = N_("khipu case transfer 2024-0153-FEPMTP-MDD --as rosa --to FEPMTP-CUS "
		"--reason \"facts in Cusco\""),
	.opts = {
		{ "to", "OFFICE", N_("code of the office that receives the case") },
		{ "reason", "TEXT", N_("why the case goes to that office (sealed)") },
	},
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_case_transfer,
};
