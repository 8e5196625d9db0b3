/* cmd_person.c — khipu person search. */
#include "cmd/cmd.h"

#include <jansson.h>
#include <string.h>

#include "app/casedoc.h"
#include "core/codebook.h"

/* The label of a code in the user's language, for the table. */
static const char *
cbl(enum cb_dim dim, const char *code)
{
	if (code == NULL || *code == '\0')
		return "";
	return cb_label(dim, code, i18n_current() == I18N_EN ? CB_EN : CB_ES);
}

static json_t *
hit_json(const struct app_person_hit *h)
{
	json_t *cases = json_array();
	size_t i;

	for (i = 0; i < h->nparts; i++)
		json_array_append_new(cases, json_pack("{s:I,s:s,s:s}",
			"case_id", (json_int_t)h->parts[i].case_id,
			"number", h->case_numbers[i], "role", h->parts[i].role));
	return json_pack("{s:I,s:s?,s:s?,s:o,s:s?,s:i,s:o}",
		"person_id", (json_int_t)h->person.id, "name", h->person.name,
		"sex", h->person.sex, "birth_year", h->person.birth_year > 0 ?
		json_integer(h->person.birth_year) : json_null(),
		"nationality", h->person.nationality, "score", h->score, "cases", cases);
}

static int
run_person_search(struct cmd_ctx *ctx)
{
	static const char *const head[] = { N_("person"), N_("name"), N_("sex"), N_("born"),
		N_("score"), N_("cases") };
	const char *format = cmd_format(ctx, "table,json", "table");
	const char *name = cmd_opt(ctx, "name"), *doc = cmd_opt(ctx, "doc");
	const char *phone = cmd_opt(ctx, "phone");
	struct app_person_hit *hits;
	size_t n, i, j;
	enum kerr_code rc;

	if (format == NULL)
		return 2;
	if ((name != NULL) + (doc != NULL) + (phone != NULL) != 1)
		return cmd_usage_error(ctx, "%s", _("give exactly one of --name, --doc, --phone"));
	rc = app_person_search(ctx->app, &ctx->actor,
		name ? APP_BY_NAME : doc ? APP_BY_DOC : APP_BY_PHONE,
		name ? name : doc ? doc : phone, &ctx->arena, &hits, &n, &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	if (strcmp(format, "json") == 0) {
		json_t *arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, hit_json(&hits[i]));
		cmd_json_print(arr, stdout);
		return 0;
	}
	struct cmd_table *t = cmd_table_new(6, head);
	for (i = 0; i < n; i++) {
		char id[24], born[8], score[8], cases[512] = "";
		size_t len = 0;
		snprintf(id, sizeof(id), "%lld", (long long)hits[i].person.id);
		snprintf(born, sizeof(born), "%d", hits[i].person.birth_year);
		snprintf(score, sizeof(score), "%d", hits[i].score);
		for (j = 0; j < hits[i].nparts && len + 80 < sizeof(cases); j++)
			len += (size_t)snprintf(cases + len, sizeof(cases) - len, "%s%s (%s)",
				j ? ", " : "", hits[i].case_numbers[j],
				cbl(CB_PERSON_ROLE, hits[i].parts[j].role));
		const char *row[] = { id, hits[i].person.name ? hits[i].person.name : _("[protected]"),
			cbl(CB_SEX, hits[i].person.sex), hits[i].person.birth_year ? born : "", score,
			cases };
		cmd_table_row(t, row);
	}
	cmd_table_print(t, stdout, format);
	return 0;
}

const struct cmd cmd_person_search = {
	.name = "person search",
	.usage = "person search --as USER (--name TEXT | --doc NUMBER | --phone NUMBER) [--format table|json]",
	.summary = N_("Find a person across cases by name, document or phone"),
	.description =
		N_("Searches through the blind indexes: the query is hashed with the register's\n"
		"key and never stored. Names match approximately, the way Spanish names are\n"
		"misspelt (accents, b/v, s/z/c, ll/y, silent h, compound surnames, word order);\n"
		"documents and phones exactly after normalisation (+51 987 654 321 =\n"
		"987654321). Each hit lists the cases the person appears in, with the role, and\n"
		"a score (100 = exact). Names are masked; open a case with --reveal to see\n"
		"them. Prosecutors and police find persons of their office's cases; liaison\n"
		"officers of every case; analysts, auditors and administrators may not search.\n"
		"The search is audited (how, not what)."),
	.examples = N_("khipu person search --as rosa --name \"rosa quispe\"\n"
		"khipu person search --as rosa --phone \"+51 987 654 321\"\n"
		"khipu person search --as rosa --doc 71234567 --format json"),
	.opts = {
		{ "name", "TEXT", N_("a full or partial name") },
		{ "doc", "NUMBER", N_("a document number (DNI, CE, passport)") },
		{ "phone", "NUMBER", N_("a phone number") },
		{ "format", "FORMAT", N_("table (default) or json") },
	},
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_person_search,
};
