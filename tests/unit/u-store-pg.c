/*
 * u-store-pg.c — what only the PostgreSQL backend has, on the throw-away
 * server of `make check` (pgtest.h): every statement prepares on the real
 * schema, the login and database errors are clear, a connection killed in
 * the middle of a write leaves nothing and is re-opened, the write lock
 * serialises concurrent writers (the audit chain's append), a read-only
 * store refuses to write. The common store tests run here too (u-store.c
 * in the suite 'pg').
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/arena.h"
#include "lib/kerr.h"
#include "store/store.h"
#include "store/store_int.h"

#include "pgtest.h"

static char url[512];
static char dbname[64];
static struct store *st;
static struct kerr err;
static struct arena ar;

static void
setup(void)
{
	pgtest_db_new(url, sizeof(url), dbname, sizeof(dbname));
	cr_assert_eq(store_open(url, STORE_CREATE, &st, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_migrate(st, &err), KERR_OK, "%s", err.msg);
	arena_init(&ar);
}

static void
teardown(void)
{
	arena_release(&ar);
	store_close(st);
	st = NULL;
	pgtest_db_drop(dbname);
}

TestSuite(pg, .init = setup, .fini = teardown);

static int64_t
add_office(struct store *s, const char *code)
{
	struct office o = { .code = code, .name = "Fiscalía", .kind = "fepmtp",
		.distrito_fiscal = "lima", .department = "15" };

	cr_assert_eq(store_office_insert(s, &o, &err), KERR_OK, "%s", err.msg);
	return o.id;
}

static size_t
count_offices(struct store *s)
{
	struct office *o;
	size_t n;

	cr_assert_eq(store_office_list(s, &ar, &o, &n, &err), KERR_OK, "%s", err.msg);
	return n;
}

Test(pg, every_statement_prepares_on_the_migrated_schema)
{
	PGconn *c = PQconnectdb(url);
	char name[16];

	cr_assert_eq(PQstatus(c), CONNECTION_OK);
	cr_assert_str_eq(store_backend(st), "postgresql");
	cr_assert_eq(store_schema_version(st), store_schema_latest());
	for (int i = 0; i < STMT__MAX; i++) {
		PGresult *r;
		cr_assert_not_null(store_pg_sql[i].text, "statement %d has no text", i);
		snprintf(name, sizeof(name), "s%d", i);
		r = PQprepare(c, name, store_pg_sql[i].text, 0, NULL);
		cr_assert_eq(PQresultStatus(r), PGRES_COMMAND_OK, "statement %d: %s", i,
			PQerrorMessage(c));
		PQclear(r);
	}
	PQfinish(c);
}

Test(pg, text_sorts_byte_wise_whatever_the_locale)
{
	struct office *o;
	size_t n;

	/* en_US would sort these a, B, c; SQLite and "C" sort B, a, c */
	add_office(st, "c-office");
	add_office(st, "B-office");
	add_office(st, "a-office");
	cr_assert_eq(store_office_list(st, &ar, &o, &n, &err), KERR_OK);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(o[0].code, "B-office");
	cr_assert_str_eq(o[1].code, "a-office");
}

Test(pg, wrong_credentials_are_refused_clearly)
{
	char bad[600];
	struct store *s2 = NULL;
	char *at;

	pgtest_sql(url, "DROP ROLE IF EXISTS khipu_pw_test");
	pgtest_sql(url, "CREATE ROLE khipu_pw_test LOGIN PASSWORD 'the-right-one'");
	/* the same url with another user and a wrong password */
	at = strstr(url, "khipu@");
	cr_assert_not_null(at, "%s", url);
	snprintf(bad, sizeof(bad), "%.*skhipu_pw_test:wrong-password@%s", (int)(at - url), url,
		at + strlen("khipu@"));
	cr_assert_eq(store_open(bad, 0, &s2, &err), KERR_DENIED, "%s", err.msg);
	cr_assert_null(s2);
	cr_assert_not_null(strstr(err.msg, "refused the login"), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "password authentication failed"), "%s", err.msg);
	cr_assert_null(strstr(err.msg, "wrong-password"), "no password in messages");
	/* and the right one gets in */
	snprintf(bad, sizeof(bad), "%.*skhipu_pw_test:the-right-one@%s", (int)(at - url), url,
		at + strlen("khipu@"));
	cr_assert_eq(store_open(bad, 0, &s2, &err), KERR_OK, "%s", err.msg);
	store_close(s2);
	pgtest_sql(url, "DROP OWNED BY khipu_pw_test");
	pgtest_sql(url, "DROP ROLE khipu_pw_test");
}

Test(pg, a_missing_database_is_named)
{
	char u[600];
	struct store *s2 = NULL;

	pgtest_url(u, sizeof(u), "khipu_no_such_db");
	cr_assert_eq(store_open(u, 0, &s2, &err), KERR_IO);
	cr_assert_not_null(strstr(err.msg, "khipu_no_such_db"), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "does not exist"), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "createdb"), "%s", err.msg);
}

/* Kill the store's server process from outside, as a crash or a network
 * cut would. */
static void
kill_sessions(void)
{
	char sql[300];

	PGconn *c = PQconnectdb(getenv("KHIPU_TEST_PG_URL"));
	int left = 1, tries;

	cr_assert_eq(PQstatus(c), CONNECTION_OK);
	snprintf(sql, sizeof(sql), "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
		"WHERE datname = '%s' AND application_name = 'khipu'", dbname);
	PQclear(PQexec(c, sql));
	/* the server ends them asynchronously: wait until they are gone */
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM pg_stat_activity "
		"WHERE datname = '%s' AND application_name = 'khipu'", dbname);
	for (tries = 0; tries < 500 && left > 0; tries++) {
		PGresult *r = PQexec(c, sql);
		left = atoi(PQgetvalue(r, 0, 0));
		PQclear(r);
		if (left > 0)
			usleep(10000);
	}
	PQfinish(c);
	cr_assert_eq(left, 0, "the sessions did not end");
}

Test(pg, a_connection_lost_mid_write_leaves_nothing_and_reconnects)
{
	struct office o = { .code = "SECOND", .name = "x" };

	add_office(st, "BEFORE");
	cr_assert_eq(store_begin(st, &err), KERR_OK, "%s", err.msg);
	add_office(st, "FIRST");
	kill_sessions();
	cr_assert_eq(store_office_insert(st, &o, &err), KERR_IO);
	cr_assert_not_null(strstr(err.msg, "lost"), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "nothing was written"), "%s", err.msg);
	/* later statements of the same transaction fail too, never autocommit */
	o.code = "THIRD";
	cr_assert_eq(store_office_insert(st, &o, &err), KERR_IO);
	cr_assert_eq(store_commit(st, &err), KERR_IO);
	store_rollback(st);
	/* the next use reconnects; the first office of the lost transaction is gone */
	cr_assert_eq(count_offices(st), 1);
	cr_assert_eq(store_begin(st, &err), KERR_OK, "%s", err.msg);
	add_office(st, "AFTER");
	cr_assert_eq(store_commit(st, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(count_offices(st), 2);
	/* a connection lost between transactions is re-opened silently */
	kill_sessions();
	cr_assert_eq(count_offices(st), 2);
}

Test(pg, a_read_only_store_refuses_to_write)
{
	struct store *ro = NULL;
	struct office o = { .code = "RO", .name = "x" };

	cr_assert_eq(store_open(url, STORE_READONLY, &ro, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_office_insert(ro, &o, &err), KERR_IO);
	cr_assert_not_null(strstr(err.msg, "read-only"), "%s", err.msg);
	cr_assert_eq(store_begin(ro, &err), KERR_IO);
	/* a snapshot to read from works */
	cr_assert_eq(store_begin_read(ro, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(count_offices(ro), 0);
	cr_assert_eq(store_commit(ro, &err), KERR_OK, "%s", err.msg);
	store_close(ro);
}

/* ---- concurrency: the audit chain's read-then-append under the write lock ---- */

#define WRITERS 8
#define APPENDS 40

struct writer {
	int id;
	int failures;
	char msg[400];
};

/* What app/audit.c does: read the last entry, append the next one with
 * its hash as prev, in one transaction. */
static void *
writer_run(void *arg)
{
	struct writer *w = arg;
	struct store *s;
	struct kerr e;
	struct arena a;
	int i;

	if (store_open(url, 0, &s, &e) != KERR_OK) {
		w->failures = APPENDS;
		snprintf(w->msg, sizeof(w->msg), "%s", e.msg);
		return NULL;
	}
	arena_init(&a);
	for (i = 0; i < APPENDS; i++) {
		struct audit_entry last, next;
		enum kerr_code rc = store_begin(s, &e);
		memset(&next, 0, sizeof(next));
		if (rc == KERR_OK) {
			rc = store_audit_last(s, &a, &last, &e);
			next.seq = rc == KERR_OK ? last.seq + 1 : 1;
			if (rc == KERR_OK)
				memcpy(next.prev, last.hash, 32);
			if (rc == KERR_NOTFOUND)
				rc = KERR_OK;
		}
		next.ts = w->id;
		next.actor = "writer";
		next.action = "test.append";
		next.object = "";
		next.detail = "{}";
		memset(next.hash, 0, 32);
		memcpy(next.hash, &next.seq, sizeof(next.seq));
		next.hash[31] = (unsigned char)w->id;
		if (rc == KERR_OK)
			rc = store_audit_append(s, &next, &e);
		if (rc == KERR_OK)
			rc = store_commit(s, &e);
		if (rc != KERR_OK) {
			store_rollback(s);
			w->failures++;
			snprintf(w->msg, sizeof(w->msg), "%s", e.msg);
		}
	}
	arena_release(&a);
	store_close(s);
	return NULL;
}

struct chain_check {
	int64_t expect;
	unsigned char prev[32];
	int broken;
};

static int
chain_row(void *ctx, const struct audit_entry *e)
{
	struct chain_check *c = ctx;

	if (e->seq != c->expect || memcmp(e->prev, c->prev, 32) != 0)
		c->broken = 1;
	memcpy(c->prev, e->hash, 32);
	c->expect++;
	return 0;
}

Test(pg, concurrent_writers_append_one_unbroken_chain)
{
	pthread_t th[WRITERS];
	struct writer w[WRITERS];
	struct chain_check c = { .expect = 1 };
	int i;

	for (i = 0; i < WRITERS; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].id = i + 1;
		cr_assert_eq(pthread_create(&th[i], NULL, writer_run, &w[i]), 0);
	}
	for (i = 0; i < WRITERS; i++) {
		pthread_join(th[i], NULL);
		cr_assert_eq(w[i].failures, 0, "writer %d: %s", i + 1, w[i].msg);
	}
	cr_assert_eq(store_audit_foreach(st, 0, chain_row, &c, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(c.broken, 0, "every entry links to the one before");
	cr_assert_eq(c.expect - 1, WRITERS * APPENDS, "no append lost");
}

/* Inserts whose rows nobody reads are pipelined: a failure among them
 * fails the commit (or the next statement that answers), never half-writes. */
Test(pg, a_pipelined_insert_that_fails_fails_the_whole_transaction)
{
	enum kerr_code rc;

	cr_assert_eq(store_begin(st, &err), KERR_OK, "%s", err.msg);
	add_office(st, "KEPT-NOT");
	rc = store_case_share(st, 4242, 4343, &err);   /* no such case nor office */
	if (rc == KERR_OK)
		rc = store_commit(st, &err);
	cr_assert_eq(rc, KERR_INVALID, "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "does not exist"), "%s", err.msg);
	store_rollback(st);
	cr_assert_eq(count_offices(st), 0, "nothing of the transaction is left");
	/* and the next one works */
	cr_assert_eq(store_begin(st, &err), KERR_OK, "%s", err.msg);
	add_office(st, "KEPT");
	cr_assert_eq(store_meta_set(st, "k", "v", &err), KERR_OK);
	cr_assert_eq(store_commit(st, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(count_offices(st), 1);
}

Test(pg, a_failure_in_the_pipeline_shows_at_the_next_answering_statement)
{
	struct office *o;
	size_t n;

	cr_assert_eq(store_begin(st, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_case_share(st, 4242, 4343, &err), KERR_OK, "sent, not yet answered");
	cr_assert_eq(store_office_list(st, &ar, &o, &n, &err), KERR_INVALID);
	store_rollback(st);
	cr_assert_eq(count_offices(st), 0);
}
