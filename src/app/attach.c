/*
 * attach.c — attaching files to a case, listing them, opening them
 * (attach.h). The file is encrypted chunk by chunk inside the write
 * transaction that stores it, so a failure leaves nothing behind; its key
 * is sealed with the register key, so key rotation rewraps it with every
 * other sealed value and the chunks never change. Messages never name the
 * file: its name may name a victim.
 */
#include "app/app_int.h"
#include "app/attach.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>

#include "core/validate.h"
#include "crypto/stream.h"
#include "io/filetype.h"
#include "lib/i18n.h"
#include "lib/xalloc.h"
#include "store/store_attach.h"

#define ATTACH_TABLE "attachment"
#define ATTACH_TITLE_MAX 300
#define ATTACH_NAME_MAX 255

/* ---- the size limit ---- */

enum kerr_code
app_attach_limit(size_t *max, struct kerr *err)
{
	static const struct { const char *unit; unsigned long long mult; } units[] = {
		{ "", 1 }, { "B", 1 }, { "K", 1ull << 10 }, { "KiB", 1ull << 10 },
		{ "KB", 1000 }, { "M", 1ull << 20 }, { "MiB", 1ull << 20 }, { "MB", 1000000 },
		{ "G", 1ull << 30 }, { "GiB", 1ull << 30 }, { "GB", 1000000000 },
	};
	const char *s = getenv("KHIPU_ATTACH_MAX");
	unsigned long long v;
	char *end;
	size_t i;

	*max = APP_ATTACH_DEFAULT_MAX;
	if (s == NULL || *s == '\0')
		return KERR_OK;
	errno = 0;
	v = strtoull(s, &end, 10);
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(end, units[i].unit) == 0)
			break;
	if (errno != 0 || end == s || *s == '-' || i == sizeof(units) / sizeof(units[0]) ||
	    v == 0 || v > APP_ATTACH_HARD_MAX / units[i].mult)
		return kerr_set(err, KERR_INVALID, _("KHIPU_ATTACH_MAX: '%s' is not a size between "
			"1 byte and %u MiB, such as 25MiB"), s, APP_ATTACH_HARD_MAX >> 20);
	*max = (size_t)(v * units[i].mult);
	return KERR_OK;
}

/* ---- checks on what is attached ---- */

static const char *
refusal_reason(enum filetype t)
{
	switch (t) {
	case FILETYPE_EXECUTABLE:
		return _("an executable program, whatever its name says");
	case FILETYPE_SCRIPT:
		return _("a script (it starts with '#!'), whatever its name says");
	case FILETYPE_ARCHIVE:
		return _("an archive (ZIP) that is not an office document");
	case FILETYPE_MACRO:
		return _("an office document with macros");
	case FILETYPE_OLE:
		return _("a legacy Office file (.doc, .xls) or an installer; save it as PDF or DOCX");
	default:
		return _("of a type the register does not accept");
	}
}

/* "25.0 MiB", "2.0 KiB", "900 bytes" */
static void
human_size(size_t n, char out[32])
{
	if (n >= (1u << 20))
		snprintf(out, 32, "%.1f MiB", (double)n / (1u << 20));
	else if (n >= 1024)
		snprintf(out, 32, "%.1f KiB", (double)n / 1024);
	else
		snprintf(out, 32, "%zu bytes", n);
}

enum kerr_code
app_attach_check_size(size_t n, struct kerr *err)
{
	size_t max;
	enum kerr_code rc;

	if ((rc = app_attach_limit(&max, err)) != KERR_OK)
		return rc;
	if (n == 0)
		return kerr_field(err, KERR_INVALID, "file", _("the file is empty; nothing was "
			"attached"));
	if (n > max) {
		char have[32], most[32];
		human_size(n, have);
		human_size(max, most);
		return kerr_field(err, KERR_INVALID, "file", _("the file is %s; an attachment may "
			"be at most %s (KHIPU_ATTACH_MAX)"), have, most);
	}
	return KERR_OK;
}

static enum kerr_code
check_content(const void *data, size_t n, enum filetype *type, struct kerr *err)
{
	enum kerr_code rc;

	if ((rc = app_attach_check_size(n, err)) != KERR_OK)
		return rc;
	*type = filetype_detect(data, n);
	if (!filetype_info(*type)->accepted)
		return kerr_field(err, KERR_INVALID, "file", _("the file is %s; attach documents "
			"(PDF, DOCX, ODT, XLSX, text), images (PNG, JPEG, GIF, WebP, TIFF, HEIC) or "
			"recordings (MP3, MP4, WAV, Ogg)"), refusal_reason(*type));
	return KERR_OK;
}

/* The last path component of name, checked as text. */
static enum kerr_code
clean_filename(const char *name, struct arena *a, const char **out, struct kerr *err)
{
	const char *base = name == NULL ? "" : name;
	const char *slash;
	enum kerr_code rc;
	size_t i;

	while ((slash = strpbrk(base, "/\\")) != NULL)
		base = slash + 1;
	if ((rc = validate_text("file name", base, ATTACH_NAME_MAX, err)) != KERR_OK)
		return rc;
	for (i = 0; base[i]; i++)
		if (base[i] == '\n' || base[i] == '\r' || base[i] == '\t')
			return kerr_field(err, KERR_INVALID, "file name", _("a file name holds no line "
				"break or tab"));
	*out = arena_strdup(a, *base ? base : "file");
	return KERR_OK;
}

/* ---- the case ---- */

static enum kerr_code
load_case(struct app *app, const struct policy_actor *actor, int64_t case_id,
	enum pol_action action, struct arena *a, struct policy_case *pc, struct kerr *err)
{
	struct kcase c;
	char object[48];
	enum kerr_code rc = store_case_get(app->st, case_id, a, &c, err);

	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_NOTFOUND, _("no case %lld; see 'khipu case list'"),
			(long long)case_id);
	if (rc != KERR_OK)
		return rc;
	app_policy_case(&c, pc);
	snprintf(object, sizeof(object), "case:%lld", (long long)case_id);
	return app_allow(app, actor, action, pc, object, err);
}

static enum kerr_code
audit_json(struct app *app, const struct policy_actor *actor, enum pol_action action,
	int64_t case_id, json_t *detail, struct kerr *err)
{
	char object[48];
	char *text = app_audit_detail(detail);
	enum kerr_code rc;

	snprintf(object, sizeof(object), "case:%lld", (long long)case_id);
	rc = app_audit(app, actor, action, object, text, err);
	free(text);
	return rc;
}

/* ---- attaching ---- */

/* Encrypt and store the chunks of data under a fresh key; seal the key. */
static enum kerr_code
store_content(struct app *app, struct store_attachment *row, const unsigned char *data,
	size_t n, struct kerr *err)
{
	unsigned char key[STREAM_KEYBYTES], header[STREAM_HEADERBYTES];
	unsigned char *out = xmalloc(APP_ATTACH_CHUNK + STREAM_ABYTES);
	struct stream *s;
	enum kerr_code rc = KERR_OK;
	size_t off = 0, k;
	int64_t pos;

	stream_keygen(key);
	s = stream_push_new(key, header);
	row->header = header;
	row->header_len = sizeof(header);
	row->chunks = (int64_t)((n + APP_ATTACH_CHUNK - 1) / APP_ATTACH_CHUNK);
	if ((rc = store_attach_insert(app->st, row, err)) != KERR_OK)
		goto out;
	for (pos = 0; pos < row->chunks && rc == KERR_OK; pos++, off += k) {
		k = n - off < APP_ATTACH_CHUNK ? n - off : APP_ATTACH_CHUNK;
		rc = stream_push(s, data + off, k, pos + 1 == row->chunks, out, err);
		if (rc == KERR_OK)
			rc = store_attach_chunk_put(app->st, row->id, pos, out, k + STREAM_ABYTES, err);
	}
	if (rc == KERR_OK)
		rc = app_seal_raw(app, ATTACH_TABLE, row->id, "key", key, sizeof(key), err);
out:
	sodium_memzero(key, sizeof(key));
	stream_free(s);
	free(out);
	row->header = NULL;
	return rc;
}

static void
fill_meta(struct app_attachment *out, const struct store_attachment *row)
{
	const struct filetype_info *fi = filetype_info(filetype_by_name(row->type));

	memset(out, 0, sizeof(*out));
	out->case_id = row->case_id;
	out->n = (int)row->seq;
	out->type = row->type;
	out->mime = fi->mime;
	out->ext = fi->ext;
	out->size = row->size;
	out->created_by = row->created_by_name;
	out->created_at = row->created_at;
}

enum kerr_code
app_attach_add(struct app *app, const struct policy_actor *actor, int64_t case_id,
	const void *data, size_t n, const char *filename, const char *title, struct arena *a,
	struct app_attachment *out, struct kerr *err)
{
	struct store_attachment row;
	struct policy_case pc;
	enum filetype type;
	const char *name = NULL;
	enum kerr_code rc;

	if ((rc = load_case(app, actor, case_id, POL_CASE_UPDATE, a, &pc, err)) != KERR_OK)
		return rc;
	if ((rc = check_content(data, n, &type, err)) != KERR_OK ||
	    (rc = clean_filename(filename, a, &name, err)) != KERR_OK)
		return rc;
	if (title == NULL || *title == '\0')
		title = name;
	if ((rc = validate_text("title", title, ATTACH_TITLE_MAX, err)) != KERR_OK)
		return rc;
	memset(&row, 0, sizeof(row));
	row.case_id = case_id;
	row.type = filetype_info(type)->name;
	row.size = (int64_t)n;
	row.created_by = actor->user_id;
	row.created_by_name = actor->name;
	row.created_at = (int64_t)time(NULL);
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	rc = store_attach_next_seq(app->st, case_id, &row.seq, err);
	if (rc == KERR_OK)
		rc = store_content(app, &row, data, n, err);
	if (rc == KERR_OK)
		rc = app_seal(app, ATTACH_TABLE, row.id, "title", title, err);
	if (rc == KERR_OK)
		rc = app_seal(app, ATTACH_TABLE, row.id, "filename", name, err);
	if (rc == KERR_OK)
		rc = audit_json(app, actor, POL_CASE_UPDATE, case_id, json_pack("{s:s,s:I,s:s,s:I}",
			"op", "attach", "attachment", (json_int_t)row.seq, "type", row.type,
			"size", (json_int_t)n), err);
	if (rc != KERR_OK) {
		store_rollback(app->st);
		return rc;
	}
	if ((rc = store_commit(app->st, err)) != KERR_OK)
		return rc;
	if (out != NULL) {
		fill_meta(out, &row);
		out->title = arena_strdup(a, title);
		out->filename = name;
	}
	return KERR_OK;
}

/* ---- listing ---- */

enum kerr_code
app_attach_list(struct app *app, const struct policy_actor *actor, int64_t case_id,
	struct arena *a, struct app_attachment **out, size_t *n, struct kerr *err)
{
	struct store_attachment *rows;
	struct policy_case pc;
	struct kerr ignored;
	size_t i;
	int titles;
	enum kerr_code rc;

	*out = NULL;
	*n = 0;
	if ((rc = load_case(app, actor, case_id, POL_CASE_READ, a, &pc, err)) != KERR_OK)
		return rc;
	if ((rc = store_attach_list(app->st, case_id, a, &rows, n, err)) != KERR_OK)
		return rc;
	/* titles and names may name a victim: only for those who may open the files */
	titles = policy_check(actor, POL_ATTACHMENT_READ, &pc, &ignored) == KERR_OK;
	*out = arena_alloc(a, (*n + 1) * sizeof(**out));
	for (i = 0; i < *n && rc == KERR_OK; i++) {
		fill_meta(&(*out)[i], &rows[i]);
		if (!titles)
			continue;
		rc = app_unseal(app, a, ATTACH_TABLE, rows[i].id, "title", &(*out)[i].title, err);
		if (rc == KERR_OK)
			rc = app_unseal(app, a, ATTACH_TABLE, rows[i].id, "filename",
				&(*out)[i].filename, err);
	}
	return rc;
}

/* ---- opening ---- */

static enum kerr_code
file_key(struct app *app, int64_t id, unsigned char key[STREAM_KEYBYTES], struct kerr *err)
{
	const unsigned char *blob;
	struct arena a;
	char *plain = NULL;
	size_t bn, len = 0;
	enum kerr_code rc;

	arena_init(&a);
	rc = store_sealed_get(app->st, ATTACH_TABLE, id, "key", &a, &blob, &bn, err);
	if (rc == KERR_OK)
		rc = vault_unseal(app->vault, ATTACH_TABLE, "key", id, blob, bn, &plain, &len, err);
	if (rc == KERR_OK && len != STREAM_KEYBYTES)
		rc = kerr_set(err, KERR_CRYPTO, _("the attachment's key is damaged"));
	if (rc == KERR_OK)
		memcpy(key, plain, STREAM_KEYBYTES);
	if (plain != NULL) {
		sodium_memzero(plain, len);
		free(plain);
	}
	arena_release(&a);
	return rc;
}

/* Decrypt every chunk of row into a new buffer of row->size bytes. */
static enum kerr_code
read_content(struct app *app, const struct store_attachment *row, unsigned char **data,
	struct kerr *err)
{
	unsigned char key[STREAM_KEYBYTES];
	unsigned char *buf = NULL;
	struct stream *s = NULL;
	enum kerr_code rc;
	size_t have = 0, got;
	int64_t pos;
	int final = 0;

	*data = NULL;
	if ((rc = file_key(app, row->id, key, err)) != KERR_OK)
		return rc;
	if (row->header_len != STREAM_HEADERBYTES)
		rc = kerr_set(err, KERR_CRYPTO, _("the attachment's header is damaged"));
	else if ((s = stream_pull_new(key, row->header, err)) == NULL)
		rc = err->code;
	sodium_memzero(key, sizeof(key));
	buf = xmalloc((size_t)row->size + 1);
	for (pos = 0; rc == KERR_OK && pos < row->chunks; pos++) {
		struct arena a;
		const unsigned char *c;
		size_t cn;
		arena_init(&a);
		rc = store_attach_chunk_get(app->st, row->id, pos, &a, &c, &cn, err);
		if (rc == KERR_OK && (cn < STREAM_ABYTES || cn - STREAM_ABYTES > (size_t)row->size - have))
			rc = kerr_set(err, KERR_INTEGRITY, _("the attachment is longer than recorded; "
				"it was tampered with"));
		if (rc == KERR_OK)
			rc = stream_pull(s, c, cn, buf + have, &got, &final, err);
		have += rc == KERR_OK ? got : 0;
		arena_release(&a);
	}
	if (rc == KERR_OK && (!final || have != (size_t)row->size))
		rc = kerr_set(err, KERR_INTEGRITY, _("the attachment is cut short; it was "
			"tampered with"));
	stream_free(s);
	if (rc != KERR_OK) {
		sodium_memzero(buf, have);
		free(buf);
		return rc;
	}
	*data = buf;
	return KERR_OK;
}

enum kerr_code
app_attach_get(struct app *app, const struct policy_actor *actor, int64_t case_id, int n,
	struct arena *a, struct app_attachment *meta, unsigned char **data, size_t *len,
	struct kerr *err)
{
	struct store_attachment row;
	struct policy_case pc;
	enum kerr_code rc;

	*data = NULL;
	*len = 0;
	if ((rc = load_case(app, actor, case_id, POL_ATTACHMENT_READ, a, &pc, err)) != KERR_OK)
		return rc;
	rc = store_attach_get(app->st, case_id, n, a, &row, err);
	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_NOTFOUND, _("case %lld has no attachment %d; see 'khipu "
			"case attachments %lld'"), (long long)case_id, n, (long long)case_id);
	if (rc != KERR_OK)
		return rc;
	/* the read is in the trail before a byte leaves: one transaction, committed first */
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	rc = read_content(app, &row, data, err);
	if (rc == KERR_OK)
		rc = audit_json(app, actor, POL_ATTACHMENT_READ, case_id, json_pack("{s:s,s:I}",
			"op", "get", "attachment", (json_int_t)n), err);
	if (rc == KERR_OK)
		rc = store_commit(app->st, err);
	else
		store_rollback(app->st);
	fill_meta(meta, &row);
	if (rc == KERR_OK)
		rc = app_unseal(app, a, ATTACH_TABLE, row.id, "title", &meta->title, err);
	if (rc == KERR_OK)
		rc = app_unseal(app, a, ATTACH_TABLE, row.id, "filename", &meta->filename, err);
	if (rc != KERR_OK) {
		if (*data != NULL) {
			sodium_memzero(*data, (size_t)row.size);
			free(*data);
		}
		*data = NULL;
		return rc;
	}
	*len = (size_t)row.size;
	return KERR_OK;
}
