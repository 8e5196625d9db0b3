/* u-ctdc.c — unit tests for io/ctdc: format detection from the header and
 * the values, value mapping, rejected rows, broken files; io/iso3166; the
 * DP threshold of app/opendata. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app/opendata.h"
#include "io/ctdc.h"
#include "io/iso3166.h"
#include "lib/i18n.h"

/* The messages checked are the English ones. */
static void
english(void)
{
	i18n_set(I18N_EN);
}

TestSuite(ctdc, .init = english);

struct seen {
	size_t good, bad;
	struct ctdc_record last;
	char codes[512];
	char why[400];
	size_t bad_row;
};

static int
on_row(void *ctx, size_t row, const struct ctdc_record *rec, const struct kerr *why)
{
	struct seen *s = ctx;

	if (rec == NULL) {
		if (s->bad++ == 0) {
			snprintf(s->why, sizeof(s->why), "%s", why->msg);
			s->bad_row = row;
		}
		return 0;
	}
	s->good++;
	s->last = *rec;
	s->codes[0] = '\0';
	for (size_t i = 0; i < rec->ncodes; i++) {
		size_t n = strlen(s->codes);
		snprintf(s->codes + n, sizeof(s->codes) - n, "%s:%s ", rec->codes[i].dim,
			rec->codes[i].code);
	}
	return 0;
}

static enum kerr_code
read_text(const char *text, int flags, struct seen *s, struct ctdc_info *info, struct kerr *err)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	enum kerr_code rc;

	cr_assert_not_null(f);
	memset(s, 0, sizeof(*s));
	rc = ctdc_read(f, flags, on_row, s, info, err);
	fclose(f);
	return rc;
}

Test(ctdc, global_extract)
{
	struct seen s;
	struct ctdc_info info;
	struct kerr err = { 0 };

	cr_assert_eq(read_text("yearOfRegistration,gender,ageBroad,citizenship,isForcedLabour,"
		"isSexualExploit,CountryOfExploitation\r\n2016,Female,9--17,NA,0.0,1.0,US\r\n",
		0, &s, &info, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(info.format, CTDC_GLOBAL);
	cr_assert_eq(info.nknown, 7);
	cr_assert_eq(info.nformat, 63);
	cr_assert_eq(s.good, 1);
	cr_assert_eq(s.last.year, 2016);
	cr_assert_str_eq(s.last.sex, "female");
	cr_assert_str_eq(s.last.age_band, "9--17");
	cr_assert_str_eq(s.last.age_group, "child");
	cr_assert_str_eq(s.last.nationality, "NA");   /* Namibia, not "not available" */
	cr_assert_str_eq(s.last.exploitation_country, "US");
	cr_assert_str_eq(s.codes, "exploitation:sexual_exploitation ");
}

Test(ctdc, synthetic_2024_and_2021)
{
	struct seen s;
	struct ctdc_info info;
	struct kerr err = { 0 };

	cr_assert_eq(read_text("yearOfRegistration,gender,citizenship,meansDrugsAlcohol\n"
		"2023,Man,BOL,1\n", 0, &s, &info, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(info.format, CTDC_SYNTH_2024);
	cr_assert_str_eq(s.last.nationality, "BO");
	cr_assert_str_eq(s.last.sex, "male");
	cr_assert_str_eq(s.codes, "means_of_control:psychoactive_substances ");
	cr_assert_eq(read_text("gender,meansOfControlWithholdsNecessiti,traffickMonths\n"
		"Female,1,13--24 (1-2 yrs)\n", 0, &s, &info, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(info.format, CTDC_SYNTH_2021);
	cr_assert_str_eq(s.codes, "means_of_control:withholds_necessities ");
}

Test(ctdc, victim_perpetrator)
{
	struct seen s;
	struct ctdc_info info;
	struct kerr err = { 0 };

	cr_assert_eq(read_text("yearRegister,gender,majorityStatus,UN_COO_Region,IP_Relation\n"
		"2014-2018,Female,Minor,Americas/Oceania,FriendAcquaintance;StrangerUnknownOther\n",
		0, &s, &info, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(info.format, CTDC_VP_2022);
	cr_assert_eq(s.last.year, 0);
	cr_assert_str_eq(s.last.age_group, "child");
	cr_assert_str_eq(s.codes, "year_band:2014-2018 origin_un_region:americas_oceania "
		"relationship:friend_acquaintance relationship:stranger_unknown_other ");
}

Test(ctdc, bad_headers)
{
	struct seen s;
	struct ctdc_info info;
	struct kerr err = { 0 };

	cr_assert_eq(read_text("gender,yearRegister,ageBroad\nFemale,2019,18--20\n", 0, &s, &info,
		&err), KERR_INVALID);
	cr_assert(strstr(err.msg, "mixes CTDC formats") != NULL, "%s", err.msg);
	cr_assert_eq(read_text("gender,shoe\nFemale,42\n", 0, &s, &info, &err), KERR_INVALID);
	cr_assert_str_eq(err.field, "shoe");
	cr_assert_eq(read_text("gender,shoe\nFemale,42\n", CTDC_IGNORE_UNKNOWN, &s, &info, &err),
		KERR_OK);
	cr_assert_eq(info.nignored, 1);
	cr_assert_eq(read_text("shoe\n42\n", CTDC_IGNORE_UNKNOWN, &s, &info, &err), KERR_INVALID);
	cr_assert_eq(read_text("gender,gender\nFemale,Male\n", 0, &s, &info, &err), KERR_INVALID);
	cr_assert_eq(read_text("", 0, &s, &info, &err), KERR_INVALID);
	cr_assert_eq(read_text("\xEF\xBB\xBFgender\nFemale\n", 0, &s, &info, &err), KERR_OK,
		"a byte-order mark is not part of the name: %s", err.msg);
}

Test(ctdc, rejected_rows_and_broken_files)
{
	struct seen s;
	struct ctdc_info info;
	struct kerr err = { 0 };

	cr_assert_eq(read_text("gender,ageBroad,isForcedLabour\nFemale,18--20,1\nMale,18-20,1\n"
		"Female,,maybe\n", 0, &s, &info, &err), KERR_OK);
	cr_assert_eq(s.good, 1);
	cr_assert_eq(s.bad, 2);
	cr_assert_eq(s.bad_row, 2);
	cr_assert(strstr(s.why, "ageBroad") != NULL && strstr(s.why, "'18-20'") != NULL, "%s", s.why);
	cr_assert_eq(read_text("gender,ageBroad\nFemale,18--20\nMale\n", 0, &s, &info, &err),
		KERR_INVALID);
	cr_assert(strstr(err.msg, "row 2 has 1 fields") != NULL, "%s", err.msg);
	cr_assert_eq(read_text("gender,ageBroad\nFemale,\"18--20\n", 0, &s, &info, &err),
		KERR_INVALID);
	cr_assert(strstr(err.msg, "truncated") != NULL, "%s", err.msg);
}

Test(ctdc, iso3166)
{
	cr_assert_str_eq(iso3166_alpha2("PER"), "PE");
	cr_assert_str_eq(iso3166_alpha2("NAM"), "NA");
	cr_assert_null(iso3166_alpha2("XXX"));
	cr_assert_null(iso3166_alpha2("PE"));
	cr_assert_eq(iso3166_count(), 249);
}

Test(ctdc, dp_threshold)
{
	/* scale = sens / eps; threshold = 1 + scale ln(sens / 2 delta) */
	cr_assert_float_eq(opendata_dp_scale(0.5, 8), 16.0, 1e-9);
	cr_assert_float_eq(opendata_dp_threshold(0.5, 5e-7, 8), 1 + 16 * log(8 / 1e-6), 1e-6);
	/* the chance that a combination of one record is released is at most delta */
	double b = opendata_dp_scale(1, 28), t = opendata_dp_threshold(1, 1e-6, 28);
	cr_assert_leq(28 * 0.5 * exp(-(t - 1) / b), 1e-6 * (1 + 1e-9));
}
