/*
 * i18n.h — translated messages (Spanish first, English), numbers and dates.
 *
 * Message ids are English in the source, marked with _() or N_(); the
 * translations come from po/<lang>.po, compiled by msgfmt at build time and
 * embedded in the binary as GNU .mo images (no locale files, no setlocale).
 * See docs/translating.md for the translator's and the developer's side.
 */
#ifndef KHIPU_I18N_H
#define KHIPU_I18N_H

#include <stddef.h>

/* The languages of the user interface; Spanish is the default. */
enum i18n_lang {
	I18N_ES,      /* español (Perú): the default */
	I18N_EN,      /* English: the message ids themselves */
	I18N__MAX
};

/* Translate a literal with the process-wide language; mark a static string
 * for translation without translating it yet (translate it with _() or
 * i18n_gettext() where it is used). */
#ifndef _
#define _(s) i18n_gettext(i18n_current(), (s))
#endif
#define N_(s) (s)

/*
 * Translation of msgid in lang, or msgid itself when the catalogue has none
 * (and for "" or NULL, which are returned as they are). The result lives as
 * long as the process; never free it. gcc checks the printf arguments of a
 * translated format against the msgid (format_arg).
 */
const char *i18n_gettext(enum i18n_lang lang, const char *msgid)
	__attribute__((format_arg(2)));
/*
 * Plural-aware translation: the form of msgid/plural for count n. Both our
 * languages use the rule "one if n == 1, else other"; untranslated, it
 * returns singular when n == 1 and plural otherwise.
 */
const char *i18n_ngettext(enum i18n_lang lang, const char *singular, const char *plural,
	unsigned long n) __attribute__((format_arg(2))) __attribute__((format_arg(3)));

/* The language of the calling thread only, over the process-wide one (a
 * web worker sets the request's, so messages from the layers below come in
 * the user's language); -1 goes back to the process-wide language. */
void i18n_set_thread(int lang);
/* The process-wide language used by _(). Until i18n_set() is called it is
 * i18n_lang_from_env(), read once. main() should set it early; servers
 * should pass a per-request language to i18n_gettext() instead. */
void i18n_set(enum i18n_lang lang);
enum i18n_lang i18n_current(void);

/*
 * Language from the environment: the first of KHIPU_LANG, LANGUAGE (a
 * colon-separated list, first supported entry), LC_ALL, LC_MESSAGES and LANG
 * that names a supported language wins; values naming no supported language
 * ("C", "fr_FR.UTF-8") are skipped. Default I18N_ES.
 */
enum i18n_lang i18n_lang_from_env(void);
/* Parse a language tag or locale name: "es", "en", "es-PE", "en_GB.UTF-8",
 * "ES@euro" (case-insensitive; the primary subtag must be exactly two
 * letters). Returns 0 and sets *out, or -1 (and leaves *out) when s is NULL
 * or names no supported language. */
int i18n_lang_parse(const char *s, enum i18n_lang *out);
/* Best language for an HTTP Accept-Language value ("en-GB,en;q=0.9,es;q=0.8"):
 * the supported language with the highest q (the first on ties; q=0 means
 * "not wanted"; "*" counts as Spanish). NULL, empty or garbage: I18N_ES. */
enum i18n_lang i18n_accept_language(const char *header);
/* Short code of a language: "es", "en" (for <html lang>, Content-Language). */
const char *i18n_lang_code(enum i18n_lang lang);

/*
 * Integer with thousands grouped, into out (n bytes, always terminated when
 * n > 0; "" if it does not fit). English: "1,234,567". Spanish (Peru):
 * "1 234 567" with U+202F NARROW NO-BREAK SPACE (UTF-8 e2 80 af) between
 * groups, as the SI and INEI's publications write it — never a point or
 * comma, which Peruvian and Spanish readers take the opposite ways.
 * Negative numbers start with "-".
 */
void i18n_format_int(enum i18n_lang lang, long long v, char *out, size_t n);
/*
 * A date "YYYY-MM-DD" (anything after the day from 'T' or ' ' on is
 * ignored), "YYYY-MM" or "YYYY", written out: Spanish "2 de marzo de 2024",
 * "marzo de 2024"; English "2 March 2024", "March 2024". Anything else is
 * copied unchanged. Same size rule as i18n_format_int().
 */
void i18n_format_date(enum i18n_lang lang, const char *iso_date, char *out, size_t n);

/*
 * For tests and tools. i18n_mo_lookup: translation of msgid in the GNU .mo
 * image mo (n bytes, either byte order, any alignment), or NULL when it is
 * absent, empty or the image is malformed in any way (never reads outside
 * mo[0..n)). For a plural entry it returns the first form.
 * i18n_mo_nlookup: the form for count under the rule n != 1, or NULL.
 * i18n_catalog: the embedded .mo image of lang and its size in *size.
 */
const char *i18n_mo_lookup(const void *mo, size_t n, const char *msgid);
const char *i18n_mo_nlookup(const void *mo, size_t n, const char *msgid,
	unsigned long count);
const void *i18n_catalog(enum i18n_lang lang, size_t *size);

#endif
