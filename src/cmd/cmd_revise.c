/* cmd_revise.c — khipu case update|edit|history, and case show --version:
 * amending a case through its document and reading its history. */
#include "cmd/cmd.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/casedoc.h"

static void
print_updated(int64_t id, int64_t before, int64_t after)
{
	if (after == before)
		printf(_("case %lld: nothing changed (still version %lld)\n"), (long long)id,
			(long long)after);
	else
		printf(_("case %lld updated: version %lld\n"), (long long)id, (long long)after);
}

static int
run_case_update(struct cmd_ctx *ctx)
{
	const char *path = cmd_opt(ctx, "json");
	char *text;
	size_t n;
	int64_t id, version = 0;
	json_t *doc;
	enum kerr_code rc;

	if (path == NULL)
		return cmd_usage_error(ctx, "%s", _("--json FILE is required ('-' reads standard input)"));
	if ((rc = app_case_id(ctx->app, ctx->args[0], &id, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	if ((text = cmd_read_file(ctx, path, &n)) == NULL)
		return cmd_fail(ctx, KERR_IO);
	rc = app_case_update_json(ctx->app, &ctx->actor, id, text, n, cmd_opt(ctx, "reason"), 0,
		&version, &ctx->err);
	/* the version it was made from, for the message */
	doc = json_loadb(text, n, 0, NULL);
	free(text);
	if (rc != KERR_OK) {
		json_decref(doc);
		return cmd_fail(ctx, rc);
	}
	print_updated(id, json_integer_value(json_object_get(doc, "version")), version);
	json_decref(doc);
	return 0;
}

/* ---- case edit ---- */

/* The document case show --format json prints, as text (caller frees). */
static char *
document_text(struct cmd_ctx *ctx, int64_t id, int reveal, int64_t *version)
{
	struct kcase c;
	struct office *o;
	size_t n, i, j;
	struct kerr e;
	json_t *doc, *shared;
	char *text;

	if (app_case_show(ctx->app, &ctx->actor, id, reveal ? APP_REVEAL : APP_MASKED,
	    &ctx->arena, &c, &ctx->err) != KERR_OK)
		return NULL;
	*version = c.version;
	if (app_office_list(ctx->app, &ctx->actor, &ctx->arena, &o, &n, &e) != KERR_OK)
		n = 0;
	doc = casedoc_to_json(&c, NULL, reveal ? "revealed" : "masked", CASEDOC_WITH_CHILDREN);
	shared = json_array();
	for (i = 0; i < n; i++)
		if (o[i].id == c.office_id)
			json_object_set_new(doc, "office", json_string(o[i].code));
	for (j = 0; j < c.nshared; j++) {
		for (i = 0; i < n && o[i].id != c.shared_with[j]; i++)
			;
		json_array_append_new(shared, i < n ? json_string(o[i].code) :
			json_integer(c.shared_with[j]));
	}
	json_object_set_new(doc, "shared_with", shared);
	text = json_dumps(doc, JSON_INDENT(2));
	json_decref(doc);
	return text;
}

/* Run the user's editor on path: $VISUAL, else $EDITOR, else vi; through
 * the shell, so an editor with options works ("code --wait"). */
static int
run_editor(const char *path)
{
	const char *ed = getenv("VISUAL");
	pid_t pid;
	int status;

	if (ed == NULL || *ed == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || *ed == '\0')
		ed = "vi";
	/* the editor's words are split by the shell; the path is one argument */
	if (setenv("KHIPU_EDIT_WITH", ed, 1) != 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", "exec $KHIPU_EDIT_WITH \"$1\"", "sh", path, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Overwrite the file's bytes before it goes: it may hold identities. */
static void
shred(const char *path, size_t n)
{
	FILE *f = fopen(path, "r+");
	size_t i;

	if (f != NULL) {
		for (i = 0; i < n; i++)
			fputc(0, f);
		fclose(f);
	}
	unlink(path);
}

static int
run_case_edit(struct cmd_ctx *ctx)
{
	int reveal = cmd_opt(ctx, "reveal") != NULL;
	const char *tmpdir = getenv("TMPDIR");
	char path[4096], *before, *after = NULL;
	size_t nb, na = 0;
	int64_t id, version, now = 0;
	int fd, status;
	enum kerr_code rc;

	if ((rc = app_case_id(ctx->app, ctx->args[0], &id, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	if ((before = document_text(ctx, id, reveal, &version)) == NULL)
		return cmd_fail(ctx, ctx->err.code);
	nb = strlen(before);
	snprintf(path, sizeof(path), "%s/khipu-case-%lld-XXXXXX.json",
		tmpdir != NULL && *tmpdir ? tmpdir : "/tmp", (long long)id);
	fd = mkstemps(path, 5);   /* mode 0600 */
	if (fd < 0 || write(fd, before, nb) != (ssize_t)nb) {
		if (fd >= 0)
			close(fd), unlink(path);
		free(before);
		return cmd_fail(ctx, kerr_set(&ctx->err, KERR_IO,
			_("cannot write a temporary file in '%s'"), tmpdir ? tmpdir : "/tmp"));
	}
	close(fd);
	status = run_editor(path);
	if (status == 0)
		after = cmd_read_file(ctx, path, &na);
	shred(path, na > nb ? na : nb);
	if (status != 0) {
		free(before);
		return cmd_fail(ctx, kerr_set(&ctx->err, KERR_INVALID,
			_("the editor ended with an error (status %d); nothing was written"), status));
	}
	if (after == NULL) {
		free(before);
		return cmd_fail(ctx, KERR_IO);
	}
	if (na == nb && memcmp(after, before, nb) == 0) {
		printf(_("case %lld: nothing changed (still version %lld)\n"), (long long)id,
			(long long)version);
		rc = KERR_OK;
		now = version;
	} else {
		rc = app_case_update_json(ctx->app, &ctx->actor, id, after, na,
			cmd_opt(ctx, "reason"), 0, &now, &ctx->err);
		if (rc == KERR_OK)
			print_updated(id, version, now);
	}
	memset(before, 0, nb);
	memset(after, 0, na);
	free(before);
	free(after);
	return rc == KERR_OK ? 0 : cmd_fail(ctx, rc);
}

/* ---- case history ---- */

/* A change's value on one line: text as it is, anything else as JSON. */
static char *
value_text(json_t *v)
{
	if (v == NULL || json_is_null(v))
		return strdup("-");
	if (json_is_string(v))
		return strdup(json_string_value(v));
	return json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
}

static void
print_history(json_t *h)
{
	json_t *r, *ch;
	size_t i, j;

	printf(_("case %s (id %lld), version %lld\n"),
		json_string_value(json_object_get(h, "number")),
		(long long)json_integer_value(json_object_get(h, "case")),
		(long long)json_integer_value(json_object_get(h, "version")));
	json_array_foreach(json_object_get(h, "revisions"), i, r) {
		const char *reason = json_string_value(json_object_get(r, "reason"));
		printf(_("version %lld  %s  by %s"),
			(long long)json_integer_value(json_object_get(r, "version")),
			json_string_value(json_object_get(r, "at")),
			json_string_value(json_object_get(r, "by")));
		if (json_is_true(json_object_get(r, "registered")))
			printf("  %s", _("(registered)"));
		if (reason != NULL)
			printf(_("  reason: %s"), reason);
		putchar('\n');
		json_array_foreach(json_object_get(r, "changes"), j, ch) {
			char *o = value_text(json_object_get(ch, "old"));
			char *n = value_text(json_object_get(ch, "new"));
			printf("  %s: %s -> %s\n", json_string_value(json_object_get(ch, "path")),
				o ? o : "?", n ? n : "?");
			free(o);
			free(n);
		}
	}
}

static int
run_case_history(struct cmd_ctx *ctx)
{
	const char *format = cmd_format(ctx, "table,json", "table");
	int64_t id;
	json_t *h;
	enum kerr_code rc;

	if (format == NULL)
		return 2;
	if ((rc = app_case_id(ctx->app, ctx->args[0], &id, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	rc = app_case_history(ctx->app, &ctx->actor, id, cmd_opt(ctx, "reveal") ?
		APP_REVEAL : APP_MASKED, &h, &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	if (strcmp(format, "json") == 0) {
		cmd_json_print(h, stdout);
		return 0;
	}
	print_history(h);
	json_decref(h);
	return 0;
}

int
cmd_case_show_version(struct cmd_ctx *ctx, int64_t id, const char *version, int reveal)
{
	char *end;
	long long v = strtoll(version, &end, 10);
	json_t *doc;
	enum kerr_code rc;

	if (*version == '\0' || *end != '\0' || v < 1)
		return cmd_usage_error(ctx, _("--version: '%s' is not a version number (1, 2...)"),
			version);
	rc = app_case_version_doc(ctx->app, &ctx->actor, id, v, reveal ? APP_REVEAL : APP_MASKED,
		&doc, &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	cmd_json_print(doc, stdout);
	return 0;
}

const struct cmd cmd_case_update = {
	.name = "case update",
	.usage = "case update ID|NUMBER --as USER --json FILE|- [--reason TEXT]",
	.summary = N_("Amend a case with its edited JSON document"),
	.description =
		N_("Takes the case document as 'khipu case show ID --format json' prints it,\n"
		"edited, and applies the difference (docs/case-document.md, \"Amending a\n"
		"case\"): persons, events, assets, identifiers and requests that keep their\n"
		"\"id\" are changed in place, those without one are added, those left out are\n"
		"marked removed (never deleted). Identity fields left out, or left as the masked\n"
		"text case show printed, stay as they are; null erases. The document's\n"
		"\"version\" must be the case's current one: if someone changed the case in\n"
		"between, nothing is written and the exit status is 9. Every change is one\n"
		"numbered revision in the history ('khipu case history'), with the reason.\n"
		"Prosecutors and police amend their office's cases; changing the sharing needs\n"
		"the right to share, changing international requests the right to manage them."),
	.examples = N_("khipu case show 17 --as rosa --format json > case.json\n"
		"khipu case update 17 --as rosa --json case.json --reason \"suspect identified\""),
	.opts = {
		{ "json", "FILE", N_("the edited case document; '-' reads standard input") },
		{ "reason", "TEXT", N_("why (kept, sealed, in the history)") },
	},
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_case_update,
};

const struct cmd cmd_case_edit = {
	.name = "case edit",
	.usage = "case edit ID|NUMBER --as USER [--reveal] [--reason TEXT]",
	.summary = N_("Amend a case in your editor"),
	.description =
		N_("Opens the case document in $VISUAL (or $EDITOR, or vi) and, when the editor\n"
		"ends, applies it as 'khipu case update' does. Identities are masked; leave\n"
		"them as they are to keep them. With --reveal they are in clear (audited) in a\n"
		"temporary file readable only by you, overwritten and removed afterwards. An\n"
		"unchanged file writes nothing."),
	.examples = N_("khipu case edit 17 --as rosa --reason \"birth year corrected\"\n"
		"EDITOR=nano khipu case edit 17 --as rosa --reveal"),
	.opts = {
		{ "reveal", NULL, N_("edit identities in clear (audited)") },
		{ "reason", "TEXT", N_("why (kept, sealed, in the history)") },
	},
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_case_edit,
};

const struct cmd cmd_case_history = {
	.name = "case history",
	.usage = "case history ID|NUMBER --as USER [--reveal] [--format table|json]",
	.summary = N_("Show every version of a case: who changed what, when and why"),
	.description =
		N_("Lists the case's versions: 1 is the registration; each later one says when,\n"
		"who, the reason, and every changed field with its old and new value. Identity\n"
		"values are masked for roles that may reveal victims in the case, hidden for\n"
		"the others; --reveal shows them in clear (that right; audited). Any version\n"
		"can be read back whole with 'khipu case show ID --version N'. The JSON is\n"
		"described in docs/json-output.md."),
	.examples = N_("khipu case history 17 --as rosa\n"
		"khipu case history 17 --as rosa --format json --reveal"),
	.opts = {
		{ "reveal", NULL, N_("identity values in clear (audited)") },
		{ "format", "FORMAT", N_("table (default) or json") },
	},
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_case_history,
};
