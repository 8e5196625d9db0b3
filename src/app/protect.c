/*
 * protect.c — the app layer's use of the vault: sealing, opening and blind
 * indexing of identity fields, and the policy gate that audits refusals.
 */
#include "app/app_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "lib/norm.h"

enum kerr_code
app_allow(struct app *app, const struct policy_actor *actor, enum pol_action action,
	const struct policy_case *c, const char *object, struct kerr *err)
{
	struct kerr ignored;
	char detail[96];

	if (policy_check(actor, action, c, err) == KERR_OK)
		return KERR_OK;
	/* a refusal is worth knowing about: record it, without failing on it */
	snprintf(detail, sizeof(detail), "{\"action\":\"%s\"}", policy_action_name(action));
	if (store_begin(app->st, &ignored) == KERR_OK) {
		if (app_audit_named(app, actor->name, "access.denied", object, detail,
		    &ignored) == KERR_OK)
			store_commit(app->st, &ignored);
		else
			store_rollback(app->st);
	}
	return KERR_DENIED;
}

enum kerr_code
app_seal(struct app *app, const char *table, int64_t row, const char *column,
	const char *clear, struct kerr *err)
{
	unsigned char *blob;
	size_t n;
	enum kerr_code rc;

	if (clear == NULL || *clear == '\0')
		return KERR_OK;
	rc = vault_seal(app->vault, table, column, row, clear, strlen(clear), &blob, &n, err);
	if (rc != KERR_OK)
		return rc;
	rc = store_sealed_put(app->st, table, row, column, blob, n, err);
	free(blob);
	return rc;
}

enum kerr_code
app_unseal(struct app *app, struct arena *a, const char *table, int64_t row,
	const char *column, const char **clear, struct kerr *err)
{
	const unsigned char *blob;
	size_t n, len;
	char *plain;
	enum kerr_code rc;

	*clear = NULL;
	rc = store_sealed_get(app->st, table, row, column, a, &blob, &n, err);
	if (rc == KERR_NOTFOUND)
		return KERR_OK;
	if (rc != KERR_OK)
		return rc;
	rc = vault_unseal(app->vault, table, column, row, blob, n, &plain, &len, err);
	if (rc != KERR_OK)
		return rc;
	*clear = arena_strndup(a, plain, len);
	sodium_memzero(plain, len);
	free(plain);
	return KERR_OK;
}

static enum kerr_code
blind_put(struct app *app, const char *kind, const char *normalised, const char *table,
	int64_t row, struct kerr *err)
{
	unsigned char h[VAULT_BLIND_LEN];

	vault_blind(app->vault, kind, normalised, h);
	return store_blind_put(app->st, kind, h, sizeof(h), table, row, err);
}

/* Index kinds: "name" exact folded full name, "name_ph" phonetic key of each
 * token, "doc" type:number. Duplicate tokens are indexed once. */
enum kerr_code
app_index_person(struct app *app, int64_t person_id, const struct person *p,
	struct kerr *err)
{
	char folded[512], tokens[NORM_MAX_TOKENS][NORM_TOKEN_LEN];
	char keys[NORM_MAX_TOKENS][NORM_TOKEN_LEN], num[64];
	size_t nt, i, j, nk = 0;
	enum kerr_code rc;

	if (p->name != NULL && norm_name(p->name, folded, sizeof(folded)) == 0) {
		if ((rc = blind_put(app, "name", folded, "person", person_id, err)) != KERR_OK)
			return rc;
		nt = norm_name_tokens(p->name, tokens, NORM_MAX_TOKENS);
		for (i = 0; i < nt; i++) {
			if (norm_phonetic(tokens[i], keys[nk], NORM_TOKEN_LEN) != 0)
				continue;
			for (j = 0; j < nk && strcmp(keys[j], keys[nk]) != 0; j++)
				;
			if (j < nk)
				continue;
			rc = blind_put(app, "name_ph", keys[nk], "person", person_id, err);
			if (rc != KERR_OK)
				return rc;
			nk++;
		}
	}
	if (p->doc_number != NULL && norm_alnum(p->doc_number, num, sizeof(num)) == 0) {
		/* the number alone: a search need not know the document type */
		if ((rc = blind_put(app, "doc", num, "person", person_id, err)) != KERR_OK)
			return rc;
	}
	return KERR_OK;
}

enum kerr_code
app_index_identifier(struct app *app, int64_t ident_id, const char *kind, const char *value,
	struct kerr *err)
{
	char norm[512], bkind[64];

	if (value == NULL || norm_identifier(kind, value, norm, sizeof(norm)) != 0)
		return KERR_OK;
	snprintf(bkind, sizeof(bkind), "ident:%s", kind);
	return blind_put(app, bkind, norm, "identifier", ident_id, err);
}

void
app_policy_case(const struct kcase *c, struct policy_case *out)
{
	out->office_id = c->office_id;
	out->shared_with = c->shared_with;
	out->nshared = c->nshared;
}
