/*
 * store_session.c — web sessions and API tokens (0002_sessions.sql), on the
 * primitives of store_int.h. Only hashes of the secrets reach the table.
 */
#include "store/store_int.h"

enum kerr_code
store_session_insert(struct store *st, const char *kind, const unsigned char *hash,
	size_t hashlen, int64_t user_id, int64_t now, int64_t expires, int64_t *id,
	struct kerr *err)
{
	struct store_val p[6] = {
		store_vtext(kind), store_vblob(hash, hashlen), store_vint(user_id),
		store_vint(now), store_vint(now), store_vint(expires),
	};

	return store_exec_int(st, STMT_SESSION_INSERT, p, 6, id, err);
}

static int
session_row(void *ctx, const struct store_val *col, size_t ncol)
{
	struct store_session *s = ctx;

	(void)ncol;
	s->id = store_col_int(&col[0]);
	s->user_id = store_col_int(&col[1]);
	s->created = store_col_int(&col[2]);
	s->last_seen = store_col_int(&col[3]);
	s->expires = store_col_int(&col[4]);
	return 0;
}

enum kerr_code
store_session_get(struct store *st, const char *kind, const unsigned char *hash,
	size_t hashlen, struct store_session *out, struct kerr *err)
{
	struct store_val p[2] = { store_vtext(kind), store_vblob(hash, hashlen) };
	enum kerr_code rc;

	out->id = 0;
	rc = store_exec(st, STMT_SESSION_GET, p, 2, session_row, out, err);
	if (rc == KERR_OK && out->id == 0)
		return kerr_set(err, KERR_NOTFOUND, "no such session");
	return rc;
}

enum kerr_code
store_session_touch(struct store *st, int64_t id, int64_t now, struct kerr *err)
{
	struct store_val p[2] = { store_vint(id), store_vint(now) };

	return store_exec(st, STMT_SESSION_TOUCH, p, 2, NULL, NULL, err);
}

enum kerr_code
store_session_delete(struct store *st, const unsigned char *hash, size_t hashlen,
	struct kerr *err)
{
	struct store_val p[1] = { store_vblob(hash, hashlen) };

	return store_exec(st, STMT_SESSION_DELETE, p, 1, NULL, NULL, err);
}

enum kerr_code
store_session_purge(struct store *st, int64_t now, int64_t idle_before, struct kerr *err)
{
	struct store_val p[2] = { store_vint(now), store_vint(idle_before) };

	return store_exec(st, STMT_SESSION_PURGE, p, 2, NULL, NULL, err);
}

enum kerr_code
store_session_count(struct store *st, const char *kind, int64_t now, int64_t idle_before,
	int64_t *n, struct kerr *err)
{
	struct store_val p[3] = { store_vtext(kind), store_vint(now), store_vint(idle_before) };

	return store_exec_int(st, STMT_SESSION_COUNT, p, 3, n, err);
}

enum kerr_code
store_session_delete_user(struct store *st, int64_t user_id, struct kerr *err)
{
	struct store_val p[1] = { store_vint(user_id) };

	return store_exec(st, STMT_SESSION_DELETE_USER, p, 1, NULL, NULL, err);
}
