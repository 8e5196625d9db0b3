/*
 * norm.c — folding of names and identifiers before blind indexing (utf8proc).
 * Equal keys mean "probably the same value": accents, case, punctuation,
 * word order and the spellings Spanish registrars confuse do not count.
 */
#include "lib/norm.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "lib/xalloc.h"

#define PHONE_MIN 6
#define PHONE_MAX 15

static const char *const norm_particles[] = {
	"de", "la", "del", "los", "las", "y", "e", "da", "di", "van", "von",
};

/* ---- folding ----------------------------------------------------------- */

/* Apostrophes join (D'Angelo, Q'ispe: Quechua ejectives) instead of splitting. */
static int
is_apostrophe(utf8proc_int32_t cp)
{
	return cp == 0x27 || cp == 0x60 || cp == 0x2018 || cp == 0x2019 ||
	       cp == 0x02BC || cp == 0x02B9;
}

static int
is_alnum_cp(utf8proc_int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

/* Map in with utf8proc; NULL when in is NULL or not valid UTF-8. */
static char *
map_utf8(const char *in, int options)
{
	utf8proc_uint8_t *m = NULL;

	if (in == NULL)
		return NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)in, 0, &m,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | options) < 0)
		return NULL;
	return (char *)m;
}

/*
 * Fold a text into its tokens joined by single spaces, in order: NFKD,
 * case folding, marks removed (so ñ becomes n), letters and digits kept,
 * apostrophes dropped, everything else separates. Particles stay. The
 * result is malloc'd (possibly ""), NULL when in is not valid UTF-8.
 */
static char *
fold_text(const char *in)
{
	char *m, *out;
	const utf8proc_uint8_t *p;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	size_t n = 0;
	int gap = 0;

	m = map_utf8(in, UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
		UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
	if (m == NULL)
		return NULL;
	out = xmalloc(strlen(m) + 1);
	for (p = (const utf8proc_uint8_t *)m; *p != '\0'; p += k) {
		k = utf8proc_iterate(p, -1, &cp);
		if (k <= 0)
			break;  /* cannot happen: utf8proc_map validated it */
		if (is_apostrophe(cp))
			continue;
		if (!is_alnum_cp(cp)) {
			gap = 1;
			continue;
		}
		if (gap && n > 0)
			out[n++] = ' ';
		gap = 0;
		memcpy(out + n, p, (size_t)k);
		n += (size_t)k;
	}
	out[n] = '\0';
	free(m);
	return out;
}

/* Length of the longest prefix of s (n bytes) of at most max bytes that
 * does not cut a UTF-8 sequence. */
static size_t
utf8_cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

/* Copy the space-separated tokens of src into out (outsz bytes), keeping
 * only whole tokens that fit; returns the bytes written. */
static size_t
copy_whole_tokens(const char *src, char *out, size_t outsz)
{
	size_t n = strlen(src);

	if (n >= outsz) {
		n = outsz - 1;
		while (n > 0 && src[n] != ' ')
			n--;
	}
	memcpy(out, src, n);
	out[n] = '\0';
	return n;
}

static int
is_particle(const char *tok)
{
	size_t i;

	for (i = 0; i < sizeof(norm_particles) / sizeof(norm_particles[0]); i++)
		if (strcmp(tok, norm_particles[i]) == 0)
			return 1;
	return 0;
}

/* ---- names ------------------------------------------------------------- */

size_t
norm_name_tokens(const char *in, char tokens[][NORM_TOKEN_LEN], size_t max)
{
	char *f = fold_text(in), *tok, *save = NULL;
	size_t nt = 0, len;

	if (f == NULL)
		return 0;
	for (tok = strtok_r(f, " ", &save); tok != NULL && nt < max;
	     tok = strtok_r(NULL, " ", &save)) {
		if (is_particle(tok))
			continue;
		len = utf8_cut(tok, strlen(tok), NORM_TOKEN_LEN - 1);
		memcpy(tokens[nt], tok, len);
		tokens[nt][len] = '\0';
		nt++;
	}
	free(f);
	return nt;
}

static int
cmp_token(const void *a, const void *b)
{
	return strcmp(a, b);
}

int
norm_name(const char *in, char *out, size_t outsz)
{
	char tokens[NORM_MAX_TOKENS][NORM_TOKEN_LEN];

	return norm_name_join(tokens, norm_name_tokens(in, tokens, NORM_MAX_TOKENS), out,
		outsz);
}

int
norm_name_join(char tokens[][NORM_TOKEN_LEN], size_t nt, char *out, size_t outsz)
{
	size_t i, n = 0, len;

	if (out == NULL || outsz == 0)
		return -1;
	out[0] = '\0';
	qsort(tokens, nt, sizeof(tokens[0]), cmp_token);
	/* whole tokens only: a cut token would be a different name */
	for (i = 0; i < nt; i++) {
		len = strlen(tokens[i]);
		if (n + (n > 0) + len >= outsz)
			break;
		if (n > 0)
			out[n++] = ' ';
		memcpy(out + n, tokens[i], len + 1);
		n += len;
	}
	return n > 0 ? 0 : -1;
}

/* ---- phonetic key ------------------------------------------------------ */

/*
 * Spanish phonetic key of one token. The input is folded first (so accents
 * and case do not matter) and read left to right; each sound becomes one
 * upper-case symbol:
 *
 *   vowels    a e i o u -> A E I O U
 *   h         silent (Hernández = Ernandes, Huamán = Uamán), except in ch, ph
 *   ch        C (a symbol of its own: Rocha != Rosa)
 *   ph        F
 *   b v       B (Vásquez = Básquez)
 *   w         U; and gu before a/o -> U: Huamán = Guamán = Wamán = Uamán,
 *             as Quechua hua/gua/wa are one sound [wa]
 *   s z       S; c before e/i -> S (Vázquez = Vásques, Cevallos = Zeballos)
 *   c k q     K otherwise; the u of qu before e/i is silent (Quispe = Kispe,
 *             Yupanqui = Yupanki)
 *   g         J before e/i (Gimenez = Jiménez); gu before e/i -> G; else G
 *   j x       J (Ximénez = Jiménez, Xavier = Javier, Mexía = Mejía)
 *   ll        Y; y before a vowel -> Y (Yupanqui = Llupanqui)
 *   y         I when not before a vowel (Mamany = Mamani, Yrigoyen = Irigoyen)
 *   d         dropped at the end after a vowel (Trinidad = Trinida)
 *   others    d f l m n p r t and digits keep their own symbol
 *   repeats   a symbol equal to the previous one is dropped: rr, cc, ss,
 *             aa (Ccori = Cori, Saavedra = Savedra, Parra = Para)
 *
 * Letters outside a-z that survive folding (ø, ł, other scripts) are copied
 * unchanged. The key is for equality only and never shown to users.
 */

struct phon {
	char *out;
	size_t outsz, n;
	char last;      /* last symbol written, 0 after a copied byte */
};

static int
is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static int
is_front(char c)
{
	return c == 'e' || c == 'i';
}

static void
phon_emit(struct phon *ph, char sym)
{
	if (sym == ph->last || ph->n + 1 >= ph->outsz)
		return;
	ph->out[ph->n++] = sym;
	ph->last = sym;
}

/* Copy one non-ASCII UTF-8 sequence starting at s; returns its length. */
static size_t
phon_copy_seq(struct phon *ph, const char *s)
{
	size_t k = 1;

	while (((unsigned char)s[k] & 0xC0) == 0x80)
		k++;
	if (ph->n + k < ph->outsz) {
		memcpy(ph->out + ph->n, s, k);
		ph->n += k;
	}
	ph->last = 0;
	return k;
}

/* Symbol for the sound at s[i]; sets *used to the letters consumed, and
 * returns 0 for a silent letter. */
static char
phon_sound(const char *s, size_t i, char last, size_t *used)
{
	char c = s[i], n1 = s[i + 1], n2 = n1 != '\0' ? s[i + 2] : '\0';

	*used = 1;
	switch (c) {
	case 'a': case 'e': case 'i': case 'o': case 'u':
		return (char)(c - 'a' + 'A');
	case 'h':
		return 0;
	case 'c':
		if (n1 == 'h') {
			*used = 2;
			return 'C';
		}
		return is_front(n1) ? 'S' : 'K';
	case 'p':
		if (n1 == 'h') {
			*used = 2;
			return 'F';
		}
		return 'P';
	case 'q':
		if (n1 == 'u' && is_front(n2))
			*used = 2;
		return 'K';
	case 'g':
		if (n1 == 'u' && is_front(n2)) {
			*used = 2;
			return 'G';
		}
		if (n1 == 'u' && (n2 == 'a' || n2 == 'o')) {
			*used = 2;
			return 'U';
		}
		return is_front(n1) ? 'J' : 'G';
	case 'l':
		if (n1 == 'l') {
			*used = 2;
			return 'Y';
		}
		return 'L';
	case 'y':
		return is_vowel(n1) ? 'Y' : 'I';
	case 'd':
		return n1 == '\0' && last != 0 && strchr("AEIOU", last) ? 0 : 'D';
	case 'b': case 'v':
		return 'B';
	case 'w':
		return 'U';
	case 's': case 'z':
		return 'S';
	case 'k':
		return 'K';
	case 'j': case 'x':
		return 'J';
	default:
		if (c >= 'a' && c <= 'z')
			return (char)(c - 'a' + 'A');
		if (c >= '0' && c <= '9')
			return c;
		return 0;
	}
}

int
norm_phonetic(const char *token, char *out, size_t outsz)
{
	struct phon ph = { out, outsz, 0, 0 };
	char *f;
	size_t i, used;
	char sym;

	if (out == NULL || outsz == 0)
		return -1;
	out[0] = '\0';
	/* a token of norm_name_tokens is folded already: folding it again
	 * (utf8proc) would give it back unchanged when it is plain ASCII */
	for (i = 0; token[i] != '\0' && ((token[i] >= 'a' && token[i] <= 'z') ||
	     (token[i] >= '0' && token[i] <= '9')); i++)
		;
	f = token[i] == '\0' ? xstrdup(token) : fold_text(token);
	if (f == NULL)
		return -1;
	for (i = 0; f[i] != '\0'; i += used) {
		if ((unsigned char)f[i] >= 0x80) {
			used = phon_copy_seq(&ph, f + i);
			continue;
		}
		sym = phon_sound(f, i, ph.last, &used);
		if (sym != 0)
			phon_emit(&ph, sym);
	}
	free(f);
	out[ph.n] = '\0';
	return ph.n > 0 ? 0 : -1;
}

/* ---- identifiers ------------------------------------------------------- */

/*
 * Phones: every non-digit is dropped. Then, unless a '+' came before the
 * first digit (the number is already international): "00" (international
 * prefix) is dropped; a single leading 0 is Peru's trunk prefix and becomes
 * 51 (01 4567890 is Lima); 9 digits starting with 9 are a Peruvian mobile
 * and get 51.
 */
int
norm_phone(const char *in, char *out, size_t outsz)
{
	char d[PHONE_MAX + 8];   /* PHONE_MAX + "00" + room for "51" */
	const char *p, *s = d;
	size_t n = 0, len;
	int plus = 0;

	if (in == NULL || out == NULL)
		return -1;
	for (p = in; *p != '\0'; p++) {
		if (*p == '+' && n == 0)
			plus = 1;
		if (*p < '0' || *p > '9')
			continue;
		if (n >= PHONE_MAX + 2)
			return -1;      /* too long even without a "00" */
		d[n++] = *p;
	}
	d[n] = '\0';
	if (!plus && n >= 2 && d[0] == '0' && d[1] == '0') {
		s += 2;
	} else if (!plus && n >= 1 && d[0] == '0') {
		memmove(d + 2, d + 1, n);   /* with the NUL */
		memcpy(d, "51", 2);
	} else if (!plus && n == 9 && d[0] == '9') {
		memmove(d + 2, d, n + 1);
		memcpy(d, "51", 2);
	}
	len = strlen(s);
	if (len < PHONE_MIN || len > PHONE_MAX || len >= outsz)
		return -1;
	memcpy(out, s, len + 1);
	return 0;
}

/* Append the UTF-8 encoding of cp; -1 when out is full. */
static int
put_cp(char *out, size_t outsz, size_t *n, utf8proc_int32_t cp)
{
	utf8proc_uint8_t e[4];
	utf8proc_ssize_t k = utf8proc_encode_char(cp, e);

	if (k <= 0 || *n + (size_t)k >= outsz)
		return -1;
	memcpy(out + *n, e, (size_t)k);
	*n += (size_t)k;
	return 0;
}

int
norm_alnum(const char *in, char *out, size_t outsz)
{
	char *m;
	const utf8proc_uint8_t *p;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	size_t n = 0;
	int rc = 0;

	if (out == NULL || outsz == 0)
		return -1;
	out[0] = '\0';
	m = map_utf8(in, UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
		UTF8PROC_IGNORE);
	if (m == NULL)
		return -1;
	for (p = (const utf8proc_uint8_t *)m; *p != '\0' && rc == 0; p += k) {
		if ((k = utf8proc_iterate(p, -1, &cp)) <= 0)
			break;
		if (is_alnum_cp(cp))
			rc = put_cp(out, outsz, &n, utf8proc_toupper(cp));
	}
	free(m);
	out[n] = '\0';
	return rc == 0 && n > 0 ? 0 : -1;
}

int
norm_lower(const char *in, char *out, size_t outsz)
{
	char *m, *s, *e;
	size_t len;

	if (out == NULL || outsz == 0)
		return -1;
	out[0] = '\0';
	m = map_utf8(in, UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
		UTF8PROC_IGNORE);
	if (m == NULL)
		return -1;
	for (s = m; *s == ' ' || (*s >= '\t' && *s <= '\r'); s++)
		;
	if (*s == '@')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || (e[-1] >= '\t' && e[-1] <= '\r')))
		e--;
	len = (size_t)(e - s);
	if (len == 0 || len >= outsz) {
		free(m);
		return -1;
	}
	memcpy(out, s, len);
	out[len] = '\0';
	free(m);
	return 0;
}

/* Addresses: folded like names, but in order and with every word. */
static int
norm_address(const char *in, char *out, size_t outsz)
{
	char *f;
	size_t n;

	if (out == NULL || outsz == 0)
		return -1;
	out[0] = '\0';
	if ((f = fold_text(in)) == NULL)
		return -1;
	n = copy_whole_tokens(f, out, outsz);
	free(f);
	return n > 0 ? 0 : -1;
}

int
norm_identifier(const char *kind, const char *in, char *out, size_t outsz)
{
	static const char *const alnum_kinds[] = {
		"bank_account", "vehicle_plate", "company_ruc", "imei",
		"passport", "passport_number",
	};
	size_t i;

	if (kind == NULL)
		return norm_lower(in, out, outsz);
	if (strcmp(kind, "phone") == 0)
		return norm_phone(in, out, outsz);
	if (strcmp(kind, "address") == 0)
		return norm_address(in, out, outsz);
	for (i = 0; i < sizeof(alnum_kinds) / sizeof(alnum_kinds[0]); i++)
		if (strcmp(kind, alnum_kinds[i]) == 0)
			return norm_alnum(in, out, outsz);
	/* email, social_media and kinds not known here */
	return norm_lower(in, out, outsz);
}
