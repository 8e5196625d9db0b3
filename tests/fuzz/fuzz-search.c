/*
 * fuzz-search.c — what a person search and every identity field go
 * through before a blind index (lib/norm.c: names, phonetic keys, phones,
 * documents, addresses, e-mails) and the validators of free text, dates,
 * codes and places (core/validate.c), as the API's ?name=, ?doc= and
 * ?phone= and every form field reach them. Invariants: outputs are
 * NUL-terminated within their buffers; a normalised name is idempotent.
 */
#include "fuzz.h"

#include "core/codebook.h"
#include "core/validate.h"
#include "lib/norm.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void
names(const char *s)
{
	char out[512], again[512], tokens[NORM_MAX_TOKENS][NORM_TOKEN_LEN], ph[NORM_TOKEN_LEN * 2];
	size_t nt, i;

	if (norm_name(s, out, sizeof(out)) == 0) {
		FUZZ_CHECK(strlen(out) < sizeof(out) && out[0] != '\0');
		/* folding a folded name changes nothing: the blind index is stable */
		FUZZ_CHECK(norm_name(out, again, sizeof(again)) == 0);
		FUZZ_CHECK(strcmp(out, again) == 0);
	}
	(void)norm_name(s, out, 8);   /* a short buffer is refused or cut, never overrun */
	nt = norm_name_tokens(s, tokens, NORM_MAX_TOKENS);
	FUZZ_CHECK(nt <= NORM_MAX_TOKENS);
	for (i = 0; i < nt; i++) {
		FUZZ_CHECK(strnlen(tokens[i], NORM_TOKEN_LEN) < NORM_TOKEN_LEN);
		if (norm_phonetic(tokens[i], ph, sizeof(ph)) == 0)
			FUZZ_CHECK(strlen(ph) < sizeof(ph));
	}
	if (nt > 0)
		(void)norm_name_join(tokens, nt, out, sizeof(out));
}

static void
identifiers(const char *s)
{
	static const char *const kinds[] = { "phone", "address", "vehicle_plate", "email",
		"passport", "social_media", NULL };
	char out[256];
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (norm_identifier(kinds[i], s, out, sizeof(out)) == 0)
			FUZZ_CHECK(strlen(out) < sizeof(out));
	if (norm_phone(s, out, sizeof(out)) == 0)
		FUZZ_CHECK(strlen(out) >= 6 && strlen(out) <= 15);
	(void)norm_alnum(s, out, 4);
	(void)norm_lower(s, out, 4);
}

static void
validators(const char *s)
{
	struct kerr e;

	if (validate_date("date", s, &e) == KERR_OK)
		FUZZ_CHECK(strlen(s) == 10);
	(void)validate_date_opt("date", s, &e);
	(void)validate_code("sex", CB_SEX, s, &e);
	(void)validate_ubigeo("ubigeo", s, &e);
	(void)validate_country("country", s, &e);
	(void)validate_text("summary", s, 4000, &e);
	(void)validate_username("name", s, &e);
	(void)validate_date_cmp(s, "2024-03-02");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);

	names(s);
	identifiers(s);
	validators(s);
	free(s);
	return 0;
}
