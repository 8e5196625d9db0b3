/*
 * store_stats.c — the statistical facts (store_stats.h): deriving them from
 * the case tables, the GROUP BY behind `khipu stats`, imported records and
 * the victim rows of the exports. Written once on the backend primitives.
 */
#include "store/store_stats.h"

#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>

/* The batch of facts (ids lo < id <= hi, eight ids a fact) after which the
 * backend's stats_analyze runs. */
#define STORE_STAT_ANALYZE_FACTS 1000

static int
marks_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct store_stat_marks *m = ctx;

	if (ncol >= 4) {
		m->cases = store_col_int(&col[0]);
		m->parts = store_col_int(&col[1]);
		m->events = store_col_int(&col[2]);
		m->assets = store_col_int(&col[3]);
	}
	return 1;
}

enum kerr_code
store_stat_marks(struct store *st, struct store_stat_marks *out, struct kerr *err)
{
	memset(out, 0, sizeof(*out));
	return store_exec(st, STMT_STAT_MARKS, NULL, 0, marks_row, out, err);
}

static enum kerr_code
run_range(struct store *st, enum store_stmt s, int64_t lo, int64_t hi, struct kerr *err)
{
	struct store_val p[2] = { store_vint(lo), store_vint(hi) };

	if (hi <= lo)
		return KERR_OK;
	return store_exec(st, s, p, 2, NULL, NULL, err);
}

enum kerr_code
store_stat_refresh(struct store *st, const struct store_stat_marks *from,
	const struct store_stat_marks *to, const char *conviction_codes, struct kerr *err)
{
	struct store_val p[3];
	enum kerr_code rc;

	/* cases first: the case facts receive the codes of their new victims */
	if ((rc = run_range(st, STMT_STAT_FACT_CASES, from->cases, to->cases, err)) ||
	    (rc = run_range(st, STMT_STAT_CODES_AGGRAVATING, from->cases, to->cases, err)) ||
	    (rc = store_stat_cube_add(st, from->cases * 8 + 3, to->cases * 8 + 3, 3, err)) ||
	    (rc = run_range(st, STMT_STAT_FACT_VICTIMS, from->parts, to->parts, err)) ||
	    (rc = run_range(st, STMT_STAT_CODES_VICTIMS, from->parts, to->parts, err)) ||
	    (rc = run_range(st, STMT_STAT_CODES_RELATION, from->parts, to->parts, err)) ||
	    (rc = run_range(st, STMT_STAT_CODES_CASES, from->parts, to->parts, err)) ||
	    (rc = store_stat_cube_add(st, from->parts * 8 + 1, to->parts * 8 + 1, 1, err)))
		return rc;
	if (to->parts > from->parts) {
		p[0] = store_vint(from->parts);
		p[1] = store_vint(to->parts);
		p[2] = store_vtext(conviction_codes);
		if ((rc = store_exec(st, STMT_STAT_FACT_SUSPECTS, p, 3, NULL, NULL, err)) ||
		    (rc = run_range(st, STMT_STAT_CODES_SENTENCE, from->parts, to->parts, err)) ||
		    (rc = run_range(st, STMT_STAT_FACT_JUDGED, from->parts, to->parts, err)) ||
		    (rc = run_range(st, STMT_STAT_CODES_JUDGED, from->parts, to->parts, err)) ||
		    (rc = store_stat_cube_add(st, from->parts * 8 + 2, to->parts * 8 + 2, 2, err)) ||
		    (rc = store_stat_cube_add(st, from->parts * 8 + 6, to->parts * 8 + 6, 6, err)) ||
		    (rc = store_stat_cube_add(st, from->parts * 8 + 7, to->parts * 8 + 7, 7, err)))
			return rc;
	}
	if ((rc = run_range(st, STMT_STAT_FACT_ASSETS, from->assets, to->assets, err)) ||
	    (rc = run_range(st, STMT_STAT_CODES_ASSETS, from->assets, to->assets, err)))
		return rc;
	/* the asset facts come after the cubes' ANALYZE (store_stat_cube_add):
	 * a large batch of them needs its own, or PostgreSQL plans the first
	 * assets query as a nested loop over them all (minutes at 100,000 cases) */
	if (to->assets - from->assets >= STORE_STAT_ANALYZE_FACTS &&
	    st->be->stats_analyze != NULL &&
	    (rc = st->be->script(st->conn, st->be->stats_analyze, err)) != KERR_OK)
		return rc;
	/* a new event may move an older case to another stage: its counts in
	 * the cubes that have the stage move first, from the facts' old stage */
	if ((rc = run_range(st, STMT_STAT_CUBE_STAGE_OFFICE, from->events, to->events, err)) ||
	    (rc = run_range(st, STMT_STAT_CUBE_STAGE_CASE, from->events, to->events, err)) ||
	    (rc = run_range(st, STMT_STAT_STAGE_UPDATE, from->events, to->events, err)))
		return rc;
	if (to->events > from->events)
		rc = store_exec(st, STMT_STAT_CUBE_PRUNE, NULL, 0, NULL, NULL, err);
	return rc;
}

/*
 * Grouping. The statement yields one row per fact (four keys and a value);
 * the rows are added up here in a hash table keyed by the four keys, then
 * sorted as SQL orders them (NULL, then numbers, then text by bytes).
 */
struct group {
	unsigned char *key;  /* the encoded keys (see encode_keys) */
	size_t keylen;
	int64_t value;
};

struct query_ctx {
	struct arena *a;
	struct group *slots;
	size_t cap, n;
	int failed;
};

/* Keys as bytes, per key a tag and the value: 'n' (NULL); 'i' and eight
 * bytes big-endian of the integer plus 2^63 (so bytes order as numbers);
 * 't', two bytes of length and the text. Returns the length, 0 when too
 * long. */
static size_t
encode_keys(const struct store_val *col, unsigned char *out, size_t size)
{
	size_t i, len = 0, n;
	int b;

	for (i = 0; i < STORE_STAT_MAXDIMS; i++) {
		const struct store_val *v = &col[i];
		if (v->type == STORE_VINT) {
			uint64_t u = (uint64_t)v->i + (1ULL << 63);
			if (len + 9 > size)
				return 0;
			out[len++] = 'i';
			for (b = 7; b >= 0; b--)
				out[len++] = (unsigned char)(u >> (8 * b));
		} else if (v->type == STORE_VTEXT) {
			n = v->n;
			if (n > 0xffff || len + 3 + n > size)
				return 0;
			out[len++] = 't';
			out[len++] = (unsigned char)(n >> 8);
			out[len++] = (unsigned char)n;
			memcpy(out + len, v->p, n);
			len += n;
		} else {
			if (len + 1 > size)
				return 0;
			out[len++] = 'n';
		}
	}
	return len;
}

/* Length of the encoded key at p (tag included). */
static size_t
key_len(const unsigned char *p)
{
	return *p == 'i' ? 9 : *p == 't' ? 3 + ((size_t)p[1] << 8 | p[2]) : 1;
}

static uint64_t
hash_bytes(const unsigned char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	while (n--)
		h = (h ^ (unsigned char)*p++) * 1099511628211ULL;
	return h;
}

static void
groups_grow(struct query_ctx *q)
{
	struct group *old = q->slots;
	size_t oldcap = q->cap, i, j;

	q->cap = q->cap ? q->cap * 2 : 1024;
	q->slots = calloc(q->cap, sizeof(*q->slots));
	if (q->slots == NULL)
		abort();
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == NULL)
			continue;
		for (j = hash_bytes(old[i].key, old[i].keylen) & (q->cap - 1);
		     q->slots[j].key != NULL; j = (j + 1) & (q->cap - 1))
			;
		q->slots[j] = old[i];
	}
	free(old);
}

static int
query_row(void *vctx, const struct store_val *col, size_t ncol)
{
	struct query_ctx *q = vctx;
	unsigned char key[1024];
	size_t len, i;

	if (ncol < STORE_STAT_MAXDIMS + 1 || (len = encode_keys(col, key, sizeof(key))) == 0) {
		q->failed = 1;
		return 1;
	}
	if ((q->n + 1) * 2 > q->cap)
		groups_grow(q);
	for (i = hash_bytes(key, len) & (q->cap - 1); q->slots[i].key != NULL;
	     i = (i + 1) & (q->cap - 1))
		if (q->slots[i].keylen == len && memcmp(q->slots[i].key, key, len) == 0)
			break;
	if (q->slots[i].key == NULL) {
		q->slots[i].key = arena_memdup(q->a, key, len);
		q->slots[i].keylen = len;
		q->n++;
	}
	q->slots[i].value += store_col_int(&col[STORE_STAT_MAXDIMS]);
	return 0;
}

/* SQL's order: NULL first, then integers by value, then text by bytes. */
static int
group_cmp(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	const unsigned char *p = x->key, *q = y->key;
	size_t i, lp, lq;
	int c;

	for (i = 0; i < STORE_STAT_MAXDIMS; i++, p += lp, q += lq) {
		int rp = *p == 'n' ? 0 : *p == 'i' ? 1 : 2, rq = *q == 'n' ? 0 : *q == 'i' ? 1 : 2;
		lp = key_len(p);
		lq = key_len(q);
		if (rp != rq)
			return rp - rq;
		if (rp == 0)
			continue;
		if (rp == 1)
			c = memcmp(p + 1, q + 1, 8);
		else if ((c = memcmp(p + 3, q + 3, lp < lq ? lp - 3 : lq - 3)) == 0 && lp != lq)
			c = lp < lq ? -1 : 1;
		if (c != 0)
			return c;
	}
	return 0;
}

/* The keys of a group back as strings ("2020", "female", NULL). */
static void
decode_keys(struct arena *a, const struct group *g, struct store_stat_row *r)
{
	const unsigned char *p = g->key;
	uint64_t u;
	size_t i;
	int b;

	for (i = 0; i < STORE_STAT_MAXDIMS; i++, p += key_len(p)) {
		if (*p == 'n') {
			r->keys[i] = NULL;
		} else if (*p == 'i') {
			for (u = 0, b = 1; b <= 8; b++)
				u = u << 8 | p[b];
			r->keys[i] = arena_printf(a, "%lld", (long long)(u - (1ULL << 63)));
		} else {
			r->keys[i] = arena_strndup(a, (const char *)p + 3, key_len(p) - 3);
		}
	}
	r->value = g->value;
}

static struct store_val
opt_int(int v)
{
	return v == 0 ? store_vnull() : store_vint(v);
}

/* Pack the groups, sort them as SQL would, decode their keys into rows. */
static enum kerr_code
groups_finish(struct query_ctx *c, enum kerr_code rc, struct store_stat_row **out, size_t *n,
	struct kerr *err)
{
	struct store_stat_row *rows;
	size_t i, k;

	if (rc == KERR_OK && c->failed)
		rc = kerr_set(err, KERR_INVALID, "a value to group by is too long");
	if (rc == KERR_OK) {
		for (i = 0, k = 0; i < c->cap; i++)
			if (c->slots[i].key != NULL)
				c->slots[k++] = c->slots[i];
		if (k > 1)
			qsort(c->slots, k, sizeof(*c->slots), group_cmp);
		rows = arena_alloc(c->a, (k + 1) * sizeof(*rows));
		for (i = 0; i < k; i++)
			decode_keys(c->a, &c->slots[i], &rows[i]);
		*out = rows;
		*n = k;
	}
	free(c->slots);
	c->slots = NULL;
	return rc;
}

/* The statement for q: by the number of keys (1, 2, or 3-4) and of
 * multi-valued dimensions joined. */
static enum store_stmt
query_stmt(const struct store_stat_query *q)
{
	static const enum store_stmt rows[3][3] = {
		{ STMT_STAT_ROWS_1, STMT_STAT_ROWS_1M1, STMT_STAT_ROWS_2M2 },
		{ STMT_STAT_ROWS_2, STMT_STAT_ROWS_2M1, STMT_STAT_ROWS_2M2 },
		{ STMT_STAT_ROWS_4, STMT_STAT_ROWS_4M1, STMT_STAT_ROWS_4M2 },
	};
	int m = q->multi[1] != NULL ? 2 : q->multi[0] != NULL ? 1 : 0;
	int keys = 0, i;

	for (i = 0; i < STORE_STAT_MAXDIMS; i++)
		if (q->cols[i] != SSC_NONE)
			keys = i + 1;
	return rows[keys <= 1 ? 0 : keys == 2 ? 1 : 2][m];
}

enum kerr_code
store_stat_query(struct store *st, const struct store_stat_query *q, struct arena *a,
	struct store_stat_row **out, size_t *n, struct kerr *err)
{
	struct store_val p[22];
	struct query_ctx c = { .a = a };
	enum kerr_code rc;
	size_t i;

	*out = NULL;
	*n = 0;
	for (i = 0; i < STORE_STAT_MAXDIMS; i++)
		p[i] = store_vint(q->cols[i]);
	p[4] = store_vtext(q->multi[0]);
	p[5] = store_vtext(q->multi[1]);
	p[6] = store_vtext(q->kind);
	p[7] = opt_int(q->from);
	p[8] = opt_int(q->to);
	p[9] = store_vint(q->convicted_only ? 1 : 0);
	p[10] = store_vtext(q->currency);
	for (i = 0; i < STORE_STAT_MAXWHERE; i++) {
		p[11 + 2 * i] = store_vint(q->where_col[i]);
		p[12 + 2 * i] = store_vtext(q->where_col[i] ? q->where_val[i] : NULL);
	}
	for (i = 0; i < STORE_STAT_MAXMULTIWHERE; i++) {
		p[17 + 2 * i] = store_vtext(q->where_dim[i]);
		p[18 + 2 * i] = store_vtext(q->where_dim[i] ? q->where_code[i] : NULL);
	}
	p[21] = store_vtext(q->without_stages);
	rc = store_exec(st, query_stmt(q), p, 22, query_row, &c, err);
	return groups_finish(&c, rc, out, n, err);
}

enum kerr_code
store_stat_cube_add(struct store *st, int64_t lo, int64_t hi, int residue, struct kerr *err)
{
	static const enum store_stmt add[STORE_CUBE__MAX] = {
#define CUBE_ADD_STMT(e, name, kind, keys, join) STMT_STAT_CUBE_##e,
		STORE_CUBES(CUBE_ADD_STMT)
#undef CUBE_ADD_STMT
	};
	struct store_val p[3] = { store_vint(lo), store_vint(hi), store_vint(residue) };
	enum kerr_code rc = KERR_OK;
	int i;

	/* A large batch (an import, the first refresh after a migration) can
	 * bring values (a source, a dimension) that the planner's statistics
	 * of the fact tables have never seen: on PostgreSQL the queries that
	 * join stat_codes then ran nested loops of the two whole batches
	 * (minutes for the 21,195 CTDC victim-perpetrator records). Refresh the
	 * statistics before the cubes are added up; SQLite needs none. */
	if (hi - lo >= STORE_STAT_ANALYZE_FACTS * 8 && st->be->stats_analyze != NULL &&
	    (rc = st->be->script(st->conn, st->be->stats_analyze, err)) != KERR_OK)
		return rc;
	for (i = 0; i < STORE_CUBE__MAX && rc == KERR_OK && hi > lo; i++)
		rc = store_exec(st, add[i], p, 3, NULL, NULL, err);
	return rc;
}

static int
int_row(void *ctx, const struct store_val *col, size_t ncol)
{
	*(int *)ctx = ncol > 0 && col[0].i != 0;
	return 0;
}

enum kerr_code
store_stat_cubes_missing(struct store *st, int *missing, struct kerr *err)
{
	*missing = 0;
	return store_exec(st, STMT_STAT_CUBES_MISSING, NULL, 0, int_row, missing, err);
}

enum kerr_code
store_stat_cube_rebuild(struct store *st, struct kerr *err)
{
	enum kerr_code rc;
	int residue;

	if ((rc = store_exec(st, STMT_STAT_CUBE_CLEAR, NULL, 0, NULL, NULL, err)) != KERR_OK)
		return rc;
	/* each cube statement takes its own kind: every residue, every id */
	for (residue = 1; residue < 8 && rc == KERR_OK; residue++)
		rc = store_stat_cube_add(st, 0, INT64_MAX, residue, err);
	return rc;
}

enum kerr_code
store_stat_cube_query(struct store *st, const struct store_stat_cube_query *q,
	struct arena *a, struct store_stat_row **out, size_t *n, struct kerr *err)
{
	static const char *const names[STORE_CUBE__MAX] = {
#define CUBE_NAME(e, name, kind, keys, join) name,
		STORE_CUBES(CUBE_NAME)
#undef CUBE_NAME
	};
	struct store_val p[13];
	struct query_ctx c = { .a = a };
	size_t i;

	*out = NULL;
	*n = 0;
	if ((unsigned)q->cube >= STORE_CUBE__MAX)
		return kerr_set(err, KERR_INTERNAL, "no cube %d", (int)q->cube);
	for (i = 0; i < STORE_STAT_MAXDIMS; i++)
		p[i] = store_vint(q->cols[i]);
	p[4] = store_vtext(names[q->cube]);
	p[5] = opt_int(q->from);
	p[6] = opt_int(q->to);
	for (i = 0; i < STORE_STAT_MAXWHERE; i++) {
		p[7 + 2 * i] = store_vint(q->where_col[i]);
		p[8 + 2 * i] = store_vtext(q->where_col[i] ? q->where_val[i] : NULL);
	}
	return groups_finish(&c, store_exec(st, STMT_STAT_CUBE_ROWS, p, 13, query_row, &c, err),
		out, n, err);
}

static const char *col_text(const struct store_val *v);

struct stage_ctx {
	store_stat_stage_cb cb;
	void *ctx;
};

static int
stage_row(void *vctx, const struct store_val *col, size_t ncol)
{
	struct stage_ctx *c = vctx;

	if (ncol < 4)
		return 1;
	return c->cb(c->ctx, store_col_int(&col[0]), col_text(&col[1]), col_text(&col[2]),
		col_text(&col[3]));
}

enum kerr_code
store_stat_stage_dates(struct store *st, int from, int to, store_stat_stage_cb cb, void *ctx,
	struct kerr *err)
{
	char lo[16], hi[16];
	struct store_val p[2];
	struct stage_ctx c = { cb, ctx };

	/* complaint dates are ISO text: [from-01-01, to+1-01-01) */
	snprintf(lo, sizeof(lo), "%04d", from);
	snprintf(hi, sizeof(hi), "%04d", to + 1);
	p[0] = from ? store_vtext(lo) : store_vnull();
	p[1] = to ? store_vtext(hi) : store_vnull();
	return store_exec(st, STMT_STAT_STAGE_DATES, p, 2, stage_row, &c, err);
}

enum kerr_code
store_stat_stage_dates_where(struct store *st, int from, int to, const char *office,
	const char *department, store_stat_stage_cb cb, void *ctx, struct kerr *err)
{
	char lo[16], hi[16];
	struct store_val p[4];
	struct stage_ctx c = { cb, ctx };

	if (office == NULL && department == NULL)
		return store_stat_stage_dates(st, from, to, cb, ctx, err);
	snprintf(lo, sizeof(lo), "%04d", from);
	snprintf(hi, sizeof(hi), "%04d", to + 1);
	p[0] = from ? store_vtext(lo) : store_vnull();
	p[1] = to ? store_vtext(hi) : store_vnull();
	p[2] = office ? store_vtext(office) : store_vnull();
	p[3] = department ? store_vtext(department) : store_vnull();
	return store_exec(st, STMT_STAT_STAGE_DATES_WHERE, p, 4, stage_row, &c, err);
}

/* ---- a case changing hands ---- */

enum kerr_code
store_stat_case_assigned(struct store *st, int64_t case_id, const char *username,
	struct kerr *err)
{
	struct store_val p[2] = { store_vint(case_id), store_vtext(username) };

	return store_exec(st, STMT_STAT_CASE_ASSIGNEE, p, 2, NULL, NULL, err);
}

enum kerr_code
store_stat_case_moved(struct store *st, int64_t case_id, const char *office,
	const char *distrito_fiscal, struct kerr *err)
{
	struct store_val out[2] = { store_vint(case_id), store_vint(-1) };
	struct store_val in[2] = { store_vint(case_id), store_vint(1) };
	struct store_val mv[3] = { store_vint(case_id), store_vtext(office),
		store_vtext(distrito_fiscal) };
	enum kerr_code rc;

	/* out of the old office's cube rows, the facts moved, back into the
	 * new office's rows; rows left at 0 go */
	if ((rc = store_exec(st, STMT_STAT_CASE_CUBES, out, 2, NULL, NULL, err)) != KERR_OK ||
	    (rc = store_exec(st, STMT_STAT_FACTS_MOVE, mv, 3, NULL, NULL, err)) != KERR_OK ||
	    (rc = store_exec(st, STMT_STAT_CASE_CUBES, in, 2, NULL, NULL, err)) != KERR_OK)
		return rc;
	return store_exec(st, STMT_STAT_CUBE_PRUNE_ALL, NULL, 0, NULL, NULL, err);
}

/* ---- imports ---- */

enum kerr_code
store_stat_source_insert(struct store *st, const struct store_stat_source *s, int64_t *id,
	struct kerr *err)
{
	struct store_val p[7] = {
		store_vtext(s->tag), store_vtext(s->format), store_vtext(s->file),
		store_vint(s->records), store_vint(s->rejected), store_vref(s->imported_by),
		store_vint(s->imported_at),
	};
	enum kerr_code rc = store_exec_int(st, STMT_STAT_SOURCE_INSERT, p, 7, id, err);

	if (rc == KERR_CONFLICT || (rc == KERR_INVALID && strstr(err->msg, "UNIQUE")))
		return kerr_field(err, KERR_CONFLICT, "source",
			"source '%s' was imported already", s->tag);
	return rc;
}

enum kerr_code
store_stat_fact_insert(struct store *st, const struct store_stat_fact *f, int64_t *id,
	struct kerr *err)
{
	struct store_val p[9] = {
		store_vtext(f->kind), store_vtext(f->source), opt_int(f->year),
		store_vtext(f->sex), store_vtext(f->age_band), store_vtext(f->age_group),
		store_vtext(f->nationality), store_vtext(f->exploitation_country),
		store_vint(f->seq * 8 + 5),
	};

	*id = f->seq * 8 + 5;
	return store_exec(st, STMT_STAT_FACT_INSERT, p, 9, NULL, NULL, err);
}

enum kerr_code
store_stat_code_insert(struct store *st, int64_t fact, const char *dim, const char *code,
	struct kerr *err)
{
	struct store_val p[3] = { store_vint(fact), store_vtext(dim), store_vtext(code) };

	return store_exec(st, STMT_STAT_CODE_INSERT, p, 3, NULL, NULL, err);
}

/* ---- exports ---- */

struct victims_ctx {
	store_stat_victim_cb cb;
	void *ctx;
	int stopped;
};

/* Text column as a NUL-terminated string: SQLite's are; NULL stays NULL. */
static const char *
col_text(const struct store_val *v)
{
	return v->type == STORE_VTEXT ? (const char *)v->p : NULL;
}

static int
victim_row(void *vctx, const struct store_val *col, size_t ncol)
{
	struct victims_ctx *c = vctx;
	struct store_stat_victim v;

	if (ncol < 8)
		return 1;
	v.id = store_col_int(&col[0]);
	v.year = (int)store_col_int(&col[1]);
	v.sex = col_text(&col[2]);
	v.age_band = col_text(&col[3]);
	v.age_group = col_text(&col[4]);
	v.nationality = col_text(&col[5]);
	v.exploitation_country = col_text(&col[6]);
	v.codes = col_text(&col[7]);
	c->stopped = c->cb(c->ctx, &v);
	return c->stopped;
}

enum kerr_code
store_stat_victims(struct store *st, const char *source, store_stat_victim_cb cb, void *ctx,
	struct kerr *err)
{
	struct store_val p[1] = { store_vtext(source) };
	struct victims_ctx c = { cb, ctx, 0 };

	return store_exec(st, STMT_STAT_VICTIM_ROWS, p, 1, victim_row, &c, err);
}

enum kerr_code
store_stat_case_redo(struct store *st, int64_t case_id, const struct store_stat_marks *done,
	const char *conviction_codes, struct kerr *err)
{
	struct store_val out[2] = { store_vint(case_id), store_vint(-1) };
	struct store_val in[2] = { store_vint(case_id), store_vint(1) };
	struct store_val k[1] = { store_vint(case_id) };
	struct store_val f[5] = { store_vint(case_id), store_vint(done->cases),
		store_vint(done->parts), store_vint(done->assets), store_vtext(conviction_codes) };
	struct store_val c[3] = { store_vint(case_id), store_vint(done->parts),
		store_vint(done->assets) };
	enum kerr_code rc;

	if ((rc = store_exec(st, STMT_STAT_CASE_CUBES, out, 2, NULL, NULL, err)) ||
	    (rc = store_exec(st, STMT_STAT_CASE_CODES_CLEAR, k, 1, NULL, NULL, err)) ||
	    (rc = store_exec(st, STMT_STAT_CASE_FACTS_CLEAR, k, 1, NULL, NULL, err)) ||
	    (rc = store_exec(st, STMT_STAT_CASE_FACTS, f, 5, NULL, NULL, err)) ||
	    (rc = store_exec(st, STMT_STAT_CASE_CODES, c, 3, NULL, NULL, err)) ||
	    (rc = store_exec(st, STMT_STAT_CASE_CUBES, in, 2, NULL, NULL, err)))
		return rc;
	return store_exec(st, STMT_STAT_CUBE_PRUNE_ALL, NULL, 0, NULL, NULL, err);
}
