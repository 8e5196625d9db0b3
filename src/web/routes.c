/*
 * routes.c — the one table of pages and API routes (see router.h for how to
 * add one). Order matters only where patterns overlap: "/cases/new" comes
 * before "/cases/{id}".
 */
#include "web/web_int.h"

#define GET  ROUTE_GET
#define POST ROUTE_POST
#define PUT  ROUTE_PUT
#define PATCH ROUTE_PATCH
#define PUB  ROUTE_PUBLIC
#define API  ROUTE_API
#define PERS ROUTE_PERSONAL
#define HASH ROUTE_HASH
#define UPL  ROUTE_UPLOAD

const struct route web_routes[] = {
	/* pattern                   methods     flags      get                 post */
	{ "/",                       GET,        0,         page_home,          NULL },
	{ "/login",                  GET | POST, PUB|HASH,  page_login_get,     page_login_post },
	{ "/logout",                 POST,       0,         NULL,               page_logout_post },
	{ "/healthz",                GET,        PUB,       page_healthz,       NULL },
	{ "/metrics",                GET,        PUB,       page_metrics,       NULL },
	{ "/assets/{name}",          GET,        PUB,       page_asset,         NULL },
	{ "/cases",                  GET,        0,         page_cases_get,     NULL },
	{ "/cases.csv",              GET,        0,         page_cases_csv_get, NULL },
	{ "/cases/new",              GET | POST, PERS,      page_case_new_get,  page_case_new_post },
	{ "/cases/{id}",             GET,        PERS,      page_case_get,      NULL },
	{ "/cases/{id}/edit",        GET | POST, PERS,      page_case_edit_get, page_case_edit_post },
	{ "/cases/{id}/reveal",      POST,       PERS,      NULL,               page_case_reveal_post },
	{ "/cases/{id}/hide",        POST,       0,         NULL,               page_case_hide_post },
	{ "/cases/{id}/events",      POST,       0,         NULL,               page_case_event_post },
	{ "/cases/{id}/assign",      POST,       PERS,      NULL,               page_case_assign_post },
	{ "/cases/{id}/transfer",    POST,       PERS,      NULL,               page_case_transfer_post },
	{ "/cases/{id}/protect",     POST,       PERS,      NULL,               page_case_protect_post },
	{ "/cases/{id}/asset-step",  POST,       PERS,      NULL,               page_case_asset_step_post },
	{ "/cases/{id}/outcome",     POST,       PERS,      NULL,               page_case_outcome_post },
	{ "/cases/{id}/requests/new", GET | POST, PERS,     page_request_new_get, page_request_new_post },
	{ "/requests/{id}",          GET | POST, PERS,      page_request_get,   page_request_post },
	{ "/cases/{id}/attachments", POST,       UPL,       NULL,               page_attach_post },
	{ "/cases/{id}/attachments/{n}", POST,   PERS,      NULL,               page_attach_get_post },
	{ "/persons",                GET | POST, PERS,      page_persons_get,   page_persons_post },
	{ "/persons/{id}",           GET,        PERS,      page_person_get,    NULL },
	{ "/dedup",                  GET,        PERS,      page_dedup_get,     NULL },
	{ "/dedup/merge",            POST,       PERS,      NULL,               page_dedup_merge_post },
	{ "/dedup/unmerge",          POST,       PERS,      NULL,               page_dedup_unmerge_post },
	{ "/dedup/reject",           POST,       PERS,      NULL,               page_dedup_reject_post },
	{ "/network",                GET,        PERS,      page_network_get,   NULL },
	{ "/search",                 POST,       PERS,      NULL,               page_search_post },
	{ "/admin/users",            GET | POST, HASH,      page_users_get,     page_users_post },
	{ "/admin/users/{name}/lock", POST,      0,         NULL,               page_user_lock_post },
	{ "/admin/role",             POST,       0,         NULL,               page_user_role_post },
	{ "/admin/password",         POST,       HASH,      NULL,               page_user_password_post },
	{ "/admin/offices",          GET | POST, 0,         page_offices_get,   page_offices_post },
	{ "/audit",                  GET,        0,         page_audit_get,     NULL },
	{ "/cooperation",            GET,        0,         page_cooperation_get, NULL },
	{ "/audit.csv",              GET,        0,         page_audit_csv_get, NULL },
	{ "/stats",                  GET,        0,         page_stats_get,     NULL },
	{ "/stats.csv",              GET,        0,         page_stats_csv_get, NULL },
	{ "/stats.xlsx",             GET,        0,         page_stats_xlsx_get, NULL },
	{ "/audit/verify",           POST,       0,         NULL,               page_audit_verify_post },
	{ "/api/v1/cases",           GET | POST, API,       api_cases_get,      api_cases_post },
	{ "/api/v1/cases/{id}",      GET | PUT,  API|PERS,  api_case_get,       api_case_put },
	{ "/api/v1/cases/{id}/history", GET,     API|PERS,  api_case_history_get, NULL },
	{ "/api/v1/cases/{id}/assign", POST,     API,       NULL,               api_case_assign_post },
	{ "/api/v1/cases/{id}/transfer", POST,   API,       NULL,               api_case_transfer_post },
	{ "/api/v1/cases/{id}/attachments", GET | POST, API|PERS|UPL, api_attachments_get,
	                                                                api_attachments_post },
	{ "/api/v1/cases/{id}/attachments/{n}", GET, API|PERS, api_attachment_get, NULL },
	{ "/api/v1/persons",         GET,        API|PERS,  api_persons_get,    NULL },
	{ "/api/v1/requests",        GET | POST, API,       api_requests_get,   api_requests_post },
	{ "/api/v1/requests/{id}",   GET | PATCH, API|PERS, api_request_get,    api_request_patch },
	{ "/api/v1/codebook",        GET,        API,       api_codebook_get,   NULL },
	{ "/api/v1/openapi.json",    GET,        API|PUB,   api_openapi_get,    NULL },
};
const size_t web_nroutes = sizeof(web_routes) / sizeof(web_routes[0]);
