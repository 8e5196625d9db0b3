/* u-casedoc.c — unit tests for app/casedoc: the example of
 * docs/case-document.md lands in the model field by field, survives a round
 * trip through casedoc_to_json, and bad documents are refused naming the
 * field at fault and never echoing an identity. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "app/casedoc.h"
#include "lib/arena.h"
#include "lib/kerr.h"

/* A copy of the example in docs/case-document.md. */
static const char EXAMPLE[] =
	"{\n"
	"  \"number\": \"2024-0153-FEPMTP-MDD\",\n"
	"  \"office\": \"FEPMTP-MDD\",\n"
	"  \"complaint_date\": \"2024-03-02\",\n"
	"  \"complaint_source\": \"police_report\",\n"
	"  \"place\": {\"country\": \"PE\", \"ubigeo\": \"170101\"},\n"
	"  \"offences\": [\"cp_129a\", \"cp_129b\"],\n"
	"  \"related_offences\": [\"illegal_mining\", \"organised_crime\"],\n"
	"  \"summary\": \"Rescate en campamento minero de La Pampa.\",\n"
	"  \"persons\": [\n"
	"    {\"role\": \"victim\", \"name\": \"Rosa Quispe Mamani\", \"sex\": \"female\",\n"
	"     \"birth_date\": \"2006-04-11\", \"nationality\": \"PE\", \"origin_ubigeo\": \"08\",\n"
	"     \"doc_type\": \"dni\", \"doc_number\": \"71234567\",\n"
	"     \"identifiers\": [{\"kind\": \"phone\", \"value\": \"+51 987 654 321\"}],\n"
	"     \"victim\": {\"age_at_recruitment\": 17, \"exploitation\": [\"sexual_exploitation\"],\n"
	"                \"control\": [\"false_promises\", \"withholds_documents\"],\n"
	"                \"recruitment\": [\"job_offer\"], \"relationship\": \"stranger\",\n"
	"                \"recruitment_place\": {\"country\": \"PE\", \"ubigeo\": \"080101\"},\n"
	"                \"exploitation_place\": {\"country\": \"PE\", \"ubigeo\": \"170101\"},\n"
	"                \"assistance\": [\"shelter\", \"psychological\"]}},\n"
	"    {\"role\": \"suspect\", \"name\": \"Juan P\xc3\xa9rez Huam\xc3\xa1n\", \"sex\": \"male\", \"nationality\": \"PE\",\n"
	"     \"identifiers\": [{\"kind\": \"phone\", \"value\": \"912 345 678\"}],\n"
	"     \"suspect\": {\"network_roles\": [\"recruiter_intermediary\"], \"charges\": [\"cp_129a\"],\n"
	"                 \"measures\": [{\"kind\": \"preventive_prison\", \"date\": \"2024-03-05\"}],\n"
	"                 \"outcome\": \"pending\"}}\n"
	"  ],\n"
	"  \"events\": [{\"stage\": \"complaint\", \"date\": \"2024-03-02\"},\n"
	"             {\"stage\": \"preliminary_inquiry\", \"date\": \"2024-03-03\"}],\n"
	"  \"assets\": [{\"kind\": \"cash\", \"description\": \"Efectivo en el bar\", \"value\": 12500,\n"
	"              \"currency\": \"PEN\", \"measures\": [{\"measure\": \"seized\", \"date\": \"2024-03-03\"}]}],\n"
	"  \"requests\": [{\"direction\": \"outgoing\", \"country\": \"BO\", \"authority\": \"Fiscal\xc3\xad""a General del Estado\",\n"
	"                \"type\": \"mla\", \"status\": \"sent\", \"sent\": \"2024-06-01\", \"due\": \"2024-09-01\"}]\n"
	"}\n";

/* Identity values of the test documents: none may show in a message. */
static const char *const IDENTITIES[] = {
	"Rosa", "Quispe", "Mamani", "71234567", "987 654 321", "987654321", "2006-04-11",
	"Juan", "Huam", "912 345 678", "La Pampa", "Efectivo", "2006-02-30", NULL
};

static void
assert_no_identity(const struct kerr *err, const char *label)
{
	const char *const *s;

	for (s = IDENTITIES; *s != NULL; s++)
		cr_expect(strstr(err->msg, *s) == NULL, "%s: message leaks '%s': %s", label, *s,
			err->msg);
}

static enum kerr_code
parse_text(struct arena *a, const char *text, struct kcase *c, struct kerr *err)
{
	const char *office;

	kerr_clear(err);
	return casedoc_parse(text, strlen(text), a, c, &office, err);
}

/* The example with the member at path ("persons/0/name") set to the JSON
 * value vtext, or removed when vtext is NULL. The caller free()s it. */
static char *
mutated(const char *path, const char *vtext)
{
	json_t *root = json_loads(EXAMPLE, 0, NULL), *cur = root, *v = NULL;
	char buf[128], *seg, *next, *save, *out;

	cr_assert_not_null(root);
	if (vtext != NULL) {
		v = json_loads(vtext, JSON_DECODE_ANY, NULL);
		cr_assert_not_null(v, "bad test value %s", vtext);
	}
	snprintf(buf, sizeof(buf), "%s", path);
	seg = strtok_r(buf, "/", &save);
	while ((next = strtok_r(NULL, "/", &save)) != NULL) {
		cur = json_is_array(cur) ? json_array_get(cur, atoi(seg)) : json_object_get(cur, seg);
		cr_assert_not_null(cur, "no %s in the example", path);
		seg = next;
	}
	if (json_is_array(cur))
		cr_assert_eq(v ? json_array_set_new(cur, atoi(seg), v)
			: json_array_remove(cur, atoi(seg)), 0);
	else if (v != NULL)
		cr_assert_eq(json_object_set_new(cur, seg, v), 0);
	else
		cr_assert_eq(json_object_del(cur, seg), 0, "no %s in the example", path);
	out = json_dumps(root, 0);
	json_decref(root);
	return out;
}

/* ------------------------------------------------------------------ */

Test(casedoc, example_lands_in_the_model)
{
	struct arena a;
	struct kcase c;
	struct kerr err;
	const char *office, **shared;
	size_t nshared;
	const struct participation *v, *s;

	arena_init(&a);
	cr_assert_eq(casedoc_parse_ex(EXAMPLE, strlen(EXAMPLE), &a, &c, &office, &shared,
		&nshared, &err), KERR_OK, "%s", err.msg);
	cr_expect_str_eq(c.number, "2024-0153-FEPMTP-MDD");
	cr_expect_str_eq(office, "FEPMTP-MDD");
	cr_expect_str_eq(c.complaint_date, "2024-03-02");
	cr_expect_str_eq(c.complaint_source, "police_report");
	cr_expect_str_eq(c.place.country, "PE");
	cr_expect_str_eq(c.place.ubigeo, "170101");
	cr_assert_eq(c.noffences, 2);
	cr_expect_str_eq(c.offences[0], "cp_129a");
	cr_expect_str_eq(c.offences[1], "cp_129b");
	cr_assert_eq(c.nrelated, 2);
	cr_expect_str_eq(c.related[0], "illegal_mining");
	cr_expect_str_eq(c.related[1], "organised_crime");
	cr_expect_str_eq(c.summary, "Rescate en campamento minero de La Pampa.");
	cr_expect_eq(c.id, 0);
	cr_expect_eq(c.nshared, 0);
	cr_expect_eq(nshared, 0);
	cr_expect_null(shared);

	cr_assert_eq(c.nparts, 2);
	v = &c.parts[0];
	cr_expect_str_eq(v->role, "victim");
	cr_expect_eq(v->person_id, 0);
	cr_expect_str_eq(v->person.name, "Rosa Quispe Mamani");
	cr_expect_null(v->person.alias);
	cr_expect_str_eq(v->person.sex, "female");
	cr_expect_str_eq(v->person.birth_date, "2006-04-11");
	cr_expect_eq(v->person.birth_year, 2006, "birth_year is derived from birth_date");
	cr_expect_str_eq(v->person.nationality, "PE");
	cr_expect_str_eq(v->person.origin_ubigeo, "08");
	cr_expect_str_eq(v->person.doc_type, "dni");
	cr_expect_str_eq(v->person.doc_number, "71234567");
	cr_expect_null(v->person.address);
	cr_expect_eq(v->victim.age_at_recruitment, 17);
	cr_assert_eq(v->victim.nexploitation, 1);
	cr_expect_str_eq(v->victim.exploitation[0], "sexual_exploitation");
	cr_assert_eq(v->victim.ncontrol, 2);
	cr_expect_str_eq(v->victim.control[0], "false_promises");
	cr_expect_str_eq(v->victim.control[1], "withholds_documents");
	cr_assert_eq(v->victim.nrecruitment, 1);
	cr_expect_str_eq(v->victim.recruitment[0], "job_offer");
	cr_expect_str_eq(v->victim.relationship, "stranger");
	cr_expect_str_eq(v->victim.recruitment_place.country, "PE");
	cr_expect_str_eq(v->victim.recruitment_place.ubigeo, "080101");
	cr_expect_str_eq(v->victim.exploitation_place.ubigeo, "170101");
	cr_assert_eq(v->victim.nassistance, 2);
	cr_expect_str_eq(v->victim.assistance[0], "shelter");
	cr_expect_str_eq(v->victim.assistance[1], "psychological");
	cr_expect_null(v->victim.trafficking_status);
	cr_expect_str_eq(v->victim.recruitment_date, "");
	cr_expect_str_eq(v->victim.rescue_date, "");

	s = &c.parts[1];
	cr_expect_str_eq(s->role, "suspect");
	cr_expect_str_eq(s->person.name, "Juan P\xc3\xa9rez Huam\xc3\xa1n");
	cr_expect_str_eq(s->person.sex, "male");
	cr_expect_eq(s->person.birth_year, 0);
	cr_expect_null(s->person.doc_type);
	cr_expect_str_eq(s->person.origin_ubigeo, "");
	cr_expect_eq(s->victim.age_at_recruitment, -1);
	cr_assert_eq(s->suspect.nnetwork_roles, 1);
	cr_expect_str_eq(s->suspect.network_roles[0], "recruiter_intermediary");
	cr_assert_eq(s->suspect.ncharges, 1);
	cr_expect_str_eq(s->suspect.charges[0], "cp_129a");
	cr_assert_eq(s->suspect.nmeasures, 1);
	cr_expect_str_eq(s->suspect.measures[0].kind, "preventive_prison");
	cr_expect_str_eq(s->suspect.measures[0].date, "2024-03-05");
	cr_expect_str_eq(s->suspect.outcome, "pending");
	cr_expect_eq(s->suspect.sentence_months, 0);
	cr_expect_eq(s->suspect.reparation_cents, 0);

	cr_assert_eq(c.nidents, 2);
	cr_expect_str_eq(c.idents[0].kind, "phone");
	cr_expect_str_eq(c.idents[0].value, "+51 987 654 321");
	cr_expect_eq(c.idents[0].person_index, 0);
	cr_expect_str_eq(c.idents[1].value, "912 345 678");
	cr_expect_eq(c.idents[1].person_index, 1);

	cr_assert_eq(c.nevents, 2);
	cr_expect_str_eq(c.events[0].stage, "complaint");
	cr_expect_str_eq(c.events[0].date, "2024-03-02");
	cr_expect_null(c.events[0].note);
	cr_expect_str_eq(c.events[1].stage, "preliminary_inquiry");
	cr_expect_str_eq(c.events[1].date, "2024-03-03");

	cr_assert_eq(c.nassets, 1);
	cr_expect_str_eq(c.assets[0].kind, "cash");
	cr_expect_str_eq(c.assets[0].description, "Efectivo en el bar");
	cr_expect_eq(c.assets[0].value_cents, 1250000);
	cr_expect_str_eq(c.assets[0].currency, "PEN");
	cr_assert_eq(c.assets[0].nmeasures, 1);
	cr_expect_str_eq(c.assets[0].measures[0].measure, "seized");
	cr_expect_str_eq(c.assets[0].measures[0].date, "2024-03-03");

	cr_assert_eq(c.nrequests, 1);
	cr_expect_str_eq(c.requests[0].direction, "outgoing");
	cr_expect_str_eq(c.requests[0].country, "BO");
	cr_expect_str_eq(c.requests[0].authority, "Fiscal\xc3\xad""a General del Estado");
	cr_expect_str_eq(c.requests[0].type, "mla");
	cr_expect_str_eq(c.requests[0].status, "sent");
	cr_expect_str_eq(c.requests[0].sent, "2024-06-01");
	cr_expect_str_eq(c.requests[0].due, "2024-09-01");
	cr_expect_str_eq(c.requests[0].received, "");
	cr_expect_null(c.requests[0].reference);
	arena_release(&a);
}

/* Drop what only the output has (ids, derived fields), so the output can be
 * read back as input. */
static void
strip_output_fields(json_t *v)
{
	const char *k;
	json_t *x;
	size_t i;

	if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			strip_output_fields(x);
		return;
	}
	if (!json_is_object(v))
		return;
	json_object_del(v, "id");
	json_object_foreach(v, k, x)
		strip_output_fields(x);
}

Test(casedoc, round_trip_through_json)
{
	struct arena a;
	struct kcase c, c2;
	struct kerr err;
	json_t *j, *j2, *p0;
	char *text;

	arena_init(&a);
	cr_assert_eq(parse_text(&a, EXAMPLE, &c, &err), KERR_OK, "%s", err.msg);
	j = casedoc_to_json(&c, "FEPMTP-MDD", "revealed", CASEDOC_WITH_CHILDREN);
	cr_assert_not_null(j);
	cr_expect_str_eq(json_string_value(json_object_get(j, "number")), "2024-0153-FEPMTP-MDD");
	cr_expect_str_eq(json_string_value(json_object_get(j, "office")), "FEPMTP-MDD");
	cr_expect_str_eq(json_string_value(json_object_get(j, "identities")), "revealed");
	cr_expect(json_is_false(json_object_get(j, "synthetic")));
	cr_expect(json_is_null(json_object_get(j, "created_at")));
	cr_expect(json_is_array(json_object_get(j, "shared_with")));
	p0 = json_array_get(json_object_get(j, "persons"), 0);
	cr_expect_str_eq(json_string_value(json_object_get(p0, "name")), "Rosa Quispe Mamani");
	cr_expect(json_is_null(json_object_get(p0, "address")), "a NULL identity is null");
	cr_expect(json_is_null(json_object_get(p0, "person_id")));
	cr_expect_eq(json_integer_value(json_object_get(p0, "birth_year")), 2006);
	cr_expect_str_eq(json_string_value(json_array_get(json_object_get(json_object_get(p0,
		"victim"), "exploitation"), 0)), "sexual_exploitation");
	cr_expect_str_eq(json_string_value(json_object_get(json_array_get(json_object_get(p0,
		"identifiers"), 0), "value")), "+51 987 654 321", "identifiers stay with the person");
	cr_expect_null(json_object_get(p0, "suspect"));
	cr_expect_eq(json_array_size(json_object_get(j, "identifiers")), 0);
	cr_expect_eq(json_number_value(json_object_get(json_array_get(json_object_get(j,
		"assets"), 0), "value")), 12500.0);
	cr_expect(json_is_null(json_object_get(json_array_get(json_object_get(j, "requests"), 0),
		"received")), "an empty date is null");

	/* read the output back: the same document comes out again */
	json_object_del(j, "stage");
	json_object_del(j, "synthetic");
	json_object_del(j, "created_at");
	json_object_del(j, "identities");
	json_object_del(j, "assigned_to");   /* read only, like the stage (app/assign.c) */
	json_object_del(j, "transfers");
	strip_output_fields(j);
	text = json_dumps(j, 0);
	cr_assert_eq(parse_text(&a, text, &c2, &err), KERR_OK, "%s", err.msg);
	j2 = casedoc_to_json(&c2, "FEPMTP-MDD", NULL, CASEDOC_WITH_CHILDREN);
	strip_output_fields(j2);
	json_object_del(j2, "assigned_to");
	json_object_del(j2, "transfers");
	json_object_del(j2, "stage");
	json_object_del(j2, "synthetic");
	json_object_del(j2, "created_at");
	cr_expect(json_equal(j, j2), "round trip differs:\n%s\n%s", text,
		json_dumps(j2, JSON_COMPACT));
	free(text);
	json_decref(j);
	json_decref(j2);
	arena_release(&a);
}

Test(casedoc, without_children_only_the_case)
{
	struct arena a;
	struct kcase c;
	struct kerr err;
	json_t *j;
	int64_t shared[] = { 4, 9 };

	arena_init(&a);
	cr_assert_eq(parse_text(&a, EXAMPLE, &c, &err), KERR_OK, "%s", err.msg);
	c.id = 17;
	c.stage = "preliminary_inquiry";
	c.created_at = 1709337600;   /* 2024-03-02 00:00:00 UTC */
	c.shared_with = shared;
	c.nshared = 2;
	j = casedoc_to_json(&c, NULL, "masked", 0);
	cr_expect_eq(json_integer_value(json_object_get(j, "id")), 17);
	cr_expect(json_is_null(json_object_get(j, "office")));
	cr_expect_str_eq(json_string_value(json_object_get(j, "stage")), "preliminary_inquiry");
	cr_expect_str_eq(json_string_value(json_object_get(j, "created_at")),
		"2024-03-02T00:00:00Z");
	cr_expect_eq(json_array_size(json_object_get(j, "shared_with")), 2);
	cr_expect_eq(json_integer_value(json_array_get(json_object_get(j, "shared_with"), 1)), 9);
	cr_expect_null(json_object_get(j, "persons"));
	cr_expect_null(json_object_get(j, "events"));
	cr_expect_null(json_object_get(j, "identifiers"));
	json_decref(j);
	arena_release(&a);
}

/* ------------------------------------------------------------------ */
/* Bad documents: each is the example with one change, or raw text.    */

#define ROSA "Rosa Quispe Mamani "
#define LONG_NAME "\"" ROSA ROSA ROSA ROSA ROSA ROSA ROSA ROSA ROSA ROSA ROSA "\""

struct bad {
	const char *label;
	const char *raw;     /* whole text, or NULL to mutate the example */
	const char *path;    /* member to change ("persons/0/name") */
	const char *value;   /* its new JSON value, NULL to remove it */
	const char *field;   /* expected err.field */
	const char *says;    /* expected part of err.msg */
};

static const struct bad BAD[] = {
	{ "malformed JSON", "{\"number\": \"2024-1\",\n \"office\" \"X\"}", NULL, NULL, "",
		"invalid JSON at line 2, column" },
	{ "name in broken JSON", "{\"persons\": [{\"name\": \"Rosa Quispe Mamani", NULL, NULL,
		"", "invalid JSON at line 1" },
	{ "duplicate key", "{\"number\": \"2024-1\", \"number\": \"2024-2\"}", NULL, NULL, "",
		"duplicate" },
	{ "top-level array", "[{\"number\": \"2024-1\"}]", NULL, NULL, "", "expected a JSON object" },
	{ "missing number", NULL, "number", NULL, "number", "number: missing" },
	{ "missing office", NULL, "office", NULL, "office", "office: missing" },
	{ "missing complaint date", NULL, "complaint_date", NULL, "complaint_date", "missing" },
	{ "missing place", NULL, "place", NULL, "place", "missing" },
	{ "missing role", NULL, "persons/0/role", NULL, "persons[0].role",
		"persons[0].role: missing" },
	{ "missing name", NULL, "persons/1/name", NULL, "persons[1].name", "missing" },
	{ "number too short", NULL, "number", "\"ab\"", "number", "characters" },
	{ "unknown exploitation", NULL, "persons/0/victim/exploitation/0", "\"slavery_by_magic\"",
		"persons[0].victim.exploitation[0]", "" },
	{ "duplicate code", NULL, "offences/1", "\"cp_129a\"", "offences[1]", "duplicate" },
	{ "no offence", NULL, "offences", "[]", "offences", "empty" },
	{ "unknown offence", NULL, "offences/0", "\"cp_999z\"", "offences[0]", "" },
	{ "unknown stage", NULL, "events/1/stage", "\"trial_by_ordeal\"", "events[1].stage", "" },
	{ "unknown sex", NULL, "persons/0/sex", "\"unicorn\"", "persons[0].sex", "" },
	{ "impossible date", NULL, "complaint_date", "\"2023-02-30\"", "complaint_date", "" },
	{ "future date", NULL, "complaint_date", "\"2999-01-01\"", "complaint_date", "" },
	{ "event without date", NULL, "events/0/date", NULL, "events[0].date", "missing" },
	{ "impossible deadline", NULL, "requests/0/due", "\"2099-02-30\"", "requests[0].due", "" },
	{ "identity date", NULL, "persons/0/birth_date", "\"2006-02-30\"",
		"persons[0].birth_date", "" },
	{ "unknown field", NULL, "persons/0/nmae", "\"x\"", "persons[0].nmae",
		"persons[0].nmae: unknown field" },
	{ "unknown top field", NULL, "stage", "\"x\"", "stage", "unknown field" },
	{ "wrong type", NULL, "complaint_date", "20240302", "complaint_date",
		"complaint_date: expected a string" },
	{ "wrong type array", NULL, "offences", "\"cp_129a\"", "offences", "expected an array" },
	{ "wrong type object", NULL, "persons/0/victim", "[]", "persons[0].victim",
		"expected an object" },
	{ "real age", NULL, "persons/0/victim/age_at_recruitment", "17.5",
		"persons[0].victim.age_at_recruitment", "expected an integer" },
	{ "victim block on a suspect", NULL, "persons/1/victim", "{}", "persons[1].victim",
		"only allowed when role is 'victim'" },
	{ "suspect block on a victim", NULL, "persons/0/suspect", "{}", "persons[0].suspect",
		"only allowed when role is 'suspect'" },
	{ "person_id with name", NULL, "persons/0/person_id", "12", "persons[0].name",
		"not allowed with 'person_id'" },
	{ "person_id zero", NULL, "persons/1/person_id", "0", "persons[1].person_id",
		"positive integer" },
	{ "doc number without type", NULL, "persons/0/doc_type", NULL, "persons[0].doc_type",
		"required with 'doc_number'" },
	{ "birth year disagrees", NULL, "persons/0/birth_year", "2005", "persons[0].birth_year",
		"does not match" },
	{ "birth year in the future", NULL, "persons/1/birth_year", "2999",
		"persons[1].birth_year", "range" },
	{ "negative value", NULL, "assets/0/value", "-5", "assets[0].value", "range" },
	{ "too much money", NULL, "assets/0/value", "1e13", "assets[0].value", "range" },
	{ "value without currency", NULL, "assets/0/currency", NULL, "assets[0].currency",
		"missing" },
	{ "age over 120", NULL, "persons/0/victim/age_at_recruitment", "121",
		"persons[0].victim.age_at_recruitment", "range" },
	{ "sentence over 99 years", NULL, "persons/1/suspect/sentence_years", "99.5",
		"persons[1].suspect.sentence_years", "range" },
	{ "reparation without amount", NULL, "persons/1/suspect/reparation",
		"{\"currency\": \"PEN\"}", "persons[1].suspect.reparation.amount", "missing" },
	{ "a sentence the path does not give", NULL, "persons/1/suspect/sentence_years", "12",
		"persons[1].suspect.sentence_years", "does not follow" },
	{ "ubigeo 99", NULL, "place/ubigeo", "\"99\"", "place.ubigeo", "" },
	{ "origin in department 26", NULL, "persons/0/origin_ubigeo", "\"26\"",
		"persons[0].origin_ubigeo", "" },
	{ "ubigeo abroad", NULL, "place", "{\"country\": \"BO\", \"ubigeo\": \"170101\"}",
		"place.ubigeo", "only allowed when country is 'PE'" },
	{ "country XX", NULL, "place/country", "\"XX\"", "place.country", "" },
	{ "place without country", NULL, "place/country", NULL, "place.country", "missing" },
	{ "nationality XX", NULL, "persons/0/nationality", "\"XX\"", "persons[0].nationality", "" },
	{ "name too long", NULL, "persons/0/name", LONG_NAME, "persons[0].name", "too long" },
	{ "doc number too long", NULL, "persons/0/doc_number",
		"\"71234567712345677123456771234567X\"", "persons[0].doc_number", "too long" },
	{ "control character in a name", NULL, "persons/0/name", "\"Rosa\\u0001Quispe Mamani\"",
		"persons[0].name", "" },
	{ "control character in a phone", NULL, "persons/0/identifiers/0/value",
		"\"+51 987 654 321\\u0007\"", "persons[0].identifiers[0].value", "" },
	{ "identifier without kind", NULL, "identifiers", "[{\"value\": \"912 345 678\"}]",
		"identifiers[0].kind", "missing" },
	{ "shared_with not strings", NULL, "shared_with", "[3]", "shared_with[0]",
		"expected a string" },
	{ "consent not a boolean", NULL, "persons/0/victim/protection",
		"[{\"measure\": \"shelter\", \"date\": \"2024-03-05\", \"consent\": \"yes\"}]",
		"persons[0].victim.protection[0].consent", "expected true or false" },
	{ "protection ends before it starts", NULL, "persons/0/victim/protection",
		"[{\"measure\": \"shelter\", \"date\": \"2024-03-05\", \"end_date\": \"2024-03-01\"}]",
		"persons[0].victim.protection[0].end_date", "before 'date'" },
	{ "unknown protection", NULL, "persons/0/victim/protection",
		"[{\"measure\": \"massage\", \"date\": \"2024-03-05\"}]",
		"persons[0].victim.protection[0].measure", "" },
	{ "protection without date", NULL, "persons/0/victim/protection",
		"[{\"measure\": \"shelter\", \"provider\": \"mimp_car\"}]",
		"persons[0].victim.protection[0].date", "missing" },
	{ "unknown provider", NULL, "persons/0/victim/protection",
		"[{\"measure\": \"shelter\", \"date\": \"2024-03-05\", \"provider\": \"cia\"}]",
		"persons[0].victim.protection[0].provider", "" },
	{ "realised value of 0", NULL, "assets/0/measures",
		"[{\"measure\": \"sold\", \"date\": \"2024-03-05\", \"value\": 0}]",
		"assets[0].measures[0].value", "more than 0" },
	{ "owner without person", NULL, "assets/0/owner", "{\"relation\": \"owner\"}",
		"assets[0].owner.person", "missing" },
	{ "unknown owner relation", NULL, "assets/0/owner",
		"{\"person\": 1, \"relation\": \"friend\"}", "assets[0].owner.relation", "" },
	{ "asset identifier without kind", NULL, "assets/0/identifiers",
		"[{\"value\": \"ABC-123\"}]", "assets[0].identifiers[0].kind", "missing" },
	{ "unknown police report kind", NULL, "police_report", "{\"kind\": \"parte\"}",
		"police_report.kind", "" },
	{ "unknown police report field", NULL, "police_report", "{\"numero\": \"1\"}",
		"police_report.numero", "unknown field" },
	{ "police report received in the future", NULL, "police_report",
		"{\"received\": \"2199-01-01\"}", "police_report.received", "" },
	/* a suspect's path (issue 10, core/outcome.h) */
	{ "judgement dated before the indictment", NULL, "persons/1/suspect",
		"{\"path\": [{\"step\": \"indictment\", \"date\": \"2024-06-01\"}, "
		"{\"step\": \"conviction_trial\", \"date\": \"2024-05-01\"}]}",
		"persons[1].suspect.path[1].date", "dated before the indictment (2024-06-01)" },
	{ "steps out of order", NULL, "persons/1/suspect",
		"{\"path\": [{\"step\": \"charge\", \"date\": \"2024-06-01\"}, "
		"{\"step\": \"indictment\", \"date\": \"2024-05-01\"}]}",
		"persons[1].suspect.path[1].date", "date order" },
	{ "reparation paid beyond the order", NULL, "persons/1/suspect",
		"{\"path\": [{\"step\": \"conviction_plea\", \"date\": \"2024-06-01\", "
		"\"reparation\": {\"amount\": 1000, \"currency\": \"PEN\"}}], "
		"\"payments\": [{\"date\": \"2024-07-01\", \"amount\": 600}, "
		"{\"date\": \"2024-08-01\", \"amount\": 400.01}]}",
		"persons[1].suspect.payments[1].amount", "exceed the reparation ordered (1000.00 PEN)" },
	{ "a payment with nothing ordered", NULL, "persons/1/suspect",
		"{\"payments\": [{\"date\": \"2024-07-01\", \"amount\": 600}]}",
		"persons[1].suspect.payments[0].amount", "no civil reparation" },
	{ "an outcome the path does not give", NULL, "persons/1/suspect",
		"{\"outcome\": \"convicted\"}", "persons[1].suspect.outcome", "does not follow" },
	{ "a sentence on an acquittal", NULL, "persons/1/suspect",
		"{\"path\": [{\"step\": \"acquittal\", \"date\": \"2024-06-01\", "
		"\"prison_years\": 3}]}", "persons[1].suspect.path[0].prison_years", "convicts" },
	{ "a second judgement without an appeal", NULL, "persons/1/suspect",
		"{\"path\": [{\"step\": \"acquittal\", \"date\": \"2024-06-01\"}, "
		"{\"step\": \"conviction_trial\", \"date\": \"2024-07-01\"}]}",
		"persons[1].suspect.path[1].step", "already judged" },
	{ "an appeal result without an appeal", NULL, "persons/1/suspect",
		"{\"path\": [{\"step\": \"conviction_plea\", \"date\": \"2024-06-01\"}, "
		"{\"step\": \"appeal_overturned\", \"date\": \"2024-07-01\"}]}",
		"persons[1].suspect.path[1].step", "needs an appeal" },
	{ "unknown path step", NULL, "persons/1/suspect",
		"{\"path\": [{\"step\": \"trial_by_ordeal\", \"date\": \"2024-06-01\"}]}",
		"persons[1].suspect.path[0].step", "" },
	{ "a step without a date", NULL, "persons/1/suspect",
		"{\"path\": [{\"step\": \"indictment\"}]}",
		"persons[1].suspect.path[0].date", "missing" },
	{ "exploitation ends before it starts", NULL, "persons/0/victim",
		"{\"exploitation_start\": \"2024-02-01\", \"exploitation_end\": \"2024-01-10\"}",
		"persons[0].victim.exploitation_end", "before" },
};

Test(casedoc, bad_documents_name_the_field)
{
	struct arena a;
	struct kcase c;
	struct kerr err;
	size_t i;
	char *text;
	enum kerr_code rc;

	arena_init(&a);
	for (i = 0; i < sizeof(BAD) / sizeof(BAD[0]); i++) {
		const struct bad *b = &BAD[i];

		text = b->raw != NULL ? strdup(b->raw) : mutated(b->path, b->value);
		rc = parse_text(&a, text, &c, &err);
		cr_expect_eq(rc, KERR_INVALID, "%s: accepted", b->label);
		cr_expect_eq(err.code, KERR_INVALID, "%s", b->label);
		cr_expect_str_eq(err.field, b->field, "%s: field '%s', message: %s", b->label,
			err.field, err.msg);
		cr_expect(strstr(err.msg, b->says) != NULL, "%s: message '%s' lacks '%s'",
			b->label, err.msg, b->says);
		cr_expect(err.msg[0] != '\0' && (err.msg[strlen(err.msg) - 1] != '.' ||
			strstr(err.msg, "...") == err.msg + strlen(err.msg) - 3),
			"%s: git-style message (no final full stop): %s", b->label, err.msg);
		assert_no_identity(&err, b->label);
		free(text);
	}
	arena_release(&a);
}

Test(casedoc, refusing_a_victim_date_or_doc_does_not_echo_it)
{
	struct arena a;
	struct kcase c;
	struct kerr err;
	char *text;

	arena_init(&a);
	text = mutated("persons/0/birth_date", "\"2031-13-45\"");
	cr_assert_eq(parse_text(&a, text, &c, &err), KERR_INVALID);
	cr_expect_str_eq(err.field, "persons[0].birth_date");
	cr_expect(strstr(err.msg, "2031") == NULL && strstr(err.msg, "13-45") == NULL, "%s",
		err.msg);
	free(text);
	text = mutated("persons/0/doc_number", "\"7123\\u00024567\"");
	cr_assert_eq(parse_text(&a, text, &c, &err), KERR_INVALID);
	cr_expect_str_eq(err.field, "persons[0].doc_number");
	cr_expect(strstr(err.msg, "7123") == NULL && strstr(err.msg, "4567") == NULL, "%s",
		err.msg);
	free(text);
	arena_release(&a);
}

/* ------------------------------------------------------------------ */
/* Values and defaults                                                */

static int64_t
asset_cents(struct arena *a, const char *value)
{
	struct kcase c;
	struct kerr err;
	char *text = mutated("assets/0/value", value);

	cr_assert_eq(parse_text(a, text, &c, &err), KERR_OK, "%s: %s", value, err.msg);
	free(text);
	return c.assets[0].value_cents;
}

Test(casedoc, money_is_rounded_to_cents)
{
	struct arena a;

	arena_init(&a);
	cr_expect_eq(asset_cents(&a, "0"), 0);
	cr_expect_eq(asset_cents(&a, "0.29"), 29);
	cr_expect_eq(asset_cents(&a, "12500.50"), 1250050);
	cr_expect_eq(asset_cents(&a, "1.005"), 101, "half a cent rounds up");
	cr_expect_eq(asset_cents(&a, "2.675"), 268);
	cr_expect_eq(asset_cents(&a, "2.674"), 267);
	cr_expect_eq(asset_cents(&a, "45000"), 4500000);
	cr_expect_eq(asset_cents(&a, "9999999999999"), 999999999999900);
	cr_expect_eq(asset_cents(&a, "123456789.99"), 12345678999);
	arena_release(&a);
}

Test(casedoc, sentence_and_reparation)
{
	struct arena a;
	struct kcase c;
	struct kerr err;
	char *text;
	json_t *j, *s;

	arena_init(&a);
	text = mutated("persons/1/suspect", "{\"path\": [{\"step\": \"conviction_plea\", "
		"\"date\": \"2024-05-02\", \"prison_years\": 12, \"prison_months\": 6, "
		"\"reparation\": {\"amount\": 30000.5, \"currency\": \"PEN\"}}], "
		"\"outcome\": \"plea_convicted\", \"sentence_years\": 12.5, "
		"\"reparation\": {\"amount\": 30000.5, \"currency\": \"PEN\"}}");
	cr_assert_eq(parse_text(&a, text, &c, &err), KERR_OK, "%s", err.msg);
	cr_expect_eq(c.parts[1].suspect.sentence_months, 150);
	cr_expect_eq(c.parts[1].suspect.reparation_cents, 3000050);
	cr_expect_str_eq(c.parts[1].suspect.reparation_currency, "PEN");
	j = casedoc_participation_json(&c.parts[1]);
	s = json_object_get(j, "suspect");
	cr_expect_eq(json_number_value(json_object_get(s, "sentence_years")), 12.5);
	cr_expect_eq(json_number_value(json_object_get(json_object_get(s, "reparation"),
		"amount")), 30000.5);
	cr_expect_null(json_object_get(j, "victim"));
	json_decref(j);
	free(text);
	arena_release(&a);
}

Test(casedoc, existing_person_and_case_identifiers)
{
	struct arena a;
	struct kcase c;
	struct kerr err;
	const char *office, **shared;
	size_t nshared;
	static const char doc[] =
		"{\"number\": \"2024-0200\", \"office\": \"FEPMTP-CUS\", \"complaint_date\": \"2024-01-15\","
		" \"complaint_source\": \"police_report\", \"place\": {\"country\": \"BO\"},"
		" \"offences\": [\"cp_129a\"], \"summary\": null,"
		" \"persons\": [{\"role\": \"suspect\", \"person_id\": 12, \"sex\": \"male\"}],"
		" \"identifiers\": [{\"kind\": \"phone\", \"value\": \"912 345 678\"}],"
		" \"requests\": [{\"direction\": \"incoming\", \"country\": \"BO\", \"type\": \"mla\","
		"  \"status\": \"sent\", \"due\": \"2099-12-31\", \"received\": \"\"}],"
		" \"shared_with\": [\"FEPMTP-PUN\", \"FEPMTP-MDD\"]}";

	arena_init(&a);
	cr_assert_eq(casedoc_parse_ex(doc, strlen(doc), &a, &c, &office, &shared, &nshared, &err),
		KERR_OK, "%s", err.msg);
	cr_expect_str_eq(office, "FEPMTP-CUS");
	cr_expect_str_eq(c.place.country, "BO");
	cr_expect_str_eq(c.place.ubigeo, "");
	cr_expect_null(c.summary);
	cr_assert_eq(c.nparts, 1);
	cr_expect_eq(c.parts[0].person_id, 12);
	cr_expect_null(c.parts[0].person.name);
	cr_expect_str_eq(c.parts[0].person.sex, "male");
	cr_assert_eq(c.nidents, 1);
	cr_expect_eq(c.idents[0].person_index, -1, "a case-level identifier");
	cr_expect_str_eq(c.requests[0].due, "2099-12-31", "a deadline may be in the future");
	cr_assert_eq(nshared, 2);
	cr_expect_str_eq(shared[0], "FEPMTP-PUN");
	cr_expect_str_eq(shared[1], "FEPMTP-MDD");
	cr_expect_eq(c.nshared, 0, "office ids are resolved by the app");
	arena_release(&a);
}

Test(casedoc, sex_defaults_and_valid_variants)
{
	struct arena a;
	struct kcase c;
	struct kerr err;
	char *text;

	arena_init(&a);
	text = mutated("persons/0/sex", NULL);
	cr_assert_eq(parse_text(&a, text, &c, &err), KERR_OK, "%s", err.msg);
	cr_expect_str_eq(c.parts[0].person.sex, "unknown");
	free(text);
	text = mutated("persons/0/origin_ubigeo", "\"1701\"");
	cr_assert_eq(parse_text(&a, text, &c, &err), KERR_OK, "%s", err.msg);
	cr_expect_str_eq(c.parts[0].person.origin_ubigeo, "1701");
	free(text);
	text = mutated("persons/0/birth_year", "2006");
	cr_assert_eq(parse_text(&a, text, &c, &err), KERR_OK, "agreeing years: %s", err.msg);
	free(text);
	arena_release(&a);
}
