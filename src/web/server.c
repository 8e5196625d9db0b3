/*
 * server.c — the HTTP server: libmicrohttpd with a pool of worker threads,
 * one register connection (struct app) per worker, the dispatcher that runs
 * the generic checks before any handler, security headers, the request log
 * and the metrics.
 *
 * Deny by default: a route is public only when flagged so; every other
 * request needs a session (pages) or a bearer token (API), and every page
 * POST needs the CSRF token. The log names the route pattern, never the
 * query string or a path segment that could carry an identity.
 */
#include "web/web.h"
#include "web/web_int.h"

#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "app/attach.h"
#include "lib/xalloc.h"

/* Strict policy: no script at all, styles from this site only, no framing. */
#define WEB_CSP "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; " \
	"frame-ancestors 'none'; base-uri 'none'"

/* ---- per-thread register connections ---- */

static const struct web_config *srv_cfg;
static __thread struct app *tl_app;
static __thread enum i18n_lang tl_lang = I18N_ES;
static pthread_mutex_t apps_lock = PTHREAD_MUTEX_INITIALIZER;
static struct app **apps;
static size_t napps;

enum i18n_lang
web_lang(void)
{
	return tl_lang;
}

static struct app *
thread_app(struct kerr *err)
{
	if (tl_app != NULL)
		return tl_app;
	if (app_open(srv_cfg->db, srv_cfg->key_file, &tl_app, err) != KERR_OK)
		return NULL;
	pthread_mutex_lock(&apps_lock);
	apps = xrealloc(apps, (napps + 1) * sizeof(*apps));
	apps[napps++] = tl_app;
	pthread_mutex_unlock(&apps_lock);
	return tl_app;
}

static const char *
hdr_of(struct web_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

/* ---- metrics ---- */

static const int metric_status[] = { 200, 303, 304, 400, 401, 403, 404, 405, 409, 413, 422,
	500, 503 };
#define NSTATUS (sizeof(metric_status) / sizeof(metric_status[0]) + 1)   /* + other */
static const double metric_le[] = { 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
	0.25, 0.5, 1, 2.5 };
#define NBUCKET (sizeof(metric_le) / sizeof(metric_le[0]))
#define MAX_ROUTES 64

static unsigned long long m_requests[MAX_ROUTES + 1][NSTATUS];   /* last row: no route */
static unsigned long long m_bucket[NBUCKET + 1];
static unsigned long long m_sum_us, m_count;
static unsigned long long m_cut;        /* connections cut at the request time limit */
static unsigned long long m_hash_full;  /* password requests refused: the queue was full */

static void
metrics_count(int route, int status, double secs)
{
	size_t s, b;
	int row = route < 0 ? MAX_ROUTES : route;

	for (s = 0; s < NSTATUS - 1 && metric_status[s] != status; s++)
		;
	__atomic_fetch_add(&m_requests[row][s], 1, __ATOMIC_RELAXED);
	for (b = 0; b < NBUCKET && secs > metric_le[b]; b++)
		;
	__atomic_fetch_add(&m_bucket[b], 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&m_sum_us, (unsigned long long)(secs * 1e6), __ATOMIC_RELAXED);
	__atomic_fetch_add(&m_count, 1, __ATOMIC_RELAXED);
}

/* The keyed hash of the metrics token (session_csrf of it), or "" when
 * /metrics is off. Compared in constant time. */
static char metrics_token_mac[SESSION_CSRF_HEX + 1];

int
web_metrics_allowed(struct web_req *r)
{
	const char *auth = hdr_of(r, "Authorization");
	char given[SESSION_CSRF_HEX + 1], tok[257];
	size_t n;

	if (metrics_token_mac[0] == '\0')
		return -1;
	if (auth == NULL || strncasecmp(auth, "Bearer ", 7) != 0)
		return 0;
	n = strlen(auth + 7);
	if (n == 0 || n >= sizeof(tok))
		return 0;
	memcpy(tok, auth + 7, n + 1);
	session_csrf(tok, given);
	return session_csrf_equal(metrics_token_mac, given);
}

/* Read the metrics token: one line of 32 to 256 printable characters, in a
 * file nobody else may read (like the key file). */
static enum kerr_code
metrics_token_load(const char *path, struct kerr *err)
{
	char tok[260];
	struct stat st;
	FILE *f;
	size_t n;

	metrics_token_mac[0] = '\0';
	if (path == NULL)
		return KERR_OK;
	if ((f = fopen(path, "r")) == NULL)
		return kerr_field(err, KERR_IO, "--metrics-token-file", "cannot read '%s': %s", path,
			strerror(errno));
	if (fstat(fileno(f), &st) != 0 || (st.st_mode & 077) != 0) {
		fclose(f);
		return kerr_field(err, KERR_INVALID, "--metrics-token-file",
			"'%s' may be read by others; chmod 600 it", path);
	}
	if (fgets(tok, sizeof(tok), f) == NULL)
		tok[0] = '\0';
	fclose(f);
	tok[strcspn(tok, "\r\n")] = '\0';
	n = strlen(tok);
	if (n < 32 || n > 256 || strspn(tok, "!#$%&'*+-./0123456789:ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "^_`abcdefghijklmnopqrstuvwxyz|~=") != n)
		return kerr_field(err, KERR_INVALID, "--metrics-token-file",
			"'%s' must hold one token of 32 to 256 letters, digits or signs", path);
	session_csrf(tok, metrics_token_mac);
	return KERR_OK;
}

void
web_metrics_write(struct web_req *r)
{
	size_t i, s, b;
	unsigned long long cum = 0, v;
	int64_t open = 0;
	struct kerr e;

	w_raw(r, "# HELP khipu_http_requests_total HTTP requests by route and status.\n"
		"# TYPE khipu_http_requests_total counter\n");
	for (i = 0; i <= MAX_ROUTES && i <= web_nroutes; i++) {
		int row = i == web_nroutes ? MAX_ROUTES : (int)i;
		const char *label = i == web_nroutes ? "unmatched" : web_routes[i].pattern;
		for (s = 0; s < NSTATUS; s++) {
			v = __atomic_load_n(&m_requests[row][s], __ATOMIC_RELAXED);
			if (v == 0)
				continue;
			w_rawf(r, "khipu_http_requests_total{route=\"%s\",status=\"", label);
			if (s < NSTATUS - 1)
				w_rawf(r, "%d", metric_status[s]);
			else
				w_raw(r, "other");
			w_rawf(r, "\"} %llu\n", v);
		}
	}
	w_raw(r, "# HELP khipu_http_request_duration_seconds Time to answer a request.\n"
		"# TYPE khipu_http_request_duration_seconds histogram\n");
	for (b = 0; b <= NBUCKET; b++) {
		cum += __atomic_load_n(&m_bucket[b], __ATOMIC_RELAXED);
		if (b < NBUCKET)
			w_rawf(r, "khipu_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
				metric_le[b], cum);
		else
			w_rawf(r, "khipu_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n", cum);
	}
	w_rawf(r, "khipu_http_request_duration_seconds_sum %.6f\n",
		(double)__atomic_load_n(&m_sum_us, __ATOMIC_RELAXED) / 1e6);
	w_rawf(r, "khipu_http_request_duration_seconds_count %llu\n",
		__atomic_load_n(&m_count, __ATOMIC_RELAXED));
	w_raw(r, "# HELP khipu_http_connections_cut_total Connections closed at the time limit "
		"of a whole request.\n# TYPE khipu_http_connections_cut_total counter\n");
	w_rawf(r, "khipu_http_connections_cut_total %llu\n",
		__atomic_load_n(&m_cut, __ATOMIC_RELAXED));
	w_raw(r, "# HELP khipu_password_queue_full_total Requests that hash a password refused "
		"with 503: the queue was full.\n# TYPE khipu_password_queue_full_total counter\n");
	w_rawf(r, "khipu_password_queue_full_total %llu\n",
		__atomic_load_n(&m_hash_full, __ATOMIC_RELAXED));
	if (app_session_count(r->app, &open, &e) != KERR_OK)
		open = -1;
	w_raw(r, "# HELP khipu_sessions_open Web sessions signed in and not idle.\n"
		"# TYPE khipu_sessions_open gauge\n");
	w_rawf(r, "khipu_sessions_open %lld\n", (long long)open);
}

/* What a request is waiting for. */
enum upload_state {
	UP_NEW,          /* being received or handled on a worker */
	UP_QUEUED,       /* handed to the hashing pool; the connection is suspended */
	UP_DONE,         /* the hashing pool answered; respond when resumed */
};

struct upload {
	struct buf body;
	int too_big;
	struct timespec start;
	enum upload_state state;
	struct web_req req;          /* kept here while the hashing pool has it */
	int req_live;                /* req's arena and output not yet released */
	struct upload *next;         /* in the hashing queue */
};

static void
req_release(struct upload *u)
{
	if (!u->req_live)
		return;
	arena_release(&u->req.a);
	buf_release(&u->req.out);
	u->req_live = 0;
}

/* ---- the time limit of a whole request ----
 *
 * libmicrohttpd's timeout is an idle time: a client sending one header
 * line every 29 s holds its connection for ever, and a thousand such
 * clients hold every slot. So every connection is also watched from its
 * accept, and again from the end of each request (keep-alive): once a
 * request has taken longer than request_timeout seconds, a watchdog thread
 * shuts the socket down and libmicrohttpd closes the connection. The list
 * entry leaves (under the lock) before libmicrohttpd closes the socket
 * (NOTIFY_CLOSED comes first), so a socket number reused by a new
 * connection is never shut by mistake. */
struct watch {
	struct watch *prev, *next;
	MHD_socket fd;
	struct timespec start;
	int cut;
	int held;        /* with the hashing pool: its wait is ours, not the client's */
};
static pthread_mutex_t watch_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t watch_cond = PTHREAD_COND_INITIALIZER;
static struct watch *watch_head;
static int watch_stop;
static unsigned request_timeout = WEB_REQUEST_TIMEOUT;

static void
notify_connection(void *cls, struct MHD_Connection *c, void **socket_context,
	enum MHD_ConnectionNotificationCode code)
{
	const union MHD_ConnectionInfo *ci;
	struct watch *w;

	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		if (ci == NULL)
			return;
		w = xcalloc(1, sizeof(*w));
		w->fd = ci->connect_fd;
		clock_gettime(CLOCK_MONOTONIC, &w->start);
		pthread_mutex_lock(&watch_lock);
		w->next = watch_head;
		if (watch_head != NULL)
			watch_head->prev = w;
		watch_head = w;
		pthread_mutex_unlock(&watch_lock);
		*socket_context = w;
		return;
	}
	if ((w = *socket_context) == NULL)
		return;
	pthread_mutex_lock(&watch_lock);
	if (w->prev != NULL)
		w->prev->next = w->next;
	else
		watch_head = w->next;
	if (w->next != NULL)
		w->next->prev = w->prev;
	pthread_mutex_unlock(&watch_lock);
	free(w);
	*socket_context = NULL;
}

/* Restart the clock of a connection: a request ended, and the next one
 * has its own time; or it leaves the hashing pool. held: stop it while
 * the pool has the request. */
static void
watch_set(struct MHD_Connection *c, int held)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct watch *w = ci != NULL ? ci->socket_context : NULL;

	if (w == NULL)
		return;
	pthread_mutex_lock(&watch_lock);
	clock_gettime(CLOCK_MONOTONIC, &w->start);
	w->held = held;
	pthread_mutex_unlock(&watch_lock);
}

static void *
watchdog(void *arg)
{
	struct timespec now, until;
	struct watch *w;

	(void)arg;
	pthread_mutex_lock(&watch_lock);
	while (!watch_stop) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		for (w = watch_head; w != NULL; w = w->next)
			if (!w->cut && !w->held &&
			    now.tv_sec - w->start.tv_sec >= (time_t)request_timeout) {
				shutdown(w->fd, SHUT_RDWR);
				w->cut = 1;
				__atomic_fetch_add(&m_cut, 1, __ATOMIC_RELAXED);
			}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		pthread_cond_timedwait(&watch_cond, &watch_lock, &until);
	}
	pthread_mutex_unlock(&watch_lock);
	return NULL;
}

/* ---- the hashing pool ----
 *
 * Argon2id takes tens of milliseconds and 64 MiB on purpose. Requests that
 * hash a password (routes flagged ROUTE_HASH: sign-in, new user) are not
 * run on a worker: the worker suspends the connection and queues the
 * request for a small pool of hashing threads, then goes on serving
 * others; the pool answers and resumes the connection. The queue is
 * bounded (waiting and running together): when it is full the request is
 * refused at once with 503 and Retry-After, so a flood of sign-ins costs
 * the other users nothing but a core or two. */
static pthread_mutex_t hq_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hq_cond = PTHREAD_COND_INITIALIZER;
static struct upload *hq_head, *hq_tail;
static unsigned hq_len, hq_cap;
static int hq_stop;
static pthread_t *hq_threads;
static unsigned hq_nthreads;

/* Take a place in the queue; -1 when it is full. */
static int
hash_reserve(void)
{
	int ok;

	pthread_mutex_lock(&hq_lock);
	ok = !hq_stop && hq_len < hq_cap;
	if (ok)
		hq_len++;
	pthread_mutex_unlock(&hq_lock);
	if (!ok)
		__atomic_fetch_add(&m_hash_full, 1, __ATOMIC_RELAXED);
	return ok ? 0 : -1;
}

static void
hash_push(struct upload *u)
{
	pthread_mutex_lock(&hq_lock);
	u->next = NULL;
	if (hq_tail != NULL)
		hq_tail->next = u;
	else
		hq_head = u;
	hq_tail = u;
	pthread_cond_signal(&hq_cond);
	pthread_mutex_unlock(&hq_lock);
}

static struct app *thread_app(struct kerr *err);

/* Run a queued request's handler on this hashing thread, with its own
 * register connection and the request's language. */
static void
hash_run(struct upload *u)
{
	struct web_req *r = &u->req;
	struct kerr e;

	tl_lang = r->lang;
	i18n_set_thread((int)r->lang);
	if ((r->app = thread_app(&e)) == NULL) {
		fprintf(stderr, "khipu: web: cannot open the register: %s\n", e.msg);
		w_error(r, 503, _("The register is not available."));
	} else {
		r->route->post(r);
	}
	pthread_mutex_lock(&hq_lock);
	hq_len--;
	pthread_mutex_unlock(&hq_lock);
	__atomic_store_n(&u->state, UP_DONE, __ATOMIC_RELEASE);
	watch_set(r->conn, 0);
	MHD_resume_connection(r->conn);
}

/* Stop the pool once its queue is empty (idempotent). Before the daemon
 * stops: a request the pool holds must be answered while its connection
 * still exists. */
static void
hash_pool_stop(void)
{
	unsigned i;

	if (hq_threads == NULL)
		return;
	pthread_mutex_lock(&hq_lock);
	hq_stop = 1;
	pthread_cond_broadcast(&hq_cond);
	pthread_mutex_unlock(&hq_lock);
	for (i = 0; i < hq_nthreads; i++)
		pthread_join(hq_threads[i], NULL);
	free(hq_threads);
	hq_threads = NULL;
}

static void *
hash_worker(void *arg)
{
	struct upload *u;

	(void)arg;
	for (;;) {
		pthread_mutex_lock(&hq_lock);
		while (hq_head == NULL && !hq_stop)
			pthread_cond_wait(&hq_cond, &hq_lock);
		if (hq_head == NULL) {
			pthread_mutex_unlock(&hq_lock);
			return NULL;
		}
		u = hq_head;
		hq_head = u->next;
		if (hq_head == NULL)
			hq_tail = NULL;
		pthread_mutex_unlock(&hq_lock);
		hash_run(u);
	}
}

/* ---- one connection's upload ---- */

/* Requests begun and not yet completed: shutdown waits for them. */
static int inflight;

static void
completed(void *cls, struct MHD_Connection *c, void **con_cls,
	enum MHD_RequestTerminationCode toe)
{
	struct upload *u = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (u != NULL) {
		req_release(u);
		buf_release(&u->body);
		free(u);
		*con_cls = NULL;
		__atomic_fetch_sub(&inflight, 1, __ATOMIC_RELAXED);
	}
	watch_set(c, 0);
}

/* ---- the request ---- */

/* The body a request may send: WEB_BODY_MAX, or more for a POST to a route
 * that takes a file (ROUTE_UPLOAD). */
static size_t
body_cap(const char *url, const char *method)
{
	char params[ROUTE_MAX_PARAMS][129];
	unsigned allow;
	int idx;

	if (strcmp(method, "POST") != 0)
		return WEB_BODY_MAX;
	idx = router_match(web_routes, web_nroutes, ROUTE_POST, url, params, &allow);
	if (idx >= 0 && (web_routes[idx].flags & ROUTE_UPLOAD))
		return web_upload_max();
	return WEB_BODY_MAX;
}

/* Split a multipart/form-data body: fields into r->form, files into
 * r->files. -1 when it is not a well-formed one. */
static int
upload_parse(struct web_req *r)
{
	const char *boundary = multipart_boundary(r->content_type, &r->a);
	struct multipart_part *parts;
	size_t n, i, nf = 0;

	if (multipart_parse(boundary, r->body, r->body_len, &r->a, &parts, &n) != 0)
		return -1;
	r->form.f = arena_alloc(&r->a, (n + 1) * sizeof(*r->form.f));
	r->files = arena_alloc(&r->a, (n + 1) * sizeof(*r->files));
	for (i = 0; i < n; i++) {
		if (parts[i].filename != NULL) {
			r->files[nf++] = parts[i];
			continue;
		}
		/* a text field: no NUL inside (the form's values are C strings) */
		if (memchr(parts[i].data, '\0', parts[i].len) != NULL)
			return -1;
		r->form.f[r->form.n].name = parts[i].name;
		r->form.f[r->form.n].value = arena_strndup(&r->a, parts[i].data, parts[i].len);
		r->form.n++;
	}
	r->nfiles = nf;
	return 0;
}

static enum MHD_Result
query_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct web_req *r = cls;
	struct form *q = &r->query;

	(void)kind;
	if (q->n >= FORM_MAX_FIELDS)
		return MHD_NO;
	if (q->n % 16 == 0) {
		struct form_field *bigger = arena_alloc(&r->a, (q->n + 16) * sizeof(*bigger));
		if (q->n)
			memcpy(bigger, q->f, q->n * sizeof(*bigger));
		q->f = bigger;
	}
	q->f[q->n].name = arena_strdup(&r->a, key);
	q->f[q->n].value = arena_strdup(&r->a, value ? value : "");
	q->n++;
	return MHD_YES;
}


/* Language: ?lang= (remembered in a cookie), the cookie, the user's own,
 * Spanish. */
static void
choose_lang(struct web_req *r, const char *user_lang)
{
	const char *q = form_get(&r->query, "lang");
	char cookie[8];
	enum i18n_lang l = I18N_ES;

	if (q != NULL && i18n_lang_parse(q, &l) == 0) {
		struct kerr e;
		w_cookie(r, SESSION_LANG_COOKIE, i18n_lang_code(l), 365L * 86400);
		r->lang_explicit = 1;
		/* a signed-in user's choice is also the user's, for other browsers */
		if (r->signed_in && r->token[0] != '\0')
			(void)app_user_set_lang(r->app, &r->actor, i18n_lang_code(l), &e);
	} else if (session_cookie(hdr_of(r, "Cookie"), SESSION_LANG_COOKIE, cookie,
		sizeof(cookie)) == 0 && i18n_lang_parse(cookie, &l) == 0) {
		r->lang_explicit = 1;
	} else if (user_lang == NULL || i18n_lang_parse(user_lang, &l) != 0) {
		l = I18N_ES;
	}
	r->lang = l;
	tl_lang = l;
	i18n_set_thread((int)l);   /* app-layer messages in the request's language */
}

/* Who is asking: the session cookie (pages) or the bearer token (API). */
static void
authenticate(struct web_req *r, int api)
{
	const char *auth;
	struct kerr e;

	if (api) {
		auth = hdr_of(r, "Authorization");
		if (auth != NULL && strncasecmp(auth, "Bearer ", 7) == 0 &&
		    strlen(auth + 7) == APP_TOKEN_HEX) {
			memcpy(r->token, auth + 7, APP_TOKEN_HEX + 1);
			if (app_session_resolve(r->app, APP_SESSION_API, r->token, &r->a, &r->actor,
			    &e) == KERR_OK)
				r->signed_in = 1;
		}
		r->token[0] = '\0';
		return;
	}
	if (session_cookie(hdr_of(r, "Cookie"), SESSION_COOKIE, r->token, sizeof(r->token)) != 0) {
		r->token[0] = '\0';
		return;
	}
	if (app_session_resolve(r->app, APP_SESSION_WEB, r->token, &r->a, &r->actor, &e) ==
	    KERR_OK) {
		r->signed_in = 1;
		session_csrf(r->token, r->csrf);
	}
}

/* The CSRF check of a page POST: session-bound when signed in, the
 * double-submit cookie on the sign-in form. */
static int
csrf_ok(struct web_req *r)
{
	const char *given = form_get(&r->form, "csrf");
	char pre[SESSION_CSRF_HEX + 1];

	if (r->signed_in)
		return session_csrf_equal(r->csrf, given);
	if (session_cookie(hdr_of(r, "Cookie"), SESSION_PRE_COOKIE, pre, sizeof(pre)) != 0)
		return 0;
	return session_csrf_equal(pre, given);
}

static int
wants_json(struct web_req *r)
{
	return strncmp(r->path, "/api/", 5) == 0;
}

static void
not_found(struct web_req *r)
{
	if (wants_json(r))
		api_error(r, 404, "not_found", _("no such route"));
	else
		w_error(r, 404, _("This page does not exist."));
}

/* Run the generic checks, then the handler. The session is read first, so
 * that even a 404 page shows the signed-in user's navigation. */
static void
dispatch(struct web_req *r, struct upload *u, int idx, unsigned allow)
{
	struct kerr e;
	int api = wants_json(r);

	if ((r->app = thread_app(&e)) == NULL) {
		fprintf(stderr, "khipu: web: cannot open the register: %s\n", e.msg);
		if (api)
			api_error(r, 503, "unavailable", _("the register is not available"));
		else
			w_error(r, 503, _("The register is not available."));
		return;
	}
	authenticate(r, api);
	choose_lang(r, NULL);
	if (idx == -1) {
		not_found(r);
		return;
	}
	if (idx == -2) {
		char methods[32] = "";
		if (allow & ROUTE_GET)
			strcat(methods, "GET, HEAD");
		if (allow & ROUTE_POST)
			strcat(methods, *methods ? ", POST" : "POST");
		if (allow & ROUTE_PUT)
			strcat(methods, *methods ? ", PUT" : "PUT");
		if (allow & ROUTE_PATCH)
			strcat(methods, *methods ? ", PATCH" : "PATCH");
		w_header(r, "Allow", arena_strdup(&r->a, methods));
		if (api)
			api_error(r, 405, "method_not_allowed", _("this method is not allowed here"));
		else
			w_error(r, 405, _("This method is not allowed here."));
		return;
	}
	r->route = &web_routes[idx];
	if (u->too_big) {
		size_t lim = 0;
		const char *msg = NULL;
		if ((r->route->flags & ROUTE_UPLOAD) && app_attach_limit(&lim, &e) == KERR_OK)
			msg = arena_printf(&r->a, _("The file is larger than an attachment may be "
				"(%.1f MiB)."), (double)lim / (1u << 20));
		if (api)
			api_error(r, 413, "too_large", msg ? msg : _("the request body is too large"));
		else
			w_error(r, 413, msg ? msg : _("The form is too large."));
		return;
	}
	if (r->method == ROUTE_POST || r->method == ROUTE_PUT || r->method == ROUTE_PATCH) {
		r->content_type = hdr_of(r, "Content-Type");
		r->if_match = hdr_of(r, "If-Match");
		r->body = u->body.s;
		r->body_len = u->body.len;
		if (r->content_type != NULL &&
		    strncasecmp(r->content_type, "application/x-www-form-urlencoded", 33) == 0 &&
		    form_parse(&r->form, u->body.s, u->body.len, &r->a) != 0) {
			if (r->route->flags & ROUTE_API)
				api_error(r, 400, "bad_request", _("the form is malformed"));
			else
				w_error(r, 400, _("The form is malformed."));
			return;
		}
		if ((r->route->flags & ROUTE_UPLOAD) && r->content_type != NULL &&
		    strncasecmp(r->content_type, "multipart/form-data", 19) == 0 &&
		    upload_parse(r) != 0) {
			if (r->route->flags & ROUTE_API)
				api_error(r, 400, "bad_request", _("the form is malformed"));
			else
				w_error(r, 400, _("The form is malformed."));
			return;
		}
	}
	if (!(r->route->flags & ROUTE_PUBLIC) && !r->signed_in) {
		if (r->route->flags & ROUTE_API)
			api_error(r, 401, "unauthenticated",
				_("a valid bearer token is required (Authorization: Bearer TOKEN)"));
		else if (r->method == ROUTE_GET)
			/* back to the page asked for once signed in (login checks it
			 * is a path of this site) */
			w_redirect(r, arena_printf(&r->a, "/login?next=%s", w_urlencode(r,
				arena_printf(&r->a, "%s%s", r->path, w_query_with(r, "", NULL)))));
		else
			w_error(r, 403, _("Your session has ended. Sign in again."));
		return;
	}
	if (r->method == ROUTE_POST && !(r->route->flags & ROUTE_API) && !csrf_ok(r)) {
		w_error(r, 403, _("The form has expired or did not come from this site. "
			"Go back, reload the page and try again."));
		return;
	}
	if (r->method == ROUTE_POST && (r->route->flags & ROUTE_HASH)) {
		/* a password to hash: the hashing pool's, or 503 when it is full */
		if (hash_reserve() != 0) {
			w_header(r, "Retry-After", "2");
			w_error(r, 503, _("The server is busy; try again in a moment."));
			return;
		}
		u->state = UP_QUEUED;
		return;
	}
	if (r->method == ROUTE_POST) {
		r->route->post(r);
		return;
	}
	if (r->method == ROUTE_PUT || r->method == ROUTE_PATCH) {
		/* only the API takes PUT and PATCH: a bearer token, not a cookie */
		if (!(r->route->flags & ROUTE_API) || (r->route->methods & ROUTE_POST))
			w_error(r, 405, _("This method is not allowed here."));
		else
			r->route->post(r);
		return;
	}
	/* a GET only reads (the session was touched above): one read transaction */
	if (app_read_begin(r->app, &e) != KERR_OK) {
		w_kerr(r, &e);
		return;
	}
	r->route->get(r);
	app_read_end(r->app);
}

static void
security_headers(struct MHD_Response *resp, int tls)
{
	MHD_add_response_header(resp, "Content-Security-Policy", WEB_CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Permissions-Policy",
		"camera=(), microphone=(), geolocation=()");
	if (tls)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
}

/* libmicrohttpd answers some bad requests itself (400, 413, 414, 431,
 * before any handler runs) and queues those answers through its exported
 * MHD_queue_response. This definition in the program takes the library's
 * place (ELF symbol interposition: the library calls it through its PLT),
 * adds the security headers to every response that lacks them, then calls
 * the library's own. t0300 checks a 431 from the library has them. */
typedef enum MHD_Result (*queue_fn)(struct MHD_Connection *, unsigned int,
	struct MHD_Response *);
static queue_fn real_queue;
static pthread_once_t real_queue_once = PTHREAD_ONCE_INIT;

static void
real_queue_find(void)
{
	void *f = dlsym(RTLD_NEXT, "MHD_queue_response");

	if (f == NULL)
		abort();   /* the library itself is missing: cannot happen once linked */
	memcpy(&real_queue, &f, sizeof(f));
}

enum MHD_Result
MHD_queue_response(struct MHD_Connection *c, unsigned int status, struct MHD_Response *resp)
{
	pthread_once(&real_queue_once, real_queue_find);
	if (resp != NULL && MHD_get_response_header(resp, "Content-Security-Policy") == NULL) {
		security_headers(resp, srv_cfg != NULL && srv_cfg->tls_cert != NULL);
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	}
	return real_queue(c, status, resp);
}

static enum MHD_Result
respond(struct web_req *r)
{
	struct MHD_Response *resp;
	size_t len;
	char *body;
	enum MHD_Result ret;
	int i;
	int is_asset = r->route != NULL && r->route->get == page_asset && r->status == 200;

	body = buf_detach(&r->out, &len);
	resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (resp == NULL) {
		free(body);
		return MHD_NO;
	}
	security_headers(resp, r->tls);
	MHD_add_response_header(resp, "Content-Type", r->ctype);
	MHD_add_response_header(resp, "Cache-Control",
		is_asset ? "public, max-age=86400" : "no-store");
	if (!is_asset)
		MHD_add_response_header(resp, "Content-Language", i18n_lang_code(r->lang));
	for (i = 0; i < r->nhdr; i++)
		MHD_add_response_header(resp, r->hdr[i].name, r->hdr[i].value);
	ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static double
elapsed(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* The numeric address of the client ("-" when unknown). */
static void
client_address(struct MHD_Connection *conn, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

	snprintf(out, n, "-");
	if (ci == NULL || ci->client_addr == NULL)
		return;
	(void)getnameinfo(ci->client_addr, ci->client_addr->sa_family == AF_INET6 ?
		sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in), out, (socklen_t)n, NULL, 0,
		NI_NUMERICHOST);
}

/* Send the answer, count it, log it, release the request. */
static enum MHD_Result
finish(struct upload *u, const char *method)
{
	struct web_req *r = &u->req;
	enum MHD_Result ret = respond(r);
	double secs = elapsed(&u->start);

	metrics_count(r->route ? (int)(r->route - web_routes) : -1, r->status, secs);
	fprintf(stderr, "web: %s %s %d %.2fms\n", r->method ? method : "-",
		r->route ? r->route->pattern : "-", r->status, secs * 1e3);
	req_release(u);
	return ret;
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
	const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
	struct upload *u = *con_cls;
	struct web_req *r;
	const char *cl;
	unsigned allow;
	int idx;

	(void)cls;
	(void)version;
	if (u == NULL) {
		size_t cap = body_cap(url, method);
		u = xcalloc(1, sizeof(*u));
		__atomic_fetch_add(&inflight, 1, __ATOMIC_RELAXED);
		buf_init(&u->body, cap);
		clock_gettime(CLOCK_MONOTONIC, &u->start);
		*con_cls = u;
		cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		if (cl != NULL && strtoull(cl, NULL, 10) > cap)
			u->too_big = 1;
		return MHD_YES;
	}
	/* resumed: the hashing pool has answered */
	if (__atomic_load_n(&u->state, __ATOMIC_ACQUIRE) == UP_DONE)
		return finish(u, method);
	if (u->state == UP_QUEUED)
		return MHD_YES;   /* not ours yet (cannot happen while suspended) */
	if (*upload_size != 0) {
		if (!u->too_big && buf_add(&u->body, upload_data, *upload_size) < 0)
			u->too_big = 1;
		*upload_size = 0;
		return MHD_YES;
	}

	r = &u->req;
	memset(r, 0, sizeof(*r));
	arena_init(&r->a);
	buf_init(&r->out, WEB_OUT_MAX);
	u->req_live = 1;
	r->conn = conn;
	r->path = url;
	r->status = 200;
	r->ctype = "text/html; charset=utf-8";
	r->lang = I18N_ES;
	tl_lang = I18N_ES;
	r->tls = srv_cfg->tls_cert != NULL;
	client_address(conn, r->from, sizeof(r->from));
	if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)
		r->method = ROUTE_GET;
	else if (strcmp(method, "POST") == 0)
		r->method = ROUTE_POST;
	else if (strcmp(method, "PUT") == 0)
		r->method = ROUTE_PUT;
	else if (strcmp(method, "PATCH") == 0)
		r->method = ROUTE_PATCH;
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, query_arg, r);
	/* other methods match no route's bit: 405 where the path exists, else 404 */
	idx = router_match(web_routes, web_nroutes, r->method ? r->method : 1u << 7, url,
		r->params, &allow);
	dispatch(r, u, idx, allow);
	if (u->state == UP_QUEUED) {
		/* suspend first, then queue: the pool's resume must find it suspended */
		MHD_suspend_connection(conn);
		watch_set(conn, 1);
		hash_push(u);
		return MHD_YES;
	}
	return finish(u, method);
}

/* ---- starting and stopping ---- */

static char *
read_pem(const char *path, struct kerr *err)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[4096];
	size_t n;

	if (f == NULL) {
		kerr_set(err, KERR_IO, "cannot read '%s': %s", path, strerror(errno));
		return NULL;
	}
	buf_init(&b, 1u << 20);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(&b, chunk, n) < 0) {
			fclose(f);
			buf_release(&b);
			kerr_set(err, KERR_INVALID, "'%s' is too large for a PEM file", path);
			return NULL;
		}
	fclose(f);
	return buf_detach(&b, NULL);
}

static enum kerr_code
parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *len, int *v6,
	char host[256], struct kerr *err)
{
	const char *colon = strrchr(listen, ':');
	struct addrinfo hints, *res = NULL;
	size_t hl;

	if (colon == NULL || colon == listen || colon[1] == '\0')
		return kerr_field(err, KERR_INVALID, "--listen", "'%s' is not ADDR:PORT", listen);
	hl = (size_t)(colon - listen);
	if (listen[0] == '[' && hl >= 2 && listen[hl - 1] == ']') {
		listen++;
		hl -= 2;
	}
	if (hl >= 256)
		return kerr_field(err, KERR_INVALID, "--listen", "address too long");
	memcpy(host, listen, hl);
	host[hl] = '\0';
	memset(&hints, 0, sizeof(hints));
	hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, colon + 1, &hints, &res) != 0 || res == NULL)
		return kerr_field(err, KERR_INVALID, "--listen", "cannot use address '%s'", listen);
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	*v6 = res->ai_family == AF_INET6;
	freeaddrinfo(res);
	return KERR_OK;
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	fprintf(stderr, "khipu: web: ");
	vfprintf(stderr, fmt, ap);
}

/* The register's time zone, as named (for the pages to say which). */
static char time_zone_name[64] = WEB_TIME_ZONE;

const char *
web_time_zone(void)
{
	return time_zone_name;
}

/* The zone of the times pages show: TZ of this process, set before any
 * thread starts (localtime_r then reads it). A zone name needs the
 * system's time-zone database; America/Lima (UTC-5, no summer time since
 * 1994) works without it. */
static enum kerr_code
set_time_zone(const char *zone, struct kerr *err)
{
	char path[128];
	const char *tz;
	size_t i, n;

	if (zone == NULL)
		zone = WEB_TIME_ZONE;
	n = strlen(zone);
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)zone[i]) && strchr("/_+-", zone[i]) == NULL)
			break;
	if (n == 0 || n >= sizeof(time_zone_name) || i < n || strstr(zone, "..") != NULL ||
	    zone[0] == '/')
		return kerr_set(err, KERR_INVALID, "--time-zone: '%s' is not a time zone name "
			"such as America/Lima or UTC", zone);
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", zone);
	tz = zone;
	if (access(path, R_OK) != 0) {
		if (strcmp(zone, "America/Lima") != 0 && strcmp(zone, "UTC") != 0)
			return kerr_set(err, KERR_INVALID, "--time-zone: unknown time zone '%s' "
				"(none in /usr/share/zoneinfo)", zone);
		tz = strcmp(zone, "UTC") == 0 ? "UTC0" : "<-05>5";
	}
	snprintf(time_zone_name, sizeof(time_zone_name), "%s", zone);
	setenv("TZ", tz, 1);
	tzset();
	return KERR_OK;
}

enum kerr_code
web_serve(const struct web_config *cfg, struct kerr *err)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	struct MHD_Daemon *d;
	struct app *first = NULL;
	char *cert = NULL, *key = NULL, host[256];
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
		MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME;
	pthread_t watch_thread;
	unsigned per_address = cfg->per_address ? cfg->per_address : WEB_PER_ADDRESS;
	MHD_socket lsock;
	int waited;
	unsigned threads = cfg->threads;
	sigset_t set;
	int v6 = 0, sig;
	const union MHD_DaemonInfo *info;
	enum kerr_code rc;
	size_t i;

	if (web_nroutes > MAX_ROUTES)
		return kerr_set(err, KERR_INTERNAL, "too many routes for the metrics table");
	if ((rc = set_time_zone(cfg->time_zone, err)) != KERR_OK)
		return rc;
	if ((rc = parse_listen(cfg->listen ? cfg->listen : "127.0.0.1:8080", &ss, &sslen, &v6,
	    host, err)) != KERR_OK)
		return rc;
	if ((cfg->tls_cert == NULL) != (cfg->tls_key == NULL))
		return kerr_set(err, KERR_INVALID, "--tls-cert and --tls-key go together");
	if (cfg->tls_cert != NULL) {
		if ((cert = read_pem(cfg->tls_cert, err)) == NULL)
			return err->code;
		if ((key = read_pem(cfg->tls_key, err)) == NULL) {
			free(cert);
			return err->code;
		}
		flags |= MHD_USE_TLS;
	}
	if (v6)
		flags |= MHD_USE_IPv6;
	/* open (and migrate) once here, so errors show before serving */
	if ((rc = app_open(cfg->db, cfg->key_file, &first, err)) != KERR_OK) {
		free(cert);
		free(key);
		return rc;
	}
	if (threads == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? (unsigned)n : 2;
	}
	if ((rc = metrics_token_load(cfg->metrics_token_file, err)) != KERR_OK) {
		app_close(first);
		free(cert);
		free(key);
		return rc;
	}
	srv_cfg = cfg;
	request_timeout = cfg->request_timeout ? cfg->request_timeout : WEB_REQUEST_TIMEOUT;
	/* half the workers' number of hashing threads (at least one), and a
	 * queue of eight requests per hashing thread (six people signing in at
	 * once on a two-core machine all get in) */
	hq_nthreads = threads / 2 ? threads / 2 : 1;
	hq_cap = 8 * hq_nthreads;
	hq_len = 0;
	hq_stop = 0;
	hq_threads = xcalloc(hq_nthreads, sizeof(*hq_threads));
	for (i = 0; i < hq_nthreads; i++)
		if (pthread_create(&hq_threads[i], NULL, hash_worker, NULL) != 0)
			abort();
	watch_stop = 0;
	if (pthread_create(&watch_thread, NULL, watchdog, NULL) != 0)
		abort();
	/* workers inherit a mask without the stop signals: only sigwait sees them */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	d = MHD_start_daemon(flags, 0, NULL, NULL, handle, NULL,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
		MHD_OPTION_NOTIFY_CONNECTION, notify_connection, NULL,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_address,
		cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert,
		MHD_OPTION_HTTPS_MEM_KEY, key,
		MHD_OPTION_END);
	if (d == NULL) {
		rc = kerr_set(err, KERR_IO, "cannot listen on '%s' (address in use, or bad TLS "
			"files?)", cfg->listen ? cfg->listen : "127.0.0.1:8080");
		goto out;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	fprintf(stderr, "khipu: serving on %s://%s%s%s:%u/ with %u threads\n",
		cert ? "https" : "http", v6 ? "[" : "", host, v6 ? "]" : "",
		info ? info->port : 0, threads);
	fprintf(stderr, "khipu: %u password hashing thread(s), queue of %u; a whole request "
		"within %u s; at most %u connections per address\n", hq_nthreads, hq_cap,
		request_timeout, per_address);
	fflush(stderr);
	while (sigwait(&set, &sig) != 0)
		;
	fprintf(stderr, "khipu: stopping (signal %d); finishing requests in flight\n", sig);
	/* accept nothing new; let requests under way (an upload, a response
	 * being sent) finish, for up to 20 s; then close what is left (idle
	 * keep-alive connections) */
	lsock = MHD_quiesce_daemon(d);
	for (waited = 0; waited < 2000 && __atomic_load_n(&inflight, __ATOMIC_RELAXED) > 0; waited++)
		usleep(10000);
	hash_pool_stop();
	MHD_stop_daemon(d);
	if (lsock != MHD_INVALID_SOCKET)
		close(lsock);
	rc = KERR_OK;
out:
	hash_pool_stop();
	pthread_mutex_lock(&watch_lock);
	watch_stop = 1;
	pthread_cond_signal(&watch_cond);
	pthread_mutex_unlock(&watch_lock);
	pthread_join(watch_thread, NULL);
	pthread_mutex_lock(&apps_lock);
	for (i = 0; i < napps; i++)
		app_close(apps[i]);
	free(apps);
	apps = NULL;
	napps = 0;
	pthread_mutex_unlock(&apps_lock);
	app_close(first);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	free(cert);
	free(key);
	return rc;
}
