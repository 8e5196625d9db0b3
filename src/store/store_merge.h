/*
 * store_merge.h — merged persons and rejected dedup pairs in the storage
 * interface (migration 0017_person_merges.sql; app/merge.c decides).
 */
#ifndef KHIPU_STORE_MERGE_H
#define KHIPU_STORE_MERGE_H

#include "store/store.h"

/* One case holding a person: a participation (role) or an identifier
 * (role "identifier"), removed ones too, with the case's office and shares. */
struct store_merge_case {
	int64_t case_id, office_id;
	const char *role;
	int64_t *shared_with;
	size_t nshared;
};
enum kerr_code store_merge_cases(struct store *st, int64_t person_id, struct arena *a,
	struct store_merge_case **out, size_t *n, struct kerr *err);

struct store_merge {
	int64_t id, kept, merged;
	const char *merged_by;
	int64_t merged_at;
	int64_t nparts, nidents;          /* rows moved */
};
/* Record the merge of m->merged into m->kept and move every participation
 * and identifier of m->merged to m->kept (sets id, nparts, nidents). */
enum kerr_code store_merge_apply(struct store *st, struct store_merge *m, struct kerr *err);
/* The live merge of merged into kept (KERR_NOTFOUND when none); with kept
 * 0, the live merge that took merged away, whoever kept it. */
enum kerr_code store_merge_live(struct store *st, int64_t kept, int64_t merged,
	struct arena *a, struct store_merge *out, struct kerr *err);
/* Give the rows of merge m back to m->merged and mark it undone. */
enum kerr_code store_merge_undo(struct store *st, const struct store_merge *m,
	const char *by, int64_t at, struct kerr *err);
/* The ids of the cases whose rows merge m moved (ascending). */
enum kerr_code store_merge_moved_cases(struct store *st, int64_t merge_id, struct arena *a,
	int64_t **out, size_t *n, struct kerr *err);

/* A pair said to be two persons (a < b, swapped when not); repeated: kept once. */
enum kerr_code store_dedup_reject(struct store *st, int64_t a, int64_t b, const char *by,
	int64_t at, struct kerr *err);
/* Every rejected pair, as 2n ids (a, b, a, b...). */
enum kerr_code store_dedup_rejected(struct store *st, struct arena *ar, int64_t **pairs,
	size_t *n, struct kerr *err);

#endif
