/* cmd_office.c — khipu office add|list. */
#include "cmd/cmd.h"

#include <jansson.h>
#include <string.h>

static int
run_office_add(struct cmd_ctx *ctx)
{
	struct office o = { 0 };
	enum kerr_code rc;

	o.code = cmd_opt(ctx, "code");
	o.name = cmd_opt(ctx, "name");
	o.kind = cmd_opt(ctx, "kind") ? cmd_opt(ctx, "kind") : "specialised_prosecutor";
	o.distrito_fiscal = cmd_opt(ctx, "distrito-fiscal");
	o.department = cmd_opt(ctx, "department");
	if (o.code == NULL || o.name == NULL)
		return cmd_usage_error(ctx, "%s", _("--code and --name are required"));
	rc = app_office_add(ctx->app, &ctx->actor, &o, &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("office '%s' added (id %lld)\n"), o.code, (long long)o.id);
	return 0;
}

static int
run_office_list(struct cmd_ctx *ctx)
{
	static const char *const head[] = { N_("id"), N_("code"), N_("name"), N_("kind"),
		N_("distrito_fiscal"), N_("department") };
	const char *format = cmd_format(ctx, "table,csv,json", "table");
	struct office *o;
	size_t n, i;
	enum kerr_code rc;

	if (format == NULL)
		return 2;
	rc = app_office_list(ctx->app, &ctx->actor, &ctx->arena, &o, &n, &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	if (strcmp(format, "json") == 0) {
		json_t *arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s?,s:s?,s:s?}",
				"id", (json_int_t)o[i].id, "code", o[i].code, "name", o[i].name,
				"kind", o[i].kind, "distrito_fiscal", o[i].distrito_fiscal,
				"department", o[i].department));
		cmd_json_print(arr, stdout);
		return 0;
	}
	struct cmd_table *t = cmd_table_new(6, head);
	for (i = 0; i < n; i++) {
		char id[24];
		snprintf(id, sizeof(id), "%lld", (long long)o[i].id);
		const char *row[] = { id, o[i].code, o[i].name, o[i].kind, o[i].distrito_fiscal,
			o[i].department };
		cmd_table_row(t, row);
	}
	cmd_table_print(t, stdout, format);
	return 0;
}

const struct cmd cmd_office_add = {
	.name = "office add",
	.usage = "office add --code CODE --name NAME [--kind KIND] [--distrito-fiscal DF] "
		"[--department DD] [--as ADMIN]",
	.summary = N_("Add a prosecutor's office, police unit or other office"),
	.description =
		N_("Offices own cases. CODE is short and unique (A-Z, 0-9, '-', '_'), e.g.\n"
		"FEPMTP-MDD. KIND, DF and DD are codebook codes: see 'khipu codebook\n"
		"office_kind', 'khipu codebook distrito_fiscal' and 'khipu codebook department';\n"
		"the department (2-digit INEI UBIGEO) follows from the distrito fiscal when not\n"
		"given. Only administrators (or the holder of the key file, without --as) may\n"
		"add offices."),
	.examples = N_("khipu office add --as ana --code FEPMTP-MDD --name \"Fiscalía Especializada en "
		"Delitos de Trata de Personas de Madre de Dios\" --distrito-fiscal madre_de_dios"),
	.opts = {
		{ "code", "CODE", N_("unique short code") },
		{ "name", "NAME", N_("full name of the office") },
		{ "kind", "KIND", N_("office kind (default specialised_prosecutor)") },
		{ "distrito-fiscal", "DF", N_("distrito fiscal of the Ministerio Público") },
		{ "department", "DD", N_("INEI UBIGEO department, e.g. 17") },
	},
	.flags = CMD_OPEN | CMD_SYSTEM,
	.run = run_office_add,
};

const struct cmd cmd_office_list = {
	.name = "office list",
	.usage = "office list [--format table|csv|json] [--as USER]",
	.summary = N_("List the offices"),
	.description =
		N_("Lists every office with its id, code, name, kind, distrito fiscal and\n"
		"department. Offices name no person: every user may list them."),
	.examples = N_("khipu office list\nkhipu office list --format csv > offices.csv"),
	.opts = {
		{ "format", "FORMAT", N_("table (default), csv or json") },
	},
	.flags = CMD_OPEN | CMD_SYSTEM,
	.run = run_office_list,
};
