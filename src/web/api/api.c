/*
 * api/api.c — the JSON API under /api/v1: cases, persons, codebook and the
 * OpenAPI 3 document. Bearer tokens (khipu token create); the same app
 * functions and policy as the pages and the CLI. Errors are
 * {"error":{"code":..., "message":...}} with the status of w_status().
 */
#include "web/web_int.h"

#include <stdlib.h>
#include <string.h>

#include "app/casedoc.h"

static json_t *
row_json(const struct store_case_row *r)
{
	json_t *offences = json_array();
	size_t i;

	for (i = 0; i < r->c.noffences; i++)
		json_array_append_new(offences, json_string(r->c.offences[i]));
	return json_pack("{s:I,s:s,s:s,s:s,s:s?,s:s?,s:s?,s:s,s:o,s:i,s:i,s:b,s:s?}",
		"id", (json_int_t)r->c.id, "number", r->c.number, "office", r->office_code,
		"complaint_date", r->c.complaint_date, "complaint_source", r->c.complaint_source,
		"place_country", r->c.place.country, "place_ubigeo", r->c.place.ubigeo,
		"stage", r->c.stage, "offences", offences, "victims", r->nvictims,
		"suspects", r->nsuspects, "synthetic", r->c.synthetic,
		"assigned_to", r->c.assignee);
}

/* Query parameter as a bounded integer; -1 on error (answered already). */
static long
query_long(struct web_req *r, const char *name, long dflt, long lo, long hi)
{
	const char *s = form_nonblank(&r->query, name);
	char *end;
	long v;

	if (s == NULL)
		return dflt;
	v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi) {
		api_error(r, 400, "bad_request", arena_printf(&r->a,
			"query parameter '%s' must be a whole number from %ld to %ld", name, lo, hi));
		return -1;
	}
	return v;
}

/* Refuse a query parameter the route does not know (a typo or a
 * parameter of the pages, such as page=, would otherwise be ignored in
 * silence); 0 when all are known, else -1 (answered already). lang= is
 * every route's. */
static int
known_params(struct web_req *r, const char *const *names)
{
	size_t i, k;

	for (i = 0; i < r->query.n; i++) {
		const char *q = r->query.f[i].name;
		for (k = 0; names[k] != NULL && strcmp(names[k], q) != 0; k++)
			;
		if (names[k] == NULL && strcmp(q, "lang") != 0) {
			api_error(r, 400, "bad_request", arena_printf(&r->a,
				"unknown query parameter '%s'; see /api/v1/openapi.json", q));
			return -1;
		}
	}
	return 0;
}

void
api_cases_get(struct web_req *r)
{
	static const char *const params[] = { "office", "stage", "region", "exploitation",
		"number", "year", "limit", "offset", "page", "assigned_to", NULL };
	struct store_case_filter f;
	struct store_case_row *rows;
	struct office *o;
	size_t n, no, i;
	const char *s;
	long v;
	json_t *arr;
	struct kerr e;

	if (known_params(r, params) != 0)
		return;
	memset(&f, 0, sizeof(f));
	f.stage = form_nonblank(&r->query, "stage");
	f.department = form_nonblank(&r->query, "region");
	f.exploitation = form_nonblank(&r->query, "exploitation");
	f.number_like = form_nonblank(&r->query, "number");
	if (f.stage && !cb_lookup(CB_STAGE, f.stage)) {
		api_error(r, 422, "invalid", "stage: unknown code; see GET /api/v1/codebook");
		return;
	}
	if (f.department && !cb_lookup(CB_DEPARTMENT, f.department)) {
		api_error(r, 422, "invalid", "region: unknown department code");
		return;
	}
	if (f.exploitation && !cb_lookup(CB_EXPLOITATION, f.exploitation)) {
		api_error(r, 422, "invalid", "exploitation: unknown code");
		return;
	}
	if ((v = query_long(r, "year", 0, 1900, 2100)) < 0)
		return;
	f.year = (int)v;
	if ((v = query_long(r, "limit", 100, 1, 1000)) < 0)
		return;
	f.limit = (size_t)v;
	if ((v = query_long(r, "offset", 0, 0, 100000000)) < 0)
		return;
	f.offset = (size_t)v;
	/* page N (from 1) of limit rows: another way to say offset */
	if ((v = query_long(r, "page", 0, 1, 1000000)) < 0)
		return;
	if (v > 0) {
		if (form_nonblank(&r->query, "offset") != NULL) {
			api_error(r, 400, "bad_request",
				"query parameters 'page' and 'offset' do not go together");
			return;
		}
		f.offset = (size_t)(v - 1) * f.limit;
	}
	if ((s = form_nonblank(&r->query, "office")) != NULL) {
		if (app_office_list(r->app, &r->actor, &r->a, &o, &no, &e) != KERR_OK) {
			api_kerr(r, &e);
			return;
		}
		for (i = 0; i < no && strcmp(o[i].code, s) != 0; i++)
			;
		if (i == no) {
			api_error(r, 422, "invalid", "office: unknown office code");
			return;
		}
		f.office_id = o[i].id;
	}
	if ((s = form_nonblank(&r->query, "assigned_to")) != NULL &&
	    (strlen(s) > 64 || app_assignee_filter(r->app, &r->actor, s, &f.assigned_to, &e) !=
	    KERR_OK)) {
		api_error(r, 422, "invalid", "assigned_to: unknown user; name a user, me or nobody");
		return;
	}
	if (app_case_list(r->app, &r->actor, &f, &r->a, &rows, &n, &e) != KERR_OK) {
		api_kerr(r, &e);
		return;
	}
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, row_json(&rows[i]));
	api_json(r, 200, json_pack("{s:o}", "cases", arr));
}

void
api_cases_post(struct web_req *r)
{
	int64_t id;
	struct kerr e;

	if (r->content_type == NULL || strncasecmp(r->content_type, "application/json", 16) != 0) {
		api_error(r, 400, "bad_request", "send the case document as application/json");
		return;
	}
	if (r->body_len == 0) {
		api_error(r, 400, "bad_request", "the request has no body");
		return;
	}
	if (app_case_add_json(r->app, &r->actor, r->body, r->body_len, &id, &e) != KERR_OK) {
		api_kerr(r, &e);
		return;
	}
	w_header(r, "Location", arena_printf(&r->a, "/api/v1/cases/%lld", (long long)id));
	api_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

/* The document names offices by code, as a case document does (so that
 * what GET gives can be PUT back). */
static json_t *
with_office_codes(struct web_req *r, json_t *doc, const struct kcase *c)
{
	struct office *o;
	struct kerr e;
	size_t n, i, j;
	json_t *shared = json_array();

	if (app_office_list(r->app, &r->actor, &r->a, &o, &n, &e) != KERR_OK)
		n = 0;
	for (i = 0; i < n; i++)
		if (o[i].id == c->office_id)
			json_object_set_new(doc, "office", json_string(o[i].code));
	for (j = 0; j < c->nshared; j++) {
		for (i = 0; i < n && o[i].id != c->shared_with[j]; i++)
			;
		json_array_append_new(shared, i < n ? json_string(o[i].code) :
			json_integer(c->shared_with[j]));
	}
	json_object_set_new(doc, "shared_with", shared);
	return doc;
}

void
api_case_get(struct web_req *r)
{
	struct kcase c;
	struct kerr e;
	int64_t id;
	int reveal = 0;
	const char *s = form_get(&r->query, "reveal");
	const char *ident;
	static const char *const params[] = { "reveal", NULL };

	if (known_params(r, params) != 0)
		return;
	if (s != NULL && strcmp(s, "1") != 0 && strcmp(s, "true") != 0 && strcmp(s, "0") != 0) {
		api_error(r, 400, "bad_request", "reveal: use 1 or 0");
		return;
	}
	reveal = s != NULL && strcmp(s, "0") != 0;
	if (app_case_id(r->app, r->params[0], &id, &e) != KERR_OK ||
	    app_case_show(r->app, &r->actor, id, reveal ? APP_REVEAL : APP_MASKED, &r->a, &c,
	    &e) != KERR_OK) {
		api_kerr(r, &e);
		return;
	}
	ident = w_identities(r, reveal);
	/* the version an amendment must name in If-Match */
	w_header(r, "ETag", arena_printf(&r->a, "\"%lld\"", (long long)c.version));
	api_json(r, 200, with_office_codes(r, casedoc_to_json(&c, NULL, ident,
		CASEDOC_WITH_CHILDREN), &c));
}

/* The version of an If-Match header: "3" or W/"3"; 0 when malformed. */
static int64_t
if_match_version(const char *h)
{
	char *end;
	long long v;

	if (strncmp(h, "W/", 2) == 0)
		h += 2;
	if (*h != '"')
		return 0;
	v = strtoll(h + 1, &end, 10);
	return end != h + 1 && strcmp(end, "\"") == 0 && v > 0 ? (int64_t)v : 0;
}

/* Amend a case with its whole document (docs/case-document.md, "Amending a
 * case"): If-Match names the version it was made from (428 without, 412
 * when the case moved on). */
void
api_case_put(struct web_req *r)
{
	int64_t id, want, now = 0;
	struct kerr e;

	if (r->content_type == NULL || strncasecmp(r->content_type, "application/json", 16) != 0) {
		api_error(r, 400, "bad_request", "send the case document as application/json");
		return;
	}
	if (r->if_match == NULL) {
		api_error(r, 428, "precondition_required", "name the version the document was "
			"made from in If-Match (the ETag of GET /api/v1/cases/{id})");
		return;
	}
	if ((want = if_match_version(r->if_match)) == 0) {
		api_error(r, 400, "bad_request", "If-Match: expected a version such as \"3\"");
		return;
	}
	if (r->body_len == 0) {
		api_error(r, 400, "bad_request", "the request has no body");
		return;
	}
	if (app_case_id(r->app, r->params[0], &id, &e) != KERR_OK ||
	    app_case_update_json(r->app, &r->actor, id, r->body, r->body_len,
	    form_nonblank(&r->query, "reason"), want, &now, &e) != KERR_OK) {
		api_kerr(r, &e);
		return;
	}
	w_header(r, "ETag", arena_printf(&r->a, "\"%lld\"", (long long)now));
	api_json(r, 200, json_pack("{s:I,s:I,s:b}", "id", (json_int_t)id, "version",
		(json_int_t)now, "changed", now != want));
}

void
api_case_history_get(struct web_req *r)
{
	const char *s = form_get(&r->query, "reveal");
	int64_t id;
	json_t *h;
	struct kerr e;

	if (s != NULL && strcmp(s, "1") != 0 && strcmp(s, "true") != 0 && strcmp(s, "0") != 0) {
		api_error(r, 400, "bad_request", "reveal: use 1 or 0");
		return;
	}
	if (app_case_id(r->app, r->params[0], &id, &e) != KERR_OK ||
	    app_case_history(r->app, &r->actor, id, s != NULL && strcmp(s, "0") != 0 ?
	    APP_REVEAL : APP_MASKED, &h, &e) != KERR_OK) {
		api_kerr(r, &e);
		return;
	}
	api_json(r, 200, h);
}

void
api_persons_get(struct web_req *r)
{
	static const struct { const char *key; enum app_search_by by; } keys[] = {
		{ "name", APP_BY_NAME }, { "doc", APP_BY_DOC }, { "phone", APP_BY_PHONE },
	};
	struct app_person_hit *hits;
	size_t n, i, j, k, given = 0, which = 0;
	json_t *arr;
	struct kerr e;

	static const char *const params[] = { "name", "doc", "phone", NULL };

	if (known_params(r, params) != 0)
		return;
	for (k = 0; k < 3; k++)
		if (form_get(&r->query, keys[k].key) != NULL) {
			given++;
			which = k;
		}
	if (given != 1) {
		api_error(r, 400, "bad_request", "give exactly one of name=, doc= or phone=");
		return;
	}
	if (app_person_search(r->app, &r->actor, keys[which].by,
	    form_get(&r->query, keys[which].key), &r->a, &hits, &n, &e) != KERR_OK) {
		api_kerr(r, &e);
		return;
	}
	arr = json_array();
	for (i = 0; i < n; i++) {
		json_t *parts = json_array();
		for (j = 0; j < hits[i].nparts; j++)
			json_array_append_new(parts, json_pack("{s:I,s:s,s:s}", "case_id",
				(json_int_t)hits[i].parts[j].case_id, "number", hits[i].case_numbers[j],
				"role", hits[i].parts[j].role));
		json_array_append_new(arr, json_pack("{s:I,s:s?,s:i,s:o}", "person_id",
			(json_int_t)hits[i].person.id, "name", hits[i].person.name, "score",
			hits[i].score, "cases", parts));
	}
	api_json(r, 200, json_pack("{s:o}", "persons", arr));
}

void
api_codebook_get(struct web_req *r)
{
	json_t *all = json_object();
	size_t n, i;
	int d;

	for (d = 0; d < CB__MAX; d++) {
		const struct cb_entry *e = cb_entries((enum cb_dim)d, &n);
		json_t *arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s?,s:s?,s:s?}",
				"code", e[i].code, "es", e[i].es, "en", e[i].en, "htcds", e[i].htcds,
				"ctdc", e[i].ctdc, "iccs", e[i].iccs));
		json_object_set_new(all, cb_dim_name((enum cb_dim)d), arr);
	}
	api_json(r, 200, all);
}

/* ---- OpenAPI 3 ---- */

static json_t *
error_responses(const char *codes)
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

static json_t *
op(const char *summary, const char *ok_desc, const char *errors, json_t *params, int secured)
{
	json_t *resp = error_responses(errors);
	json_t *o;

	json_object_set_new(resp, "200", json_pack("{s:s,s:{s:{s:{s:s}}}}", "description",
		ok_desc, "content", "application/json", "schema", "type", "object"));
	o = json_pack("{s:s,s:o}", "summary", summary, "responses", resp);
	if (params)
		json_object_set_new(o, "parameters", params);
	if (!secured)
		json_object_set_new(o, "security", json_array());
	return o;
}

static json_t *
qparam(const char *name, const char *type, const char *desc)
{
	return json_pack("{s:s,s:s,s:b,s:s,s:{s:s}}", "name", name, "in", "query", "required", 0,
		"description", desc, "schema", "type", type);
}

void
api_openapi_get(struct web_req *r)
{
	json_t *paths = json_object(), *post, *resp;

	json_object_set_new(paths, "/cases", json_pack("{s:o}", "get",
		op("List the cases the caller may see (no identities)", "{cases: [...]}",
		"400 401 403 422 ", json_pack("[o,o,o,o,o,o,o,o,o,o]",   /* one o per qparam */
			qparam("office", "string", "office code"),
			qparam("assigned_to", "string", "a user name, me (the caller) or nobody"),
			qparam("stage", "string", "stage code"),
			qparam("region", "string", "2-digit UBIGEO department"),
			qparam("year", "integer", "complaint year"),
			qparam("exploitation", "string", "exploitation code"),
			qparam("number", "string", "text in the case number"),
			qparam("limit", "integer", "1..1000, default 100"),
			qparam("offset", "integer", "rows to skip"),
			qparam("page", "integer", "page from 1 of limit rows (instead of offset)")),
		1)));
	post = op("Register a case from a JSON case document (docs/case-document.md)",
		"unused", "400 401 403 409 413 422 ", NULL, 1);
	resp = json_object_get(post, "responses");
	json_object_del(resp, "200");
	json_object_set_new(resp, "201", json_pack("{s:s}", "description",
		"created: {id}; Location names the case"));
	json_object_set_new(post, "requestBody", json_pack("{s:b,s:{s:{s:{s:s}}}}", "required", 1,
		"content", "application/json", "schema", "type", "object"));
	json_object_set_new(json_object_get(paths, "/cases"), "post", post);
	json_object_set_new(paths, "/cases/{id}", json_pack("{s:o}", "get",
		op("A case with its persons, events, assets, identifiers and requests; identities "
		"masked, or in clear with reveal=1 where the role allows (audited)", "the case document",
		"400 401 403 404 ", json_pack("[{s:s,s:s,s:b,s:{s:s}},o]", "name", "id", "in", "path",
			"required", 1, "schema", "type", "string",
			qparam("reveal", "integer", "1 to reveal identities (audited)")), 1)));
	post = op("Amend the case with its whole document (docs/case-document.md, \"Amending a "
		"case\"); If-Match names the version it was made from", "{id, version, changed}; "
		"ETag is the new version", "400 401 403 404 409 412 413 422 428 ", json_pack(
		"[{s:s,s:s,s:b,s:{s:s}},o,{s:s,s:s,s:b,s:{s:s}}]", "name", "id", "in", "path",
		"required", 1, "schema", "type", "string",
		qparam("reason", "string", "why (kept, sealed, in the history)"),
		"name", "If-Match", "in", "header", "required", 1, "schema", "type", "string"), 1);
	json_object_set_new(post, "requestBody", json_pack("{s:b,s:{s:{s:{s:s}}}}", "required", 1,
		"content", "application/json", "schema", "type", "object"));
	json_object_set_new(json_object_get(paths, "/cases/{id}"), "put", post);
	json_object_set_new(paths, "/cases/{id}/history", json_pack("{s:o}", "get",
		op("Every version of the case: when, who, why, and each changed field's old and "
		"new value; identity values masked, or in clear with reveal=1 (audited)",
		"the history (docs/json-output.md)", "400 401 403 404 ", json_pack(
		"[{s:s,s:s,s:b,s:{s:s}},o]", "name", "id", "in", "path", "required", 1, "schema",
		"type", "string", qparam("reveal", "integer", "1 to reveal identities (audited)")),
		1)));
	api_openapi_assign(paths);
	json_object_set_new(paths, "/persons", json_pack("{s:o}", "get",
		op("Find persons by exactly one of name, document or phone (blind indexes); "
		"results masked", "{persons: [...]}", "400 401 403 422 ", json_pack("[o,o,o]",
			qparam("name", "string", "a full or partial name"),
			qparam("doc", "string", "a document number"),
			qparam("phone", "string", "a phone number")), 1)));
	api_attach_openapi(paths);
	json_object_set_new(paths, "/requests", json_pack("{s:o}", "get",
		op("International requests of the cases the caller may manage requests on, "
		"overdue first", "{requests: [...]}", "400 401 403 ", json_pack("[o,o]",
			qparam("overdue", "integer", "1: only the open ones past their due date"),
			qparam("due_within", "integer", "only the open ones due within that many days")),
		1)));
	api_openapi_requests(paths);
	json_object_set_new(paths, "/codebook", json_pack("{s:o}", "get",
		op("Every codebook dimension with its codes and Spanish and English labels",
		"{dimension: [{code, es, en, htcds, ctdc, iccs}]}", "401 ", NULL, 1)));
	json_object_set_new(paths, "/openapi.json", json_pack("{s:o}", "get",
		op("This document", "OpenAPI 3.0 document", "", NULL, 0)));
	api_json(r, 200, json_pack("{s:s,s:{s:s,s:s,s:s},s:[{s:s}],s:o,s:{s:{s:{s:s,s:s}},"
		"s:{s:{s:s,s:[s],s:{s:{s:s,s:[s,s],s:{s:{s:s},s:{s:s}}}}}}},s:[{s:[]}]}",
		"openapi", "3.0.3",
		"info", "title", "Khipu API", "version", "1",
		"description", "Register of human-trafficking cases. Authenticate with "
			"'Authorization: Bearer TOKEN' (khipu token create).",
		"servers", "url", "/api/v1",
		"paths", paths,
		"components", "securitySchemes", "bearer", "type", "http", "scheme", "bearer",
		"schemas", "Error", "type", "object", "required", "error", "properties", "error",
			"type", "object", "required", "code", "message", "properties",
			"code", "type", "string", "message", "type", "string",
		"security", "bearer"));
}
