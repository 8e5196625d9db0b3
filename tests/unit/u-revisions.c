/*
 * u-revisions.c — unit tests for app/revisions.c and app/caseupdate.c
 * (REQ-CASE-UPD, REQ-CASE-REV): the diff between two documents (children
 * matched by id, added, removed, nested), and amending a case: the
 * version check, children changed in place, added and marked removed,
 * identities kept when left out or masked, erased by null, the revisions
 * written sealed and read back, every version rebuilt whole.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apptest.h"
#include "app/casedoc.h"

static struct apptest t;
static struct app *app;
static struct policy_actor sys, pros, police, analyst, other;
static struct arena ar;
static struct kerr err;
static int64_t cid;

static const char *const CASE =
	"{\"number\": \"2024-0009-FEPMTP-MDD\", \"office\": \"FEPMTP-MDD\","
	" \"complaint_date\": \"2024-03-02\", \"complaint_source\": \"police_report\","
	" \"place\": {\"country\": \"PE\", \"ubigeo\": \"170101\"}, \"offences\": [\"cp_129a\"],"
	" \"summary\": \"Rescate en La Pampa\","
	" \"persons\": ["
	"  {\"role\": \"victim\", \"name\": \"Zoila Ttito Huarcaya\", \"sex\": \"female\","
	"   \"doc_type\": \"dni\", \"doc_number\": \"70112233\", \"birth_date\": \"2006-01-02\","
	"   \"identifiers\": [{\"kind\": \"phone\", \"value\": \"+51 987 111 222\"}],"
	"   \"victim\": {\"exploitation\": [\"sexual_exploitation\"]}},"
	"  {\"role\": \"suspect\", \"name\": \"Fausto Quispe Mamani\", \"sex\": \"male\"}],"
	" \"events\": [{\"stage\": \"preliminary_inquiry\", \"date\": \"2024-03-03\"}],"
	" \"assets\": [{\"kind\": \"cash\", \"value\": 100, \"currency\": \"PEN\"}]}";

static void
setup(void)
{
	apptest_open(&t, "rev", 3);
	app = t.app;
	sys = t.sys;
	arena_init(&ar);
	apptest_actor(&t, "demo-prosecutor", &pros);
	apptest_actor(&t, "demo-police", &police);
	apptest_actor(&t, "demo-analyst", &analyst);
	apptest_actor(&t, "cus-pros", &other);
	cr_assert_eq(app_case_add_json(app, &pros, CASE, strlen(CASE), &cid, &err), KERR_OK,
		"%s", err.msg);
}

static void
teardown(void)
{
	arena_release(&ar);
	apptest_close(&t);
}

TestSuite(revisions, .init = setup, .fini = teardown);

static json_t *
j(const char *text)
{
	json_error_t je;
	json_t *v = json_loads(text, 0, &je);

	cr_assert_not_null(v, "%s", je.text);
	return v;
}

/* The changes of app_rev_diff as "path:old>new" lines, compact JSON. */
static char *
diff_text(const char *a, const char *b)
{
	json_t *x = j(a), *y = j(b), *d = app_rev_diff(x, y), *ch;
	static char out[2048];
	size_t i, len = 0;

	out[0] = '\0';
	json_array_foreach(d, i, ch) {
		char *o = json_dumps(json_object_get(ch, "old"), JSON_ENCODE_ANY | JSON_COMPACT);
		char *n = json_dumps(json_object_get(ch, "new"), JSON_ENCODE_ANY | JSON_COMPACT);
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s:%s>%s;",
			json_string_value(json_object_get(ch, "path")), o, n);
		free(o);
		free(n);
	}
	json_decref(x);
	json_decref(y);
	json_decref(d);
	return out;
}

Test(revisions, diff_of_equal_documents_is_empty)
{
	cr_assert_str_eq(diff_text("{\"a\": 1, \"persons\": [{\"id\": 1, \"name\": \"x\"}]}",
		"{\"a\": 1, \"persons\": [{\"id\": 1, \"name\": \"x\"}]}"), "");
	/* the version and the output markers are not changes */
	cr_assert_str_eq(diff_text("{\"version\": 1, \"identities\": \"masked\"}",
		"{\"version\": 2, \"identities\": \"revealed\"}"), "");
}

Test(revisions, diff_names_changed_fields_by_child_id)
{
	cr_assert_str_eq(diff_text(
		"{\"persons\": [{\"id\": 4, \"name\": \"a\", \"sex\": \"male\"}, {\"id\": 9, \"name\": \"b\"}]}",
		"{\"persons\": [{\"id\": 9, \"name\": \"b\"}, {\"id\": 4, \"name\": \"a\", \"sex\": \"female\"}]}"),
		"persons[id=4].sex:\"male\">\"female\";");
}

Test(revisions, diff_reports_added_and_removed_children)
{
	cr_assert_str_eq(diff_text("{\"events\": [{\"id\": 1, \"stage\": \"x\"}]}",
		"{\"events\": [{\"id\": 2, \"stage\": \"y\"}]}"),
		"events[id=1]:{\"id\":1,\"stage\":\"x\"}>null;events[id=2]:null>{\"id\":2,\"stage\":\"y\"};");
	/* nested children (a person's identifiers) and lists of codes */
	cr_assert_str_eq(diff_text(
		"{\"persons\": [{\"id\": 1, \"identifiers\": [{\"id\": 5, \"value\": \"1\"}], \"c\": [\"a\"]}]}",
		"{\"persons\": [{\"id\": 1, \"identifiers\": [{\"id\": 5, \"value\": \"2\"}], \"c\": [\"a\", \"b\"]}]}"),
		"persons[id=1].identifiers[id=5].value:\"1\">\"2\";persons[id=1].c:[\"a\"]>[\"a\",\"b\"];");
	/* a value that appears or goes */
	cr_assert_str_eq(diff_text("{\"a\": null}", "{\"a\": 3, \"b\": true}"), "a:null>3;b:null>true;");
}

/* The case as case show --format json prints it for actor. */
static char *
show(const struct policy_actor *a, enum app_reveal r)
{
	struct kcase c;
	json_t *o;
	char *s;

	cr_assert_eq(app_case_show(app, a, cid, r, &ar, &c, &err), KERR_OK, "%s", err.msg);
	o = casedoc_to_json(&c, "FEPMTP-MDD", "masked", CASEDOC_WITH_CHILDREN);
	s = json_dumps(o, 0);
	json_decref(o);
	return s;
}

static enum kerr_code
update(const struct policy_actor *a, json_t *doc, int64_t *v)
{
	char *s = json_dumps(doc, 0);
	enum kerr_code rc = app_case_update_json(app, a, cid, s, strlen(s), "motivo", 0, v, &err);

	free(s);
	return rc;
}

Test(revisions, an_unchanged_document_writes_nothing)
{
	char *s = show(&pros, APP_MASKED);
	json_t *doc = j(s);
	int64_t v = 0;

	cr_assert_eq(update(&pros, doc, &v), KERR_OK, "%s", err.msg);
	cr_assert_eq(v, 1, "the masked identities count as unchanged");
	json_decref(doc);
	free(s);
}

Test(revisions, update_changes_adds_removes_and_keeps_identities)
{
	char *s = show(&pros, APP_MASKED), *after;
	json_t *doc = j(s), *persons, *hist, *v1;
	int64_t v = 0;
	struct kcase c;

	persons = json_object_get(doc, "persons");
	/* change the suspect's sex, remove the asset, add an event and a person */
	json_object_set_new(json_array_get(persons, 1), "sex", json_string("female"));
	json_array_clear(json_object_get(doc, "assets"));
	json_array_append_new(json_object_get(doc, "events"), j("{\"stage\": "
		"\"formalised_investigation\", \"date\": \"2024-05-02\"}"));
	json_array_append_new(persons, j("{\"role\": \"witness\", \"name\": \"Ana Soto\"}"));
	cr_assert_eq(update(&pros, doc, &v), KERR_OK, "%s", err.msg);
	cr_assert_eq(v, 2);
	cr_assert_eq(app_case_show(app, &pros, cid, APP_REVEAL, &ar, &c, &err), KERR_OK);
	cr_assert_eq(c.nparts, 3);
	cr_assert_eq(c.nassets, 0, "the asset left out is removed");
	cr_assert_str_eq(c.stage, "formalised_investigation", "the stage is derived again");
	cr_assert_str_eq(c.parts[0].person.name, "Zoila Ttito Huarcaya", "masked name kept");
	cr_assert_str_eq(c.parts[0].person.doc_number, "70112233", "masked document kept");
	cr_assert_str_eq(c.parts[0].person.birth_date, "2006-01-02", "masked birth date kept");
	cr_assert_str_eq(c.idents[0].value, "+51 987 111 222", "masked phone kept");
	cr_assert_str_eq(c.parts[1].person.sex, "female");
	cr_assert_str_eq(c.summary, "Rescate en La Pampa");
	/* the removed asset is marked, not deleted */
	cr_assert_eq(c.version, 2);
	/* a stale document is refused and writes nothing */
	cr_assert_eq(update(&pros, doc, &v), KERR_STALE);
	/* the history names who and what; version 1 is whole */
	cr_assert_eq(app_case_history(app, &pros, cid, APP_MASKED, &hist, &err), KERR_OK);
	cr_assert_eq(json_array_size(json_object_get(hist, "revisions")), 2);
	after = json_dumps(hist, 0);
	cr_assert(strstr(after, "persons[id=") != NULL && strstr(after, "\"demo-prosecutor\""));
	cr_assert(strstr(after, "Ana Soto") == NULL, "identities are masked in the history");
	cr_assert(strstr(after, "\"motivo\"") != NULL, "the reason is kept");
	free(after);
	json_decref(hist);
	cr_assert_eq(app_case_version_doc(app, &pros, cid, 1, APP_REVEAL, &v1, &err), KERR_OK);
	cr_assert_eq(json_array_size(json_object_get(v1, "assets")), 1, "version 1 had the asset");
	cr_assert_eq(json_array_size(json_object_get(v1, "persons")), 2);
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(
		json_object_get(v1, "persons"), 1), "sex")), "male");
	json_decref(v1);
	json_decref(doc);
	free(s);
}

Test(revisions, null_erases_and_new_value_replaces)
{
	char *s = show(&pros, APP_MASKED);
	json_t *doc = j(s), *p0;
	int64_t v = 0;
	struct kcase c;

	p0 = json_array_get(json_object_get(doc, "persons"), 0);
	json_object_set_new(p0, "doc_number", json_null());
	json_object_set_new(p0, "name", json_string("Zoila Ttito Huarcaya de Soto"));
	cr_assert_eq(update(&pros, doc, &v), KERR_OK, "%s", err.msg);
	cr_assert_eq(app_case_show(app, &pros, cid, APP_REVEAL, &ar, &c, &err), KERR_OK);
	cr_assert_null(c.parts[0].person.doc_number);
	cr_assert_str_eq(c.parts[0].person.name, "Zoila Ttito Huarcaya de Soto");
	json_decref(doc);
	free(s);
}

Test(revisions, bad_updates_are_refused_and_write_nothing)
{
	char *s = show(&pros, APP_MASKED);
	json_t *doc = j(s);
	int64_t v = 0;
	struct kcase c;

	/* an unknown child id (of another case) */
	json_object_set_new(json_array_get(json_object_get(doc, "events"), 0), "id",
		json_integer(1));
	cr_assert_eq(update(&pros, doc, &v), KERR_INVALID);
	cr_assert(strstr(err.msg, "events[") != NULL, "%s", err.msg);
	json_decref(doc);
	/* a date before the complaint */
	doc = j(s);
	json_array_append_new(json_object_get(doc, "events"), j("{\"stage\": \"trial\", "
		"\"date\": \"2023-01-01\"}"));
	cr_assert_eq(update(&pros, doc, &v), KERR_INVALID);
	cr_assert(strstr(err.msg, "before the complaint") != NULL, "%s", err.msg);
	json_decref(doc);
	/* a role that may not amend, and another office */
	doc = j(s);
	cr_assert_eq(update(&analyst, doc, &v), KERR_DENIED);
	cr_assert_eq(update(&other, doc, &v), KERR_DENIED);
	/* no version */
	json_object_del(doc, "version");
	cr_assert_eq(update(&pros, doc, &v), KERR_INVALID);
	json_decref(doc);
	cr_assert_eq(app_case_show(app, &pros, cid, APP_MASKED, &ar, &c, &err), KERR_OK);
	cr_assert_eq(c.version, 1, "nothing was written");
	free(s);
}

Test(revisions, an_event_is_a_revision)
{
	json_t *hist;

	cr_assert_eq(app_case_event(app, &police, cid, "formalised_investigation", "2024-05-02",
		NULL, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(app_case_history(app, &police, cid, APP_MASKED, &hist, &err), KERR_OK);
	cr_assert_eq(json_integer_value(json_object_get(hist, "version")), 2);
	json_decref(hist);
}
