/*
 * web.h — the web application: server-rendered pages and the JSON API
 * (/api/v1) on libmicrohttpd, every route going through the app layer.
 */
#ifndef KHIPU_WEB_H
#define KHIPU_WEB_H

#include "lib/kerr.h"

struct web_config {
	const char *db;          /* register URL or path */
	const char *key_file;
	const char *listen;      /* "ADDR:PORT"; NULL = 127.0.0.1:8080 */
	const char *tls_cert;    /* PEM files; both or neither */
	const char *tls_key;
	unsigned threads;        /* worker threads; 0 = number of CPUs */
	const char *metrics_token_file;  /* bearer token of GET /metrics; NULL: no /metrics */
	unsigned request_timeout;  /* seconds for a whole request; 0 = WEB_REQUEST_TIMEOUT */
	unsigned per_address;      /* connections from one address; 0 = WEB_PER_ADDRESS */
	const char *time_zone;     /* the register's zone for the times pages show
	                              ("America/Lima", "UTC"); NULL = WEB_TIME_ZONE */
};
#define WEB_TIME_ZONE "America/Lima"
#define WEB_REQUEST_TIMEOUT 60
#define WEB_PER_ADDRESS     32

/* Serve until SIGTERM or SIGINT, then let requests in flight finish and
 * return KERR_OK. Errors before serving (bad address, port taken, bad TLS
 * files, register that does not open) are returned at once. Writes one
 * line per request on stderr. */
enum kerr_code web_serve(const struct web_config *cfg, struct kerr *err);

#endif
