/*
 * dedup.c — duplicate persons in the register (dedup.h).
 *
 * NEEDSWORK(linkage): reads every visible case whole (store_case_get); a
 * register of 100,000 cases wants a store query of persons in scope.
 */
#include "app/dedup.h"

#include <stdlib.h>
#include <string.h>

#include "app/app_int.h"
#include "lib/i18n.h"
#include "lib/xalloc.h"
#include "store/store_merge.h"

const char *const app_dedup_fields[APP_DEDUP_FIELDS] = {
	"name", "birth_date", "doc_number", "sex", "nationality",
};

/* A person met in a visible case: the first such case, and whether the
 * actor may reveal the person there. */
struct seen {
	int64_t id;
	const char *case_number;
	int reveal;
	struct person person;         /* non-identifying fields, as the case read them */
};

struct people {
	struct seen *v;
	size_t n, cap;
};

static void
add_seen(struct people *p, const struct person *per, int64_t id, const char *number,
	int reveal)
{
	size_t i;

	for (i = 0; i < p->n; i++)   /* NEEDSWORK(linkage): a hash for large registers */
		if (p->v[i].id == id) {
			p->v[i].reveal |= reveal;
			return;
		}
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 256;
		p->v = xrealloc(p->v, p->cap * sizeof(*p->v));
	}
	p->v[p->n++] = (struct seen){ id, number, reveal, *per };
}

/* The persons of every case the actor may read. */
static enum kerr_code
collect(struct app *app, const struct policy_actor *actor, struct arena *a,
	struct people *p, struct kerr *err)
{
	struct store_case_filter f;
	struct store_case_row *rows;
	struct kerr ignored;
	size_t n, i, k;
	enum kerr_code rc;

	memset(&f, 0, sizeof(f));
	if ((rc = store_case_list(app->st, &f, a, &rows, &n, err)) != KERR_OK)
		return rc;
	for (i = 0; i < n; i++) {
		struct kcase c;
		struct policy_case pc = { rows[i].c.office_id, rows[i].c.shared_with,
			rows[i].c.nshared };
		if (!app_is_system(actor) &&
		    policy_check(actor, POL_CASE_READ, &pc, &ignored) != KERR_OK)
			continue;
		if ((rc = store_case_get(app->st, rows[i].c.id, a, &c, err)) != KERR_OK)
			return rc;
		pc.shared_with = c.shared_with;
		pc.nshared = c.nshared;
		for (k = 0; k < c.nparts; k++) {
			enum pol_action rv = strcmp(c.parts[k].role, "victim") == 0 ?
				POL_REVEAL_VICTIM : POL_REVEAL_OTHER;
			add_seen(p, &c.parts[k].person, c.parts[k].person_id, c.number,
				policy_check(actor, rv, &pc, &ignored) == KERR_OK);
		}
	}
	return KERR_OK;
}

/* Was the pair (in either order) rejected by a reviewer? (pairs sorted) */
static int
rejected_pair(const int64_t *v, size_t n, int64_t x, int64_t y)
{
	int64_t lo = x < y ? x : y, hi = x < y ? y : x;
	size_t l = 0, h = n;

	while (l < h) {   /* binary search on (a, b) */
		size_t m = (l + h) / 2;
		if (v[2 * m] < lo || (v[2 * m] == lo && v[2 * m + 1] < hi))
			l = m + 1;
		else
			h = m;
	}
	return l < n && v[2 * l] == lo && v[2 * l + 1] == hi;
}

enum kerr_code
app_dedup(struct app *app, const struct policy_actor *actor, double threshold,
	struct arena *a, struct app_dedup_result *out, struct kerr *err)
{
	static const struct match_field fields[APP_DEDUP_FIELDS] = {
		{ "name", MATCH_TEXT }, { "birth_date", MATCH_DATE }, { "doc_number", MATCH_ID },
		{ "sex", MATCH_ID }, { "nationality", MATCH_ID },
	};
	struct match_opts mo = { threshold, 0, 0, 1 };
	struct people p = { 0 };
	struct match_result res = { 0 };
	struct match_data *d = NULL;
	const char **masked = NULL;
	size_t i;
	enum kerr_code rc;

	memset(out, 0, sizeof(*out));
	if (!(threshold > 0 && threshold < 1))
		return kerr_set(err, KERR_INVALID, "%s",
			_("--threshold: a probability between 0 and 1, both excluded (e.g. 0.9)"));
	if ((rc = app_allow(app, actor, POL_PERSON_SEARCH, NULL, "person", err)) != KERR_OK)
		return rc;
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	rc = collect(app, actor, a, &p, err);
	if (rc == KERR_OK) {
		d = match_data_new(fields, APP_DEDUP_FIELDS, p.n);
		masked = xcalloc(p.n + 1, sizeof(*masked));
	}
	/* identities opened one at a time, prepared, masked, wiped */
	for (i = 0; rc == KERR_OK && i < p.n; i++) {
		struct person per = p.v[i].person;
		char year[16];

		per.id = p.v[i].id;
		if ((rc = app_unseal_person(app, a, &per, err)) != KERR_OK)
			break;
		match_data_set(d, i, 0, per.name);
		if (per.birth_date != NULL && *per.birth_date != '\0') {
			match_data_set(d, i, 1, per.birth_date);
		} else if (per.birth_year > 0) {
			snprintf(year, sizeof(year), "%d", per.birth_year);
			match_data_set(d, i, 1, year);
		}
		match_data_set(d, i, 2, per.doc_number);
		match_data_set(d, i, 3, per.sex);
		match_data_set(d, i, 4, per.nationality);
		if (p.v[i].reveal && per.name != NULL)
			masked[i] = app_mask(a, per.name);
		app_person_wipe(&per);
	}
	int64_t *rejected = NULL;
	size_t nrejected = 0;
	if (rc == KERR_OK)
		rc = store_dedup_rejected(app->st, a, &rejected, &nrejected, err);
	if (rc == KERR_OK) {
		match_dedup(d, &mo, &res);
		out->persons = p.n;
		out->candidates = res.npairs_compared;
		out->model = res.model;
		out->pairs = arena_alloc(a, (res.npairs + 1) * sizeof(*out->pairs));
		for (i = 0; i < res.npairs; i++) {
			struct app_dedup_pair *q = &out->pairs[out->npairs];
			const struct match_pair *m = &res.pairs[i];
			if (rejected_pair(rejected, nrejected, p.v[m->a].id, p.v[m->b].id))
				continue;   /* a reviewer said: two persons */
			out->npairs++;
			q->person[0] = p.v[m->a].id;
			q->person[1] = p.v[m->b].id;
			q->name[0] = masked[m->a];
			q->name[1] = masked[m->b];
			q->case_number[0] = p.v[m->a].case_number;
			q->case_number[1] = p.v[m->b].case_number;
			q->probability = m->probability;
			q->weight = m->weight;
			memcpy(q->levels, m->levels, APP_DEDUP_FIELDS);
		}
		char *detail = app_audit_detail(json_pack("{s:s,s:I,s:I}", "by", "dedup",
			"persons", (json_int_t)p.n, "pairs", (json_int_t)out->npairs));
		rc = app_audit(app, actor, POL_PERSON_SEARCH, "person", detail, err);
		free(detail);
	}
	if (rc == KERR_OK)
		rc = store_commit(app->st, err);
	else
		store_rollback(app->st);
	free(res.pairs);
	match_data_free(d);   /* the prepared (folded) values go with it */
	free(masked);
	free(p.v);
	if (rc != KERR_OK)
		memset(out, 0, sizeof(*out));
	return rc;
}
