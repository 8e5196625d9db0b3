/*
 * api/attach.c — attachments in the JSON API: GET the list of a case's
 * files, POST one (multipart/form-data with a part "file" and an optional
 * field "title", or the raw bytes with ?name=&title=), GET one's content
 * (audited as a reveal, app/attach.h). The same app functions and policy
 * as the pages and the CLI.
 */
#include "web/web_int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "app/attach.h"

static int
param_int(const char *s, long long max, long long *out)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	if (*s == '\0' || *end || v <= 0 || v > max)
		return -1;
	*out = v;
	return 0;
}

static json_t *
item(const struct app_attachment *a)
{
	time_t t = (time_t)a->created_at;
	struct tm tm;
	char when[32];

	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_pack("{s:i,s:s?,s:s?,s:s,s:s,s:I,s:s,s:s}", "n", a->n, "title", a->title,
		"filename", a->filename, "type", a->type, "mime", a->mime,
		"size", (json_int_t)a->size, "created_by", a->created_by, "created_at", when);
}

static int
case_id(struct web_req *r, long long *id)
{
	if (param_int(r->params[0], INT64_MAX, id) == 0)
		return 0;
	api_error(r, 404, "not_found", "no such case");
	return -1;
}

void
api_attachments_get(struct web_req *r)
{
	struct app_attachment *all;
	long long id;
	size_t n, i;
	json_t *arr;
	struct kerr e;

	if (case_id(r, &id) != 0)
		return;
	if (app_attach_list(r->app, &r->actor, id, &r->a, &all, &n, &e) != KERR_OK) {
		api_kerr(r, &e);
		return;
	}
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, item(&all[i]));
	api_json(r, 200, json_pack("{s:o}", "attachments", arr));
}

void
api_attachments_post(struct web_req *r)
{
	const char *name = NULL, *title = NULL;
	const void *data = NULL;
	struct app_attachment att;
	long long id;
	size_t len = 0, i, lim;
	struct kerr e;
	enum kerr_code rc;

	if (case_id(r, &id) != 0)
		return;
	if (r->content_type != NULL && strncasecmp(r->content_type, "multipart/form-data", 19) == 0) {
		for (i = 0; i < r->nfiles && data == NULL; i++)
			if (strcmp(r->files[i].name, "file") == 0) {
				data = r->files[i].data;
				len = r->files[i].len;
				name = r->files[i].filename;
			}
		title = form_nonblank(&r->form, "title");
		if (data == NULL) {
			api_error(r, 400, "bad_request", "send the file as the form part 'file'");
			return;
		}
	} else if (r->content_type != NULL &&
	    strncasecmp(r->content_type, "application/octet-stream", 24) == 0) {
		data = r->body;
		len = r->body_len;
		name = form_nonblank(&r->query, "name");
		title = form_nonblank(&r->query, "title");
	} else {
		api_error(r, 415, "unsupported_media_type", "send multipart/form-data (part 'file', "
			"field 'title') or application/octet-stream (?name=&title=)");
		return;
	}
	rc = app_attach_add(r->app, &r->actor, id, data ? data : "", len, name, title, &r->a,
		&att, &e);
	if (rc == KERR_INVALID && app_attach_limit(&lim, &r->err) == KERR_OK && len > lim) {
		api_error(r, 413, "too_large", w_kerr_msg(r, &e));
		return;
	}
	if (rc != KERR_OK) {
		api_kerr(r, &e);
		return;
	}
	w_header(r, "Location", arena_printf(&r->a, "/api/v1/cases/%lld/attachments/%d", id, att.n));
	api_json(r, 201, item(&att));
}

void
api_attachment_get(struct web_req *r)
{
	struct app_attachment meta;
	unsigned char *data;
	long long id, n;
	size_t len;
	struct kerr e;

	if (case_id(r, &id) != 0)
		return;
	if (param_int(r->params[1], 1000000, &n) != 0) {
		api_error(r, 404, "not_found", "no such attachment");
		return;
	}
	if (app_attach_get(r->app, &r->actor, id, (int)n, &r->a, &meta, &data, &len, &e) != KERR_OK) {
		api_kerr(r, &e);
		return;
	}
	buf_release(&r->out);
	buf_init(&r->out, len + 1);
	if (buf_add(&r->out, data, len) < 0)
		abort();
	sodium_memzero(data, len);
	free(data);
	r->status = 200;
	r->ctype = meta.mime;
	w_header(r, "Content-Disposition", arena_printf(&r->a,
		"attachment; filename=\"case-%lld-%d.%s\"", id, meta.n, *meta.ext ? meta.ext : "bin"));
}

static json_t *
path_param(const char *name)
{
	return json_pack("{s:s,s:s,s:b,s:{s:s}}", "name", name, "in", "path", "required", 1,
		"schema", "type", "string");
}

static json_t *
errors(const char *codes)
{
	json_t *o = json_object();
	const char *p;

	for (p = codes; *p; p += 4) {
		char code[4] = { p[0], p[1], p[2], 0 };
		json_object_set_new(o, code, json_pack("{s:s,s:{s:{s:{s:s}}}}",
			"description", "error", "content", "application/json", "schema", "$ref",
			"#/components/schemas/Error"));
	}
	return o;
}

void
api_attach_openapi(json_t *paths)
{
	json_t *list = errors("401 403 404 "), *add = errors("400 401 403 404 413 415 422 "),
		*get = errors("401 403 404 ");

	json_object_set_new(list, "200", json_pack("{s:s}", "description",
		"{attachments: [{n, title, filename, type, mime, size, created_by, created_at}]}; "
		"title and filename null for roles that may not open attachments"));
	json_object_set_new(add, "201", json_pack("{s:s}", "description",
		"attached: the new attachment; Location names its content"));
	json_object_set_new(get, "200", json_pack("{s:s}", "description",
		"the file, Content-Disposition: attachment; audited (attachment.read)"));
	json_object_set_new(paths, "/cases/{id}/attachments", json_pack(
		"{s:{s:s,s:[o],s:o},s:{s:s,s:[o,o,o],s:{s:b,s:{s:{s:{s:s}},s:{s:{s:s}}}},s:o}}",
		"get", "summary", "The files attached to a case (case.read)",
			"parameters", path_param("id"), "responses", list,
		"post", "summary", "Attach a file (case.update): multipart/form-data with a part "
			"'file' and a field 'title', or the bytes as application/octet-stream",
			"parameters", path_param("id"),
			json_pack("{s:s,s:s,s:b,s:s,s:{s:s}}", "name", "name", "in", "query",
				"required", 0, "description", "file name (octet-stream)", "schema",
				"type", "string"),
			json_pack("{s:s,s:s,s:b,s:s,s:{s:s}}", "name", "title", "in", "query",
				"required", 0, "description", "title (octet-stream)", "schema",
				"type", "string"),
			"requestBody", "required", 1, "content", "multipart/form-data", "schema",
				"type", "object", "application/octet-stream", "schema", "type", "string",
			"responses", add));
	json_object_set_new(paths, "/cases/{id}/attachments/{n}", json_pack(
		"{s:{s:s,s:[o,o],s:o}}", "get", "summary", "The content of attachment n "
		"(attachment.read: a reveal, audited)", "parameters", path_param("id"),
		path_param("n"), "responses", get));
}
