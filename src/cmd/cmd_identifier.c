/* cmd_identifier.c — khipu identifier search: a phone, an account, a plate in
 * every case, across offices (app/identsearch.h). */
#include "cmd/cmd.h"

#include <jansson.h>
#include <string.h>

#include "app/identsearch.h"
#include "core/codebook.h"

static const char *
role_label(const char *code)
{
	if (code == NULL)
		return "";
	return cb_label(CB_PERSON_ROLE, code, i18n_current() == I18N_EN ? CB_EN : CB_ES);
}

static json_t *
hit_json(const struct app_ident_hit *h)
{
	if (!h->visible)
		return json_pack("{s:b,s:s,s:s}", "visible", 0, "office", h->office_code,
			"office_name", h->office_name);
	return json_pack("{s:b,s:I,s:s,s:s,s:s,s:o,s:o}", "visible", 1,
		"case_id", (json_int_t)h->case_id, "number", h->case_number,
		"office", h->office_code, "office_name", h->office_name,
		"person_id", h->person_id > 0 ? json_integer(h->person_id) : json_null(),
		"role", h->role ? json_string(h->role) : json_null());
}

static int
run_identifier_search(struct cmd_ctx *ctx)
{
	static const char *const head[] = { N_("case"), N_("office"), N_("role"), N_("access") };
	const char *format = cmd_format(ctx, "table,json", "table");
	const char *kind = cmd_opt(ctx, "kind"), *value = cmd_opt(ctx, "value");
	struct app_ident_hit *hits;
	size_t n, i;
	enum kerr_code rc;

	if (format == NULL)
		return 2;
	if (kind == NULL || value == NULL)
		return cmd_usage_error(ctx, "%s", _("--kind and --value are required"));
	rc = app_identifier_search(ctx->app, &ctx->actor, kind, value, &ctx->arena, &hits, &n,
		&ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	if (strcmp(format, "json") == 0) {
		json_t *arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, hit_json(&hits[i]));
		cmd_json_print(arr, stdout);
		return 0;
	}
	struct cmd_table *t = cmd_table_new(4, head);
	for (i = 0; i < n; i++) {
		char office[300];
		snprintf(office, sizeof(office), "%s (%s)", hits[i].office_code, hits[i].office_name);
		const char *row[] = { hits[i].visible ? hits[i].case_number : _("[another office's case]"),
			office, role_label(hits[i].role),
			hits[i].visible ? _("you may open it") :
			_("a match exists: contact the office") };
		cmd_table_row(t, row);
	}
	cmd_table_print(t, stdout, format);
	if (n == 0)
		fprintf(stderr, "%s\n", _("no case holds this identifier"));
	return 0;
}

const struct cmd cmd_identifier_search = {
	.name = "identifier search",
	.usage = "identifier search --as USER --kind KIND --value VALUE [--format table|json]",
	.summary = N_("Find a phone, account, plate... in every case, across offices"),
	.description =
		N_("Looks the identifier up in every case of the register through its blind\n"
		"index: the value is normalised (+51 987 654 321 = 987654321, plates and\n"
		"accounts as letters and digits, e-mails in lower case), hashed with the\n"
		"register's key and never stored. For each case you may open, the case\n"
		"number, its office and the role of the person the identifier belongs to;\n"
		"for cases of offices you may not see, only that a match exists and which\n"
		"office to contact, never the case or its content. KIND is a code of\n"
		"'khipu codebook identifier_kind' (phone, email, bank_account,\n"
		"vehicle_plate, company_ruc, address, social_media, imei, passport_number,\n"
		"other). Allowed to whoever may search persons; every search is audited\n"
		"(the kind and how many hits, never the value)."),
	.examples = N_("khipu identifier search --as rosa --kind phone --value \"+51 951 222 333\"\n"
		"khipu identifier search --as rosa --kind bank_account --value 191-12345678-0-12 --format json"),
	.opts = {
		{ "kind", "KIND", N_("the kind of identifier (phone, email, bank_account...)") },
		{ "value", "VALUE", N_("the identifier") },
		{ "format", "FORMAT", N_("table (default) or json") },
	},
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_identifier_search,
};
