/*
 * dedup.h — the same person registered twice in the register (issue 12):
 * the persons of the cases the actor may read, their sealed identities
 * opened in memory only (name, birth date, document) and compared with the
 * Fellegi–Sunter engine of core/match.h beside sex and nationality; the
 * candidate pairs with their probability and agreement pattern. Names are
 * shown masked, and only where the actor may reveal them; the clear values
 * are wiped after the comparison. The run is audited (how many persons and
 * pairs, never a value).
 */
#ifndef KHIPU_DEDUP_H
#define KHIPU_DEDUP_H

#include "app/app.h"
#include "core/match.h"

#define APP_DEDUP_FIELDS 5   /* name, birth_date, doc_number, sex, nationality */

struct app_dedup_pair {
	int64_t person[2];
	const char *name[2];          /* masked, or NULL when the actor may not see it */
	const char *case_number[2];   /* a case of each person the actor may read */
	double probability, weight;
	uint8_t levels[APP_DEDUP_FIELDS];   /* enum match_level per field */
};

struct app_dedup_result {
	size_t persons, candidates;
	struct app_dedup_pair *pairs;       /* best first, in the arena */
	size_t npairs;
	struct match_model model;
};

/* The field names of app_dedup_pair.levels, in order. */
extern const char *const app_dedup_fields[APP_DEDUP_FIELDS];

/* Candidate pairs at or above threshold (in (0,1)) among the persons of the
 * cases the actor may read. Allowed to whoever may search persons. */
enum kerr_code app_dedup(struct app *app, const struct policy_actor *actor, double threshold,
	struct arena *a, struct app_dedup_result *out, struct kerr *err);

#endif
