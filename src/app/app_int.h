/*
 * app_int.h — private helpers shared by the app layer's files.
 */
#ifndef KHIPU_APP_INT_H
#define KHIPU_APP_INT_H

#include "app/app.h"
#include "crypto/vault.h"
#include "store/store.h"

/* Run policy_check and, when denied, record the refusal in the audit trail
 * (in its own transaction) before returning KERR_DENIED. */
enum kerr_code app_allow(struct app *app, const struct policy_actor *actor,
	enum pol_action action, const struct policy_case *c, const char *object,
	struct kerr *err);
/* KERR_OK when app's key file is the one its database was created with. */
enum kerr_code app_check_key(struct app *app, struct kerr *err);
/* Seal clear text (may be NULL or "": nothing stored) for table/row/column. */
enum kerr_code app_seal(struct app *app, const char *table, int64_t row,
	const char *column, const char *clear, struct kerr *err);
/* Open a sealed value; *clear = NULL when none is stored. Arena-owned. */
enum kerr_code app_unseal(struct app *app, struct arena *a, const char *table, int64_t row,
	const char *column, const char **clear, struct kerr *err);
/* Blind-index the identity fields of a person / an identifier. */
enum kerr_code app_index_person(struct app *app, int64_t person_id, const struct person *p,
	struct kerr *err);
enum kerr_code app_index_identifier(struct app *app, int64_t ident_id, const char *kind,
	const char *value, struct kerr *err);
/* The built-in system actor (see app_system_actor): the operator who holds
 * the key file. It may verify and read the audit trail (it holds no
 * identity) and load the synthetic demo, but never reveals an identity. */
static inline int
app_is_system(const struct policy_actor *actor)
{
	return actor->user_id == 0;
}
/* The policy view of a stored case. */
void app_policy_case(const struct kcase *c, struct policy_case *out);
/* Derive a case's current stage from its events. */
const char *app_derive_stage(const struct event *ev, size_t n);

#endif
