/* u-match.c — unit tests for core/match (comparisons, EM, blocking, term
 * frequencies), lib/utf8 and io/linkcsv. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/match.h"
#include "io/linkcsv.h"
#include "lib/utf8.h"

Test(match, jaro_winkler_known_values)
{
	/* Winkler's published examples */
	cr_expect_float_eq(match_jaro_winkler("martha", "marhta"), 0.9611, 1e-4);
	cr_expect_float_eq(match_jaro_winkler("dwayne", "duane"), 0.84, 1e-4);
	cr_expect_float_eq(match_jaro_winkler("dixon", "dicksonx"), 0.8133, 1e-4);
	cr_expect_float_eq(match_jaro_winkler("quispe", "quispe"), 1.0, 1e-9);
	cr_expect_float_eq(match_jaro_winkler("abc", "xyz"), 0.0, 1e-9);
	cr_expect_float_eq(match_jaro_winkler("", ""), 1.0, 1e-9);
	cr_expect_float_eq(match_jaro_winkler("a", ""), 0.0, 1e-9);
	/* symmetric */
	cr_expect_float_eq(match_jaro_winkler("mamani", "mamany"),
		match_jaro_winkler("mamany", "mamani"), 1e-12);
}

Test(match, one_edit)
{
	cr_expect(match_one_edit("12345", "12845"));     /* changed */
	cr_expect(match_one_edit("12345", "12435"));     /* swapped neighbours */
	cr_expect(match_one_edit("12345", "1245"));      /* deleted */
	cr_expect(match_one_edit("1245", "12345"));      /* inserted */
	cr_expect(!match_one_edit("12345", "12345"));    /* equal is not an edit */
	cr_expect(!match_one_edit("12345", "54321"));
	cr_expect(!match_one_edit("12345", "123"));
	cr_expect(!match_one_edit("12345", "13254"));    /* two swaps */
}

Test(match, dates)
{
	int32_t d;

	cr_assert_eq(match_date_parse("19870314", &d), 0);
	cr_expect_eq(d, 19870314);
	cr_assert_eq(match_date_parse("1987-03-14", &d), 0);
	cr_expect_eq(d, 19870314);
	cr_assert_eq(match_date_parse("14/03/1987", &d), 0);
	cr_expect_eq(d, 19870314);
	cr_assert_eq(match_date_parse("1987", &d), 0);
	cr_expect_eq(d, 19870000);
	cr_expect_neq(match_date_parse("14 de marzo", &d), 0);
	cr_expect_neq(match_date_parse("4066625", &d), 0);   /* a 7-digit number */
	cr_expect_neq(match_date_parse("12345678", &d), 0);  /* year 1234 */
	cr_expect_eq(match_level_date(19870314, 19870314), MATCH_L_EXACT);
	cr_expect_eq(match_level_date(19870314, 19870341), MATCH_L_NEAR);   /* digits swapped */
	cr_expect_eq(match_level_date(19870304, 19870403), MATCH_L_NEAR);   /* day <-> month */
	cr_expect_eq(match_level_date(19870314, 19871125), MATCH_L_CLOSE);  /* same year */
	cr_expect_eq(match_level_date(19870314, 19881125), MATCH_L_WEAK);   /* a year apart */
	cr_expect_eq(match_level_date(19870314, 19901125), MATCH_L_DIFFERENT);
	cr_expect_eq(match_level_date(19870000, 19870314), MATCH_L_CLOSE);  /* year only */
}

Test(match, text_levels)
{
	cr_expect_eq(match_level_text("quispe", "KSP", "quispe", "KSP"), MATCH_L_EXACT);
	/* same phonetic key: Spanish spellings */
	cr_expect_eq(match_level_text("vasquez", "x", "basques", "x"), MATCH_L_NEAR);
	cr_expect_eq(match_level_text("martha", NULL, "marhta", NULL), MATCH_L_NEAR);
	cr_expect_eq(match_level_text("dwayne", NULL, "duane", NULL), MATCH_L_WEAK);
	cr_expect_eq(match_level_text("rosa", NULL, "pedro", NULL), MATCH_L_DIFFERENT);
	cr_expect_eq(match_level_id("71234567", "71234567"), MATCH_L_EXACT);
	cr_expect_eq(match_level_id("71234567", "71234576"), MATCH_L_NEAR);
	cr_expect_eq(match_level_id("71234567", "10000000"), MATCH_L_DIFFERENT);
	cr_expect_str_eq(match_level_name(MATCH_L_NEAR), "near");
	cr_expect_eq(match_kind_parse("date"), MATCH_DATE);
	cr_expect_eq(match_kind_parse("fecha"), -1);
}

Test(match, phonetic_forms_of_prepared_values_agree)
{
	struct match_field f[1] = { { "surname", MATCH_TEXT } };
	struct match_data *d = match_data_new(f, 1, 4);
	struct match_opts o = { 0.5, 10, 0, 0 };
	struct match_result res;

	/* Vásquez = Basques by phonetic key; word order does not matter */
	cr_assert_eq(match_data_set(d, 0, 0, "Vásquez Quispe"), 0);
	cr_assert_eq(match_data_set(d, 1, 0, "Quispe Basques"), 0);
	cr_assert_eq(match_data_set(d, 2, 0, "Pérez"), 0);
	cr_expect_eq(match_data_set(d, 3, 0, "\xff\xfe"), -1);   /* not UTF-8 */
	match_dedup(d, &o, &res);
	cr_expect_eq(res.npairs_compared, 1);   /* only 0-1 share a block */
	free(res.pairs);
	match_data_free(d);
}

/* A synthetic population: n persons, every third one registered twice with
 * a typo in the surname, the birth date's day and month swapped, and half of
 * them with a typo in the document number, the others without it. */
static struct match_data *
population(size_t n, size_t *nrec)
{
	static const char *given[] = { "rosa", "maria", "juan", "pedro", "lucia", "carmen",
		"jose", "ana", "luis", "elena", "jorge", "sonia", "victor", "ruth", "hugo" };
	static const char *sur[] = { "quispe", "mamani", "flores", "huaman", "condori",
		"ccorimanya", "yupanqui", "apaza", "chambi", "ticona", "vargas", "rojas",
		"choque", "sanchez", "torres", "ramos", "cruz", "gutierrez", "layme", "puma" };
	struct match_field f[4] = { { "given", MATCH_TEXT }, { "surname", MATCH_TEXT },
		{ "born", MATCH_DATE }, { "dni", MATCH_ID } };
	struct match_data *d;
	size_t i, r = 0;
	char born[16], s[64], dni[16];

	*nrec = n + n / 3;
	d = match_data_new(f, 4, *nrec);
	unsigned long x = 12345;
#define NEXT(k) ((x = x * 6364136223846793005UL + 1442695040888963407UL) >> 33) % (k)
	for (i = 0; i < n; i++) {
		int day = (int)NEXT(28) + 1, mon = (int)NEXT(12) + 1, year = 1950 + (int)NEXT(50);
		const char *g = given[NEXT(15)], *s1 = sur[NEXT(20)], *s2 = sur[NEXT(20)];
		snprintf(born, sizeof(born), "%04d%02d%02d", year, mon, day);
		snprintf(s, sizeof(s), "%s %s", s1, s2);
		match_data_set(d, r, 0, g);
		match_data_set(d, r, 1, s);
		match_data_set(d, r, 2, born);
		snprintf(dni, sizeof(dni), "%08lu", 10000000 + NEXT(89999999));
		match_data_set(d, r++, 3, dni);
		if (i % 3 == 0) {
			snprintf(born, sizeof(born), "%04d%02d%02d", year, day, mon);
			snprintf(s, sizeof(s), "%sx %s", s1, s2);
			match_data_set(d, r, 0, g);
			match_data_set(d, r, 1, s);
			match_data_set(d, r, 2, born);
			if (i % 2 == 0) {   /* half keep the document, with a typo */
				dni[7] = dni[7] == '1' ? '2' : '1';
				match_data_set(d, r, 3, dni);
			}
			r++;
		}
	}
#undef NEXT
	return d;
}

Test(match, em_finds_the_planted_duplicates)
{
	struct match_opts o = { 0.9, 0, 0, 1 };
	struct match_result res;
	size_t nrec, i, good = 0;
	struct match_data *d = population(600, &nrec);

	match_dedup(d, &o, &res);
	cr_expect_gt(res.model.iterations, 0);
	cr_expect(res.model.lambda > 0 && res.model.lambda < 1);
	/* m of exact agreement on the given name above its u */
	cr_expect_gt(res.model.m[0][MATCH_L_EXACT], res.model.u[0][MATCH_L_EXACT]);
	/* a planted duplicate is the next record, with the same given name */
	for (i = 0; i < res.npairs; i++)
		good += res.pairs[i].b == res.pairs[i].a + 1 &&
			res.pairs[i].levels[2] == MATCH_L_NEAR;
	cr_expect_geq(good, 190, "found %zu of 200 planted pairs", good);
	cr_expect_leq(res.npairs - good, 10, "%zu false pairs", res.npairs - good);
	/* sorted best first */
	for (i = 1; i < res.npairs; i++)
		cr_expect_geq(res.pairs[i - 1].weight, res.pairs[i].weight);
	free(res.pairs);
	match_data_free(d);
}

Test(match, rare_surnames_weigh_more_than_common_ones)
{
	/* 40 Quispes and two Ccorimanyas, all different persons but for the
	 * surname; with the term-frequency adjustment the shared rare surname
	 * weighs more than the shared common one */
	struct match_field f[2] = { { "surname", MATCH_TEXT }, { "given", MATCH_TEXT } };
	struct match_data *d = match_data_new(f, 2, 42);
	struct match_opts o = { 0.000001, 100, 0, 1 };
	struct match_result res;
	char g[32];
	size_t i;
	double wq = -1e9, wc = -1e9;

	for (i = 0; i < 40; i++) {
		snprintf(g, sizeof(g), "name%zu", i);
		match_data_set(d, i, 0, "quispe");
		match_data_set(d, i, 1, g);
	}
	match_data_set(d, 40, 0, "ccorimanya");
	match_data_set(d, 40, 1, "nameA");
	match_data_set(d, 41, 0, "ccorimanya");
	match_data_set(d, 41, 1, "nameB");
	match_dedup(d, &o, &res);
	for (i = 0; i < res.npairs; i++) {
		if (res.pairs[i].a == 40)
			wc = res.pairs[i].weight;
		else if (res.pairs[i].a == 0 && res.pairs[i].b == 1)
			wq = res.pairs[i].weight;
	}
	cr_expect_gt(wc, wq, "ccorimanya %f, quispe %f", wc, wq);
	free(res.pairs);
	match_data_free(d);
}

Test(match, missing_fields_say_nothing)
{
	struct match_model m = { .nfields = 2, .lambda = 0.5 };
	uint8_t a[2] = { MATCH_L_EXACT, MATCH_L_MISSING }, b[2] = { MATCH_L_EXACT, MATCH_L_DIFFERENT };
	int l;

	for (l = 0; l < MATCH_L__MAX; l++) {
		m.m[0][l] = m.m[1][l] = l == MATCH_L_EXACT ? 0.9 : 0.02;
		m.u[0][l] = m.u[1][l] = l == MATCH_L_EXACT ? 0.1 : 0.18;
	}
	cr_expect_float_eq(match_weight(&m, a), log2(0.9 / 0.1), 1e-9);
	cr_expect_lt(match_weight(&m, b), match_weight(&m, a));
}

Test(utf8, valid_and_invalid)
{
	cr_expect(utf8_valid("Ñuñoa", strlen("Ñuñoa")));
	cr_expect(utf8_valid("", 0));
	cr_expect(!utf8_valid("N\xF1u\xF1oa", 6));        /* Latin-1 */
	cr_expect(!utf8_valid("\xC0\xAF", 2));            /* overlong */
	cr_expect(!utf8_valid("\xED\xA0\x80", 3));        /* surrogate */
	cr_expect(!utf8_valid("\xE2\x82", 2));            /* cut */
	cr_expect(utf8_valid("\xF0\x9F\x98\x80", 4));     /* emoji */
}

static const char *
tmpfile_with(const char *text)
{
	static char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/u-match-%ld.csv", (long)getpid());
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

Test(linkcsv, reads_trims_and_refuses)
{
	struct linkcsv t;
	struct kerr err = { 0 };

	cr_assert_eq(linkcsv_read(tmpfile_with("id, name\n1, \"Rosa, Ana\"\n2,Pedro\n"), &t, &err),
		KERR_OK, "%s", err.msg);
	cr_expect_eq(t.ncols, 2);
	cr_expect_eq(t.nrows, 2);
	cr_expect_eq(linkcsv_column(&t, "name"), 1);
	cr_expect_eq(linkcsv_column(&t, "surname"), -1);
	cr_expect_str_eq(linkcsv_cell(&t, 0, 1), "Rosa, Ana");
	linkcsv_release(&t);

	cr_expect_eq(linkcsv_read(tmpfile_with("id,name\n1,N\xF1u\n"), &t, &err), KERR_INVALID);
	cr_expect(strstr(err.msg, "row 1, column 'name'") != NULL, "%s", err.msg);
	cr_expect(strstr(err.msg, "\xF1") == NULL);   /* the value is not repeated */
	cr_expect_eq(linkcsv_read(tmpfile_with("id,name\n1,a,b\n"), &t, &err), KERR_INVALID);
	cr_expect(strstr(err.msg, "row 1 has 3 fields") != NULL, "%s", err.msg);
	cr_expect_eq(linkcsv_read(tmpfile_with("id,id\n1,2\n"), &t, &err), KERR_INVALID);
	cr_expect_eq(linkcsv_read(tmpfile_with(""), &t, &err), KERR_INVALID);
	cr_expect_eq(linkcsv_read("/nonexistent/x.csv", &t, &err), KERR_IO);
	unlink(tmpfile_with(""));
}
