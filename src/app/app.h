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

#include <jansson.h>

#include "core/model.h"
#include "core/policy.h"
#include "crypto/sign.h"
#include "lib/arena.h"
#include "lib/kerr.h"
#include "store/store.h"

struct store;
struct vault;

struct app {
	struct store *st;
	/* Reads that may lag a moment (case list, statistics): a streaming
	 * replica given with app_open_read, else st itself. */
	struct store *rd;
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
/* Send the reads that may lag a moment (app->rd) to the database at url,
 * opened read-only: a streaming replica of the primary, which must hold the
 * same register (key fingerprint) at the same schema version. */
enum kerr_code app_open_read(struct app *app, const char *url, struct kerr *err);

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
/* The entries that match f, newest first (store_audit_page); needs
 * audit.read. */
enum kerr_code app_audit_page(struct app *app, const struct policy_actor *actor,
	const struct store_audit_filter *f, struct arena *a, struct audit_entry **out,
	size_t *n, struct kerr *err);

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
/* Another role (and office, as for app_user_add) for user name; never the
 * actor's own. Ends the user's sessions and tokens. Needs user.manage;
 * audited. */
enum kerr_code app_user_set_role(struct app *app, const struct policy_actor *actor,
	const char *name, const char *role, const char *office_code, struct kerr *err);
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
/* The case named by a user: digits alone or '#' and digits are its id;
 * anything else is its number (a number is never digits alone). */
enum kerr_code app_case_id(struct app *app, const char *id_or_number, int64_t *id,
	struct kerr *err);
enum kerr_code app_case_list(struct app *app, const struct policy_actor *actor,
	const struct store_case_filter *f, struct arena *a, struct store_case_row **out,
	size_t *n, struct kerr *err);
/* ---- legal deadlines (app/deadlines.c) ---- */
struct app_deadline {
	int64_t case_id;
	const char *number;
	const char *office_code;
	const char *stage;
	struct case_term term;           /* the running term (core/ncpp.h) */
	int64_t days_left;               /* to the due date: 0 on the last day,
	                                    negative when overdue */
};
enum app_deadline_filter {
	APP_DL_ALL,                      /* every running term */
	APP_DL_OVERDUE,                  /* due before today */
	APP_DL_WITHIN,                   /* due from today to today + within days */
};
/* The running legal terms of the cases the actor may list (policy
 * case.list: an office's own and shared cases, or all), by due date then
 * case id; at most limit (0 = all). */
enum kerr_code app_case_deadlines(struct app *app, const struct policy_actor *actor,
	enum app_deadline_filter which, int within, size_t limit, struct arena *a,
	struct app_deadline **out, size_t *n, struct kerr *err);
/* The due-date bounds [from, to) of a filter, for store_case_filter's
 * due_from/due_to ("" and "~" for every running term). KERR_INVALID when
 * within is out of 0..36600. */
enum kerr_code app_deadline_filter_dates(enum app_deadline_filter which, int within,
	char from[11], char to[11], struct kerr *err);
/* Days from today to due (0 on the last day, negative when overdue). */
int64_t app_days_left(const char *due);
/* Today's overdue terms per office code (policy stats.read), as a table of
 * the statistics dashboard; office (a code) keeps only that office's row. */
struct app_table;
enum kerr_code app_overdue_by_office(struct app *app, const struct policy_actor *actor,
	const char *office, int lang_en, struct arena *a, struct app_table **out,
	struct kerr *err);

/* How many cases app_case_list would give with no limit, counting at most
 * cap (0 = no cap): the same policy scope. */
enum kerr_code app_case_list_count(struct app *app, const struct policy_actor *actor,
	const struct store_case_filter *f, int64_t cap, int64_t *n, struct kerr *err);
/* A step of a suspect's procedural path, or a payment of the civil
 * reparation ordered (exactly one of step and payment non-NULL), recorded
 * on the suspect who is person_id in the case (issue 10; the rules in
 * core/outcome.h): an amendment of the case, with its revision, like an
 * event. A person who is not a suspect of the case, a judgement dated
 * before the indictment, payments beyond the amount ordered: KERR_INVALID
 * naming the command-line option at fault ("--suspect", "--date",
 * "--paid"...), nothing written. */
enum kerr_code app_case_outcome(struct app *app, const struct policy_actor *actor,
	int64_t case_id, int64_t person_id, const struct path_step *step,
	const struct reparation_payment *payment, const char *reason, struct kerr *err);
/* Record a procedural event; the case's stage is derived again. */
enum kerr_code app_case_event(struct app *app, const struct policy_actor *actor,
	int64_t case_id, const char *stage, const char *date, const char *note,
	struct kerr *err);

/* ---- international requests (app/mla.c, issue 13) ---- */
/* The options of `khipu mla add|update` and the web form: each NULL when
 * not given (an update keeps the stored value), "" to clear an optional
 * one. Codes of the codebook (request_direction, request_type,
 * request_status, legal_basis, request_channel), ISO 3166 alpha-2 country,
 * dates YYYY-MM-DD (due may be in the future), assistance a comma-separated
 * list of request_assistance codes, persons and assets comma-separated
 * persons[].person_id and assets[].id of the same case. */
struct app_mla_fields {
	const char *direction, *country, *authority, *type, *status, *legal_basis, *channel;
	const char *sent, *received, *due, *answered, *reference;
	const char *assistance, *persons, *assets;
};
/* Add a request to case_id (direction, country and type required; the
 * status defaults to draft, sent or received) or change request_id: an
 * amendment of the case (one revision), allowed and audited as
 * request.manage, so a case the actor may not manage requests on is
 * refused (and the refusal audited). Bad input (an unknown country, a due
 * date before the date sent, a person who is not the case's): KERR_INVALID
 * naming the option, nothing written. *id / *case_id receive the request's
 * id / its case's. */
enum kerr_code app_mla_add(struct app *app, const struct policy_actor *actor, int64_t case_id,
	const struct app_mla_fields *f, const char *reason, int64_t *id, struct kerr *err);
enum kerr_code app_mla_update(struct app *app, const struct policy_actor *actor,
	int64_t request_id, const struct app_mla_fields *f, const char *reason,
	int64_t *case_id, struct kerr *err);
struct app_mla_filter {
	int overdue;            /* open and past its due date */
	int due_within;         /* open and due within that many days (today counts); -1 any */
	int open_only;          /* not answered, refused, withdrawn or closed */
	int64_t case_id;        /* 0 = any */
	const char *country;    /* NULL = any */
	int64_t today;          /* day number (lib/date.h), 0 = today */
};
struct app_mla_row {
	struct intl_request r;
	const char *case_number;
	int dated;              /* open with a due date: days_left means something */
	int64_t days_left;      /* until the due date; negative: overdue by that many days */
};
/* The requests of the cases the actor may manage requests on (liaison:
 * every case; prosecutor: the office's and those shared with it), due
 * date first (so the overdue ones come first), those without one last.
 * Arena-owned. */
enum kerr_code app_mla_list(struct app *app, const struct policy_actor *actor,
	const struct app_mla_filter *f, struct arena *a, struct app_mla_row **out, size_t *n,
	struct kerr *err);
/* One request, with the same right on its case. */
enum kerr_code app_mla_show(struct app *app, const struct policy_actor *actor,
	int64_t request_id, struct arena *a, struct app_mla_row *out, struct kerr *err);

/* ---- case exchange and HTCDS (app/exchange.c, issue 13) ---- */
/* The installation's public identity: its key as text ("khx1:...") and the
 * fingerprint read out by phone. */
struct app_exchange_identity {
	char key[SIGN_PUBTEXT_LEN];
	char fingerprint[SIGN_FP_LEN];
};
/* A new exchange identity, sealed in the register (exchange.manage);
 * KERR_CONFLICT when there is one already (peers trust it). */
enum kerr_code app_exchange_keygen(struct app *app, const struct policy_actor *actor,
	struct app_exchange_identity *out, struct kerr *err);
/* This installation's public identity (public: no right needed). */
enum kerr_code app_exchange_key(struct app *app, struct app_exchange_identity *out,
	struct kerr *err);
/* Trust peer name with key (exchange.manage): a bad name or key, our own
 * key, a name or key already trusted refused naming "NAME" / "KEY". A
 * removed peer stays listed, marked removed; its packages are refused. */
enum kerr_code app_exchange_peer_add(struct app *app, const struct policy_actor *actor,
	const char *name, const char *key, char fingerprint[SIGN_FP_LEN], struct kerr *err);
enum kerr_code app_exchange_peer_remove(struct app *app, const struct policy_actor *actor,
	const char *name, struct kerr *err);
/* [{name, key, fingerprint, added, removed}] (caller decrefs). */
enum kerr_code app_exchange_peer_list(struct app *app, const struct policy_actor *actor,
	json_t **out, struct kerr *err);
/* Case case_id as HTCDS (io/htcds.h; include: enum htcds_include), signed
 * and sealed to peer: *pkg malloc'd (*n bytes), package its id (32 hex).
 * exchange.send on the case; audited with the peer, package and include. */
enum kerr_code app_exchange_pack(struct app *app, const struct policy_actor *actor,
	int64_t case_id, const char *peer, unsigned include, unsigned char **pkg, size_t *n,
	char package[33], struct kerr *err);
struct app_exchange_received {
	int64_t case_id;
	const char *number, *peer, *fingerprint, *package, *created;
	size_t persons, events, assets, requests;
};
/* Open a package (exchange.receive): from a trusted peer (not removed),
 * addressed to this installation, intact, signed, never opened before;
 * then import it as a new case of the actor's office numbered
 * "RX-PEER-NUMBER-PACKAGE", with its provenance (peer, fingerprint,
 * package, when) kept. Any refusal says why, is audited with its reason,
 * and imports nothing. Arena-owned strings. */
enum kerr_code app_exchange_open(struct app *app, const struct policy_actor *actor,
	const unsigned char *pkg, size_t n, struct arena *a, struct app_exchange_received *out,
	struct kerr *err);
/* The largest package or HTCDS file read (bytes). */
size_t app_exchange_package_max(void);
/* HTCDS export of a case (exchange.send, audited) and import of an HTCDS
 * document as a new case of the actor's office (exchange.receive, audited;
 * number "RX-HTCDS-..." into number). */
enum kerr_code app_htcds_export(struct app *app, const struct policy_actor *actor,
	int64_t case_id, unsigned include, json_t **out, struct kerr *err);
enum kerr_code app_htcds_import(struct app *app, const struct policy_actor *actor,
	const char *text, size_t n, int64_t *case_id, char number[65], struct kerr *err);

/* ---- amending a case and its history (app/caseupdate.c, app/revisions.c) ---- */
/* Amend case id with a whole case document (docs/case-document.md,
 * "Amending a case"): the document is diffed against the stored version
 * it names ("version", or if_match when > 0, which then must agree);
 * children with an id are changed in place, without one added, missing
 * ones marked removed; identity fields absent or as case show masked them
 * stay, null erases. Needs case.update on the case (and case.share to
 * change the sharing, request.manage to change requests). One transaction
 * holds the changes, the stage derived again, the statistics, one
 * revision (sealed) and the audit entry. KERR_STALE, writing nothing, when
 * the case is no longer at that version. *version (may be NULL) receives
 * the new version (the same when nothing changed). */
enum kerr_code app_case_update_json(struct app *app, const struct policy_actor *actor,
	int64_t id, const char *text, size_t n, const char *reason, int64_t if_match,
	int64_t *version, struct kerr *err);
/* The history of a case: every version with when, who, the reason and the
 * paths it changed with their old and new values; identity values masked
 * (roles that may reveal victims in the case), in clear with APP_REVEAL
 * (that right, audited), null otherwise. The caller decrefs *out
 * (docs/json-output.md, "case history"). Needs case.read. */
enum kerr_code app_case_history(struct app *app, const struct policy_actor *actor,
	int64_t id, enum app_reveal reveal, json_t **out, struct kerr *err);
/* The whole case document as it was at version (1 .. current), with the
 * identities shown as app_case_show would show them. Caller decrefs. */
enum kerr_code app_case_version_doc(struct app *app, const struct policy_actor *actor,
	int64_t id, int64_t version, enum app_reveal reveal, json_t **out, struct kerr *err);
/* ---- who works on a case (app/assign.c) ---- */
/* Assign the case to the user named username, a prosecutor of the case's
 * own office (REQ-POL-004); NULL assigns it to nobody. Needs case.assign on
 * the case (its own office: a share is not enough). A user who is unknown,
 * of another office, locked or not a prosecutor is KERR_INVALID on the
 * field "assignee", and nothing is written. Audited (case.assign). */
enum kerr_code app_case_assign(struct app *app, const struct policy_actor *actor,
	int64_t case_id, const char *username, struct kerr *err);
/* Transfer the case to the office with code office_code (derivación): the
 * case with its whole history now belongs to that office and to nobody in
 * it (the assignment is cleared); the sending office keeps only what a
 * share gives it. reason (required) is sealed. Unknown office, the case's
 * own office, or no reason: KERR_INVALID on "office" or "reason", nothing
 * written. Needs case.transfer; audited, and the statistics by office move
 * with the case in the same transaction. */
enum kerr_code app_case_transfer(struct app *app, const struct policy_actor *actor,
	int64_t case_id, const char *office_code, const char *reason, struct kerr *err);
/* The names of the users the case may be assigned to (unlocked prosecutors
 * of its office), for a form; needs case.assign. Arena-owned. */
enum kerr_code app_case_assignees(struct app *app, const struct policy_actor *actor,
	int64_t case_id, struct arena *a, const char ***names, size_t *n, struct kerr *err);

/* The assigned_to of a case list filter for spec: a user name, "me" (the
 * actor) or "nobody" (-1); NULL or "" is 0 (any). An unknown user is
 * KERR_INVALID on "assigned_to". */
enum kerr_code app_assignee_filter(struct app *app, const struct policy_actor *actor,
	const char *spec, int64_t *id, struct kerr *err);

/* ---- the State's response (app/response.c) ---- */
/* Record one protection measure, service or referral for the victim
 * person_id of the case (`case protect`): the same as adding it to
 * persons[].victim.protection through case update, with the same rules
 * (consent, the single interview) and one revision; refusals name the
 * option (--victim, --measure, --consent...). Needs case.update. */
enum kerr_code app_case_protect(struct app *app, const struct policy_actor *actor,
	int64_t case_id, int64_t person_id, const struct protection *pr, const char *reason,
	struct kerr *err);
/* Add one step to the life of asset asset_id of the case (`case asset`),
 * and its forfeiture file number when given: as through case update (an
 * asset never seized is not confiscated, forfeited or disposed of), one
 * revision. Needs case.update. */
enum kerr_code app_case_asset_step(struct app *app, const struct policy_actor *actor,
	int64_t case_id, int64_t asset_id, const struct asset_measure *step,
	const char *forfeiture_file, const char *reason, struct kerr *err);

/* Police intake (issue 10, item 6): the reports the police sent (their
 * report numbers, RETA and SIDPOL references, a CSV file the police
 * export: a header naming some of number, reta, sidpol, date, unit), and
 * which of them no case names in its police_report, among the cases the
 * actor may list (an office's own and those shared with it). Each row
 * with no number, RETA nor SIDPOL reference is refused naming its line.
 * out: the reports without a case, in file order (arena a). */
struct app_police_ref {
	size_t line;                  /* in the file (the header is line 1) */
	const char *number, *reta, *sidpol, *date, *unit;
};
enum kerr_code app_police_reconcile(struct app *app, const struct policy_actor *actor,
	const char *csv, size_t n, struct arena *a, struct app_police_ref **out, size_t *nout,
	size_t *nreports, struct kerr *err);

/* ---- persons (app/persons.c) ---- */
enum app_search_by { APP_BY_NAME, APP_BY_DOC, APP_BY_PHONE };
struct app_person_hit {
	struct person person;            /* identity masked or NULL as for show */
	int score;                       /* name tokens matched (exact match = 100) */
	struct participation *parts;     /* the person's roles across cases: id, case_id,
	                                    person_id and role only */
	size_t nparts;
	const char **case_numbers;       /* parallel to parts */
	int joinable;                    /* 1: the actor may add this person to a case
	                                    (app_person_check_join's rule: she may read
	                                    and reveal her in one of these cases) */
};
enum kerr_code app_person_search(struct app *app, const struct policy_actor *actor,
	enum app_search_by by, const char *value, struct arena *a,
	struct app_person_hit **out, size_t *n, struct kerr *err);

/* One person (app/personview.c): non-identifying attributes, the name
 * masked (or NULL where the role sees no identity of that kind), and the
 * participations in the cases the actor may read (with their numbers).
 * Needs person.search; KERR_NOTFOUND when the person is in no such case. */
enum kerr_code app_person_show(struct app *app, const struct policy_actor *actor,
	int64_t person_id, struct arena *a, struct app_person_hit *out, struct kerr *err);

/* ---- maintenance (app/maint.c) ---- */
enum kerr_code app_backup(struct app *app, const struct policy_actor *actor,
	const char *path, struct kerr *err);
enum kerr_code app_restore(struct app *app, const struct policy_actor *actor,
	const char *path, struct kerr *err);
/* *exists = 1 when db_url holds a register: the SQLite file exists, or the
 * server's database holds a key fingerprint. A server that cannot be
 * reached is an error, not "no register". */
enum kerr_code app_register_exists(const char *db_url, int *exists, struct kerr *err);
/* Disaster recovery: rebuild the register at db_url, where none exists
 * (no SQLite file; an empty or only migrated server database), from the
 * backup at path and the key file at key_path alone. The backup is checked
 * as for app_restore (this key, intact audit trail) before anything is
 * created; on any error nothing is left behind (the SQLite file is removed,
 * the server's copy rolled back). Acts as the system actor; audited in the
 * restored trail. */
enum kerr_code app_restore_new(const char *db_url, const char *key_path, const char *path,
	struct kerr *err);
enum kerr_code app_check(struct app *app, void (*report)(void *ctx, const char *line),
	void *ctx, struct kerr *err);
/* New key, every sealed value and blind index redone, in one transaction. */
enum kerr_code app_key_rotate(struct app *app, const struct policy_actor *actor,
	size_t *resealed, struct kerr *err);

/* ---- moving a register between stores (app/migrate.c) ---- */
struct app_migrate_report {
	int64_t cases;           /* cases on the target */
	int64_t audit_entries;   /* entries verified on the target (before the move's own) */
};
/* Move the whole register at from_url (sealed with the key at key_path)
 * into the empty database at to_url: every row as it is, a digest of both
 * sides compared, key and audit chain verified on the target and the move
 * audited there, in one transaction of the target; on any error nothing is
 * written. The source is read only (and held still while it is read).
 * progress(ctx, rows done, rows total) may be NULL. */
enum kerr_code app_migrate(const char *from_url, const char *to_url, const char *key_path,
	void (*progress)(void *ctx, size_t done, size_t total), void *ctx,
	struct app_migrate_report *rep, struct kerr *err);

/* ---- demo (app/demo.c) ---- */
/* A synthetic register of ncases cases, clearly marked synthetic (meta
 * "synthetic"=1 and each case flagged), with the offices it needs and one
 * user per role named demo-<role> with the given password. Deterministic:
 * the same seed gives the same register. */
enum kerr_code app_demo(struct app *app, const struct policy_actor *actor, size_t ncases,
	uint64_t seed, const char *password,
	void (*progress)(void *ctx, size_t done, size_t total), void *ctx, struct kerr *err);

/* ---- signing in, sessions, API tokens (app/sessions.c) ---- */
#define APP_TOKEN_HEX          64            /* a 256-bit secret in hex */
#define APP_SESSION_IDLE       (30 * 60)     /* web session idle time-out, seconds */
#define APP_SESSION_ABSOLUTE   (12 * 3600)   /* web session absolute time-out */
enum app_session_kind { APP_SESSION_WEB, APP_SESSION_API };
/* One sign-in attempt. */
struct app_login_try {
	const char *username, *password;
	const char *totp;          /* the 6-digit code, or NULL */
	const char *from;          /* the client's address (the delay by address); NULL: none */
	int64_t *retry_after;      /* out, may be NULL: seconds to wait when refused for that */
};
/* Check a user name, password and (when enrolled) second factor: Argon2id,
 * and an unknown name costs the same time. Every failure gets the same
 * KERR_DENIED message, whatever failed. After failures the next attempt
 * must wait, by address and by account (sessions.c says how): such an
 * attempt is refused at once with *retry_after set. Audited. *lang (may be
 * NULL) receives the user's language. Strings live in a. */
enum kerr_code app_login(struct app *app, const struct app_login_try *in, struct arena *a,
	struct policy_actor *out, const char **lang, struct kerr *err);
/* Forget every failed sign-in counted so far (tests; a restart does it). */
void app_login_forget_failures(void);
/* Tests: the clock of the waits (seconds); NULL: time(). */
void app_login_set_clock(int64_t (*now)(void));
/* The optional second factor (app/totp.c). Enrol: a new TOTP secret for
 * username (the user itself, or an administrator), sealed, audited; *secret
 * receives it in base32 for the authenticator app (caller frees). From then
 * on app_login wants the code: totp (6 digits, RFC 6238, 30 s steps). */
enum kerr_code app_totp_enrol(struct app *app, const struct policy_actor *actor,
	const char *username, char **secret, struct kerr *err);
/* Check code for user_id: *enrolled says whether the user has a secret;
 * KERR_OK when not enrolled or the code is valid, KERR_DENIED otherwise. */
enum kerr_code app_totp_check(struct app *app, int64_t user_id, const char *code,
	int *enrolled, struct kerr *err);
/* A new session (web) or bearer token (api) for actor, living lifetime
 * seconds (web: at most APP_SESSION_ABSOLUTE). token receives the secret. */
enum kerr_code app_session_create(struct app *app, enum app_session_kind kind,
	const struct policy_actor *actor, int64_t lifetime, char token[APP_TOKEN_HEX + 1],
	struct kerr *err);
/* The actor of a live session or token; KERR_DENIED when unknown, ended,
 * idle too long, or its user is locked. */
enum kerr_code app_session_resolve(struct app *app, enum app_session_kind kind,
	const char *token, struct arena *a, struct policy_actor *out, struct kerr *err);
/* Sign out: forget the session (unknown tokens are fine). */
enum kerr_code app_session_end(struct app *app, const char *token, struct kerr *err);
/* Revoke an API token (audited); KERR_NOTFOUND when there is none. */
enum kerr_code app_token_revoke(struct app *app, const char *token, struct kerr *err);
/* The actor's own language of the user interface ("es" or "en"), kept for
 * the next sign-in; audited when it changes. */
enum kerr_code app_user_set_lang(struct app *app, const struct policy_actor *actor,
	const char *lang, struct kerr *err);
/* Live web sessions (for the metrics). */
enum kerr_code app_session_count(struct app *app, int64_t *n, struct kerr *err);
/* BLAKE2b-256 of a secret, as stored. */
void app_token_hash(const char *token, unsigned char out[32]);

/* ---- read-only requests (app/request.c) ---- */
/* Run what follows in one read transaction until app_read_end (a web GET):
 * faster, and one consistent view. Writes inside still work (they end it). */
enum kerr_code app_read_begin(struct app *app, struct kerr *err);
void app_read_end(struct app *app);
/* The version of the register: the head of the audit trail. Every change
 * the app layer makes appends an audit entry, so two equal versions mean no
 * use case changed anything in between (caches key on it). */
struct app_version {
	int64_t seq;
	unsigned char hash[32];
};
enum kerr_code app_register_version(struct app *app, struct app_version *out,
	struct kerr *err);

/* ---- helpers shared by the use cases ---- */
/* "María Quispe" -> "M*** Q***". Result in arena. */
const char *app_mask(struct arena *a, const char *clear);

#endif
