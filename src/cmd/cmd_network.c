/* cmd_network.c — khipu network: link analysis over the register (app/network.h). */
#include "cmd/cmd.h"

#include <stdlib.h>
#include <string.h>

#include "app/network.h"

static int
run_network(struct cmd_ctx *ctx)
{
	const char *format = cmd_format(ctx, APP_NETWORK_FORMATS, "json");
	const char *c = cmd_opt(ctx, "case"), *p = cmd_opt(ctx, "person");
	const char *i = cmd_opt(ctx, "identifier"), *d = cmd_opt(ctx, "depth");
	const char *out = cmd_opt(ctx, "out");
	struct app_network n;
	enum app_net_start kind;
	char *end;
	long depth = 2;
	enum kerr_code rc;

	if (format == NULL)
		return 2;
	if ((c != NULL) + (p != NULL) + (i != NULL) != 1)
		return cmd_usage_error(ctx, "%s", _("give one start: --case, --person or --identifier"));
	kind = c ? APP_NET_CASE : p ? APP_NET_PERSON : APP_NET_IDENTIFIER;
	if (d != NULL) {
		depth = strtol(d, &end, 10);
		if (end == d || *end != '\0' || depth < 1 || depth > APP_NETWORK_MAX_DEPTH)
			return cmd_usage_error(ctx, _("--depth: '%s' is not a number of steps from 1 to %d"),
				d, APP_NETWORK_MAX_DEPTH);
	}
	if ((rc = app_network(ctx->app, &ctx->actor, kind, c ? c : p ? p : i, (int)depth, format,
	    &ctx->arena, &n, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	if ((rc = app_network_write(&n, format, out ? out : "-", &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	fprintf(stderr, _("%zu nodes, %zu links, %lld components, %lld communities%s\n"),
		n.g.nnodes, n.g.nedges, (long long)n.ncomponents, (long long)n.ncommunities,
		n.truncated ? _(" (stopped at the limit of nodes)") : "");
	return 0;
}

const struct cmd cmd_network = {
	.name = "network",
	.usage = "network --as USER (--case ID | --person ID | --identifier KIND:VALUE) "
		"[--depth N] [--format json|graphml|svg|ftm|i2] [--out FILE]",
	.summary = N_("Link analysis: the cases, persons and identifiers connected to a start"),
	.description =
		N_("Walks from a case, a person or an identifier value (a phone, an account, a\n"
		"plate...) through the persons and identifiers of the cases you may read, up\n"
		"to --depth steps (default 2, at most 4): a case brings its persons and\n"
		"identifiers, a person her other cases, an identifier every case holding the\n"
		"same value. A case you may not read is never shown: where the walk reaches\n"
		"one, the network holds only its office, whom to contact. Each node gets its\n"
		"component, degree, betweenness centrality and community (igraph). Names and\n"
		"values are masked, and only where you may reveal them. Formats: json\n"
		"(default), graphml, svg (drawn by graphviz), ftm (FollowTheMoney entities as\n"
		"JSON lines, for Aleph) and i2 (PATH-nodes.csv and PATH-links.csv for i2\n"
		"Analyst's Notebook; needs --out PATH). Needs person search; audited (how the\n"
		"walk started, its size and the format, never a value)."),
	.examples = N_("khipu network --as rosa --case 2024-0153-FEPMTP-MDD\n"
		"khipu network --as rosa --identifier phone:951222333 --depth 3 --format svg --out red.svg\n"
		"khipu network --as rosa --person 57 --format i2 --out red"),
	.opts = {
		{ "case", "ID", N_("start at a case (its number or id)") },
		{ "person", "ID", N_("start at a person (the id 'person search' shows)") },
		{ "identifier", "KIND:VALUE", N_("start at an identifier, e.g. phone:987654321") },
		{ "depth", "N", N_("steps from the start, 1 to 4 (default 2)") },
		{ "format", "FORMAT", N_("json (default), graphml, svg, ftm or i2") },
		{ "out", "FILE", N_("write to FILE instead of the standard output") },
	},
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_network,
};
