/*
 * persons.c — finding persons across cases through the blind indexes.
 *
 * A name is matched by its exact folded form (score 100) and by the pairs of
 * phonetic keys of its words (a hit needs most of the query's words);
 * documents and phones by their normalised value. The query itself never
 * reaches the database, a log or the audit trail: only keyed hashes do
 * (REQ-SEARCH-001).
 *
 * Cost (bench/): a search reads only the blind-index rows of its keys (a few
 * hundred for a common full name in a register of 100,000 cases), counts
 * them with one sort, and checks the best candidates against the actor's
 * scope a batch at a time with one query each (store_person_roles), without
 * reading whole cases: every full match, and at most SEARCH_MAX_PARTIAL
 * partial ones.
 */
#include "app/app_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"
#include "lib/norm.h"

#define SEARCH_MAX_ROWS 10000   /* rows read per blind key: a guard */
#define SEARCH_MAX_HITS 50
/* Candidates examined against the actor's scope, best first: the full
 * matches (exact, all words, the document, the phone), up to
 * SEARCH_MAX_CHECK, then at most SEARCH_MAX_PARTIAL partial matches (some
 * words of a name). What is left out are the lowest-ranked matches of very
 * common names (two common words match hundreds of persons), which a longer
 * query narrows; exact matches rank before all of them. */
#define SEARCH_MAX_CHECK 96
#define SEARCH_MAX_PARTIAL 32
#define SCORE_EXACT 100
#define SEARCH_BATCH 32         /* candidates read at once (store_person_roles) */

/* One candidate: how it matched. */
struct tally {
	int64_t id;
	int score;
};

/* Rows found, one vote each, before they are counted per person. */
struct votes {
	struct arena *a;
	struct tally *v;
	size_t n, cap;
	int full;          /* the score of a full match */
};

static void
vote(struct votes *vs, const int64_t *rows, size_t n, int weight)
{
	size_t i;

	if (vs->n + n > vs->cap) {
		struct tally *grown;
		vs->cap = vs->n + n > 2 * vs->cap ? vs->n + n : 2 * vs->cap;
		grown = arena_alloc(vs->a, vs->cap * sizeof(*grown));
		if (vs->n > 0)
			memcpy(grown, vs->v, vs->n * sizeof(*grown));
		vs->v = grown;
	}
	for (i = 0; i < n; i++)
		vs->v[vs->n++] = (struct tally){ rows[i], weight };
}

static int
by_id(const void *x, const void *y)
{
	const struct tally *a = x, *b = y;

	return (a->id > b->id) - (a->id < b->id);
}

/* Sum the votes of each person: one sort instead of a scan per row. */
static void
count_votes(struct votes *vs)
{
	size_t i, j;

	if (vs->n > 1)
		qsort(vs->v, vs->n, sizeof(*vs->v), by_id);
	for (i = j = 0; i < vs->n; i++) {
		if (j > 0 && vs->v[j - 1].id == vs->v[i].id)
			vs->v[j - 1].score += vs->v[i].score;
		else
			vs->v[j++] = vs->v[i];
	}
	vs->n = j;
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

/* The words matched when a person shares pairs of the query's phonetic keys:
 * m shared words give m(m-1)/2 shared pairs. */
static int
words_from_pairs(int pairs)
{
	int m = 1;

	while (m * (m - 1) / 2 < pairs)
		m++;
	return m;
}

/* Keep the candidates with most of the query's nk words (1 of 1, 2 of 2,
 * 2 of 3, 3 of 4...), each scored by the words it matches (+100 exact). */
static void
name_scores(struct votes *vs, size_t nk)
{
	size_t i, k, need = nk <= 2 ? nk : nk - nk / 3;

	vs->full = nk > 0 ? (int)nk : SCORE_EXACT;
	for (i = k = 0; i < vs->n; i++) {
		int exact = vs->v[i].score >= SCORE_EXACT;
		int pairs = vs->v[i].score % SCORE_EXACT;
		int words = exact ? (int)nk : nk == 1 ? pairs > 0 : words_from_pairs(pairs);
		if (!exact && (size_t)words < need)
			continue;
		vs->v[k++] = (struct tally){ vs->v[i].id, (exact ? SCORE_EXACT : 0) + words };
	}
	vs->n = k;
}

/*
 * A name matches its exact folded form and, approximately, through the pair
 * index (protect.c): each pair of the query's phonetic keys is one lookup,
 * one vote per person found. A one-word query finds the persons registered
 * under that one word, or under exactly that name.
 */
static enum kerr_code
search_name(struct app *app, const char *value, struct arena *a, struct votes *vs,
	struct kerr *err)
{
	char folded[512], keys[NORM_MAX_TOKENS][NORM_TOKEN_LEN];
	char pair[2 * NORM_TOKEN_LEN];
	size_t nk, i, j, n;
	int64_t *rows;
	enum kerr_code rc;

	if (norm_name(value, folded, sizeof(folded)) != 0)
		return kerr_field(err, KERR_INVALID, "name", "nothing to search for");
	nk = app_name_keys(value, keys, NORM_MAX_TOKENS);
	if ((rc = find_blind(app, "name", folded, "person", a, &rows, &n, err)) != KERR_OK)
		return rc;
	vote(vs, rows, n, SCORE_EXACT);
	if (nk == 1) {
		if ((rc = find_blind(app, "name_ph", keys[0], "person", a, &rows, &n, err)))
			return rc;
		vote(vs, rows, n, 1);
	}
	for (i = 0; i < nk; i++)
		for (j = i + 1; j < nk; j++) {
			app_name_pair(keys[i], keys[j], pair);
			if ((rc = find_blind(app, "name_ph2", pair, "person", a, &rows, &n, err)))
				return rc;
			vote(vs, rows, n, 1);
		}
	count_votes(vs);
	name_scores(vs, nk);
	return KERR_OK;
}

static enum kerr_code
search_doc(struct app *app, const char *value, struct arena *a, struct votes *vs,
	struct kerr *err)
{
	char num[64];
	int64_t *rows;
	size_t n;
	enum kerr_code rc;

	if (norm_alnum(value, num, sizeof(num)) != 0)
		return kerr_field(err, KERR_INVALID, "doc", "expected letters and digits");
	if ((rc = find_blind(app, "doc", num, "person", a, &rows, &n, err)) != KERR_OK)
		return rc;
	vote(vs, rows, n, SCORE_EXACT);
	count_votes(vs);
	return KERR_OK;
}

/* Phones belong to identifiers; the hit is the identifier's person (or, for
 * a phone tied only to a case, nobody: those are found by the network view). */
static enum kerr_code
search_phone(struct app *app, const char *value, struct arena *a, struct votes *vs,
	struct kerr *err)
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
			vote(vs, &id.person_id, 1, SCORE_EXACT);
	}
	count_votes(vs);
	/* the same person through two identifiers is one hit */
	for (j = 0; j < vs->n; j++)
		vs->v[j].score = SCORE_EXACT;
	return KERR_OK;
}

static int
by_score(const void *x, const void *y)
{
	const struct tally *a = x, *b = y;

	if (a->score != b->score)
		return b->score - a->score;
	return (a->id > b->id) - (a->id < b->id);
}

static int person_visible_in_scope(const struct policy_actor *actor,
	const struct store_person_roles *pr);

/* Make a hit of a candidate the actor may see: *visible = 0 when none of
 * the person's cases is in the actor's scope. The name is shown masked,
 * and only when the actor could reveal it in one of those cases. */
static enum kerr_code
fill_hit(struct app *app, const struct policy_actor *actor, const struct tally *t,
	const struct store_person_roles *pr, struct arena *a, struct app_person_hit *hit,
	int *visible, struct kerr *err)
{
	struct kerr ignored;
	struct person clear;
	size_t i;
	int masked_ok = 0;
	enum kerr_code rc;

	*visible = 0;
	if (pr->person.id == 0)
		return KERR_OK;
	for (i = 0; i < pr->nroles; i++) {
		const struct store_person_role *ro = &pr->roles[i];
		struct policy_case pc = { ro->office_id, ro->shared_with, ro->nshared };
		if (policy_check(actor, POL_CASE_READ, &pc, &ignored) != KERR_OK)
			continue;
		*visible = 1;
		if (policy_check(actor, strcmp(ro->role, "victim") == 0 ? POL_REVEAL_VICTIM :
		    POL_REVEAL_OTHER, &pc, &ignored) == KERR_OK)
			masked_ok = 1;
	}
	if (!*visible)
		return KERR_OK;
	memset(hit, 0, sizeof(*hit));
	hit->score = t->score;
	hit->person = pr->person;
	hit->nparts = pr->nroles;
	hit->parts = arena_alloc(a, (pr->nroles + 1) * sizeof(*hit->parts));
	hit->case_numbers = arena_alloc(a, (pr->nroles + 1) * sizeof(char *));
	for (i = 0; i < pr->nroles; i++) {
		struct participation *p = &hit->parts[i];
		memset(p, 0, sizeof(*p));
		p->id = pr->roles[i].participation_id;
		p->case_id = pr->roles[i].case_id;
		p->person_id = pr->person.id;
		p->role = pr->roles[i].role;
		p->victim.age_at_recruitment = -1;
		hit->case_numbers[i] = pr->roles[i].case_number;
	}
	/* the rule of app_person_check_join, so that a form offers only the
	 * persons a case would accept */
	hit->joinable = person_visible_in_scope(actor, pr);
	if (!masked_ok)
		return KERR_OK;
	if ((rc = app_unseal_person(app, a, &hit->person, err)) != KERR_OK)
		return rc;
	clear = hit->person;
	/* the record opened whole: the hit shows the masked name only */
	hit->person.alias = hit->person.doc_number = hit->person.birth_date = NULL;
	hit->person.address = NULL;
	hit->person.name = app_mask(a, clear.name);
	app_person_wipe(&clear);
	return KERR_OK;
}

/* The best candidates the actor may see, in rank order, a batch at a time. */
static enum kerr_code
fill_hits(struct app *app, const struct policy_actor *actor, const struct tally *t,
	size_t nt, int full, struct arena *a, struct app_person_hit *out, size_t *n,
	struct kerr *err)
{
	struct store_person_roles pr[SEARCH_BATCH];
	int64_t ids[SEARCH_BATCH];
	size_t at, i, m;
	enum kerr_code rc = KERR_OK;

	if (nt > SEARCH_MAX_CHECK)
		nt = SEARCH_MAX_CHECK;
	for (i = 0; i < nt && t[i].score >= full; i++)
		;
	if (nt > i + SEARCH_MAX_PARTIAL)
		nt = i + SEARCH_MAX_PARTIAL;
	for (at = 0; at < nt && *n < SEARCH_MAX_HITS && rc == KERR_OK; at += m) {
		m = nt - at < SEARCH_BATCH ? nt - at : SEARCH_BATCH;
		for (i = 0; i < m; i++)
			ids[i] = t[at + i].id;
		rc = store_person_roles(app->st, ids, m, a, pr, err);
		for (i = 0; i < m && rc == KERR_OK && *n < SEARCH_MAX_HITS; i++) {
			int visible;
			rc = fill_hit(app, actor, &t[at + i], &pr[i], a, &out[*n], &visible, err);
			if (visible)
				(*n)++;
		}
	}
	return rc;
}

enum kerr_code
app_person_search(struct app *app, const struct policy_actor *actor, enum app_search_by by,
	const char *value, struct arena *a, struct app_person_hit **out, size_t *n,
	struct kerr *err)
{
	static const char *by_name[] = { "name", "doc", "phone" };
	struct votes vs = { .a = a, .full = SCORE_EXACT };
	enum kerr_code rc;

	*out = NULL;
	*n = 0;
	if ((rc = app_allow(app, actor, POL_PERSON_SEARCH, NULL, "person", err)) != KERR_OK)
		return rc;
	if (value == NULL || *value == '\0' || strlen(value) > 300)
		return kerr_field(err, KERR_INVALID, by_name[by], "give 1 to 300 characters");
	/* one transaction for the reads and the audit entry: one lock instead
	 * of one per statement, and the entry records what was read */
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	rc = by == APP_BY_NAME ? search_name(app, value, a, &vs, err) :
	     by == APP_BY_DOC ? search_doc(app, value, a, &vs, err) :
	     search_phone(app, value, a, &vs, err);
	if (rc == KERR_OK) {
		if (vs.n > 1)
			qsort(vs.v, vs.n, sizeof(*vs.v), by_score);
		*out = arena_alloc(a, SEARCH_MAX_HITS * sizeof(**out));
		rc = fill_hits(app, actor, vs.v, vs.n, vs.full, a, *out, n, err);
	}
	if (rc == KERR_OK) {
		/* the audit names how, never what, was searched */
		char *detail = app_audit_detail(json_pack("{s:s,s:I}", "by", by_name[by],
		    "hits", (json_int_t)*n));
		rc = app_audit(app, actor, POL_PERSON_SEARCH, "person", detail, err);
		free(detail);
	}
	if (rc == KERR_OK)
		rc = store_commit(app->st, err);
	if (rc != KERR_OK) {
		store_rollback(app->st);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* ---- joining an existing person to a case ---- */

/*
 * A person id in a request is a number anyone can guess (ids are
 * sequential). Joining that person to a case the actor may open would hand
 * her the person's identity through an ordinary reveal, so the join is
 * allowed only when she can already see that identity: some case holding
 * the person is within her scope for reading and for revealing the person
 * in the role held there. A person she may not see and a person who does
 * not exist get the same answer, so the refusal reveals nothing.
 */
static int
person_visible_in_scope(const struct policy_actor *actor, const struct store_person_roles *pr)
{
	struct kerr ignored;
	size_t i;

	for (i = 0; i < pr->nroles; i++) {
		const struct store_person_role *ro = &pr->roles[i];
		struct policy_case pc = { ro->office_id, ro->shared_with, ro->nshared };
		enum pol_action reveal = strcmp(ro->role, "victim") == 0 ?
		    POL_REVEAL_VICTIM : POL_REVEAL_OTHER;

		if (policy_check(actor, POL_CASE_READ, &pc, &ignored) == KERR_OK &&
		    policy_check(actor, reveal, &pc, &ignored) == KERR_OK)
			return 1;
	}
	return 0;
}

enum kerr_code
app_person_check_join(struct app *app, const struct policy_actor *actor, int64_t person_id,
	const char *field, struct kerr *err)
{
	struct store_person_roles pr;
	struct arena a;
	struct kerr ignored;
	char object[48];
	int ok;
	enum kerr_code rc;

	arena_init(&a);
	rc = store_person_roles(app->st, &person_id, 1, &a, &pr, err);
	ok = rc == KERR_OK && pr.person.id != 0 &&
	    (app_is_system(actor) || person_visible_in_scope(actor, &pr));
	arena_release(&a);
	if (rc != KERR_OK)
		return rc;
	if (ok)
		return KERR_OK;
	/* an attempt on a person out of reach is worth knowing about */
	snprintf(object, sizeof(object), "person:%lld", (long long)person_id);
	if (store_begin(app->st, &ignored) == KERR_OK) {
		if (app_audit_named(app, actor->name, "access.denied", object,
		    "{\"action\":\"person.join\"}", &ignored) == KERR_OK)
			store_commit(app->st, &ignored);
		else
			store_rollback(app->st);
	}
	return kerr_field(err, KERR_INVALID, field,
	    _("no person %lld that you may read is registered; find the person with "
	      "'khipu person search' and use the id it shows"), (long long)person_id);
}
