/*
 * bench_insert.c — the reference for `khipu demo` in bench/run.sh: the
 * floor for writing as many rows into SQLite on this machine, measured in
 * the same run. A plain C loop inserts ROWS rows, in one transaction, with
 * one prepared statement, into one table in a new database with the
 * register's settings (WAL, synchronous=NORMAL). Each row is shaped like
 * an average row of the register: an integer key, a parent id, a short text
 * and a 16-byte blob (a blind-index hash). No crypto, no secondary index,
 * no foreign key: everything `khipu demo` does on top is its own cost.
 * Usage: bench_insert PATH ROWS   (PATH: a new file)
 * Prints: rows, seconds, processor seconds, rows per second, database MB.
 *        bench_insert --count DB
 * Prints the number of rows in every table of DB (what a demo wrote).
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static double
clock_s(clockid_t which)
{
	struct timespec t;

	clock_gettime(which, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void
exec(sqlite3 *h, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "bench_insert: %s: %s\n", sql, msg);
		exit(1);
	}
}

/* Rows in every table of an existing database. */
static int
count_rows(const char *path)
{
	sqlite3 *h;
	sqlite3_stmt *tables, *q;
	int64_t total = 0;
	char sql[160];

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "SELECT name FROM sqlite_master WHERE type = 'table' "
	    "AND name NOT LIKE 'sqlite_%'", -1, &tables, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_insert: cannot read %s\n", path);
		return 1;
	}
	while (sqlite3_step(tables) == SQLITE_ROW) {
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM \"%s\"",
			(const char *)sqlite3_column_text(tables, 0));
		if (sqlite3_prepare_v2(h, sql, -1, &q, NULL) == SQLITE_OK &&
		    sqlite3_step(q) == SQLITE_ROW)
			total += sqlite3_column_int64(q, 0);
		sqlite3_finalize(q);
	}
	sqlite3_finalize(tables);
	sqlite3_close(h);
	printf("%lld\n", (long long)total);
	return 0;
}

int
main(int argc, char **argv)
{
	static const char *const kinds[] = { "victim", "suspect", "witness", "exploitation" };
	sqlite3 *h;
	sqlite3_stmt *st;
	unsigned char hash[16];
	struct stat sb;
	int64_t rows, i;
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	double t0, t1, c0, c1;

	if (argc == 3 && strcmp(argv[1], "--count") == 0)
		return count_rows(argv[2]);
	if (argc != 3 || (rows = strtoll(argv[2], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: bench_insert PATH ROWS | --count DB\n");
		return 2;
	}
	if (sqlite3_open(argv[1], &h) != SQLITE_OK) {
		fprintf(stderr, "bench_insert: cannot create %s\n", argv[1]);
		return 1;
	}
	t0 = clock_s(CLOCK_MONOTONIC);
	c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
	exec(h, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
		"CREATE TABLE ref(id INTEGER PRIMARY KEY, parent INTEGER NOT NULL,"
		" kind TEXT NOT NULL, hash BLOB NOT NULL); BEGIN");
	if (sqlite3_prepare_v2(h, "INSERT INTO ref(parent, kind, hash) VALUES (?1, ?2, ?3)", -1,
	    &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_insert: %s\n", sqlite3_errmsg(h));
		return 1;
	}
	for (i = 0; i < rows; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		memcpy(hash, &x, 8);
		memcpy(hash + 8, &i, 8);
		sqlite3_bind_int64(st, 1, i / 4 + 1);
		sqlite3_bind_text(st, 2, kinds[i % 4], -1, SQLITE_STATIC);
		sqlite3_bind_blob(st, 3, hash, sizeof(hash), SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			fprintf(stderr, "bench_insert: %s\n", sqlite3_errmsg(h));
			return 1;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	exec(h, "COMMIT");
	sqlite3_close(h);   /* checkpoints the WAL into the database, as khipu's close does */
	t1 = clock_s(CLOCK_MONOTONIC);
	c1 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
	stat(argv[1], &sb);
	printf("%lld %.2f %.2f %.0f %.0f\n", (long long)rows, t1 - t0, c1 - c0,
		(double)rows / (t1 - t0), (double)sb.st_size / 1048576.0);
	return 0;
}
