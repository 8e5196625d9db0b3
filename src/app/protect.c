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
	char *detail;

	if (policy_check(actor, action, c, err) == KERR_OK)
		return KERR_OK;
	/* a refusal is worth knowing about: record it, without failing on it */
	detail = app_audit_detail(json_pack("{s:s}", "action", policy_action_name(action)));
	if (store_begin(app->st, &ignored) == KERR_OK) {
		if (app_audit_named(app, actor->name, "access.denied", object, detail,
		    &ignored) == KERR_OK)
			store_commit(app->st, &ignored);
		else
			store_rollback(app->st);
	}
	free(detail);
	return KERR_DENIED;
}

enum kerr_code
app_seal_raw(struct app *app, const char *table, int64_t row, const char *column,
	const void *clear, size_t n, struct kerr *err)
{
	unsigned char *blob;
	size_t bn;
	enum kerr_code rc;

	rc = vault_seal(app->vault, table, column, row, clear, n, &blob, &bn, err);
	if (rc != KERR_OK)
		return rc;
	rc = store_sealed_put(app->st, table, row, column, blob, bn, err);
	free(blob);
	return rc;
}

/* ---- a person's identity: one sealed record ---- */

/*
 * All identity fields of a person are sealed together, as one record bound
 * to person/identity/<id>: one encryption and one row instead of five,
 * which is most of the cost of registering a person. The record is a
 * version byte followed by each field of person_fields in order, each ended
 * by a NUL; an absent field is empty. Clear text never contains a NUL.
 */
#define PERSON_RECORD_V1 1
#define PERSON_COLUMN "identity"

static const char *const person_fields[] = {
	"name", "alias", "doc_number", "birth_date", "address",
};
#define NPERSON_FIELDS (sizeof(person_fields) / sizeof(person_fields[0]))

static const char **
person_slot(struct person *p, size_t i)
{
	const char **slots[NPERSON_FIELDS] = {
		&p->name, &p->alias, &p->doc_number, &p->birth_date, &p->address,
	};
	return slots[i];
}

static int
person_field(const char *column)
{
	size_t i;

	for (i = 0; i < NPERSON_FIELDS; i++)
		if (strcmp(column, person_fields[i]) == 0)
			return (int)i;
	return -1;
}

/* Seal p's identity fields as person_id's record; with always unset, a
 * person without any identity field gets no record at all. */
static enum kerr_code
seal_person(struct app *app, int64_t person_id, const struct person *p, int always,
	struct kerr *err)
{
	struct person copy = *p;
	size_t len[NPERSON_FIELDS], total = 1, i, at;
	char *rec;
	int any = 0;
	enum kerr_code rc;

	for (i = 0; i < NPERSON_FIELDS; i++) {
		const char *v = *person_slot(&copy, i);
		len[i] = v == NULL ? 0 : strlen(v);
		any |= len[i] > 0;
		total += len[i] + 1;
	}
	if (!any && !always)
		return KERR_OK;
	rec = malloc(total);
	if (rec == NULL)
		abort();
	rec[0] = PERSON_RECORD_V1;
	for (i = 0, at = 1; i < NPERSON_FIELDS; i++) {
		if (len[i] > 0)
			memcpy(rec + at, *person_slot(&copy, i), len[i]);
		at += len[i];
		rec[at++] = '\0';
	}
	rc = app_seal_raw(app, "person", person_id, PERSON_COLUMN, rec, total, err);
	sodium_memzero(rec, total);
	free(rec);
	return rc;
}

enum kerr_code
app_seal_person(struct app *app, int64_t person_id, const struct person *p,
	struct kerr *err)
{
	return seal_person(app, person_id, p, 0, err);
}

enum kerr_code
app_person_record_parse(const char *rec, size_t n, struct arena *a, struct person *p,
	struct kerr *err)
{
	size_t i, at = 1;

	if (n < 1 + NPERSON_FIELDS || (unsigned char)rec[0] != PERSON_RECORD_V1)
		return kerr_set(err, KERR_CRYPTO, "sealed identity of person %lld is malformed",
			(long long)p->id);
	for (i = 0; i < NPERSON_FIELDS; i++) {
		const char *end = memchr(rec + at, '\0', n - at);
		if (end == NULL)
			return kerr_set(err, KERR_CRYPTO, "sealed identity of person %lld is "
				"malformed", (long long)p->id);
		*person_slot(p, i) = end == rec + at ? NULL :
			arena_strndup(a, rec + at, (size_t)(end - (rec + at)));
		at = (size_t)(end - rec) + 1;
	}
	if (at != n)
		return kerr_set(err, KERR_CRYPTO, "sealed identity of person %lld is malformed",
			(long long)p->id);
	return KERR_OK;
}

/* Open the sealed record of p->id into p's identity fields (NULL when none
 * is stored); the other fields of p are left as they are. */
enum kerr_code
app_unseal_person(struct app *app, struct arena *a, struct person *p, struct kerr *err)
{
	const unsigned char *blob;
	size_t n, len, i;
	char *plain;
	enum kerr_code rc;

	for (i = 0; i < NPERSON_FIELDS; i++)
		*person_slot(p, i) = NULL;
	rc = store_sealed_get(app->st, "person", p->id, PERSON_COLUMN, a, &blob, &n, err);
	if (rc == KERR_NOTFOUND) {
		kerr_clear(err);
		return KERR_OK;
	}
	if (rc != KERR_OK)
		return rc;
	rc = vault_unseal(app->vault, "person", PERSON_COLUMN, p->id, blob, n, &plain, &len,
		err);
	if (rc != KERR_OK)
		return rc;
	rc = app_person_record_parse(plain, len, a, p, err);
	sodium_memzero(plain, len);
	free(plain);
	return rc;
}

void
app_person_wipe(struct person *p)
{
	size_t i;

	for (i = 0; i < NPERSON_FIELDS; i++) {
		const char *v = *person_slot(p, i);
		if (v != NULL)
			sodium_memzero((char *)v, strlen(v));
		*person_slot(p, i) = NULL;
	}
}

/* One field of a person's record, sealed on its own (the rare edit of one
 * field): the record is opened, changed and sealed again. */
static enum kerr_code
seal_person_field(struct app *app, int64_t row, int field, const char *clear,
	struct kerr *err)
{
	struct arena a;
	struct person p = { .id = row };
	enum kerr_code rc;

	arena_init(&a);
	rc = app_unseal_person(app, &a, &p, err);
	if (rc == KERR_OK) {
		const char *was = *person_slot(&p, (size_t)field);
		*person_slot(&p, (size_t)field) = clear;
		rc = seal_person(app, row, &p, 1, err);
		*person_slot(&p, (size_t)field) = was;
	}
	app_person_wipe(&p);
	arena_release(&a);
	return rc;
}

enum kerr_code
app_seal(struct app *app, const char *table, int64_t row, const char *column,
	const char *clear, struct kerr *err)
{
	int field = strcmp(table, "person") == 0 ? person_field(column) : -1;

	if (field >= 0)
		return seal_person_field(app, row, field, clear, err);
	if (clear == NULL || *clear == '\0')
		return KERR_OK;
	return app_seal_raw(app, table, row, column, clear, strlen(clear), err);
}

enum kerr_code
app_unseal(struct app *app, struct arena *a, const char *table, int64_t row,
	const char *column, const char **clear, struct kerr *err)
{
	const unsigned char *blob;
	size_t n, len;
	char *plain;
	int field = strcmp(table, "person") == 0 ? person_field(column) : -1;
	enum kerr_code rc;

	*clear = NULL;
	if (field >= 0) {
		struct person p = { .id = row };
		if ((rc = app_unseal_person(app, a, &p, err)) == KERR_OK)
			*clear = *person_slot(&p, (size_t)field);
		return rc;
	}
	rc = store_sealed_get(app->st, table, row, column, a, &blob, &n, err);
	if (rc == KERR_NOTFOUND) {
		kerr_clear(err);
		return KERR_OK;
	}
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

/* Index (or, with del set, drop the index entry of) a normalised value. */
static enum kerr_code
blind_op(struct app *app, int del, const char *kind, const char *normalised,
	const char *table, int64_t row, struct kerr *err)
{
	unsigned char h[VAULT_BLIND_LEN];

	vault_blind(app->vault, kind, normalised, h);
	if (del)
		return store_blind_delete(app->st, kind, h, sizeof(h), table, row, err);
	return store_blind_put(app->st, kind, h, sizeof(h), table, row, err);
}
#define blind_put(app, kind, norm, table, row, err) \
	blind_op(app, del, kind, norm, table, row, err)

/* The distinct phonetic keys of nt folded tokens, sorted. */
static size_t
token_keys(char tokens[][NORM_TOKEN_LEN], size_t nt, char keys[][NORM_TOKEN_LEN],
	size_t max)
{
	char key[NORM_TOKEN_LEN];
	size_t nk = 0, i, j;

	for (i = 0; i < nt && nk < max; i++) {
		if (norm_phonetic(tokens[i], key, sizeof(key)) != 0)
			continue;
		for (j = 0; j < nk && strcmp(keys[j], key) < 0; j++)
			;
		if (j < nk && strcmp(keys[j], key) == 0)
			continue;
		memmove(keys[j + 1], keys[j], (nk - j) * sizeof(keys[0]));
		memcpy(keys[j], key, sizeof(key));
		nk++;
	}
	return nk;
}

/* The distinct phonetic keys of a name's tokens, sorted; returns how many. */
size_t
app_name_keys(const char *name, char keys[][NORM_TOKEN_LEN], size_t max)
{
	char tokens[NORM_MAX_TOKENS][NORM_TOKEN_LEN];

	return token_keys(tokens, norm_name_tokens(name, tokens, NORM_MAX_TOKENS), keys, max);
}

/* The normalised value of the pair index for keys a < b. */
void
app_name_pair(const char *a, const char *b, char out[2 * NORM_TOKEN_LEN])
{
	snprintf(out, 2 * NORM_TOKEN_LEN, "%s %s", a, b);
}

/*
 * Index kinds of a person (REQ-SEARCH-001):
 *   "name"     the exact folded full name (word order does not matter);
 *   "name_ph2" each pair of distinct phonetic keys of the name's words, so a
 *              search with two or more words reads only the persons sharing
 *              two of them (a few hundred in a national register) instead of
 *              everyone sharing a common surname (tens of thousands);
 *   "name_ph"  the phonetic key of a one-word name (no pair to index);
 *   "doc"      the document number alone (a search need not know its type).
 */
static enum kerr_code
index_person(struct app *app, int del, int64_t person_id, const struct person *p,
	struct kerr *err)
{
	char folded[512], tokens[NORM_MAX_TOKENS][NORM_TOKEN_LEN];
	char keys[NORM_MAX_TOKENS][NORM_TOKEN_LEN], num[64], pair[2 * NORM_TOKEN_LEN];
	size_t nt, nk, i, j;
	enum kerr_code rc;

	/* the name is folded once for both forms (norm_name_join = norm_name) */
	nt = p->name != NULL ? norm_name_tokens(p->name, tokens, NORM_MAX_TOKENS) : 0;
	nk = token_keys(tokens, nt, keys, NORM_MAX_TOKENS);
	if (nt > 0 && norm_name_join(tokens, nt, folded, sizeof(folded)) == 0) {
		if ((rc = blind_put(app, "name", folded, "person", person_id, err)) != KERR_OK)
			return rc;
		if (nk == 1 && (rc = blind_put(app, "name_ph", keys[0], "person", person_id,
		    err)) != KERR_OK)
			return rc;
		for (i = 0; i < nk; i++)
			for (j = i + 1; j < nk; j++) {
				app_name_pair(keys[i], keys[j], pair);
				rc = blind_put(app, "name_ph2", pair, "person", person_id, err);
				if (rc != KERR_OK)
					return rc;
			}
	}
	if (p->doc_number != NULL && norm_alnum(p->doc_number, num, sizeof(num)) == 0) {
		if ((rc = blind_put(app, "doc", num, "person", person_id, err)) != KERR_OK)
			return rc;
	}
	return KERR_OK;
}

enum kerr_code
app_index_person(struct app *app, int64_t person_id, const struct person *p,
	struct kerr *err)
{
	return index_person(app, 0, person_id, p, err);
}

enum kerr_code
app_unindex_person(struct app *app, int64_t person_id, const struct person *p,
	struct kerr *err)
{
	return index_person(app, 1, person_id, p, err);
}

static enum kerr_code
index_identifier(struct app *app, int del, int64_t ident_id, const char *kind,
	const char *value, struct kerr *err)
{
	char norm[512], bkind[64];

	if (value == NULL || norm_identifier(kind, value, norm, sizeof(norm)) != 0)
		return KERR_OK;
	snprintf(bkind, sizeof(bkind), "ident:%s", kind);
	return blind_put(app, bkind, norm, "identifier", ident_id, err);
}

enum kerr_code
app_index_identifier(struct app *app, int64_t ident_id, const char *kind, const char *value,
	struct kerr *err)
{
	return index_identifier(app, 0, ident_id, kind, value, err);
}

enum kerr_code
app_unindex_identifier(struct app *app, int64_t ident_id, const char *kind,
	const char *value, struct kerr *err)
{
	return index_identifier(app, 1, ident_id, kind, value, err);
}

void
app_policy_case(const struct kcase *c, struct policy_case *out)
{
	out->office_id = c->office_id;
	out->shared_with = c->shared_with;
	out->nshared = c->nshared;
}
