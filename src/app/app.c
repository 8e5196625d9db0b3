/*
 * app.c — opening and creating a register, actors, masking.
 */
#include "app/app_int.h"

#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crypto/password.h"
#include "lib/xalloc.h"
#include "lib/i18n.h"

#define META_FINGERPRINT "key_fingerprint"
/* the id of the key the register's sealed values and blind indexes use */
#define META_KEY_ID "key_current"

/* The file a "sqlite:PATH" or plain-path URL names, or NULL for servers. */
static const char *
sqlite_path(const char *url)
{
	if (strncmp(url, "sqlite:", 7) == 0)
		return url + 7;
	if (strstr(url, "://") != NULL)
		return NULL;
	return url;
}

static void
remove_quietly(const char *path)
{
	char side[4096];

	if (path == NULL)
		return;
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

static enum kerr_code
init_schema(struct app *app, const char *admin, const char *password, struct kerr *err)
{
	char fp[65];
	struct policy_actor sys;

	if (store_migrate(app->st, err) != KERR_OK)
		return err->code;
	vault_fingerprint(app->vault, fp);
	if (store_begin(app->st, err) != KERR_OK)
		return err->code;
	/* a new register has no case whose term is unknown */
	if (store_meta_set(app->st, META_FINGERPRINT, fp, err) != KERR_OK ||
	    store_meta_set(app->st, "terms.stale", "0", err) != KERR_OK ||
	    app_key_record(app, err) != KERR_OK ||
	    app_audit_named(app, "system", "system.init", "", NULL, err) != KERR_OK) {
		store_rollback(app->st);
		return err->code;
	}
	if (store_commit(app->st, err) != KERR_OK)
		return err->code;
	if (admin == NULL)
		return KERR_OK;
	app_system_actor(&sys);
	return app_user_add(app, &sys, admin, "admin", NULL, password, err);
}

/* A server's database exists before init (the DBA creates it): it may be
 * new or only migrated (an earlier init that failed half-way), never hold a
 * register already. */
static enum kerr_code
server_db_unused(struct store *st, const char *db_url, struct kerr *err)
{
	struct arena a;
	const char *fp;
	char *shown;
	enum kerr_code rc = KERR_OK;

	if (store_schema_version(st) <= 0)
		return KERR_OK;
	arena_init(&a);
	if (store_meta_get(st, META_FINGERPRINT, &a, &fp, err) == KERR_OK) {
		shown = store_url_redact(db_url);
		rc = kerr_set(err, KERR_CONFLICT, "database '%s' already holds a register; use "
			"it, or choose another --db", shown);
		free(shown);
	}
	arena_release(&a);
	return rc;
}

enum kerr_code
app_init(const char *db_url, const char *key_path, const char *admin_name,
	const char *admin_password, struct kerr *err)
{
	const char *path = sqlite_path(db_url);
	struct app app = { 0 };
	struct stat sb;
	enum kerr_code rc;

	if ((admin_name == NULL) != (admin_password == NULL))
		return kerr_set(err, KERR_INVALID, _("--admin needs a password on standard input"));
	if (path != NULL && stat(path, &sb) == 0)
		return kerr_set(err, KERR_CONFLICT,
			_("database '%s' already exists; use it, or choose another --db"), path);
	if (vault_keyfile_create(key_path, err) != KERR_OK)
		return err->code;
	rc = vault_load(key_path, &app.vault, err);
	if (rc == KERR_OK)
		rc = store_open(db_url, STORE_CREATE, &app.st, err);
	if (rc == KERR_OK && path == NULL)
		rc = server_db_unused(app.st, db_url, err);
	if (rc == KERR_OK)
		rc = init_schema(&app, admin_name, admin_password, err);
	if (app.st != NULL)
		store_close(app.st);
	vault_free(app.vault);
	if (rc != KERR_OK) {
		/* nothing half-made: no register without its key, no stray key */
		remove_quietly(path);
		unlink(key_path);
	}
	return rc;
}

enum kerr_code
app_check_key(struct app *app, struct kerr *err)
{
	struct arena a;
	const char *stored = NULL;
	char fp[65];
	enum kerr_code rc;

	char *shown = store_url_redact(app->db_url);

	arena_init(&a);
	rc = store_meta_get(app->st, META_FINGERPRINT, &a, &stored, err);
	if (rc == KERR_NOTFOUND)
		rc = kerr_set(err, KERR_INTEGRITY,
			_("database '%s' has no key fingerprint; it was not created by 'khipu init'"),
			shown);
	if (rc == KERR_OK) {
		vault_fingerprint(app->vault, fp);
		if (strcmp(fp, stored) != 0)
			rc = kerr_set(err, KERR_CRYPTO,
				_("key file '%s' does not belong to database '%s'; "
				"give the right one with --key-file"), app->key_path, shown);
	}
	arena_release(&a);
	free(shown);
	return rc;
}

enum kerr_code
app_key_record(struct app *app, struct kerr *err)
{
	char id[16];

	snprintf(id, sizeof(id), "%u", (unsigned)vault_current_key(app->vault));
	return store_meta_set(app->st, META_KEY_ID, id, err);
}

/* Seal and index with the key the register uses, which is the key file's
 * highest unless a rotation stopped between writing the key file and its
 * commit (a crash): then the newer key is unused, and indexing with it would
 * make every search miss. A register from before this record: the highest. */
static enum kerr_code
use_register_key(struct app *app, struct kerr *err)
{
	struct arena a;
	const char *id = NULL;
	enum kerr_code rc;

	arena_init(&a);
	rc = store_meta_get(app->st, META_KEY_ID, &a, &id, err);
	if (rc == KERR_NOTFOUND)
		rc = KERR_OK;
	else if (rc == KERR_OK)
		rc = vault_use_key(app->vault, (uint32_t)strtoul(id, NULL, 10), err);
	arena_release(&a);
	return rc;
}

enum kerr_code
app_open(const char *db_url, const char *key_path, struct app **out, struct kerr *err)
{
	struct app *app = xcalloc(1, sizeof(*app));
	enum kerr_code rc;

	app->db_url = xstrdup(db_url);
	app->key_path = xstrdup(key_path);
	rc = store_open(db_url, 0, &app->st, err);
	if (rc == KERR_OK)
		rc = vault_load(key_path, &app->vault, err);
	if (rc == KERR_OK && store_schema_version(app->st) > 0) {
		rc = app_check_key(app, err);
		if (rc == KERR_OK)
			rc = use_register_key(app, err);
	} else if (rc == KERR_OK) {
		char *shown = store_url_redact(db_url);
		rc = kerr_set(err, KERR_INTEGRITY, _("database '%s' is empty; create a register "
			"with 'khipu init'"), shown);
		free(shown);
	}
	/* older, or missing a migration numbered below its highest: brought up
	 * to date; newer: refused by store_migrate */
	if (rc == KERR_OK && !store_schema_current(app->st))
		rc = store_migrate(app->st, err);
	/* after migration 0012 (or a restore of an older backup), once */
	if (rc == KERR_OK)
		rc = app_terms_refresh(app, err);
	if (rc != KERR_OK) {
		app_close(app);
		return rc;
	}
	app->rd = app->st;
	*out = app;
	return KERR_OK;
}

enum kerr_code
app_open_read(struct app *app, const char *url, struct kerr *err)
{
	struct app rd = { 0 };
	char *shown = store_url_redact(url);
	enum kerr_code rc;

	rd.vault = app->vault;
	rd.key_path = app->key_path;
	rd.db_url = shown;
	rc = store_open(url, STORE_READONLY, &rd.st, err);
	if (rc == KERR_OK && store_schema_version(rd.st) != store_schema_version(app->st))
		rc = kerr_set(err, KERR_INTEGRITY, "the read database '%s' has schema version %d, "
			"the register %d; is it a replica of this register?", shown,
			store_schema_version(rd.st), store_schema_version(app->st));
	if (rc == KERR_OK && (rc = app_check_key(&rd, err)) != KERR_OK)
		rc = kerr_set(err, KERR_INTEGRITY, "the read database '%s' holds another "
			"register; give a replica of this one with --db-read", shown);
	free(shown);
	if (rc != KERR_OK) {
		store_close(rd.st);
		return rc;
	}
	if (app->rd != NULL && app->rd != app->st)
		store_close(app->rd);
	app->rd = rd.st;
	return KERR_OK;
}

void
app_close(struct app *app)
{
	if (app == NULL)
		return;
	if (app->rd != NULL && app->rd != app->st)
		store_close(app->rd);
	if (app->st != NULL)
		store_close(app->st);
	vault_free(app->vault);
	free(app->db_url);
	free(app->key_path);
	free(app);
}

enum kerr_code
app_actor(struct app *app, const char *username, struct arena *a,
	struct policy_actor *out, struct kerr *err)
{
	struct user u;
	enum kerr_code rc;

	if (username == NULL || *username == '\0')
		return kerr_set(err, KERR_DENIED, _("no user given; name one with --as USER"));
	rc = store_user_by_name(app->st, username, a, &u, err);
	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_DENIED, _("unknown user '%s'; see 'khipu user list'"),
			username);
	if (rc != KERR_OK)
		return rc;
	out->user_id = u.id;
	out->name = u.name;
	out->role = u.role;
	out->office_id = u.office_id;
	out->locked = u.locked;
	if (u.locked)
		return kerr_set(err, KERR_DENIED, _("user '%s' is locked; an administrator can "
			"unlock it with 'khipu user unlock %s'"), u.name, u.name);
	return KERR_OK;
}

void
app_system_actor(struct policy_actor *out)
{
	out->user_id = 0;
	out->name = "system";
	out->role = ROLE_ADMIN;
	out->office_id = 0;
	out->locked = 0;
}

/*
 * "María Quispe" -> "M*** Q***": the first letter of each word (a whole
 * UTF-8 sequence) and three stars, so the length of a name leaks nothing.
 */
const char *
app_mask(struct arena *a, const char *clear)
{
	size_t n, i = 0, o = 0;
	char *out;
	int start = 1;

	if (clear == NULL)
		return NULL;
	n = strlen(clear);
	out = arena_alloc(a, n * 4 + 8);
	while (i < n) {
		unsigned char c = (unsigned char)clear[i];
		size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
		if (i + len > n)
			len = n - i;
		if (c == ' ' || c == '\t' || c == '\n' || c == ',') {
			if (!start)
				out[o++] = ' ';
			start = 1;
		} else if (start) {
			memcpy(out + o, clear + i, len);
			o += len;
			memcpy(out + o, "***", 3);
			o += 3;
			start = 0;
		}
		i += len;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	return o ? out : "***";
}
