/*
 * pages/requests.c — adding and following an international request on the
 * web and in the JSON API (issue 13, item 4), through the use cases of
 * `khipu mla add|update|show` (app/mla.c), so the policy decides as on the
 * command line: the liaison on every case, a prosecutor on the office's.
 *
 *   GET|POST /cases/{id}/requests/new   the form that adds one to a case
 *   GET|POST /requests/{id}             one request: its details and the
 *                                       form that updates it
 *   POST  /api/v1/requests              {"case": ID, "direction": ..., ...}
 *   GET   /api/v1/requests/{id}
 *   PATCH /api/v1/requests/{id}         members given are changed, null clears
 *
 * Every id that arrives is checked before use: the case by app_case_show
 * (case.read) and app_mla_add (request.manage on it), the request by
 * app_mla_show / app_mla_update (request.manage on its case), the persons
 * and assets by app/mla.c (they must be the case's). A refusal names the
 * field in the user's words (the form's label; the API's member) and
 * writes nothing. No identity travels in a URL: persons and assets are
 * named by id.
 */
#include "web/web_int.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/codebook.h"
#include "lib/i18n.h"

/* The fields of a request: the option app/mla.c names in its refusals, the
 * API member and form field, the label of the form. */
static const struct req_field {
	const char *opt, *key, *label;
} req_fields[] = {
	{ "--direction", "direction", N_("Direction") },
	{ "--country", "country", N_("Country") },
	{ "--type", "type", N_("Type") },
	{ "--status", "status", N_("Status") },
	{ "--basis", "legal_basis", N_("Legal basis") },
	{ "--channel", "channel", N_("Channel") },
	{ "--authority", "authority", N_("Counterpart authority") },
	{ "--reference", "reference", N_("Reference") },
	{ "--sent", "sent", N_("Date sent") },
	{ "--received", "received", N_("Date received") },
	{ "--due", "due", N_("Due date") },
	{ "--answered", "answered", N_("Date answered") },
	{ "--asks", "assistance", N_("What is asked") },
	{ "--person", "persons", N_("Persons it concerns") },
	{ "--asset", "assets", N_("Assets it concerns") },
};
#define NFIELDS (sizeof(req_fields) / sizeof(req_fields[0]))

/* e's message with its field in the user's words: the API member (api) or
 * the form's label; "case" / "Case" when the case itself is refused. */
static const char *
words(struct web_req *r, const struct kerr *e, int api, int case_refused)
{
	const char *msg = w_kerr_msg(r, e), *tail = msg;
	size_t i, n = strlen(e->field);

	if (case_refused)
		return arena_printf(&r->a, "%s: %s", api ? "case" : _("Case"), msg);
	if (n == 0)
		return msg;
	if (strncmp(msg, e->field, n) == 0 && msg[n] == ':')
		tail = msg + n + 2;
	for (i = 0; i < NFIELDS; i++)
		if (strcmp(req_fields[i].opt, e->field) == 0)
			return arena_printf(&r->a, "%s: %s", api ? req_fields[i].key :
				_(req_fields[i].label), tail);
	return msg;
}

static int64_t
positive(const char *s)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return 0;
	v = strtoll(s, &end, 10);
	return *end == '\0' && v > 0 ? (int64_t)v : 0;
}

/* 1 when the user's role manages requests at all; else the refusal is
 * audited (through app_mla_list, the policy's answer) and answered 403, so a
 * role without the right learns nothing of which ids exist. */
static int
may_manage(struct web_req *r, int api)
{
	struct app_mla_filter flt = { .due_within = -1 };
	struct app_mla_row *rows;
	size_t n;

	if (w_can(r, POL_REQUEST_MANAGE))
		return 1;
	if (app_mla_list(r->app, &r->actor, &flt, &r->a, &rows, &n, &r->err) == KERR_OK)
		kerr_set(&r->err, KERR_DENIED, "not allowed");   /* not reached: the policy said no */
	if (api)
		api_kerr(r, &r->err);
	else
		w_kerr(r, &r->err);
	return 0;
}

/* ---- the request as JSON ---- */

static json_t *
jtext(const char *s)
{
	return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

static json_t *
request_json(const struct app_mla_row *w)
{
	const struct intl_request *q = &w->r;
	json_t *asks = json_array(), *persons = json_array(), *assets = json_array();
	size_t i;

	for (i = 0; i < q->nassistance; i++)
		json_array_append_new(asks, json_string(q->assistance[i]));
	for (i = 0; i < q->npersons; i++)
		json_array_append_new(persons, json_integer(q->persons[i]));
	for (i = 0; i < q->nassets; i++)
		json_array_append_new(assets, json_integer(q->assets[i]));
	return json_pack("{s:I,s:I,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,"
		"s:o,s:o,s:o,s:b}", "id", (json_int_t)q->id, "case", (json_int_t)q->case_id,
		"case_number", w->case_number != NULL ? w->case_number : "",
		"direction", jtext(q->direction), "country", jtext(q->country),
		"authority", jtext(q->authority), "type", jtext(q->type), "status", jtext(q->status),
		"legal_basis", jtext(q->legal_basis), "channel", jtext(q->channel),
		"reference", jtext(q->reference), "sent", jtext(q->sent),
		"received", jtext(q->received), "due", jtext(q->due), "answered", jtext(q->answered),
		"assistance", asks, "persons", persons, "assets", assets,
		"days_left", w->dated ? json_integer(w->days_left) : json_null(),
		"overdue", w->dated && w->days_left < 0);
}

/* ---- the JSON API ---- */

/* The body's object, or NULL after answering 400. */
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

/* The slot of f for member key; NULL when key is not a request field. */
static const char **
slot(struct app_mla_fields *f, const char *key)
{
	static const size_t off[NFIELDS] = {
		offsetof(struct app_mla_fields, direction), offsetof(struct app_mla_fields, country),
		offsetof(struct app_mla_fields, type), offsetof(struct app_mla_fields, status),
		offsetof(struct app_mla_fields, legal_basis),
		offsetof(struct app_mla_fields, channel),
		offsetof(struct app_mla_fields, authority),
		offsetof(struct app_mla_fields, reference), offsetof(struct app_mla_fields, sent),
		offsetof(struct app_mla_fields, received), offsetof(struct app_mla_fields, due),
		offsetof(struct app_mla_fields, answered),
		offsetof(struct app_mla_fields, assistance),
		offsetof(struct app_mla_fields, persons), offsetof(struct app_mla_fields, assets),
	};
	size_t i;

	for (i = 0; i < NFIELDS; i++)
		if (strcmp(req_fields[i].key, key) == 0)
			return (const char **)(void *)((char *)f + off[i]);
	return NULL;
}

/* A list member (codes or ids) as app/mla.c reads it: "a,b"; "" clears. */
static const char *
joined(struct web_req *r, const char *key, json_t *v, const char **bad)
{
	const char *s = "";
	json_t *x;
	size_t i;

	json_array_foreach(v, i, x) {
		if (strcmp(key, "assistance") == 0 && json_is_string(x) &&
		    strchr(json_string_value(x), ',') == NULL)
			s = arena_printf(&r->a, "%s%s%s", s, i ? "," : "", json_string_value(x));
		else if (strcmp(key, "assistance") != 0 && json_is_integer(x))
			s = arena_printf(&r->a, "%s%s%lld", s, i ? "," : "",
				(long long)json_integer_value(x));
		else {
			*bad = arena_printf(&r->a, "%s: %s", key, strcmp(key, "assistance") == 0 ?
				_("a list of codes of 'request_assistance'") :
				_("a list of ids (whole numbers)"));
			return NULL;
		}
	}
	return s;
}

/* The members of o into f (null: "" that clears); case and reason aside.
 * NULL, or a message naming the member. */
static const char *
read_members(struct web_req *r, json_t *o, int with_case, struct app_mla_fields *f,
	int64_t *case_id, const char **reason)
{
	const char *k, *bad = NULL, **s;
	json_t *v;

	memset(f, 0, sizeof(*f));
	*reason = NULL;
	json_object_foreach(o, k, v) {
		if (with_case && strcmp(k, "case") == 0) {
			if (!json_is_integer(v) || json_integer_value(v) <= 0)
				return "case: the id of a case (a whole number)";
			*case_id = json_integer_value(v);
			continue;
		}
		if (strcmp(k, "reason") == 0) {
			if (!json_is_string(v) && !json_is_null(v))
				return "reason: a string or null";
			*reason = json_is_string(v) ? arena_strdup(&r->a, json_string_value(v)) : NULL;
			continue;
		}
		if ((s = slot(f, k)) == NULL)
			return arena_printf(&r->a, "%s: %s", strlen(k) <= 64 ? k : "?",
				_("unknown field"));
		if (json_is_null(v))
			*s = "";
		else if (json_is_array(v) && (strcmp(k, "assistance") == 0 ||
		    strcmp(k, "persons") == 0 || strcmp(k, "assets") == 0)) {
			if ((*s = joined(r, k, v, &bad)) == NULL)
				return bad;
		} else if (json_is_string(v) && strcmp(k, "assistance") != 0 &&
		    strcmp(k, "persons") != 0 && strcmp(k, "assets") != 0)
			*s = arena_strdup(&r->a, json_string_value(v));
		else
			return arena_printf(&r->a, "%s: %s", k, strcmp(k, "assistance") == 0 ||
				strcmp(k, "persons") == 0 || strcmp(k, "assets") == 0 ?
				_("a list or null") : _("a string or null"));
	}
	if (with_case && *case_id == 0)
		return "case: missing: the id of the case the request belongs to";
	return NULL;
}

static void
answer_request(struct web_req *r, int64_t id, int status)
{
	struct app_mla_row w;

	if (app_mla_show(r->app, &r->actor, id, &r->a, &w, &r->err) != KERR_OK) {
		api_kerr(r, &r->err);
		return;
	}
	if (status == 201)
		w_header(r, "Location", arena_printf(&r->a, "/api/v1/requests/%lld", (long long)id));
	api_json(r, status, request_json(&w));
}

static void
api_refusal(struct web_req *r, const struct kerr *e, int case_refused)
{
	if (w_status(e->code) == 500) {
		api_kerr(r, e);
		return;
	}
	api_error(r, w_status(e->code), kerr_name(e->code), words(r, e, 1, case_refused));
}

void
api_requests_post(struct web_req *r)
{
	struct app_mla_fields f;
	const char *bad, *reason;
	int64_t case_id = 0, id = 0;
	enum kerr_code rc;
	json_t *o;

	if (!may_manage(r, 1) || (o = body_object(r)) == NULL)
		return;
	bad = read_members(r, o, 1, &f, &case_id, &reason);
	json_decref(o);
	if (bad != NULL) {
		api_error(r, 422, "invalid", bad);
		return;
	}
	rc = app_mla_add(r->app, &r->actor, case_id, &f, reason, &id, &r->err);
	if (rc != KERR_OK) {
		api_refusal(r, &r->err, rc == KERR_DENIED || rc == KERR_NOTFOUND);
		return;
	}
	answer_request(r, id, 201);
}

void
api_request_get(struct web_req *r)
{
	int64_t id = positive(r->params[0]);

	if (!may_manage(r, 1))
		return;
	if (id == 0) {
		api_error(r, 404, "not_found", _("there is no such request"));
		return;
	}
	answer_request(r, id, 200);
}

void
api_request_patch(struct web_req *r)
{
	struct app_mla_fields f;
	const char *bad, *reason;
	int64_t id = positive(r->params[0]), case_id = 0;
	json_t *o;

	if (!may_manage(r, 1))
		return;
	if (id == 0) {
		api_error(r, 404, "not_found", _("there is no such request"));
		return;
	}
	if ((o = body_object(r)) == NULL)
		return;
	bad = read_members(r, o, 0, &f, &case_id, &reason);
	json_decref(o);
	if (bad != NULL) {
		api_error(r, 422, "invalid", bad);
		return;
	}
	if (app_mla_update(r->app, &r->actor, id, &f, reason, &case_id, &r->err) != KERR_OK) {
		api_refusal(r, &r->err, 0);
		return;
	}
	answer_request(r, id, 200);
}

void
api_openapi_requests(json_t *paths)
{
	json_t *idp = json_pack("[{s:s,s:s,s:b,s:{s:s}}]", "name", "id", "in", "path",
		"required", 1, "schema", "type", "integer");
	json_t *body = json_pack("{s:b,s:{s:{s:{s:s}}}}", "required", 1, "content",
		"application/json", "schema", "type", "object");
	json_t *resp;
	json_t *post = json_pack("{s:s,s:O,s:{s:{s:s},s:{s:s},s:{s:s},s:{s:s},s:{s:s}}}",
		"summary", "Add an international request to a case: {case, direction, country, "
		"type, status, legal_basis, channel, authority, reference, sent, received, due, "
		"answered, assistance: [codes], persons: [ids], assets: [ids], reason}",
		"requestBody", body, "responses", "201", "description", "the request (Location "
		"names it)", "401", "description", "error", "403", "description", "error",
		"404", "description", "error", "422", "description", "error");
	json_t *patch = json_pack("{s:s,s:o,s:O,s:{s:{s:s},s:{s:s},s:{s:s},s:{s:s}}}",
		"summary", "Change a request: the members given (null clears one), as POST",
		"parameters", json_deep_copy(idp), "requestBody", body, "responses", "200",
		"description", "the request", "401", "description", "error", "403",
		"description", "error", "422", "description", "error");
	json_t *get = json_pack("{s:s,s:o,s:{s:{s:s},s:{s:s},s:{s:s}}}", "summary",
		"One international request, with the persons and assets it concerns (ids)",
		"parameters", idp, "responses", "200", "description", "the request", "403",
		"description", "error", "404", "description", "error");

	json_object_set_new(json_object_get(paths, "/requests"), "post", post);
	resp = json_pack("{s:o,s:o}", "get", get, "patch", patch);
	json_object_set_new(paths, "/requests/{id}", resp);
	json_decref(body);
}

/* ---- the forms ---- */

/* The request's fields as the form gives them: every field present (an
 * empty one clears it on an update; on an add, an empty optional field is
 * simply not set). */
static void
form_fields(struct web_req *r, struct app_mla_fields *f, int add)
{
	const char **s, *v;
	const char **vals;
	size_t i, k, n;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < NFIELDS; i++) {
		s = slot(f, req_fields[i].key);
		if (strcmp(req_fields[i].key, "assistance") == 0 ||
		    strcmp(req_fields[i].key, "persons") == 0 ||
		    strcmp(req_fields[i].key, "assets") == 0) {
			/* checkboxes: one value each, none checked is an empty list */
			vals = form_all(&r->form, req_fields[i].key, &r->a, &n);
			v = "";
			for (k = 0; k < n; k++)
				if (vals[k][0] != '\0' && strchr(vals[k], ',') == NULL)
					v = arena_printf(&r->a, "%s%s%s", v, *v ? "," : "", vals[k]);
			*s = add && *v == '\0' ? NULL : v;
			continue;
		}
		v = form_get(&r->form, req_fields[i].key);
		if (v != NULL && add && v[0] == '\0')
			v = NULL;
		*s = v;
	}
}

static void
text_input(struct web_req *r, const char *key, const char *label, const char *type,
	const char *value, int maxlength)
{
	w_field_label(r, arena_printf(&r->a, "rq-%s", key), label);
	w_rawf(r, "<input id=\"rq-%s\" name=\"%s\" type=\"%s\"", key, key, type);
	if (maxlength > 0)
		w_rawf(r, " maxlength=\"%d\"", maxlength);
	w_raw(r, " value=\"");
	w_text(r, value != NULL ? value : "");
	w_raw(r, "\"></div>");
}

static void
select_input(struct web_req *r, const char *key, const char *label, enum cb_dim dim,
	const char *current, int optional)
{
	const struct cb_entry *e;
	size_t n, i;

	e = cb_entries(dim, &n);
	w_field_label(r, arena_printf(&r->a, "rq-%s", key), label);
	w_rawf(r, "<select id=\"rq-%s\" name=\"%s\">", key, key);
	if (optional)
		w_raw(r, "<option value=\"\">—</option>");
	for (i = 0; i < n; i++) {
		w_raw(r, "<option value=\"");
		w_text(r, e[i].code);
		w_raw(r, current != NULL && strcmp(current, e[i].code) == 0 ? "\" selected>" : "\">");
		w_text(r, r->lang == I18N_EN ? e[i].en : e[i].es);
		w_raw(r, "</option>");
	}
	w_raw(r, "</select></div>");
}

static int
has_code(const struct intl_request *q, const char *code)
{
	size_t i;

	for (i = 0; q != NULL && i < q->nassistance; i++)
		if (strcmp(q->assistance[i], code) == 0)
			return 1;
	return 0;
}

static int
has_id(const int64_t *ids, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

/* The fieldsets of checkboxes: what is asked, the case's persons (as the
 * user reads them: masked, or [protected]) and its assets. */
static void
checkboxes(struct web_req *r, const struct kcase *c, const struct intl_request *q)
{
	const struct cb_entry *e;
	size_t n, i;

	e = cb_entries(CB_REQUEST_ASSISTANCE, &n);
	w_raw(r, "<fieldset id=\"rq-assistance\"><legend>");
	w_text(r, _("What is asked"));
	w_raw(r, "</legend>");
	for (i = 0; i < n; i++) {
		w_rawf(r, "<label><input type=\"checkbox\" name=\"assistance\" value=\"");
		w_text(r, e[i].code);
		w_raw(r, has_code(q, e[i].code) ? "\" checked> " : "\"> ");
		w_text(r, r->lang == I18N_EN ? e[i].en : e[i].es);
		w_raw(r, "</label>");
	}
	w_raw(r, "</fieldset><fieldset id=\"rq-persons\"><legend>");
	w_text(r, _("Persons it concerns"));
	w_raw(r, "</legend>");
	for (i = 0; i < c->nparts; i++) {
		const struct participation *p = &c->parts[i];
		if (i > 0 && c->parts[i - 1].person_id == p->person_id)
			continue;
		w_rawf(r, "<label><input type=\"checkbox\" name=\"persons\" value=\"%lld\"%s> ",
			(long long)p->person_id, q != NULL && has_id(q->persons, q->npersons,
			p->person_id) ? " checked" : "");
		w_text(r, w_label(r, CB_PERSON_ROLE, p->role));
		w_raw(r, " <span class=\"masked\">");
		w_text(r, p->person.name != NULL ? p->person.name : _("[protected]"));
		w_rawf(r, "</span> (%lld)</label>", (long long)p->person_id);
	}
	w_raw(r, "</fieldset>");
	if (c->nassets == 0)
		return;
	w_raw(r, "<fieldset id=\"rq-assets\"><legend>");
	w_text(r, _("Assets it concerns"));
	w_raw(r, "</legend>");
	for (i = 0; i < c->nassets; i++) {
		w_rawf(r, "<label><input type=\"checkbox\" name=\"assets\" value=\"%lld\"%s> ",
			(long long)c->assets[i].id, q != NULL && has_id(q->assets, q->nassets,
			c->assets[i].id) ? " checked" : "");
		w_text(r, w_label(r, CB_ASSET_KIND, c->assets[i].kind));
		w_rawf(r, " (%lld)</label>", (long long)c->assets[i].id);
	}
	w_raw(r, "</fieldset>");
}

/* The whole form: q NULL adds one to c, else changes q. On a refusal the
 * values the user sent are shown again (f). */
static void
request_form(struct web_req *r, const struct kcase *c, const struct intl_request *q,
	const struct app_mla_fields *f, const char *message)
{
	struct intl_request shown;
	const char *v;

	memset(&shown, 0, sizeof(shown));
	if (q != NULL)
		shown = *q;
#define PICK(field, dflt) (f != NULL && f->field != NULL ? f->field : (dflt))
	w_alert(r, message);
	if (q == NULL)
		w_rawf(r, "<form class=\"grid\" method=\"post\" action=\"/cases/%lld/requests/new\">",
			(long long)c->id);
	else
		w_rawf(r, "<form class=\"grid\" method=\"post\" action=\"/requests/%lld\">",
			(long long)q->id);
	w_csrf(r);
	select_input(r, "direction", _("Direction"), CB_REQUEST_DIRECTION,
		PICK(direction, shown.direction), 0);
	select_input(r, "country", _("Country"), CB_COUNTRY, PICK(country, shown.country), 0);
	select_input(r, "type", _("Type"), CB_REQUEST_TYPE, PICK(type, shown.type), 0);
	select_input(r, "status", _("Status"), CB_REQUEST_STATUS, PICK(status, shown.status),
		q == NULL);
	select_input(r, "legal_basis", _("Legal basis"), CB_LEGAL_BASIS,
		PICK(legal_basis, shown.legal_basis), 1);
	select_input(r, "channel", _("Channel"), CB_REQUEST_CHANNEL, PICK(channel, shown.channel),
		1);
	text_input(r, "authority", _("Counterpart authority"), "text",
		PICK(authority, shown.authority), 200);
	text_input(r, "reference", _("Reference"), "text", PICK(reference, shown.reference), 100);
	text_input(r, "sent", _("Date sent"), "date", PICK(sent, shown.sent), 0);
	text_input(r, "received", _("Date received"), "date", PICK(received, shown.received), 0);
	text_input(r, "due", _("Due date"), "date", PICK(due, shown.due), 0);
	text_input(r, "answered", _("Date answered"), "date", PICK(answered, shown.answered), 0);
	checkboxes(r, c, q);
	v = form_get(&r->form, "reason");
	text_input(r, "reason", _("Reason for the change"), "text", v, 500);
	w_raw(r, "<div><button type=\"submit\" id=\"save-request\">");
	w_text(r, q == NULL ? _("Add the request") : _("Save the request"));
	w_raw(r, "</button></div></form>");
#undef PICK
}

/* The page of the form: the case read as the user may (masked). */
static void
form_page(struct web_req *r, int64_t case_id, const struct app_mla_row *w,
	const struct app_mla_fields *f, const char *message, int status)
{
	struct kcase c;

	if (app_case_show(r->app, &r->actor, case_id, APP_MASKED, &r->a, &c, &r->err) != KERR_OK) {
		w_kerr(r, &r->err);
		return;
	}
	r->status = status;
	w_page_begin(r, w == NULL ? arena_printf(&r->a, _("New international request, case %s"),
		c.number) : arena_printf(&r->a, _("International request %lld, case %s"),
		(long long)w->r.id, c.number));
	w_raw(r, "<p><a href=\"");
	w_text(r, arena_printf(&r->a, "/cases/%lld#requests", (long long)c.id));
	w_raw(r, "\">");
	w_text(r, arena_printf(&r->a, _("Back to case %s"), c.number));
	w_raw(r, "</a> · <a href=\"/cooperation\">");
	w_text(r, _("International cooperation"));
	w_raw(r, "</a></p>");
	if (w != NULL && w->dated) {
		w_raw(r, w->days_left < 0 ? "<p class=\"overdue\"><strong>" : "<p><strong>");
		w_text(r, w->days_left < 0 ? arena_printf(&r->a, _("overdue by %lld days"),
			(long long)-w->days_left) : arena_printf(&r->a, _("%lld days left"),
			(long long)w->days_left));
		w_raw(r, "</strong></p>");
	}
	request_form(r, &c, w != NULL ? &w->r : NULL, f, message);
	w_page_end(r);
}

static int64_t
param_id(struct web_req *r, const char *what)
{
	int64_t id = positive(r->params[0]);

	if (id == 0)
		w_error(r, 404, what);
	return id;
}

void
page_request_new_get(struct web_req *r)
{
	int64_t id;

	/* the right to manage requests, checked (and a refusal audited) before
	 * a form is offered; the case then by app_case_show (case.read has the
	 * scope of request.manage for the roles that have both) */
	if (!may_manage(r, 0) || (id = param_id(r, _("There is no such case."))) == 0)
		return;
	form_page(r, id, NULL, NULL, NULL, 200);
}

void
page_request_new_post(struct web_req *r)
{
	struct app_mla_fields f;
	const char *reason = form_nonblank(&r->form, "reason");
	int64_t case_id = param_id(r, _("There is no such case.")), id = 0;
	struct kerr e;
	enum kerr_code rc;

	if (case_id == 0)
		return;
	form_fields(r, &f, 1);
	memset(&e, 0, sizeof(e));
	rc = app_mla_add(r->app, &r->actor, case_id, &f, reason, &id, &e);
	if (rc == KERR_INVALID) {
		form_page(r, case_id, NULL, &f, words(r, &e, 0, 0), 422);
		return;
	}
	if (rc != KERR_OK) {
		/* a case the user may not manage requests on, or none: refused
		 * (and audited), nothing shown of it */
		w_error(r, w_status(rc), words(r, &e, 0, rc == KERR_DENIED || rc == KERR_NOTFOUND));
		return;
	}
	w_redirect(r, arena_printf(&r->a, "/cases/%lld#requests", (long long)case_id));
}

void
page_request_get(struct web_req *r)
{
	struct app_mla_row w;
	int64_t id;

	if (!may_manage(r, 0) || (id = param_id(r, _("There is no such request."))) == 0)
		return;
	if (app_mla_show(r->app, &r->actor, id, &r->a, &w, &r->err) != KERR_OK) {
		w_kerr(r, &r->err);
		return;
	}
	form_page(r, w.r.case_id, &w, NULL, NULL, 200);
}

void
page_request_post(struct web_req *r)
{
	struct app_mla_fields f;
	struct app_mla_row w;
	const char *reason = form_nonblank(&r->form, "reason");
	int64_t id, case_id = 0;
	struct kerr e;
	enum kerr_code rc;

	if (!may_manage(r, 0) || (id = param_id(r, _("There is no such request."))) == 0)
		return;
	form_fields(r, &f, 0);
	memset(&e, 0, sizeof(e));
	rc = app_mla_update(r->app, &r->actor, id, &f, reason, &case_id, &e);
	if (rc == KERR_INVALID) {
		if (app_mla_show(r->app, &r->actor, id, &r->a, &w, &r->err) != KERR_OK) {
			w_kerr(r, &r->err);
			return;
		}
		form_page(r, w.r.case_id, &w, &f, words(r, &e, 0, 0), 422);
		return;
	}
	if (rc != KERR_OK) {
		w_kerr(r, &e);
		return;
	}
	w_redirect(r, arena_printf(&r->a, "/cases/%lld#requests", (long long)case_id));
}
