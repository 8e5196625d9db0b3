/* u-i18n.c — unit tests for lib/i18n: lookups in the embedded catalogues,
 * a hand-built .mo (plurals, byte order), malformed images, language choice
 * from the environment and Accept-Language, numbers and dates. */
#include <criterion/criterion.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"

/* ---- a tiny .mo writer: entries must be given sorted by msgid --------- */

struct mo_entry {
	const char *id;      /* msgid, or "singular\0plural" with idlen */
	size_t idlen;
	const char *str;     /* msgstr, or "form0\0form1" with strlen_ */
	size_t strlen_;
};

static void
put32(unsigned char *p, uint32_t v, int big)
{
	int i;

	for (i = 0; i < 4; i++)
		p[big ? 3 - i : i] = (unsigned char)(v >> (8 * i));
}

/* A malloc'd .mo image of the entries; its size in *size. */
static unsigned char *
build_mo(const struct mo_entry *e, size_t ne, int big, size_t *size)
{
	size_t orig = 28, trans = orig + 8 * ne, data = trans + 8 * ne, n = data, i;
	unsigned char *p;

	for (i = 0; i < ne; i++)
		n += e[i].idlen + 1 + e[i].strlen_ + 1;
	p = calloc(1, n);
	cr_assert_not_null(p);
	put32(p, 0x950412de, big);
	put32(p + 4, 0, big);
	put32(p + 8, (uint32_t)ne, big);
	put32(p + 12, (uint32_t)orig, big);
	put32(p + 16, (uint32_t)trans, big);
	put32(p + 20, 0, big);   /* no hash table */
	put32(p + 24, (uint32_t)n, big);
	for (i = 0; i < ne; i++) {
		put32(p + orig + 8 * i, (uint32_t)e[i].idlen, big);
		put32(p + orig + 8 * i + 4, (uint32_t)data, big);
		memcpy(p + data, e[i].id, e[i].idlen);
		data += e[i].idlen + 1;
		put32(p + trans + 8 * i, (uint32_t)e[i].strlen_, big);
		put32(p + trans + 8 * i + 4, (uint32_t)data, big);
		memcpy(p + data, e[i].str, e[i].strlen_);
		data += e[i].strlen_ + 1;
	}
	*size = n;
	return p;
}

#define S(s) s, sizeof(s) - 1

static const struct mo_entry sample[] = {
	{ S(""), S("Content-Type: text/plain; charset=UTF-8\n") },
	{ S("%d case\0%d cases"), S("%d caso\0%d casos") },
	{ S("[protected]"), S("[protegido]") },
	{ S("lonely\0lonelies"), S("solo") },   /* a plural with one form only */
	{ S("options"), S("opciones") },
	{ S("untranslated"), S("") },
};
#define NSAMPLE (sizeof(sample) / sizeof(sample[0]))

/* ---- the embedded catalogues ------------------------------------------ */

Test(i18n, spanish_catalogue_translates)
{
	cr_assert_str_eq(i18n_gettext(I18N_ES, "[protected]"), "[protegido]");
	cr_assert_str_eq(i18n_gettext(I18N_ES, "usage"), "uso");
	cr_assert_str_eq(i18n_gettext(I18N_ES, "created register '%s' with key file '%s'\n"),
		"registro '%s' creado con el archivo de clave '%s'\n");
	cr_assert_str_eq(i18n_gettext(I18N_ES, "audit trail intact: %lld entries\n"),
		"bitácora de auditoría intacta: %lld entradas\n");
}

Test(i18n, unknown_and_english_return_the_msgid)
{
	static const char id[] = "no such message in any catalogue";

	cr_assert_eq(i18n_gettext(I18N_ES, id), id);
	cr_assert_eq(i18n_gettext(I18N_EN, id), id);
	cr_assert_str_eq(i18n_gettext(I18N_EN, "[protected]"), "[protected]");
	cr_assert_str_eq(i18n_gettext(I18N_EN, "usage"), "usage");
	cr_assert_str_eq(i18n_gettext(I18N_ES, ""), "", "the header is not a message");
	cr_assert_null(i18n_gettext(I18N_ES, NULL));
	cr_assert_str_eq(i18n_gettext((enum i18n_lang)99, "usage"), "uso", "out of range: Spanish");
}

Test(i18n, underscore_macro_follows_current_language)
{
	i18n_set(I18N_ES);
	cr_assert_eq(i18n_current(), I18N_ES);
	cr_assert_str_eq(_("options"), "opciones");
	i18n_set(I18N_EN);
	cr_assert_eq(i18n_current(), I18N_EN);
	cr_assert_str_eq(_("options"), "options");
	cr_assert_str_eq(N_("options"), "options");
	i18n_set(I18N_ES);
}

static void *
other_thread_language(void *arg)
{
	(void)arg;
	return (void *)(intptr_t)i18n_current();
}

/* A web worker's language is its own: other threads keep the process's. */
Test(i18n, a_thread_language_overrides_for_that_thread_only)
{
	pthread_t t;
	void *seen;

	i18n_set(I18N_ES);
	i18n_set_thread(I18N_EN);
	cr_assert_str_eq(_("options"), "options");
	cr_assert_eq(pthread_create(&t, NULL, other_thread_language, NULL), 0);
	cr_assert_eq(pthread_join(t, &seen), 0);
	cr_assert_eq((enum i18n_lang)(intptr_t)seen, I18N_ES);
	i18n_set_thread(-1);
	cr_assert_str_eq(_("options"), "opciones");
	i18n_set_thread(57);
	cr_assert_eq(i18n_current(), I18N_ES, "an unknown language is no override");
}

Test(i18n, every_spanish_message_keeps_its_format)
{
	/* the printf directives of the translation are those of the msgid, in
	 * order (msgfmt --check already does this at build time; this guards the
	 * embedding) */
	static const char *const ids[] = {
		"office '%s' added (id %lld)\n",
		"BROKEN at entry %lld (%lld entries verified before it)\n",
		"new key in '%s'; %zu sealed values and every blind index redone\n",
		"user '%s' is locked; an administrator can unlock it with 'khipu user unlock %s'",
	};
	size_t i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		const char *a = ids[i], *b = i18n_gettext(I18N_ES, ids[i]);
		size_t la, lb;

		cr_assert_neq(a, b, "'%s' is translated", ids[i]);
		for (;;) {
			a = strchr(a, '%');
			b = strchr(b, '%');
			if (a == NULL || b == NULL)
				break;
			la = 2 + strspn(a + 1, "0123456789.-+ #'lhzjtL");
			lb = 2 + strspn(b + 1, "0123456789.-+ #'lhzjtL");
			cr_assert(la == lb && strncmp(a, b, la) == 0, "same directive in '%s'", ids[i]);
			a += la;
			b += lb;
		}
		cr_assert(a == NULL && b == NULL, "same number of directives in '%s'", ids[i]);
	}
}

Test(i18n, lang_codes)
{
	cr_assert_str_eq(i18n_lang_code(I18N_ES), "es");
	cr_assert_str_eq(i18n_lang_code(I18N_EN), "en");
}

/* ---- plurals ------------------------------------------------------------ */

Test(i18n, plural_forms_in_a_catalogue)
{
	size_t n;
	unsigned char *mo = build_mo(sample, NSAMPLE, 0, &n);

	cr_assert_str_eq(i18n_mo_nlookup(mo, n, "%d case", 1), "%d caso");
	cr_assert_str_eq(i18n_mo_nlookup(mo, n, "%d case", 0), "%d casos");
	cr_assert_str_eq(i18n_mo_nlookup(mo, n, "%d case", 2), "%d casos");
	cr_assert_str_eq(i18n_mo_nlookup(mo, n, "%d case", 1000000), "%d casos");
	cr_assert_str_eq(i18n_mo_lookup(mo, n, "%d case"), "%d caso");
	cr_assert_str_eq(i18n_mo_nlookup(mo, n, "lonely", 1), "solo");
	cr_assert_null(i18n_mo_nlookup(mo, n, "lonely", 2), "a missing form is no translation");
	cr_assert_null(i18n_mo_nlookup(mo, n, "%d cases", 2), "the plural is not a key");
	free(mo);
}

Test(i18n, ngettext_falls_back_to_english_rule)
{
	static const char one[] = "%lu widget\n", many[] = "%lu widgets\n";

	cr_assert_eq(i18n_ngettext(I18N_ES, one, many, 1), one);
	cr_assert_eq(i18n_ngettext(I18N_ES, one, many, 0), many);
	cr_assert_eq(i18n_ngettext(I18N_EN, one, many, 2), many);
	cr_assert_eq(i18n_ngettext(I18N_EN, one, many, 1), one);
}

/* ---- the .mo parser ----------------------------------------------------- */

Test(i18n, mo_lookup_in_both_byte_orders)
{
	int big;

	for (big = 0; big <= 1; big++) {
		size_t n, i;
		unsigned char *mo = build_mo(sample, NSAMPLE, big, &n);

		cr_assert_str_eq(i18n_mo_lookup(mo, n, "[protected]"), "[protegido]");
		cr_assert_str_eq(i18n_mo_lookup(mo, n, "options"), "opciones");
		cr_assert_null(i18n_mo_lookup(mo, n, "untranslated"), "empty msgstr: none");
		cr_assert_null(i18n_mo_lookup(mo, n, "absent"));
		cr_assert_null(i18n_mo_lookup(mo, n, "zzz"));
		cr_assert_null(i18n_mo_lookup(mo, n, NULL));
		for (i = 1; i < NSAMPLE; i++)   /* every key found by the search */
			if (sample[i].strlen_ > 0)
				cr_assert_not_null(i18n_mo_lookup(mo, n, sample[i].id), "%s", sample[i].id);
		free(mo);
	}
}

Test(i18n, mo_malformed_images_are_refused)
{
	size_t n;
	unsigned char *mo = build_mo(sample, NSAMPLE, 0, &n), *bad = malloc(n);

	cr_assert_null(i18n_mo_lookup(NULL, 100, "options"));
	cr_assert_null(i18n_mo_lookup(mo, 0, "options"));
	cr_assert_null(i18n_mo_lookup(mo, 19, "options"));

	memcpy(bad, mo, n);
	bad[0] ^= 0xff;   /* wrong magic */
	cr_assert_null(i18n_mo_lookup(bad, n, "options"));

	memcpy(bad, mo, n);
	put32(bad + 4, 2u << 16, 0);   /* unknown major revision */
	cr_assert_null(i18n_mo_lookup(bad, n, "options"));

	memcpy(bad, mo, n);
	put32(bad + 8, 0x7fffffff, 0);   /* more strings than bytes */
	cr_assert_null(i18n_mo_lookup(bad, n, "options"));

	memcpy(bad, mo, n);
	put32(bad + 12, 0xfffffff0u, 0);   /* table past the end */
	cr_assert_null(i18n_mo_lookup(bad, n, "options"));

	memcpy(bad, mo, n);
	put32(bad + 16, (uint32_t)n - 4, 0);   /* translation table runs off the end */
	cr_assert_null(i18n_mo_lookup(bad, n, "options"));

	memcpy(bad, mo, n);
	put32(bad + 28 + 8 * 2 + 4, 0xffffff00u, 0);   /* a string offset past the end */
	put32(bad + 28 + 8 * 4 + 4, (uint32_t)n, 0);   /* one exactly at the end */
	cr_assert_null(i18n_mo_lookup(bad, n, "[protected]"));
	cr_assert_null(i18n_mo_lookup(bad, n, "options"));

	memcpy(bad, mo, n);
	put32(bad + 28 + 8 * NSAMPLE + 8 * 4, 0xffffffffu, 0);   /* length overflows */
	cr_assert_null(i18n_mo_lookup(bad, n, "options"));

	memcpy(bad, mo, n);
	{
		unsigned char *s = memmem(bad, n, "opciones", 9);   /* with its NUL */

		cr_assert_not_null(s);
		s[8] = 'x';   /* the translation runs on unterminated */
		cr_assert_null(i18n_mo_lookup(bad, n, "options"));
		cr_assert_str_eq(i18n_mo_lookup(bad, n, "[protected]"), "[protegido]");
	}
	free(bad);
	free(mo);
}

/* Truncations and single-byte corruptions of the real Spanish catalogue,
 * in an exactly sized copy (ASan sees any overread): every cut and every
 * flipped byte in the header and the first tables,
 * then a sample further on: a full sweep is quadratic in the catalogue's
 * size and took minutes under ASan on a loaded machine; the libFuzzer
 * harnesses (tests/fuzz) search the whole space. */
static size_t
mo_next(size_t at)
{
	return at < 4096 ? at + 1 : at + 61;
}

Test(i18n, mo_truncated_or_corrupt_never_crashes, .timeout = 120)
{
	static const char *const ids[] = { "usage", "[protected]", "commands", "zz", "" };
	size_t size, len, i, k;
	const unsigned char *es = i18n_catalog(I18N_ES, &size);

	cr_assert_gt(size, 28);
	cr_assert_str_eq(i18n_mo_lookup(es, size, "commands"), "comandos");
	for (len = 0; len < size; len = mo_next(len)) {
		unsigned char *p = malloc(len ? len : 1);

		memcpy(p, es, len);
		for (k = 0; k < sizeof(ids) / sizeof(ids[0]); k++) {
			(void)i18n_mo_lookup(p, len, ids[k]);
			(void)i18n_mo_nlookup(p, len, ids[k], 2);
		}
		free(p);
	}
	for (i = 0; i < size; i = mo_next(i)) {
		unsigned char *p = malloc(size);
		static const unsigned char flips[] = { 0xff, 0x80, 0x01, 0x7f };

		for (k = 0; k < sizeof(flips); k++) {
			memcpy(p, es, size);
			p[i] ^= flips[k];
			(void)i18n_mo_lookup(p, size, "usage");
			(void)i18n_mo_nlookup(p, size, "[protected]", 3);
		}
		free(p);
	}
}

/* ---- choosing the language --------------------------------------------- */

static void
clear_env(void)
{
	unsetenv("KHIPU_LANG");
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
}

Test(i18n, language_from_environment)
{
	clear_env();
	cr_assert_eq(i18n_lang_from_env(), I18N_ES, "nothing set: Spanish");
	setenv("LANG", "en_US.UTF-8", 1);
	cr_assert_eq(i18n_lang_from_env(), I18N_EN);
	setenv("LC_ALL", "C", 1);
	cr_assert_eq(i18n_lang_from_env(), I18N_EN, "C names no language: skipped");
	setenv("LC_MESSAGES", "es_PE.UTF-8", 1);
	cr_assert_eq(i18n_lang_from_env(), I18N_ES, "LC_MESSAGES before LANG");
	setenv("LANGUAGE", "fr:en_GB:es", 1);
	cr_assert_eq(i18n_lang_from_env(), I18N_EN, "LANGUAGE: first supported entry");
	setenv("KHIPU_LANG", "es", 1);
	cr_assert_eq(i18n_lang_from_env(), I18N_ES, "KHIPU_LANG first of all");
	clear_env();
	setenv("KHIPU_LANG", "en", 1);
	cr_assert_eq(i18n_lang_from_env(), I18N_EN);
	setenv("KHIPU_LANG", "", 1);
	cr_assert_eq(i18n_lang_from_env(), I18N_ES);
	clear_env();
	setenv("LANG", "fr_FR.UTF-8", 1);
	cr_assert_eq(i18n_lang_from_env(), I18N_ES, "unsupported: Spanish");
	clear_env();
}

Test(i18n, parse_language_tags)
{
	static const struct { const char *s; int rc; enum i18n_lang l; } t[] = {
		{ "es", 0, I18N_ES }, { "en", 0, I18N_EN }, { "es-PE", 0, I18N_ES },
		{ "en_GB.UTF-8", 0, I18N_EN }, { "EN-us", 0, I18N_EN }, { "es_ES@euro", 0, I18N_ES },
		{ "es.UTF-8", 0, I18N_ES }, { "eng", -1, I18N_ES }, { "spa", -1, I18N_ES },
		{ "e", -1, I18N_ES }, { "", -1, I18N_ES }, { "C", -1, I18N_ES },
		{ "fr_FR", -1, I18N_ES }, { "POSIX", -1, I18N_ES }, { "en ", -1, I18N_ES },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		enum i18n_lang l = (enum i18n_lang)42;

		cr_assert_eq(i18n_lang_parse(t[i].s, &l), t[i].rc, "'%s'", t[i].s);
		if (t[i].rc == 0)
			cr_assert_eq(l, t[i].l, "'%s'", t[i].s);
		else
			cr_assert_eq((int)l, 42, "'%s' leaves *out alone", t[i].s);
	}
	cr_assert_eq(i18n_lang_parse(NULL, &(enum i18n_lang){ I18N_ES }), -1);
}

Test(i18n, accept_language)
{
	static const struct { const char *h; enum i18n_lang l; } t[] = {
		{ "en-GB,en;q=0.9,es;q=0.8", I18N_EN },
		{ "fr, es;q=0.5", I18N_ES },
		{ "fr, en;q=0.5", I18N_EN },
		{ "es-PE,es;q=0.9,en;q=0.8", I18N_ES },
		{ "es;q=0.4, en;q=0.6", I18N_EN },
		{ "en;q=0.5, es;q=0.5", I18N_EN },   /* tie: the first */
		{ "en;q=0", I18N_ES },               /* not wanted */
		{ "es;q=0, en", I18N_EN },
		{ "  en-US ; q = 0.7 ,fr", I18N_EN },
		{ "EN;Q=1.000", I18N_EN },
		{ "en;q=1.5", I18N_ES },             /* bad q: item ignored */
		{ "en;q=0.1234", I18N_ES },
		{ "en;q=abc", I18N_ES },
		{ "fr;q=0.9, en;level=1;q=0.3", I18N_EN },
		{ "*", I18N_ES },
		{ "fr, *;q=0.1, en;q=0.05", I18N_ES },
		{ "", I18N_ES },
		{ ",,,;;;===", I18N_ES },
		{ "en garbage", I18N_ES },
		{ "\xff\xfe", I18N_ES },
		{ "english", I18N_ES },
		{ "q=1;en", I18N_ES },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		cr_assert_eq(i18n_accept_language(t[i].h), t[i].l, "'%s'", t[i].h);
	cr_assert_eq(i18n_accept_language(NULL), I18N_ES);
}

/* ---- numbers and dates --------------------------------------------------- */

#define NNBSP "\xe2\x80\xaf"

Test(i18n, format_integers)
{
	char b[64];

	i18n_format_int(I18N_EN, 1234567, b, sizeof(b));
	cr_assert_str_eq(b, "1,234,567");
	i18n_format_int(I18N_ES, 1234567, b, sizeof(b));
	cr_assert_str_eq(b, "1" NNBSP "234" NNBSP "567");
	i18n_format_int(I18N_EN, 0, b, sizeof(b));
	cr_assert_str_eq(b, "0");
	i18n_format_int(I18N_ES, 999, b, sizeof(b));
	cr_assert_str_eq(b, "999");
	i18n_format_int(I18N_ES, 1000, b, sizeof(b));
	cr_assert_str_eq(b, "1" NNBSP "000");
	i18n_format_int(I18N_EN, -12345, b, sizeof(b));
	cr_assert_str_eq(b, "-12,345");
	i18n_format_int(I18N_EN, -100, b, sizeof(b));
	cr_assert_str_eq(b, "-100");
	i18n_format_int(I18N_EN, LLONG_MIN, b, sizeof(b));
	cr_assert_str_eq(b, "-9,223,372,036,854,775,808");
	i18n_format_int(I18N_ES, LLONG_MAX, b, sizeof(b));
	cr_assert_str_eq(b, "9" NNBSP "223" NNBSP "372" NNBSP "036" NNBSP "854" NNBSP "775"
		NNBSP "807");
	i18n_format_int(I18N_EN, 1234, b, 6);
	cr_assert_str_eq(b, "1,234");
	i18n_format_int(I18N_EN, 1234, b, 5);
	cr_assert_str_eq(b, "", "too small: empty, not a wrong number");
	i18n_format_int(I18N_EN, 1234, b, 0);   /* writes nothing */
}

Test(i18n, format_dates)
{
	static const struct { enum i18n_lang l; const char *in, *out; } t[] = {
		{ I18N_ES, "2024-03-02", "2 de marzo de 2024" },
		{ I18N_EN, "2024-03-02", "2 March 2024" },
		{ I18N_ES, "2023-09-30", "30 de setiembre de 2023" },
		{ I18N_EN, "2023-12-31", "31 December 2023" },
		{ I18N_ES, "2024-01-15T10:30:00Z", "15 de enero de 2024" },
		{ I18N_EN, "2024-01-15 10:30", "15 January 2024" },
		{ I18N_ES, "2024-02-29", "29 de febrero de 2024" },
		{ I18N_ES, "2023-02-29", "2023-02-29" },   /* not a day: as given */
		{ I18N_EN, "1900-02-29", "1900-02-29" },
		{ I18N_EN, "2000-02-29", "29 February 2000" },
		{ I18N_ES, "2024-03", "marzo de 2024" },
		{ I18N_EN, "2024-03", "March 2024" },
		{ I18N_ES, "2024", "2024" },
		{ I18N_ES, "2024-13-01", "2024-13-01" },
		{ I18N_ES, "2024-00-10", "2024-00-10" },
		{ I18N_ES, "2024-04-31", "2024-04-31" },
		{ I18N_ES, "2024-4-1", "2024-4-1" },
		{ I18N_ES, "2024-03-02x", "2024-03-02x" },
		{ I18N_ES, "20", "20" },
		{ I18N_ES, "", "" },
		{ I18N_EN, "next week", "next week" },
	};
	char b[64];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		i18n_format_date(t[i].l, t[i].in, b, sizeof(b));
		cr_assert_str_eq(b, t[i].out, "'%s'", t[i].in);
	}
	i18n_format_date(I18N_ES, NULL, b, sizeof(b));
	cr_assert_str_eq(b, "");
	i18n_format_date(I18N_ES, "2024-03-02", b, 10);
	cr_assert_str_eq(b, "", "too small: empty");
	i18n_format_date(I18N_EN, "2024-03-02", b, 13);
	cr_assert_str_eq(b, "2 March 2024");
}
