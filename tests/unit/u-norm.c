/* u-norm.c — unit tests for lib/norm: names, phonetic keys, identifiers. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/norm.h"

static const char *
name(const char *in)
{
	static char out[4][256];
	static int slot;
	char *o = out[slot++ % 4];

	if (norm_name(in, o, 256) != 0)
		return "(none)";
	return o;
}

static const char *
ph(const char *in)
{
	static char out[4][NORM_TOKEN_LEN];
	static int slot;
	char *o = out[slot++ % 4];

	if (norm_phonetic(in, o, NORM_TOKEN_LEN) != 0)
		return "(none)";
	return o;
}

static const char *
phone(const char *in)
{
	static char out[4][32];
	static int slot;
	char *o = out[slot++ % 4];

	if (norm_phone(in, o, 32) != 0)
		return "(none)";
	return o;
}

static const char *
ident(const char *kind, const char *in)
{
	static char out[4][256];
	static int slot;
	char *o = out[slot++ % 4];

	if (norm_identifier(kind, in, o, 256) != 0)
		return "(none)";
	return o;
}

/* All words of list must share one phonetic key. */
static void
assert_same_key(const char *const *list, size_t n)
{
	size_t i;
	char first[NORM_TOKEN_LEN];

	snprintf(first, sizeof(first), "%s", ph(list[0]));
	cr_assert_str_neq(first, "(none)");
	for (i = 1; i < n; i++)
		cr_assert_str_eq(ph(list[i]), first, "'%s' and '%s' should sound alike",
			list[0], list[i]);
}

#define SAME(...) do { \
	static const char *const l_[] = { __VA_ARGS__ }; \
	assert_same_key(l_, sizeof(l_) / sizeof(l_[0])); \
} while (0)

#define DIFFERENT(a, b) \
	cr_assert_str_neq(ph(a), ph(b), "'%s' and '%s' should differ", a, b)

Test(norm, name_folds_accents_case_and_particles)
{
	cr_assert_str_eq(name("Peña"), "pena");
	cr_assert_str_eq(name("  PEÑA  "), "pena");
	cr_assert_str_eq(name("Núñez"), "nunez");
	cr_assert_str_eq(name("María de la Cruz Quispe"), "cruz maria quispe");
	cr_assert_str_eq(name("José-Luis  O'Higgins"), "jose luis ohiggins");
	cr_assert_str_eq(name("ＪＵＡＮ"), "juan", "full-width letters fold (NFKD)");
	cr_assert_str_eq(name("Straße"), "strasse");
	cr_assert_str_eq(name("Q'ispe Ch'aska"), "chaska qispe", "Quechua apostrophes join");
	cr_assert_str_eq(name("de la"), "(none)");
	cr_assert_str_eq(name(""), "(none)");
	cr_assert_str_eq(name(" .,- "), "(none)");
	cr_assert_str_eq(name("\xff\xfe"), "(none)", "invalid UTF-8");
}

Test(norm, name_ignores_word_order)
{
	cr_assert_str_eq(name("Quispe Mamani, Rosa"), name("Rosa Quispe Mamani"));
	cr_assert_str_eq(name("Mamani Rosa Quispe"), name("ROSA QUISPE MAMANI"));
	cr_assert_str_eq(name("Del Castillo y Vásquez, Ana"), name("Ana Vasquez Castillo"));
	cr_assert_str_neq(name("Rosa Quispe"), name("Rosa Quispe Mamani"));
	cr_assert_str_eq(name("Quispe Quispe Juan"), "juan quispe quispe",
		"a repeated surname is kept");
}

Test(norm, name_tokens_keep_order_without_particles)
{
	char t[NORM_MAX_TOKENS][NORM_TOKEN_LEN];
	char longname[400];

	cr_assert_eq(norm_name_tokens("María de la Cruz Quispe", t, NORM_MAX_TOKENS), 3);
	cr_assert_str_eq(t[0], "maria");
	cr_assert_str_eq(t[1], "cruz");
	cr_assert_str_eq(t[2], "quispe");
	cr_assert_eq(norm_name_tokens("Núñez del Río", t, NORM_MAX_TOKENS), 2);
	cr_assert_str_eq(t[0], "nunez");
	cr_assert_str_eq(t[1], "rio");
	cr_assert_eq(norm_name_tokens("a b c d e f", t, 2), 2, "max is respected");
	cr_assert_eq(norm_name_tokens("y de los", t, NORM_MAX_TOKENS), 0);
	/* a token longer than a slot is cut, on a character boundary */
	memset(longname, 0, sizeof(longname));
	for (int i = 0; i < 40; i++)
		strcat(longname, "ж");
	cr_assert_eq(norm_name_tokens(longname, t, NORM_MAX_TOKENS), 1);
	cr_assert_eq(strlen(t[0]), 62);
}

Test(norm, name_never_overflows)
{
	char out[16];

	cr_assert_eq(norm_name("Bartolomé Quispe Mamani", out, sizeof(out)), 0);
	cr_assert_str_eq(out, "bartolome", "whole tokens only");
	cr_assert_eq(norm_name("Bartolomé", out, 5), -1);
	cr_assert_eq(norm_name("Ana", out, 0), -1);
}

Test(norm, phonetic_folds_spanish_spellings)
{
	SAME("quispe", "kispe", "Quispe", "QUISPE");
	SAME("vasquez", "basquez", "vazquez", "vasques", "Vásquez");
	SAME("yupanqui", "llupanqui", "yupanki");
	SAME("huaman", "uaman", "guaman", "waman", "Huamán");
	SAME("hernandez", "ernandes", "Hernández");
	SAME("jimenez", "gimenez", "ximenez", "Jiménez");
	SAME("mamani", "mamany");
	SAME("cevallos", "zeballos", "ceballos");
	SAME("javier", "xavier");
	SAME("ccori", "cori", "qori", "q'ori");
	SAME("saavedra", "savedra");
	SAME("trinidad", "trinida");
	SAME("irigoyen", "yrigoyen");
	SAME("guevara", "guebara");
	SAME("huillca", "willka");
	SAME("chavez", "chaves", "Chávez");
	SAME("peña", "pena");
}

Test(norm, phonetic_keeps_different_names_apart)
{
	DIFFERENT("quispe", "mamani");
	DIFFERENT("rosa", "rocha");
	DIFFERENT("sanchez", "sances");
	DIFFERENT("garcia", "gracia");
	DIFFERENT("perez", "paredes");
	DIFFERENT("luna", "lima");
	DIFFERENT("condori", "condor");
	DIFFERENT("pena", "pina");
	cr_assert_str_eq(ph("h"), "(none)", "nothing but a silent letter");
	cr_assert_str_eq(ph(""), "(none)");
	cr_assert_str_eq(ph("juan2"), "JUAN2");
	cr_assert_str_eq(ph("quispe"), "KISPE");
	cr_assert_str_eq(ph("rocha"), "ROCA");
}

Test(norm, phonetic_handles_other_scripts_and_small_buffers)
{
	char out[4];

	cr_assert_str_eq(ph("Łukasz"), "łUKAS", "a letter without decomposition is kept");
	cr_assert_str_eq(ph("Иван"), "иван");
	cr_assert_eq(norm_phonetic("mamani", out, sizeof(out)), 0);
	cr_assert_str_eq(out, "MAM");
	cr_assert_eq(norm_phonetic("иван", out, sizeof(out)), 0);
	cr_assert_str_eq(out, "и", "never cuts a character in two");
}

Test(norm, phone_forms)
{
	cr_assert_str_eq(phone("+51 987 654 321"), "51987654321");
	cr_assert_str_eq(phone("0051987654321"), "51987654321");
	cr_assert_str_eq(phone("987-654-321"), "51987654321");
	cr_assert_str_eq(phone("(51) 987.654.321"), "51987654321");
	cr_assert_str_eq(phone("51987654321"), "51987654321");
	cr_assert_str_eq(phone("01 456 7890"), "5114567890", "Lima landline, trunk 0");
	cr_assert_str_eq(phone("+1 (202) 555-0143"), "12025550143");
	cr_assert_str_eq(phone("+34 612 345 678"), "34612345678");
	cr_assert_str_eq(phone("+987654321"), "987654321", "a '+' number is never completed");
	cr_assert_str_eq(phone("12345"), "(none)", "too short");
	cr_assert_str_eq(phone("123456"), "123456");
	cr_assert_str_eq(phone("1234567890123456"), "(none)", "too long");
	cr_assert_str_eq(phone("0012345678901234567890"), "(none)");
	cr_assert_str_eq(phone("no tiene"), "(none)");
	cr_assert_str_eq(phone(""), "(none)");
}

Test(norm, identifiers_by_kind)
{
	cr_assert_str_eq(ident("phone", "987 654 321"), "51987654321");
	cr_assert_str_eq(ident("email", "  Juan.Perez@Gmail.COM "), "juan.perez@gmail.com");
	cr_assert_str_eq(ident("social_media", "@Rosa_Q"), "rosa_q");
	cr_assert_str_eq(ident("vehicle_plate", "abc-123"), "ABC123");
	cr_assert_str_eq(ident("vehicle_plate", "ABC 123"), ident("vehicle_plate", "abc123"));
	cr_assert_str_eq(ident("company_ruc", "20-12345678-9"), "20123456789");
	cr_assert_str_eq(ident("bank_account", "193-1234567-0-12"), "1931234567012");
	cr_assert_str_eq(ident("imei", "35-209900-176148-1"), "352099001761481");
	cr_assert_str_eq(ident("passport_number", "ñ 123.456"), "N123456");
	cr_assert_str_eq(ident("address", "Av. de la Peña 123, Int. 4"), "av de la pena 123 int 4",
		"addresses keep order and every word");
	cr_assert_str_eq(ident("address", "Jr.  Huánuco   #450"), "jr huanuco 450");
	cr_assert_str_eq(ident("other", " ABC def "), "abc def");
	cr_assert_str_eq(ident(NULL, "X"), "x");
	cr_assert_str_eq(ident("email", "   "), "(none)");
	cr_assert_str_eq(ident("vehicle_plate", "--"), "(none)");
	cr_assert_str_eq(ident("address", "..."), "(none)");
}

Test(norm, alnum_and_lower_respect_the_buffer)
{
	char out[4];

	cr_assert_eq(norm_alnum("abc", out, sizeof(out)), 0);
	cr_assert_str_eq(out, "ABC");
	cr_assert_eq(norm_alnum("abcd", out, sizeof(out)), -1, "no silent truncation");
	cr_assert_eq(norm_lower("abcd", out, sizeof(out)), -1);
	cr_assert_eq(norm_phone("987654321", out, sizeof(out)), -1);
	cr_assert_eq(norm_alnum("\xc3", out, sizeof(out)), -1, "invalid UTF-8");
}

/*
 * FEBRL person records (real test data, English-speaking names): every name
 * folds and yields phonetic keys, word order never matters, and the
 * phonetic key neither merges too many different surnames nor misses the
 * duplicates whose surname was only re-spelt.
 */
Test(norm, febrl_surnames)
{
	const char *root = getenv("KHIPU_SHARED_DATA");
	char path[512], line[1024], t[NORM_MAX_TOKENS][NORM_TOKEN_LEN];
	char (*folded)[NORM_TOKEN_LEN] = calloc(6000, NORM_TOKEN_LEN);
	char (*keys)[NORM_TOKEN_LEN] = calloc(6000, NORM_TOKEN_LEN);
	size_t n = 0, nf = 0, nk = 0, i, j;
	FILE *f;

	if (root == NULL) {
		cr_skip_test("KHIPU_SHARED_DATA is not set: no shared test data");
		return;
	}
	snprintf(path, sizeof(path), "%s/febrl/dataset2.csv", root);
	if ((f = fopen(path, "r")) == NULL) {
		cr_skip_test("'%s' is missing: no shared test data", path);
		return;
	}
	cr_assert_not_null(fgets(line, sizeof(line), f));   /* header */
	while (fgets(line, sizeof(line), f) != NULL && n < 6000) {
		char *save = NULL, *id = strtok_r(line, ",", &save);
		char *given = strtok_r(NULL, ",", &save), *sur = strtok_r(NULL, ",", &save);
		char full[256], rev[256], a[256], b[256], k[NORM_TOKEN_LEN];

		if (id == NULL || given == NULL || sur == NULL || strstr(id, "-org") == NULL)
			continue;
		if (norm_name_tokens(sur, t, NORM_MAX_TOKENS) != 1)
			continue;
		snprintf(full, sizeof(full), "%s %s", given, sur);
		snprintf(rev, sizeof(rev), "%s, %s", sur, given);
		cr_assert_eq(norm_name(full, a, sizeof(a)), 0, "'%s'", full);
		cr_assert_eq(norm_name(rev, b, sizeof(b)), 0);
		cr_assert_str_eq(a, b);
		cr_assert_eq(norm_phonetic(t[0], k, sizeof(k)), 0, "'%s'", t[0]);
		for (i = 0; i < nf && strcmp(folded[i], t[0]) != 0; i++)
			;
		if (i == nf)
			snprintf(folded[nf++], NORM_TOKEN_LEN, "%s", t[0]);
		for (j = 0; j < nk && strcmp(keys[j], k) != 0; j++)
			;
		if (j == nk)
			snprintf(keys[nk++], NORM_TOKEN_LEN, "%s", k);
		n++;
	}
	fclose(f);
	cr_assert_gt(n, 3000, "read %zu original records", n);
	/* a phonetic key stands for few spellings on average */
	cr_assert_gt(nk * 100, nf * 95, "%zu keys for %zu surnames", nk, nf);
	cr_assert_lt(nk, nf, "but it does merge some spellings");
	free(folded);
	free(keys);
}
