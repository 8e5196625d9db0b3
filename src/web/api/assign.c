/*
 * api/assign.c — who works on a case, in the JSON API:
 *   POST /api/v1/cases/{id}/assign    {"to": "rosa"} or {"to": null}
 *   POST /api/v1/cases/{id}/transfer  {"office": "FEPMTP-CUS", "reason": "..."}
 * The same use cases as `khipu case assign|transfer` (app/assign.c).
 */
#include "web/web_int.h"

#include <string.h>

/* The JSON object of the body, or NULL after answering 400. */
static json_t *
body_object(struct web_req *r)
{
	json_error_t je;
	json_t *o;

	if (r->content_type == NULL || strncasecmp(r->content_type, "application/json", 16) != 0) {
		api_error(r, 400, "bad_request", "send a JSON object as application/json");
		return NULL;
	}
	o = json_loadb(r->body ? r->body : "", r->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!json_is_object(o)) {
		json_decref(o);
		api_error(r, 400, "bad_request", "the body is not a JSON object");
		return NULL;
	}
	return o;
}

/* The string member key (NULL when absent or null); -1 after answering 422
 * when it is there but not a string, or o has members other than keys. */
static int
member(struct web_req *r, json_t *o, const char *key, const char *const *keys,
	const char **out)
{
	json_t *v;
	const char *k;

	json_object_foreach(o, k, v) {
		const char *const *p;
		for (p = keys; *p && strcmp(*p, k) != 0; p++)
			;
		if (*p == NULL) {
			api_error(r, 422, "invalid", arena_printf(&r->a, "%s: unknown field",
				strlen(k) <= 64 ? k : "?"));
			return -1;
		}
	}
	v = json_object_get(o, key);
	*out = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		api_error(r, 422, "invalid", arena_printf(&r->a, "%s: a string or null", key));
		return -1;
	}
	*out = arena_strdup(&r->a, json_string_value(v));
	return 0;
}

static int
case_id(struct web_req *r, int64_t *id)
{
	struct kerr e;

	if (app_case_id(r->app, r->params[0], id, &e) != KERR_OK) {
		api_kerr(r, &e);
		return -1;
	}
	return 0;
}

void
api_case_assign_post(struct web_req *r)
{
	static const char *const keys[] = { "to", NULL };
	const char *to;
	struct kerr e;
	int64_t id;
	json_t *o;

	if ((o = body_object(r)) == NULL)
		return;
	if (member(r, o, "to", keys, &to) != 0 || case_id(r, &id) != 0) {
		json_decref(o);
		return;
	}
	json_decref(o);
	if (app_case_assign(r->app, &r->actor, id, to, &e) != KERR_OK) {
		api_kerr(r, &e);
		return;
	}
	api_json(r, 200, json_pack("{s:I,s:s?}", "id", (json_int_t)id, "assigned_to", to));
}

void
api_case_transfer_post(struct web_req *r)
{
	static const char *const keys[] = { "office", "reason", NULL };
	const char *office, *reason;
	struct kerr e;
	int64_t id;
	json_t *o;

	if ((o = body_object(r)) == NULL)
		return;
	if (member(r, o, "office", keys, &office) != 0 || member(r, o, "reason", keys, &reason) != 0 ||
	    case_id(r, &id) != 0) {
		json_decref(o);
		return;
	}
	json_decref(o);
	if (app_case_transfer(r->app, &r->actor, id, office, reason, &e) != KERR_OK) {
		api_kerr(r, &e);
		return;
	}
	api_json(r, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "office", office));
}

static json_t *
post_op(const char *summary, const char *ok, json_t *body_schema)
{
	json_t *resp = json_object();
	const char *codes[] = { "400", "401", "403", "404", "422" };
	size_t i;

	json_object_set_new(resp, "200", json_pack("{s:s,s:{s:{s:{s:s}}}}", "description", ok,
		"content", "application/json", "schema", "type", "object"));
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		json_object_set_new(resp, codes[i], json_pack("{s:s,s:{s:{s:{s:s}}}}",
			"description", "error", "content", "application/json", "schema", "$ref",
			"#/components/schemas/Error"));
	return json_pack("{s:s,s:[{s:s,s:s,s:b,s:{s:s}}],s:{s:b,s:{s:{s:o}}},s:o}",
		"summary", summary,
		"parameters", "name", "id", "in", "path", "required", 1, "schema", "type", "string",
		"requestBody", "required", 1, "content", "application/json", "schema", body_schema,
		"responses", resp);
}

void
api_openapi_assign(json_t *paths)
{
	json_object_set_new(paths, "/cases/{id}/assign", json_pack("{s:o}", "post",
		post_op("Assign the case to a prosecutor of its own office (to: a user name), or "
		"to nobody (to: null); audited (case.assign)", "{id, assigned_to}",
		json_pack("{s:s,s:{s:{s:s,s:b}}}", "type", "object", "properties", "to",
			"type", "string", "nullable", 1))));
	json_object_set_new(paths, "/cases/{id}/transfer", json_pack("{s:o}", "post",
		post_op("Transfer the case with its history to another office (derivación); the "
		"reason is required and sealed; the assignment is cleared; audited (case.transfer)",
		"{id, office}", json_pack("{s:s,s:[s,s],s:{s:{s:s},s:{s:s}}}", "type", "object",
			"required", "office", "reason", "properties", "office", "type", "string",
			"reason", "type", "string"))));
}
