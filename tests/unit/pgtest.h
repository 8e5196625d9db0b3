/*
 * pgtest.h — running a unit test suite on the throw-away PostgreSQL server
 * of `make check` (scripts/pg-test-server.sh) as well as on SQLite.
 *
 * The suite runs on PostgreSQL when KHIPU_TEST_BACKEND=pg (the meson suite
 * 'pg'); KHIPU_TEST_PG_URL then names the server's maintenance database,
 * postgresql://USER@/postgres?host=DIR, and each test gets a database of
 * its own, created empty and dropped after it. Without a server the program
 * exits 77, which meson counts as skipped.
 */
#ifndef KHIPU_PGTEST_H
#define KHIPU_PGTEST_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>

static inline int
pgtest_on(void)
{
	const char *b = getenv("KHIPU_TEST_BACKEND");

	return b != NULL && strcmp(b, "pg") == 0;
}

/* Exit 77 (skipped) when the pg run has no server; call from main or a
 * constructor before any test runs. */
static void __attribute__((constructor))
pgtest_require(void)
{
	const char *url = getenv("KHIPU_TEST_PG_URL");

	if (pgtest_on() && (url == NULL || *url == '\0')) {
		fprintf(stderr, "skip: no PostgreSQL test server (KHIPU_TEST_PG_URL)\n");
		exit(77);
	}
}

/* Run sql on the database at url; fails the test on error. */
static inline void
pgtest_sql(const char *url, const char *sql)
{
	PGconn *c = PQconnectdb(url);
	PGresult *r;

	cr_assert_eq(PQstatus(c), CONNECTION_OK, "%s", PQerrorMessage(c));
	r = PQexec(c, sql);
	cr_assert(PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK,
		"%s: %s", sql, PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
}

/* The url of database name on the test server. */
static inline void
pgtest_url(char *out, size_t n, const char *name)
{
	const char *admin = getenv("KHIPU_TEST_PG_URL");
	const char *path = strstr(admin, "://"), *q;

	cr_assert_not_null(path);
	path = strchr(path + 3, '/');
	cr_assert_not_null(path, "KHIPU_TEST_PG_URL has no database: %s", admin);
	q = strchr(path, '?');
	snprintf(out, n, "%.*s/%s%s", (int)(path - admin), admin, name, q ? q : "");
}

/* A new, empty database; its url goes to out. */
static inline void
pgtest_db_new(char *out, size_t n, char *name, size_t nn)
{
	static int serial;
	char sql[160];

	snprintf(name, nn, "khipu_u_%ld_%d", (long)getpid(), ++serial);
	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s", name);
	pgtest_sql(getenv("KHIPU_TEST_PG_URL"), sql);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name);
	pgtest_sql(getenv("KHIPU_TEST_PG_URL"), sql);
	pgtest_url(out, n, name);
}

static inline void
pgtest_db_drop(const char *name)
{
	char sql[160];

	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
	pgtest_sql(getenv("KHIPU_TEST_PG_URL"), sql);
}

#endif
