/*
 * u-identsearch.c — unit tests for app/identsearch: one phone, written two
 * ways, in a case of Madre de Dios and one of Cusco; what each actor sees
 * (her cases; of the others only the office), the refusals, and the audit
 * entry without the value.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apptest.h"
#include "app/identsearch.h"

static struct apptest t;
static struct app *app;
static struct policy_actor sys, pros, cus, liaison, analyst;
static struct arena ar;
static struct kerr err;

#define CASE(number, office, phone) \
	"{\"number\": \"" number "\", \"office\": \"" office "\"," \
	" \"complaint_date\": \"2024-03-02\", \"complaint_source\": \"police_report\"," \
	" \"place\": {\"country\": \"PE\", \"ubigeo\": \"170101\"}, \"offences\": [\"cp_129a\"]," \
	" \"persons\": [{\"role\": \"suspect\", \"name\": \"Fausto Ttito\", \"sex\": \"male\"," \
	" \"identifiers\": [{\"kind\": \"phone\", \"value\": \"" phone "\"}]}]," \
	" \"identifiers\": [{\"kind\": \"bank_account\", \"value\": \"191-55-0-1\"}]}"

static void
setup(void)
{
	static const char mdd[] = CASE("2024-0001-FEPMTP-MDD", "FEPMTP-MDD", "+51 944 555 666");
	static const char cusc[] = CASE("2025-0002-FEPMTP-CUS", "FEPMTP-CUS", "0051 944-555-666");

	apptest_open(&t, "ident", 2);
	app = t.app;
	sys = t.sys;
	arena_init(&ar);
	apptest_actor(&t, "demo-prosecutor", &pros);
	apptest_actor(&t, "cus-pros", &cus);
	apptest_actor(&t, "demo-liaison", &liaison);
	apptest_actor(&t, "demo-analyst", &analyst);
	cr_assert_eq(app_case_add_json(app, &pros, mdd, strlen(mdd), NULL, &err), KERR_OK,
		"%s", err.msg);
	cr_assert_eq(app_case_add_json(app, &cus, cusc, strlen(cusc), NULL, &err), KERR_OK,
		"%s", err.msg);
}

static void
teardown(void)
{
	arena_release(&ar);
	apptest_close(&t);
}

TestSuite(ident, .init = setup, .fini = teardown, .timeout = 120);

static size_t
search(const struct policy_actor *who, const char *kind, const char *value,
	struct app_ident_hit **h)
{
	size_t n = 0;

	cr_assert_eq(app_identifier_search(app, who, kind, value, &ar, h, &n, &err), KERR_OK,
		"%s", err.msg);
	return n;
}

Test(ident, own_cases_in_full_others_only_the_office)
{
	struct app_ident_hit *h;
	size_t n = search(&pros, "phone", "944555666", &h);

	cr_assert_eq(n, 2);
	cr_expect(h[0].visible);
	cr_expect_str_eq(h[0].case_number, "2024-0001-FEPMTP-MDD");
	cr_expect_str_eq(h[0].office_code, "FEPMTP-MDD");
	cr_expect_str_eq(h[0].role, "suspect");
	cr_expect_gt(h[0].person_id, 0);
	cr_expect(!h[1].visible);
	cr_expect_str_eq(h[1].office_code, "FEPMTP-CUS");
	cr_expect_null(h[1].case_number);
	cr_expect_eq(h[1].case_id, 0);
	cr_expect_eq(h[1].person_id, 0);
	cr_expect_null(h[1].role);

	n = search(&cus, "phone", "+51 944 555 666", &h);
	cr_assert_eq(n, 2);
	cr_expect_str_eq(h[0].case_number, "2025-0002-FEPMTP-CUS");
	cr_expect(!h[1].visible);
	cr_expect_str_eq(h[1].office_code, "FEPMTP-MDD");

	n = search(&liaison, "phone", "944555666", &h);
	cr_assert_eq(n, 2);
	cr_expect(h[0].visible && h[1].visible);
}

Test(ident, a_case_identifier_and_nothing_found)
{
	struct app_ident_hit *h;
	size_t n = search(&pros, "bank_account", "191 55 0 1", &h);

	/* tied to the case, not to a person */
	cr_assert_eq(n, 2);
	cr_expect(h[0].visible);
	cr_expect_null(h[0].role);
	cr_expect_eq(h[0].person_id, 0);
	cr_expect_eq(search(&pros, "phone", "911000111", &h), 0);
	/* the same value under another kind is another identifier */
	cr_expect_eq(search(&pros, "imei", "944555666", &h), 0);
}

Test(ident, refusals)
{
	struct app_ident_hit *h;
	size_t n;

	cr_expect_eq(app_identifier_search(app, &analyst, "phone", "944555666", &ar, &h, &n, &err),
		KERR_DENIED);
	cr_expect_eq(app_identifier_search(app, &pros, "telefono", "944555666", &ar, &h, &n, &err),
		KERR_INVALID);
	cr_expect(strstr(err.msg, "--kind") != NULL, "%s", err.msg);
	cr_expect_eq(app_identifier_search(app, &pros, "phone", "12", &ar, &h, &n, &err),
		KERR_INVALID);
	cr_expect(strstr(err.msg, "--value") != NULL, "%s", err.msg);
	cr_expect(strstr(err.msg, "12") == NULL, "the value is not repeated: %s", err.msg);
}

struct last {
	char action[32], object[32], detail[160];
	int64_t n;
};

static int
last_entry(void *ctx, const struct audit_entry *e)
{
	struct last *l = ctx;

	snprintf(l->action, sizeof(l->action), "%s", e->action);
	snprintf(l->object, sizeof(l->object), "%s", e->object);
	snprintf(l->detail, sizeof(l->detail), "%s", e->detail ? e->detail : "");
	l->n++;
	return 0;
}

Test(ident, each_search_is_audited_without_the_value)
{
	struct last before = { 0 }, after = { 0 };
	struct app_ident_hit *h;

	cr_assert_eq(store_audit_foreach(app->st, 1, last_entry, &before, &err), KERR_OK);
	search(&pros, "phone", "944555666", &h);
	cr_assert_eq(store_audit_foreach(app->st, 1, last_entry, &after, &err), KERR_OK);
	cr_assert_eq(after.n, before.n + 1);
	cr_expect_str_eq(after.action, "person.search");
	cr_expect_str_eq(after.object, "identifier");
	cr_expect_str_eq(after.detail,
		"{\"by\":\"identifier\",\"cases\":1,\"kind\":\"phone\",\"other_offices\":1}");
	cr_expect_null(strstr(after.detail, "944"));
}
