/* clk.c — keyed Bloom filter encodings and Dice matching (clk.h). */
#include "io/clk.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"
#include "lib/norm.h"
#include "lib/xalloc.h"

#define CLK_VERSION 1
#define B64_LEN (sodium_base64_ENCODED_LEN(CLK_BITS / 8, sodium_base64_VARIANT_ORIGINAL))

struct clk_encoder {
	size_t nfields;
	struct clk_field f[MATCH_MAX_FIELDS];
	unsigned char key[MATCH_MAX_FIELDS][crypto_generichash_KEYBYTES];
	char schema[CLK_SCHEMA_LEN];
	char fingerprint[CLK_FP_HEX];
};

enum kerr_code
clk_encoder_new(const struct clk_field *f, size_t nfields, const void *secret, size_t len,
	struct clk_encoder **out, struct kerr *err)
{
	unsigned char master[crypto_generichash_KEYBYTES], fp[16];
	struct clk_encoder *e;
	size_t i, n = 0;
	char label[64];

	*out = NULL;
	while (len > 0 && (((const char *)secret)[len - 1] == '\n' ||
	    ((const char *)secret)[len - 1] == '\r'))
		len--;
	if (len < CLK_SECRET_MIN)
		return kerr_set(err, KERR_INVALID, _("--secret-file: the secret is shorter than %d "
			"bytes"), CLK_SECRET_MIN);
	if (nfields == 0 || nfields > MATCH_MAX_FIELDS)
		return kerr_set(err, KERR_INVALID, _("--fields: between 1 and %d columns"),
			MATCH_MAX_FIELDS);
	e = xcalloc(1, sizeof(*e));
	e->nfields = nfields;
	memcpy(e->f, f, nfields * sizeof(*f));
	n = (size_t)snprintf(e->schema, sizeof(e->schema), "bits=%d", CLK_BITS);
	for (i = 0; i < nfields; i++) {
		if (f[i].k < 1 || f[i].k > CLK_K_MAX) {
			free(e);
			return kerr_set(err, KERR_INVALID, _("--fields: bits per bigram between 1 and "
				"%d"), CLK_K_MAX);
		}
		n += (size_t)snprintf(e->schema + n, sizeof(e->schema) - n, ";%s:%d",
			match_kind_name(f[i].kind), f[i].k);
	}
	/* the secret is hashed into a master key; each field has its own key,
	 * so the same bigram sets different bits in different fields */
	crypto_generichash(master, sizeof(master), secret, len,
		(const unsigned char *)"khipu-clk-1", 11);
	for (i = 0; i < nfields; i++) {
		int ln = snprintf(label, sizeof(label), "field %zu %s", i, match_kind_name(f[i].kind));
		crypto_generichash(e->key[i], sizeof(e->key[i]), (const unsigned char *)label,
			(size_t)ln, master, sizeof(master));
	}
	crypto_generichash(fp, sizeof(fp), (const unsigned char *)e->schema, strlen(e->schema),
		master, sizeof(master));
	sodium_bin2hex(e->fingerprint, sizeof(e->fingerprint), fp, sizeof(fp));
	sodium_memzero(master, sizeof(master));
	*out = e;
	return KERR_OK;
}

void
clk_encoder_free(struct clk_encoder *e)
{
	if (e == NULL)
		return;
	sodium_memzero(e, sizeof(*e));
	free(e);
}

const char *
clk_encoder_schema(const struct clk_encoder *e)
{
	return e->schema;
}

const char *
clk_encoder_fingerprint(const struct clk_encoder *e)
{
	return e->fingerprint;
}

/* Set k bits for one token: double hashing of one keyed BLAKE2b output
 * (clkhash's "blakeHash"). */
static void
add_token(const unsigned char *key, int k, const char *tok, size_t len, uint64_t *filter)
{
	uint64_t h[2];
	int j;

	crypto_generichash((unsigned char *)h, sizeof(h), (const unsigned char *)tok, len, key,
		crypto_generichash_KEYBYTES);
	h[1] |= 1;   /* odd: the k positions differ */
	for (j = 0; j < k; j++) {
		unsigned bit = (unsigned)((h[0] + (uint64_t)j * h[1]) % CLK_BITS);
		filter[bit / 64] |= 1ULL << (bit % 64);
	}
}

/* The bigrams of " value " (padded, so first and last letters count). */
static void
add_bigrams(const unsigned char *key, int k, const char *s, uint64_t *filter)
{
	size_t n = strlen(s), i;
	char *p = xmalloc(n + 3);

	p[0] = ' ';
	memcpy(p + 1, s, n);
	p[n + 1] = ' ';
	p[n + 2] = '\0';
	for (i = 0; i + 1 < n + 2; i++)
		add_token(key, k, p + i, 2, filter);
	free(p);
}

int
clk_encode(const struct clk_encoder *e, const char *const *values, uint64_t *filter)
{
	char tok[NORM_MAX_TOKENS][NORM_TOKEN_LEN], buf[NORM_MAX_TOKENS * NORM_TOKEN_LEN];
	size_t i, t, nt, n;
	int32_t d;
	int bits = 0;

	memset(filter, 0, CLK_WORDS * sizeof(*filter));
	for (i = 0; i < e->nfields; i++) {
		const char *v = values[i];
		if (v == NULL || *v == '\0')
			continue;
		switch (e->f[i].kind) {
		case MATCH_TEXT:
			nt = norm_name_tokens(v, tok, NORM_MAX_TOKENS);
			for (t = 0, n = 0; t < nt; t++)
				n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s", t ? " " : "", tok[t]);
			if (nt > 0)
				add_bigrams(e->key[i], e->f[i].k, buf, filter);
			break;
		case MATCH_DATE:
			/* the digits' bigrams, so a wrong digit costs two of nine */
			if (match_date_parse(v, &d) == 0) {
				snprintf(buf, sizeof(buf), "%08ld", (long)d);
				add_bigrams(e->key[i], e->f[i].k, buf, filter);
			}
			break;
		case MATCH_ID:
			if (norm_alnum(v, buf, sizeof(buf)) == 0)
				add_bigrams(e->key[i], e->f[i].k, buf, filter);
			break;
		default:
			abort();
		}
	}
	for (i = 0; i < CLK_WORDS; i++)
		bits += __builtin_popcountll(filter[i]);
	return bits;
}

/* ---- the file ---- */

void
clk_write_header(FILE *f, const struct clk_encoder *e, size_t nrecords)
{
	json_t *h = json_pack("{s:s,s:i,s:i,s:s,s:s,s:I}", "format", "khipu-clk",
		"version", CLK_VERSION, "bits", CLK_BITS, "schema", e->schema,
		"fingerprint", e->fingerprint, "records", (json_int_t)nrecords);

	json_dumpf(h, f, JSON_COMPACT | JSON_PRESERVE_ORDER);
	fputc('\n', f);
	json_decref(h);
}

void
clk_write_record(FILE *f, const char *id, const uint64_t *filter)
{
	unsigned char bytes[CLK_BITS / 8];
	char b64[B64_LEN];
	size_t i, j;

	for (i = 0; i < CLK_WORDS; i++)
		for (j = 0; j < 8; j++)
			bytes[i * 8 + j] = (unsigned char)(filter[i] >> (8 * j));
	sodium_bin2base64(b64, sizeof(b64), bytes, sizeof(bytes), sodium_base64_VARIANT_ORIGINAL);
	if (id[strcspn(id, ",\"\r\n")] == '\0') {
		fputs(id, f);
	} else {
		fputc('"', f);
		for (; *id; id++) {
			if (*id == '"')
				fputc('"', f);
			fputc(*id, f);
		}
		fputc('"', f);
	}
	fprintf(f, ",%s\n", b64);
}

/* One record line: id (maybe quoted) and the filter. */
static int
parse_record(char *line, char **id, uint64_t *filter, uint16_t *pop)
{
	unsigned char bytes[CLK_BITS / 8];
	char *p = line, *q, *w;
	size_t got, i, j;
	int bits = 0;

	if (*p == '"') {
		for (q = w = p + 1; *q; q++) {
			if (*q == '"') {
				if (q[1] != '"')
					break;
				q++;
			}
			*w++ = *q;
		}
		if (*q != '"' || q[1] != ',')
			return -1;
		*w = '\0';
		*id = xstrdup(p + 1);
		p = q + 2;
	} else {
		q = strchr(p, ',');
		if (q == NULL || q == p)
			return -1;
		*q = '\0';
		*id = xstrdup(p);
		p = q + 1;
	}
	p[strcspn(p, "\r\n")] = '\0';
	if (sodium_base642bin(bytes, sizeof(bytes), p, strlen(p), NULL, &got, NULL,
	    sodium_base64_VARIANT_ORIGINAL) != 0 || got != sizeof(bytes)) {
		free(*id);
		return -1;
	}
	for (i = 0; i < CLK_WORDS; i++) {
		filter[i] = 0;
		for (j = 0; j < 8; j++)
			filter[i] |= (uint64_t)bytes[i * 8 + j] << (8 * j);
		bits += __builtin_popcountll(filter[i]);
	}
	*pop = (uint16_t)bits;
	return 0;
}

static enum kerr_code
read_header(const char *path, const char *line, struct clk_file *cf, size_t *declared,
	struct kerr *err)
{
	json_t *h = json_loads(line, 0, NULL);
	const char *format = NULL, *schema = NULL, *fp = NULL;
	int version = 0, bits = 0;
	json_int_t records = -1;

	if (h == NULL || json_unpack(h, "{s:s,s:i,s:i,s:s,s:s,s:I}", "format", &format,
	    "version", &version, "bits", &bits, "schema", &schema, "fingerprint", &fp,
	    "records", &records) != 0 || strcmp(format, "khipu-clk") != 0) {
		json_decref(h);
		return kerr_set(err, KERR_INVALID, _("'%s' is not a file of 'khipu link encode'"),
			path);
	}
	if (version != CLK_VERSION || bits != CLK_BITS || strlen(schema) >= sizeof(cf->schema) ||
	    strlen(fp) != CLK_FP_HEX - 1 || records < 0) {
		json_decref(h);
		return kerr_set(err, KERR_INVALID, _("'%s' was encoded by another version of khipu "
			"(version %d, %d bits)"), path, version, bits);
	}
	strcpy(cf->schema, schema);
	strcpy(cf->fingerprint, fp);
	*declared = (size_t)records;
	json_decref(h);
	return KERR_OK;
}

enum kerr_code
clk_read(const char *path, struct clk_file *cf, struct kerr *err)
{
	FILE *f = fopen(path, "rb");
	char *line = NULL;
	size_t cap = 0, declared = 0, lineno = 1;
	ssize_t len;
	enum kerr_code rc = KERR_OK;

	memset(cf, 0, sizeof(*cf));
	if (f == NULL)
		return kerr_set(err, KERR_IO, _("cannot open '%s': %s"), path, strerror(errno));
	if ((len = getline(&line, &cap, f)) <= 0)
		rc = kerr_set(err, KERR_INVALID, _("'%s' is not a file of 'khipu link encode'"), path);
	else
		rc = read_header(path, line, cf, &declared, err);
	if (rc == KERR_OK && declared > 50000000)
		rc = kerr_set(err, KERR_INVALID, _("'%s': too many records"), path);
	if (rc == KERR_OK) {
		cf->ids = xcalloc(declared + 1, sizeof(*cf->ids));
		cf->filters = xmalloc((declared + 1) * CLK_WORDS * sizeof(*cf->filters));
		cf->pop = xmalloc((declared + 1) * sizeof(*cf->pop));
	}
	while (rc == KERR_OK && (len = getline(&line, &cap, f)) > 0) {
		lineno++;
		if (cf->n == declared || parse_record(line, &cf->ids[cf->n],
		    cf->filters + cf->n * CLK_WORDS, &cf->pop[cf->n]) != 0) {
			rc = kerr_set(err, KERR_INVALID, _("'%s', line %zu: not a record (id,filter) "
				"of this file"), path, lineno);
			break;
		}
		cf->n++;
	}
	if (rc == KERR_OK && cf->n != declared)
		rc = kerr_set(err, KERR_INVALID, _("'%s' holds %zu records, its header says %zu: a "
			"truncated file"), path, cf->n, declared);
	free(line);
	fclose(f);
	if (rc != KERR_OK)
		clk_release(cf);
	return rc;
}

void
clk_release(struct clk_file *cf)
{
	size_t i;

	for (i = 0; cf->ids != NULL && i < cf->n; i++)
		free(cf->ids[i]);
	free(cf->ids);
	free(cf->filters);
	free(cf->pop);
	memset(cf, 0, sizeof(*cf));
}

/* ---- comparing ---- */

double
clk_dice(const uint64_t *a, const uint64_t *b, unsigned pa, unsigned pb)
{
	unsigned c = 0, i;

	if (pa + pb == 0)
		return 0.0;
	for (i = 0; i < CLK_WORDS; i++)
		c += (unsigned)__builtin_popcountll(a[i] & b[i]);
	return 2.0 * c / (double)(pa + pb);
}

/*
 * The kernel: the Dice test of a against B[lo..hi) as an integer
 * comparison (2c >= t (pa+pb) scaled by 2^16), compiled twice: with the
 * popcnt instruction and without, chosen once at run time.
 */
#define SCAN_BODY                                                                   \
	size_t i, n = 0;                                                            \
	for (i = 0; i < nb; i++) {                                                  \
		const uint64_t *b = B + i * CLK_WORDS;                              \
		unsigned c = 0, w;                                                  \
		for (w = 0; w < CLK_WORDS; w++)                                     \
			c += (unsigned)__builtin_popcountll(a[w] & b[w]);           \
		if ((uint64_t)c * 131072 >= t16 * (uint64_t)(pa + popb[i])) {      \
			if (out == NULL)                                            \
				n++;                                                \
			else                                                        \
				n += out(ctx, i, c, popb[i]);                       \
		}                                                                   \
	}                                                                           \
	return n;

typedef size_t (*scan_cb)(void *ctx, size_t i, unsigned c, unsigned pb);

__attribute__((target("popcnt"))) static size_t
scan_popcnt(const uint64_t *a, unsigned pa, const uint64_t *B, const uint16_t *popb, size_t nb,
	uint64_t t16, scan_cb out, void *ctx)
{
	SCAN_BODY
}

static size_t
scan_plain(const uint64_t *a, unsigned pa, const uint64_t *B, const uint16_t *popb, size_t nb,
	uint64_t t16, scan_cb out, void *ctx)
{
	SCAN_BODY
}

static size_t
scan(const uint64_t *a, unsigned pa, const uint64_t *B, const uint16_t *popb, size_t nb,
	double threshold, scan_cb out, void *ctx)
{
	static int hw = -1;
	uint64_t t16 = (uint64_t)ceil(threshold * 65536.0);

	if (hw < 0) {
		__builtin_cpu_init();
		hw = __builtin_cpu_supports("popcnt") ? 1 : 0;
	}
	return hw ? scan_popcnt(a, pa, B, popb, nb, t16, out, ctx) :
		scan_plain(a, pa, B, popb, nb, t16, out, ctx);
}

size_t
clk_scan_count(const uint64_t *a, unsigned pa, const uint64_t *B, const uint16_t *popb,
	size_t nb, double threshold)
{
	return scan(a, pa, B, popb, nb, threshold, NULL, NULL);
}

/* B sorted by bit count, so that the candidates of a are one range. */
struct sorted {
	uint64_t *filters;
	uint16_t *pop;
	uint32_t *orig;
};

struct collect {
	struct clk_match *m;
	size_t n, cap;
	uint32_t a;
	unsigned pa;
	const uint32_t *orig;
	size_t base;
};

static size_t
collect_one(void *ctx, size_t i, unsigned c, unsigned pb)
{
	struct collect *cl = ctx;

	if (cl->n == cl->cap) {
		cl->cap = cl->cap ? cl->cap * 2 : 4096;
		cl->m = xrealloc(cl->m, cl->cap * sizeof(*cl->m));
	}
	cl->m[cl->n].a = cl->a;
	cl->m[cl->n].b = cl->orig[cl->base + i];
	cl->m[cl->n].score = (float)(2.0 * c / (double)(cl->pa + pb));
	cl->n++;
	return 1;
}

static const uint16_t *sort_pop;

static int
cmp_by_pop(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	if (sort_pop[a] != sort_pop[b])
		return sort_pop[a] < sort_pop[b] ? -1 : 1;
	return a < b ? -1 : a > b;
}

static int
cmp_match(const void *x, const void *y)
{
	const struct clk_match *a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

struct clk_match *
clk_link(const struct clk_file *A, const struct clk_file *B, double threshold, size_t *n,
	struct clk_stats *st)
{
	struct sorted s;
	struct collect cl = { 0 };
	unsigned char *used_a, *used_b;
	size_t i, lo, hi, k = 0;

	memset(st, 0, sizeof(*st));
	s.orig = xmalloc((B->n + 1) * sizeof(*s.orig));
	for (i = 0; i < B->n; i++)
		s.orig[i] = (uint32_t)i;
	sort_pop = B->pop;
	qsort(s.orig, B->n, sizeof(*s.orig), cmp_by_pop);
	s.filters = xmalloc((B->n + 1) * CLK_WORDS * sizeof(*s.filters));
	s.pop = xmalloc((B->n + 1) * sizeof(*s.pop));
	for (i = 0; i < B->n; i++) {
		memcpy(s.filters + i * CLK_WORDS, B->filters + (size_t)s.orig[i] * CLK_WORDS,
			CLK_WORDS * sizeof(*s.filters));
		s.pop[i] = B->pop[s.orig[i]];
	}
	cl.orig = s.orig;
	for (i = 0; i < A->n; i++) {
		unsigned pa = A->pop[i];
		/* dice >= t needs t pa / (2 - t) <= pb <= pa (2 - t) / t */
		double pmin = threshold * pa / (2 - threshold), pmax = pa * (2 - threshold) / threshold;
		for (lo = 0; lo < B->n && s.pop[lo] < pmin - 1e-9; lo++)
			;
		for (hi = lo; hi < B->n && s.pop[hi] <= pmax + 1e-9; hi++)
			;
		if (hi == lo)
			continue;
		st->compared += hi - lo;
		cl.a = (uint32_t)i;
		cl.pa = pa;
		cl.base = lo;
		scan(A->filters + i * CLK_WORDS, pa, s.filters + lo * CLK_WORDS, s.pop + lo, hi - lo,
			threshold, collect_one, &cl);
	}
	st->candidates = cl.n;
	/* one-to-one: best score first, each record at most once */
	if (cl.n > 1)
		qsort(cl.m, cl.n, sizeof(*cl.m), cmp_match);
	used_a = xcalloc(A->n + 1, 1);
	used_b = xcalloc(B->n + 1, 1);
	for (i = 0; i < cl.n; i++) {
		if (used_a[cl.m[i].a] || used_b[cl.m[i].b])
			continue;
		used_a[cl.m[i].a] = used_b[cl.m[i].b] = 1;
		cl.m[k++] = cl.m[i];
	}
	free(used_a);
	free(used_b);
	free(s.orig);
	free(s.filters);
	free(s.pop);
	*n = k;
	return cl.m;
}
