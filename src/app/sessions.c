/*
 * sessions.c — signing in, web sessions and API tokens.
 *
 * A session or token is a 256-bit random secret given to the client as 64
 * hex characters; the store keeps only its BLAKE2b-256 hash, so a copy of
 * the database signs nobody in. Web sessions end after APP_SESSION_IDLE
 * seconds without use or APP_SESSION_ABSOLUTE after sign-in; API tokens at
 * their expiry or when revoked. Failed sign-ins make the next attempt wait,
 * by address and by account (below); an administrator's lock, a new
 * password and an unlock end the user's sessions (admin.c). Every sign-in,
 * failure and token is in the audit trail, under the user's name only when
 * the user exists (a mistyped name may be anybody's name).
 */
#include "app/app_int.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "crypto/password.h"
#include "lib/i18n.h"

static const char *const kind_names[] = { [APP_SESSION_WEB] = "web", [APP_SESSION_API] = "api" };

/* A hash to verify against when the user does not exist, so that an unknown
 * name takes as long as a wrong password. */
static char dummy_hash[PASSWORD_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
/* The key of the failed-sign-in table (below), drawn with the dummy hash. */
static unsigned char thr_secret[crypto_generichash_KEYBYTES];

static void
dummy_init(void)
{
	char pw[33];
	unsigned char r[16];
	struct kerr e;

	randombytes_buf(thr_secret, sizeof(thr_secret));
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

/* ---- the delay after failed sign-ins ----
 *
 * A hard lock after N failures would let anyone lock out any user whose
 * name they know. Instead each failure makes the next attempt wait, by
 * address and by account: the first THR_FREE failures cost nothing, then
 * the wait doubles from 1 s up to THR_MAX_WAIT. While the wait runs,
 * attempts are refused before any password is checked (no Argon2id is
 * spent on them) and do not count. The wait by account does not apply
 * from an address where that account signed in successfully (since the
 * server started), so someone guessing elsewhere cannot keep the owner
 * out, while guessing spread over many addresses is still slowed down for
 * the account. An unknown name is counted like a real one: the answers do
 * not tell whether a name exists. The table lives in the server's memory
 * (fixed size, keyed BLAKE2b of the name or address under a random key). */
#define THR_SLOTS     4096
#define THR_PROBE     8
#define THR_FREE      5               /* failures before any wait */
#define THR_MAX_WAIT  900             /* seconds */
#define THR_RESET     3600            /* a quiet hour forgets the failures */
#define THR_KEEP_OK   (30 * 86400)    /* how long a good sign-in marks an address */

struct thr {
	unsigned char key[16];
	int used, ok_mark;
	uint32_t fails;
	int64_t last, until;
};
static struct thr thr_tab[THR_SLOTS];
static pthread_mutex_t thr_lock = PTHREAD_MUTEX_INITIALIZER;

static void
thr_key(const char *kind, const char *a, const char *b, unsigned char out[16])
{
	crypto_generichash_state st;
	char lower[128];
	size_t i;

	crypto_generichash_init(&st, thr_secret, sizeof(thr_secret), 16);
	crypto_generichash_update(&st, (const unsigned char *)kind, strlen(kind) + 1);
	/* user names compare without case here: "Ana" and "ana" share a count */
	for (i = 0; a != NULL && a[i] != '\0' && i < sizeof(lower) - 1; i++)
		lower[i] = (char)(a[i] >= 'A' && a[i] <= 'Z' ? a[i] + 32 : a[i]);
	lower[i] = '\0';
	crypto_generichash_update(&st, (const unsigned char *)lower, i + 1);
	if (b != NULL)
		crypto_generichash_update(&st, (const unsigned char *)b, strlen(b) + 1);
	crypto_generichash_final(&st, out, 16);
}

static int
thr_stale(const struct thr *t, int64_t now)
{
	return !t->used || now - t->last > (t->ok_mark ? THR_KEEP_OK : THR_RESET);
}

/* The slot of a key; with create, a free, stale or else the least recently
 * used slot of its probe window. Called with thr_lock held. */
static struct thr *
thr_find(const unsigned char key[16], int create, int64_t now)
{
	size_t h = ((size_t)key[0] | (size_t)key[1] << 8 | (size_t)key[2] << 16) % THR_SLOTS, i;
	struct thr *t, *spare = NULL;

	for (i = 0; i < THR_PROBE; i++) {
		t = &thr_tab[(h + i) % THR_SLOTS];
		if (t->used && memcmp(t->key, key, 16) == 0) {
			if (!thr_stale(t, now))
				return t;
			memset(t, 0, sizeof(*t));
			if (!create)
				return NULL;
			t->used = 1;
			memcpy(t->key, key, 16);
			return t;
		}
		/* the first stale slot, else the least recently used */
		if (thr_stale(t, now)) {
			if (spare == NULL || !thr_stale(spare, now))
				spare = t;
		} else if (spare == NULL || (!thr_stale(spare, now) && t->last < spare->last)) {
			spare = t;
		}
	}
	if (!create)
		return NULL;
	memset(spare, 0, sizeof(*spare));
	spare->used = 1;
	memcpy(spare->key, key, 16);
	return spare;
}

static int64_t
thr_wait_of(const struct thr *t, int64_t now)
{
	return t != NULL && t->until > now ? t->until - now : 0;
}

/* Seconds to wait before this name may be tried from this address. */
static int64_t
thr_wait(const char *from, const char *name, int64_t now)
{
	unsigned char ka[16], ku[16], kok[16];
	int64_t w = 0, wu;

	thr_key("addr", from ? from : "-", NULL, ka);
	thr_key("user", name, NULL, ku);
	thr_key("ok", name, from ? from : "-", kok);
	pthread_mutex_lock(&thr_lock);
	w = thr_wait_of(thr_find(ka, 0, now), now);
	if (thr_find(kok, 0, now) == NULL && (wu = thr_wait_of(thr_find(ku, 0, now), now)) > w)
		w = wu;
	pthread_mutex_unlock(&thr_lock);
	return w;
}

static void
thr_count(struct thr *t, int64_t now)
{
	t->fails++;
	t->last = now;
	if (t->fails > THR_FREE) {
		uint32_t shift = t->fails - THR_FREE - 1;
		t->until = now + (shift >= 10 ? THR_MAX_WAIT :
			(int64_t)1 << shift > THR_MAX_WAIT ? THR_MAX_WAIT : (int64_t)1 << shift);
	}
}

static void
thr_failed(const char *from, const char *name, int64_t now)
{
	unsigned char ka[16], ku[16];

	thr_key("addr", from ? from : "-", NULL, ka);
	thr_key("user", name, NULL, ku);
	pthread_mutex_lock(&thr_lock);
	thr_count(thr_find(ka, 1, now), now);
	thr_count(thr_find(ku, 1, now), now);
	pthread_mutex_unlock(&thr_lock);
}

/* A good sign-in clears the address's count and marks the address as one
 * the account is used from; the account's own count is left to run (it
 * may be somebody else's guessing). */
static void
thr_succeeded(const char *from, const char *name, int64_t now)
{
	unsigned char ka[16], kok[16];
	struct thr *t;

	thr_key("addr", from ? from : "-", NULL, ka);
	thr_key("ok", name, from ? from : "-", kok);
	pthread_mutex_lock(&thr_lock);
	if ((t = thr_find(ka, 0, now)) != NULL)
		memset(t, 0, sizeof(*t));
	t = thr_find(kok, 1, now);
	t->ok_mark = 1;
	t->last = now;
	pthread_mutex_unlock(&thr_lock);
}

static int64_t (*thr_clock)(void);

static int64_t
thr_now(void)
{
	return thr_clock != NULL ? thr_clock() : (int64_t)time(NULL);
}

void
app_login_set_clock(int64_t (*now)(void))
{
	thr_clock = now;
}

void
app_login_forget_failures(void)
{
	pthread_mutex_lock(&thr_lock);
	memset(thr_tab, 0, sizeof(thr_tab));
	pthread_mutex_unlock(&thr_lock);
}

/* One message for every failure, whatever failed (unknown name, wrong
 * password, wrong or missing code, an account locked by an administrator
 * when the password is wrong): none tells an attacker anything. */
#define LOGIN_FAILED N_("wrong user name, password or authenticator code")

/* A failed sign-in: count it by address and name, and audit it under the
 * user's name when the user exists (a mistyped name may be anybody's). */
static void
login_failed(struct app *app, const char *from, const char *name, struct user *u,
	const char *why)
{
	struct kerr ignored;
	char object[48], *detail;

	thr_failed(from, name, thr_now());
	detail = app_audit_detail(json_pack("{s:s}", "reason", why));
	if (u == NULL) {
		audit_one(app, "anonymous", "auth.failed", "", detail, &ignored);
		free(detail);
		return;
	}
	snprintf(object, sizeof(object), "user:%lld", (long long)u->id);
	if (store_begin(app->st, &ignored) == KERR_OK) {
		u->failed_logins++;
		if (store_user_update(app->st, u, &ignored) == KERR_OK &&
		    app_audit_named(app, u->name, "auth.failed", object, detail,
		    &ignored) == KERR_OK)
			store_commit(app->st, &ignored);
		else
			store_rollback(app->st);
	}
	free(detail);
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
app_login(struct app *app, const struct app_login_try *in, struct arena *a,
	struct policy_actor *out, const char **lang, struct kerr *err)
{
	const char *username = in->username, *password = in->password, *totp = in->totp;
	int64_t now = thr_now(), wait;
	int enrolled;
	struct user u;
	char object[48];
	enum kerr_code rc;
	int good;

	pthread_once(&dummy_once, dummy_init);
	if (in->retry_after != NULL)
		*in->retry_after = 0;
	if (username == NULL || *username == '\0' || password == NULL || *password == '\0')
		return kerr_set(err, KERR_INVALID, "enter your user name and password");
	if ((wait = thr_wait(in->from, username, now)) > 0) {
		if (in->retry_after != NULL)
			*in->retry_after = wait;
		/* the web translates the message without its number: keep it apart */
		return kerr_set(err, KERR_DENIED, "%s", N_("too many failed sign-ins from here or for "
			"this name; wait a moment and try again"));
	}
	rc = store_user_by_name(app->st, username, a, &u, err);
	if (rc == KERR_NOTFOUND) {
		(void)password_verify(dummy_hash, password);
		login_failed(app, in->from, username, NULL, "password");
		return kerr_set(err, KERR_DENIED, LOGIN_FAILED);
	}
	if (rc != KERR_OK)
		return rc;
	good = u.pwhash != NULL && *u.pwhash && password_verify(u.pwhash, password);
	if (!good) {
		login_failed(app, in->from, username, &u, "password");
		return kerr_set(err, KERR_DENIED, LOGIN_FAILED);
	}
	/* the second factor, for users who enrolled one; its failures say the
	 * same as a wrong password, so a code prompt never confirms one */
	rc = app_totp_check(app, u.id, totp, &enrolled, err);
	if (rc == KERR_DENIED) {
		login_failed(app, in->from, username, &u, "totp");
		return kerr_set(err, KERR_DENIED, LOGIN_FAILED);
	}
	if (rc != KERR_OK)
		return rc;
	/* only the holder of the password (and code) learns of a lock */
	if (u.locked)
		return kerr_set(err, KERR_DENIED, "%s", N_("this account is locked; ask an "
			"administrator to unlock it"));
	thr_succeeded(in->from, username, now);
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
