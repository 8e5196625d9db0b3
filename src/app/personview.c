/*
 * personview.c — one person across the cases the actor may read: the
 * person's non-identifying attributes, the name masked where the actor's
 * role may see it at all, and each participation with its case number.
 * Cases the actor may not read are left out; a person in none of them is
 * "not found", exactly like a person who does not exist.
 */
#include "app/app_int.h"

#include <stdio.h>
#include <string.h>

enum kerr_code
app_person_show(struct app *app, const struct policy_actor *actor, int64_t person_id,
	struct arena *a, struct app_person_hit *out, struct kerr *err)
{
	struct participation *parts;
	struct kerr ignored;
	size_t n, i, kept = 0;
	int may_see = 0;
	char object[48];
	enum kerr_code rc;

	snprintf(object, sizeof(object), "person:%lld", (long long)person_id);
	if ((rc = app_allow(app, actor, POL_PERSON_SEARCH, NULL, object, err)) != KERR_OK)
		return rc;
	memset(out, 0, sizeof(*out));
	rc = store_person_get(app->st, person_id, a, &out->person, err);
	if (rc == KERR_OK)
		rc = store_person_participations(app->st, person_id, a, &parts, &n, err);
	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_NOTFOUND, "no person %lld", (long long)person_id);
	if (rc != KERR_OK)
		return rc;
	out->parts = arena_alloc(a, (n + 1) * sizeof(*out->parts));
	out->case_numbers = arena_alloc(a, (n + 1) * sizeof(*out->case_numbers));
	for (i = 0; i < n; i++) {
		struct kcase c;
		struct policy_case pc;
		enum pol_action reveal;

		if ((rc = store_case_get(app->st, parts[i].case_id, a, &c, err)) != KERR_OK)
			return rc;
		app_policy_case(&c, &pc);
		if (policy_check(actor, POL_CASE_READ, &pc, &ignored) != KERR_OK)
			continue;
		reveal = strcmp(parts[i].role, "victim") == 0 ? POL_REVEAL_VICTIM : POL_REVEAL_OTHER;
		if (policy_check(actor, reveal, &pc, &ignored) == KERR_OK)
			may_see = 1;
		out->parts[kept] = parts[i];
		out->case_numbers[kept] = c.number;
		kept++;
	}
	if (kept == 0)
		return kerr_set(err, KERR_NOTFOUND, "no person %lld", (long long)person_id);
	out->nparts = kept;
	out->person.id = person_id;
	out->person.name = NULL;
	if (may_see) {
		const char *clear = NULL;
		if ((rc = app_unseal(app, a, "person", person_id, "name", &clear, err)) != KERR_OK)
			return rc;
		out->person.name = app_mask(a, clear);
	}
	return KERR_OK;
}
