/*
 * apptest.h — the register most application unit tests start from: a
 * temporary folder holding a register with a demo of a few cases (its
 * demo-* users), a prosecutor of a second office ('cus-pros', FEPMTP-CUS)
 * for the scope checks, and the system actor. One setup, so a suite says
 * only what it adds (its cases, its actors).
 */
#ifndef KHIPU_APPTEST_H
#define KHIPU_APPTEST_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

#include "app/app.h"
#include "app/app_int.h"

struct apptest {
	char dir[64], db[128], key[128];
	struct app *app;
	struct policy_actor sys;
	struct arena ar;
	struct kerr err;
};

/* name: a word for the folder (/tmp/khipu-u-NAME.XXXXXX) */
static inline void
apptest_open(struct apptest *t, const char *name, int demo_cases)
{
	snprintf(t->dir, sizeof(t->dir), "/tmp/khipu-u-%s.XXXXXX", name);
	cr_assert_not_null(mkdtemp(t->dir));
	snprintf(t->db, sizeof(t->db), "%s/k.db", t->dir);
	snprintf(t->key, sizeof(t->key), "%s/k.key", t->dir);
	arena_init(&t->ar);
	cr_assert_eq(app_init(t->db, t->key, NULL, NULL, &t->err), KERR_OK, "%s", t->err.msg);
	cr_assert_eq(app_open(t->db, t->key, &t->app, &t->err), KERR_OK, "%s", t->err.msg);
	app_system_actor(&t->sys);
	cr_assert_eq(app_demo(t->app, &t->sys, demo_cases, 1, "khipu-demo-2024", NULL, NULL,
		&t->err), KERR_OK, "%s", t->err.msg);
	cr_assert_eq(app_user_add(t->app, &t->sys, "cus-pros", "prosecutor", "FEPMTP-CUS",
		"khipu-demo-2024", &t->err), KERR_OK, "%s", t->err.msg);
}

static inline void
apptest_actor(struct apptest *t, const char *user, struct policy_actor *out)
{
	cr_assert_eq(app_actor(t->app, user, &t->ar, out, &t->err), KERR_OK, "%s: %s", user,
		t->err.msg);
}

static inline void
apptest_close(struct apptest *t)
{
	char cmd[128];

	app_close(t->app);
	arena_release(&t->ar);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
	cr_assert_eq(system(cmd), 0);
}

#endif
