/*
 * revealstate.c — the grants of revealstate.h: a small table shared by the
 * worker threads under one mutex; the oldest grant gives way when full.
 */
#include "web/revealstate.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

struct grant {
	char key[72];
	int64_t case_id;
	time_t seen;       /* 0: free */
};

static struct grant grants[REVEALSTATE_SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int
live(const struct grant *g, time_t now)
{
	return g->seen != 0 && now - g->seen < REVEALSTATE_TTL;
}

/* The slot of (key, case) or -1; called with the lock held. */
static int
find(const char *key, int64_t case_id, time_t now)
{
	int i;

	for (i = 0; i < REVEALSTATE_SLOTS; i++)
		if (live(&grants[i], now) && grants[i].case_id == case_id &&
		    strcmp(grants[i].key, key) == 0)
			return i;
	return -1;
}

void
revealstate_grant(const char *session_key, int64_t case_id)
{
	time_t now = time(NULL);
	int i, slot;

	if (session_key == NULL || strlen(session_key) >= sizeof(grants[0].key))
		return;
	pthread_mutex_lock(&lock);
	if ((slot = find(session_key, case_id, now)) < 0) {
		slot = 0;
		for (i = 0; i < REVEALSTATE_SLOTS; i++) {
			if (!live(&grants[i], now)) {
				slot = i;
				break;
			}
			if (grants[i].seen < grants[slot].seen)
				slot = i;
		}
		strcpy(grants[slot].key, session_key);
		grants[slot].case_id = case_id;
	}
	grants[slot].seen = now;
	pthread_mutex_unlock(&lock);
}

int
revealstate_held(const char *session_key, int64_t case_id)
{
	time_t now = time(NULL);
	int slot;

	if (session_key == NULL || *session_key == '\0')
		return 0;
	pthread_mutex_lock(&lock);
	if ((slot = find(session_key, case_id, now)) >= 0)
		grants[slot].seen = now;
	pthread_mutex_unlock(&lock);
	return slot >= 0;
}

void
revealstate_revoke(const char *session_key, int64_t case_id)
{
	int slot;

	if (session_key == NULL)
		return;
	pthread_mutex_lock(&lock);
	if ((slot = find(session_key, case_id, time(NULL))) >= 0)
		memset(&grants[slot], 0, sizeof(grants[slot]));
	pthread_mutex_unlock(&lock);
}
