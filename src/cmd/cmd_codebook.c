/* cmd_codebook.c — khipu codebook: the codes every field takes. */
#include "cmd/cmd.h"

#include <jansson.h>
#include <string.h>

#include "core/codebook.h"

/* The legal elements carry the article of the Penal Code that names them
 * (codebook.h): their listings show it as a column of its own. */
static int
has_article(int dim)
{
	return dim == CB_MEANS || dim == CB_AGGRAVATING || dim == CB_VULNERABILITY;
}

static json_t *
entry_json(int dim, const struct cb_entry *e)
{
	json_t *o = json_pack("{s:s,s:s,s:s,s:s?,s:s?,s:s?}", "code", e->code, "es", e->es,
		"en", e->en, "htcds", e->htcds, "ctdc", e->ctdc, "iccs", e->iccs);

	if (o != NULL)
		json_object_set_new(o, "article", has_article(dim) && e->extra != NULL ?
			json_string(e->extra) : json_null());
	return o;
}

static int
run_codebook(struct cmd_ctx *ctx)
{
	static const char *const head[] = { N_("code"), "español", "English", "HTCDS", "CTDC", "ICCS",
		N_("article") };
	const char *format = cmd_format(ctx, "table,csv,json", "table");
	int d, from = 0, to = CB__MAX;
	size_t n, i;

	if (format == NULL)
		return 2;
	if (ctx->nargs == 1) {
		if ((d = cb_dim_by_name(ctx->args[0])) < 0)
			return cmd_usage_error(ctx, _("no dimension '%s'; 'khipu codebook' lists them"),
				ctx->args[0]);
		from = d;
		to = d + 1;
	} else if (strcmp(format, "json") != 0) {
		for (d = 0; d < CB__MAX; d++) {
			cb_entries((enum cb_dim)d, &n);
			printf("%-20s ", cb_dim_name((enum cb_dim)d));
			printf(i18n_ngettext(i18n_current(), "%zu code\n", "%zu codes\n", n), n);
		}
		return 0;
	}
	json_t *all = json_object();
	for (d = from; d < to; d++) {
		const struct cb_entry *e = cb_entries((enum cb_dim)d, &n);
		if (strcmp(format, "json") == 0) {
			json_t *arr = json_array();
			for (i = 0; i < n; i++)
				json_array_append_new(arr, entry_json(d, &e[i]));
			json_object_set_new(all, cb_dim_name((enum cb_dim)d), arr);
			continue;
		}
		struct cmd_table *t = cmd_table_new(has_article(d) ? 7 : 6, head);
		for (i = 0; i < n; i++) {
			const char *row[] = { e[i].code, e[i].es, e[i].en, e[i].htcds, e[i].ctdc, e[i].iccs,
				e[i].extra };
			cmd_table_row(t, row);
		}
		cmd_table_print(t, stdout, format);
	}
	if (strcmp(format, "json") == 0)
		cmd_json_print(all, stdout);
	else
		json_decref(all);
	return 0;
}

const struct cmd cmd_codebook = {
	.name = "codebook",
	.usage = "codebook [DIMENSION] [--format table|csv|json]",
	.summary = N_("List the codes of the codebook, with labels and HTCDS/CTDC/ICCS codes"),
	.description =
		N_("Without a dimension, lists the dimensions (exploitation, stage, offence...)\n"
		"and how many codes each has; with --format json, every dimension with its\n"
		"codes. With a dimension, lists its codes with their Spanish and English labels\n"
		"and, where they exist, the matching HTCDS value, CTDC variable and ICCS code.\n"
		"These codes are what case documents and the options of other commands take.\n"
		"Needs no register."),
	.examples = N_("khipu codebook\nkhipu codebook exploitation\nkhipu codebook stage --format csv"),
	.opts = { { "format", "FORMAT", N_("table (default), csv or json") } },
	.max_args = 1,
	.run = run_codebook,
};
