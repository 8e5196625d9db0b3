/*
 * casedoc.h — the JSON case document: parsing into the model and writing the
 * model out. The format is documented in docs/case-document.md; field names
 * are stable. Parsing checks shape, types, codes and dates and names the
 * offending field by its JSON path ("persons[1].victim.exploitation[0]");
 * it does not touch storage (references to existing offices and persons are
 * resolved by app_case_add).
 */
#ifndef KHIPU_CASEDOC_H
#define KHIPU_CASEDOC_H

#include <stddef.h>

#include <jansson.h>

#include "core/model.h"
#include "lib/arena.h"
#include "lib/kerr.h"

/* Parse a case document (UTF-8 JSON text of n bytes) into c, whose strings
 * and arrays live in arena a. The office is named by its code in
 * "office"; *office_code receives it (app_case_add resolves it). */
enum kerr_code casedoc_parse(const char *text, size_t n, struct arena *a,
	struct kcase *c, const char **office_code, struct kerr *err);
/* Same, also returning the codes of the offices in "shared_with" (arena
 * array of *nshared arena strings; NULL and 0 when none). c->shared_with is
 * left empty: the app resolves the codes to office ids. */
enum kerr_code casedoc_parse_ex(const char *text, size_t n, struct arena *a,
	struct kcase *c, const char **office_code, const char ***shared_codes,
	size_t *nshared, struct kerr *err);

/* An amended case document (khipu case update; docs/case-document.md):
 * the same fields, and also what case show writes (the case's "id" and
 * "version" into c->id and c->version, 0 when absent; "stage" and the
 * other output fields are ignored; children's "id" into their id, 0 for a
 * new one; shared_with may name offices by id, returned as "#ID"; when it
 * is absent *nshared is (size_t)-1). An identity field (name, alias,
 * doc_number, birth_date, address, an identifier's value, summary, note,
 * description) that is absent, or a birth date "****-**-**", is returned
 * as the pointer casedoc_keep: the app leaves it as stored; null is NULL
 * (erase). A participation with an "id" may carry person_id with the
 * person's fields, and need not give a name. */
enum kerr_code casedoc_parse_update(const char *text, size_t n, struct arena *a,
	struct kcase *c, const char **office_code, const char ***shared_codes,
	size_t *nshared, struct kerr *err);
extern const char casedoc_keep[];

enum casedoc_flags {
	CASEDOC_WITH_CHILDREN = 1 << 0,   /* persons, events, assets, identifiers, requests */
};
/* The JSON object of a case (as read by app_case_show: identity fields that
 * are NULL are written as null, masked ones as the masked text, and the
 * top-level "identities" says "none", "masked" or "revealed"). office_code
 * may be NULL. The caller json_decref()s the result. */
json_t *casedoc_to_json(const struct kcase *c, const char *office_code, const char *identities,
	int flags);
/* One participation (person with role and attributes) as JSON. */
json_t *casedoc_participation_json(const struct participation *p);

#endif
