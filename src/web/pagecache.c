/* pagecache.c — per-thread cache of rendered masked case pages. */
#include "web/pagecache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/xalloc.h"
#include "web/session.h"

struct entry {
	struct pagecache_key k;
	struct app_version v;
	time_t stored;
	char csrf[SESSION_CSRF_HEX + 1];
	char *body;
	size_t len;
};

static pthread_key_t tkey;
static pthread_once_t tonce = PTHREAD_ONCE_INIT;

/* The table goes with its thread (workers end at shutdown). */
static void
table_free(void *p)
{
	struct entry *t = p;
	size_t i;

	for (i = 0; i < PAGECACHE_SLOTS; i++)
		free(t[i].body);
	free(t);
}

static void
key_init(void)
{
	pthread_key_create(&tkey, table_free);
}

static struct entry *
table(void)
{
	struct entry *t;

	pthread_once(&tonce, key_init);
	if ((t = pthread_getspecific(tkey)) == NULL) {
		t = xcalloc(PAGECACHE_SLOTS, sizeof(*t));
		pthread_setspecific(tkey, t);
	}
	return t;
}

static struct entry *
slot(const struct pagecache_key *k)
{
	uint64_t h = (uint64_t)k->user_id * 0x9e3779b97f4a7c15ull ^
		(uint64_t)k->case_id * 0xc2b2ae3d27d4eb4full ^ (uint64_t)k->lang;

	return &table()[(h ^ (h >> 29)) % PAGECACHE_SLOTS];
}

int
pagecache_get(const struct pagecache_key *k, const struct app_version *v, const char *csrf,
	struct buf *out)
{
	struct entry *e = slot(k);
	const char *p, *end, *hit;

	if (e->body == NULL || memcmp(&e->k, k, sizeof(*k)) != 0 || e->v.seq != v->seq ||
	    memcmp(e->v.hash, v->hash, sizeof(v->hash)) != 0 ||
	    time(NULL) - e->stored >= PAGECACHE_TTL)
		return 0;
	/* copy, swapping the session's CSRF token in */
	p = e->body;
	end = e->body + e->len;
	while ((hit = memmem(p, (size_t)(end - p), e->csrf, SESSION_CSRF_HEX)) != NULL) {
		if (buf_add(out, p, (size_t)(hit - p)) < 0 || buf_add(out, csrf, SESSION_CSRF_HEX) < 0)
			return 0;
		p = hit + SESSION_CSRF_HEX;
	}
	return buf_add(out, p, (size_t)(end - p)) == 0;
}

void
pagecache_put(const struct pagecache_key *k, const struct app_version *v, const char *csrf,
	const char *body, size_t len)
{
	struct entry *e = slot(k);

	if (len > PAGECACHE_MAX_PAGE || strlen(csrf) != SESSION_CSRF_HEX)
		return;
	free(e->body);
	e->body = xmalloc(len);
	memcpy(e->body, body, len);
	e->len = len;
	e->k = *k;
	e->v = *v;
	e->stored = time(NULL);
	memcpy(e->csrf, csrf, sizeof(e->csrf));
}
