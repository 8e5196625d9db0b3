/*
 * link.c — record linkage on files (link.h): `khipu link dedup`,
 * `link evaluate`, `link encode`, `link match`.
 */
#include "app/link.h"

#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/clk.h"
#include "io/linkcsv.h"
#include "lib/i18n.h"
#include "lib/xalloc.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- fields and ids ---- */

/* "a,b:date,c" (with ks: "a:text:12" too) into names, kinds (-1 = infer)
 * and bits per bigram (0 = default); returns the count or -1. */
static int
parse_fields(const char *spec, struct match_field *f, int *kinds, int *ks, struct kerr *err)
{
	char *s = xstrdup(spec), *tok, *save = NULL, *colon, *colon2, *end;
	int n = 0, i, k;
	long bits;

	for (tok = strtok_r(s, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		colon = strchr(tok, ':');
		k = -1;
		bits = 0;
		if (colon != NULL) {
			*colon = '\0';
			colon2 = strchr(colon + 1, ':');
			if (colon2 != NULL) {
				*colon2 = '\0';
				bits = strtol(colon2 + 1, &end, 10);
				if (ks == NULL || end == colon2 + 1 || *end != '\0' || bits < 1 ||
				    bits > 64) {
					kerr_set(err, KERR_INVALID, ks ? _("--fields: '%s': bits per "
						"bigram is a number from 1 to 64") : _("--fields: '%s': "
						"COLUMN or COLUMN:KIND"), tok);
					goto fail;
				}
			}
			k = match_kind_parse(colon + 1);
			if (k < 0) {
				kerr_set(err, KERR_INVALID, _("--fields: unknown kind '%s' "
					"for '%s' (text, date or id)"), colon + 1, tok);
				goto fail;
			}
		}
		if (*tok == '\0' || strlen(tok) >= MATCH_NAME_LEN) {
			kerr_set(err, KERR_INVALID, _("--fields: a column name is empty "
				"or longer than %d bytes"), MATCH_NAME_LEN - 1);
			goto fail;
		}
		if (n == MATCH_MAX_FIELDS) {
			kerr_set(err, KERR_INVALID, _("--fields: at most %d columns"),
				MATCH_MAX_FIELDS);
			goto fail;
		}
		for (i = 0; i < n; i++)
			if (strcmp(f[i].name, tok) == 0) {
				kerr_set(err, KERR_INVALID,
					_("--fields: column '%s' is given twice"), tok);
				goto fail;
			}
		memset(&f[n], 0, sizeof(f[n]));
		strcpy(f[n].name, tok);
		if (ks != NULL)
			ks[n] = (int)bits;
		kinds[n++] = k;
	}
	free(s);
	if (n == 0) {
		kerr_set(err, KERR_INVALID, "%s", _("--fields: no column given"));
		return -1;
	}
	return n;
fail:
	free(s);
	return -1;
}

/* Column of name in t, or an error naming the option and the columns. */
static int
need_column(const struct linkcsv *t, const char *name, const char *opt, const char *path,
	struct kerr *err)
{
	char list[256] = "";
	size_t i, n = 0;
	int c = linkcsv_column(t, name);

	if (c >= 0)
		return c;
	for (i = 0; i < t->ncols && n + 4 < sizeof(list); i++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s", i ? ", " : "",
			t->header[i]);
	kerr_set(err, KERR_INVALID, _("--%s: column '%s' is not in the header of '%s' "
		"(its columns: %s)"), opt, name, path, list);
	return -1;
}

struct idx {
	const char *id;
	size_t row;
};

static int
cmp_idx(const void *a, const void *b)
{
	return strcmp(((const struct idx *)a)->id, ((const struct idx *)b)->id);
}

/* The ids of column col sorted (for lookups), refusing empty and repeated
 * ones. Returns a malloc'd array of t->nrows entries or NULL. */
static struct idx *
id_index(const struct linkcsv *t, int col, const char *name, struct kerr *err)
{
	struct idx *ix = xmalloc((t->nrows + 1) * sizeof(*ix));
	size_t i;

	for (i = 0; i < t->nrows; i++) {
		ix[i].id = linkcsv_cell(t, i, (size_t)col);
		ix[i].row = i;
		if (*ix[i].id == '\0') {
			kerr_set(err, KERR_INVALID, _("row %zu: the id column '%s' is empty"),
				i + 1, name);
			free(ix);
			return NULL;
		}
	}
	qsort(ix, t->nrows, sizeof(*ix), cmp_idx);
	for (i = 1; i < t->nrows; i++)
		if (strcmp(ix[i].id, ix[i - 1].id) == 0) {
			size_t a = ix[i - 1].row < ix[i].row ? ix[i - 1].row : ix[i].row;
			size_t b = ix[i - 1].row < ix[i].row ? ix[i].row : ix[i - 1].row;
			kerr_set(err, KERR_INVALID, _("rows %zu and %zu have the same id "
				"'%s' in column '%s'"), a + 1, b + 1, ix[i].id, name);
			free(ix);
			return NULL;
		}
	return ix;
}

static long
lookup(const struct idx *ix, size_t n, const char *id)
{
	struct idx key = { id, 0 };
	const struct idx *hit = bsearch(&key, ix, n, sizeof(*ix), cmp_idx);

	return hit ? (long)hit->row : -1;
}

/* A column's kind from its values: dates when nine in ten non-empty values
 * parse and most carry a month; ids when nine in ten are digits (with
 * spaces, dots, dashes); text otherwise. */
static enum match_kind
infer_kind(const struct linkcsv *t, int col)
{
	size_t i, n = 0, dates = 0, full = 0, num = 0;
	int32_t d;

	for (i = 0; i < t->nrows; i++) {
		const char *v = linkcsv_cell(t, i, (size_t)col);
		if (*v == '\0')
			continue;
		n++;
		if (match_date_parse(v, &d) == 0) {
			dates++;
			full += d % 10000 != 0;
		}
		if (v[strspn(v, "0123456789 .-+/")] == '\0')
			num++;
	}
	if (n == 0)
		return MATCH_TEXT;
	if (dates * 10 >= n * 9 && full * 2 > dates)
		return MATCH_DATE;
	if (num * 10 >= n * 9)
		return MATCH_ID;
	return MATCH_TEXT;
}

/* Parse the fields, find their columns (kinds inferred), and the ids. */
static int
load_fields(const struct linkcsv *t, const char *path, const char *spec, const char *idcol,
	struct match_field *f, int *cols, int *idc, int *ks, struct kerr *err)
{
	int kinds[MATCH_MAX_FIELDS], n, i;

	if ((n = parse_fields(spec, f, kinds, ks, err)) < 0)
		return -1;
	if ((*idc = need_column(t, idcol, "id", path, err)) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if ((cols[i] = need_column(t, f[i].name, "fields", path, err)) < 0)
			return -1;
		f[i].kind = kinds[i] >= 0 ? (enum match_kind)kinds[i] : infer_kind(t, cols[i]);
	}
	return n;
}

/* ---- dedup ---- */

static void
write_pairs(FILE *o, const struct linkcsv *t, int idc, const struct match_field *f, size_t nf,
	const struct match_result *res)
{
	size_t i, k;

	fputs("a_id,b_id,probability,match_weight", o);
	for (k = 0; k < nf; k++) {
		fputc(',', o);
		linkcsv_put(o, f[k].name);
	}
	fputc('\n', o);
	for (i = 0; i < res->npairs; i++) {
		const struct match_pair *p = &res->pairs[i];
		linkcsv_put(o, linkcsv_cell(t, p->a, (size_t)idc));
		fputc(',', o);
		linkcsv_put(o, linkcsv_cell(t, p->b, (size_t)idc));
		fprintf(o, ",%.6f,%.3f", p->probability, p->weight);
		for (k = 0; k < nf; k++)
			fprintf(o, ",%s", match_level_name((enum match_level)p->levels[k]));
		fputc('\n', o);
	}
}

enum kerr_code
app_link_dedup(const struct app_link_dedup_opts *o, struct app_link_report *rep,
	struct kerr *err)
{
	struct linkcsv t;
	struct match_field f[MATCH_MAX_FIELDS];
	struct match_opts mo = { o->threshold, 0, 0, 1 };
	struct match_result res;
	struct match_data *d;
	struct linkout out;
	struct idx *ix;
	int cols[MATCH_MAX_FIELDS], idc, n, i;
	size_t r;
	double t0 = now();
	enum kerr_code rc;

	memset(rep, 0, sizeof(*rep));
	if (!(o->threshold > 0 && o->threshold < 1))
		return kerr_set(err, KERR_INVALID, "%s",
			_("--threshold: a probability between 0 and 1, both excluded (e.g. 0.9)"));
	if ((rc = linkcsv_read(o->csv, &t, err)) != KERR_OK)
		return rc;
	n = load_fields(&t, o->csv, o->fields, o->id, f, cols, &idc, NULL, err);
	if (n < 0 || (ix = id_index(&t, idc, o->id, err)) == NULL) {
		linkcsv_release(&t);
		return err->code;
	}
	free(ix);
	if (t.nrows > UINT32_MAX / 2) {
		linkcsv_release(&t);
		return kerr_set(err, KERR_INVALID, "%s", _("too many rows"));
	}
	d = match_data_new(f, (size_t)n, t.nrows);
	for (r = 0; r < t.nrows; r++)
		for (i = 0; i < n; i++) {
			const char *v = linkcsv_cell(&t, r, (size_t)cols[i]);
			if (*v == '\0' || match_data_set(d, r, (size_t)i, v) != 0)
				rep->unusable[i]++;
		}
	match_dedup(d, &mo, &res);
	match_data_free(d);
	if ((rc = linkout_open(&out, o->out, err)) == KERR_OK) {
		write_pairs(out.f, &t, idc, f, (size_t)n, &res);
		rc = linkout_commit(&out, err);
	}
	rep->records = t.nrows;
	rep->candidates = res.npairs_compared;
	rep->pairs = res.npairs;
	rep->nfields = (size_t)n;
	memcpy(rep->fields, f, sizeof(f));
	rep->model = res.model;
	rep->seconds = now() - t0;
	free(res.pairs);
	linkcsv_release(&t);
	return rc;
}

/* ---- evaluate ---- */

/* The entity of a record: a column's value, or for FEBRL the id without
 * its "-org" / "-dup-K" tail. */
static int
entity(const struct linkcsv *t, size_t row, int idc, int ec, char *out, size_t outsz,
	struct kerr *err)
{
	const char *id = linkcsv_cell(t, row, (size_t)idc), *tail;
	size_t n;

	if (ec >= 0) {
		snprintf(out, outsz, "%s", linkcsv_cell(t, row, (size_t)ec));
		return 0;
	}
	tail = strstr(id, "-org");
	if (tail == NULL || tail[4] != '\0')
		tail = strstr(id, "-dup-");
	n = tail ? (size_t)(tail - id) : 0;
	if (tail == NULL || strncmp(id, "rec-", 4) != 0 || n >= outsz) {
		kerr_set(err, KERR_INVALID, _("--truth febrl: id '%s' is not a FEBRL "
			"id (rec-N-org, rec-N-dup-K)"), id);
		return -1;
	}
	memcpy(out, id, n);
	out[n] = '\0';
	return 0;
}

struct ent {
	char key[128];
	int side;
};

static int
cmp_ent(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : x->side - y->side;
}

/* Pairs as a<<32|b, bit 63 set for a true pair: ordered without that bit. */
static int
cmp_pair_key(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a & ~(1ULL << 63), y = *(const uint64_t *)b & ~(1ULL << 63);

	return x < y ? -1 : x > y;
}

static int
load_side(const char *path, const struct app_link_eval_opts *o, struct linkcsv *t, int *idc,
	int *ec, struct idx **ix, struct kerr *err)
{
	if (linkcsv_read(path, t, err) != KERR_OK)
		return -1;
	if ((*idc = need_column(t, o->id, "id", path, err)) < 0)
		return -1;
	*ec = -1;
	if (strcmp(o->truth, "febrl") != 0 && (*ec = need_column(t, o->truth, "truth", path,
	    err)) < 0)
		return -1;
	return (*ix = id_index(t, *idc, o->id, err)) != NULL ? 0 : -1;
}

enum kerr_code
app_link_evaluate(const struct app_link_eval_opts *o, struct app_link_eval *ev,
	struct kerr *err)
{
	struct linkcsv t[2], p;
	struct idx *ix[2] = { NULL, NULL };
	struct ent *ents = NULL;
	uint64_t *seen = NULL;
	int idc[2], ec[2], nside = o->csv_b ? 2 : 1, s, bad = 0;
	size_t i, j, n = 0, nseen = 0;
	char ea[128], eb[128];

	memset(ev, 0, sizeof(*ev));
	memset(t, 0, sizeof(t));
	memset(&p, 0, sizeof(p));
	for (s = 0; s < nside && !bad; s++)
		bad = load_side(s ? o->csv_b : o->csv_a, o, &t[s], &idc[s], &ec[s], &ix[s], err);
	/* the true pairs: records of one entity (across the two files for a linkage) */
	if (!bad) {
		ents = xmalloc((t[0].nrows + t[1].nrows + 1) * sizeof(*ents));
		for (s = 0; s < nside && !bad; s++)
			for (i = 0; i < t[s].nrows && !bad; i++) {
				bad = entity(&t[s], i, idc[s], ec[s], ents[n].key, sizeof(ents[n].key), err);
				ents[n++].side = s;
			}
	}
	if (!bad) {
		qsort(ents, n, sizeof(*ents), cmp_ent);
		for (i = 0; i < n; i = j) {
			size_t c0 = 0, c1 = 0;
			for (j = i; j < n && strcmp(ents[j].key, ents[i].key) == 0; j++)
				if (ents[j].side)
					c1++;
				else
					c0++;
			if (*ents[i].key == '\0')
				continue;   /* no entity: in no true pair */
			ev->true_pairs += nside == 2 ? c0 * c1 : c0 * (c0 - 1) / 2;
		}
		bad = linkcsv_read(o->pairs, &p, err) != KERR_OK;
	}
	if (!bad && p.ncols < 2) {
		kerr_set(err, KERR_INVALID, _("'%s' has fewer than two columns (a_id, b_id)"),
			o->pairs);
		bad = 1;
	}
	if (!bad)
		seen = xmalloc((p.nrows + 1) * sizeof(*seen));
	for (i = 0; !bad && i < p.nrows; i++) {
		long ra = lookup(ix[0], t[0].nrows, linkcsv_cell(&p, i, 0));
		long rb = lookup(ix[nside - 1], t[nside - 1].nrows, linkcsv_cell(&p, i, 1));
		if (ra < 0 || rb < 0) {
			kerr_set(err, KERR_INVALID, _("row %zu of '%s': id '%s' is not in "
				"the records"), i + 1, o->pairs, linkcsv_cell(&p, i, ra < 0 ? 0 : 1));
			bad = 1;
			break;
		}
		if (nside == 1 && ra > rb) {
			long x = ra;
			ra = rb;
			rb = x;
		}
		if (nside == 1 && ra == rb)
			continue;
		seen[nseen++] = (uint64_t)ra << 32 | (uint64_t)rb;
		if (entity(&t[0], (size_t)ra, idc[0], ec[0], ea, sizeof(ea), err) != 0 ||
		    entity(&t[nside - 1], (size_t)rb, idc[nside - 1], ec[nside - 1], eb, sizeof(eb),
		    err) != 0)
			bad = 1;
		else if (*ea != '\0' && strcmp(ea, eb) == 0)
			seen[nseen - 1] |= 1ULL << 63;   /* a true pair */
	}
	if (!bad) {
		/* a pair listed twice counts once */
		qsort(seen, nseen, sizeof(*seen), cmp_pair_key);
		for (i = 0; i < nseen; i++) {
			if (i > 0 && (seen[i] & ~(1ULL << 63)) == (seen[i - 1] & ~(1ULL << 63)))
				continue;
			ev->predicted++;
			if (seen[i] >> 63)
				ev->tp++;
			else
				ev->fp++;
		}
		ev->fn = ev->true_pairs - ev->tp;
		ev->precision = ev->predicted ? (double)ev->tp / (double)ev->predicted : 0;
		ev->recall = ev->true_pairs ? (double)ev->tp / (double)ev->true_pairs : 0;
		ev->f1 = ev->precision + ev->recall > 0 ? 2 * ev->precision * ev->recall /
			(ev->precision + ev->recall) : 0;
	}
	free(seen);
	free(ents);
	for (s = 0; s < 2; s++) {
		free(ix[s]);
		linkcsv_release(&t[s]);
	}
	linkcsv_release(&p);
	return bad ? err->code : KERR_OK;
}

/* ---- PPRL: encode ---- */

/* Bits per bigram when the field does not say: names and places weigh
 * most, house numbers and codes least (their bigrams are few and common). */
static int
default_k(enum match_kind k)
{
	return k == MATCH_TEXT ? 10 : k == MATCH_DATE ? 10 : 8;
}

enum kerr_code
app_link_read_secret(const char *path, char **out, size_t *len, struct kerr *err)
{
	FILE *f = fopen(path, "rb");
	char *buf;

	*out = NULL;
	if (f == NULL)
		return kerr_set(err, KERR_IO, _("--secret-file: cannot open '%s': %s"), path,
			strerror(errno));
	buf = xmalloc(4097);
	*len = fread(buf, 1, 4097, f);
	fclose(f);
	if (*len > 4096) {
		free(buf);
		return kerr_set(err, KERR_INVALID, "%s", _("--secret-file: longer than 4096 bytes"));
	}
	*out = buf;
	return KERR_OK;
}

enum kerr_code
app_link_encode(const struct app_link_encode_opts *o, struct app_link_encode_report *rep,
	struct kerr *err)
{
	struct linkcsv t;
	struct match_field f[MATCH_MAX_FIELDS];
	struct clk_field cf[MATCH_MAX_FIELDS];
	struct clk_encoder *enc = NULL;
	struct linkout out;
	struct idx *ix;
	const char *vals[MATCH_MAX_FIELDS];
	uint64_t filter[CLK_WORDS];
	int cols[MATCH_MAX_FIELDS], ks[MATCH_MAX_FIELDS], idc, n, i;
	char *secret = NULL;
	size_t r, slen = 0;
	enum kerr_code rc;

	memset(rep, 0, sizeof(*rep));
	if ((rc = app_link_read_secret(o->secret_file, &secret, &slen, err)) != KERR_OK)
		return rc;
	if ((rc = linkcsv_read(o->csv, &t, err)) != KERR_OK) {
		free(secret);
		return rc;
	}
	n = load_fields(&t, o->csv, o->fields, o->id, f, cols, &idc, ks, err);
	ix = n < 0 ? NULL : id_index(&t, idc, o->id, err);
	if (ix == NULL) {
		free(secret);
		linkcsv_release(&t);
		return err->code;
	}
	free(ix);
	for (i = 0; i < n; i++) {
		cf[i].kind = f[i].kind;
		cf[i].k = ks[i] ? ks[i] : default_k(f[i].kind);
	}
	rc = clk_encoder_new(cf, (size_t)n, secret, slen, &enc, err);
	sodium_memzero(secret, slen);
	free(secret);
	if (rc == KERR_OK && (rc = linkout_open(&out, o->out, err)) == KERR_OK) {
		clk_write_header(out.f, enc, t.nrows);
		for (r = 0; r < t.nrows; r++) {
			for (i = 0; i < n; i++)
				vals[i] = linkcsv_cell(&t, r, (size_t)cols[i]);
			clk_encode(enc, vals, filter);
			clk_write_record(out.f, linkcsv_cell(&t, r, (size_t)idc), filter);
		}
		rc = linkout_commit(&out, err);
	}
	if (rc == KERR_OK) {
		rep->records = t.nrows;
		snprintf(rep->fingerprint, sizeof(rep->fingerprint), "%.16s",
			clk_encoder_fingerprint(enc));
	}
	clk_encoder_free(enc);
	linkcsv_release(&t);
	return rc;
}

/* ---- PPRL: match ---- */

enum kerr_code
app_link_match(const struct app_link_match_opts *o, struct app_link_match_report *rep,
	struct kerr *err)
{
	struct clk_file a, b;
	struct clk_match *m;
	struct clk_stats st;
	struct linkout out;
	size_t n, i;
	double t0 = now();
	enum kerr_code rc;

	memset(rep, 0, sizeof(*rep));
	if (!(o->threshold > 0 && o->threshold < 1))
		return kerr_set(err, KERR_INVALID, "%s",
			_("--threshold: a Dice coefficient between 0 and 1, both excluded (e.g. 0.8)"));
	if ((rc = clk_read(o->a, &a, err)) != KERR_OK)
		return rc;
	if ((rc = clk_read(o->b, &b, err)) != KERR_OK) {
		clk_release(&a);
		return rc;
	}
	if (strcmp(a.schema, b.schema) != 0)
		rc = kerr_set(err, KERR_INVALID, _("'%s' and '%s' were encoded with different fields "
			"('%s' and '%s'): both sides must give the same kinds, in the same order, with "
			"the same bits"), o->a, o->b, a.schema, b.schema);
	else if (strcmp(a.fingerprint, b.fingerprint) != 0)
		rc = kerr_set(err, KERR_INVALID, _("'%s' and '%s' were encoded with different "
			"secrets: comparing them would match nothing; encode both with the secret "
			"agreed"), o->a, o->b);
	if (rc == KERR_OK && (rc = linkout_open(&out, o->out, err)) == KERR_OK) {
		m = clk_link(&a, &b, o->threshold, &n, &st);
		fputs("a_id,b_id,score\n", out.f);
		for (i = 0; i < n; i++) {
			linkcsv_put(out.f, a.ids[m[i].a]);
			fputc(',', out.f);
			linkcsv_put(out.f, b.ids[m[i].b]);
			fprintf(out.f, ",%.4f\n", m[i].score);
		}
		free(m);
		rc = linkout_commit(&out, err);
		rep->compared = (size_t)st.compared;
		rep->candidates = st.candidates;
		rep->matches = n;
	}
	rep->na = a.n;
	rep->nb = b.n;
	rep->seconds = now() - t0;
	clk_release(&a);
	clk_release(&b);
	return rc;
}
