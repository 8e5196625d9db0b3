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

/* ---- merging (app/merge.c) ---- */

struct app_merge {
	int64_t id, kept, merged;
	int64_t participations, identifiers;   /* rows moved */
	size_t cases;                          /* cases that got a revision */
};

/* Make person merged (B) one with person kept (A): every participation and
 * identifier of B moves to A, each case touched gets a revision, B keeps
 * her identity and row; audited ("person.merge", ids and counts). Refused
 * for the same person twice, and unless the actor may update and reveal
 * the person in every case that holds either (the same refusal as for a
 * person who does not exist; the attempt audited as access.denied). */
enum kerr_code app_person_merge(struct app *app, const struct policy_actor *actor,
	int64_t kept, int64_t merged, struct app_merge *out, struct kerr *err);
/* Undo the merge of merged into kept in force: exactly the rows it moved go
 * back to merged. Refused when kept was merged into another person since
 * (undo that first). Same rule as a merge, on kept's cases; audited. */
enum kerr_code app_person_unmerge(struct app *app, const struct policy_actor *actor,
	int64_t kept, int64_t merged, struct app_merge *out, struct kerr *err);
/* A reviewer says a and b are two persons: the pair is not proposed again.
 * Both must be in a case the actor may read; audited ("dedup.reject"). */
enum kerr_code app_dedup_reject(struct app *app, const struct policy_actor *actor,
	int64_t a, int64_t b, struct kerr *err);

/* ---- PPRL from the register (app/link_register.c) ---- */

/* The register's schema for `link encode --as`: name (text), birth date
 * (date), sex and nationality (codes), the bits of link encode's defaults;
 * a CSV encoded with --fields NAME,BIRTH:date,SEX:id,NATIONALITY:id (codes
 * as the register writes them) matches it. */
#define APP_LINK_REGISTER_FIELDS "name,birth_date:date,sex:id,nationality:id"

struct app_link_register_report {
	size_t persons;
	char fingerprint[17];
};

/* Encode every person of the cases the actor may read whose identity she
 * may reveal there (role: NULL, "victim" or "suspect": only persons in that
 * role), one record per person ("P" and the person id), into out (a
 * khipu-clk file, no value in clear). Needs person.search; audited (how
 * many, the role, never a value). */
enum kerr_code app_link_encode_register(struct app *app, const struct policy_actor *actor,
	const char *secret_file, const char *role, const char *out,
	struct app_link_register_report *rep, struct kerr *err);

#endif
