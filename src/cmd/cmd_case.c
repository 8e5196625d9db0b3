/* cmd_case.c — khipu case add|list|show|event. */
#include "cmd/cmd.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/casedoc.h"
#include "core/codebook.h"

static int
run_case_add(struct cmd_ctx *ctx)
{
	const char *path = cmd_opt(ctx, "json");
	char *text;
	size_t n;
	int64_t id;
	enum kerr_code rc;

	if (path == NULL)
		return cmd_usage_error(ctx, "%s", _("--json FILE is required ('-' reads standard input)"));
	if ((text = cmd_read_file(ctx, path, &n)) == NULL)
		return cmd_fail(ctx, KERR_IO);
	rc = app_case_add_json(ctx->app, &ctx->actor, text, n, &id, &ctx->err);
	free(text);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf("%lld\n", (long long)id);
	return 0;
}

/* --overdue, --within DAYS, --sort due: the running legal term. */
static int
term_filter(struct cmd_ctx *ctx, struct store_case_filter *f)
{
	enum app_deadline_filter which = APP_DL_ALL;
	const char *s, *sort = cmd_opt(ctx, "sort");
	char *from, *to, *end;
	long within = 0;

	if (sort != NULL && strcmp(sort, "due") != 0 && strcmp(sort, "complaint") != 0)
		return cmd_usage_error(ctx, _("--sort: '%s' is not 'complaint' or 'due'"), sort);
	if (sort != NULL && strcmp(sort, "due") == 0)
		f->sort = STORE_CASE_DUE;
	if (cmd_opt(ctx, "overdue") && cmd_opt(ctx, "within"))
		return cmd_usage_error(ctx, "%s", _("--overdue and --within exclude each other"));
	if ((s = cmd_opt(ctx, "within")) != NULL) {
		within = strtol(s, &end, 10);
		if (*s == '\0' || *end || within < 0 || within > 36600)
			return cmd_usage_error(ctx,
				_("--within: '%s' is not a number of days between 0 and 36600"), s);
		which = APP_DL_WITHIN;
	} else if (cmd_opt(ctx, "overdue")) {
		which = APP_DL_OVERDUE;
	} else {
		return 0;
	}
	from = arena_alloc(&ctx->arena, 11);
	to = arena_alloc(&ctx->arena, 11);
	if (app_deadline_filter_dates(which, (int)within, from, to, &ctx->err) != KERR_OK)
		return cmd_fail(ctx, ctx->err.code);
	f->due_from = from;
	f->due_to = to;
	return 0;
}

static int
list_filter(struct cmd_ctx *ctx, struct store_case_filter *f)
{
	int status;
	const char *s;
	struct office o;
	struct kerr e;
	char *end;

	memset(f, 0, sizeof(*f));
	f->stage = cmd_opt(ctx, "stage");
	f->department = cmd_opt(ctx, "region");
	f->exploitation = cmd_opt(ctx, "exploitation");
	f->number_like = cmd_opt(ctx, "number");
	if (f->stage && !cb_lookup(CB_STAGE, f->stage))
		return cmd_usage_error(ctx, _("--stage: unknown stage '%s'; see 'khipu codebook stage'"),
			f->stage);
	if (f->exploitation && !cb_lookup(CB_EXPLOITATION, f->exploitation))
		return cmd_usage_error(ctx,
			_("--exploitation: unknown code '%s'; see 'khipu codebook exploitation'"),
			f->exploitation);
	if (f->department && !cb_lookup(CB_DEPARTMENT, f->department))
		return cmd_usage_error(ctx,
			_("--region: unknown department '%s'; see 'khipu codebook department'"),
			f->department);
	if ((s = cmd_opt(ctx, "year")) != NULL) {
		f->year = (int)strtol(s, &end, 10);
		if (*end || f->year < 1900 || f->year > 2100)
			return cmd_usage_error(ctx, _("--year: '%s' is not a year between 1900 and 2100"), s);
	}
	if ((s = cmd_opt(ctx, "limit")) != NULL) {
		f->limit = strtoul(s, &end, 10);
		if (*end || *s == '-')
			return cmd_usage_error(ctx, _("--limit: '%s' is not a number; give a whole number such as 50"), s);
	}
	if ((status = term_filter(ctx, f)) != 0)
		return status;
	if ((s = cmd_opt(ctx, "assigned-to")) != NULL &&
	    app_assignee_filter(ctx->app, &ctx->actor, s, &f->assigned_to, &e) != KERR_OK)
		return cmd_usage_error(ctx, "--assigned-to: %s", *e.field &&
			strncmp(e.msg, e.field, strlen(e.field)) == 0 ? e.msg + strlen(e.field) + 2 :
			e.msg);
	if ((s = cmd_opt(ctx, "office")) != NULL) {
		struct office *all;
		size_t n, i;
		if (app_office_list(ctx->app, &ctx->actor, &ctx->arena, &all, &n, &e) != KERR_OK)
			return cmd_usage_error(ctx, "%s", e.msg);
		for (i = 0; i < n && strcmp(all[i].code, s) != 0; i++)
			;
		if (i == n)
			return cmd_usage_error(ctx, _("--office: unknown office '%s'; see 'khipu office list'"), s);
		o = all[i];
		f->office_id = o.id;
	}
	return 0;
}

static json_t *
row_json(const struct store_case_row *r)
{
	json_t *offences = json_array();
	size_t i;

	for (i = 0; i < r->c.noffences; i++)
		json_array_append_new(offences, json_string(r->c.offences[i]));
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s?,s:s?,s:s,s:s?,s:s?,s:o,s:i,s:i,s:b,s:o}",
		"id", (json_int_t)r->c.id, "number", r->c.number, "office", r->office_code,
		"complaint_date", r->c.complaint_date, "complaint_source", r->c.complaint_source,
		"place_country", r->c.place.country, "place_ubigeo", r->c.place.ubigeo,
		"stage", r->c.stage, "term", r->c.term.kind,
		"term_due", r->c.term.kind ? r->c.term.due : NULL, "offences", offences,
		"victims", r->nvictims, "suspects", r->nsuspects, "synthetic", r->c.synthetic,
		"assigned_to", r->c.assignee ? json_string(r->c.assignee) : json_null());
}

static int
run_case_list(struct cmd_ctx *ctx)
{
	static const char *const head[] = { N_("id"), N_("number"), N_("office"), N_("complaint"),
		N_("region"), N_("stage"), N_("victims"), N_("suspects"), N_("assigned to"),
		N_("term due") };
	const char *format = cmd_format(ctx, "table,csv,json", "table");
	struct store_case_filter f;
	struct store_case_row *rows;
	size_t n, i;
	int status;
	enum kerr_code rc;

	if (format == NULL)
		return 2;
	if ((status = list_filter(ctx, &f)) != 0)
		return status;
	rc = app_case_list(ctx->app, &ctx->actor, &f, &ctx->arena, &rows, &n, &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	if (strcmp(format, "json") == 0) {
		json_t *arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, row_json(&rows[i]));
		cmd_json_print(arr, stdout);
		return 0;
	}
	struct cmd_table *t = cmd_table_new(sizeof(head) / sizeof(head[0]), head);
	for (i = 0; i < n; i++) {
		char id[24], v[16], s[16];
		const struct kcase *c = &rows[i].c;
		snprintf(id, sizeof(id), "%lld", (long long)c->id);
		snprintf(v, sizeof(v), "%d", rows[i].nvictims);
		snprintf(s, sizeof(s), "%d", rows[i].nsuspects);
		const char *row[] = { id, c->number, rows[i].office_code, c->complaint_date,
			c->place.ubigeo && *c->place.ubigeo ? c->place.ubigeo : c->place.country,
			c->stage, v, s, c->assignee ? c->assignee : "",
			c->term.kind ? c->term.due : "" };
		cmd_table_row(t, row);
	}
	cmd_table_print(t, stdout, format);
	return 0;
}

static const char *
identities_word(const struct cmd_ctx *ctx, int reveal)
{
	if (policy_scope(ctx->actor.role, POL_REVEAL_VICTIM) == POL_SCOPE_NONE &&
	    policy_scope(ctx->actor.role, POL_REVEAL_OTHER) == POL_SCOPE_NONE)
		return "none";
	return reveal ? "revealed" : "masked";
}

/* The label of a code in the user's language (the code when unknown). */
static const char *
cbl(enum cb_dim dim, const char *code)
{
	if (code == NULL || *code == '\0')
		return "";
	return cb_label(dim, code, i18n_current() == I18N_EN ? CB_EN : CB_ES);
}

/* Print s and pad it to width columns (one column per UTF-8 code point). */
static void
pad(const char *s, int width)
{
	int w = 0;
	const char *p;

	for (p = s; *p; p++)
		if (((unsigned char)*p & 0xC0) != 0x80)
			w++;
	printf("%s%*s", s, width > w ? width - w : 0, "");
}

static void
print_person(const struct participation *p)
{
	const struct person *q = &p->person;

	fputs("  ", stdout);
	pad(cbl(CB_PERSON_ROLE, p->role), 15);
	printf(_("person %lld"), (long long)p->person_id);
	printf("  %s  %s", q->name ? q->name : _("[protected]"),
		cbl(CB_SEX, q->sex ? q->sex : "unknown"));
	if (q->birth_year) {
		fputs(", ", stdout);
		printf(_("born %d"), q->birth_year);
	}
	if (q->nationality && *q->nationality)
		printf(", %s", q->nationality);
	if (q->doc_number)
		printf(", %s %s", q->doc_type ? q->doc_type : "doc", q->doc_number);
	putchar('\n');
	if (strcmp(p->role, "victim") == 0 && p->victim.nexploitation) {
		printf("%17s%s:", "", _("exploitation"));
		for (size_t i = 0; i < p->victim.nexploitation; i++)
			printf("%s %s", i ? "," : "", cbl(CB_EXPLOITATION, p->victim.exploitation[i]));
		putchar('\n');
	}
	if (strcmp(p->role, "suspect") == 0 && p->suspect.outcome)
		printf("%17s%s: %s\n", "", _("outcome"), cbl(CB_OUTCOME, p->suspect.outcome));
	/* the suspect's path, one step a line (khipu case outcome) */
	for (size_t i = 0; strcmp(p->role, "suspect") == 0 && i < p->suspect.npath; i++) {
		const struct path_step *x = &p->suspect.path[i];
		printf("%17s%s  %s", "", x->date, cbl(CB_PATH_STEP, x->step));
		if (x->prison_months > 0)
			printf(_(", %d years %d months of prison%s"), x->prison_months / 12,
				x->prison_months % 12, x->suspended ? _(" (suspended)") : "");
		if (x->reparation_currency != NULL)
			printf(_(", reparation %lld.%02lld %s"), (long long)(x->reparation_cents / 100),
				(long long)(x->reparation_cents % 100), x->reparation_currency);
		putchar('\n');
	}
	for (size_t i = 0; strcmp(p->role, "suspect") == 0 && i < p->suspect.npayments; i++)
		printf(_("%17s%s  reparation paid %lld.%02lld\n"), "", p->suspect.payments[i].date,
			(long long)(p->suspect.payments[i].amount_cents / 100),
			(long long)(p->suspect.payments[i].amount_cents % 100));
}

/* "stage" -> "stage:" padded by the caller, in the user's language. */
static const char *
label(const char *word)
{
	static char buf[4][64];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s:", word);
	return buf[k];
}

/* The moves of a case between offices, oldest first. */
static void
print_transfers(const struct kcase *c)
{
	char when[32];
	size_t i;

	if (c->ntransfers == 0)
		return;
	printf(_("transfers (%zu):\n"), c->ntransfers);
	for (i = 0; i < c->ntransfers; i++) {
		const struct case_transfer *t = &c->transfers[i];
		time_t at = (time_t)t->at;
		struct tm tm;
		gmtime_r(&at, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d", &tm);
		printf("  %s  %s -> %s  (%s)  %s\n", when, t->from_code, t->to_code,
			t->by_name ? t->by_name : "", t->reason ? t->reason : _("[protected]"));
	}
}

static void
print_case_text(const struct kcase *c, const char *office)
{
	size_t i;

	printf(_("case %s (id %lld)%s\n"), c->number, (long long)c->id,
		c->synthetic ? _("  [SYNTHETIC]") : "");
	if (office != NULL)
		pad(label(_("office")), 12), printf("%s\n", office);
	pad(label(_("assignee")), 12);
	printf("%s\n", c->assignee ? c->assignee : _("nobody"));
	pad(label(_("stage")), 12);
	printf("%s [%s]\n", cbl(CB_STAGE, c->stage), c->stage);
	pad(label(_("complaint")), 12);
	printf("%s (%s)\n", c->complaint_date, cbl(CB_COMPLAINT_SOURCE, c->complaint_source));
	pad(label(_("place")), 12);
	printf("%s %s\n", c->place.country, c->place.ubigeo ? c->place.ubigeo : "");
	pad(label(_("offences")), 11);
	for (i = 0; i < c->noffences; i++)
		printf(" %s", c->offences[i]);
	putchar('\n');
	pad(label(_("summary")), 12);
	printf("%s\n", c->summary ? c->summary : _("[protected]"));
	printf(_("persons (%zu):\n"), c->nparts);
	for (i = 0; i < c->nparts; i++)
		print_person(&c->parts[i]);
	printf(_("events (%zu):\n"), c->nevents);
	for (i = 0; i < c->nevents; i++)
		printf("  %s  %s\n", c->events[i].date, cbl(CB_STAGE, c->events[i].stage));
	printf(_("assets: %zu  identifiers: %zu  international requests: %zu\n"),
		c->nassets, c->nidents, c->nrequests);
	for (i = 0; i < c->nidents; i++) {
		fputs("  ", stdout);
		pad(cbl(CB_IDENTIFIER_KIND, c->idents[i].kind), 20);
		printf("%s\n", c->idents[i].value ? c->idents[i].value : _("[protected]"));
	}
	print_transfers(c);
}

/* The code of an office (offices name no person: every user may list them),
 * or NULL when it cannot be found. */
static const char *
office_code(struct cmd_ctx *ctx, int64_t id)
{
	struct office *o;
	struct kerr e;
	size_t n, i;

	if (app_office_list(ctx->app, &ctx->actor, &ctx->arena, &o, &n, &e) != KERR_OK)
		return NULL;
	for (i = 0; i < n; i++)
		if (o[i].id == id)
			return o[i].code;
	return NULL;
}

static int
run_case_show(struct cmd_ctx *ctx)
{
	const char *format = cmd_format(ctx, "table,json", "table");
	int reveal = cmd_opt(ctx, "reveal") != NULL;
	const char *office;
	struct kcase c;
	int64_t id;
	enum kerr_code rc;

	if (format == NULL)
		return 2;
	if ((rc = app_case_id(ctx->app, ctx->args[0], &id, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	if (cmd_opt(ctx, "version") != NULL)
		return cmd_case_show_version(ctx, id, cmd_opt(ctx, "version"), reveal);
	rc = app_case_show(ctx->app, &ctx->actor, id, reveal ? APP_REVEAL : APP_MASKED,
		&ctx->arena, &c, &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	office = office_code(ctx, c.office_id);
	if (strcmp(format, "json") == 0) {
		json_t *o = casedoc_to_json(&c, office, identities_word(ctx, reveal),
			CASEDOC_WITH_CHILDREN), *shared = json_array();
		/* offices by code, as the case document names them */
		for (size_t i = 0; i < c.nshared; i++) {
			const char *code = office_code(ctx, c.shared_with[i]);
			json_array_append_new(shared, code ? json_string(code) :
				json_integer(c.shared_with[i]));
		}
		json_object_set_new(o, "shared_with", shared);
		cmd_json_print(o, stdout);
	}
	else
		print_case_text(&c, office);
	return 0;
}

static int
run_case_event(struct cmd_ctx *ctx)
{
	int64_t id;
	enum kerr_code rc;

	if (cmd_opt(ctx, "stage") == NULL || cmd_opt(ctx, "date") == NULL)
		return cmd_usage_error(ctx, "%s", _("--stage and --date are required"));
	if ((rc = app_case_id(ctx->app, ctx->args[0], &id, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	rc = app_case_event(ctx->app, &ctx->actor, id, cmd_opt(ctx, "stage"),
		cmd_opt(ctx, "date"), cmd_opt(ctx, "note"), &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("event '%s' recorded on case %lld\n"), cmd_opt(ctx, "stage"), (long long)id);
	return 0;
}

const struct cmd cmd_case_add = {
	.name = "case add",
	.usage = "case add --as USER --json FILE|-",
	.summary = N_("Register a case from a JSON case document"),
	.description =
		N_("Reads a case document (docs/case-document.md) and registers the case with its\n"
		"persons, events, assets, identifiers and international requests in one\n"
		"transaction, identities sealed. Prints the new case id. A document with any\n"
		"error is refused whole, with the field at fault named (persons[1].birth_date),\n"
		"and nothing is written. Prosecutors and police register cases of their own\n"
		"office; the document's \"office\" must be theirs."),
	.examples = N_("khipu case add --as rosa --json case.json\n"
		"khipu case add --as rosa --json - < case.json  # from standard input"),
	.opts = { { "json", "FILE", N_("the case document; '-' reads standard input") } },
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_case_add,
};

const struct cmd cmd_case_list = {
	.name = "case list",
	.usage = "case list --as USER [--format table|csv|json] [--office CODE] [--stage S] "
		"[--region DD] [--year Y] [--exploitation E] [--number TEXT] [--overdue | --within DAYS] "
		"[--sort complaint|due] [--limit N] [--assigned-to USER|me|nobody]",
	.summary = N_("List the cases the user may see"),
	.description =
		N_("Newest complaints first. Prosecutors and police see their office's cases and\n"
		"those shared with it; analysts, liaison officers and administrators see every\n"
		"case. No identity is listed. The filters combine; codes come from\n"
		"'khipu codebook stage', 'khipu codebook department' and\n"
		"'khipu codebook exploitation'. The table's region is the UBIGEO of the place\n"
		"of the facts, or its country when abroad. --overdue and --within keep the\n"
		"cases whose legal term (see 'khipu case deadlines') is past its last day, or\n"
		"ends within DAYS days; --sort due lists the earliest due first, the cases\n"
		"with no running term last. --assigned-to me lists the cases assigned to you\n"
		"('khipu case assign'), --assigned-to nobody those assigned to no one. The\n"
		"JSON fields are in docs/json-output.md; CSV has the table's columns with\n"
		"English headers."),
	.examples = N_("khipu case list --as rosa\n"
		"khipu case list --as rosa --stage archive --year 2024  # archived, complaint in 2024\n"
		"khipu case list --as ana-analyst --region 17 --exploitation forced_labour --format csv\n"
		"khipu case list --as rosa --assigned-to me  # the cases assigned to rosa"),
	.opts = {
		{ "format", "FORMAT", N_("table (default), csv or json") },
		{ "office", "CODE", N_("only cases of this office (or shared with it)") },
		{ "stage", "STAGE", N_("only cases at this stage") },
		{ "region", "DD", N_("only facts in this department (2-digit UBIGEO)") },
		{ "year", "YEAR", N_("only complaints of this year") },
		{ "exploitation", "CODE", N_("only cases with a victim of this form of exploitation") },
		{ "number", "TEXT", N_("only case numbers containing TEXT") },
		{ "overdue", NULL, N_("only cases past their legal term") },
		{ "within", "DAYS", N_("only cases whose legal term ends within DAYS days") },
		{ "sort", "ORDER", N_("complaint (newest first, the default) or due (earliest term first)") },
		{ "limit", "N", N_("at most N cases") },
		{ "assigned-to", "USER", N_("only cases assigned to USER ('me': to you; 'nobody': "
			"unassigned)") },
	},
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_case_list,
};

const struct cmd cmd_case_show = {
	.name = "case show",
	.usage = "case show ID|NUMBER --as USER [--reveal] [--format table|json] [--version N]",
	.summary = N_("Show a case; identities masked unless --reveal"),
	.description =
		N_("Shows the case, named by its id or its number, with its persons, events,\n"
		"assets, identifiers and requests. Identities (names, aliases, documents, birth\n"
		"dates, addresses, identifier values such as phones) are masked (M*** Q***) by\n"
		"default; --reveal shows in clear those the user's role may see, and each\n"
		"person revealed is written to the audit trail. Prosecutors and police may\n"
		"reveal everyone in their office's cases; liaison officers suspects, witnesses\n"
		"and complainants but no victim; analysts see no identity at all, not even\n"
		"masked ([protected]). Free text (summary, event notes, asset descriptions) may\n"
		"name victims: only roles that may reveal victims see it, with every identity\n"
		"of the case masked in it until --reveal. ID is digits (or #digits); anything\n"
		"else is a NUMBER. Administrators and auditors may not open a case. The JSON\n"
		"is described in docs/json-output.md; its \"version\" is what 'khipu case update'\n"
		"checks. --version N prints the whole document as it was at version N (JSON;\n"
		"see 'khipu case history')."),
	.examples = N_("khipu case show 2024-0153-FEPMTP-MDD --as rosa\n"
		"khipu case show 17 --as rosa --reveal  # in clear; audited\n"
		"khipu case show 17 --as rosa --format json\n"
		"khipu case show 17 --as rosa --version 2  # the document as it was at version 2"),
	.opts = {
		{ "reveal", NULL, N_("show identities in clear (audited)") },
		{ "format", "FORMAT", N_("table (default) or json") },
		{ "version", "N", N_("the case as it was at version N (a JSON document)") },
	},
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_case_show,
};

const struct cmd cmd_case_event = {
	.name = "case event",
	.usage = "case event ID|NUMBER --as USER --stage STAGE --date YYYY-MM-DD [--note TEXT]",
	.summary = N_("Record a procedural event; the case's stage follows"),
	.description =
		N_("Records a procedural event (see 'khipu codebook stage'): preliminary inquiry,\n"
		"archive, formalised investigation, indictment, trial, sentence, appeal, plea\n"
		"agreement... The case's current stage is the stage of its latest event. The\n"
		"note is sealed like an identity. Prosecutors and police record events on\n"
		"their office's cases."),
	.examples = N_("khipu case event 2024-0153-FEPMTP-MDD --as rosa --stage formalised_investigation "
		"--date 2024-05-02\n"
		"khipu case event 17 --as rosa --stage archive --date 2024-09-30 --note \"no evidence\""),
	.opts = {
		{ "stage", "STAGE", N_("stage code") },
		{ "date", "DATE", N_("date of the event, YYYY-MM-DD") },
		{ "note", "TEXT", N_("a note (sealed)") },
	},
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_case_event,
};
