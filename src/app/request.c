/*
 * request.c — a server request that only reads runs in one read
 * transaction (store_request_begin): one lock instead of one per statement.
 * A use case that writes inside it (an audit entry of a refusal) ends it
 * and gets its own write transaction, as always.
 */
#include "app/app_int.h"

#include <string.h>

enum kerr_code
app_read_begin(struct app *app, struct kerr *err)
{
	return store_request_begin(app->st, err);
}

void
app_read_end(struct app *app)
{
	store_request_end(app->st);
}

enum kerr_code
app_register_version(struct app *app, struct app_version *out, struct kerr *err)
{
	struct arena a;
	struct audit_entry e;
	enum kerr_code rc;

	memset(out, 0, sizeof(*out));
	arena_init(&a);
	rc = store_audit_last(app->st, &a, &e, err);
	if (rc == KERR_OK) {
		out->seq = e.seq;
		memcpy(out->hash, e.hash, sizeof(out->hash));
	} else if (rc == KERR_NOTFOUND) {
		rc = KERR_OK;
	}
	arena_release(&a);
	return rc;
}
