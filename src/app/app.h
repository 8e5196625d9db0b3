/*
 * app.h — the use cases of Khipu. Every path (CLI, web, API) goes through
 * these functions: they take an actor and an input, check the policy
 * (core/policy.h), validate, run in one transaction, seal identities
 * (crypto/vault.h) and append the audit entry. No caller talks to the store
 * directly for anything that reads or writes case data.
 */
#ifndef KHIPU_APP_H
#define KHIPU_APP_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "core/policy.h"
#include "lib/arena.h"
#include "lib/kerr.h"
#include "store/store.h"

struct store;
struct vault;

struct app {
	struct store *st;
	struct vault *vault;
	char *db_url;
	char *key_path;
};

/* ---- opening ---- */
/* Create a new register: key file (0600, refused if it exists), database,
 * schema, key fingerprint, first audit entry, and optionally an admin user
 * (admin_name and password both non-NULL). The database must not exist. */
enum kerr_code app_init(const char *db_url, const char *key_path, const char *admin_name,
	const char *admin_password, struct kerr *err);
/* Open an existing register; checks that the key file belongs to the
 * database and that the schema is current (migrating it if older). */
enum kerr_code app_open(const char *db_url, const char *key_path, struct app **out,
	struct kerr *err);
void app_close(struct app *app);

/* The actor named by a user name (CLI --as). Unknown or locked users are
 * KERR_DENIED. Strings live in arena a. */
enum kerr_code app_actor(struct app *app, const char *username, struct arena *a,
	struct policy_actor *out, struct kerr *err);
/* The built-in actor for maintenance commands run by the operating-system
 * user who holds the key file (init, check, backup, audit verify). */
void app_system_actor(struct policy_actor *out);

/* ---- audit (app/audit.c) ---- */
/* Append an entry (inside the caller's transaction). detail is a JSON object
 * text without identities, or NULL. */
enum kerr_code app_audit(struct app *app, const struct policy_actor *actor,
	enum pol_action action, const char *object, const char *detail, struct kerr *err);
/* Same for actions that are not policy actions ("system.init", "auth.denied"). */
enum kerr_code app_audit_named(struct app *app, const char *actor, const char *action,
	const char *object, const char *detail, struct kerr *err);
struct app_audit_report {
	int64_t entries;        /* entries checked */
	int64_t bad_seq;        /* first entry that fails, 0 when intact */
	char reason[160];       /* why it fails */
};
/* Walk the chain: every MAC, every link, no gap, head matches. Returns
 * KERR_OK when intact, KERR_INTEGRITY with report->bad_seq otherwise. */
enum kerr_code app_audit_verify(struct app *app, const struct policy_actor *actor,
	struct app_audit_report *report, struct kerr *err);
typedef int (*app_audit_cb)(void *ctx, const struct audit_entry *e);
enum kerr_code app_audit_list(struct app *app, const struct policy_actor *actor,
	int64_t from_seq, app_audit_cb cb, void *ctx, struct kerr *err);

/* ---- offices and users (app/admin.c) ---- */
enum kerr_code app_office_add(struct app *app, const struct policy_actor *actor,
	struct office *o, struct kerr *err);
enum kerr_code app_office_list(struct app *app, const struct policy_actor *actor,
	struct arena *a, struct office **out, size_t *n, struct kerr *err);
/* office_code may be NULL for national roles (analyst, auditor, admin, liaison). */
enum kerr_code app_user_add(struct app *app, const struct policy_actor *actor,
	const char *name, const char *role, const char *office_code, const char *password,
	struct kerr *err);
enum kerr_code app_user_list(struct app *app, const struct policy_actor *actor,
	struct arena *a, struct user **out, size_t *n, struct kerr *err);
enum kerr_code app_user_set_locked(struct app *app, const struct policy_actor *actor,
	const char *name, int locked, struct kerr *err);
enum kerr_code app_user_passwd(struct app *app, const struct policy_actor *actor,
	const char *name, const char *password, struct kerr *err);

/* ---- cases (app/cases.c, app/casedoc.c) ---- */
/* Register a case from a parsed model (the JSON document goes through
 * casedoc_parse first). Validates every field and code, resolves person
 * references, seals identities, writes blind indexes, derives the stage,
 * all in one transaction with one audit entry. Sets c->id. */
enum kerr_code app_case_add(struct app *app, const struct policy_actor *actor,
	struct kcase *c, struct kerr *err);
/* Same, for many cases in one transaction under one audit entry
 * (demo, imports). progress(ctx, done, total) may be NULL. */
enum kerr_code app_case_add_many(struct app *app, const struct policy_actor *actor,
	struct kcase *cases, size_t n, const char *audit_action,
	void (*progress)(void *ctx, size_t done, size_t total), void *ctx, struct kerr *err);

/* Parse a JSON case document (docs/case-document.md), resolve its office
 * codes and register it with app_case_add. *id receives the new case id. */
enum kerr_code app_case_add_json(struct app *app, const struct policy_actor *actor,
	const char *text, size_t n, int64_t *id, struct kerr *err);

enum app_reveal {
	APP_MASKED,     /* identities as "M*** Q***" where the role may read the case */
	APP_REVEAL,     /* in clear where the policy allows; each reveal is audited */
};
/* Read a whole case. Identity fields are NULL for roles that see none,
 * masked, or in clear (audited) as asked and allowed. */
enum kerr_code app_case_show(struct app *app, const struct policy_actor *actor, int64_t id,
	enum app_reveal reveal, struct arena *a, struct kcase *out, struct kerr *err);
enum kerr_code app_case_id(struct app *app, const char *id_or_number, int64_t *id,
	struct kerr *err);
enum kerr_code app_case_list(struct app *app, const struct policy_actor *actor,
	const struct store_case_filter *f, struct arena *a, struct store_case_row **out,
	size_t *n, struct kerr *err);
/* Record a procedural event; the case's stage is derived again. */
enum kerr_code app_case_event(struct app *app, const struct policy_actor *actor,
	int64_t case_id, const char *stage, const char *date, const char *note,
	struct kerr *err);

/* ---- persons (app/persons.c) ---- */
enum app_search_by { APP_BY_NAME, APP_BY_DOC, APP_BY_PHONE };
struct app_person_hit {
	struct person person;            /* identity masked or NULL as for show */
	int score;                       /* name tokens matched (exact match = 100) */
	struct participation *parts;     /* the person's roles across cases: id, case_id,
	                                    person_id and role only */
	size_t nparts;
	const char **case_numbers;       /* parallel to parts */
};
enum kerr_code app_person_search(struct app *app, const struct policy_actor *actor,
	enum app_search_by by, const char *value, struct arena *a,
	struct app_person_hit **out, size_t *n, struct kerr *err);

/* ---- maintenance (app/maint.c) ---- */
enum kerr_code app_backup(struct app *app, const struct policy_actor *actor,
	const char *path, struct kerr *err);
enum kerr_code app_restore(struct app *app, const struct policy_actor *actor,
	const char *path, struct kerr *err);
enum kerr_code app_check(struct app *app, void (*report)(void *ctx, const char *line),
	void *ctx, struct kerr *err);
/* New key, every sealed value and blind index redone, in one transaction. */
enum kerr_code app_key_rotate(struct app *app, const struct policy_actor *actor,
	size_t *resealed, struct kerr *err);

/* ---- demo (app/demo.c) ---- */
/* A synthetic register of ncases cases, clearly marked synthetic (meta
 * "synthetic"=1 and each case flagged), with the offices it needs and one
 * user per role named demo-<role> with the given password. Deterministic:
 * the same seed gives the same register. */
enum kerr_code app_demo(struct app *app, const struct policy_actor *actor, size_t ncases,
	uint64_t seed, const char *password,
	void (*progress)(void *ctx, size_t done, size_t total), void *ctx, struct kerr *err);

/* ---- helpers shared by the use cases ---- */
/* "María Quispe" -> "M*** Q***". Result in arena. */
const char *app_mask(struct arena *a, const char *clear);

#endif
