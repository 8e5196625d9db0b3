/* form.c — parsing urlencoded forms and query strings. */
#include "web/form.h"

#include <stdio.h>
#include <string.h>

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* 1 when s (n bytes) is valid UTF-8 without NUL. */
static int
utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0, len, k;

	while (i < n) {
		unsigned c = s[i];
		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			len = 2;
		else if (c >= 0xe0 && c <= 0xef)
			len = 3;
		else if (c >= 0xf0 && c <= 0xf4)
			len = 4;
		else
			return 0;
		if (i + len > n)
			return 0;
		for (k = 1; k < len; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
		if (len == 3 && ((c == 0xe0 && s[i + 1] < 0xa0) || (c == 0xed && s[i + 1] >= 0xa0)))
			return 0;
		if (len == 4 && ((c == 0xf0 && s[i + 1] < 0x90) || (c == 0xf4 && s[i + 1] >= 0x90)))
			return 0;
		i += len;
	}
	return 1;
}

char *
form_decode(const char *s, size_t n, int plus_is_space, struct arena *a)
{
	char *out = arena_alloc(a, n + 1);
	size_t i, o = 0;
	int hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '%') {
			if (i + 2 >= n)
				return NULL;
			if ((hi = hexval(s[i + 1])) < 0 || (lo = hexval(s[i + 2])) < 0)
				return NULL;
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (s[i] == '+' && plus_is_space) {
			out[o++] = ' ';
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	if (!utf8_valid((const unsigned char *)out, o))
		return NULL;
	return out;
}

int
form_parse(struct form *f, const char *s, size_t n, struct arena *a)
{
	size_t i = 0, cap = 0, count = 1, j;

	f->f = NULL;
	f->n = 0;
	if (s == NULL || n == 0)
		return 0;
	for (j = 0; j < n; j++)
		count += s[j] == '&';
	if (count > FORM_MAX_FIELDS)
		return -1;
	cap = count;
	f->f = arena_alloc(a, cap * sizeof(*f->f));
	while (i < n) {
		size_t end = i, eq;
		while (end < n && s[end] != '&')
			end++;
		if (end > i) {
			for (eq = i; eq < end && s[eq] != '='; eq++)
				;
			const char *name = form_decode(s + i, eq - i, 1, a);
			const char *value = eq < end ? form_decode(s + eq + 1, end - eq - 1, 1, a) : "";
			if (name == NULL || value == NULL) {
				f->n = 0;
				return -1;
			}
			f->f[f->n].name = name;
			f->f[f->n].value = value;
			f->n++;
		}
		i = end + 1;
	}
	return 0;
}

const char *
form_get(const struct form *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->f[i].name, name) == 0)
			return f->f[i].value;
	return NULL;
}

const char *
form_nonblank(const struct form *f, const char *name)
{
	const char *v = form_get(f, name);
	const char *p;

	if (v == NULL)
		return NULL;
	for (p = v; *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'; p++)
		;
	return *p ? v : NULL;
}

const char **
form_all(const struct form *f, const char *name, struct arena *a, size_t *n)
{
	const char **out = arena_alloc(a, (f->n + 1) * sizeof(*out));
	size_t i;

	*n = 0;
	for (i = 0; i < f->n; i++)
		if (strcmp(f->f[i].name, name) == 0 && f->f[i].value[0] != '\0')
			out[(*n)++] = f->f[i].value;
	return out;
}

/* The integer part s[0..n): digits, optionally grouped by one kind of mark
 * (sep: '.', ',' or ' ') in threes after a first group of 1-3; -1 when not. */
static int
amount_int(const char *s, size_t n, long long *v)
{
	size_t i, group = 0, ndig = 0;
	char sep = 0;
	int grouped = 0;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			*v = *v * 10 + (s[i] - '0');
			group++;
			if (++ndig > 13)
				return -1;
			continue;
		}
		if ((sep != 0 && s[i] != sep) || group == 0 || (grouped && group != 3) ||
		    (!grouped && group > 3))
			return -1;
		sep = s[i];
		grouped = 1;
		group = 0;
	}
	return ndig == 0 || (grouped && group != 3) ? -1 : 0;
}

int
form_amount(const char *s, long long *cents)
{
	size_t n, i, ndot = 0, ncomma = 0;
	const char *dec = NULL;
	long long whole;
	int frac = 0;

	if (s == NULL)
		return -1;
	if (strncmp(s, "S/", 2) == 0 || strncmp(s, "US$", 3) == 0 || *s == '$')
		s += *s == 'U' ? 3 : *s == '$' ? 1 : 2;
	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	for (i = 0; i < n; i++) {
		ndot += s[i] == '.';
		ncomma += s[i] == ',';
		if (s[i] == '.' || s[i] == ',')
			dec = s + i;
	}
	/* the last mark is the decimal one when one or two digits follow it and
	 * it is the only one of its kind (with both kinds, it must be) */
	if (dec != NULL) {
		size_t after = (size_t)(s + n - dec - 1);
		size_t same = *dec == '.' ? ndot : ncomma;
		int both = ndot > 0 && ncomma > 0;
		if (same == 1 && (after == 1 || after == 2) && strspn(dec + 1, "0123456789") >= after)
			;   /* decimal */
		else if (both)
			return -1;
		else
			dec = NULL;   /* only grouping marks */
	}
	if (amount_int(s, dec != NULL ? (size_t)(dec - s) : n, &whole) != 0)
		return -1;
	if (dec != NULL) {
		frac = (dec[1] - '0') * 10;
		if (dec + 2 < s + n)
			frac += dec[2] - '0';
	}
	*cents = whole * 100 + frac;
	return 0;
}

int
form_date(const char *s, char out[11])
{
	int a, b, c, used = 0;
	char s1, s2;

	if (s == NULL || strlen(s) > 10)
		return -1;
	if (sscanf(s, "%4d-%2d-%2d%n", &a, &b, &c, &used) == 3 && used == 10 && s[4] == '-')
		/* a sign read by %d would not fit: not a date */
		return snprintf(out, 11, "%04d-%02d-%02d", a, b, c) == 10 ? 0 : -1;
	used = 0;
	if (sscanf(s, "%2d%c%2d%c%4d%n", &a, &s1, &b, &s2, &c, &used) == 5 &&
	    s[used] == '\0' && s1 == s2 && (s1 == '/' || s1 == '-' || s1 == '.') &&
	    c >= 1000 && a >= 1 && b >= 1)
		return snprintf(out, 11, "%04d-%02d-%02d", c, b, a) == 10 ? 0 : -1;
	return -1;
}
