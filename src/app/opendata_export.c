/*
 * opendata_export.c — the CTDC exports of opendata.h: the register's
 * victims k-anonymised, and differentially private marginal counts.
 *
 * Both read the register's victim facts (store_stats.h) after bringing them
 * up to date, never a person or an identity.
 */
#include "app/opendata.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app_int.h"
#include "app/stats.h"
#include "core/codebook.h"
#include "lib/i18n.h"
#include "lib/xalloc.h"
#include "store/store_stats.h"

/* Columns of ctdc_export_columns(), by index. */
enum xcol {
	X_YEAR, X_DATASOURCE, X_GENDER, X_AGE, X_MAJORITY, X_CITIZENSHIP, X_COUNTRY,
	X_FORCED_LABOUR, X_SEXUAL, X_OTHER, X_MARRIAGE, X_ORGAN, X_SLAVERY, X_ABDUCTION,
	X__MAX
};

struct xrow {
	const char *v[X__MAX];
	int suppressed;
};

/* ---- counting combinations: a string -> count hash table ---- */

struct cmap {
	const char **keys;
	size_t *counts;
	size_t cap, n;
};

static uint64_t
fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void
cmap_init(struct cmap *m, size_t expect)
{
	m->cap = 64;
	while (m->cap < expect * 2)
		m->cap *= 2;
	m->keys = xcalloc(m->cap, sizeof(*m->keys));
	m->counts = xcalloc(m->cap, sizeof(*m->counts));
	m->n = 0;
}

static void
cmap_release(struct cmap *m)
{
	free(m->keys);
	free(m->counts);
	memset(m, 0, sizeof(*m));
}

/* The slot of key (the key must live as long as the map). */
static size_t *
cmap_slot(struct cmap *m, const char *key)
{
	size_t i;

	if (m->n * 2 >= m->cap) {
		struct cmap big;
		cmap_init(&big, m->cap);
		for (i = 0; i < m->cap; i++)
			if (m->keys[i] != NULL)
				*cmap_slot(&big, m->keys[i]) = m->counts[i];
		cmap_release(m);
		*m = big;
	}
	for (i = fnv1a(key) & (m->cap - 1); m->keys[i] != NULL; i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0)
			return &m->counts[i];
	m->keys[i] = key;
	m->n++;
	return &m->counts[i];
}

/* ---- victims as CTDC rows ---- */

struct collect {
	struct arena *a;
	struct xrow *rows;
	size_t n, cap;
};

static const char *
gender_value(const char *sex)
{
	if (sex == NULL || strcmp(sex, "unknown") == 0)
		return "-99";
	if (strcmp(sex, "female") == 0)
		return "Female";
	if (strcmp(sex, "male") == 0)
		return "Male";
	return "Transgender/NonConforming";
}

/* Set the flags of the exploitation and recruitment codes in "dim:code,...". */
static void
set_flags(struct xrow *r, const char *codes)
{
	static const struct { const char *ctdc; enum xcol col; } flags[] = {
		{ "isForcedLabour", X_FORCED_LABOUR }, { "isSexualExploit", X_SEXUAL },
		{ "isOtherExploit", X_OTHER }, { "isForcedMarriage", X_MARRIAGE },
		{ "isOrganRemoval", X_ORGAN }, { "isSlaveryAndPractices", X_SLAVERY },
	};
	const char *p = codes;
	char item[96];
	size_t len, i;
	int any = 0;

	for (i = X_FORCED_LABOUR; i <= X_ABDUCTION; i++)
		r->v[i] = "0";
	while (p != NULL && *p) {
		len = strcspn(p, ",");
		snprintf(item, sizeof(item), "%.*s", (int)len, p);
		p += len + (p[len] == ',');
		if (strncmp(item, "exploitation:", 13) == 0) {
			const struct cb_entry *e = cb_lookup(CB_EXPLOITATION, item + 13);
			enum xcol col = X_OTHER;
			any = 1;
			/* labour sectors and begging are forced labour in CTDC's flags */
			if (e != NULL && e->ctdc != NULL && strncmp(e->ctdc, "typeOfLabour", 12) == 0)
				col = X_FORCED_LABOUR;
			for (i = 0; e != NULL && e->ctdc != NULL && i < sizeof(flags) / sizeof(flags[0]); i++)
				if (strcmp(flags[i].ctdc, e->ctdc) == 0)
					col = flags[i].col;
			r->v[col] = "1";
		} else if (strcmp(item, "recruitment:abduction") == 0) {
			r->v[X_ABDUCTION] = "1";
		}
	}
	if (!any)
		for (i = X_FORCED_LABOUR; i <= X_SLAVERY; i++)
			r->v[i] = "-99";
}

static int
collect_row(void *vctx, const struct store_stat_victim *v)
{
	struct collect *c = vctx;
	struct xrow *r;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->rows = xrealloc(c->rows, c->cap * sizeof(*c->rows));
	}
	r = &c->rows[c->n++];
	memset(r, 0, sizeof(*r));
	r->v[X_YEAR] = v->year ? arena_printf(c->a, "%d", v->year) : "-99";
	r->v[X_DATASOURCE] = "Case Management";
	r->v[X_GENDER] = gender_value(v->sex);
	r->v[X_AGE] = v->age_band ? arena_strdup(c->a, v->age_band) : "-99";
	r->v[X_MAJORITY] = v->age_group == NULL ? "-99" :
		strcmp(v->age_group, "child") == 0 ? "Minor" : "Adult";
	r->v[X_CITIZENSHIP] = v->nationality ? arena_strdup(c->a, v->nationality) : "-99";
	r->v[X_COUNTRY] = v->exploitation_country ?
		arena_strdup(c->a, v->exploitation_country) : "-99";
	set_flags(r, v->codes);
	return 0;
}

static enum kerr_code
read_victims(struct app *app, struct arena *a, struct collect *c, struct kerr *err)
{
	enum kerr_code rc;

	memset(c, 0, sizeof(*c));
	c->a = a;
	if ((rc = app_stats_refresh(app, err)) != KERR_OK)
		return rc;
	return store_stat_victims(app->st, "register", collect_row, c, err);
}

static const char *
row_key(struct arena *a, const struct xrow *r)
{
	size_t i, len = 0;
	char *k, *p;

	for (i = 0; i < X__MAX; i++)
		len += strlen(r->v[i]) + 1;
	p = k = arena_alloc(a, len);
	for (i = 0; i < X__MAX; i++) {
		size_t n = strlen(r->v[i]);
		memcpy(p, r->v[i], n);
		p += n;
		*p++ = i + 1 < X__MAX ? '\x1f' : '\0';
	}
	return k;
}

/* Count every row's combination into m; keys[i] is row i's. */
static void
count_rows(struct arena *a, struct xrow *rows, size_t n, struct cmap *m, const char **keys)
{
	size_t i;

	cmap_init(m, n / 4 + 16);
	for (i = 0; i < n; i++) {
		keys[i] = row_key(a, &rows[i]);
		++*cmap_slot(m, keys[i]);
	}
}

/* Coarsen rare rows column by column, then leave out what stays rare. */
static void
k_anonymise(struct arena *a, struct xrow *rows, size_t n, int k,
	struct app_export_report *rep)
{
	static const enum xcol order[] = { X_COUNTRY, X_CITIZENSHIP, X_AGE, X_YEAR };
	const char **keys = xcalloc(n ? n : 1, sizeof(*keys));
	struct cmap m;
	size_t i, pass;

	for (pass = 0; pass <= sizeof(order) / sizeof(order[0]); pass++) {
		count_rows(a, rows, n, &m, keys);
		for (i = 0; i < n; i++) {
			if (*cmap_slot(&m, keys[i]) >= (size_t)k)
				continue;
			if (pass == sizeof(order) / sizeof(order[0])) {
				rows[i].suppressed = 1;
				rep->suppressed++;
			} else if (strcmp(rows[i].v[order[pass]], "-99") != 0) {
				rows[i].v[order[pass]] = "-99";
				rep->generalised++;
			}
		}
		if (pass < sizeof(order) / sizeof(order[0]))
			cmap_release(&m);
	}
	for (i = 0; i < m.cap; i++)
		if (m.keys[i] != NULL && m.counts[i] >= (size_t)k)
			rep->combinations++;
	cmap_release(&m);
	free(keys);
}

static void
csv_field(FILE *f, const char *s, int last)
{
	if (strpbrk(s, ",\"\r\n") != NULL) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputs(last ? "\r\n" : ",", f);
}

static FILE *
open_new(const char *path, struct kerr *err)
{
	FILE *f = fopen(path, "wx");

	if (f == NULL)
		kerr_field(err, errno == EEXIST ? KERR_CONFLICT : KERR_IO, "--out",
			errno == EEXIST ? _("'%s' exists; name a new file") : _("cannot create '%s'"),
			path);
	return f;
}

static enum kerr_code
close_new(FILE *f, const char *path, struct kerr *err)
{
	if (ferror(f) | fclose(f)) {
		unlink(path);
		return kerr_field(err, KERR_IO, "--out", _("cannot write '%s'"), path);
	}
	return KERR_OK;
}

static enum kerr_code
audit_export(struct app *app, const struct policy_actor *actor, json_t *detail,
	struct kerr *err)
{
	char *text = json_dumps(detail, JSON_COMPACT);
	enum kerr_code rc;

	json_decref(detail);
	if ((rc = store_begin(app->st, err)) != KERR_OK) {
		free(text);
		return rc;
	}
	rc = app_audit(app, actor, POL_DATA_EXPORT, "stats", text, err);
	free(text);
	if (rc != KERR_OK) {
		store_rollback(app->st);
		return rc;
	}
	return store_commit(app->st, err);
}

enum kerr_code
app_export_ctdc(struct app *app, const struct policy_actor *actor, const char *path, int k,
	struct app_export_report *rep, struct kerr *err)
{
	const char *const *cols;
	struct collect c;
	struct arena a;
	size_t ncols, i, j;
	FILE *f;
	enum kerr_code rc;

	memset(rep, 0, sizeof(*rep));
	if ((rc = app_allow(app, actor, POL_DATA_EXPORT, NULL, "stats", err)) != KERR_OK)
		return rc;
	if (k < 2)
		return kerr_field(err, KERR_INVALID, "--k",
			_("k must be at least 2 (CTDC uses 11); %d protects no one"), k);
	arena_init(&a);
	memset(&c, 0, sizeof(c));
	if ((rc = read_victims(app, &a, &c, err)) != KERR_OK)
		goto out;
	rep->victims = c.n;
	k_anonymise(&a, c.rows, c.n, k, rep);
	if ((f = open_new(path, err)) == NULL) {
		rc = err->code;
		goto out;
	}
	cols = ctdc_export_columns(&ncols);
	for (j = 0; j < ncols; j++)
		csv_field(f, cols[j], j + 1 == ncols);
	for (i = 0; i < c.n; i++) {
		if (c.rows[i].suppressed)
			continue;
		for (j = 0; j < X__MAX; j++)
			csv_field(f, c.rows[i].v[j], j + 1 == X__MAX);
		rep->rows++;
	}
	if ((rc = close_new(f, path, err)) != KERR_OK)
		goto out;
	rc = audit_export(app, actor, json_pack("{s:s,s:i,s:I,s:I}", "format", "ctdc", "k", k,
		"rows", (json_int_t)rep->rows, "suppressed", (json_int_t)rep->suppressed), err);
out:
	free(c.rows);
	arena_release(&a);
	return rc;
}

/* ---- differentially private marginals ---- */

/* The attributes of the marginals, columns of the Global Dataset. */
static const enum xcol dp_attrs[] = {
	X_YEAR, X_GENDER, X_AGE, X_CITIZENSHIP, X_COUNTRY, X_FORCED_LABOUR, X_SEXUAL, X_OTHER,
};
#define DP_NATTRS (sizeof(dp_attrs) / sizeof(dp_attrs[0]))

double
opendata_dp_scale(double eps, int sens)
{
	return (double)sens / eps;
}

/* A combination absent from a neighbouring register has count 1 here; it is
 * released only when 1 + noise reaches the threshold, which each of the at
 * most sens such combinations does with probability exp(-(t-1)/b)/2, so
 * t = 1 + b ln(sens / (2 delta)) keeps the sum under delta. */
double
opendata_dp_threshold(double eps, double delta, int sens)
{
	return 1.0 + opendata_dp_scale(eps, sens) * log((double)sens / (2.0 * delta));
}

static double
laplace(double b)
{
	uint64_t x;
	double u;

	randombytes_buf(&x, sizeof(x));
	u = ((double)(x >> 11) + 0.5) / 9007199254740992.0 - 0.5;   /* (-0.5, 0.5) */
	return -b * (u < 0 ? -1.0 : 1.0) * log(1.0 - 2.0 * fabs(u));
}

static int
binomial(int n, int k)
{
	int r = 1, i;

	for (i = 1; i <= k; i++)
		r = r * (n - k + i) / i;
	return r;
}

/* A record's known values (unknown and flags other than 1 are absent). */
static size_t
record_items(const struct xrow *r, size_t *attr)
{
	size_t i, n = 0;

	for (i = 0; i < DP_NATTRS; i++) {
		const char *v = r->v[dp_attrs[i]];
		if (strcmp(v, "-99") == 0 || strcmp(v, "0") == 0)
			continue;
		attr[n++] = i;
	}
	return n;
}

/* Count every combination of length len of each record's items. */
static void
count_combinations(struct arena *a, const struct collect *c, int len, struct cmap *m)
{
	size_t attr[DP_NATTRS], idx[4], n, i, j;

	for (i = 0; i < c->n; i++) {
		n = record_items(&c->rows[i], attr);
		if (n < (size_t)len)
			continue;
		for (j = 0; j < (size_t)len; j++)
			idx[j] = j;
		for (;;) {
			char key[512];
			size_t off = 0, q, t;
			/* key: one slot per attribute, "" where the combination has none */
			for (q = 0, t = 0; q < DP_NATTRS; q++) {
				const char *v = "";
				if (t < (size_t)len && attr[idx[t]] == q)
					v = c->rows[i].v[dp_attrs[q]], t++;
				off += (size_t)snprintf(key + off, sizeof(key) - off, "%s%s", v,
					q + 1 < DP_NATTRS ? "\x1f" : "");
			}
			size_t *slot = cmap_slot(m, key);
			if (*slot == 0)
				m->keys[slot - m->counts] = arena_strdup(a, key);
			++*slot;
			/* next combination of len indices out of n */
			for (j = (size_t)len; j-- > 0;)
				if (idx[j] < n - (size_t)len + j)
					break;
			if (j == (size_t)-1)
				break;
			idx[j]++;
			for (q = j + 1; q < (size_t)len; q++)
				idx[q] = idx[q - 1] + 1;
		}
	}
}

static void
write_dp_rows(FILE *f, const struct cmap *m, int len, double b, double t,
	struct app_export_report *rep)
{
	char num[32], lenbuf[8];
	size_t i;

	snprintf(lenbuf, sizeof(lenbuf), "%d", len);
	for (i = 0; i < m->cap; i++) {
		if (m->keys[i] == NULL)
			continue;
		double noisy = (double)m->counts[i] + laplace(b);
		if (noisy < t)
			continue;
		csv_field(f, lenbuf, 0);
		const char *p = m->keys[i];
		for (size_t q = 0; q < DP_NATTRS; q++) {
			size_t l = strcspn(p, "\x1f");
			char v[128];
			snprintf(v, sizeof(v), "%.*s", (int)l, p);
			csv_field(f, v, 0);
			p += l + (p[l] == '\x1f');
		}
		snprintf(num, sizeof(num), "%.0f", floor(noisy + 0.5));
		csv_field(f, num, 1);
		rep->combinations++;
	}
}

enum kerr_code
app_export_ctdc_dp(struct app *app, const struct policy_actor *actor, const char *path,
	double epsilon, double delta, int length, struct app_export_report *rep,
	struct kerr *err)
{
	const char *const *cols;
	struct collect c;
	struct arena a;
	size_t ncols, q;
	FILE *f;
	int len;
	enum kerr_code rc;

	memset(rep, 0, sizeof(*rep));
	if ((rc = app_allow(app, actor, POL_DATA_EXPORT, NULL, "stats", err)) != KERR_OK)
		return rc;
	if (!(epsilon > 0) || !isfinite(epsilon) || epsilon > 100)
		return kerr_field(err, KERR_INVALID, "--dp-epsilon",
			_("epsilon must be above 0 (and at most 100); CTDC's tools default to 4"));
	if (!(delta > 0) || !(delta < 0.01))
		return kerr_field(err, KERR_INVALID, "--dp-delta",
			_("delta must be above 0 and below 0.01"));
	if (length < 1 || length > 3)
		return kerr_field(err, KERR_INVALID, "--dp-length",
			_("the reporting length is 1, 2 or 3"));
	if (sodium_init() < 0)   /* idempotent; the noise comes from its generator */
		return kerr_set(err, KERR_CRYPTO, "cannot start libsodium");
	arena_init(&a);
	memset(&c, 0, sizeof(c));
	if ((rc = read_victims(app, &a, &c, err)) != KERR_OK)
		goto out;
	rep->victims = c.n;
	if ((f = open_new(path, err)) == NULL) {
		rc = err->code;
		goto out;
	}
	cols = ctdc_export_columns(&ncols);
	csv_field(f, "length", 0);
	for (q = 0; q < DP_NATTRS; q++)
		csv_field(f, cols[dp_attrs[q]], 0);
	csv_field(f, "count", 1);
	for (len = 1; len <= length; len++) {
		/* the budget is split evenly between the lengths (basic composition) */
		double e = epsilon / length, d = delta / length;
		int sens = binomial((int)DP_NATTRS, len);
		struct cmap m;
		rep->noise_scale[len] = opendata_dp_scale(e, sens);
		rep->threshold[len] = opendata_dp_threshold(e, d, sens);
		cmap_init(&m, 1024);
		count_combinations(&a, &c, len, &m);
		write_dp_rows(f, &m, len, rep->noise_scale[len], rep->threshold[len], rep);
		cmap_release(&m);
	}
	if ((rc = close_new(f, path, err)) != KERR_OK)
		goto out;
	rc = audit_export(app, actor, json_pack("{s:s,s:f,s:f,s:i,s:I}", "format", "ctdc-dp",
		"epsilon", epsilon, "delta", delta, "length", length, "combinations",
		(json_int_t)rep->combinations), err);
out:
	free(c.rows);
	arena_release(&a);
	return rc;
}
