/*
 * match.c — Fellegi–Sunter record matching: comparison levels, blocking,
 * EM estimation of m and u, term-frequency adjusted weights (match.h).
 */
#include "core/match.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/norm.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

static const char *const level_names[MATCH_L__MAX] = {
	[MATCH_L_MISSING] = "missing",
	[MATCH_L_DIFFERENT] = "different",
	[MATCH_L_WEAK] = "weak",
	[MATCH_L_CLOSE] = "close",
	[MATCH_L_NEAR] = "near",
	[MATCH_L_EXACT] = "exact",
};
_Static_assert(sizeof(level_names) / sizeof(level_names[0]) == MATCH_L__MAX, "levels");

static const char *const kind_names[MATCH_KIND__MAX] = {
	[MATCH_TEXT] = "text",
	[MATCH_DATE] = "date",
	[MATCH_ID] = "id",
};
_Static_assert(sizeof(kind_names) / sizeof(kind_names[0]) == MATCH_KIND__MAX, "kinds");

const char *
match_level_name(enum match_level l)
{
	return (unsigned)l < MATCH_L__MAX ? level_names[l] : "?";
}

const char *
match_kind_name(enum match_kind k)
{
	return (unsigned)k < MATCH_KIND__MAX ? kind_names[k] : "?";
}

int
match_kind_parse(const char *s)
{
	int k;

	for (k = 0; k < MATCH_KIND__MAX; k++)
		if (strcmp(s, kind_names[k]) == 0)
			return k;
	return -1;
}

/* ---- comparison functions --------------------------------------------- */

#define JW_MAX 64   /* longer strings are compared on their first 64 bytes */

double
match_jaro_winkler(const char *a, const char *b)
{
	unsigned char fa[JW_MAX] = { 0 }, fb[JW_MAX] = { 0 };
	size_t la = strlen(a), lb = strlen(b), i, j, k, lo, hi, range, m = 0, t = 0, p;
	double jaro;

	if (la > JW_MAX)
		la = JW_MAX;
	if (lb > JW_MAX)
		lb = JW_MAX;
	if (la == 0 && lb == 0)
		return 1.0;
	if (la == 0 || lb == 0)
		return 0.0;
	range = (la > lb ? la : lb) / 2;
	range = range > 0 ? range - 1 : 0;
	for (i = 0; i < la; i++) {
		lo = i > range ? i - range : 0;
		hi = i + range + 1 < lb ? i + range + 1 : lb;
		for (j = lo; j < hi; j++)
			if (!fb[j] && a[i] == b[j]) {
				fa[i] = fb[j] = 1;
				m++;
				break;
			}
	}
	if (m == 0)
		return 0.0;
	for (i = 0, k = 0; i < la; i++) {
		if (!fa[i])
			continue;
		while (!fb[k])
			k++;
		if (a[i] != b[k])
			t++;
		k++;
	}
	jaro = ((double)m / (double)la + (double)m / (double)lb +
		((double)m - (double)t / 2.0) / (double)m) / 3.0;
	for (p = 0; p < 4 && p < la && p < lb && a[p] == b[p]; p++)
		;
	return jaro + (double)p * 0.1 * (1.0 - jaro);
}

int
match_one_edit(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i = 0;

	if (la == lb) {
		while (i < la && a[i] == b[i])
			i++;
		if (i == la)
			return 0;   /* equal */
		/* one changed, or two neighbours swapped */
		if (strcmp(a + i + 1, b + i + 1) == 0)
			return 1;
		return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
			strcmp(a + i + 2, b + i + 2) == 0;
	}
	if (la + 1 == lb || lb + 1 == la) {
		const char *s = la < lb ? a : b, *l = la < lb ? b : a;
		while (s[i] != '\0' && s[i] == l[i])
			i++;
		return strcmp(s + i, l + i + 1) == 0;
	}
	return 0;
}

static int
digits(const char *s, size_t n, int *out)
{
	size_t i;
	int v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int
match_date_parse(const char *s, int32_t *out)
{
	size_t n;
	int y, mo, d;

	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == 8 && digits(s, 8, &y) == 0) {
		/* month and day are not checked: a typo in them is still near */
		if (y / 10000 < 1800 || y / 10000 > 2200)
			return -1;
		*out = y;
		return 0;
	}
	if (n == 4 && digits(s, 4, &y) == 0 && y >= 1800 && y <= 2200) {
		*out = y * 10000;
		return 0;
	}
	if (n == 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4] &&
	    digits(s, 4, &y) == 0 && digits(s + 5, 2, &mo) == 0 && digits(s + 8, 2, &d) == 0) {
		*out = y * 10000 + mo * 100 + d;
		return y >= 1800 && y <= 2200 ? 0 : -1;
	}
	if (n == 10 && (s[2] == '/' || s[2] == '-') && s[5] == s[2] &&
	    digits(s, 2, &d) == 0 && digits(s + 3, 2, &mo) == 0 && digits(s + 6, 4, &y) == 0) {
		*out = y * 10000 + mo * 100 + d;
		return y >= 1800 && y <= 2200 ? 0 : -1;
	}
	return -1;
}

enum match_level
match_level_text(const char *a, const char *pa, const char *b, const char *pb)
{
	double jw;

	if (strcmp(a, b) == 0)
		return MATCH_L_EXACT;
	/* the phonetic key holds the words sorted: word order is forgiven */
	if (pa != NULL && pb != NULL && *pa != '\0' && strcmp(pa, pb) == 0)
		return MATCH_L_NEAR;
	jw = match_jaro_winkler(a, b);
	if (jw >= 0.94)
		return MATCH_L_NEAR;
	if (jw >= 0.85)
		return MATCH_L_CLOSE;
	if (jw >= 0.70)
		return MATCH_L_WEAK;
	return MATCH_L_DIFFERENT;
}

static void
date_digits(int32_t v, char *out)
{
	int i;

	for (i = 7; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
	out[8] = '\0';
}

enum match_level
match_level_date(int32_t a, int32_t b)
{
	char sa[12], sb[12];
	int ya = a / 10000, yb = b / 10000;

	if (a == b)
		return MATCH_L_EXACT;
	if (a % 10000 != 0 && b % 10000 != 0) {
		/* day and month swapped, or one digit wrong */
		if (ya == yb && (a / 100) % 100 == b % 100 && a % 100 == (b / 100) % 100)
			return MATCH_L_NEAR;
		date_digits(a, sa);
		date_digits(b, sb);
		if (match_one_edit(sa, sb))
			return MATCH_L_NEAR;
	}
	if (ya == yb)
		return MATCH_L_CLOSE;
	if (ya - yb == 1 || yb - ya == 1)
		return MATCH_L_WEAK;
	return MATCH_L_DIFFERENT;
}

enum match_level
match_level_id(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return MATCH_L_EXACT;
	return match_one_edit(a, b) ? MATCH_L_NEAR : MATCH_L_DIFFERENT;
}

/* ---- records ---------------------------------------------------------- */

struct cell {
	char *val;        /* folded text or normalised id; NULL = missing */
	char *phon;       /* text: phonetic keys of the words, sorted */
	int32_t date;
	uint64_t h;       /* hash of the value (blocking, frequencies) */
	uint64_t hp;      /* hash of the phonetic key */
};

struct match_data {
	struct match_field fields[MATCH_MAX_FIELDS];
	size_t nfields, nrecords;
	struct cell *cells;   /* nrecords x nfields */
};

static uint64_t
fnv(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ULL ^ (seed * 0x9E3779B97F4A7C15ULL);
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return h ^ (h >> 29);
}

struct match_data *
match_data_new(const struct match_field *fields, size_t nfields, size_t nrecords)
{
	struct match_data *d = xcalloc(1, sizeof(*d));

	if (nfields > MATCH_MAX_FIELDS)
		abort();   /* callers check the count: a bug otherwise */
	memcpy(d->fields, fields, nfields * sizeof(*fields));
	d->nfields = nfields;
	d->nrecords = nrecords;
	d->cells = xcalloc(nrecords * nfields + 1, sizeof(*d->cells));
	return d;
}

void
match_data_free(struct match_data *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nrecords * d->nfields; i++) {
		free(d->cells[i].val);
		free(d->cells[i].phon);
	}
	free(d->cells);
	free(d);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Folded words in order, and their phonetic keys sorted. */
static void
prepare_text(struct cell *c, const char *value)
{
	char tok[NORM_MAX_TOKENS][NORM_TOKEN_LEN], ph[NORM_MAX_TOKENS][NORM_TOKEN_LEN];
	char out[NORM_MAX_TOKENS * NORM_TOKEN_LEN];
	size_t nt = norm_name_tokens(value, tok, NORM_MAX_TOKENS), i, n = 0, np = 0;

	if (nt == 0)
		return;
	for (i = 0; i < nt; i++) {
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s", i ? " " : "", tok[i]);
		if (norm_phonetic(tok[i], ph[np], NORM_TOKEN_LEN) == 0)
			np++;
	}
	c->val = xstrdup(out);
	c->h = fnv(out, strlen(out), 1);
	qsort(ph, np, sizeof(ph[0]), cmp_str);
	for (i = 0, n = 0; i < np; i++)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s", i ? " " : "", ph[i]);
	c->phon = xstrdup(np ? out : "");
	c->hp = fnv(c->phon, strlen(c->phon), 2);
}

int
match_data_set(struct match_data *d, size_t rec, size_t f, const char *value)
{
	struct cell *c = &d->cells[rec * d->nfields + f];
	char buf[256];

	if (value == NULL || *value == '\0')
		return 0;
	if (!utf8_valid(value, strlen(value)))
		return -1;
	switch (d->fields[f].kind) {
	case MATCH_TEXT:
		prepare_text(c, value);
		return 0;
	case MATCH_DATE:
		if (match_date_parse(value, &c->date) != 0)
			return -1;
		c->val = xstrdup("");
		c->h = fnv(&c->date, sizeof(c->date), 3);
		return 0;
	case MATCH_ID:
		if (norm_alnum(value, buf, sizeof(buf)) != 0)
			return 0;
		c->val = xstrdup(buf);
		c->h = fnv(buf, strlen(buf), 4);
		return 0;
	default:
		abort();
	}
}

/* Bands of two different texts: the same phonetic key, else Jaro–Winkler. */
static enum match_level
text_bands(const struct cell *a, const struct cell *b)
{
	double jw;

	if (a->hp == b->hp && *a->phon != '\0' && strcmp(a->phon, b->phon) == 0)
		return MATCH_L_NEAR;
	jw = match_jaro_winkler(a->val, b->val);
	return jw >= 0.94 ? MATCH_L_NEAR : jw >= 0.85 ? MATCH_L_CLOSE :
		jw >= 0.70 ? MATCH_L_WEAK : MATCH_L_DIFFERENT;
}

/*
 * A small direct-mapped cache per field of the levels of two different
 * values: low-cardinality columns (regions, common names) meet the same
 * two values again and again, and Jaro–Winkler is most of the work.
 */
#define LCACHE 4096

struct lcache {
	uint64_t key[LCACHE];
	uint8_t level[LCACHE];
};

static enum match_level
compare_cells(enum match_kind k, const struct cell *a, const struct cell *b,
	struct lcache *lc)
{
	uint64_t key;
	size_t slot;
	enum match_level l;

	if (a->val == NULL || b->val == NULL)
		return MATCH_L_MISSING;
	switch (k) {
	case MATCH_TEXT:
		if (a->h == b->h && strcmp(a->val, b->val) == 0)
			return MATCH_L_EXACT;
		/* symmetric key; 0 marks an empty slot */
		key = (a->h ^ b->h) + (a->h < b->h ? a->h : b->h) * 3 + 1;
		slot = (size_t)(key >> 40) % LCACHE;
		if (lc->key[slot] == key)
			return (enum match_level)lc->level[slot];
		l = text_bands(a, b);
		lc->key[slot] = key;
		lc->level[slot] = (uint8_t)l;
		return l;
	case MATCH_DATE:
		return match_level_date(a->date, b->date);
	case MATCH_ID:
		if (a->h == b->h && strcmp(a->val, b->val) == 0)
			return MATCH_L_EXACT;
		return match_one_edit(a->val, b->val) ? MATCH_L_NEAR : MATCH_L_DIFFERENT;
	default:
		abort();
	}
}

/* ---- blocking --------------------------------------------------------- */

struct entry {
	uint64_t key;
	uint32_t rec;
};

static int
cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->rec < y->rec ? -1 : x->rec > y->rec;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

struct pairs {
	uint64_t *v;
	size_t n, cap;
};

static void
pairs_add(struct pairs *p, uint32_t a, uint32_t b)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 4096;
		p->v = xrealloc(p->v, p->cap * sizeof(*p->v));
	}
	p->v[p->n++] = (uint64_t)a << 32 | b;
}

/*
 * Candidate pairs: records sharing, for some field, the exact value or (text)
 * the phonetic key. Blocks larger than max_block (a state, a sex, "maria")
 * pair nothing: they would cost n^2 comparisons for little recall, and a
 * true pair almost always shares a rarer value too.
 */
static void
block(const struct match_data *d, size_t max_block, struct pairs *out)
{
	struct entry *e = xmalloc((d->nrecords * d->nfields * 2 + 1) * sizeof(*e));
	size_t n = 0, f, r, i, j, k, w;

	for (f = 0; f < d->nfields; f++)
		for (r = 0; r < d->nrecords; r++) {
			const struct cell *c = &d->cells[r * d->nfields + f];
			/* a house number or a two-digit code pairs too many strangers */
			if (c->val == NULL || (d->fields[f].kind == MATCH_ID && strlen(c->val) < 4))
				continue;
			e[n].key = c->h ^ (f * 0x2545F4914F6CDD1DULL);
			e[n++].rec = (uint32_t)r;
			if (c->phon != NULL && *c->phon != '\0') {
				e[n].key = c->hp ^ ((f + 64) * 0x2545F4914F6CDD1DULL);
				e[n++].rec = (uint32_t)r;
			}
		}
	qsort(e, n, sizeof(*e), cmp_entry);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && e[j].key == e[i].key; j++)
			;
		if (j - i < 2 || j - i > max_block)
			continue;
		for (k = i; k < j; k++)
			for (w = k + 1; w < j; w++)
				if (e[k].rec != e[w].rec)
					pairs_add(out, e[k].rec, e[w].rec);
	}
	free(e);
	if (out->n > 0) {
		qsort(out->v, out->n, sizeof(*out->v), cmp_u64);
		for (i = 1, j = 1; i < out->n; i++)
			if (out->v[i] != out->v[j - 1])
				out->v[j++] = out->v[i];
		out->n = j;
	}
}

/* ---- EM --------------------------------------------------------------- */

#define LEVEL_BITS 3
#define PROB_FLOOR 1e-6

static void
unpack(uint64_t key, size_t nf, uint8_t *lv)
{
	size_t f;

	for (f = 0; f < nf; f++)
		lv[f] = (uint8_t)((key >> (f * LEVEL_BITS)) & 7);
}

static void
normalise(double *p)
{
	double s = 0;
	int l;

	for (l = MATCH_L_DIFFERENT; l < MATCH_L__MAX; l++) {
		if (p[l] < PROB_FLOOR)
			p[l] = PROB_FLOOR;
		s += p[l];
	}
	for (l = MATCH_L_DIFFERENT; l < MATCH_L__MAX; l++)
		p[l] /= s;
	p[MATCH_L_MISSING] = 1.0;
}

/*
 * EM over the distinct agreement patterns (keys, with their counts).
 * Start: u from the levels' frequencies among all candidate pairs (most are
 * non-matches), m leaning to agreement, lambda 0.1; both m and u are then
 * free, so the blocked population's own non-matches shape u.
 */
static void
em(const uint64_t *keys, const double *counts, size_t nkeys, size_t nf, int maxit,
	struct match_model *mm)
{
	static const double m0[MATCH_L__MAX] = { 1, 0.05, 0.05, 0.1, 0.2, 0.6 };
	double mn[MATCH_MAX_FIELDS][MATCH_L__MAX], un[MATCH_MAX_FIELDS][MATCH_L__MAX];
	double total = 0, g, sg, lm, lu, change;
	uint8_t lv[MATCH_MAX_FIELDS];
	size_t i, f;
	int l, it;

	memset(un, 0, sizeof(un));
	for (i = 0; i < nkeys; i++) {
		unpack(keys[i], nf, lv);
		for (f = 0; f < nf; f++)
			un[f][lv[f]] += counts[i];
		total += counts[i];
	}
	mm->nfields = nf;
	mm->lambda = 0.1;
	for (f = 0; f < nf; f++) {
		for (l = 0; l < MATCH_L__MAX; l++) {
			mm->m[f][l] = m0[l];
			mm->u[f][l] = un[f][l];
		}
		normalise(mm->m[f]);
		normalise(mm->u[f]);
	}
	for (it = 0; it < maxit; it++) {
		memset(mn, 0, sizeof(mn));
		memset(un, 0, sizeof(un));
		sg = 0;
		for (i = 0; i < nkeys; i++) {
			unpack(keys[i], nf, lv);
			lm = log(mm->lambda);
			lu = log(1 - mm->lambda);
			for (f = 0; f < nf; f++) {
				lm += log(mm->m[f][lv[f]]);
				lu += log(mm->u[f][lv[f]]);
			}
			g = 1.0 / (1.0 + exp(lu - lm));
			sg += g * counts[i];
			for (f = 0; f < nf; f++) {
				mn[f][lv[f]] += g * counts[i];
				un[f][lv[f]] += (1 - g) * counts[i];
			}
		}
		change = fabs(sg / total - mm->lambda);
		mm->lambda = sg / total;
		if (mm->lambda < PROB_FLOOR)
			mm->lambda = PROB_FLOOR;
		if (mm->lambda > 1 - PROB_FLOOR)
			mm->lambda = 1 - PROB_FLOOR;
		for (f = 0; f < nf; f++) {
			normalise(mn[f]);
			normalise(un[f]);
			for (l = MATCH_L_DIFFERENT; l < MATCH_L__MAX; l++) {
				change = fmax(change, fabs(mn[f][l] - mm->m[f][l]));
				mm->m[f][l] = mn[f][l];
				mm->u[f][l] = un[f][l];
			}
		}
		if (change < 1e-7) {
			it++;
			break;
		}
	}
	mm->iterations = it;
}

double
match_weight(const struct match_model *mm, const uint8_t *levels)
{
	double w = log2(mm->lambda / (1 - mm->lambda));
	size_t f;

	for (f = 0; f < mm->nfields; f++)
		if (levels[f] != MATCH_L_MISSING)
			w += log2(mm->m[f][levels[f]] / mm->u[f][levels[f]]);
	return w;
}

/* ---- term frequencies ------------------------------------------------- */

/*
 * For each record and field, log2(sum of tf^2 / tf of its value): what an
 * exact agreement on this value weighs beyond the average exact agreement
 * (Splink's log2(u/tf) with u the chance that two random records agree).
 */
static double *
tf_adjustments(const struct match_data *d)
{
	size_t nf = d->nfields, nr = d->nrecords, f, r, i, j, n;
	double *adj = xcalloc(nr * nf + 1, sizeof(*adj)), s2;
	struct entry *e = xmalloc((nr + 1) * sizeof(*e));

	for (f = 0; f < nf; f++) {
		for (r = 0, n = 0; r < nr; r++)
			if (d->cells[r * nf + f].val != NULL) {
				e[n].key = d->cells[r * nf + f].h;
				e[n++].rec = (uint32_t)r;
			}
		if (n == 0)
			continue;
		qsort(e, n, sizeof(*e), cmp_entry);
		s2 = 0;
		for (i = 0; i < n; i = j) {
			for (j = i + 1; j < n && e[j].key == e[i].key; j++)
				;
			s2 += ((double)(j - i) / (double)n) * ((double)(j - i) / (double)n);
		}
		for (i = 0; i < n; i = j) {
			double tf;
			for (j = i + 1; j < n && e[j].key == e[i].key; j++)
				;
			tf = (double)(j - i) / (double)n;
			for (r = i; r < j; r++)
				adj[e[r].rec * nf + f] = log2(s2 / tf);
		}
	}
	free(e);
	return adj;
}

/* ---- the whole run ---------------------------------------------------- */

static int
cmp_pair(const void *a, const void *b)
{
	const struct match_pair *x = a, *y = b;

	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return x->b < y->b ? -1 : x->b > y->b;
}

int
match_dedup(const struct match_data *d, const struct match_opts *o, struct match_result *res)
{
	struct pairs p = { 0 };
	size_t nf = d->nfields, i, j, k, f, nkeys, cap = 0;
	uint64_t *keys, *sorted;
	double *counts, *adj = NULL, w, min_w;
	uint8_t lv[MATCH_MAX_FIELDS];
	struct lcache *lc;

	memset(res, 0, sizeof(*res));
	block(d, o->max_block ? o->max_block : 200, &p);
	res->npairs_compared = p.n;
	/* one pattern key per pair */
	keys = xmalloc((p.n + 1) * sizeof(*keys));
	lc = xcalloc(nf + 1, sizeof(*lc));
	for (i = 0; i < p.n; i++) {
		uint32_t a = (uint32_t)(p.v[i] >> 32), b = (uint32_t)p.v[i];
		uint64_t key = 0;
		for (f = 0; f < nf; f++)
			key |= (uint64_t)compare_cells(d->fields[f].kind, &d->cells[a * nf + f],
				&d->cells[b * nf + f], &lc[f]) << (f * LEVEL_BITS);
		keys[i] = key;
	}
	free(lc);
	sorted = xmalloc((p.n + 1) * sizeof(*sorted));
	memcpy(sorted, keys, p.n * sizeof(*keys));
	qsort(sorted, p.n, sizeof(*sorted), cmp_u64);
	counts = xmalloc((p.n + 1) * sizeof(*counts));
	for (i = 0, nkeys = 0; i < p.n; i = j) {
		for (j = i + 1; j < p.n && sorted[j] == sorted[i]; j++)
			;
		sorted[nkeys] = sorted[i];
		counts[nkeys++] = (double)(j - i);
	}
	em(sorted, counts, nkeys, nf, o->em_iterations ? o->em_iterations : 100, &res->model);
	free(sorted);
	free(counts);
	if (o->tf_adjust)
		adj = tf_adjustments(d);
	min_w = log2(o->threshold / (1 - o->threshold));
	for (i = 0; i < p.n; i++) {
		uint32_t a = (uint32_t)(p.v[i] >> 32), b = (uint32_t)p.v[i];
		unpack(keys[i], nf, lv);
		w = match_weight(&res->model, lv);
		if (adj != NULL)
			for (f = 0; f < nf; f++)
				if (lv[f] == MATCH_L_EXACT)
					w += adj[a * nf + f];
		if (w < min_w)
			continue;
		if (res->npairs == cap) {
			cap = cap ? cap * 2 : 1024;
			res->pairs = xrealloc(res->pairs, cap * sizeof(*res->pairs));
		}
		k = res->npairs++;
		memset(&res->pairs[k], 0, sizeof(res->pairs[k]));
		res->pairs[k].a = a;
		res->pairs[k].b = b;
		res->pairs[k].weight = w;
		res->pairs[k].probability = 1.0 / (1.0 + exp2(-w));
		memcpy(res->pairs[k].levels, lv, nf);
	}
	if (res->npairs > 1)
		qsort(res->pairs, res->npairs, sizeof(*res->pairs), cmp_pair);
	free(adj);
	free(keys);
	free(p.v);
	return 0;
}
