/*
 * store_admin.c — offices and users: the administrative tables, written on
 * the primitives of store_int.h.
 */
#include "store/store_int.h"

/* Role names as stored in users.role (the CHECK of 0001_init.sql). */
static const char *const role_names[ROLE__MAX] = {
	[ROLE_ADMIN]      = "admin",
	[ROLE_PROSECUTOR] = "prosecutor",
	[ROLE_POLICE]     = "police",
	[ROLE_ANALYST]    = "analyst",
	[ROLE_AUDITOR]    = "auditor",
	[ROLE_LIAISON]    = "liaison",
};
_Static_assert(sizeof(role_names) / sizeof(role_names[0]) == ROLE__MAX, "role_names");

static int
role_parse(const struct store_val *v)
{
	int r;

	for (r = 0; r < ROLE__MAX; r++)
		if (v->type == STORE_VTEXT && strlen(role_names[r]) == v->n &&
		    memcmp(role_names[r], v->p, v->n) == 0)
			return r;
	return -1;
}

/* Rows are gathered into an arena array. */
struct rows {
	struct arena *a;
	void *arr;
	size_t n, cap;
	int bad;           /* a row could not be read (unknown role) */
};

/* ---- offices ---- */

static void
office_read(struct arena *a, const struct store_val *col, struct office *o)
{
	o->id = store_col_int(&col[0]);
	o->code = store_col_str(a, &col[1]);
	o->name = store_col_str(a, &col[2]);
	o->kind = store_col_str(a, &col[3]);
	o->distrito_fiscal = store_col_str(a, &col[4]);
	o->department = store_col_str(a, &col[5]);
}

static int
office_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct rows *r = ctx;
	struct office *o;

	(void)ncol;
	r->arr = store_grow(r->a, r->arr, sizeof(struct office), &r->cap, r->n + 1);
	o = (struct office *)r->arr + r->n++;
	office_read(r->a, col, o);
	return 0;
}

enum kerr_code
store_office_insert(struct store *st, struct office *o, struct kerr *err)
{
	struct store_val p[5] = {
		store_vtext(o->code), store_vtext(o->name), store_vtext(o->kind),
		store_vtext(o->distrito_fiscal), store_vtext(o->department),
	};
	enum kerr_code rc = store_exec_int(st, STMT_OFFICE_INSERT, p, 5, &o->id, err);

	if (rc == KERR_CONFLICT)
		return kerr_field(err, KERR_CONFLICT, "code", "office '%s' already exists",
			o->code);
	return rc;
}

/* Run an office statement expected to return one row. */
static enum kerr_code
office_one(struct store *st, enum store_stmt s, struct store_val key, struct arena *a,
	struct office *out, struct kerr *err)
{
	struct rows r = { .a = a };
	enum kerr_code rc = store_exec(st, s, &key, 1, office_row, &r, err);

	memset(out, 0, sizeof(*out));
	if (rc != KERR_OK)
		return rc;
	if (r.n == 0) {
		if (key.type == STORE_VINT)
			return kerr_set(err, KERR_NOTFOUND, "no office %lld", (long long)key.i);
		return kerr_set(err, KERR_NOTFOUND, "no office '%s'", (const char *)key.p);
	}
	*out = *(struct office *)r.arr;
	return KERR_OK;
}

enum kerr_code
store_office_get(struct store *st, int64_t id, struct arena *a, struct office *out,
	struct kerr *err)
{
	return office_one(st, STMT_OFFICE_GET, store_vint(id), a, out, err);
}

enum kerr_code
store_office_by_code(struct store *st, const char *code, struct arena *a,
	struct office *out, struct kerr *err)
{
	return office_one(st, STMT_OFFICE_BY_CODE, store_vtext(code ? code : ""), a, out, err);
}

enum kerr_code
store_office_list(struct store *st, struct arena *a, struct office **out, size_t *n,
	struct kerr *err)
{
	struct rows r = { .a = a };
	enum kerr_code rc = store_exec(st, STMT_OFFICE_LIST, NULL, 0, office_row, &r, err);

	*out = r.arr;
	*n = rc == KERR_OK ? r.n : 0;
	return rc;
}

/* ---- users ---- */

static int
user_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct rows *r = ctx;
	struct user *u;
	int role = role_parse(&col[2]);

	(void)ncol;
	if (role < 0) {
		r->bad = 1;
		return 1;
	}
	r->arr = store_grow(r->a, r->arr, sizeof(struct user), &r->cap, r->n + 1);
	u = (struct user *)r->arr + r->n++;
	u->id = store_col_int(&col[0]);
	u->name = store_col_str(r->a, &col[1]);
	u->role = (enum role)role;
	u->office_id = store_col_int(&col[3]);
	u->locked = (int)store_col_int(&col[4]);
	u->pwhash = store_col_str(r->a, &col[5]);
	u->lang = store_col_str(r->a, &col[6]);
	u->failed_logins = (int)store_col_int(&col[7]);
	u->created = store_col_int(&col[8]);
	return 0;
}

static enum kerr_code
user_rows(struct store *st, enum store_stmt s, const struct store_val *key, size_t nkey,
	struct rows *r, struct kerr *err)
{
	enum kerr_code rc = store_exec(st, s, key, nkey, user_row, r, err);

	if (rc == KERR_OK && r->bad)
		return kerr_set(err, KERR_INTEGRITY, "a user has an unknown role");
	return rc;
}

static enum kerr_code
role_check(const struct user *u, struct kerr *err)
{
	if ((unsigned)u->role >= ROLE__MAX)
		return kerr_field(err, KERR_INVALID, "role", "unknown role %d", (int)u->role);
	return KERR_OK;
}

enum kerr_code
store_user_insert(struct store *st, struct user *u, struct kerr *err)
{
	struct store_val p[8];
	enum kerr_code rc;

	if ((rc = role_check(u, err)) != KERR_OK)
		return rc;
	p[0] = store_vtext(u->name);
	p[1] = store_vtext(role_names[u->role]);
	p[2] = store_vref(u->office_id);
	p[3] = store_vint(u->locked);
	p[4] = store_vtext(u->pwhash);
	p[5] = store_vtext(u->lang);
	p[6] = store_vint(u->failed_logins);
	p[7] = store_vint(u->created);
	rc = store_exec_int(st, STMT_USER_INSERT, p, 8, &u->id, err);
	if (rc == KERR_CONFLICT)
		return kerr_field(err, KERR_CONFLICT, "name", "user '%s' already exists", u->name);
	return rc;
}

static enum kerr_code
user_one(struct store *st, enum store_stmt s, struct store_val key, struct arena *a,
	struct user *out, struct kerr *err)
{
	struct rows r = { .a = a };
	enum kerr_code rc = user_rows(st, s, &key, 1, &r, err);

	memset(out, 0, sizeof(*out));
	if (rc != KERR_OK)
		return rc;
	if (r.n == 0) {
		if (key.type == STORE_VINT)
			return kerr_set(err, KERR_NOTFOUND, "no user %lld", (long long)key.i);
		return kerr_set(err, KERR_NOTFOUND, "no user '%s'", (const char *)key.p);
	}
	*out = *(struct user *)r.arr;
	return KERR_OK;
}

enum kerr_code
store_user_by_name(struct store *st, const char *name, struct arena *a, struct user *out,
	struct kerr *err)
{
	return user_one(st, STMT_USER_BY_NAME, store_vtext(name ? name : ""), a, out, err);
}

enum kerr_code
store_user_get(struct store *st, int64_t id, struct arena *a, struct user *out,
	struct kerr *err)
{
	return user_one(st, STMT_USER_GET, store_vint(id), a, out, err);
}

enum kerr_code
store_user_list(struct store *st, struct arena *a, struct user **out, size_t *n,
	struct kerr *err)
{
	struct rows r = { .a = a };
	enum kerr_code rc = user_rows(st, STMT_USER_LIST, NULL, 0, &r, err);

	*out = r.arr;
	*n = rc == KERR_OK ? r.n : 0;
	return rc;
}

enum kerr_code
store_user_update(struct store *st, const struct user *u, struct kerr *err)
{
	struct store_val p[7];
	enum kerr_code rc;
	int64_t id;

	if ((rc = role_check(u, err)) != KERR_OK)
		return rc;
	p[0] = store_vint(u->id);
	p[1] = store_vtext(role_names[u->role]);
	p[2] = store_vref(u->office_id);
	p[3] = store_vint(u->locked);
	p[4] = store_vtext(u->pwhash);
	p[5] = store_vtext(u->lang);
	p[6] = store_vint(u->failed_logins);
	rc = store_exec_int(st, STMT_USER_UPDATE, p, 7, &id, err);
	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_NOTFOUND, "no user %lld", (long long)u->id);
	return rc;
}
