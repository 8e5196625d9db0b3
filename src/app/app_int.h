/*
 * app_int.h — private helpers shared by the app layer's files.
 */
#ifndef KHIPU_APP_INT_H
#define KHIPU_APP_INT_H

#include <jansson.h>

#include "app/app.h"
#include "crypto/vault.h"
#include "lib/norm.h"
#include "store/store.h"

/* Run policy_check and, when denied, record the refusal in the audit trail
 * (in its own transaction) before returning KERR_DENIED. */
enum kerr_code app_allow(struct app *app, const struct policy_actor *actor,
	enum pol_action action, const struct policy_case *c, const char *object,
	struct kerr *err);
/* The text of an audit detail built with jansson: o (stolen) as compact
 * JSON with sorted keys, malloc'd (caller frees). A value jansson refuses
 * is a bug, never a silently missing entry: it aborts. */
char *app_audit_detail(json_t *o);

/* caseview.c: a redactor holding every identity value of case c's persons
 * (what free text must not show without a reveal); case update compares
 * submitted free text with the masked form case show printed. */
struct redact;
enum kerr_code app_case_redactor(struct app *app, const struct kcase *c, struct arena *a,
	struct redact **out, struct kerr *err);
/* KERR_OK when app's key file is the one its database was created with. */
enum kerr_code app_check_key(struct app *app, struct kerr *err);
/* Record in the register (inside the caller's transaction) that its values
 * are sealed and indexed with the vault's current key: init, rotation and
 * restore; app_open makes that key the current one again. */
enum kerr_code app_key_record(struct app *app, struct kerr *err);
/* Seal clear text (may be NULL or "": nothing stored) for table/row/column.
 * A person's identity fields ("person", "name"|"alias"|"doc_number"|
 * "birth_date"|"address") live in one record (app_seal_person): sealing one
 * of them alone rewrites that record. */
enum kerr_code app_seal(struct app *app, const char *table, int64_t row,
	const char *column, const char *clear, struct kerr *err);
/* Seal n bytes as they are (key rotation reseals records this way). */
enum kerr_code app_seal_raw(struct app *app, const char *table, int64_t row,
	const char *column, const void *clear, size_t n, struct kerr *err);
/* Open a sealed value; *clear = NULL when none is stored. Arena-owned.
 * Person identity fields are read from the person's record. */
enum kerr_code app_unseal(struct app *app, struct arena *a, const char *table, int64_t row,
	const char *column, const char **clear, struct kerr *err);
/* A person's identity fields (name, alias, doc_number, birth_date, address)
 * sealed as one record, "person"/"identity"/person_id; nothing is stored
 * when all are empty. */
enum kerr_code app_seal_person(struct app *app, int64_t person_id, const struct person *p,
	struct kerr *err);
/* Fill p's identity fields from the record of p->id (NULL when absent). */
enum kerr_code app_unseal_person(struct app *app, struct arena *a, struct person *p,
	struct kerr *err);
/* Zero the identity fields of p in memory (arena strings) and drop them. */
void app_person_wipe(struct person *p);
/* Decode an opened record (n bytes) into p's identity fields (arena a). */
enum kerr_code app_person_record_parse(const char *rec, size_t n, struct arena *a,
	struct person *p, struct kerr *err);
/* The distinct phonetic keys of a name's words, sorted (at most max), and
 * the value the pair index "name_ph2" hashes for keys a < b. */
size_t app_name_keys(const char *name, char keys[][NORM_TOKEN_LEN], size_t max);
void app_name_pair(const char *a, const char *b, char out[2 * NORM_TOKEN_LEN]);
/* Blind-index the identity fields of a person / an identifier. */
enum kerr_code app_index_person(struct app *app, int64_t person_id, const struct person *p,
	struct kerr *err);
enum kerr_code app_index_identifier(struct app *app, int64_t ident_id, const char *kind,
	const char *value, struct kerr *err);
/* Drop the blind index entries app_index_person / app_index_identifier
 * made for these values (an identity that changed or was removed). */
enum kerr_code app_unindex_person(struct app *app, int64_t person_id, const struct person *p,
	struct kerr *err);
enum kerr_code app_unindex_identifier(struct app *app, int64_t ident_id, const char *kind,
	const char *value, struct kerr *err);
/* The person of participation p (index idx of the document) for case c:
 * an existing person joined (p->person_id, checked beforehand with
 * app_person_check_join; the join audited), or a new one inserted, sealed
 * and indexed (sets p->person_id). Inside the caller's transaction. */
enum kerr_code app_case_insert_person(struct app *app, const struct policy_actor *actor,
	const struct kcase *c, struct participation *p, size_t idx, struct kerr *err);
/* The built-in system actor (see app_system_actor): the operator who holds
 * the key file. It may verify and read the audit trail (it holds no
 * identity) and load the synthetic demo, but never reveals an identity. */
static inline int
app_is_system(const struct policy_actor *actor)
{
	return actor->user_id == 0;
}
/* app_case_add_many in a bulk transaction (store_begin_bulk): for loading
 * many cases into a register that holds few, as the demo does. */
enum kerr_code app_case_load_bulk(struct app *app, const struct policy_actor *actor,
	struct kcase *cases, size_t n, const char *audit_action,
	void (*progress)(void *ctx, size_t done, size_t total), void *ctx, struct kerr *err);
/* KERR_OK when actor may join the existing person person_id to a case: she
 * can already read and reveal that person in a case within her scope. A
 * refusal (the same for a person who does not exist) names field, and the
 * attempt is recorded as access.denied. */
enum kerr_code app_person_check_join(struct app *app, const struct policy_actor *actor,
	int64_t person_id, const char *field, struct kerr *err);
/* After an amendment of case_id, inside its transaction: its statistical
 * facts and cube counts follow the case as it now is (app/stats.c). */
enum kerr_code app_stats_case_changed(struct app *app, int64_t case_id, struct kerr *err);
/* The case as stored, every identity and free text in clear, without a
 * policy check or an audit entry: for the app layer's own diffs and
 * snapshots only. *office receives the office code (arena). */
enum kerr_code app_case_load_clear(struct app *app, int64_t id, struct arena *a,
	struct kcase *out, const char **office, struct kerr *err);
/* The whole document of a case in clear (casedoc_to_json with "version"). */
json_t *app_case_doc(const struct kcase *c, const char *office);
/* The changes between two case documents: a JSON array of {"path", "old",
 * "new"}, children matched by their "id" (path "persons[id=12].name"); an
 * added child has old null, a removed one new null. Caller decrefs. */
json_t *app_rev_diff(json_t *old, json_t *nw);
/* Write revision `version` of case c_id: its row, and sealed the changes
 * (a non-empty app_rev_diff), the reason (may be NULL) and the document
 * before it; *rev_id receives its id. Inside the caller's transaction. */
enum kerr_code app_rev_record(struct app *app, const struct policy_actor *actor,
	int64_t case_id, int64_t version, json_t *before, json_t *changes, const char *reason,
	int64_t *rev_id, struct kerr *err);
/* A change made outside a document update (an assignment, a transfer) is a
 * revision too. Inside the caller's transaction: app_rev_snapshot takes the
 * case's document before the change (*before, caller passes it on) and
 * its version; app_rev_after, once the change is written, records what
 * changed as revision version + 1 with reason (may be NULL) and moves the
 * case to that version. The caller keeps (and frees) before. */
enum kerr_code app_rev_snapshot(struct app *app, int64_t case_id, json_t **before,
	int64_t *version, struct kerr *err);
enum kerr_code app_rev_after(struct app *app, const struct policy_actor *actor,
	int64_t case_id, int64_t version, json_t *before, const char *reason,
	struct kerr *err);
/* The policy view of a stored case. */
void app_policy_case(const struct kcase *c, struct policy_case *out);
/* Open the sealed reasons of c's transfers for a role that may read free
 * text (that may reveal victims) on it; NULL otherwise (app/assign.c). */
enum kerr_code app_case_transfers_open(struct app *app, const struct policy_actor *actor,
	const struct policy_case *pc, struct kcase *c, struct arena *a, struct kerr *err);
/* Derive a case's current stage from its events (acts such as a
 * declaration of complexity leave it as it is). */
const char *app_derive_stage(const struct event *ev, size_t n);
/* Derive the stage and the running legal term from a case's events and
 * keep them on the case row (inside the caller's transaction). Every write
 * path that changes events calls it. */
enum kerr_code app_case_settle(struct app *app, int64_t case_id, const struct event *ev,
	size_t n, struct kerr *err);
/* After migration 0012: derive the terms of the cases registered before
 * they were kept (unless meta "terms.stale" is "0"), in one transaction;
 * one read of the meta key when there is nothing to do. */
enum kerr_code app_terms_refresh(struct app *app, struct kerr *err);
/* The procedural order (core/ncpp.h) of a case's events after a change:
 * refuses the first violation that after has and before had not (so a
 * register's older, unchecked sequences do not block new valid events,
 * while a backfilled event that breaks a later one is refused). Events are
 * matched by id; new ones have id 0. field names the event at fault: NULL
 * gives "events[i].stage" with i its index in after. Every write path that
 * changes events (registration, case event, case update) calls it. */
enum kerr_code app_check_order(const struct event *before, size_t nbefore,
	const struct event *after, size_t nafter, const char *complaint_date,
	const char *field, struct kerr *err);

/* ---- the State's response (app/response.c) ---- */
/* The rules of protection and asset recovery (response.c says which) for
 * case document c before it is written; cur is the stored case of an
 * update (NULL at registration) and part_of / asset_of map c's children to
 * cur's (-1: new): unchanged entries are not checked again. KERR_INVALID
 * naming the field. */
enum kerr_code app_response_check(const struct kcase *c, const struct kcase *cur,
	const long *part_of, const long *asset_of, struct kerr *err);
/* 1 when the life of asset x (steps, owner, forfeiture file) differs from y's. */
int app_asset_life_changed(const struct asset *x, const struct asset *y);
/* Amend a case without a document (the focused commands: case protect,
 * case asset): the stored case is copied in clear into *nw, fn changes it
 * (arena a, in which it allocates), then it goes through the same checks
 * and the same transaction as case update: one revision, audited as
 * case.update. KERR_STALE is retried (another writer went first). */
typedef enum kerr_code (*app_amend_fn)(void *ctx, struct kcase *nw, struct arena *a,
	struct kerr *err);
enum kerr_code app_case_amend(struct app *app, const struct policy_actor *actor,
	int64_t case_id, app_amend_fn fn, void *ctx, const char *reason, struct kerr *err);
/* The same with a say in how it is checked and audited: by_request, the
 * amendment touches the case's international requests only and is allowed
 * and audited as request.manage (the liaison, who does not update cases);
 * audit_extra, a JSON object (borrowed) whose members join the audit
 * detail (no identities: ids and codes). */
struct app_amend_how {
	int by_request;
	json_t *audit_extra;
	int64_t *new_request_id;     /* receives the id of a request the amendment adds */
};
enum kerr_code app_case_amend_how(struct app *app, const struct policy_actor *actor,
	int64_t case_id, const struct app_amend_how *how, app_amend_fn fn, void *ctx,
	const char *reason, struct kerr *err);

/* What a use case writes with a case it registers, in the same transaction
 * (after the case's rows and audit entry, before the commit): id is the new
 * case's; an error rolls the case back with it. */
typedef enum kerr_code (*app_case_then_fn)(struct app *app, void *ctx, int64_t id,
	struct kerr *err);

/* A case document registered as app_case_add_json does, without its
 * case.create check: the caller's use case allowed it (a case received
 * from a peer, app/exchange.c); the registration is audited as
 * audit_action ("exchange.receive"). then (NULL: nothing) writes the use
 * case's own records in the same transaction, so a crash or an error never
 * leaves the case without them, nor them without the case. */
enum kerr_code app_case_add_json_allowed(struct app *app, const struct policy_actor *actor,
	const char *text, size_t n, const char *audit_action, app_case_then_fn then, void *ctx,
	int64_t *id, struct kerr *err);

/* ---- international requests (app/mla.c) ---- */
/* The persons and assets request i of c concerns are persons and assets of
 * c: KERR_INVALID naming requests[i].persons / .assets otherwise. */
enum kerr_code app_request_links_check(const struct kcase *c, size_t i, struct kerr *err);
/* Equal lists of codes (same order) / of ids. */
int app_codes_equal(const char *const *x, size_t nx, const char *const *y, size_t ny);
int app_ids_equal(const int64_t *x, size_t nx, const int64_t *y, size_t ny);

#endif
