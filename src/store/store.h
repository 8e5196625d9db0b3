/*
 * store.h — the storage interface of Khipu: the only way to the database.
 *
 * One typed function per operation, the same for every backend. Backends
 * (SQLite now, PostgreSQL next) supply only primitive operations and their
 * SQL text in store_int.h; nothing above this header knows which one runs.
 *
 * The store holds identities only as sealed blobs (table `sealed`) and blind
 * index hashes (table `blind`); it never sees a key. Sealing is the app
 * layer's job (crypto/vault.h).
 *
 * Writes that span rows run between store_begin() and store_commit(); on any
 * error the caller calls store_rollback() and nothing is left half-written.
 * Objects read are allocated in the caller's arena.
 * All functions return KERR_OK or an error code with err filled.
 */
#ifndef KHIPU_STORE_H
#define KHIPU_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "lib/arena.h"
#include "lib/kerr.h"

struct store;

enum store_open_flags {
	STORE_CREATE   = 1 << 0,   /* create the database if missing (init only) */
	STORE_READONLY = 1 << 1,
};

/* url: a file path, "sqlite:PATH", or (later) "postgresql://...". Without
 * STORE_CREATE a missing database is KERR_IO "database 'x' does not exist".
 * Opening does not migrate; call store_migrate(). */
enum kerr_code store_open(const char *url, int flags, struct store **out, struct kerr *err);
void store_close(struct store *st);
/* url fit for a message or a log line: a password in it (user:PASSWORD@ or
 * password=...) becomes "***". The caller frees the result. */
char *store_url_redact(const char *url);
const char *store_backend(const struct store *st);          /* "sqlite" */
const char *store_url(const struct store *st);

/* Apply pending numbered migrations (each in its own transaction). Fails with
 * KERR_INTEGRITY when the schema is newer than this binary. */
enum kerr_code store_migrate(struct store *st, struct kerr *err);
int store_schema_version(struct store *st);   /* 0 = empty database */
int store_schema_latest(void);                /* the newest this binary knows */
/* 1 when every migration this binary knows is recorded (a number can land
 * below one a register already has: store_migrate), else 0 */
int store_schema_current(struct store *st);

/* Write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: the register's
 * write lock, see store_pg.c). Not nestable. */
enum kerr_code store_begin(struct store *st, struct kerr *err);
/* A read-only transaction in which every read sees one snapshot, without
 * blocking writers where the backend can (PostgreSQL); elsewhere the write
 * transaction. Ended by store_commit or store_rollback. */
enum kerr_code store_begin_read(struct store *st, struct kerr *err);
enum kerr_code store_commit(struct store *st, struct kerr *err);
void store_rollback(struct store *st);          /* no-op outside a transaction */
/* Not to be confused with store_begin_read: a read transaction around a
 * request that only reads (a web page): every statement until
 * store_request_end runs in it, so the backend takes its locks
 * once instead of per statement. store_begin ends it first, so a use case
 * that writes (an audit entry) still gets its own write transaction.
 * Harmless to end twice; a no-op inside a write transaction. */
enum kerr_code store_request_begin(struct store *st, struct kerr *err);
void store_request_end(struct store *st);

/* A write transaction for loading many rows into a register that holds few
 * (the demo into a new register): the same guarantees as store_begin (all or
 * nothing, every constraint checked, a durable commit), but the upkeep of
 * secondary indexes and blind indexes waits for store_commit, which rebuilds
 * them in one sorted pass, and the backend may journal the load its cheapest
 * way (SQLite: a rollback journal instead of the WAL when no other
 * connection is open). Reads inside it see every row, without the indexes'
 * speed. Never for a write into a large register: the commit costs a pass
 * over every indexed table. */
enum kerr_code store_begin_bulk(struct store *st, struct kerr *err);

/* ---- meta: key/value settings (key fingerprint, audit head, synthetic) ---- */
enum kerr_code store_meta_get(struct store *st, const char *key, struct arena *a,
	const char **val, struct kerr *err);      /* KERR_NOTFOUND if absent */
enum kerr_code store_meta_set(struct store *st, const char *key, const char *val,
	struct kerr *err);

/* ---- offices ---- */
enum kerr_code store_office_insert(struct store *st, struct office *o, struct kerr *err);
	/* sets o->id; KERR_CONFLICT when the code exists */
enum kerr_code store_office_get(struct store *st, int64_t id, struct arena *a,
	struct office *out, struct kerr *err);
enum kerr_code store_office_by_code(struct store *st, const char *code, struct arena *a,
	struct office *out, struct kerr *err);
enum kerr_code store_office_list(struct store *st, struct arena *a,
	struct office **out, size_t *n, struct kerr *err);   /* ordered by code */

/* ---- users ---- */
enum kerr_code store_user_insert(struct store *st, struct user *u, struct kerr *err);
	/* sets u->id; KERR_CONFLICT when the name exists */
enum kerr_code store_user_by_name(struct store *st, const char *name, struct arena *a,
	struct user *out, struct kerr *err);
enum kerr_code store_user_get(struct store *st, int64_t id, struct arena *a,
	struct user *out, struct kerr *err);
enum kerr_code store_user_list(struct store *st, struct arena *a,
	struct user **out, size_t *n, struct kerr *err);     /* ordered by name */
/* Updates role, office_id, locked, pwhash, lang, failed_logins by id. */
enum kerr_code store_user_update(struct store *st, const struct user *u, struct kerr *err);

/* ---- sealed identities and blind indexes ---- */
/* Insert or replace the blob of table/row/column. */
enum kerr_code store_sealed_put(struct store *st, const char *table, int64_t row,
	const char *column, const unsigned char *blob, size_t n, struct kerr *err);
/* KERR_NOTFOUND when there is none. */
enum kerr_code store_sealed_get(struct store *st, const char *table, int64_t row,
	const char *column, struct arena *a, const unsigned char **blob, size_t *n,
	struct kerr *err);
/* Every sealed blob, in a stable order; cb returning non-zero stops the walk
 * with KERR_INTERNAL unless cb set err itself. Used by key rotation. */
typedef int (*store_sealed_cb)(void *ctx, const char *table, int64_t row,
	const char *column, const unsigned char *blob, size_t n, struct kerr *err);
enum kerr_code store_sealed_foreach(struct store *st, store_sealed_cb cb, void *ctx,
	struct kerr *err);
enum kerr_code store_blind_put(struct store *st, const char *kind,
	const unsigned char *hash, size_t hashlen, const char *table, int64_t row,
	struct kerr *err);
/* Rows of table indexed under kind/hash, ascending, at most max. */
enum kerr_code store_blind_find(struct store *st, const char *kind,
	const unsigned char *hash, size_t hashlen, const char *table, struct arena *a,
	int64_t **rows, size_t *n, size_t max, struct kerr *err);
enum kerr_code store_blind_clear(struct store *st, struct kerr *err);  /* all rows */

/* ---- cases ---- */
/* Inserts the case row with its offences, related offences and shares;
 * sets c->id. Children are inserted with their own functions below.
 * KERR_CONFLICT when the number exists. */
enum kerr_code store_case_insert(struct store *st, struct kcase *c, struct kerr *err);
/* A whole case with its participations (person's non-identifying fields
 * filled), events (by date, then id), assets with measures, identifiers
 * (without values), requests, shares, its assignee and its transfers
 * (without reasons). KERR_NOTFOUND if absent. */
enum kerr_code store_case_get(struct store *st, int64_t id, struct arena *a,
	struct kcase *out, struct kerr *err);
enum kerr_code store_case_id_by_number(struct store *st, const char *number,
	int64_t *id, struct kerr *err);
/* Cache what is derived from the events (for listing and filtering): the
 * stage and the running legal term (term->kind NULL: none). */
enum kerr_code store_case_set_derived(struct store *st, int64_t id, const char *stage,
	const struct case_term *term, struct kerr *err);
enum kerr_code store_case_share(struct store *st, int64_t case_id, int64_t office_id,
	struct kerr *err);

/* ---- assignment and transfer (store_assign.c, 0007_assignment.sql) ---- */
/* Make user_id (0 = nobody) the case's assignee, and username (NULL when
 * nobody) the assignee of its statistical case fact. KERR_NOTFOUND when
 * there is no such case. */
enum kerr_code store_case_assign(struct store *st, int64_t case_id, int64_t user_id,
	const char *username, struct kerr *err);
/* Move case t->case_id from t->from_office to the office to (t->to_office
 * = to->id): the case row with all it holds, unassigned; a share of the
 * case with the new office is dropped (it owns the case now); the transfer
 * is recorded (t->id set; the reason is sealed by the caller); the case's
 * statistical facts and their counts in the cubes by office move too.
 * Atomic, inside the caller's transaction or its own. */
enum kerr_code store_case_transfer(struct store *st, struct case_transfer *t,
	const struct office *to, struct kerr *err);
/* The transfers of a case, oldest first, with office codes and the name of
 * who made each; reasons NULL. */
enum kerr_code store_case_transfers(struct store *st, int64_t case_id, struct arena *a,
	struct case_transfer **out, size_t *n, struct kerr *err);

struct store_case_filter {
	int64_t office_id;        /* 0 = every office; else owned by or shared with it */
	const char *stage;        /* NULL = any */
	const char *department;   /* 2-digit UBIGEO of the place of the facts, NULL = any */
	int year;                 /* complaint year, 0 = any */
	const char *exploitation; /* a victim of the case has this form, NULL = any */
	const char *number_like;  /* substring of the case number, NULL = any */
	const char *due_from;     /* a running term due on or after this date, */
	const char *due_to;       /* and before this one (NULL = no bound); both
	                             NULL = any case, with a term or without */
	int64_t owner_office_id;  /* 0 = any; else only the cases this office owns */
	enum store_case_sort {
		STORE_CASE_NEWEST = 0,    /* complaint date, newest first (the default) */
		STORE_CASE_OLDEST,        /* complaint date, oldest first */
		STORE_CASE_NUMBER,        /* case number */
		STORE_CASE_DUE,           /* the running term's due date, earliest first
		                             (cases without a term last) */
	} sort;
	int64_t assigned_to;      /* 0 = any; -1 = assigned to nobody; > 0 that user's
	                             cases (other values match none) */
	size_t limit;             /* 0 = no limit */
	size_t offset;
};
/* Summary rows (no children): number, office, dates, place, stage,
 * offences, plus the counts below. Ordered by complaint date desc, id desc. */
struct store_case_row {
	struct kcase c;
	const char *office_code;
	int nvictims;
	int nsuspects;
};
enum kerr_code store_case_list(struct store *st, const struct store_case_filter *f,
	struct arena *a, struct store_case_row **out, size_t *n, struct kerr *err);
/* How many cases the filter matches (limit, offset and sort ignored),
 * counting at most cap (0 = no cap), so a count stays cheap on a large register. */
enum kerr_code store_case_list_count(struct store *st, const struct store_case_filter *f,
	int64_t cap, int64_t *n, struct kerr *err);
enum kerr_code store_case_count(struct store *st, int64_t *n, struct kerr *err);

/* ---- legal terms (store_case.c) ---- */
struct store_term_row {
	int64_t case_id;
	const char *number;
	const char *office_code;
	const char *stage;
	struct case_term term;
};
/* Cases with a running term due in [due_from, due_to) (NULL: unbounded),
 * owned by or shared with office_id (0 = all), by due date then id; at
 * most limit (0 = all). */
enum kerr_code store_case_terms(struct store *st, int64_t office_id, const char *due_from,
	const char *due_to, size_t limit, struct arena *a, struct store_term_row **out,
	size_t *n, struct kerr *err);
struct store_count_row {
	const char *key;
	int64_t count;
};
/* Cases whose term was due before today, per office code (by code). */
enum kerr_code store_terms_overdue_by_office(struct store *st, const char *today,
	struct arena *a, struct store_count_row **out, size_t *n, struct kerr *err);
/* Every case's events (id, stage, date), one case at a time by case id; cb
 * returning non-zero stops the walk with the code it set in err (or
 * KERR_INTERNAL). */
typedef int (*store_case_events_cb)(void *ctx, int64_t case_id, const struct event *ev,
	size_t n);
enum kerr_code store_events_by_case(struct store *st, store_case_events_cb cb, void *ctx,
	struct kerr *err);

/* ---- children of a case ---- */
enum kerr_code store_person_insert(struct store *st, struct person *p, struct kerr *err);
enum kerr_code store_person_get(struct store *st, int64_t id, struct arena *a,
	struct person *out, struct kerr *err);   /* non-identifying fields only */
/* Inserts a participation with its victim or suspect attributes (multi-valued
 * codes, coercive measures); sets p->id. p->case_id, p->person_id are set. */
enum kerr_code store_participation_insert(struct store *st, struct participation *p,
	struct kerr *err);
/* Every participation of a person across cases (no person filled). */
enum kerr_code store_person_participations(struct store *st, int64_t person_id,
	struct arena *a, struct participation **out, size_t *n, struct kerr *err);
/* What a search needs to show hits and check the policy, for many persons
 * at once and without reading whole cases: each person's non-identifying
 * fields and roles, each role with its case's number, office and shares. */
struct store_person_role {
	int64_t participation_id;
	int64_t case_id;
	const char *role;
	const char *case_number;
	int64_t office_id;            /* the case's office */
	int64_t *shared_with;         /* offices the case is shared with */
	size_t nshared;
};
struct store_person_roles {
	struct person person;         /* non-identifying fields; id 0 if no such person */
	struct store_person_role *roles;   /* by case id, role */
	size_t nroles;
};
/* out[i] describes ids[i], for i < n. */
enum kerr_code store_person_roles(struct store *st, const int64_t *ids, size_t n,
	struct arena *a, struct store_person_roles *out, struct kerr *err);
enum kerr_code store_event_insert(struct store *st, struct event *e, struct kerr *err);
enum kerr_code store_asset_insert(struct store *st, struct asset *as, struct kerr *err);
enum kerr_code store_identifier_insert(struct store *st, struct identifier *id,
	struct kerr *err);
enum kerr_code store_identifier_get(struct store *st, int64_t id, struct arena *a,
	struct identifier *out, struct kerr *err);
enum kerr_code store_request_insert(struct store *st, struct intl_request *r,
	struct kerr *err);

/* ---- amending a case (store_revision.c; migration 0008_revisions) ---- */
/* The case row's own fields (number, complaint, place, stage) with its
 * offences and related offences replaced; the shares replaced when
 * shares is set. KERR_CONFLICT when the number is another case's. */
enum kerr_code store_case_update(struct store *st, const struct kcase *c, int shares,
	struct kerr *err);
/* Move case id from version expected to expected + 1: KERR_STALE when its
 * version is not expected any more (someone else's update came first). */
enum kerr_code store_case_bump(struct store *st, int64_t id, int64_t expected,
	struct kerr *err);
/* The non-identifying fields of person pe->id. */
enum kerr_code store_person_update(struct store *st, const struct person *pe,
	struct kerr *err);
/* A participation (pa->id) with its codes and measures replaced. */
enum kerr_code store_participation_update(struct store *st, const struct participation *pa,
	struct kerr *err);
enum kerr_code store_event_update(struct store *st, const struct event *e, struct kerr *err);
/* An asset (as->id) with its measures replaced. */
enum kerr_code store_asset_update(struct store *st, const struct asset *as, struct kerr *err);
enum kerr_code store_identifier_update(struct store *st, const struct identifier *id,
	struct kerr *err);
enum kerr_code store_request_update(struct store *st, const struct intl_request *r,
	struct kerr *err);
/* Every request (not removed) of the cases office_id owns or shares (0 =
 * every case), due date first (none last), each with its case's number and
 * office. Arena-owned. */
struct store_request_row {
	struct intl_request r;
	const char *case_number;
	int64_t office_id;
};
/* The case of request id; KERR_NOTFOUND when there is none (or removed). */
enum kerr_code store_request_case(struct store *st, int64_t id, int64_t *case_id,
	struct kerr *err);
enum kerr_code store_request_list(struct store *st, int64_t office_id, struct arena *a,
	struct store_request_row **out, size_t *n, struct kerr *err);
/* The children a document can hold, for store_child_remove. */
enum store_child {
	STORE_CHILD_PARTICIPATION,
	STORE_CHILD_EVENT,
	STORE_CHILD_ASSET,
	STORE_CHILD_IDENTIFIER,
	STORE_CHILD_REQUEST,
	STORE_CHILD__MAX
};
/* Mark a child removed by version (never deleted): every read ignores it. */
enum kerr_code store_child_remove(struct store *st, enum store_child kind, int64_t id,
	int64_t version, struct kerr *err);
/* Forget a sealed value (an erased field) / a blind index entry (an
 * identity that changed). Absent ones are not an error. */
enum kerr_code store_sealed_delete(struct store *st, const char *table, int64_t row,
	const char *column, struct kerr *err);
enum kerr_code store_blind_delete(struct store *st, const char *kind,
	const unsigned char *hash, size_t hashlen, const char *table, int64_t row,
	struct kerr *err);
/* One revision of a case: the version it made, when, who, how many paths
 * changed (what changed is sealed by the app layer under its id). */
struct store_revision {
	int64_t id;
	int64_t case_id;
	int64_t version;
	int64_t ts;
	const char *actor;
	int changes;
};
enum kerr_code store_revision_insert(struct store *st, struct store_revision *r,
	struct kerr *err);   /* sets r->id */
/* Every revision of a case, by version. */
enum kerr_code store_revision_list(struct store *st, int64_t case_id, struct arena *a,
	struct store_revision **out, size_t *n, struct kerr *err);

/* ---- audit trail (rows are only ever appended) ---- */
enum kerr_code store_audit_append(struct store *st, const struct audit_entry *e,
	struct kerr *err);
/* The entry with the highest seq; KERR_NOTFOUND when the trail is empty. */
enum kerr_code store_audit_last(struct store *st, struct arena *a,
	struct audit_entry *out, struct kerr *err);
/* Every entry in physical order of seq ascending; cb non-zero stops. */
typedef int (*store_audit_cb)(void *ctx, const struct audit_entry *e);
enum kerr_code store_audit_foreach(struct store *st, int64_t from_seq, store_audit_cb cb,
	void *ctx, struct kerr *err);
/* Which entries store_audit_page reads; every member 0/NULL = any. */
struct store_audit_filter {
	const char *actor;        /* a user name, "system" */
	const char *action;       /* "case.create" */
	int64_t case_id;          /* the object "case:ID", or an entry whose detail
	                             names it ("case":ID: reveals of its persons) */
	int64_t from_ts, to_ts;   /* [from, to) in unix seconds */
	int64_t before_seq;       /* only entries older than this one (paging) */
	size_t limit;             /* 0 = no limit */
};
/* The entries that match f, newest first; *out in a. */
enum kerr_code store_audit_page(struct store *st, const struct store_audit_filter *f,
	struct arena *a, struct audit_entry **out, size_t *n, struct kerr *err);

/* ---- web sessions and API tokens (store_session.c) ---- */
/* Only the hash of a session's secret is stored. kind is "web" or "api". */
struct store_session {
	int64_t id;
	int64_t user_id;
	int64_t created, last_seen, expires;   /* unix seconds */
};
enum kerr_code store_session_insert(struct store *st, const char *kind,
	const unsigned char *hash, size_t hashlen, int64_t user_id, int64_t now,
	int64_t expires, int64_t *id, struct kerr *err);
/* KERR_NOTFOUND when no session of that kind has this hash. */
enum kerr_code store_session_get(struct store *st, const char *kind,
	const unsigned char *hash, size_t hashlen, struct store_session *out, struct kerr *err);
enum kerr_code store_session_touch(struct store *st, int64_t id, int64_t now,
	struct kerr *err);
/* Deleting a hash that is not there is not an error. */
enum kerr_code store_session_delete(struct store *st, const unsigned char *hash,
	size_t hashlen, struct kerr *err);
/* Drop every web session and API token of a user (password change, lock). */
enum kerr_code store_session_delete_user(struct store *st, int64_t user_id, struct kerr *err);
/* Drop sessions past their expiry, and web sessions idle since before idle_before. */
enum kerr_code store_session_purge(struct store *st, int64_t now, int64_t idle_before,
	struct kerr *err);
enum kerr_code store_session_count(struct store *st, const char *kind, int64_t now,
	int64_t idle_before, int64_t *n, struct kerr *err);

/* ---- maintenance ---- */
/* Online, consistent copy of the whole database into a new file at path
 * (fails if path exists). */
enum kerr_code store_backup(struct store *st, const char *path, struct kerr *err);
/* Replace the database's contents with those of the backup at path, online
 * and atomically. */
enum kerr_code store_restore(struct store *st, const char *path, struct kerr *err);
/* ---- copying a whole register between stores (store_copy.c) ---- */
/* KERR_INVALID when st holds a table a copy would not move (a table added
 * by a migration but not to store_copy_tables.h): nothing is ever dropped. */
enum kerr_code store_copy_check_tables(struct store *st, struct kerr *err);
/* *empty = 1 when st's register holds no row of meta (new, or only migrated). */
enum kerr_code store_copy_is_empty(struct store *st, int *empty, struct kerr *err);
/* Inside dst's open transaction (and src's read transaction, if any):
 * delete every row of dst when clear, copy every row of every table of src
 * as it is (sealed values and the audit trail byte for byte), move dst's id
 * counters past the ids copied, then compare a digest of every row of both:
 * KERR_INTEGRITY when they differ. Both must be at the same schema version.
 * progress(ctx, rows done, rows total) may be NULL. The caller commits. */
enum kerr_code store_copy_all(struct store *src, struct store *dst, int clear,
	void (*progress)(void *ctx, size_t done, size_t total), void *ctx, struct kerr *err);
/* After the copy's commit: let the backend catch up with the load (the
 * PostgreSQL planner's statistics). Failing here loses nothing. */
enum kerr_code store_copy_after_load(struct store *st, struct kerr *err);

/* Integrity and foreign-key check; problems are reported one per line via
 * report(ctx, line); returns KERR_INTEGRITY when any. */
enum kerr_code store_check(struct store *st, void (*report)(void *ctx, const char *line),
	void *ctx, struct kerr *err);

/* ---- the State's response (store_response.c, 0011_response.sql) ---- */
/* The protection measures of victim participation pa (pa->id set), in
 * place of those stored (fresh: none stored yet). Nothing for other roles. */
enum kerr_code store_protections_write(struct store *st, const struct participation *pa,
	int fresh, struct kerr *err);
/* An asset's owner (as->owner_part), relation and forfeiture file, and its
 * steps' realised values and references, after its row and steps are
 * written (store_asset_insert and store_asset_update call it). */
enum kerr_code store_asset_life_write(struct store *st, const struct asset *as,
	struct kerr *err);
/* Tie identifier ident_id to asset asset_id (0: to none). */
enum kerr_code store_identifier_set_asset(struct store *st, int64_t ident_id,
	int64_t asset_id, struct kerr *err);
/* The police report of case c->id (c->police). */
enum kerr_code store_case_intake_write(struct store *st, const struct kcase *c,
	struct kerr *err);
/* After the children of c are read: its police report, its victims'
 * protection, its assets' owners, files, values, references, and which
 * identifiers lead to which asset (store_children_read calls it). */
enum kerr_code store_response_read(struct store *st, struct arena *a, struct kcase *c,
	struct kerr *err);

/* How many cases (of office_id and those shared with it; 0 = any) name
 * the police report with this number, RETA or SIDPOL reference (NULL:
 * not given; at least one is). */
enum kerr_code store_case_police_ref(struct store *st, const char *number, const char *reta,
	const char *sidpol, int64_t office_id, int64_t *n, struct kerr *err);

/* The response statistics: groups of protection measures or of assets
 * (store_response_sql.h). Columns are these numbers; rows are sorted as
 * SQL orders them (unknown first), keys in arena a. */
enum store_resp_col {
	SRC_NONE = 0, SRC_YEAR, SRC_MONTH, SRC_OFFICE, SRC_DISTRITO_FISCAL, SRC_REGION,
	SRC_PROTECTION, SRC_PROVIDER, SRC_RESULT, SRC_CONSENT, SRC_SEX, SRC_AGE_GROUP,
	SRC_NATIONALITY, SRC_ASSET_KIND, SRC_ASSET_STAGE, SRC_CURRENCY,
};
enum store_resp_what {
	SRW_PROTECTIONS,        /* protection measures */
	SRW_PROTECTED_VICTIMS,  /* distinct victims with a measure */
	SRW_ASSETS,             /* assets at their current stage */
	SRW_STAGE_VALUE,        /* their estimated values */
	SRW_FIRST_VALUE,        /* estimated values of assets by their first step in codes */
	SRW_REALISED_VALUE,     /* realised values of steps in codes */
};
struct store_resp_query {
	enum store_resp_what what;
	int cols[4];                 /* enum store_resp_col */
	int from, to;                /* years (of the measure or step), 0 = open */
	int where_col[3];
	const char *where_val[3];
	const char *codes;           /* ",seized,frozen,": the steps counted */
};
struct store_stat_row;
enum kerr_code store_resp_stat_query(struct store *st, const struct store_resp_query *q,
	struct arena *a, struct store_stat_row **out, size_t *n, struct kerr *err);

#endif
