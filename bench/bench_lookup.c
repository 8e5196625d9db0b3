/*
 * bench_lookup.c — times person searches through the blind indexes of a demo
 * register (app_person_search by name and by phone, as demo-prosecutor) and,
 * as a reference, the same number of raw SQLite lookups on an indexed column
 * of a plain table with as many rows as the register's blind index.
 * Per call: wall time (mean, median, 99th percentile) and the mean processor
 * time (cpu_us), which other programs on the machine do not inflate.
 * Usage: bench_lookup DB KEYFILE N REFDB   (REFDB: a new file for the reference)
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"

#define SAMPLE_CASES 400

struct sample {
	const char **v;
	size_t n, cap;
};

struct timing {
	double *us;
	size_t n;
	size_t hits;
	double cpu_us;     /* processor time of the n calls, in all */
};

static double
now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

/* This thread's processor time: unlike the wall clock, it does not grow
 * when other programs share the machine's cores. */
static double
cpu_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static void
die(const char *what, const struct kerr *err)
{
	fprintf(stderr, "bench_lookup: %s: %s\n", what, err ? err->msg : "");
	exit(1);
}

static void
sample_add(struct sample *s, const char *v)
{
	if (v != NULL && *v != '\0' && s->n < s->cap)
		s->v[s->n++] = v;
}

static void
sample_case(const struct kcase *c, struct sample *names, struct sample *phones)
{
	size_t i;

	for (i = 0; i < c->nparts; i++)
		sample_add(names, c->parts[i].person.name);
	for (i = 0; i < c->nidents; i++)
		if (strcmp(c->idents[i].kind, "phone") == 0)
			sample_add(phones, c->idents[i].value);
}

/* Names and phones in clear, from the cases the actor may reveal. */
static void
collect(struct app *app, const struct policy_actor *actor, struct arena *a,
	struct sample *names, struct sample *phones)
{
	struct store_case_filter f = { .office_id = actor->office_id, .limit = SAMPLE_CASES };
	struct store_case_row *rows;
	struct kerr err = { 0 };
	size_t n, i;

	if (app_case_list(app, actor, &f, a, &rows, &n, &err) != KERR_OK)
		die("case list", &err);
	for (i = 0; i < n; i++) {
		struct kcase c;
		if (app_case_show(app, actor, rows[i].c.id, APP_REVEAL, a, &c, &err) != KERR_OK)
			die("case show", &err);
		sample_case(&c, names, phones);
	}
	if (names->n == 0 || phones->n == 0)
		die("no names or phones to search for; is this a demo register?", NULL);
}

static void
time_search(struct app *app, const struct policy_actor *actor, enum app_search_by by,
	const struct sample *s, struct timing *t)
{
	struct kerr err = { 0 };
	size_t i;

	for (i = 0; i < t->n; i++) {
		struct arena a;
		struct app_person_hit *hits;
		size_t n;
		double t0, c0;
		arena_init(&a);
		c0 = cpu_us();
		t0 = now_us();
		if (app_person_search(app, actor, by, s->v[i % s->n], &a, &hits, &n, &err))
			die("person search", &err);
		t->us[i] = now_us() - t0;
		t->cpu_us += cpu_us() - c0;
		t->hits += n > 0;
		arena_release(&a);
	}
}

static int64_t
count_rows(const char *db, const char *table)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	char sql[96];
	int64_t n = -1;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return n;
}

static void
exec(sqlite3 *h, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "bench_lookup: %s: %s\n", sql, msg);
		exit(1);
	}
}

static void
fill_hash(unsigned char h[16], uint64_t i)
{
	uint64_t x = i * 0x9e3779b97f4a7c15ULL + 1, y = x ^ (x >> 29) ^ 0xbf58476d1ce4e5b9ULL;

	memcpy(h, &x, 8);
	memcpy(h + 8, &y, 8);
}

/* A plain table of rows 16-byte hashes, indexed like a blind index. */
static sqlite3 *
ref_build(const char *path, int64_t rows)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	unsigned char hash[16];
	int64_t i;

	if (sqlite3_open(path, &h) != SQLITE_OK)
		die("cannot create the reference database", NULL);
	exec(h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
		"CREATE TABLE ref(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, hash BLOB NOT NULL,"
		" row INTEGER NOT NULL); BEGIN");
	sqlite3_prepare_v2(h, "INSERT INTO ref(kind, hash, row) VALUES ('name', ?, ?)", -1,
		&st, NULL);
	for (i = 0; i < rows; i++) {
		fill_hash(hash, (uint64_t)i);
		sqlite3_bind_blob(st, 1, hash, sizeof(hash), SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, i + 1);
		sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	exec(h, "CREATE INDEX ref_hash ON ref(kind, hash); COMMIT");
	return h;
}

static void
time_ref(sqlite3 *h, int64_t rows, struct timing *t)
{
	sqlite3_stmt *st;
	unsigned char hash[16];
	size_t i;

	sqlite3_prepare_v2(h, "SELECT row FROM ref WHERE kind = 'name' AND hash = ?", -1, &st,
		NULL);
	for (i = 0; i < t->n; i++) {
		double t0, c0;
		fill_hash(hash, (uint64_t)((i * 7919u) % (uint64_t)rows));
		c0 = cpu_us();
		t0 = now_us();
		sqlite3_bind_blob(st, 1, hash, sizeof(hash), SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW)
			t->hits++;
		sqlite3_reset(st);
		t->us[i] = now_us() - t0;
		t->cpu_us += cpu_us() - c0;
	}
	sqlite3_finalize(st);
}

static int
cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return (a > b) - (a < b);
}

static void
report(const char *what, struct timing *t)
{
	double sum = 0;
	size_t i;

	for (i = 0; i < t->n; i++)
		sum += t->us[i];
	qsort(t->us, t->n, sizeof(double), cmp_double);
	printf("%-34s %6zu %11.1f %10.1f %10.1f %10.1f %6zu\n", what, t->n, sum / (double)t->n,
		t->us[t->n / 2], t->us[(t->n * 99) / 100], t->cpu_us / (double)t->n, t->hits);
}

int
main(int argc, char **argv)
{
	struct app *app;
	struct policy_actor actor;
	struct sample names = { 0 }, phones = { 0 };
	struct timing by_name, by_phone, ref;
	struct kerr err = { 0 };
	struct arena a;
	size_t n;
	int64_t rows, persons;
	sqlite3 *h;

	if (argc != 5 || (n = strtoul(argv[3], NULL, 10)) == 0) {
		fprintf(stderr, "usage: bench_lookup DB KEYFILE N REFDB\n");
		return 2;
	}
	if (app_open(argv[1], argv[2], &app, &err) != KERR_OK)
		die("open", &err);
	arena_init(&a);
	if (app_actor(app, "demo-prosecutor", &a, &actor, &err) != KERR_OK)
		die("actor", &err);
	names.cap = phones.cap = n;
	names.v = arena_alloc(&a, n * sizeof(char *));
	phones.v = arena_alloc(&a, n * sizeof(char *));
	collect(app, &actor, &a, &names, &phones);
	by_name = (struct timing){ arena_alloc(&a, n * sizeof(double)), n, 0, 0 };
	by_phone = (struct timing){ arena_alloc(&a, n * sizeof(double)), n, 0, 0 };
	ref = (struct timing){ arena_alloc(&a, n * sizeof(double)), n, 0, 0 };
	time_search(app, &actor, APP_BY_NAME, &names, &by_name);
	time_search(app, &actor, APP_BY_PHONE, &phones, &by_phone);
	rows = count_rows(argv[1], "blind");
	persons = count_rows(argv[1], "persons");
	h = ref_build(argv[4], rows > 0 ? rows : 1000000);
	time_ref(h, rows > 0 ? rows : 1000000, &ref);
	sqlite3_close(h);
	printf("register: %lld persons, %lld blind-index rows; %zu names and %zu "
		"phones sampled from %s's cases\n", (long long)persons, (long long)rows, names.n,
		phones.n, actor.name);
	printf("%-34s %6s %11s %10s %10s %10s %6s\n", "operation", "n", "mean_us", "p50_us",
		"p99_us", "cpu_us", "found");
	report("app_person_search by name", &by_name);
	report("app_person_search by phone", &by_phone);
	report("raw sqlite indexed lookup", &ref);
	arena_release(&a);
	app_close(app);
	return 0;
}
