/*
 * sessions.c — signing in, web sessions and API tokens.
 *
 * A session or token is a 256-bit random secret given to the client as 64
 * hex characters; the store keeps only its BLAKE2b-256 hash, so a copy of
 * the database signs nobody in. Web sessions end after APP_SESSION_IDLE
 * seconds without use or APP_SESSION_ABSOLUTE after sign-in; API tokens at
 * their expiry or when revoked. Repeated wrong passwords lock the account
 * (APP_LOGIN_MAX_FAILED); an administrator unlocks it. Every sign-in,
 * failure, lock-out and token is in the audit trail, under the user's name
 * only when the user exists (a mistyped name may be anybody's name).
 */
#include "app/app_int.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "crypto/password.h"

static const char *const kind_names[] = { [APP_SESSION_WEB] = "web", [APP_SESSION_API] = "api" };

/* A hash to verify against when the user does not exist, so that an unknown
 * name takes as long as a wrong password. */
static char dummy_hash[PASSWORD_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void
dummy_init(void)
{
	char pw[33];
	unsigned char r[16];
	struct kerr e;

	randombytes_buf(r, sizeof(r));
	sodium_bin2hex(pw, sizeof(pw), r, sizeof(r));
	if (password_hash(pw, dummy_hash, &e) != KERR_OK)
		dummy_hash[0] = '\0';
}

void
app_token_hash(const char *token, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}

/* A well-formed secret is exactly 64 lower-case hex digits. */
static int
token_ok(const char *token)
{
	size_t i;

	if (token == NULL || strlen(token) != APP_TOKEN_HEX)
		return 0;
	for (i = 0; i < APP_TOKEN_HEX; i++)
		if (!((token[i] >= '0' && token[i] <= '9') || (token[i] >= 'a' && token[i] <= 'f')))
			return 0;
	return 1;
}

static enum kerr_code
audit_one(struct app *app, const char *actor, const char *action, const char *object,
	const char *detail, struct kerr *err)
{
	enum kerr_code rc;

	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	rc = app_audit_named(app, actor, action, object, detail, err);
	if (rc == KERR_OK)
		return store_commit(app->st, err);
	store_rollback(app->st);
	return rc;
}

/* A wrong password: count it, lock the account at the limit, audit. */
static void
login_failed(struct app *app, struct user *u)
{
	struct kerr ignored;
	char object[48];

	snprintf(object, sizeof(object), "user:%lld", (long long)u->id);
	if (store_begin(app->st, &ignored) != KERR_OK)
		return;
	u->failed_logins++;
	if (u->failed_logins >= APP_LOGIN_MAX_FAILED)
		u->locked = 1;
	if (store_user_update(app->st, u, &ignored) == KERR_OK &&
	    app_audit_named(app, u->name, u->locked ? "auth.lockout" : "auth.failed", object,
		NULL, &ignored) == KERR_OK)
		store_commit(app->st, &ignored);
	else
		store_rollback(app->st);
}

static void
actor_from_user(const struct user *u, struct policy_actor *out)
{
	out->user_id = u->id;
	out->name = u->name;
	out->role = u->role;
	out->office_id = u->office_id;
	out->locked = u->locked;
}

enum kerr_code
app_login(struct app *app, const char *username, const char *password, const char *totp,
	struct arena *a, struct policy_actor *out, const char **lang, struct kerr *err)
{
	int enrolled;
	struct user u;
	struct kerr ignored;
	char object[48];
	enum kerr_code rc;
	int good;

	pthread_once(&dummy_once, dummy_init);
	if (username == NULL || *username == '\0' || password == NULL || *password == '\0')
		return kerr_set(err, KERR_INVALID, "enter your user name and password");
	rc = store_user_by_name(app->st, username, a, &u, err);
	if (rc == KERR_NOTFOUND) {
		(void)password_verify(dummy_hash, password);
		audit_one(app, "anonymous", "auth.failed", "", NULL, &ignored);
		return kerr_set(err, KERR_DENIED, "wrong user name or password");
	}
	if (rc != KERR_OK)
		return rc;
	good = u.pwhash != NULL && *u.pwhash && password_verify(u.pwhash, password);
	if (u.locked)
		return kerr_set(err, KERR_DENIED, "this account is locked; ask an administrator "
			"to unlock it");
	if (!good) {
		login_failed(app, &u);
		if (u.locked)
			return kerr_set(err, KERR_DENIED, "too many wrong passwords: this account is "
				"now locked; ask an administrator to unlock it");
		return kerr_set(err, KERR_DENIED, "wrong user name or password");
	}
	/* the second factor, for users who enrolled one; a wrong code counts
	 * as a failure (it could be guessed), a missing one does not */
	rc = app_totp_check(app, u.id, totp, &enrolled, err);
	if (rc != KERR_OK) {
		if (rc == KERR_DENIED && totp != NULL && *totp != '\0') {
			struct kerr keep = *err;
			login_failed(app, &u);
			*err = keep;
		}
		return rc;
	}
	snprintf(object, sizeof(object), "user:%lld", (long long)u.id);
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	if (u.failed_logins != 0) {
		u.failed_logins = 0;
		rc = store_user_update(app->st, &u, err);
	}
	if (rc == KERR_OK)
		rc = app_audit_named(app, u.name, "auth.login", object, NULL, err);
	if (rc != KERR_OK) {
		store_rollback(app->st);
		return rc;
	}
	if ((rc = store_commit(app->st, err)) != KERR_OK)
		return rc;
	actor_from_user(&u, out);
	if (lang != NULL)
		*lang = u.lang;
	return KERR_OK;
}

enum kerr_code
app_session_create(struct app *app, enum app_session_kind kind,
	const struct policy_actor *actor, int64_t lifetime, char token[APP_TOKEN_HEX + 1],
	struct kerr *err)
{
	unsigned char raw[32], hash[32];
	int64_t now = (int64_t)time(NULL), id;
	enum kerr_code rc;

	if (actor->user_id <= 0)
		return kerr_set(err, KERR_INVALID, "a session needs a real user");
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(token, APP_TOKEN_HEX + 1, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
	app_token_hash(token, hash);
	if (kind == APP_SESSION_WEB && (lifetime <= 0 || lifetime > APP_SESSION_ABSOLUTE))
		lifetime = APP_SESSION_ABSOLUTE;
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	/* now and then, sweep away sessions that ended */
	if (randombytes_uniform(64) == 0)
		rc = store_session_purge(app->st, now, now - APP_SESSION_IDLE, err);
	if (rc == KERR_OK)
		rc = store_session_insert(app->st, kind_names[kind], hash, sizeof(hash),
			actor->user_id, now, now + lifetime, &id, err);
	if (rc == KERR_OK && kind == APP_SESSION_API) {
		char object[48];
		snprintf(object, sizeof(object), "user:%lld", (long long)actor->user_id);
		rc = app_audit_named(app, actor->name, "auth.token_create", object, NULL, err);
	}
	if (rc != KERR_OK) {
		store_rollback(app->st);
		return rc;
	}
	return store_commit(app->st, err);
}

enum kerr_code
app_session_resolve(struct app *app, enum app_session_kind kind, const char *token,
	struct arena *a, struct policy_actor *out, struct kerr *err)
{
	unsigned char hash[32];
	struct store_session s;
	struct user u;
	int64_t now = (int64_t)time(NULL);
	enum kerr_code rc;

	if (!token_ok(token))
		return kerr_set(err, KERR_DENIED, "not signed in");
	app_token_hash(token, hash);
	rc = store_session_get(app->st, kind_names[kind], hash, sizeof(hash), &s, err);
	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_DENIED, "not signed in, or the session has ended");
	if (rc != KERR_OK)
		return rc;
	if (now >= s.expires || (kind == APP_SESSION_WEB && now - s.last_seen > APP_SESSION_IDLE)) {
		store_session_delete(app->st, hash, sizeof(hash), err);
		return kerr_set(err, KERR_DENIED, "the session has ended; sign in again");
	}
	if ((rc = store_user_get(app->st, s.user_id, a, &u, err)) != KERR_OK)
		return rc == KERR_NOTFOUND ? kerr_set(err, KERR_DENIED, "not signed in") : rc;
	if (u.locked)
		return kerr_set(err, KERR_DENIED, "user '%s' is locked", u.name);
	/* a write per request would serialise the server: touch once a minute */
	if (kind == APP_SESSION_WEB && now - s.last_seen >= 60)
		(void)store_session_touch(app->st, s.id, now, err);
	actor_from_user(&u, out);
	return KERR_OK;
}

enum kerr_code
app_session_end(struct app *app, const char *token, struct kerr *err)
{
	unsigned char hash[32];

	if (!token_ok(token))
		return KERR_OK;
	app_token_hash(token, hash);
	return store_session_delete(app->st, hash, sizeof(hash), err);
}

enum kerr_code
app_token_revoke(struct app *app, const char *token, struct kerr *err)
{
	unsigned char hash[32];
	struct store_session s;
	struct kerr ignored;
	char object[48];
	enum kerr_code rc;

	if (!token_ok(token))
		return kerr_set(err, KERR_INVALID, "a token is 64 hexadecimal characters");
	app_token_hash(token, hash);
	rc = store_session_get(app->st, "api", hash, sizeof(hash), &s, err);
	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_NOTFOUND, "no such token (already revoked?)");
	if (rc != KERR_OK)
		return rc;
	if ((rc = store_session_delete(app->st, hash, sizeof(hash), err)) != KERR_OK)
		return rc;
	snprintf(object, sizeof(object), "user:%lld", (long long)s.user_id);
	audit_one(app, "system", "auth.token_revoke", object, NULL, &ignored);
	return KERR_OK;
}

enum kerr_code
app_session_count(struct app *app, int64_t *n, struct kerr *err)
{
	int64_t now = (int64_t)time(NULL);

	return store_session_count(app->st, "web", now, now - APP_SESSION_IDLE, n, err);
}

enum kerr_code
app_user_set_lang(struct app *app, const struct policy_actor *actor, const char *lang,
	struct kerr *err)
{
	struct arena a;
	struct user u;
	char object[48];
	enum kerr_code rc;

	if (lang == NULL || (strcmp(lang, "es") != 0 && strcmp(lang, "en") != 0))
		return kerr_field(err, KERR_INVALID, "lang", "use 'es' or 'en'");
	if (actor->user_id <= 0)
		return kerr_set(err, KERR_INVALID, "only a user has a language");
	arena_init(&a);
	rc = store_user_get(app->st, actor->user_id, &a, &u, err);
	if (rc == KERR_OK && u.lang != NULL && strcmp(u.lang, lang) == 0) {
		arena_release(&a);
		return KERR_OK;
	}
	if (rc == KERR_OK && (rc = store_begin(app->st, err)) == KERR_OK) {
		u.lang = lang;
		snprintf(object, sizeof(object), "user:%lld", (long long)u.id);
		rc = store_user_update(app->st, &u, err);
		if (rc == KERR_OK)
			rc = app_audit_named(app, u.name, "user.lang", object, NULL, err);
		if (rc == KERR_OK)
			rc = store_commit(app->st, err);
		else
			store_rollback(app->st);
	}
	arena_release(&a);
	return rc;
}
