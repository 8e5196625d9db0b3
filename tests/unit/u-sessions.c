/*
 * u-sessions.c — signing in and sessions (app/sessions.c) on a real
 * register in a temporary directory: password check, the delay after
 * failures, sessions ended by a new password or a lock, sessions
 * stored hashed, idle and absolute time-outs, sign-out, API tokens.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <liboath/oath.h>
#include <sqlite3.h>

#include "app/app.h"

static char dir[64], db[128], key[128];
static struct app *app;
static struct arena ar;
static struct kerr err;
#define PW "correct-horse-battery"
static int64_t fake_now = 2000000000;

/* The waits run on this clock: slow hashing cannot end one mid-test. */
static int64_t
clock_fake(void)
{
	return fake_now;
}

static void
setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/khipu-usess-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(db, sizeof(db), "%s/k.db", dir);
	snprintf(key, sizeof(key), "%s/k.key", dir);
	cr_assert_eq(app_init(db, key, "ana", PW, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(app_open(db, key, &app, &err), KERR_OK, "%s", err.msg);
	arena_init(&ar);
	app_login_forget_failures();
	app_login_set_clock(clock_fake);
}

static void
teardown(void)
{
	char cmd[128];

	arena_release(&ar);
	app_close(app);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

static void
sql(const char *text)
{
	sqlite3 *d;

	cr_assert_eq(sqlite3_open(db, &d), SQLITE_OK);
	sqlite3_busy_timeout(d, 5000);
	cr_assert_eq(sqlite3_exec(d, text, NULL, NULL, NULL), SQLITE_OK, "%s", sqlite3_errmsg(d));
	sqlite3_close(d);
}

static long long
sql_int(const char *text)
{
	sqlite3 *d;
	sqlite3_stmt *s;
	long long v = -1;

	cr_assert_eq(sqlite3_open(db, &d), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(d, text, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(d);
	return v;
}

TestSuite(sessions, .init = setup, .fini = teardown);

static int64_t wait_s;

/* One sign-in attempt from an address. */
static enum kerr_code
login_from(const char *name, const char *pw, const char *totp, const char *from,
	struct policy_actor *a)
{
	struct app_login_try t = { .username = name, .password = pw, .totp = totp, .from = from,
		.retry_after = &wait_s };

	return app_login(app, &t, &ar, a, NULL, &err);
}

Test(sessions, login_checks_the_password)
{
	struct policy_actor a;

	cr_assert_eq(login_from("ana", PW, NULL, "10.0.0.1", &a), KERR_OK, "%s", err.msg);
	cr_assert_str_eq(a.name, "ana");
	cr_assert_eq(a.role, ROLE_ADMIN);
	cr_assert_eq(login_from("ana", "wrong-password", NULL, "10.0.0.1", &a), KERR_DENIED);
	cr_assert_eq(login_from("nobody", PW, NULL, "10.0.0.1", &a), KERR_DENIED);
	cr_assert_str_eq(err.msg, "wrong user name, password or authenticator code",
		"unknown names are not told apart");
	cr_assert_eq(login_from("ana", "", NULL, "10.0.0.1", &a), KERR_INVALID);
}

/* A hard lock would let anyone lock anyone out: failures make the next
 * attempt wait instead, by address and by account. */
Test(sessions, failures_delay_instead_of_locking)
{
	struct policy_actor a;
	char msg[sizeof(err.msg)];
	int i;

	cr_assert_eq(login_from("ana", PW, NULL, "10.0.0.9", &a), KERR_OK, "the owner's address");
	for (i = 0; i < 5; i++) {
		cr_assert_eq(login_from("ana", "wrong-password", NULL, "10.0.0.1", &a), KERR_DENIED);
		cr_assert_eq(wait_s, 0, "the first failures cost nothing");
	}
	cr_assert_eq(login_from("ana", "wrong-password", NULL, "10.0.0.1", &a), KERR_DENIED);
	cr_assert_eq(login_from("ana", PW, NULL, "10.0.0.1", &a), KERR_DENIED,
		"then even the right password waits");
	cr_assert_gt(wait_s, 0);
	cr_assert(strstr(err.msg, "wait") != NULL, "%s", err.msg);
	cr_assert_eq(sql_int("SELECT locked FROM users WHERE name = 'ana'"), 0, "nothing is locked");
	cr_assert_eq(sql_int("SELECT count(*) FROM audit WHERE action = 'auth.lockout'"), 0);
	cr_assert_eq(login_from("ana", PW, NULL, "10.0.0.2", &a), KERR_DENIED,
		"the account waits from a new address too");
	cr_assert_gt(wait_s, 0);
	cr_assert_eq(login_from("ana", PW, NULL, "10.0.0.9", &a), KERR_OK,
		"but not from where its owner signed in: %s", err.msg);
	cr_assert_eq(wait_s, 0);
	/* an unknown name is treated the same: its answers tell nothing */
	for (i = 0; i < 6; i++)
		cr_assert_eq(login_from("nobody", "wrong-password", NULL, "10.0.0.3", &a), KERR_DENIED);
	snprintf(msg, sizeof(msg), "%s", err.msg);
	cr_assert_eq(login_from("nobody", "wrong-password", NULL, "10.0.0.4", &a), KERR_DENIED);
	cr_assert_gt(wait_s, 0, "an unknown name waits like a real one");
	app_login_forget_failures();
	for (i = 0; i < 6; i++)
		cr_assert_eq(login_from("ana", "wrong-password", NULL, "10.0.0.3", &a), KERR_DENIED);
	cr_assert_str_eq(err.msg, msg, "the same answers for a real name");
}

Test(sessions, the_wait_grows)
{
	struct policy_actor a;
	int64_t w1, w2;
	int i;

	for (i = 0; i < 6; i++)
		cr_assert_eq(login_from("ana", "wrong-password", NULL, "10.0.0.1", &a), KERR_DENIED);
	cr_assert_eq(login_from("ana", "wrong-password", NULL, "10.0.0.1", &a), KERR_DENIED);
	w1 = wait_s;
	cr_assert_eq(w1, 1, "a second after the sixth failure");
	fake_now += 2;
	cr_assert_eq(login_from("ana", "wrong-password", NULL, "10.0.0.1", &a), KERR_DENIED);
	cr_assert_eq(wait_s, 0, "the wait was over: a real attempt");
	cr_assert_eq(login_from("ana", "wrong-password", NULL, "10.0.0.1", &a), KERR_DENIED);
	w2 = wait_s;
	cr_assert_eq(w2, 2, "and the next wait doubles (%lld)", (long long)w2);
}

Test(sessions, a_lock_is_told_only_to_the_password_holder)
{
	struct policy_actor a, sys;
	char unknown[sizeof(err.msg)];

	app_system_actor(&sys);
	cr_assert_eq(app_user_add(app, &sys, "luz", "analyst", NULL, PW, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(app_user_set_locked(app, &sys, "luz", 1, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(login_from("nobody", "wrong-password", NULL, "10.0.0.1", &a), KERR_DENIED);
	snprintf(unknown, sizeof(unknown), "%s", err.msg);
	cr_assert_eq(login_from("luz", "wrong-password", NULL, "10.0.0.1", &a), KERR_DENIED);
	cr_assert_str_eq(err.msg, unknown, "a locked account answers like an unknown name");
	cr_assert_eq(login_from("luz", PW, NULL, "10.0.0.1", &a), KERR_DENIED);
	cr_assert(strstr(err.msg, "locked") != NULL, "%s", err.msg);
}

/* A new password, a lock and an unlock end every session and token the
 * user had: none from before comes back. */
Test(sessions, password_change_and_lock_end_sessions)
{
	struct policy_actor a, b, sys;
	char w[APP_TOKEN_HEX + 1], t[APP_TOKEN_HEX + 1];

	app_system_actor(&sys);
	cr_assert_eq(app_user_add(app, &sys, "luz", "analyst", NULL, PW, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(login_from("luz", PW, NULL, "10.0.0.1", &a), KERR_OK);
	cr_assert_eq(app_session_create(app, APP_SESSION_WEB, &a, 0, w, &err), KERR_OK);
	cr_assert_eq(app_session_create(app, APP_SESSION_API, &a, 86400, t, &err), KERR_OK);
	cr_assert_eq(app_user_passwd(app, &sys, "luz", "another-long-password", &err), KERR_OK,
		"%s", err.msg);
	cr_assert_eq(app_session_resolve(app, APP_SESSION_WEB, w, &ar, &b, &err), KERR_DENIED,
		"a new password ends the web sessions");
	cr_assert_eq(app_session_resolve(app, APP_SESSION_API, t, &ar, &b, &err), KERR_DENIED,
		"and the tokens");
	cr_assert_eq(login_from("luz", "another-long-password", NULL, "10.0.0.1", &a), KERR_OK);
	cr_assert_eq(app_session_create(app, APP_SESSION_WEB, &a, 0, w, &err), KERR_OK);
	cr_assert_eq(app_session_create(app, APP_SESSION_API, &a, 86400, t, &err), KERR_OK);
	cr_assert_eq(app_user_set_locked(app, &sys, "luz", 1, &err), KERR_OK);
	cr_assert_eq(app_user_set_locked(app, &sys, "luz", 0, &err), KERR_OK);
	cr_assert_eq(app_session_resolve(app, APP_SESSION_WEB, w, &ar, &b, &err), KERR_DENIED,
		"an unlock does not revive a session from before the lock");
	cr_assert_eq(app_session_resolve(app, APP_SESSION_API, t, &ar, &b, &err), KERR_DENIED,
		"nor a token");
	cr_assert_eq(sql_int("SELECT count(*) FROM sessions"), 0);
}

Test(sessions, success_resets_the_failure_count)
{
	struct policy_actor a;

	cr_assert_eq(login_from("ana", "wrong-password", NULL, "10.0.0.1", &a), KERR_DENIED);
	cr_assert_eq(sql_int("SELECT failed_logins FROM users WHERE name = 'ana'"), 1);
	cr_assert_eq(login_from("ana", PW, NULL, "10.0.0.1", &a), KERR_OK);
	cr_assert_eq(sql_int("SELECT failed_logins FROM users WHERE name = 'ana'"), 0);
}

Test(sessions, sessions_are_stored_hashed_and_resolve)
{
	struct policy_actor a, b;
	char t[APP_TOKEN_HEX + 1], t2[APP_TOKEN_HEX + 1];
	unsigned char h[32];
	char q[200], hex[65];
	int i;

	cr_assert_eq(login_from("ana", PW, NULL, "10.0.0.1", &a), KERR_OK);
	cr_assert_eq(app_session_create(app, APP_SESSION_WEB, &a, 0, t, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(app_session_create(app, APP_SESSION_WEB, &a, 0, t2, &err), KERR_OK);
	cr_assert_eq(strlen(t), 64);
	cr_assert_str_neq(t, t2);
	app_token_hash(t, h);
	for (i = 0; i < 32; i++)
		sprintf(hex + 2 * i, "%02x", h[i]);
	snprintf(q, sizeof(q), "SELECT count(*) FROM sessions WHERE hex(hash) = upper('%s')", hex);
	cr_assert_eq(sql_int(q), 1, "the hash is stored");
	snprintf(q, sizeof(q), "SELECT count(*) FROM sessions WHERE hash = x'%s'", t);
	cr_assert_eq(sql_int(q), 0, "the secret is not");
	cr_assert_eq(app_session_resolve(app, APP_SESSION_WEB, t, &ar, &b, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(b.user_id, a.user_id);
	cr_assert_eq(app_session_resolve(app, APP_SESSION_API, t, &ar, &b, &err), KERR_DENIED,
		"a web session is not an API token");
	cr_assert_eq(app_session_end(app, t, &err), KERR_OK);
	cr_assert_eq(app_session_resolve(app, APP_SESSION_WEB, t, &ar, &b, &err), KERR_DENIED);
	cr_assert_eq(app_session_resolve(app, APP_SESSION_WEB, t2, &ar, &b, &err), KERR_OK);
	cr_assert_eq(app_session_resolve(app, APP_SESSION_WEB, "zz", &ar, &b, &err), KERR_DENIED);
}

Test(sessions, idle_and_absolute_timeouts)
{
	struct policy_actor a, b;
	char t[APP_TOKEN_HEX + 1], q[160];
	long long now = (long long)time(NULL);

	cr_assert_eq(login_from("ana", PW, NULL, "10.0.0.1", &a), KERR_OK);
	cr_assert_eq(app_session_create(app, APP_SESSION_WEB, &a, 0, t, &err), KERR_OK);
	cr_assert_eq(sql_int("SELECT expires - created FROM sessions"), APP_SESSION_ABSOLUTE);
	snprintf(q, sizeof(q), "UPDATE sessions SET last_seen = %lld", now - APP_SESSION_IDLE - 5);
	sql(q);
	cr_assert_eq(app_session_resolve(app, APP_SESSION_WEB, t, &ar, &b, &err), KERR_DENIED);
	cr_assert_eq(app_session_create(app, APP_SESSION_WEB, &a, 0, t, &err), KERR_OK);
	snprintf(q, sizeof(q), "UPDATE sessions SET expires = %lld", now - 1);
	sql(q);
	cr_assert_eq(app_session_resolve(app, APP_SESSION_WEB, t, &ar, &b, &err), KERR_DENIED);
}

Test(sessions, locked_users_lose_their_sessions)
{
	struct policy_actor a, b;
	char t[APP_TOKEN_HEX + 1];

	cr_assert_eq(login_from("ana", PW, NULL, "10.0.0.1", &a), KERR_OK);
	cr_assert_eq(app_session_create(app, APP_SESSION_API, &a, 86400, t, &err), KERR_OK);
	cr_assert_eq(app_session_resolve(app, APP_SESSION_API, t, &ar, &b, &err), KERR_OK);
	sql("UPDATE users SET locked = 1");
	cr_assert_eq(app_session_resolve(app, APP_SESSION_API, t, &ar, &b, &err), KERR_DENIED);
}

Test(sessions, tokens_are_revoked)
{
	struct policy_actor a, b;
	char t[APP_TOKEN_HEX + 1];

	cr_assert_eq(login_from("ana", PW, NULL, "10.0.0.1", &a), KERR_OK);
	cr_assert_eq(app_session_create(app, APP_SESSION_API, &a, 86400, t, &err), KERR_OK);
	cr_assert_eq(app_token_revoke(app, t, &err), KERR_OK);
	cr_assert_eq(app_session_resolve(app, APP_SESSION_API, t, &ar, &b, &err), KERR_DENIED);
	cr_assert_eq(app_token_revoke(app, t, &err), KERR_NOTFOUND);
	cr_assert_eq(app_token_revoke(app, "not-a-token", &err), KERR_INVALID);
}

/* A read-only request runs in one read transaction: one consistent view,
 * and a use case that writes inside it still gets its own transaction. */
Test(sessions, read_transactions)
{
	struct app *other;
	struct policy_actor sys;
	struct user *u;
	size_t n0, n1;

	app_system_actor(&sys);
	cr_assert_eq(app_open(db, key, &other, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(app_read_begin(app, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(app_user_list(app, &sys, &ar, &u, &n0, &err), KERR_OK);
	cr_assert_eq(app_user_add(other, &sys, "luz", "analyst", NULL, PW, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(app_user_list(app, &sys, &ar, &u, &n1, &err), KERR_OK);
	cr_assert_eq(n1, n0, "inside the read transaction the view does not move");
	app_read_end(app);
	cr_assert_eq(app_user_list(app, &sys, &ar, &u, &n1, &err), KERR_OK);
	cr_assert_eq(n1, n0 + 1, "after it, the new user shows");
	cr_assert_eq(app_read_begin(app, &err), KERR_OK);
	cr_assert_eq(app_user_add(app, &sys, "eva", "analyst", NULL, PW, &err), KERR_OK,
		"a write inside a read transaction gets its own: %s", err.msg);
	app_read_end(app);
	app_read_end(app);   /* harmless twice */
	cr_assert_eq(app_user_list(other, &sys, &ar, &u, &n1, &err), KERR_OK);
	cr_assert_eq(n1, n0 + 2, "the write is committed");
	app_close(other);
}

/* RFC 6238 code for base32 secret b32 at time t (liboath, as an authenticator app does). */
static void
totp_code(const char *b32, time_t t, char out[7])
{
	char *raw;
	size_t len;

	cr_assert_eq(oath_init(), OATH_OK);
	cr_assert_eq(oath_base32_decode(b32, strlen(b32), &raw, &len), OATH_OK);
	cr_assert_eq(oath_totp_generate(raw, len, t, 30, 0, 6, out), OATH_OK);
	free(raw);
}

Test(sessions, totp_second_factor)
{
	struct policy_actor a, sys;
	char *secret, code[7], bad[16];

	app_system_actor(&sys);
	cr_assert_eq(app_totp_enrol(app, &sys, "ana", &secret, &err), KERR_OK, "%s", err.msg);
	cr_assert_geq(strlen(secret), 32);
	cr_assert_eq(sql_int("SELECT count(*) FROM sealed WHERE tbl = 'user' AND col = 'totp'"), 1);
	cr_assert_eq(login_from("ana", PW, NULL, "10.0.0.1", &a), KERR_DENIED,
		"an enrolled user needs the code");
	cr_assert_str_eq(err.msg, "wrong user name, password or authenticator code",
		"the code prompt does not confirm the password");
	cr_assert_eq(sql_int("SELECT failed_logins FROM users WHERE name = 'ana'"), 1,
		"a missing code counts as a failure");
	totp_code(secret, time(NULL), code);
	snprintf(bad, sizeof(bad), "%06d", (atoi(code) + 1) % 1000000);
	cr_assert_eq(login_from("ana", PW, bad, "10.0.0.1", &a), KERR_DENIED);
	cr_assert_eq(sql_int("SELECT failed_logins FROM users WHERE name = 'ana'"), 2,
		"a wrong code is");
	cr_assert_str_eq(err.msg, "wrong user name, password or authenticator code",
		"a wrong code says what a wrong password says");
	totp_code(secret, time(NULL) - 3600, bad);
	cr_assert_eq(login_from("ana", PW, bad, "10.0.0.1", &a), KERR_DENIED, "an old code");
	cr_assert_eq(login_from("ana", PW, code, "10.0.0.1", &a), KERR_OK, "%s", err.msg);
	cr_assert_eq(login_from("ana", PW, code, "10.0.0.1", &a), KERR_DENIED,
		"a code opens one sign-in only");
	cr_assert_eq(login_from("ana", "wrong-password", code, "10.0.0.1", &a), KERR_DENIED,
		"the code does not replace the password");
	free(secret);
}
