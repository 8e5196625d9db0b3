/*
 * u-persons.c — unit tests for app/persons and the identity record of
 * app/protect: a person's identity fields sealed as one record (and still
 * read and written one by one), the name search through the pair index
 * (exact first, then by words matched, most words required), the actor's
 * scope, and the audit entry each search writes.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apptest.h"

static struct apptest t;
static struct app *app;
static struct policy_actor sys, pros, cus, liaison;
static struct arena ar;
static struct kerr err;

/* Five persons in one case of Madre de Dios (names not in the demo's lists). */
static const char *const CASE_MDD =
	"{\"number\": \"2024-0001-FEPMTP-MDD\", \"office\": \"FEPMTP-MDD\","
	" \"complaint_date\": \"2024-03-02\", \"complaint_source\": \"police_report\","
	" \"place\": {\"country\": \"PE\", \"ubigeo\": \"170101\"}, \"offences\": [\"cp_129a\"],"
	" \"persons\": ["
	"  {\"role\": \"victim\", \"name\": \"Zoila Ttito Huarcaya\", \"sex\": \"female\","
	"   \"alias\": \"La Flaca\", \"doc_type\": \"dni\", \"doc_number\": \"70112233\","
	"   \"birth_date\": \"2006-01-02\", \"address\": \"Jr. Puno 12\", \"nationality\": \"PE\"},"
	"  {\"role\": \"victim\", \"name\": \"Soila Tito Uarcalla\", \"sex\": \"female\"},"
	"  {\"role\": \"victim\", \"name\": \"Zoila Ttito Yucra\", \"sex\": \"female\"},"
	"  {\"role\": \"suspect\", \"name\": \"Fausto Ttito Huarcaya\", \"sex\": \"male\"},"
	"  {\"role\": \"witness\", \"name\": \"Zoila\", \"sex\": \"female\"}]}";

static void
setup(void)
{
	apptest_open(&t, "persons", 3);
	app = t.app;
	sys = t.sys;
	arena_init(&ar);
	apptest_actor(&t, "demo-prosecutor", &pros);
	apptest_actor(&t, "cus-pros", &cus);
	apptest_actor(&t, "demo-liaison", &liaison);
	cr_assert_eq(app_case_add_json(app, &pros, CASE_MDD, strlen(CASE_MDD), NULL, &err),
		KERR_OK, "%s", err.msg);
}

static void
teardown(void)
{
	arena_release(&ar);
	apptest_close(&t);
}

TestSuite(persons, .init = setup, .fini = teardown, .timeout = 120);

static int64_t
person_of(const char *name_masked_prefix, const struct app_person_hit *h, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (h[i].person.name && strncmp(h[i].person.name, name_masked_prefix,
		    strlen(name_masked_prefix)) == 0)
			return h[i].person.id;
	return 0;
}

static size_t
search(const struct policy_actor *who, const char *name, struct app_person_hit **h)
{
	size_t n = 0;

	cr_assert_eq(app_person_search(app, who, APP_BY_NAME, name, &ar, h, &n, &err), KERR_OK,
		"%s", err.msg);
	return n;
}

/* The ids of the test case's persons, in the document's order. */
static void
case_persons(int64_t ids[5])
{
	struct kcase c;
	int64_t id;
	size_t i;

	cr_assert_eq(app_case_id(app, "2024-0001-FEPMTP-MDD", &id, &err), KERR_OK);
	cr_assert_eq(app_case_show(app, &pros, id, APP_MASKED, &ar, &c, &err), KERR_OK);
	cr_assert_eq(c.nparts, 5);
	for (i = 0; i < 5; i++)
		ids[i] = c.parts[i].person_id;
}

Test(persons, identity_is_one_sealed_record_read_field_by_field)
{
	int64_t ids[5];
	const char *v;
	const unsigned char *blob;
	size_t n;

	case_persons(ids);
	cr_assert_eq(app_unseal(app, &ar, "person", ids[0], "name", &v, &err), KERR_OK);
	cr_assert_str_eq(v, "Zoila Ttito Huarcaya");
	cr_assert_eq(app_unseal(app, &ar, "person", ids[0], "doc_number", &v, &err), KERR_OK);
	cr_assert_str_eq(v, "70112233");
	cr_assert_eq(app_unseal(app, &ar, "person", ids[0], "address", &v, &err), KERR_OK);
	cr_assert_str_eq(v, "Jr. Puno 12");
	cr_assert_eq(app_unseal(app, &ar, "person", ids[1], "alias", &v, &err), KERR_OK);
	cr_assert_null(v, "an absent field reads as NULL");
	cr_assert_eq(store_sealed_get(app->st, "person", ids[0], "identity", &ar, &blob, &n,
		&err), KERR_OK, "one record per person");
	cr_assert_null(memmem(blob, n, "Ttito", 5), "sealed");
	cr_assert_eq(store_sealed_get(app->st, "person", ids[0], "name", &ar, &blob, &n, &err),
		KERR_NOTFOUND, "no row per field");

	/* one field written alone rewrites the record, keeping the others */
	cr_assert_eq(store_begin(app->st, &err), KERR_OK);
	cr_assert_eq(app_seal(app, "person", ids[0], "alias", "La Otra", &err), KERR_OK);
	cr_assert_eq(app_seal(app, "person", ids[0], "address", NULL, &err), KERR_OK);
	cr_assert_eq(store_commit(app->st, &err), KERR_OK);
	cr_assert_eq(app_unseal(app, &ar, "person", ids[0], "alias", &v, &err), KERR_OK);
	cr_assert_str_eq(v, "La Otra");
	cr_assert_eq(app_unseal(app, &ar, "person", ids[0], "address", &v, &err), KERR_OK);
	cr_assert_null(v);
	cr_assert_eq(app_unseal(app, &ar, "person", ids[0], "birth_date", &v, &err), KERR_OK);
	cr_assert_str_eq(v, "2006-01-02");

	/* a record moved to another person does not open */
	cr_assert_eq(store_sealed_get(app->st, "person", ids[0], "identity", &ar, &blob, &n,
		&err), KERR_OK);
	cr_assert_eq(store_sealed_put(app->st, "person", ids[2], "identity", blob, n, &err),
		KERR_OK);
	cr_assert_eq(app_unseal(app, &ar, "person", ids[2], "name", &v, &err), KERR_CRYPTO);
}

Test(persons, exact_first_then_most_words)
{
	struct app_person_hit *h;
	int64_t ids[5];
	size_t n;

	case_persons(ids);
	n = search(&pros, "Zoila Ttito Huarcaya", &h);
	cr_assert_eq(n, 4, "exact, phonetic twin, and the two sharing two of three words");
	cr_assert_eq(h[0].person.id, ids[0], "the exact match first");
	cr_assert_geq(h[0].score, 100);
	cr_assert_eq(h[1].person.id, ids[1], "Soila Tito Uarcalla sounds the same");
	cr_assert_eq(h[1].score, 3);
	cr_assert_eq(h[2].score, 2);
	cr_assert_eq(h[3].score, 2);
	cr_assert_eq(h[2].person.id, ids[2]);
	cr_assert_eq(h[3].person.id, ids[3]);
	cr_assert_str_eq(h[0].person.name, app_mask(&ar, "Zoila Ttito Huarcaya"), "masked");
	cr_assert_null(h[0].person.doc_number, "a hit shows the masked name only");
	cr_assert_eq(h[3].nparts, 1);
	cr_assert_str_eq(h[3].parts[0].role, "suspect");
	cr_assert_str_eq(h[3].case_numbers[0], "2024-0001-FEPMTP-MDD");

	n = search(&pros, "huarcaya ZOILA", &h);
	cr_assert_eq(n, 2, "two words: both must match (%zu)", n);
	cr_assert_eq(person_of("Z", h, n), ids[0]);
	n = search(&pros, "Zoila Fausto Ttito Huarcaya", &h);
	cr_assert_eq(n, 3, "four words: three must match (%zu)", n);
	cr_assert_eq(h[0].person.id, ids[0]);
	n = search(&pros, "Zoila", &h);
	cr_assert_eq(n, 1, "one word finds who is registered under that one word");
	cr_assert_eq(h[0].person.id, ids[4]);
	n = search(&pros, "Ttito", &h);
	cr_assert_eq(n, 0, "not everyone sharing a surname");
}

Test(persons, hits_follow_the_actors_scope)
{
	struct app_person_hit *h;
	size_t n;

	n = search(&cus, "Zoila Ttito Huarcaya", &h);
	cr_assert_eq(n, 0, "another office's prosecutor sees nobody");
	n = search(&liaison, "Zoila Ttito Huarcaya", &h);
	cr_assert_eq(n, 4, "liaison reads every case");
	cr_assert_null(person_of("Z", h, n) ? h[0].person.name : NULL);
	for (size_t i = 0; i < n; i++)
		if (strcmp(h[i].parts[0].role, "victim") == 0)
			cr_assert_null(h[i].person.name, "no victim name for liaison");
		else
			cr_assert_not_null(h[i].person.name, "a suspect's name, masked");
	cr_assert_eq(app_person_search(app, &pros, APP_BY_DOC, "70.112.233", &ar, &h, &n, &err),
		KERR_OK);
	cr_assert_eq(n, 1);
}

/* A hit says whether the actor may add the person to a case, by the very
 * rule app_person_check_join applies (issue 9: a form offers no one the
 * case would refuse). */
Test(persons, joinable_is_the_join_rule)
{
	struct app_person_hit *h;
	size_t n, i, victims = 0, joinable = 0;

	n = search(&pros, "Zoila Ttito Huarcaya", &h);
	cr_assert_gt(n, 0);
	for (i = 0; i < n; i++)
		cr_assert(h[i].joinable, "her own office's persons may join her cases");
	n = search(&liaison, "Zoila Ttito Huarcaya", &h);
	cr_assert_eq(n, 4);
	for (i = 0; i < n; i++) {
		int ok = app_person_check_join(app, &liaison, h[i].person.id, "person_id", &err) ==
			KERR_OK;
		cr_assert_eq(h[i].joinable, ok, "hit %zu: joinable %d, the join rule %d", i,
			h[i].joinable, ok);
		victims += strcmp(h[i].parts[0].role, "victim") == 0;
		joinable += h[i].joinable;
	}
	cr_assert(victims > 0 && joinable == n - victims,
		"liaison may add suspects she may reveal, never victims (%zu of %zu)", joinable, n);
}

struct audit_last {
	char action[32], detail[128];
	int64_t n;
};

static int
last_entry(void *ctx, const struct audit_entry *e)
{
	struct audit_last *l = ctx;

	snprintf(l->action, sizeof(l->action), "%s", e->action);
	snprintf(l->detail, sizeof(l->detail), "%s", e->detail);
	l->n++;
	return 0;
}

Test(persons, each_search_is_audited_without_the_query)
{
	struct audit_last before = { 0 }, after = { 0 };
	struct app_person_hit *h;

	cr_assert_eq(store_audit_foreach(app->st, 1, last_entry, &before, &err), KERR_OK);
	search(&pros, "Zoila Ttito Huarcaya", &h);
	cr_assert_eq(store_audit_foreach(app->st, 1, last_entry, &after, &err), KERR_OK);
	cr_assert_eq(after.n, before.n + 1);
	cr_assert_str_eq(after.action, "person.search");
	cr_assert_str_eq(after.detail, "{\"by\":\"name\",\"hits\":4}");
	cr_assert_null(strstr(after.detail, "Zoila"));
}

static const char *const CASE_FULL =
	"{\"number\": \"2024-0003-FEPMTP-MDD\", \"office\": \"FEPMTP-MDD\","
	" \"complaint_date\": \"2024-03-06\", \"complaint_source\": \"police_report\","
	" \"place\": {\"country\": \"PE\", \"ubigeo\": \"170101\"},"
	" \"offences\": [\"cp_129a\"], \"persons\": [{\"role\": \"victim\","
	" \"name\": \"Marcelina Quenaya Tacuri\"}]}";

/* Many partial matches registered before the full one: the full match is
 * still found, first, and the partial ones shown stop at the cap. */
Test(persons, full_matches_are_never_crowded_out)
{
	static const char *const extra[] = {
		"Ccopa", "Yupa", "Mayta", "Pillco", "Soncco", "Quille", "Llacsa", "Cjuno",
	};
	char doc[8192];
	struct app_person_hit *h;
	size_t n, i, j, len;

	len = (size_t)snprintf(doc, sizeof(doc), "{\"number\": \"2024-0002-FEPMTP-MDD\","
		" \"office\": \"FEPMTP-MDD\", \"complaint_date\": \"2024-03-05\","
		" \"complaint_source\": \"police_report\", \"place\": {\"country\": \"PE\","
		" \"ubigeo\": \"170101\"}, \"offences\": [\"cp_129a\"], \"persons\": [");
	for (i = 0; i < 8; i++)
		for (j = 0; j < 5; j++)
			len += (size_t)snprintf(doc + len, sizeof(doc) - len, "%s{\"role\": \"witness\","
				" \"name\": \"Marcelina Quenaya %s%s\"}", i + j ? "," : "", extra[i],
				(const char *[]){ "", " Ana", " Eva", " Ada", " Isa" }[j]);
	snprintf(doc + len, sizeof(doc) - len, "]}");
	cr_assert_eq(app_case_add_json(app, &pros, doc, strlen(doc), NULL, &err), KERR_OK, "%s",
		err.msg);
	cr_assert_eq(app_case_add_json(app, &pros, CASE_FULL, strlen(CASE_FULL), NULL, &err),
		KERR_OK, "%s", err.msg);
	n = search(&pros, "Marcelina Quenaya Tacuri", &h);
	cr_assert_geq(h[0].score, 100, "the exact match comes first");
	cr_assert_str_eq(h[0].case_numbers[0], "2024-0003-FEPMTP-MDD");
	cr_assert_eq(n, 1 + 32, "the full match and 32 of the 40 partial ones (%zu)", n);
}
