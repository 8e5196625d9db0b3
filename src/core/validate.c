/*
 * validate.c — pure validators for input fields: dates, codebook codes,
 * UBIGEO, countries, free text and user names. They write nothing but the
 * error holder, and never echo free text (it may hold a name or an address).
 */
#include "core/validate.h"
#include "lib/date.h"
#include "lib/i18n.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <utf8proc.h>

#define MIN_DATE "1900-01-01"
#define CODES_LISTED 8      /* codes named in an "unknown code" message */
#define QUOTE_MAX 32        /* bytes of a rejected value echoed back */

/* A rejected value made safe to echo: printable ASCII only, at most
 * QUOTE_MAX bytes, anything else shown as '?' and a long tail as "...". */
static const char *
quote(const char *s, char out[QUOTE_MAX + 4])
{
	size_t i;

	for (i = 0; s[i] != '\0' && i < QUOTE_MAX; i++)
		out[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	if (s[i] != '\0') {
		memcpy(out + i, "...", 3);
		i += 3;
	}
	out[i] = '\0';
	return out;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return 0;
	return 1;
}

static int
num(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* ------------------------------------------------------------------ */
/* Dates                                                                */

/* Exactly "DDDD-DD-DD". */
static int
date_shape(const char *s)
{
	return strlen(s) == 10 && all_digits(s, 4) && s[4] == '-' &&
	    all_digits(s + 5, 2) && s[7] == '-' && all_digits(s + 8, 2);
}

void
validate_today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

enum kerr_code
validate_date(const char *field, const char *s, struct kerr *err)
{
	char q[QUOTE_MAX + 4], today[11];
	int y, m, d;

	if (s == NULL || *s == '\0')
		return kerr_field(err, KERR_INVALID, field, _("a date is required (use YYYY-MM-DD)"));
	if (!date_shape(s))
		return kerr_field(err, KERR_INVALID, field, _("'%s' is not a date (use YYYY-MM-DD)"),
		    quote(s, q));
	y = num(s, 4);
	m = num(s + 5, 2);
	d = num(s + 8, 2);
	if (m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
		return kerr_field(err, KERR_INVALID, field,
		    _("'%s' is not a real date (use YYYY-MM-DD)"), s);
	if (strcmp(s, MIN_DATE) < 0)
		return kerr_field(err, KERR_INVALID, field, _("'%s' is before %s"), s, MIN_DATE);
	validate_today(today);
	if (strcmp(s, today) > 0)
		return kerr_field(err, KERR_INVALID, field, _("'%s' is in the future"), s);
	return KERR_OK;
}

enum kerr_code
validate_date_opt(const char *field, const char *s, struct kerr *err)
{
	if (s == NULL || *s == '\0')
		return KERR_OK;
	return validate_date(field, s, err);
}

int
validate_date_cmp(const char *a, const char *b)
{
	/* ISO dates order as strings, and "" sorts before any date */
	return strcmp(a == NULL ? "" : a, b == NULL ? "" : b);
}

/* ------------------------------------------------------------------ */
/* Codes, countries, UBIGEO                                             */

/* "a, b, c, ..." : the first CODES_LISTED codes of dim. */
static void
list_codes(enum cb_dim dim, char *out, size_t outsz)
{
	const struct cb_entry *e;
	size_t n, i, len = 0;

	e = cb_entries(dim, &n);
	out[0] = '\0';
	for (i = 0; i < n && i < CODES_LISTED && len < outsz; i++)
		len += (size_t)snprintf(out + len, outsz - len, "%s%s", i ? ", " : "", e[i].code);
	if (n > CODES_LISTED && len < outsz)
		snprintf(out + len, outsz - len, ", ...");
}

static enum kerr_code
unknown_country(const char *field, const char *code, struct kerr *err)
{
	char q[QUOTE_MAX + 4];

	return kerr_field(err, KERR_INVALID, field,
	    _("unknown code '%s'; expected an ISO 3166 alpha-2 code such as PE, BO, CO"),
	    quote(code, q));
}

enum kerr_code
validate_code(const char *field, enum cb_dim dim, const char *code, struct kerr *err)
{
	char q[QUOTE_MAX + 4], codes[256];

	if (code != NULL && cb_lookup(dim, code) != NULL)
		return KERR_OK;
	if (dim == CB_COUNTRY)
		return code == NULL || *code == '\0' ? kerr_field(err, KERR_INVALID, field,
		    _("a country is required (an ISO 3166 alpha-2 code such as PE)")) :
		    unknown_country(field, code, err);
	list_codes(dim, codes, sizeof(codes));
	if (code == NULL || *code == '\0')
		return kerr_field(err, KERR_INVALID, field, _("a code is required; expected one of: %s"),
		    codes);
	return kerr_field(err, KERR_INVALID, field, _("unknown code '%s'; expected one of: %s"),
	    quote(code, q), codes);
}

enum kerr_code
validate_country(const char *field, const char *code, struct kerr *err)
{
	char upper[3];

	if (code == NULL || *code == '\0')
		return validate_code(field, CB_COUNTRY, code, err);
	if (cb_lookup(CB_COUNTRY, code) != NULL)
		return KERR_OK;
	/* "pe": say how to fix it rather than just "unknown" */
	if (strlen(code) == 2 && code[0] >= 'a' && code[0] <= 'z' && code[1] >= 'a' && code[1] <= 'z') {
		upper[0] = (char)(code[0] - 'a' + 'A');
		upper[1] = (char)(code[1] - 'a' + 'A');
		upper[2] = '\0';
		if (cb_lookup(CB_COUNTRY, upper) != NULL)
			return kerr_field(err, KERR_INVALID, field,
			    _("'%s' must be upper case ('%s')"), code, upper);
	}
	return unknown_country(field, code, err);
}

enum kerr_code
validate_ubigeo(const char *field, const char *code, struct kerr *err)
{
	char q[QUOTE_MAX + 4], dept[3];
	size_t n = code == NULL ? 0 : strlen(code);

	if (n == 0)
		return kerr_field(err, KERR_INVALID, field,
		    _("a UBIGEO code is required (2, 4 or 6 INEI digits)"));
	if ((n != 2 && n != 4 && n != 6) || !all_digits(code, n))
		return kerr_field(err, KERR_INVALID, field,
		    _("'%s' is not a UBIGEO code (2, 4 or 6 INEI digits)"), quote(code, q));
	memcpy(dept, code, 2);
	dept[2] = '\0';
	if (cb_lookup(CB_DEPARTMENT, dept) == NULL)
		return kerr_field(err, KERR_INVALID, field,
		    _("UBIGEO '%s' names no department (INEI departments are 01 to 25)"), code);
	if ((n >= 4 && num(code + 2, 2) == 0) || (n == 6 && num(code + 4, 2) == 0))
		return kerr_field(err, KERR_INVALID, field,
		    _("UBIGEO '%s' has a province or district part 00"), code);
	return KERR_OK;
}

/* ------------------------------------------------------------------ */
/* Text and user names                                                  */

/* C0 controls but \n and \t, DEL, and the C1 block. */
static int
forbidden_control(utf8proc_int32_t cp)
{
	if (cp == '\n' || cp == '\t')
		return 0;
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

enum kerr_code
validate_text(const char *field, const char *s, size_t max, struct kerr *err)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s == NULL ? "" : s);
	size_t n = strlen((const char *)p), off = 0;
	utf8proc_int32_t cp;
	utf8proc_ssize_t len;

	if (n > max)
		return kerr_field(err, KERR_INVALID, field, _("too long (%zu bytes; at most %zu)"), n,
		    max);
	while (off < n) {
		len = utf8proc_iterate(p + off, (utf8proc_ssize_t)(n - off), &cp);
		if (len <= 0)
			return kerr_field(err, KERR_INVALID, field,
			    _("not valid UTF-8 (at byte %zu)"), off);
		if (forbidden_control(cp))
			return kerr_field(err, KERR_INVALID, field,
			    _("control character at byte %zu (only line breaks and tabs are allowed)"),
			    off);
		off += (size_t)len;
	}
	return KERR_OK;
}

enum kerr_code
validate_username(const char *field, const char *s, struct kerr *err)
{
	char q[QUOTE_MAX + 4];
	size_t i, n = s == NULL ? 0 : strlen(s);
	int ok = n >= 2 && n <= 32 && s[0] >= 'a' && s[0] <= 'z';

	for (i = 0; ok && i < n; i++)
		ok = (s[i] >= 'a' && s[i] <= 'z') || is_digit(s[i]) || s[i] == '.' ||
		    s[i] == '_' || s[i] == '-';
	if (ok)
		return KERR_OK;
	return kerr_field(err, KERR_INVALID, field,
	    _("'%s' is not a valid user name (2 to 32 of a-z, 0-9, '.', '_', '-', starting with a letter)"),
	    quote(s == NULL ? "" : s, q));
}
