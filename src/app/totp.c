/*
 * totp.c — the optional second factor: TOTP (RFC 6238, liboath), 30-second
 * steps, 6 digits, one step of clock drift either way. The shared secret is
 * sealed like an identity (table "user", column "totp"); a user with one
 * must give a valid code at every sign-in.
 */
#include "app/app_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <liboath/oath.h>
#include <sodium.h>

static pthread_once_t oath_once = PTHREAD_ONCE_INIT;
static int oath_ok;

static void
oath_start(void)
{
	oath_ok = oath_init() == OATH_OK;
}

enum kerr_code
app_totp_enrol(struct app *app, const struct policy_actor *actor, const char *username,
	char **secret, struct kerr *err)
{
	struct arena a;
	struct user u;
	unsigned char raw[20];
	char *b32 = NULL, object[48];
	size_t len;
	enum kerr_code rc;

	*secret = NULL;
	pthread_once(&oath_once, oath_start);
	if (!oath_ok)
		return kerr_set(err, KERR_INTERNAL, "liboath cannot be initialised");
	/* users enrol themselves; administrators anyone */
	if (actor->user_id == 0 || strcmp(actor->name, username) != 0)
		if ((rc = app_allow(app, actor, POL_USER_MANAGE, NULL, "user", err)) != KERR_OK)
			return rc;
	arena_init(&a);
	rc = store_user_by_name(app->st, username, &a, &u, err);
	if (rc == KERR_NOTFOUND)
		rc = kerr_set(err, KERR_NOTFOUND, "unknown user '%s'; see 'khipu user list'", username);
	if (rc == KERR_OK) {
		randombytes_buf(raw, sizeof(raw));
		if (oath_base32_encode((const char *)raw, sizeof(raw), &b32, &len) != OATH_OK)
			rc = kerr_set(err, KERR_INTERNAL, "cannot encode the TOTP secret");
		sodium_memzero(raw, sizeof(raw));
	}
	if (rc == KERR_OK && (rc = store_begin(app->st, err)) == KERR_OK) {
		snprintf(object, sizeof(object), "user:%lld", (long long)u.id);
		rc = app_seal(app, "user", u.id, "totp", b32, err);
		if (rc == KERR_OK)
			rc = app_audit_named(app, actor->name, "auth.totp_enrol", object, NULL, err);
		if (rc == KERR_OK)
			rc = store_commit(app->st, err);
		else
			store_rollback(app->st);
	}
	arena_release(&a);
	if (rc != KERR_OK) {
		free(b32);
		return rc;
	}
	*secret = b32;
	return KERR_OK;
}

/* A code opens one sign-in only: the time step it belongs to must be newer
 * than the last one used (kept sealed beside the secret). */
static enum kerr_code
spend_step(struct app *app, struct arena *a, int64_t user_id, long long step,
	struct kerr *err)
{
	const char *last = NULL;
	char now[32];
	enum kerr_code rc;

	if ((rc = app_unseal(app, a, "user", user_id, "totp_step", &last, err)) != KERR_OK)
		return rc;
	if (last != NULL && atoll(last) >= step)
		return kerr_set(err, KERR_DENIED, "this authenticator code was used already; "
			"wait for the next one");
	snprintf(now, sizeof(now), "%lld", step);
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	if ((rc = app_seal(app, "user", user_id, "totp_step", now, err)) != KERR_OK) {
		store_rollback(app->st);
		return rc;
	}
	return store_commit(app->st, err);
}

enum kerr_code
app_totp_check(struct app *app, int64_t user_id, const char *code, int *enrolled,
	struct kerr *err)
{
	struct arena a;
	const char *b32 = NULL;
	char *raw = NULL;
	size_t len;
	enum kerr_code rc;
	int v;

	*enrolled = 0;
	pthread_once(&oath_once, oath_start);
	arena_init(&a);
	rc = app_unseal(app, &a, "user", user_id, "totp", &b32, err);
	if (rc != KERR_OK || b32 == NULL || *b32 == '\0') {
		arena_release(&a);
		return rc;
	}
	*enrolled = 1;
	if (!oath_ok || oath_base32_decode(b32, strlen(b32), &raw, &len) != OATH_OK) {
		arena_release(&a);
		return kerr_set(err, KERR_INTERNAL, "the TOTP secret of user %lld cannot be read",
			(long long)user_id);
	}
	if (code == NULL || strlen(code) != 6 || strspn(code, "0123456789") != 6)
		rc = kerr_set(err, KERR_DENIED, "enter the 6-digit code from your authenticator app");
	else {
		time_t now = time(NULL);
		int pos = 0;
		v = oath_totp_validate2(raw, len, now, OATH_TOTP_DEFAULT_TIME_STEP_SIZE, 0, 1, &pos,
			code);
		if (v < 0)
			rc = kerr_set(err, KERR_DENIED, "wrong or expired authenticator code");
		else
			rc = spend_step(app, &a, user_id,
				(long long)(now / OATH_TOTP_DEFAULT_TIME_STEP_SIZE) + pos, err);
	}
	sodium_memzero(raw, len);
	free(raw);
	arena_release(&a);
	return rc;
}
