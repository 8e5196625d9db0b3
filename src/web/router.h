/*
 * router.h — the route table: one descriptor per page or API route
 * (STYLE 8.2), matched by path pattern and method.
 *
 * How to add a route: write the handler in pages/ or api/, add one row to
 * web_routes[] in routes.c with its pattern ("/cases/{id}"), methods,
 * flags and handlers. The dispatcher (server.c) checks method (405), route
 * (404), body size (413), session (303 to /login or 401), CSRF (403) before
 * any handler runs; only routes flagged ROUTE_PUBLIC skip the session.
 */
#ifndef KHIPU_ROUTER_H
#define KHIPU_ROUTER_H

#include <stddef.h>

enum route_method {
	ROUTE_GET  = 1 << 0,
	ROUTE_POST = 1 << 1,
	ROUTE_PUT  = 1 << 2,   /* API routes only (no CSRF: bearer tokens) */
	ROUTE_PATCH = 1 << 3,  /* API routes only, like PUT: a partial change */
};

enum route_flags {
	ROUTE_PUBLIC   = 1 << 0,   /* no session needed */
	ROUTE_API      = 1 << 1,   /* JSON API: bearer token, JSON errors, no CSRF */
	ROUTE_PERSONAL = 1 << 2,   /* may show personal data: Cache-Control no-store */
	ROUTE_HASH     = 1 << 3,   /* POST hashes a password: runs on the hashing pool */
	ROUTE_UPLOAD   = 1 << 4,   /* takes a file: multipart/form-data (parts in
	                              r->files, fields in r->form), body up to the
	                              attachment limit instead of WEB_BODY_MAX */
};

#define ROUTE_MAX_PARAMS 4

struct web_req;
typedef void (*route_handler)(struct web_req *r);

struct route {
	const char *pattern;        /* "/cases/{id}"; also the metrics label */
	unsigned methods;           /* ROUTE_GET | ROUTE_POST */
	unsigned flags;
	route_handler get, post;    /* post: the handler of POST, or of PUT or PATCH (API only) */
};

/* Find the route for method and path (without query string). Returns its
 * index and fills params[] (pointers into the arena copies made by the
 * caller: at most ROUTE_MAX_PARAMS, each at most 128 bytes) with the {x}
 * segments; -1 when no pattern matches (404); -2 when patterns match but
 * none allows the method (405; *allow receives their methods). */
int router_match(const struct route *routes, size_t n, unsigned method, const char *path,
	char params[ROUTE_MAX_PARAMS][129], unsigned *allow);

#endif
