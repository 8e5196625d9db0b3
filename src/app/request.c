/*
 * request.c — a server request that only reads runs in one read
 * transaction (store_read_begin): one lock instead of one per statement.
 * A use case that writes inside it (an audit entry of a refusal) ends it
 * and gets its own write transaction, as always.
 */
#include "app/app_int.h"

enum kerr_code
app_read_begin(struct app *app, struct kerr *err)
{
	return store_read_begin(app->st, err);
}

void
app_read_end(struct app *app)
{
	store_read_end(app->st);
}
