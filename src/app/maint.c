/*
 * maint.c — backup, restore, integrity check and key rotation.
 */
#include "app/app_int.h"
#include "lib/i18n.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>


enum kerr_code
app_backup(struct app *app, const struct policy_actor *actor, const char *path,
	struct kerr *err)
{
	enum kerr_code rc;

	if ((rc = app_allow(app, actor, POL_BACKUP, NULL, "register", err)) != KERR_OK)
		return rc;
	/* the audit entry goes first so the backup holds the record of itself */
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	if ((rc = app_audit(app, actor, POL_BACKUP, "register", "{\"op\":\"backup\"}", err))) {
		store_rollback(app->st);
		return rc;
	}
	if ((rc = store_commit(app->st, err)) != KERR_OK)
		return rc;
	return store_backup(app->st, path, err);
}

/* A backup must be a register of this key with an intact audit trail before
 * it may replace the live one: checked on the file itself, read-only, so a
 * wrong file leaves the register untouched. */
static enum kerr_code
verify_backup(struct app *app, const struct policy_actor *actor, const char *path,
	struct kerr *err)
{
	struct app cand = { 0 };
	struct app_audit_report report;
	enum kerr_code rc;

	if ((rc = store_open(path, STORE_READONLY, &cand.st, err)) != KERR_OK)
		return rc;
	cand.vault = app->vault;
	cand.db_url = (char *)path;
	cand.key_path = app->key_path;
	if (store_schema_version(cand.st) == 0)
		rc = kerr_set(err, KERR_INTEGRITY, _("'%s' is not a khipu register"), path);
	else if (store_schema_version(cand.st) > store_schema_latest())
		rc = kerr_set(err, KERR_INTEGRITY, _("'%s' comes from a newer khipu; "
			"restore it with that version"), path);
	else if (app_check_key(&cand, err) != KERR_OK)
		rc = kerr_set(err, KERR_INTEGRITY, _("'%s' is a backup of another register "
			"(sealed with another key); nothing was restored"), path);
	else
		rc = app_audit_verify(&cand, actor, &report, err);
	store_close(cand.st);
	return rc;
}

static enum kerr_code reseal_stale(struct app *app, size_t *resealed, struct kerr *err);

/* After the backup's rows replaced the register's: verify the trail again,
 * reseal what an older key sealed, record the restore. */
static enum kerr_code
restore_finish(struct app *app, const struct policy_actor *actor, int fresh,
	struct kerr *err)
{
	struct app_audit_report report;
	size_t resealed = 0;
	json_t *detail;
	char *text;
	enum kerr_code rc;

	if ((rc = app_audit_verify(app, actor, &report, err)) != KERR_OK)
		return rc;
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	/* a backup from before a key rotation: reseal and reindex with the
	 * current key, or every search would miss (the indexes are keyed) */
	rc = reseal_stale(app, &resealed, err);
	detail = json_pack("{s:s,s:I}", "op", "restore", "resealed", (json_int_t)resealed);
	if (fresh)
		json_object_set_new(detail, "new_machine", json_true());
	text = app_audit_detail(detail);
	if (rc == KERR_OK)
		rc = app_key_record(app, err);
	if (rc == KERR_OK)
		rc = app_audit(app, actor, POL_BACKUP, "register", text, err);
	free(text);
	if (rc != KERR_OK) {
		store_rollback(app->st);
		return rc;
	}
	return store_commit(app->st, err);
}

enum kerr_code
app_restore(struct app *app, const struct policy_actor *actor, const char *path,
	struct kerr *err)
{
	enum kerr_code rc;

	if ((rc = app_allow(app, actor, POL_BACKUP, NULL, "register", err)) != KERR_OK)
		return rc;
	if ((rc = verify_backup(app, actor, path, err)) != KERR_OK)
		return rc;
	if ((rc = store_restore(app->st, path, err)) != KERR_OK)
		return rc;
	return restore_finish(app, actor, 0, err);
}

/* ---- restore on a new machine ---- */

/* The file of a "sqlite:PATH" or plain-path url, NULL for a server. */
static const char *
sqlite_file(const char *url)
{
	if (strncmp(url, "sqlite:", 7) == 0)
		return url + 7;
	return strstr(url, "://") != NULL ? NULL : url;
}

enum kerr_code
app_register_exists(const char *db_url, int *exists, struct kerr *err)
{
	const char *file = sqlite_file(db_url), *fp;
	struct store *st = NULL;
	struct arena a;
	struct stat sb;
	struct kerr ignored;
	enum kerr_code rc;

	*exists = 0;
	if (file != NULL) {
		*exists = stat(file, &sb) == 0;
		return KERR_OK;
	}
	if ((rc = store_open(db_url, 0, &st, err)) != KERR_OK)
		return rc;
	arena_init(&a);
	*exists = store_schema_version(st) > 0 &&
		store_meta_get(st, "key_fingerprint", &a, &fp, &ignored) == KERR_OK;
	arena_release(&a);
	store_close(st);
	return KERR_OK;
}

static void
remove_sqlite(const char *file)
{
	char side[4096];

	unlink(file);
	snprintf(side, sizeof(side), "%s-wal", file);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", file);
	unlink(side);
}

enum kerr_code
app_restore_new(const char *db_url, const char *key_path, const char *path,
	struct kerr *err)
{
	const char *file = sqlite_file(db_url);
	struct policy_actor sys;
	struct app boot = { 0 }, *app = NULL;
	int exists = 0;
	enum kerr_code rc;

	app_system_actor(&sys);
	if ((rc = app_register_exists(db_url, &exists, err)) != KERR_OK)
		return rc;
	if (exists) {
		char *shown = store_url_redact(db_url);
		rc = kerr_set(err, KERR_CONFLICT, _("'%s' already holds a register; 'khipu restore' "
			"replaces its contents only when it opens with this key file"), shown);
		free(shown);
		return rc;
	}
	/* the backup is checked with the key file before anything is created */
	if ((rc = vault_load(key_path, &boot.vault, err)) != KERR_OK)
		return rc;
	boot.key_path = (char *)key_path;
	rc = verify_backup(&boot, &sys, path, err);
	if (rc == KERR_OK)
		rc = store_open(db_url, STORE_CREATE, &boot.st, err);
	if (rc == KERR_OK)
		rc = store_migrate(boot.st, err);
	if (rc == KERR_OK)
		rc = store_restore(boot.st, path, err);
	if (boot.st != NULL)
		store_close(boot.st);
	vault_free(boot.vault);
	/* opened as any register: key fingerprint checked, schema brought up */
	if (rc == KERR_OK)
		rc = app_open(db_url, key_path, &app, err);
	if (rc == KERR_OK)
		rc = restore_finish(app, &sys, 1, err);
	app_close(app);
	if (rc != KERR_OK && file != NULL)
		remove_sqlite(file);   /* nothing half-made */
	return rc;
}

enum kerr_code
app_check(struct app *app, void (*report)(void *ctx, const char *line), void *ctx,
	struct kerr *err)
{
	struct policy_actor sys;
	struct app_audit_report ar;
	enum kerr_code rc;

	rc = store_check(app->st, report, ctx, err);
	if (rc != KERR_OK)
		return rc;
	app_system_actor(&sys);
	sys.role = ROLE_AUDITOR;
	return app_audit_verify(app, &sys, &ar, err);
}

/* ---- key rotation ---- */

struct reseal {
	struct app *app;
	struct vault *old;
	size_t count;
	size_t stale;           /* values sealed with a key other than the current */
	/* collected first: the store cannot be written while it is walked */
	struct reseal_item {
		char *table, *column;
		int64_t row;
		char *clear;     /* len bytes; a person's record holds NULs */
		size_t len;
	} *items;
	size_t nitems, alloc;
};

static int
collect(void *ctx, const char *table, int64_t row, const char *column,
	const unsigned char *blob, size_t n, struct kerr *err)
{
	struct reseal *r = ctx;
	char *plain;
	size_t len;

	if (vault_unseal(r->app->vault, table, column, row, blob, n, &plain, &len, err))
		return 1;
	if (vault_blob_key(blob, n) != vault_current_key(r->app->vault))
		r->stale++;
	if (r->nitems == r->alloc) {
		r->alloc = r->alloc ? r->alloc * 2 : 1024;
		r->items = realloc(r->items, r->alloc * sizeof(*r->items));
		if (r->items == NULL)
			abort();
	}
	r->items[r->nitems++] = (struct reseal_item){ strdup(table), strdup(column), row, plain,
		len };
	return 0;
}

static void
reseal_release(struct reseal *r)
{
	size_t i;

	for (i = 0; i < r->nitems; i++) {
		free(r->items[i].table);
		free(r->items[i].column);
		sodium_memzero(r->items[i].clear, r->items[i].len);
		free(r->items[i].clear);
	}
	free(r->items);
}

static enum kerr_code
reindex_identifier(struct app *app, int64_t row, const char *clear, struct kerr *err)
{
	struct arena a;
	struct identifier id;
	enum kerr_code rc;

	arena_init(&a);
	rc = store_identifier_get(app->st, row, &a, &id, err);
	if (rc == KERR_OK)
		rc = app_index_identifier(app, row, id.kind, clear, err);
	arena_release(&a);
	return rc;
}

/* A person's identity record: its name and document are indexed again. */
static enum kerr_code
reindex_person(struct app *app, int64_t row, const struct reseal_item *it,
	struct kerr *err)
{
	struct arena a;
	struct person p = { .id = row };
	enum kerr_code rc;

	arena_init(&a);
	rc = app_person_record_parse(it->clear, it->len, &a, &p, err);
	if (rc == KERR_OK)
		rc = app_index_person(app, row, &p, err);
	app_person_wipe(&p);
	arena_release(&a);
	return rc;
}

/* Seal each value with the new key and rebuild every blind index. */
static enum kerr_code
reseal_all(struct app *app, struct reseal *r, struct kerr *err)
{
	size_t i;
	enum kerr_code rc = store_blind_clear(app->st, err);

	for (i = 0; i < r->nitems && rc == KERR_OK; i++) {
		struct reseal_item *it = &r->items[i];
		rc = app_seal_raw(app, it->table, it->row, it->column, it->clear, it->len, err);
		if (rc != KERR_OK)
			break;
		if (strcmp(it->table, "person") == 0 && strcmp(it->column, "identity") == 0)
			rc = reindex_person(app, it->row, it, err);
		else if (strcmp(it->table, "identifier") == 0)
			rc = reindex_identifier(app, it->row, it->clear, err);
	}
	r->count = i;
	return rc;
}

/* Inside the caller's transaction: when any value is sealed with an older
 * key, reseal everything with the current one and rebuild the blind indexes
 * (a rotation's work, without a new key). *resealed = values redone, or 0. */
static enum kerr_code
reseal_stale(struct app *app, size_t *resealed, struct kerr *err)
{
	struct reseal r = { .app = app };
	enum kerr_code rc = store_sealed_foreach(app->st, collect, &r, err);

	*resealed = 0;
	if (rc == KERR_OK && r.stale > 0 && (rc = reseal_all(app, &r, err)) == KERR_OK)
		*resealed = r.count;
	reseal_release(&r);
	return rc;
}

enum kerr_code
app_key_rotate(struct app *app, const struct policy_actor *actor, size_t *resealed,
	struct kerr *err)
{
	struct reseal r = { .app = app };
	enum kerr_code rc;

	*resealed = 0;
	if ((rc = app_allow(app, actor, POL_KEY_ROTATE, NULL, "key", err)) != KERR_OK)
		return rc;
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	rc = store_sealed_foreach(app->st, collect, &r, err);
	/* the new key is written to the key file before the database changes:
	 * if the transaction fails, the old key is still in the file */
	if (rc == KERR_OK)
		rc = vault_keyfile_rotate(app->key_path, app->vault, err);
	if (rc == KERR_OK)
		rc = reseal_all(app, &r, err);
	/* in the same transaction: a rotation that stops before its commit
	 * leaves the register on the old key, which app_open keeps using */
	if (rc == KERR_OK)
		rc = app_key_record(app, err);
	if (rc == KERR_OK) {
		char *detail = app_audit_detail(json_pack("{s:I,s:I}", "key",
		    (json_int_t)vault_current_key(app->vault), "resealed", (json_int_t)r.count));
		rc = app_audit(app, actor, POL_KEY_ROTATE, "key", detail, err);
		free(detail);
	}
	if (rc == KERR_OK)
		rc = store_commit(app->st, err);
	else
		store_rollback(app->st);
	if (rc == KERR_OK)
		*resealed = r.count;
	reseal_release(&r);
	return rc;
}
