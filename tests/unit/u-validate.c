/* u-validate.c — unit tests for core/validate: calendar dates, codes,
 * countries, UBIGEO, free text and user names, and their messages. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/validate.h"

static struct kerr err;

static enum kerr_code
date(const char *s)
{
	kerr_clear(&err);
	return validate_date("complaint_date", s, &err);
}

Test(validate, real_dates_pass)
{
	cr_assert_eq(date("2024-02-29"), KERR_OK, "2024 is a leap year");
	cr_assert_eq(date("2000-02-29"), KERR_OK, "2000 is a leap year (divisible by 400)");
	cr_assert_eq(date("1900-01-01"), KERR_OK, "the first date accepted");
	cr_assert_eq(date("2023-12-31"), KERR_OK);
	cr_assert_eq(date("2021-03-30"), KERR_OK);
	cr_assert_eq(err.code, KERR_OK);
}

Test(validate, impossible_dates_fail)
{
	cr_assert_eq(date("2023-02-29"), KERR_INVALID, "2023 is not a leap year");
	cr_assert_str_eq(err.msg,
	    "complaint_date: '2023-02-29' is not a real date (use YYYY-MM-DD)");
	cr_assert_str_eq(err.field, "complaint_date");
	cr_assert_eq(date("1900-02-29"), KERR_INVALID, "1900 is not a leap year");
	cr_assert_eq(date("2023-02-30"), KERR_INVALID);
	cr_assert_eq(date("2023-13-01"), KERR_INVALID, "no 13th month");
	cr_assert_eq(date("2023-00-10"), KERR_INVALID);
	cr_assert_eq(date("2023-04-31"), KERR_INVALID, "April has 30 days");
	cr_assert_eq(date("2023-01-00"), KERR_INVALID);
	cr_assert_eq(date("2023-01-32"), KERR_INVALID);
}

Test(validate, malformed_dates_fail)
{
	static const char *const bad[] = { "2023-1-05", "23-01-05", "2023/01/05", "05-01-2023",
		"2023-01-05 ", " 2023-01-05", "2023-01-05T00:00", "2023-0a-05", "20230105",
		"yesterday", "+023-01-05", "2023--1-05" };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_assert_eq(date(bad[i]), KERR_INVALID, "'%s'", bad[i]);
		cr_assert(strstr(err.msg, "is not a date (use YYYY-MM-DD)") != NULL, "%s", err.msg);
	}
	cr_assert_eq(date(""), KERR_INVALID, "a required date");
	cr_assert_eq(date(NULL), KERR_INVALID);
}

Test(validate, dates_out_of_range_fail)
{
	char today[11], next[11];
	time_t t = time(NULL) + 2 * 86400;
	struct tm tm;

	cr_assert_eq(date("1899-12-31"), KERR_INVALID);
	cr_assert_str_eq(err.msg, "complaint_date: '1899-12-31' is before 1900-01-01");
	validate_today(today);
	cr_assert_eq(date(today), KERR_OK, "today is accepted");
	gmtime_r(&t, &tm);
	strftime(next, sizeof(next), "%Y-%m-%d", &tm);
	cr_assert_eq(date(next), KERR_INVALID);
	cr_assert(strstr(err.msg, "is in the future") != NULL, "%s", err.msg);
	cr_assert_eq(date("2999-01-01"), KERR_INVALID);
}

Test(validate, today_is_iso_utc)
{
	char today[11], want[11];
	time_t t = time(NULL);
	struct tm tm;

	validate_today(today);
	gmtime_r(&t, &tm);
	strftime(want, sizeof(want), "%Y-%m-%d", &tm);
	cr_assert_str_eq(today, want);
}

Test(validate, optional_dates_and_order)
{
	cr_assert_eq(validate_date_opt("birth_date", "", &err), KERR_OK);
	cr_assert_eq(validate_date_opt("birth_date", NULL, &err), KERR_OK);
	cr_assert_eq(validate_date_opt("birth_date", "2024-02-30", &err), KERR_INVALID);
	cr_assert_lt(validate_date_cmp("2023-12-31", "2024-01-01"), 0);
	cr_assert_gt(validate_date_cmp("2024-01-02", "2024-01-01"), 0);
	cr_assert_eq(validate_date_cmp("2024-01-01", "2024-01-01"), 0);
	cr_assert_lt(validate_date_cmp("", "1900-01-01"), 0, "unknown sorts first");
	cr_assert_eq(validate_date_cmp(NULL, ""), 0);
}

Test(validate, codes)
{
	kerr_clear(&err);
	cr_assert_eq(validate_code("exploitation", CB_EXPLOITATION, "sexual_exploitation", &err),
	    KERR_OK);
	cr_assert_eq(validate_code("exploitation", CB_EXPLOITATION, "sexual", &err), KERR_INVALID);
	cr_assert_str_eq(err.msg, "exploitation: unknown code 'sexual'; expected one of: "
	    "sexual_exploitation, forced_labour, slavery, servitude, forced_begging, "
	    "sale_of_children, organ_removal, forced_marriage, ...");
	cr_assert_eq(validate_code("role", CB_PERSON_ROLE, "judge", &err), KERR_INVALID);
	cr_assert_str_eq(err.msg, "role: unknown code 'judge'; expected one of: "
	    "victim, suspect, witness, complainant", "short lists have no '...'");
	cr_assert_eq(validate_code("role", CB_PERSON_ROLE, "", &err), KERR_INVALID);
	cr_assert(strstr(err.msg, "required") != NULL, "%s", err.msg);
	cr_assert_eq(validate_code("role", CB_PERSON_ROLE, NULL, &err), KERR_INVALID);
	cr_assert_eq(validate_code("nationality", CB_COUNTRY, "XX", &err), KERR_INVALID);
	cr_assert_str_eq(err.msg, "nationality: unknown code 'XX'; expected an ISO 3166 "
	    "alpha-2 code such as PE, BO, CO");
	cr_assert_eq(validate_code("nationality", CB_COUNTRY, "VE", &err), KERR_OK);
}

Test(validate, rejected_values_are_echoed_safely)
{
	char longcode[200];

	memset(longcode, 'x', sizeof(longcode) - 1);
	longcode[sizeof(longcode) - 1] = '\0';
	cr_assert_eq(validate_code("sex", CB_SEX, longcode, &err), KERR_INVALID);
	cr_assert(strstr(err.msg, "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'") != NULL,
	    "long values are cut: %s", err.msg);
	cr_assert_eq(validate_code("sex", CB_SEX, "f\x1b[31m", &err), KERR_INVALID);
	cr_assert(strstr(err.msg, "'f?[31m'") != NULL, "no escape sequences: %s", err.msg);
}

Test(validate, countries)
{
	cr_assert_eq(validate_country("nationality", "PE", &err), KERR_OK);
	cr_assert_eq(validate_country("nationality", "BO", &err), KERR_OK);
	cr_assert_eq(validate_country("nationality", "pe", &err), KERR_INVALID);
	cr_assert_str_eq(err.msg, "nationality: 'pe' must be upper case ('PE')");
	cr_assert_eq(validate_country("nationality", "PER", &err), KERR_INVALID);
	cr_assert(strstr(err.msg, "ISO 3166 alpha-2") != NULL, "%s", err.msg);
	cr_assert_eq(validate_country("nationality", "ZZ", &err), KERR_INVALID);
	cr_assert_eq(validate_country("nationality", "", &err), KERR_INVALID);
	cr_assert_eq(validate_country("nationality", NULL, &err), KERR_INVALID);
}

Test(validate, ubigeo)
{
	static const char *const good[] = { "01", "25", "15", "1501", "150101", "170101",
		"070101", "2501" };
	static const char *const bad[] = { "", "1", "123", "12345", "1234567", "00", "26",
		"99", "1500", "150100", "150001", "15a101", "-15101", " 15", "15 " };
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		cr_assert_eq(validate_ubigeo("origin_ubigeo", good[i], &err), KERR_OK, "'%s': %s",
		    good[i], err.msg);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_assert_eq(validate_ubigeo("origin_ubigeo", bad[i], &err), KERR_INVALID, "'%s'",
		    bad[i]);
	cr_assert_eq(validate_ubigeo("origin_ubigeo", NULL, &err), KERR_INVALID);
	cr_assert_eq(validate_ubigeo("origin_ubigeo", "260101", &err), KERR_INVALID);
	cr_assert(strstr(err.msg, "01 to 25") != NULL, "%s", err.msg);
	cr_assert_eq(validate_ubigeo("origin_ubigeo", "150100", &err), KERR_INVALID);
	cr_assert(strstr(err.msg, "00") != NULL, "%s", err.msg);
}

Test(validate, text)
{
	cr_assert_eq(validate_text("summary", "", 10, &err), KERR_OK);
	cr_assert_eq(validate_text("summary", "María Quispe, Puno\n\tLa Rinconada", 100, &err),
	    KERR_OK);
	cr_assert_eq(validate_text("summary", "日本語 ñandú ✓ 😀", 100, &err), KERR_OK);
	cr_assert_eq(validate_text("summary", "abcdef", 6, &err), KERR_OK, "max is inclusive");
	cr_assert_eq(validate_text("summary", "abcdefg", 6, &err), KERR_INVALID);
	cr_assert_str_eq(err.msg, "summary: too long (7 bytes; at most 6)");
	cr_assert_eq(validate_text("summary", "ñ", 1, &err), KERR_INVALID, "max counts bytes");
}

Test(validate, text_with_control_characters_fails)
{
	static const char *const bad[] = { "a\x01z", "bell\a", "cr\rlf", "esc\x1b[0m", "del\x7f",
		"c1\xc2\x85", "form\ffeed", "vt\v" };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_assert_eq(validate_text("summary", bad[i], 100, &err), KERR_INVALID, "case %zu",
		    i);
		cr_assert(strstr(err.msg, "control character") != NULL, "%s", err.msg);
	}
	cr_assert_eq(validate_text("name", "María\x02", 100, &err), KERR_INVALID);
	cr_assert(strstr(err.msg, "María") == NULL, "text is never echoed: %s", err.msg);
	cr_assert_str_eq(err.field, "name");
}

Test(validate, invalid_utf8_fails)
{
	static const char *const bad[] = {
		"\xff", "abc\x80", "\xc3", "\xc3(", "\xe2\x82", "\xc0\xaf" /* overlong '/' */,
		"\xed\xa0\x80" /* surrogate */, "\xf4\x90\x80\x80" /* above U+10FFFF */,
		"Mar\xed" "a" /* Latin-1 */,
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_assert_eq(validate_text("summary", bad[i], 100, &err), KERR_INVALID, "case %zu",
		    i);
		cr_assert(strstr(err.msg, "not valid UTF-8") != NULL, "%s", err.msg);
	}
}

Test(validate, usernames)
{
	static const char *const good[] = { "ana", "jp", "m.quispe", "fiscal_mdd-2",
		"abcdefghijklmnopqrstuvwxyz012345" };
	static const char *const bad[] = { "", "a", "Ana", "1ana", "_ana", ".ana", "ana quispe",
		"ana@mp", "ñandu", "abcdefghijklmnopqrstuvwxyz0123456" };
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		cr_assert_eq(validate_username("name", good[i], &err), KERR_OK, "'%s'", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_assert_eq(validate_username("name", bad[i], &err), KERR_INVALID, "'%s'", bad[i]);
	cr_assert_eq(validate_username("name", NULL, &err), KERR_INVALID);
	cr_assert_eq(validate_username("name", "Ana", &err), KERR_INVALID);
	cr_assert(strstr(err.msg, "name: 'Ana' is not a valid user name") == err.msg, "%s",
	    err.msg);
}
