/*
 * web_int.h — what the server, pages and API share: the request, output
 * helpers, the route table.
 *
 * Each request owns an arena and an output buffer freed at its end. Its
 * language is per request; _() in web files translates into it.
 */
#ifndef KHIPU_WEB_INT_H
#define KHIPU_WEB_INT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/i18n.h"

/* _() in the web layer uses the language of the request being served. */
enum i18n_lang web_lang(void);
#undef _
#define _(s) i18n_gettext(web_lang(), (s))

#include <jansson.h>

#include "app/app.h"
#include "core/codebook.h"
#include "lib/arena.h"
#include "lib/buf.h"
#include "web/form.h"
#include "web/html.h"
#include "web/multipart.h"
#include "web/router.h"
#include "web/session.h"

#define WEB_BODY_MAX   (1u << 20)    /* larger bodies are 413 */
#define WEB_OUT_MAX    (32u << 20)   /* a page larger than this is a bug */
#define WEB_MAX_HEADERS 8

struct web_header {
	const char *name, *value;
};

struct web_req {
	void *conn;                      /* struct MHD_Connection */
	const struct route *route;
	unsigned method;                 /* ROUTE_GET, ROUTE_POST, ROUTE_PUT or ROUTE_PATCH */
	const char *path;
	char params[ROUTE_MAX_PARAMS][129];
	struct form query, form;
	const char *body;                /* raw body (JSON API), NUL-terminated */
	size_t body_len;
	const char *content_type;
	const char *if_match;            /* If-Match header of a PUT, or NULL */
	struct multipart_part *files;    /* ROUTE_UPLOAD: the parts that carry a file */
	size_t nfiles;
	struct arena a;
	struct buf out;
	int status;
	const char *ctype;               /* response Content-Type */
	struct web_header hdr[WEB_MAX_HEADERS];
	int nhdr;
	enum i18n_lang lang;
	int lang_explicit;               /* chosen by ?lang= or the cookie */
	struct app *app;                 /* this thread's register connection */
	struct policy_actor actor;
	int signed_in;
	char token[APP_TOKEN_HEX + 1];   /* session secret from the cookie */
	char csrf[SESSION_CSRF_HEX + 1]; /* the token forms must carry */
	int tls;
	const char *self;                /* the GET address of what is shown (the
	                                  * language link); NULL: the path of a GET */
	char from[64];                   /* the client's address, numeric */
	const char *crumb_href, *crumb_label; /* a breadcrumb between the menu's
	                                  * entry and this page (the case of its
	                                  * edit form), or NULL */
	struct kerr err;
};

extern const struct route web_routes[];
extern const size_t web_nroutes;

/* ---- output ---- */
/* Escaped text, literal markup, formatted numbers (no %s of input!). */
void w_text(struct web_req *r, const char *s);
void w_raw(struct web_req *r, const char *markup);
void w_rawf(struct web_req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void w_header(struct web_req *r, const char *name, const char *value);
/* Page frame: <head>, navigation for the actor's role, <main>. */
void w_page_begin(struct web_req *r, const char *title);
void w_page_end(struct web_req *r);
/* The hidden CSRF field of a form. */
void w_csrf(struct web_req *r);
/* A form's refusal, in words, announced to assistive technology; nothing when
 * message is NULL. */
void w_alert(struct web_req *r, const char *message);
/* The same with an id (a link or a test can point at it). */
void w_alert_id(struct web_req *r, const char *id, const char *message);
/* A <select name> of a codebook dimension (first option empty when
 * optional), the current value selected; labels in the request language. */
void w_select_cb(struct web_req *r, const char *name, enum cb_dim dim, const char *current,
	int optional);
/* "<div><label for=id>label</label>": the opening of a labelled filter
 * field; the caller writes the control and closes the </div>. */
void w_field_label(struct web_req *r, const char *id, const char *label);
/* A <select name="office"> of the offices by code (first option empty),
 * the current one selected. */
void w_select_office(struct web_req *r, const struct office *o, size_t n, const char *current);
/* The query string of this request with name set to value (value NULL:
 * name dropped) and "lang" always dropped (the cookie keeps it): "?a=1&b=2",
 * or "" when nothing is left. Values are percent-encoded; write the result
 * with w_text. */
const char *w_query_with(struct web_req *r, const char *name, const char *value);
/* s percent-encoded for a query value (in the request's arena). */
const char *w_urlencode(struct web_req *r, const char *s);
/* 1 when s is a path of this site that is safe to redirect to after
 * signing in: "/x...", not "//host" nor "/\\host", no control character or
 * backslash, not the sign-in page itself, at most 1024 bytes. */
int w_local_path(const char *s);
/* A number in the request language (thousands separated). */
const char *w_int(struct web_req *r, long long v);
/* An amount in cents as "1,200.50" (English) or "1 200,50" (Spanish). */
const char *w_money(struct web_req *r, long long cents);
/* A codebook label in the request language. */
const char *w_label(struct web_req *r, enum cb_dim dim, const char *code);
/* A moment (unix seconds) in the register's time zone, "2024-03-02
 * 14:05:09"; with_zone: ISO 8601 with its offset, "2024-03-02T14:05:09-0500"
 * (a datetime attribute, a CSV cell). */
const char *w_time(struct web_req *r, int64_t ts, int with_zone);
/* An audit action ("case.create") in words of the request language; the
 * name itself when it has none. */
const char *w_action(struct web_req *r, const char *action);
/* The i-th audit action that has words (a filter's choices); NULL after
 * the last. */
const char *w_action_at(size_t i);
/* A date written out in the request language. */
const char *w_date(struct web_req *r, const char *iso);
/* The names of an INEI UBIGEO code, district first ("Inambari, Tambopata,
 * Madre de Dios"); "" for none. */
const char *w_ubigeo(struct web_req *r, const char *code);
/* A place: its names in Peru, else the country's name. */
const char *w_place(struct web_req *r, const struct place *p);
/* 303 See Other to location (a path of this site). */
void w_redirect(struct web_req *r, const char *location);
/* An error page with status and a message (escaped). */
void w_error(struct web_req *r, int status, const char *message);
/* HTTP status for an app error code (the one mapping). */
int w_status(enum kerr_code code);
/* The app error as a page: status from the code, message translated when the
 * catalogue knows it. */
void w_kerr(struct web_req *r, const struct kerr *err);
/* Message of an app error in the request language. */
const char *w_kerr_msg(struct web_req *r, const struct kerr *err);
/* 1 when the actor's role may do action somewhere (for showing links). */
int w_can(const struct web_req *r, enum pol_action a);
/* The "identities" of a case document shown to this user: "none" for roles
 * that may reveal no one, else "revealed" or "masked". */
const char *w_identities(const struct web_req *r, int revealed);
/* Set a cookie (path /, HttpOnly, SameSite=Strict, Secure under TLS);
 * max_age < 0: a session cookie; 0: delete it. */
void w_cookie(struct web_req *r, const char *name, const char *value, long max_age);

/* ---- the case pages (pages/cases.c, pages/assign.c) ---- */
/* The form of the case page a message belongs to. */
enum w_case_form { W_CASE_FORM_EVENT, W_CASE_FORM_ASSIGN, W_CASE_FORM_TRANSFER,
	W_CASE_FORM_PROTECT, W_CASE_FORM_ASSET, W_CASE_FORM_OUTCOME };
/* The case of r->params[0] as a page with status; message (may be NULL) is
 * shown at form. */
void w_case_page(struct web_req *r, enum app_reveal reveal, enum w_case_form form,
	const char *message, int status);
/* A table of case rows with a caption (the list, the start page). */
void w_case_rows(struct web_req *r, const char *caption, const struct store_case_row *rows,
	size_t n);
/* The "Transfers" section of a case page (nothing when it has none). */
void w_case_transfers(struct web_req *r, const struct kcase *c);
/* The forms that assign the case and transfer it, for roles that may. */
void w_case_assign_forms(struct web_req *r, const struct kcase *c, const struct office *o,
	size_t no, enum w_case_form form, const char *message);

/* The State's response on the case page (pages/response.c): police report,
 * each victim's protection, each asset's life, and their forms. */
void w_case_response(struct web_req *r, const struct kcase *c, int revealed,
	enum w_case_form form, const char *message);
void page_case_protect_post(struct web_req *r);
/* The form of a step of a suspect's path (pages/outcome.c), message (may
 * be NULL) above it; for roles that may amend the case. */
void w_case_outcome_form(struct web_req *r, const struct kcase *c, const char *message);
void page_case_outcome_post(struct web_req *r);
void page_case_asset_step_post(struct web_req *r);

/* ---- JSON API ---- */
void api_json(struct web_req *r, int status, json_t *v);   /* takes the reference */
void api_error(struct web_req *r, int status, const char *code, const char *message);
void api_kerr(struct web_req *r, const struct kerr *err);

/* ---- handlers (in pages/ and api/) ---- */
void page_home(struct web_req *r);
void page_login_get(struct web_req *r);
void page_login_post(struct web_req *r);
void page_logout_post(struct web_req *r);
void page_lang_get(struct web_req *r);
void page_cases_get(struct web_req *r);
void page_cases_csv_get(struct web_req *r);
void page_case_get(struct web_req *r);
void page_case_reveal_post(struct web_req *r);
void page_case_hide_post(struct web_req *r);
void page_case_event_post(struct web_req *r);
void page_case_assign_post(struct web_req *r);
void page_case_transfer_post(struct web_req *r);
void page_home_prosecutor(struct web_req *r);
void page_case_new_get(struct web_req *r);
void page_case_new_post(struct web_req *r);
void page_case_edit_get(struct web_req *r);
void page_case_edit_post(struct web_req *r);
void page_persons_get(struct web_req *r);
/* The results of a person search (persons.c): the masked name as the link,
 * attributes, cases; "Nobody found" with a hint when name is one word. */
void w_person_hits(struct web_req *r, const struct app_person_hit *hits, size_t n,
	const char *name);
void page_search_post(struct web_req *r);
/* The persons the actor may see whose name, document or phone is q (the
 * ways q could be one, as the header's search box tries them; search.c):
 * one hit per person, in the request's arena; each search audited. */
size_t w_person_find(struct web_req *r, const char *q, struct app_person_hit **out);
/* 1 when w_person_find reads q as a name only (for the one-word hint). */
int w_person_find_is_name(const char *q);
void page_persons_post(struct web_req *r);
void page_person_get(struct web_req *r);
void page_users_get(struct web_req *r);
void page_users_post(struct web_req *r);
void page_user_lock_post(struct web_req *r);
void page_user_role_post(struct web_req *r);
void page_user_password_post(struct web_req *r);
void page_offices_get(struct web_req *r);
void page_offices_post(struct web_req *r);
void page_audit_get(struct web_req *r);
void page_cooperation_get(struct web_req *r);   /* pages/cooperation.c */
void page_dedup_get(struct web_req *r);          /* pages/dedup.c */
void page_dedup_merge_post(struct web_req *r);
void page_dedup_unmerge_post(struct web_req *r);
void page_dedup_reject_post(struct web_req *r);
void page_network_get(struct web_req *r);        /* pages/network.c */
void api_requests_get(struct web_req *r);
/* pages/requests.c: a request added and followed (forms and API) */
void page_request_new_get(struct web_req *r);
void page_request_new_post(struct web_req *r);
void page_request_get(struct web_req *r);
void page_request_post(struct web_req *r);
void api_requests_post(struct web_req *r);
void api_request_get(struct web_req *r);
void api_request_patch(struct web_req *r);
void api_openapi_requests(json_t *paths);
void page_audit_csv_get(struct web_req *r);
void page_audit_verify_post(struct web_req *r);
void page_stats_get(struct web_req *r);
void page_stats_csv_get(struct web_req *r);
void page_stats_xlsx_get(struct web_req *r);
void page_healthz(struct web_req *r);
void page_metrics(struct web_req *r);
void page_asset(struct web_req *r);
void api_cases_get(struct web_req *r);
void api_cases_post(struct web_req *r);
void api_case_get(struct web_req *r);
void api_case_put(struct web_req *r);
void api_case_history_get(struct web_req *r);
void api_case_assign_post(struct web_req *r);
void api_case_transfer_post(struct web_req *r);
/* The OpenAPI paths of api/assign.c, added to paths. */
void api_openapi_assign(json_t *paths);
void api_persons_get(struct web_req *r);
void api_codebook_get(struct web_req *r);
void api_openapi_get(struct web_req *r);
/* attachments (pages/attach.c, api/attach.c) */
void page_attach_section(struct web_req *r, const struct kcase *c);
void page_attach_post(struct web_req *r);
void page_attach_get_post(struct web_req *r);
void api_attachments_get(struct web_req *r);
void api_attachments_post(struct web_req *r);
void api_attachment_get(struct web_req *r);
void api_attach_openapi(json_t *paths);
/* The largest body an upload route takes: the attachment limit and room
 * for the form around the file. */
size_t web_upload_max(void);


/* The register's time zone name (khipu serve --time-zone). */
const char *web_time_zone(void);

/* ---- metrics (server.c) ---- */
void web_metrics_write(struct web_req *r);
/* May this request read the metrics? 1: it carries the metrics token;
 * 0: it does not; -1: the server was started without one (no /metrics). */
int web_metrics_allowed(struct web_req *r);

/* ---- embedded assets (assets.c, generated) ---- */
struct web_asset {
	const char *name;          /* "khipu.css" */
	const char *type;          /* Content-Type */
	const unsigned char *data;
	size_t len;
};
extern const struct web_asset web_assets[];
extern const size_t web_nassets;

#endif
