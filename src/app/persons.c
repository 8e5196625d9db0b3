/*
 * persons.c — finding persons across cases through the blind indexes.
 *
 * A name is matched by the phonetic keys of its tokens (a hit needs most of
 * the query's tokens) and by its exact folded form (score 100); documents and
 * phones by their normalised value. The query itself never reaches the
 * database, a log or the audit trail: only keyed hashes do (REQ-SEARCH-001).
 */
#include "app/app_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/norm.h"

#define SEARCH_MAX_ROWS 5000
#define SEARCH_MAX_HITS 50

struct tally {
	int64_t id;
	int score;
};

static void
tally_add(struct tally *t, size_t *n, size_t cap, int64_t id, int score)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (t[i].id == id) {
			t[i].score += score;
			return;
		}
	if (*n < cap)
		t[(*n)++] = (struct tally){ id, score };
}

static enum kerr_code
find_blind(struct app *app, const char *kind, const char *norm, const char *table,
	struct arena *a, int64_t **rows, size_t *n, struct kerr *err)
{
	unsigned char h[VAULT_BLIND_LEN];

	vault_blind(app->vault, kind, norm, h);
	return store_blind_find(app->st, kind, h, sizeof(h), table, a, rows, n,
		SEARCH_MAX_ROWS, err);
}

static enum kerr_code
search_name(struct app *app, const char *value, struct arena *a, struct tally *t,
	size_t *nt, struct kerr *err)
{
	char folded[512], tokens[NORM_MAX_TOKENS][NORM_TOKEN_LEN], key[NORM_TOKEN_LEN];
	size_t ntok, i, j, n, need;
	int64_t *rows;
	enum kerr_code rc;

	if (norm_name(value, folded, sizeof(folded)) != 0)
		return kerr_field(err, KERR_INVALID, "name", "nothing to search for");
	if ((rc = find_blind(app, "name", folded, "person", a, &rows, &n, err)) != KERR_OK)
		return rc;
	for (j = 0; j < n; j++)
		tally_add(t, nt, SEARCH_MAX_ROWS, rows[j], 100);
	ntok = norm_name_tokens(value, tokens, NORM_MAX_TOKENS);
	for (i = 0; i < ntok; i++) {
		if (norm_phonetic(tokens[i], key, sizeof(key)) != 0)
			continue;
		if ((rc = find_blind(app, "name_ph", key, "person", a, &rows, &n, err)))
			return rc;
		for (j = 0; j < n; j++)
			tally_add(t, nt, SEARCH_MAX_ROWS, rows[j], 1);
	}
	/* most of the tokens must match: 1 of 1, 2 of 2, 2 of 3, 3 of 4... */
	need = ntok <= 2 ? ntok : ntok - ntok / 3;
	for (i = j = 0; i < *nt; i++)
		if (t[i].score >= 100 || (size_t)t[i].score >= need)
			t[j++] = t[i];
	*nt = j;
	return KERR_OK;
}

static enum kerr_code
search_doc(struct app *app, const char *value, struct arena *a, struct tally *t, size_t *nt,
	struct kerr *err)
{
	char num[64];
	int64_t *rows;
	size_t n, j;
	enum kerr_code rc;

	if (norm_alnum(value, num, sizeof(num)) != 0)
		return kerr_field(err, KERR_INVALID, "doc", "expected letters and digits");
	if ((rc = find_blind(app, "doc", num, "person", a, &rows, &n, err)) != KERR_OK)
		return rc;
	for (j = 0; j < n; j++)
		tally_add(t, nt, SEARCH_MAX_ROWS, rows[j], 100);
	return KERR_OK;
}

/* Phones belong to identifiers; the hit is the identifier's person (or, for
 * a phone tied only to a case, nobody: those are found by the network view). */
static enum kerr_code
search_phone(struct app *app, const char *value, struct arena *a, struct tally *t,
	size_t *nt, struct kerr *err)
{
	char phone[32];
	int64_t *rows;
	size_t n, j;
	struct identifier id;
	enum kerr_code rc;

	if (norm_phone(value, phone, sizeof(phone)) != 0)
		return kerr_field(err, KERR_INVALID, "phone", "expected 6 to 15 digits");
	if ((rc = find_blind(app, "ident:phone", phone, "identifier", a, &rows, &n, err)))
		return rc;
	for (j = 0; j < n; j++) {
		if ((rc = store_identifier_get(app->st, rows[j], a, &id, err)) != KERR_OK)
			return rc;
		if (id.person_id > 0)
			tally_add(t, nt, SEARCH_MAX_ROWS, id.person_id, 100);
	}
	return KERR_OK;
}

static int
by_score(const void *x, const void *y)
{
	const struct tally *a = x, *b = y;

	if (a->score != b->score)
		return b->score - a->score;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Fill one hit; 0 when none of the person's cases is in the actor's scope. */
static enum kerr_code
fill_hit(struct app *app, const struct policy_actor *actor, const struct tally *t,
	struct arena *a, struct app_person_hit *hit, int *visible, struct kerr *err)
{
	struct kerr ignored;
	size_t i;
	int masked_ok = 0;
	enum kerr_code rc;

	*visible = 0;
	memset(hit, 0, sizeof(*hit));
	hit->score = t->score;
	if ((rc = store_person_get(app->st, t->id, a, &hit->person, err)) != KERR_OK)
		return rc;
	rc = store_person_participations(app->st, t->id, a, &hit->parts, &hit->nparts, err);
	if (rc != KERR_OK)
		return rc;
	hit->case_numbers = arena_alloc(a, (hit->nparts + 1) * sizeof(char *));
	for (i = 0; i < hit->nparts; i++) {
		struct kcase c;
		struct policy_case pc;
		if ((rc = store_case_get(app->st, hit->parts[i].case_id, a, &c, err)) != KERR_OK)
			return rc;
		hit->case_numbers[i] = c.number;
		app_policy_case(&c, &pc);
		if (policy_check(actor, POL_CASE_READ, &pc, &ignored) == KERR_OK) {
			*visible = 1;
			if (policy_check(actor, strcmp(hit->parts[i].role, "victim") == 0 ?
			    POL_REVEAL_VICTIM : POL_REVEAL_OTHER, &pc, &ignored) == KERR_OK)
				masked_ok = 1;
		}
	}
	hit->person.name = NULL;
	if (masked_ok) {
		if ((rc = app_unseal(app, a, "person", t->id, "name", &hit->person.name, err)))
			return rc;
		hit->person.name = app_mask(a, hit->person.name);
	}
	return KERR_OK;
}

enum kerr_code
app_person_search(struct app *app, const struct policy_actor *actor, enum app_search_by by,
	const char *value, struct arena *a, struct app_person_hit **out, size_t *n,
	struct kerr *err)
{
	static const char *by_name[] = { "name", "doc", "phone" };
	struct tally *t;
	size_t nt = 0, i;
	char detail[96];
	enum kerr_code rc;

	*out = NULL;
	*n = 0;
	if ((rc = app_allow(app, actor, POL_PERSON_SEARCH, NULL, "person", err)) != KERR_OK)
		return rc;
	if (value == NULL || *value == '\0' || strlen(value) > 300)
		return kerr_field(err, KERR_INVALID, by_name[by], "give 1 to 300 characters");
	t = arena_alloc(a, SEARCH_MAX_ROWS * sizeof(*t));
	rc = by == APP_BY_NAME ? search_name(app, value, a, t, &nt, err) :
	     by == APP_BY_DOC ? search_doc(app, value, a, t, &nt, err) :
	     search_phone(app, value, a, t, &nt, err);
	if (rc != KERR_OK)
		return rc;
	qsort(t, nt, sizeof(*t), by_score);
	*out = arena_alloc(a, (nt < SEARCH_MAX_HITS ? nt : SEARCH_MAX_HITS) * sizeof(**out) + 1);
	for (i = 0; i < nt && *n < SEARCH_MAX_HITS; i++) {
		int visible;
		if ((rc = fill_hit(app, actor, &t[i], a, &(*out)[*n], &visible, err)) != KERR_OK)
			return rc;
		if (visible)
			(*n)++;
	}
	/* the audit names how, never what, was searched */
	snprintf(detail, sizeof(detail), "{\"by\":\"%s\",\"hits\":%zu}", by_name[by], *n);
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	if ((rc = app_audit(app, actor, POL_PERSON_SEARCH, "person", detail, err)) != KERR_OK) {
		store_rollback(app->st);
		return rc;
	}
	return store_commit(app->st, err);
}
