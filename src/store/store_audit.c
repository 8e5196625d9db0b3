/*
 * store_audit.c — the audit trail table: append, read the last entry, walk
 * in seq order. Hashing and verification belong to app/audit.c; the store
 * only keeps the rows, and never updates or deletes one.
 */
#include "store/store_int.h"

static void
hash_copy(unsigned char dst[32], const struct store_val *v)
{
	memset(dst, 0, 32);
	if (v->type == STORE_VBLOB || v->type == STORE_VTEXT)
		memcpy(dst, v->p, v->n < 32 ? v->n : 32);
}

static void
audit_read(struct arena *a, const struct store_val *col, struct audit_entry *e)
{
	e->seq = store_col_int(&col[0]);
	e->ts = store_col_int(&col[1]);
	e->actor = store_col_str(a, &col[2]);
	e->action = store_col_str(a, &col[3]);
	e->object = store_col_str(a, &col[4]);
	e->detail = store_col_str(a, &col[5]);
	e->key_id = (uint32_t)store_col_int(&col[6]);
	hash_copy(e->prev, &col[7]);
	hash_copy(e->hash, &col[8]);
}

enum kerr_code
store_audit_append(struct store *st, const struct audit_entry *e, struct kerr *err)
{
	struct store_val p[9] = {
		store_vint(e->seq), store_vint(e->ts),
		store_vtext(e->actor ? e->actor : ""), store_vtext(e->action ? e->action : ""),
		store_vtext(e->object ? e->object : ""), store_vtext(e->detail ? e->detail : "{}"),
		store_vint(e->key_id),
		store_vblob(e->prev, sizeof(e->prev)), store_vblob(e->hash, sizeof(e->hash)),
	};
	enum kerr_code rc = store_exec(st, STMT_AUDIT_APPEND, p, 9, NULL, NULL, err);

	if (rc == KERR_CONFLICT)
		return kerr_set(err, KERR_CONFLICT, "audit entry %lld already exists",
			(long long)e->seq);
	return rc;
}

struct last_ctx {
	struct arena *a;
	struct audit_entry *e;
	int found;
};

static int
last_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct last_ctx *l = ctx;

	(void)ncol;
	audit_read(l->a, col, l->e);
	l->found = 1;
	return 1;
}

enum kerr_code
store_audit_last(struct store *st, struct arena *a, struct audit_entry *out,
	struct kerr *err)
{
	struct last_ctx l = { a, out, 0 };
	enum kerr_code rc;

	memset(out, 0, sizeof(*out));
	rc = store_exec(st, STMT_AUDIT_LAST, NULL, 0, last_row, &l, err);
	if (rc == KERR_OK && !l.found)
		return kerr_set(err, KERR_NOTFOUND, "the audit trail is empty");
	return rc;
}

/* Each entry's strings live in a scratch arena released after the
 * callback, so a walk over millions of entries stays small. */
struct walk_ctx {
	store_audit_cb cb;
	void *ctx;
};

static int
walk_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct walk_ctx *w = ctx;
	struct audit_entry e;
	struct arena a;
	int stop;

	(void)ncol;
	arena_init(&a);
	audit_read(&a, col, &e);
	stop = w->cb(w->ctx, &e);
	arena_release(&a);
	return stop;
}

enum kerr_code
store_audit_foreach(struct store *st, int64_t from_seq, store_audit_cb cb, void *ctx,
	struct kerr *err)
{
	struct walk_ctx w = { cb, ctx };
	struct store_val p[1] = { store_vint(from_seq) };

	return store_exec(st, STMT_AUDIT_FROM, p, 1, walk_row, &w, err);
}

/* ---- one page of the trail ---- */

struct page_ctx {
	struct arena *a;
	struct audit_entry *e;
	size_t n, cap;
};

static int
page_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct page_ctx *p = ctx;

	(void)ncol;
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 64;
		struct audit_entry *e = arena_alloc(p->a, cap * sizeof(*e));
		if (p->n)
			memcpy(e, p->e, p->n * sizeof(*e));
		p->e = e;
		p->cap = cap;
	}
	audit_read(p->a, col, &p->e[p->n++]);
	return 0;
}

/* NULL and "" both mean "any" */
static struct store_val
any_text(const char *s)
{
	return s == NULL || *s == '\0' ? store_vnull() : store_vtext(s);
}

enum kerr_code
store_audit_page(struct store *st, const struct store_audit_filter *f, struct arena *a,
	struct audit_entry **out, size_t *n, struct kerr *err)
{
	struct page_ctx p = { .a = a };
	struct store_val v[7] = {
		any_text(f->actor), any_text(f->action), store_vref(f->case_id),
		store_vref(f->from_ts), store_vref(f->to_ts), store_vref(f->before_seq),
		store_vint(f->limit == 0 || f->limit > (size_t)INT64_MAX ? INT64_MAX :
			(int64_t)f->limit),
	};
	enum kerr_code rc = store_exec(st, STMT_AUDIT_PAGE, v, 7, page_row, &p, err);

	*out = p.e;
	*n = rc == KERR_OK ? p.n : 0;
	return rc;
}
