/*
 * fuzz-casedoc.c — the JSON case document (app/casedoc.c) as `khipu case
 * add`, imports and POST /api/v1/cases hand it over, before any storage.
 * Invariants: a refusal says why (a message, and the field for every error
 * past the JSON syntax); a document that parses writes back out as JSON
 * (casedoc_to_json, as the API answers).
 */
#include "fuzz.h"

#include "app/casedoc.h"
#include "lib/i18n.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct kcase c;
	struct kerr e;
	const char *office, **shared;
	size_t nshared, i;
	enum kerr_code rc;

	arena_init(&a);
	kerr_clear(&e);
	rc = casedoc_parse_ex((const char *)data, size, &a, &c, &office, &shared, &nshared, &e);
	if (rc != KERR_OK) {
		FUZZ_CHECK(e.code == rc && e.msg[0] != '\0');
	} else {
		json_t *j = casedoc_to_json(&c, office, "revealed", CASEDOC_WITH_CHILDREN);
		FUZZ_CHECK(j != NULL);
		char *text = json_dumps(j, JSON_COMPACT);
		FUZZ_CHECK(text != NULL);
		free(text);
		json_decref(j);
		for (i = 0; i < c.nparts; i++) {
			json_t *p = casedoc_participation_json(&c.parts[i]);
			FUZZ_CHECK(p != NULL);
			json_decref(p);
		}
		for (i = 0; i < nshared; i++)
			FUZZ_CHECK(shared[i] != NULL);
	}
	arena_release(&a);
	return 0;
}
