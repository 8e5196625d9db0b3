/* cmd_audit.c — khipu audit verify|show. */
#include "cmd/cmd.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int
run_audit_verify(struct cmd_ctx *ctx)
{
	struct app_audit_report r;
	enum kerr_code rc = app_audit_verify(ctx->app, &ctx->actor, &r, &ctx->err);

	if (rc == KERR_INTEGRITY) {
		fprintf(stderr, _("khipu: audit trail broken: first bad entry %lld: %s\n"),
			(long long)r.bad_seq, r.reason);
		fprintf(stderr, "%s\n", _("khipu: do not write to the register; restore the last "
			"backup whose audit trail verifies (see docs/admin-guide.md)"));
		printf(_("BROKEN at entry %lld (%lld entries verified before it)\n"),
			(long long)r.bad_seq, (long long)r.entries);
		return kerr_exit_status(rc);
	}
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("audit trail intact: %lld entries\n"), (long long)r.entries);
	return 0;
}

struct show_ctx {
	const char *format;
	json_t *arr;
	struct cmd_table *t;
};

static int
show_one(void *vctx, const struct audit_entry *e)
{
	struct show_ctx *s = vctx;
	char seq[24], ts[32];
	struct tm tm;
	time_t t = (time_t)e->ts;

	gmtime_r(&t, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (s->arr != NULL) {
		json_array_append_new(s->arr, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}",
			"seq", (json_int_t)e->seq, "time", ts, "actor", e->actor,
			"action", e->action, "object", e->object, "detail", e->detail));
		return 0;
	}
	snprintf(seq, sizeof(seq), "%lld", (long long)e->seq);
	const char *row[] = { seq, ts, e->actor, e->action, e->object, e->detail };
	cmd_table_row(s->t, row);
	return 0;
}

static int
run_audit_show(struct cmd_ctx *ctx)
{
	static const char *const head[] = { N_("seq"), N_("time"), N_("actor"), N_("action"),
		N_("object"), N_("detail") };
	struct show_ctx s = { 0 };
	const char *from = cmd_opt(ctx, "from");
	enum kerr_code rc;

	if ((s.format = cmd_format(ctx, "table,csv,json", "table")) == NULL)
		return 2;
	if (from != NULL && (from[strspn(from, "0123456789")] != '\0' || *from == '\0'))
		return cmd_usage_error(ctx, _("--from: '%s' is not an entry number; give one such "
			"as 1200"), from);
	if (strcmp(s.format, "json") == 0)
		s.arr = json_array();
	else
		s.t = cmd_table_new(6, head);
	rc = app_audit_list(ctx->app, &ctx->actor, from ? atoll(from) : 0, show_one, &s,
		&ctx->err);
	if (rc != KERR_OK) {
		json_decref(s.arr);
		cmd_table_free(s.t);
		return cmd_fail(ctx, rc);
	}
	if (s.arr != NULL)
		cmd_json_print(s.arr, stdout);
	else
		cmd_table_print(s.t, stdout, s.format);
	return 0;
}

const struct cmd cmd_audit_verify = {
	.name = "audit verify",
	.usage = "audit verify [--as AUDITOR]",
	.summary = N_("Verify the hash-chained audit trail"),
	.description =
		N_("Checks every entry's keyed hash, every link to the previous entry, that no\n"
		"entry is missing or out of order, and that the trail ends at its recorded\n"
		"head. Exits 0 when intact; otherwise exits 8, names the first bad entry on\n"
		"standard error and prints \"BROKEN at entry N\". Needs the key file. Auditors\n"
		"(or the holder of the key file, without --as) may verify. When it fails, stop\n"
		"writing and follow docs/admin-guide.md (restore the last good backup)."),
	.examples = N_("khipu audit verify\nkhipu audit verify --as auditor1"),
	.flags = CMD_OPEN | CMD_SYSTEM,
	.run = run_audit_verify,
};

const struct cmd cmd_audit_show = {
	.name = "audit show",
	.usage = "audit show [--as AUDITOR] [--from SEQ] [--format table|csv|json]",
	.summary = N_("Show the audit trail: who did what, and who saw which identity"),
	.description =
		N_("Lists the entries, oldest first: sequence number, time (UTC), user, action\n"
		"(case.create, identity.reveal_victim, person.search, access.denied...), object\n"
		"(case:17, person:4) and details (JSON). The trail holds no identity in clear.\n"
		"Auditors (or the holder of the key file, without --as) may read it."),
	.examples = N_("khipu audit show --as auditor1\n"
		"khipu audit show --as auditor1 --from 1200 --format csv > audit.csv\n"
		"khipu audit show --as auditor1 --format json | jq '.[] | select(.action == "
		"\"identity.reveal_victim\")'  # who saw victims"),
	.opts = {
		{ "from", "SEQ", N_("start at this entry") },
		{ "format", "FORMAT", N_("table (default), csv or json") },
	},
	.flags = CMD_OPEN | CMD_SYSTEM,
	.run = run_audit_show,
};
