/* cmd_attach.c — khipu case attach, case attachments, case attachment get. */
#include "cmd/cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "app/attach.h"

/* The case named by id or number. */
static int
case_arg(struct cmd_ctx *ctx, int64_t *id)
{
	enum kerr_code rc = app_case_id(ctx->app, ctx->args[0], id, &ctx->err);

	return rc == KERR_OK ? 0 : cmd_fail(ctx, rc);
}

/* Read the whole file at path, refusing by its size before reading it. */
static unsigned char *
read_attachment(struct cmd_ctx *ctx, const char *path, size_t *n)
{
	unsigned char *data = NULL;
	struct stat sb;
	size_t got = 0, r;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		kerr_set(&ctx->err, KERR_IO, _("cannot open '%s': %s; check the path and its "
			"permissions"), path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		kerr_set(&ctx->err, KERR_INVALID, _("'%s' is not a regular file"), path);
		goto fail;
	}
	if (app_attach_check_size((size_t)sb.st_size, &ctx->err) != KERR_OK)
		goto fail;
	data = malloc((size_t)sb.st_size);
	if (data == NULL)
		abort();
	while (got < (size_t)sb.st_size && (r = fread(data + got, 1, (size_t)sb.st_size - got,
	    f)) > 0)
		got += r;
	if (ferror(f) || got != (size_t)sb.st_size) {
		kerr_set(&ctx->err, KERR_IO, _("cannot read '%s' (did it change while read?)"), path);
		goto fail;
	}
	fclose(f);
	*n = got;
	return data;
fail:
	free(data);
	fclose(f);
	return NULL;
}

static int
run_case_attach(struct cmd_ctx *ctx)
{
	struct app_attachment att;
	unsigned char *data;
	size_t n;
	int64_t id;
	int status;
	enum kerr_code rc;

	if ((status = case_arg(ctx, &id)) != 0)
		return status;
	if ((data = read_attachment(ctx, ctx->args[1], &n)) == NULL)
		return cmd_fail(ctx, KERR_IO);
	rc = app_attach_add(ctx->app, &ctx->actor, id, data, n, ctx->args[1],
		cmd_opt(ctx, "title"), &ctx->arena, &att, &ctx->err);
	sodium_memzero(data, n);
	free(data);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("attachment %d of case %lld: %s, %lld bytes, encrypted\n"), att.n,
		(long long)id, att.type, (long long)att.size);
	return 0;
}

static const char *
when(struct cmd_ctx *ctx, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char s[32];

	gmtime_r(&tt, &tm);
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return arena_strdup(&ctx->arena, s);
}

static json_t *
attachment_json(struct cmd_ctx *ctx, const struct app_attachment *a)
{
	return json_pack("{s:i,s:s?,s:s?,s:s,s:s,s:I,s:s,s:s}", "n", a->n, "title", a->title,
		"filename", a->filename, "type", a->type, "mime", a->mime,
		"size", (json_int_t)a->size, "created_by", a->created_by,
		"created_at", when(ctx, a->created_at));
}

static int
run_case_attachments(struct cmd_ctx *ctx)
{
	static const char *const head[] = { N_("n"), N_("title"), N_("type"), N_("bytes"),
		N_("attached by"), N_("attached at") };
	const char *format = cmd_format(ctx, "table,csv,json", "table");
	struct app_attachment *all;
	struct cmd_table *t;
	size_t n, i;
	int64_t id;
	int status;
	enum kerr_code rc;

	if (format == NULL)
		return 2;
	if ((status = case_arg(ctx, &id)) != 0)
		return status;
	rc = app_attach_list(ctx->app, &ctx->actor, id, &ctx->arena, &all, &n, &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	if (strcmp(format, "json") == 0) {
		json_t *arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, attachment_json(ctx, &all[i]));
		cmd_json_print(arr, stdout);
		return 0;
	}
	t = cmd_table_new(6, head);
	for (i = 0; i < n; i++) {
		char num[16], size[24];
		snprintf(num, sizeof(num), "%d", all[i].n);
		snprintf(size, sizeof(size), "%lld", (long long)all[i].size);
		const char *row[] = { num, all[i].title ? all[i].title : "[protected]", all[i].type,
			size, all[i].created_by, when(ctx, all[i].created_at) };
		cmd_table_row(t, row);
	}
	cmd_table_print(t, stdout, format);
	return 0;
}

/* Write data to path, which must not exist, mode 0600; "-" is standard
 * output. A failed write leaves no file. */
static enum kerr_code
write_out(const char *path, const unsigned char *data, size_t n, struct kerr *err)
{
	size_t off = 0;
	ssize_t w;
	int fd;

	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, n, stdout) != n || fflush(stdout) != 0)
			return kerr_set(err, KERR_IO, _("cannot write to standard output"));
		return KERR_OK;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno == EEXIST ?
			kerr_field(err, KERR_CONFLICT, "--out", _("'%s' already exists; it is never "
				"overwritten: choose another name"), path) :
			kerr_field(err, KERR_IO, "--out", _("cannot create '%s': %s"), path,
				strerror(errno));
	while (off < n && (w = write(fd, data + off, n - off)) > 0)
		off += (size_t)w;
	if (off != n || fsync(fd) != 0 || close(fd) != 0) {
		int e = errno;
		unlink(path);
		return kerr_field(err, KERR_IO, "--out", _("cannot write '%s': %s"), path,
			strerror(e));
	}
	return KERR_OK;
}

static int
run_case_attachment_get(struct cmd_ctx *ctx)
{
	const char *out = cmd_opt(ctx, "out");
	struct app_attachment meta;
	unsigned char *data;
	size_t len;
	int64_t id;
	long num;
	char *end;
	int status;
	enum kerr_code rc;

	if (out == NULL)
		return cmd_usage_error(ctx, "%s", _("--out FILE is required ('-' writes to standard "
			"output)"));
	num = strtol(ctx->args[1], &end, 10);
	if (*end != '\0' || num < 1 || num > 1000000)
		return cmd_usage_error(ctx, _("N: '%s' is not an attachment number; see 'khipu case "
			"attachments %s'"), ctx->args[1], ctx->args[0]);
	/* refused before the opening is audited; write_out checks again */
	if (strcmp(out, "-") != 0 && access(out, F_OK) == 0) {
		kerr_field(&ctx->err, KERR_CONFLICT, "--out", _("'%s' already exists; it is never "
			"overwritten: choose another name"), out);
		return cmd_fail(ctx, KERR_CONFLICT);
	}
	if ((status = case_arg(ctx, &id)) != 0)
		return status;
	rc = app_attach_get(ctx->app, &ctx->actor, id, (int)num, &ctx->arena, &meta, &data, &len,
		&ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	rc = write_out(out, data, len, &ctx->err);
	sodium_memzero(data, len);
	free(data);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	if (strcmp(out, "-") != 0)
		fprintf(stderr, _("attachment %d of case %lld written to '%s' (%s, %zu bytes); "
			"this reading is in the audit trail\n"), meta.n, (long long)id, out, meta.type,
			len);
	return 0;
}

const struct cmd cmd_case_attach = {
	.name = "case attach",
	.usage = "case attach ID|NUMBER FILE --as USER [--title TEXT]",
	.summary = N_("Attach a file to a case (encrypted)"),
	.description =
		N_("Attaches FILE to the case: a police report, a disposition, a photograph, a\n"
		"recording. The file is encrypted with a key of its own, sealed by the register\n"
		"key, and stored in the register itself, so backups, restores, migrations and\n"
		"key rotation carry it; no byte of it is in clear in the database. Its type is\n"
		"taken from its content, not its name: documents (PDF, DOCX, XLSX, PPTX, ODT,\n"
		"ODS, ODP, RTF, text), images (PNG, JPEG, GIF, WebP, TIFF, HEIC) and recordings\n"
		"(MP3, MP4, WAV, Ogg) are accepted; executables, scripts, archives, documents\n"
		"with macros and legacy .doc/.xls files are refused whatever they are called.\n"
		"Empty files are refused, and files over 25 MiB (KHIPU_ATTACH_MAX sets another\n"
		"limit, such as 50MiB). The title (default: the file name) and the file name are\n"
		"sealed too. Needs case.update on the case; audited."),
	.examples = N_("khipu case attach 2024-0153-FEPMTP-MDD atestado-policial.pdf --as rosa \\\n"
		"      --title \"Atestado policial 045-2024\"\n"
		"KHIPU_ATTACH_MAX=50MiB khipu case attach 17 video.mp4 --as rosa"),
	.opts = { { "title", "TEXT", N_("what the file is (default: its name)") } },
	.min_args = 2, .max_args = 2,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_case_attach,
};

const struct cmd cmd_case_attachments = {
	.name = "case attachments",
	.usage = "case attachments ID|NUMBER --as USER [--format table|csv|json]",
	.summary = N_("List the files attached to a case"),
	.description =
		N_("Lists the case's attachments by number: title, type (from the content), size,\n"
		"who attached it and when. Titles may name a victim: roles that may not open\n"
		"attachments (analysts, liaison officers) see [protected] (null in JSON).\n"
		"Needs case.read on the case. The JSON is described in docs/json-output.md."),
	.examples = N_("khipu case attachments 2024-0153-FEPMTP-MDD --as rosa\n"
		"khipu case attachments 17 --as rosa --format json"),
	.opts = { { "format", "FORMAT", N_("table (default), csv or json") } },
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_case_attachments,
};

const struct cmd cmd_case_attachment_get = {
	.name = "case attachment get",
	.usage = "case attachment get ID|NUMBER N --out FILE|- --as USER",
	.summary = N_("Write an attached file out (audited)"),
	.description =
		N_("Decrypts attachment N of the case and writes it to FILE (created with mode\n"
		"0600, never overwritten) or, with '-', to standard output. An attachment may\n"
		"show a victim, so opening one follows the rule of revealing a victim\n"
		"(attachment.read: prosecutors and police of the case's office) and is written\n"
		"to the audit trail before a byte is written out. A file that does not decrypt\n"
		"whole (tampered with, cut short) is refused and nothing is written."),
	.examples = N_("khipu case attachment get 2024-0153-FEPMTP-MDD 1 --out atestado.pdf --as rosa"),
	.opts = { { "out", "FILE", N_("the file to create ('-': standard output)") } },
	.min_args = 2, .max_args = 2,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_case_attachment_get,
};
