/*
 * migrate.c — moving a whole register from one store to another (an
 * office's SQLite file to the national PostgreSQL server): every row as it
 * is (sealed values stay sealed, the audit chain byte for byte), proven by
 * a digest of both sides, the key and the audit chain verified on the
 * target, and the move recorded in the target's trail, all inside the
 * target's one transaction: the register lands whole or not at all.
 */
#include "app/app_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The target after the copy, still inside its transaction: the key file
 * must belong to it and its audit chain must verify. */
static enum kerr_code
verify_target(struct app *src, struct store *dst, const char *to_url,
	struct app_migrate_report *rep, struct kerr *err)
{
	struct app cand = { 0 };
	struct app_audit_report ar;
	struct policy_actor sys;
	enum kerr_code rc;

	cand.st = dst;
	cand.vault = src->vault;
	cand.db_url = (char *)to_url;
	cand.key_path = src->key_path;
	if ((rc = app_check_key(&cand, err)) != KERR_OK)
		return rc;
	app_system_actor(&sys);
	if ((rc = app_audit_verify(&cand, &sys, &ar, err)) != KERR_OK) {
		char why[sizeof(err->msg)];
		snprintf(why, sizeof(why), "%s", err->msg);
		return kerr_set(err, KERR_INTEGRITY, "the audit trail does not verify on the "
			"target (%s); nothing was written", why);
	}
	rep->audit_entries = ar.entries;
	if ((rc = store_case_count(dst, &rep->cases, err)) != KERR_OK)
		return rc;
	return app_audit_named(&cand, "system", "system.migrate", "register",
		"{\"op\":\"migrate\"}", err);
}

static enum kerr_code
open_target(const char *to_url, struct store **dst, struct kerr *err)
{
	enum kerr_code rc;
	int empty = 0;
	char *shown;

	if ((rc = store_open(to_url, STORE_CREATE, dst, err)) != KERR_OK)
		return rc;
	if ((rc = store_migrate(*dst, err)) != KERR_OK)
		return rc;
	if ((rc = store_copy_is_empty(*dst, &empty, err)) != KERR_OK)
		return rc;
	if (!empty) {
		shown = store_url_redact(to_url);
		rc = kerr_set(err, KERR_CONFLICT, "'%s' already holds a register; migrate moves "
			"a register into an empty database only", shown);
		free(shown);
	}
	return rc;
}

enum kerr_code
app_migrate(const char *from_url, const char *to_url, const char *key_path,
	void (*progress)(void *ctx, size_t done, size_t total), void *ctx,
	struct app_migrate_report *rep, struct kerr *err)
{
	struct app *src = NULL;
	struct store *dst = NULL;
	struct app_audit_report ar;
	struct policy_actor sys;
	enum kerr_code rc;

	memset(rep, 0, sizeof(*rep));
	if (strcmp(from_url, to_url) == 0)
		return kerr_set(err, KERR_INVALID, "--from and --to name the same database");
	/* the source must be a sound register of this key before it moves */
	if ((rc = app_open(from_url, key_path, &src, err)) != KERR_OK)
		return rc;
	app_system_actor(&sys);
	if ((rc = app_audit_verify(src, &sys, &ar, err)) != KERR_OK) {
		char why[sizeof(err->msg)];
		snprintf(why, sizeof(why), "%s", err->msg);
		kerr_set(err, rc, "the source's audit trail does not verify (%s); nothing was "
			"moved", why);
		goto out;
	}
	if ((rc = open_target(to_url, &dst, err)) != KERR_OK)
		goto out;
	/* the source is held still (SQLite: its write lock) while it is read */
	if ((rc = store_begin_read(src->st, err)) != KERR_OK)
		goto out;
	if ((rc = store_begin(dst, err)) == KERR_OK)
		rc = store_copy_all(src->st, dst, 0, progress, ctx, err);
	if (rc == KERR_OK)
		rc = verify_target(src, dst, to_url, rep, err);
	if (rc == KERR_OK)
		rc = store_commit(dst, err);
	store_rollback(dst);
	store_rollback(src->st);
	if (rc == KERR_OK)
		store_copy_after_load(dst, NULL);   /* planner statistics; loses nothing */
out:
	store_close(dst);
	app_close(src);
	return rc;
}
