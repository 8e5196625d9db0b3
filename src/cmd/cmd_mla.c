/* cmd_mla.c — khipu mla add|update|list|show: international requests
 * (mutual legal assistance, extradition...) followed as a workflow (issue
 * 13). Adding or changing one amends its case: one revision each. */
#include "cmd/cmd.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/codebook.h"
#include "lib/date.h"

#define LANG (i18n_current() == I18N_EN ? CB_EN : CB_ES)

/* The options shared by add and update (the same names, the same help). */
#define MLA_FIELD_OPTS \
	{ "direction", "outgoing|incoming", N_("sent abroad (outgoing) or received from " \
		"abroad (incoming)") }, \
	{ "country", "CC", N_("the other country, ISO 3166 alpha-2 (BO, CO, EC, ES...)") }, \
	{ "authority", "TEXT", N_("the counterpart authority (no names of persons)") }, \
	{ "type", "CODE", N_("a code of 'khipu codebook request_type'") }, \
	{ "status", "CODE", N_("a code of 'khipu codebook request_status'") }, \
	{ "basis", "CODE", N_("legal basis: a code of 'khipu codebook legal_basis'") }, \
	{ "channel", "CODE", N_("a code of 'khipu codebook request_channel'") }, \
	{ "asks", "CODES", N_("what is asked: codes of 'khipu codebook request_assistance', " \
		"comma-separated") }, \
	{ "sent", "DATE", N_("the date it was sent, YYYY-MM-DD") }, \
	{ "received", "DATE", N_("the date it was received, YYYY-MM-DD") }, \
	{ "due", "DATE", N_("the date an answer is due, YYYY-MM-DD") }, \
	{ "answered", "DATE", N_("the date it was answered, YYYY-MM-DD") }, \
	{ "reference", "TEXT", N_("the file number (ours or the counterpart's)") }, \
	{ "person", "IDS", N_("the persons it concerns: persons[].person_id, comma-separated") }, \
	{ "asset", "IDS", N_("the assets it concerns: assets[].id, comma-separated") }, \
	{ "reason", "TEXT", N_("why, for the case's history (sealed)") }

static void
read_fields(struct cmd_ctx *ctx, struct app_mla_fields *f)
{
	memset(f, 0, sizeof(*f));
	f->direction = cmd_opt(ctx, "direction");
	f->country = cmd_opt(ctx, "country");
	f->authority = cmd_opt(ctx, "authority");
	f->type = cmd_opt(ctx, "type");
	f->status = cmd_opt(ctx, "status");
	f->legal_basis = cmd_opt(ctx, "basis");
	f->channel = cmd_opt(ctx, "channel");
	f->assistance = cmd_opt(ctx, "asks");
	f->sent = cmd_opt(ctx, "sent");
	f->received = cmd_opt(ctx, "received");
	f->due = cmd_opt(ctx, "due");
	f->answered = cmd_opt(ctx, "answered");
	f->reference = cmd_opt(ctx, "reference");
	f->persons = cmd_opt(ctx, "person");
	f->assets = cmd_opt(ctx, "asset");
}

/* A positive integer argument; 0 when it is not one. */
static int64_t
arg_id(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	return *s != '\0' && *end == '\0' && v > 0 ? (int64_t)v : 0;
}

static int
run_mla_add(struct cmd_ctx *ctx)
{
	struct app_mla_fields f;
	int64_t case_id, id;
	enum kerr_code rc;

	read_fields(ctx, &f);
	if ((rc = app_case_id(ctx->app, ctx->args[0], &case_id, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	rc = app_mla_add(ctx->app, &ctx->actor, case_id, &f, cmd_opt(ctx, "reason"), &id,
		&ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("request %lld recorded in case %lld\n"), (long long)id, (long long)case_id);
	return 0;
}

static int
run_mla_update(struct cmd_ctx *ctx)
{
	struct app_mla_fields f;
	int64_t id = arg_id(ctx->args[0]), case_id;
	enum kerr_code rc;

	if (id == 0)
		return cmd_usage_error(ctx, "%s", _("ID is the request's id (a positive integer: "
			"see 'khipu mla list')"));
	read_fields(ctx, &f);
	rc = app_mla_update(ctx->app, &ctx->actor, id, &f, cmd_opt(ctx, "reason"), &case_id,
		&ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("request %lld of case %lld updated\n"), (long long)id, (long long)case_id);
	return 0;
}

static json_t *
jtext(const char *s)
{
	return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

static json_t *
row_json(const struct app_mla_row *w)
{
	const struct intl_request *r = &w->r;
	json_t *o = json_object(), *as = json_array(), *pe = json_array(), *ase = json_array();
	size_t i;

	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "case", json_integer(r->case_id));
	json_object_set_new(o, "case_number", jtext(w->case_number));
	json_object_set_new(o, "direction", jtext(r->direction));
	json_object_set_new(o, "country", jtext(r->country));
	json_object_set_new(o, "authority", jtext(r->authority));
	json_object_set_new(o, "type", jtext(r->type));
	json_object_set_new(o, "status", jtext(r->status));
	json_object_set_new(o, "legal_basis", jtext(r->legal_basis));
	json_object_set_new(o, "channel", jtext(r->channel));
	for (i = 0; i < r->nassistance; i++)
		json_array_append_new(as, json_string(r->assistance[i]));
	json_object_set_new(o, "assistance", as);
	json_object_set_new(o, "sent", jtext(r->sent));
	json_object_set_new(o, "received", jtext(r->received));
	json_object_set_new(o, "due", jtext(r->due));
	json_object_set_new(o, "answered", jtext(r->answered));
	json_object_set_new(o, "reference", jtext(r->reference));
	for (i = 0; i < r->npersons; i++)
		json_array_append_new(pe, json_integer(r->persons[i]));
	json_object_set_new(o, "persons", pe);
	for (i = 0; i < r->nassets; i++)
		json_array_append_new(ase, json_integer(r->assets[i]));
	json_object_set_new(o, "assets", ase);
	json_object_set_new(o, "days_left", w->dated ? json_integer(w->days_left) : json_null());
	json_object_set_new(o, "overdue", json_boolean(w->dated && w->days_left < 0));
	return o;
}

/* "overdue 3 days", "due in 5 days", "" */
static void
when_text(const struct app_mla_row *w, char *out, size_t n)
{
	out[0] = '\0';
	if (!w->dated)
		return;
	if (w->days_left < 0)
		snprintf(out, n, _("overdue %lld d"), (long long)-w->days_left);
	else
		snprintf(out, n, _("in %lld d"), (long long)w->days_left);
}

static int
run_mla_list(struct cmd_ctx *ctx)
{
	static const char *const headers[] = { N_("id"), N_("case"), N_("direction"),
		N_("country"), N_("type"), N_("status"), N_("authority"), N_("reference"), N_("sent"),
		N_("due"), N_("deadline") };
	const char *format = cmd_format(ctx, "table,csv,json", "table");
	const char *within = cmd_opt(ctx, "due-within"), *cid = cmd_opt(ctx, "case");
	struct app_mla_filter f = { .due_within = -1 };
	struct app_mla_row *rows;
	struct cmd_table *t;
	size_t n, i;
	char when[48];
	json_t *arr;
	enum kerr_code rc;

	if (format == NULL)
		return 2;
	f.overdue = cmd_opt(ctx, "overdue") != NULL;
	f.open_only = cmd_opt(ctx, "open") != NULL;
	f.country = cmd_opt(ctx, "country");
	if (within != NULL) {
		char *end;
		long v = strtol(within, &end, 10);
		if (*within == '\0' || *end != '\0' || v < 0 || v > 3660)
			return cmd_usage_error(ctx, "%s", _("--due-within is a number of days (0 to "
				"3660)"));
		f.due_within = (int)v;
	}
	if (cid != NULL && (rc = app_case_id(ctx->app, cid, &f.case_id, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	rc = app_mla_list(ctx->app, &ctx->actor, &f, &ctx->arena, &rows, &n, &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	if (strcmp(format, "json") == 0) {
		arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, row_json(&rows[i]));
		cmd_json_print(arr, stdout);
		return 0;
	}
	t = cmd_table_new(11, headers);
	for (i = 0; i < n; i++) {
		const struct intl_request *r = &rows[i].r;
		char id[24];
		snprintf(id, sizeof(id), "%lld", (long long)r->id);
		when_text(&rows[i], when, sizeof(when));
		const char *cells[] = { id, rows[i].case_number, r->direction, r->country, r->type,
			r->status, r->authority != NULL ? r->authority : "",
			r->reference != NULL ? r->reference : "", r->sent, r->due, when };
		cmd_table_row(t, cells);
	}
	cmd_table_print(t, stdout, format);
	return 0;
}

static void
codes_line(const char *label, enum cb_dim dim, const char *const *codes, size_t n)
{
	size_t i;

	printf("%-18s", label);
	for (i = 0; i < n; i++)
		printf("%s%s", i > 0 ? ", " : "", cb_label(dim, codes[i], LANG));
	printf("\n");
}

static void
field_line(const char *label, enum cb_dim dim, const char *code)
{
	if (code == NULL || code[0] == '\0')
		return;
	if ((int)dim >= 0)
		printf("%-18s%s (%s)\n", label, cb_label(dim, code, LANG), code);
	else
		printf("%-18s%s\n", label, code);
}

static int
run_mla_show(struct cmd_ctx *ctx)
{
	const char *format = cmd_format(ctx, "table,json", "table");
	struct app_mla_row w;
	const struct intl_request *r = &w.r;
	int64_t id = arg_id(ctx->args[0]);
	char when[48], ids[32];
	size_t i;
	enum kerr_code rc;

	if (format == NULL)
		return 2;
	if (id == 0)
		return cmd_usage_error(ctx, "%s", _("ID is the request's id (a positive integer: "
			"see 'khipu mla list')"));
	if ((rc = app_mla_show(ctx->app, &ctx->actor, id, &ctx->arena, &w, &ctx->err)))
		return cmd_fail(ctx, rc);
	if (strcmp(format, "json") == 0) {
		cmd_json_print(row_json(&w), stdout);
		return 0;
	}
	printf("%-18s%lld\n", _("request"), (long long)r->id);
	printf("%-18s%s (%lld)\n", _("case"), w.case_number, (long long)r->case_id);
	field_line(_("direction"), CB_REQUEST_DIRECTION, r->direction);
	field_line(_("country"), CB_COUNTRY, r->country);
	field_line(_("authority"), (enum cb_dim)-1, r->authority);
	field_line(_("type"), CB_REQUEST_TYPE, r->type);
	field_line(_("status"), CB_REQUEST_STATUS, r->status);
	field_line(_("legal basis"), CB_LEGAL_BASIS, r->legal_basis);
	field_line(_("channel"), CB_REQUEST_CHANNEL, r->channel);
	if (r->nassistance > 0)
		codes_line(_("asks"), CB_REQUEST_ASSISTANCE, r->assistance, r->nassistance);
	field_line(_("reference"), (enum cb_dim)-1, r->reference);
	field_line(_("sent"), (enum cb_dim)-1, r->sent);
	field_line(_("received"), (enum cb_dim)-1, r->received);
	field_line(_("due"), (enum cb_dim)-1, r->due);
	field_line(_("answered"), (enum cb_dim)-1, r->answered);
	when_text(&w, when, sizeof(when));
	field_line(_("deadline"), (enum cb_dim)-1, when);
	for (i = 0; i < r->npersons; i++) {
		snprintf(ids, sizeof(ids), "%lld", (long long)r->persons[i]);
		field_line(_("person"), (enum cb_dim)-1, ids);
	}
	for (i = 0; i < r->nassets; i++) {
		snprintf(ids, sizeof(ids), "%lld", (long long)r->assets[i]);
		field_line(_("asset"), (enum cb_dim)-1, ids);
	}
	return 0;
}

const struct cmd cmd_mla_add = {
	.name = "mla add",
	.usage = "mla add ID|NUMBER --as USER --direction outgoing|incoming --country CC "
		"--type CODE [--status CODE] [--authority TEXT] [--basis CODE] [--channel CODE] "
		"[--asks CODES] [--sent DATE] [--received DATE] [--due DATE] [--answered DATE] "
		"[--reference TEXT] [--person IDS] [--asset IDS] [--reason TEXT]",
	.summary = N_("Record an international request (MLA, extradition...) of a case"),
	.description =
		N_("Adds a request of international cooperation to the case: outgoing (sent\n"
		"abroad) or incoming (received from abroad), the other country (ISO 3166), the\n"
		"counterpart authority, the legal basis (a treaty, the Palermo Convention art.\n"
		"18...), its type, what is asked, the channel (central authority, diplomatic,\n"
		"INTERPOL, direct, a network), its dates (sent, received, due, answered), its\n"
		"status and the persons and assets of the case it concerns. It is the same as\n"
		"adding it to the case document's \"requests\" with 'khipu case update' and is\n"
		"one revision of the case ('khipu case history'), audited as request.manage:\n"
		"the liaison (every case) and the case's prosecutors may do it. Without\n"
		"--status an outgoing request is 'draft', or 'sent' with --sent; an incoming one\n"
		"'received'. A due date or answer before the date sent (or received), an\n"
		"unknown code or country, a person or asset not of this case: refused naming\n"
		"the option, nothing written."),
	.examples = N_("khipu mla add 17 --as lucia --direction outgoing --country BO --type mla "
		"--basis untoc_art18 --channel central_authority --asks bank_records,testimony "
		"--sent 2024-03-01 --due 2024-06-01 --authority \"Fiscalía General del Estado\" "
		"--person 42"),
	.opts = { MLA_FIELD_OPTS },
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_mla_add,
};

const struct cmd cmd_mla_update = {
	.name = "mla update",
	.usage = "mla update ID --as USER [--status CODE] [--answered DATE] [--due DATE] "
		"[--received DATE] [--sent DATE] [--reference TEXT] [--authority TEXT] "
		"[--basis CODE] [--channel CODE] [--asks CODES] [--person IDS] [--asset IDS] "
		"[--country CC] [--type CODE] [--direction D] [--reason TEXT]",
	.summary = N_("Change an international request: its status, answer, dates..."),
	.description =
		N_("Changes the options given of request ID (see 'khipu mla list'); the others\n"
		"stay. An empty value (--due \"\") clears an optional field. Lists (--asks,\n"
		"--person, --asset) are replaced whole. Like 'mla add', it is one revision of\n"
		"the request's case, audited as request.manage, and refused naming the option\n"
		"when a rule is broken."),
	.examples = N_("khipu mla update 3 --as lucia --status answered --answered 2024-05-20\n"
		"khipu mla update 3 --as lucia --due 2024-07-01 --reason \"extension granted\""),
	.opts = { MLA_FIELD_OPTS },
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_mla_update,
};

const struct cmd cmd_mla_list = {
	.name = "mla list",
	.usage = "mla list --as USER [--overdue] [--due-within DAYS] [--open] [--case ID] "
		"[--country CC] [--format table|csv|json]",
	.summary = N_("List international requests, overdue first"),
	.description =
		N_("Lists the requests of the cases you may manage requests on (the liaison:\n"
		"every case; a prosecutor: the office's cases and those shared with it), by due\n"
		"date, so the overdue ones come first and those without a due date last.\n"
		"--overdue keeps the open requests past their due date; --due-within DAYS those\n"
		"due from today to DAYS days ahead (--due-within 7: what is due this week);\n"
		"--open those still waiting for an answer."),
	.examples = N_("khipu mla list --as lucia --overdue\n"
		"khipu mla list --as lucia --due-within 7 --format json"),
	.opts = {
		{ "overdue", NULL, N_("only open requests past their due date") },
		{ "due-within", "DAYS", N_("only open requests due within DAYS days") },
		{ "open", NULL, N_("only requests still waiting for an answer") },
		{ "case", "ID", N_("only the requests of this case (id or number)") },
		{ "country", "CC", N_("only the requests with this country") },
		{ "format", "FORMAT", N_("table (default), csv or json") },
	},
	.min_args = 0, .max_args = 0,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_mla_list,
};

const struct cmd cmd_mla_show = {
	.name = "mla show",
	.usage = "mla show ID --as USER [--format table|json]",
	.summary = N_("Show an international request"),
	.description =
		N_("Shows request ID with its labels, its dates and the days left until it is\n"
		"due (or how long it is overdue)."),
	.examples = N_("khipu mla show 3 --as lucia"),
	.opts = {
		{ "format", "FORMAT", N_("table (default) or json") },
	},
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_mla_show,
};
