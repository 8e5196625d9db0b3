/* u-stats.c — unit tests for app/stats: parsing dimensions, filters and year
 * ranges; the facts match the register, a second refresh adds nothing, two
 * handles on one register agree; the policy. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "app/app.h"
#include "app/app_int.h"
#include "app/stats.h"
#include "lib/i18n.h"

#define DEMO_PW "khipu-demo-2024"

static char dir[64];

static void
make_dir(void)
{
	i18n_set(I18N_EN);   /* the messages checked are the English ones */
	strcpy(dir, "/tmp/khipu-u-stats.XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void
remove_dir(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(stats, .init = make_dir, .fini = remove_dir, .timeout = 240);

Test(stats, parse_by)
{
	struct stat_query q = { 0 };
	struct kerr err = { 0 };

	cr_assert_eq(stat_parse_by(&q, "year,sex,exploitation", &err), KERR_OK);
	cr_assert_eq(q.nby, 3);
	cr_assert_eq(q.by[0], STAT_D_YEAR);
	cr_assert_eq(q.by[2], STAT_D_EXPLOITATION);
	cr_assert_eq(stat_parse_by(&q, "year,colour", &err), KERR_INVALID);
	cr_assert(strstr(err.msg, "'colour'") != NULL, "%s", err.msg);
	cr_assert_str_eq(err.field, "--by");
	cr_assert_eq(stat_parse_by(&q, "", &err), KERR_INVALID);
	cr_assert_eq(stat_parse_by(&q, "year,", &err), KERR_INVALID);
	cr_assert_eq(stat_parse_by(&q, "sex,sex", &err), KERR_INVALID);
	cr_assert_eq(stat_parse_by(&q, "year,sex,region,stage,office", &err), KERR_INVALID);
	for (int d = 0; d < STAT_D__MAX; d++)
		cr_assert_eq(stat_dim_by_name(stat_dim_name((enum stat_dim)d)), d);
	for (int m = 0; m < STAT_MEASURE__MAX; m++)
		cr_assert_eq(stat_measure_by_name(stat_measure_name((enum stat_measure)m)), m);
}

Test(stats, parse_where_and_years)
{
	struct stat_query q = { 0 };
	struct kerr err = { 0 };

	cr_assert_eq(stat_parse_where(&q, "sex=female", &err), KERR_OK);
	cr_assert_eq(stat_parse_where(&q, "age_band=9--17", &err), KERR_OK);
	cr_assert_eq(stat_parse_where(&q, "exploitation=forced_labour", &err), KERR_OK);
	cr_assert_eq(q.nwhere, 3);
	cr_assert_str_eq(q.where_val[1], "9--17");
	cr_assert_eq(stat_parse_where(&q, "sex=femme", &err), KERR_INVALID);
	cr_assert_eq(stat_parse_where(&q, "age_band=10-20", &err), KERR_INVALID);
	cr_assert_eq(stat_parse_where(&q, "nationality=XX", &err), KERR_INVALID);
	cr_assert_eq(stat_parse_where(&q, "year=1492", &err), KERR_INVALID);
	cr_assert_eq(stat_parse_where(&q, "sex", &err), KERR_INVALID);
	cr_assert_eq(stat_parse_where(&q, "=x", &err), KERR_INVALID);
	cr_assert_eq(stat_parse_years(&q, "2019", "2021", &err), KERR_OK);
	cr_assert_eq(q.from, 2019);
	cr_assert_eq(stat_parse_years(&q, "2021", "2019", &err), KERR_INVALID);
	cr_assert(strstr(err.msg, "empty range") != NULL);
	cr_assert_eq(stat_parse_years(&q, "19x", NULL, &err), KERR_INVALID);
	cr_assert_eq(stat_parse_years(&q, NULL, NULL, &err), KERR_OK);
	cr_assert_eq(q.from, 0);
}

Test(stats, applies)
{
	cr_assert(stat_dim_applies(STAT_D_SEX, STAT_VICTIMS));
	cr_assert(!stat_dim_applies(STAT_D_SEX, STAT_CASES));
	cr_assert(stat_dim_applies(STAT_D_OUTCOME, STAT_CONVICTIONS));
	cr_assert(stat_dim_applies(STAT_D_EXPLOITATION, STAT_CASES));
	cr_assert(!stat_dim_applies(STAT_D_CURRENCY, STAT_VICTIMS));
	cr_assert_str_eq(stat_value_label(STAT_D_SEX, "female", 1), "Female");
	cr_assert_str_eq(stat_value_label(STAT_D_SEX, NULL, 1), "unknown");
	/* age bands read as people write them; the code keeps CTDC's "--" */
	cr_assert_str_eq(stat_value_label(STAT_D_AGE_BAND, "9--17", 0), "9–17");
	cr_assert_str_eq(stat_value_label(STAT_D_AGE_BAND, "48+", 1), "48+");
	cr_assert_str_eq(stat_value_label(STAT_D_AGE_BAND, "7--9", 1), "7--9");
}

static int64_t
sql_int(const char *db, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *q;
	int64_t v = -1;

	cr_assert_eq(sqlite3_open(db, &h), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &q, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(h);
	return v;
}

static int64_t
total(struct app *app, const struct policy_actor *who, enum stat_measure m, const char *by)
{
	struct stat_query q = { .measure = m };
	struct stat_result r;
	struct kerr err = { 0 };
	struct arena a;
	int64_t t;

	arena_init(&a);
	cr_assert_eq(stat_parse_by(&q, by, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(app_stats(app, who, &q, &a, &r, &err), KERR_OK, "%s", err.msg);
	t = r.total;
	arena_release(&a);
	return t;
}

/* The cube path and the facts path (KHIPU_STATS_NO_CUBE) give the same rows;
 * and the groups add up to the measure's count, as the facts have it. */
static void
same_both_paths(struct app *app, const struct policy_actor *who, enum stat_measure m,
	const char *by)
{
	struct stat_query q = { .measure = m };
	struct stat_result c, f;
	struct kerr err = { 0 };
	struct arena a;
	size_t i, k;

	arena_init(&a);
	cr_assert_eq(stat_parse_by(&q, by, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(app_stats(app, who, &q, &a, &c, &err), KERR_OK, "%s", err.msg);
	setenv("KHIPU_STATS_NO_CUBE", "1", 1);
	cr_assert_eq(app_stats(app, who, &q, &a, &f, &err), KERR_OK, "%s", err.msg);
	unsetenv("KHIPU_STATS_NO_CUBE");
	cr_assert_gt(c.nrows, 0, "%s", by);
	cr_assert_eq(c.nrows, f.nrows, "%s: %zu groups from the cube, %zu from the facts", by,
		c.nrows, f.nrows);
	for (i = 0; i < c.nrows; i++) {
		cr_assert_eq(c.rows[i].value, f.rows[i].value, "%s, group %zu", by, i);
		for (k = 0; k < q.nby; k++)
			cr_assert((c.rows[i].keys[k] == NULL && f.rows[i].keys[k] == NULL) ||
				(c.rows[i].keys[k] != NULL && f.rows[i].keys[k] != NULL &&
				 strcmp(c.rows[i].keys[k], f.rows[i].keys[k]) == 0), "%s, group %zu", by, i);
	}
	cr_assert_eq(c.total, f.total, "%s", by);
	arena_release(&a);
}

Test(stats, facts_follow_the_register)
{
	char db[128], key[128];
	struct app *app = NULL, *other = NULL;
	struct policy_actor sys, analyst, police;
	struct kerr err = { 0 };
	struct arena a;

	snprintf(db, sizeof(db), "%s/r.db", dir);
	snprintf(key, sizeof(key), "%s/r.key", dir);
	cr_assert_eq(app_init(db, key, NULL, NULL, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(app_open(db, key, &app, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(app_open(db, key, &other, &err), KERR_OK, "%s", err.msg);
	app_system_actor(&sys);
	cr_assert_eq(app_demo(app, &sys, 80, 7, DEMO_PW, NULL, NULL, &err), KERR_OK, "%s", err.msg);
	arena_init(&a);
	cr_assert_eq(app_actor(app, "demo-analyst", &a, &analyst, &err), KERR_OK);
	cr_assert_eq(app_actor(app, "demo-police", &a, &police, &err), KERR_OK);

	int64_t victims = sql_int(db, "SELECT count(*) FROM participations WHERE role = 'victim'");
	cr_assert_gt(victims, 0);
	cr_assert_eq(total(app, &analyst, STAT_VICTIMS, "year"), victims);
	/* a second handle sees the same, and refreshing again adds nothing */
	cr_assert_eq(total(other, &analyst, STAT_VICTIMS, "sex"), victims);
	cr_assert_eq(app_stats_refresh(other, &err), KERR_OK);
	cr_assert_eq(sql_int(db, "SELECT count(*) FROM stat_facts WHERE kind = 'victim'"), victims);
	cr_assert_eq(total(app, &analyst, STAT_CASES, "stage"),
		sql_int(db, "SELECT count(*) FROM cases"));
	cr_assert_eq(total(app, &analyst, STAT_SUSPECTS, "outcome"),
		sql_int(db, "SELECT count(*) FROM participations WHERE role = 'suspect'"));
	cr_assert_eq(total(app, &analyst, STAT_CONVICTIONS, "year"),
		sql_int(db, "SELECT count(*) FROM participations WHERE outcome IN "
			"('convicted', 'plea_convicted')"));
	cr_assert_eq(total(app, &analyst, STAT_ASSETS_VALUE, "region"),
		sql_int(db, "SELECT sum(value_cents) FROM assets WHERE currency = 'PEN'"));

	/* the cubes of offices, stages, means of control, recruitment and cases
	 * agree with the facts, before and after events move cases' stages */
	static const char *const vby[] = { "office", "stage", "distrito_fiscal",
		"means_of_control", "recruitment", "office,stage", "year,distrito_fiscal,region",
		"recruitment,source" };
	static const char *const cby[] = { "office", "stage", "region", "source", "year",
		"office,stage,year", "distrito_fiscal" };
	for (size_t i = 0; i < sizeof(vby) / sizeof(vby[0]); i++)
		same_both_paths(app, &analyst, STAT_VICTIMS, vby[i]);
	for (size_t i = 0; i < sizeof(cby) / sizeof(cby[0]); i++)
		same_both_paths(app, &analyst, STAT_CASES, cby[i]);
	cr_assert_eq(sql_int(db, "SELECT sum(n) FROM stat_cube WHERE cube = 'office'"), victims);
	cr_assert_eq(sql_int(db, "SELECT sum(n) FROM stat_cube WHERE cube = 'case'"),
		sql_int(db, "SELECT count(*) FROM cases"));

	/* refused for the police, and the refusal is audited */
	struct stat_query q = { .measure = STAT_VICTIMS };
	struct stat_result r;
	cr_assert_eq(stat_parse_by(&q, "year", &err), KERR_OK);
	cr_assert_eq(app_stats(app, &police, &q, &a, &r, &err), KERR_DENIED);
	cr_assert_eq(sql_int(db, "SELECT count(*) FROM audit WHERE action = 'access.denied'"), 1);
	arena_release(&a);
	app_close(other);
	app_close(app);
}
