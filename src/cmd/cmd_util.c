/*
 * cmd_util.c — what every command needs: reading input, progress, formats.
 */
#include "cmd/cmd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "lib/buf.h"

char *
cmd_read_password(struct cmd_ctx *ctx)
{
	char line[1100];
	size_t n;

	if (fgets(line, sizeof(line), stdin) == NULL) {
		kerr_set(&ctx->err, KERR_INVALID,
			/* xgettext:no-c-format */
			"%s", _("no password on standard input; pipe it in, e.g. printf '%s\\n' "
			"\"$PW\" | khipu ..."));
		return NULL;
	}
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	char *pw = strdup(line);
	sodium_memzero(line, sizeof(line));
	if (pw == NULL)
		abort();
	return pw;
}

char *
cmd_read_file(struct cmd_ctx *ctx, const char *path, size_t *n)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct buf b;
	char chunk[65536];
	size_t got;

	if (f == NULL) {
		kerr_set(&ctx->err, KERR_IO, _("cannot open '%s': %s; check the path and its permissions"),
			path, strerror(errno));
		return NULL;
	}
	buf_init(&b, BUF_CAP_DOC);
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(&b, chunk, got) < 0) {
			kerr_set(&ctx->err, KERR_INVALID, _("'%s' is larger than 16 MiB"), path);
			buf_release(&b);
			if (f != stdin)
				fclose(f);
			return NULL;
		}
	if (ferror(f)) {
		kerr_set(&ctx->err, KERR_IO, _("cannot read '%s'"), path);
		buf_release(&b);
		b.s = NULL;
	}
	if (f != stdin)
		fclose(f);
	return b.s == NULL ? NULL : buf_detach(&b, n);
}

void
cmd_progress(void *vctx, size_t done, size_t total)
{
	struct cmd_ctx *ctx = vctx;

	if (!ctx->interactive)
		return;
	fprintf(stderr, "\r%s: %3zu%% (%zu/%zu)", ctx->cmd->name,
		total ? done * 100 / total : 100, done, total);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

const char *
cmd_format(struct cmd_ctx *ctx, const char *allowed, const char *dflt)
{
	const char *f = cmd_opt(ctx, "format");
	const char *p;
	size_t len;

	if (f == NULL)
		return dflt;
	len = strlen(f);
	for (p = allowed; (p = strstr(p, f)) != NULL; p += len)
		if ((p == allowed || p[-1] == ',') && (p[len] == ',' || p[len] == '\0'))
			return f;
	cmd_usage_error(ctx, _("unknown format '%s'; expected one of %s"), f, allowed);
	return NULL;
}
