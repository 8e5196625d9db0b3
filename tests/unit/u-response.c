/* u-response.c — unit tests for app/response.c: the rules of protection
 * and asset recovery on parsed case documents (issue 10): consent of an
 * adult victim, the single interview, an asset never seized, the
 * forfeiture file, realised values, the order of an asset's steps, the
 * owner; and that an update does not re-check what it did not change. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_int.h"
#include "app/casedoc.h"
#include "lib/arena.h"
#include "lib/kerr.h"

static struct arena ar;
static struct kerr err;

static void setup(void) { arena_init(&ar); }
static void teardown(void) { arena_release(&ar); }
TestSuite(response, .init = setup, .fini = teardown);

/* A case with one victim born in birth (YYYY-MM-DD) with the protection
 * list prot (JSON), one suspect and one asset with the steps (JSON) and
 * extra asset members. */
static struct kcase
doc(const char *birth, const char *prot, const char *steps, const char *asset_extra)
{
	char text[4096];
	struct kcase c;
	const char *office;

	snprintf(text, sizeof(text),
		"{\"number\": \"2024-1-X\", \"office\": \"X\", \"complaint_date\": \"2024-03-02\","
		" \"complaint_source\": \"police_report\", \"place\": {\"country\": \"PE\"},"
		" \"offences\": [\"cp_129a\"], \"persons\": ["
		"  {\"role\": \"victim\", \"name\": \"V\", \"birth_date\": \"%s\","
		"   \"victim\": {\"protection\": %s}},"
		"  {\"role\": \"suspect\", \"name\": \"S\"}],"
		" \"assets\": [{\"kind\": \"vehicle\", \"value\": 100, \"currency\": \"PEN\","
		"   \"measures\": %s %s}]}", birth, prot, steps, asset_extra);
	cr_assert_eq(casedoc_parse(text, strlen(text), &ar, &c, &office, &err), KERR_OK,
		"%s", err.msg);
	return c;
}

static void
refused(const struct kcase *c, const char *field, const char *says)
{
	cr_assert_eq(app_response_check(c, NULL, NULL, NULL, &err), KERR_INVALID,
		"accepted (wanted %s)", field);
	cr_assert_str_eq(err.field, field, "%s", err.msg);
	cr_assert(strstr(err.msg, says) != NULL, "'%s' lacks '%s'", err.msg, says);
}

static void
accepted(const struct kcase *c)
{
	cr_assert_eq(app_response_check(c, NULL, NULL, NULL, &err), KERR_OK, "%s", err.msg);
}

Test(response, an_adult_victims_referral_needs_her_consent)
{
	struct kcase c = doc("2000-01-01",
		"[{\"measure\": \"shelter\", \"date\": \"2024-03-05\"}]", "[]", "");
	refused(&c, "persons[0].victim.protection[0].consent", "needs the informed consent");
	c = doc("2000-01-01", "[{\"measure\": \"shelter\", \"date\": \"2024-03-05\", "
		"\"consent\": false}]", "[]", "");
	refused(&c, "persons[0].victim.protection[0].consent", "'shelter'");
	c = doc("2000-01-01", "[{\"measure\": \"shelter\", \"date\": \"2024-03-05\", "
		"\"consent\": true}]", "[]", "");
	accepted(&c);
	/* declined: the referral was offered and refused, that is the record */
	c = doc("2000-01-01", "[{\"measure\": \"return\", \"date\": \"2024-03-05\", "
		"\"consent\": false, \"result\": \"declined\"}]", "[]", "");
	accepted(&c);
	/* measures the prosecutor orders need no consent */
	c = doc("2000-01-01", "[{\"measure\": \"protection_order\", \"date\": \"2024-03-05\"}]",
		"[]", "");
	accepted(&c);
}

Test(response, a_child_on_the_date_of_the_measure_is_not_asked)
{
	/* 17 on 2024-03-05 (18 on 2024-06-01) */
	struct kcase c = doc("2006-06-01",
		"[{\"measure\": \"shelter\", \"date\": \"2024-03-05\"}]", "[]", "");
	accepted(&c);
	/* the same victim, a referral after her birthday */
	c = doc("2006-06-01", "[{\"measure\": \"shelter\", \"date\": \"2024-06-01\"}]", "[]", "");
	refused(&c, "persons[0].victim.protection[0].consent", "consent");
}

Test(response, the_single_interview_happens_once)
{
	struct kcase c = doc("2010-01-01",
		"[{\"measure\": \"single_interview\", \"date\": \"2024-03-05\"},"
		" {\"measure\": \"single_interview\", \"date\": \"2024-04-05\"}]", "[]", "");
	refused(&c, "persons[0].victim.protection[1].measure", "once per victim");
}

Test(response, no_forfeiture_of_an_asset_never_seized)
{
	static const char *const steps[] = { "forfeited", "extinction_of_ownership", "ed_claim",
		"ed_founded", "pronabi", "sold", "assigned" };
	char s[256], field[64];
	struct kcase c;
	size_t i;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		snprintf(s, sizeof(s), "[{\"measure\": \"identified\", \"date\": \"2024-03-01\"},"
			" {\"measure\": \"%s\", \"date\": \"2024-05-01\"}]", steps[i]);
		c = doc("2000-01-01", "[]", s, ", \"forfeiture_file\": \"ED-1\"");
		snprintf(field, sizeof(field), "assets[0].measures[1].measure");
		refused(&c, field, "never seized");
	}
	c = doc("2000-01-01", "[]", "[{\"measure\": \"frozen\", \"date\": \"2024-03-01\"},"
		" {\"measure\": \"forfeited\", \"date\": \"2024-05-01\"}]", "");
	accepted(&c);
	/* a return needs no seizure */
	c = doc("2000-01-01", "[]", "[{\"measure\": \"returned\", \"date\": \"2024-03-01\"}]", "");
	accepted(&c);
}

Test(response, the_forfeiture_proceeding_has_its_file_number)
{
	struct kcase c = doc("2000-01-01", "[]",
		"[{\"measure\": \"seized\", \"date\": \"2024-03-01\"},"
		" {\"measure\": \"ed_claim\", \"date\": \"2024-05-01\"}]", "");
	refused(&c, "assets[0].forfeiture_file", "own file number");
	c = doc("2000-01-01", "[]", "[{\"measure\": \"seized\", \"date\": \"2024-03-01\"},"
		" {\"measure\": \"ed_claim\", \"date\": \"2024-05-01\"}]",
		", \"forfeiture_file\": \"ED-00045-2024\"");
	accepted(&c);
}

Test(response, realised_values_order_and_owner)
{
	struct kcase c = doc("2000-01-01", "[]",
		"[{\"measure\": \"seized\", \"date\": \"2024-03-01\", \"value\": 5}]", "");
	refused(&c, "assets[0].measures[0].value", "realised value");
	c = doc("2000-01-01", "[]", "[{\"measure\": \"seized\", \"date\": \"2024-03-01\"},"
		" {\"measure\": \"sold\", \"date\": \"2024-02-01\", \"value\": 5}]", "");
	refused(&c, "assets[0].measures[1].date", "before the asset's previous step");
	c = doc("2000-01-01", "[]", "[]", ", \"owner\": {\"person\": 2}");
	refused(&c, "assets[0].owner.person", "0 to 1");
	c = doc("2000-01-01", "[]", "[{\"measure\": \"seized\", \"date\": \"2024-03-01\"},"
		" {\"measure\": \"sold\", \"date\": \"2024-06-01\", \"value\": 5}]",
		", \"owner\": {\"person\": 1, \"relation\": \"front_man\"}");
	accepted(&c);
	cr_assert_eq(c.assets[0].owner_pos, 2);
	cr_assert_eq(c.assets[0].measures[1].value_cents, 500);
}

Test(response, an_update_does_not_check_again_what_it_keeps)
{
	/* stored before the rules: a shelter without consent, a sale never seized */
	struct kcase cur = doc("2000-01-01",
		"[{\"measure\": \"shelter\", \"date\": \"2024-03-05\"}]",
		"[{\"measure\": \"sold\", \"date\": \"2024-03-01\", \"value\": 5}]", "");
	struct kcase nw = doc("2000-01-01",
		"[{\"measure\": \"shelter\", \"date\": \"2024-03-05\"}]",
		"[{\"measure\": \"sold\", \"date\": \"2024-03-01\", \"value\": 5}]", "");
	long part_of[2] = { 0, 1 }, asset_of[1] = { 0 };

	cr_assert_eq(app_response_check(&nw, &cur, part_of, asset_of, &err), KERR_OK, "%s",
		err.msg);
	/* a new referral without consent is refused all the same */
	nw = doc("2000-01-01", "[{\"measure\": \"shelter\", \"date\": \"2024-03-05\"},"
		" {\"measure\": \"health\", \"date\": \"2024-04-05\"}]",
		"[{\"measure\": \"sold\", \"date\": \"2024-03-01\", \"value\": 5}]", "");
	cr_assert_eq(app_response_check(&nw, &cur, part_of, asset_of, &err), KERR_INVALID);
	cr_assert_str_eq(err.field, "persons[0].victim.protection[1].consent");
	/* and so is a changed life of the asset */
	nw = doc("2000-01-01", "[{\"measure\": \"shelter\", \"date\": \"2024-03-05\"}]",
		"[{\"measure\": \"sold\", \"date\": \"2024-03-01\", \"value\": 6}]", "");
	cr_assert_eq(app_response_check(&nw, &cur, part_of, asset_of, &err), KERR_INVALID);
	cr_assert_str_eq(err.field, "assets[0].measures[0].measure");
}
