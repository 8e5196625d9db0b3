/*
 * redact.c — masking identity values inside free text (redact.h).
 *
 * Words are compared in the folded form of lib/norm.c (the one the blind
 * indexes use), so "ROSALINDA", "Rosalínda" and "rosalinda" are one word.
 * The sets are small (the persons of one case): linear search is enough.
 */
#include "lib/redact.h"

#include <string.h>

#include "lib/buf.h"
#include "lib/norm.h"

#define REDACT_MIN_DIGITS 5      /* shorter numbers (ages, years) stay */
#define REDACT_TAIL_DIGITS 9     /* a national number without its prefix */
#define REDACT_TEXT_MAX (1u << 22)

struct redact {
	struct arena *a;
	const char **words;          /* folded significant words */
	size_t nwords, capwords;
	const char **digits;         /* digit strings of numbers */
	size_t ndigits, capdigits;
	const char **chunks;         /* upper-cased letters and digits of identifiers */
	size_t nchunks, capchunks;
	size_t nvalues;
};

struct redact *
redact_new(struct arena *a)
{
	struct redact *r = arena_alloc(a, sizeof(*r));

	memset(r, 0, sizeof(*r));
	r->a = a;
	return r;
}

static void
push(struct redact *r, const char ***list, size_t *n, size_t *cap, const char *s)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*list)[i], s) == 0)
			return;
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		const char **bigger = arena_alloc(r->a, ncap * sizeof(*bigger));
		if (*n)
			memcpy(bigger, *list, *n * sizeof(*bigger));
		*list = bigger;
		*cap = ncap;
	}
	(*list)[(*n)++] = arena_strdup(r->a, s);
}

/* The significant words of value, those of at least min_chars bytes. */
static void
add_words(struct redact *r, const char *value, size_t min_chars)
{
	char tok[NORM_MAX_TOKENS][NORM_TOKEN_LEN];
	size_t n, i;

	if (value == NULL || *value == '\0')
		return;
	r->nvalues++;
	/* norm_name_tokens keeps the first NORM_MAX_TOKENS words: feed long
	 * values (addresses) a few words at a time */
	while (*value != '\0') {
		char part[256];
		size_t len = 0, words = 0;
		const char *p = value;
		while (*p != '\0' && words < NORM_MAX_TOKENS && len < sizeof(part) - 1) {
			while (*p == ' ' && len < sizeof(part) - 1)
				part[len++] = *p++;
			while (*p != '\0' && *p != ' ' && len < sizeof(part) - 1)
				part[len++] = *p++;
			words++;
		}
		part[len] = '\0';
		n = norm_name_tokens(part, tok, NORM_MAX_TOKENS);
		for (i = 0; i < n; i++)
			if (strlen(tok[i]) >= min_chars)
				push(r, &r->words, &r->nwords, &r->capwords, tok[i]);
		value = p;
	}
}

void
redact_add_name(struct redact *r, const char *value)
{
	add_words(r, value, 2);
}

/* Street abbreviations ("Jr", "Av", "Mz", "Lt") belong to every address:
 * an address's words count from three letters. */
void
redact_add_address(struct redact *r, const char *value)
{
	add_words(r, value, 3);
}

static size_t
digits_of(const char *s, size_t len, char *out, size_t outsz)
{
	size_t i, n = 0;

	for (i = 0; i < len && n + 1 < outsz; i++)
		if (s[i] >= '0' && s[i] <= '9')
			out[n++] = s[i];
	out[n] = '\0';
	return n;
}

void
redact_add_value(struct redact *r, const char *value)
{
	char d[64], u[256];
	size_t nd, len;

	if (value == NULL || *value == '\0')
		return;
	r->nvalues++;
	len = strlen(value);
	nd = digits_of(value, len, d, sizeof(d));
	if (nd >= REDACT_MIN_DIGITS)
		push(r, &r->digits, &r->ndigits, &r->capdigits, d);
	if (norm_alnum(value, u, sizeof(u)) == 0 && strlen(u) > nd)
		push(r, &r->chunks, &r->nchunks, &r->capchunks, u);
}

size_t
redact_count(const struct redact *r)
{
	return r->nvalues;
}

/* A run of digits found in text matches a number of the set: the same
 * digits, or the last nine or more of them (a phone without its prefix),
 * or a longer run that ends with them (the prefix written out). */
static int
digits_match(const struct redact *r, const char *d, size_t nd)
{
	size_t i, nk;

	if (nd < REDACT_MIN_DIGITS)
		return 0;
	for (i = 0; i < r->ndigits; i++) {
		const char *k = r->digits[i];
		nk = strlen(k);
		if (nk == nd && memcmp(k, d, nd) == 0)
			return 1;
		if (nk > nd && nd >= REDACT_TAIL_DIGITS && memcmp(k + nk - nd, d, nd) == 0)
			return 1;
		if (nd > nk && memcmp(d + nd - nk, k, nk) == 0)
			return 1;
	}
	return 0;
}

static int
is_sep(unsigned char c)
{
	return c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		(c >= 'A' && c <= 'Z'));
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Length of the number run at s (digits in groups joined by one of
 * " -./()" and an optional leading '+'), ending on a digit; 0 if none. */
static size_t
number_run(const char *s)
{
	size_t i = 0, last = 0;

	while (i < 2 && (s[i] == '+' || s[i] == '('))
		i++;
	if (!(s[i] >= '0' && s[i] <= '9'))
		return 0;
	while (s[i] != '\0') {
		if (s[i] >= '0' && s[i] <= '9') {
			last = ++i;
			continue;
		}
		if (strchr(" -./()", s[i]) != NULL && s[i + 1] != '\0' &&
		    ((s[i + 1] >= '0' && s[i + 1] <= '9') ||
		     (strchr(" -.()", s[i + 1]) != NULL && s[i + 2] >= '0' && s[i + 2] <= '9'))) {
			i++;
			continue;
		}
		break;
	}
	return last;
}

static int
word_match(const struct redact *r, const char *w, size_t len)
{
	char one[NORM_TOKEN_LEN * 2], tok[NORM_MAX_TOKENS][NORM_TOKEN_LEN];
	size_t i, n;

	if (len >= sizeof(one))
		return 0;
	memcpy(one, w, len);
	one[len] = '\0';
	n = norm_name_tokens(one, tok, NORM_MAX_TOKENS);
	if (n != 1)
		return 0;
	for (i = 0; i < r->nwords; i++)
		if (strcmp(r->words[i], tok[0]) == 0)
			return 1;
	return 0;
}

static int
chunk_match(const struct redact *r, const char *c, size_t len)
{
	char one[256], u[256];
	size_t i;

	if (r->nchunks == 0 || len >= sizeof(one))
		return 0;
	memcpy(one, c, len);
	one[len] = '\0';
	if (norm_alnum(one, u, sizeof(u)) != 0)
		return 0;
	for (i = 0; i < r->nchunks; i++)
		if (strcmp(r->chunks[i], u) == 0)
			return 1;
	return 0;
}

/* A masked word: its first character (whole, in UTF-8) and "***". */
static int
put_masked_word(struct buf *b, const char *w)
{
	unsigned char c = (unsigned char)w[0];
	size_t first = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;

	if (buf_add(b, w, first) < 0 || buf_add(b, "***", 3) < 0)
		return -1;
	return 0;
}

const char *
redact_text(const struct redact *r, const char *text)
{
	struct buf b;
	const char *p;
	char d[128];
	size_t n, len;
	int at_chunk = 1, bad = 0;

	if (text == NULL || r->nvalues == 0)
		return text;
	buf_init(&b, REDACT_TEXT_MAX);
	for (p = text; *p != '\0' && !bad; ) {
		unsigned char c = (unsigned char)*p;
		if (at_chunk && !is_space(c)) {
			/* an identifier written as one chunk (e-mail, handle, plate) */
			for (len = 0; p[len] != '\0' && !is_space((unsigned char)p[len]); len++)
				;
			while (len > 1 && strchr(".,;:)!?\"'", p[len - 1]) != NULL)
				len--;
			if (chunk_match(r, p, len)) {
				bad = buf_add(&b, "***", 3) < 0;
				p += len;
				at_chunk = 0;
				continue;
			}
		}
		at_chunk = is_space(c);
		if ((n = number_run(p)) > 0 && digits_of(p, n, d, sizeof(d)) >= REDACT_MIN_DIGITS) {
			if (digits_match(r, d, strlen(d)))
				bad = buf_add(&b, "***", 3) < 0;
			else
				bad = buf_add(&b, p, n) < 0;
			p += n;
			continue;
		}
		if (is_sep(c)) {
			bad = buf_add(&b, p, 1) < 0;
			p++;
			continue;
		}
		for (len = 0; p[len] != '\0' && !is_sep((unsigned char)p[len]); len++)
			;
		if (word_match(r, p, len))
			bad = put_masked_word(&b, p) < 0;
		else
			bad = buf_add(&b, p, len) < 0;
		p += len;
	}
	if (bad) {
		/* too long to rewrite: show nothing rather than something unmasked */
		buf_release(&b);
		return "***";
	}
	p = arena_strdup(r->a, b.s);
	buf_release(&b);
	return p;
}
